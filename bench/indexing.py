"""Benchmark: rebuilding the search index, this version against a baseline in the same run.

    DATABASE_URL=postgres://…/wijkwijs_load .venv/bin/python bench/indexing.py \
        [--baseline babb407] [--runs 3] [--elasticsearch http://127.0.0.1:9219] \
        [--baseline-database postgres://…/wijkwijs_load_baseline]

Times ``rebuild_search_index``'s two halves on a database that already holds content (the
one ``bench/load.py --build`` fills: the demo, the corpus and 10,000 synthetic sections):
the database search records (``search.indexing.rebuild``) and, with ``--elasticsearch``, the
bulk load of a new Elasticsearch index (``search.elastic.index.rebuild``, under the index
prefix ``bench-indexing`` or ``$WIJKWIJS_BENCH_INDEX_PREFIX``, deleted afterwards). The
baseline is the code of another commit (by default the one before issue 19's indexing
work), exported with ``git archive`` and run
against the same database and node, alternating with this version run by run. Prints
records/s, median and slow end (p95) per version, with the machine and its load described.
Where this version's migrations change the search tables (0011 drops the GIN index where RUM
is), ``--baseline-database`` gives the baseline a copy at its own migration
(``createdb -T``, then ``migrate wijkwijs_search <its last>``): a rebuild rebuilds the
indexes it finds.
"""

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.ingest import describe_machine, percentile  # noqa: E402
from bench.versions import export, run_in  # noqa: E402

BASELINE = "babb407"  # issue 19's branch point: records written row by row
# Its own indexes, deleted afterwards; WIJKWIJS_BENCH_INDEX_PREFIX keeps two runs on one node apart.
ES_PREFIX = os.environ.get("WIJKWIJS_BENCH_INDEX_PREFIX", "bench-indexing")

# Run inside a version's source tree: one timed rebuild, its figures as JSON on stdout. CPU
# seconds say more than wall time on a shared machine: Python's, and the server's (the
# database backend's where it runs on this machine, without its parallel workers; the
# Elasticsearch node's, searches of others included).
MEASURE = """
import json, os, sys, time
sys.path.insert(0, os.getcwd())
import django
django.setup()
from django.db import connection
from search.models import SearchRecord
if sys.argv[1] == "database":
    from search.indexing import rebuild
else:
    from search.elastic.index import admin_client, rebuild
with connection.cursor() as cursor:
    cursor.execute("SELECT pg_backend_pid()")
    [backend] = cursor.fetchone()

def server_cpu():
    if sys.argv[1] == "elasticsearch":
        nodes = admin_client().nodes.stats(metric="process")["nodes"].values()
        return sum(node["process"]["cpu"]["total_in_millis"] for node in nodes) / 1000
    try:
        with open(f"/proc/{backend}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

server, python, started = server_cpu(), time.process_time(), time.perf_counter()
rebuild()
seconds = time.perf_counter() - started
python = time.process_time() - python
server = None if server is None else server_cpu() - server
records = SearchRecord.objects.count()
figures = {"records": records, "seconds": seconds, "python_cpu": python, "server_cpu": server}
print(json.dumps(figures))
"""


def measure(tree, what, elasticsearch_url, database_url) -> dict:
    env = {
        "DATABASE_URL": database_url,
        "WIJKWIJS_TASKS": "immediate",
        "ELASTICSEARCH_URL": elasticsearch_url if what == "elasticsearch" else "",
        "ELASTICSEARCH_INDEX_PREFIX": ES_PREFIX,
    }
    figures = run_in(tree, MEASURE, what, env=env)
    return figures | {"rate": figures["records"] / figures["seconds"]}


def cpu_seconds(figures) -> str:
    server = "?" if figures["server_cpu"] is None else f"{figures['server_cpu']:.1f}"
    return f"CPU s: Python {figures['python_cpu']:.1f}, server {server}"


def show(label, runs):
    rates = [figures["rate"] for figures in runs]
    median_cpu = {}
    for name in ("python_cpu", "server_cpu"):
        values = [figures[name] for figures in runs]
        median_cpu[name] = None if None in values else statistics.median(values)
    print(
        f"  {label:<44} median {statistics.median(rates):7.0f} records/s"
        f"   p95 {percentile(rates, 0.05):7.0f} records/s   ({len(rates)} runs;"
        f" median {cpu_seconds(median_cpu)})"
    )


def drop_bench_indexes(elasticsearch_url):
    os.environ |= {
        "DJANGO_SETTINGS_MODULE": "project.settings",
        "ELASTICSEARCH_URL": elasticsearch_url,
        "ELASTICSEARCH_INDEX_PREFIX": ES_PREFIX,
    }
    import django

    django.setup()
    from search.elastic import index

    index.drop_all()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default=BASELINE, help="commit to compare with")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--elasticsearch", default="", help="a node to bulk load (URL)")
    parser.add_argument(
        "--baseline-database", default="", help="the baseline's copy of the database (URL)"
    )
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database with content (bench/load.py --build).")
    kinds = ["database"] + (["elasticsearch"] if args.elasticsearch else [])
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"Machine: {describe_machine()}")
    print(f"Load average before: {load} (a machine shared with other work is slower)")
    with tempfile.TemporaryDirectory(prefix="wijkwijs-bench-indexing-") as folder:
        database = os.environ["DATABASE_URL"]
        versions = {
            f"baseline ({args.baseline})": (
                export(args.baseline, Path(folder)),
                args.baseline_database or database,
            ),
            "this version": (ROOT, database),
        }
        runs = {(kind, label): [] for kind in kinds for label in versions}
        records = 0
        try:
            for run in range(args.runs):
                # Alternate which goes first, so neither always meets a warm cache.
                order = list(versions.items())[:: 1 if run % 2 == 0 else -1]
                for kind in kinds:
                    for label, (tree, database_url) in order:
                        figures = measure(tree, kind, args.elasticsearch, database_url)
                        runs[(kind, label)].append(figures)
                        records = figures["records"]
                        print(
                            f"  run {run + 1}: {kind:<13} {label:<22} {figures['rate']:7.0f}"
                            f" records/s   {cpu_seconds(figures)}"
                            f"   (load {os.getloadavg()[0]:.1f})"
                        )
        finally:
            if args.elasticsearch:
                drop_bench_indexes(args.elasticsearch)
    print(f"\n{records} records")
    for kind in kinds:
        title = {
            "database": "Database search records (rebuild_search_index)",
            "elasticsearch": "Elasticsearch bulk load (search_index rebuild)",
        }[kind]
        print(title)
        for label in versions:
            show(label, runs[(kind, label)])
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"Load average after: {load}")


if __name__ == "__main__":
    main()

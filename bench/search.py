"""Benchmark: search latency at 10k and 100k report sections, against the Wagtail baseline.

    DATABASE_URL=postgres://… .venv/bin/python bench/search.py [--sizes 10000,100000] [--runs 3]

Needs PostgreSQL and an empty database it may fill (default: a `wijkwijs_bench` database on the
server `scripts/postgres.sh start` runs), or a new SQLite file for the demo's engine
(``DATABASE_URL=sqlite:///var/bench.sqlite3 … --sizes 1000``). The generator builds synthetic
reports from the real corpus: sections are made of real paragraphs (Dutch vocabulary)
recombined at the real sections' lengths, labelled with demo themes and municipalities, some
members-only. Then 200 mixed queries (one to three words, some with a facet filter, some with a
typo) and the judged queries of ``../shared/eval/`` (what people type: questions, rare words,
typos, expert questions; ``--queries``) run through the embedded engine (hits, snippets and
facet counts) and through `wagtail-default` (`Page.objects.live().search`), as a signed-in
editor, an anonymous visitor and a signed-in member of a community (`--as`; the last two search
with the visibility condition). Prints p50 and p95 per engine, query set and user, the median
over runs, with the machine described.

With `--engines elasticsearch,…` the records are also bulk-loaded into a fresh Elasticsearch
index (`search_index rebuild`: records per second are printed) and the same queries run on it;
the node is ELASTICSEARCH_URL, else one started by `scripts/elasticsearch.sh`.
"""

import argparse
import io
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.ingest import describe_machine, percentile  # noqa: E402

SECTIONS_PER_REPORT = 50
QUERY_COUNT = 200


def bench_database_url():
    # A database named by the caller must be empty; SQLite times the demo's engine.
    if os.environ.get("DATABASE_URL", "").startswith(("postgres", "sqlite")):
        return os.environ["DATABASE_URL"]
    server = subprocess.run(
        [str(ROOT / "scripts" / "postgres.sh"), "start"], capture_output=True, text=True, check=True
    ).stdout.strip()
    base = server.rsplit("/", 1)[0]
    subprocess.run(
        ["psql", f"{base}/postgres", "-qc", "DROP DATABASE IF EXISTS wijkwijs_bench"], check=True
    )
    subprocess.run(
        ["psql", f"{base}/postgres", "-qc", "CREATE DATABASE wijkwijs_bench"], check=True
    )
    return f"{base}/wijkwijs_bench"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    parser.add_argument("--engines", default="embedded,wagtail-default")
    parser.add_argument(
        "--as",
        dest="users",
        default="editor,anonymous,member",
        help="who searches: editor (sees everything), anonymous, member (of a community)",
    )
    parser.add_argument(
        "--queries",
        default="synthetic,judged",
        help="synthetic (200 from the corpus's words), judged (those of ../shared/eval/*.jsonl)",
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="time the bench database as it is (after an earlier run), without building",
    )
    args = parser.parse_args()
    if args.reuse:
        os.environ.setdefault("DATABASE_URL", "postgres://wijkwijs@127.0.0.1:54329/wijkwijs_bench")
    else:
        os.environ["DATABASE_URL"] = bench_database_url()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")
    os.environ["WIJKWIJS_TASKS"] = "immediate"
    os.environ.setdefault("MEDIA_ROOT", "/tmp/wijkwijs-bench-media")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from documents.ingest.collect import collect_files
    from documents.ingest.pipeline import import_file
    from documents.models import ReportSection

    rng = random.Random(2026)
    if args.reuse:
        editor = get_user_model().objects.get(username="bench")
        paragraphs, _lengths = shareable_texts(ReportSection.objects.all(), limit=2000)
        size = ReportSection.objects.count()
        print(f"Machine: {describe_machine()}\nReusing the bench database: {size} sections")
        users = searching_users(editor, args.users)
        query_sets = make_query_sets(args.queries, paragraphs, rng)
        measure(size, query_sets, users, args.runs, args.engines.split(","))
        return
    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0, stdout=io.StringIO())
    for path in collect_files([args.corpus]):
        import_file(path)
    paragraphs, lengths = shareable_texts(ReportSection.objects.all())
    editor = get_user_model().objects.create_superuser("bench", "bench@example.invalid", "bench-x1")
    users = searching_users(editor, args.users)
    print(f"Machine: {describe_machine()}")
    print(f"Source: {len(lengths)} real sections, {len(paragraphs)} paragraphs")
    created = 0
    for size in sorted(int(s) for s in args.sizes.split(",")):
        started = time.perf_counter()
        created = grow_to(size, created, paragraphs, lengths, rng)
        build = time.perf_counter() - started
        print(f"\n{size} sections (built and indexed in {build:.0f} s):")
        query_sets = make_query_sets(args.queries, paragraphs, rng)
        measure(size, query_sets, users, args.runs, args.engines.split(","))
    print(
        "\nTargets at 100k sections, 2 cores: embedded (PostgreSQL) p95 ≤ 200 ms, p50 ≤ 50 ms;"
        " elasticsearch p95 ≤ 50 ms, bulk load ≥ 1,000 sections/s."
    )


def elasticsearch_url():
    if os.environ.get("ELASTICSEARCH_URL"):
        return os.environ["ELASTICSEARCH_URL"]
    return subprocess.run(
        [str(ROOT / "scripts" / "elasticsearch.sh"), "start"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def load_elasticsearch():
    """Bulk-load every record into a new index; prints the rate."""
    from search.elastic import index

    started = time.perf_counter()
    built = index.rebuild()
    seconds = time.perf_counter() - started
    print(
        f"  elasticsearch bulk load: {built['records']} records in {seconds:.1f} s "
        f"({built['records'] / seconds:.0f} records/s)"
    )


def searching_users(editor, names) -> dict:
    """The users searches run as: the editor, an anonymous visitor, and a member of every
    community that has a members group (so members-only sections count for them)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import AnonymousUser

    from wijkwijs.models import CommunityPage

    member, _created = get_user_model().objects.get_or_create(username="bench-member")
    for community in CommunityPage.objects.exclude(members_group=None):
        member.groups.add(community.members_group)
    users = {"editor": editor, "anonymous": AnonymousUser(), "member": member}
    return {name: users[name] for name in names.split(",")}


def measure(size, query_sets, users, runs, engines=("embedded", "wagtail-default")):
    from django.test import override_settings

    counts = ", ".join(f"{len(queries)} {name}" for name, queries in query_sets.items())
    print(f"Queries ({counts}) at {size} sections:")
    # Only the measurement uses Elasticsearch: building the corpus sends nothing to it.
    elasticsearch = override_settings(
        ELASTICSEARCH_URL=elasticsearch_url() if "elasticsearch" in engines else "",
        ELASTICSEARCH_INDEX_PREFIX=os.environ.get("WIJKWIJS_BENCH_INDEX_PREFIX", "bench"),
        ELASTICSEARCH_TIMEOUT=30,
        # One shard per core: a search runs on both cores (the README's sizing advice).
        ELASTICSEARCH_SHARDS=os.cpu_count() or 1,
    )
    for engine_name in engines:
        if engine_name == "elasticsearch":
            elasticsearch.enable()
            load_elasticsearch()
        for set_name, queries in query_sets.items():
            for user_name, user in users.items():
                p50s, p95s = [], []
                for _run in range(runs):
                    times = time_queries(engine_name, queries, user)
                    p50s.append(statistics.median(times))
                    p95s.append(percentile(times, 0.95))
                print(
                    f"  {engine_name:<16} {set_name:<10} {user_name:<10}"
                    f" p50 {statistics.median(p50s) * 1000:7.1f} ms"
                    f"   p95 {statistics.median(p95s) * 1000:7.1f} ms   (median of {runs} runs)"
                )
        if engine_name == "elasticsearch":
            elasticsearch.disable()


def shareable_texts(sections, limit=None):
    """The paragraphs synthetic reports are made of, and the lengths of the sections they
    come from: of the reports every member may read only, so that no text an editor keeps
    to editors (interview write-ups that name people) is copied into a public report."""
    from wijkwijs.visibility import Visibility

    shared = sections.filter(report__visibility__in=[Visibility.PUBLIC, Visibility.MEMBERS])
    texts = [text for text in shared.values_list("text", flat=True)[:limit] if text]
    paragraphs = [p for text in texts for p in text.split("\n\n") if len(p) > 80]
    return paragraphs, [len(text) for text in texts]


def grow_to(size, created, paragraphs, lengths, rng):
    """Add synthetic reports until there are ``size`` synthetic sections, then reindex."""
    from django.db.models.signals import post_save

    from documents.models import ReportPage, ReportSection
    from search import signals
    from search.indexing import rebuild
    from wijkwijs.models import MunicipalityPage, ThemePage
    from wijkwijs.site_structure import ensure_site_structure

    parent = ensure_site_structure().reports
    themes = list(ThemePage.objects.all())
    municipalities = list(MunicipalityPage.objects.all())
    # Index once at the end instead of on every save.
    for model in signals.findable_models():
        post_save.disconnect(
            signals.reindex_saved_page, sender=model, dispatch_uid=f"search-{model.__name__}"
        )
    number = created // SECTIONS_PER_REPORT
    while created < size:
        number += 1
        report = ReportPage(
            title=f"Synthetisch rapport {number}",
            slug=f"synthetisch-{number}",
            kind=rng.choice(["evaluatie", "onderzoeksrapport", "voortgangsrapportage"]),
            visibility=rng.choice(["public", "public", "public", "members"]),
        )
        report.municipalities = rng.sample(municipalities, 2)
        report.themes = rng.sample(themes, 3)
        parent.add_child(instance=report)
        sections = []
        for position in range(SECTIONS_PER_REPORT):
            target, text = rng.choice(lengths), []
            while sum(map(len, text)) < target:
                text.append(rng.choice(paragraphs))
            heading = " ".join(rng.choice(paragraphs).split()[:4]).strip(".,;:")
            sections.append(
                ReportSection(
                    report=report,
                    position=position,
                    heading=heading,
                    level=2,
                    anchor=f"s{position}",
                    text="\n\n".join(text),
                )
            )
        ReportSection.objects.bulk_create(sections)
        created += SECTIONS_PER_REPORT
    signals.connect()
    rebuild()
    from django.core.management import call_command

    call_command("update_index", verbosity=0)
    return created


def make_query_sets(names, paragraphs, rng) -> dict:
    makers = {"synthetic": lambda: make_queries(paragraphs, rng), "judged": judged_queries}
    return {name: makers[name]() for name in names.split(",")}


def judged_queries():
    """The queries of the relevance judgments beside the project, with their filters."""
    queries = []
    for path in sorted((ROOT.parent / "shared" / "eval").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                queries.append((item["query"], item.get("filters") or {}))
    if not queries:
        sys.exit("No judged queries in ../shared/eval/*.jsonl (or leave out --queries judged).")
    return queries


def make_queries(paragraphs, rng):
    from wijkwijs.normalise import normalise

    words = [w for p in rng.sample(paragraphs, 400) for w in normalise(p).split() if len(w) > 5]
    queries = []
    for number in range(QUERY_COUNT):
        query = " ".join(rng.sample(words, rng.choice([1, 1, 2, 2, 3])))
        if number % 10 == 0:  # a typo
            position = rng.randrange(1, len(query) - 1)
            query = query[:position] + query[position + 1 :]
        filters = {"theme": "wmo"} if number % 7 == 0 else {}
        queries.append((query, filters))
    return queries


def time_queries(engine_name, queries, user):
    from search.engines import get_engine

    engine = get_engine(engine_name)
    times = []
    for query, filters in queries:
        started = time.perf_counter()
        result = engine.search(query, filters, user=user, limit=10)
        times.append(time.perf_counter() - started)
        if result.fallback:
            sys.exit(f"{engine_name} did not answer {query!r}: nothing measured")
    return times


if __name__ == "__main__":
    main()

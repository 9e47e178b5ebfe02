"""Load benchmark: many people at once against gunicorn, on both engines, and through an
Elasticsearch outage.

    DATABASE_URL=postgres://…/wijkwijs_load .venv/bin/python bench/load.py --build
    DATABASE_URL=postgres://…/wijkwijs_load .venv/bin/python bench/load.py   # again, as built

``--build`` fills an empty PostgreSQL database with the demo (and its logins), the corpus
and 10,000 synthetic report sections (bench/search.py's generator), timing the database
search records' rebuild. Then gunicorn serves the production configuration (gunicorn.conf.py,
a db_worker beside it) on 127.0.0.1 only, and Locust (headless, bounded in users, time and
requests) runs the mix of bench/load_users.py: home, search as visitor and as member with
facets, the expert finder, a report at a section anchor, the municipality comparison, the
search API and autocomplete while typing. First on the embedded engine; then on an
Elasticsearch node of this benchmark's own (``--es-port``, started and stopped here), after
timing its bulk load; then again while that node is stopped mid-run and started again, with
a page changed during the outage: every request must still succeed (the embedded engine
answers), and the change must reach the index once the node is back. Prints requests/s,
p50/p95/p99 per kind and the errors, with the machine described, and the server's CPU time
per request (gunicorn's processes and the database's backends): unlike the latencies, it
hardly depends on what else the machine is doing.

``--serve-from`` serves another version's source tree (``git worktree add … <commit>``) with
the same database, users and plan, to compare with it in alternate runs. ``--baseline``
serves such a tree beside this one in the same run, on the same database, plan and
Elasticsearch node: on the embedded engine the baseline first, on Elasticsearch the
baseline second (so neither version always meets the warmer database). The first run on
a node just bulk-loaded pays for its segment merges (about twice the node's CPU per
request): compare Elasticsearch figures of runs in the same place, or run again with the
two trees swapped (``--baseline`` this tree, ``--serve-from`` the other).
"""

import argparse
import contextlib
import csv
import json
import os
import random
import secrets
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.ingest import describe_machine  # noqa: E402

SYNTHETIC_SECTIONS = 10_000
# Locust in a virtualenv of its own: it needs urllib3 2, the Elasticsearch 7 client urllib3 1.
LOCUST_VENV = ROOT / "var" / "locust-venv"
LOCUST_VERSION = "locust>=2.30,<3"
TARGETS = {"page": 300, "api": 150}  # p95, ms
CATCH_UP_TARGET = 60  # s after the node is back


@dataclass
class Server:
    url: str
    pid: int  # gunicorn's master
    node_pid_file: Path | None = None  # the Elasticsearch node's, if one serves


def production_env(port, elasticsearch_url="", prefix="load", tree=ROOT):
    return os.environ | {
        "WIJKWIJS_ENV": "production",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",  # plain HTTP on 127.0.0.1
        "WIJKWIJS_TASKS": "database",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_ACCESS_LOG": str(ROOT / "var" / "load-access.log"),
        "STATIC_ROOT": str(ROOT / "var" / f"load-static-{tree.name}"),
        "ELASTICSEARCH_URL": elasticsearch_url,
        "ELASTICSEARCH_INDEX_PREFIX": prefix,
        "ELASTICSEARCH_RETRY_AFTER": "10",
    }


def version_of(tree):
    done = subprocess.run(
        ["git", "-C", str(tree), "log", "-1", "--format=%h %s"], capture_output=True, text=True
    )
    return done.stdout.strip()[:60] or "not a git tree"


def wait_until(condition, what, limit):
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            sys.exit(f"gave up after {limit} s waiting for {what}")
        time.sleep(0.5)


def answers(url):
    try:
        return urllib.request.urlopen(url, timeout=10).status == 200
    except OSError:
        return False


def cpu_seconds(pid):
    """User and system CPU time of a process and of its children that have ended."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(tick) for tick in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def server_cpu(server):
    """CPU seconds so far of gunicorn (master and workers), of this database's backends
    (PostgreSQL on this machine; a backend that has ended is missed) and of the
    Elasticsearch node (by its process id: a node restarted meanwhile is not compared)."""
    from django.db import connection

    workers = [
        int(pid)
        for pid in Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid()"
        )
        backends = [pid for (pid,) in cursor.fetchall()]

    def total(pids):
        return sum(cpu_seconds(pid) for pid in pids if Path(f"/proc/{pid}").exists())

    spent = {"gunicorn": total([server.pid, *workers]), "database": total(backends)}
    if server.node_pid_file and server.node_pid_file.exists():
        node = int(server.node_pid_file.read_text())
        spent[f"elasticsearch {node}"] = total([node])
    return spent


def node_folder(port):
    return ROOT / "var" / f"elasticsearch-load-{port}"


@contextlib.contextmanager
def serving(port, elasticsearch_url="", prefix="load", tree=ROOT, node_port=None):
    """gunicorn and a task worker with the production settings, until the block ends."""
    env = production_env(port, elasticsearch_url, prefix, tree)
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], cwd=tree, env=env, check=True)
    subprocess.run([*manage, "createcachetable", "-v0"], cwd=tree, env=env, check=True)
    # gunicorn's own log and every server error's traceback, for reading after the run.
    server_log = (ROOT / "var" / "load-gunicorn.log").open("a", encoding="utf-8")
    processes = [
        subprocess.Popen([*manage, "db_worker", "--no-reload", "-v0"], cwd=tree, env=env),
        subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py", "project.wsgi"],
            cwd=tree,
            env=env,
            stderr=server_log,
        ),
    ]
    try:
        wait_until(lambda: answers(f"http://127.0.0.1:{port}/health/"), "gunicorn", 300)
        node_pid_file = node_folder(node_port) / "node.pid" if node_port else None
        yield Server(f"http://127.0.0.1:{port}", processes[1].pid, node_pid_file)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        server_log.close()


def elasticsearch_node(action, port):
    env = os.environ | {
        "WIJKWIJS_ES_PORT": str(port),
        "WIJKWIJS_ES_HEAP": "768m",
        "WIJKWIJS_ES_DIR": str(node_folder(port)),
        "WIJKWIJS_ES_START_TIMEOUT": "580",
    }
    done = subprocess.run(
        [str(ROOT / "scripts" / "elasticsearch.sh"), action],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if done.returncode:
        sys.exit(f"elasticsearch {action} failed: {done.stderr}")
    return done.stdout.strip()


def locust():
    command = LOCUST_VENV / "bin" / "locust"
    if not command.exists():
        subprocess.run([sys.executable, "-m", "venv", str(LOCUST_VENV)], check=True)
        pip = str(LOCUST_VENV / "bin" / "pip")
        subprocess.run([pip, "install", "-q", LOCUST_VERSION], check=True)
    return str(command)


def swarm(server, plan_path, args, label):
    """One Locust run; returns its rows (per kind, then the total) and the server's CPU
    seconds during it."""
    prefix = ROOT / "var" / f"load-{label}"
    env = os.environ | {
        "LOAD_PLAN": str(plan_path),
        "LOAD_THINK": args.think,
        "LOAD_MAX_REQUESTS": str(args.max_requests),
    }
    arguments = [
        "--headless",
        "--users",
        str(args.users),
        "--spawn-rate",
        str(args.spawn_rate),
        "--run-time",
        f"{args.duration}s",
        "--host",
        server.url,
        "--csv",
        str(prefix),
        "--only-summary",
        "--stop-timeout",
        "10",
        "--loglevel",
        "ERROR",
    ]
    users = str(ROOT / "bench" / "load_users.py")
    before = server_cpu(server)
    # Locust exits with 1 when a request failed: the table shows which.
    subprocess.run([locust(), "-f", users, *arguments], env=env, stdout=subprocess.DEVNULL)
    after = server_cpu(server)
    with open(f"{prefix}_stats.csv", encoding="utf-8") as stats:
        rows = list(csv.DictReader(stats))
    return rows, {part: after[part] - before[part] for part in after if part in before}


def show(label, measured, duration):
    rows, cpu = measured
    print(f"\n{label}")
    print(
        f"  {'kind':<34} {'requests':>8} {'req/s':>6} {'p50':>6} {'p95':>6} {'p99':>6} "
        f"{'errors':>6}"
    )
    for row in rows:
        name = row["Name"] if row["Name"] != "Aggregated" else "all"
        print(
            f"  {name:<34} {row['Request Count']:>8} {float(row['Requests/s']):>6.1f} "
            f"{row['50%']:>6} {row['95%']:>6} {row['99%']:>6} {row['Failure Count']:>6}"
        )
    verdicts = []
    for row in rows:
        kind = row["Name"].split(":")[0]
        if kind in TARGETS and row["95%"] != "N/A" and float(row["95%"]) > TARGETS[kind]:
            verdicts.append(f"{row['Name']} p95 {row['95%']} ms > {TARGETS[kind]} ms")
    errors = sum(int(row["Failure Count"]) for row in rows if row["Name"] == "Aggregated")
    verdicts += [f"{errors} errors"] if errors else []
    print("  targets: " + ("; ".join(verdicts) if verdicts else "met (0 errors, p95 in bounds)"))
    requests = sum(int(row["Request Count"]) for row in rows if row["Name"] == "Aggregated")
    if requests:
        names = {"gunicorn": "gunicorn", "database": "PostgreSQL backends"}
        parts = [
            f"{1000 * seconds / requests:.0f} ms {names.get(part, 'Elasticsearch')}"
            for part, seconds in cpu.items()
        ]
        print(
            f"  server CPU per request: {' + '.join(parts)}; load average after: "
            f"{', '.join(f'{value:.1f}' for value in os.getloadavg())}"
        )


def build(corpus):
    import io

    from django.core.management import call_command

    from bench.search import grow_to, shareable_texts
    from documents.ingest.collect import collect_files
    from documents.ingest.pipeline import import_file
    from documents.models import ReportSection

    call_command("migrate", verbosity=0)
    call_command("load_demo", "--create-users", verbosity=0, stdout=io.StringIO())
    for path in collect_files([Path(corpus)]):
        import_file(path)
    paragraphs, lengths = shareable_texts(ReportSection.objects.all())
    grow_to(SYNTHETIC_SECTIONS, 0, paragraphs, lengths, random.Random(2026))


def time_database_rebuild():
    from search.indexing import rebuild

    started = time.perf_counter()
    records = rebuild()
    seconds = time.perf_counter() - started
    print(
        f"Database search records: {records} rebuilt in {seconds:.1f} s "
        f"({records / seconds:.0f} records/s; before issue 19: ~150/s)"
    )


def write_plan():
    """What the simulated users pick from, read from the database."""
    from django.urls import reverse

    from documents.models import ReportSection
    from project.demo import DEMO_USERS
    from search.models import SearchTerm
    from wijkwijs.models import MunicipalityPage, ThemePage
    from wijkwijs.visibility import Visibility

    rng = random.Random(19)
    words = list(
        SearchTerm.objects.filter(frequency__gte=5, word__regex=r"^[a-z]{5,}$")
        .order_by("-frequency")
        .values_list("word", flat=True)[:3000]
    )
    sections = [
        f"{s.report.url}#{s.anchor}"
        # Public reports only: the users are visitors and members, never editors.
        for s in ReportSection.objects.filter(
            report__live=True, report__visibility=Visibility.PUBLIC
        )
        .select_related("report")
        .order_by("?")[:300]
        if s.report.url
    ]
    member = next((name, password) for name, password, superuser, _ in DEMO_USERS if not superuser)
    plan = {
        "words": rng.sample(words, min(len(words), 1500)),
        "sections": sections,
        "municipalities": list(MunicipalityPage.objects.live().values_list("slug", flat=True)),
        "facets": [
            ("theme", slug) for slug in ThemePage.objects.live().values_list("slug", flat=True)
        ]
        + [("type", kind) for kind in ("rapport", "praktijk", "expert")],
        "login_url": reverse("wagtailcore_login"),
        "member": member,
    }
    path = ROOT / "var" / "load-plan.json"
    path.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    return path


def outage(server, plan_path, args, es_url):
    """Stop the node a quarter into the run, change a page while it is away, start it again
    at three fifths; then time until the change is in the index and the queue is empty."""
    from django.test import override_settings

    from search.elastic import index, sync
    from tests.factories import PracticeFactory

    timeline, measured = {}, []
    worker = threading.Thread(
        target=lambda: measured.append(swarm(server, plan_path, args, "outage"))
    )
    started = time.monotonic()
    worker.start()
    time.sleep(args.duration * 0.25)
    elasticsearch_node("stop", args.es_port)
    timeline["stopped"] = time.monotonic() - started
    with override_settings(
        ELASTICSEARCH_URL=es_url,
        ELASTICSEARCH_INDEX_PREFIX=args.es_prefix,
        TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}},
    ):
        changed = PracticeFactory(title=f"Uitvaltest {secrets.token_hex(3)}")
        key = f"page:{changed.pk}"
        queued = sync.pending()
        time.sleep(max(0.0, args.duration * 0.6 - (time.monotonic() - started)))
        elasticsearch_node("start", args.es_port)
        back = time.monotonic()
        timeline["back"] = back - started

        def caught_up():
            found = index.admin_client().exists(index=index.read_alias(), id=key)
            return found and sync.pending() == 0

        wait_until(caught_up, "the index to catch up", 600)
        catch_up = time.monotonic() - back
    worker.join()
    show(
        f"Elasticsearch stopped at {timeline['stopped']:.0f} s and back at "
        f"{timeline['back']:.0f} s of {args.duration} s",
        measured[0],
        args.duration,
    )
    verdict = "met" if catch_up <= CATCH_UP_TARGET else f"missed (> {CATCH_UP_TARGET} s)"
    print(
        f"  a page changed during the outage ({queued} queued) was in the index "
        f"{catch_up:.0f} s after the node was back: {verdict}"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", action="store_true", help="fill an empty database first")
    parser.add_argument(
        "--time-rebuild",
        action="store_true",
        help="rebuild the database search records, timed (done by --build)",
    )
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=float, default=5)
    parser.add_argument("--duration", type=int, default=120, help="seconds per run")
    parser.add_argument("--max-requests", type=int, default=20_000, help="per run, at most")
    parser.add_argument("--think", default="2,5", help="think time between requests (s)")
    parser.add_argument("--port", type=int, default=8190)
    parser.add_argument("--es-port", type=int, default=9219, help="the benchmark's own node")
    parser.add_argument("--es-prefix", default="load", help="the node's index names")
    parser.add_argument("--engines", default="embedded,elasticsearch,outage")
    parser.add_argument(
        "--serve-from",
        type=Path,
        default=ROOT,
        help="another version's source tree to serve (the same database and plan)",
    )
    parser.add_argument(
        "--baseline",
        type=Path,
        help="a baseline version's source tree, run beside this one on each engine",
    )
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database this benchmark may fill.")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")
    os.environ["WIJKWIJS_TASKS"] = "immediate"
    os.environ.setdefault("MEDIA_ROOT", str(ROOT / "var" / "load-media"))
    (ROOT / "var").mkdir(exist_ok=True)
    import django

    django.setup()
    from django.test import override_settings

    from search.elastic import index

    print(f"Machine: {describe_machine()}")
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"Load average before the runs: {load} (shared with other work: pessimistic figures)")
    if args.build:
        build(args.corpus)
    if args.build or args.time_rebuild:
        time_database_rebuild()
    plan = write_plan()
    engines = args.engines.split(",")
    print(
        f"{args.users} users, think time {args.think} s, {args.duration} s per run, "
        f"at most {args.max_requests} requests; gunicorn on 127.0.0.1:{args.port}, "
        f"serving {args.serve_from} ({version_of(args.serve_from)})"
    )
    trees = [args.baseline, args.serve_from] if args.baseline else [args.serve_from]

    def named(label, tree):
        return f"{label}, {version_of(tree)}" if args.baseline else label

    if "embedded" in engines:
        for tree in trees:
            with serving(args.port, tree=tree) as server:
                show(
                    named("Embedded engine (PostgreSQL)", tree),
                    swarm(server, plan, args, f"embedded-{tree.name}"),
                    args.duration,
                )
    if "elasticsearch" not in engines and "outage" not in engines:
        return
    es_url = elasticsearch_node("start", args.es_port)
    try:
        with override_settings(ELASTICSEARCH_URL=es_url, ELASTICSEARCH_INDEX_PREFIX=args.es_prefix):
            started = time.perf_counter()
            built = index.rebuild()
            seconds = time.perf_counter() - started
            print(
                f"\nElasticsearch bulk load: {built['records']} records in {seconds:.1f} s "
                f"({built['records'] / seconds:.0f} records/s; before issue 19: ~1,250/s)"
            )
        for tree in reversed(trees) if "elasticsearch" in engines else []:
            with serving(args.port, es_url, args.es_prefix, tree, args.es_port) as server:
                label = f"elasticsearch-{tree.name}"
                show(named("Elasticsearch", tree), swarm(server, plan, args, label), args.duration)
        if "outage" in engines:
            with serving(
                args.port, es_url, args.es_prefix, args.serve_from, args.es_port
            ) as server:
                outage(server, plan, args, es_url)
    finally:
        elasticsearch_node("stop", args.es_port)


if __name__ == "__main__":
    main()

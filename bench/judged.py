"""Benchmark: the judged queries' search latency, this version against a baseline, in one run.

    DATABASE_URL=postgres://…/wijkwijs_bench .venv/bin/python bench/judged.py \\
        --baseline 717eac7 [--queries ../shared/eval/dev.jsonl] [--runs 5] [--as anonymous,member]

On a bench database as bench/search.py built it (read only: nothing is written). Two
processes, one per source tree (``--baseline``: a commit, exported with ``git archive``, or
a tree), each warmed up by one untimed pass; then, run after run, each times every query
through ``engine.search`` (the main box: first page, hits with snippets, facet counts,
answers to expert questions) as each user, the two versions taking turns at going first.
Prints p50/p95 per version and user, overall and for the expert questions ("wie weet iets
van …"; each of them too), the median over runs, the load average, and whether both
versions answered every query with the same hits and scores.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.ingest import describe_machine, percentile  # noqa: E402
from bench.versions import export, settings_module  # noqa: E402

# Runs inside a tree: reads a user name per line, times the queries as that user, and
# answers with one JSON line (seconds per query, each query's intent and first page).
WORKER = """
import json, os, sys, time
sys.path.insert(0, os.getcwd())
import django
django.setup()
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from search.engines import get_engine
from search.query import parse

queries = json.loads(sys.argv[1])
engine = get_engine(sys.argv[2])
accounts = get_user_model().objects
users = {
    "anonymous": AnonymousUser(),
    "editor": accounts.get(username="bench"),
    "member": accounts.get(username="bench-member"),  # of every community (bench/search.py)
}

def page(result):
    return [(hit.url, hit.score, hit.title) for hit in result.hits]

for line in sys.stdin:
    user = users[line.strip()]
    times, pages = [], []
    for query, filters in queries:
        started = time.perf_counter()
        result = engine.search(query, filters, user=user, limit=10)
        times.append(time.perf_counter() - started)
        pages.append(page(result))
    intents = [parse(query).intent for query, _filters in queries]
    print(json.dumps({"times": times, "pages": pages, "intents": intents}), flush=True)
"""


class Version:
    def __init__(self, label, tree, queries, engine):
        self.label, self.tree = label, tree
        env = os.environ | {"DJANGO_SETTINGS_MODULE": settings_module(tree)}
        self.process = subprocess.Popen(
            [sys.executable, "-c", WORKER, json.dumps(queries), engine],
            cwd=tree,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def time(self, user) -> dict:
        self.process.stdin.write(f"{user}\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            sys.exit(f"{self.label} ({self.tree}) stopped")
        return json.loads(line)

    def stop(self):
        self.process.stdin.close()
        self.process.wait(timeout=60)


def judged(path) -> list:
    queries = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            queries.append((item["query"], item.get("filters") or {}))
    return queries


def ms(seconds) -> str:
    return f"{seconds * 1000:6.0f} ms"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", required=True, help="a commit or a source tree")
    parser.add_argument("--queries", default=str(ROOT.parent / "shared" / "eval" / "dev.jsonl"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--as", dest="users", default="anonymous,member")
    parser.add_argument("--engine", default="embedded")
    args = parser.parse_args()
    os.environ.setdefault("DATABASE_URL", "postgres://wijkwijs@127.0.0.1:54329/wijkwijs_bench")
    queries = judged(args.queries)
    users = args.users.split(",")
    with tempfile.TemporaryDirectory() as folder:
        baseline = Path(args.baseline)
        if not baseline.is_dir():
            baseline = export(args.baseline, Path(folder))
        versions = [
            Version(f"baseline {args.baseline}", baseline, queries, args.engine),
            Version("this version", ROOT, queries, args.engine),
        ]
        print(f"Machine: {describe_machine()}; load average {os.getloadavg()[:3]}")
        print(f"{len(queries)} queries of {args.queries}, {args.engine} engine, {args.runs} runs")
        for version in versions:  # warm up: caches, connections, the database's buffers
            for user in users:
                version.time(user)
        measured = {(v.label, user): [] for v in versions for user in users}
        differing = set()
        for run in range(args.runs):
            order = versions if run % 2 == 0 else versions[::-1]
            for user in users:
                answers = {version.label: version.time(user) for version in order}
                for label, answer in answers.items():
                    measured[label, user].append(answer)
                first, second = (answers[version.label]["pages"] for version in versions)
                differing |= {
                    (user, queries[n][0]) for n in range(len(queries)) if first[n] != second[n]
                }
            print(f"  run {run + 1}: load average {os.getloadavg()[:3]}")
        for version in versions:
            version.stop()
    for (label, user), answers in measured.items():
        expert = [n for n, intent in enumerate(answers[0]["intents"]) if intent == "expert"]
        for subset, numbers in (("all", range(len(queries))), ("expert", expert)):
            times = [[answer["times"][n] for n in numbers] for answer in answers]
            p50 = statistics.median(statistics.median(run) for run in times)
            p95 = statistics.median(percentile(run, 0.95) for run in times)
            print(
                f"  {label:<22} {user:<10} {subset:<7} ({len(numbers):3} queries)"
                f"  p50 {ms(p50)}  p95 {ms(p95)}  (median of {len(times)} runs)"
            )
    print("Expert questions, median over runs (ms):", " / ".join(v.label for v in versions))
    for user in users:
        first = measured[versions[0].label, user][0]
        for n, intent in enumerate(first["intents"]):
            if intent == "expert":
                medians = [
                    statistics.median(answer["times"][n] for answer in measured[v.label, user])
                    for v in versions
                ]
                shown = " / ".join(f"{median * 1000:.0f}" for median in medians)
                print(f"  {user:<10} {queries[n][0]:<45} {shown}")
    print(f"Load average at the end: {os.getloadavg()[:3]}")
    if differing:
        print(f"Different first pages ({len(differing)}):")
        for user, query in sorted(differing):
            print(f"  {user}: {query}")
    else:
        print("Both versions answered every query with the same hits and scores.")


if __name__ == "__main__":
    main()

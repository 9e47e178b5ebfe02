"""Where a request's work goes, per kind of bench/load.py's mix: CPU time and queries.

    DATABASE_URL=postgres://…/wijkwijs_load .venv/bin/python bench/per_kind.py [--samples 20]

Runs in one process, with the production settings, through Django's test client (no
network, no gunicorn): each kind's requests from the load plan (var/load-plan.json, which
bench/load.py writes), as the visitor or the member the load's users are. Prints per kind
the median and the largest CPU milliseconds of this process, the number of queries and their
time in PostgreSQL as the client sees it, for a first view (nothing kept yet) and a repeat.
``--engine elasticsearch`` with ELASTICSEARCH_URL and ELASTICSEARCH_INDEX_PREFIX set uses an
index already loaded. ``--profile KIND`` prints cProfile's top functions for that kind.
"""

import argparse
import cProfile
import io
import json
import os
import pstats
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def kinds(plan, rng):
    """(name, signed in, one request's path and parameters) for each kind of the mix."""

    def query():
        return " ".join(rng.sample(plan["words"], rng.choice([1, 1, 2, 2, 3])))

    def facet():
        name, value = rng.choice(plan["facets"])
        return {"q": query(), name: value}

    def compare():
        return {"gemeente": rng.sample(plan["municipalities"], 2)}

    return [
        ("page: home", False, lambda: ("/", {})),
        ("page: search", False, lambda: ("/zoeken/", {"q": query()})),
        (
            "page: expert finder",
            False,
            lambda: ("/wie-weet-wat/", {"q": rng.choice(plan["words"])}),
        ),
        ("page: report#section", False, lambda: (rng.choice(plan["sections"]), {})),
        ("page: compare municipalities", False, lambda: ("/gemeenten-vergelijken/", compare())),
        ("api: search", False, lambda: ("/api/v1/search/", {"q": query()})),
        (
            "api: autocomplete",
            False,
            lambda: ("/api/v1/search/autocomplete/", {"q": rng.choice(plan["words"])[:4]}),
        ),
        ("page: search (member, facets)", True, lambda: ("/zoeken/", facet())),
        ("page: report#section (member)", True, lambda: (rng.choice(plan["sections"]), {})),
        ("api: search (member)", True, lambda: ("/api/v1/search/", {"q": query()})),
    ]


def measure(client, path, params):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        started = time.process_time()
        response = client.get(path.split("#")[0], params, HTTP_HOST="127.0.0.1")
        cpu = time.process_time() - started
    if response.status_code != 200:
        sys.exit(f"{path} {params}: {response.status_code}")
    database = sum(float(query["time"]) for query in queries.captured_queries)
    return 1000 * cpu, len(queries), 1000 * database


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=20)
    parser.add_argument("--engine", default="embedded")
    parser.add_argument("--profile", help="a kind's name, e.g. 'page: report#section'")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")
    os.environ |= {"WIJKWIJS_ENV": "production", "SECURE_SSL_REDIRECT": "false"}
    os.environ |= {"ALLOWED_HOSTS": "127.0.0.1", "SECURE_COOKIES": "false"}
    os.environ.setdefault("SECRET_KEY", "per-kind-profile-" + "x" * 40)
    os.environ.setdefault("STATIC_ROOT", str(ROOT / "var" / f"load-static-{ROOT.name}"))
    if args.engine != "elasticsearch":
        os.environ["ELASTICSEARCH_URL"] = ""
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    call_command("collectstatic", "--noinput", verbosity=0)

    from project.warm_up import warm_up

    warm_up()
    plan = json.loads((ROOT / "var" / "load-plan.json").read_text(encoding="utf-8"))
    visitor, member = Client(), Client()
    if not member.login(username=plan["member"][0], password=plan["member"][1]):
        sys.exit("the plan's member cannot log in")
    print(
        f"{'kind':<32} {'first: CPU ms':>13} {'max':>5} {'queries':>7} {'db ms':>6}"
        f" {'repeat: CPU':>11} {'queries':>7}"
    )
    for name, signed_in, make in kinds(plan, random.Random(19)):
        if args.profile and name != args.profile:
            continue
        client = member if signed_in else visitor
        requests = [make() for _ in range(args.samples)]
        profiler = cProfile.Profile() if args.profile else None
        if profiler:
            profiler.enable()
        first = [measure(client, path, params) for path, params in requests]
        if profiler:
            profiler.disable()
        repeat = [measure(client, path, params) for path, params in requests]
        cpu, queries, database = zip(*first, strict=True)
        print(
            f"{name:<32} {statistics.median(cpu):>13.0f} {max(cpu):>5.0f} "
            f"{statistics.median(queries):>7.0f} {statistics.median(database):>6.1f} "
            f"{statistics.median(r[0] for r in repeat):>11.0f} "
            f"{statistics.median(r[1] for r in repeat):>7.0f}"
        )
        if profiler:
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats(
                os.environ.get("SORT", "cumulative")
            ).print_stats(60)
            print(out.getvalue())


if __name__ == "__main__":
    main()

"""Locust users for bench/load.py (run by it; not a Django module).

The plan (LOAD_PLAN, a JSON file bench/load.py writes from the database) holds the words,
reports, municipalities and facets the users pick from. Think time 2–5 s (LOAD_THINK).
LOAD_MAX_REQUESTS ends the run after that many requests, whatever the time.
"""

import json
import os
import random
from pathlib import Path

from locust import HttpUser, between, events, task

PLAN = json.loads(Path(os.environ["LOAD_PLAN"]).read_text(encoding="utf-8"))
THINK = [float(s) for s in os.environ.get("LOAD_THINK", "2,5").split(",")]
MAX_REQUESTS = int(os.environ.get("LOAD_MAX_REQUESTS", "1000000"))
sent, environment = 0, None


@events.init.add_listener
def remember(environment, **kwargs):
    globals()["environment"] = environment


@events.request.add_listener
def stop_at_the_bound(**kwargs):
    global sent
    sent += 1
    if sent >= MAX_REQUESTS and environment.runner:
        environment.runner.quit()


def query():
    return " ".join(random.sample(PLAN["words"], random.choice([1, 1, 2, 2, 3])))


class Visitor(HttpUser):
    """Someone from a municipality, not signed in."""

    weight = 3
    wait_time = between(*THINK)

    @task(3)
    def home(self):
        self.client.get("/", name="page: home")

    @task(4)
    def search(self):
        self.client.get("/zoeken/", params={"q": query()}, name="page: search")

    @task(2)
    def experts(self):
        self.client.get(
            "/wie-weet-wat/", params={"q": random.choice(PLAN["words"])}, name="page: expert finder"
        )

    @task(2)
    def report(self):
        self.client.get(random.choice(PLAN["sections"]), name="page: report#section")

    @task(1)
    def compare(self):
        chosen = random.sample(PLAN["municipalities"], 2)
        self.client.get(
            "/gemeenten-vergelijken/",
            params={"gemeente": chosen},
            name="page: compare municipalities",
        )

    @task(3)
    def api_search(self):
        self.client.get("/api/v1/search/", params={"q": query()}, name="api: search")

    @task(2)
    def typing(self):
        """Autocomplete as a word is typed: one request per letter from the third on."""
        word = random.choice(PLAN["words"])
        for length in range(2, min(len(word), 7) + 1):
            self.client.get(
                "/api/v1/search/autocomplete/",
                params={"q": word[:length]},
                name="api: autocomplete",
            )


class Member(HttpUser):
    """A signed-in member searching with facets."""

    weight = 1
    wait_time = between(*THINK)

    def on_start(self):
        login = self.client.get(PLAN["login_url"], name="login form")
        token = login.cookies.get("csrftoken") or self.client.cookies.get("csrftoken")
        self.client.post(
            PLAN["login_url"],
            name="login",
            data={
                "username": PLAN["member"][0],
                "password": PLAN["member"][1],
                "csrfmiddlewaretoken": token,
                "next": "/",
            },
        )

    @task(3)
    def search_with_facets(self):
        facet, value = random.choice(PLAN["facets"])
        self.client.get(
            "/zoeken/", params={"q": query(), facet: value}, name="page: search (member, facets)"
        )

    @task(1)
    def api_search(self):
        self.client.get("/api/v1/search/", params={"q": query()}, name="api: search")

    @task(1)
    def report(self):
        self.client.get(random.choice(PLAN["sections"]), name="page: report#section")

"""The health endpoint a load balancer asks, and gunicorn serving the production set-up."""

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection, connections
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from documents.tasks import import_document
from operations import health
from tests.conftest import ends_with_the_tests, require_elasticsearch

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_all_well_on_the_embedded_engine(client):
    answer = client.get("/health/")
    assert answer.status_code == 200 and answer["Cache-Control"].startswith("max-age=0")
    body = answer.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["status"] == "ok"
    assert body["checks"]["elasticsearch"]["engine"] == "embedded"


def test_elasticsearch_up_then_away_is_ok_then_degraded_not_down(settings, client):
    settings.ELASTICSEARCH_URL = require_elasticsearch()
    settings.ELASTICSEARCH_INDEX_PREFIX = "health-no-index"
    body = client.get("/health/").json()
    assert body["checks"]["elasticsearch"]["status"] == "degraded"  # reachable, no index
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port()}"
    answer = client.get("/health/")
    assert answer.status_code == 200
    body = answer.json()
    assert body["status"] == "degraded"
    assert body["checks"]["elasticsearch"]["engine"] == "embedded (fallback)"
    assert body["checks"]["database"]["status"] == "ok"


@override_settings(TASKS=DATABASE_QUEUE)
def test_a_queue_no_worker_takes_from_is_degraded(client):
    assert client.get("/health/").json()["checks"]["task_queue"]["status"] == "ok"
    import_document.enqueue("/nergens/rapport.md")
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(hours=1))
    queue = client.get("/health/").json()["checks"]["task_queue"]
    assert queue["status"] == "degraded" and queue["waiting"] == 1
    assert queue["oldest_waiting_s"] >= 3600


@override_settings(TASKS=DATABASE_QUEUE)
def test_a_task_whose_worker_died_is_reported(client):
    if connection.vendor != "postgresql":
        pytest.skip("worker leases are PostgreSQL advisory locks")
    import_document.enqueue("/nergens/rapport.md")
    DBTaskResult.objects.update(status="RUNNING", worker_ids=["een-worker-die-er-niet-meer-is"])
    queue = client.get("/health/").json()["checks"]["task_queue"]
    assert queue["status"] == "degraded" and queue["abandoned"] == 1


def test_without_its_database_wijkwijs_is_down(client, monkeypatch):
    unreachable = connections.settings["default"] | {"HOST": "127.0.0.1", "PORT": closed_port()}
    connections.settings["unreachable"] = unreachable
    try:
        monkeypatch.setattr(health, "connection", connections.create_connection("unreachable"))
        answer = client.get("/health/")
    finally:
        del connections.settings["unreachable"]
    assert answer.status_code == 503
    assert answer.json()["checks"]["database"]["status"] == "down"


def test_gunicorn_serves_the_production_configuration(tmp_path):
    port = closed_port()
    env = os.environ | {
        "WIJKWIJS_ENV": "production",
        "SECRET_KEY": "een-lange-willekeurige-sleutel-" + "x7Qp9zLk2" * 6,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'serve.sqlite3'}",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "1",
    }
    env.pop("DEBUG", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py", "project.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        preexec_fn=ends_with_the_tests,
    )
    try:
        deadline, answer = time.monotonic() + 300, None
        while answer is None:  # generous: a busy machine starts Django slowly
            try:
                answer = urllib.request.urlopen(f"http://127.0.0.1:{port}/health/", timeout=30)
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, "gunicorn ended"
                time.sleep(0.5)
        assert answer.status == 200  # plain HTTP: the health check is not redirected to HTTPS
        assert b'"database": {"status": "ok"' in answer.read()
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            output = server.communicate(timeout=300)[0]
        except subprocess.TimeoutExpired:  # never left running, however slow or stuck
            server.kill()
            output = server.communicate()[0]
    assert "gthread" in output  # the configuration's worker class
    assert re.search(r'"GET /health/ HTTP/1.1" 200 \d+ \d+us', output)  # the access log

"""Two app servers, one site: two gunicorn instances, each with a task worker, sharing only
PostgreSQL, Elasticsearch and the bucket (each has a media folder of its own, left empty).

What one server takes in, the other serves, finds and cites; sessions and login limits
hold across them; an import is taken by one worker; a rebuild on one swaps the alias both
read. One test, so the servers start once. Every wait is a bounded poll on a condition;
every process is stopped at the end, whatever failed.
"""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
import requests
from django.conf import settings as django_settings
from django.db import connection
from django_tasks_db.models import DBTaskResult

from documents.models import ReportPage
from project.demo import DemoLoader
from tests.conftest import (
    CORPUS,
    S3_TEST_ACCESS_KEY,
    S3_TEST_SECRET_KEY,
    S3_TEST_URL,
    require_corpus,
    require_elasticsearch,
)

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(django_settings.BASE_DIR)
PATIENCE = 300  # seconds one condition may take on a loaded 2-core machine
TITLE = "Uitwerking interviews buurtgericht werken Oostburg"
EDITOR, MEMBER, PASSWORD = "redacteur-twee", "lid-twee", "twee-servers-wachtwoord-1"


def eventually(condition, what, nodes=()):
    """Poll ``condition`` until it returns something true; fail after PATIENCE seconds, or
    at once when a process of these nodes has stopped (with the logs' last lines)."""
    deadline, pause = time.monotonic() + PATIENCE, 0.2
    while True:
        if any(node.stopped() for node in nodes):
            pytest.fail(f"a process stopped while waiting for {what}:\n{logs(nodes)}")
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"still waiting for {what} after {PATIENCE} s:\n{logs(nodes)}")
        time.sleep(pause)
        pause = min(pause * 1.5, 2.0)


def logs(nodes):
    return "\n".join(
        f"--- {log.relative_to(node.log_dir.parent)}\n{log.read_text(errors='replace')[-3000:]}"
        for node in nodes
        for log in sorted(node.log_dir.glob("*.log"))
    )


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url():
    db = connection.settings_dict
    credentials = quote(db["USER"]) + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


class Node:
    """One app server: gunicorn and a db_worker, configured only through the environment."""

    def __init__(self, name, tmp_path, shared):
        self.name, self.port, self.log_dir = name, free_port(), tmp_path / name
        self.log_dir.mkdir()
        self.url = f"http://127.0.0.1:{self.port}"
        # A media folder of its own: nothing may land there.
        own = {"MEDIA_ROOT": str(self.log_dir / "media"), "WIJKWIJS_VAR_DIR": str(self.log_dir)}
        self.env = os.environ | shared | own
        self.processes = []

    def manage(self, *args):
        ran = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=PATIENCE,
        )
        assert ran.returncode == 0, f"manage.py {' '.join(args)}:\n{ran.stderr[-3000:]}"

    def start(self):
        self._spawn(
            "web",
            "-m",
            "gunicorn",
            "project.wsgi:application",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            "1",
            "--threads",
            "4",
            "--timeout",
            str(PATIENCE),
        )
        self._spawn(
            "worker",
            "manage.py",
            "db_worker",
            "--worker-id",
            self.name,
            "--queue-name",
            "*",
            "--interval",
            "0.5",
            "--no-reload",
        )

    def _spawn(self, role, *argv):
        with (self.log_dir / f"{role}.log").open("wb") as log:
            self.processes.append(
                subprocess.Popen(
                    [sys.executable, *argv],
                    cwd=ROOT,
                    env=self.env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    stdin=subprocess.DEVNULL,
                    start_new_session=True,
                )
            )

    def stopped(self):
        return any(process.poll() is not None for process in self.processes)

    def answers(self):
        try:
            return requests.get(f"{self.url}/beheer/login/", timeout=30).status_code == 200
        except requests.ConnectionError:
            return False

    def stop(self):
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture
def nodes(transactional_db, bucket, tmp_path, django_user_model, settings):
    require_corpus()
    if connection.vendor != "postgresql":
        pytest.skip("two servers share PostgreSQL; this database is " + connection.vendor)
    from search.elastic import index

    settings.ELASTICSEARCH_URL = require_elasticsearch()
    settings.ELASTICSEARCH_INDEX_PREFIX = f"test-nodes-{os.getpid()}"
    shared = {
        "DATABASE_URL": database_url(),
        "SECRET_KEY": "the-same-secret-on-every-node",  # sessions and CSRF tokens
        "DEBUG": "0",
        "WIJKWIJS_TASKS": "database",
        "WIJKWIJS_CACHE": "database",
        "LOGIN_FAILURE_LIMIT": "3",
        "MEDIA_STORAGE": "s3",
        "MEDIA_S3_BUCKET": bucket.bucket_name,
        "MEDIA_S3_ENDPOINT_URL": S3_TEST_URL,
        "MEDIA_S3_ACCESS_KEY_ID": S3_TEST_ACCESS_KEY,
        "MEDIA_S3_SECRET_ACCESS_KEY": S3_TEST_SECRET_KEY,
        "MEDIA_S3_REGION": "us-east-1",
        "ELASTICSEARCH_URL": settings.ELASTICSEARCH_URL,
        "ELASTICSEARCH_INDEX_PREFIX": settings.ELASTICSEARCH_INDEX_PREFIX,
        "ELASTICSEARCH_TIMEOUT": "30",
        "ELASTICSEARCH_RETRY_AFTER": "0",
    }
    # Transactional tests before this one flushed the database: the site comes back first.
    DemoLoader().run()
    django_user_model.objects.create_superuser(EDITOR, password=PASSWORD)
    django_user_model.objects.create_user(MEMBER, password=PASSWORD)
    first, second = Node("node-a", tmp_path, shared), Node("node-b", tmp_path, shared)
    try:
        first.manage("createcachetable")
        first.manage("search_index", "rebuild")
        first.start()
        second.start()
        eventually(lambda: first.answers() and second.answers(), "both servers", (first, second))
        yield first, second
    finally:
        first.stop()
        second.stop()
        index.drop_all()
    assert not (first.log_dir / "media").exists() and not (second.log_dir / "media").exists()


def csrf(session):
    return session.cookies["csrftoken"]


def log_in(session, node, username, password=PASSWORD):
    session.get(f"{node.url}/beheer/login/", timeout=60)
    response = session.post(
        f"{node.url}/beheer/login/",
        {"username": username, "password": password, "csrfmiddlewaretoken": csrf(session)},
        allow_redirects=False,
        timeout=60,
    )
    return response.status_code == 302 and "sessionid" in session.cookies


def import_outcome(session, node, status_url):
    response = session.get(node.url + status_url, allow_redirects=False, timeout=60)
    return response.headers.get("Location") if response.status_code == 302 else None


def test_what_one_server_takes_in_the_other_serves_finds_and_cites_and_both_share_state(nodes):
    first, second = nodes
    editor = requests.Session()
    assert log_in(editor, first, EDITOR)
    # The session made on the first server is valid on the second.
    admin_home = editor.get(f"{second.url}/beheer/", allow_redirects=False, timeout=60)
    assert admin_home.status_code == 200 and "/beheer/login/" not in admin_home.url

    data = (CORPUS / "oostburg-interviews-2014.md").read_bytes()
    queued = editor.post(
        f"{first.url}/beheer/rapporten/importeren/",
        {"kind": "", "visibility": "members", "csrfmiddlewaretoken": csrf(editor)},
        files={"file": ("oostburg.md", data)},
        allow_redirects=False,
        timeout=120,
    )
    assert queued.status_code == 302 and "/importeren/" in queued.headers["Location"]
    review_url = eventually(
        lambda: import_outcome(editor, second, queued.headers["Location"]),
        "the import task",
        nodes,
    )
    report = ReportPage.objects.get(title=TITLE)
    assert review_url == f"/beheer/rapporten/{report.pk}/indeling/"
    (task,) = DBTaskResult.objects.filter(task_path="documents.tasks.import_upload")
    assert task.worker_ids in (["node-a"], ["node-b"])  # taken by exactly one worker
    assert ReportPage.objects.filter(title=TITLE).count() == 1

    published = editor.post(
        second.url + review_url,
        {"action": "publish", "csrfmiddlewaretoken": csrf(editor)},
        allow_redirects=False,
        timeout=120,
    )
    assert published.status_code == 302
    report.refresh_from_db()
    assert report.live

    # Served by the second server from the bucket, after its access check.
    document = report.files.get().document
    download = editor.get(second.url + document.url, timeout=120)
    assert download.status_code == 200 and download.content == data
    anonymous = requests.get(second.url + document.url, allow_redirects=False, timeout=60)
    assert anonymous.status_code == 302 and "login" in anonymous.headers["Location"]

    # Found through Elasticsearch once the workers have sent the new report.
    def found_on(node):
        answer = editor.get(
            f"{node.url}/api/v1/search/", params={"q": "Oostburg interviews"}, timeout=120
        ).json()
        assert answer["engine"] == "elasticsearch", answer
        return any(report.slug in hit["url"] for hit in answer["hits"])

    eventually(lambda: found_on(second), "the report in the second server's search", nodes)
    finished = DBTaskResult.objects.exclude(finished_at=None)
    assert finished.count() > 1 and all(len(t.worker_ids) == 1 for t in finished)

    citation = editor.get(f"{second.url}{report.url}citatie/bibtex/", timeout=60)
    assert citation.status_code == 200 and TITLE in citation.text

    # A rebuild on the second server swaps the alias the first one reads.
    from search.elastic import index

    before = index.indexes_behind(index.read_alias())
    second.manage("search_index", "rebuild")
    after = index.indexes_behind(index.read_alias())
    assert len(after) == 1 and after != before
    assert not index.client().indices.exists(index=before[0])  # the old one is gone
    assert found_on(first)

    # Failed logins are counted in the shared cache: three (the limit) spread over both
    # servers lock the account on either, even against the right password.
    assert log_in(requests.Session(), second, MEMBER)
    for node in (first, second, first):
        assert not log_in(requests.Session(), node, MEMBER, "fout")
    assert not log_in(requests.Session(), second, MEMBER)

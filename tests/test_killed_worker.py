"""A task worker killed in the middle of an import (kill -9 of a real `db_worker` process)
leaves no half-written report and no orphaned file; the next worker retries the import,
or after the last attempt marks it failed, keeps the upload and tells the editor."""

import os
import signal
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
from django.db import connection
from django.test import override_settings
from django.urls import reverse
from django_tasks import TaskResultStatus
from wagtail.documents import get_document_model

from documents.models import ReportPage
from documents.tasks import import_document, incoming_root

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parents[1]
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
REPORT = """# Het egelpadenplan

## Aanleiding

Buurtbewoners maken gaten in schuttingen, zodat egels van tuin naar tuin kunnen.

## Resultaat

Zestig tuinen zijn nu met egelpaden verbonden.
"""


def database_url():
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def start_worker(settings, *arguments, attempts=2):
    env = os.environ | {
        "DATABASE_URL": database_url(),
        "WIJKWIJS_TASKS": "database",
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "WIJKWIJS_TASK_ATTEMPTS": str(attempts),
    }
    command = [
        sys.executable,
        "manage.py",
        "db_worker",
        "--no-startup-delay",
        "--no-reload",
        "--interval",
        "0.2",
        *arguments,
    ]
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )


def wait_for(condition, what, limit=300):
    """Poll a condition, generously bounded: the machine may be busy."""
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"after {limit} s still waiting for {what}")
        time.sleep(0.2)


@contextmanager
def documents_locked():
    """Holds the documents table against writes: storing a document then waits after its
    file was written, inside the import's transaction (foreign keys are only checked at
    commit, so holding a referenced row would stop the import too late)."""
    with psycopg.connect(database_url()) as blocker:
        blocker.execute("LOCK TABLE wagtaildocs_document IN SHARE MODE")
        yield
        blocker.rollback()


def stored_files(settings):
    folder = Path(settings.MEDIA_ROOT) / "documents"
    files = (path for path in folder.rglob("*") if path.is_file())
    return sorted(path.relative_to(settings.MEDIA_ROOT).as_posix() for path in files)


def worker_waits_on_a_lock():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND wait_event_type = 'Lock'",
            [connection.settings_dict["NAME"]],
        )
        return cursor.fetchone()[0] > 0


@pytest.fixture
def killed_mid_import(settings, tmp_path):
    """An uploaded report whose worker is killed while importing it: the task, the upload."""
    if connection.vendor != "postgresql":
        pytest.skip("worker leases are PostgreSQL advisory locks")
    settings.MEDIA_ROOT = tmp_path / "media"
    folder = incoming_root() / uuid.uuid4().hex
    folder.mkdir(parents=True)
    upload = folder / "egelpadenplan.md"
    upload.write_text(REPORT, encoding="utf-8")
    workers = []
    try:
        with override_settings(TASKS=DATABASE_QUEUE):
            task = import_document.enqueue(str(upload), publish=False, remove_after=True)
            with documents_locked():
                workers.append(start_worker(settings))
                wait_for(
                    lambda: stored_files(settings) and worker_waits_on_a_lock(),
                    "the worker to write the file and wait inside its transaction",
                )
                workers[0].send_signal(signal.SIGKILL)
                workers[0].wait(timeout=60)
            task.refresh()
            assert task.status == TaskResultStatus.RUNNING  # as the dead worker left it
            assert stored_files(settings)  # a file no document refers to, for now

            def recover(attempts):
                workers.append(start_worker(settings, "--batch", attempts=attempts))
                output = workers[-1].communicate(timeout=600)[0]
                assert workers[-1].returncode == 0, output
                task.refresh()
                return output

            yield task, upload, recover
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()
                worker.wait()


def test_the_next_worker_retries_the_import_of_a_killed_one(killed_mid_import, settings):
    task, upload, recover = killed_mid_import
    output = recover(attempts=2)
    assert "opnieuw ingepland" in output
    assert task.status == TaskResultStatus.SUCCESSFUL, output
    assert task.return_value["status"] == "imported"
    report = ReportPage.objects.get(title="Het egelpadenplan")  # exactly one
    assert list(report.sections.values_list("heading", flat=True)) == ["Aanleiding", "Resultaat"]
    documents = get_document_model().objects.values_list("file", flat=True)
    assert stored_files(settings) == sorted(documents)  # the killed attempt's file is gone
    assert not upload.parent.exists()  # imported: the upload has served its purpose


def test_after_the_last_attempt_the_upload_is_kept_and_the_editor_told(
    killed_mid_import, settings, admin_client
):
    task, upload, recover = killed_mid_import
    output = recover(attempts=1)
    assert "mislukt" in output
    assert task.status == TaskResultStatus.FAILED
    assert not ReportPage.objects.filter(title="Het egelpadenplan").exists()
    assert stored_files(settings) == []
    assert upload.read_text(encoding="utf-8") == REPORT
    with override_settings(TASKS=DATABASE_QUEUE):
        page = admin_client.get(reverse("documents_import_status", args=(task.id,)), follow=True)
    assert "onderbroken" in page.content.decode() and "bestand is bewaard" in page.content.decode()

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
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from wagtail.documents import get_document_model

from documents.models import ReportPage
from documents.tasks import import_document, import_upload, incoming_root, store_upload
from tests.conftest import ends_with_the_tests
from wijkwijs.workers import WorkerLost

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parents[2]
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
        command,
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        preexec_fn=ends_with_the_tests,
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


def queue_import(settings, source):
    """The report queued for import, as the import command or the web form does it: the
    task and the file it waits in."""
    if source == "web upload":
        stored = store_upload(SimpleUploadedFile("egelpadenplan.md", REPORT.encode()))
        task = import_upload.enqueue(stored, "egelpadenplan.md", publish=False)
        return task, Path(settings.MEDIA_ROOT) / stored
    folder = incoming_root() / uuid.uuid4().hex
    folder.mkdir(parents=True)
    upload = folder / "egelpadenplan.md"
    upload.write_text(REPORT, encoding="utf-8")
    return import_document.enqueue(str(upload), publish=False, remove_after=True), upload


@pytest.fixture(params=["import command"])
def killed_mid_import(request, settings, tmp_path):
    """A queued report whose worker is killed while importing it: the task, the file it
    waits in, and ``recover(attempts)``, which runs the next worker until the queue is empty."""
    if connection.vendor != "postgresql":
        pytest.skip("worker leases are PostgreSQL advisory locks")
    settings.MEDIA_ROOT = tmp_path / "media"
    workers = []
    try:
        with override_settings(TASKS=DATABASE_QUEUE):
            task, upload = queue_import(settings, request.param)
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


@pytest.mark.parametrize("killed_mid_import", ["import command", "web upload"], indirect=True)
def test_the_editor_retries_a_failed_import_once_and_gets_the_report(
    killed_mid_import, settings, admin_client
):
    task, upload, recover = killed_mid_import
    recover(attempts=1)
    assert task.status == TaskResultStatus.FAILED
    status_url = reverse("documents_import_status", args=(task.id,))
    with override_settings(TASKS=DATABASE_QUEUE):
        page = admin_client.get(status_url).content.decode()
        assert "bestand is bewaard" in page and "Opnieuw proberen" in page
        retry = reverse("documents_import_retry", args=(task.id,))
        for _click in range(2):  # a double click
            assert admin_client.post(retry).url == status_url
        queued = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
        imports = queued.filter(task_path=task.task.module_path).values_list("pk", flat=True)
        assert [str(pk) for pk in imports] == [task.id]
        recover(attempts=1)
        assert task.status == TaskResultStatus.SUCCESSFUL
        assert len(task.worker_ids) == 2  # the killed attempt and the retry: it ran once more
        review = admin_client.get(status_url, follow=True)
    report = ReportPage.objects.get(title="Het egelpadenplan")  # exactly one
    assert review.request["PATH_INFO"] == reverse("documents_review", args=(report.pk,))
    assert list(report.sections.values_list("heading", flat=True)) == ["Aanleiding", "Resultaat"]
    assert not upload.exists()  # imported: the kept file has served its purpose
    documents = get_document_model().objects.values_list("file", flat=True)
    assert stored_files(settings) == sorted(documents)


@pytest.fixture
def failed_import(settings, tmp_path):
    """A web upload whose import failed for good (its workers died), the file kept."""
    if connection.vendor != "postgresql":
        pytest.skip("the retry needs the database queue")
    settings.MEDIA_ROOT = tmp_path / "media"
    with override_settings(TASKS=DATABASE_QUEUE):
        task, upload = queue_import(settings, "web upload")
        DBTaskResult.objects.get(pk=task.id).set_failed(WorkerLost("worker ended"))
        yield task, upload


def retry_as(client, task):
    with override_settings(TASKS=DATABASE_QUEUE):
        answer = client.post(reverse("documents_import_retry", args=(task.id,)))
        task.refresh()
    return answer


def test_only_an_editor_who_may_import_can_retry(failed_import, client, django_user_model):
    task, _upload = failed_import
    reader = django_user_model.objects.create_user("alleenlezen", password="x-x-x-x-1")
    reader.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(reader)
    answer = retry_as(client, task)
    assert answer.status_code == 403 or answer.url == reverse("wagtailadmin_home")  # refused
    assert task.status == TaskResultStatus.FAILED


def test_a_retry_needs_the_form_of_the_status_page(failed_import, admin_user):
    task, _upload = failed_import
    forged = Client(enforce_csrf_checks=True)  # a post from another site carries no token
    forged.force_login(admin_user)
    assert retry_as(forged, task).status_code == 403
    assert task.status == TaskResultStatus.FAILED
    with override_settings(TASKS=DATABASE_QUEUE):
        page = forged.get(reverse("documents_import_status", args=(task.id,)))
        token = page.context["csrf_token"]
        retry = reverse("documents_import_retry", args=(task.id,))
        forged.post(retry, {"csrfmiddlewaretoken": str(token)})
        task.refresh()
    assert task.status == TaskResultStatus.READY


def test_without_the_kept_file_the_editor_is_told_to_upload_again(failed_import, admin_client):
    task, upload = failed_import
    upload.unlink()
    with override_settings(TASKS=DATABASE_QUEUE):
        page = admin_client.get(reverse("documents_import_status", args=(task.id,)), follow=True)
        assert "Opnieuw proberen" not in page.content.decode()
        answer = admin_client.post(reverse("documents_import_retry", args=(task.id,)), follow=True)
        task.refresh()
    assert "niet bewaard" in answer.content.decode()
    assert task.status == TaskResultStatus.FAILED

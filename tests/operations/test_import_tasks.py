"""Imports as background tasks on the database queue, processed by `db_worker`."""

import pytest
from django.core.management import call_command
from django.test import override_settings
from django_tasks import TaskResultStatus

from documents.models import ReportPage
from documents.tasks import import_document
from tests.conftest import CORPUS, require_corpus

# The worker closes database connections between tasks, so this needs committed data.
pytestmark = pytest.mark.django_db(transaction=True)
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@override_settings(TASKS=DATABASE_QUEUE)
def test_queued_imports_wait_for_the_worker_and_survive_a_bad_file(tmp_path):
    require_corpus()
    broken = tmp_path / "kapot.pdf"
    broken.write_bytes(b"%PDF-1.4 niet meer dan dit")
    good = import_document.enqueue(str(CORPUS / "oostburg-interviews-2014.md"))
    bad = import_document.enqueue(str(broken))
    before = ReportPage.objects.count()
    assert good.status == TaskResultStatus.READY  # queued, nothing imported yet
    assert ReportPage.objects.count() == before

    call_command("db_worker", "--batch", "--no-startup-delay")

    good.refresh()
    bad.refresh()
    assert good.status == TaskResultStatus.SUCCESSFUL
    assert good.return_value["status"] == "imported"
    assert bad.status == TaskResultStatus.SUCCESSFUL  # the worker recorded it and went on
    assert bad.return_value["status"] == "failed" and "PDF" in bad.return_value["error"]
    assert ReportPage.objects.count() == before + 1

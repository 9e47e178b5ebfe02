"""While Elasticsearch is away, a failed sync leaves one sync waiting to try again, so the
index catches up after the outage even when nobody changes or searches anything."""

import datetime
import socket

import pytest
from django.test import override_settings
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from search.elastic import sync
from search.elastic.sync import sync_elasticsearch
from tests.factories import PracticeFactory

pytestmark = pytest.mark.django_db
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_a_failed_sync_leaves_one_sync_waiting_to_try_again(settings):
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))  # a port nobody listens on
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed.getsockname()[1]}"
    settings.ELASTICSEARCH_ADMIN_RETRIES = 0
    settings.ELASTICSEARCH_RETRY_AFTER = 30
    syncs = DBTaskResult.objects.filter(task_path=sync_elasticsearch.module_path)
    with override_settings(TASKS=DATABASE_QUEUE):
        PracticeFactory(title="De ooievaarsnesten")
        syncs.delete()  # as a worker would have taken the sync that the change queued
        started = timezone.now()
        for _worker in range(2):  # the failing sync runs, then another one does
            assert sync_elasticsearch.call() == 0
    closed.close()
    assert sync.pending() == 1  # the change is kept for the cluster's return
    waiting = syncs.get(status=TaskResultStatus.READY)  # one, however many failed
    assert waiting.run_after >= started + datetime.timedelta(seconds=30)

"""Keeping Elasticsearch in step with the database's search records.

Every change to a page's records queues the page (``schedule``) and enqueues the task
``sync_elasticsearch``, which sends every queued page (``drain``). A page is unqueued only
if it was not queued again while it was being sent, so no change is lost to a race or an
outage.
"""

import datetime
import logging
import zlib

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from elasticsearch.exceptions import ElasticsearchException

from search.elastic import index
from search.models import PendingIndexUpdate
from wijkwijs.workers import uses_database_queue

DRAIN_BATCH = 200
logger = logging.getLogger(__name__)
unreachable_reported = False  # one line per outage, not one traceback per change


def schedule(page_ids):
    if not index.configured() or not page_ids:
        return
    now = timezone.now()
    PendingIndexUpdate.objects.bulk_create(
        [PendingIndexUpdate(page_id=page_id, queued_at=now) for page_id in set(page_ids)],
        update_conflicts=True,
        unique_fields=["page_id"],
        update_fields=["queued_at"],
    )
    sync_elasticsearch.enqueue()


def pending() -> int:
    return PendingIndexUpdate.objects.count()


def ensure_index():
    """The first update after ELASTICSEARCH_URL is set finds no index: build it from the
    database's records, which already hold every queued change (one builder at a time)."""
    if index.indexes_behind(index.write_alias()):
        return
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                key = zlib.crc32(index.write_alias().encode())
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])
        if index.indexes_behind(index.write_alias()):
            return
        built = index.rebuild()
    logger.warning(
        "Elasticsearch had no index behind %s: built %s from the database (%d records).",
        index.write_alias(),
        built["index"],
        built["records"],
    )


def drain(progress=None) -> int:
    """Send every queued page; returns how many were sent. Errors propagate (the rows stay)."""
    ensure_index()
    total, sent = pending(), 0
    while True:
        with transaction.atomic():
            rows = list(
                PendingIndexUpdate.objects.select_for_update(skip_locked=True).order_by(
                    "queued_at"
                )[:DRAIN_BATCH]
            )
            if not rows:
                return sent
            index.replace_pages([row.page_id for row in rows], refresh=True)
            unchanged = Q()
            for row in rows:
                unchanged |= Q(page_id=row.page_id, queued_at=row.queued_at)
            PendingIndexUpdate.objects.filter(unchanged).delete()
        sent += len(rows)
        if progress:
            progress(min(sent, total), max(total, sent))


@task()
def sync_elasticsearch() -> int:
    """Send the queued pages. While Elasticsearch fails they stay queued, and are sent by the
    next change, the first search after the outage, `search_index sync`, or the sync this
    task leaves waiting for a moment later (``try_again_later``)."""
    global unreachable_reported
    try:
        sent = drain()
    except ElasticsearchException as error:
        if not unreachable_reported:
            logger.warning(
                "Elasticsearch failed (%s): %d changed pages wait in the queue until it answers "
                "again (or run `manage.py search_index sync`).",
                error,
                pending(),
            )
            unreachable_reported = True
        try_again_later()
        return 0
    unreachable_reported = False
    return sent


def try_again_later():
    """With the database queue, one sync waits ELASTICSEARCH_RETRY_AFTER seconds and tries
    again, so the index catches up once the cluster is back, with no change or search to
    prompt it. Only one: a sync that finds another queued leaves the trying to that one."""
    if not uses_database_queue():
        return
    from django_tasks_db.models import DBTaskResult  # noqa: PLC0415 (only with that queue)

    queued = DBTaskResult.objects.filter(
        task_path=sync_elasticsearch.module_path, status=TaskResultStatus.READY
    )
    if not queued.exists():
        later = timezone.now() + datetime.timedelta(seconds=settings.ELASTICSEARCH_RETRY_AFTER)
        sync_elasticsearch.using(run_after=later).enqueue()

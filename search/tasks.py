"""Background work for search: sending changed records to Elasticsearch."""

import datetime
import logging

from django.conf import settings
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from elasticsearch.exceptions import ElasticsearchException

from search.elastic import sync
from wijkwijs.workers import uses_database_queue

logger = logging.getLogger(__name__)
unreachable_reported = False  # one line per outage, not one traceback per change


@task()
def sync_elasticsearch() -> int:
    """Send the queued pages. While Elasticsearch fails they stay queued, and are sent by the
    next change, the first search after the outage, `search_index sync`, or the sync this
    task leaves waiting for a moment later (``try_again_later``)."""
    global unreachable_reported
    try:
        sent = sync.drain()
    except ElasticsearchException as error:
        if not unreachable_reported:
            logger.warning(
                "Elasticsearch failed (%s): %d changed pages wait in the queue until it answers "
                "again (or run `manage.py search_index sync`).",
                error,
                sync.pending(),
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
    from django_tasks_db.models import DBTaskResult

    queued = DBTaskResult.objects.filter(
        task_path=sync_elasticsearch.module_path, status=TaskResultStatus.READY
    )
    if not queued.exists():
        later = timezone.now() + datetime.timedelta(seconds=settings.ELASTICSEARCH_RETRY_AFTER)
        sync_elasticsearch.using(run_after=later).enqueue()

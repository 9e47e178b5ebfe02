"""Background work for search: sending changed records to Elasticsearch."""

import logging

from django_tasks import task
from elasticsearch.exceptions import ElasticsearchException

from search.elastic import sync

logger = logging.getLogger(__name__)
unreachable_reported = False  # one line per outage, not one traceback per change


@task()
def sync_elasticsearch() -> int:
    """Send the queued pages. While Elasticsearch fails they stay queued, and are sent by the
    next change, the first search after the outage or `search_index sync`."""
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
        return 0
    unreachable_reported = False
    return sent

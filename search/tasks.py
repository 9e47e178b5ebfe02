"""Background work for search: sending changed records to Elasticsearch."""

from django_tasks import task

from search.elastic import sync


@task()
def sync_elasticsearch() -> int:
    return sync.drain()

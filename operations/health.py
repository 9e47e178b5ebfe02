"""What a load balancer or monitor asks: can Wijkwijs serve, and is anything failing?

The database is essential: without it Wijkwijs is down. The task queue and Elasticsearch
are not: a queue no worker empties delays imports and index updates, and without
Elasticsearch the embedded engine answers searches. Those make Wijkwijs degraded.
"""

import time

from django.db import connection
from django.utils import timezone
from elasticsearch.exceptions import ElasticsearchException

from search.elastic import index, sync
from wijkwijs import workers

OK, DEGRADED, DOWN = "ok", "degraded", "down"
# A task waiting longer than this means no worker is taking tasks.
TASK_WAIT_LIMIT = 300  # seconds


def timed(check):
    started = time.monotonic()
    try:
        result = check()
    except Exception as error:  # noqa: BLE001 — a failing check is reported, never raised
        result = {"status": DOWN, "error": type(error).__name__}
    result["ms"] = round((time.monotonic() - started) * 1000, 1)
    return result


def database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return {"status": OK, "vendor": connection.vendor}


def task_queue():
    if not workers.uses_database_queue():
        return {"status": OK, "mode": "immediate"}
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.ready().order_by("enqueued_at")
    oldest = waiting.values_list("enqueued_at", flat=True).first()
    waited = (timezone.now() - oldest).total_seconds() if oldest else 0
    abandoned = len(workers.abandoned_tasks())
    status = DEGRADED if waited > TASK_WAIT_LIMIT or abandoned else OK
    return {
        "status": status,
        "mode": "database",
        "waiting": waiting.count(),
        "oldest_waiting_s": round(waited),
        "abandoned": abandoned,
    }


def elasticsearch():
    if not index.configured():
        return {"status": OK, "engine": "embedded"}
    info = {"pending_updates": sync.pending()}
    try:
        health = index.client().cluster.health()
        indexed = bool(index.indexes_behind(index.read_alias()))
    except ElasticsearchException as error:
        return info | {
            "status": DEGRADED,
            "error": type(error).__name__,
            "engine": "embedded (fallback)",
        }
    healthy = health["status"] in ("green", "yellow") and indexed
    return info | {
        "status": OK if healthy else DEGRADED,
        "cluster": health["status"],
        "index": indexed,
        "engine": "elasticsearch",
    }


CHECKS = {"database": database, "task_queue": task_queue, "elasticsearch": elasticsearch}


def report() -> dict:
    checks = {name: timed(check) for name, check in CHECKS.items()}
    if checks["database"]["status"] != OK:
        overall = DOWN
    elif any(check["status"] != OK for check in checks.values()):
        overall = DEGRADED
    else:
        overall = OK
    return {"status": overall, "checks": checks}

"""Task workers that may die: a task whose worker is gone is retried, or failed for good.

``db_worker`` (wijkwijs/management/commands/db_worker.py) holds a PostgreSQL advisory lock
named after its worker id for as long as it lives, on a connection of its own. However the
process ends (a crash, the OOM killer, kill -9), the database drops the connection and the
lock with it. A task still marked running whose worker holds no lock was abandoned: its
transaction was rolled back, so it changed nothing; what it wrote outside the database is
cleaned up by the handler its module registered (``on_abandoned``). It then runs again,
up to ``TASK_ATTEMPTS`` attempts, after which it is marked failed with ``WorkerLost``.
"""

import hashlib
import logging

from django.conf import settings
from django.db import connection, connections, transaction
from django.utils import timezone
from django_tasks import TaskResultStatus

logger = logging.getLogger(__name__)
ABANDONED_CLEANUPS = {}  # task module path → function(task_id)


class WorkerLost(Exception):
    """The worker running a task ended before the task did."""


def uses_database_queue() -> bool:
    return settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"


def on_abandoned(task):
    """Register what to undo outside the database when ``task`` was abandoned mid-run."""

    def register(cleanup):
        ABANDONED_CLEANUPS[task.module_path] = cleanup
        return cleanup

    return register


def lock_key(worker_id: str) -> int:
    return int.from_bytes(hashlib.sha256(worker_id.encode()).digest()[:8], "big", signed=True)


class WorkerLease:
    """The lock a living worker holds, on a connection Django's request cycle never closes."""

    def __init__(self, worker_id):
        self.connection = connections.create_connection("default")
        with self.connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [lock_key(worker_id)])

    def release(self):
        self.connection.close()


def is_alive(worker_id: str) -> bool:
    """True while a worker holds its lease (a shared try-lock fails against it)."""
    key = lock_key(worker_id)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock_shared(%s)", [key])
        if not cursor.fetchone()[0]:
            return True
        cursor.execute("SELECT pg_advisory_unlock_shared(%s)", [key])
    return False


def abandoned_tasks():
    """Tasks marked running whose worker is gone (PostgreSQL only: the leases are locks)."""
    if connection.vendor != "postgresql" or not uses_database_queue():
        return []
    from django_tasks_db.models import DBTaskResult

    running = DBTaskResult.objects.running().only("id", "worker_ids")
    return [task for task in running if not task.worker_ids or not is_alive(task.worker_ids[-1])]


def recover_abandoned_tasks() -> list[tuple[str, str]]:
    """Clean up after every abandoned task and queue it again, or fail it after its last
    attempt. Returns (task id, "retried" or "failed") for each."""
    from django_tasks_db.models import DBTaskResult

    recovered = []
    for abandoned in abandoned_tasks():
        with transaction.atomic():
            task = (
                DBTaskResult.objects.select_for_update(skip_locked=True)
                .filter(pk=abandoned.pk, status=TaskResultStatus.RUNNING)
                .first()
            )
            if task is None:  # another worker is recovering it
                continue
            cleanup = ABANDONED_CLEANUPS.get(task.task_path)
            if cleanup:
                cleanup(str(task.pk))
            attempts = len(task.worker_ids)
            if attempts < settings.TASK_ATTEMPTS:
                task.status, task.started_at = TaskResultStatus.READY, None
                task.save(update_fields=["status", "started_at"])
                outcome = "retried"
            else:
                task.set_failed(WorkerLost(f"worker ended during attempt {attempts}"))
                outcome = "failed"
        logger.warning(
            "Task %s (%s) was abandoned by its worker: %s at %s",
            task.pk,
            task.task_path,
            outcome,
            timezone.now().isoformat(),
        )
        recovered.append((str(task.pk), outcome))
    return recovered


def queue_again(task_id) -> bool:
    """Queue a failed task once more, as the same task (an editor's retry: one attempt more).
    False when it is not failed (any more): a second click, or a concurrent one, queues
    nothing, because only one conditional update can move it out of FAILED."""
    from django_tasks_db.models import DBTaskResult

    return bool(
        DBTaskResult.objects.filter(pk=task_id, status=TaskResultStatus.FAILED).update(
            status=TaskResultStatus.READY,
            started_at=None,
            finished_at=None,
            exception_class_path="",
            traceback="",
        )
    )

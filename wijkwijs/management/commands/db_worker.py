"""django-tasks-db's worker, with a lease that tells other workers it lives and a first
step that recovers the tasks of workers that died (wijkwijs/workers.py)."""

from django.db import connection
from django_tasks_db.management.commands import db_worker

from wijkwijs import workers


class Command(db_worker.Command):
    def handle(self, *args, worker_id, **options):
        lease = workers.WorkerLease(worker_id) if connection.vendor == "postgresql" else None
        try:
            for task_id, outcome in workers.recover_abandoned_tasks():
                told = "opnieuw ingepland" if outcome == "retried" else "mislukt"
                self.stderr.write(f"Taak {task_id} was verlaten door een gestopte worker: {told}.")
            super().handle(*args, worker_id=worker_id, **options)
        finally:
            if lease:
                lease.release()

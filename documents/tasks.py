"""Background work for documents: each file import is one task.

With the database backend (production) a `manage.py db_worker` process runs them; a
failing file is recorded in the task's result, and the worker keeps going.
"""

from pathlib import Path

from django_tasks import task

from documents.ingest.pipeline import ImportOptions, import_file


@task()
def import_document(
    path: str,
    kind: str | None = None,
    visibility: str | None = None,
    dry_run: bool = False,
    publish: bool = True,
) -> dict:
    result = import_file(
        Path(path),
        ImportOptions(kind=kind, visibility=visibility, dry_run=dry_run, publish=publish),
    )
    return {
        "file": result.file,
        "status": result.status,
        "report_id": result.report.pk if result.report else None,
        "error": result.error,
        "sections": result.sections,
    }

"""Background work for documents: each file import is one task.

With the database backend (production) a `manage.py db_worker` process runs them; a
failing file is recorded in the task's result, and the worker keeps going.
"""

import shutil
from pathlib import Path

from django.conf import settings
from django_tasks import task

from documents.ingest.pipeline import ImportOptions, import_file
from documents.ingest.storage import sweep_orphans


def incoming_root() -> Path:
    """Where web uploads wait for their import task (never served: outside any URL)."""
    return Path(settings.MEDIA_ROOT) / "imports"


@task()
def import_document(
    path: str,
    kind: str | None = None,
    visibility: str | None = None,
    dry_run: bool = False,
    publish: bool = True,
    remove_after: bool = False,
    communities: list[int] | None = None,
) -> dict:
    sweep_orphans()  # what an import killed before it could commit left behind
    file = Path(path)
    options = ImportOptions(
        kind=kind,
        visibility=visibility,
        dry_run=dry_run,
        publish=publish,
        communities=communities or [],
    )
    try:
        result = import_file(file, options)
    finally:
        if remove_after and incoming_root().resolve() in file.resolve().parents:
            shutil.rmtree(file.parent, ignore_errors=True)
    return {
        "file": result.file,
        "status": result.status,
        "report_id": result.report.pk if result.report else None,
        "error": result.error,
        "sections": result.sections,
    }

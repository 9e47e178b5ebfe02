"""Background work for documents: each file import is one task.

With the database backend (production) a `manage.py db_worker` process runs them; a
failing file is recorded in the task's result, and the worker keeps going. If the worker
itself dies mid-import, the database keeps nothing of it, the files it wrote are deleted
(``file_journal``) and the upload stays for the next attempt (wijkwijs/workers.py).
"""

import shutil
from pathlib import Path

from django.conf import settings
from django_tasks import task

from documents import file_journal
from documents.ingest.pipeline import ImportOptions, import_file
from documents.ingest.storage import sweep_orphans
from wijkwijs.workers import on_abandoned


def incoming_root() -> Path:
    """Where web uploads wait for their import task (never served: outside any URL)."""
    return Path(settings.MEDIA_ROOT) / "imports"


@task(takes_context=True)
def import_document(
    context,
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
        with file_journal.recording(context.task_result.id):
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


@on_abandoned(import_document)
def forget_abandoned_import(task_id):
    """The upload is kept (for the retry, or for the editor); the files written are not."""
    file_journal.discard_unreferenced(task_id)

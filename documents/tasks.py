"""Background work for documents: each file import is one task.

With the database backend (production) a `manage.py db_worker` process runs them; a
failing file is recorded in the task's result, and the worker keeps going. Any worker on
any app server may take a task, so a web upload waits in media storage (the shared
bucket when there are several servers), never on one machine's disk. If the worker itself
dies mid-import, the database keeps nothing of it, the files it wrote are deleted
(``file_journal`` on disk; ``sweep_orphans`` on any storage) and the upload stays for the
next attempt (wijkwijs/workers.py).
"""

import shutil
import tempfile
import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django_tasks import task

from documents import file_journal
from documents.ingest.pipeline import ImportOptions, ImportResult, import_file, storable_name
from documents.ingest.storage import sweep_orphans
from wijkwijs.storage import CHUNK_BYTES
from wijkwijs.workers import on_abandoned

# Under media storage but outside the public folder: uploads are never served.
INCOMING_FOLDER = "imports"


def incoming_root() -> Path:
    """Where files handed to ``import_document`` on this machine may wait for it."""
    return Path(settings.MEDIA_ROOT) / INCOMING_FOLDER


def store_upload(upload) -> str:
    """Keep a web upload where every worker can read it, until its import task has run."""
    suffix = Path(upload.name).suffix.lower()
    return default_storage.save(f"{INCOMING_FOLDER}/{uuid.uuid4().hex}{suffix}", upload)


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
    """Import a file from this machine's disk (the import_documents command)."""
    file = Path(path)
    options = ImportOptions(
        kind=kind,
        visibility=visibility,
        dry_run=dry_run,
        publish=publish,
        communities=communities or [],
    )
    try:
        return outcome(import_journalled(context, file, options))
    finally:
        if remove_after and incoming_root().resolve() in file.resolve().parents:
            shutil.rmtree(file.parent, ignore_errors=True)


@task(takes_context=True)
def import_upload(
    context,
    name: str,
    filename: str,
    kind: str | None = None,
    visibility: str | None = None,
    publish: bool = True,
    communities: list[int] | None = None,
) -> dict:
    """Import a web upload kept by ``store_upload`` as ``name``; that copy goes afterwards."""
    options = ImportOptions(
        kind=kind, visibility=visibility, publish=publish, communities=communities or []
    )
    try:
        # The readers of PDF and Word files want a local file; the report's file keeps
        # the name it was uploaded with (shortened where a file system would refuse it).
        with tempfile.TemporaryDirectory(prefix="wijkwijs-import-") as folder:
            local = Path(folder) / storable_name(Path(filename).name)
            with default_storage.open(name, "rb") as stored, local.open("wb") as copy:
                shutil.copyfileobj(stored, copy, CHUNK_BYTES)
            return outcome(import_journalled(context, local, options))
    finally:
        default_storage.delete(name)


def import_journalled(context, file: Path, options: ImportOptions) -> ImportResult:
    sweep_orphans()  # what an import killed before it could commit left behind
    with file_journal.recording(context.task_result.id):
        return import_file(file, options)


def outcome(result: ImportResult) -> dict:
    return {
        "file": result.file,
        "status": result.status,
        "report_id": result.report.pk if result.report else None,
        "error": result.error,
        "sections": result.sections,
    }


def upload_kept(task) -> bool:
    """Whether the file an import task was given is still there to import again (a task
    whose worker died never reached the clean-up that removes it)."""
    in_storage = task.task.module_path == import_upload.module_path
    kept = task.args[0] if task.args else task.kwargs["name" if in_storage else "path"]
    return default_storage.exists(kept) if in_storage else Path(kept).is_file()


def forget_abandoned_import(task_id):
    """The upload is kept (for the retry, or for the editor); the files written are not."""
    file_journal.discard_unreferenced(task_id)


on_abandoned(import_document)(forget_abandoned_import)
on_abandoned(import_upload)(forget_abandoned_import)

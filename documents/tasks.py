"""Background work for documents: each file import is one task.

With the database backend (production) a `manage.py db_worker` process runs them; a
failing file is recorded in the task's result, and the worker keeps going. Any worker on
any app server may take a task, so a web upload waits in media storage (the shared
bucket when there are several servers), never on one machine's disk.
"""

import shutil
import tempfile
import uuid
from pathlib import Path

from django.core.files.storage import default_storage
from django_tasks import task

from documents.ingest.pipeline import ImportOptions, ImportResult, import_file
from wijkwijs.storage import CHUNK_BYTES

# Under media storage but outside the public folder: uploads are never served.
INCOMING_FOLDER = "imports"


def store_upload(upload) -> str:
    """Keep a web upload where every worker can read it, until its import task has run."""
    suffix = Path(upload.name).suffix.lower()
    return default_storage.save(f"{INCOMING_FOLDER}/{uuid.uuid4().hex}{suffix}", upload)


@task()
def import_document(
    path: str,
    kind: str | None = None,
    visibility: str | None = None,
    dry_run: bool = False,
    publish: bool = True,
    communities: list[int] | None = None,
) -> dict:
    """Import a file from this machine's disk (the import_documents command)."""
    options = ImportOptions(
        kind=kind,
        visibility=visibility,
        dry_run=dry_run,
        publish=publish,
        communities=communities or [],
    )
    return outcome(import_file(Path(path), options))


@task()
def import_upload(
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
        # the name it was uploaded with.
        with tempfile.TemporaryDirectory(prefix="wijkwijs-import-") as folder:
            local = Path(folder) / Path(filename).name
            with default_storage.open(name, "rb") as stored, local.open("wb") as copy:
                shutil.copyfileobj(stored, copy, CHUNK_BYTES)
            return outcome(import_file(local, options))
    finally:
        default_storage.delete(name)


def outcome(result: ImportResult) -> dict:
    return {
        "file": result.file,
        "status": result.status,
        "report_id": result.report.pk if result.report else None,
        "error": result.error,
        "sections": result.sections,
    }

"""The files an import writes, noted before each is written.

The database half of an import is one transaction: a worker killed halfway leaves no row
of it. Its files are written to storage before that transaction commits, so they would be
left behind, referenced by nothing. The journal (one file per task, in
MEDIA_ROOT/import-journal, never served) names them; once the task ends, or when a dead
worker's task is recovered, the files no document refers to are deleted with it.
"""

import os
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from wagtail.documents import get_document_model

current_journal = ContextVar("current_journal", default=None)


def journal_path(task_id: str) -> Path:
    return Path(settings.MEDIA_ROOT) / "import-journal" / f"{task_id}.txt"


@contextmanager
def recording(task_id: str):
    """Note every file saved to storage meanwhile; afterwards keep only the referenced ones.

    Only the disk storage notes files. A bucket keeps no journal on this machine's disk
    (which another server would not see): there the next import's sweep
    (``documents.ingest.storage.sweep_orphans``) removes what a killed import left."""
    if not isinstance(default_storage, JournalledFileSystemStorage):
        yield
        return
    path = journal_path(task_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    token = current_journal.set(path)
    try:
        yield
    finally:
        current_journal.reset(token)
        discard_unreferenced(task_id)


def note(name: str):
    path = current_journal.get()
    if path is None:
        return
    with path.open("a", encoding="utf-8") as journal:
        journal.write(name + "\n")
        journal.flush()
        os.fsync(journal.fileno())  # on disk before the file it names


def discard_unreferenced(task_id: str) -> list[str]:
    """Delete the journal's files that no document refers to, then the journal."""
    path = journal_path(task_id)
    if not path.exists():
        return []
    names = set(path.read_text(encoding="utf-8").split())
    kept = set(get_document_model().objects.filter(file__in=names).values_list("file", flat=True))
    removed = sorted(names - kept)
    for name in removed:
        default_storage.delete(name)
    path.unlink()
    return removed


class JournalledFileSystemStorage(FileSystemStorage):
    """The media storage: notes each file in the running import's journal before writing."""

    def _save(self, name, content):
        note(name)
        saved = super()._save(name, content)
        if saved != name:  # renamed on a clash with a file written meanwhile
            note(saved)
        return saved

"""Where an import puts its files, and how none is left behind.

An import writes its renditions to ``documents/imported/`` while its transaction is open.
If it fails, ``import_file`` deletes what it wrote. If its process is killed, the database
undoes the transaction but the file stays: ``sweep_orphans`` (run before every import task)
removes files in that folder that no document refers to. To tell those from the files of
an import still running, every import holds a shared advisory lock for its transaction
(PostgreSQL releases it when the process dies); the sweep runs only when it can take the
lock exclusively, that is when no import anywhere is between writing a file and committing.
"""

from pathlib import PurePosixPath

from django.core.files.storage import default_storage
from django.db import connection, transaction
from wagtail.documents import get_document_model

IMPORTED_FOLDER = "documents/imported"
IMPORT_LOCK = 1_408_000_014  # the advisory lock key of imports


def store(name: str, content) -> str:
    """Save ``content`` for a document; returns the stored name (made unique)."""
    return default_storage.save(str(PurePosixPath(IMPORTED_FOLDER) / name), content)


def hold_import_lock():
    """Within an import's transaction: no sweep may run until it commits or dies."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock_shared(%s)", [IMPORT_LOCK])


def sweep_orphans() -> int:
    """Delete imported files no document refers to; returns how many. Only on PostgreSQL
    (elsewhere, without the lock, a running import cannot be told from a dead one)."""
    if connection.vendor != "postgresql":
        return 0
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [IMPORT_LOCK])
        if not cursor.fetchone()[0]:
            return 0  # an import is running; the next sweep will see its files settled
        try:
            _folders, names = default_storage.listdir(IMPORTED_FOLDER)
        except FileNotFoundError:
            return 0
        stored = {f"{IMPORTED_FOLDER}/{name}" for name in names}
        referenced = set(
            get_document_model().objects.filter(file__in=stored).values_list("file", flat=True)
        )
        for orphan in stored - referenced:
            default_storage.delete(orphan)
        return len(stored - referenced)

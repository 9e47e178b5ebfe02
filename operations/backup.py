"""A backup a municipality's IT can restore: the database (pg_dump's custom format) and the
media files (a tar), with a manifest of checksums and counts.

The media files are read from and written to the media storage in use (local disk or the
bucket, ``MEDIA_STORAGE``), so a backup taken on one restores onto either.

Consistency: the dump is taken from a snapshot exported by a transaction that stays open
while the dump runs; in that same snapshot the files the database refers to are listed,
and the media archive is written afterwards and must hold every one of them. Files are
written before the rows that name them commit, so a file a dumped row names exists.
"""

import datetime
import hashlib
import json
import os
import subprocess
import tarfile
from pathlib import Path

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connection, transaction
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from documents.models import ReportSection
from wijkwijs.storage import stored_names

MANIFEST = "manifest.json"
DATABASE_FILE = "database.dump"
MEDIA_FILE = "media.tar"
FORMAT = 1


class BackupError(Exception):
    pass


def pg_arguments() -> tuple[list[str], dict]:
    db = connection.settings_dict
    if connection.vendor != "postgresql":
        raise BackupError("Back-up en herstel werken met PostgreSQL (DATABASE_URL).")
    arguments = [
        "-h",
        db["HOST"] or "localhost",
        "-p",
        str(db["PORT"] or 5432),
        "-U",
        db["USER"],
        "-d",
        db["NAME"],
    ]
    return arguments, os.environ | ({"PGPASSWORD": db["PASSWORD"]} if db["PASSWORD"] else {})


def run(command, env):
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode:
        raise BackupError(f"{command[0]} faalde: {done.stderr.strip()[-2000:]}")


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def referenced_files() -> set[str]:
    names = set(get_document_model().objects.values_list("file", flat=True))
    names |= set(get_image_model().objects.values_list("file", flat=True))
    return {name for name in names if name}


def contents() -> dict:
    """What a restore must bring back, counted."""
    return {
        "pages": Page.objects.count(),
        "documents": get_document_model().objects.count(),
        "images": get_image_model().objects.count(),
        "sections": ReportSection.objects.count(),
    }


def write_backup(destination: Path) -> Path:
    """A new folder in ``destination`` holding the dump, the media archive and the manifest."""
    folder = destination / f"wijkwijs-{datetime.datetime.now(datetime.UTC):%Y%m%d-%H%M%S}"
    folder.mkdir(parents=True)
    arguments, env = pg_arguments()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        run(
            [
                "pg_dump",
                "--format=custom",
                f"--snapshot={snapshot}",
                f"--file={folder / DATABASE_FILE}",
                *arguments,
            ],
            env,
        )
        needed, counted = referenced_files(), contents()
    archived = set()
    with tarfile.open(folder / MEDIA_FILE, "w") as archive:
        for name in stored_names(default_storage):
            entry = tarfile.TarInfo(name)
            entry.size = default_storage.size(name)
            with default_storage.open(name, "rb") as handle:
                archive.addfile(entry, handle)
            archived.add(name)
    missing = sorted(needed - archived)
    if missing:
        raise BackupError(f"Bestanden ontbreken in de mediaopslag: {', '.join(missing[:10])}")
    manifest = {
        "format": FORMAT,
        "created_at": datetime.datetime.now(datetime.UTC).isoformat(),
        "database": {"file": DATABASE_FILE, "sha256": sha256(folder / DATABASE_FILE)},
        "media": {
            "file": MEDIA_FILE,
            "sha256": sha256(folder / MEDIA_FILE),
            "files": len(archived),
        },
        "contents": counted,
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return folder


def read_manifest(folder: Path) -> dict:
    """The manifest, once both archives match its checksums."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise BackupError(f"Geen leesbaar {MANIFEST} in {folder}: {error}") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Onbekend back-upformaat {manifest.get('format')!r}.")
    for part in ("database", "media"):
        path = folder / manifest[part]["file"]
        if not path.is_file() or sha256(path) != manifest[part]["sha256"]:
            raise BackupError(f"{path.name} ontbreekt of is beschadigd (controlesom wijkt af).")
    return manifest


def database_is_empty() -> bool:
    return "django_migrations" not in connection.introspection.table_names()


def restore_backup(folder: Path, replace=False) -> dict:
    """Database and media back from ``folder``; returns the manifest's counts. The search
    indexes are rebuilt by the caller (they follow the restored content)."""
    manifest = read_manifest(folder)
    if not replace:
        if not database_is_empty():
            raise BackupError(
                "De database is niet leeg: herstel in een nieuwe database, of gebruik --replace."
            )
        if stored_names(default_storage):
            raise BackupError("De mediaopslag is niet leeg: kies een lege, of --replace.")
    arguments, env = pg_arguments()
    connection.close()  # pg_restore replaces the tables this connection may hold open
    clean = ["--clean", "--if-exists"] if replace else []
    run(
        [
            "pg_restore",
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            *clean,
            *arguments,
            str(folder / manifest["database"]["file"]),
        ],
        env,
    )
    restore_media(folder / manifest["media"]["file"])
    return manifest["contents"]


def restore_media(path: Path):
    """Every file of the media archive back into the media storage in use."""
    with tarfile.open(path) as archive:
        for entry in archive:
            try:
                entry = tarfile.data_filter(entry, "")  # no absolute paths, links or ..
            except tarfile.FilterError as error:
                raise BackupError(f"Het media-archief bevat een onveilig pad: {error}") from error
            if entry.isfile():
                restore_file(archive, entry)


def restore_file(archive, entry):
    """One archived file back under its own name (which the database refers to)."""
    if default_storage.exists(entry.name):
        default_storage.delete(entry.name)
    saved = default_storage.save(entry.name, File(archive.extractfile(entry), name=entry.name))
    if saved != entry.name:
        raise BackupError(f"De mediaopslag bewaarde {entry.name} als {saved}.")

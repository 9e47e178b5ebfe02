"""A backup restored into a fresh database and media folder brings back the same pages,
files, sections and search results (real pg_dump, pg_restore and PostgreSQL)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from wagtail.documents import get_document_model

from documents.models import ReportSection
from operations.backup import MANIFEST, MEDIA_FILE, restore_media, write_backup
from tests.conftest import CORPUS, require_corpus
from tests.factories import PracticeFactory
from wijkwijs.storage import sha256_of, stored_names

pytestmark = pytest.mark.django_db(transaction=True)  # pg_dump reads committed data only
ROOT = Path(__file__).resolve().parents[2]
QUERIES = ["buurtgericht werken", "egels", "interviews"]


def summary() -> dict:
    """What a user would miss after a bad restore: pages, files (with their bytes),
    sections and the answers to a few searches, as anonymous visitor and as superuser."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import AnonymousUser
    from wagtail.models import Page

    from operations.backup import sha256
    from search.engines import get_engine

    superuser = get_user_model().objects.filter(is_superuser=True).first()
    files = {
        document.file.name: sha256(Path(settings.MEDIA_ROOT) / document.file.name)
        for document in get_document_model().objects.all()
    }
    searches = {
        f"{query} ({user})": [hit.url for hit in get_engine().search(query, user=user).hits]
        for query in QUERIES
        for user in (AnonymousUser(), superuser)
    }
    return {
        "pages": sorted(Page.objects.values_list("url_path", "live")),
        "files": files,
        "sections": sorted(ReportSection.objects.values_list("anchor", "heading", "text")),
        "searches": searches,
    }


def in_other_process(env, *command):
    done = subprocess.run(
        [sys.executable, *command], cwd=ROOT, env=env, capture_output=True, text=True, timeout=900
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@pytest.fixture
def fresh_database():
    if connection.vendor != "postgresql":
        pytest.skip("backups are made with pg_dump")
    db = connection.settings_dict
    name = f"{db['NAME']}_restored"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{name}"
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_restore_brings_back_pages_files_sections_and_search_results(
    settings, tmp_path, fresh_database, django_user_model
):
    require_corpus()
    settings.MEDIA_ROOT = tmp_path / "media"
    django_user_model.objects.create_superuser("beheer", "beheer@example.org", "x" * 16)
    call_command(
        "import_documents",
        str(CORPUS / "oostburg-interviews-2014.md"),
        str(CORPUS / "oostburg-interviews-2014.pdf"),
    )
    PracticeFactory(title="Het egelpad", summary="Egels lopen van tuin naar tuin.")
    call_command("rebuild_search_index")
    before = summary()
    assert before["files"] and before["sections"]
    assert all(hits for asked, hits in before["searches"].items() if "(beheer)" in asked)

    folder = write_backup(tmp_path / "backups")
    manifest = json.loads((folder / MANIFEST).read_text())
    assert manifest["contents"]["documents"] == len(before["files"])

    restored_media = tmp_path / "restored-media"
    env = os.environ | {"DATABASE_URL": fresh_database, "MEDIA_ROOT": str(restored_media)}
    env.pop("ELASTICSEARCH_URL", None)
    out = in_other_process(env, "manage.py", "restore", str(folder))
    assert "Hersteld uit" in out and "Zoekindex opgebouwd" in out
    after = json.loads(
        in_other_process(
            env,
            "-c",
            "import django, json; django.setup(); "
            "from tests.operations.test_backup_restore import summary; "
            "print(json.dumps(summary()))",
        )
    )
    assert after == json.loads(json.dumps(before))

    # Restoring over content is refused unless asked for, and so is a damaged backup.
    with pytest.raises(subprocess.CalledProcessError):
        subprocess.run(
            [sys.executable, "manage.py", "restore", str(folder)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            check=True,
            timeout=600,
        )
    with (folder / "media.tar").open("r+b") as archive:
        archive.seek(600)
        archive.write(b"beschadigd")
    with pytest.raises(CommandError, match="beschadigd"):
        call_command("restore", str(folder), "--replace")


def test_media_in_a_bucket_are_backed_up_and_come_back_into_an_empty_bucket(bucket, tmp_path):
    """With MEDIA_STORAGE=s3 the files live in the bucket, not on this machine's disk."""
    require_corpus()
    call_command("import_documents", str(CORPUS / "oostburg-interviews-2014.md"))
    before = {name: sha256_of(bucket, name) for name in stored_names(bucket)}
    assert any(name.endswith(".md") for name in before)

    folder = write_backup(tmp_path / "backups")
    for name in before:  # the bucket is lost; an empty one takes its place
        bucket.delete(name)
    assert not stored_names(bucket)
    restore_media(folder / MEDIA_FILE)
    assert {name: sha256_of(bucket, name) for name in stored_names(bucket)} == before

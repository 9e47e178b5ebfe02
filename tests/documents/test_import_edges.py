"""14.8: import edge cases, as an attacker (or an unlucky colleague) would upload them:
a NUL byte in Markdown, a PNG named .md, a 400-byte file name, a failure after the file
was stored, an upload over the size limit, and files that carry JavaScript or members a
report does not have. Each gets a specific message and leaves nothing behind — no page,
no row and no file in media."""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.urls import reverse
from pypdf import PdfWriter
from pypdf.actions import JavaScript
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from documents.ingest import pipeline
from documents.ingest.pipeline import import_file
from documents.models import ReportFile, ReportPage
from tests.conftest import CORPUS, require_corpus

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
MARKDOWN = "# Verslag over de tureluur\n\nDe tureluur broedt in de polder.\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def files_in(media):
    return sorted(path for path in media.rglob("*") if path.is_file()) if media.exists() else []


def refused(tmp_path, media, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    pages = ReportPage.objects.count()
    result = import_file(path)
    assert result.status == "failed" and message in result.error, result.error
    assert ReportPage.objects.count() == pages and files_in(media) == []


def test_a_nul_byte_in_markdown_is_refused(tmp_path, media):
    data = MARKDOWN.replace("broedt", "broedt\x00").encode()
    refused(tmp_path, media, "tureluur.md", data, "binaire")


def test_a_png_named_markdown_is_refused(tmp_path, media):
    refused(tmp_path, media, "tureluur.md", PNG + b"\x00" * 64, "PNG")


def test_a_pdf_with_javascript_is_refused(tmp_path, media):
    require_corpus()
    writer = PdfWriter(clone_from=str(CORPUS / "oostburg-interviews-2014.pdf"))
    writer.add_open_action(JavaScript("app.alert('hallo');"))
    buffer = io.BytesIO()
    writer.write(buffer)
    refused(tmp_path, media, "verslag.pdf", buffer.getvalue(), "JavaScript")


def test_a_pdf_that_launches_a_program_is_refused(tmp_path, media):
    require_corpus()
    writer = PdfWriter(clone_from=str(CORPUS / "oostburg-interviews-2014.pdf"))
    action = DictionaryObject(
        {NameObject("/S"): NameObject("/Launch"), NameObject("/F"): TextStringObject("calc.exe")}
    )
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    buffer = io.BytesIO()
    writer.write(buffer)
    refused(tmp_path, media, "verslag.pdf", buffer.getvalue(), "programma")


@pytest.mark.parametrize(
    "member",
    [
        "word/vbaProject.bin",
        "word/embeddings/oleObject1.bin",
        "word/../../evil.js",
        "docProps/script.js",
    ],
)
def test_a_docx_with_unexpected_members_is_refused(tmp_path, media, member):
    require_corpus()
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(CORPUS / "oostburg-interviews-2014.docx") as original,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
    ):
        for item in original.infolist():
            archive.writestr(item, original.read(item))
        archive.writestr(member, b"Sub AutoOpen()\nEnd Sub\n")
    refused(tmp_path, media, "verslag.docx", buffer.getvalue(), member)


def test_a_failure_after_the_file_was_stored_leaves_no_file(tmp_path, media, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("schijf vol")

    monkeypatch.setattr(pipeline, "write_sections", broken)
    path = tmp_path / "tureluur.md"
    path.write_text(MARKDOWN)
    result = import_file(path)
    assert result.status == "failed" and "kon niet worden verwerkt" in result.error
    assert files_in(media) == [] and not ReportFile.objects.exists()


def upload(client, name, data):
    return client.post(
        reverse("documents_import"),
        {"file": SimpleUploadedFile(name, data), "kind": "", "visibility": "members"},
    )


def test_a_400_byte_file_name_is_imported_under_a_shorter_name(admin_client, media):
    name = "tureluur-" + "é" * 200 + ".md"  # 409 bytes: more than a file system allows
    response = upload(admin_client, name, MARKDOWN.encode())
    assert response.status_code == 302, response.content[:300]
    report = ReportPage.objects.get(title="Verslag over de tureluur")
    assert len(report.files.get().document.file.name) <= 100


class CountingHandler(FileUploadHandler):
    """Counts the bytes that reach the handlers after the size limit's (the disk's)."""

    received = 0

    def receive_data_chunk(self, raw_data, start):
        CountingHandler.received += len(raw_data)
        return raw_data

    def file_complete(self, file_size):
        return None


def test_the_size_limit_is_enforced_while_the_upload_streams(admin_client, settings, media):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 100_000
    handlers = list(settings.FILE_UPLOAD_HANDLERS)
    first_store = handlers.index("django.core.files.uploadhandler.MemoryFileUploadHandler")
    handlers.insert(first_store, "tests.documents.test_import_edges.CountingHandler")
    settings.FILE_UPLOAD_HANDLERS = handlers
    CountingHandler.received = 0
    response = upload(admin_client, "groot.md", MARKDOWN.encode() * 20_000)  # about 1 MB
    assert response.status_code == 200 and "te groot" in response.content.decode()
    assert CountingHandler.received <= 100_000 + 64 * 1024  # at most one chunk past the limit
    assert files_in(media) == []


def test_the_next_import_removes_what_a_killed_import_left(tmp_path, media):
    """A killed worker's transaction is undone by the database, its file is not: the next
    import task sweeps files no document refers to (and keeps those that one does)."""
    from documents.ingest.storage import IMPORTED_FOLDER
    from documents.tasks import import_document

    left_behind = media / IMPORTED_FOLDER / "gedood.md"
    left_behind.parent.mkdir(parents=True)
    left_behind.write_text(MARKDOWN)
    path = tmp_path / "tureluur.md"
    path.write_text(MARKDOWN)
    outcome = import_document.enqueue(str(path)).return_value
    assert outcome["status"] == "imported"
    kept = ReportPage.objects.get(pk=outcome["report_id"]).files.get().document.file.path
    assert files_in(media) == [Path(kept)]

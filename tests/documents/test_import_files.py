"""Files that are not what they should be: a clear message, nothing half-saved."""

import io
import random
import shutil
import zipfile

import pytest
from django.core.management import call_command
from pypdf import PdfReader, PdfWriter

from documents.ingest import pipeline
from documents.ingest.pipeline import import_file
from documents.models import ReportFile, ReportPage, ReportSection
from tests.conftest import CORPUS, require_corpus

pytestmark = pytest.mark.django_db
require_corpus(module_level=True)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def counts():
    return ReportPage.objects.count(), ReportFile.objects.count(), ReportSection.objects.count()


def refused(path, expected_message):
    before = counts()
    result = import_file(path)
    assert result.status == "failed"
    assert expected_message in result.error, result.error
    assert counts() == before
    return result


def write(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_empty_file(tmp_path):
    refused(write(tmp_path, "leeg.pdf", b""), "leeg (0 bytes)")


def test_extension_that_lies(tmp_path):
    refused(write(tmp_path, "rapport.pdf", b"Gewoon platte tekst.\n"), "klopt niet met de inhoud")
    refused(write(tmp_path, "rapport.docx", b"%PDF-1.4 nep"), "klopt niet met de inhoud")


def test_unsupported_type(tmp_path):
    refused(write(tmp_path, "programma.exe", b"MZ\x90\x00"), "wordt niet ondersteund")


def test_corrupt_pdf(tmp_path):
    data = (CORPUS / "oostburg-interviews-2014.pdf").read_bytes()
    refused(write(tmp_path, "kapot.pdf", data[:1500]), "PDF")


def test_encrypted_pdf(tmp_path):
    writer = PdfWriter(clone_from=PdfReader(CORPUS / "oostburg-interviews-2014.pdf"))
    writer.encrypt("geheim")
    buffer = io.BytesIO()
    writer.write(buffer)
    refused(write(tmp_path, "beveiligd.pdf", buffer.getvalue()), "wachtwoord")


def test_pdf_without_text(tmp_path):
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    refused(write(tmp_path, "scan.pdf", buffer.getvalue()), "geen tekst")


def test_docx_zip_bomb(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (20 * 1024 * 1024))
    refused(write(tmp_path, "bom.docx", buffer.getvalue()), "zip-bom")


def test_file_over_the_size_limit(tmp_path, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    path = tmp_path / "groot.md"
    shutil.copy(CORPUS / "oostburg-interviews-2014.md", path)
    refused(path, "te groot")


def test_text_in_windows_1252_is_read_correctly(tmp_path):
    text = "Inleiding\n\nDe coördinator van het wijkteam zorgt voor één aanspreekpunt.\n"
    result = import_file(write(tmp_path, "notitie.txt", text.encode("cp1252")))
    assert result.status == "imported"
    section_text = " ".join(result.report.sections.values_list("text", flat=True))
    assert "coördinator" in section_text and "één aanspreekpunt" in section_text


def test_a_failure_while_saving_leaves_nothing_behind(tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("schijf vol")

    monkeypatch.setattr(pipeline, "write_sections", broken)
    before = counts()
    assert import_file(CORPUS / "oostburg-interviews-2014.md").status == "failed"
    assert counts() == before


def test_a_batch_with_bad_files_imports_the_good_ones_and_reports_the_rest(tmp_path, capsys):
    folder = tmp_path / "map"
    folder.mkdir()
    shutil.copy(CORPUS / "oostburg-interviews-2014.md", folder / "goed.md")
    (folder / "leeg.txt").write_bytes(b"")
    (folder / "nep.pdf").write_text("geen pdf")
    call_command("import_documents", str(folder))
    output = capsys.readouterr().out
    assert "1 geïmporteerd, 0 herkend als dubbel, 2 mislukt." in output
    assert "leeg.txt: Het bestand is leeg" in output
    assert "nep.pdf: De extensie .pdf klopt niet" in output


def test_renditions_in_any_order_collapse_into_one_report(tmp_path):
    call_command("import_documents", str(CORPUS / "oostburg-interviews-2014.txt"))
    report = ReportPage.objects.get(files__file_format="text")
    assert report.published_on is None  # the extracted text has no title block
    call_command("import_documents", str(CORPUS / "oostburg-interviews-2014.md"))
    report.refresh_from_db()
    assert report.title == "Uitwerking interviews buurtgericht werken Oostburg"
    assert report.published_on is not None  # the richer rendition's metadata won
    assert report.files.count() == 2
    assert report.sections.count() == 9


FUZZ_SOURCES = [
    "oostburg-interviews-2014.md",
    "oostburg-interviews-2014.txt",
    "oostburg-interviews-2014.docx",
    "oostburg-interviews-2014.pdf",
    "gouden-formule-2016.docx",
]


def mutate(data: bytes, rng: random.Random) -> bytes:
    data = bytearray(data)
    kind = rng.choice(["truncate", "flip", "insert", "delete", "duplicate"])
    position = rng.randrange(len(data))
    if kind == "truncate":
        return bytes(data[: max(1, position)])
    if kind == "flip":
        for _ in range(rng.randint(1, 50)):
            data[rng.randrange(len(data))] = rng.randrange(256)
    elif kind == "insert":
        data[position:position] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 500)))
    elif kind == "delete":
        del data[position : position + rng.randint(1, 2000)]
    else:
        data[position:position] = data[position : position + rng.randint(1, 2000)]
    return bytes(data)


def test_fuzzed_corpus_files_never_crash_the_pipeline(tmp_path):
    rng = random.Random(20261123)
    outcomes = {"imported": 0, "duplicate": 0, "failed": 0}
    for number in range(210):
        source = CORPUS / FUZZ_SOURCES[number % len(FUZZ_SOURCES)]
        path = write(tmp_path, f"fuzz-{number}{source.suffix}", mutate(source.read_bytes(), rng))
        result = import_file(path)
        assert result.status in outcomes
        if result.status == "failed":
            assert result.error
        outcomes[result.status] += 1
    assert outcomes["failed"] > 0 and outcomes["imported"] + outcomes["duplicate"] > 0
    # No report was left without its file or sections.
    for report in ReportPage.objects.filter(files__sha256__gt="").distinct():
        assert report.files.exists() and report.sections.exists()

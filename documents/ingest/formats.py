"""Recognising what an uploaded file really is, and refusing what cannot be imported.

The format is decided by the file's content, not its name: a file whose extension
claims something else is refused with a message that says so.
"""

import zipfile
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

PDF, DOCX, MARKDOWN, TEXT = "pdf", "docx", "markdown", "text"
EXTENSIONS = {
    ".pdf": PDF,
    ".docx": DOCX,
    ".md": MARKDOWN,
    ".markdown": MARKDOWN,
    ".txt": TEXT,
    ".text": TEXT,
}
# A DOCX whose parts unpack to more than this, or far more than its own size, is a zip bomb.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100


class ImportRefused(Exception):
    """A file that cannot be imported; the message is shown to the user as is."""


def max_upload_bytes():
    return settings.WAGTAILDOCS_MAX_UPLOAD_SIZE


def detect_format(path: Path) -> str:
    """The file's format from its content, checked against its extension."""
    size = path.stat().st_size
    if size == 0:
        raise ImportRefused(_("Het bestand is leeg (0 bytes)."))
    if size > max_upload_bytes():
        raise ImportRefused(
            _("Het bestand is te groot (%(size)s MB; maximaal %(limit)s MB).")
            % {"size": round(size / 1_048_576, 1), "limit": round(max_upload_bytes() / 1_048_576)}
        )
    claimed = EXTENSIONS.get(path.suffix.lower())
    if claimed is None:
        raise ImportRefused(
            _("Bestandstype %(ext)s wordt niet ondersteund; gebruik PDF, DOCX, Markdown of tekst.")
            % {"ext": path.suffix or _("(zonder extensie)")}
        )
    with path.open("rb") as handle:
        head = handle.read(TEXT_SNIFF_BYTES)
    if head.startswith(b"%PDF"):
        actual = PDF
    elif head.startswith(b"PK\x03\x04"):
        actual = DOCX if _is_docx(path) else "zip"
    else:
        actual = TEXT
    if claimed in (MARKDOWN, TEXT) and actual == TEXT:
        _check_text(path, head)
        return claimed
    if claimed != actual:
        raise ImportRefused(
            _("De extensie %(ext)s klopt niet met de inhoud: dit is geen %(claimed)s-bestand.")
            % {"ext": path.suffix, "claimed": claimed.upper()}
        )
    if actual == PDF:
        _check_pdf(path)
    return actual


# Other formats a file named .md or .txt may really be, by their first bytes.
SIGNATURES = {
    b"\x89PNG": gettext_lazy("PNG-afbeelding"),
    b"\xff\xd8\xff": gettext_lazy("JPEG-afbeelding"),
    b"GIF8": gettext_lazy("GIF-afbeelding"),
    b"MZ": gettext_lazy("Windows-programma"),
    b"\x7fELF": gettext_lazy("programma"),
    b"\xd0\xcf\x11\xe0": gettext_lazy("Office-bestand"),
    b"\x1f\x8b": gettext_lazy("gzip-archief"),
    b"Rar!": gettext_lazy("RAR-archief"),
    b"7z\xbc\xaf": gettext_lazy("7-Zip-archief"),
}
TEXT_SNIFF_BYTES = 64 * 1024
UTF16_MARKS = (b"\xff\xfe", b"\xfe\xff")


def _check_text(path: Path, head: bytes):
    """Text holds no NUL byte (except UTF-16, with its byte-order mark): a file that does is
    binary, whatever its name says; PostgreSQL could not store it either."""
    kind = next((name for magic, name in SIGNATURES.items() if head.startswith(magic)), None)
    if kind:
        raise ImportRefused(
            _("De extensie %(ext)s klopt niet met de inhoud: dit is een %(kind)s.")
            % {"ext": path.suffix, "kind": kind}
        )
    if head.startswith(UTF16_MARKS):
        return
    with path.open("rb") as handle:
        while chunk := handle.read(1024 * 1024):
            if b"\x00" in chunk:
                raise ImportRefused(
                    _("Dit bestand bevat binaire gegevens (een NUL-teken): het is geen tekst.")
                )


# What a report's PDF must not do: run a script, start a program, carry other files.
PDF_ACTIVE = {
    "/JavaScript": gettext_lazy("JavaScript"),
    "/JS": gettext_lazy("JavaScript"),
    "/Launch": gettext_lazy("een programma starten"),
    "/EmbeddedFile": gettext_lazy("ingesloten bestanden"),
    "/EmbeddedFiles": gettext_lazy("ingesloten bestanden"),
    "/RichMedia": gettext_lazy("ingesloten media"),
    "/XFA": gettext_lazy("een XFA-formulier"),
}


def _check_pdf(path: Path):
    """Every object of the PDF (those in object streams too) is read for active content."""
    from pypdf import PdfReader  # noqa: PLC0415 (only PDFs need it)
    from pypdf.errors import PdfReadError  # noqa: PLC0415

    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            return  # refused by the extraction, with its own message
        size = int(reader.trailer.get("/Size", 0))
        for number in range(1, size):
            found = _active_content(reader, number)
            if found:
                raise ImportRefused(
                    _("Deze PDF bevat actieve inhoud (%(what)s) en wordt niet geïmporteerd.")
                    % {"what": found}
                )
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError):
        return  # a damaged PDF is refused by the extraction, with its own message


def _active_content(reader, number) -> str:
    from pypdf.generic import DictionaryObject  # noqa: PLC0415

    try:
        item = reader.get_object(number)
    except Exception:  # noqa: BLE001 — an unreadable object holds nothing that runs
        return ""
    if not isinstance(item, DictionaryObject):
        return ""
    for key in (*item.keys(), str(item.get("/S", "")), str(item.get("/Type", ""))):
        if key in PDF_ACTIVE:
            return str(PDF_ACTIVE[key])
    return ""


def _is_docx(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as error:
        message = _("Het Word-bestand is beschadigd (%(error)s).") % {"error": error}
        raise ImportRefused(message) from error
    if unpacked > MAX_UNPACKED_BYTES or unpacked > MAX_COMPRESSION_RATIO * path.stat().st_size:
        raise ImportRefused(
            _(
                "Het Word-bestand pakt uit tot %(size)s MB: "
                "dat lijkt een zip-bom en wordt geweigerd."
            )
            % {"size": round(unpacked / 1_048_576)}
        )
    unexpected = sorted(name for name in names if not _expected_member(name))
    if unexpected:
        raise ImportRefused(
            _(
                "Het Word-bestand bevat onderdelen die een rapport niet heeft (%(names)s), "
                "zoals macro's of ingesloten programma's, en wordt niet geïmporteerd."
            )
            % {"names": ", ".join(unexpected[:3])}
        )
    return "word/document.xml" in names


# What a Word document is made of: its XML parts and relations, and pictures and fonts.
DOCX_FOLDERS = ("_rels/", "docProps/", "word/", "customXml/")
DOCX_EXTENSIONS = {
    ".xml",
    ".rels",
    ".png",
    ".jpg",
    ".jpeg",
    ".gif",
    ".bmp",
    ".tif",
    ".tiff",
    ".emf",
    ".wmf",
    ".svg",
    ".odttf",
    ".fntdata",
}


def _expected_member(name: str) -> bool:
    if name == "[Content_Types].xml":
        return True
    parts = name.split("/")
    if ".." in parts or name.startswith("/") or "\\" in name:
        return False
    if name.endswith("/"):  # a folder entry
        return name.startswith(DOCX_FOLDERS)
    basename = parts[-1]  # "_rels/.rels" has no suffix to pathlib, but is a relations part
    extension = "." + basename.rsplit(".", 1)[-1].lower() if "." in basename else ""
    return name.startswith(DOCX_FOLDERS) and extension in DOCX_EXTENSIONS

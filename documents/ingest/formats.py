"""Recognising what an uploaded file really is, and refusing what cannot be imported.

The format is decided by the file's content, not its name: a file whose extension
claims something else is refused with a message that says so.
"""

import zipfile
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

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
        head = handle.read(8)
    if head.startswith(b"%PDF"):
        actual = PDF
    elif head.startswith(b"PK\x03\x04"):
        actual = DOCX if _is_docx(path) else "zip"
    else:
        actual = TEXT
    if claimed in (MARKDOWN, TEXT) and actual == TEXT:
        return claimed
    if claimed != actual:
        raise ImportRefused(
            _("De extensie %(ext)s klopt niet met de inhoud: dit is geen %(claimed)s-bestand.")
            % {"ext": path.suffix, "claimed": claimed.upper()}
        )
    return actual


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
    return "word/document.xml" in names

"""Text out of PDF, DOCX, Markdown and plain-text files, as lines with layout hints.

Every extractor returns the same shape, so cleanup and structure detection do not care
where a line came from: its text, the page it was printed on (PDF), the heading level
its source declared (Markdown ``#``, Word heading styles) and its indentation.
"""

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import docx
from django.utils.translation import gettext as _
from docx.table import Table
from pdfminer.psexceptions import PSException
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from documents.ingest.formats import DOCX, MARKDOWN, PDF, ImportRefused
from documents.ingest.numbering import is_numbered
from documents.ingest.pdf_layout import (
    assign_heading_levels,
    read_pdf_lines,
    strip_running_lines,
)


@dataclass
class SourceLine:
    text: str
    page: int | None = None
    heading_level: int | None = None  # declared by the source format, if any
    indent: int = 0


@dataclass
class Extraction:
    lines: list[SourceLine]
    declared_title: str = ""
    declares_headings: bool = False
    pages: int | None = None
    running_header: str = ""  # a PDF's line repeated at the top of its pages
    notes: list[str] = field(default_factory=list)


def extract(path: Path, file_format: str) -> Extraction:
    extractors = {PDF: extract_pdf, DOCX: extract_docx, MARKDOWN: extract_markdown}
    extraction = extractors.get(file_format, extract_text)(path)
    if not any(line.text.strip() for line in extraction.lines):
        raise ImportRefused(
            _("Er staat geen tekst in dit bestand (is het een scan zonder tekstlaag?).")
        )
    return extraction


def _lines_with_indent(text, page=None):
    """Lines with their indentation; a whitespace-only line keeps its length as indent,
    because a long run of spaces is how extracted PDFs separate footnotes from the body."""
    for raw in text.split("\n"):
        stripped = raw.rstrip()
        indent = len(raw) if not stripped else len(stripped) - len(stripped.lstrip(" "))
        yield SourceLine(stripped.lstrip(" "), page=page, indent=indent)


def decode_text(data: bytes) -> tuple[str, str]:
    """Text and the encoding it was in: UTF-8/16 first, then Windows-1252, then Latin-1."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1"), "latin-1"


def extract_text(path: Path) -> Extraction:
    text, encoding = decode_text(path.read_bytes())
    if "\x00" in text:
        raise ImportRefused(
            _("Dit tekstbestand bevat binaire gegevens en kan niet worden gelezen.")
        )
    # Text saved from a PDF separates its pages with form feeds, and repeats a running
    # header and footer on them.
    pages = [
        list(_lines_with_indent(page, page=number if "\f" in text else None))
        for number, page in enumerate(text.replace("\r\n", "\n").split("\f"), start=1)
    ]
    running_header = strip_running_lines(pages, in_reading_order=True)
    lines = [line for page in pages for line in page]
    extraction = Extraction(lines=lines, running_header=running_header)
    if encoding not in ("utf-8-sig", "utf-16"):
        extraction.notes.append(_("Tekst gelezen als %(encoding)s.") % {"encoding": encoding})
    return extraction


MARKDOWN_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
MARKDOWN_INLINE = [
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # images: keep the alt text
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links: keep the link text
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])"), r"\1"),
    (re.compile(r"`([^`]*)`"), r"\1"),
    (re.compile(r"<!--.*?-->"), ""),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!'\"])"), r"\1"),
]


def markdown_to_plain(text: str) -> str:
    for pattern, replacement in MARKDOWN_INLINE:
        text = pattern.sub(replacement, text)
    return text


def extract_markdown(path: Path) -> Extraction:
    text, _encoding = decode_text(path.read_bytes())
    lines, title = [], ""
    for raw in text.replace("\r\n", "\n").split("\n"):
        if re.fullmatch(r"\s*([-*_]\s*){3,}", raw):  # a horizontal rule
            lines.append(SourceLine(""))
            continue
        heading = MARKDOWN_HEADING.match(raw)
        if heading:
            level, content = len(heading.group(1)), markdown_to_plain(heading.group(2)).strip()
            if level == 1 and not title:
                title = content
            lines.append(SourceLine(content, heading_level=level))
            continue
        stripped = raw.rstrip()
        lines.append(
            SourceLine(
                markdown_to_plain(stripped.lstrip()),
                indent=len(stripped) - len(stripped.lstrip()),
            )
        )
    return Extraction(lines=lines, declared_title=title, declares_headings=True)


WORD_HEADING_STYLE = re.compile(r"^(?:Heading|Kop)\s*(\d)$", re.IGNORECASE)


def extract_docx(path: Path) -> Extraction:
    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise ImportRefused(
            _("Het Word-bestand kan niet worden gelezen (%(error)s).") % {"error": error}
        ) from error
    blocks, title, styled_title = [], "", ""  # (a table's rows?, lines), in document order
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            rows = [" | ".join(cell.text.strip() for cell in row.cells) for row in block.rows]
            blocks.append((True, [*map(SourceLine, rows), SourceLine("")]))
            continue
        style = block.style.name if block.style is not None else ""
        text = block.text.strip()
        heading = WORD_HEADING_STYLE.match(style)
        level = (
            1 if style.lower() in ("title", "titel") else int(heading.group(1)) if heading else None
        )
        if level == 1 and text and not title:
            title = text
        if style.lower() in ("title", "titel") and text and not styled_title:
            styled_title = text
        # Word paragraphs are paragraphs: an empty line keeps them apart.
        blocks.append(
            (False, [SourceLine(text, heading_level=level if text else None), SourceLine("")])
        )
    declares_headings = any(line.heading_level for _rows, block in blocks for line in block)
    lines = []
    for rows, block in blocks:
        if rows or declares_headings:
            lines += block
        else:  # headings typed as ordinary paragraphs: read like text, a line break as a line
            lines += [SourceLine(part.strip()) for line in block for part in line.text.split("\n")]
    # A title in the file's properties names the document; the first Heading 1 is then a chapter.
    core_title = _meaningful((document.core_properties.title or "").strip())
    return Extraction(
        lines=lines,
        declared_title=styled_title or core_title or title,
        declares_headings=declares_headings,
    )


# Placeholders that tools write into file properties: no title, or the file's name.
PLACEHOLDER_TITLE = re.compile(
    r"(?i)document\s*\d*|\(?anonymous\)?|untitled|naamloos|microsoft word - .*|.*\.(?:docx?|pdf)"
)


def _meaningful(title: str) -> str:
    """Office suites often leave placeholder titles ('x', 'Document1') in file properties."""
    return title if len(title) > 3 and not PLACEHOLDER_TITLE.fullmatch(title) else ""


PARAGRAPH_GAP = 1.5  # of the font size: a wider distance between baselines ends a paragraph
# pdfminer's errors all derive from PSException; pypdf has its own.
PDF_READ_ERRORS = (
    PdfReadError,
    PSException,
    ValueError,
    KeyError,
    TypeError,
    AttributeError,
    RecursionError,
)


def extract_pdf(path: Path) -> Extraction:
    """Text and typography from pdfminer; pypdf only opens the file (encryption, properties)."""
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            raise ImportRefused(
                _(
                    "De PDF is beveiligd met een wachtwoord; "
                    "sla hem onbeveiligd op en probeer opnieuw."
                )
            )
        metadata_title = _meaningful(str((reader.metadata or {}).get("/Title", "") or "").strip())
        with path.open("rb") as handle:
            pages = read_pdf_lines(handle)
    except ImportRefused:
        raise
    except PDF_READ_ERRORS as error:
        raise ImportRefused(
            _("De PDF is beschadigd en kan niet worden gelezen (%(error)s).")
            % {"error": type(error).__name__}
        ) from error
    running_header = strip_running_lines(pages)
    declares_headings = assign_heading_levels(pages)
    lines = []
    for page in pages:
        right_edge = max((line.end for line in page), default=0.0)
        previous = None
        for line in page:
            spaced = line.gap_before and line.gap_before > PARAGRAPH_GAP * line.size
            # In a typeset PDF a line that stops well short of the margin ends its paragraph.
            short = declares_headings and previous is not None and previous.end < 0.7 * right_edge
            if spaced or short:
                lines.append(SourceLine("", page=line.page))
            previous = line
            stripped = line.text.rstrip()
            indent = len(line.text) if not stripped else len(stripped) - len(stripped.lstrip())
            lines.append(SourceLine(stripped.lstrip(), line.page, line.heading_level, indent))
        lines.append(SourceLine("", page=len(lines) and lines[-1].page))
    # The largest type on the first page is the title, unless it is a numbered chapter (no
    # title page); the title in the file's properties goes first when it says something.
    first_page = pages[0] if pages else []
    first_heading = next((line.text.strip() for line in first_page if line.heading_level == 1), "")
    return Extraction(
        lines=lines,
        declared_title=metadata_title or ("" if is_numbered(first_heading) else first_heading),
        declares_headings=declares_headings,
        pages=len(pages),
        running_header=running_header,
    )

"""Lines of a PDF with their typography, read from the PDF's own text objects (pdfminer.six).

pdfminer's full layout analysis builds an object per character and groups them into
boxes, which doubles the cost of a page. We need less: each character's position, font
size and weight. A text device records those as it renders the page's strings, and lines
are the runs of characters on one baseline. A gap wider than a quarter of the font size
is a space; the distance to the previous line is kept, because headings are set apart.

From the lines, ``assign_heading_levels`` finds headings the way a reader does: the
body text is the size most characters are set in; a short line set larger, or wholly
in bold, is a heading, and the larger its size the higher its level. A document set in
one font throughout (a text file printed to PDF) declares nothing.
"""

import re
from collections import Counter
from dataclasses import dataclass, field

from pdfminer.pdfdevice import PDFTextDevice
from pdfminer.pdffont import PDFUnicodeNotDefined
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage

from documents.ingest.numbering import is_numbered

SPACE_GAP = 0.25  # of the font size: a wider horizontal gap between characters is a space
SAME_LINE = 0.5  # of the font size: baselines closer than this are one line
MAX_HEADING_WORDS = 18
MAX_HEADING_LINES = 6  # a pull quote set in a heading style can run to six lines
LARGER = 1.08  # a heading size is at least this much larger than the body size
# With three larger sizes in use, bold at body size is emphasis (a name, a quote), not a level.
MAX_SIZES_BEFORE_BOLD_IS_EMPHASIS = 3
UNMAPPED = "\ufffd"  # a glyph the font maps to no character
LIST_OR_NUMBER = re.compile(r"^(?:[-•▪*]\s|\d{1,3}$)")


@dataclass
class PdfLine:
    text: str
    page: int
    size: float
    bold: bool
    x: float
    y: float
    end: float  # where the line's last character ends
    gap_before: float | None = None  # baseline distance to the previous line on the page
    heading_level: int | None = None


@dataclass
class _Run:
    chars: list = field(default_factory=list)  # (text, x, end, size, bold)
    y: float = 0.0


class _CharRecorder(PDFTextDevice):
    """Records (text, x, advance end, y, size, bold) per rendered character."""

    def __init__(self, resources):
        super().__init__(resources)
        self.chars = []

    def render_char(self, matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate):
        try:
            text = font.to_unichr(cid)
        except PDFUnicodeNotDefined:
            text = UNMAPPED
        advance = font.char_width(cid) * fontsize * scaling  # in text space
        x, y = matrix[4], matrix[5]
        size = fontsize * (abs(matrix[3]) or 1.0)  # as printed on the page
        bold = "bold" in font.fontname.lower() or "black" in font.fontname.lower()
        self.chars.append((text, x, x + advance * abs(matrix[0]), y, size, bold))
        return advance


def read_pdf_lines(handle) -> list[list[PdfLine]]:
    """The lines of every page, in the order the page draws them."""
    resources = PDFResourceManager(caching=True)
    device = _CharRecorder(resources)
    interpreter = PDFPageInterpreter(resources, device)
    pages = []
    for page in PDFPage.get_pages(handle):
        device.chars = []
        interpreter.process_page(page)
        pages.append(_lines_of(device.chars, len(pages) + 1))
    return pages


def _lines_of(chars, page_number) -> list[PdfLine]:
    runs: list[_Run] = []
    for text, x, end, y, size, bold in chars:
        size = size or 1.0
        current = runs[-1] if runs else None
        if current is None or abs(y - current.y) > SAME_LINE * size or x < current.chars[-1][1]:
            current = _Run(y=y)
            runs.append(current)
        current.chars.append((text, x, end, size, bold))
    lines = []
    for run in runs:
        line = _line_of(run, page_number)
        if lines and line.y < lines[-1].y:
            line.gap_before = lines[-1].y - line.y
        lines.append(line)
    return lines


def _line_of(run: _Run, page_number: int) -> PdfLine:
    pieces, previous_end = [], None
    for text, x, end, size, _bold in run.chars:
        gap = x - previous_end if previous_end is not None else 0.0
        if gap > SPACE_GAP * size and not pieces[-1].endswith(" ") and not text.startswith(" "):
            pieces.append(" ")
        pieces.append(text)
        previous_end = end
    visible = [char for char in run.chars if char[0].strip()]
    sizes = Counter(round(char[3], 1) for char in visible)
    size = sizes.most_common(1)[0][0] if sizes else run.chars[0][3]
    bold = bool(visible) and sum(char[4] for char in visible) >= 0.9 * len(visible)
    start, end = run.chars[0][1], run.chars[-1][2]
    text = "".join(pieces)
    # A glyph without a character that opens a line before a space is its bullet
    # (reportlab's and many fonts' bullet has no Unicode mapping); elsewhere it is dropped.
    text = re.sub(rf"^(\s*){UNMAPPED}(?=\s)", r"\1•", text).replace(UNMAPPED, "")
    return PdfLine(text, page_number, size, bold, start, run.y, end)


def strip_running_lines(pages: list[list], in_reading_order: bool = False) -> str:
    """Remove running headers and footers: lines at the top or bottom of most pages that
    repeat there (page numbers aside). Returns the running header's text, if any.

    PDF lines are placed by their baseline; ``in_reading_order`` pages (a text file's,
    split at form feeds) are top to bottom as they are."""
    if len(pages) < 2:
        return ""

    def key(line):
        return re.sub(r"\d+", "#", line.text.strip())

    def top_to_bottom(page):
        if in_reading_order:
            return [line for line in page if line.text.strip()]
        return sorted(page, key=lambda line: -line.y)

    def edges(page):
        ordered = top_to_bottom(page)
        return [*ordered[:2], *ordered[-2:]]

    counts = Counter()
    for page in pages:
        counts.update({key(line) for line in edges(page) if line.text.strip()})
    repeated = {text for text, count in counts.items() if count >= max(2, len(pages) * 0.5)}
    header = ""
    for page in pages:
        ordered = top_to_bottom(page)
        top = ordered[0] if ordered else None
        running = [line for line in edges(page) if key(line) in repeated]
        for line in running:
            if line not in page:
                continue  # a page of one or two lines lists them twice
            at_top = line is top or (not in_reading_order and line.y == top.y)
            page.remove(line)
            if not header and at_top and re.search(r"[^\W\d]{3}", line.text):
                header = line.text.strip()
    return header


def body_size(lines: list[PdfLine]) -> float:
    counts = Counter()
    for line in lines:
        counts[line.size] += len(line.text.strip())
    return counts.most_common(1)[0][0] if counts else 0.0


def _heading_style(line: PdfLine, body: float):
    """(size, bold) of a line set apart as a heading, or None for body text."""
    text = line.text.strip()
    if not text or len(text.split()) > MAX_HEADING_WORDS or LIST_OR_NUMBER.match(text):
        return None
    if line.size >= body * LARGER:
        return (line.size, line.bold)
    if line.bold and abs(line.size - body) < 0.5:
        return (line.size, True)
    return None


def _is_emphasis(line: PdfLine, larger_sizes: int) -> bool:
    """Bold at body size: a heading level unless the sizes already give three levels, or
    it reads as part of a sentence (a trailing comma). Numbered, it is always a heading."""
    text = line.text.strip()
    if is_numbered(text):
        return False
    return larger_sizes >= MAX_SIZES_BEFORE_BOLD_IS_EMPHASIS or text[-1] in ",;"


def assign_heading_levels(pages: list[list[PdfLine]]) -> bool:
    """Set ``heading_level`` on heading lines, and join a heading wrapped over lines.

    Returns whether the document's typography declares headings at all.
    """
    body = body_size([line for page in pages for line in page])
    styles = {}
    for page in pages:
        for line in page:
            if style := _heading_style(line, body):
                styles[id(line)] = style
        _join_wrapped_headings(page, styles)
    lines = [line for page in pages for line in page]
    larger_sizes = len({size for size, _bold in styles.values() if size >= body * LARGER})
    for line in lines:
        style = styles.get(id(line))
        if style and style[0] < body * LARGER and _is_emphasis(line, larger_sizes):
            del styles[id(line)]
    if not styles:
        return False
    # Larger is higher; at one size, bold is higher than regular.
    ranked = sorted(set(styles.values()), key=lambda style: (-style[0], not style[1]))
    for line in lines:
        if id(line) in styles:
            line.heading_level = ranked.index(styles[id(line)]) + 1
    return True


def _join_wrapped_headings(page: list[PdfLine], styles: dict):
    """A heading continued on the next line in the same style, at line spacing, is one heading."""
    index = 0
    while index < len(page):
        line = page[index]
        joined = 1
        while (
            id(line) in styles
            and index + 1 < len(page)
            and joined < MAX_HEADING_LINES
            and _continues_heading(line, page[index + 1], styles)
        ):
            following = page.pop(index + 1)
            styles.pop(id(following))
            line.text = f"{line.text.rstrip()} {following.text.lstrip()}"
            joined += 1
        index += 1


def _continues_heading(line: PdfLine, following: PdfLine, styles: dict) -> bool:
    if styles.get(id(following)) != styles.get(id(line)) or following.gap_before is None:
        return False
    text = line.text.rstrip()
    if not text or text[-1] in ".:!?" or is_numbered(following.text.strip()):
        return False  # the next heading ("1.2 …"), not a wrapped one ("2017 over …")
    return following.gap_before <= 1.6 * line.size

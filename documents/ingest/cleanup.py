"""Removing the artefacts that extracted text carries, line by line.

Extracted reports come with bullet glyphs from private-use fonts, running headers and
page numbers, footnotes printed at the bottom of pages, and figures reduced to stray
label lines. ``clean_lines`` removes these and returns the body lines plus the
footnotes it lifted out; joining wrapped lines into paragraphs happens later, once
headings are known (``documents/ingest/paragraphs.py``).
"""

import re
import unicodedata
from dataclasses import dataclass, field

from documents.ingest.extract import SourceLine
from documents.ingest.numbering import LABELLED_HEADING

# Private-use glyphs from Symbol/Wingdings fonts and ordinary bullet characters.
BULLET_GLYPHS = (
    "\uf0b7\uf0a7\uf076\uf0d8\uf0fc\u2022\u25aa\u25cf\u25e6\u2023\u2043\u25a0\u25a1\u2219"
)
HEADER_GLYPHS = "\uf06e"  # a private-use square that marks running headers in the corpus
DECORATION = re.compile(r"\s*[\u25b6\u25ba\u27a4]+\s*")  # ▶▶ "read more" arrows
LIST_MARKER = re.compile(rf"^(?:[{BULLET_GLYPHS}]|[-*+](?=\s)|o(?=\s+\S))\s*")
PAGE_NUMBER = re.compile(r"^(?:pagina\s+)?\d{1,3}(?:\s*(?:/|van)\s*\d{1,3})?$", re.IGNORECASE)
FOOTNOTE_SEPARATOR_WIDTH = 20
FIGURE_LABEL = re.compile(r"^[\w/&+\-‘’' ]{1,30}$")
DATA_ROW = re.compile(r"\d{2}")


@dataclass
class Line:
    text: str
    page: int | None = None
    heading_level: int | None = None
    indent: int = 0
    list_item: bool = False

    @property
    def blank(self):
        return not self.text


@dataclass
class Cleaned:
    lines: list[Line]
    footnotes: dict[str, str] = field(default_factory=dict)


def normalise_characters(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = DECORATION.sub(" ", text)
    text = text.replace("\u00a0", " ").replace("\u00ad", "")  # no-break space, soft hyphen
    return re.sub(r"[ \t]+", " ", text).strip()


def to_line(source: SourceLine) -> Line:
    text = normalise_characters(source.text)
    list_item = False
    if source.heading_level is None:
        stripped = LIST_MARKER.sub("", text)
        # A second marker ("• o Korte lijnen", "- o …") is a nested list item.
        stripped = LIST_MARKER.sub("", stripped) if stripped != text else stripped
        list_item = stripped != text
        text = stripped.strip()
    return Line(text, source.page, source.heading_level, source.indent, list_item)


def clean_lines(source_lines: list[SourceLine]) -> Cleaned:
    footnotes: dict[str, str] = {}
    body = _lift_footnotes(source_lines, footnotes)
    lines = [to_line(line) for line in body]
    lines = _drop_page_furniture(lines)
    lines = _drop_figure_labels(lines)
    return Cleaned(lines=lines, footnotes=footnotes)


def _is_separator(line: SourceLine) -> bool:
    return not line.text and line.indent >= FOOTNOTE_SEPARATOR_WIDTH


def _lift_footnotes(lines: list[SourceLine], footnotes: dict[str, str]) -> list[SourceLine]:
    """Move footnotes printed at page bottoms out of the body.

    A footnote zone starts at a long run of spaces. In it, a line holding only a number
    opens a footnote; unindented lines continue the current footnote (also across a page
    break, where a zone without a number continues the previous footnote); the first
    indented line is the body resuming on the next page.
    """
    body: list[SourceLine] = []
    current = None
    index = 0
    while index < len(lines):
        line = lines[index]
        if not _is_separator(line):
            body.append(line)
            index += 1
            continue
        index += 1
        just_numbered = False
        while index < len(lines):
            line = lines[index]
            text = line.text.strip()
            if _is_separator(line) or not text:
                index += 1
                continue
            if re.fullmatch(r"\d{1,2}", text) and line.indent == 0:
                current = text
                footnotes[current] = ""
                just_numbered = True
            elif line.indent == 0 or just_numbered:
                if current is not None:
                    footnotes[current] = (
                        f"{footnotes[current]} {normalise_characters(text)}".strip()
                    )
                just_numbered = False
            else:
                break  # the body resumes
            index += 1
    return body


def _drop_page_furniture(lines: list[Line]) -> list[Line]:
    """Running headers (marked with a header glyph) and page numbers on their own line.

    A number straight before a declared heading is the heading's number, printed on a
    line of its own by the layout, and stays.
    """
    kept = []
    for index, line in enumerate(lines):
        furniture = line.text[:1] in HEADER_GLYPHS or PAGE_NUMBER.fullmatch(line.text)
        furniture = furniture and not is_heading_number(lines, index)
        if line.heading_level is None and line.text and furniture:
            continue
        kept.append(line)
    return kept


def is_heading_number(lines: list[Line], index: int) -> bool:
    """A bare number whose next non-blank line is a declared heading."""
    if not lines[index].text.isdigit() or len(lines[index].text) > 2:
        return False
    following = next((line for line in lines[index + 1 :] if not line.blank), None)
    return following is not None and following.heading_level is not None


def _looks_like_label(line: Line) -> bool:
    return (
        line.heading_level is None
        and not line.list_item
        and bool(FIGURE_LABEL.fullmatch(line.text))
        and len(line.text.split()) <= 3
        and not DATA_ROW.search(line.text)  # "2020 85": a table row, which is text
        and not _is_numbered_label(line.text)
    )


def _is_numbered_label(text: str) -> bool:
    """ "Stap 2 Vragen": a heading, or an item of a list announcing the headings."""
    label = LABELLED_HEADING.match(text)
    return bool(label and label.group(2)[0].isdigit())


def _drop_figure_labels(lines: list[Line], run_length: int = 4) -> list[Line]:
    """Figures reduced to text leave runs of one- to three-word lines between blank lines."""
    keep = [True] * len(lines)
    index = 0
    while index < len(lines):
        run = []
        cursor = index
        while cursor < len(lines) and (lines[cursor].blank or _looks_like_label(lines[cursor])):
            if not lines[cursor].blank:
                run.append(cursor)
            cursor += 1
        if len(run) >= run_length:
            for position in run:
                keep[position] = False
        index = max(cursor, index + 1)
    return [line for line, kept in zip(lines, keep, strict=True) if kept]

"""From cleaned lines to a section tree: headings, paragraphs, footnote references.

Markdown, Word and typeset PDFs declare their headings (``#``, heading styles, type
sizes); where a printed number disagrees with the style, the number decides the level
and the offset between the two places the unnumbered headings. Plain text declares
nothing, so headings are recognised as a reader does:

- the document's own numbering: ``1.3 Samenstelling`` is as deep as its parts; ``2.`` is
  a chapter when sections ``2.x`` follow it or it continues the chapter sequence;
  ``Hoofdstuk 3``, ``Bijlage 2`` are chapters; a label the document numbers (``Casus 1``,
  ``Casus 2``) sits one below its section; numbered headings wrapped over lines are joined;
- a short stand-alone line without closing punctuation: set apart by the layout
  (indented, as extracted PDFs render separate text boxes) it is a chapter, otherwise a
  sub-heading of the section it is in, as are lettered lines (``a. Het leren van
  elkaar``), short questions and labels that introduce a list (``Opbrengst:``);
- never a line that does not read as a heading: one broken mid-sentence (ending on a
  function word), contact details, a table row or tally, a figure label, a line of a
  block of short lines (an address, a signature), or numbered lines that announce what
  comes (after a colon, or set directly under one another).
"""

import re
from dataclasses import dataclass, field

from django.utils.text import slugify

from documents.ingest.cleanup import Line, is_heading_number
from documents.ingest.footnotes import link_footnotes
from documents.ingest.metadata import GENERIC_HEADINGS, is_date_line, people_named
from documents.ingest.names import person_name
from documents.ingest.numbering import (
    CHAPTER_LABEL,
    LABELLED_HEADING,
    LETTERED_HEADING,
    NUMBERED_HEADING,
    ROMAN_CHAPTER,
    roman_value,
)
from documents.ingest.statements import is_field_line

SENTENCE_END = ".,;:!?"
MAX_HEADING_WORDS = 16
MAX_BARE_HEADING_WORDS = 8
LIST_NUMBER = re.compile(r"^(\d{1,2})\.\s+(.+)$")
LEADING_NUMBER = re.compile(r"^(\d{1,2})\)?\s+([A-Z].*)$")  # "5 Omarm de weerstand", "2) …"
MAX_QUESTION_HEADING_WORDS = 4
MAX_LABEL_HEADING_WORDS = 4
SUB_HEADING = "sub"  # a level placeholder: below the numbered sections, resolved per document
LABELLED = "labelled"  # a numbered label ("Casus 2"): one below the section it is in
CHAPTER = "chapter"
LIST_START = re.compile(r"^[-*+•]\s")
CONTACT = re.compile(r"@|https?://|www\.|\b(?:tel|telefoon|fax|e-?mail)\b", re.IGNORECASE)
# Words a heading never ends on: it would be a line broken mid-sentence ("Daarnaast richt het").
_FUNCTION_WORDS = (
    "de het een en of in op aan van voor met door bij als dat die dit deze er is zijn wel "
    "niet ook maar om te tot naar uit over zo dan toch immers daarnaast wordt werd we wij zij"
)
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS.split())
# A line naming what the document is ("MEMO", "Notitie") heads nothing.
DOCUMENT_TYPE_LABELS = frozenset(
    ["memo", "memorandum", "notitie", "nota", "rapport", "rapportage", "verslag", "brief"]
)
FIGURE = re.compile(r"[\d.,%€+-]*\d[\d.,%€+-]*")  # "64", "18.400", "12%"
CAPTION = re.compile(r"^(?:Figuur|Tabel|Grafiek|Figure|Table)\s*\d", re.IGNORECASE)


@dataclass
class Section:
    heading: str
    level: int
    number: str = ""
    page: int | None = None
    paragraphs: list[str] = field(default_factory=list)
    footnotes: dict[str, str] = field(default_factory=dict)
    anchor: str = ""

    @property
    def text(self):
        return "\n\n".join(self.paragraphs)


@dataclass
class Outline:
    title: str
    preamble: list[str]
    sections: list[Section]


def _is_upper_dominant(text):
    letters = [char for char in text if char.isalpha()]
    return bool(letters) and sum(char.isupper() for char in letters) / len(letters) > 0.8


def _starts_like_a_title(text):
    return bool(text) and (text[0].isupper() or text[0] in "‘'\"“")


def _next_text_index(lines, index):
    return next((i for i in range(index + 1, len(lines)) if not lines[i].blank), None)


def _next_text(lines, index):
    following = _next_text_index(lines, index)
    return None if following is None else lines[following]


def numbered_heading(line: Line, chapters=frozenset(), text=None):
    """(number, title) if the line is a printed, numbered heading.

    A single number ("2. Werkwijze") is a chapter when the document numbers sections
    within it after it ("2.1 …"; ``chapters``), or when it is set in capitals; otherwise
    it is a list item.
    """
    match = NUMBERED_HEADING.match(text if text is not None else line.text)
    if not match or line.list_item:
        return None
    number, title = match.group(1), match.group(2).strip()
    if title[-1] in SENTENCE_END or len(title.split()) > MAX_HEADING_WORDS:
        return None
    if not _starts_like_a_title(title) or not reads_as_heading(title):
        return None
    if "." not in number and not (_is_upper_dominant(title) or number in chapters):
        return None  # "1. Teammodel, …" in running text is a list, "1. INTERVIEWS" a chapter
    return number, title


def reads_as_heading(text: str) -> bool:
    """A complete phrase: not a line broken mid-sentence ("Wel is in"), not contact details,
    not a table row or a tally (mostly numbers)."""
    words = text.split()
    if not words or words[-1].casefold().strip(",;") in FUNCTION_WORDS or CONTACT.search(text):
        return False
    if " | " in text or text.rstrip().endswith(","):
        return False
    numeric = sum(bool(re.fullmatch(r"[\d.,%€+-]+", word)) for word in words)
    return numeric < 2 and (len(words) > 1 or words[0].casefold() not in FUNCTION_WORDS)


def _first_sections(lines) -> dict[str, int]:
    """Where the document's own numbering first uses a chapter number: "2" → the line of
    the first "2.x" heading. A chapter "2." comes before it; a "2." after it is a list item."""
    first: dict[str, int] = {}
    for index, line in enumerate(lines):
        if (match := NUMBERED_HEADING.match(line.text)) and "." in match.group(1):
            first.setdefault(match.group(1).split(".")[0], index)
    return first


def _label_series(lines) -> frozenset:
    """Labels a document numbers as its own headings ("Casus 1", "Casus 2"): seen with
    at least two different numbers on lines of their own."""
    numbers: dict[str, set] = {}
    for line in lines:
        match = LABELLED_HEADING.match(line.text)
        if CHAPTER_LABEL.match(line.text) or CAPTION.match(line.text):
            continue  # "Bijlage 2" is a chapter, "Tabel 2" a caption: no series within a section
        if match and not line.list_item:
            numbers.setdefault(match.group(1).casefold(), set()).add(match.group(2))
    return frozenset(label for label, seen in numbers.items() if len(seen) >= 2)


def _label_number(text: str) -> str:
    """The number a labelled heading prints: "2" in "Bijlage 2: …" and in "Casus 2"."""
    if chapter := CHAPTER_LABEL.match(text):
        return chapter.group(1) or ""
    labelled = LABELLED_HEADING.match(text)
    return labelled.group(2) if labelled else ""


def labelled_heading(lines, index, series):
    """(kind, number, title) for "Bijlage 2: Tabellen", "Hoofdstuk 3" or a numbered label
    the document uses as headings ("Casus 1: Samen aan tafel")."""
    line = lines[index]
    if line.list_item or not _ends_a_paragraph(lines, index):
        return None
    text = line.text
    if not text[0].isupper() or text[-1] in ".;,!" or len(text.split()) > MAX_HEADING_WORDS:
        return None
    if not reads_as_heading(text):
        return None
    following = lines[index + 1] if index + 1 < len(lines) else None
    if following is not None and not following.blank and following.text[0].islower():
        return None  # a sentence that starts "Bijlage 1 bevat …" and runs on
    if chapter := CHAPTER_LABEL.match(text):
        return CHAPTER, chapter.group(1) or "", text
    labelled = LABELLED_HEADING.match(text)
    if labelled and labelled.group(1).casefold() in series:
        title = labelled.group(3).strip()
        if not title or (_starts_like_a_title(title) and reads_as_heading(title)):
            return LABELLED, labelled.group(2), text
    return None


def _continued_heading(lines, index, text):
    """The heading text with the lines it wraps onto (at most two more), and lines used.

    A next line continues the heading when it follows without a blank line, is short,
    does not end a sentence and either starts in lower case, matches the heading's
    capitals, or is followed by a blank line (the heading ends there).
    """
    used = 1
    while used < 3 and index + used < len(lines):
        following = lines[index + used]
        if following.blank or following.list_item or following.heading_level:
            break
        piece = following.text
        if NUMBERED_HEADING.match(piece) or len(piece.split()) > MAX_BARE_HEADING_WORDS:
            break
        if piece[-1] in ".;:!" or text[-1] in ".;:!?":
            break
        after = lines[index + used + 1] if index + used + 1 < len(lines) else None
        same_case = _is_upper_dominant(piece) == _is_upper_dominant(text)
        continues = piece[0].islower() or (same_case and _is_upper_dominant(text))
        if not continues and after is not None and not after.blank:
            break
        text, used = f"{text} {piece}", used + 1
    return text, used


def is_bare_heading(lines, index, text=None):
    line = lines[index]
    text = text if text is not None else line.text
    if line.list_item or not _starts_like_a_title(text) or text[-1] in SENTENCE_END + "/-":
        return False
    if CAPTION.match(text) or not reads_as_heading(text) or is_field_line(text):
        return False
    if text.casefold() in DOCUMENT_TYPE_LABELS:
        return False
    if len(text.split()) > MAX_BARE_HEADING_WORDS or len(text) > 70 or text.isdigit():
        return False
    earlier = _previous_text(lines, index)
    if earlier is not None and CAPTION.match(earlier.text):
        return False  # a label of the figure just captioned
    previous = lines[index - 1] if index else None
    following = _next_text(lines, index)
    standalone = previous is None or previous.blank or previous.text[-1] in ".!?’”"
    if previous is not None and previous.list_item:
        if len(text.split()) > 3:
            return False  # straight after a list item: the item's last line, unless a short label
        # A label between two lists, unless the item before it runs on ("… geredigeerd door").
        opens_a_list = following is not None and following.list_item
        standalone = standalone or (opens_a_list and reads_as_heading(previous.text))
    if following is None or not standalone or _in_block(lines, index):
        return False
    if _is_table_row(lines, index):
        return False
    first = following.text[0]
    opens_a_lettered_part = bool(LETTERED_HEADING.match(following.text))  # "a Hoe …"
    return (
        first.isupper()
        or first.isdigit()
        or first in "‘'\"“("
        or following.list_item
        or opens_a_lettered_part
    )


def _previous_text(lines, index):
    for line in reversed(lines[:index]):
        if not line.blank:
            return line
    return None


def _is_numbered_item(text):
    return bool(NUMBERED_HEADING.match(text) or LIST_NUMBER.match(text))


def _is_list_like(text):
    """Numbered as an item or a heading is ("1.", "1.2", "b.", "Stap 2")."""
    labelled = LABELLED_HEADING.match(text) or LETTERED_HEADING.match(text)
    return _is_numbered_item(text) or bool(labelled and not CHAPTER_LABEL.match(text))


def _in_a_list(lines, index):
    """A numbered line introduced by a colon, or a numbered or labelled line set directly
    above or below another: it announces what is coming. A labelled line after a colon
    ("… op drie terreinen:" "a. …") announces only when the next line is another item;
    followed by text, it heads that text."""
    text = lines[index].text
    if not _is_list_like(text):
        return False
    earlier, following = _previous_text(lines, index), _next_text(lines, index)
    announced = earlier is not None and earlier.text.endswith(":")
    if announced and (
        _is_numbered_item(text) or (following is not None and _is_list_like(following.text))
    ):
        return True
    neighbours = [lines[i] for i in (index - 1, index + 1) if 0 <= i < len(lines)]
    return any(not other.blank and _is_list_like(other.text) for other in neighbours)


def _is_short_line(line):
    return (
        not line.list_item
        and len(line.text.split()) <= 6
        and line.text[-1] not in ".!?:"
        and not NUMBERED_HEADING.match(line.text)
    )


def _in_block(lines, index):
    """Short lines set one under the other (an address, a signature, a table) are a block:
    the next line directly below, or — where every line is its own paragraph (Word, a
    table in a PDF) — the next two lines after blank ones."""
    following = lines[index + 1] if index + 1 < len(lines) else None
    if following is not None and not following.blank and _is_short_line(following):
        return True
    following = _next_text_index(lines, index)
    after = _next_text_index(lines, following) if following is not None else None
    return all(i is not None and _is_short_line(lines[i]) for i in (following, after))


def _is_table_row(lines, index):
    """A line holding a figure ("Wijkteam 6 fte", "Ja 31") next to another that holds one:
    rows of a table or a tally."""
    neighbours = (_previous_text(lines, index), _next_text(lines, index))
    return _holds_a_figure(lines[index].text) and any(
        line is not None and _is_short_line(line) and _holds_a_figure(line.text)
        for line in neighbours
    )


def _holds_a_figure(text):
    return any(FIGURE.fullmatch(word) for word in text.split())


def _ends_a_paragraph(lines, index):
    previous = lines[index - 1] if index else None
    return previous is None or previous.blank or previous.text[-1] in ".!?’”"


def sub_heading(lines, index):
    """(number, title, lines used) if the line is a lettered, question or label sub-heading."""
    line = lines[index]
    following = _next_text(lines, index)
    if line.list_item or following is None:
        return None
    text = line.text
    if _is_list_label(lines, index, following):
        return "", text[:-1].rstrip(), 1
    if not _ends_a_paragraph(lines, index):
        return None
    if lettered := LETTERED_HEADING.match(text):
        letter, title = lettered.groups()
        used = 1
        if (
            following is lines[index + 1]
            and following.text[0].islower()
            and following.text[-1] not in SENTENCE_END
            and len(following.text.split()) <= 3
        ):
            title, used = f"{title} {following.text}", 2  # a heading wrapped onto a second line
            following = _next_text(lines, index + 1)
        if (
            _starts_like_a_title(title)
            and title.rstrip()[-1] not in ".,;:!"
            and len(title.split()) <= MAX_HEADING_WORDS
            and following is not None
            and _starts_like_a_title(following.text)
        ):
            return letter, re.sub(r"\s+\?$", "?", title.strip()), used
        return None
    question = text.endswith("?") and len(text.split()) <= MAX_QUESTION_HEADING_WORDS
    if question and _starts_like_a_title(text) and _starts_like_a_title(following.text):
        return "", text, 1
    return None


def _is_list_label(lines, index, following):
    """'Opbrengst:' alone on its line, introducing a list (also straight after another list)."""
    text = lines[index].text
    previous = lines[index - 1] if index else None
    return (
        text.endswith(":")
        and ":" not in text[:-1]
        and len(text.split()) <= MAX_LABEL_HEADING_WORDS
        and text[0].isupper()
        and following.list_item
        and (previous is None or previous.list_item or _ends_a_paragraph(lines, index))
        and not _announces_headings(lines, index)
    )


def _announces_headings(lines, index):
    """A list whose items reappear later as lines of their own names the coming sections:
    its label ("Hieronder volgen:") announces them, it heads nothing itself."""
    items = []
    for line in lines[index + 1 :]:
        if line.blank:
            continue
        if not line.list_item:
            break
        items.append(line.text)
    later = {line.text for line in lines[index + 1 :] if not line.list_item}
    return any(item in later for item in items)


def classify_headings(lines: list[Line], declared: bool):
    """Headings by line, and the lines absorbed into them (a wrapped second line, a number).

    Returns ({index: (level, number, title)}, {absorbed line indexes}).
    """
    first_sections, series = _first_sections(lines), _label_series(lines)
    classify = _classify_declared if declared else _classify_text
    headings, absorbed_lines = classify(lines, first_sections, series)
    return _normalise_levels(headings), absorbed_lines


def _chapters_at(first_sections, index, last_chapter=""):
    """Single numbers that are chapters at this line: their sections follow, or they
    continue the chapter sequence."""
    chapters = {number for number, first in first_sections.items() if first > index}
    chapters |= {str(int(number) - 1) for number in chapters}  # "1." starts the sequence
    if last_chapter.isdigit():
        chapters.add(str(int(last_chapter) + 1))
    return chapters


def _classify_declared(lines, first_sections, series):
    """Declared headings, their levels from printed numbers where there are numbers; the
    other styles shifted by how much deeper a style sits than the level its printed
    number gives (a document whose title is "Heading 1" has chapters at 2)."""
    numbered, styled, style_offsets = {}, {}, []
    absorbed_lines = set()
    pending_number = last_chapter = ""
    for index, line in enumerate(lines):
        if line.blank:
            continue
        if is_heading_number(lines, index):
            absorbed_lines.add(index)
            pending_number = line.text
            continue
        if not line.heading_level or LIST_START.match(line.text) or CONTACT.search(line.text):
            continue
        chapters = _chapters_at(first_sections, index, last_chapter)
        if number_match := numbered_heading(line, chapters):
            number, title = number_match
            numbered[index] = (number.count(".") + 1, number, title)
            style_offsets.append(line.heading_level - number.count(".") - 1)
            last_chapter = number if "." not in number else last_chapter
        elif leading := LEADING_NUMBER.match(line.text):
            styled[index] = (line.heading_level, leading[1], leading[2])
        elif (roman := ROMAN_CHAPTER.match(line.text)) and roman_value(roman[1]):
            styled[index] = (line.heading_level, roman[1], roman[2])
        elif lettered := LETTERED_HEADING.match(line.text):
            styled[index] = (line.heading_level, lettered[1], lettered[2])
        else:
            number = pending_number or _label_number(line.text)
            styled[index] = (line.heading_level, number, line.text)
        pending_number = ""
    offset = sorted(style_offsets)[len(style_offsets) // 2] if style_offsets else 0
    headings, section_level = dict(numbered), None
    for index in sorted({*numbered, *styled}):
        if index in numbered:
            section_level = numbered[index][0]
            continue
        level, number, title = styled[index]
        label = LABELLED_HEADING.match(title)
        if label and label.group(1).casefold() in series and section_level:
            headings[index] = (section_level + 1, number, title)  # "Casus 2" in its section
        else:
            headings[index] = (max(1, level - offset), number, title)
    return headings, absorbed_lines


def _roman_chapters(lines) -> frozenset:
    """Roman numerals a document numbers its chapters with: "I." and at least one more."""
    numerals = {
        match.group(1)
        for line in lines
        if (match := ROMAN_CHAPTER.match(line.text)) and roman_value(match.group(1))
    }
    return frozenset(numerals) if "I" in numerals and len(numerals) >= 2 else frozenset()


def roman_chapter(lines, index, numerals):
    """(number, title) for "II. WERKWIJZE" in a document that numbers chapters so."""
    match = ROMAN_CHAPTER.match(lines[index].text)
    if not match or match.group(1) not in numerals or not _ends_a_paragraph(lines, index):
        return None
    title = match.group(2).strip()
    if title[-1] in SENTENCE_END or len(title.split()) > MAX_HEADING_WORDS:
        return None
    return (match.group(1), title) if reads_as_heading(title) else None


def _classify_text(lines, first_sections, series):
    headings = {}
    absorbed_lines = set()
    last_chapter = ""
    numerals = _roman_chapters(lines)
    for index, line in enumerate(lines):
        if line.blank or index in absorbed_lines or _in_a_list(lines, index):
            continue  # "komen aan bod:" and the numbered lines under it announce, not head
        text, used = _continued_heading(lines, index, line.text)
        chapters = _chapters_at(first_sections, index, last_chapter)
        if roman := roman_chapter(lines, index, numerals):
            headings[index] = (CHAPTER, *roman)
        elif number_match := numbered_heading(line, chapters, text):
            number, title = number_match
            headings[index] = (number.count(".") + 1, number, title)
            last_chapter = number if "." not in number else last_chapter
            absorbed_lines.update(range(index + 1, index + used))
        elif labelled := labelled_heading(lines, index, series):
            headings[index] = labelled
        elif found := sub_heading(lines, index):
            number, title, used = found
            headings[index] = (SUB_HEADING, number, title)
            absorbed_lines.update(range(index + 1, index + used))
        elif is_bare_heading(lines, index):
            headings[index] = (None, "", line.text)  # level decided below
        elif (item := LIST_NUMBER.match(line.text)) and is_bare_heading(lines, index, item[2]):
            # "1.  Teammodel (Utrecht)" on its own line: a numbered sub-heading, not a list.
            headings[index] = (None, item[1], item[2])
    for index in _title_block(lines, headings):
        del headings[index]
    return _resolve_text_levels(lines, headings), absorbed_lines


def _title_block(lines, headings) -> list[int]:
    """Unnumbered lines that open a document, above its first text and first numbered
    heading, in a block naming authors or a date: its title and subtitle, no sections."""
    first_text = next(
        (i for i, line in enumerate(lines) if not line.blank and _is_running_text(line.text)),
        len(lines),
    )
    numbered = [index for index, (_level, number, _title) in headings.items() if number]
    top = min([first_text, *numbered])
    if not any(is_date_line(line.text) or people_named(line.text) for line in lines[:top]):
        return []
    return [
        index
        for index, (level, number, title) in headings.items()
        if index < top and level is None and not number and title.casefold() not in GENERIC_HEADINGS
    ]


def _is_running_text(text: str) -> bool:
    return text[-1] in ".!?" and len(text.split()) > MAX_QUESTION_HEADING_WORDS


def _resolve_text_levels(lines, headings):
    """Bare headings set apart by indentation are chapters; sub-headings sit one below the
    numbered section they are in (below the numbered sections, before the first one)."""
    has_numbered_sections = any(
        number and "." in number and isinstance(level, int)
        for level, number, _t in headings.values()
    )
    sub_level = 3 if has_numbered_sections else 2
    section_level = None
    for index in sorted(headings):
        level, number, title = headings[index]
        if level is None:
            chapter = lines[index].indent > 0 or not has_numbered_sections
            level = 1 if chapter else (section_level or sub_level - 1) + 1
            section_level = None if chapter else section_level
        elif level == CHAPTER:
            level, section_level = 1, 1
        elif level in (SUB_HEADING, LABELLED):
            level = (section_level or sub_level - 1) + 1
        else:
            section_level = level
        headings[index] = (level, number, title)
    return headings


def _normalise_levels(headings):
    """Shift levels so the top level in use is 1 (Markdown documents often start at ##)."""
    if not headings:
        return headings
    top = min(level for level, _number, _title in headings.values())
    return {
        index: (level - top + 1, number, title)
        for index, (level, number, title) in headings.items()
    }


def join_paragraphs(lines: list[Line]) -> list[tuple[str, int | None]]:
    """Wrapped lines joined into paragraphs; list items stay separate.

    A blank line ends a paragraph unless the text clearly continues (no closing
    punctuation before it and a lower-case start after it), which repairs layouts
    that put a blank line after every line.
    """
    paragraphs: list[list] = []
    pending_blank = False
    previous_line = ""
    for line in lines:
        if line.blank:
            pending_blank = True
            continue
        if paragraphs and not line.list_item:
            previous_text = paragraphs[-1][0]
            continues = (
                previous_text[-1] not in '.!?:;’”"'
                and (line.text[0].islower() or not pending_blank)
                and not is_date_line(line.text)  # a date line stands alone ("maart 2021")
                and not is_date_line(previous_text)
                and not is_field_line(line.text)  # so do "Van: …" and "Uitgave: …"
                and not is_field_line(previous_text)
                and not in_a_block(previous_line, line.text)  # and a signature's or table's
            )
            if continues:
                paragraphs[-1][0] = join_wrapped(previous_text, line.text)
                pending_blank, previous_line = False, line.text
                continue
        paragraphs.append([line.text, line.page])
        pending_blank, previous_line = False, line.text
    return [(text, page) for text, page in paragraphs]


# "m.kuipers@wijkzaken.example", "tel. 030 234 56 78", "www.wijkzaken.example"
CONTACT_LINE = re.compile(
    r"(?:(?:e-?mail|tel(?:efoon)?|mob(?:iel)?|fax|t|e)[.:]?\s*)?"
    r"(?:\S+@\S+\.\w+|(?:\+31|0)[\d\s()-]{8,}|www\.\S+|https?://\S+)",
    re.IGNORECASE,
)
MAX_STANDALONE_CHARS = 40


def in_a_block(upper: str, lower: str) -> bool:
    """Two short lines one under the other, the upper a line of its own (a name, contact
    details, figures) or the lower contact details or figures: lines of a signature, an
    address or a table, not a wrapped sentence (a name may end one: "… van de" "De Schoor")."""
    if not (_is_short(upper) and _is_short(lower)):
        return False
    return (
        bool(person_name(upper)) or _is_contact_or_figures(upper) or _is_contact_or_figures(lower)
    )


def _is_short(text: str) -> bool:
    return (
        bool(text)
        and len(text) <= MAX_STANDALONE_CHARS
        and text[-1] not in SENTENCE_END
        and text[0].isalnum()
    )


def _is_contact_or_figures(text: str) -> bool:
    """Contact details, or a row of figures ("Noordhoek 22 15", "Wijkteam 6 fte")."""
    words = text.split()
    figures = sum(bool(FIGURE.fullmatch(word)) for word in words)
    return bool(CONTACT_LINE.fullmatch(text)) or (len(words) <= 7 and figures * 3 >= len(words))


def join_wrapped(left: str, right: str) -> str:
    """Join two wrapped line fragments, repairing end-of-line hyphenation.

    "verantwoordings-" + "relaties" → "verantwoordingsrelaties", but compounds with a
    capitalised or numeric part keep their hyphen: "Wmo-" + "loket" → "Wmo-loket",
    "Zeist-" + "Oost" → "Zeist-Oost".
    """
    if left.endswith("-") and not left.endswith(" -"):
        head = re.search(r"(\S+)-$", left).group(1)
        if right[:1].islower() and head.isalpha() and head.islower():
            return left[:-1] + right
        return left + right
    return f"{left} {right}"


def repair_split_compounds(text: str) -> str:
    """'Zeist- Oost' → 'Zeist-Oost': a hyphen followed by a space before a capital."""
    return re.sub(r"(?<=\w)- (?=[A-Z][a-z])", "-", text)


def build_outline(lines: list[Line], footnotes: dict[str, str], declared: bool, title: str = ""):
    headings, absorbed_lines = classify_headings(lines, declared)
    sections: list[Section] = []
    preamble_lines, current_lines = [], []

    def flush(section, buffer):
        paragraphs = []
        for text, page in join_paragraphs(buffer):
            paragraphs.append(repair_split_compounds(text))
            if section is not None:
                section.page = section.page or page
        return paragraphs

    current = None
    for index, line in enumerate(lines):
        if index in headings:
            level, number, heading = headings[index]
            if declared and not sections and current is None and heading == title and level == 1:
                continue  # the document title is not a section
            if current is None:
                preamble_lines = current_lines
            else:
                current.paragraphs = flush(current, current_lines)
            current = Section(
                heading=repair_split_compounds(heading), level=level, number=number, page=line.page
            )
            sections.append(current)
            current_lines = []
        elif index not in absorbed_lines:
            current_lines.append(line)
    if current is None:
        preamble_lines = current_lines
    else:
        current.paragraphs = flush(current, current_lines)
    top = min((section.level for section in sections), default=1)
    for section in sections:  # the title left out, its chapters are the top level
        section.level -= top - 1
    assign_anchors(sections)
    preamble = flush(None, preamble_lines)
    # The preamble's references are linked too, but its footnotes have no section to go to.
    found = link_footnotes([preamble, *(section.paragraphs for section in sections)], footnotes)
    for section, section_footnotes in zip(sections, found[1:], strict=True):
        section.footnotes.update(section_footnotes)
    return Outline(title=title, preamble=preamble, sections=sections)


def section_anchor(number: str, heading: str, taken: set[str]) -> str:
    """A readable anchor for a section, unique among ``taken``.

    "1.2" must not become "12" (which would collide with section 1.12), so the number's
    dots become dashes: "1.2 Opdracht" → "1-2-opdracht".
    """
    number = number.replace(".", "-")
    base = slugify(f"{number} {heading}" if number else heading)[:80] or "sectie"
    anchor, counter = base, 2
    while anchor in taken:
        anchor, counter = f"{base}-{counter}", counter + 1
    return anchor


def assign_anchors(sections: list[Section]):
    taken = set()
    for section in sections:
        section.anchor = section_anchor(section.number, section.heading, taken)
        taken.add(section.anchor)

"""Title, date, authors and publisher read from what the document itself states.

The title is the one the format declares (a Markdown ``#``, a Word title or properties,
the largest type on a PDF's first page), else a memo's subject ("Onderwerp:"), else the
opening line when it reads as a title, else the first heading unless it is a generic one
("Inleiding"), else a running header, else the opening sentence in which the report
describes itself ("De voorliggende notitie beschrijft …"). Authors are the names in the
title block ("Ilse Verhoeven", "J.P. de Vries en A. van der Berg", also with a role after
them), a memo's sender, a signature block ("Met vriendelijke groet," and the names below
it) and a colophon's credits ("Tekst: …"). The date is the first date line ("26 augustus
2014", "juni 2013") in the title block or a memo's "Datum:", failing that a date standing
on a line of its own in the text, then a colophon's "© 2019", then the year the text
mentions most where it names itself ("Op 8 oktober 2013 is deze notitie besproken").
Only when nothing is stated does the file name stand in for the title, and such a
rendition scores lower, so a richer one of the same document replaces it.
"""

import datetime
import re
from pathlib import Path

from django.apps import apps

from documents.ingest.names import ACADEMIC_TITLES, NAME, people_on_line, person_name
from documents.ingest.statements import (
    FIELD,
    SUBJECT_LABELS,
    copyright_year,
    credited_authors,
    memo_date,
    memo_header,
    self_described_title,
    self_referred_year,
    stated_publisher,
)
from wijkwijs import vocabulary

MONTH_NAMES = (
    "januari februari maart april mei juni juli augustus september oktober november december"
)
MONTHS = {name: number for number, name in enumerate(MONTH_NAMES.split(), start=1)}
DUTCH_DATE = re.compile(rf"\b(\d{{1,2}})\s+({'|'.join(MONTHS)})\s+(\d{{4}})\b", re.IGNORECASE)
MONTH_YEAR = re.compile(rf"^\s*({'|'.join(MONTHS)})\s+(\d{{4}})\s*$", re.IGNORECASE)
# A name with its role or organisation after it: "Ilse Verhoeven, onderzoeker", or on the
# next line of the same paragraph.
NAME_WITH_ROLE = re.compile(rf"^({NAME})(?:\s*,\s*|\s*\n\s*|\s+(?=[a-z]))\S")
SIGN_OFF = re.compile(
    r"^(?:met\s+(?:vriendelijke|hartelijke)\s+groet(?:en)?|namens|auteurs?|opgesteld door)\b",
    re.IGNORECASE,
)
GENERIC_HEADINGS = {
    "inleiding",
    "voorwoord",
    "samenvatting",
    "managementsamenvatting",
    "inhoud",
    "inhoudsopgave",
    "leeswijzer",
    "introductie",
    "colofon",
}
MAX_TITLE_WORDS = 16


def find_date(lines):
    """(date, precision) of the first Dutch date in ``lines``."""
    for line in lines:
        match = DUTCH_DATE.search(line)
        if match:
            day, month, year = match.groups()
            return datetime.date(int(year), MONTHS[month.lower()], int(day)), "day"
        match = MONTH_YEAR.match(line)
        if match:
            return datetime.date(int(match.group(2)), MONTHS[match.group(1).lower()], 1), "month"
    return None, None


def known_names():
    """Names whose capitalisation is worth restoring: municipalities and organisations."""
    organisations = apps.get_model("expertise", "OrganisationPage").objects.all()
    return [*vocabulary.municipalities().spellings, *organisations.values_list("title", flat=True)]


def place_spellings() -> dict[str, str]:
    """Every spelling of every municipality (title and name variants) → its title."""
    spellings = vocabulary.municipalities().spellings
    return {spelling: entry.title for spelling, entry in spellings.items()}


def tidy_title(title: str) -> str:
    """A title in capitals becomes sentence case, with known names capitalised again."""
    title = re.sub(r"\s+", " ", title).strip()
    letters = [char for char in title if char.isalpha()]
    if not letters or sum(char.isupper() for char in letters) / len(letters) < 0.8:
        return title
    sentence = title[:1].upper() + title[1:].lower()
    for name in sorted(known_names(), key=len, reverse=True):
        sentence = vocabulary.phrase_pattern(name.lower()).sub(name, sentence)
    return sentence


def title_from_filename(path: Path) -> str:
    stem = re.sub(r"[-_]+", " ", path.stem).strip()
    return stem[:1].upper() + stem[1:]


def people_named(paragraph: str) -> list[str]:
    """The people a title-block or signature paragraph names: "Eva de Wit", "Eva de Wit,
    onderzoeker", "Eva de Wit en Tom Bos" (also with "&", commas, initials, titles)."""
    paragraph = paragraph.strip()
    if name := person_name(paragraph):
        return [name]
    if names := people_on_line(paragraph.split("\n")[0]):
        return names
    match = NAME_WITH_ROLE.match(ACADEMIC_TITLES.sub("", paragraph))
    return [match.group(1)] if match and person_name(match.group(1)) else []


MAX_SIGNATURE_LINE_WORDS = 8


def signed_names(paragraphs: list[str]) -> list[str]:
    """Names in the signature below a sign-off ("Met vriendelijke groet,"): the short lines
    after it, each person with their organisation, e-mail address and phone number."""
    names = []
    for index, paragraph in enumerate(paragraphs):
        if not SIGN_OFF.match(paragraph.strip()):
            continue
        for following in paragraphs[index + 1 : index + 16]:
            if found := people_named(following):
                names.extend(name for name in found if name not in names)
            elif not names or not _is_signature_line(following):
                break
    return names


def _is_signature_line(paragraph: str) -> bool:
    """An organisation, a role, an address or a phone number: short, no sentence."""
    words = paragraph.split()
    return len(words) <= MAX_SIGNATURE_LINE_WORDS and not re.search(r"[a-z]{2}[.!?]$", paragraph)


def is_date_line(paragraph: str) -> bool:
    return find_date([paragraph])[0] is not None and len(paragraph.split()) <= 4


def title_from_text(preamble: list[str], headings: list[str]) -> str:
    """The opening line when it reads as a title, else a first heading that is not generic."""
    for paragraph in preamble[:1]:
        words = paragraph.split()
        # Opening the document, a line shaped like a name ("Wijkteams in Dorpsbeek") is
        # still the title: title blocks name their authors below it.
        if (
            2 <= len(words) <= MAX_TITLE_WORDS
            and paragraph[-1] not in ".:;,"
            and not is_date_line(paragraph)
            and not FIELD.match(paragraph)  # "Aan: …" opens a memo, it is no title
        ):
            return paragraph
    first = headings[0] if headings else None  # (number, heading)
    if first is None or first[0] or first[1].casefold() in GENERIC_HEADINGS:
        return ""  # a numbered or generic first heading is a chapter, not the title
    return first[1]


def split_running_header(header: str) -> tuple[str, str]:
    """A running header "Title – maart 2021" as (title, date text)."""
    for separator in (" – ", " - ", " | ", ", "):
        head, _sep, tail = header.rpartition(separator)
        if head and is_date_line(tail):
            return head.strip(), tail.strip()
    return ("", header) if is_date_line(header) else (header, "")


def extract_metadata(
    declared_title: str, preamble: list[str], path: Path, body=(), headings=(), running_header=""
) -> dict:
    """``body``: the paragraphs after the title block; ``headings``: (number, heading) of the
    sections; ``running_header``: a PDF's header line repeated on its pages."""
    body, text = list(body), [*preamble, *body]
    header_title, header_date = split_running_header(running_header)
    memo = memo_header(preamble)
    title = (
        declared_title
        or next((memo[label] for label in SUBJECT_LABELS if label in memo), "")
        or title_from_text(preamble, list(headings))
        or header_title
        or self_described_title(text[:3])
    )
    authors = [
        name for paragraph in preamble if paragraph != title for name in people_named(paragraph)
    ]
    sender = person_name(memo.get("van", "").split(",")[0])
    for name in [sender, *signed_names(body), *credited_authors(text)]:
        if name and name not in authors:
            authors.append(name)
    title = tidy_title(title) if title else ""
    return {
        "title": title or title_from_filename(path),
        "title_from_document": bool(title),
        **stated_date(preamble, body, memo, header_date),
        "authors": authors,
        "publisher": stated_publisher(text, memo),
    }


def stated_date(preamble, body, memo, header_date) -> dict:
    """The publication date, from the most to the least direct statement of it."""
    date, precision = find_date(preamble)
    if date is None and (date := memo_date(memo)):
        precision = "day"
    if date is None:
        date, precision = find_date([p for p in [*body, header_date] if p and is_date_line(p)])
    if date is None and (year := copyright_year(body) or self_referred_year([*preamble, *body])):
        date, precision = datetime.date(year, 1, 1), "year"
    return {"published_on": date.isoformat() if date else None, "date_precision": precision or ""}


def richness(metadata: dict) -> int:
    """How much a rendition tells about itself: title block, date and authors."""
    return (
        int(bool(metadata.get("title_from_document")))
        + int(bool(metadata.get("published_on")))
        + int(bool(metadata.get("authors")))
    )

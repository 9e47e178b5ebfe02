"""What a report states about itself in its own words, beyond a title page.

- labelled fields: a memo header ("Aan:", "Van:", "Datum:", "Onderwerp:"/"Betreft:", at
  least two of them) and a colophon's lines ("Uitgave:", "Tekst:", "© 2019 …"), front or
  back;
- its publisher: a colophon or memo sender that is an organisation, or a sentence
  "… is een uitgave van de Vereniging Wijkwerk";
- sentences that name the document itself ("De voorliggende notitie beschrijft …",
  "In dit rapport doen we verslag van …"): the opening one gives a title when the report
  has none, the years they mention (when it was written, discussed, finished) its year.
"""

import datetime
import re
from collections import Counter

from documents.ingest.names import ORGANISATION_WORDS, UPPER, people_on_line, person_name

# "Aan: …" with a capital: "… geeft aan: ‘…’" wrapped onto a new line is running text.
FIELD = re.compile(r"^(?P<label>[A-Z][A-Za-z ]{1,24}?)\s*:\s*(?P<value>\S.*)$")
MEMO_LABELS = {"aan", "van", "datum", "onderwerp", "betreft"}
SUBJECT_LABELS = ("onderwerp", "betreft")
PUBLISHER_LABELS = ("uitgave", "uitgever", "uitgegeven door", "een uitgave van")
AUTHOR_LABELS = {"auteur", "auteurs", "tekst", "teksten", "door", "opgesteld door"}
# Labels of a memo header or a colophon: lines of their own, never a heading.
FIELD_LABELS = {
    *MEMO_LABELS,
    *PUBLISHER_LABELS,
    *AUTHOR_LABELS,
    *["kenmerk", "cc", "fotografie", "vormgeving", "illustraties", "druk", "redactie"],
    *["eindredactie", "hoofdredactie", "contact"],
}
# An editor-in-chief or final editors in a colophon: a periodical's staff, which a study has not.
EDITORIAL_STAFF = re.compile(r"^(?:hoofd|eind)redactie\s*:", re.IGNORECASE)
NUMERIC_DATE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
ORGANISATION = rf"[{UPPER}][\w&'-]*(?:\s+(?:(?:van|voor|en|de|der|het|in)\s+)*[{UPPER}][\w&'-]*)*"
# "… is een uitgave van de gemeente Lindeveld": the organisation's kind may be in lower case.
ORGANISATION_KIND = "|".join(sorted(ORGANISATION_WORDS))
PUBLISHED_BY = re.compile(
    rf"\buitgave\s+van\s+(?:de\s+|het\s+)?((?:(?:{ORGANISATION_KIND})\s+)?{ORGANISATION})"
)
COPYRIGHT = re.compile(rf"^(?:©|\(c\)|copyright)\s*((?:19|20)\d\d)\b[\s,]*({ORGANISATION})?", re.I)
YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")

DOCUMENT_KINDS = (
    "rapport|rapportage|notitie|nota|memo|verslag|brochure|publicatie|handreiking|"
    "evaluatie|verkenning|factsheet|advies"
)


def self_reference(group: str) -> str:
    """ "deze notitie", "dit eindrapport", "de voorliggende voortgangsrapportage"."""
    return rf"\b(?:(?:de|het)\s+voorliggende|deze|dit)\s+(?P<{group}>[a-z]*(?:{DOCUMENT_KINDS}))\b"


SELF_REFERENCE = re.compile(self_reference("kind"), re.IGNORECASE)
SELF_DESCRIPTION = re.compile(
    rf"^(?:{self_reference('kind')}\s+(?:betreft|beschrijft|behandelt|presenteert|bevat"
    rf"|gaat\s+over|doet\s+verslag\s+van)|In\s+{self_reference('kind_in')}\s+(?:beschrijven"
    rf"|bespreken|presenteren|behandelen)\s+(?:we|wij))\s+(?P<topic>[^.;:!?]+)",
    re.IGNORECASE,
)
# Within a description, the study it reports on: "… van het onderzoek naar X".
STUDY = re.compile(
    r"\b(?:onderzoek|evaluatie|verkenning|pilot|project|programma)\s+(?:naar|over|van)\s+\S.*",
    re.IGNORECASE,
)
LEADING_ARTICLE = re.compile(r"^(?:de|het|een)\s+", re.IGNORECASE)
SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[‘'\"(]?[A-Z])")
MAX_TITLE_WORDS = 16


def is_field_line(text: str) -> bool:
    """ "Van: …", "Uitgave: …", "Tekst: …": a line of a memo header or a colophon."""
    match = FIELD.match(text.strip())
    return bool(match) and match["label"].casefold() in FIELD_LABELS


def credits_editorial_staff(lines) -> bool:
    """ "Hoofdredactie:", "Eindredactie: …": the colophon of a magazine."""
    return any(EDITORIAL_STAFF.match(line.strip()) for line in lines)


def labelled_fields(paragraphs) -> dict[str, str]:
    """The first value of every "Label: value" line, by its label in lower case."""
    fields = {}
    for paragraph in paragraphs:
        for line in paragraph.split("\n"):
            if match := FIELD.match(line.strip()):
                fields.setdefault(match["label"].casefold(), match["value"].strip())
    return fields


def memo_header(paragraphs) -> dict[str, str]:
    """A memo's header fields, when at least two of them head the text."""
    fields = labelled_fields(paragraphs)
    return fields if len(MEMO_LABELS & fields.keys()) >= 2 else {}


def memo_date(header: dict[str, str]) -> datetime.date | None:
    match = NUMERIC_DATE.match(header.get("datum", ""))
    if not match:
        return None
    day, month, year = (int(part) for part in match.groups())
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def organisation_in(text: str) -> str:
    """The organisation a sender or publisher line names ("Gemeente Dorpsbeek, team Wmo")."""
    head = text.split(",")[0].strip()
    match = re.match(rf"^(?:de\s+|het\s+)?({ORGANISATION})$", head)
    return match.group(1) if match and not person_name(head) else ""


def stated_publisher(paragraphs, header: dict[str, str]) -> str:
    fields = labelled_fields(paragraphs)
    for label in PUBLISHER_LABELS:
        if label in fields and (publisher := organisation_in(fields[label])):
            return publisher
    if publisher := organisation_in(header.get("van", "")):
        return publisher
    for paragraph in paragraphs:
        if match := PUBLISHED_BY.search(paragraph):
            return match.group(1)[:1].upper() + match.group(1)[1:]
        if (match := COPYRIGHT.match(paragraph.strip())) and match.group(2):
            return match.group(2)
    return ""


def credited_authors(paragraphs) -> list[str]:
    """People credited with the text on a labelled line ("Tekst: A en B", "Auteurs: A")."""
    names = []
    for label, value in labelled_fields(paragraphs).items():
        if label in AUTHOR_LABELS:
            names += [name for name in people_on_line(value) if name not in names]
    return names


def copyright_year(paragraphs) -> int | None:
    for paragraph in paragraphs:
        if match := COPYRIGHT.match(paragraph.strip()):
            return int(match.group(1))
    return None


def sentences(paragraphs):
    for paragraph in paragraphs:
        yield from SENTENCE_BREAK.split(re.sub(r"\s+", " ", paragraph).strip())


def self_described_title(opening_paragraphs) -> str:
    """ "Kind: topic" from an opening sentence in which the document describes itself."""
    for sentence in sentences(opening_paragraphs):
        match = SELF_DESCRIPTION.match(sentence)
        if not match:
            continue
        kind = match["kind"] or match["kind_in"]
        topic = match["topic"].strip()
        study = STUDY.search(topic)
        topic = study.group(0) if study else LEADING_ARTICLE.sub("", topic)
        if len(topic.split()) + 1 > MAX_TITLE_WORDS:
            return ""
        return f"{kind[:1].upper()}{kind[1:].lower()}: {topic.rstrip(' ,')}"
    return ""


def self_referred_year(paragraphs) -> int | None:
    """The year that sentences naming the document mention most (the latest on a tie)."""
    candidates = [p for p in paragraphs if YEAR.search(p) and SELF_REFERENCE.search(p)]
    years = Counter(
        int(year)
        for sentence in sentences(candidates)
        if SELF_REFERENCE.search(sentence)
        for year in YEAR.findall(sentence)
    )
    if not years:
        return None
    return max(years, key=lambda year: (years[year], year))

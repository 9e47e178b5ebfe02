"""Title, date and authors read from a document's own title block.

Only what the document states is taken; a rendition without a title block (text
extracted from a PDF) gets a title from its file name and scores lower, so a richer
rendition of the same document replaces it.
"""

import datetime
import re
from pathlib import Path

from django.apps import apps

MONTH_NAMES = (
    "januari februari maart april mei juni juli augustus september oktober november december"
)
MONTHS = {name: number for number, name in enumerate(MONTH_NAMES.split(), start=1)}
DUTCH_DATE = re.compile(rf"\b(\d{{1,2}})\s+({'|'.join(MONTHS)})\s+(\d{{4}})\b", re.IGNORECASE)
MONTH_YEAR = re.compile(rf"^\s*({'|'.join(MONTHS)})\s+(\d{{4}})\s*$", re.IGNORECASE)
PARTICLE = r"(?:van|de|der|den|het|ter|ten|te|in|op|'t)"
NAME_PART = r"[A-Z][a-zà-ÿ]+"
PERSON_NAME = re.compile(
    rf"^{NAME_PART}(?:[- ]{NAME_PART})?(?:\s+{PARTICLE})*\s+{NAME_PART}(?:-{NAME_PART})?$"
)


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
    names = []
    for app_label, model in (("wijkwijs", "MunicipalityPage"), ("expertise", "OrganisationPage")):
        for page in apps.get_model(app_label, model).objects.all():
            names.append(page.title)
            names.extend(getattr(page, "name_variant_list", []))
    return names


def place_spellings() -> dict[str, str]:
    """Every spelling of every municipality (title and name variants) → its title."""
    spellings = {}
    for page in apps.get_model("wijkwijs", "MunicipalityPage").objects.all():
        for spelling in (page.title, *page.name_variant_list):
            spellings.setdefault(spelling, page.title)
    return spellings


def tidy_title(title: str) -> str:
    """A title in capitals becomes sentence case, with known names capitalised again."""
    title = re.sub(r"\s+", " ", title).strip()
    letters = [char for char in title if char.isalpha()]
    if not letters or sum(char.isupper() for char in letters) / len(letters) < 0.8:
        return title
    sentence = title[:1].upper() + title[1:].lower()
    for name in sorted(known_names(), key=len, reverse=True):
        sentence = re.sub(rf"\b{re.escape(name.lower())}\b", name, sentence)
    return sentence


def title_from_filename(path: Path) -> str:
    stem = re.sub(r"[-_]+", " ", path.stem).strip()
    return stem[:1].upper() + stem[1:]


def extract_metadata(declared_title: str, preamble: list[str], path: Path) -> dict:
    date, precision = find_date(preamble)
    authors = [line.strip() for line in preamble if PERSON_NAME.match(line.strip())]
    title = tidy_title(declared_title) if declared_title else ""
    return {
        "title": title or title_from_filename(path),
        "title_from_document": bool(title),
        "published_on": date.isoformat() if date else None,
        "date_precision": precision or "",
        "authors": authors,
    }


def richness(metadata: dict) -> int:
    """How much a rendition tells about itself: title block, date and authors."""
    return (
        int(bool(metadata.get("title_from_document")))
        + int(bool(metadata.get("published_on")))
        + int(bool(metadata.get("authors")))
    )

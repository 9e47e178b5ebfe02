"""People's names as Dutch reports print them in title blocks, signatures and colophons.

A name is a given name or initials, optional further given names, surname particles and
a (double) surname: "Eva de Wit", "J.P. de Vries", "A. van der Berg", "Jan-Willem van 't
Hof", "M. van den Heuvel-Smit". Academic titles before it ("drs.", "dr.", "ir.") are left
off; a label before a list ("Auteurs:", "Tekst:") is read past. Words that name an
organisation ("Gemeente Dorpsbeek", "Wijkteam Noord"), also as the end of a compound
("Onderzoeksbureau Wijkzaken"), make it no person.
"""

import re

UPPER = "A-ZÀ-ÖØ-Þ"
LOWER = "a-zß-öø-ÿı"
WORD = rf"[{UPPER}][{LOWER}]+"
INITIALS = rf"[{UPPER}]\.(?:\s?[{UPPER}]\.){{0,3}}"
PARTICLE = r"(?:van|de|der|den|het|ter|ten|te|in|op|'t|el|al)"
GIVEN = rf"(?:{WORD}(?:-{WORD})?|{INITIALS})"
NAME = rf"{GIVEN}(?:\s+{WORD})?(?:\s+{PARTICLE})*\s+{WORD}(?:-{WORD})?"
PERSON_NAME = re.compile(rf"^{NAME}$")
ACADEMIC_TITLES = re.compile(r"^(?:(?:prof|dr|drs|mr|ir|ing|ds)\.?\s+)+", re.IGNORECASE)
AUTHOR_LABEL = re.compile(
    r"^(?:auteurs?|tekst(?:en)?|door|(?:opgesteld|geschreven|samengesteld)\s+door)\s*:\s*",
    re.IGNORECASE,
)
LIST_SEPARATOR = re.compile(r"\s*(?:,|&|\ben\b)\s*")
_ORGANISATION_WORDS = (
    "gemeente stichting vereniging wijkteam buurtteam team bureau afdeling hogeschool "
    "universiteit ministerie provincie raad platform kenniscentrum lectoraat welzijn zorg "
    "woningcorporatie coöperatie"
)
ORGANISATION_WORDS = frozenset(_ORGANISATION_WORDS.split())
# The last part of a compound that names an organisation: "Onderzoeksbureau Wijkzaken",
# "Vrijwilligerscentrale Rijnland", "Expertisecentrum …".
ORGANISATION_COMPOUND = re.compile(
    r"\w{3,}(?:bureau|centrale|centrum|team|platform|school|groep|stichting)", re.IGNORECASE
)


def person_name(text: str) -> str:
    """``text`` as a person's name without titles, or "" when it is none."""
    name = ACADEMIC_TITLES.sub("", text.strip())
    if not PERSON_NAME.match(name):
        return ""
    if any(names_an_organisation(word) for word in re.split(r"[\s-]+", name)):
        return ""
    return name


def names_an_organisation(word: str) -> bool:
    """ "Gemeente", "Wijkteams", "Onderzoeksbureau": also in the plural."""
    singular = re.sub(r"(?<=\w{3})s$", "", word)
    return any(
        form.casefold() in ORGANISATION_WORDS or ORGANISATION_COMPOUND.fullmatch(form)
        for form in {word, singular}
    )


def people_on_line(line: str) -> list[str]:
    """Every name of a line that lists only people ("A, B en C", "A & B", "Auteurs: A")."""
    parts = LIST_SEPARATOR.split(AUTHOR_LABEL.sub("", line.strip()))
    names = [person_name(part) for part in parts if part]
    return names if names and all(names) else []

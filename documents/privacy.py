"""Privacy review of imported reports: find the people a report names, keep it from being
published until an editor has reviewed it, and pseudonymise names on request.

Names are found three ways: interview headings ("Interview Anna de Vries, wijkcoach"),
names from the expert registry that occur in the text, and a capitalised first name
followed by a role ("Anna, wijkcoach" or "Anna (teamleider)"). Detection errs on the side
of flagging: a false alarm costs an editor a look, a miss could cost a colleague dearly.
"""

import re
import string

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.search import index

from documents.models import ReportAuthor, ReportPage
from documents.outline_editing import unique_anchor
from documents.redaction import redact_page_fields
from wijkwijs.findable import records_changed
from wijkwijs.normalise import normalise

NAME = r"[A-ZÀ-Ý][a-zà-ÿ]+(?:[ -](?:van|de|der|den|ter|ten|te|op|in ?'t)?[ -]?[A-ZÀ-Ý][a-zà-ÿ]+)?"
ROLES = (
    "wijkcoach",
    "buurtcoach",
    "coördinator",
    "coordinator",
    "ketencoördinator",
    "projectleider",
    "teamleider",
    "leider",
    "maatschappelijk werker",
    "wijkverpleegkundige",
    "directeur",
    "bestuurder",
    "voorzitter",
    "beleidsmedewerker",
    "beleidsadviseur",
    "wethouder",
    "huisarts",
    "consulent",
    "wijkagent",
    "jongerenwerker",
    "ouderenadviseur",
    "manager",
    "medewerker",
    "vrijwilliger",
    "mantelzorger",
    "cliënt",
    "bewoner",
)
ROLE = "|".join(re.escape(role) for role in sorted(ROLES, key=len, reverse=True))
INTERVIEW_HEADING = re.compile(rf"^\s*interview(?:\s+met)?\s+({NAME})\s*(?:,|$)", re.I)
NAME_WITH_ROLE = re.compile(rf"\b({NAME})\s*(?:,\s*|\()(?:de\s+|onze\s+)?(?:{ROLE})\b")
NOT_NAMES = {
    "De",
    "Het",
    "Een",
    "Deze",
    "Die",
    "Dit",
    "Wij",
    "Zij",
    "Hij",
    "Ook",
    "Als",
    "Maar",
    "Interview",
    "Gemeente",
    "Stichting",
    "Buurtteam",
}


def _as_name(text: str) -> str:
    """Headings are often in capitals: 'MARCO' reads as 'Marco'."""
    return string.capwords(text) if text.isupper() else text


def detect_names(report: ReportPage) -> list[str]:
    found = []
    sections = list(report.sections.order_by("position"))
    for section in sections:
        match = INTERVIEW_HEADING.match(section.heading)
        if match:
            found.append(_as_name(match.group(1)))
    text = "\n".join(f"{section.heading}\n{section.text}" for section in sections)
    found += NAME_WITH_ROLE.findall(text)
    # The expert registry, reached through the authors' relation (expertise sits above).
    expert_model = ReportAuthor._meta.get_field("expert").related_model
    registry = expert_model.objects.values_list("title", flat=True)
    found += [name for name in registry if re.search(rf"\b{re.escape(name)}\b", text)]
    unique = []
    for name in found:
        if name.split()[0] not in NOT_NAMES and name not in unique:
            unique.append(name)
    return unique


def flag(report: ReportPage) -> list[str]:
    """Record the names a report mentions; a report with names needs a review."""
    names = detect_names(report)
    report.privacy_names = names
    report.privacy_reviewed_at = None
    report.privacy_reviewed_by = None
    ReportPage.objects.filter(pk=report.pk).update(
        privacy_names=names, privacy_reviewed_at=None, privacy_reviewed_by=None
    )
    return names


def may_record_review(user, report: ReportPage) -> bool:
    """The review lets a report go public: it is for those who may publish the report."""
    return user is not None and report.permissions_for_user(user).can_publish()


def mark_reviewed(report: ReportPage, user) -> None:
    if not may_record_review(user, report):
        raise PermissionDenied(
            _("Alleen wie dit rapport mag publiceren, mag de privacybeoordeling vastleggen.")
        )
    report.privacy_reviewed_at, report.privacy_reviewed_by = timezone.now(), user
    ReportPage.objects.filter(pk=report.pk).update(
        privacy_reviewed_at=report.privacy_reviewed_at, privacy_reviewed_by=user
    )


def pseudonyms(names):
    """'Persoon A', 'Persoon B', … in the order the names were chosen."""
    letters = string.ascii_uppercase
    return {name: f"Persoon {letters[i % 26]}{i // 26 or ''}" for i, name in enumerate(names)}


# The letters each unaccented letter stands for in a name: "e" is also "é", "ë", "è" …
ACCENTED = {}
for _code in range(0xC0, 0x250):
    _folded = normalise(chr(_code))
    if len(_folded) == 1 and _folded.isascii() and _folded.isalpha():
        ACCENTED.setdefault(_folded, set()).add(chr(_code).lower())


PARTICLES = {"van", "de", "der", "den", "ter", "ten", "te", "op", "in", "'t", "t"}
JOIN = r"[\W_]*"


def _letters(text: str, capital=False) -> str:
    """``text`` as a pattern: any accent on a letter, words joined by anything or nothing;
    ``capital``: its first letter in upper case only (even where the rest may be any case)."""
    parts = []
    for position, char in enumerate(text):
        variants = {char, *ACCENTED.get(char, ())}
        if char == " ":
            parts.append(JOIN)
        elif capital and position == 0:
            upper = "".join(sorted(variant.upper() for variant in variants))
            parts.append(f"(?-i:[{re.escape(upper)}])")
        else:
            parts.append(f"[{re.escape(''.join(sorted(variants)))}]")
    return "".join(parts)


def name_parts(name: str) -> tuple[list[str], list[str]]:
    """(given names, surname words): the surname starts at its first particle ("Anna de
    Vries"), else it is the last word."""
    words = normalise(name).split()
    start = next((i for i, word in enumerate(words) if i and word in PARTICLES), len(words) - 1)
    return words[:start], words[start:]


def name_pattern(name: str, lowercase_surname=True) -> re.Pattern:
    """Every form a name takes: any case, with or without accents, its words joined by
    spaces, hyphens, underscores, dots or nothing — as in the text ("WIETEKE KORHOEN"),
    anchors and URLs ("wieteke-korhoen"), file names ("wieteke_korhoen.md") and citation
    keys ("wietekekorhoen2014"); with initials ("W. Korhoen"), inverted as reference lists
    write it ("Korhoen, W."), and the surname alone ("mevrouw Korhoen"): in running text
    only capitalised (``lowercase_surname=False``), as "bos" is a word and "Bos" a name.
    Not inside a longer word; digits or a possessive "s" may follow ("Korhoen's")."""
    given, surname = name_parts(name)
    forms = [_letters(normalise(name))]
    if given:
        initials = JOIN.join(re.escape(word[0]) + r"\.?" for word in given)
        last = _letters(" ".join(surname))
        *particles, main = surname
        alone = _letters(" ".join(particles) + " ") if particles else ""
        alone += _letters(main, capital=not lowercase_surname)
        forms += [
            initials + JOIN + last,
            last + r"\s*,\s*(?:" + _letters(" ".join(given)) + "|" + initials + ")",
            alone,
        ]
    either = "|".join(f"(?:{form})" for form in forms)
    return re.compile(rf"(?<![^\W\d_])(?:{either})(?=(?:['’]?s)?(?![^\W\d_]))", re.I)


def names_in(text: str, names) -> bool:
    return any(name_pattern(name).search(text) for name in names)


class Pseudonymiser:
    """Replaces every form of each name (``name_pattern``) by its pseudonym: in text as
    "Persoon A", in slugs and anchors as "persoon-a". ``count`` counts what ``text``
    replaced; ``quietly`` replaces in any JSON value without counting."""

    def __init__(self, names):
        self.names = list(names)
        aliases = pseudonyms(names).items()
        self.in_text = [(name_pattern(name, lowercase_surname=False), a) for name, a in aliases]
        self.in_slugs = [(name_pattern(name), slugify(alias)) for name, alias in aliases]
        self.count = 0

    def _replace(self, text, slug=False):
        total = 0
        for pattern, alias in self.in_slugs if slug else self.in_text:
            text, replaced = pattern.subn(alias, text)
            total += replaced
        return text, total

    def text(self, text):
        text, replaced = self._replace(text)
        self.count += replaced
        return text

    def slug(self, slug):
        return self._replace(slug, slug=True)[0]

    def quietly(self, value):
        if isinstance(value, str):
            return self._replace(value)[0]
        if isinstance(value, list):
            return [self.quietly(item) for item in value]
        if isinstance(value, dict):
            return {key: self.quietly(item) for key, item in value.items()}
        return value

    def names_in(self, text) -> bool:
        return names_in(text, self.names)


@transaction.atomic
def redact(report: ReportPage, names: list[str]) -> int:
    """Replace each name, in every form (``name_pattern``), by its pseudonym in the
    report's title, slug, abstract, search description and authors (and its revisions:
    ``documents.redaction``), and in headings, text and footnotes; give sections whose
    anchor holds a name a new anchor and forget such former anchors (they must not keep
    answering); then reindex, and have the search vocabulary forget the names. Returns
    the number of replacements. The original files stay restricted to editors
    (``wijkwijs.attachments``)."""
    pseudonymiser = Pseudonymiser(names)
    page = redact_page_fields(report, pseudonymiser)
    scrub = pseudonymiser.text
    for section in report.sections.prefetch_related("footnotes"):
        section.heading, section.text = scrub(section.heading), scrub(section.text)
        section.former_anchors = [a for a in section.former_anchors if not names_in(a, names)]
        if names_in(section.anchor, names):
            section.anchor = unique_anchor(report, section.heading, section.number, section.pk)
        section.save(update_fields=["heading", "text", "anchor", "former_anchors"])
        for note in section.footnotes.all():
            note.text = scrub(note.text)
            note.save(update_fields=["text"])
    report.redacted_names = sorted(set(report.redacted_names) | set(names))
    ReportPage.objects.filter(pk=report.pk).update(redacted_names=report.redacted_names)
    index.insert_or_update_object(page)  # the page's own index entry holds its text
    records_changed.send(sender=ReportPage, page=page, redacted_names=names)
    return pseudonymiser.count

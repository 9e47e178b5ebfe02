"""Privacy review of imported reports: find the people a report names, keep it from being
published until an editor has reviewed it, and pseudonymise names on request.

Names are found three ways: interview headings ("Interview Anna de Vries, wijkcoach"),
names from the expert registry that occur in the text, and a capitalised first name
followed by a role ("Anna, wijkcoach" or "Anna (teamleider)"). Detection errs on the side
of flagging: a false alarm costs an editor a look, a miss could cost a colleague dearly.
"""

import re
import string

from django.db import transaction
from django.utils import timezone

from documents.models import ReportPage
from documents.signals import sections_changed

NAME = r"[A-ZÀ-Ý][a-zà-ÿ]+(?:[ -](?:van|de|der|den|ter|ten|te|op|in ?'t)?[ -]?[A-ZÀ-Ý][a-zà-ÿ]+)?"
ROLES = (
    "wijkcoach", "buurtcoach", "coördinator", "coordinator", "ketencoördinator",
    "projectleider", "teamleider", "leider", "maatschappelijk werker", "wijkverpleegkundige",
    "directeur", "bestuurder", "voorzitter", "beleidsmedewerker", "beleidsadviseur",
    "wethouder", "huisarts", "consulent", "wijkagent", "jongerenwerker", "ouderenadviseur",
    "manager", "medewerker", "vrijwilliger", "mantelzorger", "cliënt", "bewoner",
)  # fmt: skip
ROLE = "|".join(re.escape(role) for role in sorted(ROLES, key=len, reverse=True))
INTERVIEW_HEADING = re.compile(rf"^\s*interview(?:\s+met)?\s+({NAME})\s*(?:,|$)", re.I)
NAME_WITH_ROLE = re.compile(rf"\b({NAME})\s*(?:,\s*|\()(?:de\s+|onze\s+)?(?:{ROLE})\b")
NOT_NAMES = {"De", "Het", "Een", "Deze", "Die", "Dit", "Wij", "Zij", "Hij", "Ook", "Als", "Maar",
             "Interview", "Gemeente", "Stichting", "Buurtteam"}  # fmt: skip


def _as_name(text: str) -> str:
    """Headings are often in capitals: 'MARCO' reads as 'Marco'."""
    return string.capwords(text) if text.isupper() else text


def detect_names(report: ReportPage) -> list[str]:
    from expertise.models import ExpertPage

    found = []
    sections = list(report.sections.order_by("position"))
    for section in sections:
        match = INTERVIEW_HEADING.match(section.heading)
        if match:
            found.append(_as_name(match.group(1)))
    text = "\n".join(f"{section.heading}\n{section.text}" for section in sections)
    found += NAME_WITH_ROLE.findall(text)
    registry = ExpertPage.objects.values_list("title", flat=True)
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


def mark_reviewed(report: ReportPage, user) -> None:
    report.privacy_reviewed_at, report.privacy_reviewed_by = timezone.now(), user
    ReportPage.objects.filter(pk=report.pk).update(
        privacy_reviewed_at=report.privacy_reviewed_at, privacy_reviewed_by=user
    )


def pseudonyms(names):
    """'Persoon A', 'Persoon B', … in the order the names were chosen."""
    letters = string.ascii_uppercase
    return {name: f"Persoon {letters[i % 26]}{i // 26 or ''}" for i, name in enumerate(names)}


@transaction.atomic
def redact(report: ReportPage, names: list[str]) -> int:
    """Replace each name (whole words, any case) by its pseudonym in headings, text and
    footnotes, then reindex. Returns the number of replacements. The original files stay
    restricted to editors (``documents.access``)."""
    replacements = pseudonyms(names)
    patterns = [(re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.I), alias)
                for name, alias in replacements.items()]  # fmt: skip
    count = 0

    def scrub(text):
        nonlocal count
        for pattern, alias in patterns:
            text, n = pattern.subn(alias, text)
            count += n
        return text

    for section in report.sections.prefetch_related("footnotes"):
        section.heading, section.text = scrub(section.heading), scrub(section.text)
        section.save(update_fields=["heading", "text"])
        for note in section.footnotes.all():
            note.text = scrub(note.text)
            note.save(update_fields=["text"])
    report.redacted_names = sorted(set(report.redacted_names) | set(names))
    ReportPage.objects.filter(pk=report.pk).update(redacted_names=report.redacted_names)
    sections_changed.send(sender=ReportPage, report=report)
    return count

"""Municipality facts as a viewer may read them: with their source, linked when the viewer
may open it, and with their number when the value is one.

A fact citing a report the viewer may not see keeps its value and date, but its source is
shown only as "a publication that is not public": its title is not revealed.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from wijkwijs.choices import CHOICE_TOPICS
from wijkwijs.visibility import visible

# Dutch notation: "23.000" is twenty-three thousand, "2,6" is two point six.
DUTCH_NUMBER = re.compile(r"^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?$")


def as_number(value: str) -> float | None:
    match = DUTCH_NUMBER.match(value.strip())
    if not match:
        return None
    whole, fraction = match.group(1).replace(".", ""), match.group(2)
    return float(f"{whole}.{fraction}") if fraction else float(whole)


@dataclass
class SourcedFact:
    fact: "MunicipalityFact"  # noqa: F821 (wijkwijs.models.municipalities, which reads this)
    source_label: str
    source_url: str  # "" when the source is not on the platform or not visible

    @property
    def number(self) -> float | None:
        if self.fact.topic in CHOICE_TOPICS:
            return None
        return as_number(self.fact.value)


def sourced_facts(facts, user) -> list[SourcedFact]:
    facts = list(facts)
    cited = {fact.source_report_id for fact in facts if fact.source_report_id}
    # The cited reports through the fact's own relation: the shared base names no content app.
    if not facts:
        return []
    report_model = type(facts[0]).source_report.field.related_model
    readable = visible(report_model.objects.filter(pk__in=cited), user).in_bulk()
    anchors = {
        (report_id, heading.casefold()): anchor
        for report_id, heading, anchor in report_model.sections.rel.related_model.objects.filter(
            report_id__in=list(readable)
        ).values_list("report_id", "heading", "anchor")
    }
    result = []
    for fact in facts:
        report = readable.get(fact.source_report_id)
        if report is not None:
            url = report.url
            anchor = anchors.get((report.pk, fact.source_section.casefold()))
            result.append(
                SourcedFact(fact, fact.source_display, f"{url}#{anchor}" if anchor else url)
            )
        elif fact.source_report_id:
            result.append(SourcedFact(fact, str(_("een publicatie die niet openbaar is")), ""))
        else:
            result.append(SourcedFact(fact, fact.source_display, ""))
    return result

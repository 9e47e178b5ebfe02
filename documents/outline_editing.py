"""An editor corrects the proposed section structure of an imported report.

Rename (heading, level, number), merge a section into the one before it, or split a
section at a paragraph. Every operation keeps positions, anchors, character offsets,
the report's cleaned text and the footnotes consistent, in one transaction.
"""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _
from wagtail.search import index

from documents.ingest.structure import section_anchor
from documents.models import ReportSection, place_sections
from wijkwijs.findable import records_changed

MAX_LEVEL = 4


def paragraphs_of(section: ReportSection) -> list[str]:
    return [part for part in section.text.split("\n\n") if part.strip()]


def _footnote_numbers(text: str) -> set[str]:
    return set(re.findall(r"\[\^(\d{1,3})\]", text))


def unique_anchor(report, heading, number, exclude_pk=None):
    """An anchor no other section of the report has, or had (former anchors stay theirs)."""
    others = report.sections.exclude(pk=exclude_pk).values_list("anchor", "former_anchors")
    taken = {anchor for current, former in others for anchor in (current, *former)}
    return section_anchor(number, heading, taken)


def _keep_anchors(section: ReportSection, *anchors):
    """Remember ``anchors`` as the section's former ones (not its current anchor)."""
    kept = [a for a in (*section.former_anchors, *anchors) if a and a != section.anchor]
    section.former_anchors = list(dict.fromkeys(kept))


def _renumber(report):
    """Positions 0..n in reading order, with character offsets recomputed."""
    sections = list(report.sections.order_by("position", "pk"))
    # Move out of the way first: (report, position) is unique.
    for section in sections:
        section.position += 100_000
    ReportSection.objects.bulk_update(sections, ["position"])
    place_sections(sections)
    ReportSection.objects.bulk_update(sections, ["position", "start_offset", "end_offset"])
    index.insert_or_update_object(report)
    records_changed.send(sender=type(report), page=report)


@transaction.atomic
def rename_section(section: ReportSection, heading: str, level: int, number: str = ""):
    heading = heading.strip()
    if not heading:
        raise ValidationError(_("Een kop mag niet leeg zijn."))
    if not 1 <= level <= MAX_LEVEL:
        raise ValidationError(_("Het niveau ligt tussen 1 en %(max)s.") % {"max": MAX_LEVEL})
    section.heading, section.level, section.number = heading[:500], level, number.strip()
    previous_anchor = section.anchor
    section.anchor = unique_anchor(section.report, heading, section.number, exclude_pk=section.pk)
    _keep_anchors(section, previous_anchor)
    section.save()
    _renumber(section.report)


@transaction.atomic
def merge_with_previous(section: ReportSection) -> ReportSection:
    previous = (
        section.report.sections.filter(position__lt=section.position).order_by("-position").first()
    )
    if previous is None:
        raise ValidationError(_("De eerste paragraaf kan niet met een vorige worden samengevoegd."))
    heading_line = f"{section.number} {section.heading}".strip()
    previous.text = "\n\n".join(
        part for part in (previous.text, heading_line, section.text) if part
    )
    _keep_anchors(previous, section.anchor, *section.former_anchors)
    previous.save()
    section.footnotes.update(section=previous)
    section.delete()
    _renumber(previous.report)
    return previous


@transaction.atomic
def split_section(
    section: ReportSection, paragraph_index: int, heading: str, level: int | None = None
):
    """Start a new section with ``heading`` at paragraph ``paragraph_index`` of ``section``."""
    parts = paragraphs_of(section)
    if not 0 < paragraph_index < len(parts):
        raise ValidationError(_("Kies een alinea binnen de paragraaf (niet de eerste)."))
    if not heading.strip():
        raise ValidationError(_("Geef de nieuwe paragraaf een kop."))
    report = section.report
    section.text = "\n\n".join(parts[:paragraph_index])
    section.save()
    # Make room after the split section; _renumber closes the gaps afterwards.
    report.sections.filter(position__gt=section.position).update(position=F("position") + 100_000)
    new = ReportSection.objects.create(
        report=report,
        position=section.position + 1,
        heading=heading.strip()[:500],
        level=level or section.level,
        anchor=unique_anchor(report, heading.strip(), ""),
        text="\n\n".join(parts[paragraph_index:]),
        page_number=section.page_number,
    )
    moved = _footnote_numbers(new.text)
    section.footnotes.filter(number__in=moved).update(section=new)
    _renumber(report)
    return new

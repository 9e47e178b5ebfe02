"""Editors correct the proposed section structure; text, footnotes and order stay whole."""

import pytest
from django.core.exceptions import ValidationError

from documents.models import ReportSection, SectionFootnote
from documents.outline_editing import merge_with_previous, rename_section, split_section
from tests.factories import ReportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def report():
    report = ReportFactory(title="Proefrapport")
    texts = [
        ("1", "Inleiding", "Eerste alinea.\n\nTweede alinea met noot[^1].\n\nDerde alinea."),
        ("1.1", "Aanpak", "Over de aanpak."),
        ("", "Losse kop", "Tekst onder een kop die er niet had moeten staan."),
    ]
    for position, (number, heading, text) in enumerate(texts):
        section = ReportSection.objects.create(
            report=report,
            position=position,
            number=number,
            heading=heading,
            level=number.count(".") + 1 if number else 3,
            anchor=f"s{position}",
            text=text,
        )
        if "[^1]" in text:
            SectionFootnote.objects.create(section=section, number="1", text="Een bron.")
    return report


def headings(report):
    return list(report.sections.order_by("position").values_list("heading", flat=True))


def test_rename_changes_heading_level_and_anchor(report):
    section = report.sections.get(heading="Aanpak")
    rename_section(section, "Werkwijze", level=2, number="1.1")
    section.refresh_from_db()
    assert (section.heading, section.level, section.anchor) == ("Werkwijze", 2, "1-1-werkwijze")
    report.refresh_from_db()
    assert "1.1 Werkwijze" in report.cleaned_text


def test_rename_refuses_an_empty_heading_or_impossible_level(report):
    section = report.sections.get(heading="Aanpak")
    with pytest.raises(ValidationError):
        rename_section(section, "  ", level=2)
    with pytest.raises(ValidationError):
        rename_section(section, "Goed", level=9)


def test_merge_keeps_the_text_and_closes_the_gap(report):
    merged = merge_with_previous(report.sections.get(heading="Losse kop"))
    assert headings(report) == ["Inleiding", "Aanpak"]
    assert "Tekst onder een kop" in merged.text and "Losse kop" in merged.text
    assert list(report.sections.values_list("position", flat=True)) == [0, 1]


def test_the_first_section_cannot_merge_backwards(report):
    with pytest.raises(ValidationError):
        merge_with_previous(report.sections.get(position=0))


def test_split_moves_the_rest_and_its_footnotes_into_a_new_section(report):
    new = split_section(report.sections.get(heading="Inleiding"), 1, "Achtergrond")
    assert headings(report) == ["Inleiding", "Achtergrond", "Aanpak", "Losse kop"]
    assert report.sections.get(heading="Inleiding").text == "Eerste alinea."
    assert new.text.startswith("Tweede alinea met noot[^1].")
    assert SectionFootnote.objects.get(number="1").section == new
    offsets = list(report.sections.order_by("position").values_list("start_offset", flat=True))
    assert offsets == sorted(offsets) and len(set(offsets)) == 4


def test_split_needs_a_paragraph_inside_the_section(report):
    with pytest.raises(ValidationError):
        split_section(report.sections.get(heading="Inleiding"), 0, "Te vroeg")
    with pytest.raises(ValidationError):
        split_section(report.sections.get(heading="Inleiding"), 3, "Te laat")

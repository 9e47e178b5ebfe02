"""Invented reports of kinds the corpus has one of or none: the kind an import gives them
and the address it files them under."""

from pathlib import Path

import pytest

from documents.ingest.pipeline import import_file
from documents.models import SectionFootnote

pytestmark = pytest.mark.django_db

INPUTS = Path(__file__).parent / "ingest" / "inputs"
ARTICLE = "De buurtkamer in Dorpsbeek is drie jaar open en trekt elke week meer bezoekers.\n\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def imported(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = import_file(path)
    assert result.status == "imported", result.error
    return result.report


@pytest.mark.parametrize(
    "cover, colophon",
    [
        ("", "## Colofon\n\nEindredactie: Femke Jonker\n\nFotografie: Pieter Smeets\n"),
        ("Magazine voor vrijwilligers in Dorpsbeek, voorjaar\n\n", ""),
    ],
    ids=["editors-in-the-colophon", "magazine-on-the-cover"],
)
def test_a_magazine_is_known_by_its_cover_or_by_the_editors_its_colophon_credits(
    tmp_path, cover, colophon
):
    articles = f"## Voorwoord\n\n{ARTICLE}## Vrijwilligers aan het woord\n\n{ARTICLE}"
    report = imported(tmp_path, "wijkblad.md", f"# Samen in de wijk\n\n{cover}{articles}{colophon}")
    assert report.kind == "magazine"


def test_a_study_with_a_colophon_of_its_own_stays_a_research_report(tmp_path):
    report = imported(
        tmp_path,
        "buurtkamer.txt",
        "De buurtkamer in Dorpsbeek\n\n1. Inleiding\n\n"
        + ARTICLE
        + "2. Bevindingen\n\n"
        + ARTICLE
        + "Colofon\n\nTekst: Femke Jonker\n\nVormgeving: Studio Dorpsbeek\n",
    )
    assert report.kind == "onderzoeksrapport"


def test_a_long_title_gives_an_address_and_a_file_name_cut_after_a_whole_word(tmp_path):
    title = "Vrijwilligers in de buurtkamer van Dorpsbeek en hun samenwerking met het wijkteam"
    report = imported(tmp_path, f"{title}.md", f"# {title}\n\n## Inleiding\n\n{ARTICLE}")
    assert report.slug == "vrijwilligers-in-de-buurtkamer-van-dorpsbeek-en-hun"
    stored = report.files.get().document.filename
    assert stored == "vrijwilligers-in-de-buurtkamer-van-dorpsbeek-en-hun.md"


def test_an_invented_evaluation_keeps_its_kind_markers_footnotes_and_a_whole_word_address():
    report = import_file(INPUTS / "evaluatie-buurtkamer.txt").report
    assert report.kind == "evaluatie"
    assert report.slug == "evaluatie-van-de-buurtkamer-in-dorpsbeek-na-drie-jaar"
    sections = [(s.number, s.heading) for s in report.sections.order_by("position")]
    assert ("a", "Hoe gebruiken bewoners de buurtkamer?") in sections
    assert ("b", "Wat vinden de vrijwilligers?") in sections
    references = {
        note.number: note.section.number
        for note in SectionFootnote.objects.filter(section__report=report)
    }
    assert references == {"1": "1", "2": "a"}
    assert "werkplan.[^1] In fase 2" in report.sections.get(number="1").text

"""Invented reports of kinds the corpus has one of or none: the kind an import gives them
and the address it files them under."""

import pytest

from documents.ingest.pipeline import import_file

pytestmark = pytest.mark.django_db

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

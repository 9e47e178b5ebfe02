"""Importing the real corpus: three reports with the structure its README describes."""

import io
import json
import re

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from documents.models import ReportFile, ReportPage, ReportSection, SectionFootnote
from tests.conftest import CORPUS, require_corpus

pytestmark = pytest.mark.django_db
require_corpus(module_level=True)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(scope="module")
def corpus_import(django_db_setup, django_db_blocker, tmp_path_factory):
    """The corpus imported once for this module, inside a transaction rolled back at the end;
    each test runs in a savepoint within it."""
    output = io.StringIO()
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")),
        transaction.atomic(),
    ):
        call_command("import_documents", str(CORPUS), "--json", stdout=output)
        yield json.loads(output.getvalue())
        transaction.set_rollback(True)


@pytest.fixture
def imported(corpus_import, db):
    return corpus_import


def report_titled(prefix):
    """An imported report (the demo content has reports with similar titles, without files)."""
    return ReportPage.objects.filter(files__sha256__gt="").distinct().get(title__startswith=prefix)


def test_the_corpus_becomes_exactly_three_reports(imported):
    assert len(imported["reports"]) == 3
    assert imported["failed"] == []
    assert len(imported["duplicates"]) == 6  # 9 files, 3 reports
    renditions = {report["title"]: len(report["renditions"]) for report in imported["reports"]}
    assert sorted(renditions.values()) == [2, 3, 4]


def test_oostburg_keeps_the_title_block_of_the_markdown(imported):
    report = report_titled("Uitwerking interviews")
    assert report.title == "Uitwerking interviews buurtgericht werken Oostburg"
    assert report.published_on.isoformat() == "2014-08-26"
    assert report.authors.count() == 2
    assert report.files.count() == 4
    assert report.kind == "interviewverslag"
    assert report.visibility == "editors"  # interviews judge named colleagues: editors only
    numbers = list(report.sections.values_list("number", flat=True))
    assert numbers == ["1", "1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "2"]
    assert report.sections.get(number="2").level == 1
    assert report.sections.get(number="1.4").level == 2


def test_hu_report_has_its_chapters_and_twenty_numbered_sections_in_order(imported):
    report = report_titled("Voortgangsrapportage")
    assert report.kind != "interviewverslag" and report.visibility == "members"
    assert report.files.count() == 2
    sections = list(report.sections.order_by("position"))
    numbered = [s.number for s in sections if "." in s.number]
    assert numbered == [f"1.{n}" for n in range(1, 21)]
    prototypes = [s.heading for s in sections if s.number in ("1", "2", "3")]
    assert prototypes[0].startswith("Teammodel") and prototypes[2].startswith("Netwerkmodel")
    assert {s.level for s in sections if s.number in ("1", "2", "3")} == {3}
    chapters = {s.heading for s in sections if s.level == 1}
    for chapter in [
        "Wijkcontext",
        "Uitgangspunten",
        "Integraal werken",
        "Rol gemeente",
        "Financiering",
        "Conclusies",
        "Bijlage",
    ]:
        assert chapter in chapters
    assert len(chapters) == 12
    sub_sections = [s for s in sections if s.level == 3]
    assert len(sub_sections) >= 40
    lettered = [s.heading for s in sub_sections if s.number == "a"]
    # (the question in part, so that the repository copies no run of the report's words)
    assert any(
        h.startswith("Hoe geeft men") and h.endswith("begrip eigen netwerk?") for h in lettered
    )
    # A lettered heading wrapped over two lines is one heading.
    assert any(s.heading.endswith("de bestaande informatie(systemen)") for s in sub_sections)
    labels = [s.heading for s in sub_sections if s.heading in ("Opbrengst", "Vraagstukken")]
    assert len(labels) >= 5  # labels that introduce a list in the three prototypes


def test_hu_report_text_is_clean(imported):
    report = report_titled("Voortgangsrapportage")
    text = "\n".join(report.sections.values_list("text", flat=True))
    for glyph in ("\uf0b7", "\uf06e", "•", "▪"):
        assert glyph not in text
    assert not re.search(r"^\s*(28|39)\s*$", text, re.MULTILINE), "page number left in text"
    assert "Zeist- Oost" not in text and "Zeist-Oost" in text
    assert "zelfredzaamheidsmatrix[^3]" in text


def test_hu_footnotes_are_moved_and_linked(imported):
    report = report_titled("Voortgangsrapportage")
    footnotes = SectionFootnote.objects.filter(section__report=report)
    assert sorted(footnotes.values_list("number", flat=True), key=int) == list("123456")
    matrix = footnotes.get(number="3")
    assert "GGD Amsterdam" in matrix.text
    assert "[^3]" in matrix.section.text
    body = "\n".join(report.sections.values_list("text", flat=True))
    assert "GGD Amsterdam in 2010" not in body  # the footnote text left the body


def test_gouden_formule_has_foreword_expert_piece_with_tips_and_ten_profiles(imported):
    report = report_titled("De gouden formule")
    assert report.files.count() == 3
    sections = list(report.sections.order_by("position"))
    top = [s for s in sections if s.level == 1 and s.anchor != "begin"]  # after the contents
    assert top[0].heading == "Succesvol transformeren"
    expert_piece = top[1]
    assert expert_piece.heading.startswith("‘Het is niet erg")
    tips = sections[sections.index(expert_piece) + 1 : sections.index(top[2])]
    assert [tip.number for tip in tips] == ["1", "2", "3", "4", "5", "7", "6", "8"]  # printed order
    assert {tip.level for tip in tips} == {2}
    profiles = [s for s in top if s.number]
    assert [p.heading.split()[0] for p in profiles] == [
        "Vlaardingen",
        "Zaanstad",
        "Oss",
        "Wijk",
        "Alphen",
        "Deventer",
        "Ede",
        "Almere",
        "Heerenveen",
        "Heerlen",
    ]
    assert top[-1].heading == "Colofon"
    # Each profile holds the municipality's article and the social-work organisation's piece.
    for profile, following in zip(profiles, [*profiles[1:], top[-1]], strict=True):
        articles = [
            s
            for s in sections[sections.index(profile) + 1 : sections.index(following)]
            if s.level == 2
        ]
        assert len(articles) >= 2, profile.heading
    pull_quote_ends = ("vroegtijdig actie ondernemen.’", "onbetaalbaar.’")
    assert not any(s.heading.endswith(pull_quote_ends) for s in sections)


def test_importing_everything_again_changes_nothing(imported, media, capsys):
    before = (ReportPage.objects.count(), ReportFile.objects.count(), ReportSection.objects.count())
    call_command("import_documents", str(CORPUS), "--json")
    again = json.loads(capsys.readouterr().out)
    assert again["reports"] == [] and len(again["duplicates"]) == 9
    after = (ReportPage.objects.count(), ReportFile.objects.count(), ReportSection.objects.count())
    assert after == before


def test_report_outline_lists_the_sections(imported, capsys):
    report = report_titled("Voortgangsrapportage")
    call_command("report_outline", str(report.pk), "--json")
    outline = json.loads(capsys.readouterr().out)
    assert outline["id"] == report.pk
    row = next(r for r in outline["sections"] if r["number"] == "1.2")
    assert row["level"] == 2 and row["characters"] > 1000 and row["anchor"] == "1-2-opdracht"
    footnotes = SectionFootnote.objects.filter(section__report=report).count()
    assert sum(r["footnotes"] for r in outline["sections"]) == footnotes


def test_report_page_shows_sections_at_their_anchors_with_linked_footnotes(imported, admin_client):
    report = report_titled("Voortgangsrapportage")
    html = admin_client.get(report.get_url()).content.decode()
    assert 'id="1-13-wederkerigheid"' in html
    assert 'href="#1-13-wederkerigheid"' in html  # the table of contents links to it
    section = SectionFootnote.objects.get(section__report=report, number="3").section
    assert f'href="#{section.anchor}-voetnoot-3"' in html
    assert f'id="{section.anchor}-voetnoot-3"' in html and "GGD Amsterdam" in html


def test_imported_reports_are_restricted_and_interviews_are_for_editors(
    imported, client, django_user_model
):
    progress_report = report_titled("Voortgangsrapportage").get_url()
    assert client.get(progress_report).status_code == 302  # to log in
    interviews = report_titled("Uitwerking interviews").get_url()
    assert client.get(interviews).status_code == 404  # existence not revealed
    client.force_login(django_user_model.objects.create_user("lid2", password="x-x-x-x-1"))
    assert client.get(interviews).status_code == 404


def test_classification_suggestions_come_from_the_text(imported):
    report = report_titled("Voortgangsrapportage")
    suggested = {kind: [s["title"] for s in items] for kind, items in report.suggestions.items()}
    for municipality in ["Utrecht", "Nieuwegein", "Wijk bij Duurstede", "Zeist", "Amersfoort"]:
        assert municipality in suggested["municipalities"]
    assert "Ede" not in suggested["municipalities"]  # whole words only: not 'mede', 'Eden'
    assert {"Zelfredzaamheid", "Wederkerigheid"} <= set(suggested["themes"])
    assert report.municipalities.count() == 0  # suggestions wait for an editor


def test_the_magazine_is_filed_as_one_with_its_ten_municipalities_suggested(imported):
    report = report_titled("De gouden formule")
    assert report.kind == "magazine"
    suggested = {kind: [s["title"] for s in items] for kind, items in report.suggestions.items()}
    profiled = {"Almere", "Alphen aan den Rijn", "Deventer", "Ede", "Heerenveen", "Heerlen"}
    profiled |= {"Oss", "Vlaardingen", "Wijk bij Duurstede", "Zaanstad"}
    assert profiled <= set(suggested["municipalities"])
    assert {"Decentralisaties", "Huishoudelijke hulp", "Aanbesteding en inkoop"} <= set(
        suggested["themes"]
    )

"""Citing a report or a section: BibTeX, RIS and CSL-JSON that reference managers read,
as precise as the report's date, and section links that stay valid after a rename."""

import json

import pytest

from documents.models import ReportAuthor, ReportPage
from documents.outline_editing import merge_with_previous, rename_section
from tests.factories import ReportFactory, add_sections

pytestmark = pytest.mark.django_db

DEMO_REPORT = "voortgangsrapportage-integraal-wijkgericht-werken-2013"


@pytest.fixture
def report():
    return ReportPage.objects.get(slug=DEMO_REPORT)


@pytest.fixture
def sectioned_report():
    report = ReportFactory(
        title="Buurtkracht & zorg: 100% samen",
        publisher_name="Lectoraat Wijkzorg",
        authors=[ReportAuthor(name="Fenna de Vries"), ReportAuthor(name="Movisie")],
    )
    add_sections(report, ["Inleiding", "Werkwijze", "Resultaten"])
    return report


def download(client, report, format_name, section=""):
    query = f"?paragraaf={section}" if section else ""
    response = client.get(f"{report.url}citatie/{format_name}/{query}")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    return response.content.decode()


def test_bibtex_names_authors_family_first_with_the_stated_month(client, report):
    bibtex = download(client, report, "bibtex")
    assert bibtex.startswith("@techreport{vanleeuwen2013,")
    assert "author = {van Leeuwen, Mirjam and " in bibtex
    assert "year = {2013}" in bibtex and "month = {9}" in bibtex
    assert "institution = {Hogeschool Utrecht}" in bibtex
    assert f"url = {{http://testserver{report.url}}}" in bibtex


def test_ris_lists_each_author_and_leaves_unstated_date_parts_empty(client, report):
    ris = download(client, report, "ris")
    lines = ris.splitlines()
    assert lines[0] == "TY  - RPRT" and lines[-1] == "ER  - "
    assert "AU  - van Leeuwen, Mirjam" in lines
    assert "PY  - 2013" in lines and "DA  - 2013/09//" in lines  # month precision: no day


def test_csl_json_is_read_as_a_report_with_structured_names(client, report):
    [item] = json.loads(download(client, report, "csl-json"))
    assert item["type"] == "report" and item["title"] == report.title
    assert item["author"][0] == {"family": "van Leeuwen", "given": "Mirjam"}
    assert item["issued"] == {"date-parts": [[2013, 9]]}


def test_a_section_is_cited_as_part_of_its_report_with_its_deep_link(client, sectioned_report):
    anchor = "2-werkwijze"
    [item] = json.loads(download(client, sectioned_report, "csl-json", anchor))
    assert item["type"] == "chapter" and item["title"] == "2 Werkwijze"
    assert item["container-title"] == sectioned_report.title
    assert item["URL"].endswith(f"{sectioned_report.url}#{anchor}")
    assert item["author"][1] == {"literal": "Movisie"}  # an organisation is not split
    bibtex = download(client, sectioned_report, "bibtex", anchor)
    assert "@misc{" not in bibtex and "chapter = {2 Werkwijze}" in bibtex
    assert r"title = {Buurtkracht \& zorg: 100\% samen}" in bibtex
    assert "SE  - 2 Werkwijze" in download(client, sectioned_report, "ris", anchor)


def test_every_section_offers_a_cite_link_and_the_citation_page_reads_well(
    client, sectioned_report
):
    html = client.get(sectioned_report.url).content.decode()
    assert f'href="{sectioned_report.url}citatie/?paragraaf=3-resultaten"' in html
    page = client.get(f"{sectioned_report.url}citatie/?paragraaf=3-resultaten").content.decode()
    assert "de Vries, Fenna &amp; Movisie (2020) 3 Resultaten. In: Buurtkracht" in page
    assert "#3-resultaten" in page


def test_anchors_stay_valid_after_a_rename_and_a_merge(client, sectioned_report):
    section = sectioned_report.sections.get(anchor="2-werkwijze")
    rename_section(section, "Aanpak", level=1, number="2")
    section.refresh_from_db()
    assert section.anchor == "2-aanpak" and section.former_anchors == ["2-werkwijze"]
    html = client.get(sectioned_report.url).content.decode()
    assert 'id="2-werkwijze"' in html  # an old link still lands on the section
    old_citation = client.get(f"{sectioned_report.url}citatie/?paragraaf=2-werkwijze")
    assert old_citation.status_code == 302 and old_citation["Location"].endswith("=2-aanpak")
    merge_with_previous(sectioned_report.sections.get(anchor="3-resultaten"))
    merged = sectioned_report.sections.get(anchor="2-aanpak")
    assert merged.former_anchors == ["2-werkwijze", "3-resultaten"]
    rename_section(sectioned_report.sections.get(anchor="1-inleiding"), "Werkwijze", 1, "2")
    renamed = sectioned_report.sections.get(heading="Werkwijze")
    assert renamed.anchor == "2-werkwijze-2"  # an anchor once used stays its section's


def test_citations_of_restricted_or_unknown_things_reveal_nothing(client):
    hidden = ReportFactory(title="Intern verslag citeerproef", visibility="editors")
    assert client.get(f"{hidden.url}citatie/bibtex/").status_code == 404
    report = ReportPage.objects.get(slug=DEMO_REPORT)
    assert client.get(f"{report.url}citatie/xml/").status_code == 404
    assert client.get(f"{report.url}citatie/?paragraaf=bestaat-niet").status_code == 404

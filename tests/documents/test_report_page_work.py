"""A report's page reads each of its parts once, however many it has: the page and its
linked data share the authors, labels and sections, and the visibility is checked once.
Each viewer still gets what they may see (a members-only author's profile is linked for
members only, in the page and in its linked data)."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from documents.models import ReportAuthor, ReportSection, SectionFootnote
from tests.factories import (
    ExpertFactory,
    MunicipalityFactory,
    OrganisationFactory,
    ReportFactory,
    ThemeFactory,
    add_sections,
)
from wijkwijs.visibility import Visibility

pytestmark = pytest.mark.django_db

LINKED_DATA = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def reads(queries, table) -> int:
    """How many queries read ``table`` (in their FROM or a JOIN)."""
    return sum(bool(re.search(rf'(FROM|JOIN) "{table}"', query["sql"])) for query in queries)


def report(sections=3, authors=2, name="buurtbudget"):
    experts = [
        ExpertFactory(
            title=f"Auteur {number} {name}",
            parent=OrganisationFactory(),
            visibility=Visibility.MEMBERS if number == 0 else Visibility.PUBLIC,
        )
        for number in range(authors)
    ]
    page = ReportFactory(
        title=f"Evaluatie {name}",
        authors=[ReportAuthor(name=expert.title, expert=expert) for expert in experts],
        themes=[ThemeFactory(title=name.capitalize())],
        municipalities=[MunicipalityFactory(title=f"Veldhoven {name}")],
    )
    add_sections(page, [f"Hoofdstuk{number}" for number in range(sections)])
    for section in ReportSection.objects.filter(report=page):
        SectionFootnote.objects.create(section=section, number="1", text="Bron: wijkenquête.")
    return page, experts


def get(client, page):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode(), queries.captured_queries


@pytest.mark.parametrize("signed_in", [False, True], ids=["visitor", "member"])
def test_the_page_and_its_linked_data_read_each_part_once(client, member, signed_in):
    page, (members_only, public) = report()
    if signed_in:
        client.force_login(member)
    html, queries = get(client, page)
    for table in (
        "documents_reportauthor",
        "documents_sectionfootnote",
        "documents_reportpage_themes",
        "documents_reportpage_municipalities",
    ):
        assert reads(queries, table) == 1, table
    # The sections (and once more joined to order the footnotes by them).
    assert reads(queries, "documents_reportsection") == 2
    checks = [
        query for query in queries if '"documents_reportpage"."visibility" IN' in query["sql"]
    ]
    assert len(checks) == 1  # its visibility, checked once
    described = json.loads(LINKED_DATA.search(html).group(1))
    linked = {author["name"]: author.get("url") for author in described["author"]}
    assert [part["name"] for part in described["hasPart"]] == [
        "1 Hoofdstuk0",
        "2 Hoofdstuk1",
        "3 Hoofdstuk2",
    ]
    assert [topic["name"] for topic in described["about"]] == ["Buurtbudget"]
    assert described["spatialCoverage"][0]["name"] == "Veldhoven buurtbudget"
    assert linked[public.title].endswith(public.url)
    assert html.count("Bron: wijkenquête.") == 3 and "Hoofdstuk2" in html
    assert f'href="{public.url}"' in html
    if signed_in:
        assert linked[members_only.title].endswith(members_only.url)
        assert f'href="{members_only.url}"' in html
    else:
        assert linked[members_only.title] is None
        assert f'href="{members_only.url}"' not in html
        assert members_only.title in html  # the name, without the profile


def test_a_longer_report_takes_no_more_queries(client):
    short, _experts = report(sections=1, authors=1, name="kort")
    _html, short_queries = get(client, short)
    long, _experts = report(sections=12, authors=4, name="lang")
    _html, long_queries = get(client, long)
    assert len(long_queries) <= len(short_queries)

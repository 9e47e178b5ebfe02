"""Municipalities side by side: validation of the choice, facts from every source, numbers
read the Dutch way, and sources the viewer may not open are not named."""

import csv
import datetime
import io

import pytest
from django.contrib.auth.models import AnonymousUser
from wagtail.models import PageViewRestriction

from tests.factories import MunicipalityFactory, ReportFactory
from wijkwijs.comparison import chosen, compare
from wijkwijs.facts import as_number
from wijkwijs.models import MunicipalityFact

pytestmark = pytest.mark.django_db


def fact(page, topic, value, as_of, **fields):
    return MunicipalityFact.objects.create(
        page=page, topic=topic, value=value, as_of=datetime.date.fromisoformat(as_of), **fields
    )


@pytest.fixture
def two_towns():
    east, west = MunicipalityFactory(title="Oosterdam"), MunicipalityFactory(title="Westerveld")
    secret = ReportFactory(title="Vertrouwelijke tussenstand Oosterdam", visibility="members")
    fact(east, "inwoners", "41.500", "2015-01-01", source_title="CBS, 1 januari 2015")
    fact(east, "inwoners", "42000", "2016-01-01", source_report=secret)
    fact(
        west,
        "overig",
        "2,5",
        "2016-01-01",
        label="Wijkteams per 10.000 inwoners",
        source_title="Eigen telling",
    )
    return east, west


def test_the_choice_must_be_two_to_six_known_municipalities():
    assert chosen(["deventer"])[1]
    assert chosen(["deventer", "deventer"])[1]  # the same one twice is still one
    assert not chosen(["deventer", "utrecht"])[1]
    assert chosen(["deventer", "utrecht", "atlantis"])[1]
    slugs = ["deventer", "utrecht", "zeist", "ede", "oss", "almere", "heerlen"]
    assert "maximaal 6" in chosen(slugs)[1]
    assert not chosen(slugs[:6])[1]


@pytest.mark.parametrize(
    "query", ["gemeente=deventer", "gemeente=deventer&gemeente=<script>", "gemeente=" + "x" * 5000]
)
def test_a_bad_choice_is_refused_clearly_on_the_page_and_for_the_csv(client, query):
    page = client.get(f"/gemeenten-vergelijken/?{query}")
    assert page.status_code == 400
    assert 'role="alert"' in page.content.decode() and "<script>" not in page.content.decode()
    assert client.get(f"/gemeenten-vergelijken/vergelijking.csv?{query}").status_code == 400


def test_disagreeing_sources_are_both_shown_newest_first(two_towns):
    east, west = two_towns
    comparison = compare([east, west], AnonymousUser())
    population = next(row for row in comparison.rows if row.label == "Inwoners")
    assert [sourced.fact.value for sourced in population.cells[0]] == ["42000", "41.500"]
    assert population.cells[1] == []
    assert [row.label for row in comparison.rows][:5] == [
        "Inwoners",
        "Teammodel",
        "Fase",
        "Ontstaan",
        "Samenstelling team",
    ]


def test_a_source_the_viewer_may_not_open_is_not_named(two_towns, client, django_user_model):
    east, west = two_towns
    query = {"gemeente": [east.slug, west.slug]}
    anonymous = client.get("/gemeenten-vergelijken/", query).content.decode()
    assert "Vertrouwelijke tussenstand" not in anonymous
    assert "een publicatie die niet openbaar is" in anonymous
    assert "Vertrouwelijke tussenstand" not in client.get(east.url).content.decode()
    client.force_login(django_user_model.objects.create_user("lid-feiten", password="x-1-x-1"))
    member = client.get("/gemeenten-vergelijken/", query).content.decode()
    assert "Vertrouwelijke tussenstand" in member


def test_numbers_are_read_the_dutch_way_and_charted(two_towns):
    assert as_number("23.000") == 23000 and as_number("2,6") == 2.6 and as_number("82") == 82
    assert as_number("ongeveer tien") is None and as_number("1.2.3") is None
    east, west = two_towns
    fact(west, "inwoners", "30.250", "2016-01-01", source_title="CBS, 1 januari 2016")
    charts = {chart.label: chart for chart in compare([east, west], AnonymousUser()).charts}
    assert [(bar.name, bar.value) for bar in charts["Inwoners"].bars] == [
        ("Oosterdam", 42000),
        ("Westerveld", 30250),
    ]
    assert "Wijkteams per 10.000 inwoners" not in charts  # one town's number compares nothing


def test_the_csv_has_one_line_per_fact_with_date_source_and_number(two_towns, client):
    east, west = two_towns
    response = client.get(
        "/gemeenten-vergelijken/vergelijking.csv", {"gemeente": [east.slug, west.slug]}
    )
    assert response["Content-Disposition"].startswith("attachment;")
    # What Excel with Dutch settings opens: a byte order mark, ";" and decimal commas.
    assert response.content.startswith("\ufeffgemeente;cbs_code;".encode())
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert [(row["gemeente"], row["getal"], row["peildatum"]) for row in rows] == [
        ("Oosterdam", "42000", "2016-01-01"),
        ("Oosterdam", "41500", "2015-01-01"),
        ("Westerveld", "2,5", "2016-01-01"),
    ]
    assert rows[1]["bron"] == "CBS, 1 januari 2015" and rows[1]["bron_url"] == ""
    assert rows[0]["bron"] == "een publicatie die niet openbaar is"


def test_a_municipality_behind_a_view_restriction_is_neither_offered_nor_compared(client):
    closed = MunicipalityFactory(title="Lepelaarsdorp")
    PageViewRestriction.objects.create(page=closed, restriction_type=PageViewRestriction.LOGIN)
    assert "Lepelaarsdorp" not in client.get("/gemeenten-vergelijken/").content.decode()
    answer = client.get("/gemeenten-vergelijken/", {"gemeente": ["deventer", closed.slug]})
    assert answer.status_code == 400 and "Lepelaarsdorp" not in answer.content.decode()

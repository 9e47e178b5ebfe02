"""The content API (/api/v1/): what each user may see, pages, conditional requests, tokens,
filters and problem details, read through the test client as a client would."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from wagtail.models import APIToken

from api.models import ApiScope, TokenScope
from documents.models import ReportSection
from tests.factories import (
    ExpertFactory,
    MunicipalityFactory,
    OrganisationFactory,
    ReportFactory,
    ThemeFactory,
)
from wijkwijs.models import MunicipalityFact
from wijkwijs.visibility import Visibility, visible

pytestmark = pytest.mark.django_db


def titles(answer):
    return {item["title"] for item in answer["items"]}


def all_items(client, path, **params):
    """Every item of a list, following the pages."""
    answer = client.get(path, {**params, "page_size": 100}).json()
    items = list(answer["items"])
    for number in range(2, answer["pages"] + 1):
        items += client.get(path, {**params, "page_size": 100, "page": number}).json()["items"]
    return items


def test_experts_are_the_consented_ones_with_their_organisation(client):
    organisation = OrganisationFactory(title="Buurtwerk Oost")
    ExpertFactory(parent=organisation, title="Ria Reiger", role="Wijkcoach")
    ExpertFactory(parent=organisation, title="Zonder Toestemming", consent_date=None)
    experts = {item["title"]: item for item in all_items(client, "/api/v1/experts/")}
    assert "Zonder Toestemming" not in experts
    ria = experts["Ria Reiger"]
    assert ria["type"] == "expert" and ria["role"] == "Wijkcoach"
    assert ria["organisation"]["title"] == "Buurtwerk Oost"
    assert ria["url"].startswith("http://testserver/") and ria["api_url"].startswith(
        "http://testserver/api/v1/experts/"
    )
    detail = client.get(ria["api_url"]).json()
    assert detail["title"] == "Ria Reiger" and detail["contact"]["kind"] == "organisation"


def test_a_list_has_link_headers_and_pages_past_the_end_are_empty(client):
    first = client.get("/api/v1/municipalities/", {"page_size": 5})
    answer = first.json()
    assert answer["total"] >= 20 and len(answer["items"]) == 5
    links = first["Link"]
    assert 'rel="next"' in links and "page=2" in links and 'rel="last"' in links
    assert 'rel="prev"' not in links
    second = client.get(links.split(";")[0].strip("<>").replace("page=1", "page=2"))
    next_url = [
        part.split(";")[0].strip(" <>") for part in links.split(",") if 'rel="next"' in part
    ]
    second = client.get(next_url[0])
    assert not titles(second.json()) & titles(answer)
    beyond = client.get("/api/v1/municipalities/", {"page": 10_000}).json()
    assert beyond["items"] == [] and beyond["total"] == answer["total"]


def test_an_unchanged_answer_is_not_sent_twice(client):
    answer = client.get("/api/v1/themes/")
    etag = answer["ETag"]
    assert etag and "private" in answer["Cache-Control"]
    again = client.get("/api/v1/themes/", headers={"if-none-match": etag})
    assert again.status_code == 304 and again.content == b""
    ThemeFactory(title="Nieuw thema voor de ETag")
    changed = client.get("/api/v1/themes/", {"page_size": 100}, headers={"if-none-match": etag})
    assert changed.status_code == 200 and "Nieuw thema voor de ETag" in titles(changed.json())


def test_reports_filter_by_theme_kind_year_and_organisation(client):
    theme = ThemeFactory(title="Mantelzorgwoningen")
    publisher = OrganisationFactory(title="Kennisbureau Noord")
    ReportFactory(
        title="Evaluatie mantelzorg 2019",
        themes=[theme],
        kind="evaluatie",
        published_on=datetime.date(2019, 3, 1),
        publisher=publisher,
    )
    ReportFactory(
        title="Factsheet mantelzorg 2021",
        themes=[theme],
        kind="factsheet",
        published_on=datetime.date(2021, 3, 1),
    )

    def found(**params):
        return titles(client.get("/api/v1/reports/", {"page_size": 100, **params}).json())

    assert found(theme="mantelzorgwoningen") == {
        "Evaluatie mantelzorg 2019",
        "Factsheet mantelzorg 2021",
    }
    assert found(theme="Mantelzorgwoningen", kind="factsheet") == {"Factsheet mantelzorg 2021"}
    assert found(theme=theme.slug, year=[2019, 2021]) == found(theme=theme.slug)
    assert found(theme=theme.slug, year=2019) == {"Evaluatie mantelzorg 2019"}
    assert found(organisation="Kennisbureau Noord") == {"Evaluatie mantelzorg 2019"}
    assert found(theme="een thema dat niet bestaat") == set()


def test_report_detail_has_sections_authors_and_a_date_as_precise_as_known(client):
    report = ReportFactory(
        title="Jaarbeeld wijkteams", published_on=datetime.date(2018, 6, 1), date_precision="month"
    )
    ReportSection.objects.create(
        report=report,
        position=0,
        heading="Aanleiding",
        level=1,
        anchor="aanleiding",
        text="Waarom dit jaarbeeld er is.",
    )
    detail = client.get(f"/api/v1/reports/{report.pk}/").json()
    assert detail["published"] == "2018-06" and detail["type"] == "rapport"
    (section,) = detail["sections"]
    assert section["heading"] == "Aanleiding" and section["url"].endswith(
        f"{report.url}#aanleiding"
    )


@pytest.mark.parametrize("visibility", [Visibility.MEMBERS, Visibility.EDITORS])
def test_restricted_reports_are_not_found_by_the_public(client, visibility):
    report = ReportFactory(title="Vertrouwelijk verslag", visibility=visibility)
    answer = client.get(f"/api/v1/reports/{report.pk}/")
    assert answer.status_code == 404
    assert answer["Content-Type"] == "application/problem+json"
    assert answer.json()["status"] == 404 and "Vertrouwelijk" not in answer.content.decode()
    assert "Vertrouwelijk verslag" not in {
        item["title"] for item in all_items(client, "/api/v1/reports/")
    }


def test_a_fact_citing_a_restricted_report_keeps_the_source_unnamed(client):
    report = ReportFactory(title="Interne monitor Heuvelrug", visibility=Visibility.MEMBERS)
    place = MunicipalityFactory(title="Heuvelstad")
    MunicipalityFact.objects.create(
        page=place,
        topic="inwoners",
        value="23.000",
        as_of=datetime.date(2020, 1, 1),
        source_report=report,
    )
    (fact,) = client.get(f"/api/v1/municipalities/{place.pk}/").json()["facts"]
    assert fact["number"] == 23000 and fact["as_of"] == "2020-01-01"
    assert fact["source"]["report"] is None and fact["source"]["url"] is None
    assert "Heuvelrug" not in fact["source"]["label"]


def test_bad_parameters_are_problems_with_a_reason(client):
    answer = client.get("/api/v1/reports/", {"page_size": "1000", "year": "twintig"})
    assert answer.status_code == 400 and answer["Content-Type"] == "application/problem+json"
    problem = answer.json()
    assert {error["parameter"] for error in problem["errors"]} == {"page_size", "year"}
    assert "hoogstens 100" in problem["detail"]
    assert client.get("/api/v1/reports/", {"theme": "a\x00b"}).status_code == 400


@pytest.fixture
def member(django_user_model):
    return django_user_model.objects.create_user("lid-api", password="x-x-x-x-1")


def token_for(user, *scopes):
    token, secret = APIToken.create_token(user=user, name="koppeling")
    for scope in scopes:
        TokenScope.objects.create(token=token, scope=scope)
    return token, {"authorization": f"Bearer {secret}"}


def test_a_token_acts_for_its_member_within_its_scopes(client, member):
    report = ReportFactory(title="Ledenverslag buurtkracht", visibility=Visibility.MEMBERS)
    path = f"/api/v1/reports/{report.pk}/"
    _token, content_only = token_for(member, ApiScope.CONTENT)
    assert client.get(path, headers=content_only).json()["title"] == "Ledenverslag buurtkracht"
    refused = client.get("/api/v1/search/", {"q": "buurtkracht"}, headers=content_only)
    assert refused.status_code == 403 and "search" in refused.json()["detail"]
    token, searching = token_for(member, ApiScope.CONTENT, ApiScope.SEARCH)
    assert client.get("/api/v1/search/", {"q": "buurtkracht"}, headers=searching).json()["total"]
    token.revoke()
    revoked = client.get(path, headers=searching)
    assert revoked.status_code == 401 and revoked["WWW-Authenticate"].startswith("Bearer")
    assert (
        client.get(path, headers={"authorization": "Bearer wagtail_verzonnen"}).status_code == 401
    )


def test_a_member_with_a_session_sees_what_the_site_shows_them(client, member):
    report = ReportFactory(title="Ledenverslag wijkkracht", visibility=Visibility.MEMBERS)
    client.force_login(member)
    assert client.get(f"/api/v1/reports/{report.pk}/").status_code == 200
    listed = {item["id"] for item in all_items(client, "/api/v1/reports/")}
    assert listed == set(visible(type(report).objects.all(), member).values_list("pk", flat=True))
    client.logout()
    public = {item["id"] for item in all_items(client, "/api/v1/reports/")}
    assert public == set(
        visible(type(report).objects.all(), AnonymousUser()).values_list("pk", flat=True)
    )


@pytest.mark.parametrize("path", ["/api/v1/bestaat-niet/", "/api/v2/experts/", "/api/"])
def test_an_unknown_api_address_answers_with_a_problem_document(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 404

"""The JSON search API, its autocomplete and its OpenAPI description."""

import pytest
from django.conf import settings

from tests.factories import PracticeFactory, ReportFactory
from wijkwijs.models import ThemePage

pytestmark = pytest.mark.django_db


def test_api_returns_hits_with_labels_and_facets(client):
    PracticeFactory(title="Buurtkamer Noord", summary="Een buurtkamer voor ontmoeting.")
    data = client.get("/api/v1/search/", {"q": "buurtkamer", "include": "text"}).json()
    hit = next(h for h in data["hits"] if h["title"] == "Buurtkamer Noord")
    assert hit["url"].startswith("http://testserver/")
    assert set(hit) == {"type", "title", "url", "snippet", "labels", "score", "similar", "text"}
    assert "ontmoeting" in hit["text"]
    assert {"type", "theme", "municipality", "organisation", "kind", "year"} <= set(data["facets"])


@pytest.mark.parametrize(
    "params, message",
    [
        ({"page": "-1"}, "minstens 1"),
        ({"page": "x"}, "geheel getal"),
        ({"page_size": "1000"}, "hoogstens"),
    ],
)
def test_bad_parameters_get_a_400_with_a_reason(client, params, message):
    response = client.get("/api/v1/search/", {"q": "wijk", **params})
    assert response.status_code == 400 and message in response.json()["error"]


def test_pages_past_the_end_are_empty_not_errors(client):
    data = client.get("/api/v1/search/", {"q": "wijkteam", "page": "99999"}).json()
    assert data["hits"] == [] and data["total"] > 0


def test_api_and_autocomplete_never_show_members_only_content(client):
    ReportFactory(title="Besloten evaluatie Kraaiennest", visibility="members")
    assert client.get("/api/v1/search/", {"q": "Kraaiennest"}).json()["total"] == 0
    suggestions = client.get("/api/v1/search/autocomplete/", {"q": "Besloten"}).json()
    assert suggestions["suggestions"] == []


def test_autocomplete_suggests_titles(client):
    titles = [
        s["title"]
        for s in client.get("/api/v1/search/autocomplete/", {"q": "Deve"}).json()["suggestions"]
    ]
    assert "Deventer" in titles


def test_openapi_document_describes_the_parameters(client):
    spec = client.get("/api/v1/openapi.json").json()
    names = {p["name"] for p in spec["paths"]["/api/v1/search/"]["get"]["parameters"]}
    assert {
        "q",
        "type",
        "theme",
        "municipality",
        "organisation",
        "kind",
        "year",
        "page",
        "page_size",
    } <= names


def test_a_question_for_an_expert_answers_with_the_expert_first(client):
    """ "wie weet iets van …" puts the experts above the hits: the API gives them their type
    (they came without one, and the answer failed validation: a server error)."""
    response = client.get("/api/v1/search/", {"q": "wie weet iets van schuldhulpverlening"})
    assert response.status_code == 200
    first = response.json()["hits"][0]
    assert (first["type"], first["title"]) == ("expert", "Ruud Hoekstra")


@pytest.mark.parametrize(
    ("language", "theme", "kind"),
    [("nl", "Eenzaamheid", "Onderzoeksrapport"), ("en", "Loneliness", "Research report")],
)
def test_facets_are_labelled_in_the_language_asked_as_on_the_search_page(
    client, language, theme, kind
):
    loneliness = ThemePage.objects.get(slug="eenzaamheid")
    ReportFactory(title="Eenzaam in de flat", kind="onderzoeksrapport", themes=[loneliness])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    facets = client.get("/api/v1/search/", {"q": "flat"}).json()["facets"]
    labels = {name: {f["value"]: f["label"] for f in values} for name, values in facets.items()}
    assert labels["theme"]["eenzaamheid"] == theme
    assert labels["kind"]["onderzoeksrapport"] == kind

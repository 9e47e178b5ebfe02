"""The generated OpenAPI document: valid, complete, and true of every endpoint.

Schemathesis generates requests from the document (bounded examples per endpoint, valid
and invalid ones) and checks every answer: no server error, status codes, content types
and bodies as the document says.
"""

import re

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from openapi_spec_validator import validate

from search.registry import kind_values

pytestmark = pytest.mark.django_db

ENDPOINTS = {
    "/api/v1/experts/",
    "/api/v1/experts/{id}/",
    "/api/v1/organisations/",
    "/api/v1/organisations/{id}/",
    "/api/v1/practices/",
    "/api/v1/practices/{id}/",
    "/api/v1/reports/",
    "/api/v1/reports/{id}/",
    "/api/v1/municipalities/",
    "/api/v1/municipalities/{id}/",
    "/api/v1/themes/",
    "/api/v1/themes/{id}/",
    "/api/v1/communities/",
    "/api/v1/communities/{id}/",
    "/api/v1/search/",
    "/api/v1/search/autocomplete/",
}


@pytest.fixture
def document(client):
    return client.get("/openapi.json").json()


def test_the_document_is_valid_openapi_at_both_addresses(client, document):
    validate(document)
    assert client.get("/api/v1/openapi.json").json() == document
    assert set(document["paths"]) == ENDPOINTS


def test_the_document_says_what_the_code_does(document):
    search = document["paths"]["/api/v1/search/"]["get"]
    query = next(p for p in search["parameters"] if p["name"] == "q")
    assert not query.get("required", False)  # a call without q answers (with no hits)
    hit = document["components"]["schemas"]["SearchHit"]["properties"]["type"]
    kinds = document["components"]["schemas"].get("Kind", hit)
    assert set(hit.get("enum") or kinds.get("enum")) == set(kind_values())
    for path, operations in document["paths"].items():
        for status, answer in operations["get"]["responses"].items():
            content = set(answer.get("content", {}))
            expected = {"application/problem+json"} if int(status) >= 400 else {"application/json"}
            assert content == expected, (path, status)


def descriptions(document):
    """Every description and tag a reader of the documentation sees."""
    found = [document["info"]["description"], *(tag["name"] for tag in document.get("tags", []))]
    for operations in document["paths"].values():
        operation = operations["get"]
        found += [operation.get("description", ""), *operation.get("tags", [])]
        found += [parameter.get("description", "") for parameter in operation["parameters"]]
    for schema in document["components"]["schemas"].values():
        found += [field.get("description", "") for field in schema.get("properties", {}).values()]
    return [text for text in found if text]


@pytest.mark.parametrize(
    ("language", "own", "other"),
    [("nl", "meerdere: alle", "several: all"), ("en", "several: all", "meerdere: alle")],
)
def test_the_document_is_in_the_language_asked(client, language, own, other):
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = language
    document = client.get("/openapi.json").json()
    texts = descriptions(document)
    assert any(own in text for text in texts) and not any(other in text for text in texts)
    if language == "en":
        dutch = re.compile(r"\b(de|het|een|u|van|zoek\w*|inhoud|pagina)\b", re.IGNORECASE)
        assert [text for text in texts if dutch.search(text)] == []


def test_the_documentation_page_is_in_the_language_asked_and_styled_like_the_site(client):
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/api/v1/docs/").content.decode()
    assert '<html lang="en">' in html and "API documentation · Wijkwijs" in html
    assert "/static/css/wijkwijs.css" in html  # the site's stylesheet, its header and logo
    assert 'class="ww-logo"' in html and "Back to Wijkwijs" in html


@pytest.fixture
def wsgi_in_test_transaction():
    """Requests through the WSGI handler keep the test's database connection (as Django's
    test client does): the handler would close it when each request finishes."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.parametrize("path", sorted(ENDPOINTS))
def test_every_endpoint_keeps_to_the_document(path, wsgi_in_test_transaction):
    from project.wsgi import application

    schema = schemathesis.openapi.from_wsgi("/openapi.json", application)
    operation = schema[path]["GET"]

    @given(case=operation.as_strategy())
    @settings(
        max_examples=10,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def keeps_to_the_document(case):
        case.call_and_validate()

    keeps_to_the_document()

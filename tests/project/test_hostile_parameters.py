"""14.7: cheap unauthenticated requests must never cause a server error. Every public
endpoint's parameters are validated in one place (``wijkwijs.parameters``): a clear 400 or
an empty result."""

import pytest

from tests.factories import ReportFactory
from wijkwijs.visibility import Visibility

pytestmark = pytest.mark.django_db
BIGINT_PAST = str(2**63)
NUL = "\x00"


@pytest.fixture
def public_report():
    report = ReportFactory(title="Verslag wulpen", visibility=Visibility.PUBLIC)
    report.sections.create(position=0, heading="Wulpen", level=1, anchor="wulpen", text="Wulp.")
    return report


@pytest.fixture
def client(client):
    client.raise_request_exception = False  # a server error is an answer (500), not a crash
    return client


HOSTILE = [
    ("/zoeken/", {"q": "wulp", "year": "²"}),
    ("/zoeken/", {"q": "wulp", "theme": f"zorg{NUL}"}),
    ("/zoeken/", {"q": f"wulp{NUL}"}),
    ("/zoeken/", {"q": "wulp", "pagina": BIGINT_PAST}),
    ("/api/v1/search/", {"q": "wulp", "year": "²"}),
    ("/api/v1/search/", {"q": "wulp", "year": "٢٠٢٠"}),
    ("/api/v1/search/", {"q": "wulp", "municipality": f"a{NUL}b"}),
    ("/api/v1/search/", {"q": "wulp", "kind": NUL}),
    ("/api/v1/search/", {"q": "wulp", "page": BIGINT_PAST}),
    ("/api/v1/search/", {"q": "wulp", "page": "99999999999999999"}),
    ("/api/v1/search/autocomplete/", {"q": f"wu{NUL}lp"}),
    ("/wie-weet-wat/", {"vraag": f"wulp{NUL}", "gemeente": NUL}),
    ("/wie-weet-wat/experts.csv", {"organisatie": f"x{NUL}"}),
    ("/gemeenten-vergelijken/", {"gemeente": [f"a{NUL}", "b"]}),
    ("/publicaties/", {"thema": NUL, "pagina": BIGINT_PAST}),
]


@pytest.mark.parametrize(("path", "params"), HOSTILE)
def test_hostile_parameters_get_a_clear_answer(client, public_report, path, params):
    response = client.get(path, params)
    assert response.status_code in (200, 400), response.status_code


def test_nul_bytes_are_refused_with_a_reason(client):
    response = client.get("/api/v1/search/", {"q": "wulp", "theme": f"zorg{NUL}"})
    assert response.status_code == 400
    assert "teken" in response.content.decode()


@pytest.mark.parametrize("anchor", [f"wulpen{NUL}", "bestaat-niet", "x" * 5000])
def test_citation_of_an_odd_section_anchor_is_not_found(client, public_report, anchor):
    assert client.get(f"{public_report.url}citatie/", {"paragraaf": anchor}).status_code in (
        400,
        404,
    )


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/zoeken/", {"q": NUL}),
        ("/zoeken/", {"q": "wulp", "theme": "a\x1fb"}),
        ("/wie-weet-wat/", {"vraag": "\x01"}),
        ("/feeds/zoeken/", {"q": f"wulp{NUL}"}),
        (f"/publicaties/{NUL}/", {}),
    ],
)
def test_a_control_character_gets_the_styled_error_page_with_the_security_headers(
    client, path, params
):
    response = client.get(path, params)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert "Fout 400" in html and "wijkwijs.css" in html
    assert "stuurteken" in html  # the reason
    assert "Content-Security-Policy" in response.headers
    assert response["X-Frame-Options"] == "DENY"


def test_the_error_page_for_a_control_character_speaks_english_when_chosen(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/zoeken/", {"q": NUL}).content.decode()
    assert 'lang="en"' in html and "Error 400" in html and "control character" in html


def test_the_api_refuses_a_control_character_as_problem_details(client):
    response = client.get("/api/v1/search/", {"q": NUL})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"][0]["parameter"] == "q"

"""Every public endpoint's query parameters, fuzzed (Hypothesis): no value, name or
combination of them causes a server error. Examples are bounded so the run stays short;
what a failure finds is replayed by Hypothesis from its database on the next run."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from documents.models import ReportPage
from wijkwijs.site_structure import ensure_site_structure

pytestmark = pytest.mark.django_db

SEARCH_FILTERS = ["type", "theme", "municipality", "organisation", "kind", "year"]
# (path, or a callable giving it; the parameters it reads)
ENDPOINTS = {
    "search page": ("/zoeken/", ["q", *SEARCH_FILTERS, "sort", "pagina"]),
    "search API": (
        "/api/v1/search/",
        ["q", *SEARCH_FILTERS, "sort", "page", "page_size", "include"],
    ),
    "autocomplete": ("/api/v1/search/autocomplete/", ["q"]),
    "expert finder": ("/wie-weet-wat/", ["vraag", "gemeente", "organisatie", "thema"]),
    "experts CSV": ("/wie-weet-wat/experts.csv", ["vraag", "gemeente", "organisatie", "thema"]),
    "comparison": ("/gemeenten-vergelijken/", ["gemeente", "kies"]),
    "comparison CSV": ("/gemeenten-vergelijken/vergelijking.csv", ["gemeente"]),
    "report listing": (
        lambda: ensure_site_structure().reports.url,
        ["thema", "gemeente", "soort", "pagina"],
    ),
    "municipality listing": (
        lambda: ensure_site_structure().municipalities.url,
        ["provincie", "pagina"],
    ),
    "citation": (lambda: f"{public_report().url}citatie/", ["paragraaf"]),
    "BibTeX": (lambda: f"{public_report().url}citatie/bibtex/", ["paragraaf"]),
    "sitemap": ("/sitemap.xml", ["p"]),
}
TRICKY = [
    "",
    "0",
    "-1",
    "²",
    "٣",
    "1e3",
    str(2**63),
    str(10**40),
    "\x00",
    "a\x00b",
    "\x1f",
    "%",
    "_",
    "\\",
    "'",
    '"',
    "' OR 1=1 --",
    "<script>",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "nieuwste",
    "gemeente",
    "zeist",
    "evaluatie",
    "2014",
    "x" * 2000,
]
KNOWN_ATTACKS = ["\x00", "²", str(2**63)]
values = st.one_of(
    st.sampled_from(TRICKY), st.text(max_size=30), st.integers(-(2**70), 2**70).map(str)
)


def public_report():
    return ReportPage.objects.live().filter(visibility="public").first()


@pytest.fixture
def fuzz_client(client):
    client.raise_request_exception = False  # a server error is an answer (500) to assert on
    return client


@pytest.mark.parametrize("endpoint", list(ENDPOINTS))
def test_no_parameter_causes_a_server_error(fuzz_client, endpoint):
    path, names = ENDPOINTS[endpoint]
    path = path() if callable(path) else path
    # Each known parameter present or not, with one to three values; sometimes an unknown one.
    known = st.fixed_dictionaries(
        {}, optional={name: st.lists(values, min_size=1, max_size=3) for name in names}
    )
    unknown = st.dictionaries(
        st.text(min_size=1, max_size=10), st.lists(values, max_size=2), max_size=1
    )

    def answers(parameters):
        response = fuzz_client.get(path, parameters)
        assert response.status_code < 500, (path, parameters, response.status_code)

    # The known attacks on every parameter, beside a query (a search needs one), first.
    base = {name: "wijk" for name in names if name in ("q", "vraag")}
    for name in names:
        for attack in KNOWN_ATTACKS:
            answers({**base, name: attack})

    @settings(
        max_examples=25,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(known, unknown)
    def fuzzed(parameters, extra):
        answers({**extra, **parameters})

    fuzzed()

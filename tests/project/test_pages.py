"""Every public page type renders, with its cross-links in both directions."""

import datetime

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders
from django.urls import reverse

from documents.models import ReportAuthor
from practices.models import PracticeQuote, PracticeTip
from tests.factories import (
    CommunityFactory,
    ExpertFactory,
    MeetingFactory,
    MunicipalityFactory,
    OrganisationFactory,
    PracticeFactory,
    ReportFactory,
    ThemeFactory,
)
from wijkwijs.models import MunicipalityFact
from wijkwijs.site_structure import ensure_site_structure

pytestmark = pytest.mark.django_db


@pytest.fixture
def graph():
    """A small web of linked content with distinctive names."""
    municipality = MunicipalityFactory(
        title="Kwadijk-Oost",
        facts=[
            MunicipalityFact(
                topic="inwoners",
                value="12500",
                as_of=datetime.date(2022, 1, 1),
                source_title="Gemeentemonitor 2022",
            )
        ],
    )
    theme = ThemeFactory(title="Buurtmoestuinen", synonyms="stadslandbouw\nbuurttuin")
    classified = {"municipalities": [municipality], "themes": [theme]}
    organisation = OrganisationFactory(title="Stichting Brugwerk", **classified)
    expert = ExpertFactory(parent=organisation, title="Fenna Rietveld", **classified)
    hidden_expert = ExpertFactory(
        parent=organisation, title="Gijs Zondertoestemming", consent_date=None, **classified
    )
    report = ReportFactory(
        title="Evaluatie van de Brugwerk-tuinen",
        organisations=[organisation],
        authors=[ReportAuthor(name="Fenna Rietveld", expert=expert)],
        **classified,
    )
    practice = PracticeFactory(
        title="Moestuin als ontmoetingsplek",
        background="Het begon met **één braakliggend veldje**.",
        contacts=[expert],
        organisations=[organisation],
        related_reports=[report],
        tips=[PracticeTip(text="Begin met een klein stuk grond.")],
        quotes=[
            PracticeQuote(
                text="Hier leerde ik mijn buren kennen.",
                role="bewoner",
                person_name="Piet Anoniem",
                named_with_consent=False,
            )
        ],
        **classified,
    )
    community = CommunityFactory(
        title="Kring Groen Samen",
        coordinators=[expert],
        member_organisations=[organisation],
        **classified,
    )
    meeting = MeetingFactory(parent=community, title="Voorjaarsoverleg tuinen")
    return locals()


def get_page(client, page):
    response = client.get(page.get_url())
    assert response.status_code == 200, page.get_url()
    return response.content.decode()


def assert_links(html, *pages):
    for page in pages:
        assert f'href="{page.get_url()}"' in html, f"no link to {page.title}"


def test_municipality_page_links_to_everything_filed_under_it(client, graph):
    html = get_page(client, graph["municipality"])
    assert_links(
        html,
        graph["organisation"],
        graph["expert"],
        graph["practice"],
        graph["report"],
        graph["community"],
    )
    assert "Gijs Zondertoestemming" not in html  # no consent, not listed
    assert "12.500" in html and "1 januari 2022" in html and "Gemeentemonitor 2022" in html


def test_theme_page_links_to_everything_filed_under_it(client, graph):
    html = get_page(client, graph["theme"])
    assert_links(html, graph["organisation"], graph["expert"], graph["practice"], graph["report"])
    assert "stadslandbouw" in html
    assert "Gijs Zondertoestemming" not in html


def test_organisation_page_lists_its_experts_practices_reports_and_communities(client, graph):
    html = get_page(client, graph["organisation"])
    assert_links(html, graph["expert"], graph["practice"], graph["report"], graph["community"])
    assert "Gijs Zondertoestemming" not in html


def test_expert_page_links_back_to_practices_reports_and_communities(client, graph):
    html = get_page(client, graph["expert"])
    assert_links(
        html,
        graph["organisation"],
        graph["practice"],
        graph["report"],
        graph["community"],
        graph["municipality"],
        graph["theme"],
    )
    assert "Neem contact op via" in html  # default preference: via the organisation


def test_practice_page_shows_parts_contacts_and_role_attributed_quotes(client, graph):
    html = get_page(client, graph["practice"])
    assert_links(
        html,
        graph["expert"],
        graph["organisation"],
        graph["report"],
        graph["municipality"],
        graph["theme"],
    )
    assert "<strong>één braakliggend veldje</strong>" in html
    assert "Begin met een klein stuk grond." in html
    assert "bewoner" in html and "Piet Anoniem" not in html
    assert 'aria-label="Kruimelpad"' in html


def test_report_page_links_authors_to_profiles_and_lists_practices(client, graph):
    html = get_page(client, graph["report"])
    assert_links(html, graph["expert"], graph["practice"], graph["organisation"])
    assert "1 mei 2020" in html


def test_community_meetings_are_for_members_only(client, graph):
    anonymous_html = get_page(client, graph["community"])
    assert_links(anonymous_html, graph["expert"], graph["organisation"])
    assert "Voorjaarsoverleg tuinen" not in anonymous_html
    response = client.get(graph["meeting"].get_url())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailcore_login"))

    member = get_user_model().objects.create_user("tuinlid", password="geheim-wachtwoord-1")
    client.force_login(member)
    member_html = get_page(client, graph["community"])
    assert_links(member_html, graph["meeting"])
    assert "Voorjaarsoverleg tuinen" in get_page(client, graph["meeting"])


def test_expert_without_consent_is_hidden_except_for_editors(client, admin_client, graph):
    hidden = graph["hidden_expert"]
    assert client.get(hidden.get_url()).status_code == 404
    assert admin_client.get(hidden.get_url()).status_code == 200


def test_index_pages_filter_by_theme_and_municipality(client, graph):
    practices_index = graph["practice"].get_parent()
    html = client.get(
        practices_index.get_url(),
        {"thema": graph["theme"].slug, "gemeente": graph["municipality"].slug},
    ).content.decode()
    assert "1 resultaat" in html
    assert_links(html, graph["practice"])


@pytest.mark.parametrize("page_number", ["-1", "0", "99999", "abc", "<script>"])
def test_listing_pagination_survives_bad_page_numbers(client, graph, page_number):
    url = ensure_site_structure().experts.get_url()
    response = client.get(url, {"pagina": page_number, "thema": "<script>alert(1)</script>"})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_unknown_url_gets_the_styled_not_found_page(client):
    response = client.get("/bestaat-echt-niet/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Pagina niet gevonden" in html and "wijkwijs.css" in html


def test_the_home_page_title_names_the_site_once(client):
    ensure_site_structure()
    html = client.get("/").content.decode()
    assert "<title>Wijkwijs</title>" in html


def test_the_favicon_address_leads_to_the_site_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"].endswith(".svg")
    assert "max-age=" in response["Cache-Control"]
    # The icon the address names is one of the site's static files (served by WhiteNoise
    # once collected, which a test run need not have done).
    static_name = response["Location"].removeprefix(settings.STATIC_URL)
    assert finders.find(static_name), static_name


def test_robots_txt_points_crawlers_at_the_sitemap_and_away_from_search_and_admin(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert {"Disallow: /beheer/", "Disallow: /django-admin/", "Disallow: /zoeken/"} <= set(lines)

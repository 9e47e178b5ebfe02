"""What a person notices when trying the site: signing out, the admin link only for those
who may use it, filters that can be seen and removed, the outline review keeping its place."""

import re

import pytest
from django.urls import reverse

from tests.factories import PracticeFactory, ReportFactory, add_sections
from wijkwijs.markdown import render_markdown

pytestmark = pytest.mark.django_db


def test_signed_in_people_can_sign_out_with_a_post_from_every_page(client, member):
    client.force_login(member)
    for path in ("/", "/zoeken/?q=wijkteam", "/gemeenten/deventer/", "/gemeenten-vergelijken/"):
        html = client.get(path).content.decode()
        assert f'action="{reverse("logout")}"' in html and "Uitloggen" in html, path
    assert client.get(reverse("logout")).status_code == 405  # a link cannot sign you out
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    home = client.get(response["Location"]).content.decode()
    assert "U bent uitgelogd." in home and "Uitloggen" not in home


def test_the_admin_link_is_shown_only_to_people_who_may_open_the_admin(
    client, admin_client, django_user_model
):
    assert 'href="/beheer/"' not in client.get("/").content.decode()
    client.force_login(django_user_model.objects.create_user("lid-beheer", password="x-1-x-1"))
    assert 'href="/beheer/"' not in client.get("/").content.decode()
    assert 'href="/beheer/"' in admin_client.get("/").content.decode()


def test_the_login_page_explains_members_only_content_only_when_it_was_the_reason(client):
    reason = "alleen zichtbaar voor leden"
    assert reason in client.get("/_util/login/?next=/kennisgemeenschappen/").content.decode()
    chosen = client.get("/").content.decode()
    login_link = re.search(r'href="(/_util/login/\?[^"]+)"', chosen).group(1)
    assert reason not in client.get(login_link.replace("&amp;", "&")).content.decode()


def test_the_header_search_box_is_never_filled_from_another_query(client):
    html = client.get("/gemeenten-vergelijken/?gemeente=deventer&gemeente=oss").content.decode()
    header_box = re.search(r'<input[^>]*id="header-search"[^>]*>', html).group(0)
    assert "value=" not in header_box
    assert "gemeente=deventer&amp;gemeente=oss" in html  # the CSV link still has the choice


def test_chosen_filters_are_listed_each_with_a_link_that_removes_it(client):
    html = client.get("/zoeken/", {"q": "eenzaamheid", "type": "expert", "theme": "eenzaamheid"})
    html = html.content.decode()
    removals = re.findall(r'class="ww-active-filter" href="\?([^"]+)"', html)
    assert len(removals) == 2
    assert all("q=eenzaamheid" in link for link in removals)
    assert sum("type=expert" in link for link in removals) == 1  # each removes its own
    assert "Alle filters wissen" in html


def type_counts(client, **filters):
    facets = client.get("/zoeken/", {"q": "eenzaamheid", **filters}).context["facets"]
    return {o["value"]: o["count"] for f in facets if f["name"] == "type" for o in f["options"]}


def test_a_chosen_type_leaves_the_other_types_selectable_with_their_counts(client):
    types = type_counts(client)
    assert len(types) > 1
    assert type_counts(client, type="expert") == types  # another type adds its results ("or")


def test_members_only_content_is_marked_for_members(client, member):
    ReportFactory(title="Ledenrapport over buurten", visibility="members")
    client.force_login(member)
    html = client.get("/publicaties/").content.decode()
    card = html[html.index("Ledenrapport over buurten") :][:400]
    assert "Alleen voor leden" in card


def test_markdown_headings_nest_below_the_heading_of_their_field(client):
    assert "<h3>Stap een</h3>" in render_markdown("# Stap een\n\ntekst", below=2)
    assert "<h4>Detail</h4>" in render_markdown("# Stap\n\n## Detail", below=2)
    assert "<h2>Aanpak</h2>" in render_markdown("## Aanpak")  # already below the page title
    practice = PracticeFactory(approach="## Eerste stap\n\nZo begonnen we.")
    html = client.get(practice.url).content.decode()
    assert "<h3>Eerste stap</h3>" in html and "<h2>Eerste stap</h2>" not in html


@pytest.fixture
def outlined_report():
    report = ReportFactory(title="Proefrapport indeling", live=False)
    add_sections(report, ["Inleiding", "Aanpak", "Resultaten"])
    return report


def test_the_outline_review_keeps_its_place_and_shows_each_sections_opening(
    admin_client, outlined_report
):
    review_url = reverse("documents_review", args=(outlined_report.pk,))
    html = admin_client.get(review_url).content.decode()
    assert "Tekst over Aanpak." in html  # each section's opening
    assert html.index('value="publish"') < html.index('id="rij-1"')  # publish at the top
    second = outlined_report.sections.get(position=1)
    rename = {"action": "rename", "section": second.pk, "heading": "Werkwijze", "level": 1}
    response = admin_client.post(review_url, {**rename, "plek": "rij-2"})
    assert response["Location"] == f"{review_url}#rij-2"
    response = admin_client.post(review_url, {**rename, "plek": 'x"><script>'})
    assert response["Location"] == review_url  # no anchor from a strange value

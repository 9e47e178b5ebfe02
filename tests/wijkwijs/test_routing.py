"""A path routed before reaches its page with one read of that page (wijkwijs.routing),
and what it serves follows every change at once: a new slug, a move, unpublishing, a
change of visibility, a routable page's own sub-pages."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import PracticeFactory, ReportFactory
from wijkwijs.site_structure import ensure_site_structure
from wijkwijs.visibility import Visibility

pytestmark = pytest.mark.django_db


def children_walked(client, url):
    """The response, and how many times routing looked up a child by its slug."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    walked = sum('"wagtailcore_page"."slug" =' in query["sql"] for query in queries)
    return response, walked


def test_a_path_routed_before_skips_the_walk_down_the_tree(client, member):
    report = ReportFactory(title="Evaluatie buurtkamers")
    client.force_login(member)  # nothing kept for a visitor: the page is rendered each time
    first, walked_first = children_walked(client, report.url)
    again, walked_again = children_walked(client, report.url)
    assert walked_first == 2 and walked_again == 0  # /publicaties/, then the report
    assert first.status_code == again.status_code == 200
    assert "Evaluatie buurtkamers" in again.content.decode()


def test_a_new_slug_or_a_move_is_followed_at_once(client):
    practice = PracticeFactory(title="Buurtkamer Oost")
    old_url = practice.url
    assert client.get(old_url).status_code == 200
    practice.slug = "buurtkamer-oost-nieuw"
    practice.save_revision().publish()
    assert client.get(old_url).status_code == 404
    assert client.get("/praktijkvoorbeelden/buurtkamer-oost-nieuw/").status_code == 200
    practice.refresh_from_db()
    practice.move(ensure_site_structure().reports, pos="last-child")
    moved_away = client.get("/praktijkvoorbeelden/buurtkamer-oost-nieuw/")
    # Not served there: the redirect Wagtail made for the move answers.
    assert moved_away.status_code == 301
    assert moved_away["Location"] == "/publicaties/buurtkamer-oost-nieuw/"
    assert client.get("/publicaties/buurtkamer-oost-nieuw/").status_code == 200


def test_an_unpublished_or_restricted_page_is_refused_at_once(client, member):
    report = ReportFactory(title="Evaluatie wijkbudget")
    client.force_login(member)
    assert client.get(report.url).status_code == 200
    report.visibility = Visibility.MEMBERS
    report.save_revision().publish()
    assert client.get(report.url).status_code == 200  # a member may
    client.logout()
    assert client.get(report.url).status_code == 302  # a visitor is sent to log in
    report.unpublish()
    assert client.get(report.url).status_code == 404


def test_a_routable_pages_own_pages_are_still_found(client):
    report = ReportFactory(title="Evaluatie buurtbus")
    assert client.get(report.url).status_code == 200
    citation = client.get(f"{report.url}citatie/")
    assert citation.status_code == 200 and "Evaluatie buurtbus" in citation.content.decode()
    assert client.get(f"{report.url}citatie/bibtex/").status_code == 200
    assert client.get(report.url).status_code == 200

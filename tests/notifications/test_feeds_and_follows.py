"""Atom feeds read by a real feed parser, and following from the pages themselves."""

import datetime

import feedparser
import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from notifications.models import Follow, NotificationSettings
from tests.factories import (
    CommunityFactory,
    MeetingFactory,
    MunicipalityFactory,
    OrganisationFactory,
    PracticeFactory,
    ThemeFactory,
)
from tests.notifications.test_digests import SECRET, published_at, report_with_secret
from wijkwijs.visibility import Visibility

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(django_user_model):
    moment = timezone.now() - datetime.timedelta(hours=1)
    noord = CommunityFactory(title="Kring Noord", members_group=Group.objects.create(name="N"))
    theme = ThemeFactory(title="Reigerbeheer", slug="reigerbeheer")
    member = django_user_model.objects.create_user("noordlid", "n@example.invalid", "x-x-x-1")
    member.groups.add(noord.members_group)
    return {
        "theme": theme,
        "noord": noord,
        "member": member,
        "practice": published_at(
            PracticeFactory(title="Reigers tellen met de buurt", themes=[theme]), moment
        ),
        "shared": report_with_secret(
            "Kolonieverslag Noord",
            moment,
            themes=[theme],
            visibility=Visibility.COMMUNITIES,
            shared_with=[noord],
        ),
        "meeting": published_at(
            MeetingFactory(parent=noord, title="Overleg reigerkolonie", agenda=SECRET), moment
        ),
    }


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return feed


def test_a_theme_feed_lists_public_content_only(client, world):
    feed = parse(client, "/feeds/thema/reigerbeheer/")
    assert feed.version == "atom10" and "Reigerbeheer" in feed.feed.title
    titles = [entry.title for entry in feed.entries]
    assert titles == ["Reigers tellen met de buurt"]
    entry = feed.entries[0]
    assert entry.link == f"http://testserver{world['practice'].url}"
    assert entry.updated_parsed and [tag.term for tag in entry.tags] == ["Reigerbeheer"]
    # Signed in or not: the public feed stays public.
    client.force_login(world["member"])
    assert "Kolonieverslag" not in client.get("/feeds/thema/reigerbeheer/").content.decode()


def test_a_search_feed_lists_public_hits(client, world):
    feed = parse(client, "/feeds/zoeken/?q=reigers")
    assert "reigers" in feed.feed.title
    assert [entry.title for entry in feed.entries] == ["Reigers tellen met de buurt"]
    assert not parse(client, "/feeds/zoeken/?q=reigerkolonie").entries
    assert client.get("/feeds/zoeken/").status_code == 404
    assert client.get("/feeds/thema/bestaat-niet/").status_code == 404


def test_a_search_feed_names_itself_with_its_query_and_filters(client, world):
    feed = parse(client, "/feeds/zoeken/?q=reigers&type=praktijk")
    (self_link,) = [link.href for link in feed.feed.links if link.rel == "self"]
    assert self_link == "http://testserver/feeds/zoeken/?q=reigers&type=praktijk"


def test_feeds_are_discoverable_from_their_pages(client, world):
    theme_page = client.get(world["theme"].url).content.decode()
    assert '<link rel="alternate" type="application/atom+xml"' in theme_page
    assert 'href="/feeds/thema/reigerbeheer/"' in theme_page
    search_page = client.get("/zoeken/?q=reigers&type=praktijk").content.decode()
    assert 'href="/feeds/zoeken/?q=reigers&amp;type=praktijk"' in search_page


def test_a_private_feed_shows_what_its_member_may_see_until_revoked(client, world):
    member = world["member"]
    Follow.objects.create(user=member, page=world["theme"])
    Follow.objects.create(user=member, page=world["noord"])
    client.force_login(member)
    mine = client.get("/meldingen/").content.decode()
    address = mine.split('id="private-feed" type="text" readonly value="')[1].split('"')[0]
    client.logout()
    feed = parse(client, address.removeprefix("http://testserver"))
    titles = {entry.title for entry in feed.entries}
    assert titles == {
        "Reigers tellen met de buurt",
        "Kolonieverslag Noord",
        "Overleg reigerkolonie",
    }
    client.force_login(member)
    client.post("/meldingen/nieuw-feedadres/")
    client.logout()
    assert client.get(address.removeprefix("http://testserver")).status_code == 404


def test_follow_and_unfollow_from_the_page(client, world):
    member, theme = world["member"], world["theme"]
    assert "Log in om dit te volgen" in client.get(theme.url).content.decode()
    client.force_login(member)
    page = client.get(theme.url).content.decode()
    assert "Volgen" in page
    response = client.post("/meldingen/volgen/", {"page": theme.pk, "next": theme.url})
    assert response["Location"] == theme.url
    assert "Niet meer volgen" in client.get(theme.url).content.decode()
    assert "Reigerbeheer" in client.get("/meldingen/").content.decode()
    client.post("/meldingen/volgen/", {"page": theme.pk, "action": "unfollow"})
    assert not Follow.objects.filter(user=member).exists()
    # Only themes, municipalities, organisations and communities, and only visible ones.
    assert client.post("/meldingen/volgen/", {"page": world["practice"].pk}).status_code == 404
    hidden = CommunityFactory(title="Geheime kring", visibility=Visibility.EDITORS)
    assert client.post("/meldingen/volgen/", {"page": hidden.pk}).status_code == 404
    assert client.post("/meldingen/volgen/", {"page": "x"}).status_code == 404


def test_save_a_search_and_choose_the_period(client, world):
    member = world["member"]
    client.force_login(member)
    search_page = client.get("/zoeken/?q=reigers&theme=reigerbeheer").content.decode()
    assert "Bewaar deze zoekopdracht" in search_page
    client.post(
        "/meldingen/zoekopdracht-bewaren/",
        {"q": "reigers", "theme": "reigerbeheer", "next": "/zoeken/?q=reigers"},
    )
    client.post("/meldingen/zoekopdracht-bewaren/", {"q": "reigers", "theme": "reigerbeheer"})
    saved = Follow.objects.get(user=member)
    assert (saved.query, saved.filters) == ("reigers", {"theme": ["reigerbeheer"]})
    assert client.post("/meldingen/zoekopdracht-bewaren/", {"q": " "}).status_code == 302
    assert Follow.objects.filter(user=member).count() == 1
    client.post("/meldingen/", {"frequency": "daily"})
    assert NotificationSettings.of(member).frequency == "daily"
    response = client.post("/meldingen/", {"frequency": "hourly"})
    assert response.status_code == 200 and NotificationSettings.of(member).frequency == "daily"
    client.post(f"/meldingen/{saved.pk}/niet-meer-volgen/")
    assert not Follow.objects.filter(user=member).exists()


def test_the_notifications_page_needs_a_login(client):
    response = client.get("/meldingen/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_municipality_and_organisation_feeds(client, world):
    place = MunicipalityFactory(title="Reigerdam", slug="reigerdam")
    organisation = OrganisationFactory(title="Vogelwacht", slug="vogelwacht")
    moment = timezone.now() - datetime.timedelta(minutes=5)
    published_at(
        PracticeFactory(
            title="Nestkasten in de wijk", municipalities=[place], organisations=[organisation]
        ),
        moment,
    )
    report_with_secret(
        "Nestenverslag",
        moment,
        municipalities=[place],
        organisations=[organisation],
        visibility=Visibility.MEMBERS,
    )
    for url in ("/feeds/gemeente/reigerdam/", "/feeds/organisatie/vogelwacht/"):
        titles = [entry.title for entry in parse(client, url).entries]
        assert titles == ["Nestkasten in de wijk"], url  # not the members-only report

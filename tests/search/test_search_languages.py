"""Search in the visitor's language: a theme's hit and a suggestion's kind."""

import re

import pytest
from django.conf import settings
from django.utils import translation

from wijkwijs.models import ThemePage

pytestmark = pytest.mark.django_db


def theme_hit(html, heading):
    hits = html.split('<li class="ww-hit">')[1:]
    return next(hit for hit in hits if re.search(rf'<a href="[^"]+">{heading}</a>', hit))


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_theme_hit_does_not_repeat_both_names_of_the_theme(client, engine, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    theme = ThemePage.objects.get(slug="schuldhulpverlening")
    shown = theme.title if language == "nl" else theme.label_en
    html = client.get("/zoeken/", {"q": "schuldhulpverlening"}).content.decode()
    snippet = re.search(r'<p class="ww-hit__snippet">(.*?)</p>', theme_hit(html, shown)).group(1)
    plain = re.sub(r"<[^>]+>", "", snippet)
    assert theme.label_en not in plain and theme.title not in plain
    assert plain.startswith("Hulp aan huishoudens")  # its description


@pytest.mark.parametrize(("language", "label"), [("nl", "Thema"), ("en", "Theme")])
def test_a_suggestion_names_its_kind_in_the_visitors_language(client, language, label):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    found = client.get("/api/v1/search/autocomplete/", {"q": "eenzaamh"}).json()["suggestions"]
    theme = next(suggestion for suggestion in found if suggestion["type"] == "thema")
    assert theme["type_label"] == label


def test_a_theme_is_suggested_by_its_english_name_in_the_english_ui(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    for typed in ("eenzaamh", "lonel"):
        found = client.get("/api/v1/search/autocomplete/", {"q": typed}).json()["suggestions"]
        themes = [suggestion["title"] for suggestion in found if suggestion["type"] == "thema"]
        assert themes == ["Loneliness"], typed


def test_a_theme_feed_is_titled_by_its_english_name_in_the_english_ui(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    feed = client.get("/feeds/thema/eenzaamheid/").content.decode()
    assert "<title>Wijkwijs: new in Loneliness</title>" in feed


@pytest.mark.parametrize(("language", "shown"), [("nl", {}), ("en", {"Eenzaamheid": "Loneliness"})])
def test_the_themes_are_named_in_the_visitors_language_in_one_place(language, shown):
    with translation.override(language):
        names = ThemePage.names_in_visitor_language()
    assert {title: names[title] for title in shown} == shown
    assert language == "en" or names == {}

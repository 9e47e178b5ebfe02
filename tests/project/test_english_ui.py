"""What a visitor who chose English reads, and that the Dutch site stays Dutch."""

import re
from html import unescape

import pytest
from django.conf import settings
from django.utils import translation

from wijkwijs.listing import index_page_models
from wijkwijs.models import ThemePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def page_title(page):
    return unescape(re.search(r"<title>(.*?)</title>", page, re.S).group(1).strip())


def current_crumb(page):
    crumb = re.search(r'aria-current="page">([^<]*)</a></li>\s*</ol>', page).group(1)
    return unescape(crumb)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_section_index_is_named_in_the_visitors_language(client, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    for model in index_page_models():
        section = model.site_section
        with translation.override(language):
            name = str(section.title)
        html = client.get(f"/{section.slug}/").content.decode()
        assert page_title(html) == f"{name} · Wijkwijs", section.slug
        assert current_crumb(html) == name, section.slug


@pytest.fixture
def debt():
    return ThemePage.objects.get(slug="schuldhulpverlening")


def theme_options(html, select_id):
    select = re.search(rf'<select[^>]*id="{select_id}".*?</select>', html, re.S).group(0)
    return re.findall(r'<option value="[^"]+"[^>]*>([^<]*)</option>', select)


def test_theme_filters_name_themes_in_english_in_alphabetical_order(english, debt):
    for path, select_id in (
        ("/praktijkvoorbeelden/", "filter-thema"),
        ("/wie-weet-wat/", "finder-thema"),
    ):
        names = theme_options(english.get(path).content.decode(), select_id)
        assert debt.label_en in names and debt.title not in names, path
        assert names == sorted(names, key=str.lower), path


def test_theme_filters_name_themes_in_dutch_on_the_dutch_site(client, debt):
    names = theme_options(client.get("/praktijkvoorbeelden/").content.decode(), "filter-thema")
    assert debt.title in names and debt.label_en not in names


def test_the_theme_index_and_a_theme_page_name_the_theme_in_english(english, debt):
    cards = english.get("/themas/", {"pagina": 2}).content.decode()
    cards += english.get("/themas/").content.decode()
    assert f">{debt.label_en}</a>" in cards and f">{debt.title}</a>" not in cards
    html = english.get(debt.url).content.decode()
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)
    assert heading.startswith(debt.label_en)
    assert f'<span class="ww-subtitle" lang="nl">({debt.title})</span>' in heading
    assert page_title(html) == f"{debt.label_en} · Wijkwijs"
    assert current_crumb(html) == debt.label_en


def test_following_a_theme_names_it_in_english(english, member, debt):
    english.force_login(member)
    html = english.get(debt.url).content.decode()
    assert f'Follow<span class="ww-visually-hidden">: {debt.label_en}</span>' in html


def test_a_theme_page_on_the_dutch_site_gives_the_english_name_aside(client, debt):
    html = client.get(debt.url).content.decode()
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)
    assert heading.startswith(debt.title)
    assert f'<span class="ww-subtitle" lang="en">({debt.label_en})</span>' in heading
    assert page_title(html) == f"{debt.title} · Wijkwijs"


def test_the_expert_finder_names_themes_in_english(english, debt):
    html = english.get("/wie-weet-wat/", {"vraag": "schuldhulpverlening"}).content.decode()
    understood = re.search(r"Understood as.*?</p>", html, re.S).group(0)
    assert debt.label_en in understood and debt.title not in understood
    reasons = re.findall(r"<li>Theme in the profile: <a [^>]*>([^<]*)</a>", html)
    assert reasons and set(reasons) == {debt.label_en}


FACET_COUNT = re.compile(r'<span class="ww-count">(\d+)<span class="ww-visually-hidden"> (\w+)')


@pytest.mark.parametrize(
    ("language", "one", "more"), [("nl", "resultaat", "resultaten"), ("en", "result", "results")]
)
def test_facet_counts_say_result_or_results(client, language, one, more):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    counts = FACET_COUNT.findall(client.get("/zoeken/", {"q": "eenzaamheid"}).content.decode())
    assert {"1", "2"} <= {count for count, _word in counts}
    assert all(word == (one if count == "1" else more) for count, word in counts)

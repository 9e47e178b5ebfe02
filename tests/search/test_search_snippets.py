"""A hit's snippet reads as prose: cut from the page's readable text (a bio, a description,
a summary), not from the title its hit is headed by nor from its keywords, on both engines."""

import re

import pytest

from expertise.models import ExpertPage
from practices.models import PracticePage
from search.query import parse
from search.results import Hit
from search.snippets import with_readable_snippets
from wijkwijs.models import ThemePage

pytestmark = pytest.mark.django_db


def snippet_of(client, query, heading):
    """The snippet's text of the hit headed ``heading`` on the results page of ``query``."""
    html = client.get("/zoeken/", {"q": query}).content.decode()
    hit = next(
        hit
        for hit in html.split('<li class="ww-hit">')[1:]
        if re.search(rf'<a href="[^"]+">{re.escape(heading)}</a>', hit)
    )
    snippet = re.search(r'<p class="ww-hit__snippet">(.*?)</p>', hit).group(1)
    return re.sub(r"<[^>]+>", "", snippet)


def test_an_experts_snippet_is_their_role_and_bio_as_sentences(client, engine):
    expert = ExpertPage.objects.get(slug="ilse-de-wit")
    shown = snippet_of(client, "rechtmatigheidstoets", expert.title)
    assert shown.startswith(f"{expert.role}. ")  # a field of its own, ended as a sentence
    assert expert.bio[:40] in shown
    for not_prose in (expert.title, "rechtmatigheidstoets", "ROGPlus"):  # name, tag, organisation
        assert not_prose not in shown


def test_a_themes_snippet_leaves_out_its_synonyms(client, engine):
    theme = ThemePage.objects.get(slug="eenzaamheid")
    shown = snippet_of(client, "eenzaamheid", theme.title)
    assert shown == theme.description
    assert "isolement" not in shown


def test_a_practices_snippet_does_not_repeat_its_title(client, engine):
    practice = PracticePage.objects.get(slug="vlaardingen-doelmatig-boven-rechtmatig")
    shown = snippet_of(client, "doelmatigheid vlaardingen", practice.title)
    assert practice.title not in shown
    prose = " ".join(text for _heading, text in practice.parts)
    assert shown.strip(" …")[:60] in f"{practice.summary} {prose}"


def test_page_snippets_read_only_the_prose_of_the_pages_they_cut(django_assert_max_num_queries):
    """The snippets of a results page's hits read the pages and the relations their prose is
    in (a practice's tips and quotes), not the labels a rebuild reads for the records."""
    pages = [
        PracticePage.objects.get(slug="vlaardingen-doelmatig-boven-rechtmatig"),
        ExpertPage.objects.get(slug="ilse-de-wit"),
        ThemePage.objects.get(slug="eenzaamheid"),
    ]
    hits = [
        Hit(
            type="", title=page.title, url=page.url, text="", page_id=page.pk, key=f"page:{page.pk}"
        )
        for page in pages
    ]
    query = parse("vlaardingen")
    # The pages' types, each type's pages, and the practice's tips and quotes.
    with django_assert_max_num_queries(6):
        with_readable_snippets(hits, query)
    assert all(hit.snippet for hit in hits)

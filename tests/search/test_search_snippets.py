"""A hit's snippet reads as prose: cut from the page's readable text (a bio, a description,
a summary), not from the title its hit is headed by nor from its keywords, on both engines."""

import re

import pytest

from expertise.models import ExpertPage
from practices.models import PracticePage
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

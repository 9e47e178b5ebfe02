"""The basic site search page (the search issue replaces its engine, not its promises)."""

import re

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_search_finds_a_practice_by_a_word_in_its_body(client):
    html = client.get("/zoeken/", {"q": "meitinker"}).content.decode()
    assert "Heerenveen: stevig inzetten op preventie" in html


def test_search_hides_members_only_reports_from_anonymous_visitors(client, django_user_model):
    query = {"q": "Oostburg"}
    assert (
        "Interviews over buurtgericht werken in Oostburg"
        not in client.get("/zoeken/", query).content.decode()
    )
    client.force_login(django_user_model.objects.create_user("lid-test", password="x-x-x-x-1"))
    assert (
        "Interviews over buurtgericht werken in Oostburg"
        in client.get("/zoeken/", query).content.decode()
    )


@pytest.mark.parametrize(
    "query",
    ['<script>alert("x")</script>', '"unbalanced', "AND OR NOT (", "x" * 10_000, "de het een"],
)
def test_hostile_or_odd_queries_get_a_safe_page(client, query):
    response = client.get("/zoeken/", {"q": query, "pagina": "-1"})
    assert response.status_code == 200
    assert "<script>alert" not in response.content.decode()


def test_empty_query_explains_what_to_do(client):
    html = client.get("/zoeken/").content.decode()
    assert "Typ een of meer woorden" in html


def test_hits_members_may_see_but_visitors_may_not_are_marked(client, django_user_model, engine):
    client.force_login(django_user_model.objects.create_user("lid-merk", password="x-x-x-x-1"))
    html = client.get("/zoeken/", {"q": "Oostburg"}).content.decode()
    hits = html.split('<li class="ww-hit">')[1:]
    members_only = [hit for hit in hits if "Interviews over buurtgericht werken in Oostburg" in hit]
    assert members_only, "the members-only report is found"
    assert all("Alleen voor leden" in hit for hit in members_only)
    assert not any("Alleen voor leden" in hit for hit in hits if hit not in members_only)


def test_a_searched_correction_says_what_was_searched_without_claiming_nothing_matched(client):
    from search.indexing import rebuild
    from tests.factories import PracticeFactory

    PracticeFactory(title="Ommetje", summary=" ".join(["Het buurtommetje werkt."] * 25))
    PracticeFactory(title="Verslagje", summary="Een verslag van het buurtommeje.")  # a typo
    rebuild()
    html = client.get("/zoeken/", {"q": "buurtommeje"}).content.decode()
    # The typo itself matches a record, so "nothing found" would be untrue.
    assert "Niets gevonden" not in html
    assert "Resultaten voor “buurtommetje” in plaats van “buurtommeje”" in html


@pytest.mark.parametrize(
    ("language", "offer"),
    [
        ("nl", "Zoek in plaats daarvan naar “buurtommeje”"),
        ("en", "Search instead for “buurtommeje”"),
    ],
)
def test_a_searched_correction_offers_to_search_what_was_typed(client, engine, language, offer):
    from search.indexing import rebuild
    from tests.factories import PracticeFactory

    PracticeFactory(title="Ommetje", summary=" ".join(["Het buurtommetje werkt."] * 25))
    PracticeFactory(title="Verslagje", summary="Een verslag van het buurtommeje.")  # a name?
    rebuild()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    html = client.get("/zoeken/", {"q": "buurtommeje", "sort": "nieuwste"}).content.decode()
    link = re.search(rf'<a href="([^"]+)">{offer}</a>', html)
    assert link, "the notice links to the query as typed"
    as_typed = client.get(f"/zoeken/{link.group(1).replace('&amp;', '&')}").content.decode()
    titles = re.findall(
        r'<h2 class="utrecht-heading-2 ww-hit__title"><a href="[^"]+">([^<]+)</a>', as_typed
    )
    assert titles == ["Verslagje"]
    assert "buurtommetje” in plaats van" not in as_typed and "instead of" not in as_typed
    assert 'value="nieuwste" selected' in as_typed  # the sort is kept
    # Refining the query as typed keeps it as typed.
    assert re.search(r'<input type="hidden" name="letterlijk" value="1">', as_typed)

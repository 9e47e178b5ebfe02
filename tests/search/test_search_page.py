"""The basic site search page (the search issue replaces its engine, not its promises)."""

import pytest

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

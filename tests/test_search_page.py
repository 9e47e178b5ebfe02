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

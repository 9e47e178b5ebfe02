"""The API's leak matrix: restricted content × every endpoint × every kind of viewer, by
session and by token, with both search engines.

A report shared with one community, a members-only report and an expert profile without
consent: each viewer finds the distinctive words of exactly what the site shows them, on
every list, the details that could link to it, search and autocomplete. Asserted on
words in the answers, not on status codes.
"""

import datetime

import pytest
from django.contrib.auth.models import Group
from wagtail.models import APIToken

from api.models import ApiScope, TokenScope
from documents.models import ReportAuthor
from tests.factories import (
    CommunityFactory,
    ExpertFactory,
    MunicipalityFactory,
    OrganisationFactory,
    ReportFactory,
    ThemeFactory,
    with_section,
)
from wijkwijs.models import MunicipalityFact
from wijkwijs.visibility import Visibility

pytestmark = pytest.mark.django_db

LISTS = (
    "experts",
    "organisations",
    "practices",
    "reports",
    "municipalities",
    "themes",
    "communities",
)
# distinctive word: who may see it
ALLOWED = {
    "gruttotelling": {"community member", "editor"},
    "wulpenteller": {"member", "other community", "community member", "editor"},
    "plevierkuikens": {"editor"},
}


@pytest.fixture
def world(django_user_model):
    noord = CommunityFactory(title="Kring Noord", members_group=Group.objects.create(name="N"))
    zuid = CommunityFactory(title="Kring Zuid", members_group=Group.objects.create(name="Z"))
    theme = ThemeFactory(title="Weidevogels")
    place = MunicipalityFactory(title="Weidedorp")
    organisation = OrganisationFactory(title="Vogelwacht", themes=[theme])
    expert = ExpertFactory(
        parent=organisation,
        title="Pim Plevier",
        consent_date=None,
        role="Specialist plevierkuikens",
        themes=[theme],
    )
    shared = ReportFactory(
        title="Verslag gruttotelling",
        visibility=Visibility.COMMUNITIES,
        shared_with=[noord],
        themes=[theme],
        municipalities=[place],
        publisher=organisation,
    )
    with_section(shared, "Telling", "De gruttotelling leverde veel op.", anchor="telling")
    members = ReportFactory(
        title="Ledenrapport wulpenteller",
        visibility=Visibility.MEMBERS,
        themes=[theme],
        organisations=[organisation],
    )
    public = ReportFactory(title="Openbaar weidevogelrapport", themes=[theme])
    ReportAuthor.objects.create(page=public, name="P. P.", expert=expert)
    MunicipalityFact.objects.create(
        page=place,
        topic="inwoners",
        value="1.200",
        as_of=datetime.date(2020, 1, 1),
        source_report=shared,
    )

    def person(name, group=None, **extra):
        user = django_user_model.objects.create_user(name, password="x-x-x-x-1", **extra)
        if group:
            user.groups.add(group)
        return user

    viewers = {
        "anonymous": None,
        "member": person("lid"),
        "other community": person("zuidlid", zuid.members_group),
        "community member": person("noordlid", noord.members_group),
        "editor": person("redactie", is_staff=True),
    }
    related = [organisation, place, theme, public, shared, members, expert]
    return viewers, related


def api_text(client, headers, related) -> str:
    """Everything the API tells this viewer: every page of every list, the details of the
    restricted objects and of what links to them, search and autocomplete."""
    answers = []
    for name in LISTS:
        number, pages = 1, 1
        while number <= pages:
            answer = client.get(
                f"/api/v1/{name}/", {"page_size": 100, "page": number}, headers=headers
            )
            pages = answer.json()["pages"]
            answers.append(answer.content.decode())
            number += 1
    for page in related:
        collection = {
            "ExpertPage": "experts",
            "OrganisationPage": "organisations",
            "MunicipalityPage": "municipalities",
            "ThemePage": "themes",
            "ReportPage": "reports",
        }[type(page).__name__]
        answers.append(
            client.get(f"/api/v1/{collection}/{page.pk}/", headers=headers).content.decode()
        )
    for word in ALLOWED:
        search = client.get("/api/v1/search/", {"q": word}, headers=headers).json()
        counted = any(value["count"] for values in search["facets"].values() for value in values)
        answers.append(str(search["hits"]) + (f" {word}" if search["total"] or counted else ""))
        for prefix in (word[:6], word[:5].capitalize()):
            answers.append(
                client.get(
                    "/api/v1/search/autocomplete/", {"q": prefix}, headers=headers
                ).content.decode()
            )
    answers.append(
        client.get(
            "/api/v1/search/autocomplete/", {"q": "Verslag grut"}, headers=headers
        ).content.decode()
    )
    return "\n".join(answers).lower()


def token_headers(user):
    token, secret = APIToken.create_token(user=user, name="lekmatrix")
    for scope in ApiScope.values:
        TokenScope.objects.create(token=token, scope=scope)
    return {"authorization": f"Bearer {secret}"}


@pytest.mark.parametrize("search_engine", ["embedded", "elasticsearch"])
@pytest.mark.parametrize("credentials", ["session", "token"])
def test_the_api_shows_each_viewer_only_what_they_may_see(
    world, client, request, search_engine, credentials
):
    viewers, related = world
    if search_engine == "elasticsearch":
        request.getfixturevalue("elasticsearch")  # built after the world, so it holds it
    for name, user in viewers.items():
        client.logout()
        headers = {}
        if user is not None and credentials == "session":
            client.force_login(user)
        elif user is not None:
            headers = token_headers(user)
        text = api_text(client, headers, related)
        seen = {word for word in ALLOWED if word in text}
        expected = {word for word, allowed in ALLOWED.items() if name in allowed}
        assert seen == expected, f"{name} ({credentials}, {search_engine}): sees {seen}"

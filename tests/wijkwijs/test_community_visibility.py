"""Content shared with a community: its members see it, nobody else does (but editors)."""

import io
import json

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from documents.models import ReportPage, ReportSection
from tests.conftest import CORPUS, require_corpus
from tests.factories import CommunityFactory, ReportFactory
from wijkwijs.findable import records_changed
from wijkwijs.visibility import Visibility

pytestmark = pytest.mark.django_db
PHRASE = "De proef met de ijsvogelwandeling liep vast op de sleutels van het buurthuis."


@pytest.fixture
def communities():
    return {
        name: CommunityFactory(title=f"Kring {name}", members_group=Group.objects.create(name=name))
        for name in ("Noord", "Zuid")
    }


@pytest.fixture
def people(communities, django_user_model):
    def member_of(username, community):
        user = django_user_model.objects.create_user(username, password="x-x-x-x-1")
        user.groups.add(community.members_group)
        return user

    return {
        "noord": member_of("noordlid", communities["Noord"]),
        "zuid": member_of("zuidlid", communities["Zuid"]),
        "editor": django_user_model.objects.create_user(
            "redacteur", password="x-x-x-x-1", is_staff=True
        ),
        "anonymous": AnonymousUser(),
    }


@pytest.fixture
def shared_report(communities):
    report = ReportFactory(
        title="Werkverslag ijsvogelwandeling",
        visibility=Visibility.COMMUNITIES,
        shared_with=[communities["Noord"]],
    )
    ReportSection.objects.create(
        report=report,
        position=0,
        heading="Verloop van de ijsvogelwandeling",
        level=1,
        anchor="verloop",
        text=PHRASE,
    )
    records_changed.send(sender=ReportPage, page=report)
    return report


def page_text(client, user, report):
    if user.is_authenticated:
        client.force_login(user)
    response = client.get(report.url)
    return response.status_code, response.content.decode()


@pytest.mark.parametrize(
    ("who", "sees"), [("noord", True), ("editor", True), ("zuid", False), ("anonymous", False)]
)
def test_only_members_of_the_community_and_editors_see_the_report(
    client, people, shared_report, who, sees, engine
):
    user = people[who]
    status, html = page_text(client, user, shared_report)
    assert (PHRASE in html) is sees
    if not sees:
        # Anonymous visitors are sent to log in; a member of another community is offered
        # to ask for access (403, without the content; see access_requests).
        assert status in (302, 403)
    result = engine.search("ijsvogelwandeling", user=user)
    assert (PHRASE.split()[4] in " ".join(hit.text for hit in result.hits)) is sees
    assert (result.total > 0) is sees
    if user.is_authenticated:
        client.force_login(user)
    api = client.get("/api/v1/search/", {"q": "ijsvogelwandeling"}).json()
    assert api["engine"] == engine.name  # the API and autocomplete use the same engine
    assert any(PHRASE.split()[4] in hit["snippet"] + hit["title"] for hit in api["hits"]) is sees
    autocomplete = client.get(
        "/api/v1/search/autocomplete/", {"q": "ijsvogelwand"}
    ).content.decode()
    assert ("ijsvogelwandeling" in autocomplete.lower()) is sees


def test_sharing_with_communities_requires_choosing_them():
    report = ReportFactory.build(visibility=Visibility.COMMUNITIES)
    with pytest.raises(ValidationError) as raised:
        report.clean()
    assert "shared_with" in raised.value.message_dict


def test_import_with_community_shares_the_report_with_that_community_only(
    communities, people, client, settings, tmp_path
):
    require_corpus()
    settings.MEDIA_ROOT = tmp_path
    output = io.StringIO()
    call_command(
        "import_documents",
        str(CORPUS / "oostburg-interviews-2014.md"),
        "--community",
        "kring noord",
        "--json",
        stdout=output,
    )
    imported = json.loads(output.getvalue())["reports"][0]
    report = ReportPage.objects.get(pk=imported["id"])
    assert report.visibility == Visibility.COMMUNITIES
    assert list(report.shared_with.all()) == [communities["Noord"]]
    assert page_text(client, people["zuid"], report)[0] == 403  # may ask for access
    assert report.title in page_text(client, people["noord"], report)[1]


def test_import_refuses_an_unknown_community(communities):
    with pytest.raises(CommandError, match="Onbekende kennisgemeenschap 'Kring West'"):
        call_command("import_documents", str(CORPUS), "--community", "Kring West")

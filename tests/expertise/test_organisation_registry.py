"""The registry per organisation: its expertise profile counts only what the viewer may see,
and its own editors manage its subtree and nobody else's."""

import io
import re

import pytest
from django.core.management import call_command

from tests.factories import (
    ExpertFactory,
    MunicipalityFactory,
    OrganisationFactory,
    PracticeFactory,
    ReportFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def table_rows(html, table_class):
    """{row heading: [cell, …]} of a table on the page."""
    table = re.search(rf'<table class="[^"]*\b{table_class}\b[^"]*">(.*?)</table>', html, re.S)
    table = table.group(1)
    rows = {}
    for row in re.findall(r"<tr><th scope=\"row\">(.*?)</tr>", table, re.S):
        heading = re.sub(r"<[^>]+>", "", row.split("</th>")[0])
        rows[heading] = [int(cell) for cell in re.findall(r"<td>(\d+)</td>", row)]
    return rows


@pytest.fixture
def organisation_with_work():
    loneliness, debts = ThemeFactory(title="Eenzaamheidsproef"), ThemeFactory(title="Schuldproef")
    organisation = OrganisationFactory(title="Stichting Profielproef")
    ExpertFactory(parent=organisation, themes=[loneliness])
    ExpertFactory(parent=organisation, themes=[loneliness, debts])
    ExpertFactory(parent=organisation, themes=[debts], consent_date=None)  # not public
    PracticeFactory(organisations=[organisation], themes=[loneliness])
    ReportFactory(publisher=organisation, themes=[loneliness], visibility="members")
    return organisation


def test_the_expertise_profile_counts_themes_over_visible_work(
    client, organisation_with_work, django_user_model
):
    columns = ["experts", "practices", "reports", "communities", "total"]
    anonymous = table_rows(client.get(organisation_with_work.url).content.decode(), "ww-profile")
    assert dict(zip(columns, anonymous["Eenzaamheidsproef"], strict=True)) == {
        "experts": 2,
        "practices": 1,
        "reports": 0,
        "communities": 0,
        "total": 3,
    }
    assert anonymous["Schuldproef"] == [1, 0, 0, 0, 1]
    assert list(anonymous) == ["Eenzaamheidsproef", "Schuldproef"]  # most first
    client.force_login(django_user_model.objects.create_user("lid-profiel", password="x-1-x-1"))
    member = table_rows(client.get(organisation_with_work.url).content.decode(), "ww-profile")
    assert member["Eenzaamheidsproef"] == [2, 1, 1, 0, 4]  # the members-only report counts


@pytest.fixture
def two_organisations(django_user_model):
    ours, theirs = OrganisationFactory(title="Wijkkracht"), OrganisationFactory(title="Buurtmacht")
    our_expert = ExpertFactory(parent=ours, title="Anna Eigen")
    their_expert = ExpertFactory(parent=theirs, title="Bert Ander")
    editor = django_user_model.objects.create_user("redactie-wijkkracht", password="x-1-x-1")
    output = io.StringIO()
    call_command("organisation_editors", "--add", "wijkkracht", editor.username, stdout=output)
    assert "redactie-wijkkracht is redacteur van Wijkkracht" in output.getvalue()
    return ours, theirs, our_expert, their_expert, editor


def test_an_organisation_gets_its_own_editors_group_when_created(two_organisations):
    ours, theirs, *_rest = two_organisations
    ours.refresh_from_db()
    theirs.refresh_from_db()
    assert ours.editors_group.name == "Redactie Wijkkracht"
    assert ours.editors_group != theirs.editors_group


def test_organisation_editors_manage_their_own_subtree_and_nobody_elses(client, two_organisations):
    ours, theirs, our_expert, their_expert, editor = two_organisations
    practice = PracticeFactory(organisations=[ours])
    client.force_login(editor)
    assert client.get(f"/beheer/pages/{our_expert.pk}/edit/").status_code == 200
    assert client.get(f"/beheer/pages/{ours.pk}/edit/").status_code == 200
    assert client.get(f"/beheer/pages/add/expertise/expertpage/{ours.pk}/").status_code == 200
    assert client.get(f"/beheer/pages/{our_expert.pk}/delete/").status_code == 200
    for forbidden in (
        f"/beheer/pages/{their_expert.pk}/edit/",
        f"/beheer/pages/{theirs.pk}/edit/",
        f"/beheer/pages/add/expertise/expertpage/{theirs.pk}/",
        f"/beheer/pages/{practice.pk}/edit/",
        f"/beheer/pages/{their_expert.pk}/delete/",
        f"/beheer/pages/{ours.pk}/delete/",  # the organisation with its profiles
    ):
        assert client.get(forbidden).status_code in (302, 403), forbidden
    assert our_expert.permissions_for_user(editor).can_publish()
    assert not their_expert.permissions_for_user(editor).can_edit()


def test_a_published_change_keeps_the_organisation_and_its_group(two_organisations):
    ours, _theirs, our_expert, _their_expert, editor = two_organisations
    our_expert.role = "Buurtcoach"
    revision = our_expert.save_revision(user=editor)
    revision.publish(user=editor)
    our_expert.refresh_from_db()
    assert our_expert.role == "Buurtcoach"
    ours.refresh_from_db()
    group = ours.editors_group
    ours.save_revision().publish()  # a revision from before the group existed …
    ours.refresh_from_db()
    assert ours.editors_group == group  # … does not take the group away


def test_a_theme_page_counts_practices_and_reports_per_municipality(client, django_user_model):
    theme = ThemeFactory(title="Telproef")
    north, south = MunicipalityFactory(title="Noordstad"), MunicipalityFactory(title="Zuiddorp")
    PracticeFactory(themes=[theme], municipalities=[north])
    PracticeFactory(themes=[theme], municipalities=[north, south])
    ReportFactory(themes=[theme], municipalities=[south])
    ReportFactory(themes=[theme], municipalities=[south], visibility="editors")
    rows = table_rows(client.get(theme.url).content.decode(), "ww-counts")
    assert rows == {"Noordstad": [2, 0], "Zuiddorp": [1, 1]}

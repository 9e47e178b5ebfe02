"""14.1: the search index holds the live version of a page, never a draft.

Saving a draft (``save_revision()``) changes the page in memory: its title, visibility and
consent date are the draft's until it is published. An attacker (a user who may edit but
not publish) saves such a draft and searches anonymously: nothing of the draft may reach
the records of either engine, autocomplete or the API until it is published.
"""

import datetime
import json

import pytest
from django.contrib.auth.models import AnonymousUser

from documents import privacy
from documents.models import ReportPage
from search.models import SearchRecord
from tests.factories import ExpertFactory, OrganisationFactory, ReportFactory, with_section
from wijkwijs.visibility import Visibility

pytestmark = pytest.mark.django_db
ANONYMOUS = AnonymousUser()


def anonymous_finds(client, engine, word, prefix) -> dict:
    """What an anonymous visitor learns of ``word`` (and of titles starting ``prefix``)."""
    hits = engine.search(word, user=ANONYMOUS).hits
    api_hits = client.get("/api/v1/search/", {"q": word, "include": "text"}).json()["hits"]
    return {
        "hits": any(word in f"{hit.parent_title} {hit.text}".lower() for hit in hits),
        "autocomplete": bool(engine.suggest_titles(prefix, ANONYMOUS)),
        "API": word in json.dumps(api_hits, ensure_ascii=False).lower(),
    }


@pytest.fixture
def editors_only_report(django_user_model):
    report = ReportFactory(title="Verslag korhoenders", visibility=Visibility.EDITORS)
    with_section(
        report,
        "Gesprek met Wieteke Korhoen",
        "Wieteke Korhoen vertelt over de korhoenderwerkgroep.",
        anchor="gesprek",
    )
    privacy.flag(report)
    editor = django_user_model.objects.create_user("beoordelaar", is_superuser=True)
    privacy.mark_reviewed(report, editor)
    return report


def test_a_public_draft_of_an_editors_only_report_is_not_searchable(
    editors_only_report, engine, client
):
    report = ReportPage.objects.get(pk=editors_only_report.pk)
    report.visibility = Visibility.PUBLIC
    report.title = "Conceptverslag zwartkopmeeuwen"
    report.save_revision()

    assert not any(anonymous_finds(client, engine, "korhoenderwerkgroep", "Korhoen").values())
    assert not any(anonymous_finds(client, engine, "zwartkopmeeuwen", "Gesprek met Wiet").values())
    record_titles = set(
        SearchRecord.objects.filter(page=report).values_list("parent_title", flat=True)
    )
    assert record_titles == {"Verslag korhoenders"}, "the draft title reached the records"
    assert set(SearchRecord.objects.filter(page=report).values_list("visibility", flat=True)) == {
        Visibility.EDITORS
    }

    report.get_latest_revision().publish()  # published: now it is the live version
    assert anonymous_finds(client, engine, "korhoenderwerkgroep", "Gesprek met Wiet") == {
        "hits": True,
        "autocomplete": True,
        "API": True,
    }


def test_a_draft_consent_date_does_not_make_a_profile_findable(engine, client):
    expert = ExpertFactory(
        parent=OrganisationFactory(),
        title="Gerrit Grauwgans",
        role="Kenner van grauwganzen",
        consent_date=None,
    )
    expert.consent_date = datetime.date(2025, 1, 1)
    expert.save_revision()
    assert not any(anonymous_finds(client, engine, "grauwganzen", "Gerrit Grau").values())


def test_a_draft_title_of_a_public_page_stays_out_of_autocomplete(engine, client):
    report = ReportFactory(title="Verslag buizerds", visibility=Visibility.PUBLIC)
    report.title = "Verslag buizerds met de naam van Hendrikje Havik"
    report.save_revision()
    assert not engine.suggest_titles("Verslag buiz", ANONYMOUS)[0].title.endswith("Havik")
    assert not anonymous_finds(client, engine, "hendrikje", "Hendrikje")["autocomplete"]

"""The demo loader: the promised amounts of content, idempotent, and no real people."""

import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from access_requests import decisions
from access_requests.rules import deciders, may_request
from documents.models import ReportPage
from expertise.models import ExpertPage, OrganisationPage
from practices.models import PracticePage
from project.demo import DEMO_USERS, DemoLoader, ensure_demo_users, read_content
from tests.conftest import CORPUS, require_corpus
from wijkwijs.models import (
    CommunityPage,
    MeetingPage,
    MunicipalityFact,
    MunicipalityPage,
    ThemePage,
)

pytestmark = pytest.mark.django_db
README = Path(__file__).resolve().parents[2] / "README.md"

# The session fixture in conftest.py has already loaded the demo once.


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            MunicipalityPage,
            ThemePage,
            OrganisationPage,
            ExpertPage,
            PracticePage,
            ReportPage,
            CommunityPage,
            MunicipalityFact,
        )
    }


def test_demo_has_the_promised_amount_of_content():
    found = counts()
    assert found["MunicipalityPage"] == 25
    assert found["ThemePage"] >= 25
    assert found["OrganisationPage"] >= 20
    assert found["ExpertPage"] >= 30
    assert found["PracticePage"] >= 10
    assert found["ReportPage"] >= 6
    assert found["CommunityPage"] == 2


def test_every_theme_has_synonyms_and_every_fact_a_date_and_source():
    assert all(theme.synonym_list for theme in ThemePage.objects.all())
    for fact in MunicipalityFact.objects.all():
        assert fact.as_of is not None
        assert fact.source_display, f"fact {fact.display_label} of {fact.page} has no source"


def test_loading_again_adds_nothing(capsys):
    before = counts()
    call_command("load_demo")
    assert counts() == before
    assert "niets toegevoegd" in capsys.readouterr().out


def test_loading_on_a_partly_filled_database_adds_only_what_is_missing():
    practice = PracticePage.objects.get(slug="heerlen-co-creatie")
    practice.delete()
    before = counts()
    created = DemoLoader().run()
    assert dict(created) == {"praktijkvoorbeelden": 1}
    assert counts()["PracticePage"] == before["PracticePage"] + 1


def test_ten_practices_cover_the_ten_profiled_municipalities():
    covered = set(PracticePage.objects.values_list("municipalities__slug", flat=True).distinct())
    assert {
        "vlaardingen",
        "zaanstad",
        "oss",
        "wijk-bij-duurstede",
        "alphen-aan-den-rijn",
        "deventer",
        "ede",
        "almere",
        "heerenveen",
        "heerlen",
    } <= covered


def test_demo_experts_are_invented_people_not_named_in_the_corpus():
    require_corpus()
    corpus = " ".join(
        path.read_text(encoding="utf-8", errors="ignore").casefold()
        for path in CORPUS.glob("*")
        if path.suffix in {".md", ".txt"}
    )
    corpus = re.sub(r"\s+", " ", corpus)
    experts = [
        expert["title"]
        for organisation in read_content("organisations")["organisation"]
        for expert in organisation.get("expert", [])
    ]
    named_in_corpus = [name for name in experts if name.casefold() in corpus]
    assert not named_in_corpus


def test_the_demo_logins_can_try_the_whole_access_request_flow(client):
    """A members-only meeting, a non-member who may ask, a coordinator who decides on the
    site, and the page opening for the member once granted."""
    ensure_demo_users()
    meeting = MeetingPage.objects.get(slug="2024-09-casus-volle-buurtkamer")
    newcomer = django_user("nieuwkomer")
    coordinator = django_user("coordinator")
    assert meeting.visibility == "communities" and meeting.is_visible_to(coordinator)
    assert not meeting.is_visible_to(django_user("lid")) and may_request(meeting, newcomer)
    access_request = decisions.ask(meeting, newcomer, "Ik start een buurtkamer.", "nl")
    assert list(deciders(meeting)) == [coordinator]
    assert not coordinator.has_perm("wagtailadmin.access_admin")  # decides on the site
    client.force_login(coordinator)
    response = client.post(f"/toegang/verzoeken/{access_request.pk}/", {"decision": "grant"})
    assert response.status_code == 302 and meeting.is_visible_to(newcomer)


def test_the_readme_lists_every_demo_login():
    readme = README.read_text(encoding="utf-8")
    for username, password, _superuser, _description in DEMO_USERS:
        assert f"`{username}` / `{password}`" in readme, username


# The README's curl examples with filters: each should show something on the demo.
README_QUERY_EXAMPLE = re.compile(r"curl -s '(?:http://127\.0\.0\.1:8000)([^'?]*\?[^']*)'")


def test_the_readmes_filtered_examples_find_something_in_the_demo(client):
    examples = README_QUERY_EXAMPLE.findall(README.read_text(encoding="utf-8"))
    assert len(examples) >= 4
    for address in examples:
        response = client.get(address)
        assert response.status_code == 200, address
        if response["Content-Type"].startswith("application/json"):
            assert response.json()["total"] > 0, address
        else:  # OAI-PMH
            assert "<record>" in response.content.decode(), address


def django_user(username):
    return get_user_model().objects.get(username=username)

"""The demo loader: the promised amounts of content, idempotent, and no real people."""

import re

import pytest
from django.core.management import call_command

from documents.models import ReportPage
from expertise.models import ExpertPage, OrganisationPage
from practices.models import PracticePage
from project.demo import DemoLoader, read_content
from tests.conftest import CORPUS, require_corpus
from wijkwijs.models import CommunityPage, MunicipalityFact, MunicipalityPage, ThemePage

pytestmark = pytest.mark.django_db

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
        "vlaardingen", "zaanstad", "oss", "wijk-bij-duurstede", "alphen-aan-den-rijn",
        "deventer", "ede", "almere", "heerenveen", "heerlen",
    } <= covered  # fmt: skip


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

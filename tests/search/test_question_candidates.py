"""Queries of several words at scale: what they match comes from their rarest words.

On PostgreSQL a query whose words together match more records than ``CANDIDATE_BUDGET``
is matched by its rarest words only, so the cheap rank does not order most of the index;
the candidates are those nearest to all its words and those nearest to its rarest, and the
full score orders them. The
budget and the candidate depth are made tiny here so a handful of records behaves like
100,000. Every engine keeps the same contract (the others have no budget to narrow).
"""

import pytest
from django.contrib.auth.models import AnonymousUser

from search.engines import embedded
from search.engines.embedded import EmbeddedEngine
from search.indexing import rebuild
from tests.factories import MunicipalityFactory, PracticeFactory, ThemeFactory

pytestmark = pytest.mark.django_db

COMMON = "De gemeente en de bewoners werken samen in de wijk aan een groene straat."


@pytest.fixture
def tiny_budget(monkeypatch):
    monkeypatch.setattr(embedded, "CANDIDATE_BUDGET", 3)


def titles(engine, query):
    return [hit.title for hit in engine.search(query, user=AnonymousUser(), limit=20).hits]


def test_a_narrowed_question_still_puts_the_record_holding_every_word_first(engine, tiny_budget):
    PracticeFactory(title="Alles", summary=f"{COMMON} Daarbij hoort dakgroen.")
    PracticeFactory(title="Dakgroen", summary="Dakgroen, dakgroen.")  # nearest on that word
    for number in range(5):
        PracticeFactory(title=f"Gewoon {number}", summary=COMMON)
    question = "Hoe werken de gemeente en de bewoners in de wijk samen aan dakgroen?"
    assert titles(engine, question)[0] == "Alles"


def test_a_named_place_never_becomes_what_a_narrowed_question_must_match(engine, tiny_budget):
    MunicipalityFactory(title="Zwaluwdorp")
    PracticeFactory(title="In Zwaluwdorp", summary=f"{COMMON} Zwaluwdorp legt dakgroen aan.")
    PracticeFactory(title="Elders", summary="Een andere gemeente legt ook dakgroen aan.")
    PracticeFactory(title="Nog een", summary="Dakgroen op het gemeentehuis.")
    for number in range(3):
        PracticeFactory(title=f"Gewoon {number}", summary=COMMON)
    found = titles(engine, "Hoe legt Zwaluwdorp samen met de bewoners dakgroen aan in de wijk?")
    assert found[0] == "In Zwaluwdorp"  # the place boosts
    assert {"Elders", "Nog een"} <= set(found)  # and does not filter


def test_a_question_of_common_words_only_still_finds_them(engine, tiny_budget):
    for number in range(5):
        PracticeFactory(title=f"Gewoon {number}", summary=COMMON)
    assert len(titles(engine, "Hoe werken de gemeente en de bewoners samen in de wijk?")) >= 1


# A word whose synonyms hold far more records than it does ('ontschotting': 3,000 records,
# with its theme's synonyms 33,000). On PostgreSQL only: the other engines have no budget.


def word_and_synonyms(own, synonym_only):
    ThemeFactory(title="Zwerfpoezen", synonyms="straatkatten\nkattenkolonie")
    for number in range(own):
        PracticeFactory(title=f"Zwerfpoezen {number}", summary="De zwerfpoezen krijgen een hok.")
    for number in range(synonym_only):
        PracticeFactory(title=f"Kolonie {number}", summary="Een kattenkolonie achter de school.")
    rebuild()


def test_where_a_word_fills_the_candidates_its_synonyms_alone_do_not_match(postgres_only, small):
    word_and_synonyms(own=3, synonym_only=4)
    result = EmbeddedEngine().search("zwerfpoezen", user=AnonymousUser(), limit=20)
    found = [hit.title for hit in result.hits]
    assert {f"Zwerfpoezen {number}" for number in range(3)} <= set(found)
    assert not [title for title in found if title.startswith("Kolonie")]
    assert result.total == 4  # the three practices and the theme: what holds the word


def test_where_a_word_holds_too_few_records_its_synonyms_still_match(postgres_only, small):
    word_and_synonyms(own=0, synonym_only=4)  # the theme alone holds the word
    found = titles(EmbeddedEngine(), "zwerfpoezen")
    assert found[0] == "Zwerfpoezen"
    assert {f"Kolonie {number}" for number in range(4)} <= set(found)


@pytest.fixture
def small(monkeypatch):
    """A budget of five records and two candidates."""
    monkeypatch.setattr(embedded, "CANDIDATE_BUDGET", 5)
    monkeypatch.setattr(embedded, "RERANK_DEPTH", 2)

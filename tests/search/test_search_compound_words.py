"""Compounds written apart, and compounds nothing matches (issue 17), on every engine.

The words are invented or rare, so no test passes on what the demo content holds.
"""

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.factories import PracticeFactory
from tests.search.test_search_dutch import reindexed, titles

pytestmark = pytest.mark.django_db


def test_words_written_apart_find_the_compound_the_index_holds(engine):
    PracticeFactory(title="Inloop", summary="Elke middag is de praatkamer open voor iedereen.")
    PracticeFactory(title="Blad", summary="De dorpskrant komt maandelijks uit.")
    reindexed(engine)
    assert "Inloop" in titles(engine, "praat kamer")
    assert "Blad" in titles(engine, "dorp krant")  # with the linking s the index has


def test_a_compound_nothing_matches_is_searched_by_its_known_parts(engine):
    # As 'schuldhulpverleningstraject' finds 'schuldhulp': invented words, so nothing else
    # in the index holds a part.
    PracticeFactory(title="Soep", summary="Bewoners koken samen: de buurtsoep is een succes.")
    PracticeFactory(title="Elders", summary="Een verhaal over tuinieren.")
    reindexed(engine)
    result = engine.search("buurtsoepkookploegleiders", user=AnonymousUser())
    assert result.hits[0].title == "Soep"
    assert "Elders" not in [hit.title for hit in result.hits]
    assert result.searched_for == "buurtsoep"  # "Niets gevonden voor …; resultaten voor …"
    assert result.suggestion == ""


def test_the_parts_are_not_searched_when_the_compound_itself_is_found(engine):
    PracticeFactory(title="Avond", summary="Het buurtsoepavondje is op vrijdag.")
    PracticeFactory(title="Soep", summary="Bewoners koken samen: de buurtsoep is een succes.")
    reindexed(engine)
    result = engine.search("buurtsoepavondje", user=AnonymousUser())
    assert result.hits[0].title == "Avond" and result.searched_for == ""


def test_a_typo_is_still_corrected_before_any_part_is_searched(engine):
    PracticeFactory(title="Ommetje", summary=" ".join(["Het buurtommetje werkt."] * 25))
    reindexed(engine)
    result = engine.search("buurtommetej", user=AnonymousUser())
    assert result.searched_for == "buurtommetje" and result.hits[0].title == "Ommetje"

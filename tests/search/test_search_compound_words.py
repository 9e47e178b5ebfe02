"""Compounds written apart, and compounds nothing matches (issue 17), on every engine.

The words are invented or rare, so no test passes on what the demo content holds.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser

from tests.factories import PracticeFactory, ReportFactory, with_section
from tests.search.test_search_dutch import reindexed, titles
from wijkwijs.visibility import Visibility

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
    assert result.searched_for == "buurtsoep"  # "Resultaten voor … in plaats van …"
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


def test_a_compound_is_found_by_its_head_when_the_content_never_uses_its_first_part(engine):
    # 'schijn' occurs nowhere on its own: Dutch at large (the lexicon) knows it as a word.
    PracticeFactory(title="Kookclub", summary="Het bleek een schijnoplossing voor de wijk.")
    PracticeFactory(title="Elders", summary="Een verhaal over tuinieren.")
    reindexed(engine)
    found = titles(engine, "oplossing")
    assert "Kookclub" in found and "Elders" not in found


def test_the_lexicon_splits_compounds_but_not_words_that_only_start_like_one():
    from search.compounds import split_compounds

    splits = split_compounds(
        ["schijnparticipatie", "ketencoordinator", "verschillen", "gesprekken", "verslagen"],
        lambda words: {},
    )
    assert splits["schijnparticipatie"] == ("schijn", "participatie")
    assert splits["ketencoordinator"] == ("keten", "coordinator")
    # More common than 'chillen', 'rekken' or 'lagen': words of their own, and 'vers' or
    # 'gesp' is too short a Dutch word to count as a part.
    assert not {"verschillen", "gesprekken", "verslagen"} & set(splits)


def test_a_restricted_compound_changes_nothing_a_visitor_finds(engine):
    # Split by the lexicon, the restricted 'gruttotelling' yields 'telling'; were that part
    # known to the index as a whole, the public 'teamsamenstelling' would be found by it.
    report = ReportFactory(title="Verslag", visibility=Visibility.EDITORS)
    with_section(report, "Telling", "De gruttotelling in de polder.", anchor="telling")
    PracticeFactory(title="Team", summary="Over de teamsamenstelling van het wijkteam.")
    reindexed(engine)
    assert engine.search("gruttotelling", user=AnonymousUser()).hits == []
    editor = get_user_model().objects.create_user("redactie", password="x", is_staff=True)
    assert [hit.title for hit in engine.search("telling", user=editor).hits][:1] == ["Telling"]


def test_a_compound_finds_other_compounds_that_share_a_part_below_its_own(engine):
    PracticeFactory(title="Menu", summary="De kookregisseur plant het menu.")
    PracticeFactory(title="Buurt", summary="De kookregie ligt bij de buurt zelf.")
    # The parts as words of their own: found by neither, only a compound holds them as parts.
    PracticeFactory(title="Kook", summary="Wij kook samen.")
    PracticeFactory(title="Film", summary="De regie en de regisseur.")
    reindexed(engine)
    assert titles(engine, "kookregisseur") == ["Menu", "Buurt"]

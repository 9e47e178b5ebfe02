"""Dutch search that holds on questions nobody tuned for (issue 17), on every engine.

Each test runs on the embedded engine and on Elasticsearch (the ``engine`` fixture); the
embedded engine is PostgreSQL in CI and SQLite when the suite runs on SQLite
(``DATABASE_URL=sqlite:///… pytest tests/test_search_dutch.py``), where the same Dutch
analysis runs in Python over an FTS5 table. The words are invented, so no test can pass
on what the demo content happens to hold.
"""

import pytest
from django.contrib.auth.models import AnonymousUser

from documents.models import ReportSection, SectionFootnote
from search import dutch
from search.corrections import edits
from search.elastic import index as es_index
from search.indexing import rebuild
from search.query import parse
from tests.factories import PracticeFactory, ReportFactory, ThemeFactory
from wijkwijs.findable import records_changed
from wijkwijs.markdown import plain_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user("redacteur", password="x-x-x-x-1", is_staff=True)


def hits(engine, query, user=None, **kwargs):
    return engine.search(query, user=user or AnonymousUser(), limit=20, **kwargs).hits


def titles(engine, query, user=None, **kwargs):
    return [hit.title for hit in hits(engine, query, user, **kwargs)]


def report(title, sections, visibility="public"):
    """A report with (level, heading, text) sections, indexed."""
    page = ReportFactory(title=title, visibility=visibility)
    for position, (level, heading, text) in enumerate(sections):
        ReportSection.objects.create(
            report=page,
            position=position,
            heading=heading,
            level=level,
            anchor=f"s{position}",
            text=text,
        )
    records_changed.send(sender=type(page), page=page)
    return page


def reindexed(engine):
    """Rebuild the vocabulary-derived parts (compound list, frequencies) of every engine."""
    rebuild()
    if engine.name == "elasticsearch":
        es_index.rebuild()


# 17.1 A section is found by its chapter and report, and shows where it stands.


def test_a_section_under_a_generic_heading_is_found_by_its_chapter(engine):
    report(
        "Wijkverkenning Zwaluwdorp",
        [
            (1, "Ommetjesbeleid", "Dit hoofdstuk beschrijft de aanpak."),
            (2, "Kenmerken", "Vrijwilligers lopen wekelijks met bewoners door de buurt."),
            (1, "Andere zaken", "Het ommetjesbeleid wordt elders ook genoemd, terloops."),
            (2, "Kenmerken", "Een team van drie werkers bezoekt de scholen."),
        ],
    )
    found = hits(engine, "kenmerken ommetjesbeleid")
    first = next(hit for hit in found if hit.title == "Kenmerken")
    assert first.heading_path == "Wijkverkenning Zwaluwdorp › Ommetjesbeleid › Kenmerken"
    assert "Vrijwilligers lopen" in first.text  # the chapter's own Kenmerken, not the other


def test_a_sections_own_text_outweighs_the_heading_above_it(engine):
    report(
        "Verslag Zwaluwdorp",
        [
            (1, "Klompenpad", "Inleiding."),
            (2, "Uitvoering", "Bewoners maken afspraken met elkaar."),
            (1, "Overige", "Inleiding."),
            (2, "Resultaten", "Het klompenpad trok veel wandelaars; het klompenpad blijft."),
        ],
    )
    order = titles(engine, "klompenpad")
    assert order.index("Resultaten") < order.index("Uitvoering")


# 17.2 Words joined by punctuation are indexed as their parts and as written.


def test_words_joined_by_slashes_and_hyphens_are_found_by_each_part_and_joined(engine):
    PracticeFactory(
        title="Schakels in de wijk",
        summary="Het Dorps-loket werkt met kwartiermakers/buurtvaders en jeugd-/gezinscoaches.",
    )
    for query in ["kwartiermakers", "buurtvaders", "gezinscoaches", "dorpsloket", "dorps loket"]:
        assert "Schakels in de wijk" in titles(engine, query), query


# 17.3 An exact match of a rare word comes before matches of its parts.


def test_a_rare_compound_outranks_records_that_only_hold_its_parts(engine):
    for number in range(4):
        PracticeFactory(
            title=f"Wandelroute {number}",
            summary="De wandelroute gaat langs de klokkentoren. Een wandelroute, een toren.",
        )
    PracticeFactory(title="Torenwandelroute", summary="Eén keer per jaar: de torenwandelroute.")
    reindexed(engine)
    assert titles(engine, "torenwandelroute")[0] == "Torenwandelroute"


def test_two_words_written_as_the_compound_they_make_count_as_every_word(engine):
    PracticeFactory(title="Een", summary="Een kabouter, nog een kabouter en een kabouter.")
    PracticeFactory(title="Twee", summary="Een tuin, nog een tuin en een derde tuin.")
    PracticeFactory(title="Samen", summary="Achter het huis ligt de kaboutertuin.")
    reindexed(engine)
    assert titles(engine, "kabouter tuin")[0] == "Samen"


def test_a_theme_that_lists_many_synonyms_does_not_outrank_the_texts_about_one(engine):
    ThemeFactory(
        title="Zwerfpoezen",
        synonyms="straatkatten\nzwerfkatten\nverwilderde katten\nstraatpoezen\nkattenkolonie",
    )
    for number in range(3):
        PracticeFactory(
            title=f"Straatkatten {number}",
            summary="De straatkatten van de wijk worden gevoerd; straatkatten krijgen een hok.",
        )
    reindexed(engine)
    found = titles(engine, "straatkatten")
    assert found.index("Zwerfpoezen") == 3, found


# 17.4 Typos: corrected against what the user may see, searched when much more likely.


def test_a_rare_misspelling_is_corrected_to_the_far_more_common_word(engine):
    PracticeFactory(title="Ommetje", summary=" ".join(["Het buurtommetje werkt."] * 25))
    PracticeFactory(title="Verslagje", summary="Een verslag van het buurtommeje.")  # a typo
    reindexed(engine)
    result = engine.search("buurtommeje", user=AnonymousUser())
    assert result.suggestion == "buurtommetje" and result.searched_for == "buurtommetje"
    assert result.hits[0].title == "Ommetje"


def test_a_typo_is_corrected_to_the_word_fewest_edits_away(engine):
    # 'buurtbemiddeleng' shares more trigrams with 'buurtbemiddeler' (two edits) than with
    # 'buurtbemiddeling' (one): the word a single slip away is what was meant.
    PracticeFactory(title="Bemiddeling", summary="Buurtbemiddeling helpt. " * 3)
    PracticeFactory(title="Bemiddelaar", summary="Een buurtbemiddeler helpt.")
    reindexed(engine)
    result = engine.search("buurtbemiddeleng", user=AnonymousUser())
    assert result.suggestion == "buurtbemiddeling" and result.searched_for == "buurtbemiddeling"
    assert result.hits[0].title == "Bemiddeling"


def test_a_word_only_restricted_text_holds_is_never_suggested_to_others(engine, staff):
    report("Vertrouwelijk", [(1, "Bevindingen", "Over de zeldzame kwakkelvis.")], "editors")
    PracticeFactory(title="Buurtbus", summary="De buurtbus rijdt op dinsdag.")
    reindexed(engine)
    anonymous = engine.search("buurtbus kwakkelvos", user=AnonymousUser())
    assert "kwakkelvis" not in anonymous.suggestion  # though 'buurtbus' finds something
    assert anonymous.hits[0].title == "Buurtbus"
    assert not any("kwakkelvis" in hit.text for hit in anonymous.hits)
    assert "kwakkelvis" in engine.search("buurtbus kwakkelvos", user=staff).suggestion


# 17.5 Derivations the stemmer leaves apart.


def test_derivations_find_each_other(engine):
    PracticeFactory(title="Wijkbeheer", summary="Het wijkbeheer is in handen van bewoners.")
    PracticeFactory(title="Schoolbegeleider", summary="Een schoolbegeleider komt elke week.")
    assert "Wijkbeheer" in titles(engine, "wijkbeheerders")
    assert "Schoolbegeleider" in titles(engine, "schoolbegeleiding")
    assert "Wijkbeheer" in titles(engine, "wijkbeheerder")


def test_latinate_derivations_find_each_other(engine):
    PracticeFactory(title="Geld", summary="De kaliberiering van de wijkkas is geregeld.")
    PracticeFactory(title="Bijdrage", summary="Een kaliberiële bijdrage aan het buurthuis.")
    PracticeFactory(title="Kas", summary="Over de kaliberiën van de vereniging.")
    reindexed(engine)
    assert set(titles(engine, "kaliberiering")) == {"Geld", "Bijdrage", "Kas"}
    assert titles(engine, "kaliberiering")[0] == "Geld"  # the word itself first


# A record ranks in its page's context.


def test_a_section_of_a_report_about_the_words_outranks_one_that_mentions_them_once(engine):
    """Two sections match alike; the one whose report is about the subject ranks first,
    whichever was indexed first."""
    same = "Het zwaluwnest van de buurt krijgt een nieuw dak."
    report(
        "Werkplan onderhoud",
        [(1, "Dakwerk", same), (1, "Verlichting", "Lantaarns in de straat.")],
    )
    report(
        "Vogels in de wijk",
        [
            (1, "Nesten tellen", "Elk zwaluwnest is geteld; er zijn veel zwaluwnesten."),
            (1, "Broedseizoen", "In het broedseizoen blijft elk zwaluwnest met rust."),
            (1, "Dakwerk", same),
        ],
    )
    found = [(hit.parent_title, hit.title) for hit in hits(engine, "zwaluwnest")]
    dakwerk = [parent for parent, title in found if title == "Dakwerk"]
    assert dakwerk == ["Vogels in de wijk", "Werkplan onderhoud"]


def test_a_record_in_context_keeps_its_own_order_within_its_page(engine):
    report(
        "Speeltuinen",
        [
            (1, "Wipkippen", "Een wipkip, nog een wipkip en een derde wipkip."),
            (1, "Zandbak", "Naast de zandbak staat een wipkip."),
        ],
    )
    order = titles(engine, "wipkip")
    assert order.index("Wipkippen") < order.index("Zandbak")


def test_a_section_about_a_word_outranks_a_short_record_that_names_it_once(engine):
    # BM25 favours short texts: on SQLite (b = 0.75, fixed) a one-line record holding the
    # word once outranked the page about it.
    about = " ".join(
        [
            "De buurtkaart toont elke bank en elk bankje in de wijk.",
            "Vrijwilligers lopen rondes, tellen wat er staat en zetten het op papier.",
            "Ouderen gebruiken de buurtkaart om een wandeling met rustpunten te plannen.",
            "Wie een kapot bankje ziet, meldt het en de buurtkaart wordt bijgewerkt.",
            "Zo groeit er in een jaar een overzicht dat de gemeente en bewoners delen.",
            "De wijkagent, het buurthuis en de bibliotheek hangen er elk een afdruk van op.",
        ]
    )
    PracticeFactory(title="Rustpunten", summary=about)
    PracticeFactory(title="Agenda", summary="Dinsdag: buurtkaart.")
    order = titles(engine, "buurtkaart")
    assert order.index("Rustpunten") < order.index("Agenda")


# 17.6 Quoted phrases are honoured; words close together rank first.


def test_a_quoted_phrase_must_occur(engine):
    PracticeFactory(title="Samen", summary="Hier gaat het om kraak en smaak in de buurt.")
    PracticeFactory(title="Apart", summary="Smaak is iets anders dan een kraak in de muur.")
    assert titles(engine, '"kraak en smaak"') == ["Samen"]
    assert set(titles(engine, "kraak smaak")) >= {"Samen", "Apart"}


def test_words_close_together_rank_first(engine):
    filler = " ".join(["De bewoners praten over van alles en nog wat."] * 12)
    PracticeFactory(title="Ver uit elkaar", summary=f"Een moestuin. {filler} Een dakterras.")
    PracticeFactory(title="Dicht bij elkaar", summary=f"Een moestuin op het dakterras. {filler}")
    order = titles(engine, "moestuin dakterras")
    assert order.index("Dicht bij elkaar") < order.index("Ver uit elkaar")


# 17.7 Questions: question words dropped, the subject weighed.


def test_question_words_are_dropped_from_questions():
    words = parse("Waarom kiest Zwaluwdorp voor samenwerking in plaats van concurrentie?").words
    assert "waarom" not in words and {"zwaluwdorp", "samenwerking"} <= set(words)
    assert parse("waarom").words == ["waarom"]  # a word on its own is what is asked


def test_a_question_finds_its_subject_not_its_question_words(engine):
    PracticeFactory(title="Waarom zo?", summary="Waarom, waarom, waarom: een lied.")
    PracticeFactory(title="Bloembakken", summary="Zwaluwdorp koos voor bloembakken in elke straat.")
    assert titles(engine, "Waarom koos Zwaluwdorp voor bloembakken?")[0] == "Bloembakken"


# 17.8 Expert questions in the main box.


@pytest.mark.parametrize(
    "query",
    ["wie weet iets van schuldhulpverlening", "expert schuldhulpverlening", "deskundige schulden"],
)
def test_expert_questions_put_the_experts_the_finder_names_first(engine, query):
    found = hits(engine, query)
    assert found[0].type == "Expert"
    assert "Schuldhulpverlening" in found[0].snippet  # the finder's reason: the theme


def test_the_finder_understands_inflected_and_english_theme_words(engine):
    for query in ["wie weet iets van eenzame ouderen", "expert loneliness"]:
        first = hits(engine, query)[0]
        assert first.type == "Expert" and "Eenzaamheid" in first.snippet, query


# 17.9 Snippets are plain text.


def test_snippets_show_plain_text(engine):
    page = report(
        "Opgemaakt verslag",
        [(1, "Bevindingen", "De **buurtkamer** is *elke* dag open[^1], zegt de _beheerder_.")],
    )
    SectionFootnote.objects.create(
        section=page.sections.get(), number="1", text="Behalve op zondag."
    )
    records_changed.send(sender=type(page), page=page)
    hit = next(hit for hit in hits(engine, "buurtkamer") if hit.title == "Bevindingen")
    for mark in ("**", "[^1]", "_beheerder", "*elke"):
        assert mark not in hit.snippet and mark not in hit.text
    assert "buurtkamer</mark> is elke dag open" in hit.snippet


# The shared Dutch analysis (SQLite indexes with it; the others compare words with it).


def test_the_dutch_analysis_matches_postgresql_and_elasticsearch():
    assert dutch.stems("De eenzame ouderen en hun eenzaamheid") == ["eenzam", "ouder", "eenzam"]
    assert dutch.stem("participaties") == dutch.stem("participatie") == "participatie"
    assert dutch.stems("Wmo-loket/buurtteam") == ["wmo", "loket", "buurtteam"]
    assert dutch.joined_words("Het Wmo-loket") == ["wmoloket"]


def test_typo_distance_and_plain_text():
    assert edits("knelpunen", "knelpunten") == 1 and edits("kantelign", "kanteling") == 1
    assert edits("zelfredzaamheidsmatrix", "zelfredzaamheid") == 7
    assert plain_text("Een **vet** [woord](https://x.nl)[^2]\n- punt") == "Een vet woord\npunt"

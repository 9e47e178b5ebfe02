"""The engine contract, on both engines: the index follows the content, Dutch is
understood, facets count and nothing leaks."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection, transaction

from documents.models import ReportSection
from search.elastic import index as es_index
from search.engines.embedded import EmbeddedEngine
from search.indexing import rebuild
from search.models import LexemeFrequency, SearchRecord
from tests.conftest import IN_CI
from tests.factories import ExpertFactory, OrganisationFactory, PracticeFactory, ReportFactory
from wijkwijs.findable import records_changed
from wijkwijs.models import ThemePage

pytestmark = pytest.mark.django_db


def titles(engine, query, user=None, **kwargs):
    return [hit.title for hit in engine.search(query, user=user or AnonymousUser(), **kwargs).hits]


def report_with_section(text, visibility="public", title="Verslag proefwijk"):
    report = ReportFactory(title=title, visibility=visibility)
    ReportSection.objects.create(
        report=report,
        position=0,
        number="1.1",
        heading="Bevindingen",
        level=2,
        anchor="1-1-bevindingen",
        text=text,
    )
    records_changed.send(sender=type(report), page=report)
    return report


def test_the_index_follows_publish_unpublish_and_delete(engine):
    practice = PracticeFactory(title="Het zwaluwnestproject", summary="Over zwaluwnesten.")
    assert "Het zwaluwnestproject" in titles(engine, "zwaluwnestproject")
    practice.unpublish()
    assert "Het zwaluwnestproject" not in titles(engine, "zwaluwnestproject")
    practice.save_revision().publish()
    assert "Het zwaluwnestproject" in titles(engine, "zwaluwnestproject")
    practice.delete()
    assert not SearchRecord.objects.filter(title="Het zwaluwnestproject").exists()
    assert "Het zwaluwnestproject" not in titles(engine, "zwaluwnestproject")


def test_section_hits_deep_link_to_their_anchor(engine):
    report = report_with_section("De wijkcoach bezocht de kinderboerderij wekelijks.")
    hit = engine.search("kinderboerderij", user=AnonymousUser()).hits[0]
    assert hit.url == f"{report.url}#1-1-bevindingen"
    assert hit.parent_title == report.title and hit.title == "1.1 Bevindingen"
    assert "<mark>" in hit.snippet or connection.vendor != "postgresql"


def test_experts_without_consent_are_found_by_editors_only(engine, editor):
    organisation = OrganisationFactory()
    ExpertFactory(
        parent=organisation, title="Tineke Onzichtbaar", role="Valpreventiecoach", consent_date=None
    )
    assert "Tineke Onzichtbaar" not in titles(engine, "valpreventiecoach")
    assert "Tineke Onzichtbaar" in titles(engine, "valpreventiecoach", user=editor)


def test_members_only_text_leaks_through_no_channel(engine, postgres_only, editor):
    report_with_section(
        "Het geheime overleg over de blauwvinvis en de tandwalvis.", visibility="members"
    )
    anonymous = engine.search("blauwvinvis", user=AnonymousUser())
    assert anonymous.total == 0 and anonymous.hits == []
    assert all(count == 0 for values in anonymous.facets.values() for *_rest, count in values)
    typo = engine.search("blauwvinvus", user=AnonymousUser())
    assert typo.suggestion == "" and typo.hits == []  # no correction from hidden text
    assert engine.search("blauwvinvus", user=editor).suggestion == "blauwvinvis"


def test_dutch_stemming_accents_hyphens_and_plurals(engine, postgres_only):
    PracticeFactory(
        title="Buurtgericht in de polder",
        summary="De cliënten van het Wmo-loket in Zeist-Oost doen tegenprestaties.",
    )
    expected = "Buurtgericht in de polder"
    for query in ["clienten", "cliënt", "wmo loket", "Wmo-loket", "Zeist Oost", "tegenprestatie"]:
        assert expected in titles(engine, query), query


def test_acronyms_match_whole_words_only(engine, postgres_only):
    PracticeFactory(
        title="Taken laten uitkristalliseren", summary="Het uitkristalliseren kost tijd."
    )
    assert "Taken laten uitkristalliseren" not in titles(engine, "KRIS")


def test_theme_synonyms_widen_the_search(engine, postgres_only):
    assert "buurtteam" in ThemePage.objects.get(slug="sociale-wijkteams").synonym_list
    PracticeFactory(title="Een nieuw gebiedsteam", summary="Het gebiedsteam start in maart.")
    assert "Een nieuw gebiedsteam" in titles(engine, "buurtteam", limit=200)


def test_typos_get_a_correction_and_its_results(engine, postgres_only):
    PracticeFactory(title="Valpreventie thuis", summary="Valpreventie voor ouderen thuis.")
    result = engine.search("valprevnetie", user=AnonymousUser())
    assert result.suggestion == "valpreventie"
    assert result.searched_for == "valpreventie"
    assert "Valpreventie thuis" in [hit.title for hit in result.hits]


def test_a_query_searched_as_typed_is_not_corrected_but_still_suggested(engine, postgres_only):
    PracticeFactory(title="Valpreventie thuis", summary=" ".join(["Valpreventie werkt."] * 50))
    PracticeFactory(title="Bij mevrouw Valprevnetie", summary="Over haar buurt.")  # a name
    result = engine.search("valprevnetie", user=AnonymousUser(), as_typed=True)
    assert result.searched_for == "" and result.suggestion == "valpreventie"
    assert [hit.title for hit in result.hits] == ["Bij mevrouw Valprevnetie"]


def test_facets_count_what_matches_and_filters_accept_slugs_or_names(engine):
    theme = ThemePage.objects.get(slug="mantelzorg")
    PracticeFactory(title="Mantelzorgcafé", summary="Een café voor mantelzorgers.", themes=[theme])
    result = engine.search("mantelzorgers", user=AnonymousUser())
    theme_counts = {slug: count for slug, _label, count in result.facets["theme"]}
    assert theme_counts.get("mantelzorg", 0) >= 1
    assert {kind for kind, _label, _count in result.facets["type"]} >= {"praktijk"}
    for value in ("mantelzorg", "MANTELZORG"):
        filtered = titles(engine, "mantelzorgers", filters={"theme": value, "type": "praktijk"})
        assert "Mantelzorgcafé" in filtered
    assert titles(engine, "mantelzorgers", filters={"theme": "bestaat-niet"}) == []
    assert titles(engine, "mantelzorgers", filters={"year": "tweeduizend"}) == []


@pytest.mark.parametrize(
    "query",
    ["<script>alert(1)</script>", '"onafgesloten', "& | ! ( :*", "de het een", "x" * 10_000, "  "],
)
def test_hostile_or_odd_queries_are_answered_safely(engine, query):
    result = engine.search(query, user=AnonymousUser())
    assert result.total >= 0
    assert all("<script" not in hit.snippet for hit in result.hits)


def test_snippets_escape_the_text_they_show(engine):
    PracticeFactory(title="Opmaak in tekst", summary="Zet <b>nooit</b> html in een samenvatting.")
    hit = next(
        h
        for h in engine.search("samenvatting html", user=AnonymousUser()).hits
        if h.title == "Opmaak in tekst"
    )
    assert "<b>" not in hit.snippet


def test_compound_splitting_uses_known_words_only():
    from search.compounds import split_compounds

    known = {
        "keukentafel": 3,
        "gesprek": 9,
        "zelfredzaamheid": 5,
        "matrix": 2,
        "privacy": 4,
        "regels": 7,
    }

    def frequency_of(words):
        return {word: known[word] for word in words if word in known}

    splits = split_compounds(
        ["keukentafelgesprek", "zelfredzaamheidsmatrix", "privacyregels", "wederkerigheid"],
        frequency_of,
    )
    assert splits["keukentafelgesprek"] == ("keukentafel", "gesprek")
    assert splits["zelfredzaamheidsmatrix"] == ("zelfredzaamheid", "matrix")  # linking s
    assert splits["privacyregels"] == ("privacy", "regels")
    assert "wederkerigheid" not in splits  # no split into two known words


def test_a_part_finds_the_compound_in_indexed_text(engine, postgres_only):
    PracticeFactory(title="Regels op een rij", summary="Over privacy en regels in het wijkteam.")
    PracticeFactory(
        title="Afspraken maken", summary="De privacyregels van elke organisatie verschillen."
    )
    from search.indexing import rebuild

    rebuild()  # the vocabulary now knows 'privacy' and 'regels'
    if engine.name == "elasticsearch":
        es_index.rebuild()  # and so does the compound word list of a new index
    assert "Afspraken maken" in titles(engine, "privacy", limit=100)


def test_pages_past_the_reranked_candidates_and_newest_first_still_work(monkeypatch):
    from search.engines import embedded

    monkeypatch.setattr(embedded, "RERANK_DEPTH", 2)
    for number in range(5):
        PracticeFactory(title=f"Buurtbus {number}", summary="Over de buurtbus in de wijk.")
    everything = {f"Buurtbus {number}" for number in range(5)}
    engine = EmbeddedEngine()
    first = titles(engine, "buurtbus", limit=2)
    later = titles(engine, "buurtbus", limit=3, offset=2)
    assert len(first) == 2 and len(later) == 3 and set(first + later) == everything
    newest = titles(engine, "buurtbus", limit=5, sort="newest")
    assert newest == [f"Buurtbus {number}" for number in reversed(range(5))]


def test_autocomplete_offers_visible_titles_only(engine, editor):
    PracticeFactory(title="Zonnebloemroute door de wijk", summary="Wandelen.")
    report_with_section(
        "Over de zonnebloemen.", visibility="members", title="Zonnebloemverslag voor leden"
    )
    anonymous = [s.title for s in engine.suggest_titles("zonnebl", AnonymousUser())]
    assert "Zonnebloemroute door de wijk" in anonymous
    assert not any("Zonnebloemverslag" in s.report for s in engine.suggest_titles("bevind", None))
    for_editor = engine.suggest_titles("bevindingen", editor, limit=50)
    assert "Zonnebloemverslag voor leden" in {s.report for s in for_editor}


def test_several_values_of_a_single_valued_facet_mean_any_of_them(engine):
    either = engine.search(
        "wijkteam", {"type": ["expert", "Praktijkvoorbeeld"]}, user=AnonymousUser(), limit=50
    )
    assert {hit.type for hit in either.hits} == {"Expert", "Praktijkvoorbeeld"}
    assert either.total == sum(count for _value, _label, count in either.facets["type"])
    assert engine.search("wijkteam", {"type": ["onbekend"]}, user=AnonymousUser()).total == 0


def test_near_identical_passages_of_one_document_are_shown_once(engine):
    passage = (
        "In de proefwijk kookten vrijwilligers elke donderdag een stamppot voor buren die "
        "alleen wonen, en daarna bleven de meesten nog een uur koffie drinken met elkaar."
    )
    report = ReportFactory(title="Verslag stamppotavonden")
    for position, (heading, text) in enumerate(
        [
            ("Samenvatting", passage),
            ("Bevindingen", passage.replace("elke donderdag", "iedere donderdag")),
            ("Vervolg", "Ook volgend jaar is er op donderdag stamppot, nu in het buurthuis."),
        ]
    ):
        ReportSection.objects.create(
            report=report,
            position=position,
            heading=heading,
            level=1,
            anchor=heading.lower(),
            text=text,
        )
    records_changed.send(sender=type(report), page=report)
    other = report_with_section(passage, title="Ander verslag met dezelfde alinea")
    result = engine.search("stamppot donderdag", user=AnonymousUser(), limit=10)
    by_title = {(hit.parent_title, hit.title): hit for hit in result.hits}
    grouped = [hit for hit in result.hits if hit.similar]
    assert len(grouped) == 1 and grouped[0].parent_title == report.title
    assert [hit.title for hit in grouped[0].similar] in (["Bevindingen"], ["Samenvatting"])
    assert (report.title, "Vervolg") in by_title  # a different passage stays a hit of its own
    assert (other.title, "1.1 Bevindingen") in by_title  # the same text elsewhere too


@pytest.mark.parametrize("query", ["wijkteam", "eenzaamheid ouderen", "mantelzorg vrijwilligers"])
def test_the_rum_index_only_speeds_up_the_ranking(postgres_only, monkeypatch, query):
    """With the optional RUM index the candidates come from the index; the hits shown are
    the same as with the GIN index alone (make test installs RUM, so CI runs both)."""
    from search.engines import embedded

    if not embedded.rum_index_present():
        assert not IN_CI, "CI installs the RUM extension (scripts/postgres.sh)"
        pytest.skip("the RUM extension is not installed")
    engine = EmbeddedEngine()
    with_rum = engine.search(query, user=AnonymousUser(), limit=10)
    monkeypatch.setattr(embedded, "rum_index_present", lambda: False)
    without = engine.search(query, user=AnonymousUser(), limit=10)
    assert with_rum.total == without.total > 0
    assert [hit.url for hit in with_rum.hits] == [hit.url for hit in without.hits]
    assert with_rum.facets == without.facets


def test_a_search_leaves_the_planner_settings_of_the_callers_transaction_alone(postgres_only):
    EmbeddedEngine().search("wijkteam", user=AnonymousUser())  # tests run in a transaction
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_seqscan")
        seqscan = cursor.fetchone()[0]
        cursor.execute("SHOW enable_indexscan")
        assert (seqscan, cursor.fetchone()[0]) == ("on", "on")


def _recounted_frequencies():
    """Every lexeme's document frequency, counted afresh from the vectors."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT word, ndoc FROM ts_stat('SELECT search_vector FROM "
            f"{SearchRecord._meta.db_table} WHERE search_vector IS NOT NULL')"
        )
        counted = dict(cursor.fetchall())
    counted[LexemeFrequency.ALL_RECORDS] = SearchRecord.objects.count()
    return counted


def _kept_frequencies():
    return dict(LexemeFrequency.objects.exclude(records=0).values_list("lexeme", "records"))


def test_stored_document_frequencies_follow_every_change_of_the_index(postgres_only):
    """The ranking reads how common a word is from counts the database keeps; they must
    equal a fresh count after publishing, editing, unpublishing and deleting."""
    practice = PracticeFactory(title="Het egelhuisproject", summary="Egels overwinteren hier.")
    report = report_with_section("Egels steken de proefwijk over.")
    assert _kept_frequencies() == _recounted_frequencies()
    assert _kept_frequencies()["egel"] == 2
    practice.summary = "Vleermuizen overwinteren hier."
    practice.save_revision().publish()
    assert _kept_frequencies() == _recounted_frequencies()
    assert _kept_frequencies()["egel"] == 1
    report.unpublish()
    practice.delete()  # the records go by cascade, without the indexing code
    assert _kept_frequencies() == _recounted_frequencies()
    assert "egel" not in _kept_frequencies()
    report.save_revision().publish()
    rebuild()
    assert _kept_frequencies() == _recounted_frequencies()
    assert _kept_frequencies()["egel"] == 1


def test_facets_follow_a_page_losing_a_label(engine):
    theme = ThemePage.objects.get(slug="mantelzorg")
    practice = PracticeFactory(title="Kwartelhuis", summary="Kwartelkoningen.", themes=[theme])

    def theme_counts():
        result = engine.search("kwartelkoningen", user=AnonymousUser())
        return {slug: count for slug, _label, count in result.facets["theme"]}

    assert theme_counts().get("mantelzorg") == 1
    practice.themes = []
    practice.save_revision().publish()
    assert "mantelzorg" not in theme_counts()


@pytest.mark.django_db(transaction=True)
def test_facets_counted_alongside_the_ranking_equal_those_counted_in_line(postgres_only):
    """Outside a transaction a search counts its facets on a second connection while the
    first ranks; inside one (where another connection would not see uncommitted work) it
    counts them itself. Both must give the same counts."""
    from search.engines import embedded

    PracticeFactory(title="Kwartelhuis", summary="Kwartelkoningen en kwartels.")
    report_with_section("Kwartelkoningen broeden in het hooiland.")
    engine = EmbeddedEngine()
    embedded.close_alongside_connections()
    alongside = engine.search("kwartelkoningen", user=AnonymousUser())
    assert embedded._alongside_connections, "the facets were not counted on a second connection"
    with transaction.atomic():
        in_line = engine.search("kwartelkoningen", user=AnonymousUser())
    assert alongside.total == in_line.total == 2
    assert alongside.facets == in_line.facets
    assert {kind for kind, _label, _n in alongside.facets["type"]} == {"praktijk", "rapport"}

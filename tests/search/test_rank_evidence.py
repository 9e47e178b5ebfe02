"""The expert finder's evidence (``rank_evidence``) is what a search ranks: the same
records, in the same order, with the same scores, on both engines, within what the user
may see; and an expert question in the main box names whom the finder names."""

import pytest
from django.contrib.auth.models import AnonymousUser

from documents.models import ReportAuthor, ReportSection
from expertise.finding import expert_answers
from search.engines import get_engine
from tests.factories import ExpertFactory, OrganisationFactory, ReportFactory
from wijkwijs.findable import records_changed

pytestmark = pytest.mark.django_db

PROFILES = {"type": ["expert", "praktijk", "kennisgemeenschap"]}
REPORTS = {"type": ["rapport"]}
FILTER_SETS = [PROFILES, REPORTS, {**REPORTS, "theme": "wmo"}, {}]
# Plain words, two words, a typo (searched as its correction), a compound.
QUERIES = [
    "wijkteam",
    "eenzaamheid ouderen",
    "mantelzorgr",
    "schuldhulpverlening",
    "stamppot donderdag",
]
PASSAGE = (
    "In de proefwijk kookten vrijwilligers elke donderdag een stamppot voor buren die alleen "
    "wonen, en daarna bleven de meesten nog een uur koffie drinken met elkaar."
)


def report_with_sections(title, sections, **fields):
    report = ReportFactory(title=title, **fields)
    for position, (heading, text) in enumerate(sections):
        ReportSection.objects.create(
            report=report, position=position, heading=heading, level=1, anchor=heading, text=text
        )
    records_changed.send(sender=type(report), page=report)
    return report


@pytest.fixture
def member(django_user_model):
    return django_user_model.objects.create_user("lid-bewijs", password="x-x-x-x-1")


@pytest.fixture
def reports_repeating_themselves():
    """Near-identical sections of one report: a search folds them, the evidence keeps both."""
    report_with_sections(
        "Verslag stamppotavonden",
        [
            ("Samenvatting", PASSAGE),
            ("Bevindingen", PASSAGE.replace("elke donderdag", "iedere donderdag")),
        ],
    )
    report_with_sections(
        "Intern verslag stamppot",
        [("Opzet", PASSAGE + " Alleen voor leden.")],
        visibility="members",
    )


def entries(hits):
    return [(hit.page_id, hit.score, hit.title, hit.url, hit.parent_title) for hit in hits]


def unfolded(hits):
    """A search's hits with the near-identical ones it folded into them."""
    return [entry for hit in hits for entry in entries([hit, *hit.similar])]


def first_of_each_page(listed):
    first = {}
    for entry in listed:
        first.setdefault(entry[0], entry)
    return list(first.values())


@pytest.mark.usefixtures("reports_repeating_themselves")
@pytest.mark.parametrize("who", ["anonymous", "member"])
def test_the_evidence_is_what_the_search_ranks(engine, who, request):
    user = AnonymousUser() if who == "anonymous" else request.getfixturevalue("member")
    for query in QUERIES:
        ranked_lists = engine.rank_evidence(query, FILTER_SETS, user=user, limit=100)
        assert len(ranked_lists) == len(FILTER_SETS)
        for filters, evidence in zip(FILTER_SETS, ranked_lists, strict=True):
            searched = unfolded(engine.search(query, filters, user=user, limit=100).hits)
            # The same records and scores; in the same order as far as the finder reads
            # it (each page counts once, at its best hit).
            assert sorted(entries(evidence)) == sorted(searched), (query, filters)
            assert first_of_each_page(entries(evidence)) == first_of_each_page(searched)
    evidence = engine.rank_evidence("stamppot donderdag", [REPORTS], user=user)[0]
    titles = {(hit.parent_title, hit.title) for hit in evidence}
    assert {
        ("Verslag stamppotavonden", "Bevindingen"),
        ("Verslag stamppotavonden", "Samenvatting"),
    } <= titles
    assert (("Intern verslag stamppot", "Opzet") in titles) == (who == "member")


@pytest.mark.parametrize(
    "topic",
    [
        "kwartiermakerij",  # only report sections hold it: the main search's ranking is reused
        "schuldhulpverlening",  # profiles and practices too: the evidence is cut from its read
    ],
)
def test_an_expert_question_in_the_main_box_names_whom_the_finder_names(engine, topic):
    organisation = OrganisationFactory()
    author = ExpertFactory(parent=organisation, title="Wies Jansma", role="Onderzoeker")
    report = report_with_sections(
        "Verslag van de kwartiermakers",
        [
            ("Aanpak", f"De {topic} begon in twee straten, met een schuldhulpmaatje erbij."),
            ("Resultaten", f"Na een jaar was {topic} in de hele wijk gewoon geworden."),
        ],
        authors=[ReportAuthor(name="Wies Jansma", expert=author)],
    )
    assert report.live
    answers = engine.search(f"wie weet iets van {topic}", user=AnonymousUser(), limit=10).hits
    named = [(hit.title, hit.score, hit.snippet) for hit in answers if hit.kind == "expert"]
    expected = expert_answers(topic, AnonymousUser(), get_engine(engine.name))[:3]
    assert named[: len(expected)] == [(hit.title, hit.score, hit.snippet) for hit in expected]
    if topic == "kwartiermakerij":
        assert named[0][0] == "Wies Jansma"


@pytest.mark.parametrize("depth", [2, 200])
def test_the_candidates_of_some_kinds_are_cut_from_the_unfiltered_read(
    postgres_only, monkeypatch, depth
):
    """The candidates of a ranking over one kind alone are cut from the unfiltered
    ranking's one read: of that kind only, the same as its own where every match is a
    candidate; a read too shallow for the kind says so. (Deeper in, the index's order
    decides, as for the main search's own candidates: a filtered search over a few records
    may be planned without the index, where equally near records can come in either order.)"""
    from search.engines import embedded
    from search.models import SearchRecord
    from search.query import parse

    monkeypatch.setattr(embedded, "RERANK_DEPTH", depth)
    engine = embedded.EmbeddedEngine()
    visible = SearchRecord.visible_to(AnonymousUser())
    kinds = set(visible.values_list("kind", flat=True))
    assert len(kinds) > 1
    for query in ["schuldhulpverlening", "eenzaamheid ouderen", "wijkteam"]:
        parsed = parse(query)
        everything = engine.match(visible, parsed).ranked.ranked
        for kind in sorted(kinds):
            cut = everything.keys([kind])
            if cut is None:  # fewer of this kind than the depth among those read
                assert depth == 2
                continue
            assert set(SearchRecord.objects.filter(pk__in=cut).values_list("kind", flat=True)) <= {
                kind
            }
            if depth == 200:
                own = engine.match(visible.filter(kind=kind), parsed).ranked.ranked.keys()
                assert sorted(cut) == sorted(own), (query, kind)

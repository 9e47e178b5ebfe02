"""The embedded engine's evidence (``EmbeddedEngine.rank_evidence``): ranked records as
(page, score, title, address), and the main search's ranking read again where it is the
evidence's.

An expert question ("wie weet iets van X") is answered from evidence ranked for X, right
after the main search ranked X over everything. Among 100,000 report sections ordering
every match by the index's cheap rank is most of a search's time, and the evidence's
candidates are the main search's of the kinds it asks for: so they are cut from the main
search's read (``candidates.ChosenCandidates``), and where they are all of its candidates,
its ranking is the evidence's.
"""

from django.db import connection

from search.filters import single_valued_filters
from search.models import SearchRecord
from search.results import EvidenceHit


def ranked_hits(ranked, limit) -> list[EvidenceHit]:
    """The first ``limit`` ranked records (each with a ``score``) as evidence, in order;
    scores rounded as a search's hits round them."""
    page = list(ranked[:limit])
    rows = SearchRecord.objects.filter(pk__in=[record.pk for record in page]).values_list(
        "pk", "page_id", "title", "url", "parent_title"
    )
    by_pk = {pk: (page_id, title, url, parent) for pk, page_id, title, url, parent in rows}
    hits = []
    for record in page:
        page_id, title, url, parent = by_pk[record.pk]
        score = round(float(getattr(record, "score", 0) or 0), 4)
        hits.append(EvidenceHit(page_id, score, title, url, parent))
    return hits


def reused(main, match, visible, parsed, filters, found):
    """The ranking of ``found`` (``parsed`` over ``visible`` under ``filters``) from what
    ``main`` read, where ``main`` (the unfiltered search's match, on PostgreSQL) ranked the
    same query over the same visible records and ``filters`` narrow the kinds only: then the
    filtered search would choose the main search's candidates of those kinds, so the same
    full scores and order. With all of its candidates, the main search's ranking itself;
    otherwise ``found``'s own ranking of the candidates cut from the main search's read. None
    where the main search cannot tell: ``found`` ranks on its own."""
    if main is None or connection.vendor != "postgresql" or set(filters) != {"type"}:
        return None
    ranking = main.ranked.records  # read by the main search (None if it ranked deeper)
    if ranking is None:
        return None
    chosen = main.ranked.ranked
    same_query = chosen.signature()
    if same_query is None or match(visible, parsed).ranked.ranked.signature() != same_query:
        return None
    keys = chosen.keys(dict(single_valued_filters(filters))["kind"])
    if keys is None:
        return None
    if set(keys) == set(chosen.keys()):
        return ranking
    found.ranked.ranked = chosen.scored(keys)  # ordered in its pages' context when read
    return found.ranked

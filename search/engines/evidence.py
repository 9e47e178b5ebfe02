"""The embedded engine's evidence (``EmbeddedEngine.rank_evidence``): ranked records as
(page, score, title, address), and the main search's ranking read again where it is the
evidence's.

An expert question ("wie weet iets van X") is answered from evidence ranked for X, right
after the main search ranked X over everything. Among 100,000 report sections the
candidates of both rankings are mostly the same reports, and choosing them (ordering every
match by the index's cheap rank) is most of a search's time; so when the main search's
candidates are all of the kinds the evidence asks for, its ranking is the evidence's.
"""

from django.core.exceptions import EmptyResultSet
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


def _sql(ranked) -> tuple | None:
    try:
        return ranked.query.sql_with_params()
    except EmptyResultSet:
        return None


def reused(main, match, visible, parsed, filters):
    """The ranked candidates of ``main`` (the unfiltered search's match, on PostgreSQL) if
    they are those of ``parsed`` over ``visible`` under ``filters``: the same ranking query
    over the same visible records, and a filter on kinds that every one of its candidates
    passes. Then the filter would have left the same candidates, so the same full scores
    and order. Otherwise None: the evidence is ranked on its own."""
    if main is None or connection.vendor != "postgresql" or set(filters) != {"type"}:
        return None
    candidates = main.ranked.records  # read by the main search (None if it ranked deeper)
    if candidates is None:
        return None
    same_query = _sql(main.ranked.ranked)
    if same_query is None or _sql(match(visible, parsed).ranked.ranked) != same_query:
        return None
    kinds = dict(single_valued_filters(filters))["kind"]
    others = SearchRecord.objects.filter(pk__in=[record.pk for record in candidates])
    if others.exclude(kind__in=kinds).exists():
        return None
    return candidates

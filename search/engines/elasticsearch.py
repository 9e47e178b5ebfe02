"""The Elasticsearch engine: the same contract as the embedded engine, on a cluster.

One request answers a page: the ranked hits with highlighted snippets and the facet counts
(terms aggregations); "Bedoelde u …?" comes from the database, as on the embedded engine
(``search.corrections``). The permission filter is part of every query and aggregation, and of
the database's suggestion check, so nothing a user may not see is counted or suggested. A
query word is matched in titles, report titles, headings and text (Dutch analysis, synonyms
at search time), records with all words rank first, and compound parts count a little. If
Elasticsearch is down, slow or answers with an error, the embedded engine answers instead
and the result says so; Elasticsearch is tried again after ``ELASTICSEARCH_RETRY_AFTER``
seconds.
"""

import functools
from dataclasses import dataclass

from django.conf import settings
from elasticsearch.exceptions import ElasticsearchException
from elasticsearch_dsl import MultiSearch, Q, Search

from search.elastic import index, sync
from search.elastic.documents import FACET_SEPARATOR, SYNONYM_ANALYZER
from search.engines.base import WithFallback
from search.engines.embedded import (
    ALTERNATIVE_WEIGHT,
    EmbeddedEngine,
    compound_fallback,
    compound_joins,
    compound_splits,
)
from search.filters import FACET_NAMES, LABEL_FACETS, as_list, single_valued_filters
from search.grouping import group_near_identical
from search.intents import with_answers
from search.models import full_text
from search.page_context import CONTEXT_DEPTH, Candidate, explanation, in_page_context
from search.query import ParsedQuery, parse
from search.registry import kind_choices, kind_label
from search.results import EvidenceHit, Hit, SearchResult, TitleSuggestion
from search.snippets import (
    MARK_START,
    MARK_STOP,
    safe_snippet,
    simple_snippet,
    with_readable_snippets,
)
from wijkwijs.visibility import (
    Visibility,
    granted_pages,
    granting_communities,
    levels_visible_to,
)

FIELDS = ["title^1.5", "parent_title", "context^0.8", "text"]
# The bonus, synonym and split clauses leave out the report title: every section of a report
# repeats it, and on a large index each field is one more list of postings to score.
OWN_FIELDS = ["title^1.5", "text"]
ALL_TERMS_BONUS = 5.0
COMPOUND_PARTS_BOOST = 0.3
SYNONYM_BONUS = 2.0
SPLIT_BOOST = ALTERNATIVE_WEIGHT  # as the embedded engine weighs splits
PROXIMITY_SLOP = 10
PROXIMITY_BOOST = 1.0
FACET_LIMIT = 20
EVIDENCE_FIELDS = ["page_id", "title", "url", "parent_title"]  # what rank_evidence reads
MAX_WINDOW = 10_000  # index.max_result_window: pages beyond it are empty, not errors


def visibility_filter(user):
    """The same rule as ``wijkwijs.visibility.shared_visibility_q``, in the index's terms."""
    allowed = Q("terms", visibility=levels_visible_to(user))
    communities = granting_communities(user)
    if communities:
        shared = Q("term", visibility=Visibility.COMMUNITIES) & Q("terms", communities=communities)
        allowed |= shared
    granted = granted_pages(user)
    if granted and Visibility.EDITORS not in levels_visible_to(user):
        allowed |= Q("terms", page_id=granted)
    return allowed


def filter_clauses(filters) -> list:
    """The same filters as the embedded engine; an unknown value matches nothing."""
    filters, clauses = filters or {}, []
    for field, values in single_valued_filters(filters):
        clauses.append(Q("terms", **{field: values}))
    for name in LABEL_FACETS:
        clauses += [Q("term", **{name: value}) for value in as_list(filters.get(name))]
    return clauses


def text_query(parsed: ParsedQuery, fuzzy=False, parts=True):
    """Any word matches; records with every word get a fixed bonus; compound parts and
    theme synonyms count, less than the words themselves (the synonym clause also scores
    each word in its best field, next to the blended per-word clauses). Without ``parts``,
    the records' compound parts are not searched."""
    clauses = []
    for term in parsed.terms:
        if len(term.words) > 1:
            clauses.append(Q("multi_match", query=term.text, type="phrase", fields=FIELDS))
        elif fuzzy:
            clauses.append(
                Q("multi_match", query=term.text, fields=FIELDS, fuzziness="AUTO", prefix_length=1)
            )
        else:
            # Blended term statistics: a word common in the text is not rare in titles.
            blended = {"fields": FIELDS, "type": "cross_fields", "boost": term.weight}
            clauses.append(Q("multi_match", query=term.text, **blended))
    all_words = " ".join(parsed.words)
    if len(parsed.words) > 1:
        # Every word, or every word with two of them written as the one compound they make.
        every_word = Q(
            "bool",
            should=[
                Q(
                    "multi_match",
                    query=" ".join(term.text for term in rewrite),
                    type="cross_fields",
                    fields=OWN_FIELDS,
                    operator="and",
                )
                for rewrite in [parsed.terms, *compound_joins(parsed)]
            ],
        )
        clauses.append(Q("constant_score", filter=every_word, boost=ALL_TERMS_BONUS))
    # A compound query word also finds its two parts side by side ('wijkteam': wijk, team),
    # and a word its derivations ('opbouwwerkers': opbouwwerk).
    # Two words written as the compound they make are the user's own words, written together.
    splits = compound_splits(parsed)
    rewrites = [(rewrite, SPLIT_BOOST) for rewrite in [*splits, *parsed.derived]]
    rewrites += [(rewrite, 1.0) for rewrite in compound_joins(parsed)]
    for rewrite, boost in rewrites:
        words = " ".join(term.text for term in rewrite)
        every = {"type": "cross_fields", "fields": OWN_FIELDS, "operator": "and"}
        clauses.append(Q("multi_match", query=words, boost=boost, **every))
    if parts:
        # The query's words among the records' compound parts, and the parts of its own.
        split_words = [term.text for rewrite in splits for term in rewrite]
        in_parts = {"query": " ".join([*parsed.words, *split_words]), "boost": COMPOUND_PARTS_BOOST}
        clauses.append(Q("match", compound_parts=in_parts))
    # Holding a theme synonym is a fixed bonus: scored, a theme record that lists all of a
    # word's synonyms would add them up and outrank every section about the word itself.
    synonyms = Q("multi_match", query=all_words, fields=OWN_FIELDS, analyzer=SYNONYM_ANALYZER)
    clauses.append(Q("constant_score", filter=synonyms, boost=SYNONYM_BONUS))
    if len(parsed.words) > 1:  # the words close together
        close = {"query": all_words, "slop": PROXIMITY_SLOP, "boost": PROXIMITY_BOOST}
        clauses.append(Q("match_phrase", text=close))
    required = [  # a quoted phrase must occur
        Q("multi_match", query=term.text, type="phrase", fields=FIELDS)
        for term in parsed.terms
        if term.required
    ]
    return Q("bool", should=clauses, minimum_should_match=1, filter=required)


def clause_summary(explanation: dict, depth: int = 3) -> str:
    """The fields and words one scoring clause matched, from its explanation tree."""
    matched = []

    def walk(node, level):
        description = node.get("description", "")
        if description.startswith("weight("):
            matched.append(description[len("weight(") :].split(" in ")[0])
        elif level < depth:
            for child in node.get("details", []):
                walk(child, level + 1)

    walk(explanation, 0)
    return ", ".join(dict.fromkeys(matched)) or explanation.get("description", "")[:80]


def with_snippets(search):
    return search.highlight_options(
        pre_tags=[MARK_START],
        post_tags=[MARK_STOP],
        fragment_size=180,
        number_of_fragments=2,
        no_match_size=0,
    ).highlight("text")


def add_facet_aggregations(counted):
    """The facet counts, as aggregations of the counting search."""
    counted.aggs.bucket("type", "terms", field="kind", size=len(kind_choices()))
    counted.aggs.bucket("kind", "terms", field="report_kind", size=FACET_LIMIT)
    counted.aggs.bucket("year", "terms", field="year", size=50, order={"_key": "desc"})
    for name in LABEL_FACETS:
        counted.aggs.bucket(
            name,
            "terms",
            field=f"{name}_facet",
            size=FACET_LIMIT,
            order=[{"_count": "desc"}, {"_key": "asc"}],
        )


def candidates(hits) -> list[Candidate]:
    """Hits as candidates, their page id from doc values (a list of one) or the source."""
    found = []
    for hit in hits:
        page_id = hit.page_id if isinstance(hit.page_id, int) else hit.page_id[0]
        found.append(Candidate(hit.meta.id, page_id, float(hit.meta.score or 0)))
    return found


@dataclass
class Answer:
    ranked: list  # the page's hits, in order
    facets: dict
    total: int


class ElasticsearchEngine(WithFallback):
    name = "elasticsearch"
    fallback = EmbeddedEngine
    failures = (ElasticsearchException,)

    def retry_after(self):
        return settings.ELASTICSEARCH_RETRY_AFTER

    def recovered(self):
        if sync.pending():  # changes queued during the outage: send them now
            sync.sync_elasticsearch.enqueue()

    def explain(self, query, user=None, limit=10) -> list[dict]:
        """Why each of the top hits ranks where it does: Elasticsearch's own explanation,
        one line per clause that scored (no fallback: this asks Elasticsearch itself)."""
        parsed = parse(query)
        if parsed.empty:
            return []
        search = self._base(user, None).query(text_query(parsed)).extra(explain=True)
        hits = {hit.meta.id: hit for hit in search[:CONTEXT_DEPTH].execute()}
        ordered = in_page_context(candidates(hits.values()))[:limit]
        return [
            {
                "rank": rank,
                "score": candidate.score,
                "title": hits[candidate.key].title,
                "reasons": [
                    *(
                        f"{detail['value']:+.4f}  {clause_summary(detail)}"
                        for detail in hits[candidate.key].meta.explanation.to_dict()["details"]
                    ),
                    explanation(candidate),
                ],
            }
            for rank, candidate in enumerate(ordered, start=1)
        ]

    # Searching -------------------------------------------------------------------------

    def _base(self, user, filters):
        search = Search(using=index.client(), index=index.read_alias())
        search = search.filter(visibility_filter(user))
        for clause in filter_clauses(filters):
            search = search.filter(clause)
        return search  # the client's timeout (ELASTICSEARCH_TIMEOUT) bounds every request

    def _search(self, query, filters, user, limit, offset, sort, as_typed):
        parsed = parse(query) if isinstance(query, str) else query
        if parsed.empty:
            return SearchResult(hits=[], total=0, engine=self.name)
        base = self._base(user, filters)
        correction = self._correction(parsed, user)
        parsed, answer, suggestion, searched_for = self._searched(
            base, parsed, correction, limit, offset, sort, as_typed=as_typed
        )
        hits = [self._hit(hit, parsed) for hit in answer.ranked]
        hits = group_near_identical(with_readable_snippets(hits, parsed))
        if sort == "relevance":
            hits = with_answers(parsed, hits, user, self, limit, offset)
        return SearchResult(
            hits=hits,
            total=answer.total,
            facets=answer.facets,
            suggestion=suggestion,
            searched_for=searched_for,
            engine=self.name,
        )

    def _correction(self, parsed, user):
        """Corrections as the embedded engine makes them: from the database's vocabulary,
        each corrected word checked, as written, against the database's records this user
        may see (the index holds the same, stemmed): nothing restricted is ever suggested."""
        return EmbeddedEngine().correction(parsed, user)

    def _searched(
        self, base, parsed, correction, limit, offset, sort, evidence=False, as_typed=False
    ):
        """What is searched within ``base``: the words, their correction, their compounds'
        known parts, or the words spelled loosely (``as_typed``: the words); as (parsed,
        answer, suggestion, searched for). As ``evidence``, the answer has no snippets and
        no facet counts."""
        page = functools.partial(self._page, base, evidence=evidence)
        answer = page(parsed, limit, offset, sort)
        suggestion, searched_for = correction.text, ""
        if suggestion and not as_typed and (correction.search_it or answer.total == 0):
            corrected = parse(suggestion)
            corrected_answer = page(corrected, limit, offset, sort)
            if corrected_answer.total:
                searched_for, parsed, answer = suggestion, corrected, corrected_answer
            else:
                suggestion = ""
        elif suggestion and not base.query(text_query(parse(suggestion))).count():
            suggestion = ""
        fallback = None if searched_for or as_typed else compound_fallback(parsed)
        # As on the embedded engine: when the words themselves match nothing (another
        # record's compound parts aside), its known parts are searched.
        if fallback and not base.query(text_query(parsed, parts=False)).count():
            fallback_answer = page(fallback, limit, offset, sort)
            if fallback_answer.total:
                searched_for, parsed, answer = fallback.original, fallback, fallback_answer
        if answer.total == 0 and not suggestion and not as_typed:
            answer = page(parsed, limit, offset, sort, fuzzy=True)
        return parsed, answer, suggestion, searched_for

    def _rank_evidence(self, query, filter_sets, user, limit):
        """The first ``limit`` hits ``search`` ranks under each filter set, as evidence:
        the same hits, order and scores (before near-identical ones are folded), read
        without snippets or aggregations."""
        parsed = parse(query) if isinstance(query, str) else query
        if parsed.empty:
            return [[] for _filters in filter_sets]
        correction = self._correction(parsed, user)
        ranked_lists = []
        for filters in filter_sets:
            base = self._base(user, filters)
            _parsed, answer, _suggestion, _searched_for = self._searched(
                base, parsed, correction, limit, 0, "relevance", evidence=True
            )
            ranked_lists.append(
                [
                    EvidenceHit(
                        page_id=hit.page_id,
                        score=round(float(hit.meta.score or 0), 4),
                        title=hit.title,
                        url=hit.url,
                        parent_title=getattr(hit, "parent_title", "") or "",
                    )
                    for hit in answer.ranked
                ]
            )
        return ranked_lists

    def _page(self, base, parsed, limit, offset, sort, fuzzy=False, evidence=False):
        """Two searches in one request, run side by side: the ranked candidates (top hits
        only, so the engine may skip what cannot reach it) and the counts (matching without
        scoring). Ranked by relevance, the best ``CONTEXT_DEPTH`` candidates are ordered in
        their pages' context (``search.page_context``) and the page's hits fetched with
        their snippets; beyond them, and by date, the engine's order stands. As
        ``evidence`` (the first page by relevance): the total alone is counted, and the
        hits are read without snippets."""
        query = text_query(parsed, fuzzy=fuzzy)
        ranked = base.query(query).extra(track_total_hits=False)
        # With limit 0, the counts alone: no candidates fetched (a facet group's counts).
        in_context = sort == "relevance" and limit > 0 and offset + limit <= CONTEXT_DEPTH
        if in_context:
            # Ids, scores and page ids from doc values: no stored text read for 200 hits.
            ranked = ranked.source(False).extra(docvalue_fields=["page_id"])[:CONTEXT_DEPTH]
        elif offset + limit > MAX_WINDOW or not limit:
            ranked = ranked.extra(size=0)
        else:
            ranked = with_snippets(ranked[offset : offset + limit])
        if sort == "newest":
            ranked = ranked.sort({"published_at": {"order": "desc", "missing": "_last"}}, "key")
        counted = base.filter(query).extra(size=0, track_total_hits=True)
        if not evidence:
            add_facet_aggregations(counted)
        both = MultiSearch(using=index.client(), index=index.read_alias())
        ranked_response, counted_response = both.add(ranked).add(counted).execute()
        hits = list(ranked_response)
        if in_context:
            window = in_page_context(candidates(hits))[offset : offset + limit]
            hits = self._hits_in_order(base.query(query), window, evidence)
        facets = {} if evidence else self._facets(counted_response)
        return Answer(hits, facets, counted_response.hits.total.value)

    @staticmethod
    def _hits_in_order(search, window, evidence=False):
        """The hits of ``window`` (candidates in context), in its order: with snippets, or
        as ``evidence`` their places alone."""
        if not window:
            return []
        keys = [candidate.key for candidate in window]
        search = search.filter("ids", values=keys)
        search = search.source(EVIDENCE_FIELDS) if evidence else with_snippets(search)
        matching = search[: len(keys)]
        found = {hit.meta.id: hit for hit in matching}
        hits = []
        for candidate in window:
            hit = found[candidate.key]
            hit.meta.score = candidate.score
            hits.append(hit)
        return hits

    @staticmethod
    def _facets(response) -> dict:
        aggregations = response.aggregations
        facets = {
            "type": [(b.key, kind_label(b.key), b.doc_count) for b in aggregations.type.buckets],
            "kind": [(b.key, b.key, b.doc_count) for b in aggregations.kind.buckets],
            "year": [(str(b.key), str(b.key), b.doc_count) for b in aggregations.year.buckets],
        }
        for name in LABEL_FACETS:
            facets[name] = []
            for bucket in aggregations[name].buckets:
                title, slug = bucket.key.split(FACET_SEPARATOR, 1)
                facets[name].append((slug, title, bucket.doc_count))
        return {name: facets[name] for name in FACET_NAMES}

    @staticmethod
    def _hit(hit, parsed) -> Hit:
        source = hit.to_dict()
        fragments = list(getattr(getattr(hit.meta, "highlight", None), "text", []) or [])
        if fragments:
            snippet = safe_snippet(" … ".join(fragments))
        else:
            snippet = simple_snippet(source.get("text", ""), set(parsed.words))
        labels = {
            relation: [
                value.split(FACET_SEPARATOR, 1)[0] for value in source.get(f"{name}_facet", [])
            ]
            for name, (relation, _target) in LABEL_FACETS.items()
        }
        title, parent = source["title"], source.get("parent_title", "")
        context = source.get("context", "")
        return Hit(
            type=kind_label(source["kind"]),
            kind=source["kind"],
            title=title,
            url=source["url"],
            text=full_text(title, parent, source["text"], context),
            parent_title=parent,
            context=context,
            snippet=snippet,
            labels=labels,
            score=round(float(hit.meta.score or 0), 4),
            page_id=source["page_id"],
            visibility=source.get("visibility", Visibility.PUBLIC),
            key=source["key"],
        )

    def _suggest_titles(self, prefix, user, limit):
        search = self._base(user, None).query(
            "multi_match",
            query=prefix,
            type="bool_prefix",
            operator="and",
            fields=["title.typed", "title.typed._2gram", "title.typed._3gram"],
        )[:limit]
        search = search.source(["title", "parent_title", "url", "kind"])
        return [
            TitleSuggestion(hit.title, getattr(hit, "parent_title", "") or "", hit.url, hit.kind)
            for hit in search.execute()
        ]

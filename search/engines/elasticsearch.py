"""The Elasticsearch engine: the same contract as the embedded engine, on a cluster.

One request answers a page: the ranked hits with highlighted snippets, the facet counts
(terms aggregations) and the term suggester's corrections. The permission filter is part
of every query, aggregation and suggestion check, so nothing a user may not see is
counted or suggested. A query word is matched in titles, report titles and text (Dutch
analysis, synonyms at search time), records with all words rank first, and compound parts
count a little. If Elasticsearch is down, slow or answers with an error, the embedded
engine answers instead and the result says so; Elasticsearch is tried again after
``ELASTICSEARCH_RETRY_AFTER`` seconds.
"""

import logging
import time
from dataclasses import dataclass

from django.conf import settings
from elasticsearch.exceptions import ElasticsearchException
from elasticsearch_dsl import MultiSearch, Q, Search

from search.elastic import index, sync
from search.elastic.documents import FACET_SEPARATOR, SYNONYM_ANALYZER
from search.engines.embedded import ALTERNATIVE_WEIGHT, EmbeddedEngine, compound_splits
from search.filters import LABEL_FACETS, as_list, single_valued_filters
from search.grouping import group_near_identical
from search.models import RecordKind, full_text
from search.query import ParsedQuery, parse
from search.results import Hit, SearchResult, TitleSuggestion
from search.snippets import MARK_START, MARK_STOP, safe_snippet, simple_snippet
from wijkwijs.visibility import (
    Visibility,
    granted_pages,
    granting_communities,
    levels_visible_to,
)

logger = logging.getLogger(__name__)

FIELDS = ["title^1.5", "parent_title", "text"]
# The bonus, synonym and split clauses leave out the report title: every section of a report
# repeats it, and on a large index each field is one more list of postings to score.
OWN_FIELDS = ["title^1.5", "text"]
ALL_TERMS_BONUS = 5.0
COMPOUND_PARTS_BOOST = 0.3
SYNONYM_BOOST = 0.5
SPLIT_BOOST = ALTERNATIVE_WEIGHT  # as the embedded engine weighs splits
FACET_LIMIT = 20
MAX_WINDOW = 10_000  # index.max_result_window: pages beyond it are empty, not errors
SUGGEST_MIN_LENGTH = 4


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


def text_query(parsed: ParsedQuery, fuzzy=False):
    """Any word matches; records with every word get a fixed bonus; compound parts and
    theme synonyms count, less than the words themselves (the synonym clause also scores
    each word in its best field, next to the blended per-word clauses)."""
    clauses = []
    for term in parsed.terms:
        if len(term.words) > 1:
            clauses.append(Q("multi_match", query=term.text, type="phrase", fields=FIELDS))
        elif fuzzy:
            clauses.append(Q("multi_match", query=term.text, fields=FIELDS, fuzziness="AUTO",
                             prefix_length=1))  # fmt: skip
        else:
            # Blended term statistics: a word common in the text is not rare in titles.
            clauses.append(Q("multi_match", query=term.text, fields=FIELDS, type="cross_fields"))
    all_words = " ".join(parsed.words)
    if len(parsed.words) > 1:
        every_word = Q("multi_match", query=all_words, type="cross_fields", fields=OWN_FIELDS,
                       operator="and")  # fmt: skip
        clauses.append(Q("constant_score", filter=every_word, boost=ALL_TERMS_BONUS))
    # A compound query word also finds its two parts side by side ('wijkteam': wijk, team).
    for left, right in compound_splits(parsed):
        clauses.append(Q("multi_match", query=f"{left.text} {right.text}", type="cross_fields",
                         fields=OWN_FIELDS, operator="and", boost=SPLIT_BOOST))  # fmt: skip
    clauses.append(Q("match", **{"text.parts": {"query": all_words,
                                                "boost": COMPOUND_PARTS_BOOST}}))  # fmt: skip
    clauses.append(Q("multi_match", query=all_words, fields=OWN_FIELDS,
                     analyzer=SYNONYM_ANALYZER, boost=SYNONYM_BOOST))  # fmt: skip
    return Q("bool", should=clauses, minimum_should_match=1)


class ElasticsearchUnavailable(Exception):
    pass


@dataclass
class Answer:
    ranked: object  # the response holding the page's hits and the suggester's corrections
    facets: dict
    total: int


class ElasticsearchEngine:
    name = "elasticsearch"
    unavailable_until = 0.0  # shared by all instances: one failure spares the next requests

    # The contract, guarded -----------------------------------------------------------------

    def search(self, query, filters=None, user=None, limit=10, offset=0, sort="relevance"):
        arguments = (query, filters, user, limit, offset, sort)
        try:
            return self._guarded(self._search, *arguments)
        except ElasticsearchUnavailable:
            result = EmbeddedEngine().search(*arguments)
            result.fallback = True
            return result

    def suggest_titles(self, prefix, user=None, limit=8) -> list[TitleSuggestion]:
        try:
            return self._guarded(self._suggest_titles, prefix, user, limit)
        except ElasticsearchUnavailable:
            return EmbeddedEngine().suggest_titles(prefix, user, limit)

    def _guarded(self, call, *arguments):
        cls = type(self)
        if time.monotonic() < cls.unavailable_until:
            raise ElasticsearchUnavailable
        recovering = cls.unavailable_until > 0
        try:
            answer = call(*arguments)
        except ElasticsearchException as error:
            logger.warning("Elasticsearch failed (%s); the embedded engine answers", error)
            cls.unavailable_until = time.monotonic() + settings.ELASTICSEARCH_RETRY_AFTER
            raise ElasticsearchUnavailable from error
        if recovering:
            cls.unavailable_until = 0.0
            if sync.pending():  # changes queued during the outage: send them now
                from search.tasks import sync_elasticsearch

                sync_elasticsearch.enqueue()
        return answer

    # Searching -------------------------------------------------------------------------

    def _base(self, user, filters):
        search = Search(using=index.client(), index=index.read_alias())
        search = search.filter(visibility_filter(user))
        for clause in filter_clauses(filters):
            search = search.filter(clause)
        return search  # the client's timeout (ELASTICSEARCH_TIMEOUT) bounds every request

    def _search(self, query, filters, user, limit, offset, sort):
        parsed = parse(query) if isinstance(query, str) else query
        if parsed.empty:
            return SearchResult(hits=[], total=0, engine=self.name)
        base = self._base(user, filters)
        answer = self._page(base, parsed, limit, offset, sort, with_suggestions=True)
        suggestion, searched_for = self._correction(parsed, answer.ranked), ""
        # The suggester reads all content: a correction is offered only if it finds something
        # this user may see, so suggestions never reveal restricted text.
        if suggestion and answer.total == 0:
            corrected = parse(suggestion)
            corrected_answer = self._page(base, corrected, limit, offset, sort)
            if corrected_answer.total:
                searched_for, parsed, answer = suggestion, corrected, corrected_answer
            else:
                suggestion = ""
        elif suggestion and not base.query(text_query(parse(suggestion))).count():
            suggestion = ""
        if answer.total == 0 and not suggestion:
            answer = self._page(base, parsed, limit, offset, sort, fuzzy=True)
        return SearchResult(
            hits=group_near_identical([self._hit(hit, parsed) for hit in answer.ranked]),
            total=answer.total,
            facets=answer.facets,
            suggestion=suggestion,
            searched_for=searched_for,
            engine=self.name,
        )

    def _page(self, base, parsed, limit, offset, sort, with_suggestions=False, fuzzy=False):
        """Two searches in one request, run side by side: the ranked page (top hits only, so
        the engine may skip what cannot reach it) and the counts (matching without scoring)."""
        query = text_query(parsed, fuzzy=fuzzy)
        ranked = base.query(query).extra(track_total_hits=False)
        ranked = (
            ranked.extra(size=0) if offset + limit > MAX_WINDOW else ranked[offset : offset + limit]
        )
        if sort == "newest":
            ranked = ranked.sort({"published_at": {"order": "desc", "missing": "_last"}}, "key")
        ranked = ranked.highlight_options(
            pre_tags=[MARK_START], post_tags=[MARK_STOP], fragment_size=180,
            number_of_fragments=2, no_match_size=0,
        ).highlight("text")  # fmt: skip
        if with_suggestions:
            words = " ".join(word for word in parsed.words if len(word) >= SUGGEST_MIN_LENGTH)
            if words:
                ranked = ranked.suggest("words", words, term={
                    "field": "text.plain", "suggest_mode": "missing",
                    "min_word_length": SUGGEST_MIN_LENGTH, "sort": "score",
                })  # fmt: skip
        counted = base.filter(query).extra(size=0, track_total_hits=True)
        counted.aggs.bucket("type", "terms", field="kind", size=len(RecordKind.choices))
        counted.aggs.bucket("kind", "terms", field="report_kind", size=FACET_LIMIT)
        counted.aggs.bucket("year", "terms", field="year", size=50, order={"_key": "desc"})
        for name in LABEL_FACETS:
            counted.aggs.bucket(name, "terms", field=f"{name}_facet", size=FACET_LIMIT,
                                order=[{"_count": "desc"}, {"_key": "asc"}])  # fmt: skip
        both = MultiSearch(using=index.client(), index=index.read_alias())
        ranked_response, counted_response = both.add(ranked).add(counted).execute()
        return Answer(ranked_response, self._facets(counted_response),
                      counted_response.hits.total.value)  # fmt: skip

    @staticmethod
    def _correction(parsed, response) -> str:
        if "suggest" not in response:
            return ""
        replacements = {
            entry.text: entry.options[0].text for entry in response.suggest.words if entry.options
        }
        if not replacements:
            return ""
        return " ".join(replacements.get(word, word) for word in parsed.words)

    @staticmethod
    def _facets(response) -> dict:
        aggregations = response.aggregations
        facets = {
            "type": [(b.key, str(RecordKind(b.key).label), b.doc_count)
                     for b in aggregations.type.buckets],
            "kind": [(b.key, b.key, b.doc_count) for b in aggregations.kind.buckets],
            "year": [(str(b.key), str(b.key), b.doc_count) for b in aggregations.year.buckets],
        }  # fmt: skip
        for name in LABEL_FACETS:
            facets[name] = []
            for bucket in aggregations[name].buckets:
                title, slug = bucket.key.split(FACET_SEPARATOR, 1)
                facets[name].append((slug, title, bucket.doc_count))
        return facets

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
        return Hit(
            type=str(RecordKind(source["kind"]).label),
            title=title,
            url=source["url"],
            text=full_text(title, parent, source["text"]),
            parent_title=parent,
            snippet=snippet,
            labels=labels,
            score=round(float(hit.meta.score or 0), 4),
            page_id=source["page_id"],
        )

    def _suggest_titles(self, prefix, user, limit):
        search = self._base(user, None).query(
            "multi_match", query=prefix, type="bool_prefix", operator="and",
            fields=["title.typed", "title.typed._2gram", "title.typed._3gram"],
        )[:limit]  # fmt: skip
        search = search.source(["title", "parent_title", "url", "kind"])
        return [
            TitleSuggestion(hit.title, getattr(hit, "parent_title", "") or "", hit.url, hit.kind)
            for hit in search.execute()
        ]

"""The embedded engine: the database itself.

On PostgreSQL, records carry a ``tsvector`` in the ``wijkwijs_dutch`` configuration
(Snowball Dutch, accents folded); a query matches any of its words (and their variants
and synonyms) and ranks records containing all of them, in their titles first. Typos
are corrected against the index vocabulary with trigram similarity. On SQLite (the
demo) the same contract is kept with substring matching and a simpler ranking.

Every query is limited to the records the user may see before anything is counted, so
hits, snippets, facet counts and suggestions never reveal restricted content.
"""

import dataclasses
import functools
import math
import re
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQueryField,
    SearchRank,
)
from django.core.exceptions import EmptyResultSet
from django.db import connection, connections, transaction
from django.db.models import BooleanField, F, FloatField, Q, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Greatest

from search import dutch, fts
from search.compounds import join_compounds, known_parts, split_compounds
from search.corrections import correct, known_frequency
from search.engines import evidence
from search.engines.candidates import ChosenCandidates
from search.filters import (
    FACET_NAMES,
    FACET_OF_RELATION,
    LABEL_FACETS,
    as_list,
    single_valued_filters,
)
from search.frequencies import document_frequencies
from search.grouping import group_near_identical
from search.indexing import TEXT_SEARCH_CONFIG
from search.intents import with_answers
from search.labels import record_labels
from search.models import PageFacet, SearchRecord
from search.page_context import CONTEXT_DEPTH, Candidate, explanation, in_page_context
from search.query import ParsedQuery, Term, parse, word_variants
from search.registry import kind_label
from search.results import EvidenceHit, Hit, SearchResult, TitleSuggestion
from search.snippets import (
    MARK_START,
    MARK_STOP,
    safe_snippet,
    simple_snippet,
    with_readable_snippets,
)
from wijkwijs.vocabulary import named

# ts_rank weights for D (compound parts), C (text), B (report title), A (title): a
# section's text counts nearly as much as its heading.
RANK_WEIGHTS = [0.1, 0.5, 0.4, 0.8]
ALL_TERMS_BONUS = 2.0
RERANK_DEPTH = 200  # candidates given the full score; results beyond are rarely read
# The cheap rank gives a distance to every record the query matches (RUM), so a query of
# several common words, any of which matches, would order most of a large index (a long
# question: 0.7 s at 100,000 sections). Such a query matches by its rarest words instead, as
# many as hold at most this many records together; all its words still rank what matches.
# At 100,000 sections the judged queries rank as well or better from 2,500 to 7,500 records
# (nDCG 0.539 at 5,000, 0.502 at 20,000; README, "Search at 100,000 sections").
CANDIDATE_BUDGET = 5_000
CANDIDATE_MIN_TERMS = 2  # one word: it is what matches
ALTERNATIVE_WEIGHT = 0.5
PROXIMITY_WEIGHT = 1.0
PROXIMITY_SPAN = 10  # words (SQLite's NEAR)
RANK_NORMALISATION = 32  # rank / (rank + 1): scores comparable across record lengths
FACET_LIMIT = 20


def apply_filters(records, filters):
    """Filter values are slugs or names, case-insensitive; an unknown value matches nothing."""
    filters = filters or {}
    for field, values in single_valued_filters(filters):
        records = records.filter(**{f"{field}__in": values})
    for name, (relation, _target) in LABEL_FACETS.items():
        field = SearchRecord._meta.get_field(relation)
        through = field.remote_field.through.objects
        for value in as_list(filters.get(name)):
            # The label's ids first (a small query), then a subquery on the label table by
            # id: no join per matching record, and no duplicate rows to remove.
            label_ids = list(
                named(field.related_model.objects.all(), value).values_list("pk", flat=True)
            )
            labelled = through.filter(**{f"{field.m2m_reverse_name()}__in": label_ids})
            records = records.filter(pk__in=labelled.values("searchrecord_id"))
    return records


RUM_INDEX = "search_record_rum"  # optional: search/migrations/0005_rum_index.py


@functools.cache
def rum_index_present() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = %s", [RUM_INDEX])
        return cursor.fetchone() is not None


@contextmanager
def text_index_preferred():
    """Counting matches: use the text index (RUM where installed, else GIN), as a bitmap
    scan. The planner does not count the cost of reading each record's vector back from
    out-of-line storage, so for a common word it scans the table and reads every vector,
    where the index alone says which records match."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        yield
        # Inside a caller's transaction SET LOCAL would outlive this block (after an error
        # the savepoint's rollback undoes it).
        cursor.execute("RESET enable_seqscan")
        cursor.execute("RESET enable_indexscan")


def _pairs(rows):
    """Integer pairs as a table in SQL: two array parameters on PostgreSQL."""
    if connection.vendor == "postgresql":
        # Array literals as text: psycopg's list adaptation costs more than the query.
        columns = ["{" + ",".join(str(row[column]) for row in rows) + "}" for column in (0, 1)]
        return "SELECT * FROM unnest(%s::integer[], %s::integer[])", columns
    return f"VALUES {', '.join(['(%s, %s)'] * len(rows))}", [v for row in rows for v in row]


def facet_counts(matched) -> dict:
    """Every facet from one pass over the matches. Only the matched records' pages are
    read: all records of a page share its type, report kind, year and labels
    (``indexing.build_records``), so matches are counted per page, and each page's facet
    values (``PageFacet``) are looked up once, however many of its sections matched."""
    facets = {name: [] for name in FACET_NAMES}
    try:
        matched_sql, params = matched.values_list("page_id").query.sql_with_params()
    except EmptyResultSet:  # a filter no record can pass (an unknown value)
        return facets
    with text_index_preferred(), connection.cursor() as cursor:
        cursor.execute(
            f"SELECT page_id, COUNT(*) FROM ({matched_sql}) AS matched GROUP BY page_id", params
        )
        per_page = cursor.fetchall()
    if not per_page:
        return facets
    # A second statement, planned freely: a hash join with the (small) facet table.
    matched_pages, page_params = _pairs(per_page)
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH matched(page_id, n) AS ({matched_pages}), "
            "counted AS (SELECT described.facet, described.value, described.label_id, "
            "SUM(matched.n) AS n FROM matched "
            f"JOIN {PageFacet._meta.db_table} AS described ON described.page_id = matched.page_id "
            "GROUP BY described.facet, described.value, described.label_id) "
            "SELECT counted.facet, COALESCE(label.slug, counted.value), "
            "COALESCE(label.title, counted.value), counted.n FROM counted "
            "LEFT JOIN wagtailcore_page AS label ON label.id = counted.label_id",
            page_params,
        )
        for name, value, label, count in cursor.fetchall():
            facets[name].append((value, label, int(count)))
    facets["type"] = sorted(
        ((kind, kind_label(kind), n) for kind, _label, n in facets["type"]),
        key=lambda row: (-row[2], row[0]),
    )
    facets["kind"].sort(key=lambda row: -row[2])
    facets["year"].sort(key=lambda row: -int(row[0]))
    for name in LABEL_FACETS:
        facets[name] = sorted(facets[name], key=lambda row: (-row[2], row[1]))[:FACET_LIMIT]
    return facets


# Facets are counted on a second database connection while this one ranks, so the two
# halves of a search run on two cores (as Elasticsearch runs a search on every shard).
_alongside = ThreadPoolExecutor(max_workers=2, thread_name_prefix="wijkwijs-facets")
_alongside_connections = set()


def _on_own_connection(alias, function, *args):
    own = connections[alias]
    own.close_if_unusable_or_obsolete()  # as Django does for a request's connection
    if own not in _alongside_connections:
        own.inc_thread_sharing()  # so close_alongside_connections may close it
        _alongside_connections.add(own)
    return function(*args)


def counted_alongside(matched):
    """The facet counts of ``matched``, started now; call the result for them. Inside a
    transaction they are counted right here: another connection would not see its
    uncommitted changes."""
    current = connections[matched.db]
    if current.vendor != "postgresql" or current.in_atomic_block:
        facets = facet_counts(matched)
        return lambda: facets
    return _alongside.submit(_on_own_connection, matched.db, facet_counts, matched).result


def close_alongside_connections():
    """Close the connections the facet threads opened (before a test database is dropped)."""
    while _alongside_connections:
        _alongside_connections.pop().close()


def compound_splits(parsed: ParsedQuery) -> list[list[Term]]:
    """Query words that are compounds of two indexed words, as an extra AND-alternative."""
    splits = split_compounds(parsed.words, known_frequency)
    return [[Term((left,)), Term((right,))] for left, right in splits.values()]


def compound_joins(parsed: ParsedQuery) -> list[list[Term]]:
    """The query with two neighbouring words written as the one compound the index holds."""
    single = [
        (position, term) for position, term in enumerate(parsed.terms) if len(term.words) == 1
    ]
    joins = join_compounds([term.words[0] for _position, term in single], known_frequency)
    rewrites = []
    for (position, left), (next_position, right) in zip(single, single[1:], strict=False):
        joined = joins.get((left.words[0], right.words[0]))
        if joined and next_position == position + 1:
            terms = parsed.terms
            rewrites.append([*terms[:position], Term((joined,)), *terms[position + 2 :]])
    return rewrites


def compound_fallback(parsed: ParsedQuery) -> ParsedQuery | None:
    """For a query nothing matches: each long word the vocabulary does not know replaced
    by its known first and last parts (None if no word has any)."""
    known = known_frequency(set(parsed.words))
    terms, replaced = [], False
    for term in parsed.terms:
        word = term.words[0]
        parts = [] if len(term.words) > 1 or word in known else known_parts(word, known_frequency)
        terms += [Term((part,)) for part in parts] or [term]
        replaced = replaced or bool(parts)
    if not replaced:
        return None
    return ParsedQuery(original=" ".join(term.text for term in terms), terms=terms)


def widenings(parsed: ParsedQuery) -> list[list[Term]]:
    """Rewrites that widen the match, each ranked below the user's own words: theme
    synonyms, derivations, compound splits and joins."""
    return parsed.alternatives + parsed.derived + compound_splits(parsed) + compound_joins(parsed)


def split_parts(parsed: ParsedQuery) -> list[list[Term]]:
    """Each part of the query's compounds alone, among the records' compound parts:
    'procesregisseur' also finds a 'procesregie' and a 'regisseursrol'."""
    splits = compound_splits(parsed)
    return [[Term(part.words, among_parts=True)] for split in splits for part in split]


def _tsquery(terms: list[Term], joiner: str) -> str:
    parts = []
    for term in terms:
        label = ":D" if term.among_parts else ""
        words = [
            "(" + " | ".join(variant + label for variant in sorted(word_variants(word))) + ")"
            for word in term.words
        ]
        parts.append("(" + " <-> ".join(words) + ")")
    return f" {joiner} ".join(parts)


def headline(search_query):
    """The passages of a record's text that match, with the matches marked."""
    return SearchHeadline(
        "text",
        search_query,
        config=TEXT_SEARCH_CONFIG,
        start_sel=MARK_START,
        stop_sel=MARK_STOP,
        max_words=35,
        min_words=15,
        max_fragments=2,
        fragment_delimiter=" … ",
    )


def _tsquery_text(*groups) -> str:
    """One to_tsquery text for groups of (terms, joiner), OR-ed."""
    return " | ".join(f"({_tsquery(terms, joiner)})" for terms, joiner in groups)


def compile_tsqueries(texts: list[str]) -> list[str]:
    """Texts to tsqueries (stemmed, accents folded), in one round trip."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT to_tsquery(%s, query.text)::text "
            "FROM unnest(%s::text[]) WITH ORDINALITY AS query(text, position) "
            "ORDER BY query.position",
            [TEXT_SEARCH_CONFIG, texts],
        )
        return [compiled for (compiled,) in cursor.fetchall()]


def candidate_tsquery(terms, compiled_terms, counts, widened_count=0) -> str | None:
    """For a query that matches more records than the cheap rank should order
    (``CANDIDATE_BUDGET``), what it matches instead, compiled (None: every word and every
    widening). ``counts``: about how many records hold each term; ``widened_count``: its
    synonyms, derivations and compound parts together (an upper bound)."""
    if sum(counts) + widened_count <= CANDIDATE_BUDGET:
        return None
    if sum(counts) <= CANDIDATE_BUDGET:
        # The words fit in the budget and their widenings do not ('ontschotting' 3,000
        # records, with the theme's synonyms 33,000): where the words alone fill the
        # candidates, the widenings only rank them (a match of a synonym alone ranks below).
        if sum(counts) < RERANK_DEPTH:
            return None
        return with_phrases(terms, compiled_terms, [c for c in compiled_terms if c])
    if len(terms) < CANDIDATE_MIN_TERMS:
        return None
    chosen, total = [], 0
    # A named place only boosts (``query.PLACE_WEIGHT``): it never decides what matches.
    words = [
        (count, compiled)
        for term, count, compiled in zip(terms, counts, compiled_terms, strict=True)
        if compiled and term.weight <= 1  # a stop word compiles to nothing
    ]
    if not words:
        return None
    for count, compiled in sorted(words):
        if chosen and total + count > CANDIDATE_BUDGET:
            break
        chosen.append(compiled)
        total += count
    # Rewrites are left out: each holds all the other words, so a record matching one holds
    # the rarest words too, and an index scan would read the common words' postings for it.
    return with_phrases(terms, compiled_terms, chosen)


def with_phrases(terms, compiled_terms, chosen) -> str:
    """Any of the ``chosen`` compiled words, and every quoted phrase (they stay required)."""
    narrowed = " | ".join(f"({text})" for text in chosen)
    required = [c for term, c in zip(terms, compiled_terms, strict=True) if term.required]
    if required:
        narrowed = f"({narrowed}) & " + " & ".join(f"({text})" for text in required)
    return narrowed


LABELLED_LEXEME = re.compile(r"'((?:[^']|'')*)'(:[A-D]+)?")


def any_of_its_words(compiled: str) -> str:
    """Each word of a compiled tsquery once, OR-ed: the index orders by the distance to it
    fast, where each of a question's rewrites (all its words again) would cost one more."""
    words = {match[1] for match in LABELLED_LEXEME.finditer(compiled) if not match[2]}
    return " | ".join(sorted(f"'{lexeme}'" for lexeme in words))


def _tsquery_constant(compiled: str):
    """A compiled tsquery as a constant: to_tsquery with unaccent is too slow to run again
    for every row."""
    return RawSQL("%s::tsquery", [compiled], output_field=SearchQueryField())


@dataclass
class Match:
    """The records a query matches, the same records in rank order (each with a ``score``),
    and the text-search query that marks matches in snippets (PostgreSQL)."""

    matched: object
    ranked: object  # the best RERANK_DEPTH matches, fully scored
    deep_ranked: object  # every match, by the cheap score (for pages past the candidates)
    headline_query: object = None
    # What the score adds up, for ``explain``: (reason, SQL expression) on PostgreSQL,
    # (reason, {record id: score}) on SQLite.
    components: list = dataclasses.field(default_factory=list)


class EmbeddedEngine:
    name = "embedded"

    def search(
        self, query, filters=None, user=None, limit=10, offset=0, sort="relevance", as_typed=False
    ):
        parsed = parse(query) if isinstance(query, str) else query
        if parsed.empty:
            return SearchResult(hits=[], total=0)
        records = apply_filters(SearchRecord.visible_to(user), filters)
        searched = self.searched(records, parsed, self.correction(parsed, user), as_typed)
        parsed, found, suggestion, searched_for = searched
        facets = counted_alongside(found.matched)
        hits = []
        if limit:  # with limit 0, the counts alone: nothing ranked (a facet group's counts)
            if sort == "newest":
                ranked = found.matched.only("pk", "published_at").order_by(
                    F("published_at").desc(nulls_last=True), "pk"
                )
            else:
                ranked = found.ranked if offset + limit <= RERANK_DEPTH else found.deep_ranked
            page = list(ranked[offset : offset + limit])
            hits = self.hits(page, parsed, found.headline_query)
            hits = group_near_identical(with_readable_snippets(hits, parsed))
            if sort == "relevance":
                answering = EmbeddedEngine()
                answering.main_search = None if filters else found
                hits = with_answers(parsed, hits, user, answering, limit, offset)
        facets = facets()
        return SearchResult(
            hits=hits,
            total=sum(count for _kind, _label, count in facets["type"]),  # every record has one
            facets=facets,
            suggestion=suggestion,
            searched_for=searched_for,
            engine=self.name,
        )

    def correction(self, parsed, user):
        """'Bedoelde u …?' for the words, checked against all ``user`` may see."""
        visible = SearchRecord.visible_to(user)
        return correct(parsed.words, lambda word: self.visible_word(visible, word))

    def searched(self, records, parsed, correction, as_typed=False):
        """What is searched within ``records``: the words, their correction, or their
        compounds' known parts (``as_typed``: the words); as (parsed, match, suggestion,
        searched for)."""
        found = self.match(records, parsed)
        suggestion, searched_for = correction.text, ""
        if suggestion:
            corrected = parse(suggestion)
            corrected_found = self.match(records, corrected)
            if not corrected_found.matched.exists():  # (within the filters)
                suggestion = ""
            elif not as_typed and (correction.search_it or not found.matched.exists()):
                searched_for, parsed, found = suggestion, corrected, corrected_found
        if not as_typed and not searched_for and not found.matched.exists():
            fallback = compound_fallback(parsed)
            fallback_found = self.match(records, fallback) if fallback else None
            if fallback_found and fallback_found.matched.exists():
                searched_for, parsed, found = fallback.original, fallback, fallback_found
        return parsed, found, suggestion, searched_for

    # The unfiltered search whose answers (``search.intents``) are being found, if any:
    # its ranking, already read, may be the evidence's (``evidence.reused``).
    main_search = None

    def rank_evidence(self, query, filter_sets, user=None, limit=100) -> list[list[EvidenceHit]]:
        """The first ``limit`` records ``search`` ranks for ``query`` under each of
        ``filter_sets``, as evidence: the same records, order and scores as its hits
        (before near-identical ones are folded), without snippets, text or facet counts."""
        parsed = parse(query) if isinstance(query, str) else query
        if parsed.empty:
            return [[] for _filters in filter_sets]
        visible = SearchRecord.visible_to(user)  # the permissions, read once for all lists
        correction = correct(parsed.words, lambda word: self.visible_word(visible, word))
        ranked_lists = []
        for filters in filter_sets:
            searched, found, _suggestion, _searched_for = self.searched(
                apply_filters(visible, filters), parsed, correction
            )
            reused = evidence.reused(
                self.main_search, self.match, visible, searched, filters, found
            )
            ranked_lists.append(evidence.ranked_hits(reused or found.ranked[:limit], limit))
        return ranked_lists

    def suggest_titles(self, prefix, user=None, limit=8) -> list[TitleSuggestion]:
        """Autocomplete: titles that start with, or have a word starting with, ``prefix``."""
        records = (
            SearchRecord.visible_to(user)
            .filter(Q(title__istartswith=prefix) | Q(title__icontains=f" {prefix}"))
            .order_by("kind", "title")
            .values_list("title", "parent_title", "url", "kind")[:limit]
        )
        return [TitleSuggestion(*record) for record in records]

    def explain(self, query, user=None, limit=10) -> list[dict]:
        """Why each of the top hits ranks where it does: the parts its score adds up."""
        parsed = parse(query)
        if parsed.empty:
            return []
        found = self.match(SearchRecord.visible_to(user), parsed)
        page = list(found.ranked[:limit])
        records = SearchRecord.objects.filter(pk__in=[record.pk for record in page])
        names = [f"part_{number}" for number in range(len(found.components))]
        if connection.vendor == "postgresql":
            expressions = [expression for _reason, expression in found.components]
            records = records.annotate(**dict(zip(names, expressions, strict=True)))
            rows = records.values_list("pk", "title", *names)
            parts = {pk: (title, values) for pk, title, *values in rows}
        else:
            parts = {
                pk: (title, [scores.get(pk, 0.0) for _reason, scores in found.components])
                for pk, title in records.values_list("pk", "title")
            }
        explained = []
        for rank, record in enumerate(page, start=1):
            title, values = parts[record.pk]
            reasons = [
                f"{float(value or 0):+.4f}  {reason}"
                for (reason, _expression), value in zip(found.components, values, strict=True)
            ]
            reasons.append(record.in_context)
            score = float(getattr(record, "score", 0) or 0)
            explained.append({"rank": rank, "score": score, "title": title, "reasons": reasons})
        return explained

    # Matching and ranking ------------------------------------------------------------

    def match(self, records, parsed: ParsedQuery) -> Match:
        if connection.vendor == "postgresql":
            found = self._match_postgres(records, parsed)
        elif fts.available():
            found = self._match_full_text(records, parsed)
        else:
            found = self._match_simple(records, parsed)
        found.ranked = RankedInContext(found.ranked)
        return found

    def _match_postgres(self, records, parsed):
        def rank(search_query):
            return SearchRank(
                F("search_vector"),  # the stored vector (a plain name would be re-parsed)
                search_query,
                weights=RANK_WEIGHTS,
                normalization=RANK_NORMALISATION,
            )

        def matching(search_query):
            return RawSQL("search_vector @@ %s::tsquery", search_query.params, BooleanField())

        alternatives = [(terms, "&") for terms in widenings(parsed)]
        parts = [(terms, "&") for terms in split_parts(parsed)]
        any_word = _tsquery_text((parsed.terms, "|"), *alternatives, *parts)
        required = [term for term in parsed.terms if term.required]
        if required:  # a quoted phrase must occur
            any_word = f"({any_word}) & ({_tsquery(required, '&')})"
        term_texts = [_tsquery_text(([term], "&")) for term in parsed.terms]
        widened = {}
        if alternatives:
            widened["alternatives"] = _tsquery_text(*alternatives)
        if parts:
            widened["parts"] = _tsquery_text(*parts)
        if joins := compound_joins(parsed):
            widened["joined"] = _tsquery_text(*((terms, "&") for terms in joins))
        compiled = compile_tsqueries(
            [any_word, _tsquery_text((parsed.terms, "&")), *term_texts, *widened.values()]
        )
        matcher, all_words = map(_tsquery_constant, compiled[:2])
        compiled_terms = compiled[2 : 2 + len(term_texts)]
        compiled_widened = compiled[2 + len(term_texts) :]
        widened = dict(zip(widened, map(_tsquery_constant, compiled_widened), strict=True))
        # ts_rank knows no document frequency: weight each term by its rarity (IDF), so
        # 'privacy' counts for more than 'wijkteam' in "privacy wijkteam".
        records_in_index, found = document_frequencies(compiled_terms + compiled_widened)
        found, widened_found = found[: len(compiled_terms)], found[len(compiled_terms) :]
        components, weights = [], []
        for term, compiled_term, count in zip(parsed.terms, compiled_terms, found, strict=True):
            rarity = math.log(1 + (max(records_in_index, 1) - count + 0.5) / (count + 0.5))
            weights.append(term.weight * rarity)
            components.append(
                (
                    f"'{term.text}' (rarity {weights[-1]:.2f}, in {count} records)",
                    weights[-1] * rank(_tsquery_constant(compiled_term)),
                )
            )
        mean_weight = sum(weights) / len(weights)
        every_word = rank(all_words)
        if "joined" in widened:  # two of the words written as the one compound they make
            every_word = Greatest(every_word, rank(widened["joined"]))
        components.append(("every word", ALL_TERMS_BONUS * mean_weight * every_word))
        if len(parsed.terms) > 1:  # the words close together: cover density ranking
            close = SearchRank(
                F("search_vector"),
                all_words,
                weights=RANK_WEIGHTS,
                cover_density=True,
                normalization=RANK_NORMALISATION,
            )
            components.append(("words close together", PROXIMITY_WEIGHT * mean_weight * close))
        if "alternatives" in widened:
            alternative = rank(widened["alternatives"])
            components.append(
                ("synonyms, derivations, compound parts", ALTERNATIVE_WEIGHT * alternative)
            )
        if "parts" in widened:
            components.append(("a part of a compound", ALTERNATIVE_WEIGHT * rank(widened["parts"])))
        score = sum((expression for _reason, expression in components), Value(0.0))
        narrowed = candidate_tsquery(parsed.terms, compiled_terms, found, sum(widened_found))
        candidates = _tsquery_constant(narrowed) if narrowed else matcher
        matched = records.filter(matching(candidates))

        def nearest(query):
            """The matches in order of a cheap rank: with the RUM index, from the index."""
            if rum_index_present():
                distance = RawSQL("search_vector <=> %s::tsquery", query.params, FloatField())
                cheap = matched.only("pk", "published_at").annotate(distance=distance)
                return cheap.annotate(score=1 / F("distance")).order_by("distance")
            cheap = matched.only("pk", "published_at").annotate(score=rank(query))
            return cheap.order_by("-score", "pk")

        # Two phases: a cheap rank over every match picks the candidates, the full score
        # orders them. Keys only: the text is fetched for the hits shown, not for every match.
        if narrowed:
            # The cheap rank knows no rarity: the records nearest to all of a question's
            # words, and those nearest to its rarest, are candidates.
            cheap = nearest(_tsquery_constant(any_of_its_words(compiled[0])))
            half = RERANK_DEPTH // 2
            orders = [(cheap, half), (nearest(candidates), half)]
        else:
            cheap = nearest(matcher)
            orders = [(cheap, RERANK_DEPTH)]
        return Match(matched, ChosenCandidates(orders, score), cheap, matcher, components)

    def _match_full_text(self, records, parsed):
        """SQLite with FTS5: the PostgreSQL ranking's parts in BM25 scores of the stemmed
        table: any word, every word (a bonus), synonyms and compound splits (weighted
        less), each through one MATCH."""
        terms = [expression for term in parsed.terms if (expression := _fts_term(term))]
        if not terms:
            return Match(records.none(), ScoredRecords([], {}), ScoredRecords([], {}))
        alternatives = [
            " AND ".join(filter(None, map(_fts_term, alternative)))
            for alternative in widenings(parsed)
        ]
        alternatives = [f"({expression})" for expression in alternatives if expression]
        required = [_fts_term(term) for term in parsed.terms if term.required]

        def holding_phrases(expression):  # a quoted phrase must occur
            return " AND ".join([f"({expression})", *filter(None, required)])

        try:
            visible_sql, params = records.values("pk").query.sql_with_params()
        except EmptyResultSet:  # a filter no record can pass (an unknown value)
            return Match(records.none(), ScoredRecords([], {}), ScoredRecords([], {}))
        words = ", ".join(f"'{term.text}'" for term in parsed.terms)
        # Each part: (reason, weight, expressions, whether rarity counts); a record scores its
        # best expression, so one holding every synonym a theme lists is not more about the
        # word than one. A widening counts as holding it, as on PostgreSQL: BM25 would weigh
        # a rare synonym above the user's own word.
        parts = [(f"{words} (BM25: rarity and frequency)", 1.0, [" OR ".join(terms)], True)]
        if len(terms) > 1:
            joins = [" AND ".join(filter(None, map(_fts_term, j))) for j in compound_joins(parsed)]
            every_word = [" AND ".join(terms), *filter(None, joins)]
            parts.append(("every word", ALL_TERMS_BONUS, [f"({e})" for e in every_word], True))
            close = [fts.quoted(dutch.stems(word)) for word in parsed.words if dutch.stems(word)]
            if len(close) > 1:
                near = f"NEAR({' '.join(close)}, {PROXIMITY_SPAN})"
                parts.append(("words close together", PROXIMITY_WEIGHT, [near], True))
        if alternatives:
            reason = "synonyms, derivations, compound parts"
            parts.append((reason, ALTERNATIVE_WEIGHT, alternatives, False))
        if in_parts := list(filter(None, (_fts_term(term) for [term] in split_parts(parsed)))):
            parts.append(("a part of a compound", ALTERNATIVE_WEIGHT, in_parts, False))
            alternatives = [*alternatives, *in_parts]
        components, scores = [], {}
        for reason, weight, expressions, rarity in parts:
            best = {}
            for expression in expressions:
                found = fts.scores(holding_phrases(expression), visible_sql, params)
                for pk, score in found.items():
                    best[pk] = max(best.get(pk, 0.0), weight * (score if rarity else 1.0))
            components.append((reason, best))
            for pk, score in best.items():
                scores[pk] = scores.get(pk, 0.0) + score
        any_word = holding_phrases(" OR ".join(terms + alternatives))
        matching, match_params = fts.matching_sql(any_word)
        matched = records.filter(pk__in=RawSQL(matching, match_params))
        order = sorted(scores, key=lambda pk: (-scores[pk], pk))
        ranked = ScoredRecords(order, scores)
        return Match(matched, ranked, ranked, components=components)

    def _match_simple(self, records, parsed):
        """SQLite without FTS5: any word (or variant, or synonym) as a substring; ranked in
        Python."""
        words = {v for word in parsed.words for v in word_variants(word)}
        for alternative in parsed.alternatives:
            words |= {word for term in alternative for word in term.words}
        condition = Q()
        for word in words:
            condition |= Q(title__icontains=word) | Q(parent_title__icontains=word)
            condition |= Q(text__icontains=word)
        matched = records.filter(condition)
        scores = {}
        for record in matched.only("pk", "title", "parent_title", "text"):
            title, parent, text = (
                record.title.lower(),
                record.parent_title.lower(),
                record.text.lower(),
            )
            found = [word for word in words if word in title or word in parent or word in text]
            scores[record.pk] = ALL_TERMS_BONUS * len(found) + sum(
                3 * title.count(word) + parent.count(word) + text.count(word) / 5 for word in found
            )
        order = sorted(scores, key=lambda pk: (-scores[pk], pk))
        ranked = ScoredRecords(order, scores)
        return Match(matched, ranked, ranked)

    # Results ---------------------------------------------------------------------------

    def hits(self, page, parsed, headline_query):
        """Hits for one page of ranked records, in their order."""
        records = SearchRecord.objects.filter(pk__in=[r.pk for r in page])
        if headline_query is not None:  # the snippets in the same query
            records = records.annotate(headline=headline(headline_query))
        by_pk = {record.pk: record for record in records}
        labels = record_labels(list(by_pk), communities=False)
        words = set()  # for the simple snippets (SQLite)
        if headline_query is None:
            words = {v for word in parsed.words for v in word_variants(word)}
        hits = []
        for ranked_record in page:
            record = by_pk[ranked_record.pk]
            hits.append(
                Hit(
                    type=kind_label(record.kind),
                    kind=record.kind,
                    title=record.title,
                    url=record.url,
                    text=record.full_text,
                    parent_title=record.parent_title,
                    context=record.context,
                    snippet=safe_snippet(record.headline)
                    if headline_query is not None
                    else simple_snippet(record.text, words),
                    labels={
                        relation: [title for _slug, title in labels[record.pk][facet]]
                        for relation, facet in FACET_OF_RELATION.items()
                    },
                    score=round(float(getattr(ranked_record, "score", 0) or 0), 4),
                    page_id=record.page_id,
                    visibility=record.visibility,
                    key=record.key,
                )
            )
        return hits

    # Suggestions -------------------------------------------------------------------------

    @staticmethod
    def visible_word(visible, word: str) -> bool:
        """Whether ``word`` (a vocabulary word: normalised) occurs in a record of
        ``visible``: found through the text index, then read in the text itself."""
        if connection.vendor == "postgresql":
            (compiled,) = compile_tsqueries([_tsquery([Term((word,))], "&")])
            candidates = visible.filter(
                RawSQL("search_vector @@ %s::tsquery", [compiled], BooleanField())
            )
            lookup = "unaccent__icontains"
        elif fts.available():
            candidates = visible.filter(
                pk__in=RawSQL(*fts.matching_sql(fts.quoted(dutch.stems(word) or [word])))
            )
            lookup = "icontains"  # SQLite folds no accents: a word with one is not offered
        else:
            candidates, lookup = visible, "icontains"
        written = Q()
        for field in ("title", "parent_title", "context", "text"):
            written |= Q(**{f"{field}__{lookup}": word})
        return candidates.filter(written).exists()


def _fts_term(term: Term) -> str:
    """A query term for FTS5: a word with its variants, or a phrase; '' for stop words only."""
    if len(term.words) > 1:
        stems = dutch.stems(term.text)
        return fts.quoted(stems) if stems else ""
    variants = sorted(
        {stem for variant in word_variants(term.words[0]) for stem in dutch.stems(variant)}
    )
    if not variants:
        return ""
    column = f"{fts.PARTS_COLUMN} : " if term.among_parts else ""
    return column + "(" + " OR ".join(fts.quoted([stem]) for stem in sorted(variants)) + ")"


class RankedInContext:
    """A match's best candidates ordered in the context of their pages
    (``search.page_context``) when first read; sliceable like the ranking it replaces."""

    def __init__(self, ranked):
        self.ranked, self.records = ranked, None

    def __getitem__(self, window):
        if self.records is None:
            best = list(self.ranked[:RERANK_DEPTH])
            candidates = {record.pk: record for record in best[:CONTEXT_DEPTH]}
            ordered = in_page_context(
                [
                    Candidate(pk, record.page_id, float(record.score or 0))
                    for pk, record in candidates.items()
                ]
            )
            self.records = []
            for candidate in ordered:
                record = candidates[candidate.key]
                record.score, record.in_context = candidate.score, explanation(candidate)
                self.records.append(record)
            for record in best[CONTEXT_DEPTH:]:
                record.in_context = "(below the candidates ordered in context)"
                self.records.append(record)
        return self.records[window]


class ScoredRecords:
    """Records ranked by scores computed in Python (the SQLite path), sliceable like a
    queryset."""

    def __init__(self, order, scores):
        self.order, self.scores = order, scores

    def __getitem__(self, window):
        pks = self.order[window]
        by_pk = SearchRecord.objects.in_bulk(pks)
        for pk in pks:
            by_pk[pk].score = self.scores[pk]
        return [by_pk[pk] for pk in pks]

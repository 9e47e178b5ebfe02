"""Keeping the search index in step with the content.

``index_page`` rewrites the records of one page (a report: one record per section; none
for a page that is not live); ``rebuild`` rewrites everything. Each record carries the
visibility that decides who may find it.
"""

import gc
import re
from collections import Counter
from contextlib import contextmanager

from django.db import connection, transaction
from django.db.models import Q
from wagtail.models import Page, PageViewRestriction

from search import bulk, dutch, fts
from search.compounds import split_compounds
from search.elastic import sync
from search.filters import FACET_OF_RELATION
from search.models import PageFacet, SearchRecord, SearchTerm
from search.registry import findable_models
from search.vectors import (
    PLAIN_FIELDS,
    TEXT_SEARCH_CONFIG,  # noqa: F401 (the engines import it from here)
    plain,
    vector_sql,
)
from wijkwijs.normalise import folded
from wijkwijs.remembered import content_changed

# A word of the vocabulary: 4 to 40 letters a-z, a whole word of the normalised text (read
# from the folded text, between characters that are not letters or digits).
VOCABULARY_WORDS = re.compile(r"(?<![^\W_])[a-z]{4,40}(?![^\W_])")


def build_records(page) -> list[tuple[SearchRecord, object]]:
    """Unsaved records for a live page, each with its labels, as the page declares them
    (``wijkwijs.findable``)."""
    common = {
        "kind": page.search_kind.value,
        "page": page,
        "visibility": page.search_visibility(),
        "published_at": page.search_moment(),
    }
    labels = page.search_labels()
    return [
        (
            SearchRecord(
                key=draft.key,
                section_id=draft.section_id,
                title=draft.title,
                context=draft.context,
                parent_title=draft.parent_title,
                url=draft.url,
                text=draft.text,
                report_kind=draft.report_kind,
                year=draft.year,
                **common,
            ),
            labels,
        )
        for draft in page.search_records()
    ]


# The label relations of a record, and the target column in each through table.
LABEL_RELATIONS = (
    ("municipalities", "municipalitypage_id"),
    ("themes", "themepage_id"),
    ("organisations", "organisationpage_id"),
    ("communities", "communitypage_id"),
)


def add_compound_parts(records, frequency_of, words=None):
    """Index the parts of compounds (a search for 'privacy' then finds 'privacyregels') and
    hyphenated words written together (a search for 'wmoloket' finds 'Wmo-loket').
    ``words``: each record's vocabulary words, where the caller has read them already."""
    words = words or [words_of(record.full_text) for record in records]
    splits = split_compounds(set().union(*words), frequency_of)
    for record, record_words in zip(records, words, strict=True):
        # The few split words a record has, found by a set intersection (in C).
        split = [splits[word] for word in sorted(splits.keys() & record_words)]
        parts = [f"{left} {right}" for left, right in split]
        joined = sorted(set(hyphenated_joined(record.full_text)))
        record.compound_parts = " ".join([*parts, *joined])


HYPHEN_ONWARDS = re.compile(r"-[\w-]*")


def hyphenated_joined(text) -> list[str]:
    """``dutch.joined_words(text)``, read only around the text's hyphens: a hyphenated word
    lies within a run of word characters and hyphens, and such a run reads the same alone
    as in the text. Scanning every word of the text for a hyphen took 0.6 s of a rebuild."""
    joined, end = [], 0
    for hyphen in HYPHEN_ONWARDS.finditer(text):
        if hyphen.start() < end:  # within the run just read
            continue
        start, end = hyphen.start(), hyphen.end()
        while start and (text[start - 1].isalnum() or text[start - 1] in "_-"):  # \w or -
            start -= 1
        joined += dutch.joined_words(text[start:end])
    return joined


def vocabulary_frequency(words):
    return dict(SearchTerm.objects.filter(word__in=words).values_list("word", "frequency"))


def _save(records_with_labels):
    records = SearchRecord.objects.bulk_create([record for record, _labels in records_with_labels])
    for relation, column in LABEL_RELATIONS:
        through = getattr(SearchRecord, relation).through
        through.objects.bulk_create(
            through(searchrecord_id=record.pk, **{column: page_id})
            for record, (_record, labels) in zip(records, records_with_labels, strict=True)
            for page_id in {labelled.pk for labelled in getattr(labels, relation)}
        )
    _update_vectors(records)
    return records


def page_facets(records_with_labels) -> list[PageFacet]:
    """Each page's facet values, once per page, for counting facets."""
    rows, described = [], set()
    for record, labels in records_with_labels:
        if record.page_id in described:
            continue
        described.add(record.page_id)
        values = {"type": record.kind, "kind": record.report_kind, "year": record.year}
        rows += [
            PageFacet(page_id=record.page_id, facet=facet, value=str(value))
            for facet, value in values.items()
            if value
        ]
        for relation, _column in LABEL_RELATIONS:
            labelled_pages = getattr(labels, relation)
            if relation in FACET_OF_RELATION:
                rows += [
                    PageFacet(
                        page_id=record.page_id, facet=FACET_OF_RELATION[relation], label=label
                    )
                    for label in {labelled.pk: labelled for labelled in labelled_pages}.values()
                ]
    return rows


def _update_vectors(records):
    if fts.available():
        fts.write(records)
    if connection.vendor != "postgresql" or not records:
        return
    # One statement for the page's records (the lexeme counts' trigger runs once).
    rows = [
        [record.pk for record in records],
        *([plain(getattr(record, name)) for record in records] for name in PLAIN_FIELDS),
        [record.compound_parts for record in records],
    ]
    names = ["id", *PLAIN_FIELDS, "compound_parts"]
    arrays = ", ".join(["%s::integer[]"] + ["%s::text[]"] * (len(names) - 1))
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {connection.ops.quote_name(SearchRecord._meta.db_table)} AS record "
            f"SET search_vector = {vector_sql(lambda name: f'given.{name}')} "
            f"FROM unnest({arrays}) AS given({', '.join(names)}) WHERE record.id = given.id",
            rows,
        )


def indexable(page) -> bool:
    return page.live and isinstance(page, findable_models())


def live_version(page, just_saved=False):
    """The page as the database holds it: the live version. A page in memory may hold a
    draft (``save_revision()`` leaves the draft's title, visibility and consent date on it),
    so it is read again, unless it is the instance a full save has just written (whose new
    relations are still in memory, committed after the save)."""
    if just_saved:
        return page.specific
    stored = Page.objects.filter(pk=page.pk).first()
    return stored.specific if stored else None


@transaction.atomic
def index_page(page, just_saved=False):
    """Rewrite the records of one page from its live version (none if it is not live, not
    searchable or gone)."""
    page_id, page = page.pk, live_version(page, just_saved)
    SearchRecord.objects.filter(page_id=page_id).delete()
    PageFacet.objects.filter(page_id=page_id).delete()
    if page is not None and indexable(page):
        built = build_records(page)
        add_to_vocabulary([record for record, _labels in built])
        add_compound_parts([record for record, _labels in built], vocabulary_frequency)
        _save(built)
        PageFacet.objects.bulk_create(page_facets(built))
    content_changed()
    sync.schedule([page_id])


def vocabulary_words(text) -> list[str]:
    """The text's words that the vocabulary counts, in order."""
    # One pass of a regular expression: faster than splitting and matching each word.
    return VOCABULARY_WORDS.findall(folded(text))


def words_of(text) -> Counter:
    return Counter(vocabulary_words(text))


def add_to_vocabulary(records):
    counts = Counter()
    for record in records:
        counts.update(vocabulary_words(record.full_text))
    known = set(SearchTerm.objects.filter(word__in=list(counts)).values_list("word", flat=True))
    SearchTerm.objects.bulk_create(
        [
            SearchTerm(word=word, frequency=count)
            for word, count in counts.items()
            if word not in known
        ],
        ignore_conflicts=True,
    )


def forget_words(text):
    """Take the words of ``text`` out of the vocabulary ("Bedoelde u") where no record holds
    them any more (a pseudonymised name)."""
    for word in words_of(text):
        holders = SearchRecord.objects.filter(
            Q(title__icontains=word) | Q(parent_title__icontains=word) | Q(text__icontains=word)
        )
        if not any(word in words_of(record.full_text) for record in holders.iterator()):
            SearchTerm.objects.filter(word=word).delete()
    content_changed()


def searchable_pages():
    return Page.objects.live().type(*findable_models()).specific()


def pages_to_rebuild():
    """Every live searchable page, the relations its records read fetched in a few queries
    per page type (as each type declares them)."""
    pages = []
    # With no page behind Wagtail's privacy anywhere, no page needs asking (two queries each).
    unrestricted = not PageViewRestriction.objects.exists()
    for model in findable_models():
        pages += (
            model.objects.live()
            .exact_type(model)
            .select_related(*model.search_select_related)
            .prefetch_related(*model.search_prefetch_related)
        )
    for page in pages:
        page.search_unrestricted = unrestricted
    return pages


def delete_all_records():
    """Every record, its labels, facets and vocabulary, in one statement per table: Django's
    cascade would first read each record (texts and vectors) to delete its labels by key.
    PostgreSQL truncates them: deleted rows would stay in the tables until a vacuum, and
    the text index built after the load would hold them too (an index built in the
    transaction that deleted them keeps them for other transactions), which doubled its
    build. The tables are locked until the rebuild commits, as the dropped text index
    already locks the records; a rollback brings the old rows back."""
    throughs = [getattr(SearchRecord, relation).through for relation, _column in LABEL_RELATIONS]
    tables = [model._meta.db_table for model in (*throughs, SearchRecord, PageFacet, SearchTerm)]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with bulk.pending_checks_run(cursor):
                cursor.execute(f"TRUNCATE {', '.join(map(connection.ops.quote_name, tables))}")
            return
        for table in tables:
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")


def keys_added_after():
    """PostgreSQL: the foreign keys of every table a rebuild fills, checked once at the end."""
    throughs = [getattr(SearchRecord, relation).through for relation, _column in LABEL_RELATIONS]
    return bulk.foreign_keys_added_after([SearchRecord, *throughs, PageFacet])


@contextmanager
def text_indexes_rebuilt():
    """PostgreSQL: the text index on the search vectors (RUM's, or else GIN's: migration
    0011) is dropped for the load and built again in one pass at the end, inside the
    caller's transaction. Kept up row by row, it costs ten times what a single build does
    (RUM logs whole pages per change). The table is locked meanwhile: searches wait the
    seconds of the load, then see the new records (or, if the load fails, the old ones with
    their indexes)."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
            "AND tablename = %s AND indexdef LIKE %s",
            [SearchRecord._meta.db_table, "%(search_vector%"],
        )
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    yield
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        with bulk.pending_checks_run(cursor):
            for _name, definition in indexes:
                cursor.execute(definition)


@contextmanager
def cyclic_collection_paused():
    """Python's cycle collector paused: a rebuild holds every page, section and record
    until it ends, and the collector's full passes over those objects, each time more of
    them were made, took a fifth of the rebuild's Python time. Collected after."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


@cyclic_collection_paused()
def rebuild(progress=None):
    """Rewrite the whole index; ``progress(done, total)`` is called along the way. The
    records are built before the search tables are written to, so they are locked only
    for the load itself."""
    built = [item for page in pages_to_rebuild() for item in build_records(page)]
    records = [record for record, _labels in built]
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with bulk.tuned():
                with bulk.staged_meanwhile(records):
                    vocabulary = vocabulary_with_compound_parts(records)
                with keys_added_after(), text_indexes_rebuilt():
                    with bulk.lexemes_counted_afresh():
                        delete_all_records()
                        bulk.write_all(built, vocabulary, LABEL_RELATIONS)
                    bulk.copy_page_facets(page_facets(built))
        else:
            vocabulary = vocabulary_with_compound_parts(records)
            delete_all_records()
            write_in_batches(built, vocabulary, progress)
    if progress:
        progress(len(built), len(built))
    content_changed()
    return SearchRecord.objects.count()


def vocabulary_with_compound_parts(records) -> Counter:
    """The words of every record, counted; each record given its compound parts (split
    against these words, not the database's)."""
    found = [vocabulary_words(record.full_text) for record in records]
    vocabulary = Counter()
    for record_words in found:
        vocabulary.update(record_words)  # counted in C, where adding Counters is not
    add_compound_parts(
        records,
        lambda wanted: {word: vocabulary[word] for word in wanted if word in vocabulary},
        found,
    )
    return vocabulary


def write_in_batches(built, vocabulary, progress):
    """SQLite: the records a batch at a time (each with its full-text rows)."""
    SearchTerm.objects.bulk_create(
        [SearchTerm(word=word, frequency=count) for word, count in vocabulary.items()],
        batch_size=5000,
    )
    batch = 500
    for start in range(0, len(built), batch):
        _save(built[start : start + batch])
        if progress:
            progress(min(start + batch, len(built)), len(built))
    PageFacet.objects.bulk_create(page_facets(built), batch_size=5000)

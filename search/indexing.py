"""Keeping the search index in step with the content.

``index_page`` rewrites the records of one page (a report: one record per section; none
for a page that is not live); ``rebuild`` rewrites everything. Each record carries the
visibility that decides who may find it.
"""

import datetime
import re
from collections import Counter
from contextlib import contextmanager

from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.db.models import F, Func, Q, TextField, Value
from django.utils import timezone
from wagtail.models import Page
from wagtail.search import index

from documents.models import ReportPage
from expertise.models import ExpertPage, OrganisationPage
from practices.models import PracticePage
from search import dutch, fts
from search.compounds import split_compounds
from search.elastic import sync
from search.filters import FACET_OF_RELATION
from search.models import (
    HEADING_SEPARATOR,
    LexemeFrequency,
    PageFacet,
    RecordKind,
    SearchRecord,
    SearchTerm,
)
from search.snippets import plain_text
from wijkwijs.models import CommunityPage, MunicipalityPage, ThemePage
from wijkwijs.normalise import normalise
from wijkwijs.visibility import Visibility

TEXT_SEARCH_CONFIG = "wijkwijs_dutch"
KINDS = {
    ExpertPage: RecordKind.EXPERT,
    OrganisationPage: RecordKind.ORGANISATION,
    PracticePage: RecordKind.PRACTICE,
    MunicipalityPage: RecordKind.MUNICIPALITY,
    ThemePage: RecordKind.THEME,
    CommunityPage: RecordKind.COMMUNITY,
    ReportPage: RecordKind.SECTION,
}
INDEXED_TYPES = tuple(KINDS)
VOCABULARY_WORD = re.compile(r"^[a-z][a-z]{3,39}$")


def page_text(page) -> str:
    """The text a page is found by: its search fields, keywords and child texts."""
    parts = []
    for field in page.search_fields:
        if isinstance(field, index.SearchField) and field.field_name != "cleaned_text":
            value = getattr(page, field.field_name, "")
            if isinstance(value, str):
                parts.append(value)
    if hasattr(page, "tags"):
        parts.append(" ".join(tag.name for tag in page.tags.all()))
    if isinstance(page, PracticePage):
        parts += [tip.text for tip in page.tips.all()]
        parts += [quote.text for quote in page.quotes.all()]
    if isinstance(page, ExpertPage):
        parts.append(page.organisation.title)
    return plain_text("\n".join(part for part in parts if part))


def effective_visibility(page) -> str:
    """Who may find this page: its own visibility, narrowed by consent and page privacy."""
    visibility = getattr(page, "visibility", Visibility.PUBLIC)
    if isinstance(page, ExpertPage) and not page.consent_date:
        visibility = Visibility.EDITORS
    if page.get_view_restrictions().exists():
        visibility = Visibility.EDITORS
    return visibility


def publication_moment(page):
    """What 'newest first' sorts by: a report's own date, else when the page was published."""
    if isinstance(page, ReportPage) and page.published_on:
        return datetime.datetime.combine(page.published_on, datetime.time(), tzinfo=datetime.UTC)
    return page.first_published_at or page.last_published_at or timezone.now()


def labels(page):
    """(municipalities, themes, organisations) a record of this page is filtered by, and
    the communities that may find it."""
    municipalities = list(page.municipalities.all()) if hasattr(page, "municipalities") else []
    themes = list(page.themes.all()) if hasattr(page, "themes") else []
    if isinstance(page, MunicipalityPage):
        municipalities = [page]
    if isinstance(page, ThemePage):
        themes = [page]
    organisations = []
    if isinstance(page, OrganisationPage):
        organisations = [page]
    elif isinstance(page, ExpertPage):
        organisations = [page.organisation]
    elif isinstance(page, CommunityPage):
        organisations = list(page.member_organisations.all())
    elif isinstance(page, PracticePage | ReportPage):
        organisations = list(page.organisations.all())
        if isinstance(page, ReportPage) and page.publisher_id:
            organisations.append(page.publisher)
    communities = []
    if getattr(page, "visibility", None) == Visibility.COMMUNITIES:
        communities = list(page.shared_with.all())
    return municipalities, themes, organisations, communities


def heading_contexts(sections) -> list[str]:
    """Each section's ancestor headings, outermost first, read from the levels of the
    sections in reading order (a section's ancestors are the nearest shallower headings)."""
    contexts, open_headings = [], []  # (level, heading) of the chapters still open
    for section in sections:
        while open_headings and open_headings[-1][0] >= section.level:
            open_headings.pop()
        contexts.append(HEADING_SEPARATOR.join(str(heading) for _level, heading in open_headings))
        open_headings.append((section.level, section))
    return contexts


def build_records(page) -> list[tuple[SearchRecord, tuple]]:
    """Unsaved records for a live page, each with its labels (see ``labels``)."""
    kind = KINDS[type(page)]
    common = {
        "kind": kind,
        "page": page,
        "visibility": effective_visibility(page),
        "published_at": publication_moment(page),
    }
    page_labels = labels(page)
    if isinstance(page, ReportPage):
        common.update(
            report_kind=page.kind,
            year=page.published_on.year if page.published_on else None,
            parent_title=page.title,
        )
        sections = list(page.sections.order_by("position").prefetch_related("footnotes"))
        if sections:
            return [
                (
                    SearchRecord(
                        key=f"section:{section.pk}",
                        section=section,
                        title=str(section),
                        context=context,
                        url=f"{page.url}#{section.anchor}",
                        text=plain_text(
                            "\n\n".join(
                                [section.text, *(note.text for note in section.footnotes.all())]
                            )
                        ),
                        **common,
                    ),
                    page_labels,
                )
                for section, context in zip(sections, heading_contexts(sections), strict=True)
            ]
    elif isinstance(page, PracticePage) and page.period_start:
        common["year"] = page.period_start.year
    return [
        (
            SearchRecord(
                key=f"page:{page.pk}",
                title=page.title,
                url=page.url or "",
                text=page_text(page),
                **common,
            ),
            page_labels,
        )  # fmt: skip
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
    ``words``: each record's words (``words_of``), where the caller has read them already."""
    words = words or [words_of(record.full_text) for record in records]
    splits = split_compounds(set().union(*words), frequency_of)
    for record, record_words in zip(records, words, strict=True):
        split = [splits[word] for word in sorted(record_words) if word in splits]
        parts = [f"{left} {right}" for left, right in split]
        joined = sorted(set(dutch.joined_words(record.full_text)))
        record.compound_parts = " ".join([*parts, *joined])


def vocabulary_frequency(words):
    return dict(SearchTerm.objects.filter(word__in=words).values_list("word", "frequency"))


def _save(records_with_labels):
    records = SearchRecord.objects.bulk_create([record for record, _labels in records_with_labels])
    for position, (relation, column) in enumerate(LABEL_RELATIONS):
        through = getattr(SearchRecord, relation).through
        through.objects.bulk_create(
            through(searchrecord_id=record.pk, **{column: page_id})
            for record, (_record, page_labels) in zip(records, records_with_labels, strict=True)
            for page_id in {labelled.pk for labelled in page_labels[position]}
        )
    _update_vectors(SearchRecord.objects.filter(pk__in=[record.pk for record in records]))
    return records


def describe_pages(records_with_labels):
    """Each page's facet values, once per page, for counting facets (``PageFacet``)."""
    rows, described = [], set()
    for record, page_labels in records_with_labels:
        if record.page_id in described:
            continue
        described.add(record.page_id)
        values = {"type": record.kind, "kind": record.report_kind, "year": record.year}
        rows += [
            PageFacet(page_id=record.page_id, facet=facet, value=str(value))
            for facet, value in values.items()
            if value
        ]
        for (relation, _column), labelled_pages in zip(LABEL_RELATIONS, page_labels, strict=True):
            if relation in FACET_OF_RELATION:
                rows += [
                    PageFacet(
                        page_id=record.page_id, facet=FACET_OF_RELATION[relation], label=label
                    )
                    for label in {labelled.pk: labelled for labelled in labelled_pages}.values()
                ]
    PageFacet.objects.bulk_create(rows, batch_size=5000)


# Typographic punctuation becomes a space before parsing: under some server locales
# (C) PostgreSQL's parser counts every non-ASCII character as a letter, which would glue
# ‘quotes’ and dashes to words and keep them from being stemmed.
# A slash joins words ("spinners/zichtbare schakels", "jeugd-/gezinswerk"), which the
# parser would read as one file path: it becomes a space too, so each word is indexed.
TYPOGRAPHIC = "‘’‚‛“”„‟«»‹›–—…•·/"


def _plain(field_name):
    return Func(
        F(field_name),
        Value(TYPOGRAPHIC),
        Value(" " * len(TYPOGRAPHIC)),
        function="translate",
        output_field=TextField(),
    )


def _update_vectors(records):
    if fts.available():
        fts.write(records)
    if connection.vendor != "postgresql":
        return
    records.update(
        search_vector=SearchVector(_plain("title"), weight="A", config=TEXT_SEARCH_CONFIG)
        + SearchVector(_plain("parent_title"), weight="B", config=TEXT_SEARCH_CONFIG)
        + SearchVector(_plain("context"), weight="B", config=TEXT_SEARCH_CONFIG)
        + SearchVector(_plain("text"), weight="C", config=TEXT_SEARCH_CONFIG)
        + SearchVector("compound_parts", weight="D", config=TEXT_SEARCH_CONFIG)
    )


def indexable(page) -> bool:
    return page.live and isinstance(page, INDEXED_TYPES)


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
        describe_pages(built)
    sync.schedule([page_id])


def words_of(text) -> Counter:
    return Counter(word for word in normalise(text).split() if VOCABULARY_WORD.match(word))


def add_to_vocabulary(records):
    counts = Counter()
    for record in records:
        counts.update(words_of(record.full_text))
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


def searchable_pages():
    return Page.objects.live().type(*INDEXED_TYPES).specific()


# What building records reads of a page, fetched once per page type for a rebuild.
PREFETCHED = (
    "municipalities",
    "themes",
    "organisations",
    "shared_with",
    "member_organisations",
    "tips",
    "quotes",
    "tags",
)
SELECTED = ("organisation", "publisher")


def pages_to_rebuild():
    """Every live searchable page, its relations read in a few queries per page type."""
    pages = []
    for model in INDEXED_TYPES:
        fields = {field.name: field for field in model._meta.get_fields()}
        pages += (
            model.objects.live()
            .exact_type(model)
            .select_related(*(n for n in SELECTED if n in fields and fields[n].many_to_one))
            .prefetch_related(*(name for name in PREFETCHED if name in fields))
        )
    return pages


def delete_all_records():
    """Every record, its labels and facets, in one statement per table: Django's cascade
    would first read each record (texts and vectors) to delete its labels by key."""
    tables = [getattr(SearchRecord, relation).through for relation, _column in LABEL_RELATIONS]
    with connection.cursor() as cursor:
        for model in (*tables, SearchRecord, PageFacet, SearchTerm):
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")


@contextmanager
def text_indexes_rebuilt():
    """PostgreSQL: the GIN and RUM indexes on the search vectors are dropped for the load and
    built again in one pass at the end, inside the caller's transaction. Kept up row by row,
    they cost ten times what a single build does (RUM logs whole pages per change). The
    table is locked meanwhile: searches wait the seconds of the load, then see the new
    records (or, if the load fails, the old ones with their indexes)."""
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
        # An index cannot be built over rows whose (deferred) foreign keys are unchecked.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for _name, definition in indexes:
            cursor.execute(definition)
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def rebuild(progress=None):
    """Rewrite the whole index; ``progress(done, total)`` is called along the way. The
    records are built before the transaction, so the table is written to, and locked, only
    for the load itself."""
    built = [item for page in pages_to_rebuild() for item in build_records(page)]
    records = [record for record, _labels in built]
    words = [words_of(record.full_text) for record in records]
    vocabulary = Counter()
    for record_words in words:
        vocabulary.update(record_words)
    add_compound_parts(
        records,
        lambda found: {word: vocabulary[word] for word in found if word in vocabulary},
        words,
    )
    with transaction.atomic(), text_indexes_rebuilt():
        delete_all_records()
        SearchTerm.objects.bulk_create(
            [SearchTerm(word=word, frequency=count) for word, count in vocabulary.items()],
            batch_size=5000,
        )
        batch = 500
        for start in range(0, len(built), batch):
            _save(built[start : start + batch])
            if progress:
                progress(min(start + batch, len(built)), len(built))
        describe_pages(built)
        # Words no record holds any more (the database counts the others).
        LexemeFrequency.objects.filter(records__lte=0).exclude(
            lexeme=LexemeFrequency.ALL_RECORDS
        ).delete()
    return SearchRecord.objects.count()

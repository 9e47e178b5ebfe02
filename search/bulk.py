"""Writing every search record at once on PostgreSQL (``indexing.rebuild``).

Row by row, a rebuild spent its time on the database's side: statements of thousands of
parameters, each record written twice (inserted, then updated with its vector), the
lexeme counts kept up per statement, and ``translate`` over every text. Here the records
go in with ``COPY`` into a staging table, their vectors are computed in one statement that
PostgreSQL runs on every core (parallel ``CREATE TABLE AS``), and they are inserted once,
vector and all. The lexeme counts are counted afresh at the end instead of kept up. Ids
are taken from the table's sequence first, so labels are copied straight in.
"""

from contextlib import contextmanager

from django.db import connection

from search.models import LexemeFrequency, PageFacet, SearchRecord, SearchTerm
from search.vectors import PLAIN_FIELDS, plain, vector_sql

STAGING = "wijkwijs_search_staging"
# The triggers that keep ``LexemeFrequency`` (migration 0006): off while every record is
# replaced, the counts made afresh after.
LEXEME_TRIGGERS = ("search_record_added", "search_record_removed")
RECORD_COLUMNS = (
    "id",
    "key",
    "kind",
    "page_id",
    "section_id",
    "title",
    "parent_title",
    "context",
    "url",
    "text",
    "compound_parts",
    "visibility",
    "report_kind",
    "year",
    "published_at",
)
# The texts the vector reads with typographic punctuation as spaces, translated here (SQL's
# ``translate`` over every text cost more than the vectors); null where nothing changed.
PLAIN_COLUMNS = {name: f"plain_{name}" for name in PLAIN_FIELDS}


def quoted(name) -> str:
    return connection.ops.quote_name(name)


def copy(cursor, table, columns, rows):
    names = ", ".join(quoted(column) for column in columns)
    with cursor.copy(f"COPY {quoted(table)} ({names}) FROM STDIN") as stream:
        for row in rows:
            stream.write_row(row)


def reserve_ids(cursor, count) -> list[int]:
    cursor.execute(
        "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
        [SearchRecord._meta.db_table, count],
    )
    return [row[0] for row in cursor.fetchall()]


def staged_row(record):
    values = [getattr(record, column) for column in RECORD_COLUMNS]
    for name in PLAIN_COLUMNS:
        text = getattr(record, name)
        values.append(None if (translated := plain(text)) == text else translated)
    return values


def write_all(records_with_labels, vocabulary, label_relations):
    """Replace every record, label, page facet and vocabulary word (inside the caller's
    transaction, with the text indexes dropped: ``indexing.text_indexes_rebuilt``)."""
    table = SearchRecord._meta.db_table
    records = [record for record, _labels in records_with_labels]
    with connection.cursor() as cursor:
        for record, record_id in zip(records, reserve_ids(cursor, len(records)), strict=True):
            record.pk = record_id
        copy(
            cursor,
            SearchTerm._meta.db_table,
            ("word", "frequency"),
            sorted(vocabulary.items()),
        )
        stage(cursor, records)
        # Every core computes vectors; the planner, seeing a table it has no statistics
        # of, would otherwise think it too small to share out.
        cursor.execute("SET LOCAL parallel_setup_cost = 0")
        cursor.execute("SET LOCAL min_parallel_table_scan_size = 0")
        cursor.execute(
            "CREATE TEMPORARY TABLE wijkwijs_search_vectors AS "
            f"SELECT id, {vector_sql(staged_text)} AS search_vector FROM {quoted(STAGING)}"
        )
        columns = ", ".join(quoted(column) for column in RECORD_COLUMNS)
        selected = ", ".join(f"staged.{quoted(column)}" for column in RECORD_COLUMNS)
        cursor.execute(
            f"INSERT INTO {quoted(table)} ({columns}, search_vector) "
            f"SELECT {selected}, vectors.search_vector FROM {quoted(STAGING)} AS staged "
            "JOIN wijkwijs_search_vectors AS vectors USING (id) ORDER BY id"
        )
        cursor.execute(f"DROP TABLE {quoted(STAGING)}, wijkwijs_search_vectors")
        for relation, column in label_relations:
            through = getattr(SearchRecord, relation).through._meta.db_table
            copy(
                cursor,
                through,
                ("searchrecord_id", column),
                (
                    (record.pk, page_id)
                    for record, labels in records_with_labels
                    for page_id in sorted({labelled.pk for labelled in getattr(labels, relation)})
                ),
            )


def stage(cursor, records):
    columns = [
        f"{quoted(field.column)} {field.db_type(connection)}"
        for field in (SearchRecord._meta.get_field(name) for name in RECORD_COLUMNS)
    ]
    columns += [f"{quoted(column)} text" for column in PLAIN_COLUMNS.values()]
    # Unlogged, not temporary: parallel workers cannot read a temporary table.
    cursor.execute(f"CREATE UNLOGGED TABLE {quoted(STAGING)} ({', '.join(columns)})")
    copy(
        cursor,
        STAGING,
        (*RECORD_COLUMNS, *PLAIN_COLUMNS.values()),
        (staged_row(record) for record in records),
    )


def staged_text(name) -> str:
    if name in PLAIN_COLUMNS:
        return f"COALESCE({quoted(PLAIN_COLUMNS[name])}, {quoted(name)})"
    return quoted(name)


@contextmanager
def lexemes_counted_afresh():
    """The lexeme counts' triggers off while the block replaces the records, every count
    made afresh from the vectors after (as migration 0006 first made them)."""
    frequencies = quoted(LexemeFrequency._meta.db_table)
    records = quoted(SearchRecord._meta.db_table)
    with connection.cursor() as cursor:
        switch_triggers(cursor, "DISABLE")
    yield
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {frequencies}")
        cursor.execute(
            f"INSERT INTO {frequencies} (lexeme, records) "
            f"SELECT word, ndoc FROM ts_stat('SELECT search_vector FROM {records}') "
            f"UNION ALL SELECT %s, COUNT(*) FROM {records}",
            [LexemeFrequency.ALL_RECORDS],
        )
        switch_triggers(cursor, "ENABLE")


def switch_triggers(cursor, switch):
    # A table is altered only with no (deferred) foreign key checks pending: run them first.
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    for trigger in LEXEME_TRIGGERS:
        cursor.execute(
            f"ALTER TABLE {quoted(SearchRecord._meta.db_table)} {switch} TRIGGER {quoted(trigger)}"
        )
    cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def copy_page_facets(rows):
    with connection.cursor() as cursor:
        copy(
            cursor,
            PageFacet._meta.db_table,
            ("page_id", "facet", "value", "label_id"),
            ((row.page_id, row.facet, row.value, row.label_id) for row in rows),
        )

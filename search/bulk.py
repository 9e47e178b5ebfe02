"""Writing every search record at once on PostgreSQL (``indexing.rebuild``).

Row by row, a rebuild spent its time on the database's side: statements of thousands of
parameters, each record written twice (inserted, then updated with its vector), the
lexeme counts kept up per statement, and ``translate`` over every text. Here the records
go in with ``COPY`` into a staging table, their vectors are computed in one statement that
PostgreSQL runs on every core (parallel ``CREATE TABLE AS``), and they are inserted once,
vector and all. The lexeme counts are counted afresh at the end instead of kept up. Ids
are taken from the table's sequence first, so labels are copied straight in. The staging
and the vectors of the records' own texts run in a thread while Python finds the compound
parts; the foreign keys are checked once, when they are added back at the end.
"""

from concurrent.futures import ThreadPoolExecutor, wait
from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, connection, connections

from search.models import LexemeFrequency, PageFacet, SearchRecord, SearchTerm
from search.vectors import COMPOUND_FIELDS, OWN_TEXT_FIELDS, PLAIN_FIELDS, plain, vector_sql

STAGING = "wijkwijs_search_staging"
VECTORS = "wijkwijs_search_vectors"
PARTS = "wijkwijs_search_parts"
# The triggers that keep ``LexemeFrequency`` (migration 0006): off while every record is
# replaced, the counts made afresh after.
LEXEME_TRIGGERS = ("search_record_added", "search_record_removed")
# Every column but the compound parts, found while the records are staged.
STAGED_COLUMNS = (
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
    values = [getattr(record, column) for column in STAGED_COLUMNS]
    for name in PLAIN_COLUMNS:
        text = getattr(record, name)
        values.append(None if (translated := plain(text)) == text else translated)
    return values


@contextmanager
def tuned():
    """Settings for the load, inside the caller's transaction. No JIT: without statistics
    of the staging tables the planner takes the load for millions of rows and compiles it,
    which costs more than the load. LZ4 where the server has it: the vectors are compressed
    once and read back three times (lexeme counts, text indexes), faster than with pglz."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL jit = off")
        cursor.execute(
            "SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'"
        )
        if cursor.fetchone()[0]:
            cursor.execute("SET LOCAL default_toast_compression = 'lz4'")
    yield
    # Inside a caller's transaction SET LOCAL would outlive the load.
    with connection.cursor() as cursor:
        cursor.execute("RESET jit")
        cursor.execute("RESET default_toast_compression")


@contextmanager
def staged_meanwhile(records):
    """Give the records their ids, then copy them into a staging table and compute the
    vectors of their own texts while the block goes on in Python (finding the compound
    parts, which ``write_all`` appends): PostgreSQL works on one core, Python on the other.
    Inside the caller's transaction; the block must not use the database."""
    database = connections[DEFAULT_DB_ALIAS]  # this thread's connection, lent to the stager
    with database.cursor() as cursor:
        for record, record_id in zip(records, reserve_ids(cursor, len(records)), strict=True):
            record.pk = record_id
    database.inc_thread_sharing()
    try:
        with ThreadPoolExecutor(1) as stager:
            staged = stager.submit(stage_with_vectors, database, records)
            try:
                yield
            finally:
                # The connection is free again only once the stager is done, failed or not.
                wait([staged])
            staged.result()
    finally:
        database.dec_thread_sharing()


def stage_with_vectors(database, records):
    with database.cursor() as cursor:
        stage(cursor, records)
        # Every core computes vectors; the planner, seeing a table it has no statistics
        # of, would otherwise think it too small to share out.
        cursor.execute("SET LOCAL parallel_setup_cost = 0")
        cursor.execute("SET LOCAL min_parallel_table_scan_size = 0")
        cursor.execute(
            f"CREATE TEMPORARY TABLE {VECTORS} AS SELECT id, "
            f"{vector_sql(staged_text, OWN_TEXT_FIELDS)} AS search_vector FROM {quoted(STAGING)}"
        )


def write_all(records_with_labels, vocabulary, label_relations):
    """Replace every record, label and vocabulary word with the records staged (and their
    compound parts found) by ``staged_meanwhile``; inside the caller's transaction, with
    the text indexes dropped (``indexing.text_indexes_rebuilt``)."""
    table = SearchRecord._meta.db_table
    records = [record for record, _labels in records_with_labels]
    with connection.cursor() as cursor:
        copy(
            cursor,
            SearchTerm._meta.db_table,
            ("word", "frequency"),
            sorted(vocabulary.items()),
        )
        cursor.execute(f"CREATE TEMPORARY TABLE {PARTS} (id bigint, compound_parts text)")
        copy(cursor, PARTS, ("id", "compound_parts"), ((r.pk, r.compound_parts) for r in records))
        columns = ", ".join(quoted(column) for column in (*STAGED_COLUMNS, "compound_parts"))
        selected = ", ".join(f"staged.{quoted(column)}" for column in STAGED_COLUMNS)
        # The vector of the record's own texts, then its compound parts': the same
        # left-to-right concatenation as ``vector_sql`` over every field at once.
        parts_vector = vector_sql(lambda name: f"parts.{quoted(name)}", COMPOUND_FIELDS)
        cursor.execute(
            f"INSERT INTO {quoted(table)} ({columns}, search_vector) "
            f"SELECT {selected}, parts.compound_parts, vectors.search_vector || {parts_vector} "
            f"FROM {quoted(STAGING)} AS staged JOIN {VECTORS} AS vectors USING (id) "
            f"JOIN {PARTS} AS parts USING (id) ORDER BY id"
        )
        cursor.execute(f"DROP TABLE {quoted(STAGING)}, {VECTORS}, {PARTS}")
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
        for field in (SearchRecord._meta.get_field(name) for name in STAGED_COLUMNS)
    ]
    columns += [f"{quoted(column)} text" for column in PLAIN_COLUMNS.values()]
    # Unlogged, not temporary: parallel workers cannot read a temporary table.
    cursor.execute(f"CREATE UNLOGGED TABLE {quoted(STAGING)} ({', '.join(columns)})")
    copy(
        cursor,
        STAGING,
        (*STAGED_COLUMNS, *PLAIN_COLUMNS.values()),
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


@contextmanager
def foreign_keys_added_after(models):
    """The foreign keys of these tables dropped while the block replaces their rows and
    added again after, inside the caller's transaction: adding one checks every row in one
    join, where a key kept checks each new row by a query of its own (1.5 s of a rebuild of
    10,000 records). A load that fails rolls back with its keys in place."""
    keys = []
    with connection.cursor() as cursor:
        for model in models:
            table = model._meta.db_table
            cursor.execute(
                "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE contype = 'f' AND conrelid = %s::regclass ORDER BY conname",
                [quoted(table)],
            )
            keys += [(table, name, definition) for name, definition in cursor.fetchall()]
        with pending_checks_run(cursor):
            for table, name, _definition in keys:
                cursor.execute(f"ALTER TABLE {quoted(table)} DROP CONSTRAINT {quoted(name)}")
    yield
    with connection.cursor() as cursor:
        for table, name, definition in keys:
            cursor.execute(
                f"ALTER TABLE {quoted(table)} ADD CONSTRAINT {quoted(name)} {definition}"
            )


def switch_triggers(cursor, switch):
    with pending_checks_run(cursor):
        for trigger in LEXEME_TRIGGERS:
            table = quoted(SearchRecord._meta.db_table)
            cursor.execute(f"ALTER TABLE {table} {switch} TRIGGER {quoted(trigger)}")


@contextmanager
def pending_checks_run(cursor):
    """The transaction's deferred foreign key checks run now, and later ones deferred again
    after the block: PostgreSQL alters, truncates or indexes a table only with none of its
    checks pending (rows the transaction wrote)."""
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    yield
    cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def copy_page_facets(rows):
    with connection.cursor() as cursor:
        copy(
            cursor,
            PageFacet._meta.db_table,
            ("page_id", "facet", "value", "label_id"),
            ((row.page_id, row.facet, row.value, row.label_id) for row in rows),
        )

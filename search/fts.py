"""The SQLite full-text table (FTS5): each record's fields as Dutch stems.

SQLite has no Dutch analysis of its own, so records are analysed in Python
(``search.dutch``: the same stop words and Snowball stemmer as PostgreSQL) and their stems
stored in an FTS5 table whose row id is the record's. FTS5 ranks with BM25 over the
weighted columns. A trigger removes a record's row with the record
(``migrations/0008_i17_sqlite_full_text.py``).
"""

from django.db import connection

from search import dutch

TABLE = "wijkwijs_search_fulltext"
COLUMNS = ("title", "parent_title", "context", "text", "parts")
PARTS_COLUMN = "parts"
# BM25 weight of each column: a title counts most, the report title and headings less than
# the text, compound parts least (as PostgreSQL's A–D weights).
WEIGHTS = (8.0, 4.0, 4.0, 5.0, 1.0)
# FTS5's BM25 normalises for length with b = 0.75, fixed; sections run from a line to many
# pages, and Elasticsearch uses b = 0.3 for them (``search.elastic.documents``). A score
# grows with the text's length to this power, so a short record holding a word once does
# not outrank the section about it; texts below SHORT_TEXT characters of stems count as
# that long.
LENGTH_PRIOR = 0.15
SHORT_TEXT = 200


def available() -> bool:
    """SQLite with the table (FTS5 compiled in; the migration makes it where it can)."""
    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE name = %s", [TABLE])
        return cursor.fetchone() is not None


def analysed(record) -> list[str]:
    """The record's columns as space-separated stems."""
    return [
        " ".join(dutch.stems(record.title)),
        " ".join(dutch.stems(record.parent_title)),
        " ".join(dutch.stems(record.context)),
        " ".join(dutch.stems(record.text)),
        " ".join(dutch.stems(record.compound_parts)),
    ]


def write(records):
    """(Re)write the rows of these saved records."""
    rows = [(record.pk, *analysed(record)) for record in records]
    with connection.cursor() as cursor:
        cursor.executemany(f"DELETE FROM {TABLE} WHERE rowid = %s", [(pk,) for pk, *_ in rows])
        cursor.executemany(
            f"INSERT INTO {TABLE} (rowid, {', '.join(COLUMNS)}) VALUES (%s, %s, %s, %s, %s, %s)",
            rows,
        )


def quoted(stems) -> str:
    """One FTS5 string (a word, or a phrase of several): nothing the user typed is syntax."""
    return '"' + " ".join(stem.replace('"', "") for stem in stems) + '"'


def scoring_sql(visible_sql: str) -> str:
    """The statement ``scores`` runs: the match found in the full-text index, then kept
    where the record is visible. ``+rowid`` keeps the visibility list from reaching FTS5
    as a row id constraint: given one, FTS5 looks up every visible record and tests the
    match on each, 20–40 times slower on a thousand records than the match alone."""
    weights = ", ".join(str(weight) for weight in WEIGHTS)
    return (
        f"SELECT rowid, -bm25({TABLE}, {weights}), length(text) FROM {TABLE} "
        f"WHERE {TABLE} MATCH %s AND +rowid IN ({visible_sql})"
    )


def scores(expression: str, visible_sql: str, params) -> dict[int, float]:
    """{record id: BM25 score (higher is better)} of the visible records matching, with
    FTS5's length normalisation partly undone (``LENGTH_PRIOR``)."""
    with connection.cursor() as cursor:
        cursor.execute(scoring_sql(visible_sql), [expression, *params])
        return {
            pk: score * max(length, SHORT_TEXT) ** LENGTH_PRIOR
            for pk, score, length in cursor.fetchall()
        }


def matching_sql(expression: str):
    """SQL and parameters for the ids of the records matching an expression."""
    return f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s", [expression]

"""SQLite's scoring statement (``fts.scoring_sql``) finds the match in the full-text index and
then keeps the visible records. Given the list of visible records as a row id constraint,
FTS5 instead looks up each visible record and tests the match on it: a visitor's question
on the 1,000-section demo took most of a second. Runs on Python's own SQLite, whatever
database the suite uses."""

import sqlite3

from search import fts


def plan(visible_sql):
    database = sqlite3.connect(":memory:")
    database.execute("CREATE TABLE record (id INTEGER PRIMARY KEY, visibility TEXT)")
    database.execute("CREATE INDEX record_visibility ON record (visibility)")
    database.execute(f"CREATE VIRTUAL TABLE {fts.TABLE} USING fts5({', '.join(fts.COLUMNS)})")
    statement = fts.scoring_sql(visible_sql).replace("%s", "?")
    rows = database.execute(f"EXPLAIN QUERY PLAN {statement}", ['"wijkteam"', "public"])
    return [detail for *_ids, detail in rows]


def full_text_constraints(details) -> str:
    """What the full-text table is asked for: FTS5's index string, 'M' for a match, '='
    for a row id."""
    [scan] = [detail for detail in details if fts.TABLE in detail]
    return scan.rsplit(":", 1)[-1]


def test_the_full_text_match_is_searched_first_and_the_visible_records_filter_it():
    details = plan("SELECT id FROM record WHERE visibility IN (?)")
    assert "M" in full_text_constraints(details)
    assert "=" not in full_text_constraints(details)
    assert any("record_visibility" in detail for detail in details)


def test_the_check_sees_a_row_id_constraint_where_there_is_one(monkeypatch):
    # The same statement without the plus sign: what the test above guards against.
    guarded = fts.scoring_sql
    monkeypatch.setattr(
        fts, "scoring_sql", lambda visible: guarded(visible).replace("+rowid", "rowid")
    )
    details = plan("SELECT id FROM record WHERE visibility IN (?)")
    assert "=" in full_text_constraints(details)

"""SQLite (the demo): a full-text table of each record's Dutch stems (``search.fts``), made
where SQLite has FTS5; elsewhere nothing. Run ``rebuild_search_index`` to fill it."""

from django.db import migrations

TABLE = "wijkwijs_search_fulltext"
CREATE = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5("
    "title, parent_title, context, text, parts, tokenize = 'unicode61 remove_diacritics 2')",
    f"CREATE TRIGGER IF NOT EXISTS {TABLE}_removed AFTER DELETE ON wijkwijs_search_searchrecord "
    f"BEGIN DELETE FROM {TABLE} WHERE rowid = old.id; END",
]
DROP = [f"DROP TRIGGER IF EXISTS {TABLE}_removed", f"DROP TABLE IF EXISTS {TABLE}"]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "sqlite":
            return
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("SELECT sqlite_compileoption_used('ENABLE_FTS5')")
            if not cursor.fetchone()[0]:
                return  # the engine then matches words without the table
            for statement in statements:
                cursor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("wijkwijs_search", "0007_i17_record_context")]

    operations = [migrations.RunPython(run(CREATE), run(DROP))]

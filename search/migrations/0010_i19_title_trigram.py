"""A trigram index on the records' titles for autocomplete (``suggest_titles``): a title
that starts with what was typed, or has a word that does, is found in the index instead of
by reading every record's title (40 ms on 10,000 records, on every key pressed)."""

from django.db import migrations

TITLE_INDEX = "search_record_title_trigram"


def create_title_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        # The expression Django's istartswith/icontains compare: UPPER("title"::text).
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {TITLE_INDEX} ON wijkwijs_search_searchrecord "
            "USING gin ((UPPER(title::text)) gin_trgm_ops)"
        )


def drop_title_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {TITLE_INDEX}")


class Migration(migrations.Migration):
    dependencies = [("wijkwijs_search", "0009_alter_searchrecord_kind")]

    operations = [migrations.RunPython(create_title_index, drop_title_index)]

"""An optional RUM index on the search vector: it returns matches in rank order from the
index itself, so the candidates of a common word are found without reading every matching
record's vector. Made only where the extension is installed (scripts/postgres.sh installs
it on Debian); without it the engine ranks with the GIN index, as before."""

from django.db import migrations

RUM_INDEX = "search_record_rum"


def create_rum_index(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'rum'")
        if cursor.fetchone() is None:
            return
        cursor.execute("CREATE EXTENSION IF NOT EXISTS rum")
        cursor.execute(
            f"CREATE INDEX IF NOT EXISTS {RUM_INDEX} ON wijkwijs_search_searchrecord "
            "USING rum (search_vector rum_tsvector_ops)"
        )


def drop_rum_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {RUM_INDEX}")


class Migration(migrations.Migration):
    dependencies = [("wijkwijs_search", "0004_pending_index_updates")]

    operations = [migrations.RunPython(create_rum_index, drop_rum_index)]

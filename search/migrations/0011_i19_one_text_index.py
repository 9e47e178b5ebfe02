"""Where the RUM index is (0005), the GIN index on the search vector goes: the planner
matches, counts and ranks with the RUM index for every search (EXPLAIN of the engine's
statements: none reads the GIN index), and a rebuild spent a second building it."""

from django.db import migrations

GIN_INDEX = "search_record_vector"
RUM_INDEX = "search_record_rum"


def rum_index_present(connection) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = %s", [RUM_INDEX])
        return cursor.fetchone() is not None


def drop_gin_index(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql" and rum_index_present(connection):
        schema_editor.execute(f"DROP INDEX IF EXISTS {GIN_INDEX}")


def create_gin_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {GIN_INDEX} ON wijkwijs_search_searchrecord "
            "USING gin (search_vector)"
        )


class Migration(migrations.Migration):
    dependencies = [("wijkwijs_search", "0010_i19_title_trigram")]

    operations = [migrations.RunPython(drop_gin_index, create_gin_index)]

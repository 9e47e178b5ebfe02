"""A rebuild replaces the search tables' rows instead of piling them up. Rows deleted stay in
a PostgreSQL table until a vacuum, every search's scan reads past them, and a text index
built in the transaction that deleted them holds them too (another transaction may still
see them): a rebuild would build its index over the old records and the new."""

import pytest
from django.db import connection

from search.indexing import rebuild
from search.models import PageFacet, SearchRecord, SearchTerm
from tests.factories import PracticeFactory

pytestmark = pytest.mark.django_db

TABLES = [SearchRecord._meta.db_table, PageFacet._meta.db_table, SearchTerm._meta.db_table]


def sizes():
    """The pages of each search table and of the records' text index."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = %s AND indexdef LIKE %s",
            [SearchRecord._meta.db_table, "%(search_vector%"],
        )
        [(text_index,)] = cursor.fetchall()
        sizes = {}
        for relation in [*TABLES, text_index]:
            cursor.execute("SELECT pg_relation_size(%s)", [relation])
            [(size,)] = cursor.fetchall()
            sizes[relation] = size
    return sizes


def test_rebuilding_again_and_again_takes_no_more_room_than_once(postgres_only):
    for number in range(60):  # enough records to fill several pages of each
        PracticeFactory(
            title=f"Buurtproject {number}: het zwaluwnest", summary="Over zwaluwnesten."
        )
    rebuild()
    once = sizes()
    records = SearchRecord.objects.count()
    rebuild()
    rebuild()
    assert sizes() == once
    assert SearchRecord.objects.count() == records > 60

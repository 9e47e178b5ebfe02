"""A rebuild that fails partway leaves the index it was replacing as it was: every record,
its vector, the text indexes and the foreign keys the load takes away for speed
(``search.bulk``), and searches go on finding what they found."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection

from search import bulk
from search.engines import get_engine
from search.indexing import rebuild
from search.models import PageFacet, SearchRecord
from tests.conftest import IN_CI
from tests.factories import PracticeFactory

pytestmark = pytest.mark.django_db


class LoadFailed(Exception):
    pass


@pytest.fixture
def indexed():
    if connection.vendor != "postgresql":
        assert not IN_CI, "CI must run the search tests on PostgreSQL"
        pytest.skip("the bulk load is PostgreSQL's (make test)")
    PracticeFactory(title="Het zwaluwnestproject", summary="Over zwaluwnesten in de wijk.")
    rebuild()
    return index_state()


def index_state():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT key, search_vector::text FROM wijkwijs_search_searchrecord ORDER BY key"
        )
        records = cursor.fetchall()
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename LIKE 'wijkwijs_search%' "
            "ORDER BY indexname"
        )
        indexes = [name for (name,) in cursor.fetchall()]
        cursor.execute(
            "SELECT conname FROM pg_constraint WHERE contype = 'f' "
            "AND conrelid::regclass::text LIKE 'wijkwijs_search%' ORDER BY conname"
        )
        keys = [name for (name,) in cursor.fetchall()]
        cursor.execute("SELECT to_regclass(%s)", [bulk.STAGING])
        [(staging,)] = cursor.fetchall()
    facets = PageFacet.objects.count()
    return {
        "records": records,
        "indexes": indexes,
        "keys": keys,
        "facets": facets,
        "staging": staging,
    }


def found(query):
    hits = get_engine("embedded").search(query, user=AnonymousUser()).hits
    return [hit.title for hit in hits]


def test_a_load_failing_after_the_records_were_replaced_leaves_the_old_index(indexed, monkeypatch):
    def fail(rows):
        raise LoadFailed("disk full")

    monkeypatch.setattr(bulk, "copy_page_facets", fail)
    with pytest.raises(LoadFailed):
        rebuild()
    state = index_state()
    assert state == indexed
    assert (
        any(name in state["indexes"] for name in ("search_record_rum", "search_record_vector"))
        and state["keys"]
    )
    assert found("zwaluwnesten") == ["Het zwaluwnestproject"]
    monkeypatch.undo()
    rebuild()
    assert index_state() == indexed


def test_staging_that_fails_meanwhile_fails_the_rebuild_and_leaves_the_old_index(
    indexed, monkeypatch
):
    def fail(cursor, records):
        raise LoadFailed("staging table refused")

    monkeypatch.setattr(bulk, "stage", fail)
    with pytest.raises(LoadFailed):
        rebuild()
    assert index_state() == indexed
    assert found("zwaluwnesten") == ["Het zwaluwnestproject"]
    assert SearchRecord.objects.filter(title="Het zwaluwnestproject").exists()

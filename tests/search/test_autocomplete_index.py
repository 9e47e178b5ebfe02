"""Autocomplete reads the titles through a trigram index on PostgreSQL (migration 0010):
it must find what reading every title finds, and outlast a rebuild of the records."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection, transaction
from django.db.models import Q

from search.engines.embedded import EmbeddedEngine
from search.indexing import rebuild
from search.models import SearchRecord
from tests.factories import PracticeFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL index"),
]


def titles(prefix):
    return [s.title for s in EmbeddedEngine().suggest_titles(prefix, AnonymousUser(), 50)]


def through_the_index(prefix):
    """The same suggestions with the planner kept from reading the table row by row."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        return titles(prefix)


@pytest.mark.parametrize("prefix", ["Buurt", "ijsvo", "IJSVOGEL", "Wa", "xq"])
def test_the_index_finds_what_reading_every_title_finds(prefix):
    PracticeFactory(title="Buurtkamer De IJsvogel")
    PracticeFactory(title="Wandelen met de ijsvogelwerkgroep")
    assert through_the_index(prefix) == titles(prefix)


def test_the_index_serves_autocomplete_and_outlasts_a_rebuild():
    PracticeFactory(title="Buurtkamer De IJsvogel")
    rebuild()
    assert "Buurtkamer De IJsvogel" in through_the_index("ijsvo")
    # The expressions autocomplete compares (UPPER(title) LIKE …) are the index's.
    records = SearchRecord.objects.filter(
        Q(title__istartswith="ijsvo") | Q(title__icontains=" ijsvo")
    )
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        assert "search_record_title_trigram" in records.explain()

"""The search page's counts for a facet group without its own choice (a type chosen, the
other types still counted) come from a search that ranks nothing: ``limit=0`` on either
engine gives the counts, total and suggestion of a full search, and no hits."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search.engines.embedded import EmbeddedEngine
from tests.factories import PracticeFactory, ReportFactory, with_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def buurtbus():
    PracticeFactory(title="Buurtbus Noord", summary="Vrijwilligers rijden de buurtbus.")
    with_section(
        ReportFactory(title="Evaluatie buurtbus"), "Ritten", "De buurtbus reed vaker.", "1"
    )


def test_counts_alone_equal_those_of_a_full_search(engine, buurtbus, member):
    for user, query in ((AnonymousUser(), "buurtbus"), (member, "buurtbsu")):  # and a typo
        full = engine.search(query, {}, user=user, limit=1)
        alone = engine.search(query, {}, user=user, limit=0)
        assert alone.hits == [] and full.hits
        assert (alone.facets, alone.total, alone.suggestion, alone.searched_for) == (
            full.facets,
            full.total,
            full.suggestion,
            full.searched_for,
        )


def test_counts_alone_rank_nothing(buurtbus):
    with CaptureQueriesContext(connection) as queries:
        EmbeddedEngine().search("buurtbus", user=AnonymousUser(), limit=0)
    assert not any("ts_rank" in q["sql"] or "ts_headline" in q["sql"] for q in queries)


def test_a_chosen_type_leaves_the_other_types_counted(client, engine, buurtbus):
    page = client.get("/zoeken/", {"q": "buurtbus", "type": "praktijk"}).content.decode()
    assert "Buurtbus Noord" in page and "Evaluatie buurtbus" not in page
    # Every type offered with its count without the choice: the report's too.
    unfiltered = engine.search("buurtbus", {}, user=AnonymousUser(), limit=1).facets["type"]
    assert "rapport" in {value for value, _label, _count in unfiltered}
    for value, label, count in unfiltered:
        option = f'value="{value}"( checked)?> <span>{label}</span> <span class="ww-count">{count}<'
        assert re.search(option, page), value

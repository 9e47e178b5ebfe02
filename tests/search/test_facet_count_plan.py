"""The count behind a search's total and facets finds its matches in the text index
(PostgreSQL). A query with compound parts ('wijk':D) matches through a common part a large
share of the records; if the planner reads the visible records instead (the visibility
filter keeps most of them) and tests the query on each, it reads every record's vector out
of line: 300 ms at 100,000 sections where the text index answers in 50."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search.engines.embedded import EmbeddedEngine
from search.indexing import rebuild
from search.models import SearchRecord
from tests.factories import PracticeFactory

pytestmark = pytest.mark.django_db

COUNT_STATEMENT = "SELECT page_id, COUNT(*) FROM"


def plan_of(statement: str) -> str:
    with connection.cursor() as cursor:
        # As ``text_index_preferred`` counts: bitmap scans only.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(f"EXPLAIN {statement}")
        plan = "\n".join(line for (line,) in cursor.fetchall())
        cursor.execute("RESET enable_seqscan")
        cursor.execute("RESET enable_indexscan")
    return plan


@pytest.mark.parametrize("query", ["wijkmanager", "buurtwerkers gezocht"])
def test_the_matches_are_counted_from_the_text_index_not_each_visible_record(postgres_only, query):
    for number in range(150):  # most of them public, and most match a part only
        PracticeFactory(
            title=f"Aanpak {number} in de wijk",
            summary=f"De wijk en de buurt: werkers van team {number} en hun manager.",
        )
    rebuild()
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {SearchRecord._meta.db_table}")
    with CaptureQueriesContext(connection) as queries:
        result = EmbeddedEngine().search(query, user=AnonymousUser())
    assert result.total >= 150
    [count] = [q["sql"] for q in queries.captured_queries if q["sql"].startswith(COUNT_STATEMENT)]
    plan = plan_of(count)
    assert "Index Cond: (search_vector @@" in plan, plan
    assert "Filter: (search_vector @@" not in plan, plan

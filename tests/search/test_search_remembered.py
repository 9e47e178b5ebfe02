"""Vocabulary look-ups are remembered between searches and forgotten when the index changes
(issue 17): a search never answers from the vocabulary of before a publish."""

import pytest
from django.core.cache import cache

from tests.factories import PracticeFactory
from tests.search.test_search_dutch import reindexed, titles
from wijkwijs import remembered

pytestmark = pytest.mark.django_db


def test_a_search_after_a_publish_sees_the_new_vocabulary(engine):
    assert titles(engine, "zwaluw nest") == []  # the look-ups found no 'zwaluwnest'
    PracticeFactory(title="Vogels", summary="Onder de dakgoot hangt een zwaluwnest.")
    reindexed(engine)
    assert titles(engine, "zwaluw nest") == ["Vogels"]


def test_another_workers_change_is_seen_once_the_version_is_read_again():
    looked_up = []
    remembered.remembered("test", "key", lambda: looked_up.append(1) or "first")
    remembered.remembered("test", "key", lambda: looked_up.append(1) or "second")
    assert looked_up == [1]  # remembered
    cache.set(remembered.VERSION_KEY, "changed by another worker", timeout=None)
    remembered._version["checked"] = 0.0  # as a second later
    assert remembered.remembered("test", "key", lambda: "second") == "second"

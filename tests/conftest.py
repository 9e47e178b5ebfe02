"""Shared test set-up.

The demo content is loaded once per session into the test database, so tests read
realistic data without each paying for it; every test still runs in its own rolled-back
transaction. Tests that need committed data (browser tests for the live server thread,
task-worker tests) use transactional databases and are moved to the end of the run:
their flush would otherwise wipe the shared content for the tests after them.
"""

import os
from pathlib import Path

import pytest
from django.db import connection

from wijkwijs.demo import DemoLoader

IN_CI = os.environ.get("CI", "").lower() == "true"
SHARED_DIR = Path(__file__).resolve().parents[2] / "shared"
CORPUS = SHARED_DIR / "corpus"


def require_corpus(module_level=False):
    """The real corpus (../shared/corpus): missing is a skip locally, a failure under CI."""
    if CORPUS.is_dir():
        return
    if IN_CI:
        pytest.fail("CI=true but ../shared/corpus is missing", pytrace=False)
    pytest.skip("../shared/corpus is not present", allow_module_level=module_level)


def flushes_the_database(item):
    """Transactional tests (browser tests, task workers) empty the database when they end."""
    marker = item.get_closest_marker("django_db")
    transactional = marker is not None and marker.kwargs.get("transaction", False)
    return transactional or item.get_closest_marker("browser") is not None


def pytest_collection_modifyitems(items):
    items.sort(key=flushes_the_database)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        if IN_CI and connection.vendor != "postgresql":
            pytest.exit(
                f"CI=true but the test database is {connection.vendor}: set DATABASE_URL "
                "to PostgreSQL (make test starts one).",
                returncode=3,
            )
        DemoLoader().run()

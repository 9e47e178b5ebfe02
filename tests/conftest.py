"""Shared test set-up.

The demo content is loaded once per session into the test database, so tests read
realistic data without each paying for it; every test still runs in its own rolled-back
transaction. Tests that need committed data (browser tests for the live server thread,
task-worker tests) use transactional databases and are moved to the end of the run:
their flush would otherwise wipe the shared content for the tests after them.
"""

import ctypes
import os
import signal
import sys
from pathlib import Path

import pytest
from django.db import connection

from project.demo import DemoLoader
from search import fts
from search.engines.embedded import close_alongside_connections
from tests import users
from wijkwijs import fragments, remembered

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


def pytest_addoption(parser):
    parser.addoption(
        "--engine-contract-on-sqlite",
        action="store_true",
        help="only the search engines' contract tests, on the embedded engine over SQLite "
        "(the demo's database; DATABASE_URL must be SQLite): `make test` runs them after the "
        "suite, which runs on PostgreSQL",
    )


def on_sqlite_pass(config) -> bool:
    return config.getoption("--engine-contract-on-sqlite")


def in_engine_contract_on_sqlite(item) -> bool:
    """A test of the ``engine`` fixture's embedded variant that needs no PostgreSQL."""
    params = getattr(item, "callspec", None)
    return (
        params is not None
        and params.params.get("engine") == "embedded"
        and "postgres_only" not in item.fixturenames
    )


def pytest_configure(config):
    # A run ended with SIGTERM (a CI job's time limit) unwinds as Ctrl+C does, so every
    # fixture's clean-up still stops the servers, workers and nodes it started.
    signal.signal(signal.SIGTERM, signal.default_int_handler)


def ends_with_the_tests():
    """For ``subprocess.Popen(preexec_fn=...)``: on Linux the child is killed when the test
    process dies, even by SIGKILL, where no clean-up of ours could run."""
    if sys.platform == "linux":
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def pytest_collection_modifyitems(config, items):
    if on_sqlite_pass(config):
        left_out = [item for item in items if not in_engine_contract_on_sqlite(item)]
        config.hook.pytest_deselected(items=left_out)
        items[:] = [item for item in items if in_engine_contract_on_sqlite(item)]
    items.sort(key=flushes_the_database)


@pytest.fixture
def member(db):
    """A signed-up member (password ``tests.users.PASSWORD``)."""
    return users.UserFactory(username="lid")


@pytest.fixture
def editor(db):
    """An editor of the platform: sees every visibility level."""
    return users.UserFactory(username="redacteur", is_staff=True)


@pytest.fixture
def organisation_editor(db):
    """An editor of one organisation only (``.groups``: its editors group)."""
    return users.organisation_editor(username="organisatieredacteur")


@pytest.fixture
def community_member(db):
    """A member of one community (its members group), who sees what is shared with it."""
    return users.community_member(username="kringlid")


@pytest.fixture(autouse=True)
def nothing_remembered():
    """A rolled-back test leaves nothing in what the process remembers of the content (the
    vocabulary, the index's word counts)."""
    remembered.forget_here()
    fragments.forget_here()
    yield
    remembered.forget_here()
    fragments.forget_here()


@pytest.fixture(scope="session")
def django_db_setup(request, django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        wanted = "sqlite" if on_sqlite_pass(request.config) else "postgresql"
        if connection.vendor != wanted and (IN_CI or wanted == "sqlite"):
            pytest.exit(
                f"the test database is {connection.vendor}, this run needs {wanted}: set "
                "DATABASE_URL (make test starts PostgreSQL, then runs the engine contract on "
                "SQLite).",
                returncode=3,
            )
        if wanted == "sqlite" and not fts.available():
            # Without FTS5 the embedded engine falls back to matching in Python: the pass
            # would test the fallback, not what the demo runs.
            pytest.exit("this SQLite has no FTS5: the engine contract needs it", returncode=3)
        DemoLoader().run()
    yield
    # Searches outside a transaction count facets on connections of their own; they must
    # be gone before the test database is dropped.
    close_alongside_connections()


# Elasticsearch: `make test` starts a real node and sets WIJKWIJS_TEST_ELASTICSEARCH_URL.
ELASTICSEARCH_TEST_URL = os.environ.get("WIJKWIJS_TEST_ELASTICSEARCH_URL", "")


@pytest.fixture
def postgres_only():
    """Tests of what only PostgreSQL does (its text search, bulk load, planner): skipped on
    another database locally, a failure under CI, which runs them on PostgreSQL."""
    if connection.vendor != "postgresql":
        assert not IN_CI, "CI must run the search tests on PostgreSQL"
        pytest.skip("needs PostgreSQL: run `make test`")


def require_service(url, variable, what, script) -> str:
    """A test service's URL: missing is a skip locally, a failure under CI."""
    if url:
        return url
    if IN_CI:
        pytest.fail(
            f"CI=true but {variable} is not set (make test starts {what} with {script})",
            pytrace=False,
        )
    pytest.skip(f"needs {what}: run `make test`, or start {script} and set {variable}")


def require_elasticsearch() -> str:
    return require_service(
        ELASTICSEARCH_TEST_URL,
        "WIJKWIJS_TEST_ELASTICSEARCH_URL",
        "an Elasticsearch node",
        "scripts/elasticsearch.sh",
    )


@pytest.fixture
def elasticsearch(settings, db):
    """Elasticsearch selected and an index of this test's own, built from the database."""
    from search.elastic import index
    from search.engines.elasticsearch import ElasticsearchEngine

    settings.ELASTICSEARCH_URL = require_elasticsearch()
    settings.ELASTICSEARCH_INDEX_PREFIX = f"test-{os.getpid()}"
    settings.ELASTICSEARCH_TIMEOUT = 30  # an upper bound only: a busy machine is slow
    ElasticsearchEngine.unavailable_until = 0.0
    try:  # the shared node keeps no index of this test's, whatever fails
        index.drop_all()
        index.rebuild()
        yield index
    finally:
        index.drop_all()
        ElasticsearchEngine.unavailable_until = 0.0


@pytest.fixture(params=["embedded", "elasticsearch"])
def engine(request):
    """Each contract test runs on both engines."""
    from search.engines import get_engine

    if request.param == "elasticsearch":
        request.getfixturevalue("elasticsearch")
    return get_engine(request.param)


# Object storage: `make test` starts SeaweedFS (scripts/seaweedfs.sh) and sets
# WIJKWIJS_TEST_S3_URL; the credentials are the script's defaults unless set.
S3_TEST_URL = os.environ.get("WIJKWIJS_TEST_S3_URL", "")
S3_TEST_ACCESS_KEY = os.environ.get("WIJKWIJS_S3_ACCESS_KEY", "wijkwijs-test")
S3_TEST_SECRET_KEY = os.environ.get("WIJKWIJS_S3_SECRET_KEY", "wijkwijs-test-secret")


def require_s3() -> str:
    return require_service(
        S3_TEST_URL, "WIJKWIJS_TEST_S3_URL", "an S3 server (SeaweedFS)", "scripts/seaweedfs.sh"
    )


def s3_client():
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=require_s3(),
        aws_access_key_id=S3_TEST_ACCESS_KEY,
        aws_secret_access_key=S3_TEST_SECRET_KEY,
        region_name="us-east-1",
    )


@pytest.fixture
def bucket(settings, tmp_path):
    """Media in a fresh private bucket of this test's own (the local disk: an empty folder)."""
    from django.core.files.storage import storages

    from project.settings import s3_media_storage

    client = s3_client()
    name = f"test-{os.getpid()}-{os.urandom(4).hex()}"
    client.create_bucket(Bucket=name)
    storage = s3_media_storage(
        name, S3_TEST_URL, S3_TEST_ACCESS_KEY, S3_TEST_SECRET_KEY, "us-east-1"
    )
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {**settings.STORAGES, "default": storage, "media_bucket": storage}
    yield storages["default"]
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=name):
        for item in page.get("Contents", []):
            client.delete_object(Bucket=name, Key=item["Key"])
    client.delete_bucket(Bucket=name)

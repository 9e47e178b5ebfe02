"""Running Elasticsearch: zero-downtime rebuilds, drift detection, and what users get when
the cluster is slow, failing or down (the embedded engine answers, updates wait in the
queue and catch up). Talks to real nodes: the suite's, and one this module stops."""

import os
import socket
import subprocess
import threading
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import CommandError, call_command

from search.elastic import index, sync
from search.engines import get_engine
from search.engines.elasticsearch import ElasticsearchEngine
from search.models import PendingIndexUpdate, SearchRecord
from tests.conftest import require_elasticsearch
from tests.factories import PracticeFactory

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
OWN_NODE_PORT = int(os.environ.get("WIJKWIJS_TEST_ES_SPARE_PORT", "9270"))


def titles(query, user=None):
    result = get_engine().search(query, user=user or AnonymousUser(), limit=50)
    return result, [hit.title for hit in result.hits]


def test_rebuild_swaps_the_alias_and_verify_finds_drift(elasticsearch, capsys):
    before = index.indexes_behind(index.read_alias())
    call_command("search_index", "rebuild")
    after = index.indexes_behind(index.read_alias())
    assert len(after) == 1 and after != before
    assert not index.client().indices.exists(index=before[0])  # the old index is gone
    call_command("search_index", "verify")
    call_command("search_index", "status")
    assert f"documents          {SearchRecord.objects.count()}" in capsys.readouterr().out

    lost = SearchRecord.objects.filter(kind="praktijk").first()
    index.client().delete(index=after[0], id=lost.key, refresh=True)
    with pytest.raises(CommandError, match="wijkt af"):
        call_command("search_index", "verify", "--sample", str(SearchRecord.objects.count()))
    out = capsys.readouterr().out
    assert f"{lost.key}: ontbreekt in de index" in out and "praktijk:" in out
    call_command("search_index", "rebuild")
    call_command("search_index", "verify")


def test_error_answers_fall_back_to_the_embedded_engine(elasticsearch, settings, client):
    PracticeFactory(title="Het ooievaarsnest", summary="Over ooievaars in de wijk.")
    settings.ELASTICSEARCH_INDEX_PREFIX = "bestaat-niet"  # every request answers 404
    result, found = titles("ooievaars")
    assert result.fallback and result.engine == "embedded" and "Het ooievaarsnest" in found
    page = client.get("/zoeken/", {"q": "ooievaars"}).content.decode()
    assert "tijdelijk niet bereikbaar" in page and "Het ooievaarsnest" in page
    assert client.get("/api/v1/search/", {"q": "ooievaars"}).json()["fallback"] is True


@pytest.fixture
def silent_server():
    """A server that accepts connections and never answers: a cluster that hangs."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    held, stop = [], threading.Event()

    def accept():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    thread.join()
    for connection in held:
        connection.close()
    listener.close()


def test_a_slow_cluster_falls_back_and_queues_updates(settings, silent_server):
    settings.ELASTICSEARCH_URL = silent_server
    settings.ELASTICSEARCH_TIMEOUT = settings.ELASTICSEARCH_ADMIN_TIMEOUT = 0.5
    ElasticsearchEngine.unavailable_until = 0.0
    practice = PracticeFactory(title="De reigerkolonie", summary="Reigers broeden in het park.")
    assert PendingIndexUpdate.objects.filter(page_id=practice.pk).exists()  # saved, queued
    result, found = titles("reigers")
    assert result.fallback and "De reigerkolonie" in found
    assert [s.title for s in get_engine().suggest_titles("reigerk")] == ["De reigerkolonie"]
    ElasticsearchEngine.unavailable_until = 0.0


def node(action, port, directory):
    env = os.environ | {
        "WIJKWIJS_ES_PORT": str(port),
        "WIJKWIJS_ES_HEAP": "512m",
        "WIJKWIJS_ES_DIR": str(directory),
        "WIJKWIJS_ES_START_TIMEOUT": "280",  # a busy machine starts a JVM slowly
    }
    done = subprocess.run(
        [str(ROOT / "scripts" / "elasticsearch.sh"), action],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.fixture
def own_node(settings, tmp_path):
    """A node of this test's own (fresh data in a temporary folder), which it may stop and
    start; ``own_node`` is the function that does so."""
    require_elasticsearch()

    def own(action):
        return node(action, OWN_NODE_PORT, tmp_path / "elasticsearch")

    try:  # the node stops whatever fails, in set-up too (a half-started node included)
        settings.ELASTICSEARCH_URL = own("start")
        settings.ELASTICSEARCH_INDEX_PREFIX = "outage"
        settings.ELASTICSEARCH_RETRY_AFTER = 0  # try the cluster again on every request
        settings.ELASTICSEARCH_TIMEOUT = 30  # a fresh node on a busy machine answers slowly
        ElasticsearchEngine.unavailable_until = 0.0
        index.drop_all()
        index.rebuild()
        yield own
    finally:
        own("stop")
        ElasticsearchEngine.unavailable_until = 0.0


def test_a_node_stopped_mid_run_loses_no_update(own_node):
    PracticeFactory(title="De zwanenvijver", summary="Zwanen op de vijver.")
    result, found = titles("zwanen")
    assert not result.fallback and "De zwanenvijver" in found

    own_node("stop")
    PracticeFactory(title="Het egelhuis", summary="Egels overwinteren in het egelhuis.")
    assert sync.pending() == 1  # saved in the database, waiting for the cluster
    result, found = titles("egels")
    assert result.fallback and "Het egelhuis" in found
    with pytest.raises(CommandError, match="Elasticsearch gaf een fout"):
        call_command("search_index", "verify")

    own_node("start")
    result, _found = titles("egels")  # the first answer after the outage sends the queue
    assert not result.fallback
    assert sync.pending() == 0
    result, found = titles("egels")
    assert not result.fallback and "Het egelhuis" in found
    call_command("search_index", "verify")


REPORT = """# Het vogelhuisjesplan

## Aanleiding

De wijkraad bouwt vogelhuisjes met buurtbewoners.

## Resultaat

Veertig vogelhuisjes hangen in de straten van de wijk.
"""


def import_report(tmp_path, settings, caplog):
    settings.MEDIA_ROOT = tmp_path / "media"
    report = tmp_path / "vogelhuisjesplan.md"
    report.write_text(REPORT, encoding="utf-8")
    with caplog.at_level("WARNING"):
        call_command("import_documents", str(report), "--visibility", "public")
    assert not [
        record for record in caplog.records if record.exc_info or record.levelname == "ERROR"
    ]
    return [record.getMessage() for record in caplog.records]


def test_an_import_before_any_index_builds_it_once(settings, tmp_path, caplog):
    settings.ELASTICSEARCH_URL = require_elasticsearch()
    settings.ELASTICSEARCH_INDEX_PREFIX = f"first-use-{os.getpid()}"
    ElasticsearchEngine.unavailable_until = 0.0
    index.drop_all()
    try:
        messages = import_report(tmp_path, settings, caplog)
        assert len([m for m in messages if "had no index" in m]) == 1
        assert sync.pending() == 0
        result, found = titles("vogelhuisjes")
        assert not result.fallback and "Resultaat" in found
    finally:
        index.drop_all()


def test_an_import_while_elasticsearch_is_away_says_so_once(settings, tmp_path, caplog):
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))  # a port nobody listens on
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed.getsockname()[1]}"
    closed.close()
    messages = import_report(tmp_path, settings, caplog)
    assert len([m for m in messages if "wait in the queue" in m]) == 1
    assert sync.pending() >= 1  # the report's page, kept for when the cluster answers
    result, found = titles("vogelhuisjes")
    assert result.fallback and "Resultaat" in found
    ElasticsearchEngine.unavailable_until = 0.0

"""A bulk load writes into an index with no replicas and no refreshes, and the index it
swaps in afterwards behaves as one in use: a change is searchable within a second, on the
configured number of replicas, each write durable."""

import pytest

pytestmark = pytest.mark.django_db


def index_settings(index, name):
    found = index.admin_client().indices.get_settings(index=name)[name]["settings"]["index"]
    return found["refresh_interval"], found["number_of_replicas"], found["translog"]["durability"]


def test_the_load_runs_unrefreshed_and_the_index_in_use_is_restored(elasticsearch, settings):
    index = elasticsearch
    during = []

    def look(done, total):
        building = [
            name
            for name in index.indexes_behind(index.write_alias())
            if name not in index.indexes_behind(index.read_alias())
        ]
        during.append(index_settings(index, building[0]))

    built = index.rebuild(progress=look)
    assert during and set(during) == {("-1", "0", "async")}
    replicas = str(settings.ELASTICSEARCH_REPLICAS)
    assert index_settings(index, built["index"]) == ("1s", replicas, "request")
    assert index.indexes_behind(index.read_alias()) == [built["index"]]

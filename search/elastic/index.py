"""Versioned indexes behind an alias, built in bulk and swapped without downtime.

Searches read the alias ``<prefix>-records``. A rebuild creates ``<prefix>-records-<time>``,
fills it with bulk requests and moves the alias to it in one atomic request. While it is
built, the write alias ``<prefix>-records-write`` points at both the old and the new index,
so updates made meanwhile reach both.
"""

import datetime
import random
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from itertools import islice

from django.conf import settings
from django.db.models import Count
from django.utils import timezone
from elasticsearch import Elasticsearch, helpers
from elasticsearch.exceptions import NotFoundError, RequestError

from search.elastic.documents import as_document, checksum, field_mapping
from search.labels import record_labels
from search.models import SearchRecord
from search.query import synonym_sets

BULK_CHUNK = 1000
BULK_THREADS = 3  # requests in flight: the node's two indexing threads never wait for the next
VERIFY_SAMPLE = 200


def configured() -> bool:
    return bool(settings.ELASTICSEARCH_URL)


@cache
def _client(url, timeout, retries, ca_certs):
    options = {"timeout": timeout, "max_retries": retries, "retry_on_timeout": retries > 0}
    if ca_certs:
        options["ca_certs"] = ca_certs
    return Elasticsearch([url], **options)


def client() -> Elasticsearch:
    """For searches: a short timeout and no retries, so a failing cluster costs a user little
    before the embedded engine answers."""
    return _client(
        settings.ELASTICSEARCH_URL,
        settings.ELASTICSEARCH_TIMEOUT,
        0,
        settings.ELASTICSEARCH_CA_CERTS,
    )


def admin_client() -> Elasticsearch:
    """For creating, filling, swapping and deleting indexes: a busy node takes its time over
    them, and each is safe to repeat, so they wait longer and are retried."""
    return _client(
        settings.ELASTICSEARCH_URL,
        settings.ELASTICSEARCH_ADMIN_TIMEOUT,
        settings.ELASTICSEARCH_ADMIN_RETRIES,
        settings.ELASTICSEARCH_CA_CERTS,
    )


def read_alias() -> str:
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}-records"


def write_alias() -> str:
    return f"{read_alias()}-write"


def indexes_behind(alias) -> list[str]:
    found = admin_client().indices.get_alias(name=alias, ignore=404)
    return [] if found.get("status") == 404 else sorted(found)


# Building ------------------------------------------------------------------------------


def synonym_rules():
    """The theme vocabulary's synonyms, as the index's synonym filter reads them."""
    return sorted(
        ", ".join(sorted(equivalents)) for equivalents in synonym_sets() if len(equivalents) > 1
    )


def create_index(name, rules):
    body = field_mapping(rules)
    body["settings"] = {
        "number_of_shards": settings.ELASTICSEARCH_SHARDS,
        # For the bulk load only (LOADED_SETTINGS after): no replicas to copy to, no
        # refreshes, and the translog written to disk every few seconds, not per request
        # (a crash mid-load loses only this unused index).
        "number_of_replicas": 0,
        "refresh_interval": "-1",
        "translog": {"durability": "async", "sync_interval": "30s"},
        "analysis": body.pop("analysis"),
        "similarity": body.pop("similarity"),
    }
    body["mappings"]["_meta"] = {
        "synonym_rules": len(rules),
        "built_at": timezone.now().isoformat(),
    }
    try:
        admin_client().indices.create(index=name, body=body)
    except RequestError as error:
        # A retried request whose first attempt was slow but succeeded (names are unique).
        if error.error != "resource_already_exists_exception":
            raise


def loaded_settings() -> dict:
    """An index in use: refreshed every second, replicated, every write durable."""
    return {
        "refresh_interval": "1s",
        "number_of_replicas": settings.ELASTICSEARCH_REPLICAS,
        "translog": {"durability": "request"},
    }


def bulk_actions(records, index):
    """Index actions for ``records``, read in key order a chunk at a time."""
    records, last = records.defer("search_vector").order_by("pk"), 0
    while chunk := list(records.filter(pk__gt=last)[:BULK_CHUNK]):
        # The chunk as a subquery, not a list of its keys: 1,000 parameters a table took
        # more of Python's time than making the documents.
        labels = record_labels(records.filter(pk__gt=last, pk__lte=chunk[-1].pk))
        for record in chunk:
            yield {
                "_op_type": "index",
                "_index": index,
                "_id": record.key,
                **as_document(record, labels[record.pk]),
            }
        last = chunk[-1].pk


def send_in_parallel(es, actions):
    """Bulk requests, several at a time, so both cores of a small node index. The actions are
    read here, in the caller's thread and database connection; threads only send them.
    Yields how many actions each finished request carried."""
    with ThreadPoolExecutor(BULK_THREADS) as pool:
        in_flight = deque()
        while chunk := list(islice(actions, BULK_CHUNK)):
            in_flight.append(
                pool.submit(
                    helpers.bulk,
                    es,
                    chunk,
                    chunk_size=BULK_CHUNK,
                    raise_on_error=True,
                    request_timeout=120,
                )
            )
            if len(in_flight) >= BULK_THREADS:
                yield in_flight.popleft().result()[0]
        while in_flight:
            yield in_flight.popleft().result()[0]


def rebuild(progress=None) -> dict:
    """Build a new index from the database's records and point the aliases at it."""
    es = admin_client()
    name = f"{read_alias()}-{datetime.datetime.now(datetime.UTC):%Y%m%d%H%M%S%f}"
    rules = synonym_rules()
    create_index(name, rules)
    old = indexes_behind(read_alias())
    es.indices.update_aliases(body={"actions": [{"add": {"index": name, "alias": write_alias()}}]})
    total, done = SearchRecord.objects.count(), 0
    try:
        for sent in send_in_parallel(es, bulk_actions(SearchRecord.objects.all(), name)):
            done += sent
            if progress:
                progress(done, total)
    except Exception:
        es.indices.delete(index=name, ignore=404)
        raise
    es.indices.put_settings(index=name, body=loaded_settings())
    es.indices.refresh(index=name)
    actions = [
        {"remove": {"index": index, "alias": alias}}
        for index in old
        for alias in (read_alias(), write_alias())
    ]
    actions.append({"add": {"index": name, "alias": read_alias()}})
    swap_aliases(es, actions, name)
    for index in old:
        es.indices.delete(index=index, ignore=404)
    return {
        "index": name,
        "records": done,
        "synonym_rules": len(rules),
    }


def swap_aliases(es, actions, name):
    """Move the aliases in one request. Retried after a slow first attempt that did succeed,
    the swap finds its old indexes unaliased already: then the new index is in place."""
    try:
        es.indices.update_aliases(body={"actions": actions})
    except NotFoundError:
        if indexes_behind(read_alias()) != [name]:
            raise


def drop_all():
    """Delete every index of this prefix (the tests' clean slate)."""
    for index in set(indexes_behind(read_alias()) + indexes_behind(write_alias())):
        admin_client().indices.delete(index=index, ignore=404)


# Incremental updates -------------------------------------------------------------------


def replace_pages(page_ids, refresh=False):
    """Make the index hold exactly the database's records of these pages."""
    es = admin_client()
    targets = indexes_behind(write_alias())
    if not targets:
        raise NotFoundError(404, "index_not_found_exception", f"no index behind {write_alias()}")
    # Read once: during a rebuild the pages go to the old and the new index.
    actions = list(bulk_actions(SearchRecord.objects.filter(page_id__in=page_ids), None))
    for index in targets:
        es.delete_by_query(
            index=index,
            body={"query": {"terms": {"page_id": list(page_ids)}}},
            conflicts="proceed",
            refresh=True,
        )
        helpers.bulk(
            es,
            [action | {"_index": index} for action in actions],
            refresh=refresh,
            raise_on_error=True,
        )


# Status and verification -----------------------------------------------------------------


def status() -> dict:
    es = admin_client()
    health = es.cluster.health()
    indexes = indexes_behind(read_alias())
    info = {
        "url": settings.ELASTICSEARCH_URL.split("@")[-1],
        "cluster": health["cluster_name"],
        "health": health["status"],
        "alias": read_alias(),
        "indexes": indexes,
        "building": [i for i in indexes_behind(write_alias()) if i not in indexes],
        "documents": es.count(index=read_alias())["count"] if indexes else 0,
        "database_records": SearchRecord.objects.count(),
    }
    if indexes:
        meta = es.indices.get_mapping(index=indexes[0])[indexes[0]]["mappings"].get("_meta", {})
        info.update(meta)
    return info


def verify(sample=VERIFY_SAMPLE) -> list[str]:
    """Differences between the database and the index: counts per kind, then a sample of
    records compared field by field, both ways."""
    es = admin_client()
    problems = []
    if not indexes_behind(read_alias()):
        return [f"Geen index achter alias {read_alias()}: draai `search_index rebuild`."]
    database = dict(SearchRecord.objects.values_list("kind").annotate(n=Count("pk")).order_by())
    response = es.search(
        index=read_alias(),
        body={
            "size": 0,
            "track_total_hits": True,
            "aggs": {"kinds": {"terms": {"field": "kind", "size": 50}}},
        },
    )
    indexed = {b["key"]: b["doc_count"] for b in response["aggregations"]["kinds"]["buckets"]}
    for kind in sorted(set(database) | set(indexed)):
        if database.get(kind, 0) != indexed.get(kind, 0):
            problems.append(
                f"{kind}: {database.get(kind, 0)} in de database, "
                f"{indexed.get(kind, 0)} in de index"
            )
    keys = list(SearchRecord.objects.values_list("key", flat=True))
    chosen = random.sample(keys, min(sample, len(keys)))
    by_key = {r.key: r for r in SearchRecord.objects.filter(key__in=chosen)}
    found = es.mget(index=read_alias(), body={"ids": chosen}, _source_includes=["checksum"])
    for doc in found["docs"]:
        if not doc.get("found"):
            problems.append(f"{doc['_id']}: ontbreekt in de index")
        elif doc["_source"]["checksum"] != checksum(by_key[doc["_id"]]):
            problems.append(f"{doc['_id']}: inhoud wijkt af van de database")
    response = es.search(
        index=read_alias(),
        body={"size": sample, "_source": False, "query": {"function_score": {"random_score": {}}}},
    )
    index_keys = [hit["_id"] for hit in response["hits"]["hits"]]
    known = set(SearchRecord.objects.filter(key__in=index_keys).values_list("key", flat=True))
    problems += [
        f"{key}: staat in de index maar niet in de database"
        for key in index_keys
        if key not in known
    ]
    return problems

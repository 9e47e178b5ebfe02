"""Search engines behind one contract (``search.engines.base.SearchEngine``):

- ``search(query, filters, user, limit, offset, sort, as_typed) -> SearchResult`` (hits,
  facet counts, suggestion), counting only what ``user`` may see; with ``limit=0`` the
  counts alone, nothing ranked; ``as_typed``: the words themselves, never a correction or
  their compounds' parts instead (a correction is only suggested);
- ``rank_evidence(query, filter_sets, user, limit)``: per filter set, the records
  ``search`` ranks first, as (page, score, title, address) only (the expert finder's
  evidence: no snippets, text or facet counts);
- ``suggest_titles(prefix, user, limit)`` for autocomplete;
- ``explain(query, user, limit)``: why the top hits rank where they do.

Elasticsearch falls back to the embedded engine while it fails (``base.WithFallback``).

The index itself is kept by ``search.indexing`` (database records, the source of truth)
and ``search.elastic`` (Elasticsearch, fed from those records). ``wagtail-default`` is the
baseline a typical Wagtail site has (page-level hits from ``Page.objects.live().search``).
Setting ``ELASTICSEARCH_URL`` makes Elasticsearch the default engine.
"""

from search.elastic.index import configured as elasticsearch_configured
from search.engines.base import SearchEngine
from search.engines.elasticsearch import ElasticsearchEngine
from search.engines.embedded import EmbeddedEngine
from search.engines.wagtail_default import WagtailDefaultEngine

ENGINES = {
    "embedded": EmbeddedEngine,
    "elasticsearch": ElasticsearchEngine,
    "wagtail-default": WagtailDefaultEngine,
}


def default_engine_name() -> str:
    return "elasticsearch" if elasticsearch_configured() else "embedded"


def get_engine(name: str | None = None) -> SearchEngine:
    try:
        return ENGINES[name or default_engine_name()]()
    except KeyError as unknown:
        raise ValueError(
            f"Onbekende zoekmachine {name!r}; kies uit {', '.join(ENGINES)}"
        ) from unknown

"""Search engines behind one contract: ``search(query, filters, user, limit) -> [Hit]``.

``wagtail-default`` is the baseline a typical Wagtail site has (page-level hits from
``Page.objects.live().search``); the embedded and Elasticsearch engines join it here.
"""

from search.engines.embedded import EmbeddedEngine
from search.engines.wagtail_default import WagtailDefaultEngine

ENGINES = {"embedded": EmbeddedEngine, "wagtail-default": WagtailDefaultEngine}
DEFAULT_ENGINE = "embedded"


def get_engine(name: str | None = None):
    try:
        return ENGINES[name or DEFAULT_ENGINE]()
    except KeyError as unknown:
        raise ValueError(
            f"Onbekende zoekmachine {name!r}; kies uit {', '.join(ENGINES)}"
        ) from unknown

"""The engine contract, and the guard of an engine whose service can fail.

Every engine answers ``search`` (hits, facet counts and a suggestion, counting only what
``user`` may see; ``as_typed``: the words themselves, a correction only suggested),
``rank_evidence`` (the records ``search`` ranks, for the expert finder, without snippets or
counts), ``suggest_titles`` (autocomplete) and ``explain`` (why the top hits rank where
they do). An engine that talks to a service of its own (Elasticsearch) is
guarded by ``WithFallback``: while the service fails, the fallback engine (the
database's, which holds the same records) answers, marked as a fallback, and the service
is left alone for a while, so one failure spares the requests after it.
"""

import logging
import time
from typing import Protocol

from search.results import EvidenceHit, SearchResult, TitleSuggestion

logger = logging.getLogger(__name__)


class SearchEngine(Protocol):
    name: str

    def search(
        self, query, filters=None, user=None, limit=10, offset=0, sort="relevance", as_typed=False
    ) -> SearchResult: ...

    def rank_evidence(
        self, query, filter_sets, user=None, limit=100
    ) -> list[list[EvidenceHit]]: ...

    def suggest_titles(self, prefix, user=None, limit=8) -> list[TitleSuggestion]: ...

    def explain(self, query, user=None, limit=10) -> list[dict]: ...


class ServiceUnavailable(Exception):
    """The engine's service failed, or is being left alone after a failure."""


class WithFallback:
    """``search``, ``rank_evidence`` and ``suggest_titles`` of an engine whose own calls
    (``_search``, ``_rank_evidence``, ``_suggest_titles``) may fail with one of
    ``failures``; ``fallback`` answers then."""

    fallback: type
    failures: tuple[type[Exception], ...] = ()
    unavailable_until = 0.0  # per engine class: shared by all its instances

    def retry_after(self) -> float:
        """Seconds the service is left alone after a failure."""
        raise NotImplementedError

    def recovered(self):
        """The first call that succeeds after a failure (catch up what waited)."""

    def search(
        self, query, filters=None, user=None, limit=10, offset=0, sort="relevance", as_typed=False
    ):
        arguments = (query, filters, user, limit, offset, sort, as_typed)
        try:
            return self.guarded(self._search, *arguments)
        except ServiceUnavailable:
            result = self.fallback().search(*arguments)
            result.fallback = True
            return result

    def rank_evidence(self, query, filter_sets, user=None, limit=100):
        try:
            return self.guarded(self._rank_evidence, query, filter_sets, user, limit)
        except ServiceUnavailable:
            return self.fallback().rank_evidence(query, filter_sets, user, limit)

    def suggest_titles(self, prefix, user=None, limit=8) -> list[TitleSuggestion]:
        try:
            return self.guarded(self._suggest_titles, prefix, user, limit)
        except ServiceUnavailable:
            return self.fallback().suggest_titles(prefix, user, limit)

    def guarded(self, call, *arguments):
        engine = type(self)
        if time.monotonic() < engine.unavailable_until:
            raise ServiceUnavailable
        recovering = engine.unavailable_until > 0
        try:
            answer = call(*arguments)
        except self.failures as error:
            logger.warning(
                "%s failed (%s); the %s engine answers", self.name, error, self.fallback.name
            )
            engine.unavailable_until = time.monotonic() + self.retry_after()
            raise ServiceUnavailable from error
        if recovering:
            engine.unavailable_until = 0.0
            self.recovered()
        return answer

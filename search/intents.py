"""Questions the main search box answers with something other than matching text.

"wie weet iets van X" or "expert X" (``ParsedQuery.intent == "expert"``) asks for people:
the content app that knows them (``expertise``) registers an answerer here, and every
engine puts its answers above the hits on the first page of results. Search names no
content app: the answerers come to it.
"""

from collections.abc import Callable

from search.results import Hit

MAX_ANSWERS = 3
_answerers: dict[str, Callable] = {}


def register(intent: str, answerer: Callable) -> None:
    """``answerer(topic, user, engine) -> list[Hit]``, best first, visible to ``user``."""
    _answerers[intent] = answerer


def with_answers(parsed, hits: list[Hit], user, engine, limit: int, offset: int) -> list[Hit]:
    """The hits with the intent's answers on top (first page only; each hit once)."""
    answerer = _answerers.get(parsed.intent)
    if answerer is None or offset or not parsed.terms:
        return hits
    topic = " ".join(term.text for term in parsed.terms)
    answers = answerer(topic, user, engine)[:MAX_ANSWERS]
    shown = {answer.url for answer in answers}
    return (answers + [hit for hit in hits if hit.url not in shown])[:limit]

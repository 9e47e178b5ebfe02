"""Ranking a record in the context of its page.

A section of a report that is about the query is a better answer than an equally
matching section of a report that mentions the query once: readers judge a passage by
the document it stands in. So the best-scored candidates are ordered again by their own
score (relative to the best) plus their page's relevance: the sum of the page's
``PAGE_BEST_RECORDS`` best candidate scores (relative to the best page). A page of one
record (an expert, a theme) is its own context. Every engine applies it to its best
``CONTEXT_DEPTH`` candidates; beyond them records keep the engine's order (on
Elasticsearch each candidate is one more hit to collect per search).
"""

from dataclasses import dataclass

CONTEXT_DEPTH = 50  # the candidates ordered in context: five pages of hits
PAGE_CONTEXT_WEIGHT = 0.5  # the page's relevance counts half as much as the record's own
PAGE_BEST_RECORDS = 3  # a page is as relevant as its few best records, not its length


@dataclass
class Candidate:
    key: object  # what the engine knows the record by (a primary key, a document id)
    page_id: int
    own_score: float
    score: float = 0.0  # own and page relevance together
    page_score: float = 0.0


def in_page_context(candidates: list[Candidate]) -> list[Candidate]:
    """The candidates in order of their score in context (best first, ties by engine order)."""
    if not candidates:
        return []
    best_by_page: dict[int, list[float]] = {}
    for candidate in candidates:
        best_by_page.setdefault(candidate.page_id, []).append(candidate.own_score)
    page_scores = {
        page_id: sum(sorted(scores, reverse=True)[:PAGE_BEST_RECORDS])
        for page_id, scores in best_by_page.items()
    }
    best_record = max(candidate.own_score for candidate in candidates) or 1.0
    best_page = max(page_scores.values()) or 1.0
    for candidate in candidates:
        candidate.page_score = page_scores[candidate.page_id] / best_page
        candidate.score = (
            candidate.own_score / best_record + PAGE_CONTEXT_WEIGHT * candidate.page_score
        )
    order = sorted(enumerate(candidates), key=lambda item: (-item[1].score, item[0]))
    return [candidate for _position, candidate in order]


def explanation(candidate: Candidate) -> str:
    return (
        f"{candidate.score:+.4f}  in context: own score relative to the best, "
        f"+ {PAGE_CONTEXT_WEIGHT} × its page's relevance {candidate.page_score:.2f}"
    )

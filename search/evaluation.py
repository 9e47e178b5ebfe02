"""Relevance evaluation, exactly as DESIGN.md defines the judgments format.

A hit contains a judged passage when the hit's full indexed text contains any of the
passage's phrases, both normalised (``wijkwijs.normalise``). Walking the top k in rank
order, a hit earns the highest grade among the passages it contains that no earlier hit
was credited with, and that passage is credited: a hit counts once, a passage counts
once. nDCG@k uses gain = grade and log2 discounts; the ideal ranking uses each passage's
grade once. Recall@k counts passages with grade ≥ 2 contained in the top k. Items of
kind "access" run as an anonymous user and must return none of their phrases.
"""

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

from search.results import Hit
from wijkwijs.normalise import normalise

RECALL_MIN_GRADE = 2


@dataclass
class Passage:
    key: str
    grade: int
    phrases: list[str] = field(default_factory=list)

    def found_in(self, normalised_text: str) -> bool:
        return any(phrase in normalised_text for phrase in self.phrases)


@dataclass
class Judgment:
    id: str
    query: str
    kind: str
    filters: dict
    passages: list[Passage]
    must_not: list[str]
    source: str = ""  # the document the passages come from

    @property
    def is_access_check(self):
        return self.kind == "access"


def load_judgments(path: Path) -> list[Judgment]:
    judgments = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as error:
                raise ValueError(f"{path}:{number}: geen geldige JSON ({error})") from error
            passages: dict[str, Passage] = {}
            for entry in item.get("relevant", []):
                key = entry.get("passage") or entry["phrase"]
                passage = passages.setdefault(key, Passage(key, entry["grade"]))
                passage.grade = max(passage.grade, entry["grade"])
                passage.phrases.append(normalise(entry["phrase"]))
            judgments.append(
                Judgment(
                    id=item["id"],
                    query=item["query"],
                    kind=item.get("kind", ""),
                    filters=item.get("filters", {}),
                    passages=list(passages.values()),
                    must_not=[normalise(entry["phrase"]) for entry in item.get("must_not", [])],
                    source=str(item.get("source", "")),
                )
            )
    return judgments


def dcg(gains):
    return sum(gain / math.log2(rank + 1) for rank, gain in enumerate(gains, start=1))


@dataclass
class QueryScore:
    judgment: Judgment
    grades: list[int]  # the grade credited to each hit, in rank order
    ndcg: float
    recall: float
    reciprocal_rank: float
    must_not_violations: int
    leaked: bool


def score(judgment: Judgment, hits: list[Hit], k: int) -> QueryScore:
    texts = [normalise(f"{hit.title} {hit.text}") for hit in hits[:k]]
    credited: set[str] = set()
    grades = []
    for text in texts:
        contained = [p for p in judgment.passages if p.key not in credited and p.found_in(text)]
        best = max(contained, key=lambda passage: passage.grade, default=None)
        if best is not None:
            credited.add(best.key)
        grades.append(best.grade if best else 0)
    ideal = dcg(sorted((p.grade for p in judgment.passages), reverse=True)[:k])
    recall_targets = [p for p in judgment.passages if p.grade >= RECALL_MIN_GRADE]
    retrieved = [p for p in recall_targets if any(p.found_in(text) for text in texts)]
    first_relevant = next((rank for rank, grade in enumerate(grades, start=1) if grade), None)
    return QueryScore(
        judgment=judgment,
        grades=grades,
        ndcg=dcg(grades) / ideal if ideal else 0.0,
        recall=len(retrieved) / len(recall_targets) if recall_targets else 0.0,
        reciprocal_rank=1 / first_relevant if first_relevant else 0.0,
        must_not_violations=sum(
            1 for text in texts if any(phrase in text for phrase in judgment.must_not)
        ),
        leaked=any(p.found_in(text) for p in judgment.passages for text in texts),
    )


def mean(values):
    values = list(values)
    return sum(values) / len(values) if values else 0.0


def figures(scored: list[tuple[QueryScore, list[Hit]]]) -> dict:
    """The metrics of a set of scored queries (access checks count as leaks only)."""
    ranked = [s for s, _hits in scored if not s.judgment.is_access_check]
    return {
        "queries": len(scored),
        "ndcg": round(mean(s.ndcg for s in ranked), 4),
        "recall": round(mean(s.recall for s in ranked), 4),
        "mrr": round(mean(s.reciprocal_rank for s in ranked), 4),
        "must_not_violations": sum(s.must_not_violations for s, _ in scored),
        "access_leaks": sum(1 for s, _ in scored if s.judgment.is_access_check and s.leaked),
    }


def by_source(scored: list[tuple[QueryScore, list[Hit]]]) -> dict:
    """The metrics per judged document, so a gain on one cannot hide a loss on another."""
    sources = sorted({s.judgment.source for s, _hits in scored})
    return {
        source or "-": figures([item for item in scored if item[0].judgment.source == source])
        for source in sources
    }


def held_out(scored: list[tuple[QueryScore, list[Hit]]], source: str) -> dict:
    """Leave one document out: the figures of the documents a change was tuned on, and of
    the one left out (a change is kept only if the left-out figure holds)."""
    if source not in {s.judgment.source for s, _hits in scored}:
        raise ValueError(f"geen oordelen met source {source!r}")
    return {
        "source": source,
        "tuned": figures([item for item in scored if item[0].judgment.source != source]),
        "left_out": figures([item for item in scored if item[0].judgment.source == source]),
    }


def summarise(engine_name: str, k: int, scored: list[tuple[QueryScore, list[Hit]]]) -> dict:
    return {
        "engine": engine_name,
        "k": k,
        **figures(scored),
        "per_query": [
            {
                "id": s.judgment.id,
                "query": s.judgment.query,
                "ndcg": round(s.ndcg, 4),
                "recall": round(s.recall, 4),
                "rr": round(s.reciprocal_rank, 4),
                "top": [
                    {
                        "rank": rank,
                        "type": hit.type,
                        "title": hit.title,
                        "url": hit.url,
                        "grade": grade,
                    }
                    for rank, (hit, grade) in enumerate(zip(hits, s.grades, strict=False), start=1)
                ],
            }
            for s, hits in scored
        ],
    }

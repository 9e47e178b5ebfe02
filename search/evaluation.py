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


def summarise(engine_name: str, k: int, scored: list[tuple[QueryScore, list[Hit]]]) -> dict:
    ranked = [(s, hits) for s, hits in scored if not s.judgment.is_access_check]
    return {
        "engine": engine_name,
        "k": k,
        "queries": len(scored),
        "ndcg": round(mean(s.ndcg for s, _ in ranked), 4),
        "recall": round(mean(s.recall for s, _ in ranked), 4),
        "mrr": round(mean(s.reciprocal_rank for s, _ in ranked), 4),
        "must_not_violations": sum(s.must_not_violations for s, _ in scored),
        "access_leaks": sum(1 for s, _ in scored if s.judgment.is_access_check and s.leaked),
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
                    }  # fmt: skip
                    for rank, (hit, grade) in enumerate(zip(hits, s.grades, strict=False), start=1)
                ],
            }
            for s, hits in scored
        ],
    }

"""Checking an outline against a golden one: heading precision, recall and level accuracy.

A golden outline is a small JSON file written by someone who read the document:

    {"title": "…", "year": 2014, "authors": ["…"],
     "headings": [{"level": 1, "number": "1", "heading": "Interviews"}, …]}

Headings match when their number and words agree (case, punctuation and spacing aside),
in document order; "…" in a golden heading stands for any words (the golden outlines of
real documents leave the names of the people in them out). Precision is the share of
found headings that the golden outline has, recall the share of golden headings that
were found, level accuracy the share of matched headings at the golden level. Headings
no reader would accept (an e-mail address, a single unnumbered word that is no noun
phrase) are listed as implausible.
"""

import json
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from documents.ingest.structure import FUNCTION_WORDS

EMAIL = re.compile(r"\S+@\S+\.\w+")


@dataclass
class Heading:
    level: int
    number: str
    heading: str

    @property
    def key(self) -> str:
        return " ".join(re.findall(r"\w+|…", f"{self.number} {self.heading}".casefold()))

    def matches(self, other: "Heading") -> bool:
        if "…" not in self.key:
            return self.key == other.key
        pattern = r"\s*.*?\s*".join(re.escape(part.strip()) for part in self.key.split("…"))
        return re.fullmatch(pattern, other.key) is not None


@dataclass
class Score:
    precision: float
    recall: float
    level_accuracy: float
    missing: list[Heading] = field(default_factory=list)
    extra: list[Heading] = field(default_factory=list)
    wrong_level: list[tuple[Heading, Heading]] = field(default_factory=list)  # (golden, found)
    implausible: list[Heading] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"precisie {self.precision:.2f}, recall {self.recall:.2f}, "
            f"niveau {self.level_accuracy:.2f}"
        )


def load_golden(path: Path) -> dict:
    golden = json.loads(Path(path).read_text(encoding="utf-8"))
    golden["headings"] = [Heading(**heading) for heading in golden["headings"]]
    return golden


def is_implausible(heading: Heading) -> bool:
    """An e-mail address, or one unnumbered word that cannot be a heading by itself."""
    if EMAIL.search(heading.heading):
        return True
    words = heading.heading.split()
    if heading.number:
        return False
    return not words or (
        len(words) == 1 and (words[0].casefold() in FUNCTION_WORDS or not words[0][:1].isupper())
    )


def _key_for(found: Heading, golden: list[Heading]) -> str:
    """A found heading's key, or the key of the golden heading whose pattern it fits."""
    return next((g.key for g in golden if "…" in g.key and g.matches(found)), found.key)


def compare(golden: list[Heading], found: list[Heading]) -> Score:
    matcher = SequenceMatcher(
        a=[h.key for h in golden], b=[_key_for(h, golden) for h in found], autojunk=False
    )
    pairs = [
        (golden[block.a + offset], found[block.b + offset])
        for block in matcher.get_matching_blocks()
        for offset in range(block.size)
    ]
    matched_golden = {id(pair[0]) for pair in pairs}
    matched_found = {id(pair[1]) for pair in pairs}
    wrong_level = [(g, f) for g, f in pairs if g.level != f.level]
    return Score(
        precision=len(pairs) / len(found) if found else float(not golden),
        recall=len(pairs) / len(golden) if golden else 1.0,
        level_accuracy=(len(pairs) - len(wrong_level)) / len(pairs) if pairs else 0.0,
        missing=[h for h in golden if id(h) not in matched_golden],
        extra=[h for h in found if id(h) not in matched_found],
        wrong_level=wrong_level,
        implausible=[h for h in found if is_implausible(h)],
    )


def describe(score: Score) -> list[str]:
    """Readable lines: the score, then what is missing, extra or at the wrong level."""
    lines = [score.summary()]
    lines += [f"  ontbreekt: {h.number} {h.heading} (niveau {h.level})" for h in score.missing]
    lines += [f"  extra: {h.number} {h.heading} (niveau {h.level})" for h in score.extra]
    lines += [
        f"  niveau {f.level} i.p.v. {g.level}: {g.number} {g.heading}" for g, f in score.wrong_level
    ]
    lines += [f"  onaannemelijke kop: {h.heading}" for h in score.implausible]
    return lines

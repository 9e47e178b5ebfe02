"""Checking an outline against a golden one: heading precision, recall and level accuracy.

A golden outline is a small JSON file written by someone who read the document:

    {"title": "…", "year": 2014, "authors": 2,
     "headings": [{"level": 1, "number": "1", "heading": "Interviews"}, …]}

A heading is given by its words, or — for real documents, whose wording the repository
must not copy — by a digest of its words with their count and at most the first few:
``{"level": 2, "number": "1.1", "digest": "…", "words": 9, "opening": "Hoe geeft men"}``
(``write_golden`` writes these). Headings match when their number and words agree (case,
punctuation and spacing aside), in document order; "…" in a golden heading stands for any
words (the golden outlines of real documents leave the names of the people in them out).
Precision is the share of found headings that the golden outline has, recall the share of
golden headings that were found, level accuracy the share of matched headings at the
golden level. Headings no reader would accept (an e-mail address, a single unnumbered word
that is no noun phrase) are listed as implausible.
"""

import hashlib
import json
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from documents.ingest.structure import FUNCTION_WORDS

EMAIL = re.compile(r"\S+@\S+\.\w+")
OPENING_WORDS = 3  # what a digest heading shows of itself: too few to copy a sentence


def words_of(text: str) -> list[str]:
    return re.findall(r"\w+|…", text.casefold())


def digest_of(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]


@dataclass
class Heading:
    level: int
    number: str
    heading: str = ""
    digest: str = ""  # instead of the words: digest_of(key)
    words: int = 0
    opening: str = ""

    @property
    def key(self) -> str:
        return " ".join(words_of(f"{self.number} {self.heading}"))

    @property
    def is_pattern(self) -> bool:
        return "…" in self.heading

    @property
    def match_key(self) -> str:
        """What ``compare`` matches on: the pattern itself, else the digest of the words."""
        if self.is_pattern:
            return self.key
        return self.digest or digest_of(self.key)

    @property
    def label(self) -> str:
        """The heading for people: its words, or its opening and how many words follow."""
        if self.heading or not self.digest:
            return self.heading
        if self.words <= len(words_of(self.opening)):
            return self.opening
        return f"{self.opening} … ({self.words} woorden)"

    def matches(self, other: "Heading") -> bool:
        if not self.is_pattern:
            return self.match_key == digest_of(other.key)
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


def golden_entry(heading: Heading) -> dict:
    """A heading as a golden outline of a real document stores it: its words only as a
    pattern with the names left out, else as a digest with the first few words."""
    if heading.is_pattern:
        return {"level": heading.level, "number": heading.number, "heading": heading.heading}
    return {
        "level": heading.level,
        "number": heading.number,
        "digest": heading.digest or digest_of(heading.key),
        "words": heading.words or len(words_of(heading.heading)),
        "opening": heading.opening or " ".join(heading.heading.split()[:OPENING_WORDS]),
    }


def dump_golden(golden: dict, digest: bool = True) -> str:
    """A golden outline as JSON, one heading a line; ``digest=False`` keeps the words (for
    invented reports, whose wording is the repository's own)."""
    rows = [
        golden_entry(h) if digest else {"level": h.level, "number": h.number, "heading": h.heading}
        for h in golden["headings"]
    ]
    head = [
        f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}"
        for key, value in golden.items()
        if key != "headings"
    ]
    body = ",\n".join("    " + json.dumps(row, ensure_ascii=False) for row in rows)
    return "{\n" + ",\n".join(head) + ',\n  "headings": [\n' + body + "\n  ]\n}\n"


def title_matches(golden_title: str, title: str) -> bool:
    """A golden title, which may leave words out with "…", against the title found."""
    return Heading(0, "", golden_title).matches(Heading(0, "", title))


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
    """A found heading's match key, or the key of the golden pattern it fits."""
    pattern = next((g for g in golden if g.is_pattern and g.matches(found)), None)
    return pattern.key if pattern else digest_of(found.key)


def compare(golden: list[Heading], found: list[Heading]) -> Score:
    matcher = SequenceMatcher(
        a=[h.match_key for h in golden], b=[_key_for(h, golden) for h in found], autojunk=False
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
    lines += [f"  ontbreekt: {h.number} {h.label} (niveau {h.level})" for h in score.missing]
    lines += [f"  extra: {h.number} {h.heading} (niveau {h.level})" for h in score.extra]
    lines += [
        f"  niveau {f.level} i.p.v. {g.level}: {g.number} {f.heading}" for g, f in score.wrong_level
    ]
    lines += [f"  onaannemelijke kop: {h.heading}" for h in score.implausible]
    return lines

"""Footnote numbers in the text turned into references ('[^3]') to the footnotes lifted out.

A reference is a number of one or two digits after a word: glued to it ("matrix3"), to
the punctuation closing it ("geleverd.2", "‘Krachtig’4"), one space after a closing
bracket ("14) 5 .") or one space after the word ("opzet 1 formuleerden"). Only the last
may be any number ("fase 2", "prestatieveld 5"): nothing else is counted that way.
Footnotes are numbered in reading order, so the certain references are taken first, in
order, and each footnote left over takes the first number after a word between its
neighbours' references.
"""

import re
from dataclasses import dataclass

_FOLLOWED_BY = r"(?=[\s.,;:)’”'\"]|$)"
CERTAIN_REFERENCE = re.compile(
    r"(?:(?<=[^\W\d_]{3})|(?<=[^\W\d_][.,;:!?)’”'\"])|(?<=[)’”] ))\d{1,2}" + _FOLLOWED_BY
)
SPACED_REFERENCE = re.compile(r"(?<=[^\W\d_]{3} )\d{1,2}" + _FOLLOWED_BY)


@dataclass(frozen=True)
class Candidate:
    block: int
    paragraph: int
    start: int
    end: int
    certain: bool

    @property
    def place(self):
        return (self.block, self.paragraph, self.start)


def link_footnotes(blocks: list[list[str]], footnotes: dict[str, str]) -> list[dict[str, str]]:
    """Link the references in ``blocks`` (each a list of paragraphs, in reading order) in
    place; return the footnotes each block refers to."""
    candidates = _candidates(blocks)
    numbers = sorted(footnotes, key=int)
    chosen, last = {}, None
    for number in numbers:
        if certain := _first_between(candidates.get(number, []), last, certain_only=True):
            chosen[number], last = certain, certain.place
    for position, number in enumerate(numbers):
        if number in chosen:
            continue
        after = next((chosen[n].place for n in reversed(numbers[:position]) if n in chosen), None)
        before = next((chosen[n].place for n in numbers[position + 1 :] if n in chosen), None)
        if spaced := _first_between(candidates.get(number, []), after, before):
            chosen[number] = spaced
    # From the end of the text, so the offsets of the references before stay valid.
    for number, candidate in sorted(chosen.items(), key=lambda item: item[1].place, reverse=True):
        text = blocks[candidate.block][candidate.paragraph]
        blocks[candidate.block][candidate.paragraph] = (
            f"{text[: candidate.start]}[^{number}]{text[candidate.end :]}"
        )
    found = [{} for _ in blocks]
    for number in numbers:
        if number in chosen:
            found[chosen[number].block][number] = footnotes[number]
    return found


def _candidates(blocks: list[list[str]]) -> dict[str, list[Candidate]]:
    """Every number that may be a reference, by its value, in reading order."""
    candidates = {}
    for block_index, paragraphs in enumerate(blocks):
        for paragraph_index, text in enumerate(paragraphs):
            for pattern, certain in ((CERTAIN_REFERENCE, True), (SPACED_REFERENCE, False)):
                for match in pattern.finditer(text):
                    candidates.setdefault(match.group(), []).append(
                        Candidate(block_index, paragraph_index, match.start(), match.end(), certain)
                    )
    for found in candidates.values():
        found.sort(key=lambda candidate: candidate.place)
    return candidates


def _first_between(candidates: list[Candidate], after, before=None, certain_only=False):
    return next(
        (
            candidate
            for candidate in candidates
            if (candidate.certain or not certain_only)
            and (after is None or candidate.place > after)
            and (before is None or candidate.place < before)
        ),
        None,
    )

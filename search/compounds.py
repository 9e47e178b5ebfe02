"""Splitting Dutch compounds into two known words.

'keukentafelgesprek' → ('keukentafel', 'gesprek'); with a linking s:
'zelfredzaamheidsmatrix' → ('zelfredzaamheid', 'matrix'). A split counts only when both
parts are words of the index vocabulary; among several, the one whose rarer part is most
frequent wins. Used on query words and, at index time, on the words of every record.
"""

from collections.abc import Callable, Iterable

MIN_LENGTH = 9
PART_MIN = 4


def candidate_splits(word: str):
    for cut in range(PART_MIN, len(word) - PART_MIN + 1):
        left, right = word[:cut], word[cut:]
        yield left, right
        if left.endswith("s") and len(left) > PART_MIN:
            yield left[:-1], right


def split_compounds(
    words: Iterable[str], frequency_of: Callable[[set[str]], dict[str, int]]
) -> dict[str, tuple[str, str]]:
    """{compound: (left, right)} for the words that split into two known words."""
    candidates = {
        word: list(candidate_splits(word)) for word in set(words) if len(word) >= MIN_LENGTH
    }
    wanted = {part for pairs in candidates.values() for pair in pairs for part in pair}
    frequency = frequency_of(wanted) if wanted else {}
    splits = {}
    for word, pairs in candidates.items():
        known = [pair for pair in pairs if pair[0] in frequency and pair[1] in frequency]
        if known:
            splits[word] = max(known, key=lambda pair: min(frequency[pair[0]], frequency[pair[1]]))
    return splits

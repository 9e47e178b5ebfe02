"""Splitting Dutch compounds into two known words, and joining two words into one.

'keukentafelgesprek' → ('keukentafel', 'gesprek'); with a linking s:
'zelfredzaamheidsmatrix' → ('zelfredzaamheid', 'matrix'). A split counts only when both
parts are words of the index vocabulary; among several, the one whose rarer part is most
frequent wins. Used on query words and, at index time, on the words of every record.
The other way round, two query words written apart ('vrijwilligers centrale') are also
searched as the compound the index holds ('vrijwilligerscentrale'); and a compound that
matches nothing is searched by its longest known first and last parts
('schuldhulpverleningstraject' → 'schuldhulp', 'traject').
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


def join_compounds(
    words: list[str], frequency_of: Callable[[set[str]], dict[str, int]]
) -> dict[tuple[str, str], str]:
    """{(left, right): compound} for neighbouring words that the vocabulary knows joined,
    directly or with a linking s ('gedachten kamer' → 'gedachtenkamer')."""
    pairs = [
        (left, right)
        for left, right in zip(words, words[1:], strict=False)
        if len(left) >= PART_MIN and len(right) >= PART_MIN
    ]
    candidates = {pair: (pair[0] + pair[1], pair[0] + "s" + pair[1]) for pair in pairs}
    wanted = {joined for options in candidates.values() for joined in options}
    frequency = frequency_of(wanted) if wanted else {}
    return {
        pair: max(known, key=frequency.get)
        for pair, options in candidates.items()
        if (known := [joined for joined in options if joined in frequency])
    }


def known_parts(word: str, frequency_of: Callable[[set[str]], dict[str, int]]) -> list[str]:
    """The longest vocabulary word the compound starts with (a linking s dropped) and the
    longest it ends with: what is left to search when the whole word matches nothing."""
    if len(word) < MIN_LENGTH:
        return []
    cuts = range(PART_MIN, len(word) - PART_MIN + 1)
    heads = [word[:cut] for cut in cuts]
    heads += [head[:-1] for head in heads if head.endswith("s") and len(head) > PART_MIN]
    tails = [word[cut:] for cut in cuts]
    frequency = frequency_of(set(heads + tails))
    parts = [
        max((part for part in group if part in frequency), key=len, default="")
        for group in (heads, tails)
    ]
    return list(dict.fromkeys(part for part in parts if part))

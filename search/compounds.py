"""Splitting Dutch compounds into two known words, and joining two words into one.

'keukentafelgesprek' → ('keukentafel', 'gesprek'); with a linking s:
'zelfredzaamheidsmatrix' → ('zelfredzaamheid', 'matrix'). A split counts only when both
parts are words of the index vocabulary, or common Dutch words (``search.lexicon``) of five
letters or more, each more common than the compound itself: a word more common than its
would-be part is a word of its own ('verschillen' is not 'vers' + 'chillen'). Among several
splits, index words before lexicon words, then the one whose rarer part is most frequent.
Used on query words and, at index time, on the words of every record.
The other way round, two query words written apart ('vrijwilligers centrale') are also
searched as the compound the index holds ('vrijwilligerscentrale'); and a compound that
matches nothing is searched by its longest known first and last parts
('schuldhulpverleningstraject' → 'schuldhulp', 'traject').
"""

from collections.abc import Callable, Iterable

from search import lexicon

MIN_LENGTH = 9
PART_MIN = 4
LEXICON_PART_MIN = 5  # shorter Dutch words ('vers', 'gesp') are too often a compound's chance start


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
        in_index = [pair for pair in pairs if pair[0] in frequency and pair[1] in frequency]
        if in_index:
            splits[word] = max(in_index, key=lambda pair: min(map(frequency.get, pair)))
        elif in_dutch := [pair for pair in pairs if split_by_lexicon(word, pair, frequency)]:
            splits[word] = max(in_dutch, key=lambda pair: min(map(lexicon.frequency, pair)))
    return splits


def split_by_lexicon(word: str, pair: tuple[str, str], index_frequency: dict) -> bool:
    """Whether Dutch at large supports the split: each part an index word or a common
    Dutch word of five letters or more, and each part more common than the compound."""
    own = lexicon.frequency(word)
    return all(
        (
            part in index_frequency
            or (len(part) >= LEXICON_PART_MIN and lexicon.is_common_word(part))
        )
        and lexicon.frequency(part) >= own
        for part in pair
    )


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

"""Dutch derivations the stemmer leaves apart, found in the index's own vocabulary.

Snowball joins inflections (eenzame/eenzaamheid, zelfsturende/zelfsturing, werkers/werker),
not derivations: 'opbouwwerker' and 'opbouwwerk', 'ondersteuner' and 'ondersteuning',
'teamleider' and 'teamleiding'. Two words are derivations of each other when their stems
share a root once one derivational suffix is taken off (a person -er/-ster, -schap, -heid,
-isch, -lijk). Only words the index holds are offered, the most frequent first, so the
table follows the content rather than a word list.
"""

from search import dutch
from search.models import SearchTerm

SUFFIXES = ("ster", "ers", "er", "schap", "heid", "isch", "lijk", "ing", "en", "end", "ende")
MIN_ROOT = 4
PER_WORD = 3
MAX_LENGTH_GAIN = 7  # letters a derivation may add to the root


def root(stem: str) -> str:
    for suffix in SUFFIXES:
        if stem.endswith(suffix) and len(stem) - len(suffix) >= MIN_ROOT:
            return stem[: -len(suffix)]
    return stem


def derivations(words) -> dict[str, list[str]]:
    """{query word: vocabulary words derived from the same root}, for words of 5+ letters."""
    related = {}
    for word in dict.fromkeys(words):
        if len(word) < MIN_ROOT + 1 or word in dutch.STOP_WORDS:
            continue
        stem = dutch.stem(word)
        base = root(stem)
        candidates = (
            SearchTerm.objects.filter(word__startswith=base)
            .order_by("-frequency", "word")
            .values_list("word", flat=True)[:200]
        )
        found, stems_seen = [], {stem}
        for candidate in candidates:
            other = dutch.stem(candidate)
            if other in stems_seen or len(candidate) > len(base) + MAX_LENGTH_GAIN:
                continue
            if root(other) == base:
                found.append(candidate)
                stems_seen.add(other)
            if len(found) == PER_WORD:
                break
        if found:
            related[word] = found
    return related

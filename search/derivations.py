"""Dutch derivations the stemmer leaves apart, found in the index's own vocabulary.

Snowball joins inflections (eenzame/eenzaamheid, zelfsturende/zelfsturing, werkers/werker),
not derivations: 'opbouwwerker' and 'opbouwwerk', 'ondersteuner' and 'ondersteuning',
'teamleider' and 'teamleiding'. Two words are derivations of each other when their stems
share a root once one derivational suffix is taken off (a person -er/-der/-ster, -schap,
-heid, -ing, -isch, and the Latinate -iering, -ieel, -iën). Only words the index holds are
offered, the most frequent first, so the table follows the content rather than a word list.
"""

import functools
import re

from search import dutch
from search.models import SearchTerm
from wijkwijs.remembered import remembered_per_word

# Longest first; "-der" is the person after an r (beheerder, bestuurder); the Latinate
# "-iering/-ieel/-iën" family (financiering, financiële, financiën) shares the root before -i.
SUFFIXES = tuple(
    re.findall(
        r"\w+",
        "ieringen iering ieren sters ische schap ders ster heid ende ingen ieel iele "
        "ers der isch ing end ien er en",
    )
)
MIN_ROOT = 4
PER_WORD = 3
CANDIDATES = 20  # the most frequent words with the prefix


def bases(word: str) -> set[str]:
    """The word, and the word without each derivational suffix it ends in."""
    return {word} | {
        word[: -len(suffix)]
        for suffix in SUFFIXES
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_ROOT
    }


@functools.lru_cache(maxsize=50_000)
def roots(word: str) -> frozenset[str]:
    """The stems of a word's bases: two words sharing one are derivations of each other."""
    return frozenset(dutch.stem(base) for base in bases(word))


def derivations(words) -> dict[str, list[str]]:
    """{query word: vocabulary words derived from the same root}, for words of 5+ letters
    (remembered until the index changes)."""
    return remembered_per_word("derivations", words, _derivations)


def _derivations(words) -> dict[str, list[str]]:
    related = {}
    for word in dict.fromkeys(words):
        if len(word) <= MIN_ROOT or word in dutch.STOP_WORDS:
            continue
        shortest = min(bases(word), key=len)
        prefix = shortest[: max(MIN_ROOT, len(shortest) - 1)]  # a stem may lose a letter
        candidates = (
            # The range lets the word index answer (LIKE cannot under most collations).
            SearchTerm.objects.filter(word__gte=prefix, word__lt=prefix + "{")
            .filter(word__startswith=prefix)
            .order_by("-frequency", "word")
            .values_list("word", flat=True)[:CANDIDATES]
        )
        wanted, found, stems_seen = roots(word), [], {dutch.stem(word)}
        for candidate in candidates:
            stem = dutch.stem(candidate)
            if stem not in stems_seen and roots(candidate) & wanted:
                found.append(candidate)
                stems_seen.add(stem)
            if len(found) == PER_WORD:
                break
        if found:
            related[word] = found
    return related

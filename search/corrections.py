"""'Bedoelde u …?': typo corrections from the index vocabulary, limited to what a user may see.

A query word is corrected when the vocabulary does not know it, or knows it only as a rare
word (a typo in some text) next to a close word that is far more common: then the
correction is also what is searched. Close means trigram similarity, as PostgreSQL's
``pg_trgm`` measures it (on SQLite the same measure in Python). The vocabulary spans all
content, so a correction is offered only if the corrected word itself occurs in a record
the user may see: a word of restricted text is never suggested to someone who may not
read it, whatever else the query finds.
"""

from dataclasses import dataclass

from django.contrib.postgres.search import TrigramSimilarity
from django.db import connection
from django.db.models import Q
from django.db.models.functions import Length

from search.models import SearchTerm
from wijkwijs.remembered import remembered, remembered_per_word

MIN_LENGTH = 4
MIN_SIMILARITY = 0.4
RARE = 3  # a known word this rare may be a typo ...
MUCH_MORE_LIKELY = 20  # ... of a close word this many times as common
CLOSE_SIMILARITY = 0.5
CANDIDATES = 5


@dataclass
class Correction:
    text: str  # the corrected query ("" if nothing to correct)
    search_it: bool  # the correction is so much more likely that it is searched instead


def trigrams(word: str) -> set[str]:
    """pg_trgm's trigrams of one word: padded with two spaces before and one after."""
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def edits(a: str, b: str) -> int:
    """Letters inserted, deleted, replaced or swapped to turn ``a`` into ``b`` (optimal
    string alignment distance): a typo is one or two of them."""
    previous, current = None, list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        before, previous, current = previous, current, [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], before[j - 2] + 1)
    return current[len(b)]


def typo_edits(word: str) -> int:
    """How many edits a typo of this word may have: two, three from ten letters (a longer
    word that merely contains it is further away)."""
    return 1 + len(word) // 5


def similarity(a: str, b: str) -> float:
    first, second = trigrams(a), trigrams(b)
    return len(first & second) / len(first | second)


def close_words(word: str) -> list[tuple[str, int, float]]:
    """(word, frequency, similarity) of the most similar vocabulary words, best first
    (remembered until the index changes)."""
    return remembered("close words", word, lambda: _close_words(word))


def known_frequency(words) -> dict[str, int]:
    """{word: how often the vocabulary holds it} for the words it holds (remembered)."""
    return remembered_per_word("frequency", words, _vocabulary_frequency)


def _vocabulary_frequency(words) -> dict[str, int]:
    return dict(SearchTerm.objects.filter(word__in=words).values_list("word", "frequency"))


def _close_words(word: str) -> list[tuple[str, int, float]]:
    if connection.vendor == "postgresql":
        rows = (
            SearchTerm.objects.annotate(similarity=TrigramSimilarity("word", word))
            .filter(similarity__gte=MIN_SIMILARITY)
            .exclude(word=word)
            .order_by("-similarity", "-frequency")
            .values_list("word", "frequency", "similarity")[:CANDIDATES]
        )
        return list(rows)
    # SQLite: words of about the same length sharing a first or last letter, measured here.
    candidates = (
        SearchTerm.objects.annotate(length=Length("word"))
        .filter(length__gte=len(word) - 2, length__lte=len(word) + 2)
        .filter(Q(word__startswith=word[0]) | Q(word__endswith=word[-1]))
        .exclude(word=word)
        .values_list("word", "frequency")
    )
    measured = [(other, frequency, similarity(word, other)) for other, frequency in candidates]
    measured = [row for row in measured if row[2] >= MIN_SIMILARITY]
    return sorted(measured, key=lambda row: (-row[2], -row[1]))[:CANDIDATES]


def fewest_edits_first(word, candidates):
    """The similar words in order of the edits a typo would have made, then of how common
    they are: trigrams favour a word sharing a longer ending ('verleneng' is nearer to
    'verlener' by trigrams, but one slip from 'verlening')."""
    return sorted(candidates, key=lambda row: (edits(word, row[0]), -row[1], -row[2]))


def correct(words: list[str], visible_word) -> Correction:
    """The query's words with typos replaced; ``visible_word(word)`` says whether a word
    occurs in what the user may see. The correction is searched when every replaced word
    was unknown or far less likely, and is close: a typo away (a loose match is only
    offered)."""
    frequency = known_frequency(words)
    corrected, replaced, search_it = [], False, True
    for word in words:
        replacement, known = None, frequency.get(word, 0)
        if len(word) >= MIN_LENGTH and known <= RARE:
            for other, other_frequency, score in fewest_edits_first(word, close_words(word)):
                close = score >= CLOSE_SIMILARITY and edits(word, other) <= typo_edits(word)
                if known and not (close and other_frequency >= MUCH_MORE_LIKELY * known):
                    continue  # a known word stays unless a close one is far more likely
                if visible_word(other):
                    replacement, search_it = other, search_it and close
                    break
        corrected.append(replacement or word)
        replaced = replaced or replacement is not None
    if not replaced:
        return Correction("", False)
    return Correction(" ".join(corrected), search_it)

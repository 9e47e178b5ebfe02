"""Dutch text analysis in Python, the same chain PostgreSQL's ``wijkwijs_dutch``
configuration and the Elasticsearch mapping apply: words split on every character that is
not a letter or digit (hyphens and slashes too; a hyphenated word is also kept joined),
accents folded, Snowball's Dutch stop words dropped, ``-tie``/``-ties`` joined and the
Snowball Dutch stemmer (``snowballstemmer`` 2.2, the algorithm PostgreSQL 15 ships).

The SQLite engine indexes and searches with it; the other engines use it to compare
words (derivations, question words) the way their own analysis would.
"""

import functools
import re
import threading

import snowballstemmer

from wijkwijs.normalise import normalise

# Snowball's Dutch stop list, as PostgreSQL's dutch.stop and Elasticsearch's _dutch_ have it.
STOP_WORDS = frozenset(
    re.findall(
        r"\w+",
        """de en van ik te dat die in een hij het niet zijn is was op aan met als voor had er
        maar om hem dan zou of wat mijn men dit zo door over ze zich bij ook tot je mij uit der
        daar haar naar heb hoe heeft hebben deze u want nog zal me zij nu ge geen omdat iets
        worden toch al waren veel meer doen toen moet ben zonder kan hun dus alles onder ja
        eens hier wie werd altijd doch wordt wezen kunnen ons zelf tegen na reeds wil kon niets
        uw iemand geweest andere""",
    )
)
# From a word's start, without giving letters back: the same matches as \w+(?:-\w+)+, without
# trying every position inside every word.
HYPHENATED = re.compile(r"\b\w++(?:-\w++)+")
# A Snowball stemmer keeps the word it works on in itself: one per thread (gunicorn serves
# a process's requests on several).
_per_thread = threading.local()


@functools.lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """The stem of one normalised word ('participaties' and 'participatie' → 'participatie')."""
    if word.endswith("ties") and len(word) > 5:
        word = word[:-1]
    if word.endswith("tie"):
        return word  # Snowball would cut 'participatie' and 'participaties' differently
    if not hasattr(_per_thread, "stemmer"):
        _per_thread.stemmer = snowballstemmer.stemmer("dutch")
    return _per_thread.stemmer.stemWord(word)


def words(text: str) -> list[str]:
    """The normalised words of a text, in order (stop words included)."""
    return normalise(text).split()


def joined_words(text: str) -> list[str]:
    """Hyphenated words written together ('Wmo-loket' → 'wmoloket'): a query may join them."""
    return ["".join(words(match)) for match in HYPHENATED.findall(text)]


def stems(text: str) -> list[str]:
    """What a text is indexed and searched by: stems of its words, stop words left out."""
    return [stem(word) for word in words(text) if word not in STOP_WORDS]

"""Text normalisation as DESIGN.md defines it for comparing texts.

Unicode NFKC, casefold, curly quotes to straight, diacritics removed, every run of
characters that are not letters or digits replaced by one space, trimmed. Used for
near-duplicate detection and for judging search results against relevance phrases.
"""

import re
import sys
import unicodedata
from functools import cache

CURLY_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"'})
NOT_ALPHANUMERIC = re.compile(r"[\W_]+")
SHINGLE_WORDS = 5


ASCII_OR_NOT = re.compile(r"([\x00-\x7f]+)|[^\x00-\x7f]+")


@cache
def combining_marks() -> dict:
    """str.translate's table that drops every combining character."""
    return dict.fromkeys(c for c in range(sys.maxunicode + 1) if unicodedata.combining(chr(c)))


def fold(part: str) -> str:
    part = unicodedata.normalize("NFKC", part).casefold().translate(CURLY_QUOTES)
    return unicodedata.normalize("NFKD", part).translate(combining_marks())


def fold_run(match) -> str:
    return match[1].lower() if match[1] else fold(match[0])


def folded(text: str) -> str:
    """The text casefolded and without diacritics: ``normalise`` but for the spacing."""
    # Runs of ASCII only need lowercasing, and the rest folds the same on its own (composing
    # a letter with the accent after it, or not, ends in the letter once the accents go):
    # Unicode normalisation then runs over a few characters, not the whole text.
    return ASCII_OR_NOT.sub(fold_run, text)


def normalise(text: str) -> str:
    return NOT_ALPHANUMERIC.sub(" ", folded(text)).strip()


def shingles(words: list[str]) -> set[str]:
    """The word 5-grams of a text's words: what near-duplicate texts share."""
    return {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}

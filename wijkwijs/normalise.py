"""Text normalisation as DESIGN.md defines it for comparing texts.

Unicode NFKC, casefold, curly quotes to straight, diacritics removed, every run of
characters that are not letters or digits replaced by one space, trimmed. Used for
near-duplicate detection and for judging search results against relevance phrases.
"""

import re
import unicodedata

CURLY_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"'})
NOT_ALPHANUMERIC = re.compile(r"[\W_]+")
SHINGLE_WORDS = 5


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold().translate(CURLY_QUOTES)
    text = "".join(
        char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char)
    )
    return NOT_ALPHANUMERIC.sub(" ", text).strip()


def shingles(words: list[str]) -> set[str]:
    """The word 5-grams of a text's words: what near-duplicate texts share."""
    return {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}

"""Dutch as a whole, beyond the index: word frequencies from the ``wordfreq`` package.

The index vocabulary knows only the words of this site's content, so a compound whose first
part the content never uses on its own ('schijnparticipatie') would stay whole, and a search
for its head would miss it. The lexicon says which strings are Dutch words and how common
they are (per word of running text, over subtitles, news, Wikipedia and the web); words are
normalised as the index normalises them. Only the common words are kept (~29,000 of 300,000):
loaded once per process, on first use, in ~0.5 s.
"""

import functools

from wijkwijs.normalise import normalise

LANGUAGE = "nl"
COMMON = 1e-6  # once per million words (Zipf 3): below it the list holds names and typos


@functools.cache
def frequencies() -> dict[str, float]:
    """{normalised word: frequency} of Dutch's common words (read once: a server reads it
    before its first request)."""
    from wordfreq import get_frequency_list  # only where it is needed

    # Buckets of words, most common first; bucket i holds the words of frequency 10^(-i/100).
    buckets = get_frequency_list(LANGUAGE, wordlist="large")
    common: dict[str, float] = {}
    for index, words in enumerate(buckets):
        bucket_frequency = 10 ** (-index / 100)
        if bucket_frequency < COMMON:
            break
        for word in words:
            common.setdefault(normalise(word), bucket_frequency)  # the first is the highest
    return common


def frequency(word: str) -> float:
    """How often the (normalised) word occurs in Dutch text; 0.0 if not at all or rarely
    (below ``COMMON``)."""
    return frequencies().get(word, 0.0)


def is_common_word(word: str) -> bool:
    return frequency(word) >= COMMON

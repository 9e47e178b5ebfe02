"""Dutch as a whole, beyond the index: word frequencies from the ``wordfreq`` package.

The index vocabulary knows only the words of this site's content, so a compound whose first
part the content never uses on its own ('schijnparticipatie') would stay whole, and a search
for its head would miss it. The lexicon says which strings are Dutch words and how common
they are (per word of running text, over subtitles, news, Wikipedia and the web); words are
normalised as the index normalises them. Loaded once per process, on first use (~1 s).
"""

import functools

from wijkwijs.normalise import normalise

LANGUAGE = "nl"
COMMON = 1e-6  # once per million words (Zipf 3): below it the list holds names and typos


@functools.cache
def _frequencies() -> dict[str, float]:
    from wordfreq import get_frequency_dict  # ~0.5 s and 40 MB: only where it is needed

    frequencies: dict[str, float] = {}
    for word, frequency in get_frequency_dict(LANGUAGE, wordlist="large").items():
        key = normalise(word)
        frequencies[key] = max(frequency, frequencies.get(key, 0.0))
    return frequencies


def frequency(word: str) -> float:
    """How often the (normalised) word occurs in Dutch text; 0.0 if not at all."""
    return _frequencies().get(word, 0.0)


def is_common_word(word: str) -> bool:
    return frequency(word) >= COMMON

"""gunicorn serves each process's requests on several threads: stemming a snippet's words
in one request must not garble another's (a shared Snowball stemmer keeps the word it is
working on in itself; two threads at once ended in IndexError, a server error)."""

import sys
from concurrent.futures import ThreadPoolExecutor

from search import dutch

WORDS = [
    f"{stem}{ending}"
    for stem in ("wijkteam", "buurtbus", "mantelzorger", "vrijwilliger", "ontmoeting", "gezin")
    for ending in ("", "en", "s", "tje", "tjes", "elijk", "heid", "heden", "ing", "ingen")
]


def stems_of(words):
    dutch.stem.cache_clear()  # every word through the stemmer itself, not the cache
    return [dutch.stem(word) for word in words]


def test_words_stemmed_on_many_threads_at_once_stem_as_on_one():
    expected = stems_of(WORDS)
    switch = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads take turns as often as they can
    try:
        with ThreadPoolExecutor(8) as pool:
            rounds = list(pool.map(lambda _round: stems_of(WORDS), range(400)))
    finally:
        sys.setswitchinterval(switch)
    assert all(found == expected for found in rounds)

"""Near-identical passages from one document, shown once.

Reports repeat themselves: a summary restates a chapter, an appendix reprints an interview
passage, two renditions of a magazine carry the same column. When two hits come from the
same document and share most of their word 5-grams, the lower-ranked one is folded into
the first as a similar passage, so one finding does not fill the list twice.
"""

import re

from wijkwijs.normalise import shingles

NEAR_IDENTICAL = 0.6  # Jaccard resemblance of the two passages' word 5-grams
WORD = re.compile(r"\w+")


def resemblance(first: set, second: set) -> float:
    if not first or not second:
        return 0.0
    return len(first & second) / len(first | second)


def group_near_identical(hits):
    """``hits`` in rank order, each near-identical later hit of the same document moved into
    the ``similar`` list of the first one."""
    kept, grams = [], {}

    def grams_of(hit):
        # Case-folded words suffice to compare two passages (and are fast: a page of hits
        # is compared on every search); computed only for hits that share a document.
        if id(hit) not in grams:
            grams[id(hit)] = shingles(WORD.findall(hit.text.casefold()))
        return grams[id(hit)]

    for hit in hits:
        first = next(
            (
                earlier
                for earlier in kept
                if hit.page_id
                and earlier.page_id == hit.page_id
                and resemblance(grams_of(earlier), grams_of(hit)) >= NEAR_IDENTICAL
            ),
            None,
        )
        if first is None:
            kept.append(hit)
        else:
            first.similar.append(hit)
    return kept

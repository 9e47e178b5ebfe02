"""Near-identical passages from one document, shown once.

Reports repeat themselves: a summary restates a chapter, an appendix reprints an interview
passage, two renditions of a magazine carry the same column. When two hits come from the
same document and share most of their word 5-grams, the lower-ranked one is folded into
the first as a similar passage, so one finding does not fill the list twice.
"""

from documents.ingest.fingerprint import shingles

NEAR_IDENTICAL = 0.6  # Jaccard resemblance of the two passages' word 5-grams


def resemblance(first: set, second: set) -> float:
    if not first or not second:
        return 0.0
    return len(first & second) / len(first | second)


def group_near_identical(hits):
    """``hits`` in rank order, each near-identical later hit of the same document moved into
    the ``similar`` list of the first one."""
    kept, grams = [], {}
    for hit in hits:
        grams[id(hit)] = shingles(hit.text)
        first = next(
            (
                earlier
                for earlier in kept
                if hit.page_id
                and earlier.page_id == hit.page_id
                and resemblance(grams[id(earlier)], grams[id(hit)]) >= NEAR_IDENTICAL
            ),
            None,
        )
        if first is None:
            kept.append(hit)
        else:
            first.similar.append(hit)
    return kept

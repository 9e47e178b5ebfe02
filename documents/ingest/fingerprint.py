"""Recognising the same document in another format by its text, not its bytes.

A bottom-k sketch of the word 5-grams of the normalised text estimates how much two
texts overlap (Jaccard resemblance) from 256 numbers per rendition, whatever the size
of the document. Renditions of one document score far above unrelated documents, even
when one has a title page the other lacks or wraps its lines differently.
"""

import hashlib

from wijkwijs.normalise import normalise, shingles

SKETCH_SIZE = 256
SAME_DOCUMENT = 0.5


def sketch(text: str) -> list[int]:
    hashes = {
        int.from_bytes(hashlib.blake2b(shingle.encode(), digest_size=8).digest(), "big") >> 1
        for shingle in shingles(normalise(text).split())
    }
    return sorted(hashes)[:SKETCH_SIZE]


def resemblance(first: list[int], second: list[int]) -> float:
    """Estimated Jaccard resemblance of the two texts behind these sketches."""
    if not first or not second:
        return 0.0
    union = sorted(set(first) | set(second))[:SKETCH_SIZE]
    shared = set(first) & set(second)
    return sum(1 for value in union if value in shared) / len(union)

"""Near-duplicate detection (MinHash over word shingles, LSH): syndicated copies find originals."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

SHINGLE_WORDS = 5
NUM_PERM = 128
# Syndicated copies share most of their 5-word shingles; distinct stories on one topic few.
THRESHOLD = 0.5
# Stored signatures must be re-read with the hashing scheme that made them.
SCHEME = "affine32"
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Duplicate:
    """The article an incoming one copies, and the estimated Jaccard similarity of shingles."""

    original: str
    similarity: float


def signature(text: str) -> MinHash:
    words = _WORD.findall(text.casefold())
    shingles = {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(max(1, len(words) - 4))}
    m = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    m.update_batch([s.encode("utf-8") for s in shingles])
    return m


def to_bytes(m: MinHash) -> bytes:
    return bytes(np.asarray(m.hashvalues, dtype=np.uint64).tobytes())


def from_bytes(data: bytes) -> MinHash:
    values = np.frombuffer(data, dtype=np.uint64).copy()
    return MinHash(num_perm=NUM_PERM, hashvalues=values, scheme=SCHEME)


class NearDuplicates:
    """An index of the articles seen so far; ``check`` names the original of a near-copy."""

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._sigs: dict[str, MinHash] = {}
        self._order: dict[str, int] = {}
        self.threshold = threshold

    def __len__(self) -> int:
        return len(self._sigs)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._sigs

    def add(self, article_id: str, sig: MinHash) -> None:
        if article_id in self._sigs:
            return
        self._lsh.insert(article_id, sig)
        self._sigs[article_id] = sig
        self._order[article_id] = len(self._order)

    def check(self, sig: MinHash) -> Duplicate | None:
        """The earliest-added article whose similarity to ``sig`` reaches the threshold, if any."""
        best: Duplicate | None = None
        for other in sorted(self._lsh.query(sig), key=self._order.__getitem__):
            sim = float(sig.jaccard(self._sigs[other]))
            if sim >= self.threshold:
                best = Duplicate(other, round(sim, 3))
                break
        return best

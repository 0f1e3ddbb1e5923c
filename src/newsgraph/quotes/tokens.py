"""Tokens with character offsets, and the paragraphs of a text, for the quote scanners."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

# Words keep inner apostrophes and hyphens ("didn't", "Iran-backed") but not a possessive "'s",
# which is its own token; dotted abbreviations ("U.S.", "Gen.") and initials before a name
# ("Leonard E. Burman") stay whole; every other non-space character is a token of its own.
_TOKEN = re.compile(
    r"(?=[A-Z])(?:[A-Z]\.(?:[A-Za-z]\.)+|[A-Z]\.(?=[ \t]+[A-Z])"
    r"|(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Prof|St|Adm|Maj|Rev|Amb)\.(?=\s))"
    r"|[^\W_]+(?:[-'’](?![sS]\b)[^\W_]+)*(?:[.,]\d+)*"
    r"|['’][sS]\b"
    r"|\S",
    re.UNICODE,
)


@dataclass
class Tokens:
    """The tokens of one text: parallel lists of offsets and text (``low`` is lower-case)."""

    starts: list[int]
    ends: list[int]
    text: list[str]
    low: list[str]

    def __len__(self) -> int:
        return len(self.starts)

    def at_or_after(self, offset: int) -> int:
        """Index of the first token starting at or after ``offset``."""
        return bisect.bisect_left(self.starts, offset)

    def ending_by(self, offset: int) -> int:
        """Index one past the last token that ends at or before ``offset``."""
        return bisect.bisect_right(self.ends, offset)


def tokenize(text: str, regions: Sequence[tuple[int, int]] | None = None) -> Tokens:
    """The tokens of ``text``, or only of the sorted, disjoint ``regions`` of it."""
    if regions is None:
        regions = [(0, len(text))]
    spans = [m.span() for s, e in regions for m in _TOKEN.finditer(text, s, e)]
    starts = [s for s, _ in spans]
    ends = [e for _, e in spans]
    words = [text[s:e] for s, e in spans]
    return Tokens(starts, ends, words, [w.lower() for w in words])


def paragraphs(text: str, sentences: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Paragraph spans: lines joined where a line break falls inside a sentence (hard-wrapped
    text), cut where a break falls between sentences; blank lines always cut."""
    inside: list[tuple[int, int]] = sorted(sentences)
    starts = [s for s, _ in inside]
    out: list[tuple[int, int]] = []
    begin = 0
    for m in re.finditer(r"\n", text):
        pos = m.start()
        k = bisect.bisect_right(starts, pos) - 1
        within = k >= 0 and inside[k][0] <= pos < inside[k][1]
        blank = text[begin:pos].strip() == "" or text[pos + 1 : pos + 2] == "\n"
        if within and not blank:
            continue
        if text[begin:pos].strip():
            out.append(_trim(text, begin, pos))
        begin = pos + 1
    if text[begin:].strip():
        out.append(_trim(text, begin, len(text)))
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end

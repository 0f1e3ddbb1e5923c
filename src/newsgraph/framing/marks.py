"""Stretches of text between quotation marks, paired within a paragraph in one linear pass.

Double marks (straight, curly, guillemets, low-9) pair first; single curly or straight marks
pair only outside them and only over a short stretch, since the same characters are
apostrophes. An opening double mark left open at the end of its paragraph runs to that end, as
news style does for a quote that goes on into the next paragraph. Stretches longer than
``MAX_REGION`` characters come from stray marks and are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPEN_DOUBLE = "“«„"
CLOSE_DOUBLE = "”»"
STRAIGHT_DOUBLE = '"'
MAX_REGION = 3000
MAX_SINGLE = 80  # a single-quoted stretch is a scare quote or a nested quote: short
_DOUBLE = re.compile(r"[\"“”«»„]")
_SINGLE_OPEN = re.compile(r"(?:^|(?<=[\s(\[—–-]))['‘](?=[^\W\d_])", re.M)
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class Marked:
    """A stretch in quotation marks: ``start`` at the opening mark, ``end`` after the closing
    mark (or at the paragraph's end when it stays open)."""

    start: int
    end: int
    closed: bool

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + 1, self.end - 1 if self.closed else self.end


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for m in re.finditer(r"\n", text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return [(a, b) for a, b in out if b > a]


def _doubles(text: str, a: int, b: int) -> list[Marked]:
    found: list[Marked] = []
    open_at: int | None = None
    for m in _DOUBLE.finditer(text, a, b):
        pos, ch = m.start(), m.group()
        if open_at is None:
            opens = ch in OPEN_DOUBLE or ch == STRAIGHT_DOUBLE
            if opens and pos + 1 < b and not text[pos + 1].isspace():
                open_at = pos
        elif ch in CLOSE_DOUBLE or ch == STRAIGHT_DOUBLE:
            found.append(Marked(open_at, pos + 1, True))
            open_at = None
    if open_at is not None and _WORD.search(text, open_at, b):
        found.append(Marked(open_at, b, False))
    return [r for r in found if r.end - r.start <= MAX_REGION]


def _singles(text: str, a: int, b: int, taken: list[Marked]) -> list[Marked]:
    found: list[Marked] = []
    k = 0
    for m in _SINGLE_OPEN.finditer(text, a, b):
        start = m.start()
        while k < len(taken) and taken[k].end <= start:
            k += 1
        if k < len(taken) and taken[k].start <= start:
            continue  # nested in a double-quoted stretch
        if found and start < found[-1].end:
            continue
        stop = min(b, start + MAX_SINGLE)
        for close in re.finditer(r"['’]", text[start + 1 : stop]):
            at = start + 1 + close.start()
            after = text[at + 1] if at + 1 < b else " "
            if text[at - 1].isspace() or after.isalnum():
                continue  # an opening mark or an apostrophe ("don't", "Obama’s")
            found.append(Marked(start, at + 1, True))
            break
    return found


def find_marked(text: str) -> list[Marked]:
    """Every outermost quoted stretch of ``text``, in order; nested marks are not returned."""
    out: list[Marked] = []
    for a, b in _paragraphs(text):
        doubles = _doubles(text, a, b)
        singles = _singles(text, a, b, doubles)
        out.extend(sorted(doubles + singles, key=lambda r: r.start))
    return out


def word_count(text: str, start: int, end: int) -> int:
    return sum(1 for _ in _WORD.finditer(text, start, end))

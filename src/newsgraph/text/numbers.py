"""Figures in news text: the numbers an article asserts, what they count and how they are hedged.

``find_figures`` runs one compiled regex (``number_patterns.MASTER``) over each sentence, only
near its digit runs, currency signs and number words. Every candidate core (digits, number
words, fractions, "hundreds of") is completed by short anchored reads on either side of it
(:mod:`number_core`, :mod:`number_context`): unit or currency, range, hedge words, the counted
noun phrase, and the predicate that says what happened to it ("were killed", "displaced
100,000"). Dates, clock times, ordinals, codes ("F-16"), labels ("Resolution 2334"), phone
numbers and years are not figures and are skipped. Word tables live in :mod:`number_words`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsgraph.model import Claim
from newsgraph.text import number_patterns as P
from newsgraph.text import number_words as W
from newsgraph.text.number_context import (
    COUNT_CATEGORIES,
    Left,
    category_of,
    left_context,
    noun_phrase,
    post_predicate,
)
from newsgraph.text.number_core import Draft, Reject, read_core, read_number, read_right

__all__ = ["CATEGORIES", "Figure", "find_figures", "parse_number", "to_claim"]

CATEGORIES: tuple[str, ...] = (
    "killed", "wounded", "kidnapped", "displaced", "arrested", "projectiles", "money",
    "percent", "people", "other",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Figure:
    """A figure asserted in the text, with its span ``[start, end)`` (``text == src[start:end]``).

    ``value_high`` is the upper end of a range; ``unit`` is None for plain counts; ``what`` is
    the counted noun phrase and/or the predicate that counts it ("people killed").
    """

    start: int
    end: int
    text: str
    value: float
    value_high: float | None
    unit: str | None
    what: str | None
    qualifier: str | None
    hedged: bool
    category: str | None


_SHARE_UNITS = frozenset(("percent", "fraction", "percentage points"))
_AND_GAP = re.compile(r"\s*(?:,\s*)?(?:and|or|as well as)\s*", re.IGNORECASE)
_ANCHOR_WORDS = frozenset(
    [*W.SMALL_NUMBERS, *W.SCALE_WORDS, *W.PLURAL_UNITS, *W.FRACTION_DENOMINATORS]
)
_NOT_BEFORE_ONE = frozenset(("no", "any", "every", "each", "the", "that", "this", "which"))
_LOOK_BEHIND = 28
_LOOK_AHEAD = 96


# --- deciding and describing ----------------------------------------------------------------


def _is_figure(d: Draft, left: Left) -> bool:
    """False for what only looks like a count: years, labels, pronoun "one", stray scale words."""
    np = d.np
    if d.unit is not None or d.money or d.kind != "core":
        return True
    if d.leading_zero or d.bare_big or (np is not None and np.via == "address"):
        return False
    # A noun right after the number ("one soldier"), not "of the ..." nor a bare adjective.
    named = np if np is not None and np.via == "" and np.words else None
    prev = (left.prev or "").lower()
    if d.bare_one:  # "one soldier was killed", not "no one", "one of the", "the one who"
        if prev in _NOT_BEFORE_ONE:
            return False
        return left.verb is not None or (
            named is not None and (named.singular or named.counted or d.label is not None)
        )
    if d.year_like:  # "Obama's 2015 deal", "the 2019 elections", "in 2014 rockets..."
        after_year_word = prev in W.YEAR_CONTEXT or prev.endswith(("'s", "’s"))
        counted = named is not None and named.counted  # "2000 people", not "2020 feels"
        return left.verb is not None or (counted and not after_year_word)
    if d.plain_int and d.qualifier is None and left.prev_is_label:
        return np is not None and np.counted  # "Boeing 737 jets" is no count of jets
    return True


def _label_for(d: Draft, verb: tuple[str, str] | None, sub: str) -> None:
    """Attach the predicate that says what happened to the counted things."""
    wanted = (lambda c: c == "money") if d.money else (lambda c: c in COUNT_CATEGORIES)
    if d.unit is not None and not d.money and d.unit not in _SHARE_UNITS:
        return
    if verb is not None and wanted(verb[0]):
        d.label, d.label_source = verb, "left"
    elif d.np is not None and d.np.adjective is not None and wanted(d.np.adjective[0]):
        d.label, d.label_source = d.np.adjective, "adjective"
    else:
        post = post_predicate(sub, d.span_end)
        if post is not None and wanted(post[0]):
            d.label, d.label_source = post, "post"


def _complete(sub: str, d: Draft) -> tuple[Draft | None, int]:
    """Read the context of a core; the draft (or None if it is no figure) and where to go on."""
    left = left_context(sub, d.start)
    try:
        pos = read_right(sub, d, d.end, left.between, left.after_from)
    except Reject as stop:
        return None, stop.pos
    d.end = pos
    if left.qualifier in W.VAGUE_MULTIPLIERS:
        if d.bare_big:  # "several hundred": a lower bound
            d.value *= W.VAGUE_MULTIPLIERS[left.qualifier]
            d.bare_big, d.qualifier, d.hedged, d.start = False, left.qualifier, True, left.start
    elif left.qualifier is not None and left.qualifier != "between":
        d.qualifier, d.hedged, d.start = left.qualifier, True, left.start
    elif d.qualifier == "between":
        d.start = left.start
    d.np = None if d.compound else noun_phrase(sub, pos, d.unit, d.money, d.kind)
    _label_for(d, left.verb, sub)
    if not _is_figure(d, left):
        return None, pos
    d.including = left.including
    if d.label is None and d.unit in _SHARE_UNITS and (d.np is None or not d.np.words):
        d.subject = left.subject
    return d, pos


def _share_labels(sub: str, drafts: list[Draft]) -> None:
    """Carry a predicate over to a neighbouring count: "killed 40 people, including 12
    children"; "launched 40 missiles and 70 drones"; "30 soldiers and 12 civilians were killed".
    """
    for i, d in enumerate(drafts):
        if d.label is not None or d.unit is not None:
            continue
        prev = drafts[i - 1] if i else None
        nxt = drafts[i + 1] if i + 1 < len(drafts) else None
        if prev is not None and prev.label is not None and prev.label[0] in COUNT_CATEGORIES:
            joined = prev.label_source in ("left", "left-shared") and _joined(sub, prev, d)
            if d.including or joined:
                d.label, d.label_source = prev.label, "left-shared" if joined else "shared"
                continue
        if (
            nxt is not None
            and nxt.label_source == "post"
            and nxt.unit is None
            and _joined(sub, d, nxt)
        ):
            d.label, d.label_source = nxt.label, "shared"


def _joined(sub: str, a: Draft, b: Draft) -> bool:
    """Whether only "and", "or" or a comma stand between two figures."""
    return _AND_GAP.fullmatch(sub[a.span_end : b.start]) is not None


def _anchors(sub: str) -> list[int]:
    """Where a figure (or a date, code or label that looks like one) may be: digit runs,
    currency signs and number words. Scanning only near these keeps long sentences cheap."""
    found = [m.start() for m in P.DIGIT_RUN.finditer(sub)]
    low = sub.lower()
    if not _ANCHOR_WORDS.isdisjoint(P.WORD.findall(low)):
        found.extend(m.start() for m in P.WORD.finditer(low) if m.group() in _ANCHOR_WORDS)
        found.sort()
    return found


def _next_candidate(sub: str, pos: int, anchor: int) -> re.Match[str] | None:
    """The first candidate at or after ``pos``, searching from just before ``anchor``."""
    n = len(sub)
    # Skip patterns ("Resolution 2334", "October 7") start up to a few words before the digits.
    endpos = min(n, anchor + _LOOK_AHEAD)
    m = P.MASTER.search(sub, max(pos, anchor - _LOOK_BEHIND), endpos)
    if m is not None and endpos < n and m.end() > endpos - 16:
        m = P.MASTER.search(sub, m.start())  # too close to the cut: read it whole
    return m


def _scan(sub: str) -> list[Draft]:
    """All figures in one sentence, in order."""
    drafts: list[Draft] = []
    pos = 0
    for anchor in _anchors(sub):
        if anchor < pos:
            continue
        m = _next_candidate(sub, pos, anchor)
        if m is None:
            continue
        kind = m.lastgroup or "core"
        if kind == "skip":
            pos = m.end()
            continue
        draft = read_core(sub, m, kind)
        if draft is None and kind != "core":
            plain = P.CORE.match(sub, m.start())  # e.g. "two quarters" is still "two"
            draft = read_number(sub, plain) if plain is not None else None
        if draft is None or not math.isfinite(draft.value):
            pos = m.end()
            continue
        done, nxt = _complete(sub, draft)
        if done is not None:
            drafts.append(done)
        pos = max(nxt, draft.start + 1)
    _share_labels(sub, drafts)
    return drafts


def _what(d: Draft) -> str | None:
    noun = d.np.text if d.np is not None and d.np.words else None
    label = d.label[1] if d.label is not None else None
    if noun and label:
        return f"{noun} {label}"
    return label or noun or d.subject


def _figure(sub: str, d: Draft, offset: int) -> Figure:
    end = d.span_end
    pred = d.label[0] if d.label is not None else None
    return Figure(
        start=d.start + offset,
        end=end + offset,
        text=sub[d.start : end],
        value=d.value,
        value_high=d.high,
        unit=d.unit,
        what=_what(d),
        qualifier=d.qualifier,
        hedged=d.hedged,
        category=category_of(d.unit, d.money, pred, d.np),
    )


# --- public API -----------------------------------------------------------------------------


def find_figures(text: str, sentences: Sequence[tuple[int, int]] | None = None) -> list[Figure]:
    """The figures in ``text``, scanning each sentence span (or the whole text), by start."""
    n = len(text)
    spans = [(0, n)] if sentences is None else sentences
    seen: set[tuple[int, int]] = set()
    out: list[Figure] = []
    for s, e in spans:
        start, end = max(0, min(s, n)), max(0, min(e, n))
        if end <= start:
            continue
        sub = text[start:end]
        for d in _scan(sub):
            key = (d.start + start, d.span_end + start)
            if key not in seen:
                seen.add(key)
                out.append(_figure(sub, d, start))
    out.sort(key=lambda f: (f.start, f.end))
    return out


def parse_number(s: str) -> float | None:
    """The value of a number written alone ("3,100", "1.5 million", "two dozen", "one third")."""
    t = " ".join(s.split())
    m = P.MASTER.match(t)
    if m is None or m.lastgroup in (None, "skip"):
        return None
    d = read_core(t, m, m.lastgroup, lenient=True)
    if d is None:
        return None
    end = m.end()
    if d.kind == "core" and d.scale is None:
        half = P.AND_HALF.match(t, end)
        if half is not None:
            d.value, end = d.value + 0.5, half.end()
    rest = t[end:].strip().lower()
    return d.value if rest in ("", "of") else None


def to_claim(fig: Figure, claim_id: str) -> Claim:
    """The contract's claim record for a figure (voice is left to the attribution stage)."""
    return Claim(
        id=claim_id,
        start=fig.start,
        end=fig.end,
        text=fig.text,
        value=fig.value,
        unit=fig.unit,
        what=fig.what,
        hedged=fig.hedged,
        qualifier=fig.qualifier,
        value_high=fig.value_high,
    )

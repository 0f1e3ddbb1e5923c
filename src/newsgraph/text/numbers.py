"""Figures in news text: the numbers an article asserts, what they count and how they are hedged.

``find_figures`` runs one compiled regex (``number_patterns.MASTER``) along each sentence. Every
candidate core (digits, number words, fractions, "hundreds of") is completed by short anchored
reads on either side of it: unit or currency, range, hedge words, the counted noun phrase, and
the predicate that says what happened to it ("were killed", "displaced 100,000"). Dates, clock
times, ordinals, codes ("F-16"), labels ("Resolution 2334"), phone numbers and years are not
figures and are skipped. Word tables live in :mod:`newsgraph.text.number_words`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsgraph.model import Claim
from newsgraph.text import number_patterns as P
from newsgraph.text import number_words as W
from newsgraph.text.number_context import (
    COUNT_CATEGORIES,
    NounPhrase,
    category_of,
    left_context,
    noun_phrase,
    post_predicate,
)

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


class _Reject(Exception):
    """Raised while completing a candidate that turns out not to be a figure."""

    def __init__(self, pos: int) -> None:
        super().__init__(pos)
        self.pos = pos


@dataclass(slots=True)
class _Draft:
    """A figure being assembled; offsets are relative to the sentence."""

    start: int
    end: int
    value: float
    kind: str
    high: float | None = None
    unit: str | None = None
    money: bool = False
    qualifier: str | None = None
    hedged: bool = False
    scale: str | None = None
    factor: float = 1.0
    plain_int: bool = False
    year_like: bool = False
    leading_zero: bool = False
    bare_one: bool = False
    bare_big: bool = False
    compound: bool = False
    np: NounPhrase | None = None
    label: tuple[str, str] | None = None
    label_source: str = ""
    including: bool = False
    subject: str | None = None

    @property
    def span_end(self) -> int:
        return self.np.end if self.np is not None and self.np.words else self.end


_SHARE_UNITS = frozenset(("percent", "fraction", "percentage points"))
_CURRENCY_WORDS = {" ".join(k.split()): v for k, v in W.CURRENCY_WORDS.items()}
_UNITS = {" ".join(k.split()): v for k, v in W.UNITS.items()}
_OF_AHEAD = re.compile(r"\s+(?i:of)\b")
_NEXT_WORD = re.compile(r"\s*([A-Za-z]+)")
_AND_GAP = re.compile(r"\s*(?:,\s*)?(?:and|or|as well as)\s*", re.IGNORECASE)
_SPLIT_WORDS = re.compile(r"[\s-]+")
_ANCHOR_WORDS = frozenset(
    [*W.SMALL_NUMBERS, *W.SCALE_WORDS, *W.PLURAL_UNITS, *W.FRACTION_DENOMINATORS]
)
_LOOK_BEHIND = 28
_LOOK_AHEAD = 96


# --- reading the core of a figure -----------------------------------------------------------


def _words_value(text: str) -> float | None:
    """The value of a run of number words ("two hundred and fifty", "a dozen")."""
    total = current = 0.0
    for tok in _SPLIT_WORDS.split(text.lower()):
        if tok in ("", "and"):
            continue
        if tok in ("a", "an"):
            current = current or 1.0
        elif tok in W.SMALL_NUMBERS:
            current += W.SMALL_NUMBERS[tok]
        elif tok in ("hundred", "dozen"):
            current = (current or 1.0) * W.SCALE_WORDS[tok]
        elif tok in W.SCALE_WORDS:
            total += (current or 1.0) * W.SCALE_WORDS[tok]
            current = 0.0
        else:
            return None
    return total + current


def _small_value(text: str) -> float | None:
    """A number written as digits (with thousands separators) or as a number word."""
    key = text.lower()
    if key in W.SMALL_NUMBERS:
        return float(W.SMALL_NUMBERS[key])
    try:
        return float(key.replace(",", ""))
    except ValueError:
        return None


def _currency_prefix(cur: str) -> str:
    key = cur.strip()
    if key in W.CURRENCY_CODES:
        return W.CURRENCY_CODE_ALIASES.get(key, key)
    return W.CURRENCY_SYMBOLS[key.lower()]


def _number(sub: str, m: re.Match[str], lenient: bool = False) -> _Draft | None:
    """Digits or number words, with currency prefix and scale ("$2 billion", "€300m")."""
    d = _Draft(m.start(), m.end(), 0.0, "core")
    if m["cur"]:
        d.unit, d.money = _currency_prefix(m["cur"]), True
    dig = m["dig"]
    if dig is None:
        value = _words_value(m["sp"])
        if value is None:
            return None
        first = _SPLIT_WORDS.split(m["sp"].lower(), maxsplit=1)
        d.value, d.bare_one, d.bare_big = value, first == ["one"], first[0] in W.SCALE_WORDS
        return d
    d.value = float(dig.replace(",", ""))
    d.plain_int = dig.isdigit()
    d.leading_zero = d.plain_int and len(dig) > 1 and dig[0] == "0"
    d.year_like = d.plain_int and len(dig) == 4 and 1000 <= d.value <= 2100
    scale = m["scale"]
    if scale:
        key = scale.strip().lower()
        factor = W.SCALE_WORDS.get(key) or W.SCALE_ABBREVIATIONS[key]
        nxt = _NEXT_WORD.match(sub, m.end())
        if key == "m" and not d.money and nxt and nxt[1].lower() in W.METRE_CONTEXT:
            d.unit, factor = "m", 1.0  # "a 10m wall": metres, not millions
        elif key == "b" and not d.money and not lenient:
            return None
        d.value *= factor
        d.scale, d.factor = key, factor
        d.plain_int = d.year_like = False
    return d


def _fraction(sub: str, m: re.Match[str], lenient: bool) -> _Draft | None:
    """ "two-thirds", "a quarter of": only hyphenated or before "of" ("a third time" is not)."""
    num_word, den_word = m["fn"].lower(), m["fd"].lower()
    if not (lenient or m["fsep"] == "-" or _OF_AHEAD.match(sub, m.end())):
        return None
    num = 1 if num_word in ("a", "an", "one") else W.SMALL_NUMBERS[num_word]
    if num == 1 and den_word.endswith("s") and den_word != "halves":
        return None
    return _Draft(
        m.start(), m.end(), num / W.FRACTION_DENOMINATORS[den_word], "frac", unit="fraction"
    )


def _in_n(sub: str, m: re.Match[str], lenient: bool) -> _Draft | None:
    """ "one in five", "nine out of ten": a share, unless the second number is a duration."""
    a, b = _small_value(m["ia"]), _small_value(m["ib"])
    if a is None or b is None or not 0 < a < b:
        return None
    unit = P.RIGHT_UNIT.match(sub, m.end())
    if unit is not None and not lenient:
        return None
    return _Draft(m.start(), m.end(), a / b, "inn", unit="fraction")


def _plural(m: re.Match[str]) -> _Draft | None:
    """ "hundreds of", "tens of thousands of": the plural's lower bound, hedged."""
    first = m["pl"].lower()
    if first == "tens" and not m["pl2"]:
        return None
    value = 2 * W.PLURAL_UNITS[first]
    if m["pl2"]:
        value *= W.PLURAL_UNITS[m["pl2"].lower()]
    phrase = " ".join(m.group().lower().split())
    return _Draft(m.start(), m.end(), value, "plural", qualifier=phrase, hedged=True)


def _half_big(m: re.Match[str]) -> _Draft:
    """ "half a million", "a quarter of a million", "two and a half million"."""
    if m["hb1"]:
        value = 0.5 * W.SCALE_WORDS[m["hb1"].lower()]
    elif m["hb2"]:
        value = 0.25 * W.SCALE_WORDS[m["hb2"].lower()]
    else:
        base = _small_value(m["hbn"]) or 0.0
        value = (base + 0.5) * W.SCALE_WORDS[m["hb3"].lower()]
    return _Draft(m.start(), m.end(), value, "halfbig", scale="word")


def _read_core(sub: str, m: re.Match[str], kind: str, lenient: bool = False) -> _Draft | None:
    if kind == "frac":
        return _fraction(sub, m, lenient)
    if kind == "inn":
        return _in_n(sub, m, lenient)
    if kind == "plural":
        return _plural(m)
    if kind == "halfbig":
        return _half_big(m)
    if kind == "half":
        return _Draft(m.start(), m.end(), 0.5, "half", unit="fraction")
    if kind == "magnitude":
        return _Draft(m.start(), m.end(), float(m["mag"]), kind, unit="magnitude", compound=True)
    return _number(sub, m, lenient)


# --- reading what follows the core ----------------------------------------------------------


def _read_unit(sub: str, d: _Draft, pos: int) -> int:
    """Percent sign, currency name or code, or measurement unit right after the number."""
    if d.unit == "fraction" or d.kind == "plural":
        return pos
    u = P.RIGHT_UNIT.match(sub, pos)
    if u is None:
        return pos
    if u["pct"] or u["pp"]:
        if d.unit is not None:
            return pos
        d.unit = "percent" if u["pct"] else "percentage points"
    elif u["curw"] or u["code"]:
        if d.unit is not None and not d.money:
            return pos
        if u["code"]:
            d.unit = W.CURRENCY_CODE_ALIASES.get(u["code"], u["code"])
        else:
            key = " ".join(u["curw"].lower().split())
            code = _CURRENCY_WORDS.get(key) or _CURRENCY_WORDS.get(key[:-1])
            if code is None:
                return pos
            if key.startswith("pound") and _OF_AHEAD.match(sub, u.end()):
                d.unit = "lb"  # "500 pounds of explosives" is a weight
                return u.end()
            d.unit = code
        d.money = True
    else:
        key = " ".join(u["unit"].lower().split())
        unit = _UNITS.get(key) or _UNITS.get(key[:-1])
        if d.unit is not None or unit is None:
            return pos
        d.unit = unit
    return u.end()


def _read_hyphen(d: _Draft, sub: str, pos: int) -> int:
    """A hyphenated compound: "40-year-old", "12-day", "$40-million", "40-odd"; else reject."""
    h = P.HYPHEN_WORD.match(sub, pos)
    if h is None:
        return pos
    word = h["hunit"]
    if word is None:
        raise _Reject(h.end())  # "two-state", "15-member": an adjective, not a figure
    key = word.lower()
    if key in W.RIGHT_QUALIFIERS:
        d.qualifier, d.hedged = W.RIGHT_QUALIFIERS[key], True
    elif key in W.SCALE_WORDS:
        if d.scale is None:
            d.value *= W.SCALE_WORDS[key]
            d.scale, d.plain_int, d.year_like = key, False, False
    elif key == "percent":
        d.unit = d.unit or "percent"
    elif key != "strong":
        d.compound = True
        if key.startswith("year"):
            d.unit = d.unit or "years"
        else:
            d.unit = d.unit or _UNITS.get(key, "lb" if key == "pound" else key)
    return h.end()


def _read_range(sub: str, d: _Draft, pos: int, between: bool, after_from: bool) -> int:
    """The second half of "20-30", "20 to 30", "between 20 and 30" (not "from 20 to 30")."""
    r = P.RANGE_SEP.match(sub, pos)
    if r is None or d.kind not in ("core", "halfbig"):
        return pos
    word = (r["word"] or "").lower()
    if (word == "and" and not between) or (word == "to" and after_from):
        return pos
    m2 = P.CORE.match(sub, r.end())
    d2 = _number(sub, m2) if m2 is not None else None
    if m2 is None or d2 is None:
        return pos
    end2 = _read_unit(sub, d2, m2.end())
    if d.year_like and (d2.year_like or r["dash"]):
        raise _Reject(end2)  # "2019-2021", "between 2019 and 2021"
    if d2.unit is not None and d.unit is None:
        d.unit, d.money = d2.unit, d2.money
    elif d.unit != d2.unit and d2.unit is not None:
        return pos
    if d2.scale and not d.scale and d.value < d2.value / d2.factor:
        d.value *= d2.factor  # "1.5 to 2 million"
        d.scale, d.plain_int, d.year_like = d2.scale, False, False
    if d2.value <= d.value:
        if r["dash"]:
            raise _Reject(end2)  # a score ("3-1") or a code, not a range
        return pos
    d.high, d.hedged = d2.value, True
    if between:
        d.qualifier = "between"
    return end2


def _read_right(sub: str, d: _Draft, pos: int, between: bool, after_from: bool) -> int:
    """Everything glued to the core on the right; raises ``_Reject`` for non-figures."""
    if d.kind == "core" and d.scale is None:
        half = P.AND_HALF.match(sub, pos)
        if half is not None:
            d.value += 0.5
            pos = half.end()
    pos = _read_unit(sub, d, pos)
    if d.unit in W.TIME_UNITS and P.TIME_RELATIVE.match(sub, pos):
        raise _Reject(pos)  # "two years ago" is a time expression
    pos = _read_hyphen(d, sub, pos)
    pos = _read_range(sub, d, pos, between, after_from)
    rq = P.RIGHT_QUAL.match(sub, pos)
    if rq is not None:
        d.qualifier = W.RIGHT_QUALIFIERS[" ".join((rq["rq"] or rq["rq2"]).lower().split())]
        d.hedged = True
        pos = rq.end()
    if pos < len(sub) and (sub[pos].isalnum() or sub[pos] == "_"):
        raise _Reject(pos)  # "5G", "1990s", "3D"
    return pos


# --- deciding and describing ----------------------------------------------------------------


def _is_figure(
    d: _Draft, np: NounPhrase | None, verb: bool, prev: str | None, prev_is_label: bool
) -> bool:
    """False for what only looks like a count: years, labels, pronoun "one", stray scale words."""
    if d.unit is not None or d.money or d.kind != "core":
        return True
    if d.leading_zero or d.bare_big or (np is not None and np.via == "address"):
        return False
    counted = np is not None and np.counted
    if d.bare_one:
        return verb or (np is not None and np.via == "" and (np.singular or counted))
    if d.year_like:
        after_year_word = prev is not None and prev.lower() in W.YEAR_CONTEXT
        return verb or (np is not None and np.via == "" and np.nounish and not after_year_word)
    if d.plain_int and d.qualifier is None and prev_is_label:
        return counted
    return True


def _label_for(d: _Draft, verb: tuple[str, str] | None, sub: str) -> None:
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


def _complete(sub: str, d: _Draft) -> tuple[_Draft | None, int]:
    """Read the context of a core; the draft (or None if it is no figure) and where to go on."""
    left = left_context(sub, d.start)
    try:
        pos = _read_right(sub, d, d.end, left.between, left.after_from)
    except _Reject as stop:
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
    if not _is_figure(d, d.np, left.verb is not None, left.prev, left.prev_is_label):
        return None, pos
    _label_for(d, left.verb, sub)
    d.including = left.including
    if d.label is None and d.unit in _SHARE_UNITS and (d.np is None or not d.np.words):
        d.subject = left.subject
    return d, pos


def _share_labels(sub: str, drafts: list[_Draft]) -> None:
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
        if nxt is not None and nxt.label_source == "post" and nxt.unit is None:
            if _joined(sub, d, nxt):
                d.label, d.label_source = nxt.label, "shared"


def _joined(sub: str, a: _Draft, b: _Draft) -> bool:
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


def _scan(sub: str) -> list[_Draft]:
    """All figures in one sentence, in order."""
    drafts: list[_Draft] = []
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
        draft = _read_core(sub, m, kind)
        if draft is None and kind != "core":
            plain = P.CORE.match(sub, m.start())  # e.g. "two quarters" is still "two"
            draft = _number(sub, plain) if plain is not None else None
        if draft is None:
            pos = m.end()
            continue
        done, nxt = _complete(sub, draft)
        if done is not None:
            drafts.append(done)
        pos = max(nxt, draft.start + 1)
    _share_labels(sub, drafts)
    return drafts


def _what(d: _Draft) -> str | None:
    noun = d.np.text if d.np is not None and d.np.words else None
    label = d.label[1] if d.label is not None else None
    if noun and label:
        return f"{noun} {label}"
    return label or noun or d.subject


def _figure(sub: str, d: _Draft, offset: int) -> Figure:
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
    d = _read_core(t, m, m.lastgroup, lenient=True)
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

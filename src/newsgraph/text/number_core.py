"""Reading one figure: its core (digits, number words, fractions, "hundreds of") and what is
glued to it on the right (unit, currency, range, hyphenated compound, trailing hedge).

Helpers of :mod:`newsgraph.text.numbers`; offsets are relative to the sentence being read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsgraph.text import number_patterns as P
from newsgraph.text import number_words as W
from newsgraph.text.number_context import NounPhrase

__all__ = ["Draft", "Reject", "read_core", "read_number", "read_right"]


class Reject(Exception):
    """Raised while completing a candidate that turns out not to be a figure."""

    def __init__(self, pos: int) -> None:
        super().__init__(pos)
        self.pos = pos


@dataclass(slots=True)
class Draft:
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


_CURRENCY_WORDS = {" ".join(k.split()): v for k, v in W.CURRENCY_WORDS.items()}
_UNITS = {" ".join(k.split()): v for k, v in W.UNITS.items()}
_OF_AHEAD = re.compile(r"\s+(?i:of)\b")
_NEXT_WORD = re.compile(r"\s*([A-Za-z]+)")
_SPLIT_WORDS = re.compile(r"[\s-]+")
_MAX_DIGITS = 15
_A_BEFORE = re.compile(r"(?<![\w'’])(?i:an?)\s+$")


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


def _metres(sub: str, start: int, nxt: re.Match[str] | None) -> bool:
    """Whether a glued "m" without a currency means metres: after "a" or before "high"."""
    if nxt is not None and nxt[1].lower() in W.METRE_CONTEXT:
        return True
    return _A_BEFORE.search(sub, max(0, start - 4), start) is not None


def read_number(sub: str, m: re.Match[str], lenient: bool = False) -> Draft | None:
    """Digits or number words, with currency prefix and scale ("$2 billion", "€300m")."""
    d = Draft(m.start(), m.end(), 0.0, "core")
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
    digits = dig.replace(",", "")
    if len(digits) > _MAX_DIGITS:
        return None  # an identifier or account number, not an amount
    d.value = float(digits)
    d.plain_int = dig.isdigit()
    d.leading_zero = d.plain_int and len(dig) > 1 and dig[0] == "0"
    d.year_like = d.plain_int and len(dig) == 4 and 1000 <= d.value <= 2100
    scale = m["scale"]
    if scale:
        key = scale.strip().lower()
        factor = W.SCALE_WORDS.get(key) or W.SCALE_ABBREVIATIONS[key]
        nxt = _NEXT_WORD.match(sub, m.end())
        if key == "m" and not d.money and _metres(sub, m.start(), nxt):
            d.unit, factor = "m", 1.0  # "a 10m wall", "10m high": metres, not millions
        elif key == "b" and not d.money and not lenient:
            return None
        d.value *= factor
        d.scale, d.factor = key, factor
        d.plain_int = d.year_like = False
    return d


def _fraction(sub: str, m: re.Match[str], lenient: bool) -> Draft | None:
    """ "two-thirds", "a quarter of": only hyphenated or before "of" ("a third time" is not)."""
    num_word, den_word = m["fn"].lower(), m["fd"].lower()
    if not (lenient or m["fsep"] == "-" or _OF_AHEAD.match(sub, m.end())):
        return None
    num = 1 if num_word in ("a", "an", "one") else W.SMALL_NUMBERS[num_word]
    if num == 1 and den_word.endswith("s") and den_word != "halves":
        return None
    return Draft(
        m.start(), m.end(), num / W.FRACTION_DENOMINATORS[den_word], "frac", unit="fraction"
    )


def _in_n(sub: str, m: re.Match[str], lenient: bool) -> Draft | None:
    """ "one in five", "nine out of ten": a share, unless the second number is a duration."""
    a, b = _small_value(m["ia"]), _small_value(m["ib"])
    if a is None or b is None or not 0 < a < b:
        return None
    unit = P.RIGHT_UNIT.match(sub, m.end())
    if unit is not None and not lenient:
        return None
    return Draft(m.start(), m.end(), a / b, "inn", unit="fraction")


def _plural(m: re.Match[str]) -> Draft | None:
    """ "hundreds of", "tens of thousands of": the plural's lower bound, hedged."""
    first = m["pl"].lower()
    if first == "tens" and not m["pl2"]:
        return None
    value = 2 * W.PLURAL_UNITS[first]
    if m["pl2"]:
        value *= W.PLURAL_UNITS[m["pl2"].lower()]
    phrase = " ".join(m.group().lower().split())
    return Draft(m.start(), m.end(), value, "plural", qualifier=phrase, hedged=True)


def _half_big(m: re.Match[str]) -> Draft:
    """ "half a million", "a quarter of a million", "two and a half million"."""
    if m["hb1"]:
        value = 0.5 * W.SCALE_WORDS[m["hb1"].lower()]
    elif m["hb2"]:
        value = 0.25 * W.SCALE_WORDS[m["hb2"].lower()]
    else:
        base = _small_value(m["hbn"]) or 0.0
        value = (base + 0.5) * W.SCALE_WORDS[m["hb3"].lower()]
    return Draft(m.start(), m.end(), value, "halfbig", scale="word")


def read_core(sub: str, m: re.Match[str], kind: str, lenient: bool = False) -> Draft | None:
    """The draft for a candidate of the given MASTER group, or None if it is not a figure."""
    if kind == "frac":
        return _fraction(sub, m, lenient)
    if kind == "inn":
        return _in_n(sub, m, lenient)
    if kind == "plural":
        return _plural(m)
    if kind == "halfbig":
        return _half_big(m)
    if kind == "half":
        return Draft(m.start(), m.end(), 0.5, "half", unit="fraction")
    if kind == "magnitude":
        return Draft(m.start(), m.end(), float(m["mag"]), kind, unit="magnitude", compound=True)
    return read_number(sub, m, lenient)


# --- reading what follows the core ----------------------------------------------------------


def _read_unit(sub: str, d: Draft, pos: int) -> int:
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
        word = u["unit"]
        key = " ".join(word.lower().split())
        unit = _UNITS.get(key) or _UNITS.get(key[:-1])
        if d.unit is not None or unit is None or (word.istitle() and len(word) > 3):
            return pos  # "60 Minutes" is a title, "40 MW" and "5 km" are units
        d.unit = unit
    return u.end()


def _read_hyphen(d: Draft, sub: str, pos: int) -> int:
    """A hyphenated compound: "40-year-old", "12-day", "$40-million", "40-odd"; else reject."""
    h = P.HYPHEN_WORD.match(sub, pos)
    if h is None:
        return pos
    word = h["hunit"]
    if word is None:
        raise Reject(h.end())  # "two-state", "15-member": an adjective, not a figure
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


def _read_range(sub: str, d: Draft, pos: int, between: bool, after_from: bool) -> int:
    """The second half of "20-30", "20 to 30", "between 20 and 30" (not "from 20 to 30")."""
    r = P.RANGE_SEP.match(sub, pos)
    if r is None or d.kind not in ("core", "halfbig"):
        return pos
    word = (r["word"] or "").lower()
    if (word == "and" and not between) or (word == "to" and after_from):
        return pos
    m2 = P.CORE.match(sub, r.end())
    d2 = read_number(sub, m2) if m2 is not None else None
    if m2 is None or d2 is None:
        return pos
    end2 = _read_unit(sub, d2, m2.end())
    if d.year_like and (d2.year_like or r["dash"]):
        raise Reject(end2)  # "2019-2021", "between 2019 and 2021"
    if d2.unit is not None and d.unit is None:
        d.unit, d.money = d2.unit, d2.money
    elif d.unit != d2.unit and d2.unit is not None:
        return pos
    if d2.scale and not d.scale and d.value < d2.value / d2.factor:
        d.value *= d2.factor  # "1.5 to 2 million"
        d.scale, d.plain_int, d.year_like = d2.scale, False, False
    if d2.value <= d.value:
        if r["dash"]:
            raise Reject(end2)  # a score ("3-1") or a code, not a range
        return pos
    d.high, d.hedged = d2.value, True
    if between:
        d.qualifier = "between"
    return end2


def read_right(sub: str, d: Draft, pos: int, between: bool, after_from: bool) -> int:
    """Everything glued to the core on the right; raises ``Reject`` for non-figures."""
    if d.kind == "core" and d.scale is None:
        half = P.AND_HALF.match(sub, pos)
        if half is not None:
            d.value += 0.5
            pos = half.end()
    pos = _read_unit(sub, d, pos)
    if d.unit in W.TIME_UNITS and P.TIME_RELATIVE.match(sub, pos):
        raise Reject(pos)  # "two years ago" is a time expression
    pos = _read_hyphen(d, sub, pos)
    pos = _read_range(sub, d, pos, between, after_from)
    rq = P.RIGHT_QUAL.match(sub, pos)
    if rq is not None:
        d.qualifier = W.RIGHT_QUALIFIERS[" ".join((rq["rq"] or rq["rq2"]).lower().split())]
        d.hedged = True
        pos = rq.end()
    if pos < len(sub) and (sub[pos].isalnum() or sub[pos] == "_"):
        raise Reject(pos)  # "5G", "1990s", "3D"
    return pos

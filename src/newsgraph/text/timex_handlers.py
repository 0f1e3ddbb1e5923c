"""One check and one resolver per date-expression pattern of ``timex_rules``.

A check sees the match and the text and says whether it is a date expression at all (returning
its span); a resolver turns a kept match into a ``Point`` given the publication date and the
dates resolved before it. ``RULES`` lists them in the order ties are broken.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from newsgraph.text import timex_calendar as cal
from newsgraph.text import timex_rules as rules
from newsgraph.text.timex_calendar import GRAN_ORDER, Point

Span = tuple[int, int]
_PREV_WORD = re.compile(r"([A-Za-z]+)[^A-Za-z\d]*$")
_NEXT_WORD = re.compile(r" ([A-Za-z]+)")
_MONTH_BEFORE = re.compile(
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\s*,?\s*(?:and|or|to)?\s*$"
)
_WORDS = re.compile(r"[A-Za-z]+")
_ENDS_CLAUSE = re.compile(r"\s*(?:[,.;:)!?\"”]|$)")


@dataclass(slots=True)
class Context:
    """What a resolver may use: the text, the publication date, the dates resolved so far."""

    text: str
    published: dt.date | None
    points: list[Point] = field(default_factory=list)
    start: int = 0
    end: int = 0

    def future(self) -> bool:
        return cal.tense(self.text, self.start, self.end) == "future"

    def anchor(self, finest: str) -> tuple[dt.date, str] | None:
        """The most recent resolved date at ``finest`` granularity or finer, else publication."""
        limit = GRAN_ORDER[finest]
        for point in reversed(self.points):
            if point.first is None or "/" in point.value:
                continue
            if GRAN_ORDER[point.gran] <= limit:
                return point.first, point.gran
        return (self.published, "day") if self.published else None


@dataclass(frozen=True, slots=True)
class Rule:
    """A pattern, the anchor every match contains, and what to do with a match."""

    regex: re.Pattern[str]
    anchor: re.Pattern[str]
    lower: bool  # the anchor is searched in the lowercased text
    digits: bool  # every match has a digit in it
    check: Callable[[re.Match[str], str], Span | None]
    resolve: Callable[[re.Match[str], Context], Point | None]
    fallback: bool = False


def _prev_word(text: str, pos: int) -> str:
    m = _PREV_WORD.search(text, max(0, pos - 24), pos)
    return m.group(1) if m else ""


def _next_word(text: str, pos: int) -> str:
    m = _NEXT_WORD.match(text, pos, pos + 24)
    return m.group(1) if m else ""


def _at_sentence_start(text: str, pos: int) -> bool:
    before = text[max(0, pos - 8) : pos]
    stripped = before.rstrip()
    if not stripped:
        return True
    return stripped[-1] in '.!?:"“‘(' or "\n" in before[len(stripped) :]


def _any(match: re.Match[str], text: str) -> Span | None:
    return match.span()


def _norm(word: str | None) -> str:
    return " ".join(word.lower().split()) if word else ""


def _month_of(name: str) -> int:
    return rules.MONTHS[name.lower().rstrip(".")]


# ---- numeric and month-day dates -------------------------------------------------------------


def _r_iso(m: re.Match[str], c: Context) -> Point | None:
    d = cal.safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    return cal.day(d) if d else None


def _c_numeric(m: re.Match[str], text: str) -> Span | None:
    if m.group("sep") != "/" and len(m.group("y")) != 4:
        return None  # "3.11.24" is a version, not a date
    return m.span()


def _r_numeric(m: re.Match[str], c: Context) -> Point | None:
    a, b, y = int(m.group("a")), int(m.group("b")), int(m.group("y"))
    if len(m.group("y")) == 2:  # "15/04/24": the century comes from the publication date
        if c.published is None:
            return None
        y += 2000 if y <= c.published.year % 100 + 1 else 1900
    day, mon = (b, a) if b > 12 >= a else (a, b)  # day first unless impossible
    d = cal.safe_date(y, mon, day)
    return cal.day(d) if d else None


def _r_month_day(m: re.Match[str], c: Context) -> Point | None:
    mon = _month_of(m.group("mon"))
    d1 = int(m.group("d1"))
    weekday = rules.WEEKDAYS[m.group("wd").lower()] if m.group("wd") else None
    cycle = False
    if m.group("y"):
        first = cal.safe_date(int(m.group("y")), mon, d1)
    elif c.published is not None:
        first = cal.pick_day(mon, d1, c.published, c.future(), weekday)
        cycle = True
    else:
        return None
    if first is None:
        return None
    if m.group("d2"):
        last = cal.safe_date(first.year, mon, int(m.group("d2")))
        if last is None or last <= first:
            return None
        return Point(f"{first.isoformat()}/{last.isoformat()}", "day", first)
    return cal.day(first, cycle)


def _c_day_month(m: re.Match[str], text: str) -> Span | None:
    if m.group("d2") is None and int(m.group("d1")) == 0:
        return None
    return m.span()


def _r_month_year(m: re.Match[str], c: Context) -> Point | None:
    return cal.month(int(m.group("y")), _month_of(m.group("mon")))


def _c_month_year(m: re.Match[str], text: str) -> Span | None:
    if _next_word(text, m.end()).lower() in rules.YEAR_NOT_BEFORE:
        return None
    return m.span()


def _c_month(m: re.Match[str], text: str) -> Span | None:
    """A bare month name is a date after a temporal word; "May" and "March" need one."""
    if m.group("mod") or m.group("rel") or m.group("yrel"):
        return m.span()
    start = m.start("mon")
    prev = _prev_word(text, start).lower()
    if prev in rules.MONTH_CUES:
        return m.span()
    if prev in ("and", "or", "to") and _MONTH_BEFORE.search(text, max(0, start - 20), start):
        return m.span()
    if m.group("mon").lower() in rules.AMBIGUOUS_MONTHS:
        return None
    following = _next_word(text, m.end())
    if following[:1].isupper():  # "June Carter": a name
        return None
    return m.span()


def _r_month(m: re.Match[str], c: Context) -> Point | None:
    p = c.published
    if p is None:
        return None
    mon = _month_of(m.group("mon"))
    rel, yrel = _norm(m.group("rel")), _norm(m.group("yrel"))
    if yrel:
        y = p.year + {"last": -1, "this": 0, "next": 1}[yrel]
    elif rel in ("last", "past", "this past"):
        y = p.year if mon < p.month else p.year - 1
    elif rel in ("next", "coming", "this coming"):
        y = p.year if mon > p.month else p.year + 1
    elif rel == "this":
        y = p.year
    else:
        return cal.month(cal.pick_month(mon, p, c.future()), mon, cycle=True)
    return cal.month(y, mon)


# ---- years, decades, centuries, quarters, seasons --------------------------------------------


def _year_end(m: re.Match[str]) -> int | None:
    """The second year of "2019-21" / "2019-2021" when it makes a range, else None."""
    second = m.group("y2")
    if not second:
        return None
    y = int(m.group("y"))
    if len(second) == 2:
        end = y - y % 100 + int(second)
        if end <= y:
            end += 100
    else:
        end = int(second)
    return end if y < end <= y + 30 else None


def _c_year(m: re.Match[str], text: str) -> Span | None:
    y = int(m.group("y"))
    prev = _prev_word(text, m.start()).lower()
    if prev in rules.YEAR_NOT_AFTER and not (m.group("mod") or m.group("fy")):
        return None
    end = m.end() if _year_end(m) is not None or _year_month(m) else m.end("y")
    if _next_word(text, end).lower() in rules.YEAR_NOT_BEFORE:
        return None
    if y < 1900 and not (m.group("mod") or prev in rules.OLD_YEAR_CUES or m.group("y2")):
        return None
    return m.start(), end


def _year_month(m: re.Match[str]) -> int | None:
    second = m.group("y2")
    if second and len(second) == 2 and _year_end(m) is None and 1 <= int(second) <= 12:
        return int(second)
    return None


def _r_year(m: re.Match[str], c: Context) -> Point | None:
    y = int(m.group("y"))
    end = _year_end(m)
    if end is not None:
        return Point(f"{y:04d}/{end:04d}", "year", dt.date(y, 1, 1))
    mon = _year_month(m)
    if mon is not None:
        return cal.month(y, mon)
    return cal.year(y)


_DECADE_WORDS = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
    "eighties": 8, "nineties": 9,
}  # fmt: skip


def _c_decade(m: re.Match[str], text: str) -> Span | None:
    if (m.group("dw") or m.group("du")) and not m.group(0).lower().startswith("the"):
        return None  # "in their forties" is an age
    return m.span()


def _r_decade(m: re.Match[str], c: Context) -> Point | None:
    if m.group("dec"):
        return cal.decade(int(m.group("dec")))
    if m.group("dw"):
        tens = _DECADE_WORDS[m.group("dw").lower()] * 10
    else:
        tens = int(m.group("dd") or m.group("du"))
    if c.published is None and tens < 30:
        return None
    now = c.published.year if c.published else 2000
    return cal.decade(2000 + tens if 2000 + tens <= now else 1900 + tens)


def _r_century(m: re.Match[str], c: Context) -> Point | None:
    word = _norm(m.group("ord")).replace("-", " ")
    number = int(word[:-2]) if word[:1].isdigit() else rules.ORDINALS.get(word)
    return cal.century(number) if number else None


def _quarter_year(m: re.Match[str], c: Context, q: int) -> int | None:
    if m.group("y") or m.group("qy") or m.group("yq"):
        return int(m.group("y") or m.group("qy") or m.group("yq"))
    yrel = _norm(m.group("yrel"))
    p = c.published
    if m.group("the"):
        anchor = c.anchor("year")
        return anchor[0].year if anchor else None
    if p is None:
        return None
    if yrel:
        return p.year + {"last": -1, "previous": -1, "this": 0, "current": 0, "next": 1}[yrel]
    current = p.year * 4 + (p.month - 1) // 3
    how = "future" if c.future() else "past"
    return cal.pick_cyclic(q - 1, 4, current, how, p.year)[0]


def _r_quarter(m: re.Match[str], c: Context) -> Point | None:
    if m.group("ord"):
        word = _norm(m.group("ord"))
        q = int(word[0]) if word[0].isdigit() else rules.ORDINALS[word]
    else:
        q = int(m.group("q") or m.group("q2"))
    y = _quarter_year(m, c, q)
    return cal.quarter(y, q) if y else None


def _c_season(m: re.Match[str], text: str) -> Span | None:
    """A season word is a date with "this/last/next", or after "in (the)" and the like."""
    if m.group("rel"):
        return m.span()
    word, start = m.group("s"), m.start()
    if word[0].isupper() and not _at_sentence_start(text, start):
        return None  # "Arab Spring"
    before = _WORDS.findall(text, max(0, start - 30), start)[-2:]
    if before and before[-1].lower() == "the":
        before = before[:-1]
    cued = bool(m.group("mod")) or (bool(before) and before[-1].lower() in rules.SEASON_CUES)
    if m.group("y") and (cued or word.lower() != "fall"):
        return m.span()
    if not cued:
        return None  # "prices fall", "a summer job"
    named = text.startswith(" of", m.end()) or _next_word(text, m.end())[:1].isupper()
    if named and not m.group("yrel"):
        return None  # "the fall of Kabul", "the summer Olympics"
    return m.span()


def _r_season(m: re.Match[str], c: Context) -> Point | None:
    code = rules.SEASONS[m.group("s").lower()]
    index = list(rules.SEASON_START_MONTH).index(code)
    if m.group("y"):
        return cal.season(int(m.group("y")), code)
    p = c.published
    if p is None:
        return None
    yrel = _norm(m.group("yrel"))
    if yrel:
        return cal.season(p.year + {"last": -1, "this": 0, "next": 1}[yrel], code)
    current_index = {12: 3, 1: 3, 2: 3}.get(p.month, (p.month - 3) // 3)
    current = (p.year - (p.month < 3)) * 4 + current_index
    rel = _norm(m.group("rel"))
    how = {"last": "last", "past": "last", "this past": "last", "next": "next",
           "coming": "next", "this coming": "next", "this": "this"}.get(rel)  # fmt: skip
    if how is None:
        how = "future" if c.future() else "past"
    y, _ = cal.pick_cyclic(index, 4, current, how, p.year)
    return cal.season(y, code)


# ---- weekdays and words for days -------------------------------------------------------------


def _c_weekday(m: re.Match[str], text: str) -> Span | None:
    if not m.group("rel") and _prev_word(text, m.start("wd")).lower() in rules.WEEKDAY_NOT_AFTER:
        return None
    if not m.group("part"):
        following = _next_word(text, m.end())
        if following in rules.WEEKDAY_NAME_NEXT or following in rules.WEEKDAY_HABIT_NEXT:
            return None
    return m.span()


def _r_weekday(m: re.Match[str], c: Context) -> Point | None:
    if c.published is None:
        return None
    rel = _norm(m.group("rel"))
    how = {"last": "before", "past": "before", "this past": "before", "next": "after",
           "coming": "after", "this coming": "after"}.get(rel)  # fmt: skip
    if how is None:
        how = "on_or_after" if c.future() else "on_or_before"
    weekday = rules.WEEKDAYS[m.group("wd").lower()]
    return cal.day(cal.weekday_date(c.published, weekday, how), cycle=True)


def _r_weekend(m: re.Match[str], c: Context) -> Point | None:
    p = c.published
    if p is None:
        return None
    rel = _norm(m.group("rel"))
    if rel in ("last", "past", "this past"):
        saturday = cal.weekday_date(p, 5, "before")
        if p.weekday() == 6:  # on a Sunday "last weekend" is the one before this one
            saturday -= dt.timedelta(days=7)
    elif rel in ("next", "coming", "this coming"):
        saturday = cal.weekday_date(p, 5, "after")
    elif p.weekday() >= 5:
        saturday = p - dt.timedelta(days=p.weekday() - 5)
    else:
        tense = cal.tense(c.text, c.start, c.end)
        ahead = tense == "future" or (rel == "this" and tense != "past")
        saturday = cal.weekday_date(p, 5, "on_or_after" if ahead else "on_or_before")
    return cal.weekend(saturday)


_DAY_OFFSETS = {
    "yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0, "last night": -1,
    "this morning": 0, "this afternoon": 0, "this evening": 0, "the day before yesterday": -2,
    "the day after tomorrow": 2,
}  # fmt: skip


def _c_day_word(m: re.Match[str], text: str) -> Span | None:
    word = m.group("w")
    if word[0].isupper() and not _at_sentence_start(text, m.start()):
        prev = _prev_word(text, m.start())
        if prev[:1].isupper() or prev.lower() == "the":
            return None  # a title: "USA Today", "the Today programme"
    return m.span()


def _r_day_word(m: re.Match[str], c: Context) -> Point | None:
    if c.published is None:
        return None
    offset = _DAY_OFFSETS[_norm(m.group("w"))]
    return cal.day(c.published + dt.timedelta(days=offset))


# ---- relative units: "last week", "the following year", "two days later" ---------------------

_P_OFFSETS = {"this": 0, "current": 0, "last": -1, "this past": -1, "next": 1, "coming": 1,
              "this coming": 1}  # fmt: skip
_A_OFFSETS = {"previous": -1, "following": 1, "same": 0, "next": 1}


def _c_rel_unit(m: re.Match[str], text: str) -> Span | None:
    if m.group("unit2"):
        return m.span()
    rel, unit = _norm(m.group("rel")), _norm(m.group("unit"))
    the = bool(m.group("the"))
    if rel == "past" or (the and rel in ("last", "this past")):
        return None  # "the past year": a trailing duration, not a date
    if the and _prev_word(text, m.start()).lower() in rules.DURATION_PREPOSITIONS:
        return None  # "over the next decade": a stretch of time, not a date
    if unit == "day" and rel not in _A_OFFSETS:
        return None
    if the and rel in ("this", "current") and unit in ("day", "week"):
        return None
    return m.span()


def _shift_unit(unit: str, base: dt.date, k: int) -> Point | None:
    """The ``unit`` containing ``base``, moved by ``k`` units."""
    if unit == "day":
        return cal.day(base + dt.timedelta(days=k))
    if unit == "week":
        return cal.week(base + dt.timedelta(days=7 * k))
    if unit == "month":
        return cal.month(*cal.add_months(base.year, base.month, k))
    if unit == "quarter":
        total = base.year * 4 + (base.month - 1) // 3 + k
        return cal.quarter(total // 4, total % 4 + 1)
    if unit == "decade":
        return cal.decade((base.year // 10 + k) * 10)
    if unit == "century":
        return cal.century(base.year // 100 + 1 + k)
    return cal.year(base.year + k)


def _r_rel_unit(m: re.Match[str], c: Context) -> Point | None:
    if m.group("unit2"):
        anchor = c.anchor(_norm(m.group("unit2")))
        return _shift_unit(_norm(m.group("unit2")), anchor[0], 0) if anchor else None
    rel, unit = _norm(m.group("rel")), _norm(m.group("unit"))
    if rel in _A_OFFSETS and (m.group("the") or rel != "next" or unit == "day"):
        anchor = c.anchor(unit)
        return _shift_unit(unit, anchor[0], _A_OFFSETS[rel]) if anchor else None
    if c.published is None:
        return None
    return _shift_unit(unit, c.published, _P_OFFSETS.get(rel, 0))


def _c_ago(m: re.Match[str], text: str) -> Span | None:
    direction = _norm(m.group("dir") or m.group("dir2"))
    if direction.endswith(("before", "after")) and not _ENDS_CLAUSE.match(text, m.end()):
        return None  # "two days before the vote": relative to an event we cannot date
    if direction == "prior" and text[m.end() : m.end() + 3] == " to":
        return None
    if _next_word(text, m.end()).lower() == "than":
        return None  # "a month earlier than usual": a comparison, not a date
    return m.span()


def _count(word: str) -> int | None:
    word = _norm(word)
    if word.isdigit():
        return int(word)
    return rules.NUMBER_WORDS.get(word)


def _r_ago(m: re.Match[str], c: Context) -> Point | None:
    if m.group("dir2"):
        anchor = c.anchor("day")
        sign = -1 if _norm(m.group("dir2")).endswith("before") else 1
        return cal.day(anchor[0] + dt.timedelta(days=sign)) if anchor else None
    n = _count(m.group("n"))
    unit, direction = _norm(m.group("unit")), _norm(m.group("dir"))
    if n is None:
        return None
    sign = 1 if direction in ("later", "after", "from now") else -1
    if unit == "fortnight":
        unit, n = "week", 2 * n
    if direction in ("ago", "back", "from now"):
        if c.published is None:
            return None
        base, base_gran = c.published, "day"
    else:
        anchor = c.anchor("day" if unit in ("day", "week") else unit)
        if anchor is None:
            return None
        base, base_gran = anchor
    if unit in ("decade", "century"):
        return cal.year(base.year + sign * n * (10 if unit == "decade" else 100))
    if unit == "week" and direction not in ("ago", "back", "from now") and base_gran == "day":
        return cal.day(base + dt.timedelta(days=7 * sign * n))
    return _shift_unit(unit, base, sign * n)


# ---- references: "now", "in the past" --------------------------------------------------------


def _c_reference(m: re.Match[str], text: str) -> Span | None:
    word = _norm(m.group("w"))
    if word in ("the past", "the future"):
        if _prev_word(text, m.start()).lower() not in ("in", "into"):
            return None
        if _next_word(text, m.end()).lower() in rules.DURATION_FOLLOWERS:
            return None
    return m.span()


def _r_reference(m: re.Match[str], c: Context) -> Point | None:
    word = _norm(m.group("w"))
    if word == "the past":
        return cal.reference("PAST_REF")
    if word == "the future":
        return cal.reference("FUTURE_REF")
    return cal.reference("PRESENT_REF")


def _r_never(m: re.Match[str], c: Context) -> Point | None:
    return None  # left to the dateparser fallback


RULES: tuple[Rule, ...] = (
    Rule(rules.ISO, rules.A_ISO, False, True, _any, _r_iso),
    Rule(rules.NUMERIC, rules.A_NUMERIC, False, True, _c_numeric, _r_numeric),
    Rule(rules.MONTH_DAY, rules.A_MONTH, False, True, _any, _r_month_day, fallback=True),
    Rule(rules.DAY_MONTH, rules.A_MONTH, False, True, _c_day_month, _r_month_day, fallback=True),
    Rule(rules.MONTH_YEAR, rules.A_MONTH, False, True, _c_month_year, _r_month_year),
    Rule(rules.MONTH, rules.A_MONTH, False, False, _c_month, _r_month),
    Rule(rules.YEAR, rules.A_YEAR, False, True, _c_year, _r_year),
    Rule(rules.DECADE, rules.A_DECADE, True, False, _c_decade, _r_decade),
    Rule(rules.CENTURY, rules.A_CENTURY, True, False, _any, _r_century),
    Rule(rules.QUARTER, rules.A_QUARTER, True, False, _any, _r_quarter),
    Rule(rules.SEASON, rules.A_SEASON, True, False, _c_season, _r_season),
    Rule(rules.WEEKDAY, rules.A_WEEKDAY, False, False, _c_weekday, _r_weekday),
    Rule(rules.WEEKEND, rules.A_WEEKEND, True, False, _any, _r_weekend),
    Rule(rules.DAY_WORD, rules.A_UNIT, True, False, _c_day_word, _r_day_word),
    Rule(rules.REL_UNIT, rules.A_UNIT, True, False, _c_rel_unit, _r_rel_unit),
    Rule(rules.AGO, rules.A_UNIT, True, False, _c_ago, _r_ago),
    Rule(rules.REFERENCE, rules.A_REFERENCE, True, False, _c_reference, _r_reference),
    Rule(rules.LOOSE, rules.A_MONTH, False, True, _any, _r_never, fallback=True),
)

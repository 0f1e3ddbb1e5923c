"""Calendar arithmetic and tense cues for ``newsgraph.text.timex``.

A ``Point`` is one resolved date expression: its TimeML-style value, its granularity and the
first day of the period it names (used to anchor "two days later" and to order range ends).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from newsgraph.model import Granularity
from newsgraph.text import timex_rules as rules

GRAN_ORDER: dict[str, int] = {
    "day": 0, "week": 1, "month": 2, "season": 3, "quarter": 4, "year": 5, "decade": 6,
    "century": 7, "reference": 8,
}  # fmt: skip

# How far ahead a date without a year may be placed when the clause speaks of the future.
MAX_AHEAD_DAYS = 184
MAX_AHEAD_MONTHS = 6


@dataclass(frozen=True, slots=True)
class Point:
    """A resolved date expression; ``first`` is the first day it covers (None for references)."""

    value: str
    gran: Granularity
    first: dt.date | None
    cycle: bool = False  # True when the year or week was inferred, so a range end may roll on


def day(d: dt.date, cycle: bool = False) -> Point:
    return Point(d.isoformat(), "day", d, cycle)


def week(d: dt.date) -> Point:
    iso = d.isocalendar()
    return Point(f"{iso.year:04d}-W{iso.week:02d}", "week", d - dt.timedelta(days=d.weekday()))


def weekend(saturday: dt.date) -> Point:
    iso = saturday.isocalendar()
    return Point(f"{iso.year:04d}-W{iso.week:02d}-WE", "week", saturday)


def month(year: int, mon: int, cycle: bool = False) -> Point | None:
    if not 1 <= mon <= 12 or not 1 <= year <= 9999:
        return None
    return Point(f"{year:04d}-{mon:02d}", "month", dt.date(year, mon, 1), cycle)


def year(y: int) -> Point | None:
    if not 1 <= y <= 9999:
        return None
    return Point(f"{y:04d}", "year", dt.date(y, 1, 1))


def season(y: int, code: str) -> Point:
    return Point(f"{y:04d}-{code}", "season", dt.date(y, rules.SEASON_START_MONTH[code], 1))


def quarter(y: int, q: int) -> Point:
    return Point(f"{y:04d}-Q{q}", "quarter", dt.date(y, 3 * q - 2, 1))


def decade(first_year: int) -> Point | None:
    if not 1000 <= first_year <= 9990:
        return None
    return Point(f"{first_year // 10:03d}", "decade", dt.date(first_year, 1, 1))


def century(number: int) -> Point | None:
    """The ``number``-th century (1-based), TimeML value "19" for the 20th century."""
    if not 1 <= number <= 99:
        return None
    first = max(1, (number - 1) * 100)
    return Point(f"{number - 1:02d}", "century", dt.date(first, 1, 1))


def reference(value: str) -> Point:
    return Point(value, "reference", None)


def add_months(y: int, mon: int, k: int) -> tuple[int, int]:
    total = y * 12 + (mon - 1) + k
    return total // 12, total % 12 + 1


def safe_date(y: int, mon: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, mon, d)
    except ValueError:
        return None


def pick_day(
    mon: int, d: int, published: dt.date, future: bool, weekday: int | None = None
) -> dt.date | None:
    """The year of a month-day without one: the latest past occurrence, or the next one within
    ~6 months when the clause speaks of the future; a stated weekday picks the matching year."""
    options = [
        c for c in (safe_date(published.year + k, mon, d) for k in (-1, 0, 1)) if c is not None
    ]
    if weekday is not None:
        matching = [c for c in options if c.weekday() == weekday]
        if matching:
            return min(matching, key=lambda c: (abs((c - published).days), c > published))
    past = [c for c in options if c <= published]
    ahead = [c for c in options if c >= published]
    if future and ahead and (ahead[0] - published).days <= MAX_AHEAD_DAYS:
        return ahead[0]
    if past:
        return past[-1]
    return ahead[0] if ahead else None


def pick_month(mon: int, published: dt.date, future: bool) -> int:
    """The year of a bare month: as ``pick_day``, at month granularity."""
    now = published.year * 12 + published.month - 1
    past = published.year if mon <= published.month else published.year - 1
    if future:
        ahead = published.year if mon >= published.month else published.year + 1
        if ahead * 12 + mon - 1 - now <= MAX_AHEAD_MONTHS:
            return ahead
    return past


def pick_cyclic(
    index: int, per_year: int, current: int, how: str, published_year: int
) -> tuple[int, int]:
    """Year of the ``index``-th season/quarter relative to ``current`` (an absolute ordinal
    year * per_year + index): ``how`` is past, future, last, next or this."""
    options = [(published_year + k) * per_year + index for k in (-2, -1, 0, 1, 2)]
    if how == "last":
        chosen = max(o for o in options if o < current)
    elif how == "next":
        chosen = min(o for o in options if o > current)
    elif how == "this":
        chosen = min(options, key=lambda o: (abs(o - current), o > current))
    elif how == "future":
        ahead = min(o for o in options if o >= current)
        limit = 2 if per_year == 4 else 1
        chosen = ahead if ahead - current <= limit else max(o for o in options if o <= current)
    else:
        chosen = max(o for o in options if o <= current)
    return chosen // per_year, chosen % per_year


def weekday_date(published: dt.date, weekday: int, how: str) -> dt.date:
    """The date of ``weekday`` relative to publication: ``how`` is on_or_before, before,
    on_or_after or after."""
    delta = (published.weekday() - weekday) % 7
    if how in ("on_or_before", "before"):
        if how == "before" and delta == 0:
            delta = 7
        return published - dt.timedelta(days=delta)
    ahead = (weekday - published.weekday()) % 7
    if how == "after" and ahead == 0:
        ahead = 7
    return published + dt.timedelta(days=ahead)


def _cue(tokens: list[str], i: int) -> str | None:
    """Tense cue of ``tokens[i]``: "future", "past" or None."""
    tok = tokens[i]
    low = tok.lower().replace("’", "'")
    nxt = tokens[i + 1].lower() if i + 1 < len(tokens) else ""
    if (
        low in rules.FUTURE_CUES
        or (low, nxt) in rules.FUTURE_BIGRAMS
        or (low == "to" and nxt in rules.PROSPECTIVE_VERBS)
    ):
        return "future"
    prev = tokens[i - 1].lower() if i else ""
    if prev in rules.PARTICIPLE_AUX and low not in ("was", "were", "had", "has", "have"):
        return None  # "will be held": a participle after an auxiliary is not past tense
    if low in rules.PAST_CUES:
        return "past"
    if tok.islower() and len(low) > 4 and low.endswith("ed") and low not in rules.NOT_PAST_ED:
        return "past"
    return None


def _nearest(tokens: list[str], backwards: bool, limit: int) -> tuple[int, str]:
    order = range(len(tokens) - 1, -1, -1) if backwards else range(len(tokens))
    distance = 0
    for i in order:
        # A clause break (comma, dash) makes a cue beyond it count for less.
        distance += 4 if tokens[i].lower() in rules.CLAUSE_BREAKS else 1
        if distance > limit:
            break
        kind = _cue(tokens, i)
        if kind is not None:
            return distance, kind
    return limit + 1, ""


def tense(text: str, start: int, end: int) -> str | None:
    """ "future" or "past" from the nearest tense cue in the same sentence, else None."""
    left = text[max(0, start - 160) : start]
    right = text[end : end + 160]
    breaks = [b.end() for b in rules.SENTENCE_BREAK.finditer(left)]
    if breaks:
        left = left[breaks[-1] :]
    first_break = rules.SENTENCE_BREAK.search(right)
    if first_break is not None:
        right = right[: first_break.start()]
    dist_left, kind_left = _nearest(rules.WORD.findall(left), True, 60)
    _, kind_right = _nearest(rules.WORD.findall(right), False, dist_left - 1)
    if kind_right:
        return kind_right
    return kind_left or None

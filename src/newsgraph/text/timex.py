"""Date expressions in text, resolved against the publication date.

``find_timexes(text, published)`` finds every date expression ("on Monday", "earlier this
month", "October 7", "since 2019") with regular rules, keeps the longest where two overlap, and
resolves each in text order: relative ones against the publication date, "two days later"
against the most recent date already resolved. Values follow TimeML: ``2024-04-15``,
``2024-04``, ``2024``, ``2024-W15``, ``2024-Q2``, ``2024-SU``, ``199`` (the 1990s), ``19`` (the
20th century), ``PRESENT_REF``; a range is one timex with value ``START/END``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from newsgraph.model import Timex
from newsgraph.text import timex_calendar as cal
from newsgraph.text import timex_rules as rules
from newsgraph.text.timex_calendar import GRAN_ORDER, Point
from newsgraph.text.timex_handlers import RULES, Context

__all__ = ["find_timexes"]

_RANGE_PREFIX = re.compile(r"(?i:\b(?P<w>from|between|since)\s+)$")
_RANGE_JOIN = re.compile(r"\s*(?P<w>(?i:to|until|till|through|and)|-|–|—)\s*")
_DAY_TAIL = re.compile(
    r"\s*(?P<w>(?i:to|until|till|through|and)|-|–|—)\s*(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?![\d\w])"
    r"(?:,?\s+(?P<y>(?:19|20)\d\d)(?!\d))?"
)
_ENDS_WITH_DAY = re.compile(r"\d(?:st|nd|rd|th)?$")
_DASHES = ("-", "–", "—")
# How far a pattern may reach either side of its anchor word.
_WINDOW = 48
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


@dataclass(slots=True)
class _Found:
    start: int
    end: int
    point: Point


def find_timexes(text: str, published: dt.date | None) -> list[Timex]:
    """Every date expression in ``text``: sorted, non-overlapping, each resolved to a value.

    Without ``published`` only expressions that carry their own year are kept."""
    if not text:
        return []
    chosen = _select(_candidates(text))
    ctx = Context(text, published)
    found: list[_Found] = []
    for start, end, index, match in chosen:
        ctx.start, ctx.end = start, end
        try:
            point = RULES[index].resolve(match, ctx)
        except (ValueError, OverflowError):  # a date pushed past year 1 or 9999
            point = None
        if point is None and RULES[index].fallback:
            point = _dateparser(text[start:end], published)
        if point is None:
            continue
        ctx.points.append(point)
        found.append(_Found(start, end, point))
    found = _join_ranges(text, found, published)
    return [
        Timex(start=f.start, end=f.end, text=text[f.start : f.end], value=f.point.value,
              granularity=f.point.gran)
        for f in found
    ]  # fmt: skip


def _candidates(text: str) -> list[tuple[int, int, int, re.Match[str]]]:
    """Every match of every rule that its check accepts: (start, end, rule index, match)."""
    low = text.lower()
    if len(low) != len(text):  # a few non-ASCII letters change length when lowercased
        low = text.translate(_ASCII_LOWER)
    found: list[tuple[int, int, int, re.Match[str]]] = []
    size = len(text)
    anchors: dict[re.Pattern[str], list[tuple[int, int]]] = {}
    has_digit = rules.DIGIT.search(text) is not None
    for index, rule in enumerate(RULES):
        if rule.digits and not has_digit:
            continue
        spans = anchors.get(rule.anchor)
        if spans is None:
            where = low if rule.lower else text
            spans = anchors[rule.anchor] = [a.span() for a in rule.anchor.finditer(where)]
        done = 0  # matches never overlap within one rule: resume after the last one
        for a_start, a_end in spans:
            if a_end <= done:
                continue
            stop = min(size, a_end + _WINDOW)
            for match in rule.regex.finditer(text, max(done, a_start - _WINDOW), stop):
                if stop < size and match.end() > stop - _WINDOW // 2:
                    # near the window's end an optional tail may have been cut: match again
                    match = rule.regex.match(text, match.start()) or match
                done = max(done, match.end())
                span = rule.check(match, text)
                if span is not None and span[1] > span[0]:
                    found.append((span[0], span[1], index, match))
    return found


def _select(
    cands: list[tuple[int, int, int, re.Match[str]]],
) -> list[tuple[int, int, int, re.Match[str]]]:
    """Longest candidates first, dropping any that overlap one already kept; in text order."""
    kept: list[tuple[int, int, int, re.Match[str]]] = []
    for cand in sorted(cands, key=lambda c: (c[0] - c[1], c[0], c[2])):
        if all(cand[1] <= k[0] or cand[0] >= k[1] for k in kept):
            kept.append(cand)
    kept.sort(key=lambda c: c[0])
    return kept


def _dated(point: Point) -> bool:
    return point.first is not None and "/" not in point.value


def _join_ranges(text: str, found: list[_Found], published: dt.date | None) -> list[_Found]:
    """Merge "from X to Y", "between X and Y", "X-Y", "March 3-5" and "since X" into ranges."""
    out: list[_Found] = []
    i = 0
    while i < len(found):
        cur = found[i]
        prefix = _RANGE_PREFIX.search(text, max(0, cur.start - 10), cur.start)
        word = prefix.group("w").lower() if prefix else ""
        nxt = found[i + 1] if i + 1 < len(found) else None
        joined = _join_pair(text, cur, nxt, word) if _dated(cur.point) else None
        if joined is not None:
            if prefix is not None and word != "since":
                joined.start = prefix.start()
            out.append(joined)
            i += 2
            continue
        tail = _join_day_tail(text, cur, word) if _dated(cur.point) else None
        if tail is not None:
            if prefix is not None:
                tail.start = prefix.start()
            out.append(tail)
            i += 1
            continue
        if word == "since" and prefix is not None and published is not None:
            first = cur.point.first
            if _dated(cur.point) and first is not None and first <= published:
                value = f"{cur.point.value}/{published.isoformat()}"
                cur = _Found(prefix.start(), cur.end, Point(value, cur.point.gran, first))
        out.append(cur)
        i += 1
    return out


def _join_pair(text: str, cur: _Found, nxt: _Found | None, word: str) -> _Found | None:
    if nxt is None or not _dated(nxt.point):
        return None
    gap = _RANGE_JOIN.fullmatch(text, cur.end, nxt.start)
    if gap is None:
        return None
    join = gap.group("w").lower()
    if word == "between":
        ok = join == "and"
    elif word == "from":
        ok = join != "and"
    else:
        ok = join in _DASHES
    if not ok:
        return None
    end = _roll_forward(nxt.point, cur.point)
    gran = max(cur.point.gran, end.gran, key=GRAN_ORDER.__getitem__)
    span_point = Point(f"{cur.point.value}/{end.value}", gran, cur.point.first)
    return _Found(cur.start, nxt.end, span_point)


def _roll_forward(end: Point, start: Point) -> Point:
    """A range end whose year or week was guessed is moved past the start ("Friday to Monday")."""
    if not end.cycle or end.first is None or start.first is None or end.first >= start.first:
        return end
    if end.gran == "day" and (start.first - end.first).days < 7:  # a weekday: the next one
        return cal.day(end.first + dt.timedelta(days=7), cycle=True)
    if end.gran == "day":
        moved = cal.safe_date(end.first.year + 1, end.first.month, end.first.day)
        return cal.day(moved) if moved else end
    if end.gran == "month":
        return cal.month(end.first.year + 1, end.first.month) or end
    return end


def _join_day_tail(text: str, cur: _Found, word: str) -> _Found | None:
    """ "between March 3 and 5" / "from 3 to 5 March": a bare day number closing a range."""
    if cur.point.gran != "day" or cur.point.first is None or word not in ("from", "between"):
        return None
    if not _ENDS_WITH_DAY.search(text, cur.start, cur.end):
        return None
    tail = _DAY_TAIL.match(text, cur.end)
    if tail is None or (tail.group("w").lower() == "and") != (word == "between"):
        return None
    first = cur.point.first
    year = int(tail.group("y")) if tail.group("y") else first.year
    begin = cal.safe_date(year, first.month, first.day)
    end = cal.safe_date(year, first.month, int(tail.group("d")))
    if begin is None or end is None or end <= begin:
        return None
    value = f"{begin.isoformat()}/{end.isoformat()}"
    return _Found(cur.start, tail.end(), Point(value, "day", begin))


@lru_cache(maxsize=4096)
def _dateparser(span: str, published: dt.date | None) -> Point | None:
    """dateparser's reading of a span the rules found but could not read (cached per span)."""
    if published is None:  # the spans handed over carry at most a two-digit year: ambiguous
        return None
    from dateparser.date import DateDataParser  # slow to import: only when first needed

    settings: dict[str, object] = {
        "PREFER_DATES_FROM": "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "RELATIVE_BASE": dt.datetime.combine(published, dt.time()),
    }
    try:
        data = DateDataParser(languages=["en"], settings=settings).get_date_data(span)
    except (ValueError, OverflowError):
        return None
    if data.date_obj is None:
        return None
    when = data.date_obj.date()
    if data.period == "year":
        return cal.year(when.year)
    if data.period == "month":
        return cal.month(when.year, when.month)
    return cal.day(when)

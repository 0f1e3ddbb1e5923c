"""Compiled regexes for figure extraction, built once at import from :mod:`number_words`.

``MASTER`` finds the next candidate in a sentence: either something that only looks like a
number (a date, clock time, ordinal, phone number, code such as "F-16" or label such as
"Resolution 2334"), reported in the ``skip`` group, or the core of a figure in one of the groups
``frac``, ``inn``, ``halfbig``, ``plural``, ``half`` and ``core``. The other patterns read the
context on either side of a core and are applied with ``match``/``search`` at fixed offsets.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsgraph.text import number_words as W

__all__ = [
    "AND_HALF",
    "CORE",
    "DETERMINER",
    "DIGIT_RUN",
    "HYPHEN_WORD",
    "LEFT_TOKEN",
    "MASTER",
    "NP_OF",
    "NP_TOKEN",
    "POST_PREDICATE",
    "RANGE_SEP",
    "RIGHT_QUAL",
    "RIGHT_UNIT",
    "TIME_RELATIVE",
    "WORD",
    "alternation",
    "forms",
]


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of the words, longest first; a space matches any run of spaces."""
    unique = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(r"\s+".join(re.escape(part) for part in w.split()) for w in unique)


_SMALL = alternation(W.SMALL_NUMBERS)
_BIG = alternation(W.SCALE_WORDS)
_WORD = rf"(?:{_SMALL}|{_BIG})\b"
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?![a-z])\.?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_LABEL = rf"(?:(?i:{alternation(W.LABEL_WORDS_ANY_CASE)})|{alternation(W.LABEL_WORDS_CAPITALISED)})"

_SKIP = "|".join(
    (
        rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+\d{{4}}\b)?",  # 7 October 2023
        rf"\b{_MONTH}\s+{_DAY}\b(?:,?\s+\d{{4}}\b)?",  # October 7, 2023
        r"\+\d{1,3}(?:[ .-]?\(?\d{1,4}\)?){2,}",  # +44 20 7946 0958
        r"\(\d{2,4}\)\s?\d{3,4}[ .-]?\d{3,4}\b",  # (202) 555-0143
        r"\b\d{3}[.-]\d{3}[.-]\d{4}\b",  # 202-555-0143
        r"\b\d{1,4}/\d{1,2}/\d{1,4}\b|\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}\.\d{1,2}\.\d{2,4}\b",
        r"\b\d+/\d+\b",  # 9/11, 24/7
        r"\b\d{1,2}(?:[:.]\d{2})?\s?(?i:[ap]\.?m)(?:\.|\b)",  # 7 p.m., 7.30am
        r"\b\d{1,2}:\d{2}(?::\d{2})?\b",  # 07:30
        r"\b\d{3,4}\s?(?:GMT|UTC|hrs)\b|\b\d{1,2}\s+o['’]clock\b",
        r"\b\d+(?:st|nd|rd|th)\b",  # 3rd
        rf"\b{_LABEL}\.?\s*\d[\w.,/-]*",  # Resolution 2334, No. 10
        r"\b[A-Za-z]+[-.]?\d[\w-]*",  # F-16, COVID-19, G20, mid-2023
        r"\b(?:Group|Club|Gang) of (?:[A-Z][a-z]+|\d+)\b",  # Group of Seven, Group of 77
        r"\b[\w-]+?-(?:year|month|week|day)s?-old\b",  # ages: a seven-year-old, 16-year-olds
    )
)

_CURRENCY_PREFIX = "|".join(
    (
        r"(?i:us|a|c|ca|hk|nz|s)?\$",
        "[€£¥₪₽₴₹₺]",
        rf"(?:{alternation(W.CURRENCY_CODES)})\s?(?=\d)",
    )
)
_SCALE_ABBR = alternation(k for k in W.SCALE_ABBREVIATIONS if len(k) > 1)
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SPELLED = (
    rf"(?i:(?:an?\s+(?=(?:{_BIG})\b))?{_WORD}(?:(?:\s+|-){_WORD})*"
    rf"(?:(?<=hundred)\s+and\s+(?:{_SMALL})\b(?:-(?:{_SMALL})\b)?)?)"
)
_CORE = (
    r"(?<![\w.,/#$€£¥₪₽₴₹₺])(?<![A-Za-z]-)"
    rf"(?P<cur>{_CURRENCY_PREFIX})?"
    rf"(?:(?P<dig>{_DIGITS})(?!\d|[.,]\d)"
    rf"(?P<scale>\s?(?i:{_BIG}|{_SCALE_ABBR})(?![A-Za-z0-9])|[mbk](?![A-Za-z0-9]))?"
    rf"|\b(?P<sp>{_SPELLED}))"
)
_DENOMS = alternation(W.FRACTION_DENOMINATORS)
_NUMBER_ALTERNATIVES = (
    r"(?P<magnitude>\b(?i:magnitude)[-\s](?P<mag>\d{1,2}(?:\.\d+)?)(?![\d.]))",
    rf"(?P<skip>{_SKIP})",
    rf"(?P<frac>\b(?P<fn>(?i:one|an?|two|three|four|five|six|seven|eight|nine))"
    rf"(?P<fsep>\s+|-)(?P<fd>{_DENOMS})\b)",  # lowercase: not "a Fourth of July"
    rf"(?P<inn>(?<![\d.,])\b(?P<ia>(?i:{_SMALL})|\d{{1,3}})\s+(?i:in|out\s+of)\s+"
    rf"(?:(?i:every)\s+)?(?P<ib>(?i:{_SMALL})|\d{{1,3}}(?:,\d{{3}})*)\b(?![.,]\d))",
    rf"(?P<halfbig>\b(?i:half\s+an?\s+(?P<hb1>million|billion|dozen)"
    r"|an?\s+quarter\s+of\s+an?\s+(?P<hb2>million|billion)"
    rf"|(?P<hbn>{_SMALL}|\d+)\s+and\s+an?\s+half\s+(?P<hb3>million|billion|thousand|dozen))\b)",
    rf"(?P<plural>\b(?P<pl>(?i:{alternation(W.PLURAL_UNITS)}))"
    r"(?:\s+(?i:of)\s+(?P<pl2>(?i:thousands|millions|billions)))?(?P<plof>\s+(?i:of)\b)?)",
    r"(?P<half>\b(?i:half)(?=\s+(?i:of|the|its|their|his|her|our|all)\b))",
    rf"(?P<core>{_CORE})",
)
MASTER = re.compile("|".join(_NUMBER_ALTERNATIVES))
CORE = re.compile(_CORE)

AND_HALF = re.compile(r"\s+(?i:and\s+an?\s+half)\b")

_CURRENCY_WORD = alternation(W.CURRENCY_WORDS)
_UNIT = alternation(W.UNITS)
RIGHT_UNIT = re.compile(
    r"(?P<pct>\s?%|\s?(?i:per\s?cent|percent|pct)\b)"
    r"|(?P<pp>\s+(?i:percentage\s+points?))\b"
    rf"|\s+(?P<curw>(?i:{_CURRENCY_WORD})s?)\b"
    rf"|\s?(?P<code>{alternation(W.CURRENCY_CODES)})\b"
    rf"|\s?(?P<unit>(?i:{_UNIT})s?)(?![A-Za-z0-9])"
)
_HYPHEN_UNIT = alternation([*W.UNITS, "pound", "year-old", "years-old", "strong", "odd", "plus"])
HYPHEN_WORD = re.compile(rf"-(?:(?P<hunit>(?i:{_HYPHEN_UNIT}))(?![\w-])|[A-Za-z])")
RIGHT_QUAL = re.compile(r"\s+(?P<rq>(?i:or\s+so|or\s+more))\b|(?P<rq2>\+)(?![\w+])")
RANGE_SEP = re.compile(r"\s*(?P<dash>[-–—])\s*|\s+(?P<word>(?i:to|and))\s+")
TIME_RELATIVE = re.compile(rf"\s+(?i:{alternation(W.TIME_RELATIVE)})\b")


def forms(entry: str) -> list[str]:
    """The comma-separated surface forms of a table entry."""
    return [f.strip() for f in entry.split(",") if f.strip()]


def _predicate_forms(position: str) -> list[str]:
    return [f for _c, _l, where, entry in W.PREDICATES if position in where for f in forms(entry)]


_RIGHT_FORMS = alternation(_predicate_forms("R"))
LEFT_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’.-]*|\S")
_FILLERS = (
    "who that which have has had been being were was are is be reportedly reported allegedly "
    "all also since later now already so far believed thought feared said confirmed known to "
    "subsequently eventually then either both apparently officially presumed likely probably "
    "mostly could would may might will must should likely"
)
POST_PREDICATE = re.compile(
    r"(?:(?:\s*,[^,;:()\"“”]{1,60}?,|\s*\([^()]{1,60}\)|\s*[—–][^—–]{1,60}?[—–])\s*|\s+)"
    rf"(?i:(?:{alternation(_FILLERS.split())})\s+){{0,5}}"
    rf"(?P<pred>(?i:{_RIGHT_FORMS}))\b"
)
NP_OF = re.compile(
    r"\s+(?P<prep>(?i:of|in|worth\s+of))"
    r"(?:\s+(?i:the|its|their|his|her|our|those|these|all))?(?=\s)"
)
NP_TOKEN = re.compile(
    r"[ \t\u00a0]+(?P<w>[A-Za-z](?:\.[A-Za-z])+\.?|[A-Za-z][A-Za-z'’-]*)|[ \t\u00a0]*(?P<p>\S)"
)
DETERMINER = re.compile(r"\s+(?i:the|its|their|his|her|our|all)(?=\s)")
DIGIT_RUN = re.compile(r"[\d$€£¥₪₽₴₹₺]+")
WORD = re.compile(r"[a-z]+")

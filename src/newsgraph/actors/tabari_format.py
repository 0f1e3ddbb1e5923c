"""The TABARI/PETRARCH text format: codes, dates and display names.

A bracketed code is a CAMEO code, ``XYZGOV``, optionally dated: ``XYZGOV >20140101``,
``XYZGOV <140101``, ``XYZGOV 990101-031231``; ``---`` is PETRARCH's "no code". Phrases are
in capitals with words joined by ``_`` and are turned into names and role nouns here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from newsgraph.actors.kb import SECTORS, Kind

NULL_CODE = "---"  # PETRARCH's "no code": the name is known but not coded
# CAMEO's three-letter heads that are not countries: transnational actor types (with the kind
# of entry they make when no sector follows) and the CAMEO region codes.
TRANSNATIONAL: dict[str, Kind] = {
    "IMG": "group",
    "NGM": "group",
    "MNC": "organization",
    "INT": "organization",
    "UIS": "unknown",
}
REGIONS = frozenset(
    {"AFR", "ASA", "BLK", "CRB", "CAU", "CFR", "CAS", "CEU", "EIN", "EAF", "EEU", "EUR", "LAM"}
    | {"MEA", "MDT", "NAF", "NMR", "PGS", "SCN", "SAM", "SAS", "SEA", "SAF", "WAF", "WST"}
)
# Particles and function words stay lower case inside a name, so they match in any case.
LOWER_WORDS = frozenset(
    {"of", "the", "and", "for", "in", "on", "at", "to", "by", "de", "del", "della", "di", "da"}
    | {"du", "des", "la", "le", "el", "al", "bin", "ibn", "van", "von", "der", "den"}
)

_CODE = re.compile(r"^(?P<code>[A-Z]{3}[A-Z0-9]*|-{3})(?:\s+(?P<dates>.+))?$")
_DATES = re.compile(r"^(?:(?P<op>[<>])\s*(?P<one>\d+)|(?P<a>\d+)\s*-\s*(?P<b>\d+))$")
_TRAILING_ACRONYM = re.compile(r"^(?P<base>.+?)[\s_]*\((?P<short>[A-Z0-9.&-]{2,8})\)[\s_]*$")
# "-man" nouns whose plural is regular ("humans", not "humen")
_MAN_WORDS = frozenset({"human", "german", "roman", "shaman", "talisman", "caiman", "ottoman"})
_DOTTED = re.compile(r"^(?:[A-Z]\.)+[A-Z]?\.?$")


@dataclass(frozen=True)
class Code:
    """One bracketed CAMEO code, split into country and sector, with the dates it holds."""

    raw: str
    country: str | None
    sector: str | None
    start: date | None = None
    end: date | None = None

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None


# --- codes and dates -------------------------------------------------------------------------


def split_code(code: str) -> tuple[str | None, str | None]:
    """The country and sector of a CAMEO code: XYZGOV -> (XYZ, GOV); IGOABC -> (None, IGO).

    The sector is the first later group of three letters that is one: a code may put a region
    of the country first (XYZ + ABC + GOV).
    """
    head = code[:3]
    if head in SECTORS:  # IGO, NGO, or a bare sector such as ELI: no country
        return None, head
    country = None if head in TRANSNATIONAL or head in REGIONS else head
    groups = (code[i : i + 3] for i in range(3, len(code) - 2, 3))
    return country, next((g for g in groups if g in SECTORS), None)


def tabari_date(text: str) -> date:
    """``YYYYMMDD`` or ``YYMMDD`` (years 00-30 are 20YY, the rest 19YY, as TABARI reads them)."""
    if len(text) == 8:
        year, month, day = int(text[:4]), int(text[4:6]), int(text[6:8])
    elif len(text) == 6:
        year, month, day = int(text[:2]), int(text[2:4]), int(text[4:6])
        year += 2000 if year <= 30 else 1900
    else:
        raise ValueError(f"{text!r} is not a date (YYYYMMDD or YYMMDD)")
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"{text!r} is not a date ({exc})") from exc


def parse_code(text: str) -> Code | None:
    """``CODE``, ``CODE >DATE``, ``CODE <DATE`` or ``CODE DATE-DATE``; None for ``---``."""
    m = _CODE.match(text.strip())
    if m is None:
        raise ValueError(f"[{text.strip()}] is not a CAMEO code")
    if m["code"] == NULL_CODE:
        return None
    start = end = None
    if m["dates"]:
        d = _DATES.match(m["dates"].strip())
        if d is None:
            raise ValueError(f"[{text.strip()}]: dates must be >DATE, <DATE or DATE-DATE")
        if d["op"] == ">":
            start = tabari_date(d["one"])
        elif d["op"] == "<":
            end = tabari_date(d["one"])
        else:
            start, end = tabari_date(d["a"]), tabari_date(d["b"])
            if end < start:
                raise ValueError(f"[{text.strip()}]: ends before it starts")
    country, sector = split_code(m["code"])
    return Code(m["code"], country, sector, start, end)


def current_code(codes: Sequence[Code]) -> Code:
    """The code in force after the last date: open-ended, else undated, else the last to end."""
    open_ended = [c for c in codes if c.start is not None and c.end is None]
    if open_ended:
        return max(open_ended, key=lambda c: c.start or date.min)
    undated = [c for c in codes if not c.dated]
    if undated:
        return undated[0]
    return max(codes, key=lambda c: (c.end or date.max, c.start or date.min))


# --- names -----------------------------------------------------------------------------------


def _fold(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in folded if not unicodedata.combining(ch))


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", _fold(text)).strip("_")


def _words(phrase: str) -> list[str]:
    return phrase.replace("_", " ").split()


def initials(phrase: str) -> set[str]:
    """Initials of a phrase, with and without its function words (both are used as acronyms)."""
    words = [w for w in _words(phrase) if w[:1].isalpha()]
    content = [w for w in words if w.lower() not in LOWER_WORDS]
    return {"".join(w[0] for w in ws).upper() for ws in (words, content) if len(ws) > 1}


def _no_vowel(word: str) -> bool:
    return word.isascii() and word.isalpha() and not set(word.upper()) & set("AEIOU")


def _title(word: str, first: bool) -> str:
    """Each hyphenated part capitalised but a leading particle (HASSAN AL-X -> Hassan al-X);
    O'NEIL -> O'Neil but CHILDREN'S -> Children's."""
    parts = []
    for i, part in enumerate(word.split("-")):
        low = part.lower()
        m = re.match(r"^(\w)'(\w{2,})$", low)
        if m:
            parts.append(f"{m[1].upper()}'{m[2].capitalize()}")
        elif i == 0 and not first and "-" in word and low in LOWER_WORDS:
            parts.append(low)
        else:
            parts.append(low.capitalize())
    return "-".join(parts)


def _case(word: str, first: bool, single: bool, acronyms: set[str]) -> str:
    """One word of an upper-case phrase in the case names are matched in."""
    if not word.isupper():  # the dictionary chose its own case ("McCain", "Secy")
        return word
    bare = word.strip("()")
    if _DOTTED.match(bare) or bare.upper() in acronyms:
        return word
    if 2 <= len(bare) <= 5 and (_no_vowel(bare) or (single and len(bare) <= 3 and bare.isalpha())):
        return word
    if not first and word.lower() in LOWER_WORDS:
        return word.lower()
    return _title(word, first)


def display(phrase: str, acronyms: set[str] | None = None) -> str:
    """An upper-case dictionary phrase as a name: "ARSENE_LUPIN_" -> "Arsene Lupin", "XYZ" kept."""
    words = _words(phrase)
    known = acronyms or set()
    return " ".join(_case(w, i == 0, len(words) == 1, known) for i, w in enumerate(words))


def _role_text(phrase: str) -> str:
    """A role noun in lower case (matched in any case); acronyms without vowels stay capitals."""
    return " ".join(w if _no_vowel(w) and w.isupper() else w.lower() for w in _words(phrase))


def _split_acronym(phrase: str) -> list[str]:
    """A trailing acronym in brackets names the group twice: "FOO_BAR_(FB)_" -> FOO_BAR, FB.

    Only acronyms: the initials of the phrase or at most five characters ("(OTHER)" stays).
    """
    m = _TRAILING_ACRONYM.match(phrase)
    if m is None or (len(m["short"]) > 5 and m["short"] not in initials(m["base"])):
        return [phrase]
    return [m["base"], m["short"]]


def _names(phrases: Sequence[str]) -> list[str]:
    """Display forms of a block's phrases, first the headword, without repeats."""
    acronyms: set[str] = set()
    raw: list[str] = []
    for phrase in phrases:
        parts = _split_acronym(phrase)
        raw += parts
        acronyms |= initials(parts[0]) | set(parts[1:])
    out: list[str] = []
    for p in raw:
        text = display(p, acronyms)
        if text and text not in out:
            out.append(text)
    return out


def plural(phrase: str) -> str | None:
    """The regular plural of a phrase's last word, or None when it already looks plural."""
    low = phrase.lower()
    last = re.split(r"[\s_]", low)[-1]
    if last.endswith("man") and len(last) > 3 and last not in _MAN_WORDS:
        out = low[:-3] + "men"
    elif re.search(r"[^aeiou]y$", last):
        out = low[:-1] + "ies"
    elif re.search(r"(ss|us|as|x|z|ch|sh)$", last):
        out = low + "es"
    elif last.endswith(("s", "men")):  # "drones", "series", "servicemen": no regular plural
        return None
    else:
        out = low + "s"
    return out.upper() if phrase.isupper() else out

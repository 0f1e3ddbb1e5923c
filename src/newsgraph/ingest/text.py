"""Plain text to Article: the first line is the title; page furniture around it is removed.

Plain-text copies of news pages carry navigation debris: a breadcrumb run into the title ("Home
iran Iran's leader ..."), the title repeated, share and subscribe lines, a date line and a byline.
The title, section, date and authors are taken from that debris; the rest of it is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from newsgraph.ingest.errors import IngestError
from newsgraph.ingest.ids import content_id
from newsgraph.ingest.lang import detect_language
from newsgraph.model import Article

# How far into the text a date line or byline may stand and still be page furniture.
HEAD_LINES = 8

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE_LINE = re.compile(
    r"^(?:(?:published|updated|posted|last updated|first published)\s*(?:on|at)?\s*:?\s*)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4})"
    r"(?:\s*(?:,|at|-|\|)?\s*\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4}|\s*[+-]\d{2}:?\d{2})?)?"
    r"\s*(?:\|.*)?$",
    re.I,
)
_BYLINE = re.compile(
    r"^(?i:by)\s+([A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}"
    r"(?:\s*(?:,|and|&)\s*[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})*)"
    r"(?:\s*[,|]\s*.{0,40})?$"
)


@dataclass(frozen=True)
class DebrisRules:
    """Compiled page-furniture rules (``data/ingest/debris.yaml`` plus a user's own)."""

    lines: re.Pattern[str]
    separators: tuple[str, ...]
    roots: frozenset[str]
    extra: tuple[str, ...] = field(default=())


@lru_cache(maxsize=1)
def default_rules() -> DebrisRules:
    raw = yaml.safe_load(
        resources.files("newsgraph").joinpath("data/ingest/debris.yaml").read_text("utf-8")
    )
    return compile_rules(raw)


def compile_rules(raw: dict[str, Any]) -> DebrisRules:
    patterns = [str(p) for p in raw["lines"]]
    return DebrisRules(
        lines=re.compile("|".join(f"(?:{p})" for p in patterns), re.I),
        separators=tuple(str(s) for s in raw["breadcrumb_separators"]),
        roots=frozenset(str(r).lower() for r in raw["breadcrumb_roots"]),
    )


def parse_date_line(line: str) -> str | None:
    """ISO date of a line that is only a date ("Published: 15 April 2024"), else None."""
    if len(line) > 80 or not _DATE_LINE.match(line):
        return None
    import dateparser

    cleaned = re.sub(
        r"^(published|updated|posted|last updated|first published)\s*(on|at)?\s*:?",
        "",
        line,
        flags=re.I,
    ).split("|")[0]
    quick = _plain_date(cleaned)
    if quick is not None:
        return quick
    parsed = dateparser.parse(cleaned, languages=["en"], settings={"DATE_ORDER": "DMY"})
    return parsed.date().isoformat() if parsed else None


_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}  # fmt: skip
# The shapes most date lines take ("2024-06-20", "23 April 2024", "June 14, 2024"), read without
# dateparser, which costs about a tenth of an article's analysis; anything else goes to it.
_ISO = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})\b")
_DMY = re.compile(r"\s*(?:[A-Za-z]+,?\s+)?(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})\b")
_MDY = re.compile(r"\s*(?:[A-Za-z]+,?\s+)?([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})\b")


def _plain_date(text: str) -> str | None:
    """The ISO date of a date line in one of the common shapes, else None."""
    if m := _ISO.match(text):
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
    elif (m := _DMY.match(text)) and m[2].lower() in _MONTHS:
        y, mo, d = int(m[3]), _MONTHS[m[2].lower()], int(m[1])
    elif (m := _MDY.match(text)) and m[1].lower() in _MONTHS:
        y, mo, d = int(m[3]), _MONTHS[m[1].lower()], int(m[2])
    else:
        return None
    try:
        return date(y, mo, d).isoformat()
    except ValueError:
        return None


def _split_breadcrumb(line: str, rules: DebrisRules) -> tuple[str | None, str]:
    """(section, rest) when ``line`` opens with a breadcrumb ("Home > World", "Home iran")."""
    words = line.split()
    if not words or words[0].lower() not in rules.roots:
        return None, line
    if any(sep in line for sep in rules.separators):
        parts = [p.strip() for p in re.split("|".join(map(re.escape, rules.separators)), line)]
        parts = [p for p in parts if p]
        if len(parts) >= 2 and all(len(p.split()) <= 3 for p in parts):
            return parts[-1], ""
        return (parts[-2] if len(parts) >= 2 else None), parts[-1] if parts else ""
    # "Home iran Iran's leader ...": lower-case slugs after the root are the section.
    i = 1
    while i < len(words) and re.fullmatch(r"[a-z][a-z0-9-]*", words[i]):
        i += 1
    if i == 1:
        return None, line
    return " ".join(words[1:i]), " ".join(words[i:])


def _title_and_section(lines: list[str], rules: DebrisRules) -> tuple[str, str | None, int]:
    """The title, the section and the index of the first line after the title block."""
    section, title = _split_breadcrumb(lines[0], rules)
    i = 1
    if not title and len(lines) > 1:  # the breadcrumb stood on its own line
        title, i = lines[1], 2
    nxt = lines[i] if i < len(lines) else ""
    if nxt and nxt != title and title.endswith(nxt) and len(nxt) > 10:
        # A breadcrumb we could not cut is run into the title; the repeat shows where it ends.
        section = title[: -len(nxt)].strip(" >|/›»") or section
        title = nxt
    return title, section, i


def article_from_text(
    raw: str,
    *,
    source: str,
    url: str | None = None,
    published: str | None = None,
    article_id: str | None = None,
    title: str | None = None,
    rules: DebrisRules | None = None,
) -> Article:
    """An Article from plain text whose first line is the title (unless ``title`` is given or the
    text is a single line, which is then all body); raises IngestError."""
    rules = rules or default_rules()
    lines = [ln.strip() for ln in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    nonblank = [ln for ln in lines if ln]
    if not nonblank:
        raise IngestError(source, "no text")
    section: str | None = None
    if title is not None:
        title, skip = title.strip(), 0
    elif len(nonblank) == 1:
        title, skip = "", 0
    else:
        title, section, skip = _title_and_section(nonblank, rules)
    body: list[str] = []
    authors: list[str] = []
    seen = 0
    for line in lines:
        if not line:
            body.append("")
            continue
        seen += 1
        if seen <= skip or (title and line == title) or rules.lines.fullmatch(line):
            continue
        if seen <= skip + HEAD_LINES:
            if _split_breadcrumb(line, rules)[1] == "":
                section = section or _split_breadcrumb(line, rules)[0]
                continue
            if iso := parse_date_line(line):
                published = published or iso
                continue
            if not authors and (m := _BYLINE.match(line)):
                authors = [a.strip() for a in re.split(r",|\band\b|&", m.group(1)) if a.strip()]
                continue
        body.append(line)
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(body)).strip()
    if not text:
        raise IngestError(source, "no article text after the title line")
    return Article(
        id=article_id or content_id(title, text),
        url=url,
        title=title,
        published=_iso_or_none(published),
        section=section,
        authors=authors,
        language=detect_language(text),
        text=text,
    )


def _iso_or_none(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return parse_date_line(value)

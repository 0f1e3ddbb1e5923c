"""Import TABARI / PETRARCH actor and agent dictionaries as knowledge-base entries.

Actors files hold blocks: a headword phrase in capitals with words joined by ``_``, then
synonym lines starting with ``+`` and codes in brackets, on the headword line or on lines of
their own: ``[XYZGOV]``, or dated ``[XYZGOV >20140101]``, ``[XYZGOV <140101]``,
``[XYZGOV 990101-031231]``. Agents files map role nouns to sector codes, ``PHRASE {PLURAL}
[~SEC]``, with ``!MARK! = A, B`` substitution sets. Comments: ``#``, ``;``, ``<!-- -->`` and,
in actors files, ``{...}``. A line that cannot be read becomes a ``FILE:LINE: ...`` warning;
a file that is mostly unreadable is refused with ``KBError``. Codes, dates and names are read
by :mod:`newsgraph.actors.tabari_format`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph.actors.kb import SECTORS, Alias, Entry, KBError, Kind, Office, write_user_layer
from newsgraph.actors.tabari_format import (
    LOWER_WORDS,
    NULL_CODE,
    REGIONS,
    TRANSNATIONAL,
    Code,
    # the format's own helpers, shared with this reader only (not re-exported)
    _names,
    _role_text,
    _words,
    current_code,
    display,
    initials,
    parse_code,
    plural,
    slug,
    split_code,
    tabari_date,
)

__all__ = [
    "GROUP_SECTORS",
    "LOWER_WORDS",
    "MAX_BAD_SHARE",
    "NULL_CODE",
    "OFFICE_ROLE",
    "REGIONS",
    "TRANSNATIONAL",
    "Code",
    "ImportReport",
    "current_code",
    "default_out",
    "display",
    "import_dictionary",
    "initials",
    "is_agents",
    "parse_code",
    "plural",
    "read_actors",
    "read_agents",
    "read_dictionary",
    "slug",
    "split_code",
    "tabari_date",
]

log = logging.getLogger(__name__)

OFFICE_ROLE = "as coded"  # the role of an office read from a dated code: the code says no more
GROUP_SECTORS = frozenset({"REB", "PRM", "UAF", "CRM"})
MAX_BAD_SHARE = 0.5  # more unreadable content lines than this: not a dictionary at all

_BRACKETS = re.compile(r"\[([^\[\]]*)\]")
_PHRASE = re.compile(r"^[^\[\]{}<>=~!;]+$")
_MARKER_DEF = re.compile(r"^!(?P<name>[^!\s]+)!\s*=\s*(?P<items>.+)$")
_MARKER = re.compile(r"!([^!\s]+)!")
_AGENT_CODE = re.compile(r"^~(?P<pre>[A-Z]{3})[A-Z0-9]*$|^(?P<post>[A-Z]{3})[A-Z0-9]*~$")
_PLURAL = re.compile(r"^(?P<phrase>[^{}]*?)\s*\{(?P<plural>[^{}]*)\}\s*$")


@dataclass
class _Log:
    """Warnings and the share of unreadable lines, for one file."""

    path: Path
    warnings: list[str] = field(default_factory=list)
    content: int = 0
    bad: set[int] = field(default_factory=set)  # numbers of the lines that could not be used

    def warn(self, line: int, message: str, bad: Sequence[int] | None = None) -> None:
        """Warn about ``line``; ``bad`` are the lines lost with it (by default ``line`` itself)."""
        self.warnings.append(f"{self.path}:{line}: {message}")
        self.bad.update([line] if bad is None else bad)

    def done(self, found: dict[str, Entry]) -> list[Entry]:
        """The entries read; KBError when there are none or most lines could not be read."""
        if not found or len(self.bad) > self.content * MAX_BAD_SHARE:
            raise KBError(f"{self.path}: not a TABARI/PETRARCH dictionary")
        return list(found.values())


# --- reading lines ---------------------------------------------------------------------------


def _read(path: Path) -> list[str]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise KBError(f"{path}: cannot read ({exc})") from exc
    if b"\x00" in data[:8192]:
        raise KBError(f"{path}: not a TABARI/PETRARCH dictionary")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:  # older TABARI files are Latin-1
        text = data.decode("latin-1")
    return text.splitlines()


def _content(lines: Sequence[str], braces: bool) -> Iterator[tuple[int, str]]:
    """Numbered lines without comments (``#``, ``;``, ``<!-- -->``, ``{...}`` if ``braces``)."""
    in_xml = False
    for number, line in enumerate(lines, 1):
        if in_xml:
            if "-->" not in line:
                continue
            line, in_xml = line.split("-->", 1)[1], False
        line = re.sub(r"<!--.*?-->", " ", line)
        if "<!--" in line:
            line, in_xml = line.split("<!--", 1)[0], True
        line = re.split(r"[#;]", line, maxsplit=1)[0]
        if braces:
            line = re.sub(r"\{[^{}]*\}", " ", line)
        if line.strip():
            yield number, line.strip()


def _codes_of(text: str) -> tuple[str, list[str]]:
    """The text outside brackets and the bracketed parts."""
    return _BRACKETS.sub(" ", text).strip(), _BRACKETS.findall(text)


# --- actors ----------------------------------------------------------------------------------


@dataclass
class _Block:
    line: int
    phrases: list[str]
    codes: list[Code] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)  # the block's lines


def _readable(phrase: str) -> bool:
    return bool(_PHRASE.match(phrase)) and any(c.isalnum() for c in phrase)


def _parse_codes(brackets: Sequence[str], number: int, log_: _Log) -> list[Code]:
    codes: list[Code] = []
    for inner in brackets:
        try:
            code = parse_code(inner)
        except ValueError as exc:
            log_.warn(number, str(exc))
            continue
        if code is not None:
            codes.append(code)
    return codes


def _blocks(lines: Sequence[str], log_: _Log) -> Iterator[_Block]:
    """Headword blocks of an actors file; unreadable lines are warned about and left out."""
    block: _Block | None = None
    for number, text in _content(lines, braces=True):
        log_.content += 1
        kind = "synonym" if text[0] == "+" else "code" if text[0] == "[" else "head"
        phrase, brackets = _codes_of(text[1:] if kind == "synonym" else text)
        if phrase if kind == "code" else not _readable(phrase):
            log_.warn(number, f"cannot read {text[:60]!r}")
            if kind == "head" and block is not None:
                yield block
                block = None
            continue
        if kind == "head":
            if block is not None:
                yield block
            block = _Block(number, [phrase], numbers=[number])
        elif block is None:
            log_.warn(number, f"{kind} before any headword")
            continue
        else:
            block.numbers.append(number)
            if kind == "synonym":
                block.phrases.append(phrase)
        block.codes += _parse_codes(brackets, number, log_)
    if block is not None:
        yield block


def _kind(codes: Sequence[Code]) -> Kind:
    """Person if dated (not a group's dates) or coded an elite; else by sector and code."""
    if any(c.dated for c in codes) and not all(c.sector in GROUP_SECTORS for c in codes):
        return "person"
    if all(c.sector == "ELI" for c in codes):
        return "person"
    now = current_code(codes)
    if now.sector in GROUP_SECTORS:
        return "group"
    if now.sector is None and now.raw[:3] in TRANSNATIONAL:
        return TRANSNATIONAL[now.raw[:3]]
    if now.sector is None:  # a bare country is a country; XYZ + an unknown group could be anything
        return "country" if now.country and len(now.raw) == 3 else "unknown"
    return "organization"


def _offices(block: _Block, log_: _Log) -> list[Office]:
    offices: list[Office] = []
    for code in block.codes:
        if code.sector is None:
            log_.warn(block.line, f"[{code.raw}] names no sector; office left out", bad=())
            continue
        org = code.raw[3:] if code.raw.startswith("IGO") and len(code.raw) > 3 else None
        offices.append(
            Office(
                role=OFFICE_ROLE,
                sector=code.sector,
                country=code.country,
                org=org,
                start=code.start,
                end=code.end,
            )
        )
    return offices


def _actor(path: Path, block: _Block, log_: _Log) -> Entry | None:
    names = _names(block.phrases)
    if not block.codes or not names:
        log_.warn(block.line, f"no code for {block.phrases[0][:60]!r}; left out", bad=block.numbers)
        return None
    kind = _kind(block.codes)
    now = current_code(block.codes)
    entry = Entry(
        id=f"tabari:{slug(block.phrases[0])}",
        name=names[0],
        kind=kind,
        aliases=[Alias(text=t) for t in names[1:]],
        code=now.raw,
        country=now.country,
        sector=now.sector,
        source=f"{path.name}:{block.line}",
    )
    if kind == "person":
        entry.offices = _offices(block, log_)
    elif all(c.dated for c in block.codes):
        starts, ends = [c.start for c in block.codes], [c.end for c in block.codes]
        entry.start = None if None in starts else min(s for s in starts if s)
        entry.end = None if None in ends else max(e for e in ends if e)
    return entry


def _add(found: dict[str, Entry], entry: Entry, log_: _Log, line: int) -> None:
    """Repeats of a headword merge; a headword defined twice differently keeps both, warned."""
    old = found.get(entry.id)
    if old is None:
        found[entry.id] = entry
        return
    same = ("kind", "code", "sector", "offices", "start", "end")
    if all(getattr(old, f) == getattr(entry, f) for f in same):
        known = {a.text for a in old.names()}
        old.aliases += [a for a in entry.names() if a.text not in known]
        return
    n = 2
    while f"{entry.id}_{n}" in found:
        n += 1
    new_id = f"{entry.id}_{n}"
    log_.warn(line, f"{entry.name!r} redefined (first at {old.source}); kept as {new_id}", bad=())
    entry.id = new_id
    found[new_id] = entry


def _merge_person(old: Entry, new: Entry, codes: list[Code]) -> None:
    """A person listed twice (say, under two offices): one entry with every office."""
    known = {a.text for a in old.names()}
    old.aliases += [a for a in new.names() if a.text not in known]
    old.offices += [o for o in new.offices if o not in old.offices]
    now = current_code(codes)
    old.code, old.country, old.sector = now.raw, now.country, now.sector


def _parse_actors(path: Path, lines: Sequence[str]) -> tuple[list[Entry], _Log]:
    log_ = _Log(path)
    found: dict[str, Entry] = {}
    codes: dict[str, list[Code]] = {}
    for block in _blocks(lines, log_):
        entry = _actor(path, block, log_)
        if entry is None:
            continue
        old = found.get(entry.id)
        if old is not None and old.kind == entry.kind == "person":
            codes[old.id] += block.codes
            _merge_person(old, entry, codes[old.id])
            continue
        _add(found, entry, log_, block.line)
        codes.setdefault(entry.id, list(block.codes))
    return log_.done(found), log_


# --- agents ----------------------------------------------------------------------------------


def _agent_forms(phrase: str, plural_text: str | None, markers: dict[str, list[str]]) -> list[str]:
    """The forms a line names: marker expansions, or the phrase and its plural."""
    m = _MARKER.search(phrase)
    if m:
        if m[1] not in markers:
            raise ValueError(f"substitution set !{m[1]}! is not defined")
        return [phrase[: m.start()] + sub + phrase[m.end() :] for sub in markers[m[1]]]
    if plural_text is None:
        regular = plural(phrase)
        return [phrase, regular] if regular else [phrase]
    return [phrase, plural_text] if plural_text else [phrase]


def _agent(
    path: Path, number: int, text: str, markers: dict[str, list[str]], log_: _Log
) -> Entry | None:
    phrase, brackets = _codes_of(text)
    if len(brackets) != 1 or "[" in phrase or "]" in phrase:
        log_.warn(number, f"an agent needs one [~CODE]: {text[:60]!r}")
        return None
    code = brackets[0].strip()
    m = _AGENT_CODE.match(code)
    if m is None:
        log_.warn(number, f"[{code}] is not an agent code")
        return None
    sector = m["pre"] or m["post"]
    if sector not in SECTORS:
        log_.warn(number, f"[{code}]: {sector} is not a newsgraph sector; left out", bad=())
        return None
    pm = _PLURAL.match(phrase)
    head, plural_text = (pm["phrase"], pm["plural"].strip()) if pm else (phrase, None)
    if not _readable(head.replace("!", " ")):
        log_.warn(number, f"cannot read {text[:60]!r}")
        return None
    try:
        forms = _agent_forms(head.strip(), plural_text, markers)
    except ValueError as exc:
        log_.warn(number, str(exc))
        return None
    texts = list(dict.fromkeys(_role_text(f) for f in forms if _words(f)))
    return Entry(
        id=f"tabari:{slug(head)}",
        name=texts[0],
        kind="role",
        aliases=[Alias(text=t, form="role") for t in texts[1:]],
        sector=sector,
        source=f"{path.name}:{number}",
    )


def _parse_agents(path: Path, lines: Sequence[str]) -> tuple[list[Entry], _Log]:
    log_ = _Log(path)
    markers: dict[str, list[str]] = {}
    found: dict[str, Entry] = {}
    for number, text in _content(lines, braces=False):
        log_.content += 1
        md = _MARKER_DEF.match(text)
        if md:
            markers[md["name"]] = [s.strip() for s in md["items"].split(",") if s.strip()]
            continue
        entry = _agent(path, number, text, markers, log_)
        if entry is not None:
            _add(found, entry, log_, number)
    return log_.done(found), log_


# --- public API ------------------------------------------------------------------------------


def _logged(entries: list[Entry], log_: _Log) -> list[Entry]:
    for warning in log_.warnings:
        log.warning("%s", warning)
    return entries


def read_actors(path: Path) -> list[Entry]:
    """Entries of a PETRARCH/Phoenix actors file; unreadable lines are logged and left out."""
    return _logged(*_parse_actors(path, _read(path)))


def read_agents(path: Path) -> list[Entry]:
    """Role entries of an agents file (role noun -> sector); unreadable lines are logged."""
    return _logged(*_parse_agents(path, _read(path)))


def is_agents(lines: Sequence[str]) -> bool:
    """Whether a dictionary's codes are mostly agent codes (``[~SEC]``) rather than actor codes."""
    agent = actor = 0
    for _number, text in _content(lines, braces=False):
        if _MARKER_DEF.match(text):
            agent += 1
        for inner in _BRACKETS.findall(text):
            agent += "~" in inner
            actor += "~" not in inner
    return agent > actor


def read_dictionary(path: Path) -> tuple[list[Entry], list[str]]:
    """Entries of an actors or agents file (told apart by its codes) and the warnings."""
    lines = _read(path)
    entries, log_ = (_parse_agents if is_agents(lines) else _parse_actors)(path, lines)
    return entries, log_.warnings


@dataclass(frozen=True)
class ImportReport:
    """What ``import_dictionary`` wrote."""

    out: Path
    actors: int
    roles: int
    warnings: list[str]

    def summary(self) -> str:
        n = len(self.warnings)
        return f"{self.actors} actors, {self.roles} roles written to {self.out} ({n} warnings)"

    def warning_lines(self, limit: int = 20) -> list[str]:
        """At most ``limit`` warnings, then a line counting the rest."""
        rest = len(self.warnings) - limit
        return self.warnings[:limit] + ([f"... and {rest} more warnings"] if rest > 0 else [])


def default_out(path: Path) -> Path:
    """``<stem>.actors.yaml`` in the working directory (without doubling an ``.actors`` stem)."""
    stem = path.stem.removesuffix(".actors")
    return Path.cwd() / f"{stem}.actors.yaml"


def import_dictionary(path: Path, out: Path | None = None) -> ImportReport:
    """Read a dictionary and write it as a user YAML layer; KBError if it cannot be done."""
    entries, warnings = read_dictionary(path)
    out = out or default_out(path)
    try:
        write_user_layer(entries, out)
    except OSError as exc:
        raise KBError(f"{out}: cannot write ({exc})") from exc
    roles = sum(1 for e in entries if e.kind == "role")
    return ImportReport(out, len(entries) - roles, roles, warnings)

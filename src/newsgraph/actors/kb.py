"""The actor knowledge base: entries, their names, and the offices that set a person's code.

The bundled base is CSV under ``data/actors/`` (countries, people, organisations, role nouns,
titles), written by the newsgraph team. Users layer their own YAML files over it (same ids
replace, new ids add); a malformed file is refused with its name and line, and never touches
the bundled base.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

SECTORS = frozenset(
    [
        "COP",
        "GOV",
        "JUD",
        "LEG",
        "MIL",
        "PRM",
        "PTY",
        "REB",
        "SPY",
        "UAF",
        "UNK",
        "AGR",
        "BUS",
        "CRM",
        "CVL",
        "EDU",
        "ELI",
        "JRN",
        "LAB",
        "MED",
        "REF",
        "OPP",
        "PRE",
        "REL",
        "SOC",
        "IGO",
        "NGO",
    ]
)
Kind = Literal["person", "organization", "country", "group", "role", "unknown"]
# How a name refers to its entry: the name itself, an adjective ("Iranian"), a people ("Iranians"),
# a capital or other metonym standing for a government ("Tehran", "the Kremlin").
Form = Literal["name", "adjective", "demonym", "capital", "metonym", "role", "title"]
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class KBError(Exception):
    """A knowledge-base file that cannot be read; ``str()`` names the file and line."""


def parse_date(value: str | None, *, end: bool = False) -> date | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; a partial end date covers its whole period."""
    if not value:
        return None
    value = str(value).strip()
    if not _DATE.match(value):
        raise ValueError(f"{value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return date(*parts)
    if len(parts) == 2:
        if not end:
            return date(parts[0], parts[1], 1)
        nxt = date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return date.fromordinal(nxt.toordinal() - 1)
    return date(parts[0], 12, 31) if end else date(parts[0], 1, 1)


class Office(BaseModel):
    """One office a person held: it sets the person's country, sector and code while it lasts."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    role: str
    sector: str
    country: str | None = None
    org: str | None = None
    start: date | None = None
    end: date | None = None

    @field_validator("sector")
    @classmethod
    def _sector(cls, v: str) -> str:
        if v not in SECTORS:
            raise ValueError(f"unknown sector {v!r}")
        return v

    @field_validator("start", mode="before")
    @classmethod
    def _start(cls, v: Any) -> Any:
        return parse_date(str(v)) if isinstance(v, str | int) else v

    @field_validator("end", mode="before")
    @classmethod
    def _end(cls, v: Any) -> Any:
        """A partial end date ("2024-05") runs to the end of its month or year."""
        return parse_date(str(v), end=True) if isinstance(v, str | int) else v

    def active(self, when: date) -> bool:
        return (self.start is None or self.start <= when) and (self.end is None or when <= self.end)


class Alias(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    text: str
    form: Form = "name"


class Entry(BaseModel):
    """One actor the base knows: a country, person, organisation, group or role noun."""

    model_config = ConfigDict(extra="forbid")
    id: str
    name: str
    kind: Kind
    aliases: list[Alias] = Field(default_factory=list)
    code: str | None = None
    country: str | None = None
    sector: str | None = None
    offices: list[Office] = Field(default_factory=list)
    start: date | None = None
    end: date | None = None
    source: str = ""

    @field_validator("sector")
    @classmethod
    def _sector(cls, v: str | None) -> str | None:
        if v is not None and v not in SECTORS:
            raise ValueError(f"unknown sector {v!r}")
        return v

    @field_validator("aliases", mode="before")
    @classmethod
    def _plain_aliases(cls, v: Any) -> Any:
        """A user may write aliases as plain strings: ``aliases: [NVC, North Valley Co-op]``."""
        if isinstance(v, list):
            return [{"text": a} if isinstance(a, str) else a for a in v]
        return v

    def names(self) -> Iterator[Alias]:
        yield Alias(text=self.name, form="name")
        yield from self.aliases

    def office_at(self, when: date | None) -> Office | None:
        """The office held on ``when`` (the latest-starting if several), else None."""
        if not self.offices:
            return None
        if when is None:
            current = [o for o in self.offices if o.end is None]
            return max(current or self.offices, key=lambda o: o.start or date.min)
        held = [o for o in self.offices if o.active(when)]
        return max(held, key=lambda o: o.start or date.min) if held else None


@dataclass
class KnowledgeBase:
    """Entries by id, layered: a later layer's entry replaces an earlier one with the same id."""

    entries: dict[str, Entry] = field(default_factory=dict)
    layers: list[str] = field(default_factory=list)

    def add(self, entry: Entry) -> None:
        self.entries[entry.id] = entry

    def extend(self, entries: Iterable[Entry], layer: str) -> None:
        for entry in entries:
            self.add(entry)
        self.layers.append(layer)

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, entry_id: str) -> Entry | None:
        return self.entries.get(entry_id)

    def by_kind(self, kind: str) -> list[Entry]:
        return [e for e in self.entries.values() if e.kind == kind]


# --- the bundled CSV base -------------------------------------------------------------------


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.casefold()).strip("_")


def _rows(path: Path, header: list[str]) -> Iterator[tuple[int, dict[str, str]]]:
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames != header:
            raise KBError(f"{path}:1: header must be {','.join(header)}")
        for row in reader:
            yield reader.line_num, {k: (v or "").strip() for k, v in row.items() if k}


COUNTRY_HEADER = [
    "iso3",
    "name",
    "kind",
    "short_names",
    "adjectives",
    "demonyms",
    "capital",
    "gov_metonyms",
    "parent",
]
PEOPLE_HEADER = ["name", "aliases", "country", "org", "role", "sector", "start", "end"]
ORG_HEADER = ["id", "name", "aliases", "kind", "code", "country", "sector", "start", "end"]
ROLE_HEADER = ["term", "sector", "kind"]
TITLE_HEADER = ["title", "sector"]


# Kinds of row in countries.csv. An "area" has no ISO 3166-1 code of its own (the code column
# holds ours, e.g. PSG for the Gaza Strip): its country is the ISO country it is filed under.
COUNTRY_KINDS = frozenset(["country", "territory", "area"])


def _countries(path: Path) -> Iterator[Entry]:
    for line, r in _rows(path, COUNTRY_HEADER):
        if r["kind"] not in COUNTRY_KINDS:
            raise KBError(f"{path}:{line}: kind must be one of {', '.join(sorted(COUNTRY_KINDS))}")
        if r["kind"] == "area" and not r["parent"]:
            raise KBError(
                f"{path}:{line}: an area needs the ISO country it is filed under (parent)"
            )
        aliases = [Alias(text=t, form="name") for t in _split(r["short_names"])]
        aliases += [Alias(text=t, form="adjective") for t in _split(r["adjectives"])]
        aliases += [Alias(text=t, form="demonym") for t in _split(r["demonyms"])]
        aliases += [Alias(text=t, form="capital") for t in _split(r["capital"])]
        aliases += [Alias(text=t, form="metonym") for t in _split(r["gov_metonyms"])]
        yield _entry(
            path,
            line,
            id=f"country:{r['iso3']}",
            name=r["name"],
            kind="country",
            aliases=aliases,
            code=r["iso3"],
            country=r["parent"] if r["kind"] == "area" else r["iso3"],
        )


def _people(path: Path) -> Iterator[Entry]:
    """People files hold one row per office; rows of one name make one entry."""
    merged: dict[str, Entry] = {}
    for line, r in _rows(path, PEOPLE_HEADER):
        pid = f"person:{_slug(r['name'])}"
        try:
            office = Office(
                role=r["role"],
                sector=r["sector"],
                country=r["country"] or None,
                org=r["org"] or None,
                start=parse_date(r["start"]),
                end=parse_date(r["end"], end=True),
            )
        except (ValidationError, ValueError) as exc:
            raise KBError(f"{path}:{line}: {_first_error(exc)}") from exc
        entry = merged.get(pid) or _entry(path, line, id=pid, name=r["name"], kind="person")
        known = {a.text for a in entry.aliases}
        entry.aliases += [Alias(text=t) for t in _split(r["aliases"]) if t not in known]
        entry.offices.append(office)
        merged[pid] = entry
    yield from merged.values()


def _orgs(path: Path) -> Iterator[Entry]:
    for line, r in _rows(path, ORG_HEADER):
        try:
            start, end = parse_date(r["start"]), parse_date(r["end"], end=True)
        except ValueError as exc:
            raise KBError(f"{path}:{line}: {exc}") from exc
        yield _entry(
            path,
            line,
            id=f"org:{r['id']}",
            name=r["name"],
            kind=r["kind"],
            aliases=[Alias(text=t) for t in _split(r["aliases"])],
            code=r["code"] or None,
            country=r["country"] or None,
            sector=r["sector"] or None,
            start=start,
            end=end,
        )


def _roles(path: Path) -> Iterator[Entry]:
    for line, r in _rows(path, ROLE_HEADER):
        yield _entry(
            path,
            line,
            id=f"role:{_slug(r['term'])}",
            name=r["term"],
            kind="role",
            aliases=[],
            sector=r["sector"] or None,
        )


def _entry(path: Path, line: int, **fields: Any) -> Entry:
    try:
        return Entry(source=f"{path.name}:{line}", **fields)
    except ValidationError as exc:
        raise KBError(f"{path}:{line}: {_first_error(exc)}") from exc


def _first_error(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        return f"{where}: {err['msg']}" if where else str(err["msg"])
    return str(exc)


def load_titles(path: Path) -> dict[str, str | None]:
    """Titles before a person's name ("Foreign Minister", "Gen.") and the sector they imply."""
    return {r["title"]: (r["sector"] or None) for _line, r in _rows(path, TITLE_HEADER)}


def data_dir() -> Path:
    return Path(str(resources.files("newsgraph").joinpath("data/actors")))


def load_bundled(root: Path | None = None) -> KnowledgeBase:
    """The base this project ships: every CSV under ``data/actors``."""
    root = root or data_dir()
    kb = KnowledgeBase()
    kb.extend(_countries(root / "countries.csv"), "countries.csv")
    for path in sorted((root / "orgs").glob("*.csv")):
        kb.extend(_orgs(path), f"orgs/{path.name}")
    for path in sorted((root / "people").glob("*.csv")):
        for entry in _people(path):
            old = kb.get(entry.id)
            if old is not None:  # the same person in two regional files: one entry
                entry.offices = [*old.offices, *entry.offices]
                known = {a.text for a in old.aliases}
                entry.aliases = [*old.aliases, *(a for a in entry.aliases if a.text not in known)]
            kb.add(entry)
        kb.layers.append(f"people/{path.name}")
    kb.extend(_roles(root / "roles.csv"), "roles.csv")
    return kb


# --- user layers (YAML) ---------------------------------------------------------------------


class _UserFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    actors: list[Entry]


def load_user_layer(path: Path) -> list[Entry]:
    """Entries of a user's YAML file; KBError names the file and the line of the bad entry."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise KBError(f"{path}: cannot read ({exc})") from exc
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser: big layers load fast
    try:
        data = yaml.load(text, Loader=loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f":{mark.line + 1}" if mark else ""
        raise KBError(f"{path}{at}: not valid YAML ({getattr(exc, 'problem', exc)})") from exc
    if not isinstance(data, dict) or "actors" not in data:
        raise KBError(f"{path}:1: expected a mapping with an 'actors' list")
    try:
        parsed = _UserFile.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = err["loc"]
        line = _yaml_line(yaml.compose(text, Loader=loader), loc)  # nodes know their lines
        where = ".".join(str(p) for p in loc)
        raise KBError(f"{path}:{line}: {where}: {err['msg']}") from exc
    for entry in parsed.actors:
        entry.source = entry.source or str(path.name)
    return parsed.actors


def _yaml_line(node: Any, loc: tuple[Any, ...]) -> int:
    """The 1-based line of the YAML node at ``loc`` (as deep as it can be followed)."""
    line = 1
    for key in loc:
        if node is None:
            break
        line = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == key), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        else:
            break
    if node is not None:
        line = node.start_mark.line + 1
    return line


def write_user_layer(entries: Iterable[Entry], path: Path) -> int:
    """Write ``entries`` as a user YAML layer; returns how many."""
    items = [e.model_dump(mode="json", exclude_defaults=True) for e in entries]
    for item in items:
        item.pop("source", None)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # the C emitter: big layers write fast
    text = yaml.dump({"actors": items}, Dumper=dumper, allow_unicode=True, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    return len(items)


@lru_cache(maxsize=8)
def load(user_layers: tuple[str, ...] = ()) -> KnowledgeBase:
    """The bundled base with the user's YAML layers over it, in order (cached per layer list)."""
    kb = load_bundled()
    for layer in user_layers:
        kb.extend(load_user_layer(Path(layer)), layer)
    return kb

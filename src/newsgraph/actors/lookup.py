"""Looking names up in the knowledge base, as `newsgraph actors lookup` and `stats` show them."""

from __future__ import annotations

from collections import Counter
from datetime import date

from newsgraph.actors.codes import code_entry
from newsgraph.actors.index import ActorIndex
from newsgraph.actors.kb import Entry
from newsgraph.actors.matcher import norm, tokenize

MAX_RESULTS = 10


def lookup(index: ActorIndex, name: str) -> list[Entry]:
    """Entries whose name or alias is ``name`` (any case), else whose name contains it."""
    toks, starts, ends = tokenize(name)
    exact: list[Entry] = []
    for m in index.trie.find(toks, starts, ends):
        if m.first == 0 and m.last == len(toks):
            for t in m.targets:
                entry = index.kb.get(t.entry)
                if entry is not None and entry not in exact and t.form != "surname":
                    exact.append(entry)
    if exact:
        return exact[:MAX_RESULTS]
    wanted = " ".join(norm(t) for t in toks)
    if not wanted:
        return []
    return [
        e
        for e in index.kb.entries.values()
        if wanted in " ".join(norm(t) for t in tokenize(e.name)[0])
    ][:MAX_RESULTS]


def describe(index: ActorIndex, entry: Entry, when: date) -> str:
    """A few lines on one entry: code as of ``when``, the office held, names, where it is from."""
    coded = code_entry(entry, "name", when, index)
    lines = [
        f"{entry.name}  [{entry.id}]",
        f"  kind {entry.kind}, code {coded.code or '-'} on {when.isoformat()}"
        + (f", country {coded.country}" if coded.country else "")
        + (f", sector {coded.sector}" if coded.sector else ""),
    ]
    office = entry.office_at(when)
    if office is not None:
        since = office.start.isoformat() if office.start else "?"
        until = office.end.isoformat() if office.end else "now"
        lines.append(f"  {office.role} ({office.country or office.org}), {since} to {until}")
    elif entry.offices:
        lines.append(f"  no office on that date; {len(entry.offices)} office(s) on record")
    names = [a.text for a in entry.aliases][:8]
    if names:
        lines.append("  also: " + ", ".join(names))
    if entry.source:
        lines.append(f"  from {entry.source}")
    return "\n".join(lines)


def stats(index: ActorIndex) -> list[str]:
    kb = index.kb
    kinds = Counter(e.kind for e in kb.entries.values())
    territories = sum(1 for e in kb.entries.values() if e.kind == "country")
    offices = sum(len(e.offices) for e in kb.entries.values())
    orgs = kinds.get("organization", 0) + kinds.get("group", 0)
    lines = [
        f"{len(kb):,} entries, {index.trie.size:,} names",
        f"  countries and territories  {territories:>6,}",
        f"  people                     {kinds.get('person', 0):>6,}  ({offices:,} offices)",
        f"  organisations and groups   {orgs:>6,}  (groups {kinds.get('group', 0):,})",
        f"  role nouns                 {kinds.get('role', 0):>6,}",
        f"  titles                     {len(index.titles):>6,}",
        "layers: " + ", ".join(kb.layers),
    ]
    return lines

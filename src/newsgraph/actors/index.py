"""The matcher's view of the knowledge base, built once: every name, title and surname in a trie."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from newsgraph.actors.kb import Entry, KnowledgeBase, data_dir, load, load_titles
from newsgraph.actors.matcher import TOKEN, Trie, norm


@dataclass(frozen=True)
class Lexicon:
    """Coreference words and name-shape words (``data/actors/coreference.yaml``)."""

    pronouns: frozenset[str]
    person_nouns: frozenset[str]
    group_nouns: frozenset[str]
    country_nouns: frozenset[str]
    not_names: frozenset[str]
    joiners: frozenset[str]
    locatives: frozenset[str]
    not_actor_heads: frozenset[str] = frozenset()
    place_words: frozenset[str] = frozenset()
    attributive_nouns: frozenset[str] = frozenset()
    foreign_roles: frozenset[str] = frozenset()
    rank_words: frozenset[str] = frozenset()


def load_lexicon(path: Path | None = None) -> Lexicon:
    raw: dict[str, Any] = yaml.safe_load(
        (
            path or Path(str(resources.files("newsgraph").joinpath("data/actors/coreference.yaml")))
        ).read_text(encoding="utf-8")
    )
    desc = raw["descriptions"]
    return Lexicon(
        pronouns=frozenset(raw["pronouns"]),
        person_nouns=frozenset(desc["person"]),
        group_nouns=frozenset(desc["group"]),
        country_nouns=frozenset(desc["country"]),
        not_names=frozenset(str(w) for w in raw["not_names"]),
        joiners=frozenset(str(w) for w in raw["name_joiners"]),
        locatives=frozenset(raw["locatives"]),
        not_actor_heads=frozenset(str(w) for w in raw.get("not_actor_heads", [])),
        place_words=frozenset(str(w) for w in raw.get("place_words", [])),
        attributive_nouns=frozenset(str(w) for w in raw.get("attributive_nouns", [])),
        foreign_roles=frozenset(str(w) for w in raw.get("foreign_roles", [])),
        rank_words=frozenset(str(w).lower() for w in raw.get("rank_words", [])),
    )


@dataclass
class ActorIndex:
    """The knowledge base with the trie over its names, titles and person surnames."""

    kb: KnowledgeBase
    trie: Trie
    titles: dict[str, str | None]
    lexicon: Lexicon
    surnames: dict[str, list[str]] = field(default_factory=dict)

    def entry(self, entry_id: str) -> Entry:
        return self.kb.entries[entry_id]


_PARTICLES = frozenset((
    "de", "da", "do", "dos", "das", "del", "della", "di", "du", "le", "la", "van", "von", "der",
    "den", "ter", "ten", "al", "el", "bin", "ibn", "abu",
))  # fmt: skip
_ROMAN = frozenset((
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV",
))  # fmt: skip


def surname(name: str) -> str | None:
    """The surname of a full name, particles included: "Josep Borrell" -> "Borrell",
    "Ursula von der Leyen" -> "von der Leyen"; None for single names and regnal numbers."""
    words = [w for w in name.split() if not w.endswith(".") and w not in _ROMAN]
    if len(words) < 2:
        return None
    k = len(words) - 1
    while k > 1 and words[k - 1].lower() in _PARTICLES:
        k -= 1
    last = " ".join(words[k:])
    core = re.split(r"[-'’]", words[-1])[-1]  # "al-Baghdadi" is capitalised where it counts
    return last if len(core) > 2 and core[:1].isupper() else None


def build_index(kb: KnowledgeBase, titles: dict[str, str | None], lexicon: Lexicon) -> ActorIndex:
    trie = Trie()
    surnames: dict[str, list[str]] = {}
    # A surname that is also a role or title word ("Major", "Bishop") is not matched alone.
    common = {norm_phrase(e.name) for e in kb.entries.values() if e.kind == "role"}
    common |= {norm_phrase(t) for t in titles}
    for entry in kb.entries.values():
        if entry.kind == "role":
            for alias in entry.names():  # plurals and variants of the role noun
                trie.add(alias.text, entry.id, "role")
            continue
        for alias in entry.names():
            trie.add(alias.text, entry.id, alias.form)
        if entry.kind == "person":
            for alias in entry.names():
                last = surname(alias.text)
                if last and last not in lexicon.not_names and norm(last) not in common:
                    ids = surnames.setdefault(norm_phrase(last), [])
                    if entry.id not in ids:
                        ids.append(entry.id)
                    trie.add(last, entry.id, "surname")
    for title in titles:
        # Titles are capitalised before a name and lower case in descriptions ("the president").
        for form in {title, title.lower()}:
            trie.add(form, f"title:{title}", "title")
    return ActorIndex(
        kb=kb,
        trie=trie,
        titles={norm_phrase(t): s for t, s in titles.items()},
        lexicon=lexicon,
        surnames=surnames,
    )


def norm_phrase(text: str) -> str:
    return " ".join(norm(t) for t in TOKEN.findall(text))


@lru_cache(maxsize=8)
def default_index(user_layers: tuple[str, ...] = ()) -> ActorIndex:
    """The index over the bundled base and the user's layers (built once per layer list)."""
    return build_index(load(user_layers), load_titles(data_dir() / "titles.csv"), load_lexicon())

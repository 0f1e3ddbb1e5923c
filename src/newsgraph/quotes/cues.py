"""The quotes lexicon (``data/quotes/cues.yaml``): reporting verbs with their stance and frames,
prepositional cues, cue phrases and speaker words; validated on load and compiled once.

A verb entry names its lemma; this module makes its regular forms (-s, -ed, -ing) and adds the
irregular ones the file lists, so that one lookup by a token's lower-case form finds the entry.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, StrictStr, ValidationError, model_validator

Stance = Literal[
    "neutral",
    "assertive",
    "hedged",
    "negative",
    "positive",
    "commitment",
    "directive",
    "concessive",
    "question",
]
Form = Literal["base", "s", "ed", "ing"]


class CueError(Exception):
    """A lexicon file that cannot be used; ``str()`` names the file, the entry and the problem."""


class VerbEntry(BaseModel):
    """One reporting verb: its lemma, stance and the frames it takes."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    lemma: StrictStr = Field(min_length=2, pattern=r"^[a-z][a-z-]*$")
    stance: Stance
    that: bool = False
    bare: bool = True
    object: bool = False
    content: tuple[StrictStr, ...] = ()
    particle: StrictStr | None = None
    forms: tuple[StrictStr, ...] = ()
    subject: Literal["any", "document"] = "any"
    quoted: bool = False

    @model_validator(mode="before")
    @classmethod
    def _yaml_on(cls, data: Any) -> Any:
        """YAML reads a bare ``on`` as true: as a particle or content word it is the word."""
        if isinstance(data, dict):
            data = dict(data)
            if data.get("particle") is True:
                data["particle"] = "on"
            if isinstance(data.get("content"), list):
                data["content"] = ["on" if w is True else w for w in data["content"]]
        return data


class CueFile(BaseModel):
    """The whole lexicon file."""

    model_config = ConfigDict(extra="forbid")
    verbs: list[VerbEntry] = Field(min_length=1)
    prepositions: list[StrictStr]
    cue_phrases: list[StrictStr]
    speech_nouns: list[StrictStr]
    speaker_heads: list[StrictStr]
    speaks_for: list[StrictStr]
    document_nouns: list[StrictStr]
    verb_fillers: list[StrictStr]
    not_adverbs: list[StrictStr]
    noun_forms: list[StrictStr]
    clause_words: list[StrictStr]
    noun_markers: list[StrictStr]
    adjunct_preps: list[StrictStr]
    time_words: list[StrictStr]
    label_words: list[StrictStr]


@dataclass(frozen=True, slots=True)
class VerbForm:
    """One written form of a reporting verb, and the entry it belongs to."""

    entry: VerbEntry
    form: Form


_VOWELS = frozenset("aeiou")


def inflect(lemma: str) -> dict[Form, str]:
    """Regular English forms of a verb: "warn" -> warns / warned / warning; irregular forms
    ("said") come from the file."""
    w = lemma
    cvc = (
        len(w) <= 4
        and len(w) >= 3
        and w[-1] not in _VOWELS | set("wxy")
        and w[-2] in _VOWELS
        and w[-3] not in _VOWELS
    )
    if w.endswith(("ee", "ye", "oe")):
        ed, ing = w + "d", w + "ing"  # "agreed", "agreeing"
    elif w.endswith("e"):
        ed, ing = w + "d", w[:-1] + "ing"
    elif w.endswith("y") and len(w) > 1 and w[-2] not in _VOWELS:
        ed, ing = w[:-1] + "ied", w + "ing"
    elif cvc:
        ed, ing = w + w[-1] + "ed", w + w[-1] + "ing"
    else:
        ed, ing = w + "ed", w + "ing"
    if w.endswith(("s", "sh", "ch", "x", "z", "o")):
        s = w + "es"
    elif w.endswith("y") and len(w) > 1 and w[-2] not in _VOWELS:
        s = w[:-1] + "ies"
    else:
        s = w + "s"
    return {"base": w, "s": s, "ed": ed, "ing": ing}


def _phrase(text: str) -> tuple[str, ...]:
    return tuple(text.lower().split())


@dataclass
class PhraseTrie:
    """Phrases as a trie over lower-case tokens: the longest match at a token, in one walk."""

    children: dict[str, PhraseTrie] = field(default_factory=dict)
    end: bool = False

    @classmethod
    def of(cls, phrases: list[str]) -> PhraseTrie:
        root = cls()
        for p in phrases:
            node = root
            for w in _phrase(p):
                node = node.children.setdefault(w, cls())
            node.end = node is not root
        return root

    def __contains__(self, word: str) -> bool:
        return word in self.children

    def longest(self, low: Sequence[str], k: int, hi: int) -> int:
        """Length in tokens of the longest phrase at ``low[k:hi]`` (0 if none)."""
        node: PhraseTrie | None = self
        n = best = 0
        while node is not None and k + n < hi:
            node = node.children.get(low[k + n])
            if node is None:
                break
            n += 1
            if node.end:
                best = n
        return best

    def spans(self, low: Sequence[str], k: int, hi: int) -> bool:
        """Is ``low[k:hi]`` exactly one phrase?"""
        node: PhraseTrie | None = self
        for j in range(k, hi):
            node = node.children.get(low[j]) if node is not None else None
            if node is None:
                return False
        return node is not None and node.end


@dataclass(frozen=True)
class Lexicon:
    """The compiled lexicon: lookups by lower-case token."""

    verbs: dict[str, tuple[VerbForm, ...]]
    prepositions: PhraseTrie
    cue_phrases: PhraseTrie
    speech_nouns: frozenset[str]
    speaker_heads: frozenset[str]
    speaks_for: frozenset[str]
    document_nouns: frozenset[str]
    verb_fillers: frozenset[str]
    not_adverbs: frozenset[str]
    noun_forms: frozenset[str]
    clause_words: frozenset[str]
    noun_markers: frozenset[str]
    adjunct_preps: frozenset[str]
    time_words: frozenset[str]
    label_words: frozenset[str]
    # Words that make a sentence worth reading: every verb form, and the longest word of each
    # prepositional cue ("according", "words"); a verb with a particle counts through its phrase
    # ("rules out") in sentence_phrases.
    sentence_words: frozenset[str]
    sentence_phrases: re.Pattern[str] | None
    first_words: frozenset[str]  # words a cue may start with

    def is_adverb(self, low: str) -> bool:
        """A filler word or a lower-case -ly adverb ("publicly", "later")."""
        if low in self.verb_fillers:
            return True
        return len(low) > 4 and low.endswith("ly") and low.isalpha() and low not in self.not_adverbs


def _low(words: list[str]) -> frozenset[str]:
    return frozenset(w.lower() for w in words)


def compile_lexicon(spec: CueFile) -> Lexicon:
    """Index every form of every verb by its written form."""
    verbs: dict[str, list[VerbForm]] = {}
    for entry in spec.verbs:
        forms: list[tuple[Form, str]] = list(inflect(entry.lemma).items())
        forms += [("ing" if f.endswith("ing") else "ed", f.lower()) for f in entry.forms]
        for form, word in forms:
            bucket = verbs.setdefault(word, [])
            if all(v.entry is not entry for v in bucket):
                bucket.append(VerbForm(entry, form))
    longest = {max(_phrase(p), key=len) for p in spec.prepositions if p.strip()}
    plain = {w for w, forms in verbs.items() if any(not f.entry.particle for f in forms)}
    nouns = _low(spec.noun_forms)
    phrases = sorted(
        {f"{w} {f.entry.particle}" for w, forms in verbs.items() for f in forms if f.entry.particle}
    )
    return Lexicon(
        verbs={k: tuple(v) for k, v in verbs.items()},
        prepositions=PhraseTrie.of(spec.prepositions),
        cue_phrases=PhraseTrie.of(spec.cue_phrases),
        speech_nouns=_low(spec.speech_nouns),
        speaker_heads=_low(spec.speaker_heads),
        speaks_for=_low(spec.speaks_for),
        document_nouns=_low(spec.document_nouns),
        verb_fillers=_low(spec.verb_fillers),
        not_adverbs=_low(spec.not_adverbs),
        noun_forms=nouns,
        clause_words=_low(spec.clause_words),
        noun_markers=_low(spec.noun_markers),
        adjunct_preps=_low(spec.adjunct_preps),
        time_words=_low(spec.time_words),
        label_words=_low(spec.label_words),
        sentence_words=frozenset(plain) | longest,
        sentence_phrases=re.compile("|".join(map(re.escape, phrases))) if phrases else None,
        first_words=frozenset(verbs) | frozenset(PhraseTrie.of(spec.prepositions).children),
    )


def default_path() -> Path:
    return Path(str(resources.files("newsgraph").joinpath("data/quotes/cues.yaml")))


def _where(spec: Any, loc: tuple[int | str, ...]) -> str:
    """ "verbs.12 (lemma 'say')": the failing entry, named by its lemma when it has one."""
    where = ".".join(str(p) for p in loc)
    if len(loc) >= 2 and loc[0] == "verbs" and isinstance(loc[1], int):
        try:
            lemma = spec["verbs"][loc[1]].get("lemma")
        except (KeyError, IndexError, TypeError, AttributeError):
            lemma = None
        if lemma is not None:
            where += f" (lemma {lemma!r})"
    return where


def load_lexicon(path: Path | None = None) -> Lexicon:
    """Read, validate and compile a lexicon file; :class:`CueError` names the bad entry."""
    path = path or default_path()
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise CueError(f"{path}: cannot read ({exc})") from exc
    try:
        spec = CueFile.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        got = err.get("input")
        shown = f" (got {got!r})" if not isinstance(got, dict | list) else ""
        raise CueError(f"{path}: {_where(raw, tuple(err['loc']))}: {err['msg']}{shown}") from exc
    seen: set[tuple[str, str | None, str]] = set()
    for k, entry in enumerate(spec.verbs):
        key = (entry.lemma, entry.particle, entry.subject)
        if key in seen:
            raise CueError(f"{path}: verbs.{k} (lemma {entry.lemma!r}): duplicate entry")
        seen.add(key)
    return compile_lexicon(spec)


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The bundled lexicon, loaded once."""
    return load_lexicon()

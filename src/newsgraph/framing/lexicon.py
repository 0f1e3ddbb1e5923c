"""Framing lexicons: YAML files under ``data/framing``, validated on load, in one token trie.

A file holds ``groups`` (words sharing a category, sub-category and note) and single
``entries``. Verbs are inflected (-s, -ed, -ing), nouns pluralised, adjectives also match their
-ly adverb ("brutal" -> "brutally", "angry" -> "angrily"); ``words`` match as written.
Users layer their own files over the bundled ones, or replace them; a layer may also ``remove``
bundled words. When two files give the same form the later file's entry is tried first.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from newsgraph.actors.matcher import TOKEN, norm

CATEGORIES = (
    "label",
    "loaded",
    "intensifier",
    "emotive",
    "hedge",
    "distancing",
    "presupposition",
    "intent",
)
Category = Literal[
    "label", "loaded", "intensifier", "emotive", "hedge", "distancing", "presupposition", "intent"
]
# "speech": only where the word reports speech ("claimed that"); "not-speech": the reverse
# ("the alleged attack", not "police alleged that"); "attributive": only right after a
# determiner or possessive, where an adjective judges the noun it stands before ("the failed
# policy", not "the talks failed").
When = Literal["speech", "not-speech", "attributive"]
WILDCARD = "*"
# A noun phrase ending in one of these pluralises the word before it ("butchers of").
_TAIL_WORDS = frozenset(["of", "on", "for", "against", "in", "to", "at"])
_VOWELS = frozenset("aeiou")


class LexiconError(Exception):
    """A lexicon file that cannot be used; ``str()`` names the file, the entry and the problem."""


def _words_from_yaml(v: Any) -> Any:
    """YAML reads a bare ``yes``/``no``/``on``/``off`` as a boolean: in a word list it is a word."""
    if isinstance(v, list):
        return [("on" if w else "off") if isinstance(w, bool) else w for w in v]
    return v


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid")
    category: Category
    sub: str | None = None
    note: str | None = None
    when: When | None = None
    case: Literal["any", "lower"] = "any"
    unless: list[str] = Field(default_factory=list)

    @field_validator("unless", mode="before")
    @classmethod
    def _yaml_unless(cls, v: Any) -> Any:
        return _words_from_yaml(v)


class Group(_Spec):
    """Words sharing a category: ``verbs`` are inflected, ``nouns`` pluralised, ``adjectives``
    get their -ly adverb, ``words`` match as written."""

    verbs: list[str] = Field(default_factory=list)
    nouns: list[str] = Field(default_factory=list)
    adjectives: list[str] = Field(default_factory=list)
    words: list[str] = Field(default_factory=list)

    @field_validator("verbs", "nouns", "adjectives", "words", mode="before")
    @classmethod
    def _yaml_words(cls, v: Any) -> Any:
        return _words_from_yaml(v)


class Entry(_Spec):
    """One word or phrase with its own category and note."""

    term: str
    inflect: Literal["verb", "noun", "adjective", "none"] = "none"


class LexiconFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: Literal[1] = 1
    description: str = ""
    groups: list[Group] = Field(default_factory=list)
    entries: list[Entry] = Field(default_factory=list)
    remove: list[str] = Field(default_factory=list)


Context = tuple[tuple[str, ...], tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class Term:
    """One lexicon word as the matcher uses it (shared by all of the word's forms)."""

    lemma: str
    category: str
    sub: str | None
    note: str | None
    when: str | None
    lower_only: bool
    proper: bool  # written with a capital ("Great Satan"): matched inside capitalised runs too
    unless: tuple[Context, ...]
    source: str


def tokens(phrase: str) -> tuple[str, ...]:
    """Normalised tokens of a phrase, split the way article text is split."""
    return tuple(norm(t) for t in TOKEN.findall(phrase))


def _inflect(word: str) -> list[str]:
    if word.endswith("e") and not word.endswith("ee"):
        ed, ing = word + "d", word[:-1] + "ing"
    elif word.endswith("y") and len(word) > 1 and word[-2] not in _VOWELS:
        ed, ing = word[:-1] + "ied", word + "ing"
    elif (
        3 <= len(word) <= 4
        and word[-1] not in _VOWELS | set("wxy")
        and word[-2] in _VOWELS
        and word[-3] not in _VOWELS
    ):
        ed, ing = word + word[-1] + "ed", word + word[-1] + "ing"  # "slam" -> "slammed"
    else:
        ed, ing = word + "ed", word + "ing"
    return [word, _plural(word), ed, ing]


def _plural(word: str) -> str:
    if word.endswith(("s", "sh", "ch", "x", "z")):
        return word + "es"
    if word.endswith("y") and len(word) > 1 and word[-2] not in _VOWELS:
        return word[:-1] + "ies"
    if word.endswith("o") and len(word) > 1 and word[-2] not in _VOWELS:
        return word + "es"  # "hero" -> "heroes"
    return word + "s"


def verb_forms(spec: str) -> list[str]:
    """ "lash out" -> lash out / lashes out / lashed out / lashing out; forms after bars
    ("admit|admitted|admitting") are added as written."""
    parts = [p.strip() for p in spec.split("|") if p.strip()]
    if not parts:
        return []
    first, *rest = parts[0].split()
    return [" ".join([f, *rest]) for f in _inflect(first)] + parts[1:]


def noun_forms(spec: str) -> list[str]:
    """A noun phrase and its plural ("terror group" -> "terror groups", "butcher of" ->
    "butchers of"); forms after bars are added as written."""
    parts = [p.strip() for p in spec.split("|") if p.strip()]
    if not parts:
        return []
    words = parts[0].split()
    k = len(words) - 1
    while k > 0 and words[k].lower() in _TAIL_WORDS:
        k -= 1
    plural = [*words[:k], _plural(words[k]), *words[k + 1 :]]
    return [parts[0], " ".join(plural), *parts[1:]]


def _adverb(word: str) -> str | None:
    """The -ly adverb of a one-word adjective, or None (a phrase, or already ending in -ly)."""
    w = word.lower()
    if " " in word or len(w) < 3 or (w.endswith("ly") and len(w) > 3):
        return None
    if w.endswith("y") and w[-2] not in _VOWELS and len(w) > 3:
        return word[:-1] + "ily"  # "angry" -> "angrily" ("sly" -> "slyly" below)
    if w.endswith("le") and w[-3] not in _VOWELS:
        return word[:-1] + "y"  # "terrible" -> "terribly", "gentle" -> "gently"
    if w.endswith("ue") and not w.endswith("que"):
        return word[:-1] + "ly"  # "true" -> "truly", not "grotesque"
    if w.endswith("ey") and len(w) > 4:
        return word[:-2] + "ily"  # "cagey" -> "cagily", "phoney" -> "phonily"
    if w.endswith("ic"):
        return word + "ally"  # "frantic" -> "frantically"
    if w.endswith("ll"):
        return word + "y"  # "full" -> "fully", "shrill" -> "shrilly"
    return word + "ly"  # "brutal" -> "brutally", "shameful" -> "shamefully"


def adjective_forms(spec: str) -> list[str]:
    """ "brutal" -> brutal / brutally; forms after bars ("whole|wholly") are written out in
    place of the generated adverb. A phrase or an adjective in -ly gets no generated adverb."""
    parts = [p.strip() for p in spec.split("|") if p.strip()]
    if not parts:
        return []
    if len(parts) > 1:
        return parts
    adverb = _adverb(parts[0])
    return [parts[0], *([adverb] if adverb else [])]


def _context(exception: tuple[str, ...], forms: Sequence[tuple[str, ...]]) -> Context | None:
    """Split an exception phrase around the first form of the word it holds."""
    for form in forms:
        n = len(form)
        for k in range(len(exception) - n + 1):
            if exception[k : k + n] == form:
                return exception[:k], exception[k + n :]
    return None


@dataclass
class _Node:
    children: dict[str, _Node] = field(default_factory=dict)
    terms: list[Term] = field(default_factory=list)


class Lexicon:
    """Every form of every word in a token trie; ``candidates`` gives the matches at a token."""

    def __init__(self) -> None:
        self._forms: dict[tuple[str, ...], list[Term]] = {}
        self._root: _Node | None = None
        self.sources: list[str] = []

    def add(self, form: tuple[str, ...], term: Term) -> None:
        """Add a form; it replaces an earlier word of the same category, else goes first."""
        if not form:
            return
        kept = [t for t in self._forms.get(form, []) if t.category != term.category]
        self._forms[form] = [term, *kept]
        self._root = None

    def remove(self, phrase: str) -> int:
        """Drop every word whose lemma or one of whose forms is ``phrase``; how many forms went."""
        key = tokens(phrase)
        lemmas = {tokens(t.lemma) for t in self._forms.get(key, [])} | {key}
        gone = 0
        for form in list(self._forms):
            kept = [t for t in self._forms[form] if tokens(t.lemma) not in lemmas]
            gone += len(self._forms[form]) - len(kept)
            if kept:
                self._forms[form] = kept
            else:
                del self._forms[form]
        self._root = None
        return gone

    def _trie(self) -> _Node:
        if self._root is None:
            root = _Node()
            for form, terms in self._forms.items():
                node = root
                for tok in form:
                    node = node.children.setdefault(tok, _Node())
                node.terms = terms
            self._root = root
        return self._root

    def candidates(self, keys: Sequence[str], i: int, limit: int) -> list[tuple[int, list[Term]]]:
        """Every form starting at token ``i`` (and ending by ``limit``), longest first."""
        node: _Node | None = self._trie()
        found: list[tuple[int, list[Term]]] = []
        j = i
        while node is not None and j < limit:
            node = node.children.get(keys[j])
            j += 1
            if node is not None and node.terms:
                found.append((j, node.terms))
        found.reverse()
        return found

    def lookup(self, phrase: str) -> list[Term]:
        """The words a phrase is a form of (later layers first)."""
        return list(self._forms.get(tokens(phrase), []))

    def terms(self) -> Iterator[tuple[tuple[str, ...], Term]]:
        for form, terms in self._forms.items():
            for term in terms:
                yield form, term

    def __len__(self) -> int:
        return len(self._forms)


def data_dir() -> Path:
    return Path(str(resources.files("newsgraph").joinpath("data/framing")))


def _label(raw: Any, loc: tuple[int | str, ...]) -> str:
    """ "groups[2] ('slaughter')": where a validation error sits, with the entry's first word."""
    if len(loc) < 2 or not isinstance(loc[1], int):
        return ".".join(str(p) for p in loc)
    where = f"{loc[0]}[{loc[1]}]"
    try:
        item = raw[loc[0]][loc[1]]
    except (KeyError, IndexError, TypeError):
        return where
    if isinstance(item, dict):
        kinds = ("verbs", "nouns", "adjectives", "words")
        first = item.get("term") or next((w[0] for k in kinds if (w := item.get(k)) and w), None)
        if first is not None:
            where += f" ({first!r})"
    rest = ".".join(str(p) for p in loc[2:])
    return f"{where}: {rest}" if rest else where


def read_file(path: Path) -> LexiconFile:
    """One lexicon file, validated; ``LexiconError`` names the file and the entry at fault."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise LexiconError(f"{path}: cannot read ({exc})") from exc
    if not isinstance(raw, dict):
        raise LexiconError(f"{path}: expected a mapping with 'groups' or 'entries'")
    try:
        return LexiconFile.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        raise LexiconError(f"{path}: {_label(raw, tuple(err['loc']))}: {err['msg']}") from exc


def _specs(lf: LexiconFile) -> Iterator[tuple[str, _Spec, list[tuple[str, list[str]]]]]:
    """(where, spec, [(lemma, forms)]) for every group and entry of a file."""
    for k, g in enumerate(lf.groups):
        words = [(v, verb_forms(v)) for v in g.verbs]
        words += [(n, noun_forms(n)) for n in g.nouns]
        words += [(a.split("|")[0].strip(), adjective_forms(a)) for a in g.adjectives]
        words += [(w, [w]) for w in g.words]
        yield f"groups[{k}]", g, words
    for k, e in enumerate(lf.entries):
        if e.inflect == "verb":
            forms = verb_forms(e.term)
        elif e.inflect == "noun":
            forms = noun_forms(e.term)
        elif e.inflect == "adjective":
            forms = adjective_forms(e.term)
        else:
            forms = [e.term]
        yield f"entries[{k}] ({e.term!r})", e, [(e.term.split("|")[0].strip(), forms)]


def add_file(lex: Lexicon, lf: LexiconFile, source: str) -> None:
    """Add a validated file's words to ``lex`` (its ``remove`` list first)."""
    for phrase in lf.remove:
        lex.remove(phrase)
    for where, spec, words in _specs(lf):
        formed = [(lemma, [tokens(f) for f in forms]) for lemma, forms in words]
        contexts: dict[str, list[Context]] = {lemma: [] for lemma, _ in formed}
        for phrase in spec.unless:
            ex = tokens(phrase)
            hit = next(((lem, c) for lem, fs in formed if (c := _context(ex, fs))), None)
            if hit is None:
                raise LexiconError(
                    f"{source}: {where}: exception {phrase!r} holds none of its words"
                )
            contexts[hit[0]].append(hit[1])
        for lemma, forms in formed:
            if not any(forms):
                raise LexiconError(f"{source}: {where}: empty word {lemma!r}")
            term = Term(
                lemma=lemma,
                category=spec.category,
                sub=spec.sub,
                note=spec.note,
                when=spec.when,
                lower_only=spec.case == "lower",
                proper=lemma[:1].isupper(),
                unless=tuple(contexts[lemma]),
                source=source,
            )
            for form in forms:
                lex.add(form, term)
    lex.sources.append(source)


def _layer_files(layer: str) -> list[Path]:
    path = Path(layer)
    if path.is_dir():
        files = sorted([*path.glob("*.yaml"), *path.glob("*.yml")])
        if not files:
            raise LexiconError(f"{path}: no .yaml lexicon files in this folder")
        return files
    if not path.is_file():
        raise LexiconError(f"{path}: no such lexicon file")
    return [path]


@lru_cache(maxsize=8)
def _load(layers: tuple[str, ...], replace: bool) -> Lexicon:
    if replace and not layers:
        raise LexiconError("replacing the bundled lexicons needs at least one file of your own")
    paths = [] if replace else _layer_files(str(data_dir()))
    for layer in layers:
        paths += _layer_files(layer)
    lex = Lexicon()
    for path in paths:
        add_file(lex, read_file(path), str(path))
    return lex


def load_lexicon(layers: Sequence[str | Path] = (), replace: bool = False) -> Lexicon:
    """The bundled lexicons with the user's files (or folders) layered over them in order, or
    only the user's files with ``replace``; built once per argument list (do not mutate it)."""
    return _load(tuple(str(p) for p in layers), replace)


def default_lexicon() -> Lexicon:
    return load_lexicon()

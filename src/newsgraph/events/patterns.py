"""The event ontology and pattern dictionaries: YAML under ``data/events``, validated on load.

A rule names verbal and nominal triggers in their base forms; this module inflects them (verbs:
-s, -ed, -ing and given irregular forms; nouns: plurals) and puts every form in one trigger trie.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from newsgraph.actors.matcher import TOKEN, norm

# Words that may stand inside a multi-word trigger in text: "reiterated HIS support for".
GAP_WORDS = frozenset(["his", "her", "its", "their", "our", "the", "a", "an", "my", "your"])
# Quantifiers and numbers may stand there too, at most two in a row: "withdrew ALL 21 settlers",
# "imposed NEW sanctions", "deployed 300 troops".
QUANTIFIERS = frozenset(
    ["all", "some", "several", "many", "more", "both", "further", "additional", "new", "fresh",
     "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozens", "hundreds",
     "thousands"]
)  # fmt: skip
MAX_GAP = 2


def _gap(tok: str) -> bool:
    return tok in GAP_WORDS or tok in QUANTIFIERS or tok.replace(",", "").isdigit()


class PatternError(Exception):
    """A pattern or ontology file that cannot be used; ``str()`` names the file and the problem."""


class ModeDef(BaseModel):
    model_config = ConfigDict(extra="ignore")
    description: str = ""
    score: float | None = Field(default=None, ge=-10, le=10)
    cameo: str | None = None


class TypeDef(BaseModel):
    model_config = ConfigDict(extra="ignore")
    description: str = ""
    quad: int = Field(ge=0, le=4)
    score: float = Field(ge=-10, le=10)
    cameo: str
    modes: dict[str, ModeDef] = Field(default_factory=dict)


class Ontology(BaseModel):
    model_config = ConfigDict(extra="ignore")
    types: dict[str, TypeDef]
    contexts: dict[str, str] = Field(default_factory=dict)


class Rule(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    verbs: list[str] = Field(default_factory=list)
    nouns: list[str] = Field(default_factory=list)
    preps: list[str] = Field(default_factory=list)
    mode: str | None = None
    cameo: str | None = None
    contexts: list[str] = Field(default_factory=list)
    excludes: list[str] = Field(default_factory=list)
    confidence: float = Field(default=0.8, ge=0, le=1)
    # "Russia said Sudan must return the helicopter": the actor right before the trigger is the
    # one addressed (the recipient), and an earlier actor of the sentence speaks (the actor).
    addressee_before: bool = False
    # A verb that is an event only with one of these objects soon after it ("gave $2 million
    # to", "sent medicine to"); "<money>" stands for a sum of money.
    objects: list[str] = Field(default_factory=list)

    @field_validator("verbs", "nouns", "preps", "excludes", "objects", mode="before")
    @classmethod
    def _yaml_words(cls, v: Any) -> Any:
        """YAML reads a bare ``on`` or ``off`` as a boolean: in a word list it is the word."""
        if isinstance(v, list):
            return [("on" if w else "off") if isinstance(w, bool) else w for w in v]
        return v


class PatternFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: str
    rules: list[Rule]


class Turn(BaseModel):
    """What an event becomes when a reversal verb undoes it ("lifted the curfew")."""

    model_config = ConfigDict(extra="forbid")
    type: str
    mode: str | None = None
    cameo: str | None = None


class ReversalFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    verbs: list[str]
    nouns: list[str] = Field(default_factory=list)
    types: dict[str, Turn]
    rules: dict[str, Turn] = Field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Trigger:
    """One inflected form of a rule's trigger: its tokens, and whether it is a verb or a noun."""

    type: str
    rule: Rule
    pos: str  # "verb" or "noun"
    form: str  # "base", "s", "ed", "ing", "past", "participle", "plural"
    tokens: tuple[str, ...]


_VOWELS = set("aeiou")


def _inflect(word: str) -> dict[str, str]:
    """Regular English verb forms of ``word``."""
    if word.endswith("e") and not word.endswith("ee"):
        ed, ing = word + "d", word[:-1] + "ing"
    elif word.endswith("y") and len(word) > 1 and word[-2] not in _VOWELS:
        ed, ing = word[:-1] + "ied", word + "ing"
    elif (
        len(word) >= 3
        and word[-1] not in _VOWELS | set("wxy")
        and word[-2] in _VOWELS
        and word[-3] not in _VOWELS
        and len(word) <= 4
    ):
        ed, ing = word + word[-1] + "ed", word + word[-1] + "ing"  # "ban" -> "banned"
    else:
        ed, ing = word + "ed", word + "ing"
    if word.endswith(("s", "sh", "ch", "x", "z")):
        s = word + "es"
    elif word.endswith("y") and len(word) > 1 and word[-2] not in _VOWELS:
        s = word[:-1] + "ies"
    else:
        s = word + "s"
    return {"base": word, "s": s, "ed": ed, "ing": ing}


def _plural(word: str) -> str:
    if word.endswith(("s", "sh", "ch", "x", "z")):
        return word + "es"
    if word.endswith("y") and len(word) > 1 and word[-2] not in _VOWELS:
        return word[:-1] + "ies"
    return word + "s"


def verb_forms(spec: str) -> dict[str, str]:
    """ "fire at" -> fire at / fires at / fired at / firing at. Irregular forms of the first word
    follow bars, before or after the rest: "strike|struck|struck", "meet|met|met with" and
    "meet with|met|met" are all understood."""
    parts = [p.strip() for p in spec.lower().split("|")]
    words = parts[0].split()
    first, rest = words[0], words[1:]
    irregular = [p.split()[0] for p in parts[1:] if p]
    if not rest and parts[-1] and len(parts[-1].split()) > 1:
        rest = parts[-1].split()[1:]  # "meet|met|met with"
    forms = _inflect(first)
    if irregular:
        forms["ed"] = irregular[0]
        forms["participle"] = irregular[1] if len(irregular) > 1 else irregular[0]
    tail = " ".join(rest)
    return {k: f"{v} {tail}".strip() for k, v in forms.items()}


def noun_forms(spec: str) -> dict[str, str]:
    words = spec.strip().lower().split()
    return {"base": " ".join(words), "plural": " ".join([*words[:-1], _plural(words[-1])])}


def _tokens(phrase: str) -> tuple[str, ...]:
    return tuple(norm(t) for t in TOKEN.findall(phrase))


@dataclass
class _Node:
    children: dict[str, _Node]
    triggers: list[Trigger]


class Patterns:
    """Every rule's trigger forms in a trie over normalised tokens, and the ontology."""

    def __init__(
        self, ontology: Ontology, files: list[PatternFile], reversals: ReversalFile | None = None
    ) -> None:
        self.ontology = ontology
        self.root = _Node({}, [])
        self.rules: dict[str, tuple[str, Rule]] = {}
        for pf in files:
            for rule in pf.rules:
                self.rules[rule.id] = (pf.type, rule)
                for spec in rule.verbs:
                    for form, text in verb_forms(spec).items():
                        self._add(Trigger(pf.type, rule, "verb", form, _tokens(text)))
                for spec in rule.nouns:
                    for form, text in noun_forms(spec).items():
                        self._add(Trigger(pf.type, rule, "noun", form, _tokens(text)))
        # Each rule's exclusions as sets of token tuples by length, as the text is tokenised.
        self.excludes: dict[str, dict[int, frozenset[tuple[str, ...]]]] = {}
        for rid, (_etype, rule) in self.rules.items():
            by_len: dict[int, set[tuple[str, ...]]] = {}
            for toks in map(_tokens, rule.excludes):
                if toks:
                    by_len.setdefault(len(toks), set()).add(toks)
            self.excludes[rid] = {n: frozenset(v) for n, v in by_len.items()}
        self.objects: dict[str, frozenset[str]] = {
            rid: frozenset(norm(w) for w in rule.objects)
            for rid, (_etype, rule) in self.rules.items()
            if rule.objects
        }
        self.reversal_forms: frozenset[tuple[str, ...]] = frozenset()
        self._turned: dict[str, tuple[str, Rule]] = {}
        if reversals is not None:
            self._load_reversals(reversals)

    def _load_reversals(self, rev: ReversalFile) -> None:
        forms = {_tokens(t) for spec in rev.verbs for t in verb_forms(spec).values()}
        forms |= {_tokens(spec) for spec in rev.nouns}
        self.reversal_forms = frozenset(forms)
        for rule_id, (etype, rule) in self.rules.items():
            turn = rev.rules.get(rule_id) or rev.types.get(etype)
            if turn is not None:
                turned = rule.model_copy(
                    update={"id": f"{rule_id}.reversed", "mode": turn.mode, "cameo": turn.cameo}
                )
                self._turned[rule_id] = (turn.type, turned)

    def reversed(self, trig: Trigger) -> Trigger | None:
        """``trig``'s event undone ("lifted the curfew" is a concession), or None."""
        turned = self._turned.get(trig.rule.id)
        if turned is None:
            return None
        return Trigger(turned[0], turned[1], "verb", "ed", trig.tokens)

    def _add(self, trig: Trigger) -> None:
        node = self.root
        for tok in trig.tokens:
            node = node.children.setdefault(tok, _Node({}, []))
        if all(t.rule.id != trig.rule.id or t.pos != trig.pos for t in node.triggers):
            node.triggers.append(trig)

    def match_at(self, keys: list[str], i: int, limit: int) -> tuple[int, list[Trigger]] | None:
        """The longest trigger starting at token ``i`` (gap words may stand inside it)."""
        node = self.root.children.get(keys[i])
        if node is None:
            return None
        best: tuple[int, list[Trigger]] | None = (i + 1, node.triggers) if node.triggers else None
        j = i + 1
        while j < limit and node.children:
            nxt = node.children.get(keys[j])
            skip = 0
            while nxt is None and skip < MAX_GAP and j + skip < limit and _gap(keys[j + skip]):
                skip += 1
                nxt = node.children.get(keys[j + skip]) if j + skip < limit else None
            if nxt is not None:
                j += skip
            if nxt is None:
                break
            node, j = nxt, j + 1
            if node.triggers:
                best = (j, node.triggers)
        return best


def data_dir() -> Path:
    return Path(str(resources.files("newsgraph").joinpath("data/events")))


def _load_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise PatternError(f"{path}: cannot read ({exc})") from exc


def load_patterns(root: Path | None = None, extra: tuple[str, ...] = ()) -> Patterns:
    """The ontology and every pattern file, plus a user's own pattern files; validated."""
    root = root or data_dir()
    try:
        ontology = Ontology.model_validate(_load_yaml(root / "ontology.yaml"))
    except ValidationError as exc:
        raise PatternError(f"{root / 'ontology.yaml'}: {exc.errors()[0]['msg']}") from exc
    files = []
    for path in [*sorted((root / "patterns").glob("*.yaml")), *map(Path, extra)]:
        try:
            pf = PatternFile.model_validate(_load_yaml(path))
        except ValidationError as exc:
            err = exc.errors()[0]
            where = ".".join(str(p) for p in err["loc"])
            raise PatternError(f"{path}: {where}: {err['msg']}") from exc
        if pf.type not in ontology.types:
            raise PatternError(f"{path}: unknown event type {pf.type!r}")
        for rule in pf.rules:
            if rule.mode and rule.mode not in ontology.types[pf.type].modes:
                raise PatternError(f"{path}: rule {rule.id}: unknown mode {rule.mode!r}")
            if not (rule.verbs or rule.nouns):
                raise PatternError(f"{path}: rule {rule.id}: no verbs or nouns")
        files.append(pf)
    return Patterns(ontology, files, _load_reversals(root / "reversals.yaml", ontology))


def _load_reversals(path: Path, ontology: Ontology) -> ReversalFile | None:
    if not path.exists():
        return None
    try:
        rev = ReversalFile.model_validate(_load_yaml(path))
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        raise PatternError(f"{path}: {where}: {err['msg']}") from exc
    for key, turn in [*rev.types.items(), *rev.rules.items()]:
        tdef = ontology.types.get(turn.type)
        if tdef is None:
            raise PatternError(f"{path}: {key}: unknown event type {turn.type!r}")
        if turn.mode and turn.mode not in tdef.modes:
            raise PatternError(f"{path}: {key}: unknown mode {turn.mode!r} of {turn.type}")
    return rev


@lru_cache(maxsize=4)
def default_patterns(extra: tuple[str, ...] = ()) -> Patterns:
    return load_patterns(extra=extra)


def plain(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()

"""Speakers: the noun phrase that names who speaks, and the actor it refers to.

Phrases are found without a parser, from the cue outwards: back from a cue over a noun phrase
("a senior official of the ministry", "Iran's foreign minister"), past an apposition
("Jones, a spokesman for X, said"), or forward after an inverted cue ("..., said Jones").

A phrase resolves to the actor whose mention it overlaps. A pronoun resolves to the last
suitable speaker (he/she: a person; they/it: a group, organisation or country) within a few
sentences, else to the actor the actor layer gave it, else to the last suitable actor named; a
definite description ("the minister", "the spokesperson") to the last speaker or person; a bare
name the actor layer missed (a surname, a transcript label) to the actor whose name ends with it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from newsgraph.model import Actor, Speaker
from newsgraph.quotes.context import DETERMINERS, PERSON_PRONOUNS, PRONOUNS, Ctx

MAX_NP = 10
APPOSITION_REACH = 30
# Words that may stand inside a speaker's noun phrase between its words ("officials in Kyiv",
# "the ministry's spokesman", "Smith and Jones").
CONNECTORS = frozenset({"of", "for", "at", "from", "in", "and", "&", "'s", "’s", "-", "–"})
RELATIVES = frozenset({"who", "which", "that"})
# How far back (in characters) a pronoun or description may reach for its speaker.
REACH = 1500
GROUP_KINDS = frozenset({"organization", "country", "group", "role"})


def speakerish(ctx: Ctx, first: int, last: int) -> bool:
    """The phrase has something a speaker has: a name, a pronoun, a speaker noun, an actor."""
    lex = ctx.lex
    for k in range(first, last):
        low = ctx.toks.low[k]
        if (
            ctx.owner[k] is not None
            or low in PRONOUNS
            or low in lex.speaker_heads
            or low in lex.document_nouns
            or low in lex.speech_nouns
            or (ctx.cap(k) and low not in lex.clause_words and low not in DETERMINERS)
        ):
            return True
    return False


def _accept_back(ctx: Ctx, j: int) -> bool:
    """May token ``j`` stand inside a noun phrase that goes on at ``j + 1``?"""
    lex, low = ctx.lex, ctx.toks.low[j]
    if ctx.quoted[j] >= 0:
        return False
    if low in CONNECTORS or low in DETERMINERS:
        return True
    if not ctx.word(j) or low in lex.clause_words or low in PRONOUNS:
        return False
    if ctx.cap(j) or ctx.owner[j] is not None or low[:1].isdigit():
        return True
    if low in lex.speaker_heads or low in lex.document_nouns or low in lex.speech_nouns:
        return True
    if low in lex.verbs or lex.is_adverb(low) or low in lex.adjunct_preps:
        return False
    # An unknown lower-case word is a modifier only right before another word of the phrase.
    nxt = ctx.toks.low[j + 1]
    return nxt not in DETERMINERS and nxt not in CONNECTORS and ctx.word(j + 1)


def np_back(ctx: Ctx, b: int, lo: int) -> tuple[int, int] | None:
    """Token range of the noun phrase ending at token ``b`` (not before ``lo``), or None."""
    if b >= lo and ctx.toks.text[b] == ")" and ctx.quoted[b] < 0:
        k = _opening_paren(ctx, b, lo)
        inner = np_back(ctx, k - 1, lo) if k is not None else None
        return (inner[0], b + 1) if inner is not None else None
    if b < lo or ctx.quoted[b] >= 0 or not ctx.word(b):
        return None
    low = ctx.toks.low
    if low[b] in PRONOUNS:
        return (b, b + 1)
    if low[b] in ("both", "all", "each") and b > lo and low[b - 1] in PRONOUNS:
        return (b - 1, b + 1)  # "they both said"
    if low[b] in RELATIVES:  # "the group, which said": the phrase before the relative
        k = b - 1
        if k >= lo and ctx.toks.text[k] == ",":
            k -= 1
        return np_back(ctx, k, lo)
    if low[b] in ctx.lex.clause_words or low[b] in ctx.lex.verbs or low[b] in CONNECTORS:
        return None
    if low[b] in ctx.lex.adjunct_preps or low[b] == "to":
        return None
    first, j = b, b - 1
    while j >= lo and b - j < MAX_NP:
        if ctx.toks.text[j] == ")":  # "Rep. Jane Doe (D-Ohio) said"
            k = _opening_paren(ctx, j, lo)
            if k is None:
                break
            first, j = k, k - 1
            continue
        if not _accept_back(ctx, j):
            break
        first, j = j, j - 1
    while first < b and (_leading_noise(ctx, first) or _loose_modifier(ctx, first)):
        first += 1
    return (first, b + 1)


def _loose_modifier(ctx: Ctx, k: int) -> bool:
    """A lower-case word the phrase starts with that is not a determiner, number or known
    noun: likely the tail of a clause before it ("placate nervous Democrats")."""
    w = ctx.toks.low[k]
    lex = ctx.lex
    return not (
        ctx.cap(k)
        or ctx.owner[k] is not None
        or w in DETERMINERS
        or w[:1].isdigit()
        or w in lex.speaker_heads
        or w in lex.document_nouns
        or w in lex.speech_nouns
        or w in PRONOUNS
        or w in ("'s", "’s", "some", "many", "several", "two", "three", "both", "all", "one")
    )


def _opening_paren(ctx: Ctx, j: int, lo: int) -> int | None:
    """The "(" that the ")" at ``j`` closes, a few tokens back, or None."""
    for k in range(j - 1, max(lo, j - 8) - 1, -1):
        if ctx.toks.text[k] == "(":
            return k if k > lo else None
        if ctx.quoted[k] >= 0 or ctx.toks.text[k] in (")", ";"):
            return None
    return None


def _leading_noise(ctx: Ctx, k: int) -> bool:
    lex, low = ctx.lex, ctx.toks.low[k]
    if ctx.owner[k] is not None:
        return False
    return (
        low in CONNECTORS
        or low in lex.time_words
        or low in lex.clause_words
        or low in lex.adjunct_preps
        or lex.is_adverb(low)
        or low in ("but", "and", "so", "however", "still", "yet")
    )


def apposition_back(
    ctx: Ctx, comma: int, lo: int, initial: Callable[[int], bool] | None = None
) -> tuple[int, int] | None:
    """ "Jones, a spokesman for the ministry, said": the phrase before the apposition that
    ends at ``comma``. With ``initial``, commas further back are tried ("Jones, of Springfield,
    Va., said") until the phrase before one passes it."""
    j, seen = comma - 1, 0
    found: tuple[int, int] | None = None
    while j >= lo and comma - j <= APPOSITION_REACH:
        if ctx.quoted[j] >= 0 or ctx.toks.text[j] in (";", ":", "!", "?"):
            break
        if ctx.toks.text[j] == ",":
            np = np_back(ctx, j - 1, lo)
            if np is not None and (initial is None or initial(np[0])):
                return np
            found = found or np
            seen += 1
            if initial is None or seen >= 3:
                break
        j -= 1
    return found if initial is None else None


def np_forward(ctx: Ctx, a: int, hi: int) -> tuple[int, int] | None:
    """Token range of the noun phrase starting at ``a`` and running to a comma or the end."""
    lex, low = ctx.lex, ctx.toks.low
    k = a
    while k < hi and k - a < MAX_NP:
        if ctx.quoted[k] >= 0 or low[k] in lex.clause_words:
            break
        if not ctx.word(k) and low[k] not in CONNECTORS:
            break
        k += 1
    while k > a and low[k - 1] in CONNECTORS:
        k -= 1
    if k == a:
        return None
    return (a, k)


@dataclass
class History:
    """The speakers resolved so far, in text order, for pronouns and descriptions."""

    said: list[tuple[int, Actor]] = field(default_factory=list)

    def last(self, pos: int, kinds: frozenset[str]) -> Actor | None:
        """The last speaker of one of ``kinds`` before ``pos``, within reach."""
        for at, actor in reversed(self.said):
            if pos - at > REACH:
                return None
            if actor.kind in kinds:
                return actor
        return None


def _mentioned_before(ctx: Ctx, pos: int, kinds: frozenset[str]) -> Actor | None:
    """The actor of one of ``kinds`` mentioned last before ``pos``, within reach."""
    best: tuple[int, Actor] | None = None
    for actor in ctx.actors.values():
        if actor.kind not in kinds:
            continue
        for m in actor.mentions:
            if m.end <= pos and pos - m.end <= REACH and (best is None or m.start > best[0]):
                best = (m.start, actor)
    return best[1] if best else None


def _owner_of(ctx: Ctx, first: int, last: int) -> Actor | None:
    """The actor a phrase names: a person named at its end ("... manager John Podesta"), else
    the body a speaker noun speaks for ("a spokesman for the ministry"), else the first coded
    actor, else the first named."""
    owners: list[str] = []
    for k in range(first, last):
        aid = ctx.owner[k]
        if aid is not None and aid not in owners:
            owners.append(aid)
    if not owners:
        return None
    tail = ctx.owner[last - 1]
    if tail is not None and ctx.actors[tail].kind in ("person", "unknown") and ctx.cap(last - 1):
        return ctx.actors[tail]
    for k in range(first + 1, last - 1):
        if (
            ctx.toks.low[k] in ("for", "of", "at", "from")
            and ctx.toks.low[k - 1] in ctx.lex.speaks_for
        ):
            aid = next((ctx.owner[j] for j in range(k + 1, last) if ctx.owner[j]), None)
            if aid is not None:
                return ctx.actors[aid]
    coded = [a for a in owners if ctx.actors[a].code]
    return ctx.actors[(coded or owners)[0]]


def _by_name(ctx: Ctx, first: int, last: int, pos: int) -> Actor | None:
    """An actor whose name ends with one of the phrase's capitalised words (a bare surname),
    the one mentioned last before ``pos``."""
    words = {ctx.toks.low[k] for k in range(first, last) if ctx.cap(k) and ctx.word(k)}
    if not words:
        return None
    index = ctx.surnames()
    best: tuple[int, Actor] | None = None
    for w in words:
        for start, actor in index.get(w, ()):
            if best is None or (start < pos and start > best[0]):
                best = (start, actor)
    return best[1] if best else None


def resolve(ctx: Ctx, first: int, last: int, history: History) -> Speaker:
    """The speaker record for tokens ``[first, last)``, with its actor when one is found."""
    toks = ctx.toks
    start, end = toks.starts[first], toks.ends[last - 1]
    actor = _resolve_actor(ctx, first, last, history)
    return Speaker(
        actor=actor.id if actor else None, text=ctx.text[start:end], start=start, end=end
    )


def _resolve_actor(ctx: Ctx, first: int, last: int, history: History) -> Actor | None:
    """The actor a speaker phrase refers to: by pronoun, mention, description or surname."""
    low = ctx.toks.low
    pos = ctx.toks.starts[first]
    if low[first] in PRONOUNS:
        return _pronoun(ctx, first, history)
    named = _owner_of(ctx, first, last)
    if named is not None:
        return named
    definite = low[first] in ("the", "this", "that")
    heads = [low[k] for k in range(first, last) if low[k] in ctx.lex.speaker_heads]
    if definite and heads:
        person = frozenset({"person", "unknown"})
        return (
            _titled_before(ctx, pos, heads[-1])
            or history.last(pos, person)
            or _mentioned_before(ctx, pos, frozenset({"person"}))
        )
    return _by_name(ctx, first, last, pos)


def _titled_before(ctx: Ctx, pos: int, head: str) -> Actor | None:
    """The last actor before ``pos`` named with ``head`` in a mention ("Ukraine's foreign
    minister" for "the minister")."""
    best: tuple[int, Actor] | None = None
    for actor in ctx.actors.values():
        for m in actor.mentions:
            near = m.end <= pos and pos - m.end <= REACH
            if near and (best is None or m.start > best[0]) and head in m.text.lower().split():
                best = (m.start, actor)
    return best[1] if best else None


def _pronoun(ctx: Ctx, k: int, history: History) -> Actor | None:
    """he/she: the last person (or office) speaking, else the actor layer's referent, else the
    last person named; they/it: the same for groups, bodies and countries."""
    word = ctx.toks.low[k]
    pos = ctx.toks.starts[k]
    if word in PERSON_PRONOUNS:
        speakers, named = frozenset({"person", "unknown", "role"}), frozenset({"person"})
    elif word == "they":
        speakers, named = GROUP_KINDS | {"unknown"}, GROUP_KINDS
    elif word == "it":
        speakers = named = GROUP_KINDS
    else:
        return None  # "I", "we", "you" in narration: the writer or an unnamed group
    spoke = history.last(pos, speakers)
    if spoke is not None:
        return spoke
    aid = ctx.owner[k]
    if aid is not None:
        return ctx.actors[aid]
    return _mentioned_before(ctx, pos, named)

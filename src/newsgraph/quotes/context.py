"""What the quote readers share about one text: tokens, quote spans, actor mentions, lexicon."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from newsgraph.model import Actor
from newsgraph.quotes.cues import Lexicon
from newsgraph.quotes.direct import QuoteSpan
from newsgraph.quotes.tokens import Tokens

PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you"})
PERSON_PRONOUNS = frozenset({"he", "she"})
BE_VERBS = frozenset({"is", "are", "was", "were", "be", "been", "being", "'s", "’s"})
DETERMINERS = frozenset(
    {"the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "these", "those"}
)


@dataclass
class Ctx:
    """One text prepared for reading: ``quoted[k]`` is the index of the top-level quote span
    holding token ``k`` (marks included) or -1; ``owner[k]`` the actor whose mention covers it."""

    text: str
    toks: Tokens
    lex: Lexicon
    spans: list[QuoteSpan]
    quoted: list[int]
    owner: list[str | None]
    actors: dict[str, Actor]
    cands: list[int]  # tokens that may start a cue, in order
    words: list[bool]  # the token is a word (letters or digits), not a mark
    _surnames: dict[str, list[tuple[int, Actor]]] | None = None

    def word(self, k: int) -> bool:
        """Token ``k`` is a word (letters or digits), not a mark."""
        return self.words[k]

    def cap(self, k: int) -> bool:
        t = self.toks.text[k]
        return t[:1].isupper()

    def surnames(self) -> dict[str, list[tuple[int, Actor]]]:
        """Actors by the last word of their name, with the start of each mention (-1 for an
        actor with none), built on first use."""
        if self._surnames is None:
            index: dict[str, list[tuple[int, Actor]]] = {}
            for actor in self.actors.values():
                parts = actor.name.lower().split()
                if parts:
                    starts = [m.start for m in actor.mentions] or [-1]
                    index.setdefault(parts[-1], []).extend((st, actor) for st in starts)
            self._surnames = index
        return self._surnames


def build_ctx(
    text: str, toks: Tokens, lex: Lexicon, spans: list[QuoteSpan], actors: Sequence[Actor]
) -> Ctx:
    """Mark each token with its quote and its actor, and list the tokens a cue may start at."""
    n = len(toks)
    quoted = [-1] * n
    for q, span in enumerate(spans):
        first = toks.at_or_after(span.open)
        last = max(first, toks.ending_by(span.outer_end))
        quoted[first:last] = [q] * (last - first)
    owner: list[str | None] = [None] * n
    starts = toks.starts
    for actor in actors:
        for m in actor.mentions:
            k = bisect.bisect_left(toks.ends, m.start + 1)
            while k < n and starts[k] < m.end:
                owner[k] = actor.id
                k += 1
    words = [t[0].isalnum() for t in toks.text]
    low, verbs, preps, first_words = toks.low, lex.verbs, lex.prepositions, lex.first_words
    cands = [
        k
        for k, w in enumerate(low)
        if w in first_words and quoted[k] < 0 and (w in verbs or preps.longest(low, k, n))
    ]
    return Ctx(text, toks, lex, spans, quoted, owner, {a.id: a for a in actors}, cands, words)

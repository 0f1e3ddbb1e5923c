"""A token trie over every name in the knowledge base: longest match, with case rules.

Names are matched token by token, so "Iran-backed" finds "Iran" and "U.S." finds "U.S.". Case
rules keep ordinary words from matching names: an all-capitals name token ("US", "IS") needs the
same capitals in the text, a capitalised one ("Chad", "Jordan") a capital letter; lower-case
name tokens ("troops", "of") match in any case.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

# Words, an apostrophe-s, and single punctuation marks are tokens; hyphens and dots are their
# own tokens so that "Iran-backed" and "U.S." split the way their names do.
TOKEN = re.compile(r"[^\W_]+|['’]s\b|[^\w\s]", re.UNICODE)

ANY, CAP, UPPER = 0, 1, 2


@lru_cache(maxsize=65536)
def norm(token: str) -> str:
    """Case- and accent-folded form of a token ("Élysée" -> "elysee", "’" -> "'")."""
    if token.isascii():
        return token.lower()
    folded = unicodedata.normalize("NFKD", token.casefold())
    return "".join(ch for ch in folded if not unicodedata.combining(ch)).replace("’", "'")


def case_rule(token: str) -> int:
    if len(token) >= 2 and token.isupper() and any(c.isalpha() for c in token):
        return UPPER
    if token[:1].isupper():
        return CAP
    return ANY


def case_ok(rule: int, token: str) -> bool:
    if rule == ANY:
        return True
    if rule == UPPER:
        return token.isupper()
    return token[:1].isupper() or token[:1].isdigit()


@dataclass(frozen=True, slots=True)
class Target:
    """What a name leads to: an entry id, how the name refers to it, and the name's case rules."""

    entry: str
    form: str
    rules: tuple[int, ...]


@dataclass(slots=True)
class _Node:
    children: dict[str, _Node] = field(default_factory=dict)
    targets: list[Target] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Match:
    """A name found in the text: token range, character span and the entries it may name."""

    first: int
    last: int  # exclusive token index
    start: int
    end: int
    targets: tuple[Target, ...]


@lru_cache(maxsize=8)
def tokenize(text: str) -> tuple[list[str], list[int], list[int]]:
    """Tokens of ``text`` with their start and end offsets. Several stages tokenise the same
    article, so the last few results are kept: callers must not change the lists."""
    toks, starts, ends = [], [], []
    for m in TOKEN.finditer(text):
        toks.append(m.group())
        starts.append(m.start())
        ends.append(m.end())
    return toks, starts, ends


class Trie:
    """Names to targets; ``find`` returns the longest matches left to right, never overlapping."""

    def __init__(self) -> None:
        self.root = _Node()
        self.size = 0

    def add(self, name: str, target_entry: str, form: str) -> None:
        tokens = TOKEN.findall(_strip_article(name))
        if not tokens:
            return
        node = self.root
        for tok in tokens:
            node = node.children.setdefault(norm(tok), _Node())
        rules = tuple(case_rule(t) for t in tokens)
        target = Target(target_entry, form, rules)
        if target not in node.targets:
            node.targets.append(target)
            self.size += 1

    def add_all(self, names: Iterable[tuple[str, str, str]]) -> None:
        for name, entry, form in names:
            self.add(name, entry, form)

    def find(self, toks: list[str], starts: list[int], ends: list[int]) -> list[Match]:
        out: list[Match] = []
        keys = [norm(t) for t in toks]
        i, n = 0, len(toks)
        root = self.root.children
        while i < n:
            node = root.get(keys[i])
            if node is None:
                i += 1
                continue
            best: tuple[int, list[Target]] | None = None
            j = i
            while node is not None:
                j += 1
                if node.targets:
                    ok = [t for t in node.targets if _fits(t.rules, toks, i)]
                    if ok:
                        best = (j, ok)
                node = node.children.get(keys[j]) if j < n else None
            if best is None:
                i += 1
                continue
            end, targets = best
            out.append(Match(i, end, starts[i], ends[end - 1], tuple(targets)))
            i = end
        return out


def _fits(rules: tuple[int, ...], toks: list[str], first: int) -> bool:
    return all(case_ok(rule, toks[first + k]) for k, rule in enumerate(rules))


def _strip_article(name: str) -> str:
    """ "the Kremlin" is found as "Kremlin": the article is not part of the name."""
    return name[4:] if name[:4].lower() == "the " and len(name) > 4 else name

"""The words around a figure: hedges and predicates on its left, the counted noun phrase and a
trailing predicate on its right, and the category they add up to.

Helpers of :mod:`newsgraph.text.numbers`; offsets are relative to the sentence being read.
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass

from newsgraph.text import number_patterns as P
from newsgraph.text import number_words as W

__all__ = [
    "COUNT_CATEGORIES",
    "Left",
    "NounPhrase",
    "category_of",
    "left_context",
    "noun_phrase",
    "post_predicate",
]

COUNT_CATEGORIES = frozenset(
    ("killed", "wounded", "kidnapped", "displaced", "arrested", "projectiles")
)


def _table(position: str) -> dict[str, tuple[str, str]]:
    """Surface form -> (category, label) for the predicates usable at ``position`` (L or R)."""
    return {
        form: (cat, label)
        for cat, label, where, entry in W.PREDICATES
        if position in where
        for form in P.forms(entry)
    }


_LEFT_VERBS = _table("L")
_RIGHT_FORMS = _table("R")
_NOMINALS = {form: (cat, label) for cat, label, entry in W.NOMINALS for form in P.forms(entry)}
_NOUN_CATEGORY = {noun: "people" for noun in W.PERSON_NOUNS} | {
    noun: cat for cat, nouns in W.CATEGORY_NOUNS.items() for noun in nouns
}
_SINGULAR = frozenset(W.SINGULAR_COUNTED)
_CALENDAR = frozenset(
    (
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
        "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december"
    )
)  # fmt: skip
_PRONOUNS = frozenset(("them", "us", "it", "they", "we", "he", "she", "him", "whom", "you"))
_NUMBER_WORDS = frozenset(
    [*W.SMALL_NUMBERS, *W.SCALE_WORDS, *W.PLURAL_UNITS, *W.FRACTION_DENOMINATORS]
)
_NP_BREAK = W.NP_STOPWORDS | _NUMBER_WORDS | _CALENDAR | _PRONOUNS
_NOT_LABELS = W.NP_STOPWORDS | _CALENDAR | frozenset(W.QUALIFIERS) | frozenset(_LEFT_VERBS)
_TOLL_VERBS = frozenset(
    (
        "rose", "risen", "rises", "climbed", "climbs", "reached", "reaches", "stood", "stands",
        "hit", "hits", "jumped", "jumps", "increased", "increases", "grew", "grown", "went",
        "gone", "is", "was"
    )
)  # fmt: skip
_TOLL_AUX = frozenset(("has", "had", "have", "now", "already", "reportedly", "officially"))
_SUBJECT_VERBS = frozenset(
    (
        "rose", "risen", "rises", "fell", "fallen", "falls", "dropped", "drops", "climbed",
        "jumped", "increased", "decreased", "declined", "grew", "grown", "slowed", "stood",
        "stands", "reached", "hit", "was", "is", "of"
    )
)  # fmt: skip
_INCLUDING = frozenset(
    ("including", "among them", "among whom", "of whom", "mostly", "mainly", "most of them")
)
_ABBREVIATIONS = frozenset(("approx.", "sept.", "gen.", "col.", "capt.", "sgt."))
_LEFT_FILLERS = (("a", "total", "of"), ("the", "lives", "of"), ("a",), ("an",))
_STREETS = frozenset(("street", "st", "road", "rd", "avenue", "ave", "boulevard", "square", "lane"))


@dataclass(slots=True)
class Left:
    """What the words just before a figure say about it."""

    start: int
    qualifier: str | None = None
    between: bool = False
    after_from: bool = False
    verb: tuple[str, str] | None = None
    including: bool = False
    prev: str | None = None
    prev_is_label: bool = False
    subject: str | None = None


@dataclass(slots=True)
class NounPhrase:
    """The counted noun phrase after a figure (``words`` may be empty when only an adjectival
    predicate follows, as in "40 dead")."""

    start: int
    end: int
    words: tuple[str, ...]
    via: str = ""
    adjective: tuple[str, str] | None = None
    category: str | None = None
    singular: bool = False

    @property
    def text(self) -> str:
        return " ".join(self.words)

    @property
    def counted(self) -> bool:
        return self.category is not None


def _tail(words: list[str], i: int, table: Container[str]) -> int:
    """How many words (3, 2, 1 or 0) ending at index ``i`` form an entry of ``table``."""
    for k in (3, 2, 1):
        if i >= k and " ".join(words[i - k : i]) in table:
            return k
    return 0


def _nominal(words: list[str], i: int) -> tuple[str, str] | None:
    """ "the deaths of", "a death toll of", "the toll has risen to", ending at index ``i``."""
    if i and words[i - 1] == "of":
        k = _tail(words, i - 1, _NOMINALS)
        return _NOMINALS[" ".join(words[i - 1 - k : i - 1])] if k else None
    j = i
    while j and words[j - 1] in ("to", "at", "up"):
        j -= 1
    if j < i and _tail(words, j, _NOMINALS):  # "put the toll at 230", "the number of dead at"
        return _NOMINALS[" ".join(words[j - _tail(words, j, _NOMINALS) : j])]
    if not (j and words[j - 1] in _TOLL_VERBS):
        return None
    j -= 1
    while j and words[j - 1] in _TOLL_AUX:
        j -= 1
    k = _tail(words, j, _NOMINALS)
    return _NOMINALS[" ".join(words[j - k : j])] if k else None


def _subject(tokens: list[str], i: int, sentence_start: bool) -> str | None:
    """ "inflation rose to", "turnout in Chile was": the common noun a share is about."""
    words = [t.lower() for t in tokens]
    j = i
    while j and words[j - 1] in ("to", "by", "at"):
        j -= 1
    if not (j and words[j - 1] in _SUBJECT_VERBS):
        return None
    j -= 1
    while j and words[j - 1] in ("has", "had", "have"):
        j -= 1
    if j > 2 and tokens[j - 1][:1].isupper() and words[j - 2] in ("in", "of", "for"):
        j -= 2  # skip the place: "inflation in Argentina rose to"
    word = tokens[j - 1] if j else ""
    if j == 1 and sentence_start:
        word = word.lower()  # "Turnout was 67%"
    if not word.isalpha() or not word[:1].islower() or word in W.NP_STOPWORDS:
        return None
    if word == "rate" and j > 1 and tokens[j - 2].isalpha() and tokens[j - 2][:1].islower():
        return f"{tokens[j - 2]} rate"
    return word


def left_context(sub: str, st: int) -> Left:
    """Qualifier, predicate and the word before the figure starting at ``st``."""
    lo = max(0, st - 80)
    toks = [(m.start(), m.group()) for m in P.LEFT_TOKEN.finditer(sub, lo, st)]
    at_start = lo == 0
    if lo > 0 and toks:
        toks = toks[1:]  # may be cut by the window
    for k in range(len(toks) - 1, -1, -1):
        if _ends_sentence(toks[k][1]):  # never read across a sentence end ("killed. 40 ...")
            toks, at_start = toks[k + 1 :], True
            break
    words = [t.lower() if t.lower() == "approx." else t.lower().rstrip(".") for _, t in toks]
    left = Left(start=st)
    if toks and toks[-1][1][:1].isalpha():
        left.prev = toks[-1][1].rstrip(".")
        left.prev_is_label = _is_label(left.prev)
    i = len(words)
    k = _tail(words, i, W.QUALIFIERS) or (1 if i and words[-1] == "from" else 0)
    if k:
        phrase = " ".join(words[i - k : i])
        i -= k
        if phrase == "from":
            left.after_from = True
        else:
            left.qualifier, left.start = W.QUALIFIERS[phrase], toks[i][0]
            left.between = phrase == "between"
    left.including = _tail(words, i, _INCLUDING) > 0
    for filler in _LEFT_FILLERS:
        if tuple(words[i - len(filler) : i]) == filler:
            i -= len(filler)
            break
    k = _tail(words, i, _LEFT_VERBS)
    left.verb = _LEFT_VERBS[" ".join(words[i - k : i])] if k else _nominal(words, i)
    if left.verb is None:
        left.subject = _subject([t for _, t in toks], i, at_start)
    return left


def _ends_sentence(token: str) -> bool:
    """A token that closes a sentence: "!", "?", "." or a plain word with a final period."""
    if token in (".", "!", "?"):
        return True
    return (
        len(token) > 3
        and token.endswith(".")
        and token[:-1].isalpha()
        and token.lower() not in _ABBREVIATIONS
    )


def _is_label(word: str) -> bool:
    """A capitalised name right before a number, as in "Apollo 11", "Boeing 737"."""
    return word[:1].isupper() and word.lower() not in _NOT_LABELS


def _category(words: tuple[str, ...]) -> str | None:
    for word in reversed(words):
        cat = _NOUN_CATEGORY.get(word.lower())
        if cat is not None:
            return cat
    return "people" if any(_is_demonym(w) for w in words) else None


def _is_demonym(word: str) -> bool:
    """A capitalised plural such as "Israelis", "Palestinians", "Sudanese"."""
    return (
        word[:1].isupper() and word.endswith(W.DEMONYM_SUFFIXES) and word.lower() not in _CALENDAR
    )


def _np_start(sub: str, pos: int, unit: str | None, money: bool, kind: str) -> tuple[int, str]:
    """Where the noun phrase may start, and the preposition that led to it ("" for none)."""
    of = P.NP_OF.match(sub, pos)
    if of is not None:
        prep = " ".join(of["prep"].lower().split())
        if prep == "of" or (money and prep in ("in", "worth of")):
            return of.end(), prep
    if unit is not None and not money and unit not in ("percent", "fraction"):
        return -1, ""
    if kind in ("half", "frac", "inn"):
        det = P.DETERMINER.match(sub, pos)
        if det is not None:
            return det.end(), ""
    return pos, ""


def _np_words(sub: str, p: int) -> tuple[list[str], int, int, tuple[str, str] | None]:
    """The words of a noun phrase from ``p`` on, the span they cover, and a leading predicate
    adjective ("wounded soldiers", or "dead" alone in "40 dead")."""
    words: list[str] = []
    first = last = p
    conj: str | None = None
    adjective: tuple[str, str] | None = None
    has_lower = False
    while len(words) < 6:
        t = P.NP_TOKEN.match(sub, p)
        if t is None or t["w"] is None:
            break
        w = t["w"]
        lw = w.lower()
        if lw in ("and", "or"):
            if not words or conj is not None:
                break
            conj, p = w, t.end()
            continue
        if lw in _RIGHT_FORMS:
            if words or conj is not None or adjective is not None:
                break
            adjective, p = _RIGHT_FORMS[lw], t.end()
            continue
        capital = w[:1].isupper()
        if lw in _NP_BREAK or (capital and has_lower and not _is_demonym(w)):
            break  # "40 people Sunday" stops, "100,000 ethnic Armenians" goes on
        if words and lw.endswith(("ed", "ing", "ly")):
            break  # a verb or adverb after the noun: "40 people attended", "mostly"
        if conj is not None:
            words.append(conj)
            conj = None
        if not words:
            first = t.start("w")
        words.append(w)
        has_lower = has_lower or not capital
        last, p = t.end("w"), t.end()
    return words, first, last, adjective


def noun_phrase(sub: str, pos: int, unit: str | None, money: bool, kind: str) -> NounPhrase | None:
    """The counted noun phrase after position ``pos`` ("drones and missiles", "wounded
    soldiers", "of the hostages"), stopping at function words, verbs and punctuation."""
    start, via = _np_start(sub, pos, unit, money, kind)
    if start < 0:
        return None
    words, first, last, adjective = _np_words(sub, start)
    if via == "in" and words and not words[0][:1].islower():
        return None
    if not via and len(words) == 1 and words[0].endswith(("ed", "ing")):
        words = []  # a verb, not a noun: "23% opposed", "millions attempted to flee"
    category = _category(tuple(words))
    if words and category is None and all(w[:1].isupper() for w in words):
        # A name rather than a counted noun, unless something happens to it ("700,000
        # Rohingya fled"): "10 Downing Street" is an address, "Apollo 11 Moon" noise.
        if words[-1].lower() in _STREETS:
            return NounPhrase(start=first, end=last, words=tuple(words), via="address")
        if post_predicate(sub, last) is None:
            words = []
    if not words:
        return None if adjective is None else NounPhrase(pos, pos, (), adjective=adjective)
    return NounPhrase(
        start=first,
        end=last,
        words=tuple(words),
        via=via,
        adjective=adjective,
        category=category,
        singular=words[0].lower() in _SINGULAR,
    )


def post_predicate(sub: str, pos: int) -> tuple[str, str] | None:
    """A predicate after the counted phrase: "were killed", ", mostly civilians, were killed"."""
    m = P.POST_PREDICATE.match(sub, pos)
    if m is None:
        return None
    return _RIGHT_FORMS.get(" ".join(m["pred"].lower().split()))


def category_of(
    unit: str | None, money: bool, pred: str | None, np: NounPhrase | None
) -> str | None:
    """The figure's category from its unit, predicate and counted noun phrase."""
    if money:
        return "money"
    if unit in ("percent", "fraction", "percentage points"):
        return "percent"
    if unit is not None:
        return "other"
    noun = np.category if np is not None else None
    if pred in COUNT_CATEGORIES:
        if pred == "projectiles" and np is not None and np.words and noun != "projectiles":
            return noun or "other"  # "launched 100 attacks" counts attacks, not projectiles
        return pred
    if noun is not None:
        return noun
    return "other" if np is not None and np.words else None

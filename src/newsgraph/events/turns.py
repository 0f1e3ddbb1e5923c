"""How a trigger's event type turns with the words around it: a verb that undoes it (reversal),
a refusal of a cooperative deed (REJECT), and a promise of a deed (AGREE or THREATEN)."""

from __future__ import annotations

from newsgraph.events.patterns import Patterns, Trigger
from newsgraph.events.sentence import CLAUSE_ENDS, LIGHT_REACH, LIGHT_VERBS, Sent, inside_word

# How far back from an event noun a reversal verb may stand ("lifted on Friday a day-old
# blockade"), and the words it may not reach across.
REVERSAL_REACH = 8
REVERSAL_STOPS = CLAUSE_ENDS | {"and", "or", "but", "to", "against", "with", "for"}


def maybe_reversed(trig: Trigger, s: Sent, patterns: Patterns, i: int) -> tuple[Trigger, int]:
    """The trigger and its first token, turned around when a reversal verb undoes its event
    ("halted its aid", "lifted the curfew"); else unchanged."""
    if not patterns.reversal_forms or not (trig.pos == "noun" or trig.form == "ing"):
        return trig, i
    for k in range(i - 1, max(s.first, i - REVERSAL_REACH) - 1, -1):
        for n in (1, 2):
            j = k - n + 1
            if (
                j >= s.first
                and tuple(s.keys[j : k + 1]) in patterns.reversal_forms
                and not inside_word(s, j)
            ):
                turned = patterns.reversed(trig)
                return (turned, j) if turned is not None else (trig, i)
        if s.keys[k] in REVERSAL_STOPS or s.owner[k] is not None:
            break
    return trig, i


# Words before a trigger that make its deed a promise or a threat ("will withdraw", "ready to
# send", "agreed to provide", "vowed to strike").
PROMISE_WORDS = frozenset(
    [
        "will",
        "would",
        "shall",
        "'ll",
        "ready",
        "willing",
        "prepared",
        "agreed",
        "agrees",
        "offered",
        "offers",
        "pledged",
        "pledges",
        "promised",
        "promises",
        "vowed",
        "vows",
        "committed",
        "commits",
        "plans",
        "planned",
        "planning",
        "intends",
        "intended",
        "decided",
        "decides",
    ]
)
# Words that make a cooperative deed a refusal ("failed to reach agreement", "will not accept"):
# PLOVER codes the refusal itself, as REJECT.
REFUSALS = frozenset(
    [
        ("refused", "to"),
        ("refuses", "to"),
        ("refusing", "to"),
        ("refuse", "to"),
        ("declined", "to"),
        ("declines", "to"),
        ("failed", "to"),
        ("fails", "to"),
        ("failing", "to"),
        ("will", "not"),
        ("would", "not"),
        ("won", "'", "t"),
        ("wo", "n't"),
        ("cannot",),
        ("not", "to"),
    ]
)
REFUSAL_REACH = 3


def refused(s: Sent, i: int) -> bool:
    """True when a refusal ends at most a word before the trigger at ``i``."""
    for k in range(max(s.first, i - REFUSAL_REACH), i):
        for n in (1, 2, 3):
            if k + n in (i, i - 1) and tuple(s.keys[k : k + n]) in REFUSALS:
                return True
    return False


PROMISE_REACH = 4
COOPERATIVE_QUADS = frozenset({1, 2})
FORCE_QUAD = 4


def promised_as(etype: str, quad: int, s: Sent, i: int) -> str | None:
    """AGREE or THREATEN when the deed at ``i`` is promised rather than done, else None."""
    if etype in ("AGREE", "THREATEN", "REQUEST", "REJECT"):
        return None
    # A noun's deed is promised through its light verb: "will extend the night curfew".
    verb = next(
        (
            k
            for k in range(i - 1, max(s.first, i - LIGHT_REACH) - 1, -1)
            if s.keys[k] in LIGHT_VERBS
        ),
        i,
    )
    # The trigger's own first word counts too: CONCEDE's "agreed to withdraw" is a promise.
    window = range(max(s.first, verb - PROMISE_REACH), i + 1)
    if not any(s.keys[k] in PROMISE_WORDS for k in window) and not _promised_to(s, verb):
        return None
    if quad in COOPERATIVE_QUADS:
        return "AGREE"
    return "THREATEN" if quad == FORCE_QUAD else None


# An infinitive reaches further back to its promise: "agreed in principle on Saturday TO provide".
INFINITIVE_REACH = 8


def _promised_to(s: Sent, verb: int) -> bool:
    """True when ``verb`` is an infinitive ("to provide") whose clause holds a promise word."""
    if verb - 1 < s.first or s.keys[verb - 1] != "to":
        return False
    for k in range(verb - 2, max(s.first, verb - 1 - INFINITIVE_REACH) - 1, -1):
        if s.keys[k] in PROMISE_WORDS:
            return True
        if s.keys[k] in CLAUSE_ENDS:
            return False
    return False

"""The event coder: PLOVER events from trigger patterns and the actors around them.

In the spirit of TABARI's sparse parsing, no syntactic parser is needed: a trigger found in a
sentence takes as actor the actor mention that governs it (before an active verb, after "by" for
a passive, the possessive or adjective before a noun) and as recipient the mention its object
or preposition introduces. Each event then gets its date, place, counts, modality and voice from
the same sentence, and names the rule that fired.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from newsgraph.actors.matcher import norm, tokenize
from newsgraph.actors.places import Place
from newsgraph.events.modality import modality_of, voice_of
from newsgraph.events.patterns import Patterns, Trigger
from newsgraph.events.sentence import CLAUSE_ENDS, LIGHT_REACH, LIGHT_VERBS, Sent, inside_word
from newsgraph.events.turns import COOPERATIVE_QUADS, maybe_reversed, promised_as, refused
from newsgraph.model import (
    Actor,
    Event,
    EventDate,
    Evidence,
    Quantity,
    Timex,
)
from newsgraph.model import Trigger as TriggerSpan
from newsgraph.text.numbers import Figure

PASSIVE_AUX = frozenset(["was", "were", "been", "being", "is", "are", "be", "get", "got", "gets"])
DETERMINERS = frozenset(
    ["a", "an", "the", "its", "his", "her", "their", "our", "this", "that", "these", "those", "new"]
)
VERB_CUES = frozenset(
    [
        "to",
        "will",
        "would",
        "could",
        "should",
        "might",
        "may",
        "must",
        "did",
        "does",
        "do",
        "not",
        "n't",
        "has",
        "have",
        "had",
        "also",
    ]
)
COORD = frozenset({"and", ",", "&"})
COUNTED = frozenset(
    {"killed", "wounded", "kidnapped", "displaced", "arrested", "projectiles", "money"}
)
# Verbs after a mention that make it the speaker of the sentence, not an object.
SPEAKING = frozenset(["said", "says", "told", "reported", "added", "stated", "announced"])
# Words that may stand between a speaker and its verb: "Kenyan police here said".
SPEAKER_GAP = frozenset(["here", "today", "also", "later", "earlier", "then", "have", "has", "had"])


def _speaks(keys: list[str], after: int, last: int) -> bool:
    """True when the mention ending at ``after`` is followed by a speech verb."""
    k = after
    while k < last and keys[k] in SPEAKER_GAP and k - after < 2:
        k += 1
    return k < last and keys[k] in SPEAKING


# Participles that state the subject's own stance before "to": "Chile is opposed to", "Iran is
# committed to" are active, not passive.
STATES = frozenset(["opposed", "committed", "determined", "prepared", "resolved", "dedicated"])
FALLBACK_REACH = 12
ATTRIBUTED_WEIGHT = 0.85
OBJECT_REACH = 4
PREP_REACH = 8


def _owners(actors: Sequence[Actor], starts: list[int], ends: list[int]) -> list[str | None]:
    owner: list[str | None] = [None] * len(starts)
    import bisect

    for actor in actors:
        for m in actor.mentions:
            k = bisect.bisect_left(starts, m.start)
            while k < len(starts) and ends[k] <= m.end:
                owner[k] = actor.id
                k += 1
    return owner


def _mention_spans(owner: list[str | None], first: int, last: int) -> list[tuple[int, int, str]]:
    """Runs of tokens owned by one actor, in order: (first token, last token + 1, actor id)."""
    out: list[tuple[int, int, str]] = []
    k = first
    while k < last:
        aid = owner[k]
        if aid is None:
            k += 1
            continue
        j = k
        while j < last and owner[j] == aid:
            j += 1
        out.append((k, j, aid))
        k = j
    return out


def _with_coordinated(
    spans: list[tuple[int, int, str]], idx: int, keys: list[str], leftward: bool
) -> list[str]:
    """The actor at ``spans[idx]`` and those joined to it by "and" or commas."""
    ids = [spans[idx][2]]
    step = -1 if leftward else 1
    k = idx
    while 0 <= k + step < len(spans):
        nxt = spans[k + step]
        if _speaks(keys, nxt[1], len(keys)):
            break  # "struck Iran, Russia said": Russia speaks
        a, b = (nxt, spans[k]) if leftward else (spans[k], nxt)
        between = keys[a[1] : b[0]]
        if between and all(t in COORD for t in between):
            ids.append(nxt[2])
            k += step
        else:
            break
    return list(dict.fromkeys(reversed(ids) if leftward else ids))


def _choose_pos(triggers: list[Trigger], s: Sent, i: int, end: int) -> Trigger:
    verbs = [t for t in triggers if t.pos == "verb"]
    nouns = [t for t in triggers if t.pos == "noun"]
    if not verbs or not nouns:
        return triggers[0]
    prev = s.keys[i - 1] if i > s.first else ""
    if any(t.form != "base" and t.form != "s" for t in verbs) and not any(
        t.form == "plural" for t in nouns
    ):
        return verbs[0]
    if prev in DETERMINERS or prev in ("'s", "’s") or (i > s.first and s.owner[i - 1]):
        return nouns[0]
    if prev in VERB_CUES:
        return verbs[0]
    nxt = s.keys[end] if end < s.last else ""
    return nouns[0] if nxt in nouns[0].rule.preps else verbs[0]


def _excluded(trig: Trigger, s: Sent, i: int, end: int, patterns: Patterns) -> bool:
    """True when one of the rule's exclusions starts at, ends at or follows the trigger."""
    for n, phrases in patterns.excludes.get(trig.rule.id, {}).items():
        for at in (i, end, i - n + 1):
            if at >= s.first and tuple(s.keys[at : at + n]) in phrases:
                return True
    return False


def _roles(trig: Trigger, s: Sent, i: int, end: int) -> tuple[list[str], list[str], int]:
    """Actor and recipient ids, and the token where the actor's mention ends (-1 if none)."""
    spans = _mention_spans(s.owner, s.first, s.last)
    left = [n for n, sp in enumerate(spans) if sp[1] <= i]
    right = [n for n, sp in enumerate(spans) if sp[0] >= end]
    actor: list[str] = []
    recipient: list[str] = []
    preps = set(trig.rule.preps)
    passive = (
        trig.pos == "verb"
        and trig.form in ("ed", "participle")
        and any(s.keys[k] in PASSIVE_AUX for k in range(max(s.first, i - 2), i))
        and not (s.keys[end - 1] in STATES and end < s.last and s.keys[end] == "to")
    )
    by = next(
        (n for n in right if spans[n][0] - end <= 6 and s.keys[spans[n][0] - 1] == "by"), None
    )
    if trig.rule.addressee_before:
        return _addressed(spans, left, s, i)
    if passive:
        if by is not None:
            actor = _with_coordinated(spans, by, s.keys, leftward=False)
        if left:
            recipient = _with_coordinated(spans, left[-1], s.keys, leftward=True)
        return actor, recipient, -1
    actor_end = -1
    if left and trig.pos == "verb":
        left = _past_apposition(spans, left, s, i)
    if trig.pos == "noun":
        if (
            left
            and i - spans[left[-1]][1] <= 2
            and all(
                s.keys[k] in DETERMINERS | {"'s", "’s", "-"} or not s.toks[k][:1].isupper()
                for k in range(spans[left[-1]][1], i)
            )
        ):
            actor = [spans[left[-1]][2]]
        elif by is not None:
            actor = _with_coordinated(spans, by, s.keys, leftward=False)
        else:  # "Israel launched strikes on", "Egypt said it would widen the inquiry"
            verb = _governing_verb(s, i)
            subject = [n for n in left if spans[n][1] <= verb]
            if verb >= 0 and subject:
                actor = _with_coordinated(spans, subject[-1], s.keys, leftward=True)
    elif left:
        actor = _with_coordinated(spans, left[-1], s.keys, leftward=True)
        actor_end = spans[left[-1]][1]
    for n in right:
        start = spans[n][0]
        if n == by:
            continue
        if _speaks(s.keys, spans[n][1], s.last):
            break  # "shelled a depot near Kherson, officials said": a speaker, not the object
        if start - end <= PREP_REACH and any(s.keys[k] in preps for k in range(end, start)):
            recipient = _with_coordinated(spans, n, s.keys, leftward=False)
            break
        if trig.pos == "verb" and start - end <= OBJECT_REACH:
            recipient = _with_coordinated(spans, n, s.keys, leftward=False)
            break
    if not recipient:  # no object or preposition: the next actor in the clause, if any
        later = [
            n
            for n in right
            if n != by
            and spans[n][0] - end <= FALLBACK_REACH
            and not any(s.keys[k] in CLAUSE_ENDS for k in range(end, spans[n][0]))
        ]
        if later:
            recipient = [spans[later[0]][2]]
    recipient = [r for r in recipient if r not in actor]
    return actor, recipient, actor_end


# Words before a verb's base form: "would widen the inquiry", "to impose a curfew".
VERB_BEFORE = frozenset(
    ["to", "will", "would", "could", "should", "might", "may", "must", "can", "shall", "not",
     "n't", "did", "does", "do"]
)  # fmt: skip


def _governing_verb(s: Sent, i: int) -> int:
    """The token of the verb whose object the noun at ``i`` is, within ``LIGHT_REACH`` and the
    same clause: a light verb ("gave shelter") or any verb after a modal or "to" ("will
    extend the curfew"); -1 if none."""
    for k in range(i - 1, max(s.first, i - LIGHT_REACH) - 1, -1):
        key = s.keys[k]
        if key in CLAUSE_ENDS or s.owner[k]:
            return -1
        if key in LIGHT_VERBS:
            return k
        if (
            k > s.first
            and s.keys[k - 1] in VERB_BEFORE
            and key.isalpha()
            and key not in DETERMINERS
            and not s.toks[k][:1].isupper()
        ):
            return k
    return -1


# An indefinite apposition describes its subject ("Chile, a close partner of Peru, ..."); a
# definite one often names the subject's office ("Ana Ruiz, the UN envoy, ...").
APPOSITION_OPENERS = frozenset(["a", "an"])


def _past_apposition(
    spans: list[tuple[int, int, str]], left: list[int], s: Sent, i: int
) -> list[int]:
    """Drop the actors of an apposition between the subject and its verb: in "Chile, a close
    partner of Peru, has refused" Chile refuses, not Peru."""
    close = next((k for k in range(i - 1, s.first, -1) if s.keys[k] == ","), -1)
    if close < 0 or any(s.keys[k] in CLAUSE_ENDS for k in range(close + 1, i)):
        return left
    open_ = next((k for k in range(close - 1, s.first, -1) if s.keys[k] == ","), -1)
    if open_ < 0 or s.keys[open_ + 1] not in APPOSITION_OPENERS:
        return left
    before = [n for n in left if spans[n][1] == open_]
    return [n for n in left if spans[n][1] <= open_] if before else left


# How close the addressed actor stands to the modal ("Sudan must", "the government and the
# rebels must"), allowing a word such as "also" or "now".
ADDRESSEE_GAP = 2


def _addressed(
    spans: list[tuple[int, int, str]], left: list[int], s: Sent, i: int
) -> tuple[list[str], list[str], int]:
    """Roles of an obligation: the speaker is the sentence's first actor, the recipient the actor
    just before the modal; nothing when the sentence names no one else to speak."""
    if len(left) < 2 or i - spans[left[-1]][1] > ADDRESSEE_GAP:
        return [], [], -1
    recipient = _with_coordinated(spans, left[-1], s.keys, leftward=True)
    actor = [spans[left[0]][2]]
    if actor[0] in recipient:
        return [], [], -1
    return actor, recipient, -1


ATTRIBUTIVE_BEFORE = re.compile(r"(?:\b(?:the|a|an|its|his|her|their|our)|'s|’s)\s+$", re.I)
ATTRIBUTIVE_AFTER = re.compile(r"\s+[a-z]")


def _attributive(text: str, t: Timex) -> bool:
    """A date that names a thing rather than when it happened: "under the 1960 treaty"."""
    return bool(
        ATTRIBUTIVE_BEFORE.search(text, max(0, t.start - 8), t.start)
        and ATTRIBUTIVE_AFTER.match(text, t.end)
    )


def event_date(
    text: str, timexes: Sequence[Timex], start: int, end: int, at: int, published: date | None
) -> EventDate | None:
    """The date of the time expression nearest the trigger in its sentence (not one that only
    names a thing, "the 1960 treaty"), else the publication date."""
    inside = [
        t
        for t in timexes
        if start <= t.start
        and t.end <= end
        and t.granularity != "reference"
        and not _attributive(text, t)
    ]
    if inside:
        t = min(inside, key=lambda t: abs(t.start - at))
        return EventDate(text=t.text, value=t.value, granularity=t.granularity)
    if published is not None:
        return EventDate(text="", value=published.isoformat(), granularity="day")
    return None


def _quantities(figures: Sequence[Figure], start: int, end: int) -> list[Quantity]:
    return [
        Quantity(value=f.value, what=f.category, text=f.text)
        for f in figures
        if start <= f.start and f.end <= end and f.category in COUNTED
    ]


def _place(places: Sequence[Place], start: int, end: int, at: int) -> Place | None:
    inside = [p for p in places if start <= p.start and p.end <= end]
    return min(inside, key=lambda p: abs(p.start - at)) if inside else None


@dataclass(frozen=True)
class _Context:
    """What every event of one article is coded against."""

    text: str
    patterns: Patterns
    published: date | None
    timexes: Sequence[Timex]
    figures: Sequence[Figure]
    places: Sequence[Place]


def code_events(
    text: str,
    sentences: Sequence[tuple[int, int]],
    actors: Sequence[Actor],
    patterns: Patterns,
    *,
    published: date | None = None,
    timexes: Sequence[Timex] = (),
    figures: Sequence[Figure] = (),
    places: Sequence[Place] = (),
) -> list[Event]:
    """Every event the article reports, in text order."""
    ctx = _Context(text, patterns, published, timexes, figures, places)
    toks, starts, ends = tokenize(text)
    keys = [norm(t) for t in toks]
    owner = _owners(actors, starts, ends)
    events: list[Event] = []
    k = 0
    for span in sentences:
        first = k
        while first < len(toks) and starts[first] < span[0]:
            first += 1
        last = first
        while last < len(toks) and ends[last] <= span[1]:
            last += 1
        k = last
        sent = Sent(keys, toks, starts, ends, owner, first, last)
        events += _sentence_events(sent, span, ctx, len(events))
    return events


# How far after its verb an object may stand ("gave the Ivory Coast 5.1 million dollars").
OBJECT_WINDOW = 8
MONEY = "<money>"


def _has_object(trig: Trigger, s: Sent, end: int, ctx: _Context) -> bool:
    """True unless the rule wants an object and none stands within reach of the verb."""
    wanted = ctx.patterns.objects.get(trig.rule.id)
    if not wanted:
        return True
    stop = min(s.last, end + OBJECT_WINDOW)
    for k in range(end, stop):
        if s.keys[k] in CLAUSE_ENDS - {","}:
            stop = k
            break
        if s.keys[k] in wanted:
            return True
    if MONEY in wanted and stop > end:
        lo, hi = s.starts[end], s.ends[stop - 1]
        return any(f.category == "money" and lo <= f.start < hi for f in ctx.figures)
    return False


# Verbal event types whose complement names the deed they speak of ("threatened TO strike").
SPEECH_QUADS = frozenset({1, 3})
COMPLEMENT_GAP = 3


def _content_of_speech(placed: list[tuple[int, int, Event]], ctx: _Context, i: int) -> bool:
    """True when the trigger at ``i`` follows a verbal event closely enough to be its content."""
    if not placed:
        return False
    _t0, t1, prev = placed[-1]
    quad = ctx.patterns.ontology.types[prev.type].quad
    return quad in SPEECH_QUADS and 0 <= i - t1 <= COMPLEMENT_GAP


def _sentence_events(s: Sent, span: tuple[int, int], ctx: _Context, n_before: int) -> list[Event]:
    out: list[Event] = []
    placed: list[tuple[int, int, Event]] = []  # (trigger tokens, event) in this sentence
    i = s.first
    while i < s.last:
        hit = (
            None
            if s.owner[i] is not None or inside_word(s, i)
            else ctx.patterns.match_at(s.keys, i, s.last)
        )
        if hit is None:
            i += 1
            continue
        end, triggers = hit
        # A rule that wants an object it lacks gives way to the others on the same words
        # ("welcomed the statement" is praise; "welcomed refugees" is aid).
        triggers = [t for t in triggers if _has_object(t, s, end, ctx)]
        if not triggers:
            i = end
            continue
        trig = _choose_pos(triggers, s, i, end)
        if _excluded(trig, s, i, end, ctx.patterns):
            i = end
            continue
        if _content_of_speech(placed, ctx, i):
            i = end  # "threatened to arrest", "called for sanctions": the words, not a deed
            continue
        trig, start = maybe_reversed(trig, s, ctx.patterns, i)
        actor, recipient, actor_end = _roles(trig, s, start, end)
        # "An Israeli air strike on Iran killed five": the verb's subject is the earlier event.
        governing = next(
            (
                ev
                for t0, _t1, ev in reversed(placed)
                if actor_end <= t0 < start or (actor and set(actor) <= set(ev.recipient))
            ),
            None,
        )
        if governing is not None and actor_end >= 0:
            if governing.type == trig.type:
                i = end
                continue
            actor = list(governing.actor)
        if actor or recipient:
            # A turned trigger spans the verb that turned it ("suspended the talks"): an event
            # already coded from that verb alone gives way to it.
            kept = [p for p in placed if p[0] < start]
            if len(kept) < len(placed):
                placed, out = kept, [p[2] for p in kept]
            event = _event(
                trig, s, (start, end), (actor, recipient), span, ctx, n_before + len(out) + 1
            )
            out.append(event)
            placed.append((start, end, event))
        i = end
    return out


def _event(
    trig: Trigger,
    s: Sent,
    at: tuple[int, int],
    roles: tuple[list[str], list[str]],
    span: tuple[int, int],
    ctx: _Context,
    number: int,
) -> Event:
    i, end = at
    rule = trig.rule
    tdef = ctx.patterns.ontology.types[trig.type]
    mdef = tdef.modes.get(rule.mode) if rule.mode else None
    t_start, t_end = s.starts[i], s.ends[end - 1]
    mod = modality_of(s.keys, s.first, i, end, s.last)
    voice = voice_of(s.keys, s.toks, s.owner, s.first, i, s.last, ctx.text, s.starts, span)
    actor, recipient = roles
    conf = rule.confidence * (1.0 if actor and recipient else 0.85) * (0.9 if mod.hedged else 1.0)
    if voice.kind == "attributed":  # the outlet reports someone's claim of it, not the deed
        conf *= ATTRIBUTED_WEIGHT
    place = _place(ctx.places, span[0], span[1], t_start)
    etype, mode, cameo = trig.type, rule.mode, rule.cameo or (mdef.cameo if mdef else None)
    score = mdef.score if mdef and mdef.score is not None else tdef.score
    refusal = tdef.quad in COOPERATIVE_QUADS and refused(s, i)
    promised = "REJECT" if refusal else promised_as(trig.type, tdef.quad, s, i)
    if refusal:
        mod.negated = False  # the refusal happened: it is the event, and it is not negated
    if promised is not None and promised in ctx.patterns.ontology.types:
        # PLOVER codes a promise of cooperation as AGREE, and a promise of force as THREATEN.
        etype, mode, cameo = promised, None, None
        score = ctx.patterns.ontology.types[promised].score
        tdef = ctx.patterns.ontology.types[promised]
    return Event(
        id=f"e{number}",
        type=etype,
        mode=mode,
        contexts=list(rule.contexts),
        cameo=cameo or tdef.cameo,
        score=score,
        actor=actor,
        recipient=recipient,
        date=event_date(ctx.text, ctx.timexes, span[0], span[1], t_start, ctx.published),
        location=place.location() if place else None,
        quantities=_quantities(ctx.figures, span[0], span[1]),
        voice=voice,
        modality=mod,
        evidence=Evidence(
            start=span[0],
            end=span[1],
            rule=rule.id,
            trigger=TriggerSpan(start=t_start, end=t_end, text=ctx.text[t_start:t_end]),
        ),
        confidence=round(conf, 3),
    )

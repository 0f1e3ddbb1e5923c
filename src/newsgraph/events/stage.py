"""The event stage over one article: which sentences to code, and with what.

The pattern coder codes every sentence. With the optional embedder (extra ``newsgraph[embed]``)
a sentence that names actors but where no rule fired is offered to the sentence classifier; when
it names a type with enough confidence, that becomes an event whose rule is ``embed.<TYPE>`` and
whose trigger is the whole sentence, since no word triggered it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from newsgraph.actors.index import ActorIndex
from newsgraph.actors.places import gazetteer
from newsgraph.events.coder import code_events, event_date
from newsgraph.events.patterns import Patterns
from newsgraph.model import Actor, Event, Evidence, Timex, Trigger
from newsgraph.text.numbers import Figure

if TYPE_CHECKING:
    from newsgraph.events.embed import TypeClassifier

# Longer "sentences" are flattened tables or run-ons: coding them floods false events.
MAX_SENTENCE_CHARS = 2000
# The classifier speaks only when it is this sure, and its events weigh less than a rule's.
EMBED_MIN_PROBABILITY = 0.6
EMBED_WEIGHT = 0.7


def article_events(
    text: str,
    sentences: Sequence[tuple[int, int]],
    actors: Sequence[Actor],
    index: ActorIndex,
    patterns: Patterns,
    *,
    language: str | None = "en",
    published: date | None = None,
    timexes: Sequence[Timex] = (),
    figures: Sequence[Figure] = (),
    classifier: TypeClassifier | None = None,
) -> list[Event]:
    """Events of an article; none for languages other than English (the patterns are English)."""
    if language not in (None, "en"):
        return []
    coded = [(s, e) for s, e in sentences if e - s <= MAX_SENTENCE_CHARS]
    places = gazetteer(index).find(text, {a.country for a in actors if a.country})
    events = code_events(
        text,
        coded,
        actors,
        patterns,
        published=published,
        timexes=timexes,
        figures=figures,
        places=places,
    )
    if classifier is not None:
        events = _with_classified(text, coded, actors, events, classifier, published, timexes)
    return events


def _sentence_actors(actors: Sequence[Actor], start: int, end: int) -> list[str]:
    """Ids of the actors named in ``[start, end)``, in the order of their first mention there."""
    firsts = []
    for a in actors:
        inside = [m.start for m in a.mentions if start <= m.start and m.end <= end]
        if inside:
            firsts.append((min(inside), a.id))
    return [aid for _pos, aid in sorted(firsts)]


def _with_classified(
    text: str,
    sentences: Sequence[tuple[int, int]],
    actors: Sequence[Actor],
    events: list[Event],
    classifier: TypeClassifier,
    published: date | None,
    timexes: Sequence[Timex],
) -> list[Event]:
    """``events`` plus the classifier's events for sentences with actors where no rule fired."""
    covered = {(e.evidence.start, e.evidence.end) for e in events}
    todo = [
        (s, e, ids)
        for s, e in sentences
        if (s, e) not in covered and (ids := _sentence_actors(actors, s, e))
    ]
    if not todo:
        return events
    added = list(events)
    predictions = classifier.predict([text[s:e] for s, e, _ids in todo])
    for (s, e, ids), (label, prob) in zip(todo, predictions, strict=True):
        if label == "NONE" or prob < EMBED_MIN_PROBABILITY:
            continue
        when = event_date(text, timexes, s, e, s, published)
        added.append(
            Event(
                id="",
                type=label,
                actor=ids[:1],
                recipient=ids[1:2],
                date=when,
                evidence=Evidence(
                    start=s,
                    end=e,
                    rule=f"embed.{label}",
                    trigger=Trigger(start=s, end=e, text=text[s:e]),
                ),
                confidence=round(prob * EMBED_WEIGHT, 3),
            )
        )
    added.sort(key=lambda ev: (ev.evidence.start, ev.evidence.trigger.start))
    for n, ev in enumerate(added, start=1):
        ev.id = f"e{n}"
    return added

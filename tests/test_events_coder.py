"""The event coder on hand-written patterns and actors: who did what to whom, and the details."""

from __future__ import annotations

from datetime import date

import pytest

from actors_kb import small_index
from events_patterns import small_patterns
from newsgraph.actors.recognize import find_actors
from newsgraph.events.coder import code_events
from newsgraph.events.patterns import noun_forms, verb_forms
from newsgraph.model import Event
from newsgraph.text.numbers import find_figures
from newsgraph.text.segment import segment
from newsgraph.text.timex import find_timexes

INDEX = small_index()
PATTERNS = small_patterns()
PUB = date(2024, 4, 17)


def code(text: str, published: date | None = PUB) -> tuple[list[Event], dict[str, str]]:
    spans = segment(text)
    actors = find_actors(text, INDEX, published, spans)
    names = {a.id: a.name for a in actors}
    events = code_events(
        text,
        spans,
        actors,
        PATTERNS,
        published=published,
        timexes=find_timexes(text, published),
        figures=find_figures(text, spans),
    )
    return events, names


def summary(text: str) -> list[tuple[str, list[str], list[str], str]]:
    events, names = code(text)
    return [
        (
            e.type,
            [names[a] for a in e.actor],
            [names[r] for r in e.recipient],
            e.evidence.trigger.text,
        )
        for e in events
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Iran fired over 350 drones and missiles at Israel.",
            [("ASSAULT", ["Iran"], ["Israel"], "fired")],
        ),
        ("Israel struck Iran.", [("ASSAULT", ["Israel"], ["Iran"], "struck")]),
        ("Iran was attacked by Israel.", [("ASSAULT", ["Israel"], ["Iran"], "attacked")]),
        (
            "An Israeli air strike on Iran killed five.",
            [("ASSAULT", ["Israel"], ["Iran"], "air strike")],
        ),
        ("Israel's strike on Iran drew protests.", [("ASSAULT", ["Israel"], ["Iran"], "strike")]),
        (
            "Iran and Russia bombed Ukraine.",
            [("ASSAULT", ["Iran", "Russia"], ["Ukraine"], "bombed")],
        ),
        (
            "Ali Khamenei reiterated his support for Hamas.",
            [("SUPPORT", ["Ali Khamenei"], ["Hamas"], "reiterated his support for")],
        ),
        (
            "The EU imposed sanctions on Iran.",
            [("SANCTION", ["European Union"], ["Iran"], "imposed sanctions on")],
        ),
        ("The US sanctioned Iran.", [("SANCTION", ["United States"], ["Iran"], "sanctioned")]),
        (
            "Josep Borrell met with Volodymyr Zelensky.",
            [("CONSULT", ["Josep Borrell"], ["Volodymyr Zelensky"], "met with")],
        ),
        (
            "The EU called on Israel to stop.",
            [("REQUEST", ["European Union"], ["Israel"], "called on")],
        ),
        ("Iran denied it.", [("REJECT", ["Iran"], [], "denied")]),
        # A noun's actor is the subject of the verb it is the object of.
        (
            "Iran said on Monday it would widen the sanctions on Ukraine.",
            [("SANCTION", ["Iran"], ["Ukraine"], "sanctions")],
        ),
        (
            "Russia has granted new sanctions on Iran.",
            [("SANCTION", ["Russia"], ["Iran"], "sanctions")],
        ),
        # A stance, not a passive; a speaker after the object is not the recipient.
        (
            "Iran is opposed to the sanctions on Ukraine.",
            [("SANCTION", [], ["Ukraine"], "sanctions")],
        ),
        ("Israel struck Iran, Russia said.", [("ASSAULT", ["Israel"], ["Iran"], "struck")]),
        ("Israel struck in Gaza, Russia said.", [("ASSAULT", ["Israel"], [], "struck")]),
        ("Israel struck in Gaza, Russia here said.", [("ASSAULT", ["Israel"], [], "struck")]),
        # An indefinite apposition describes the subject; it does not act.
        (
            "Iran, a close partner of Russia, struck Ukraine.",
            [("ASSAULT", ["Iran"], ["Ukraine"], "struck")],
        ),
        (
            "Russia completed new talks with Ukraine.",
            [("CONSULT", ["Russia"], ["Ukraine"], "talks")],
        ),
        # ... but not across a clause, nor from a noun that merely follows an actor.
        (
            "Iran left, but sanctions on Ukraine stayed.",
            [("SANCTION", [], ["Ukraine"], "sanctions")],
        ),
        ("The minister had a heart attack.", []),
        ("Workers staged a general strike.", []),
        ("Talks resumed quietly.", []),
        ("The Rapid Support Forces advanced.", []),
    ],
)
def test_who_did_what_to_whom(
    text: str,
    expected: list[tuple[str, list[str], list[str], str]],
) -> None:
    assert summary(text) == expected


def test_event_details() -> None:
    text = (
        "Iran fired more than 300 drones and missiles at Israel on Saturday, killing "
        "at least 12 soldiers."
    )
    events, _ = code(text)
    fire = events[0]
    assert fire.evidence.rule == "assault.fire" and fire.cameo == "190"
    assert fire.date is not None and fire.date.value == "2024-04-13"
    assert {q.what for q in fire.quantities} >= {"projectiles", "killed"}
    assert fire.voice.kind == "narrator" and fire.score == -9.0
    assert text[fire.evidence.trigger.start : fire.evidence.trigger.end] == "fired"


def test_date_falls_back_to_publication() -> None:
    (event,) = code("Israel struck Iran.")[0]
    assert event.date is not None and (event.date.text, event.date.value) == ("", "2024-04-17")
    assert code("Israel struck Iran.", published=None)[0][0].date is None


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("Israel did not strike Iran.", "negated"),
        ("Israel reportedly struck Iran.", "hedged"),
        ("Israel will strike Iran.", "future"),
        ("If provoked, Israel could strike Iran.", "hypothetical"),
        ("Iran has long backed Hamas.", "historical"),
    ],
)
def test_modality(text: str, flag: str) -> None:
    (event,) = code(text)[0]
    flags = event.modality.model_dump()
    assert flags[flag] is True
    assert [k for k, v in flags.items() if v] == [flag]


def test_voice_of_reported_and_quoted_events() -> None:
    events, names = code("Ali Khamenei said Israel attacked Iran.")
    (event,) = events
    assert event.voice.kind == "attributed" and names[event.voice.speaker or ""] == "Ali Khamenei"
    events, names = code('"Israel attacked Iran," Ali Khamenei said.')
    assert events[0].voice.kind == "attributed"
    assert names[events[0].voice.speaker or ""] == "Ali Khamenei"


@pytest.mark.parametrize(
    ("spec", "forms"),
    [
        ("attack", {"attack", "attacks", "attacked", "attacking"}),
        ("strike|struck|struck", {"strike", "strikes", "struck", "striking"}),
        ("deny", {"deny", "denies", "denied", "denying"}),
        ("ban", {"ban", "bans", "banned", "banning"}),
        ("call for", {"call for", "calls for", "called for", "calling for"}),
        ("meet|met|met with", {"meet with", "meets with", "met with", "meeting with"}),
        ("meet with|met|met", {"meet with", "meets with", "met with", "meeting with"}),
    ],
)
def test_verb_forms(spec: str, forms: set[str]) -> None:
    assert set(verb_forms(spec).values()) == forms


def test_noun_forms() -> None:
    assert set(noun_forms("air strike").values()) == {"air strike", "air strikes"}
    assert set(noun_forms("casualty").values()) == {"casualty", "casualties"}

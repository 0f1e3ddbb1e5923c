"""The per-article framing summary on analyses built by hand: counts, densest sentences, and
hedge and label asymmetries reported alike for either side."""

from __future__ import annotations

import pytest

from newsgraph.framing.detect import find_framing
from newsgraph.framing.summary import framing_summary
from newsgraph.model import (
    Actor,
    Analysis,
    Article,
    Event,
    Evidence,
    Mention,
    Modality,
    Sentence,
    Trigger,
)
from newsgraph.text.segment import segment


def actor(aid: str, name: str, text: str) -> Actor:
    mentions = []
    pos = text.find(name)
    while pos >= 0:
        mentions.append(Mention(start=pos, end=pos + len(name), text=name))
        pos = text.find(name, pos + 1)
    return Actor(id=aid, name=name, kind="country", mentions=mentions)


def event(eid: str, text: str, sentence: str, trigger: str, who: str, whom: str,
          hedged: bool) -> Event:  # fmt: skip
    s = text.index(sentence)
    t = text.index(trigger, s)
    return Event(
        id=eid,
        type="ASSAULT",
        actor=[who],
        recipient=[whom],
        modality=Modality(hedged=hedged),
        evidence=Evidence(
            start=s,
            end=s + len(sentence),
            trigger=Trigger(start=t, end=t + len(trigger), text=trigger),
            rule="test",
        ),
        confidence=0.8,
    )


def analysed(text: str, actors: list[Actor], events: list[Event] | None = None) -> Analysis:
    sentences = [Sentence(start=s, end=e) for s, e in segment(text)]
    return Analysis(
        article=Article(id="t", text=text),
        sentences=sentences,
        actors=actors,
        events=events or [],
        framing=find_framing(text, sentences, []),
    )


def test_counts_and_densest() -> None:
    text = (
        "Talks resumed in Geneva on Monday. "
        "The brutal regime slaughtered protesters. "
        "Officials reportedly met again."
    )
    summary = framing_summary(analysed(text, []), top=2)
    assert summary.total == 4
    assert summary.by_voice == {"narrator": 4, "quoted": 0}
    assert summary.counts == {
        "emotive": {"narrator": 1},
        "hedge": {"narrator": 1},
        "label": {"narrator": 1},
        "loaded": {"narrator": 1},
    }
    assert [d.index for d in summary.densest] == [1, 2]
    assert summary.densest[0].spans == 3 and summary.densest[0].words == 5
    assert summary.densest[0].categories == ["emotive", "label", "loaded"]


SIDES = [("Azerbaijan", "Armenia"), ("Armenia", "Azerbaijan"), ("India", "Pakistan"),
         ("Pakistan", "India")]  # fmt: skip


@pytest.mark.parametrize(("first", "second"), SIDES)
def test_hedge_asymmetry_either_side(first: str, second: str) -> None:
    one = f"{first} allegedly shelled {second} villages on Monday."
    two = f"{second} shelled {first} positions on Tuesday."
    text = f"{one} {two}"
    actors = [actor("x", first, text), actor("y", second, text)]
    events = [
        event("e1", text, one, "shelled", "x", "y", hedged=True),
        event("e2", text, two, "shelled", "y", "x", hedged=False),
    ]
    found = framing_summary(analysed(text, actors, events)).asymmetries
    hedges = [a for a in found if a.kind == "hedge"]
    assert len(hedges) == 1
    assert (hedges[0].event_type, hedges[0].marked, hedges[0].unmarked) == ("ASSAULT", ["x"], ["y"])
    assert hedges[0].terms == ["allegedly"]


def test_no_hedge_asymmetry_when_both_are_hedged() -> None:
    one = "Azerbaijan allegedly shelled Armenia villages."
    two = "Armenia reportedly shelled Azerbaijan positions."
    text = f"{one} {two}"
    actors = [actor("x", "Azerbaijan", text), actor("y", "Armenia", text)]
    events = [
        event("e1", text, one, "shelled", "x", "y", hedged=True),
        event("e2", text, two, "shelled", "y", "x", hedged=True),
    ]
    assert not [a for a in framing_summary(analysed(text, actors, events)).asymmetries
                if a.kind == "hedge"]  # fmt: skip


def test_hedged_modality_without_a_narrator_hedge_is_not_counted() -> None:
    one = "Azerbaijan may have shelled Armenia villages."
    two = "Armenia shelled Azerbaijan positions."
    text = f"{one} {two}"
    actors = [actor("x", "Azerbaijan", text), actor("y", "Armenia", text)]
    events = [
        event("e1", text, one, "shelled", "x", "y", hedged=True),
        event("e2", text, two, "shelled", "y", "x", hedged=False),
    ]
    assert not framing_summary(analysed(text, actors, events)).asymmetries


@pytest.mark.parametrize(("first", "second"), SIDES)
def test_label_asymmetry_either_side(first: str, second: str) -> None:
    text = f"The {first} regime accused {second} of provocations."
    actors = [actor("x", first, text), actor("y", second, text)]
    labels = [a for a in framing_summary(analysed(text, actors)).asymmetries if a.kind == "label"]
    assert [(a.marked, a.unmarked, a.terms) for a in labels] == [(["x"], ["y"], ["regime"])]


def test_no_label_asymmetry_when_both_sides_are_labelled() -> None:
    text = "The Azerbaijan regime accused the Armenia junta of provocations."
    actors = [actor("x", "Azerbaijan", text), actor("y", "Armenia", text)]
    assert not framing_summary(analysed(text, actors)).asymmetries


def test_empty_analysis() -> None:
    summary = framing_summary(analysed("", []))
    assert (summary.total, summary.densest, summary.asymmetries) == (0, [], [])
    assert summary.by_voice == {"narrator": 0, "quoted": 0}

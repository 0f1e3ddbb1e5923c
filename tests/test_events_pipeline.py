"""The event stage over whole articles with the bundled patterns: stories, and bad input."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from newsgraph import analyze
from newsgraph.events.patterns import PatternError, data_dir, default_patterns, load_patterns
from newsgraph.model import Analysis

PUB = "2024-04-17"


def events(text: str) -> tuple[Analysis, list[tuple[str, list[str], list[str]]]]:
    an = analyze(text, published=PUB)
    names = {a.id: a.name for a in an.actors}
    return an, [
        (e.type, [names[i] for i in e.actor], [names[i] for i in e.recipient]) for e in an.events
    ]


def test_every_type_has_rules_and_every_rule_a_known_mode() -> None:
    patterns = default_patterns()
    types = {t for t, _rule in patterns.rules.values()}
    assert types == set(patterns.ontology.types) and len(types) == 16
    for t, rule in patterns.rules.values():
        assert rule.mode is None or rule.mode in patterns.ontology.types[t].modes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Iran fired more than 300 drones and missiles at Israel on Saturday.",
            ("ASSAULT", ["Iran"], ["Israel"]),
        ),
        (
            "The European Union imposed new sanctions on Iran.",
            ("SANCTION", ["European Union"], ["Iran"]),
        ),
        (
            "Ali Khamenei reiterated his support for Hamas.",
            ("SUPPORT", ["Ali Khamenei"], ["Hamas"]),
        ),
        # PLOVER codes signing an agreement as SUPPORT; promising to sign is AGREE.
        ("Russia and China signed a trade agreement.", ("SUPPORT", ["Russia", "China"], [])),
        ("Russia and China agreed to sign a trade pact.", ("AGREE", ["Russia", "China"], [])),
        ("Hamas accused Israel of violating the truce.", ("ACCUSE", ["Hamas"], ["Israel"])),
        ("Ukraine called for more air defence from NATO.", ("REQUEST", ["Ukraine"], [])),
        (
            "Police arrested dozens of protesters in Nairobi.",
            ("COERCE", ["police"], ["protesters"]),
        ),
        # An obligation a speaker puts on another actor is a demand.
        (
            "Ukraine said on Friday that Russia must withdraw its troops.",
            ("REQUEST", ["Ukraine"], ["Russia"]),
        ),
        ("Israel insisted that Hamas should release the hostages.", ("REQUEST", ["Israel"], [])),
        # A withdrawal from a place is a retreat; one from a treaty is not (see below).
        (
            "Ethiopian troops completed their withdrawal from the town of Adigrat.",
            ("RETREAT", ["Ethiopian troops"], []),
        ),
    ],
)
def test_news_sentences(text: str, expected: tuple[str, list[str], list[str]]) -> None:
    _an, found = events("Story\n\n" + text)
    assert any(
        t == expected[0]
        and a[: len(expected[1])] == expected[1]
        and all(r in rs for r in expected[2])
        for t, a, rs in found
    ), found


def test_a_10000_token_sentence_codes_no_events_and_warns() -> None:
    text = "Story\n\n" + " ".join(["Israel struck Iran and Iran attacked Israel"] * 1500)
    an, found = events(text)
    assert found == [] and any("flattened table" in w for w in an.warnings)


def test_a_flattened_table_of_numbers_is_no_flood() -> None:
    rows = "\n".join(f"Region {i} 1{i}0 2{i}5 3.{i} 4{i}%" for i in range(200))
    _an, found = events("Table\n\n" + rows)
    assert len(found) <= 2


def test_non_english_text_codes_no_events_and_warns() -> None:
    text = (
        "Frappes\n\nL'armée israélienne a frappé des cibles en Iran lundi, et l'Iran a "
        "attaqué Israël avec des drones et des missiles, selon les autorités."
    )
    an, found = events(text)
    assert an.article.language == "fr" and found == []
    assert any("written for English" in w for w in an.warnings)


@pytest.mark.parametrize(
    ("text", "etype"),
    [
        ("Japan will provide food aid to Sudan.", "AGREE"),
        ("Turkey agreed to withdraw its troops from the border.", "AGREE"),
        ("Israel vowed to strike Hezbollah.", "THREATEN"),
        ("Japan provided food aid to Sudan.", "AID"),
    ],
)
def test_promised_deeds_are_agreements_or_threats(text: str, etype: str) -> None:
    _an, found = events("Story\n\n" + text)
    assert etype in [t for t, _a, _r in found], found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A verb that undoes an event noun turns the event around.
        ("Turkey lifted the night curfew in Diyarbakir.", ("CONCEDE", "coerce.curfew.reversed")),
        ("Germany halted its military aid to Azerbaijan.", ("SANCTION", "sanction.cut_aid")),
        ("India suspended the peace talks with Pakistan.", ("SANCTION", "consult")),
        ("Armenia cancelled a planned visit to Turkey.", ("SANCTION", "agree.intend_meet")),
        ("Israel lifted on Friday a week-old blockade on the crossing.", ("RETREAT", "coerce")),
        ("Hamas ended its rocket attacks on Israel.", ("RETREAT", "assault")),
        ("Israel imposed a blockade on Gaza.", ("COERCE", "coerce.blockade")),
        # A stop word between the verb and the noun: no reversal.
        ("Iran lifted its ban and imposed a curfew on Tabriz.", ("COERCE", "coerce.curfew")),
    ],
)
def test_reversals(text: str, expected: tuple[str, str]) -> None:
    an, _found = events("Story\n\n" + text)
    types_rules = [(e.type, e.evidence.rule) for e in an.events]
    assert any(t == expected[0] and r.startswith(expected[1]) for t, r in types_rules), types_rules
    # The turned event is the only one its trigger words give.
    triggers = [(e.evidence.trigger.start, e.evidence.trigger.end) for e in an.events]
    assert all(b <= c or d <= a for i, (a, b) in enumerate(triggers) for c, d in triggers[i + 1 :])


def test_a_reversal_file_naming_an_unknown_type_is_an_error(tmp_path: Path) -> None:
    root = tmp_path / "events"
    shutil.copytree(data_dir(), root)
    (root / "reversals.yaml").write_text("verbs: [lift]\ntypes:\n  COERCE: {type: PEACE}\n")
    with pytest.raises(PatternError, match=r"reversals\.yaml: COERCE: unknown event type 'PEACE'"):
        load_patterns(root)


@pytest.mark.parametrize(
    "text",
    [
        "Ukraine said on Friday that Russia must withdraw its troops.",
        "Israel insisted that Hamas should release the hostages.",
    ],
)
def test_the_deed_demanded_is_not_coded_as_done(text: str) -> None:
    _an, found = events("Story\n\n" + text)
    assert [t for t, _a, _r in found] == ["REQUEST"]


@pytest.mark.parametrize(
    "text",
    ["Analysts said the talks must not fail.", "Russia must decide, the report said."],
)
def test_no_obligation_without_a_second_actor_or_when_negated(text: str) -> None:
    _an, found = events("Story\n\n" + text)
    assert not [t for t, _a, _r in found if t == "REQUEST"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Iran attacked Israel in 2024.", "2024"),
        ("Israel struck Iran on Monday, a year after the 2023 attack.", "2024-04-15"),
        # A year that names a thing is not the event's date: the publication date stands.
        ("Pakistan warned India over the 1960 treaty.", PUB),
        ("Armenia accused Azerbaijan of breaking the 2020 ceasefire deal.", PUB),
    ],
)
def test_event_dates(text: str, value: str) -> None:
    an, _found = events("Story\n\n" + text)
    assert an.events and an.events[0].date is not None and an.events[0].date.value == value


@pytest.mark.parametrize(
    ("text", "etype"),
    [
        # Refusing or failing a cooperative deed is a rejection, and the rejection happened.
        ("Serbia and Kosovo failed to reach agreement on the border.", "REJECT"),
        ("Chile said it would not accept the proposal from Bolivia.", "REJECT"),
        # A promise reaches a noun through its light verb.
        ("Ecuador said it will impose a night curfew in Guayaquil.", "THREATEN"),
        ("Norway plans to send humanitarian aid to Sudan.", "AGREE"),
        # An infinitive reaches back to its promise across a few words.
        ("Japan agreed in principle on Friday to provide 70 million dollars to Laos.", "AGREE"),
    ],
)
def test_refusals_and_promises(text: str, etype: str) -> None:
    an, found = events("Story\n\n" + text)
    assert etype in [t for t, _a, _r in found], found
    assert not any(e.modality.negated for e in an.events if e.type == "REJECT")


@pytest.mark.parametrize(
    "text",
    [
        "Workers in Serbia began an open-ended strike on Monday.",
        "Villagers in war-torn Darfur held open-ended talks with the governor.",
    ],
)
def test_no_trigger_inside_a_hyphenated_word(text: str) -> None:
    an, _found = events("Story\n\n" + text)
    triggers = [e.evidence.trigger.text for e in an.events]
    assert an.events and not any("ended" in t or "torn" in t for t in triggers), triggers


@pytest.mark.parametrize(
    ("text", "etype"),
    [
        # A giving verb is an event only with what it gives: money or relief goods.
        ("Germany gave 352.5 million euros to Ethiopia.", "AID"),
        ("Qatar sent food, tents and medicine to Gaza.", "AID"),
        ("Japan returned two bronze statues to Cambodia.", "RETREAT"),
        ("Chad admitted 300 displaced families from Sudan.", "AID"),
        # A rule that lacks its object gives way to the others on the same words.
        ("Germany welcomed the statement from Iran.", "SUPPORT"),
        ("Germany welcomed Syrian refugees.", "AID"),
        ("Farmers in France blocked the Pont Neuf bridge for hours.", "PROTEST"),
        ("Germany gave a speech in Ethiopia.", None),
        ("The refugees returned home to Syria.", None),
    ],
)
def test_verbs_that_need_an_object(text: str, etype: str | None) -> None:
    _an, found = events("Story\n\n" + text)
    assert [t for t, _a, _r in found] == ([etype] if etype else []), found


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        # Numbers and quantifiers inside a multi-word trigger: "evacuate (all 21) settlements".
        ("Israel will evacuate all 21 settlements in Gaza.", "evacuate all 21 settlements"),
        ("The EU imposed new sanctions on Iran.", "imposed new sanctions on"),
        ("Russia has strengthened its forces in Belarus.", "strengthened its forces"),
    ],
)
def test_quantifiers_inside_a_trigger(text: str, trigger: str) -> None:
    an, _found = events("Story\n\n" + text)
    assert trigger in [e.evidence.trigger.text for e in an.events]


@pytest.mark.parametrize(
    "text",
    [
        "Russia announced its withdrawal from the treaty.",
        "The United States confirmed its withdrawal from the alliance.",
        "Mali completed its withdrawal from the bloc.",
    ],
)
def test_a_withdrawal_from_an_agreement_or_body_is_no_retreat(text: str) -> None:
    _an, found = events("Story\n\n" + text)
    assert all(t != "RETREAT" for t, _a, _r in found), found

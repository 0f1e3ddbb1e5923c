"""Actor recognition and resolution on a small hand-written base: names, compounds, coreference."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from actors_kb import small_index
from newsgraph.actors.recognize import find_actors
from newsgraph.model import Actor
from newsgraph.text.segment import segment

INDEX = small_index()
D2024 = date(2024, 4, 15)


def actors(text: str, when: date | None = D2024) -> list[Actor]:
    return find_actors(text, INDEX, when, segment(text))


def table(text: str, when: date | None = D2024) -> list[tuple[str, str | None, list[str]]]:
    return [(a.name, a.code, [m.text for m in a.mentions]) for a in actors(text, when)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Iran's Supreme Leader Ali Khamenei spoke.",
            [("Ali Khamenei", "IRNGOV", ["Iran's Supreme Leader Ali Khamenei"])],
        ),
        (
            "EU foreign policy chief Josep Borrell said so.",
            [("Josep Borrell", "IGOEU", ["EU foreign policy chief Josep Borrell"])],
        ),
        (
            "Iran-backed Hamas fired rockets.",
            [("Iran", "IRN", ["Iran"]), ("Hamas", "PSEREB", ["Hamas"])],
        ),
        ("An Israeli air strike hit the area.", [("Israel", "ISR", ["Israeli"])]),
        ("Israeli troops entered the town.", [("Israeli troops", "ISRMIL", ["Israeli troops"])]),
        (
            "Ukrainian border police stopped them.",
            [("Ukrainian border police", "UKRCOP", ["Ukrainian border police"])],
        ),
        # A role word before a noun it qualifies is an adjective, not an actor.
        (
            "Ukraine lodged a police protest with Russia.",
            [("Ukraine", "UKR", ["Ukraine"]), ("Russia", "RUS", ["Russia"])],
        ),
        # Forces led by a country are its own.
        (
            "Russian-led troops entered the town.",
            [("Russian-led troops", "RUSMIL", ["Russian-led troops"])],
        ),
        # Rank words stand inside a title chain in any case.
        (
            "Iran's Deputy Foreign Minister Ali Bagheri spoke.",
            [("Ali Bagheri", "IRNGOV", ["Iran's Deputy Foreign Minister Ali Bagheri"])],
        ),
        (
            "Russia's acting foreign ministry protested.",
            [("Russia's acting foreign ministry", "RUSGOV", ["Russia's acting foreign ministry"])],
        ),
        # Only an adjective reaches over a word; "Ukraine said police" is a clause.
        (
            "Ukraine said police stopped them.",
            [("Ukraine", "UKR", ["Ukraine"]), ("police", "UKRCOP", ["police"])],
        ),
        (
            "Iran's foreign ministry protested.",
            [("Iran's foreign ministry", "IRNGOV", ["Iran's foreign ministry"])],
        ),
        ("The Kremlin denied it.", [("Government of Russia", "RUSGOV", ["Kremlin"])]),
        ("Tehran rejected the claim.", [("Government of Iran", "IRNGOV", ["Tehran"])]),
        ("Talks were held in Tehran.", []),
        ("Iranians celebrated.", [("Iran (people)", "IRNCVL", ["Iranians"])]),
        (
            "The US and Russia met.",
            [("United States", "USA", ["US"]), ("Russia", "RUS", ["Russia"])],
        ),
        ("Let us go.", []),
        ("Chad closed its border.", [("Chad", "TCD", ["Chad"])]),
        ("He will chad the ballot.", []),
        (
            "Protesters clashed with police.",
            [("protesters", None, ["Protesters"]), ("police", None, ["police"])],
        ),
        ("Gen. Ivan Petrov left.", [("Ivan Petrov", None, ["Gen. Ivan Petrov"])]),
        ("Nasser Kanaani, a spokesman, spoke.", [("Nasser Kanaani", None, ["Nasser Kanaani"])]),
        (
            "Hamas accused the troops of lying.",
            [("Hamas", "PSEREB", ["Hamas"]), ("troops", None, ["troops"])],
        ),
        ("Fighting raged in Wad Madani overnight.", []),
        # A determiner starts a new phrase: Chad does not modify the name after "welcomed the".
        (
            "Chad welcomed the Ivan Petrov plan.",
            [("Chad", "TCD", ["Chad"]), ("Ivan Petrov", "TCD", ["Ivan Petrov"])],
        ),
        # A role word before certain nouns is an adjective: "police custody" is no actor.
        ("Ukraine sent the men to police custody.", [("Ukraine", "UKR", ["Ukraine"])]),
        ("The police detained them.", [("police", None, ["police"])]),
        # A country right after a role is its own, whatever else the sentence names.
        (
            "Troops in Chad fired at Iran.",
            [
                ("troops", "TCDMIL", ["Troops"]),
                ("Chad", "TCD", ["Chad"]),
                ("Iran", "IRN", ["Iran"]),
            ],
        ),
        (
            # A clause between a modifier and a name: the modifier is not the name's.
            "Iranian protesters demanded the release of Gen. Ivan Petrov.",
            [
                ("Iranian protesters", "IRNCVL", ["Iranian protesters"]),
                ("Ivan Petrov", "IRNMIL", ["Gen. Ivan Petrov"]),
            ],
        ),
        (
            "Iranian protesters demanded Gen. Ivan Petrov.",
            [
                ("Iranian protesters", "IRNCVL", ["Iranian protesters"]),
                ("Ivan Petrov", "IRNMIL", ["Gen. Ivan Petrov"]),
            ],
        ),
        (
            "Police in Ukraine detained protesters.",
            [
                ("police", "UKRCOP", ["Police"]),
                ("Ukraine", "UKR", ["Ukraine"]),
                ("protesters", "UKRCVL", ["protesters"]),
            ],
        ),
        (
            "Police from Chad and Iran met protesters.",
            [
                ("police", None, ["Police"]),
                ("Chad", "TCD", ["Chad"]),
                ("Iran", "IRN", ["Iran"]),
                ("protesters", None, ["protesters"]),
            ],
        ),
        ("The Indus Waters Treaty was suspended.", []),
        ("Aid reached Wad Madani Hospital.", []),
        (
            "Volodymyr Zelenskyy met Joe Biden.",
            [
                ("Volodymyr Zelensky", "UKRGOV", ["Volodymyr Zelenskyy"]),
                ("Joe Biden", "USAGOV", ["Joe Biden"]),
            ],
        ),
    ],
)
def test_names_and_compounds(text: str, expected: list[tuple[str, str | None, list[str]]]) -> None:
    assert table(text) == expected


@pytest.mark.parametrize(
    ("when", "code"),
    [
        (date(2012, 5, 1), "USAGOV"),
        (date(2018, 5, 1), "USAELI"),
        (date(2023, 5, 1), "USAGOV"),
        (date(2026, 5, 1), "USAELI"),
    ],
)
def test_codes_follow_the_article_date(when: date, code: str) -> None:
    (biden,) = actors("Joe Biden spoke.", when)
    assert biden.code == code


def test_borrell_after_his_term_is_a_former_official() -> None:
    (borrell,) = actors("Josep Borrell spoke.", date(2025, 3, 1))
    assert borrell.sector == "ELI"


@pytest.mark.parametrize(
    ("text", "mentions"),
    [
        ("Ali Khamenei spoke. He warned Israel.", ["Ali Khamenei", "He"]),
        (
            "Ali Khamenei spoke on Monday. Later, the supreme leader warned Israel.",
            ["Ali Khamenei", "the supreme leader"],
        ),
        ("Josep Borrell met Ali Khamenei. His remarks were brief.", ["Ali Khamenei", "His"]),
        ("Joe Biden spoke. Then Khamenei answered. Biden left.", ["Joe Biden", "Biden"]),
    ],
)
def test_person_coreference(text: str, mentions: list[str]) -> None:
    found = {tuple(m.text for m in a.mentions) for a in actors(text)}
    assert tuple(mentions) in found


def test_group_and_regime_coreference() -> None:
    found = {
        a.name: [m.text for m in a.mentions]
        for a in actors("Hamas said the group would respond. Iran called the regime weak.")
    }
    assert found["Hamas"] == ["Hamas", "the group"]
    assert found["Iran"] == ["Iran", "the regime"]


def test_pronoun_without_a_person_is_dropped() -> None:
    assert table("He said the talks would resume.") == []


def test_coreference_does_not_reach_far_back() -> None:
    filler = " ".join(f"Talks went on for day {i}." for i in range(6))
    found = actors(f"Ali Khamenei spoke. {filler} He left.")
    assert [m.text for m in found[0].mentions] == ["Ali Khamenei"]


def test_surname_alone_needs_an_earlier_full_name_or_a_unique_current_holder() -> None:
    assert table("Khamenei spoke.") == [("Ali Khamenei", "IRNGOV", ["Khamenei"])]
    assert table("Borrell spoke.", date(2026, 1, 1)) == []


@pytest.mark.parametrize(
    ("text", "when", "name", "country"),
    [
        # In office on the date: the title agrees.
        ("President Zelensky spoke.", date(2024, 1, 1), "Volodymyr Zelensky", "UKR"),
        # Out of office: the bearer who held that title nearest the date.
        ("President Zelensky spoke.", date(2010, 1, 1), "Volodymyr Zelensky", "UKR"),
        ("President Biden spoke.", date(2030, 1, 1), "Joe Biden", "USA"),
        # A title the bearer never held: a person the base does not know, not a wrong match.
        ("President Borrell spoke.", date(2026, 1, 1), "Borrell", None),
        # A titled name takes the country after "of", whether the base knows the surname or not.
        ("President Borrell of Chad spoke to Iran.", date(2026, 1, 1), "Borrell", "TCD"),
        ("President Mahamat of Chad spoke to Iran.", date(2026, 1, 1), "Mahamat", "TCD"),
    ],
)
def test_title_and_surname(text: str, when: date, name: str, country: str | None) -> None:
    found = actors(text, when)
    assert [(a.name, a.country) for a in found if a.kind == "person"] == [(name, country)]


def test_mentions_point_at_the_text() -> None:
    text = "Iran's Supreme Leader Ali Khamenei praised Hamas. He said Israeli troops would fail."
    for actor in actors(text):
        for m in actor.mentions:
            assert text[m.start : m.end] == m.text


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("IranIsraelHamasKhamenei's Chad US-.,\"'he")), max_size=300
    )
)
def test_arbitrary_text(text: str) -> None:
    for actor in find_actors(text, INDEX, None):
        for m in actor.mentions:
            assert 0 <= m.start < m.end <= len(text) and text[m.start : m.end] == m.text

"""Figures: what is not a figure, number parsing, offsets and arbitrary input."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.model import Claim
from newsgraph.text.numbers import CATEGORIES, find_figures, parse_number, to_claim
from test_numbers import CASES, _by_text

NOT_FIGURES = [
    "The truce began on Monday, one day after the talks in Doha.",
    "Hamas attacked on October 7, and Israel declared war on 7 October 2023.",
    "The 2019 elections in Bolivia ended in a crisis.",
    "In 2014 Russia annexed Crimea, and by 2030 the population may shrink.",
    "The war lasted from 1992 to 1995, and the occupation 1967-2005.",
    "The strike happened at 7 p.m. local time, or 19:00 GMT.",
    "Curfew starts at 07:30 and ends at 10.30pm.",
    "The 3rd Brigade and the 1st Division moved to the front.",
    "No one was hurt, and the one who fired has fled.",
    "She was one of the first to leave.",
    "UN Security Council Resolution 2334 condemns settlement building.",
    "Article 5 of the NATO treaty was discussed on Route 6.",
    "Leaders of the Group of Seven met in Apulia, and the Group of 77 issued a statement.",
    "A seven-year-old girl was treated for shock, as were 16-year-olds from the school.",
    "Downing Street said No. 10 would not comment.",
    "Call +44 20 7946 0958 or 202-555-0143 for details.",
    "The F-16 jets, MiG-29s and Su-35s were grounded after COVID-19 spread.",
    "G7 and G20 leaders met in Hiroshima.",
    "Boeing 737 planes are banned from the airport.",
    "The match ended 3-1 after extra time.",
    "The two-state solution is backed by a three-judge panel.",
    "The 1990s were turbulent, and 5G masts were torched.",
    "The ceasefire collapsed two weeks later, as it had three years ago.",
    "They spoke on Sept. 13 about the events of 9/11.",
    "The pre-1967 lines and mid-2023 estimates differ.",
    "Elections are due between 2024 and 2025.",
    "Someone said anyone could be the one.",
    "Account 123456789012345678901 and case 12345678901234567890 were frozen.",
    f"The cable read {'9' * 400} and {'7' * 400} and a half million.",
]


@pytest.mark.parametrize("sentence", NOT_FIGURES)
def test_not_a_figure(sentence: str) -> None:
    assert [f.text for f in find_figures(sentence)] == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("3,100", 3100),
        ("1.5 million", 1.5e6),
        ("two dozen", 24),
        ("one third", 1 / 3),
        ("twenty-five", 25),
        ("a hundred", 100),
        ("two hundred and fifty", 250),
        ("1.2bn", 1.2e9),
        ("half a million", 5e5),
        ("hundreds of", 200),
        ("tens of thousands of", 20000),
        ("three quarters", 0.75),
        ("0.5", 0.5),
        ("2019", 2019),
    ],
)
def test_parse_number(text: str, value: float) -> None:
    got = parse_number(text)
    assert got is not None and math.isclose(got, value)


@pytest.mark.parametrize("text", ["", "first", "3rd", "many", "the", "7 October", "F-16"])
def test_parse_number_rejects(text: str) -> None:
    assert parse_number(text) is None


def test_figures_in_sentence_spans_are_offsets_into_the_text() -> None:
    text = "Talks resumed. Police arrested 40 people. Another 12 were later freed."
    sentences = [(0, 14), (15, 41), (42, len(text))]
    figures = find_figures(text, sentences)
    assert [f.text for f in figures] == ["40 people", "12"]
    assert all(text[f.start : f.end] == f.text for f in figures)
    assert figures == sorted(figures, key=lambda f: f.start)


def test_context_does_not_cross_sentences_when_reading_the_whole_text() -> None:
    text = "Police said 12 were killed. 40 people attended the vigil. Nearly. 30 came."
    figures = find_figures(text)
    assert [(f.text, f.what, f.qualifier) for f in figures] == [
        ("12", "killed", None),
        ("40 people", "people", None),
        ("30", None, None),
    ]


def test_several_figures_in_order() -> None:
    text = "Israel says 1,200 were killed; Gaza's ministry says 30,000; the UN says 85% fled."
    figures = find_figures(text)
    assert [f.value for f in figures] == [1200, 30000, 85]
    assert [f.category for f in figures] == ["killed", None, "percent"]


def test_to_claim() -> None:
    sentence = "Between 20 and 30 people were injured in Paris."
    fig = _by_text(sentence, "Between 20 and 30 people")
    claim = to_claim(fig, "c1")
    assert isinstance(claim, Claim)
    assert (claim.id, claim.start, claim.end, claim.text) == ("c1", 0, 24, fig.text)
    assert (claim.value, claim.value_high, claim.qualifier) == (20, 30, "between")
    assert claim.hedged and claim.what == "people injured" and claim.unit is None
    assert claim.voice.kind == "narrator"


def test_categories_are_from_the_documented_set() -> None:
    text = " ".join(sentence for sentence, _want in CASES)
    assert {f.category for f in find_figures(text)} <= {*CATEGORIES, None}


_news_alphabet = st.sampled_from(
    [*"0123456789,.-–%$€£ \n\t()/:+'\"abcdefghijklmnopqrstuvwxyzAEIOST",
     " million", " billion", "bn", " between ", " and ", " to ", " of ", " killed ",
     " people ", " one ", " dozen ", " half ", " third ", " at least ", " October ",
     " Resolution ", " per cent", " hundreds of ", "-year-old", " in five "]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_news_alphabet, max_size=60).map("".join))
def test_arbitrary_text_never_crashes(text: str) -> None:
    for fig in find_figures(text):
        assert 0 <= fig.start < fig.end <= len(text)
        assert text[fig.start : fig.end] == fig.text
        assert math.isfinite(fig.value)


@settings(max_examples=200, deadline=None)
@given(
    st.text(max_size=200),
    st.lists(st.tuples(st.integers(-5, 250), st.integers(-5, 250)), max_size=5),
)
def test_arbitrary_text_and_spans_never_crash(text: str, spans: list[tuple[int, int]]) -> None:
    figures = find_figures(text, spans)
    for fig in figures:
        assert 0 <= fig.start < fig.end <= len(text)
        assert text[fig.start : fig.end] == fig.text
    assert figures == sorted(figures, key=lambda f: (f.start, f.end))

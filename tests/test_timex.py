"""Tests for newsgraph.text.timex: date expressions resolved against the publication date."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.text.timex import find_timexes

WED = dt.date(2024, 4, 17)  # a Wednesday, ISO week 16

# (sentence, published, expected span text, expected value)
CASES: list[tuple[str, dt.date | None, str, str]] = [
    # weekdays: past by default, forward with future cues
    ("The two sides met in Doha on Monday.", WED, "Monday", "2024-04-15"),
    ("Protesters gathered outside parliament on Wednesday.", WED, "Wednesday", "2024-04-17"),
    ("Rebels said on Sunday they had shot down a drone.", WED, "Sunday", "2024-04-14"),
    ("The minister will travel to Cairo on Monday.", WED, "Monday", "2024-04-22"),
    ("Talks are expected to resume on Friday.", WED, "Friday", "2024-04-19"),
    ("The vote is scheduled for Thursday, officials said.", WED, "Thursday", "2024-04-18"),
    ("Negotiators meet again next Monday.", WED, "next Monday", "2024-04-22"),
    ("The ballot takes place this coming Saturday.", WED, "this coming Saturday", "2024-04-20"),
    ("Militants shelled the town last Monday, residents said.", WED, "last Monday", "2024-04-15"),
    ("On Tuesday, the army said it had repelled an attack.", WED, "Tuesday", "2024-04-16"),
    ("Officials criticised Tuesday's vote in the assembly.", WED, "Tuesday", "2024-04-16"),
    ("The strike ended on Friday, April 12.", WED, "Friday, April 12", "2024-04-12"),
    ("Shelling resumed on Saturday night.", WED, "Saturday night", "2024-04-13"),
    ("He was arrested on Friday.", dt.date(2024, 1, 2), "Friday", "2023-12-29"),
    (
        "The ministry issued a decree on Thursday that will raise fuel prices.",
        WED,
        "Thursday",
        "2024-04-11",
    ),
    (
        "The summit, which will take place on Monday, was announced yesterday.",
        WED,
        "Monday",
        "2024-04-22",
    ),
    ("On Monday, the council will vote on the budget.", WED, "Monday", "2024-04-22"),
    ("The road closed due to flooding on Monday.", WED, "Monday", "2024-04-15"),
    ("The hearing has been postponed until Friday.", WED, "Friday", "2024-04-19"),
    # weeks, months, years relative to publication
    (
        "The ministry said earlier this month that exports fell.",
        WED,
        "earlier this month",
        "2024-04",
    ),
    ("The army said earlier this week it had pulled back.", WED, "earlier this week", "2024-W16"),
    ("Aid convoys reached the city this week.", WED, "this week", "2024-W16"),
    ("Police arrested 12 people last week.", WED, "last week", "2024-W15"),
    ("The data released last week showed a rise.", dt.date(2024, 1, 3), "last week", "2023-W52"),
    ("Unions will strike next week.", WED, "next week", "2024-W17"),
    ("Prices rose sharply last month.", WED, "last month", "2024-03"),
    ("Last month's talks collapsed.", WED, "Last month", "2024-03"),
    ("The election was held last year.", WED, "last year", "2023"),
    ("This year the harvest failed.", WED, "This year", "2024"),
    ("The treaty will expire next year.", WED, "next year", "2025"),
    ("Late last year, the company cut jobs.", WED, "Late last year", "2023"),
    ("The army plans to withdraw by the end of the year.", WED, "the end of the year", "2024"),
    ("Clashes erupted over the weekend.", WED, "the weekend", "2024-W15-WE"),
    # month and day, with the year chosen from publication and tense
    ("Gunmen attacked the festival on October 7.", WED, "October 7", "2023-10-07"),
    ("Gunmen attacked the festival on 7 October.", WED, "7 October", "2023-10-07"),
    ("The ceasefire collapsed on Oct. 7.", WED, "Oct. 7", "2023-10-07"),
    ("The summit will be held on May 3.", WED, "May 3", "2024-05-03"),
    ("The court will rule on November 20.", WED, "November 20", "2023-11-20"),
    ("The accord was signed on the 3rd of April.", WED, "the 3rd of April", "2024-04-03"),
    ("The raid on October 7, 2023 killed hundreds.", WED, "October 7, 2023", "2023-10-07"),
    ("The verdict came on Monday 8 April 2024.", WED, "Monday 8 April 2024", "2024-04-08"),
    ("The accord was signed on 12 March 2015.", None, "12 March 2015", "2015-03-12"),
    # months, seasons, quarters
    ("Inflation peaked in March.", WED, "March", "2024-03"),
    ("Inflation peaked in June.", WED, "June", "2023-06"),
    ("Elections are scheduled for June.", WED, "June", "2024-06"),
    ("In December, prices fell.", dt.date(2024, 1, 10), "December", "2023-12"),
    ("The plant closed in March 2022.", WED, "March 2022", "2022-03"),
    ("Talks stalled in late March.", WED, "late March", "2024-03"),
    ("The law takes effect next January.", WED, "next January", "2025-01"),
    ("Profits rose in the first quarter.", WED, "the first quarter", "2024-Q1"),
    ("Violence flared in the third quarter of 2023.", WED, "the third quarter of 2023", "2023-Q3"),
    ("Fighting intensified this spring.", WED, "this spring", "2024-SP"),
    ("The rebels had fled last summer.", WED, "last summer", "2023-SU"),
    ("Elections were held in the fall of 2019.", WED, "fall of 2019", "2019-FA"),
    # years, decades, centuries
    ("The company was founded in 2019.", WED, "2019", "2019"),
    ("Troops withdrew in 1999.", None, "1999", "1999"),
    ("The factory opened in mid-2021.", WED, "mid-2021", "2021"),
    ("The city was rebuilt in the 1990s.", WED, "the 1990s", "199"),
    ("Borders were redrawn in the 20th century.", WED, "the 20th century", "19"),
    # ranges
    ("Since October 7, thousands have fled.", WED, "Since October 7", "2023-10-07/2024-04-17"),
    (
        "Strikes continued between March 3 and 5.",
        WED,
        "between March 3 and 5",
        "2024-03-03/2024-03-05",
    ),
    ("Output fell from 2019 to 2021.", WED, "from 2019 to 2021", "2019/2021"),
    ("The fair runs March 3-5, 2024.", WED, "March 3-5, 2024", "2024-03-03/2024-03-05"),
    (
        "The truce held from Friday to Monday.",
        WED,
        "from Friday to Monday",
        "2024-04-12/2024-04-15",
    ),
    ("Exports have grown since 2019.", WED, "since 2019", "2019/2024-04-17"),
    ("Exports have grown since 2019.", None, "2019", "2019"),
    # relative to the most recently mentioned date, else to publication
    (
        "The truce began on March 3. Two days later, fighting resumed.",
        WED,
        "Two days later",
        "2024-03-05",
    ),
    (
        "The bridge reopened on June 1, 2023, and a week later traffic returned.",
        WED,
        "a week later",
        "2023-06-08",
    ),
    ("Three days earlier, the envoy had left.", WED, "Three days earlier", "2024-04-14"),
    ("It happened in 2019. Two years later, it recurred.", WED, "Two years later", "2021"),
    (
        "The raid was on January 3, 2024, and the hostages were freed the following day.",
        WED,
        "the following day",
        "2024-01-04",
    ),
    # words for days and spans back from publication
    ("The minister resigned yesterday.", WED, "yesterday", "2024-04-16"),
    ("The results will be announced today.", WED, "today", "2024-04-17"),
    ("Schools reopen tomorrow.", WED, "tomorrow", "2024-04-18"),
    ("The president speaks tonight.", WED, "tonight", "2024-04-17"),
    ("The decree was signed two weeks ago.", WED, "two weeks ago", "2024-W14"),
    ("The war began three years ago.", WED, "three years ago", "2021"),
    ("A decade ago, the town was thriving.", WED, "A decade ago", "2014"),
    # numeric dates
    ("The report is dated 2024-04-15.", WED, "2024-04-15", "2024-04-15"),
    ("The letter was dated 15/04/2024.", WED, "15/04/2024", "2024-04-15"),
    ("The form was stamped 04/25/2024.", WED, "04/25/2024", "2024-04-25"),
    ("The notice is dated 03/04/2024.", WED, "03/04/2024", "2024-04-03"),
    ("The deal closed on Oct. 7, '23 after talks.", WED, "Oct. 7, '23", "2023-10-07"),
    # references
    ("Unemployment is currently at 5 percent.", WED, "currently", "PRESENT_REF"),
    ("In the past, the border was open.", WED, "the past", "PAST_REF"),
]


@pytest.mark.parametrize(("sentence", "published", "expected_text", "expected_value"), CASES)
def test_resolves(
    sentence: str, published: dt.date | None, expected_text: str, expected_value: str
) -> None:
    found = {(t.text, t.value) for t in find_timexes(sentence, published)}
    assert (expected_text, expected_value) in found


# Text in which no date expression must be found.
NOT_DATES = [
    "You may say whatever you like.",
    "Thousands joined a march on the capital.",
    "A March on Washington drew huge crowds.",
    "Theresa May spoke to reporters.",
    "The Sunday Times published the letter.",
    "The Good Friday Agreement ended decades of violence.",
    "He bought a coffee at 7-Eleven.",
    "The software moved to version 2.1.3.",
    "The army deployed 2000 troops to the border.",
    "Resolution 2334 was adopted by the council.",
    "After the fall of Kabul the embassy closed.",
    "The Arab Spring changed the region.",
    "Prices could fall sharply.",
    "Officials counted 1,500 ballots.",
    "Over the past year, prices doubled.",
    "The season started a month earlier than usual.",
    "The Today programme broadcast the interview.",
]


@pytest.mark.parametrize("sentence", NOT_DATES)
def test_not_a_date(sentence: str) -> None:
    assert find_timexes(sentence, WED) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The two sides met in Doha on Monday.",
        "Prices rose sharply last month.",
        "Gunmen attacked the festival on October 7.",
        "The minister resigned yesterday.",
    ],
)
def test_relative_dates_need_publication(sentence: str) -> None:
    assert find_timexes(sentence, None) == []


def test_spans_sorted_and_exact() -> None:
    text = "On Monday, the envoy said talks in March 2022 and on 7 October had failed."
    found = find_timexes(text, WED)
    assert [t.text for t in found] == ["Monday", "March 2022", "7 October"]
    assert all(text[t.start : t.end] == t.text for t in found)


def test_granularities() -> None:
    text = "Last week, in 2019, in March, this spring, the first quarter, the 1990s and today."
    grans = [t.granularity for t in find_timexes(text, WED)]
    assert grans == ["week", "year", "month", "season", "quarter", "decade", "day"]


_WORDS = (
    "on Monday last next this week month year ago later earlier since from to between and "
    "May March October 7 2019 2024-04-15 15/04/2024 the 1990s mid- late early quarter first "
    "spring fall winter yesterday today tomorrow tonight now , . - 3 5 two days in of Friday"
)


@settings(max_examples=300, deadline=None)
@given(
    text=st.one_of(
        st.text(max_size=300),
        st.lists(st.sampled_from(_WORDS.split(" ")), max_size=40).map(" ".join),
    ),
    published=st.one_of(st.none(), st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31))),
)
def test_never_crashes_and_spans_are_sound(text: str, published: dt.date | None) -> None:
    found = find_timexes(text, published)
    last_end = 0
    for t in found:
        assert 0 <= t.start < t.end <= len(text)
        assert t.start >= last_end
        assert t.text == text[t.start : t.end]
        assert t.value
        last_end = t.end

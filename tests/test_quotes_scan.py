"""Quote-mark scanning and bad input: unbalanced and mixed marks, quotes within quotes, a very
long quote, text without punctuation."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.actors.index import default_index
from newsgraph.actors.recognize import find_actors
from newsgraph.quotes import find_quotes
from newsgraph.quotes.cues import default_lexicon
from newsgraph.quotes.direct import scan_quotes
from newsgraph.quotes.tokens import paragraphs, tokenize
from newsgraph.text.segment import segment

INDEX = default_index()
LABELS = default_lexicon().label_words


def spans(text: str) -> list[tuple[str, bool]]:
    """Each top-level quote's content, and whether its closing mark was found."""
    sentences = segment(text)
    found = scan_quotes(text, paragraphs(text, sentences), sentences, LABELS)
    return [(text[q.start : q.end], q.close is not None) for q in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "yes" and left.', [("yes", True)]),
        ("She said “no” twice.", [("no", True)]),
        ("Il a dit « non » hier.", [("non", True)]),
        ("Er sagte „nein“ gestern.", [("nein", True)]),
        ("Er sagte »nein« gestern.", [("nein", True)]),
        ("They said ‘never’ again.", [("never", True)]),
        ("They said 'never' again.", [("never", True)]),
        ("The archive writes ''quoted'' like this.", [("quoted", True)]),
        ("The old wire wrote ``quoted'' like this.", [("quoted", True)]),
        # mixed marks pair by class
        ('He said “mixed" here.', [("mixed", True)]),
        # a quote within a quote belongs to the outer one
        ("“He told me ‘go home’ and left,” she said.", [("He told me ‘go home’ and left", True)]),
        ("‘He told me “go home” and left,’ she said.", [("He told me “go home” and left", True)]),
        # apostrophes are not quote marks
        ("Iran’s envoy and the players' union don't agree.", []),
        ("It was the ’90s, the era of rock ’n’ roll.", []),
        # an inch mark is not a quote
        ("The man, 5'10\" tall, was detained.", []),
        # a quote spanning sentences
        (
            'He said: "We came. We saw. We left." Then he went.',
            [("We came. We saw. We left.", True)],
        ),
    ],
)
def test_marks_pair(text: str, expected: list[tuple[str, bool]]) -> None:
    assert spans(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # left open at a paragraph's end and taken up by the next paragraph's opening mark
        (
            '"We will rebuild the school.\n\n"And the clinic," she said.',
            [('We will rebuild the school.\n\n"And the clinic', True)],
        ),
        # left open with no continuation: the quote ends with its paragraph when it opened it
        ('"We will rebuild the school\n\nThe army left.', [("We will rebuild the school", False)]),
        # or with its sentence when it opened inside one
        (
            'He said "we will fight on. The army moved north.\n\nOfficials met.',
            [("we will fight on.", False)],
        ),
        # a new opening mark after a space, while one is open, starts a new quote
        (
            'He said "yes and then she said "no" to them.',
            [("yes and then she said", False), ("no", True)],
        ),
        # a stray closing mark is skipped
        ('The army left." Then the rain came.', []),
    ],
)
def test_unbalanced_marks_stay_within_their_paragraph(
    text: str, expected: list[tuple[str, bool]]
) -> None:
    assert spans(text) == expected


def test_transcript_turns_are_quotes_of_their_label() -> None:
    text = '"HOST: Will the border reopen?\n\n"MINISTER: It will reopen on Monday."'
    assert spans(text) == [("Will the border reopen?", False), ("It will reopen on Monday.", False)]


def test_a_label_word_is_not_a_transcript_speaker() -> None:
    text = "UPDATE: The border reopened on Monday."
    assert spans(text) == []


def test_tokens_keep_abbreviations_and_split_possessives() -> None:
    toks = tokenize("U.S. officials and Leonard E. Burman's aide didn't say.")
    assert toks.text == [
        "U.S.", "officials", "and", "Leonard", "E.", "Burman", "'s", "aide", "didn't", "say", ".",
    ]  # fmt: skip


def test_paragraphs_follow_blank_lines_and_sentence_breaks() -> None:
    text = "First line\nSecond line.\n\nThird, hard-\nwrapped line."
    assert [text[s:e] for s, e in paragraphs(text, segment(text))] == [
        "First line",
        "Second line.",
        "Third, hard-\nwrapped line.",
    ]


# --- bad input: sensible output, no crash, no run-away spans --------------------------------------


def analyse(text: str) -> tuple[list[tuple[int, int]], list[str], list[tuple[str, int, int]]]:
    sentences = segment(text)
    result = find_quotes(text, sentences, find_actors(text, INDEX, None, sentences))
    for q in result.quotes:
        assert 0 <= q.start < q.end <= len(text) and q.text == text[q.start : q.end]
    return sentences, list(result.voices), [(q.kind, q.start, q.end) for q in result.quotes]


def test_a_5000_character_quote_is_one_quote() -> None:
    body = " ".join(["The shelling went on through the night and the families waited."] * 80)
    text = f'"{body}" the mayor of Kherson said.'
    assert len(body) > 5000
    _, voices, quotes = analyse(text)
    assert quotes == [("direct", 1, 1 + len(body))]
    assert voices[-1] == "mixed" and set(voices[:-1]) <= {"quoted"}


@pytest.mark.parametrize(
    "text",
    [
        'He said "we will fight on and on.\n\nThe army moved north. Officials said it failed.',
        '“Mixed marks here," she said. And “another one.',
        '"Outer quote with "inner quote" and more text," the envoy said.',
        '"' * 50,
        "“ ” ‘ ’ « » „ “",
        "He said: '",
        '" said "',
        "According to",
        ":",
        "the minister said the talks failed the army said the war goes on the rebels said nothing",
        "x" * 10_000,
        "said " * 2_000,
        '"' + "word " * 3_000,
    ],
)
def test_bad_input_gives_sensible_spans(text: str) -> None:
    sentences, voices, quotes = analyse(text)
    assert len(voices) == len(sentences)
    paras = paragraphs(text, sentences)
    for _kind, start, end in quotes:
        # no quote runs past the paragraph it starts in, save a marked continuation
        para = next(p for p in paras if p[0] <= start < p[1] + 1)
        inside = [p for p in paras if p[0] < end and p[1] > start]
        assert end <= para[1] or all(text[p[0]] in "\"“‘'«„" for p in inside[1:])


def test_text_without_punctuation_reads_each_report() -> None:
    text = "the minister said the talks failed the army said the war goes on"
    _, _, quotes = analyse(text)
    assert [text[s:e] for _k, s, e in quotes] == ["the talks failed", "the war goes on"]


def test_empty_text() -> None:
    assert find_quotes("", [], []).quotes == []
    assert find_quotes("", [], []).voices == []


def test_sentences_out_of_range_are_ignored() -> None:
    result = find_quotes('"Yes," he said.', [(0, 15), (10, 400)], [])
    assert len(result.voices) == 2 and [q.text for q in result.quotes] == ["Yes"]


MARKS = st.sampled_from([*"\"“”„«»'‘’` \n.,:", "said", "Iran", "he", "''", "told"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(MARKS, st.text(min_size=0, max_size=6)), max_size=60))
def test_any_text_gives_valid_offsets(parts: list[str]) -> None:
    text = " ".join(parts)
    sentences, voices, quotes = analyse(text)
    assert len(voices) == len(sentences)
    starts = [s for _k, s, _e in quotes]
    assert starts == sorted(starts)

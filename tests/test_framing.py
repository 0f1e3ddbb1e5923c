"""Framing detection on sentences written for these tests: categories, exceptions, even-handed
labels, voice (quotes, quotation marks, sentence voice), scare quotes and bad input."""

from __future__ import annotations

import time

import pytest

from newsgraph.framing.detect import detect_framing, find_framing
from newsgraph.model import Framing, Quote, Sentence, Speaker
from newsgraph.text.segment import segment


def sentences_of(text: str, voice: str = "narrator") -> list[Sentence]:
    return [Sentence(start=s, end=e, voice=voice) for s, e in segment(text)]  # type: ignore[arg-type]


def frame(text: str, quotes: list[Quote] | None = None) -> list[Framing]:
    return find_framing(text, sentences_of(text), quotes or [])


def narrator(text: str) -> set[tuple[str, str]]:
    return {(f.category, f.text.lower()) for f in frame(text) if f.voice == "narrator"}


def quote(text: str, content: str, speaker: str | None = "a1", kind: str = "direct") -> Quote:
    start = text.index(content)
    return Quote(
        id="q1",
        kind=kind,  # type: ignore[arg-type]
        start=start,
        end=start + len(content),
        text=content,
        speaker=Speaker(actor=speaker, text="the minister", start=0, end=3) if speaker else None,
    )


# Each sentence holds the span (category, text) in the narrator's voice.
FOUND = [
    ("The regime arrested three reporters on Sunday.", ("label", "regime")),
    ("The junta extended the curfew.", ("label", "junta")),
    ("Settlers uprooted olive trees near the village.", ("label", "settlers")),
    ("Insurgents attacked a checkpoint at dawn.", ("label", "insurgents")),
    ("The puppet government in the east signed the decree.", ("label", "puppet government")),
    ("Thugs beat protesters outside the court.", ("label", "thugs")),
    ("The statement praised the martyrs of the uprising.", ("label", "martyrs")),
    ("The army slaughtered dozens of villagers.", ("loaded", "slaughtered")),
    ("Troops massacred civilians in the square.", ("loaded", "massacred")),
    ("The crackdown on the press widened.", ("loaded", "crackdown")),
    ("The senator slammed the budget plan.", ("loaded", "slammed")),
    ("The governor lashed out at critics.", ("loaded", "lashed out")),
    ("The minister boasted that growth had doubled.", ("loaded", "boasted")),
    ("The president touted the deal as a triumph.", ("loaded", "touted")),
    ("The mayor claimed that the count was rigged.", ("loaded", "claimed")),
    ("Officials admitted that the data were wrong.", ("loaded", "admitted")),
    ("He whined about the seating plan.", ("loaded", "whined")),
    ("The brazen raid took place in daylight.", ("emotive", "brazen")),
    ("The draconian law bans most gatherings.", ("emotive", "draconian")),
    ("The controversial bill passed the lower house.", ("emotive", "controversial")),
    ("The result was disastrous for the ruling party.", ("emotive", "disastrous")),
    ("The extremely costly plan was shelved.", ("intensifier", "extremely")),
    ("The alleged plot was foiled in March.", ("hedge", "alleged")),
    ("The militia reportedly seized the airport.", ("hedge", "reportedly")),
    ("The purported letter surfaced on Monday.", ("hedge", "purported")),
    ("The so-called peace plan was unveiled.", ("distancing", "so-called")),
    ("Rebels hold what they called liberated zones.", ("distancing", "what they called")),
    ("In spite of the fact that talks failed, trade grew.",
     ("presupposition", "in spite of the fact that")),
    ("Prices rose even as wages fell.", ("presupposition", "even as")),
    ("Despite the ban, crowds gathered.", ("presupposition", "despite")),
    ("The general, in his mission to crush dissent, closed the papers.",
     ("intent", "in his mission to")),
    ("The party moved in a bid to delay the vote.", ("intent", "in a bid to")),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), FOUND)
def test_finds_narrator_framing(text: str, expected: tuple[str, str]) -> None:
    assert expected in narrator(text)


# Each sentence uses a lexicon word in a sense that is not framing: no span may cover it.
NOT_FOUND = [
    ("The visa regime for students was eased.", "regime"),
    ("The new tax regime starts in April.", "regime"),
    ("The sanctions regime was extended for a year.", "regime"),
    ("Hamas claimed responsibility for the rocket fire.", "claimed"),
    ("The floods claimed the lives of twelve people.", "claimed"),
    ("The candidate claimed victory on Sunday night.", "claimed"),
    ("He was admitted to hospital on Monday.", "admitted"),
    ("The city boasts a population of two million.", "boasts"),
    ("Police alleged that he fled the scene.", "alleged"),
    ("Parliament passed an anti-terrorism law.", "terrorism"),
    ("The counter-terrorism unit was disbanded.", "terrorism"),
    ("Al-Aqsa Martyrs' Brigades fired rockets.", "martyrs"),
    ("He woke up early and left.", "woke"),
    ("Holocaust survivors gathered in Berlin.", "holocaust"),
    ("Firefighters battled the blaze for hours.", "battled"),
    ("A blast hit the market at noon.", "blast"),
    ("The talks failed after two days.", "failed"),
    ("Crude oil prices rose.", "crude"),
    ("Heavy rain flooded the valley.", "heavy"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "word"), NOT_FOUND)
def test_exceptions_are_not_framing(text: str, word: str) -> None:
    start = text.lower().index(word)
    end = start + len(word)
    assert not [f for f in frame(text) if f.start < end and start < f.end]


SIDES = ["Israeli", "Palestinian", "Russian", "Ukrainian", "Indian", "Pakistani", "American",
         "Iranian", "government", "rebel", "Chinese", "Taiwanese"]  # fmt: skip
LABELS = ["terrorists", "regime", "occupation forces", "martyrs", "thugs", "junta",
          "puppet government", "insurgents", "settlers", "crusaders", "freedom fighters",
          "invaders", "mercenaries", "proxies"]  # fmt: skip


@pytest.mark.parametrize("label", LABELS)
def test_labels_are_even_handed(label: str) -> None:
    found = set()
    for side in SIDES:
        text = f"Witnesses said the {side} {label} entered the town."
        at = text.index(label)
        hits = [f for f in frame(text) if f.start == at and f.end == at + len(label)]
        found.add(tuple(sorted((f.category, f.voice) for f in hits)))
    assert found == {(("label", "narrator"),)}


@pytest.mark.parametrize(
    ("text", "content", "word"),
    [
        ('"These terrorists will pay," the minister said.', "These terrorists will pay,",
         "terrorists"),
        ("“The regime slaughtered them,” the envoy said.", "The regime slaughtered them,",
         "slaughtered"),
        ('She said: "It was a brutal crackdown."', "It was a brutal crackdown.", "brutal"),
    ],
)  # fmt: skip
def test_words_in_a_quote_are_the_speakers(text: str, content: str, word: str) -> None:
    spans = frame(text, [quote(text, content, "a1")])
    hit = next(f for f in spans if f.text == word)
    assert (hit.voice, hit.speaker) == ("quoted", "a1")
    outside = f"The {word} went on. " + text
    moved = [quote(outside, content, "a1")]
    first = next(f for f in frame(outside, moved) if f.text == word)
    assert (first.start, first.voice, first.speaker) == (4, "narrator", None)


def test_quote_marks_without_a_quote_still_make_words_quoted() -> None:
    text = 'Protesters chanted "down with the corrupt regime and its thugs" all night.'
    spans = frame(text)
    assert {f.text: f.voice for f in spans if f.category == "label"} == {
        "regime": "quoted",
        "thugs": "quoted",
    }


def test_sentence_voice_quoted_counts_as_quoted() -> None:
    text = "The regime must fall. The regime lost the vote."
    sents = sentences_of(text)
    sents[0] = sents[0].model_copy(update={"voice": "quoted"})
    voices = [f.voice for f in find_framing(text, sents, []) if f.text == "regime"]
    assert voices == ["quoted", "narrator"]


@pytest.mark.parametrize(
    ("paraphrase", "expected"), [("narrator", ("narrator", None)), ("quoted", ("quoted", "a2"))]
)
def test_indirect_quote_is_the_outlets_paraphrase(
    paraphrase: str, expected: tuple[str, str | None]
) -> None:
    text = "The envoy said the draconian curfew would stay."
    q = quote(text, "the draconian curfew would stay", "a2", kind="indirect")
    spans = find_framing(text, sentences_of(text), [q], paraphrase=paraphrase)  # type: ignore[arg-type]
    hit = next(f for f in spans if f.text == "draconian")
    assert (hit.voice, hit.speaker) == expected


def test_mixed_quote_marks_part_is_quoted_rest_is_paraphrase() -> None:
    text = 'He said the brutal raid was "a cowardly act" by the army.'
    q = quote(text, 'the brutal raid was "a cowardly act" by the army', "a3", kind="mixed")
    got = {f.text: (f.voice, f.speaker) for f in find_framing(text, sentences_of(text), [q])}
    assert got["brutal"] == ("narrator", None)
    assert got["cowardly"] == ("quoted", "a3")


SCARE = [
    ('The army announced the "liberation" of the district.', '"liberation"'),
    ("The ‘reforms’ cut pensions by a third.", "‘reforms’"),
    ('Officials praised the "voluntary relocation" of families.', '"voluntary relocation"'),
    ('Critics mocked the "new era of peace" slogan.', '"new era of peace"'),
    ('"No," she said.', None),
    ('He said: "Never again."', None),
    ('Fans queued for "Star Wars" tickets.', None),
    ('The report "shows a clear pattern of abuse in the camps" today.', None),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), SCARE)
def test_scare_quotes(text: str, expected: str | None) -> None:
    got = [f.text for f in frame(text) if f.category == "distancing" and f.text[0] in "\"'‘“"]
    assert got == ([expected] if expected else [])
    if expected:
        hit = next(f for f in frame(text) if f.text == expected)
        assert hit.voice == "narrator" and text[hit.start : hit.end] == expected


def test_short_fragment_covered_by_a_quote_is_not_a_scare_quote() -> None:
    text = 'The minister called it "a massacre" on Friday.'
    q = quote(text, "a massacre", "a4", kind="mixed")
    spans = find_framing(text, sentences_of(text), [q])
    assert not [f for f in spans if f.category == "distancing"]
    assert [(f.text, f.voice, f.speaker) for f in spans] == [("massacre", "quoted", "a4")]


def test_loaded_word_inside_scare_quotes_is_not_the_narrators() -> None:
    text = 'The so-called "slaughter" was a skirmish.'
    got = {f.text: f.voice for f in frame(text)}
    assert got['"slaughter"'] == "narrator"
    assert got["slaughter"] == "quoted"


def test_spans_do_not_cross_sentences() -> None:
    text = "Prices rose even. As wages fell, unrest grew."
    assert ("presupposition", "even as") not in narrator(text)


BAD = [
    "",
    "   \n\n  ",
    "x" * 20000,
    ("the regime slaughtered " * 900).strip(),
    "\x00\x01\x02 regime \x03\x04\xff\ufffd" * 200,
    '"' * 500 + " regime " + "“" * 300,
    "‘" * 100 + "so-called" + "’" * 100,
]  # fmt: skip


@pytest.mark.parametrize("text", BAD)
def test_bad_input_does_not_crash_and_stays_in_bounds(text: str) -> None:
    began = time.perf_counter()
    spans = frame(text)
    assert time.perf_counter() - began < 5
    for f in spans:
        assert 0 <= f.start < f.end <= len(text)
        assert f.text == text[f.start : f.end]
        assert f.end - f.start <= 200  # no run-away spans


def test_bad_spans_give_warnings_not_errors() -> None:
    text = "The regime fell."
    sents = [Sentence(start=-5, end=3), Sentence(start=40, end=90), Sentence(start=0, end=16)]
    qs = [Quote(id="q9", kind="direct", start=10, end=400, text="x")]
    spans, warnings = detect_framing(text, sents, qs)
    assert [f.text for f in spans] == ["regime"]
    assert any("sentence" in w for w in warnings) and any("quote" in w for w in warnings)


def test_binary_text_warns() -> None:
    text = "\x00\x01\x02\x03\x04\x05" * 50 + " the regime "
    _, warnings = detect_framing(text, [], [])
    assert any("control characters" in w for w in warnings)


def test_no_sentences_means_one_sentence() -> None:
    text = "The junta slaughtered protesters."
    assert {f.text for f in find_framing(text, [], [])} == {"junta", "slaughtered"}


def test_fragment_echoing_a_quote_is_not_a_scare_quote() -> None:
    text = 'The minister said: "This is a brutal occupation." Her "brutal occupation" line spread.'
    q = quote(text, "This is a brutal occupation.", "a5")
    spans = find_framing(text, sentences_of(text), [q])
    assert [(f.text, f.category, f.voice, f.speaker) for f in spans] == [
        ("brutal occupation", "label", "quoted", "a5"),
        ("brutal occupation", "label", "quoted", None),
    ]

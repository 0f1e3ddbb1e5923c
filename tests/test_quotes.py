"""Quotes and voice over sentences written for the tests: marks, orders, reported speech,
speakers and the voice of each sentence."""

from __future__ import annotations

import pytest

from newsgraph.actors.index import default_index
from newsgraph.actors.recognize import find_actors
from newsgraph.model import Actor
from newsgraph.quotes import QuoteResult, find_quotes
from newsgraph.text.segment import segment

INDEX = default_index()
Row = tuple[str, str, str | None]


def run(text: str) -> tuple[QuoteResult, list[Actor]]:
    sentences = segment(text)
    actors = find_actors(text, INDEX, None, sentences)
    result = find_quotes(text, sentences, actors)
    check(text, sentences, result)
    return result, actors


def check(text: str, sentences: list[tuple[int, int]], result: QuoteResult) -> None:
    """What every result promises: numbered quotes whose spans are the text they carry."""
    assert [q.id for q in result.quotes] == [f"q{i}" for i in range(1, len(result.quotes) + 1)]
    assert len(result.voices) == len(sentences)
    for q in result.quotes:
        assert 0 <= q.start < q.end <= len(text)
        assert q.text == text[q.start : q.end]
        if q.speaker is not None:
            assert q.speaker.text == text[q.speaker.start : q.speaker.end]
        if q.cue is not None:
            assert q.cue.text == text[q.cue.start : q.cue.end]
    starts = [q.start for q in result.quotes]
    assert starts == sorted(starts)


def rows(text: str) -> list[Row]:
    result, _ = run(text)
    return [(q.kind, q.text, q.speaker.text if q.speaker else None) for q in result.quotes]


def speaker_names(text: str) -> list[str | None]:
    result, actors = run(text)
    names = {a.id: a.name for a in actors}
    return [names.get(q.speaker.actor or "") if q.speaker else None for q in result.quotes]


# --- direct quotes: every mark style ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '"We will not retreat from Kharkiv," Ukrainian President Volodymyr Zelensky said.',
            [
                (
                    "direct",
                    "We will not retreat from Kharkiv",
                    "Ukrainian President Volodymyr Zelensky",
                )
            ],
        ),
        (
            "“The blockade must end now,” said Hamas official Basem Naim.",
            [("direct", "The blockade must end now", "Hamas official Basem Naim")],
        ),
        (
            "«We will not leave the Sahel», the junta's spokesman said.",
            [("direct", "We will not leave the Sahel", "the junta's spokesman")],
        ),
        (
            "Army spokesman Nabil Abdallah said: «The militia has shelled the market again.»",
            [
                (
                    "direct",
                    "The militia has shelled the market again.",
                    "Army spokesman Nabil Abdallah",
                )
            ],
        ),
        (
            "‘We have no plans to expand the operation,’ an Israeli military spokesman told "
            "reporters.",
            [
                (
                    "direct",
                    "We have no plans to expand the operation",
                    "an Israeli military spokesman",
                )
            ],
        ),
        (
            "'The talks were constructive,' Armenian Foreign Minister Ararat Mirzoyan said.",
            [
                (
                    "direct",
                    "The talks were constructive",
                    "Armenian Foreign Minister Ararat Mirzoyan",
                )
            ],
        ),
        (
            "Azerbaijan's President Ilham Aliyev said „the border commission will meet in May“ "
            "in Baku.",
            [
                (
                    "direct",
                    "the border commission will meet in May",
                    "Azerbaijan's President Ilham Aliyev",
                )
            ],
        ),
        (
            "''We have asked for more observers,'' the election commission said.",
            [("direct", "We have asked for more observers", "the election commission")],
        ),
        (
            'Pakistan\'s army chief warned: "Any aggression will be met with full force."',
            [("direct", "Any aggression will be met with full force.", "Pakistan's army chief")],
        ),
    ],
)
def test_direct_quotes_in_every_mark_style(text: str, expected: list[Row]) -> None:
    assert rows(text) == expected


# --- every order of speaker and cue ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # X said: "..."
        (
            "Russian Foreign Minister Sergei Lavrov told reporters: "
            '"Our position has not changed."',
            [("direct", "Our position has not changed.", "Russian Foreign Minister Sergei Lavrov")],
        ),
        # "...," X said, "..." : one cue, two quotes
        (
            '"Water is our lifeline," the Indian minister said, "and we will use every drop."',
            [
                ("direct", "Water is our lifeline", "the Indian minister"),
                ("direct", "and we will use every drop.", "the Indian minister"),
            ],
        ),
        # a dash line under a reader's quote
        (
            '"We want peace with our neighbours" — M23 leader Corneille Nangaa.',
            [("direct", "We want peace with our neighbours", "M23 leader Corneille Nangaa")],
        ),
        # X: "..."
        (
            'Tsai Ing-wen: "Taiwan will defend its democracy."',
            [("direct", "Taiwan will defend its democracy.", "Tsai Ing-wen")],
        ),
        # a headline colon, no marks
        (
            "Netanyahu: We will return the hostages",
            [("indirect", "We will return the hostages", "Netanyahu")],
        ),
        # transcript turns
        (
            "PRESENTER: Will the troops leave?\nDIALLO: The troops will leave when the mission "
            "is done.",
            [
                ("direct", "Will the troops leave?", "PRESENTER"),
                ("direct", "The troops will leave when the mission is done.", "DIALLO"),
            ],
        ),
        # ..., X said on Monday.
        (
            "The treaty will be held in abeyance, India said on Wednesday.",
            [("indirect", "The treaty will be held in abeyance", "India")],
        ),
        # ..., said X.
        (
            "The treaty will be held in abeyance, said a spokesman for the Pakistani foreign "
            "ministry.",
            [
                (
                    "indirect",
                    "The treaty will be held in abeyance",
                    "a spokesman for the Pakistani foreign ministry",
                )
            ],
        ),
        # According to X, ...
        (
            "According to the United Nations, more than 10 million people have fled their "
            "homes in Sudan.",
            [
                (
                    "indirect",
                    "more than 10 million people have fled their homes in Sudan",
                    "the United Nations",
                )
            ],
        ),
        # ..., according to X.
        (
            "More than 10 million people have fled their homes in Sudan, according to the "
            "United Nations.",
            [
                (
                    "indirect",
                    "More than 10 million people have fled their homes in Sudan",
                    "the United Nations",
                )
            ],
        ),
        # X said in a statement that ...
        (
            "The Philippine coast guard said in a statement that Chinese vessels had fired "
            "water cannon.",
            [("indirect", "Chinese vessels had fired water cannon", "The Philippine coast guard")],
        ),
        # X told reporters ... (no "that")
        (
            "China's foreign ministry spokesperson Lin Jian told reporters the Philippines had "
            "provoked the incident.",
            [
                (
                    "indirect",
                    "the Philippines had provoked the incident",
                    "China's foreign ministry spokesperson Lin Jian",
                )
            ],
        ),
        # X, an apposition, said ...
        (
            "Hamas official Osama Hamdan, speaking in Beirut, said the group had accepted the "
            "proposal.",
            [("indirect", "the group had accepted the proposal", "Hamas official Osama Hamdan")],
        ),
        (
            "The junta, which seized power in 2023, said the French troops must leave by the "
            "end of the year.",
            [
                (
                    "indirect",
                    "the French troops must leave by the end of the year",
                    "The junta",
                )
            ],
        ),
        # ..., X told Y.
        (
            "The army will not negotiate, Sudan's army chief Abdel Fattah al-Burhan told "
            "supporters.",
            [
                (
                    "indirect",
                    "The army will not negotiate",
                    "Sudan's army chief Abdel Fattah al-Burhan",
                )
            ],
        ),
        # the cue in parentheses: content on both sides
        (
            "The agreement, the mediators said, will be signed in Doha next week.",
            [
                ("indirect", "The agreement", "the mediators"),
                ("indirect", "will be signed in Doha next week", "the mediators"),
            ],
        ),
    ],
)
def test_every_order_of_speaker_and_cue(text: str, expected: list[Row]) -> None:
    assert rows(text) == expected


# --- reported speech: indirect and mixed ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Venezuelan opposition leader Maria Corina Machado announced that the protests "
            "would continue.",
            [
                (
                    "indirect",
                    "the protests would continue",
                    "Venezuelan opposition leader Maria Corina Machado",
                )
            ],
        ),
        (
            "The Houthis warned the United States that further strikes would be answered.",
            [("indirect", "further strikes would be answered", "The Houthis")],
        ),
        (
            "Kenyan President William Ruto vowed to withdraw the finance bill.",
            [("indirect", "to withdraw the finance bill", "Kenyan President William Ruto")],
        ),
        (
            "The M23 rebels denied that they had attacked civilians near Goma.",
            [("indirect", "they had attacked civilians near Goma", "The M23 rebels")],
        ),
        (
            "Israel accused Hezbollah of violating the ceasefire.",
            [("indirect", "violating the ceasefire", "Israel")],
        ),
        (
            "Hezbollah insisted it had fired only at military positions.",
            [("indirect", "it had fired only at military positions", "Hezbollah")],
        ),
        (
            "The Kremlin claimed the drones had been launched from Ukrainian territory.",
            [("indirect", "the drones had been launched from Ukrainian territory", "The Kremlin")],
        ),
        (
            "Iran told Reuters the talks had failed.",
            [("indirect", "the talks had failed", "Iran")],
        ),
        (
            "Myanmar’s junta warned the Arakan Army it would respond.",
            [("indirect", "it would respond", "Myanmar’s junta")],
        ),
        (
            "Taiwan's defence ministry said Chinese aircraft had crossed the median line, "
            "adding that it had scrambled jets.",
            [
                (
                    "indirect",
                    "Chinese aircraft had crossed the median line",
                    "Taiwan's defence ministry",
                ),
                ("indirect", "it had scrambled jets", "Taiwan's defence ministry"),
            ],
        ),
        (
            "A new poll shows that most voters oppose the tax increase.",
            [("indirect", "most voters oppose the tax increase", "A new poll")],
        ),
        # mixed: a quoted fragment inside reported speech
        (
            'Iran called the sanctions "illegal and counterproductive" on Monday.',
            [("mixed", 'the sanctions "illegal and counterproductive"', "Iran")],
        ),
        (
            'Observers from the African Union said the vote was "broadly credible."',
            [
                (
                    "mixed",
                    'the vote was "broadly credible."',
                    "Observers from the African Union",
                )
            ],
        ),
        (
            'He called the strikes "a war crime" and said Israel would pay.',
            [
                ("mixed", 'the strikes "a war crime"', "He"),
                ("indirect", "Israel would pay", "He"),
            ],
        ),
    ],
)
def test_indirect_and_mixed_quotes(text: str, expected: list[Row]) -> None:
    assert rows(text) == expected


@pytest.mark.parametrize(
    ("text", "stances"),
    [
        ("Hezbollah insisted it had fired only at military positions.", ["assertive"]),
        ("The Kremlin claimed the drones had come from Ukraine.", ["hedged"]),
        ("The M23 rebels denied that they had attacked civilians.", ["negative"]),
        ("Kenyan President William Ruto vowed to withdraw the bill.", ["commitment"]),
        ("The EU urged both sides to show restraint.", ["directive"]),
        ("More than 10 million people have fled, according to the United Nations.", ["neutral"]),
    ],
)
def test_the_stance_of_each_cue(text: str, stances: list[str]) -> None:
    result, _ = run(text)
    assert [result.stances.get(q.id) for q in result.quotes] == stances


@pytest.mark.parametrize(
    "text",
    [
        # nouns, not verbs
        "The claims were dismissed as propaganda by observers.",
        "Member states trump everything else at the assembly.",
        "Reports say nothing about the casualties.",
        # passives and idioms: nobody is reported
        "The minister was told to resign.",
        "It goes without saying that the talks matter.",
        # a cue with nothing to report
        "The spokesman said.",
    ],
)
def test_no_quote_without_a_report(text: str) -> None:
    result, _ = run(text)
    assert [(q.kind, q.text) for q in result.quotes if q.kind == "indirect"] == []


# --- speakers resolved to actors ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Sudanese army chief Abdel Fattah al-Burhan spoke in Port Sudan on Sunday. He said "
            'the army would retake Khartoum. "We will not negotiate with the militia," he added.',
            ["Abdel Fattah al-Burhan", "Abdel Fattah al-Burhan"],
        ),
        (
            '"The ceasefire is holding," said Qatari Prime Minister Mohammed bin Abdulrahman Al '
            'Thani.\n\n"Both sides have kept their word," he said. "We expect the next phase to '
            'begin soon."',
            ["Mohammed bin Abdulrahman Al Thani"] * 3,
        ),
        (
            "Ukraine's foreign minister spoke after the strike. \"Russia must answer for this "
            'crime," the minister said.',
            ["Ukraine's foreign minister"],
        ),
        (
            "Israeli Prime Minister Benjamin Netanyahu met families of the hostages. He told them "
            "the army would keep up the pressure.",
            ["Benjamin Netanyahu"],
        ),
        (
            'Colombian President Gustavo Petro met rebel leaders in Havana. "Peace is possible," '
            "Petro said.",
            ["Gustavo Petro"],
        ),
        (
            "A spokesperson for the Arakan Army said the junta had bombed a village in Rakhine.",
            ["Arakan Army"],
        ),
        (
            'Nigerian President Bola Tinubu addressed the nation. "The curfew will be lifted," he '
            'said.\n\n"Schools will reopen on Monday," Tinubu added.',
            ["Bola Tinubu", "Bola Tinubu"],
        ),
        (
            "The Houthis warned the United States that further strikes would be answered.",
            ["Houthis"],
        ),
    ],
)
def test_speakers_resolve_to_actors(text: str, expected: list[str | None]) -> None:
    assert speaker_names(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'The "peace plan" is dead, the Palestinian foreign minister said. "We will go to the '
            'court," she added.',
            [
                ("mixed", 'The "peace plan" is dead', "the Palestinian foreign minister"),
                ("direct", "We will go to the court", "she"),
            ],
        ),
        (
            'Critics call the "reform" a power grab. "It ends judicial oversight," said Israeli '
            "opposition leader Yair Lapid.",
            [
                ("mixed", 'the "reform" a power grab', "Critics"),
                ("direct", "It ends judicial oversight", "Israeli opposition leader Yair Lapid"),
            ],
        ),
    ],
)
def test_scare_quotes_do_not_confuse_the_quotes_after_them(text: str, expected: list[Row]) -> None:
    assert rows(text) == expected


def test_she_takes_the_office_that_last_spoke() -> None:
    text = (
        'The Palestinian foreign minister said the plan was dead. "We will go to the court," '
        "she added."
    )
    assert speaker_names(text) == ["Palestinian foreign minister"] * 2


def test_a_pronoun_takes_the_last_speaker_over_the_last_person_named() -> None:
    text = (
        '"We will reopen the crossing," said Egyptian Foreign Minister Badr Abdelatty. '
        'Asked about Israeli Defence Minister Israel Katz, he said: "We have not spoken."'
    )
    names = speaker_names(text)
    assert names == ["Badr Abdelatty", "Badr Abdelatty"]


# --- runs of quotes, paragraphs, and quotes with no cue ------------------------------------------


def test_a_quote_left_open_at_a_paragraph_end_goes_on_in_the_next() -> None:
    text = (
        'Kenyan police commander Godfrey Otunge said: "We came to help the people of Haiti.\n\n'
        '"We will stay until the gangs are defeated."\n\nThe mission began in June.'
    )
    result, _ = run(text)
    assert len(result.quotes) == 1
    quote = result.quotes[0]
    assert quote.kind == "direct"
    assert quote.text.startswith("We came to help") and quote.text.endswith("are defeated.")
    assert quote.speaker is not None and quote.speaker.text.endswith("Godfrey Otunge")
    assert result.voices == ["mixed", "quoted", "narrator"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a programme's title in marks belongs to the cue's adjunct, not to the speaker
        (
            '"We will win this fight," Indonesian President Prabowo Subianto said on TVRI\'s '
            '"Morning Report."',
            [("direct", "We will win this fight", "Indonesian President Prabowo Subianto")],
        ),
        # a section heading in marks is no quote
        ("'A Truce Under Strain.'\n\nThe guns fell silent in Gaza on Sunday.", []),
        # marks left over from markup are no quotes
        ('<embed data-id="1234"> The border stayed closed.', []),
        # a place or time phrase after the quoted fragment is the reporter's
        (
            'Mexican President Claudia Sheinbaum called the tariffs "unacceptable" during a '
            "visit to Monterrey.",
            [("mixed", 'the tariffs "unacceptable"', "Mexican President Claudia Sheinbaum")],
        ),
    ],
)
def test_titles_markup_and_adjuncts_around_quotes(text: str, expected: list[Row]) -> None:
    assert rows(text) == expected


def test_a_run_of_quotes_keeps_its_speaker() -> None:
    text = (
        'Residents of Kharkiv sheltered in the metro. "We heard four explosions," said Olena '
        'Kovalenko, a teacher. "Then the windows shattered."'
    )
    assert rows(text) == [
        ("direct", "We heard four explosions", "Olena Kovalenko"),
        ("direct", "Then the windows shattered.", "Olena Kovalenko"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        'The so-called "peace plan" was rejected by both sides.',
        'Protesters in Nairobi carried signs reading "Ruto Must Go" through the city centre.',
        'The rebels\' "liberated zone" now covers much of North Kivu.',
        "The 'buffer zone' along the Line of Control remains empty.",
    ],
)
def test_scare_quotes_and_titles_are_left_out(text: str) -> None:
    result, _ = run(text)
    assert result.quotes == []
    assert result.voices == ["narrator"]


# --- voice ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "voices"),
    [
        (
            "Talks resume in Doha\n\nMediators said on Monday that the talks would resume. "
            "The delegations arrived overnight.",
            ["narrator", "mixed", "narrator"],
        ),
        (
            'The Philippine navy said: "Our ships will stay.\n\n"We will not be intimidated."',
            ["mixed", "quoted"],
        ),
        (
            'Israeli jets struck targets in southern Lebanon. "We hit launch sites," the army '
            'said. "Hezbollah fired first."',
            ["narrator", "mixed", "quoted"],
        ),
        (
            "The Security Council met on Friday. Russia and China abstained.",
            ["narrator", "narrator"],
        ),
    ],
)
def test_voice_of_each_sentence(text: str, voices: list[str]) -> None:
    result, _ = run(text)
    assert result.voices == voices

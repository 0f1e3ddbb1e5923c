"""Sentence segmentation: a table of hand-written cases and property tests of the invariants."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.text.segment import segment

RUN_ON = ("the shelling went on through the night and " * 250).strip() + " until dawn"

CASES = [
    # plain terminators
    ("The talks ended. Both delegations left Geneva.",
     ["The talks ended.", "Both delegations left Geneva."]),
    ("Did the ceasefire hold? Nobody could say.",
     ["Did the ceasefire hold?", "Nobody could say."]),
    ("It collapsed! Residents fled north.", ["It collapsed!", "Residents fled north."]),
    ("Really?! Yes, the border reopened.", ["Really?!", "Yes, the border reopened."]),
    ("The convoy waited… Then the gates opened.", ["The convoy waited…", "Then the gates opened."]),
    ("He paused... Then he spoke.", ["He paused...", "Then he spoke."]),
    ("He hesitated… and then agreed.", ["He hesitated… and then agreed."]),
    ("The strikes continued. Officials did not comment",
     ["The strikes continued.", "Officials did not comment"]),
    ("Aid was pledged. $40 million arrived within a week.",
     ["Aid was pledged.", "$40 million arrived within a week."]),
    ("About 1,200 people fled. 300 have returned.",
     ["About 1,200 people fled.", "300 have returned."]),
    # quotes and brackets
    ('He said: "We will return." Then he left.', ['He said: "We will return."', "Then he left."]),
    ("“It is over.” Then there was silence.", ["“It is over.”", "Then there was silence."]),
    ('"Why now?" she asked.', ['"Why now?" she asked.']),
    ("“Where are the hostages?” the envoy asked.", ["“Where are the hostages?” the envoy asked."]),
    ('"Is this the end?" asked the mayor of Kharkiv.',
     ['"Is this the end?" asked the mayor of Kharkiv.']),
    ('"Enough!" Ortiz shouted. The crowd fell silent.',
     ['"Enough!" Ortiz shouted.', "The crowd fell silent."]),
    ('"Who fired first?" Police said they did not know.',
     ['"Who fired first?"', "Police said they did not know."]),
    ('The talks failed. "We tried," he said.', ["The talks failed.", '"We tried," he said.']),
    ("The army denied it. (The claim could not be verified.) Talks resume Monday.",
     ["The army denied it.", "(The claim could not be verified.)", "Talks resume Monday."]),
    ("Aid arrived (finally). Then more came.", ["Aid arrived (finally).", "Then more came."]),
    # titles never end a sentence
    ("Mr. Haddad and Dr. Levi met Gen. Petrov in Vienna.",
     ["Mr. Haddad and Dr. Levi met Gen. Petrov in Vienna."]),
    ("Prof. Okafor, Lt. Col. Reyes and Capt. Ibrahim spoke.",
     ["Prof. Okafor, Lt. Col. Reyes and Capt. Ibrahim spoke."]),
    ("Sen. Alvarez and Rep. Cho wrote to Gov. Lindqvist and Pres. Mbeki.",
     ["Sen. Alvarez and Rep. Cho wrote to Gov. Lindqvist and Pres. Mbeki."]),
    ("Sgt. Novak, Maj. Aziz and Adm. Chen arrived with Brig. Osei and Rev. Santos.",
     ["Sgt. Novak, Maj. Aziz and Adm. Chen arrived with Brig. Osei and Rev. Santos."]),
    ("Mrs. Ng and Ms. Adeyemi visited St. Petersburg.",
     ["Mrs. Ng and Ms. Adeyemi visited St. Petersburg."]),
    ("The statement came from No. 10 Downing Street.",
     ["The statement came from No. 10 Downing Street."]),
    ("He said no. The vote failed.", ["He said no.", "The vote failed."]),
    ("The case, Haddad vs. Levi, was dismissed.", ["The case, Haddad vs. Levi, was dismissed."]),
    ("Border towns, e.g. Rafah and Sderot, were hit. The last crossing, i.e. Allenby, closed.",
     ["Border towns, e.g. Rafah and Sderot, were hit.",
      "The last crossing, i.e. Allenby, closed."]),
    # abbreviations that may end a sentence
    ("Orion Corp. said profits rose. Vela Ltd. disagreed.",
     ["Orion Corp. said profits rose.", "Vela Ltd. disagreed."]),
    ("The contract went to Kestrel Inc. The firm denied wrongdoing.",
     ["The contract went to Kestrel Inc.", "The firm denied wrongdoing."]),
    ("Kestrel Inc. Chief Executive Dana Roe resigned.",
     ["Kestrel Inc. Chief Executive Dana Roe resigned."]),
    ("Martin Luther King Jr. Day passed quietly.", ["Martin Luther King Jr. Day passed quietly."]),
    ("The speech was given by Luis Ortega Jr. It lasted an hour.",
     ["The speech was given by Luis Ortega Jr.", "It lasted an hour."]),
    ("They brought tents, water, blankets, etc. and left.",
     ["They brought tents, water, blankets, etc. and left."]),
    ("They brought tents, water, blankets, etc. Aid groups want more.",
     ["They brought tents, water, blankets, etc.", "Aid groups want more."]),
    ("The strike began at 5 a.m. and ended at 9 p.m. on Friday.",
     ["The strike began at 5 a.m. and ended at 9 p.m. on Friday."]),
    ("Sirens sounded at 6 a.m. The shelling stopped by noon.",
     ["Sirens sounded at 6 a.m.", "The shelling stopped by noon."]),
    ("She earned a Ph.D. in Moscow.", ["She earned a Ph.D. in Moscow."]),
    # dotted acronyms: the U.S. heuristic
    ("The U.S. Senate voted on the U.K. and E.U. proposal.",
     ["The U.S. Senate voted on the U.K. and E.U. proposal."]),
    ("China imposed sanctions on the U.S. The move angered Washington.",
     ["China imposed sanctions on the U.S.", "The move angered Washington."]),
    ("Troops served under the U.N. In March they withdrew.",
     ["Troops served under the U.N.", "In March they withdrew."]),
    ("Officials in Washington, D.C. said nothing.",
     ["Officials in Washington, D.C. said nothing."]),
    # months
    ("The vote is set for Jan. 15 and talks for Sept. 12 in Kyiv.",
     ["The vote is set for Jan. 15 and talks for Sept. 12 in Kyiv."]),
    ("The deadline passed in Aug. The deal collapsed.",
     ["The deadline passed in Aug.", "The deal collapsed."]),
    # initials
    ("EU foreign policy chief Josep F. Borrell announced sanctions.",
     ["EU foreign policy chief Josep F. Borrell announced sanctions."]),
    ("J. R. R. Tolkien wrote it. George W. Bush said little.",
     ["J. R. R. Tolkien wrote it.", "George W. Bush said little."]),
    ("The group called itself Plan B. It disbanded in 2019.",
     ["The group called itself Plan B.", "It disbanded in 2019."]),
    # numbers, URLs, emails
    ("Inflation reached 3.5 percent. Prices rose.",
     ["Inflation reached 3.5 percent.", "Prices rose."]),
    ("The deal is worth $1.2bn over five years.", ["The deal is worth $1.2bn over five years."]),
    ("Casualties rose in 2023. The next year was worse.",
     ["Casualties rose in 2023.", "The next year was worse."]),
    ("Details are at https://example.org/report.html?id=7. The site crashed.",
     ["Details are at https://example.org/report.html?id=7.", "The site crashed."]),
    ("Write to press@example.org or see www.example.com/a.b.c for data.",
     ["Write to press@example.org or see www.example.com/a.b.c for data."]),
    # datelines
    ("KYIV, March 3 (Newswire) - Russian and Ukrainian officials traded accusations. "
     "Both denied striking the dam.",
     ["KYIV, March 3 (Newswire) - Russian and Ukrainian officials traded accusations.",
      "Both denied striking the dam."]),
    ("WASHINGTON, Sept. 3 (Newswire) - The U.S. said it would send aid. Moscow objected.",
     ["WASHINGTON, Sept. 3 (Newswire) - The U.S. said it would send aid.", "Moscow objected."]),
    ("GAZA CITY, Oct. 9 (Newswire) -\nResidents searched the rubble.",
     ["GAZA CITY, Oct. 9 (Newswire) -\nResidents searched the rubble."]),
    # paragraphs, headlines, hard wraps
    ("First paragraph ends here.\n\nSecond one starts.",
     ["First paragraph ends here.", "Second one starts."]),
    ("No punctuation here\n\nor here", ["No punctuation here", "or here"]),
    ("Ceasefire talks stall in Cairo\nCAIRO, May 2 (Newswire) - Both sides left without a deal.",
     ["Ceasefire talks stall in Cairo",
      "CAIRO, May 2 (Newswire) - Both sides left without a deal."]),
    ("Rockets hit Ashkelon\nAirstrikes hit Gaza City",
     ["Rockets hit Ashkelon", "Airstrikes hit Gaza City"]),
    ("Hamas rejected the proposal.\nIsrael said talks would continue.",
     ["Hamas rejected the proposal.", "Israel said talks would continue."]),
    ("The statement read:\nWe will not retreat.", ["The statement read:", "We will not retreat."]),
    ("The minister said the\nagreement would hold.",
     ["The minister said the\nagreement would hold."]),
    ("Talks were held between the\nIsraeli and Palestinian delegations.",
     ["Talks were held between the\nIsraeli and Palestinian delegations."]),
    ("Talks resumed in Doha,\nQatari officials said.",
     ["Talks resumed in Doha,\nQatari officials said."]),
    ("The convoy was led by Gen.\nOsei, officials said.",
     ["The convoy was led by Gen.\nOsei, officials said."]),
    ("The shelling stopped at 6 a.m.\non Sunday.", ["The shelling stopped at 6 a.m.\non Sunday."]),
    # lists
    ("Key demands:\n- release of hostages\n- an end to strikes\n* new elections",
     ["Key demands:", "- release of hostages", "- an end to strikes", "* new elections"]),
    ("• Aid convoys resumed\n• power was restored",
     ["• Aid convoys resumed", "• power was restored"]),
    ("1. Withdraw troops\n2. Exchange prisoners\n3. Hold talks",
     ["1. Withdraw troops", "2. Exchange prisoners", "3. Hold talks"]),
    ("1. Mr. Haddad resigned.\n2. Gen. Osei took over.",
     ["1. Mr. Haddad resigned.", "2. Gen. Osei took over."]),
    ("a) the north\nb) the south", ["a) the north", "b) the south"]),
    # line endings and whitespace
    ("Title line\r\nFirst sentence. Second sentence.\r\n\r\nNew paragraph.",
     ["Title line", "First sentence.", "Second sentence.", "New paragraph."]),
    ("One line\rAnother line", ["One line", "Another line"]),
    ("Page one ends\fpage two starts", ["Page one ends", "page two starts"]),
    ("First part\u2029second part", ["First part", "second part"]),
    ("  Hello there.  \n", ["Hello there."]),
    ("", []),
    (" \n\t \r\n ", []),
    ("no punctuation at all in this line of text", ["no punctuation at all in this line of text"]),
    (RUN_ON, [RUN_ON]),
    # non-Latin scripts
    ("هل انتهت الهدنة؟ قال المسؤول إنها مستمرة.", ["هل انتهت الهدنة؟", "قال المسؤول إنها مستمرة."]),
    ("停火还在继续吗？谈判明天举行。双方都同意了！",
     ["停火还在继续吗？", "谈判明天举行。", "双方都同意了！"]),
    ("「なぜ今なのか？」と記者は尋ねた。双方は合意した。",
     ["「なぜ今なのか？」と記者は尋ねた。", "双方は合意した。"]),
    ("“我们不会退让。”他说。 「交渉は続く。」",
     ["“我们不会退让。”他说。", "「交渉は続く。」"]),
    ("यह खबर है। दूसरी खबर भी है।", ["यह खबर है।", "दूसरी खबर भी है।"]),
    ("Переговоры продолжатся. Стороны согласились.",
     ["Переговоры продолжатся.", "Стороны согласились."]),
    ("השיחות נמשכו. הצדדים לא הסכימו.", ["השיחות נמשכו.", "הצדדים לא הסכימו."]),
    ("La tregua terminó. ¿Quién disparó primero?",
     ["La tregua terminó.", "¿Quién disparó primero?"]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_segment(text: str, expected: list[str]) -> None:
    assert [text[start:end] for start, end in segment(text)] == expected


def check_invariants(text: str) -> None:
    spans = segment(text)
    covered = 0
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert not text[start].isspace()
        assert not text[end - 1].isspace()
        covered += sum(not c.isspace() for c in text[start:end])
        previous_end = end
    assert covered == sum(not c.isspace() for c in text)


# pieces of news-like text, so that generated inputs reach the abbreviation and line rules
NEWS_PIECES = [
    "Mr.", "U.S.", "Inc.", "J.", "e.g.", "a.m.", "1.", "3.5", "said", "The", "the", "It",
    "Gaza", "Kyiv", ".", "?", "!", "…", "...", '"', "“", "”", "(", ")", "- ", "•", "，", "。",
    "؟", "\n", "\r\n", "\n\n", " ", "  ", "\t", "\u2029", "、", "Ş", "ǅ", "x",
]  # fmt: skip


@settings(max_examples=400)
@given(st.text())
def test_invariants_on_arbitrary_unicode(text: str) -> None:
    check_invariants(text)


@settings(max_examples=400)
@given(st.lists(st.sampled_from(NEWS_PIECES), max_size=60).map("".join))
def test_invariants_on_news_like_text(text: str) -> None:
    check_invariants(text)


@pytest.mark.parametrize(
    "text",
    [
        " " * 20_000,
        "." * 20_000,
        ". " * 10_000,
        "\n \n" * 5_000,
        "a" * 20_000 + ". The end.",
        "U.S. " * 5_000,
        '"Why?" ' * 5_000,
        "x\r" * 10_000,
    ],
    ids=["spaces", "periods", "spaced-periods", "blank-lines", "long-word", "acronyms",
         "questions", "carriage-returns"],
)  # fmt: skip
def test_invariants_on_long_degenerate_text(text: str) -> None:
    check_invariants(text)

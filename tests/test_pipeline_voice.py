"""Voice across stages: what a quote holds is its speaker's claim, not the outlet's."""

from __future__ import annotations

import newsgraph

TEXT = (
    "Navy says ships were fired on\n\n"
    "Iran seized a tanker in the Gulf of Oman on Monday. "
    '"Houthi fighters fired missiles at our ships and wounded 12 sailors," '
    "Admiral Brad Cooper told reporters. "
    "Germany condemned the seizure."
)


def test_events_and_figures_in_a_quote_are_attributed_to_its_speaker() -> None:
    an = newsgraph.analyze(TEXT, published="2024-04-15")
    quote = next(q for q in an.quotes if "fired missiles" in q.text)
    assert quote.kind == "direct" and quote.speaker is not None
    speaker = quote.speaker.actor
    fired = next(e for e in an.events if e.evidence.trigger.text.startswith("fired"))
    assert fired.voice.kind == "attributed" and fired.voice.speaker == speaker
    sailors = next(c for c in an.claims if "12 sailors" in c.text)
    assert sailors.voice.kind == "attributed" and sailors.voice.speaker == speaker
    # The outlet's own sentences stay in its voice.
    seized = next(e for e in an.events if e.evidence.trigger.text == "seized")
    assert seized.voice.kind == "narrator"
    voices = {an.span(s.start, s.end)[:10]: s.voice for s in an.sentences}
    assert voices["Iran seize"] == "narrator" and voices['"Houthi fi'] in ("quoted", "mixed")


def test_a_narrator_event_outweighs_the_same_claim_in_a_quote() -> None:
    plain = newsgraph.analyze(
        "Story\n\nIran seized a tanker from Greece on Monday.", published="2024-04-15"
    )
    quoted = newsgraph.analyze(
        'Story\n\n"Iran seized a tanker from Greece on Monday," she said.', published="2024-04-15"
    )
    assert plain.events[0].recipient and quoted.events[0].recipient
    assert plain.events[0].voice.kind == "narrator"
    assert quoted.events[0].voice.kind == "attributed"
    assert quoted.events[0].confidence < plain.events[0].confidence

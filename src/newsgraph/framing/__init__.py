"""Framing: the evaluative and loaded wording of an article, voice by voice.

``find_framing`` marks lexicon words (labels, loaded words, intensifiers, emotive words,
hedges, distancing, presuppositions, attributed intent) and scare quotes, each with the voice it
is spoken in; ``framing_summary`` counts them and looks for asymmetries. The tool describes
wording; it does not judge outlets.
"""

from __future__ import annotations

from newsgraph.framing.detect import detect_framing, find_framing
from newsgraph.framing.lexicon import Lexicon, LexiconError, default_lexicon, load_lexicon
from newsgraph.framing.summary import FramingSummary, framing_summary

__all__ = [
    "FramingSummary",
    "Lexicon",
    "LexiconError",
    "default_lexicon",
    "detect_framing",
    "find_framing",
    "framing_summary",
    "load_lexicon",
]

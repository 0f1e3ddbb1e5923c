"""Framing spans: lexicon words and scare quotes, each in the voice that speaks it.

One pass over the article's tokens, sentence by sentence, tries the lexicon trie at each token
(longest form first) and checks the word's conditions: its ``unless`` contexts, ``when``
(speech or not), lower case only, and two rules kept here because they hold for every word:
a capitalised word inside a run of capitalised words is part of a name ("Martyrs' Square"),
and a word after a negating prefix is part of a compound ("anti-terrorism").

Voice: a span inside a direct quote's content, or inside quotation marks within any quote, is
"quoted" with the quote's speaker; a span in quotation marks the quotes layer left out, or in
a sentence whose voice is "quoted", is "quoted" too. The words of an indirect quote outside
quotation marks are the outlet's paraphrase, so they are the narrator's (``paraphrase="quoted"``
gives them to the speaker instead). Everything else is the narrator's.

Scare quotes: a short phrase (1-4 words) in quotation marks that no quote covers, that is not
a short full utterance ("No," she said), a title in capitals, or an echo of words quoted
elsewhere in the article, is a narrator "distancing" span.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from newsgraph.actors.matcher import norm, tokenize
from newsgraph.framing.lexicon import Lexicon, Term, default_lexicon
from newsgraph.framing.marks import Marked, find_marked, word_count
from newsgraph.model import Framing, Quote, Sentence

SCARE_MAX_WORDS = 4
# After a reporting verb, these tokens start what was said ("claimed that", "insisted on",
# "admitted to lying", ", he claimed.").
SPEECH_NEXT = frozenset(
    [
        "that", ",", ".", ":", ";", "!", "?", '"', "'", "“", "”", "‘", "«", "»", "—", "–",
        "(", "he", "she", "it", "they", "we", "i", "you", "there", "this", "to", "in", "on",
        "about", "of", "without", "as", "during", "at", "before", "after", "while", "when",
        "again", "afterwards", "later", "yesterday", "today", "tonight",
    ]
)  # fmt: skip
SPEECH_BEFORE = frozenset([",", '"', "”", "“", "'", "’", "—", "–", ":"])
DETERMINERS = frozenset(
    [
        "the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "this", "that",
        "these", "those", "'s", "such", "what", "whose", "another", "any", "some", "every",
    ]
)  # fmt: skip
NEGATING_PREFIXES = frozenset(["anti", "counter", "non", "de", "post", "pre", "ex", "pro"])
_WORDISH = re.compile(r"[^\W\d_]")
_WORDS = re.compile(r"[^\W_]+")
Paraphrase = Literal["narrator", "quoted"]


@dataclass(frozen=True, slots=True)
class _Doc:
    text: str
    toks: list[str]
    keys: list[str]
    starts: list[int]
    ends: list[int]


@dataclass(frozen=True, slots=True)
class _Span:
    start: int
    end: int
    speaker: str | None
    direct: bool


class _Voices:
    """Which voice speaks at an offset: quotes, quotation marks, then the sentence's voice.

    Words in quotation marks, or in a direct quote, are the speaker's. The rest of an indirect
    or mixed quote is the outlet's paraphrase: its wording is the narrator's unless
    ``paraphrase`` is "quoted"."""

    def __init__(
        self,
        quotes: Sequence[Quote],
        marked: Sequence[Marked],
        sentences: Sequence[Sentence],
        paraphrase: Paraphrase = "narrator",
    ) -> None:
        spans = (
            _Span(q.start, q.end, q.speaker.actor if q.speaker else None, q.kind == "direct")
            for q in quotes
        )
        self.quotes = sorted(spans, key=lambda s: s.start)
        self.q_starts = [q.start for q in self.quotes]
        self.q_reach: list[int] = []
        reach = -1
        for q in self.quotes:
            reach = max(reach, q.end)
            self.q_reach.append(reach)
        self.marked = list(marked)
        self.m_starts = [m.start for m in self.marked]
        self.sentences = sentences
        self.paraphrase = paraphrase

    def quote_at(self, start: int, end: int) -> _Span | None:
        """The quote overlapping ``[start, end)``, if any."""
        k = bisect.bisect_left(self.q_starts, end) - 1
        while k >= 0 and self.q_reach[k] > start:
            if self.quotes[k].end > start:
                return self.quotes[k]
            k -= 1
        return None

    def marked_at(self, start: int, end: int) -> Marked | None:
        """The stretch in quotation marks holding ``[start, end)``, if any."""
        k = bisect.bisect_right(self.m_starts, start) - 1
        if k >= 0:
            lo, hi = self.marked[k].inner
            if lo <= start and end <= hi:
                return self.marked[k]
        return None

    def voice(self, start: int, end: int, sent: int) -> tuple[str, str | None]:
        quote = self.quote_at(start, end)
        marked = self.marked_at(start, end) is not None
        if quote is not None and (quote.direct or marked or self.paraphrase == "quoted"):
            return "quoted", quote.speaker
        if marked:
            return "quoted", None
        if quote is not None:
            return "narrator", None  # the outlet's paraphrase of what was said
        s = self.sentences[sent]
        if s.voice == "quoted":
            inside = self.quote_at(s.start, s.end)
            return "quoted", inside.speaker if inside else None
        return "narrator", None


def _clean_sentences(text: str, sentences: Sequence[Sentence]) -> tuple[list[Sentence], int]:
    """Sentences clipped to the text, in order and not overlapping; how many were dropped."""
    n, out, dropped, last = len(text), [], 0, 0
    for s in sorted(sentences, key=lambda s: (s.start, s.end)):
        start, end = max(s.start, last, 0), min(s.end, n)
        if end <= start:
            dropped += 1
            continue
        out.append(Sentence(start=start, end=end, voice=s.voice))
        last = end
    if not out and text.strip():
        out = [Sentence(start=0, end=n)]
    return out, dropped


def _is_headline(doc: _Doc, a: int, b: int) -> bool:
    """Title case: nearly every longer word capitalised ("Senate Slams Brutal Crackdown")."""
    words = [t for t in doc.toks[a:b] if len(t) > 3 and t[:1].isalpha()]
    return len(words) >= 3 and sum(w[:1].isupper() for w in words) >= 0.85 * len(words)


def _context_ok(keys: Sequence[str], at: int, want: Sequence[str], a: int, b: int) -> bool:
    if at < a or at + len(want) > b:
        return False
    return all(w == "*" or keys[at + k] == w for k, w in enumerate(want))


def _speech(doc: _Doc, i: int, j: int, a: int, b: int) -> bool:
    """Whether the word at tokens ``[i, j)`` reports speech, from the tokens around it."""
    if i > a and doc.keys[i - 1] in SPEECH_BEFORE:
        return True
    k = j
    while k < b and doc.keys[k].endswith("ly") and len(doc.keys[k]) > 3:
        k += 1  # "claimed falsely that"
    return k >= b or doc.keys[k] in SPEECH_NEXT


def _in_name(doc: _Doc, i: int, j: int, first: int, b: int) -> bool:
    """A capitalised word beside another capitalised word, mid-sentence: part of a name.
    ``first`` is the sentence's first word, whose capital says nothing."""
    if not doc.toks[i][:1].isupper() or i == first:
        return False
    prev = doc.toks[i - 1]
    nxt = doc.toks[j] if j < b else ""
    if nxt in ("'", "’") and j + 1 < b:
        nxt = doc.toks[j + 1]  # "Martyrs' Brigades"
    cap_prev = i - 1 > first and prev[:1].isupper() and prev.isalpha()
    return cap_prev or (nxt[:1].isupper() and nxt.isalpha())


def _accept(doc: _Doc, term: Term, i: int, j: int, a: int, b: int, first: int) -> bool:
    """Whether the word ``term`` at tokens ``[i, j)`` of the sentence ``[a, b)`` is a hit;
    ``first`` is the sentence's first word, or -1 in a headline (capitals everywhere)."""
    if term.lower_only and not doc.toks[i][:1].islower():
        return False
    for left, right in term.unless:
        if _context_ok(doc.keys, i - len(left), left, a, b) and _context_ok(
            doc.keys, j, right, a, b
        ):
            return False
    if term.when == "speech" and not _speech(doc, i, j, a, b):
        return False
    if term.when == "not-speech" and _speech(doc, i, j, a, b):
        return False
    if term.when == "attributive" and not (i > a and doc.keys[i - 1] in DETERMINERS):
        return False
    if not term.proper and first >= 0 and _in_name(doc, i, j, first, b):
        return False
    return not (
        i - 2 >= a
        and doc.keys[i - 1] == "-"
        and doc.keys[i - 2] in NEGATING_PREFIXES
        and doc.ends[i - 2] == doc.starts[i - 1]
        and doc.ends[i - 1] == doc.starts[i]
    )


def _sentence_tokens(doc: _Doc, sentences: Sequence[Sentence]) -> list[tuple[int, int]]:
    """Token range ``[first, last)`` of each sentence (tokens wholly inside it)."""
    out = []
    for s in sentences:
        first = bisect.bisect_left(doc.starts, s.start)
        last = bisect.bisect_right(doc.ends, s.end)
        out.append((first, max(first, last)))
    return out


def _lexicon_spans(
    doc: _Doc, sentences: Sequence[Sentence], voices: _Voices, lexicon: Lexicon
) -> list[Framing]:
    found: list[Framing] = []
    for sent, (a, b) in enumerate(_sentence_tokens(doc, sentences)):
        first = next((k for k in range(a, b) if doc.toks[k][:1].isalpha()), a)
        if _is_headline(doc, a, b):
            first = -1
        i = a
        while i < b:
            hit = next(
                (
                    (j, term)
                    for j, terms in lexicon.candidates(doc.keys, i, b)
                    for term in terms
                    if _accept(doc, term, i, j, a, b, first)
                ),
                None,
            )
            if hit is None:
                i += 1
                continue
            j, term = hit
            start, end = doc.starts[i], doc.ends[j - 1]
            voice, speaker = voices.voice(start, end, sent)
            found.append(
                Framing(
                    start=start,
                    end=end,
                    text=doc.text[start:end],
                    category=term.category,
                    voice="quoted" if voice == "quoted" else "narrator",
                    speaker=speaker,
                )
            )
            i = j
    return found


def _is_utterance(text: str, m: Marked, sentence_start: int) -> bool:
    """A short full quote ("No.", "We will win," ...), not a fragment set in scare quotes."""
    lo, hi = m.inner
    inner = text[lo:hi].rstrip()
    if not inner or inner[-1] not in ",.!?…":
        return False
    if inner[-1] in "!?":
        return True
    before = text[sentence_start : m.start].rstrip()
    return not _WORDISH.search(before) or before.endswith(":")


def _folded(text: str) -> str:
    return " ".join(_WORDS.findall(text.casefold()))


def _scare_quotes(text: str, sentences: Sequence[Sentence], voices: _Voices) -> list[Framing]:
    """Short fragments in quotation marks that are nobody's quote: the narrator's distancing.
    A fragment that repeats words from a quote of the article echoes that speaker instead."""
    found: list[Framing] = []
    starts = [s.start for s in sentences]
    quoted = "".join(f" {_folded(text[q.start : q.end])} |" for q in voices.quotes)
    for m in voices.marked:
        lo, hi = m.inner
        words = re.findall(r"[^\W\d_][\w'’-]*", text[lo:hi])
        if not m.closed or not words or word_count(text, lo, hi) > SCARE_MAX_WORDS:
            continue
        if all(w[:1].isupper() for w in words):
            continue  # a title or a name in quotation marks
        if voices.quote_at(m.start, m.end) is not None:
            continue
        if quoted and f" {_folded(text[lo:hi])} " in quoted:
            continue  # an echo of words quoted elsewhere in the article
        k = max(0, bisect.bisect_right(starts, m.start) - 1)
        sentence = sentences[k] if sentences else None
        if sentence is not None and sentence.voice == "quoted":
            continue
        if _is_utterance(text, m, sentence.start if sentence else 0):
            continue
        found.append(
            Framing(
                start=m.start,
                end=m.end,
                text=text[m.start : m.end],
                category="distancing",
                voice="narrator",
            )
        )
    return found


def detect_framing(
    text: str,
    sentences: Sequence[Sentence],
    quotes: Sequence[Quote],
    lexicon: Lexicon | None = None,
    *,
    paraphrase: Paraphrase = "narrator",
) -> tuple[list[Framing], list[str]]:
    """The framing spans of an article, in text order, and warnings about its input."""
    warnings: list[str] = []
    lexicon = lexicon if lexicon is not None else default_lexicon()
    clean, dropped = _clean_sentences(text, sentences)
    if dropped:
        warnings.append(f"framing: {dropped} sentence span(s) outside the text were ignored")
    good = [q for q in quotes if 0 <= q.start < q.end <= len(text)]
    if len(good) < len(quotes):
        bad = len(quotes) - len(good)
        warnings.append(f"framing: {bad} quote span(s) outside the text were ignored")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t")
    if controls > max(8, len(text) // 100):
        warnings.append(
            f"framing: the text holds {controls} control characters (binary input?): "
            "framing spans may be meaningless"
        )
    toks, starts, ends = tokenize(text)
    doc = _Doc(text, toks, [norm(t) for t in toks], starts, ends)
    voices = _Voices(good, find_marked(text), clean, paraphrase)
    spans = _lexicon_spans(doc, clean, voices, lexicon) + _scare_quotes(text, clean, voices)
    spans.sort(key=lambda f: (f.start, f.end))
    return spans, warnings


def find_framing(
    text: str,
    sentences: Sequence[Sentence],
    quotes: Sequence[Quote],
    lexicon: Lexicon | None = None,
    *,
    paraphrase: Paraphrase = "narrator",
) -> list[Framing]:
    """The framing spans of an article (lexicon words and scare quotes), in text order, each
    with its voice and, when quoted, its speaker's actor id. Words of an indirect quote outside
    quotation marks are the outlet's paraphrase: narrator, unless ``paraphrase="quoted"``."""
    return detect_framing(text, sentences, quotes, lexicon, paraphrase=paraphrase)[0]

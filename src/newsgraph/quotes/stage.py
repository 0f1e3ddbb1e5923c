"""The quotes and voice stage: who said what, and which sentences speak in the outlet's voice.

``find_quotes`` scans quote marks (``direct``), reads every cue in the narrator's words
(``indirect``), and joins the two: a cue whose content is a quote in marks makes a direct
quote; one whose content mixes a quoted fragment with the reporter's words makes a mixed quote;
one with no marks in its content an indirect quote. Quotes in marks that no cue governs take a
speaker from a transcript label ("PENCE: ..."), a dash line ("... ” — Jane Doe"), a colon
("Jones: “...”", "He said:" before the quote), or the last speaker in a run of quotes; a short
fragment in marks with none of these (a scare quote) is left to the framing layer.

Every step is a linear scan over tokens or marks: no parser, no model.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Literal

from newsgraph.model import Actor, Cue, Quote, Speaker, Voice
from newsgraph.quotes.context import PRONOUNS, Ctx, build_ctx
from newsgraph.quotes.cues import Lexicon, default_lexicon
from newsgraph.quotes.direct import DOUBLE, SINGLE, QuoteSpan, scan_quotes
from newsgraph.quotes.indirect import Reading, find_cues, main_subject, read_cue, title_case
from newsgraph.quotes.speakers import History, np_back, resolve
from newsgraph.quotes.tokens import paragraphs, tokenize

# A quote in marks with no cue is a scare quote up to this many words, unless a run of quotes
# or a colon gives it a speaker.
SCARE_WORDS = 3
# Without any speaker, a quote in marks is kept when it is a sentence or at least this long.
LONE_WORDS = 8
# A capitalised quote of at most this many words is a title ("State of the Union").
TITLE_WORDS = 8
_SMALL_WORDS = frozenset(
    {"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "by", "with", "from"}
)
# A quote with no cue takes the speaker of a quote ending at most this many paragraphs before.
RUN_PARAGRAPHS = 1
# "A lesson from Loretta Lynch: '...'": a speaker before a colon opens its line, this close.
COLON_REACH = 8
_WORD = re.compile(r"\w+")
_LETTERS = re.compile(r"[a-z]+")
_TRIGGER = re.compile('[:"“”„‟«»‘‚‹›`]')
_DASH_LINE = re.compile(r"[ \t\u00a0]*[—–―-][ \t\u00a0]*(?=[A-Z])")
QUOTE_MARKS = frozenset("".join(DOUBLE | SINGLE))
_PARTICLES = frozenset({"off", "up", "in", "out", "back", "away", "down", "it", "to", "for", "on"})
_CLAUSE_TAIL = frozenset({"and", "but", "while", "as", "or", "so", "because", "although"})


@dataclass(frozen=True)
class QuoteResult:
    """The stage's output: quotes ("q1", "q2", ... in text order), one voice per input
    sentence, and the stance of each quote's cue verb by quote id."""

    quotes: list[Quote]
    voices: list[Voice]
    stances: dict[str, str] = field(default_factory=dict)


Kind = Literal["direct", "indirect", "mixed"]


@dataclass
class _Draft:
    kind: Kind
    start: int
    end: int
    speaker: tuple[int, int] | None = None  # token range
    cue: tuple[int, int] | None = None  # token range
    stance: str | None = None
    inherit: bool = False  # the speaker of the quote before

    def copy(self, kind: Kind, start: int, end: int) -> _Draft:
        return _Draft(kind, start, end, self.speaker, self.cue, self.stance, self.inherit)


def find_quotes(
    text: str, sentences: Sequence[tuple[int, int]], actors: Sequence[Actor]
) -> QuoteResult:
    """Every quote in ``text`` with its speaker and cue, and the voice of each sentence."""
    lex = default_lexicon()
    ordered = sorted((s, e) for s, e in sentences if 0 <= s < e <= len(text))
    paras = paragraphs(text, ordered)
    spans = scan_quotes(text, paras, ordered, lex.label_words)
    # Words inside quote marks are never cues nor speakers: only the marks are tokenised.
    regions = _outside(_active(text, ordered, spans, lex), [(q.start, q.end) for q in spans])
    ctx = build_ctx(text, tokenize(text, regions), lex, spans, actors)
    claimed: set[int] = set()
    drafts: list[_Draft] = []
    for s, e in ordered:
        lo, hi = ctx.toks.at_or_after(s), ctx.toks.ending_by(e)
        k = bisect.bisect_left(ctx.cands, lo)
        if k < len(ctx.cands) and ctx.cands[k] < hi:
            drafts += _sentence(ctx, lo, hi, claimed)
        elif lo < hi and ":" in ctx.toks.text[lo : min(hi, lo + 7)]:
            drafts += _headline(ctx, lo, hi, claimed)
    drafts += _unclaimed(ctx, paras, ordered, claimed, drafts)
    quotes, stances = _finish(ctx, drafts)
    return QuoteResult(quotes, _voices(text, sentences, quotes), stances)


def _active(
    text: str, sentences: list[tuple[int, int]], spans: list[QuoteSpan], lex: Lexicon
) -> list[tuple[int, int]]:
    """The sentences worth tokenising: those with a cue word or cue phrase, a colon or a double
    mark, or inside a quote, or opening with a dash. The others are the narrator's alone."""
    opens = [q.open for q in spans]
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters change length when lowered
        lowered = text
    out: list[tuple[int, int]] = []
    for s, e in sentences:
        k = bisect.bisect_right(opens, e) - 1
        if (
            (k >= 0 and spans[k].outer_end > s)
            or _TRIGGER.search(text, s, e) is not None
            or text[s] in "—–―"
            or not lex.sentence_words.isdisjoint(_LETTERS.findall(lowered, s, e))
            or (lex.sentence_phrases is not None and lex.sentence_phrases.search(lowered, s, e))
        ):
            out.append((s, e))
    return out


def _outside(regions: list[tuple[int, int]], holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sorted ``regions`` less the sorted, disjoint ``holes``."""
    out: list[tuple[int, int]] = []
    k = 0
    for s, e in regions:
        pos = s
        while k < len(holes) and holes[k][1] <= pos:
            k += 1
        j = k
        while j < len(holes) and holes[j][0] < e:
            if holes[j][0] > pos:
                out.append((pos, holes[j][0]))
            pos = max(pos, holes[j][1])
            j += 1
        if pos < e:
            out.append((pos, e))
    return out


# --- readings to drafts ------------------------------------------------------------------------


def _sentence(ctx: Ctx, lo: int, hi: int, claimed: set[int]) -> list[_Draft]:
    """The quotes of one sentence's cues (tokens ``[lo, hi)``), or of its headline colon."""
    readings = [r for c in find_cues(ctx, lo, hi) if (r := read_cue(ctx, c, lo, hi)) is not None]
    for i, r in enumerate(readings):
        if r.speaker is None:
            prev = next((p.speaker for p in reversed(readings[:i]) if p.speaker), None)
            r.speaker = prev or main_subject(ctx, lo, hi, r.cue.first)
        _clip(ctx, r, readings[i + 1 :])
    out: list[_Draft] = []
    for r in readings:
        out += _drafts(ctx, r, claimed)
    if not readings:
        out += _headline(ctx, lo, hi, claimed)
    return out


def _clip(ctx: Ctx, r: Reading, later: list[Reading]) -> None:
    """An after-content ends where a later cue's clause begins; trailing joiners go."""
    clipped = []
    for f, stop in r.contents:
        for other in later:
            if f < other.clause < stop:
                stop = other.clause
        while (
            stop > f
            and ctx.quoted[stop - 1] < 0
            and (not ctx.word(stop - 1) or ctx.toks.low[stop - 1] in _CLAUSE_TAIL)
        ):
            stop -= 1
        while f < stop and ctx.quoted[f] < 0 and not ctx.word(f):
            f += 1
        if stop > f:
            clipped.append((f, stop))
    r.contents = clipped


def _stance(r: Reading) -> str:
    return r.cue.entry.stance if r.cue.entry is not None else "neutral"


def _drafts(ctx: Ctx, r: Reading, claimed: set[int]) -> list[_Draft]:
    """The quotes one reading makes: direct, mixed or indirect by the marks in its content."""
    out: list[_Draft] = []
    cue = (r.cue.first, r.cue.last)
    for f, stop in r.contents:
        if _unquoted_ok(ctx, r, f) or any(ctx.quoted[k] >= 0 for k in range(f, stop)):
            out += _classify(
                ctx, f, stop, _Draft("indirect", 0, 0, r.speaker, cue, _stance(r)), claimed
            )
    if r.colon is not None:
        q = _quote_after(ctx, ctx.toks.ends[r.colon], claimed)
        if q is not None:
            claimed.add(q)
            span = ctx.spans[q]
            out.append(_Draft("direct", span.start, span.end, r.speaker, cue, _stance(r)))
    return out


def _classify(ctx: Ctx, f: int, stop: int, like: _Draft, claimed: set[int]) -> list[_Draft]:
    """Content tokens ``[f, stop)`` as quotes with the speaker and cue of ``like``: each quote in
    marks when the content is only those (direct), the whole content when it mixes marks and
    narrator words (mixed), else the content itself (indirect, two words or more)."""
    toks = ctx.toks
    qs = sorted({ctx.quoted[k] for k in range(f, stop) if ctx.quoted[k] >= 0})
    if any(q in claimed for q in qs):
        return []  # another cue already took the quote this content holds
    narrator = _count_to_two(k for k in range(f, stop) if ctx.quoted[k] < 0 and ctx.words[k])
    start, end = toks.starts[f], toks.ends[stop - 1]
    if not qs:
        return [like.copy("indirect", start, end)] if narrator >= 2 else []
    claimed.update(qs)
    if narrator <= 1:
        return [like.copy("direct", ctx.spans[q].start, ctx.spans[q].end) for q in qs]
    end = max(end, *(ctx.spans[q].outer_end for q in qs))
    return [like.copy("mixed", start, end)]


def _count_to_two(items: Iterator[int]) -> int:
    """How many items, counting no further than two."""
    return sum(1 for _ in islice(items, 2))


def _unquoted_ok(ctx: Ctx, r: Reading, first: int) -> bool:
    """A naming verb ("called", "dubbed") with no marks in its content counts when a named
    actor or a pronoun is its subject and its object is not a particle ("called off")."""
    if r.cue.entry is None or not r.cue.entry.quoted:
        return True
    if r.speaker is None or r.frame != "after" or ctx.toks.low[first] in _PARTICLES:
        return False
    if ctx.toks.low[first] in ("a", "an"):
        return False  # "called a meeting", "called an election": not a name for something
    f, stop = r.speaker
    return any(ctx.owner[k] is not None or ctx.toks.low[k] in PRONOUNS for k in range(f, stop))


def _quote_after(ctx: Ctx, pos: int, claimed: set[int]) -> int | None:
    """The unclaimed quote whose opening mark is the next thing after ``pos``."""
    k = bisect.bisect_left([s.open for s in ctx.spans], pos)
    if k < len(ctx.spans) and k not in claimed and not ctx.text[pos : ctx.spans[k].open].strip():
        return k
    return None


def _named_speaker(ctx: Ctx, first: int, last: int, caps: bool = False) -> bool:
    """The phrase names an actor or a speaker noun ("Pence", "Poll") and is not a label;
    with ``caps``, a short capitalised name will do ("Okafor")."""
    lex, low = ctx.lex, ctx.toks.low
    if any(low[k] in lex.label_words for k in range(first, last)):
        return False
    if caps and last - first <= 3 and all(ctx.cap(k) for k in range(first, last)):
        return True
    return any(
        ctx.owner[k] is not None or low[k] in lex.speaker_heads or low[k] in lex.document_nouns
        for k in range(first, last)
    )


def _headline(ctx: Ctx, lo: int, hi: int, claimed: set[int]) -> list[_Draft]:
    """ "Pence: No debate guests" as a headline: a speaker, a colon and what they said."""
    toks = ctx.toks
    colon = next((k for k in range(lo, min(hi, lo + 7)) if toks.text[k] == ":"), None)
    if colon is None or colon == lo or hi - colon < 4:
        return []
    if lo > 0 and not title_case(ctx, lo, hi):  # the first line is the title
        return []
    np = np_back(ctx, colon - 1, lo)
    if np is None or np[0] != lo or not _named_speaker(ctx, *np):
        return []
    end = hi
    while end > colon + 1 and not ctx.word(end - 1) and ctx.quoted[end - 1] < 0:
        end -= 1
    return _classify(ctx, colon + 1, end, _Draft("indirect", 0, 0, np), claimed)


# --- quotes in marks with no cue ----------------------------------------------------------------


def _unclaimed(
    ctx: Ctx,
    paras: list[tuple[int, int]],
    sentences: list[tuple[int, int]],
    claimed: set[int],
    drafts: list[_Draft],
) -> list[_Draft]:
    """Quotes in marks no cue took: a label, a dash, a colon or the run they stand in gives
    them a speaker; scare quotes and titles are left out."""
    out: list[_Draft] = []
    starts = [p[0] for p in paras]
    sent_starts = [s for s, _ in sentences]
    said = sorted((d for d in drafts if d.speaker is not None), key=lambda d: d.end)
    ends = [d.end for d in said]
    for q, span in enumerate(ctx.spans):
        if q in claimed:
            continue
        speaker = _label(ctx, span) or _dash(ctx, span) or _colon(ctx, span)
        draft = _Draft("direct", span.start, span.end, speaker)
        if speaker is None:
            words = len(_WORD.findall(ctx.text, span.start, span.end))
            k = bisect.bisect_right(ends, span.open) - 1
            near = k >= 0 and _para(starts, span.open) - _para(starts, ends[k]) <= RUN_PARAGRAPHS
            same = k >= 0 and _para(sent_starts, span.open) == _para(sent_starts, ends[k])
            if near and _opens_sentence(ctx, span) and not _title(ctx, span):
                draft.inherit = True  # a run of quotes: "“A,” she said. “B.”"
            elif same and _after_comma(ctx, span):
                draft.inherit = True  # "“A,” she said at the rally, “B.”"
            elif words <= SCARE_WORDS or not _lone_quote(ctx, span, words):
                continue
        out.append(draft)
        if draft.speaker is not None or draft.inherit:
            bisect.insort(ends, span.end)
    return out


def _para(starts: list[int], pos: int) -> int:
    """Index of the span (paragraph or sentence) holding ``pos``, given their starts."""
    return bisect.bisect_right(starts, pos) - 1


def _before_mark(ctx: Ctx, span: QuoteSpan) -> str:
    """What stands before a quote's opening mark on its line, trailing spaces dropped."""
    window = ctx.text[max(0, span.open - 80) : span.open]
    return window.rsplit("\n", 1)[-1].rstrip() if "\n" in window else window.rstrip()


def _after_comma(ctx: Ctx, span: QuoteSpan) -> bool:
    """A comma, dash or colon stands right before the quote: it goes on a sentence."""
    return _before_mark(ctx, span)[-1:] in (",", "—", "–", ":")


def _opens_sentence(ctx: Ctx, span: QuoteSpan) -> bool:
    """Nothing but marks and spaces stands before the quote in its sentence or line."""
    before = _before_mark(ctx, span)
    return not before or before[-1] in ".!?…:" or before[-1] in QUOTE_MARKS


def _title(ctx: Ctx, span: QuoteSpan) -> bool:
    """A quoted title ("The Art of the Deal", "State of the Union."): short, its words
    capitalised (small words aside), no punctuation inside but a final stop."""
    words = [w for w in _WORD.findall(ctx.text, span.start, span.end) if w not in _SMALL_WORDS]
    if not words or len(words) > TITLE_WORDS:
        return False
    big = sum(1 for w in words if w[:1].isupper() or w[:1].isdigit())
    inner = ctx.text[span.start : span.end].rstrip(".!")
    return big >= 0.8 * len(words) and not re.search(r"[.,;:!?]", inner)


def _lone_quote(ctx: Ctx, span: QuoteSpan, words: int) -> bool:
    """A quote with no speaker kept all the same: a whole sentence, or a long stretch."""
    if _title(ctx, span):
        return False
    inner = ctx.text[span.start : span.end].rstrip()
    sentence = inner[:1].isupper() and inner[-1:] in ".!?…"
    return sentence or words >= LONE_WORDS


def _label(ctx: Ctx, span: QuoteSpan) -> tuple[int, int] | None:
    """The tokens of a transcript turn's label ("PENCE"), if the quote is one."""
    if span.label is None:
        return None
    first = ctx.toks.at_or_after(span.label[0])
    last = ctx.toks.ending_by(span.label[1])
    return (first, last) if last > first else None


def _dash(ctx: Ctx, span: QuoteSpan) -> tuple[int, int] | None:
    """ "“...” — Jane Doe": a name after a dash, alone on the rest of its line."""
    if span.close is None:
        return None
    m = _DASH_LINE.match(ctx.text, span.outer_end)
    if m is None:
        return None
    line_end = ctx.text.find("\n", m.end())
    line_end = len(ctx.text) if line_end < 0 else line_end
    first = ctx.toks.at_or_after(m.end())
    last = ctx.toks.ending_by(line_end)
    while last > first and not ctx.word(last - 1):
        last -= 1
    if last <= first or last - first > 6 or not ctx.cap(first):
        return None
    return (first, last)


def _colon(ctx: Ctx, span: QuoteSpan) -> tuple[int, int] | None:
    """ "Jones: “...”" (or a headline "Trump: ‘...’"): a speaker phrase and a colon."""
    k = ctx.toks.at_or_after(span.open) - 1
    if k < 1 or ctx.toks.text[k] != ":":
        return None
    if (
        ctx.text[ctx.toks.ends[k] : span.open].strip()
        or "\n" in ctx.text[ctx.toks.ends[k] : span.open]
    ):
        return None  # the colon must stand right before the quote, on its line
    line = ctx.toks.at_or_after(ctx.text.rfind("\n", 0, ctx.toks.starts[k]) + 1)
    begin = max(line, k - COLON_REACH)
    if any(ctx.toks.text[j] in ".!?" for j in range(begin, k)):
        begin = max(j for j in range(begin, k) if ctx.toks.text[j] in ".!?") + 1
    if k - begin > COLON_REACH:
        return None
    np = np_back(ctx, k - 1, begin)
    if np is None or not _named_speaker(ctx, *np, caps=True):
        return None
    return np


# --- finishing ------------------------------------------------------------------------------------


def _finish(ctx: Ctx, drafts: list[_Draft]) -> tuple[list[Quote], dict[str, str]]:
    """Order, de-overlap, resolve speakers, number."""
    drafts.sort(key=lambda d: (d.start, -d.end))
    kept: list[_Draft] = []
    for d in drafts:
        if kept and d.start < kept[-1].end:
            if d.end <= kept[-1].end or (kept[-1].end - d.start) * 2 > d.end - d.start:
                continue
            d.start = _skip_space(ctx.text, kept[-1].end, d.end)
        if d.end > d.start:
            kept.append(d)
    history = History()
    quotes: list[Quote] = []
    stances: dict[str, str] = {}
    last: Speaker | None = None
    for n, d in enumerate(kept, start=1):
        speaker: Speaker | None = None
        if d.speaker is not None:
            speaker = resolve(ctx, d.speaker[0], d.speaker[1], history)
        elif d.inherit:
            speaker = last
        if speaker is not None:
            last = speaker
            if speaker.actor is not None:
                history.said.append((d.start, ctx.actors[speaker.actor]))
        qid = f"q{n}"
        quotes.append(
            Quote(
                id=qid,
                kind=d.kind,
                start=d.start,
                end=d.end,
                text=ctx.text[d.start : d.end],
                speaker=speaker,
                cue=_cue(ctx, d.cue),
            )
        )
        if d.stance is not None:
            stances[qid] = d.stance
    return quotes, stances


def _skip_space(text: str, pos: int, end: int) -> int:
    """``pos`` moved on past spaces and punctuation, to a word or an opening mark."""
    while pos < end and not text[pos].isalnum() and text[pos] not in "\"“‘'«":
        pos += 1
    return pos


def _cue(ctx: Ctx, cue: tuple[int, int] | None) -> Cue | None:
    """The cue record of a token range."""
    if cue is None:
        return None
    start, end = ctx.toks.starts[cue[0]], ctx.toks.ends[cue[1] - 1]
    return Cue(text=ctx.text[start:end], start=start, end=end)


def _voices(text: str, sentences: Sequence[tuple[int, int]], quotes: list[Quote]) -> list[Voice]:
    """Per sentence: quoted when every word is in a quote, mixed when some are, else narrator."""
    merged: list[list[int]] = []
    for q in sorted(quotes, key=lambda q: q.start):
        if merged and q.start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], q.end)
        else:
            merged.append([q.start, q.end])
    starts = [m[0] for m in merged]
    out: list[Voice] = []
    for s, e in sentences:
        k = bisect.bisect_left(starts, e) - 1
        inside = outside = False
        pos = e
        while k >= 0 and merged[k][1] > s:  # the quotes reaching into the sentence, last first
            qs, qe = max(merged[k][0], s), min(merged[k][1], e)
            inside = inside or _WORD.search(text, qs, qe) is not None
            outside = outside or _WORD.search(text, qe, pos) is not None
            pos, k = qs, k - 1
        outside = outside or _WORD.search(text, s, pos) is not None
        out.append("narrator" if not inside else "mixed" if outside else "quoted")
    return out

"""Reported speech: cues in the narrator's words, and the speaker and content each one governs.

A cue is a reporting verb of the lexicon used as a verb (not "the claims", "an alleged"), or a
prepositional cue ("according to"). Each cue is read in one of these frames:

* after: ``SPEAKER CUE [object] [adjuncts] [that] CONTENT`` ("Iran warned the US on Monday that
  ..."); a colon after the cue ("X said:") hands the content to what follows it;
* before: ``CONTENT, SPEAKER CUE [adjuncts]`` and the inverted ``CONTENT, CUE SPEAKER``; a
  parenthetical cue ("the plan, he said, will fail") has content on both sides;
* participle: ``..., saying/adding CONTENT``: the speaker is the main clause's;
* preposition: ``according to SPEAKER, CONTENT`` and ``CONTENT, according to SPEAKER``.

Readings work on token ranges within one sentence; the stage turns them into quotes.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from newsgraph.quotes.adjuncts import skip_adjuncts, trim_adjuncts
from newsgraph.quotes.context import BE_VERBS, DETERMINERS, PRONOUNS, Ctx
from newsgraph.quotes.cues import VerbEntry, VerbForm
from newsgraph.quotes.speakers import apposition_back, np_back, np_forward, speakerish

DASHES = frozenset({"—", "–", "―", "-"})
MARKS = frozenset("\"“”„‟«»″'‘’‚‹›`")
TRAILING = frozenset({".", ",", ";", ":", "!", "?", "…", "—", "–", "―", "-", "(", "["})
# A before-frame tail after the cue ("..., he said of the plan.") is an adjunct when this short.
SHORT_TAIL = 6
# An inverted speaker ("..., said the ministry's spokesman") is at most this many tokens.
INVERTED_NP = 8
DOCUMENT_REACH = 8
INVERTED_PRONOUNS = frozenset({"he", "she", "they", "i", "we"})
LEADING_WORDS = frozenset(
    {"but", "and", "so", "yet", "meanwhile", "however", "also", "still", "then", "now"}
)
# Words that open a fronted adjunct rather than a reported clause: "During the talks, he said,".
FRONTED = frozenset(
    {
        "during", "as", "in", "on", "at", "after", "before", "for", "with", "despite", "since",
        "while", "when", "if", "although", "though", "because", "unlike", "like", "under",
        "over", "among", "by", "from", "to", "about", "regarding", "amid", "following", "asked",
        "speaking",
    }
)  # fmt: skip
AUXILIARIES = frozenset(
    {
        "have", "has", "had", "are", "were", "is", "was", "will", "would", "can", "could", "may",
        "might", "should", "must", "do", "does", "did", "shall",
    }
)  # fmt: skip
MODALS = frozenset(
    {"will", "would", "can", "could", "may", "might", "should", "must", "do", "does", "did", "to"}
)
PLURAL_PRONOUNS = frozenset({"they", "we", "i", "you"})
TIME_OPENERS = frozenset({"this", "last", "next", "on", "early", "late", "that", "each", "every"})


@dataclass(frozen=True)
class CueHit:
    """A cue in the text: its tokens ``[first, last)`` (particle and cue phrase included)."""

    first: int
    last: int
    entry: VerbEntry | None  # None for a prepositional cue
    form: str  # base, s, ed, ing, prog (a progressive "is saying"), prep
    negated: bool = False


@dataclass
class Reading:
    """What one cue says: its speaker's tokens, its content token ranges and its frame."""

    cue: CueHit
    speaker: tuple[int, int] | None
    contents: list[tuple[int, int]] = field(default_factory=list)
    frame: str = "after"
    clause: int = 0  # first token of the attribution clause (speaker or cue)
    colon: int | None = None  # a final colon whose content is the quote that follows


def find_cues(ctx: Ctx, lo: int, hi: int) -> list[CueHit]:
    """Every cue in tokens ``[lo, hi)`` outside quote marks, in order."""
    out: list[CueHit] = []
    done = lo
    for i in range(bisect.bisect_left(ctx.cands, lo), len(ctx.cands)):
        k = ctx.cands[i]
        if k >= hi:
            break
        if k < done:
            continue
        hit = (
            _verb_cue(ctx, k, lo, hi) if ctx.toks.low[k] in ctx.lex.verbs else _prep_cue(ctx, k, hi)
        )
        if hit is not None:
            out.append(hit)
            done = hit.last
    return out


def _prep_cue(ctx: Ctx, k: int, hi: int) -> CueHit | None:
    """A prepositional cue ("according to") at token ``k``."""
    n = ctx.lex.prepositions.longest(ctx.toks.low, k, hi)
    return CueHit(k, k + n, None, "prep") if n else None


def _verb_cue(ctx: Ctx, k: int, lo: int, hi: int) -> CueHit | None:
    """A reporting verb used as a verb at token ``k`` (not a noun, a name or a passive)."""
    lex, low = ctx.lex, ctx.toks.low
    forms = lex.verbs.get(low[k])
    if not forms:
        return None
    prev = low[k - 1] if k > lo else ""
    if prev in lex.noun_markers or prev == "to" or (ctx.owner[k] is not None and ctx.cap(k)):
        return None
    if k > lo and ctx.cap(k) and ctx.quoted[k - 1] < 0 and not title_case(ctx, lo, hi):
        return None  # a capitalised word inside a sentence is a name or a title
    nxt = low[k + 1] if k + 1 < hi else ""
    chosen = _choose(forms, nxt)
    if chosen is None:
        return None
    form: str = chosen.form
    back = _skip_back(ctx, k - 1, lo)
    skipped = [low[j] for j in range(back + 1, k)]
    if form in ("base", "s") and not _verb_here(
        ctx, k, back if back >= lo else -1, skipped, form, hi
    ):
        return None
    subject = low[back] if back >= lo else ""
    be = subject.endswith(("'re", "’re", "'m", "’m"))
    negated = False
    for w in skipped:
        be = be or w in BE_VERBS
        negated = negated or w in ("not", "never") or w.endswith(("n't", "n’t"))
    if form == "ed" and (be or subject == "having"):
        return None  # passive ("was told", "you're worried") or "having said that"
    if form == "ing" and be:
        form = "prog"
    last = k + 1 + (1 if chosen.entry.particle else 0)
    last += lex.cue_phrases.longest(low, last, hi)
    return CueHit(k, last, chosen.entry, form, negated)


def _verb_here(ctx: Ctx, k: int, back: int, skipped: list[str], form: str, hi: int) -> bool:
    """Is the base or -s form at ``k`` a verb? Not before an auxiliary ("reports have"), nor a
    noun-like form before a word that cannot open a content ("member states trump"); a base
    form needs a plural subject or an auxiliary ("officials say", "would deny"). ``back`` is
    the subject's last token, -1 when the sentence has none."""
    lex, low = ctx.lex, ctx.toks.low
    nxt = low[k + 1] if k + 1 < hi else ""
    if nxt in AUXILIARIES or (nxt in lex.verbs and _finite(lex.verbs[nxt])):
        return False
    if low[k] in lex.noun_forms:
        if k + 1 < hi and not _content_opener(ctx, k + 1):
            return False
        if back >= 0 and not _named_subject(ctx, back):
            return False  # "early-morning tweets", "18 states": a noun after its modifier
    if form == "base":
        if any(w in MODALS for w in skipped):
            return True
        subj = low[back] if back >= 0 else ""
        plural = subj.endswith("s") and subj not in ("'s", "’s", "his", "its", "this", "was")
        return plural or subj in PLURAL_PRONOUNS or subj in lex.speaker_heads
    return True


def _named_subject(ctx: Ctx, k: int) -> bool:
    """Token ``k`` ends a subject that names its speaker: a name, an actor, a pronoun, a
    speaker noun."""
    w = ctx.toks.low[k]
    return (
        ctx.cap(k)
        or ctx.owner[k] is not None
        or w in PRONOUNS
        or w in ctx.lex.speaker_heads
        or w in ctx.lex.document_nouns
    )


def _content_opener(ctx: Ctx, k: int) -> bool:
    """Token ``k`` may open what a cue says: "that", a determiner, a pronoun, a name, a number,
    a mark, an adverb or a preposition."""
    w = ctx.toks.low[k]
    return (
        not ctx.word(k)
        or ctx.quoted[k] >= 0
        or ctx.cap(k)
        or w[:1].isdigit()
        or w in ("that", "to", "it", "there", "this")
        or w in DETERMINERS
        or w in PRONOUNS
        or w in ctx.lex.adjunct_preps
        or w in ctx.lex.clause_words
        or w in ctx.lex.time_words
        or ctx.lex.is_adverb(w)
    )


def title_case(ctx: Ctx, lo: int, hi: int) -> bool:
    """Most words of tokens ``[lo, hi)`` are capitalised: a headline."""
    words = [k for k in range(lo, hi) if ctx.word(k) and ctx.toks.text[k][:1].isalpha()]
    return len(words) >= 3 and sum(ctx.cap(k) for k in words) >= 0.6 * len(words)


def _finite(forms: tuple[VerbForm, ...]) -> bool:
    return any(f.form in ("base", "s", "ed") for f in forms)


def _choose(forms: tuple[VerbForm, ...], nxt: str) -> VerbForm | None:
    """The entry whose particle follows, else one that needs none."""
    plain = None
    for f in forms:
        particle = f.entry.particle
        if particle is None:
            plain = plain or f
        elif particle == nxt:
            return f
    return plain


def _skip_back(ctx: Ctx, k: int, lo: int) -> int:
    """Back from ``k`` over auxiliaries, adverbs and time words ("has also", "on Monday", "just
    this month"): the index before them."""
    lex, low = ctx.lex, ctx.toks.low
    while k >= lo and ctx.quoted[k] < 0:
        w = low[k]
        if lex.is_adverb(w):
            k -= 1
        elif w in lex.time_words and not ctx.owner[k]:
            k -= 1
            if k >= lo and low[k] in TIME_OPENERS:
                k -= 1
        else:
            break
    return k


def _tail_end(ctx: Ctx, a: int, hi: int) -> int:
    """One past the last token in ``[a, hi)`` that is not trailing punctuation."""
    while hi > a and ctx.quoted[hi - 1] < 0 and ctx.toks.text[hi - 1] in TRAILING:
        hi -= 1
    return hi


def read_cue(ctx: Ctx, cue: CueHit, lo: int, hi: int) -> Reading | None:
    """The reading of one cue in the sentence of tokens ``[lo, hi)``, or None."""
    if cue.entry is None:
        return _read_prep(ctx, cue, lo, hi)
    if cue.form == "ing":
        return _read_participle(ctx, cue, lo, hi)
    toks = ctx.toks
    b = _skip_back(ctx, cue.first - 1, lo)
    speaker: tuple[int, int] | None = None
    inverted = False
    appositive = False
    if b < lo or toks.text[b] == "," or ctx.quoted[b] >= 0 or toks.text[b] in DASHES:
        inv = _inversion(ctx, cue.last, hi)
        app = None
        if b >= lo and toks.text[b] == ",":
            app = apposition_back(ctx, b, lo, lambda k: _clause_initial(ctx, k, lo))
        if app is not None and speakerish(ctx, *app):
            speaker, appositive = app, True  # "Jones, a spokesman for X, said ..."
        elif inv is not None:
            speaker, inverted = inv, True
    elif toks.low[b] in ("and", "but") and ctx.quoted[b] < 0:
        # "... and demanded a meeting": a second verb of the subject before it.
        return _frame(ctx, Reading(cue, None, clause=b), cue.last, lo, hi, False, None)
    else:
        speaker = np_back(ctx, b, lo)
    if speaker is None or ((b < lo or toks.text[b] == ",") and not speakerish(ctx, *speaker)):
        return None
    if cue.entry.subject == "document" and not _document_subject(ctx, speaker, cue.first, lo):
        other = _entry_for_any(ctx, cue)
        if other is None:
            return None
        cue = other
    clause = cue.first if inverted else speaker[0]
    after = speaker[1] if inverted else cue.last
    r = Reading(cue, speaker, clause=clause)
    return _frame(ctx, r, after, lo, hi, inverted, appositive)


def _document_subject(ctx: Ctx, speaker: tuple[int, int], cue: int, lo: int) -> bool:
    """A poll, report or document is the subject: in the speaker phrase or just before the cue
    ("a report released last year found")."""
    first = min(speaker[0], max(lo, cue - DOCUMENT_REACH))
    return any(ctx.toks.low[k] in ctx.lex.document_nouns for k in range(first, cue))


def _entry_for_any(ctx: Ctx, cue: CueHit) -> CueHit | None:
    """The same word's entry for any subject ("the judge found that"), if it has one."""
    assert cue.entry is not None
    for f in ctx.lex.verbs.get(ctx.toks.low[cue.first], ()):
        if f.entry.subject == "any" and f.entry.particle == cue.entry.particle:
            return CueHit(cue.first, cue.last, f.entry, cue.form, cue.negated)
    return None


def _clause_initial(ctx: Ctx, first: int, lo: int) -> bool:
    """Back to the sentence start, a quote or a comma, only joiners or a capitalised dateline
    ("WASHINGTON --") stand before ``first``."""
    for k in range(first - 1, lo - 1, -1):
        w = ctx.toks.text[k]
        if ctx.quoted[k] >= 0 or w in (",", ";", ":"):
            return True
        if ctx.word(k) and not w.isupper() and w.lower() not in LEADING_WORDS:
            return False
    return True


def _inversion(ctx: Ctx, a: int, hi: int) -> tuple[int, int] | None:
    """ "..., said Jones" / "..., said the ministry's spokesman, ...": the speaker after."""
    found = np_forward(ctx, a, hi)
    if found is None or found[1] - found[0] > INVERTED_NP:
        return None
    end = found[1]
    if end < hi and ctx.toks.text[end] not in (",", ".", ";", "!", "?") and ctx.quoted[end] < 0:
        return None
    w = ctx.toks.low[a]
    opens = (
        ctx.cap(a)
        or w in DETERMINERS
        or w in INVERTED_PRONOUNS
        or w[:1].isdigit()
        or w in ctx.lex.speaker_heads
        or ctx.owner[a] is not None
    )
    if not opens or (w in PRONOUNS and w not in INVERTED_PRONOUNS):
        return None
    return found if speakerish(ctx, *found) else None


def _before_end(ctx: Ctx, clause: int, lo: int) -> int | None:
    """One past the last content token before an attribution clause starting at ``clause``, or
    None when no content stands before it ("He said.")."""
    k = clause - 1
    if k < 0:
        return None
    text = ctx.toks.text[k]
    if ctx.quoted[k] >= 0 and (
        k >= lo or not ctx.text[ctx.toks.ends[k] : ctx.toks.starts[clause]].strip()
    ):
        return clause  # right after a closing mark, in this sentence or just before it
    if k < lo or (text != "," and text not in DASHES and text not in MARKS):
        return None  # a stray mark ends the content as a comma would: '... text," he said'
    return k if k > lo else None


def _quote_before(ctx: Ctx, clause: int) -> bool:
    """A closing quote mark stands right before the clause (a comma between allowed)."""
    k = clause - 1
    if k >= 0 and ctx.toks.text[k] == ",":
        k -= 1
    return k >= 0 and ctx.quoted[k] >= 0


def _frame(
    ctx: Ctx, r: Reading, after: int, lo: int, hi: int, inverted: bool, appositive: bool | None
) -> Reading | None:
    """Fill in a finite cue's frame and contents from the tokens after its clause; with
    ``appositive`` None (a second verb: "... and said"), only from after it."""
    entry = r.cue.entry
    assert entry is not None
    text = ctx.toks.text
    end = _tail_end(ctx, after, hi)
    a2 = skip_adjuncts(ctx, after, end, entry)
    before = _before_end(ctx, r.clause, lo)
    if appositive is None or (appositive and not _quote_before(ctx, r.clause)):
        before = None  # "Jones, a spokesman, said ...": the content follows
    first = _content_start(ctx, lo, r.clause)
    tail = a2 >= end or _short_tail(ctx, a2, end, _quote_before(ctx, r.clause))
    if before is not None and (inverted or tail):
        r.frame, r.contents = "before", [(first, before)]
        return r
    if a2 < end and text[a2] in (":", ",") and (text[a2] == ":" or ctx.quoted[a2 + 1] >= 0):
        if before is not None and text[a2] == ",":
            return _sandwich(ctx, r, first, before, a2 + 1, end)
        if a2 + 1 >= end:
            r.colon = a2 if text[a2] == ":" else None
            return r if r.colon is not None else None
        r.contents = [(a2 + 1, end)]
        return r
    if a2 < end and text[a2] == "," and before is not None:
        return _sandwich(ctx, r, first, before, a2 + 1, end)
    if a2 >= end:
        return None
    start = _content_after(ctx, entry, a2, end)
    if start is None or start >= end:
        return None
    if r.cue.negated and ctx.toks.low[start - 1] != "that" and ctx.quoted[start] < 0:
        return None  # "has not mentioned the case": nothing was said
    r.contents = [(start, trim_adjuncts(ctx, start, end))]
    return r


def _sandwich(ctx: Ctx, r: Reading, first: int, before: int, nxt: int, end: int) -> Reading | None:
    """ "The plan, he said, will fail." / "“A,” he said, “B.”": content on both sides, less a
    fronted adjunct ("During the talks, he said, ...") or a narrator clause ending in "and"."""
    r.frame = "before"
    said = [k for k in range(first, before) if ctx.quoted[k] < 0 and ctx.word(k)]
    marked = any(ctx.quoted[k] >= 0 for k in range(first, before))
    direct = marked and not said
    fronted = bool(said) and not any(ctx.quoted[k] >= 0 for k in range(first, said[0]))
    fronted = fronted and (
        ctx.toks.low[said[0]] in FRONTED or ctx.toks.low[said[-1]] in ("and", "but", "or")
    )
    if not fronted:
        r.contents.append((first, before))
    if nxt < end and (ctx.quoted[nxt] >= 0 or not (direct or _opens_clause(ctx, nxt))):
        r.contents.append((nxt, end))
    return r if r.contents else None


def _content_start(ctx: Ctx, lo: int, clause: int) -> int:
    """Where a before-frame content starts: the sentence start, or the quote that ends it when
    that quote began in an earlier sentence."""
    k = clause - 1
    if k >= 0 and ctx.quoted[k] >= 0:
        span = ctx.spans[ctx.quoted[k]]
        first = ctx.toks.at_or_after(span.open)
        if all(ctx.quoted[j] == ctx.quoted[k] for j in range(max(lo, first), clause)):
            return min(first, lo)
    return lo


def _short_tail(ctx: Ctx, a2: int, end: int, after_quote: bool) -> bool:
    """ "..., he said of the plan." / "“...,” she told some of the miners.": a short tail after
    the cue that is not its content."""
    low = ctx.toks.low
    if end - a2 > SHORT_TAIL or any(low[k] == "that" or ctx.quoted[k] >= 0 for k in range(a2, end)):
        return False
    return after_quote or low[a2] in ctx.lex.adjunct_preps | {"of", "about", "for"}


def _opens_clause(ctx: Ctx, k: int) -> bool:
    """Token ``k`` opens a clause of its own: a participle cue, another cue, "according to"."""
    low = ctx.toks.low[k]
    forms = ctx.lex.verbs.get(low)
    if forms and any(f.form == "ing" for f in forms):
        return True
    return low in ctx.lex.prepositions or low in ("and", "but", "while", "as", "who", "which")


def _content_after(ctx: Ctx, entry: VerbEntry, a: int, end: int) -> int | None:
    """First content token after a cue (its adjuncts skipped at ``a``), or None when what
    follows is not a content this verb takes."""
    low = ctx.toks.low[a]
    if low == "by":
        return None  # a passive's agent or a credit line: "reporting by ..."
    if low == "that" and entry.that:
        return a + 1
    if ctx.quoted[a] >= 0:
        return a
    if low == "to" and "to" in entry.content:
        return a
    if low in entry.content:
        return a + 1
    if entry.that and entry.bare and low not in ctx.lex.adjunct_preps:
        return a
    if "np" in entry.content and (low in DETERMINERS or ctx.word(a)):
        return a
    return None


def _read_participle(ctx: Ctx, cue: CueHit, lo: int, hi: int) -> Reading | None:
    """ "..., saying that ...": the content after; the speaker is found by the stage."""
    entry = cue.entry
    assert entry is not None
    if entry.subject == "document" or not _participle_here(ctx, cue.first, lo):
        return None
    end = _tail_end(ctx, cue.last, hi)
    a2 = skip_adjuncts(ctx, cue.last, end, entry)
    if a2 >= end:
        return None
    clause = cue.first - 1 if cue.first > lo and ctx.toks.text[cue.first - 1] == "," else cue.first
    r = Reading(cue, None, frame="participle", clause=clause)
    if ctx.toks.text[a2] == ":":
        if a2 + 1 >= end:
            r.colon = a2
            return r
        r.contents = [(a2 + 1, end)]
        return r
    start = _content_after(ctx, entry, a2, end)
    if start is None or start >= end:
        return None
    r.contents = [(start, end)]
    return r


def _participle_here(ctx: Ctx, k: int, lo: int) -> bool:
    """A participle cue reports speech unless an idiom says nothing was said ("goes without
    saying", "worth noting")."""
    return k == lo or ctx.toks.low[k - 1] not in ("without", "worth")


def _read_prep(ctx: Ctx, cue: CueHit, lo: int, hi: int) -> Reading | None:
    """ "according to X, ..." / "..., according to X": the speaker after the cue."""
    text = ctx.toks.text
    speaker = np_forward(ctx, cue.last, hi)
    if speaker is None or not speakerish(ctx, *speaker):
        return None
    end = _tail_end(ctx, speaker[1], hi)
    r = Reading(cue, speaker, frame="before", clause=cue.first)
    opening = cue.first == lo or (
        cue.first - 1 >= lo and ctx.toks.low[cue.first - 1] in ("but", "and", "yet", "so")
    )
    if opening:
        nxt = speaker[1] + 1
        if speaker[1] < end and text[speaker[1]] == "," and nxt < end:
            r.frame, r.contents = "after", [(nxt, end)]
            return r
        return None
    before = cue.first - 1 if text[cue.first - 1] in (",", "(") else cue.first
    if before > lo:
        r.contents.append((_content_start(ctx, lo, cue.first), before))
    nxt = speaker[1] + 1
    if speaker[1] < end and text[speaker[1]] == "," and nxt < end and _goes_on(ctx, nxt):
        r.contents.append((nxt, end))
    return r if r.contents else None


def _goes_on(ctx: Ctx, k: int) -> bool:
    """After "..., according to X," the clause goes on ("will fail"), rather than an apposition
    to X ("a former aide") or a name."""
    w = ctx.toks.low[k]
    if ctx.quoted[k] >= 0:
        return True
    return not (ctx.cap(k) or w in DETERMINERS or w in ctx.lex.speaker_heads or w[:1].isdigit())


def main_subject(ctx: Ctx, lo: int, hi: int, cue: int) -> tuple[int, int] | None:
    """The subject a participle cue at token ``cue`` shares: the one opening the sentence, or
    after an opening participle clause ("Claiming ..., Trump said")."""
    low = ctx.toks.low
    k = lo
    if cue <= lo + 1:  # the participle opens the sentence: the subject follows its clause
        k = next((j + 1 for j in range(cue, hi) if low[j] == "," and ctx.quoted[j] < 0), hi)
    while k < hi and ctx.quoted[k] < 0 and (not ctx.word(k) or low[k] in LEADING_WORDS):
        k += 1
    if k >= hi or ctx.quoted[k] >= 0:
        return None
    if low[k] in PRONOUNS:
        return (k, k + 1)
    j = k + 1 if low[k] in DETERMINERS else k
    while (
        j < hi
        and ctx.quoted[j] < 0
        and (ctx.owner[j] is not None or ctx.cap(j) or low[j] in ("of", "'s", "’s"))
    ):
        j += 1
    while j > k and low[j - 1] in ("of", "'s", "’s"):
        j -= 1
    named = any(ctx.owner[i] is not None or ctx.cap(i) for i in range(k, j))
    return (k, j) if named else None

"""What stands between a cue and its content, and after the content: hearers ("told
reporters"), time, place and medium phrases ("on Monday", "in an interview with CNN"), cue
phrases ("in a statement"), and a reporter's phrase after a quoted fragment."""

from __future__ import annotations

from newsgraph.quotes.context import DETERMINERS, PRONOUNS, Ctx
from newsgraph.quotes.cues import VerbEntry

OBJECT_PRONOUNS = frozenset({"him", "her", "them", "us", "me", "it", "you"})
# How far ahead a "that" may stand after a cue's adjuncts, and how long a time or place phrase.
THAT_REACH = 10
PP_REACH = 6
# Words that, right after a quoted fragment, begin the reporter's words again.
AFTER_QUOTE = frozenset({"during", "while", "amid", "before", "after", "as"})


def skip_adjuncts(ctx: Ctx, k: int, end: int, entry: VerbEntry) -> int:
    """Past an object ("told reporters", "warned Iran"), time and medium adjuncts ("on Monday",
    "in an interview with CNN") and cue phrases, to where the content may start."""
    lex, low = ctx.lex, ctx.toks.low
    object_done = not entry.object
    while k < end and ctx.quoted[k] < 0:
        w = low[k]
        possessive = k + 1 < end and low[k + 1] in ("'s", "’s")
        if (w in lex.time_words or (lex.is_adverb(w) and not ctx.cap(k))) and not possessive:
            k += 1
            continue
        n = lex.cue_phrases.longest(low, k, end)
        if n:
            k += n
            continue
        j = _pp_end(ctx, k, end) if w in lex.adjunct_preps else None
        if j is not None:
            k = j
            continue
        if not object_done:
            object_done = True
            j = _object_end(ctx, k, end)
            if j is not None and (j >= end or _after_object(ctx, j, entry)):
                k = j
                continue
        j = _that_ahead(ctx, k, end)
        return j if j is not None else k
    return k


def _after_object(ctx: Ctx, j: int, entry: VerbEntry) -> bool:
    """Can a content start at ``j``, after a hearer ("told Reuters the talks failed")?"""
    w = ctx.toks.low[j]
    if entry.that and entry.bare and (w in DETERMINERS or w in PRONOUNS or ctx.cap(j)):
        return True
    return (
        w in ("that", "to", ":", ",")
        or w in entry.content
        or ctx.quoted[j] >= 0
        or w in ctx.lex.time_words
        or w in ctx.lex.adjunct_preps
    )


def _object_end(ctx: Ctx, k: int, end: int) -> int | None:
    """One past a hearer or target right after a cue: a pronoun, a name, an actor, a speaker
    noun phrase ("the council", "lawmakers")."""
    low = ctx.toks.low
    if low[k] in OBJECT_PRONOUNS:
        return k + 1
    j = k + 1 if low[k] in DETERMINERS else k
    start = j
    while j < end and ctx.quoted[j] < 0 and ctx.word(j):
        named = ctx.owner[j] is not None or ctx.cap(j) or low[j] in ctx.lex.speaker_heads
        nxt = j + 2 if j + 2 < end and low[j + 1] == "the" else j + 1
        joiner = low[j] in ("'s", "’s", "of") and j > start and nxt < end and ctx.cap(nxt)
        if not (named or joiner or (low[j] == "the" and low[j - 1] == "of")):
            break
        j += 1
    return j if j > start else None


def _pp_end(ctx: Ctx, k: int, end: int) -> int | None:
    """One past a time, place or medium phrase opening at preposition ``k`` ("on Monday", "in
    Geneva", "at a news conference"), or None when it is not one."""
    lex, low = ctx.lex, ctx.toks.low
    head: int | None = None
    j = k + 1
    while j < end and j - k <= PP_REACH and ctx.quoted[j] < 0:
        w = low[j]
        if w in ("'s", "’s") and head == j:  # "on Fox News's", "during Monday's debate"
            head = None
            if j + 1 < end and ctx.quoted[j + 1] >= 0:  # a programme's title in marks
                return _past_quote(ctx, j + 1)
            j += 1
            continue
        if not ctx.word(j):
            break
        if (
            w in lex.time_words
            or w in lex.speech_nouns
            or ctx.cap(j)
            or ctx.owner[j] is not None
            or w[:1].isdigit()
        ):
            head = j + 1
        elif w in DETERMINERS or (head is None and w.isalpha() and w not in lex.verbs):
            pass
        else:
            break
        j += 1
    return head


def _past_quote(ctx: Ctx, j: int) -> int:
    q = ctx.quoted[j]
    while j < len(ctx.quoted) and ctx.quoted[j] == q:
        j += 1
    return j


def _that_ahead(ctx: Ctx, k: int, end: int) -> int | None:
    """ "said in a rare interview with a local paper that ...": one past a "that" a few words on,
    when only adjunct-like words (names, times, media, determiners) stand before it."""
    lex, low = ctx.lex, ctx.toks.low
    prepositional = low[k] in lex.adjunct_preps
    for j in range(k, min(end, k + THAT_REACH)):
        w = low[j]
        if w == "that":
            return j + 1 if j > k else None
        if ctx.quoted[j] >= 0 or not ctx.word(j):
            return None
        plain = w not in lex.verbs and w not in lex.clause_words
        if prepositional and plain and (w not in PRONOUNS or w in OBJECT_PRONOUNS):
            continue  # "during a rally in Michigan that ..."
        if not (
            ctx.cap(j)
            or ctx.owner[j] is not None
            or w[:1].isdigit()
            or w in DETERMINERS
            or w in OBJECT_PRONOUNS
            or w in lex.time_words
            or w in lex.adjunct_preps
            or w in lex.speech_nouns
            or w in lex.speaker_heads
            or w in ("of", "with", "local", "rare", "recent", "brief", "new", "joint")
            or lex.is_adverb(w)
        ):
            return None
    return None


def trim_adjuncts(ctx: Ctx, start: int, end: int) -> int:
    """ "called for more investment in a statement on Thursday": the content ends before a
    trailing cue phrase or time phrase."""
    lex, low = ctx.lex, ctx.toks.low
    k = end
    place = _place_after_quote(ctx, start, end)
    if place is not None:
        return place
    while k > start + 1 and ctx.quoted[k - 1] < 0:
        w = low[k - 1]
        if w in lex.time_words and (k - 2 < start or low[k - 2] in lex.adjunct_preps):
            k -= 2 if k - 2 >= start and low[k - 2] in lex.adjunct_preps else 1
            continue
        cut = next(
            (
                j
                for j in range(max(start + 1, k - 6), k)
                if low[j] in lex.cue_phrases and lex.cue_phrases.spans(low, j, k)
            ),
            None,
        )
        if cut is None:
            break
        k = cut
    return k


def _place_after_quote(ctx: Ctx, start: int, end: int) -> int | None:
    """ "said „...“ in Baku", "called it “a crime” during a visit": after the last closing
    mark, an adjunct is the reporter's, so the content ends at the mark."""
    for k in range(end - 1, start, -1):
        if ctx.quoted[k] >= 0:
            nxt = k + 1
            if nxt >= end:
                return None
            w = ctx.toks.low[nxt]
            if w in AFTER_QUOTE or (w in ctx.lex.adjunct_preps and _pp_end(ctx, nxt, end) == end):
                return nxt
            return None
    return None

"""Quote-mark scanning: the spans of text between quote marks, in one pass over the marks.

Marks fall in two classes: double (``" “ ” „ ‟ « » ″``) and single (``' ‘ ’ ‚ ‹ ›``). A stack of
open marks is kept per paragraph; a mark of a class that is open closes it, so mixed marks
(``“...\"``), German (``„...“``) and French (``«...»``) styles all pair. The context of a mark
decides what an ambiguous one is:

* a straight or curly double mark with a space before and a letter after, while a double quote
  is open, opens a new quote (the old one was never closed); one with a letter before and a space
  after, while none is open, is a stray closer (or an inch mark) and is skipped;
* a single mark opens only after a space or an opening bracket and before a non-space,
  non-digit character (so ``’90s`` and ``rock ’n’ roll`` open nothing), and closes only an open
  single quote, after a non-space character and before a non-letter (so ``don’t`` and
  ``Iran’s`` close nothing).

A quote still open at the end of its paragraph continues into the next one when that paragraph
opens with a mark of the same class (the news convention for a quote of several paragraphs).
Otherwise it ends at its paragraph's end when it opened the paragraph, or at the end of the
sentence it opened in. So no quote runs past its paragraph run, whatever the marks.

A paragraph that opens with an upper-case name and a colon (``PENCE: Well, ...``) is a
transcript turn: its text after the label is one quote, and marks inside it are not scanned.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

# Two apostrophes or two backticks stand for a double mark in some wire and archive text.
DOUBLE = frozenset(['"', "“", "”", "„", "‟", "«", "»", "″", "''", "``"])
SINGLE = frozenset("'‘’‚‹›`")
DOUBLE_OPENERS = frozenset(["“", "„", "‟", "«", "``"])
DOUBLE_CLOSERS = frozenset("”»″")
SINGLE_OPENERS = frozenset("‘'‚‹`")
SINGLE_CLOSERS = frozenset("’'›")
_MARK = re.compile("[\"“”„‟«»″'‘’‚‹›`]")
_PAIRED = re.compile("''|``")
_OPEN_BEFORE = frozenset("([{<—–-:/\u00a0")
_CLOSE_AFTER = frozenset(".,;:!?)]}>—–-…/")
_TRANSCRIPT = re.compile(r"[\"“]?\s*([A-Z][A-Z'’.\-]*(?: [A-Z][A-Z'’.\-]*){0,2}):\s+(?=\S)")


@dataclass
class QuoteSpan:
    """One top-level quote: its opening mark, its content span, and its closing mark if any."""

    open: int
    start: int
    end: int
    close: int | None
    double: bool
    label: tuple[int, int] | None = None  # transcript speaker label
    outer: int = -1  # one past the closing mark (the content's end when there is none)

    @property
    def outer_end(self) -> int:
        """Where the quote ends, closing mark included."""
        return self.outer if self.outer >= 0 else self.end


@dataclass
class _Open:
    pos: int
    double: bool
    width: int = 1
    children: list[QuoteSpan] = field(default_factory=list)


@dataclass
class _Scan:
    text: str
    sentence_ends: list[int]
    sentence_starts: list[int]
    out: list[QuoteSpan] = field(default_factory=list)


def _space(ch: str) -> bool:
    return ch.isspace() or ch == ""


def _opener_ctx(text: str, i: int, width: int = 1) -> bool:
    """A space, a bracket or another mark before the mark, and no space after it."""
    prev = text[i - 1] if i > 0 else ""
    nxt = text[i + width] if i + width < len(text) else ""
    return (_space(prev) or prev in _OPEN_BEFORE or prev in DOUBLE or prev in SINGLE) and not (
        _space(nxt)
    )


def _closer_ctx(text: str, i: int, width: int = 1) -> bool:
    """No space before the mark, and a space, punctuation or the end after it."""
    prev = text[i - 1] if i > 0 else ""
    nxt = text[i + width] if i + width < len(text) else ""
    return not _space(prev) and (
        _space(nxt) or nxt in _CLOSE_AFTER or nxt in DOUBLE or nxt in SINGLE
    )


def scan_quotes(
    text: str,
    paras: Sequence[tuple[int, int]],
    sentences: Sequence[tuple[int, int]],
    not_labels: frozenset[str] = frozenset(),
) -> list[QuoteSpan]:
    """Every top-level quote in ``text``, in order; inner quotes belong to their outer one.
    ``not_labels`` are words that never make a transcript label ("UPDATE:")."""
    ordered = sorted(sentences)
    scan = _Scan(text, [e for _, e in ordered], [s for s, _ in ordered])
    carry: _Open | None = None  # a quote continued from the paragraph before
    for k, (p_start, p_end) in enumerate(paras):
        label = _TRANSCRIPT.match(text, p_start, p_end)
        if label is not None and carry is None and _label_ok(label.group(1), not_labels):
            scan.out.append(_turn(text, label, p_start, p_end))
            continue
        stack: list[_Open] = [carry] if carry is not None else []
        skip = p_start if carry is not None else -1
        for i, ch in _marks(text, p_start, p_end):
            if i != skip:
                _mark(scan, stack, i, ch)
        carry = None
        if stack:
            nxt = paras[k + 1] if k + 1 < len(paras) else None
            carry = _paragraph_end(scan, stack, p_start, p_end, nxt)
    return sorted(scan.out, key=lambda q: q.open)


def _marks(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """The quote marks in ``text[start:end]`` with their positions: two apostrophes or two
    backticks are one double mark; an apostrophe between letters ("don't", "Iran’s") is none."""
    out: list[tuple[int, str]] = []
    after = -1
    for m in _MARK.finditer(text, start, end):
        i = m.start()
        if i < after:
            continue
        ch = text[i]
        if ch in "'’" and 0 < i < len(text) - 1 and text[i - 1].isalnum() and text[i + 1].isalnum():
            continue
        if ch in "'`" and _PAIRED.match(text, i, end):
            ch, after = ch * 2, i + 2
        out.append((i, ch))
    return out


def _label_ok(label: str, not_labels: frozenset[str]) -> bool:
    letters = [c for c in label if c.isalpha()]
    return len(letters) >= 2 and label.upper() == label and label.lower() not in not_labels


def _turn(text: str, label: re.Match[str], p_start: int, p_end: int) -> QuoteSpan:
    """A transcript turn: the paragraph after its label, less a closing mark matching the
    paragraph's opening one."""
    end = _strip_end(text, label.end(), p_end)
    if text[p_start] in "\"“'" and end > label.end() and text[end - 1] in "\"”'":
        end = _strip_end(text, label.end(), end - 1)
        if text[end - 1 : end] == "'":
            end -= 1
    return QuoteSpan(p_start, label.end(), end, None, True, label.span(1))


def _mark(scan: _Scan, stack: list[_Open], i: int, ch: str) -> None:
    """Take one mark into the stack: open, close, or skip it."""
    if ch in DOUBLE:
        _double(scan, stack, i, ch)
    else:
        _single(scan, stack, i, ch)


def _find(stack: list[_Open], double: bool) -> int | None:
    for k in range(len(stack) - 1, -1, -1):
        if stack[k].double == double:
            return k
    return None


def _double(scan: _Scan, stack: list[_Open], i: int, ch: str) -> None:
    """A double mark: closes the open double quote, else opens one (see the module notes)."""
    text = scan.text
    w = len(ch)
    k = _find(stack, True)
    prev = text[i - 1] if i > 0 else ""
    nxt = text[i + w] if i + w < len(text) else ""
    if k is not None:
        fresh = _space(prev) and nxt.isalnum() and ch not in DOUBLE_CLOSERS
        if fresh:  # a new quote opens: the open one was never closed
            _abandon(scan, stack, k, i)
            stack.append(_Open(i, True, w))
        else:
            _close(scan, stack, k, i, w)
        return
    if ch not in DOUBLE_OPENERS and _closer_ctx(text, i, w) and not _opener_ctx(text, i, w):
        return  # a stray closer, or an inch mark
    if (prev.isalnum() and nxt.isalnum()) or prev == "=":
        return  # an inch mark in a word, or markup left in the text: tweet-id="..."
    stack.append(_Open(i, True, w))


def _single(scan: _Scan, stack: list[_Open], i: int, ch: str) -> None:
    """A single mark: closes an open single quote after a word, or opens one before one."""
    text = scan.text
    k = _find(stack, False)
    nxt = text[i + 1] if i + 1 < len(text) else ""
    if k is not None and ch in SINGLE_CLOSERS and _closer_ctx(text, i):
        _close(scan, stack, k, i)
    elif ch in SINGLE_OPENERS and _opener_ctx(text, i) and not nxt.isdigit():
        stack.append(_Open(i, False))


def _close(scan: _Scan, stack: list[_Open], k: int, i: int, width: int = 1) -> None:
    """Close ``stack[k]`` at mark ``i``; quotes opened inside it and left open are dropped."""
    entry = stack[k]
    del stack[k:]
    span = _span(scan.text, entry, i, i + width)
    if span is None:
        return
    if stack:
        stack[-1].children.append(span)
    else:
        scan.out.append(span)


def _span(text: str, entry: _Open, end: int, outer: int | None) -> QuoteSpan | None:
    """The quote opened by ``entry`` with content up to ``end``; ``outer`` is one past its
    closing mark, None when it has none."""
    start = entry.pos + entry.width
    while start < end and text[start].isspace():
        start += 1
    stop = _strip_end(text, start, end)
    if not any(c.isalnum() for c in text[start:stop]):
        return None
    close = end if outer is not None else None
    return QuoteSpan(entry.pos, start, stop, close, entry.double, outer=outer or -1)


def _strip_end(text: str, start: int, end: int) -> int:
    """``end`` moved back over spaces, a trailing comma and an unmatched final mark."""
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;"):
        end -= 1
    return end


def _abandon(scan: _Scan, stack: list[_Open], k: int, limit: int) -> None:
    """Drop ``stack[k:]`` unclosed: an unclosed double quote ends with its sentence (if that is
    before ``limit``); the quotes closed inside a dropped one move up a level."""
    for entry in reversed(stack[k:]):
        promoted = entry.children
        if entry.double:
            end = min(_sentence_end(scan, entry.pos), limit)
            span = _span(scan.text, entry, end, None)
            if span is not None:
                promoted = [c for c in entry.children if c.open >= span.end]
                promoted.insert(0, span)
        target = stack[stack.index(entry) - 1].children if stack.index(entry) > 0 else scan.out
        target.extend(promoted)
    del stack[k:]


def _sentence_end(scan: _Scan, pos: int) -> int:
    k = bisect.bisect_right(scan.sentence_starts, pos) - 1
    if k >= 0 and scan.sentence_ends[k] > pos:
        return scan.sentence_ends[k]
    return len(scan.text)


def _paragraph_end(
    scan: _Scan,
    stack: list[_Open],
    p_start: int,
    p_end: int,
    nxt: tuple[int, int] | None,
) -> _Open | None:
    """Settle the quotes open at a paragraph's end; return the one the next paragraph continues."""
    text = scan.text
    bottom = stack[0]
    if nxt is not None and not _TRANSCRIPT.match(text, nxt[0], nxt[1]):
        marks = _marks(text, nxt[0], min(nxt[1], nxt[0] + 2))
        first = marks[0][1] if marks and marks[0][0] == nxt[0] else ""
        openers = DOUBLE_OPENERS | {'"', "''"} if bottom.double else SINGLE_OPENERS
        if first in openers:
            for entry in reversed(stack[1:]):
                bottom.children.extend(entry.children)
            del stack[1:]
            return bottom
    if len(stack) > 1:
        _abandon(scan, stack, 1, p_end)
    at_start = text[p_start : bottom.pos].strip() == ""
    explicit = bottom.double or text[bottom.pos] == "‘"
    if at_start and explicit:
        span = _span(text, bottom, p_end, None)
        if span is not None:
            scan.out.append(span)
        stack.clear()
        return None
    _abandon(scan, stack, 0, p_end)
    return None

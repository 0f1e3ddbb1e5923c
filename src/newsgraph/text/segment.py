"""Sentence segmentation of news text into character spans ``[start, end)``.

One compiled regex pass finds the candidate boundaries (line breaks, runs of sentence-final
punctuation with their closing quotes and brackets); each candidate is then accepted or
rejected by cheap local checks, so the cost is linear in the length of the text.

Rules, in the order they are applied:

* A blank line (or a paragraph separator) always ends a sentence. A single line break ends one
  too, since extracted news text puts each paragraph, headline and list item on its own line,
  unless the text is visibly hard-wrapped: the next line starts with a lowercase letter, the
  line ends with ``, ; ( -`` or a dash, with a dangling word ("the", "of", "and"...), or with a
  title abbreviation ("Gen."). A next line that is a list item always starts a sentence.
* ``. ! ? … ؟ ۔ ।`` (and runs of them) end a sentence when followed by whitespace and a
  character that can start one: an uppercase or caseless letter (Arabic, CJK...), a digit, an
  opening quote or bracket, or a currency sign. Closing quotes and brackets right after the
  punctuation stay with the sentence before. A lowercase continuation never splits, which
  also keeps ``"Why now?" she asked.`` and ``etc. and`` together.
* CJK ``。！？`` end a sentence with no space needed, except when a closing quote after them
  runs on with no space into more text, which in Chinese and Japanese is the attribution
  (``“我们不会退让。”他说。``).
* After a single ``.`` the word before is checked: title-like abbreviations that always precede
  a name or number (``Mr.``, ``Gen.``, ``No.``, ``e.g.``) never end a sentence; abbreviations
  that may end one (``Inc.``, ``Jr.``, ``Sept.``, ``a.m.``, dotted acronyms such as ``U.S.``)
  and single-letter initials (``George W. Bush``) end a sentence only when the next word is a
  common sentence starter (``The``, ``It``, ``But``, ``In``... see ``_STARTERS``) or an opening
  quote. This is the ``U.S.`` heuristic: "sanctions on the U.S. The move" splits, while
  "the U.S. Senate" and "U.S. Army" do not; "the U.S. Officials said" stays joined (a known
  miss, traded for never breaking "U.S. House" or a name after an initial).
* A number followed by ``.`` at the start of a line is a list marker, not a sentence end.
* ``?``/``!`` inside a closing quote followed by a capitalised name and a reporting verb that
  closes the clause (``"Why now?" Smith asked.``) does not split.
"""

from __future__ import annotations

import re

__all__ = ["segment"]


def _with_capitalised(words: tuple[str, ...]) -> frozenset[str]:
    """The words as given plus, for those written in lowercase, their sentence-initial form."""
    return frozenset(w for word in words for w in (word, word[:1].upper() + word[1:]))


# Abbreviations (without their final period) that precede a name, number or example and so
# never end a sentence. "no" is listed capitalised only, so that "he said no." still ends one.
_NEVER_FINAL = _with_capitalised(
    (
        "Mr", "Mrs", "Ms", "Mx", "Messrs", "Mmes", "Dr", "Prof", "Gen", "Gens", "Lt", "Col",
        "Maj", "Capt", "Cmdr", "Cdr", "Sgt", "Cpl", "Pvt", "Adm", "Brig", "Sen", "Sens", "Rep",
        "Reps", "Gov", "Govs", "Pres", "Rev", "Fr", "Hon", "Rt", "Msgr", "Amb", "Supt", "Insp",
        "Det", "Mt", "Ft", "No", "Nos", "vs", "v", "e.g", "i.e", "cf", "approx", "ca", "pp",
    )
)  # fmt: skip

# Abbreviations that may end a sentence: they split only before a common sentence starter.
# "etc" needs no entry: the general rule already joins "etc. and" and splits "etc. The".
_END_CAPABLE = _with_capitalised(
    (
        "Inc", "Ltd", "Co", "Corp", "Cos", "Bros", "Jr", "Sr", "St", "Ave", "Rd", "Blvd",
        "Dept", "Univ", "Assn", "Ph.D", "a.m", "p.m", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul",
        "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "al",
    )
)  # fmt: skip

# Function words that begin sentences but rarely follow an abbreviation inside a name.
_STARTERS = frozenset(
    (
        "The", "A", "An", "It", "Its", "He", "She", "They", "We", "I", "You", "His", "Her",
        "Their", "Our", "This", "That", "These", "Those", "There", "Then", "But", "And", "Or",
        "So", "Yet", "In", "On", "At", "As", "After", "Before", "During", "When", "While",
        "Where", "If", "However", "Meanwhile", "Moreover", "Also", "Still", "Since", "Although",
        "Though", "Despite", "For", "From", "With", "Without", "Under", "By", "Some", "Many",
        "Most", "Several", "Both", "Each", "All", "Such", "What", "Why", "How", "Who", "Which",
        "Now", "Today", "Yesterday", "Earlier", "Later", "Last",
    )
)  # fmt: skip

# Words that cannot end a headline or paragraph: a line ending in one is hard-wrapped.
_DANGLING = frozenset(("the", "a", "an", "of", "and", "or", "his", "its", "their", "our", "my"))

_REPORTING_VERBS = (
    "said", "says", "asked", "asks", "added", "adds", "told", "replied", "replies", "wondered",
    "shouted", "cried", "exclaimed", "wrote", "writes", "insisted", "demanded", "joked",
)  # fmt: skip

_NEWLINES = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"  # what str.splitlines() breaks on
_HARD_BREAKS = frozenset("\x0c\x1c\x1d\x1e\u2029")  # a paragraph break on their own
_SPACED_TERMS = ".!?…؟۔।‼⁇⁈⁉"  # end a sentence only before whitespace
_WIDE_TERMS = "。！？｡"  # CJK: end a sentence with no space after
_CLOSERS = "\"'”’»›)]}」』）］｝〕〉》】"
_OPENERS = "\"'“‘«‹([{「『（［〔〈《【¿¡"
_OPENER_SET = frozenset(_OPENERS)
_QUOTES = frozenset("\"'”’»›」』")
_CURRENCY = frozenset("$€£¥₹₽₴₪")
_CONTINUATION = frozenset(",;(-–—")
_MAX_TOKEN = 40  # longer "words" (URLs, run-ons) are never abbreviations


def _cls(chars: str) -> str:
    return "[" + "".join(re.escape(c) for c in chars) + "]"


_NL = rf"(?:\r\n|{_cls(_NEWLINES)})"
_HSPACE = rf"[^\S{''.join(re.escape(c) for c in _NEWLINES)}]"
_CANDIDATES = re.compile(
    rf"(?P<br>{_NL}(?:{_HSPACE}*{_NL})*)"
    rf"|(?P<wide>{_cls(_WIDE_TERMS)}+{_cls(_CLOSERS)}*)"
    rf"|(?P<term>{_cls(_SPACED_TERMS)}+{_cls(_CLOSERS)}*)(?=\s|\Z)"
)
_NL_RE = re.compile(_NL)
_NONSPACE = re.compile(r"\S")
_LATIN_WORD = re.compile(r"[A-Za-z]+")
_DOTTED = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")
_LIST_ITEM = re.compile(r"(?:[-*•‣◦▪●○■–—]|\d{1,3}[.)]|[A-Za-z]\)|\(\w{1,3}\))\s")
_ATTRIBUTION = re.compile(
    r"(?:[A-Z][\w'’-]*\.?[^\S\n]+){1,3}(?:"
    + "|".join(_REPORTING_VERBS)
    # the verb must close the clause: '"Who fired?" Police said they...' is two sentences
    + r")(?=[.,;:!?]|\s*\Z)"
)


def segment(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``[start, end)`` of ``text``: in order, non-overlapping, stripped of
    whitespace, together covering every non-whitespace character exactly once."""
    cuts: list[int] = []
    for m in _CANDIDATES.finditer(text):
        kind = m.lastgroup
        if kind == "br":
            if _break_ends_sentence(text, m):
                cuts.append(m.start())
        elif kind == "term":
            if _term_ends_sentence(text, m):
                cuts.append(m.end())
        elif _wide_ends_sentence(text, m):
            cuts.append(m.end())
    cuts.append(len(text))

    spans: list[tuple[int, int]] = []
    start = 0
    for cut in cuts:
        first = _NONSPACE.search(text, start, cut)
        if first is not None:
            end = cut
            while text[end - 1].isspace():
                end -= 1
            spans.append((first.start(), end))
        start = cut
    return spans


def _term_ends_sentence(text: str, m: re.Match[str]) -> bool:
    """Whether a run of ``.!?…`` (with its closers) followed by whitespace ends a sentence."""
    end = m.end()
    nxt = _skip_space(text, end)
    if nxt >= len(text):
        return True
    if (nxt - end > 1 or text[end] in _NEWLINES) and _NL_RE.search(text, end, nxt):
        return False  # the line break after it decides, see _break_ends_sentence
    if not _can_start_sentence(text[nxt]):
        return False
    run = m.group()
    punct = run.rstrip(_CLOSERS)
    if punct == ".":
        return _period_ends_sentence(text, m.start(), nxt)
    if punct[-1] in "?!‼⁇⁈⁉" and any(c in _QUOTES for c in run[len(punct) :]):
        # "Why now?" Smith asked. -- the quote is part of the attribution's sentence
        return _ATTRIBUTION.match(text, nxt) is None
    return True


def _wide_ends_sentence(text: str, m: re.Match[str]) -> bool:
    """CJK 。！？ end a sentence unless a closing quote runs straight on into its attribution."""
    end = m.end()
    if end == len(text) or m.group()[-1] not in _CLOSERS:
        return True
    # 「なぜ？」と彼は尋ねた。 / “我们不会退让。”他说。 : the quote and its speaker are one sentence
    return text[end].isspace() or text[end] in _OPENER_SET


def _skip_space(text: str, pos: int) -> int:
    """The position of the first non-whitespace character at or after ``pos`` (or the end)."""
    m = _NONSPACE.search(text, pos)
    return len(text) if m is None else m.start()


def _can_start_sentence(char: str) -> bool:
    """Uppercase or caseless letters, digits, opening quotes and currency signs start one."""
    if char.isalpha():
        return not char.islower()
    return char.isdigit() or char in _OPENER_SET or char in _CURRENCY


def _word_before(text: str, end: int) -> str | None:
    """The whitespace-delimited token ending at ``end``; None if it is too long to matter."""
    lo = max(0, end - _MAX_TOKEN)
    chunk = text[lo:end]
    if not chunk or chunk[-1].isspace():
        return ""
    parts = chunk.rsplit(None, 1)
    if len(parts) == 1 and lo > 0 and not chunk[0].isspace():
        return None
    return parts[-1]


def _period_ends_sentence(text: str, dot: int, nxt: int) -> bool:
    """Apply the abbreviation, initial and list-marker checks to the word before a period."""
    token = _word_before(text, dot)
    if not token:
        return True
    word = token.lstrip(_OPENERS)
    if word in _NEVER_FINAL:
        return False
    if (
        word in _END_CAPABLE
        or (len(word) == 1 and word.isupper())
        or ("." in word and _DOTTED.fullmatch(word))
    ):
        return _starter_follows(text, nxt)
    # "1. First point" at the start of a line is a list marker
    return not (word.isdigit() and len(word) <= 3 and _at_line_start(text, dot - len(token)))


def _starter_follows(text: str, nxt: int) -> bool:
    """Whether the text at ``nxt`` opens with a quote or a common sentence-starting word."""
    if text[nxt] in _OPENER_SET:
        return True
    m = _LATIN_WORD.match(text, nxt)
    if m is None or text[m.end() : m.end() + 1] == ".":
        return False  # another initial or abbreviation: "J. R. R. Tolkien"
    return m.group() in _STARTERS


def _at_line_start(text: str, pos: int) -> bool:
    """Whether only horizontal whitespace lies between the previous line break and ``pos``."""
    k = pos - 1
    while k >= 0 and text[k].isspace() and text[k] not in _NEWLINES:
        k -= 1
    return k < 0 or text[k] in _NEWLINES


def _break_ends_sentence(text: str, m: re.Match[str]) -> bool:
    """Whether a run of line breaks ends a sentence (see the module docstring)."""
    brk = m.group()
    if brk != "\n" and (len(_NL_RE.findall(brk)) > 1 or any(c in _HARD_BREAKS for c in brk)):
        return True
    nxt = _skip_space(text, m.end())
    if nxt >= len(text) or _LIST_ITEM.match(text, nxt):
        return True
    last = m.start() - 1
    while last >= 0 and text[last].isspace():
        last -= 1
    if last < 0:
        return True
    if text[last] in _CONTINUATION or text[nxt].islower():
        return False
    token = _word_before(text, last + 1)
    if not token:
        return True
    if token in _DANGLING:
        return False
    return not (token.endswith(".") and token[:-1].lstrip(_OPENERS) in _NEVER_FINAL)

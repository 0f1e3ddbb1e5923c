"""Quotes on gold nobody here wrote: PolNeAR's attributions (``quotes/polnear``, dev split).

Each dev article is ``data/dev/text/NAME.txt`` with brat stand-off annotations in
``data/dev/attributions/NAME_ANNOTATOR.ann``: ``Source``, ``Cue`` and ``Content`` spans
(character offsets, possibly in several pieces joined by ``;``) tied together by an
``Attribution`` event. Where several annotators annotated one article, the first file in name
order is used, so every article counts once. Attributions without a Content are skipped.

The article runs through ``segment``, ``find_actors`` (bundled index, the metadata's date) and
``find_quotes``. Spans are compared as sets of word tokens (``\\w+``), marks and punctuation
aside:

- a gold content is *matched* when at least half of its tokens lie in our quote contents (so a
  content split around "he said" counts when our two quotes cover it); recall is over gold
  contents;
- one of our quotes is *correct* when at least half of its tokens lie in gold contents;
  precision is over our quotes; F1 from the two;
- *quoted* contents are the gold contents in quote marks: the content, less leading spaces,
  opens with a quote mark, or the nearest character before it is an opening one (a mark after a
  space, a line start or a bracket). ``quoted_recall`` is the share of them matched;
- *speaker accuracy* is over matched gold contents that have a Source: the quote covering most
  of the content has a speaker whose span overlaps the gold Source, or whose actor is the actor
  that has a mention overlapping the gold Source.

Measure only: nothing in the project is derived from these files. Returns ``{}`` when the
folder is absent. ``python eval/quotes.py [GOLD_DIR] [--errors]`` prints diagnostics and the
time of the stage beside segmentation and actors; ``--errors`` lists misses on the terminal (for
development only: never paste them into the repository).
"""

from __future__ import annotations

import bisect
import datetime
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph.actors.index import default_index
from newsgraph.actors.recognize import find_actors
from newsgraph.model import Actor, Quote
from newsgraph.quotes import find_quotes
from newsgraph.quotes.cues import default_lexicon
from newsgraph.text.segment import segment

DEFAULT_GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold"
_WORD = re.compile(r"\w+")
_OPENING = frozenset("\"“‘'«„")
_ANNOTATOR = re.compile(r"_[0-9a-f]+\.ann$")

Spans = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Attribution:
    content: Spans
    source: Spans
    quoted: bool


@dataclass(frozen=True)
class Doc:
    name: str
    text: str
    published: datetime.date | None
    gold: list[Attribution]


def _spans(field: str) -> Spans:
    out = []
    for piece in field.split(";"):
        a, _, b = piece.strip().partition(" ")
        out.append((int(a), int(b)))
    return tuple(out)


def _is_quoted(text: str, spans: Spans) -> bool:
    """Is this gold content a quote in marks (see the module notes)?"""
    start = spans[0][0]
    body = text[start : spans[-1][1]].lstrip()
    if body[:1] in _OPENING:
        return True
    j = start - 1
    while j >= 0 and text[j].isspace():
        j -= 1
    # The mark before must open: a space, a line start or a bracket before it.
    opens = j == 0 or text[j - 1].isspace() or text[j - 1] in "(["
    return j >= 0 and text[j] in _OPENING and opens


def _parse(text: str, ann: str) -> list[Attribution]:
    """The attributions of one brat file that have a Content."""
    spans: dict[str, Spans] = {}
    out: list[Attribution] = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            _label, _, where = parts[1].partition(" ")
            spans[parts[0]] = _spans(where)
        elif line.startswith("E") and len(parts) >= 2:
            args = dict(a.split(":", 1) for a in parts[1].split()[1:] if ":" in a)
            content = spans.get(args.get("Content", ""))
            if content:
                source = spans.get(args.get("Source", ""), ())
                out.append(Attribution(content, source, _is_quoted(text, content)))
    return out


def _dates(root: Path) -> dict[str, datetime.date]:
    out: dict[str, datetime.date] = {}
    meta = root / "metadata.tsv"
    if not meta.exists():
        return out
    lines = meta.read_text(encoding="utf-8").splitlines()
    head = lines[0].split("\t") if lines else []
    if "filename" not in head or "publication_date" not in head:
        return out
    name_at, date_at = head.index("filename"), head.index("publication_date")
    for line in lines[1:]:
        cells = line.split("\t")
        try:
            out[cells[name_at]] = datetime.date.fromisoformat(cells[date_at])
        except (IndexError, ValueError):
            continue
    return out


def load(gold: Path) -> list[Doc]:
    """Every dev article with one annotator's attributions, in name order."""
    root = gold / "quotes" / "polnear" / "data"
    folder = root / "dev"
    if not (folder / "attributions").is_dir():
        return []
    dates = _dates(root)
    docs: list[Doc] = []
    seen: set[str] = set()
    for ann in sorted((folder / "attributions").glob("*.ann")):
        name = _ANNOTATOR.sub("", ann.name)
        path = folder / "text" / f"{name}.txt"
        if name in seen or not path.exists():
            continue
        seen.add(name)
        text = path.read_text(encoding="utf-8")
        gold_attr = _parse(text, ann.read_text(encoding="utf-8"))
        docs.append(Doc(name, text, dates.get(name), gold_attr))
    return docs


class _Words:
    """The word tokens of one text, to turn character spans into token sets."""

    def __init__(self, text: str) -> None:
        self.spans = [(m.start(), m.end()) for m in _WORD.finditer(text)]
        self.starts = [s for s, _ in self.spans]

    def of(self, spans: Spans) -> set[int]:
        out: set[int] = set()
        for a, b in spans:
            k = bisect.bisect_left(self.starts, a)
            while k < len(self.spans) and self.spans[k][1] <= b:
                out.add(k)
                k += 1
        return out


def _overlaps(a: tuple[int, int], spans: Spans) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


def _speaker_ok(q: Quote, source: Spans, actors: list[Actor]) -> bool:
    """Our speaker overlaps the gold Source, or is the actor mentioned there."""
    sp = q.speaker
    if sp is None:
        return False
    if _overlaps((sp.start, sp.end), source):
        return True
    if sp.actor is None:
        return False
    owners = {a.id for a in actors for m in a.mentions if _overlaps((m.start, m.end), source)}
    return sp.actor in owners


@dataclass
class _Tally:
    gold: int = 0
    matched: int = 0
    quoted: int = 0
    quoted_matched: int = 0
    ours: int = 0
    correct: int = 0
    with_source: int = 0
    speaker_ok: int = 0
    stage_s: float = 0.0
    base_s: float = 0.0
    kinds: Counter[str] = field(default_factory=Counter)


def _score_doc(doc: Doc, tally: _Tally, errors: bool) -> None:
    """Run the stage over one article and count its matches into ``tally``."""
    index = default_index()
    t0 = time.process_time()
    sentences = segment(doc.text)
    actors = find_actors(doc.text, index, doc.published, sentences)
    t1 = time.process_time()
    quotes = find_quotes(doc.text, sentences, actors).quotes
    tally.stage_s += time.process_time() - t1
    tally.base_s += t1 - t0
    words = _Words(doc.text)
    ours = [words.of(((q.start, q.end),)) for q in quotes]
    gold_sets = [words.of(g.content) for g in doc.gold]
    all_gold = set().union(*gold_sets) if gold_sets else set()
    all_ours = set().union(*ours) if ours else set()
    for q, toks in zip(quotes, ours, strict=True):
        tally.ours += 1
        tally.kinds[q.kind] += 1
        good = bool(toks) and 2 * len(toks & all_gold) >= len(toks)
        tally.correct += good
        if errors and not good:
            _show(doc, "FP", q.start, q.end, q.kind)
    for g, toks in zip(doc.gold, gold_sets, strict=True):
        if not toks:
            continue
        tally.gold += 1
        tally.quoted += g.quoted
        hit = 2 * len(toks & all_ours) >= len(toks)
        tally.matched += hit
        tally.quoted_matched += hit and g.quoted
        if errors and not hit:
            _show(doc, "MISS-Q" if g.quoted else "MISS", g.content[0][0], g.content[-1][1], "")
        if not hit or not g.source:
            continue
        tally.with_source += 1
        best = max(range(len(quotes)), key=lambda i: len(ours[i] & toks))
        ok = _speaker_ok(quotes[best], g.source, actors)
        tally.speaker_ok += ok
        if errors and not ok:
            sp = quotes[best].speaker
            got = sp.text if sp else None
            src = " | ".join(doc.text[a:b] for a, b in g.source)
            print(f"{doc.name} SPEAKER gold={src!r} ours={got!r}")


def _show(doc: Doc, label: str, start: int, end: int, extra: str) -> None:
    left = doc.text[max(0, start - 60) : start].replace("\n", " ")
    right = doc.text[end : end + 40].replace("\n", " ")
    body = doc.text[start:end].replace("\n", " ")
    print(f"{doc.name[:40]} {label} {extra} ...{left}[[{body}]]{right}")


def measure(gold: Path, errors: bool = False, tally: _Tally | None = None) -> dict[str, float]:
    """Content precision, recall and F1, quoted-content recall and speaker accuracy on the
    PolNeAR dev split."""
    docs = load(gold)
    if not docs:
        return {}
    tally = tally if tally is not None else _Tally()
    default_index(), default_lexicon()  # loaded once, before any timing
    for doc in docs:
        _score_doc(doc, tally, errors)
    p = tally.correct / tally.ours if tally.ours else 0.0
    r = tally.matched / tally.gold if tally.gold else 0.0
    return {
        "quotes.polnear.quoted_recall": (
            tally.quoted_matched / tally.quoted if tally.quoted else 0.0
        ),
        "quotes.polnear.content_precision": p,
        "quotes.polnear.content_recall": r,
        "quotes.polnear.content_f1": 2 * p * r / (p + r) if p + r else 0.0,
        "quotes.polnear.speaker_accuracy": (
            tally.speaker_ok / tally.with_source if tally.with_source else 0.0
        ),
        "quotes.polnear.gold_attributions": float(tally.gold),
    }


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    gold = Path(args[0]) if args else DEFAULT_GOLD
    tally = _Tally()
    figures = measure(gold, errors="--errors" in argv, tally=tally)
    if not figures:
        print(f"no PolNeAR dev split under {gold}")
        return 0
    for key, value in figures.items():
        print(f"{key:<40} {value:.4f}")
    print(
        f"gold contents {tally.gold} (in quote marks {tally.quoted}), ours {tally.ours}, "
        f"matched {tally.matched}, correct {tally.correct}, with a source {tally.with_source}"
    )
    print("our quotes by kind: " + ", ".join(f"{k} {n}" for k, n in sorted(tally.kinds.items())))
    share = tally.stage_s / tally.base_s if tally.base_s else 0.0
    print(
        f"CPU time: find_quotes {tally.stage_s:.3f}s, segment+find_actors {tally.base_s:.3f}s "
        f"(quotes = {share:.1%} of that)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

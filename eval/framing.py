"""Framing on gold nobody here wrote: BASIL (years 2010-2016) and BABE SG2.

- ``framing/basil/``: articles with phrase-level bias annotations. Loaded wording (``bias: lex``)
  in the outlet's voice (``quote: no``): the share that a narrator framing span overlaps
  (narrator recall). Loaded wording inside quotes (``quote: yes``): of the spans we mark, the
  share we give to the narrator (``quoted_to_narrator``), and the same over all such spans
  (``quoted_to_narrator_all``).
- ``framing/babe/final_labels_SG2.csv``: sentences labelled Biased / Non-biased; a sentence is
  predicted biased when it has a narrator framing span. Macro-F1 over the two classes.

Voices come from the quotes layer (``newsgraph.quotes.stage.find_quotes``) when it is
installed, else from quotation marks alone; the printout says which. Measure only: nothing
here is trained on or derived from these files. ``python eval/framing.py [GOLD] [--details]``
prints per-category figures (never paste gold text into the repository).
"""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from newsgraph.actors.index import default_index
from newsgraph.actors.recognize import find_actors
from newsgraph.framing.detect import find_framing
from newsgraph.framing.marks import find_marked, word_count
from newsgraph.model import Actor, Framing, Quote, Sentence
from newsgraph.text.segment import segment

DEFAULT_GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold"
SHOW_DETAILS = False
BASIL_YEARS = range(2010, 2017)
QuoteFinder = Callable[[str, list[tuple[int, int]], list[Actor]], tuple[list[Quote], list[str]]]


def _marks_quotes(
    text: str, spans: list[tuple[int, int]], actors: list[Actor]
) -> tuple[list[Quote], list[str]]:
    """Fallback voices: every stretch of five words or more in quotation marks is a quote."""
    quotes = []
    for k, m in enumerate(find_marked(text)):
        lo, hi = m.inner
        if word_count(text, lo, hi) >= 5:
            quotes.append(Quote(id=f"m{k}", kind="direct", start=lo, end=hi, text=text[lo:hi]))
    voices = []
    for s, e in spans:
        inside = sum(min(e, q.end) - max(s, q.start) for q in quotes if q.start < e and s < q.end)
        voices.append("quoted" if inside >= 0.8 * (e - s) else "mixed" if inside else "narrator")
    return quotes, voices


def _quote_finder() -> tuple[QuoteFinder, str]:
    try:
        from newsgraph.quotes.stage import find_quotes
    except ImportError:
        return _marks_quotes, "quotation marks (newsgraph.quotes not available)"

    def layer(
        text: str, spans: list[tuple[int, int]], actors: list[Actor]
    ) -> tuple[list[Quote], list[str]]:
        result = find_quotes(text, spans, actors)
        return list(result.quotes), [str(v) for v in result.voices]

    return layer, "newsgraph.quotes.stage.find_quotes"


def analyse(text: str, finder: QuoteFinder) -> list[Framing]:
    """Sentences, actors, quotes and framing of one text, as the pipeline would run them."""
    spans = segment(text)
    actors = find_actors(text, default_index(), None, spans)
    quotes, voices = finder(text, spans, actors)
    sentences = [
        Sentence(start=s, end=e, voice=v if v in ("narrator", "quoted", "mixed") else "narrator")
        for (s, e), v in zip(spans, voices, strict=False)
    ]
    return find_framing(text, sentences, quotes)


@dataclass
class _GoldSpan:
    start: int
    end: int
    quoted: bool


def _basil_article(art: Path, ann: Path) -> tuple[str, list[_GoldSpan]]:
    """Article text (sentences joined by spaces, paragraphs by newlines) and its lex spans."""
    article = json.loads(art.read_text(encoding="utf-8"))
    paras: list[str] = []
    offsets: list[tuple[int, str]] = []
    pos = 0
    for para in article.get("body-paragraphs") or []:
        parts = []
        for sent in para:
            offsets.append((pos, sent))
            parts.append(sent)
            pos += len(sent) + 1
        paras.append(" ".join(parts))
    text = "\n".join(paras)
    spans = []
    for p in json.loads(ann.read_text(encoding="utf-8")).get("phrase-level-annotations", []):
        if p.get("bias") != "lex":
            continue
        begin, end, txt = int(p["start"]), int(p["end"]), p.get("txt", "")
        at = next((base for base, sent in offsets if sent[begin:end] == txt), None)
        if at is not None:
            spans.append(_GoldSpan(at + begin, at + end, p.get("quote") == "yes"))
    return text, spans


def _overlapping(spans: Sequence[Framing], g: _GoldSpan) -> list[Framing]:
    return [f for f in spans if f.start < g.end and g.start < f.end]


def measure_basil(gold: Path, finder: QuoteFinder) -> dict[str, float]:
    root = gold / "framing" / "basil"
    if not (root / "articles").is_dir():
        return {}
    narr = narr_hit = quoted = quoted_marked = quoted_narr = 0
    cats: Counter[str] = Counter()
    for year in BASIL_YEARS:
        for art in sorted((root / "articles" / str(year)).glob("*.json")):
            ann = root / "annotations" / str(year) / f"{art.stem}_ann.json"
            if not ann.exists():
                continue
            text, gold_spans = _basil_article(art, ann)
            spans = analyse(text, finder)
            for g in gold_spans:
                over = _overlapping(spans, g)
                if not g.quoted:
                    narr += 1
                    mine = [f for f in over if f.voice == "narrator"]
                    narr_hit += bool(mine)
                    cats.update({f.category for f in mine})
                else:
                    quoted += 1
                    quoted_marked += bool(over)
                    quoted_narr += any(f.voice == "narrator" for f in over)
    if not narr:
        return {}
    if SHOW_DETAILS:
        print("basil narrator hits by category:", dict(cats.most_common()))
    return {
        "framing.basil.narrator_recall": narr_hit / narr,
        "framing.basil.quoted_to_narrator": quoted_narr / quoted_marked if quoted_marked else 0.0,
        "framing.basil.quoted_to_narrator_all": quoted_narr / quoted if quoted else 0.0,
        "framing.basil.narrator_spans": float(narr),
        "framing.basil.quoted_spans": float(quoted),
        "framing.basil.quoted_marked": float(quoted_marked),
    }


def measure_babe(gold: Path, finder: QuoteFinder) -> dict[str, float]:
    path = gold / "framing" / "babe" / "final_labels_SG2.csv"
    if not path.exists():
        return {}
    pairs: list[tuple[bool, bool]] = []
    fired: Counter[str] = Counter()
    fired_biased: Counter[str] = Counter()
    with path.open(encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh, delimiter=";"):
            label = row.get("label_bias")
            if label not in ("Biased", "Non-biased") or not row.get("text"):
                continue
            narrator = {f.category for f in analyse(row["text"], finder) if f.voice == "narrator"}
            biased = label == "Biased"
            pairs.append((biased, bool(narrator)))
            fired.update(narrator)
            fired_biased.update(narrator if biased else ())
    if not pairs:
        return {}
    f1s = []
    for cls in (True, False):
        tp = sum(1 for g, p in pairs if g == cls and p == cls)
        fp = sum(1 for g, p in pairs if g != cls and p == cls)
        fn = sum(1 for g, p in pairs if g == cls and p != cls)
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    if SHOW_DETAILS:
        print("babe: category -> sentences where it fires, share of them labelled biased")
        for cat, n in fired.most_common():
            print(f"  {cat:<15} {n:>5} {fired_biased[cat] / n:.2f}")
    return {
        "framing.babe.macro_f1": sum(f1s) / 2,
        "framing.babe.biased_f1": f1s[0],
        "framing.babe.accuracy": sum(g == p for g, p in pairs) / len(pairs),
        "framing.babe.sentences": float(len(pairs)),
    }


def measure(gold: Path) -> dict[str, float]:
    if not (gold / "framing").is_dir():
        return {}
    finder, source = _quote_finder()
    print(f"framing: voices from {source}")
    return {**measure_basil(gold, finder), **measure_babe(gold, finder)}


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    SHOW_DETAILS = "--details" in sys.argv
    for name, value in measure(Path(args[0]) if args else DEFAULT_GOLD).items():
        print(f"{name:<45} {value:.4f}")

"""Article body extraction on the ScrapingHub benchmark (gold/extraction/scrapinghub).

Scored as the benchmark scores it: word tokens, 4-gram shingle counts, per-page true/false
positive and negative shares, precision and recall averaged over pages, F1 of the two means.
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
import sys
from collections import Counter
from pathlib import Path

from newsgraph.ingest.errors import IngestError
from newsgraph.ingest.html import article_from_html

_TOKEN = re.compile(r"\w+")
SHINGLE = 4


def _shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text)
    return Counter(tuple(tokens[i : i + SHINGLE]) for i in range(max(1, len(tokens) - SHINGLE + 1)))


def page_scores(gold: str, pred: str) -> tuple[float, float, float]:
    """Normalised (tp, fp, fn) shares of shingles for one page."""
    g, p = _shingles(gold), _shingles(pred)
    tp = sum((g & p).values())
    fp = sum((p - g).values())
    fn = sum((g - p).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def measure(gold: Path) -> dict[str, float]:
    root = gold / "extraction" / "scrapinghub"
    truth_file = root / "ground-truth.json"
    if not truth_file.exists():
        return {}
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    scores = []
    for key, item in sorted(truth.items()):
        html = gzip.decompress((root / "html" / f"{key}.html.gz").read_bytes())
        try:
            body = article_from_html(html, source=key, url=item.get("url")).text
        except IngestError:
            body = ""
        scores.append(page_scores(item.get("articleBody", ""), body))
    precision = statistics.mean(_precision(*s) for s in scores if s[0] + s[1] > 0)
    recall = statistics.mean(_recall(*s) for s in scores if s[0] + s[2] > 0)
    return {
        "extraction.scrapinghub.body_precision": precision,
        "extraction.scrapinghub.body_recall": recall,
        "extraction.scrapinghub.body_f1": 2 * precision * recall / (precision + recall),
    }


if __name__ == "__main__":
    gold_dir = (
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else Path(__file__).parents[1].parent / "shared" / "gold"
    )
    for name, value in measure(gold_dir).items():
        print(f"{name:<45} {value:.4f}")

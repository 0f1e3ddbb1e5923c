"""Actors on gold nobody here wrote: ConfliBERT's source/target spans and PLOVER's country codes.

- ``events/ConfliBERT_cameo_ner_train.txt`` (CoNLL, B-S/I-S source, B-T/I-T target): the share of
  gold spans that one of our actor mentions overlaps, and the share of our mentions that overlap
  no gold span (actors the gold does not mark: roles and bystanders, not always errors).
- ``events/PLOVER_GSR_CAMEO.json``: the share of gold source and target country codes that our
  actors in the same sentence carry (old code JAP read as JPN).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from newsgraph.actors.index import default_index
from newsgraph.actors.recognize import find_actors
from newsgraph.text.segment import segment

_OLD_CODES = {"JAP": "JPN"}


def _conll_sentences(path: Path) -> list[tuple[str, list[tuple[int, int]]]]:
    """Each sentence as text (tokens joined by spaces) with its gold S and T character spans."""
    out: list[tuple[str, list[tuple[int, int]]]] = []
    toks: list[tuple[str, str]] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.strip():
            word, _, tag = line.rpartition(" ")
            toks.append((word, tag))
            continue
        if not toks:
            continue
        text, spans, pos, cur = "", [], 0, None
        for word, tag in toks:
            start = pos
            text += word + " "
            pos = len(text)
            if tag.startswith("B-") or (tag.startswith("I-") and cur is None):
                cur = [start, start + len(word)]
                spans.append(cur)
            elif tag.startswith("I-") and cur is not None:
                cur[1] = start + len(word)
            else:
                cur = None
        out.append((text.rstrip(), [(s, e) for s, e in spans]))
        toks = []
    return out


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def measure_conflibert(gold: Path) -> dict[str, float]:
    path = gold / "events" / "ConfliBERT_cameo_ner_train.txt"
    if not path.exists():
        return {}
    index = default_index()
    covered = total = ours = outside = 0
    for text, spans in _conll_sentences(path):
        mentions = [
            (m.start, m.end)
            for a in find_actors(text, index, None, segment(text))
            for m in a.mentions
        ]
        total += len(spans)
        covered += sum(1 for g in spans if any(_overlaps(g, m) for m in mentions))
        ours += len(mentions)
        outside += sum(1 for m in mentions if not any(_overlaps(g, m) for g in spans))
    return {
        "actors.conflibert.span_coverage": covered / total if total else 0.0,
        "actors.conflibert.mentions_outside_gold": outside / ours if ours else 0.0,
        "actors.conflibert.gold_spans": float(total),
    }


def measure_plover(gold: Path) -> dict[str, float]:
    path = gold / "events" / "PLOVER_GSR_CAMEO.json"
    if not path.exists():
        return {}
    index = default_index()
    found = {"source": 0, "target": 0}
    wanted = {"source": 0, "target": 0}
    for record in json.loads(path.read_text(encoding="utf-8")):
        text = record.get("text")
        if not text:
            continue
        ours = {
            a.country or (a.code or "")[:3] for a in find_actors(text, index, None, segment(text))
        }
        for side in ("source", "target"):
            actors = record.get(side)
            for actor in actors if isinstance(actors, list) else []:
                if not isinstance(actor, dict):
                    continue
                code = str(actor.get("code") or "")[:3]
                if len(code) != 3 or not code.isalpha():
                    continue
                code = _OLD_CODES.get(code, code)
                wanted[side] += 1
                found[side] += code in ours
    return {
        "actors.plover.source_country_found": found["source"] / max(1, wanted["source"]),
        "actors.plover.target_country_found": found["target"] / max(1, wanted["target"]),
    }


def measure(gold: Path) -> dict[str, float]:
    return {**measure_conflibert(gold), **measure_plover(gold)}


if __name__ == "__main__":
    gold_dir = (
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else Path(__file__).resolve().parents[2] / "shared" / "gold"
    )
    for name, value in measure(gold_dir).items():
        print(f"{name:<45} {value:.4f}")

"""Events on gold nobody here wrote.

- ``events/PLOVER_GSR_CAMEO.json``: each sentence's gold PLOVER type (old labels mapped: DEMAND
  is REQUEST, DISAPPROVE is ACCUSE, FIGHT is ASSAULT; INVESTIGATE and DOCUMENT skipped; JAP is
  JPN). Type recall: a coded event of the gold type; with actors: such an event whose actors
  carry a gold source country and whose recipients carry a gold target country.
- ``events/ConfliBERT_cameo_class_train.tsv``: five classes (0 no event or a plain statement,
  1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict); a
  sentence takes the class of its most confident event. Macro-F1.
Measure only: nothing here is trained on or derived from these files.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from newsgraph import analyze
from newsgraph.events.patterns import default_patterns
from newsgraph.model import Analysis

OLD_LABELS = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "FIGHT": "ASSAULT"}
SKIP = {"INVESTIGATE", "DOCUMENT"}
OLD_CODES = {"JAP": "JPN"}
SHOW_DETAILS = True  # make eval prints per-type figures and the confusion matrix


def _codes(side: object) -> set[str]:
    out = set()
    for actor in side if isinstance(side, list) else []:
        if isinstance(actor, dict):
            code = str(actor.get("code") or "")[:3]
            if len(code) == 3 and code.isalpha():
                out.add(OLD_CODES.get(code, code))
    return out


def _countries(an: Analysis, ids: list[str]) -> set[str]:
    by_id = {a.id: a for a in an.actors}
    return {(by_id[i].country or (by_id[i].code or "")[:3]) for i in ids if i in by_id}


def measure_plover(gold: Path) -> dict[str, float]:
    path = gold / "events" / "PLOVER_GSR_CAMEO.json"
    if not path.exists():
        return {}
    n = typed = full = 0
    predicted: Counter[str] = Counter()
    correct: Counter[str] = Counter()
    wanted: Counter[str] = Counter()
    confusion: Counter[tuple[str, str]] = Counter()
    for record in json.loads(path.read_text(encoding="utf-8")):
        label = OLD_LABELS.get(record.get("event", ""), record.get("event", ""))
        text = record.get("text")
        if not text or label in SKIP:
            continue
        an = analyze(text, published=record.get("date"))
        n += 1
        wanted[label] += 1
        types = {e.type for e in an.events}
        for t in types:
            predicted[t] += 1
            correct[t] += t == label
        best = max(an.events, key=lambda e: e.confidence).type if an.events else "NONE"
        confusion[(label, best)] += 1
        matching = [e for e in an.events if e.type == label]
        typed += bool(matching)
        src, tgt = _codes(record.get("source")), _codes(record.get("target"))
        full += any(
            (not src or _countries(an, e.actor) & src)
            and (not tgt or _countries(an, e.recipient) & tgt)
            for e in matching
        )
    out = {
        "events.plover.type_recall": typed / n,
        "events.plover.type_actor_recall": full / n,
        "events.plover.sentences": float(n),
    }
    if SHOW_DETAILS:
        _print_table(wanted, predicted, correct, confusion)
    return out


def _print_table(
    wanted: Counter[str],
    predicted: Counter[str],
    correct: Counter[str],
    confusion: Counter[tuple[str, str]],
) -> None:
    types = sorted(default_patterns().ontology.types)
    print(f"{'type':<10} {'gold':>5} {'recall':>7} {'coded':>6} {'precision':>9}")
    for t in types:
        rec = correct[t] / wanted[t] if wanted[t] else 0.0
        prec = correct[t] / predicted[t] if predicted[t] else 0.0
        print(f"{t:<10} {wanted[t]:>5} {rec:>7.2f} {predicted[t]:>6} {prec:>9.2f}")
    cols = [*types, "NONE"]
    print("confusion (rows gold, columns the most confident event):")
    print(" " * 10 + " ".join(f"{c[:4]:>4}" for c in cols))
    for g in types:
        print(f"{g:<10}" + " ".join(f"{confusion[(g, c)]:>4}" for c in cols))


def measure_conflibert(gold: Path) -> dict[str, float]:
    path = gold / "events" / "ConfliBERT_cameo_class_train.tsv"
    if not path.exists():
        return {}
    quads = {t: d.quad for t, d in default_patterns().ontology.types.items()}
    pairs: list[tuple[int, int]] = []
    best_types: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        text, _, label = line.rpartition("\t")
        if not text or not label.strip().isdigit():
            continue
        an = analyze(text)
        best = max(an.events, key=lambda e: e.confidence) if an.events else None
        pairs.append((int(label), quads.get(best.type, 0) if best else 0))
        best_types.append(best.type if best else "NONE")
    f1s = _class_f1(pairs)
    if SHOW_DETAILS:
        print("class F1:", " ".join(f"{c}:{f:.2f}" for c, f in enumerate(f1s)))
        matrix = Counter(pairs)
        for g in range(5):
            print(f"gold {g}: " + " ".join(f"{matrix[(g, p)]:>4}" for p in range(5)))
        # The file's own labels put most sanctions, aid cuts and expulsions in class 3; the
        # issue's reading (and the gate) keeps SANCTION in 4. Shown for context only.
        moved = [
            (g, 3 if t == "SANCTION" else p) for (g, p), t in zip(pairs, best_types, strict=True)
        ]
        print(
            "macro-F1 with SANCTION read as class 3 (context only):",
            f"{sum(_class_f1(moved)) / 5:.4f}",
        )
    return {
        "events.conflibert.macro_f1": sum(f1s) / 5,
        "events.conflibert.accuracy": sum(g == p for g, p in pairs) / len(pairs),
    }


def _class_f1(pairs: list[tuple[int, int]]) -> list[float]:
    f1s = []
    for c in range(5):
        tp = sum(1 for g, p in pairs if g == c and p == c)
        fp = sum(1 for g, p in pairs if g != c and p == c)
        fn = sum(1 for g, p in pairs if g == c and p != c)
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return f1s


def measure(gold: Path) -> dict[str, float]:
    return {**measure_plover(gold), **measure_conflibert(gold)}


if __name__ == "__main__":
    SHOW_DETAILS = True
    gold_dir = (
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else Path(__file__).resolve().parents[2] / "shared" / "gold"
    )
    for name, value in measure(gold_dir).items():
        print(f"{name:<45} {value:.4f}")

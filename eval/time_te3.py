"""Measure ``newsgraph.text.timex`` against the TempEval-3 platinum test set (TimeML).

``measure(gold)`` reads ``gold/time/te3-platinum/*.tml`` at run time, recovers the plain text of
each ``<TEXT>`` element with the offsets of its gold TIMEX3 elements, runs ``find_timexes`` with
the document creation time, and returns value accuracy, span recall and precision over DATE
timexes. It returns ``{}`` when the gold folder is absent.

Run ``python eval/time_te3.py [GOLD_DIR] [--errors]``; ``--errors`` lists misses and false
positives on the terminal (for development only: never paste them into the repository).
"""

from __future__ import annotations

import datetime
import html
import pathlib
import re
import sys
from dataclasses import dataclass

from newsgraph.model import Timex
from newsgraph.text.timex import find_timexes

DEFAULT_GOLD = pathlib.Path(__file__).resolve().parents[2] / "shared" / "gold"
_TOKEN = re.compile(r"<(/?)(\w+)([^>]*)>|&#?\w+;|[^<&]+", re.S)
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_DCT = re.compile(r"<DCT>\s*<TIMEX3([^>]*)>", re.S)
_TEXT = re.compile(r"<TEXT>(.*)</TEXT>", re.S)


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    type: str
    value: str


@dataclass(frozen=True)
class GoldDoc:
    name: str
    dct: datetime.date | None
    text: str
    timexes: list[GoldTimex]


def _strip(body: str) -> tuple[str, list[GoldTimex]]:
    """Plain text of a TimeML body and the character span of each TIMEX3 in it."""
    parts: list[str] = []
    size = 0
    open_timex: tuple[int, dict[str, str]] | None = None
    found: list[GoldTimex] = []
    for m in _TOKEN.finditer(body):
        if m.group(2) is None:
            piece = html.unescape(m.group(0))
            parts.append(piece)
            size += len(piece)
        elif m.group(2) == "TIMEX3" and not m.group(1):
            open_timex = (size, dict(_ATTR.findall(m.group(3))))
        elif m.group(2) == "TIMEX3" and open_timex is not None:
            begin, attrs = open_timex
            found.append(GoldTimex(begin, size, attrs.get("type", ""), attrs.get("value", "")))
            open_timex = None
    return "".join(parts), found


def load(folder: pathlib.Path) -> list[GoldDoc]:
    """Every TimeML document in ``folder``, in name order."""
    docs: list[GoldDoc] = []
    for path in sorted(folder.glob("*.tml")):
        raw = path.read_text(encoding="utf-8")
        dct: datetime.date | None = None
        dct_match = _DCT.search(raw)
        if dct_match:
            value = dict(_ATTR.findall(dct_match.group(1))).get("value", "")
            try:
                dct = datetime.date.fromisoformat(value[:10])
            except ValueError:
                dct = None
        body = _TEXT.search(raw)
        if body is None:
            continue
        text, timexes = _strip(body.group(1))
        docs.append(GoldDoc(path.name, dct, text, timexes))
    return docs


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def measure(gold: pathlib.Path, errors: bool = False) -> dict[str, float]:
    """DATE value accuracy, DATE span recall and system precision on TE-3 platinum."""
    folder = gold / "time" / "te3-platinum"
    if not folder.is_dir():
        return {}
    n_gold = n_span = n_value = n_sys = n_sys_ok = 0
    for doc in load(folder):
        system = find_timexes(doc.text, doc.dct)
        dates = [g for g in doc.timexes if g.type == "DATE"]
        for g in dates:
            hits = [s for s in system if _overlaps(s.start, s.end, g.start, g.end)]
            n_gold += 1
            n_span += bool(hits)
            ok = any(s.value == g.value for s in hits)
            n_value += ok
            if errors and not ok:
                _show(doc, g.start, g.end, f"MISS gold={g.value}", hits)
        for s in system:
            n_sys += 1
            good = any(
                _overlaps(s.start, s.end, g.start, g.end) and s.value == g.value for g in dates
            )
            n_sys_ok += good
            if errors and not good:
                near = [g for g in doc.timexes if _overlaps(s.start, s.end, g.start, g.end)]
                label = ",".join(f"{g.type}:{g.value}" for g in near) or "none"
                _show(doc, s.start, s.end, f"FP sys={s.value} gold={label}", [])
    if not n_gold:
        return {}
    return {
        "time.te3.date_value_accuracy": n_value / n_gold,
        "time.te3.date_span_recall": n_span / n_gold,
        "time.te3.date_precision": n_sys_ok / n_sys if n_sys else 0.0,
        "time.te3.gold_dates": float(n_gold),
        "time.te3.system_timexes": float(n_sys),
    }


def _show(doc: GoldDoc, start: int, end: int, label: str, hits: list[Timex]) -> None:
    left = doc.text[max(0, start - 70) : start].replace("\n", " ")
    right = doc.text[end : end + 50].replace("\n", " ")
    got = "; ".join(f"{h.text!r}={h.value}" for h in hits)
    print(f"{doc.name} dct={doc.dct} {label} [{got}]\n   ...{left}[[{doc.text[start:end]}]]{right}")


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    gold = pathlib.Path(args[0]) if args else DEFAULT_GOLD
    figures = measure(gold, errors="--errors" in argv)
    if not figures:
        print(f"no TE-3 gold under {gold}")
        return 0
    for key, value in figures.items():
        print(f"{key}\t{value:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""The eval gate: measure every stage on ../shared/gold, compare with eval/baseline.json.

Each figure has a floor (``min``, or ``max`` for figures where lower is better) set by the
project's issues, and the last pinned measurement (``baseline``). The gate fails when a figure
is past its floor, or has fallen from its baseline by more than ``noise``. Where a stage does
not yet reach its issue's target, the floor guards what it reaches and ``aim`` shows the
target. With ``--update`` the measured figures become the new baselines. Without the gold
folder, it skips cleanly.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
BASELINE = HERE / "baseline.json"
DEFAULT_GOLD = HERE.parent.parent / "shared" / "gold"
# One module per stage; each exposes measure(gold: Path) -> dict[str, float].
STAGES = ["extraction", "time_te3", "actors", "events", "quotes", "framing"]


def check(name: str, value: float, spec: dict[str, Any]) -> str | None:
    """Why ``value`` fails its spec, or None when it passes."""
    if spec.get("info"):
        return None  # a count shown for context, not a quality figure
    noise = spec.get("noise", 0.01)
    if "min" in spec and value < spec["min"]:
        return f"below its floor {spec['min']}"
    if "max" in spec and value > spec["max"]:
        return f"above its ceiling {spec['max']}"
    base = spec.get("baseline")
    if base is not None:
        worse = (value - base) if "max" in spec else (base - value)
        if worse > noise:
            return f"{worse:.3f} worse than its baseline {base} (noise {noise})"
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--update", action="store_true", help="pin the measured figures")
    parser.add_argument("--stage", action="append", help="only these stages")
    args = parser.parse_args(argv)
    if not args.gold.is_dir():
        print(f"eval: skipped, no gold data at {args.gold}")
        return 0
    sys.path.insert(0, str(HERE))
    specs: dict[str, dict[str, Any]] = json.loads(BASELINE.read_text())["figures"]
    failures = []
    measured: dict[str, float] = {}
    for stage in args.stage or STAGES:
        start = time.perf_counter()
        figures = importlib.import_module(stage).measure(args.gold)
        took = time.perf_counter() - start
        for name, value in figures.items():
            measured[name] = value
            spec = specs.get(name, {})
            why = check(name, value, spec)
            bound = (
                f"min {spec['min']}"
                if "min" in spec
                else f"max {spec['max']}"
                if "max" in spec
                else ""
            )
            status = "FAIL " + why if why else "ok"
            if "aim" in spec and not why:
                # The target where the gate's floor is still below it.
                status += f" (aim {spec['aim']})" if value < spec["aim"] else ""
            print(f"{name:<48} {value:8.4f}  {bound:<10} {status}")
            if why:
                failures.append(name)
        print(f"  ({stage}: {took:.1f}s)")
    if args.update:
        for name, value in measured.items():
            spec = specs.setdefault(name, {})
            if not spec.get("info"):
                spec["baseline"] = round(value, 4)
        BASELINE.write_text(json.dumps({"figures": specs}, indent=2, sort_keys=True) + "\n")
        print(f"eval: baselines pinned in {BASELINE.name}")
    if failures:
        print(f"eval: {len(failures)} figure(s) failed: {', '.join(failures)}")
        return 1
    print(f"eval: {len(measured)} figures, all within their floors")
    return 0


if __name__ == "__main__":
    sys.exit(main())

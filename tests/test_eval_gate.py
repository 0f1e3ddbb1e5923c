"""The eval gate's rule: floors, ceilings, baselines with noise, and a clean skip without gold."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "eval"))

from run import check  # noqa: E402


@pytest.mark.parametrize(
    ("value", "spec", "fails"),
    [
        (0.96, {"min": 0.95}, False),
        (0.94, {"min": 0.95}, True),
        (0.09, {"max": 0.10}, False),
        (0.11, {"max": 0.10}, True),
        (0.955, {"min": 0.95, "baseline": 0.96, "noise": 0.01}, False),
        (0.951, {"min": 0.90, "baseline": 0.97, "noise": 0.01}, True),
        (0.12, {"max": 0.5, "baseline": 0.05, "noise": 0.02}, True),
        (3.0, {"info": True, "min": 10}, False),
        (0.5, {}, False),
    ],
)
def test_check(value: float, spec: dict[str, float], fails: bool) -> None:
    assert (check("x", value, spec) is not None) is fails


def test_skips_cleanly_without_gold(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "eval" / "run.py"), "--gold", str(tmp_path / "none")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0 and "skipped" in done.stdout

"""The TABARI/PETRARCH importer on the real Phoenix dictionaries in ../shared/gold, read at test
time: aggregate facts only (counts, shares, codes), never a name from them; skipped without gold."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newsgraph.actors.kb import SECTORS, KBError
from newsgraph.actors.tabari import read_dictionary

DICTS = Path(__file__).parents[1].parent / "shared" / "gold" / "events" / "dictionaries"


def real(pattern: str) -> Path:
    found = sorted(DICTS.glob(pattern)) if DICTS.is_dir() else []
    if not found:
        pytest.skip(f"no {pattern} under {DICTS}")
    return found[0]


@pytest.fixture(scope="module")
def countries() -> tuple[Path, list[Any], list[str]]:
    path = real("*Countries.actors.txt")
    entries, warnings = read_dictionary(path)
    return path, entries, warnings


def _lines(path: Path) -> int:
    return len(path.read_bytes().splitlines())


def test_real_countries(countries: tuple[Path, list[Any], list[str]]) -> None:
    path, entries, warnings = countries
    assert len(entries) > 1000
    assert len(warnings) < 0.01 * _lines(path)
    assert all(w.startswith(f"{path}:") for w in warnings)
    assert all(e.sector in SECTORS or e.sector is None for e in entries)
    assert all(o.sector in SECTORS for e in entries for o in e.offices)
    assert sum(1 for e in entries if any(o.start or o.end for o in e.offices)) > 100
    assert {"person", "country"} <= {e.kind for e in entries}
    assert len({e.id for e in entries}) == len(entries)


@pytest.mark.parametrize("pattern", ["*International.actors.txt", "*MilNonState.actors.txt"])
def test_real_other_actors(pattern: str) -> None:
    path = real(pattern)
    entries, warnings = read_dictionary(path)
    assert len(entries) > 100
    assert len(warnings) < 0.01 * _lines(path)
    assert all(e.kind != "role" and (e.sector in SECTORS or e.sector is None) for e in entries)


def test_real_agents() -> None:
    path = real("*agents.txt")
    entries, warnings = read_dictionary(path)
    assert len(entries) > 1000
    assert all(e.kind == "role" and e.sector in SECTORS for e in entries)
    unreadable = [w for w in warnings if "is not a newsgraph sector" not in w]
    assert len(unreadable) < 0.01 * _lines(path)


@pytest.mark.parametrize("pattern", ["*CAMEO*.txt", "*discards.txt", "*IssueCoding.txt"])
def test_real_non_actor_files_are_refused(pattern: str) -> None:
    path = real(pattern)
    with pytest.raises(KBError, match="not a TABARI/PETRARCH dictionary"):
        read_dictionary(path)

"""The small parts of the event exports: stable event ids, start days, quad classes."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from newsgraph.store.events_export import (
    global_event_id,
    quad_classes,
    start_day,
)

# A test ontology of our own, so quad classes do not depend on the bundled file's state.


def test_global_event_ids_are_stable_and_distinct() -> None:
    # Pinned: users join on this id across exports, so it must never change between versions.
    assert global_event_id("a-sudan", "e1") == global_event_id("a-sudan", "e1")
    assert global_event_id("a-sudan", "e1") == 5524062357521457683
    ids = {global_event_id(a, e) for a, e in [("ab", "c"), ("a", "bc"), ("a", "b"), ("b", "a")]}
    assert len(ids) == 4 and all(0 <= i < 2**63 for i in ids)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-05-13", "2024-05-13"),
        ("2024-05-13T10:30", "2024-05-13"),
        ("2024-05", "2024-05-01"),
        ("2024", "2024-01-01"),
        ("2024-W15", "2024-04-08"),
        ("2024-W15-WE", "2024-04-13"),
        ("2024-Q3", "2024-07-01"),
        ("2024-SU", "2024-06-01"),
        ("2024-10-07/2024-11-25", "2024-10-07"),
        ("2023-12/2024-02", "2023-12-01"),
        ("2024-13", None),
        ("2024-W54", None),
        ("199", None),
        ("PRESENT_REF", None),
    ],
)
def test_start_day(value: str, expected: str | None) -> None:
    day = start_day(value)
    assert (day.isoformat() if day else None) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("types:\n  AID: {quad: 2}\n  AGREE: {quad: 1}\n", {"AID": 2, "AGREE": 1}),
        (
            "types:\n  AID: {quad: true}\n  REJECT: {score: -4}\n  PROTEST: {quad: 3}\n",
            {"PROTEST": 3},
        ),
        ("types: []\n", {}),
        ("", {}),
    ],
)
def test_quad_classes(tmp_path: Path, text: str, expected: dict[str, int]) -> None:
    path = tmp_path / "ontology.yaml"
    path.write_text(text, encoding="utf-8")
    assert quad_classes(path) == expected
    assert quad_classes(tmp_path / "missing.yaml") == {}


def test_bundled_ontology_quads() -> None:
    # Not events_export.ONTOLOGY: the module fixture may point it at the test ontology.
    path = Path(str(resources.files("newsgraph").joinpath("data/events/ontology.yaml")))
    if not path.exists():
        pytest.skip("the bundled ontology is not written yet")
    quads = quad_classes(path)
    assert quads and all(0 <= q <= 4 for q in quads.values())

"""The knowledge base files: loading, dates of office, user layers and their errors."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from actors_kb import small_kb
from newsgraph.actors.kb import (
    KBError,
    KnowledgeBase,
    load_user_layer,
    parse_date,
    write_user_layer,
)


@pytest.mark.parametrize(
    ("value", "end", "expected"),
    [
        ("2024", False, date(2024, 1, 1)),
        ("2024", True, date(2024, 12, 31)),
        ("2024-02", True, date(2024, 2, 29)),
        ("2023-12", True, date(2023, 12, 31)),
        ("2024-02", False, date(2024, 2, 1)),
        ("2024-02-10", True, date(2024, 2, 10)),
        ("", False, None),
    ],
)
def test_parse_date(value: str, end: bool, expected: date | None) -> None:
    assert parse_date(value, end=end) == expected


@pytest.mark.parametrize("bad", ["24-02", "2024/02/01", "May 2024"])
def test_parse_date_refuses(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_date(bad)


def test_office_at_a_date() -> None:
    biden = small_kb().entries["person:joe_biden"]
    assert biden.office_at(date(2012, 1, 1)).role == "vice president"  # type: ignore[union-attr]
    assert biden.office_at(date(2018, 1, 1)) is None
    assert biden.office_at(None).role == "president"  # type: ignore[union-attr]


def test_user_layer_round_trip_and_override(tmp_path: Path) -> None:
    kb = small_kb()
    hamas = kb.entries["org:HAMAS"].model_copy(update={"name": "Harakat al-Muqawama"})
    path = tmp_path / "mine.yaml"
    assert write_user_layer([hamas], path) == 1
    layered = KnowledgeBase(dict(kb.entries))
    layered.extend(load_user_layer(path), str(path))
    assert layered.entries["org:HAMAS"].name == "Harakat al-Muqawama"
    assert kb.entries["org:HAMAS"].name == "Hamas"  # the base itself is untouched


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            "actors:\n  - id: x\n    name: X\n    kind: person\n  - id: y\n    name: Y\n"
            "    kind: wizard\n",
            "mine.yaml:7: actors.1.kind",
        ),
        (
            "actors:\n  - id: x\n    name: X\n    kind: group\n    sector: NOPE\n",
            "mine.yaml:5: actors.0.sector",
        ),
        ("actors:\n  - id: x\n    kind: group\n", "mine.yaml:2: actors.0.name"),
        ("actors: [\n", "mine.yaml:2: not valid YAML"),
        ("people: []\n", "mine.yaml:1: expected a mapping with an 'actors' list"),
        (
            "actors:\n  - id: x\n    name: X\n    kind: person\n    offices:\n"
            "      - {role: king, sector: GOV, start: 'soon'}\n",
            "mine.yaml:6: actors.0.offices.0",
        ),
    ],
)
def test_malformed_user_file_names_file_and_line(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(KBError) as err:
        load_user_layer(path)
    assert str(err.value).startswith(f"{tmp_path}/{message}")
    assert "\n" not in str(err.value)

"""The contract: typed records, their JSON form, the generated JSON Schema, the public API."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from pydantic import ValidationError

import newsgraph
from newsgraph.model import SCHEMA_ID, Analysis, Article, Sentence, json_schema

SCHEMA_FILE = Path(__file__).parents[1] / "schema" / "analysis.schema.json"
CONTRACT_KEYS = [
    "schema",
    "article",
    "sentences",
    "actors",
    "events",
    "quotes",
    "claims",
    "timexes",
    "framing",
    "warnings",
]


def test_committed_schema_is_the_generated_one() -> None:
    """Regenerate with `newsgraph schema > schema/analysis.schema.json` after changing records."""
    assert json.loads(SCHEMA_FILE.read_text(encoding="utf-8")) == json_schema()


def test_schema_validates_a_real_analysis_and_rejects_broken_ones() -> None:
    an = newsgraph.analyze(
        "Talks resume\n\nThe envoys met in Doha on Monday, officials said.", published="2024-05-15"
    )
    record = an.to_dict()
    jsonschema.validate(record, json_schema())
    assert list(record) == CONTRACT_KEYS
    assert record["schema"] == SCHEMA_ID
    broken = dict(record, sentences=[{"start": "zero", "end": 3}])
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, json_schema())


def test_json_round_trip() -> None:
    an = newsgraph.analyze(
        "Talks resume\n\nAbout 40 envoys met in Doha on Monday.", published="2024-05-15"
    )
    assert Analysis.from_json(an.to_json()) == an
    assert Analysis.from_json(json.loads(an.to_json())) == an


@pytest.mark.parametrize(
    "bad",
    [
        '{"schema": "newsgraph.analysis/1"}',
        '{"article": {"id": "a"}, "sentences": [{"start": 0}]}',
        '{"article": {"id": "a"}, "surprise": 1}',
        '{"article": {"id": "a"}, "sentences": [{"start": 0, "end": 1, "voice": "shouting"}]}',
        "not json",
    ],
)
def test_malformed_records_are_refused(bad: str) -> None:
    with pytest.raises(ValidationError):
        Analysis.from_json(bad)


def test_records_are_typed() -> None:
    assert Sentence(start=0, end=4).voice == "narrator"
    with pytest.raises(ValidationError):
        Article(id="a", authors="one")  # type: ignore[arg-type]


def test_public_api() -> None:
    assert sorted(newsgraph.__all__) == sorted(
        [
            "SCHEMA_ID",
            "Analysis",
            "Article",
            "__version__",
            "analyze",
            "analyze_article",
            "json_schema",
        ]
    )
    for name in newsgraph.__all__:
        assert hasattr(newsgraph, name)

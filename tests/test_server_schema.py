"""Schemathesis over the OpenAPI spec, in process (no network): every operation, a bounded
number of generated requests each, checked against the responses the spec documents."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import Case
from starlette.applications import Starlette

import server_data
from newsgraph.ingest.fetch import MemoryFetcher
from newsgraph.server import create_app

EXAMPLES = 25
# Operations whose refusals depend on content the spec cannot describe: a page without an
# article body, an upload that is not text, a URL on a private address. They may turn down
# schema-valid input (4xx), which every other operation must accept.
CONTENT_DEPENDENT = {"POST /api/analyze", "POST /api/analyze/upload", "POST /api/ingest"}
POLICY_REFUSALS = [schemathesis.checks.positive_data_acceptance]


@schemathesis.serializer("application/x-ndjson")
def ndjson(_ctx: object, value: object) -> bytes:
    """The ingest body: a string of JSON Lines as the spec has it, sent as UTF-8 bytes."""
    if isinstance(value, str):
        return value.encode("utf-8", "surrogatepass")
    return (json.dumps(value) + "\n").encode("utf-8")


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Starlette]:
    cfg = server_data.config(
        server_data.database(tmp_path_factory),
        # No network: every host "resolves" to a documentation address, which is refused, and a
        # fetch that got through would be answered from memory.
        resolve=lambda host: ["192.0.2.1"],
        fetcher=MemoryFetcher,
    )
    application = create_app(cfg)
    yield application
    application.state.newsgraph.close()


def conformance(cases: Any, excluded: list[Any]) -> Any:
    """A Hypothesis test that sends each generated case and validates the response."""

    @given(case=cases)
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def check(case: Case) -> None:
        case.call_and_validate(excluded_checks=excluded)

    return check


def test_every_operation_conforms_to_the_spec(app: Starlette) -> None:
    # Schemathesis's lazy pytest fixture loader does not run under this pytest, so the test
    # walks the operations itself, with Hypothesis driving each one.
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    labels = []
    for result in schema.get_all_operations():
        operation = result.ok()
        labels.append(operation.label)
        excluded = POLICY_REFUSALS if operation.label in CONTENT_DEPENDENT else []

        check = conformance(operation.as_strategy(), excluded)
        try:
            check()
        except Exception as exc:
            raise AssertionError(f"{operation.label}: {exc}") from exc
    assert "GET /api/events" in labels and "POST /api/ingest" in labels

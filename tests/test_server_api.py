"""The HTTP API against a real DuckDB file: lists and their filters, paging, one record,
aggregates, the network and exports (the writing half is in test_server_write.py)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from fastapi.testclient import TestClient

import server_data
from newsgraph.server import create_app


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    app = create_app(server_data.config(server_data.database(tmp_path_factory)))
    with TestClient(app) as c:
        yield c


def ids(items: list[dict[str, Any]], key: str = "event_id") -> set[str]:
    return {f"{r['article_id']}:{r[key]}" for r in items}


def get_all(client: TestClient, path: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    r = client.get(path, params={**params, "limit": 500})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["total"] == len(body["items"])
    return list(body["items"])


MINE = {"t-border:e1", "t-border:e2", "t-border:e3", "t-border:e4", "t-talks:e1", "t-talks:e2",
        "t-talks:e3", "t-payload:e1"}  # fmt: skip

EVENT_FILTERS: list[tuple[dict[str, Any], set[str]]] = [
    ({"type": "REJECT"}, {"t-border:e4", "t-talks:e3"}),
    ({"type": ["AGREE", "consult"]}, {"t-border:e1", "t-talks:e1"}),
    ({"actor": "SDNREB"}, {"t-border:e3", "t-border:e4"}),
    ({"actor": "rapid support"}, {"t-border:e3", "t-border:e4"}),
    ({"actor": "name:Sudanese army"}, {"t-border:e2"}),
    ({"actor": "COL"}, {"t-talks:e1", "t-talks:e2", "t-talks:e3"}),
    ({"recipient": "COLREB"}, {"t-talks:e1", "t-talks:e2", "t-talks:e3"}),
    ({"actor": "COLGOV", "recipient": "COLREB"}, {"t-talks:e1", "t-talks:e3"}),
    ({"country": "col"}, {"t-talks:e1", "t-talks:e2", "t-talks:e3"}),
    ({"country": "MLI"}, {"t-payload:e1"}),
    # e1 is dated Thursday 16 May, e3 undated (published 17 May); e2 "last week" starts 6 May.
    ({"date_from": "2024-05-13", "date_to": "2024-05-19"}, {"t-talks:e1", "t-talks:e3"}),
    ({"date_to": "2024-03-11"}, {"t-border:e1"}),
    ({"voice": "attributed"}, {"t-border:e1", "t-border:e3", "t-talks:e1", "t-talks:e2"}),
    ({"voice": "narrator"}, {"t-border:e2", "t-border:e4", "t-talks:e3", "t-payload:e1"}),
    ({"modality": "hedged"}, {"t-border:e3"}),
    ({"modality": "asserted"}, MINE - {"t-border:e3"}),
    ({"rule": "reject."}, {"t-border:e4", "t-talks:e3"}),
    ({"rule": "assault.shell"}, {"t-border:e3"}),
    ({"min_confidence": 0.85}, {"t-border:e2"}),
    ({"article_id": "t-talks", "type": "ASSAULT"}, {"t-talks:e2"}),
    ({"actor": "' OR 1=1 --"}, set()),
    ({"rule": "%"}, set()),
]


@pytest.mark.parametrize(("params", "expected"), EVENT_FILTERS)
def test_event_filters(client: TestClient, params: dict[str, Any], expected: set[str]) -> None:
    found = ids(get_all(client, "/api/events", params))
    # The samples add events of their own; of the hand-written ones, exactly these match.
    assert found & MINE == expected


@pytest.mark.parametrize(
    ("params", "field", "allowed"),
    [
        ({"type": "ASSAULT"}, "type", {"ASSAULT"}),
        ({"voice": "narrator"}, "voice_kind", {"narrator"}),
        ({"type": ["AGREE", "REJECT"]}, "type", {"AGREE", "REJECT"}),
    ],
)
def test_every_listed_event_meets_the_filter(
    client: TestClient, params: dict[str, Any], field: str, allowed: set[str]
) -> None:
    items = get_all(client, "/api/events", params)
    assert items and {r[field] for r in items} <= allowed


def test_event_rows_carry_actors_evidence_and_day(client: TestClient) -> None:
    (row,) = get_all(client, "/api/events", {"article_id": "t-talks", "type": "ASSAULT"})
    assert [a["code"] for a in row["actors"]] == ["COLMIL"]
    assert [a["name"] for a in row["recipients"]] == ["National Liberation Army"]
    assert row["trigger_text"] == "attacked"
    assert row["evidence_text"] == server_data.TALKS_TEXT.split("\n")[1]
    assert (row["date_value"], row["day"]) == ("2024-W19", "2024-05-06")
    assert row["speaker"] == "National Liberation Army"
    assert row["modality"] == dict.fromkeys(
        ["negated", "hedged", "future", "hypothetical", "historical"], False
    )


def test_paging_and_sorting(client: TestClient) -> None:
    params = {"article_id": "t-border", "sort": "confidence", "order": "asc", "limit": 2}
    first = client.get("/api/events", params=params).json()
    second = client.get("/api/events", params={**params, "offset": 2}).json()
    assert first["total"] == second["total"] == 4
    assert [r["event_id"] for r in first["items"] + second["items"]] == ["e4", "e1", "e3", "e2"]
    desc = client.get("/api/events", params={**params, "order": "desc", "limit": 4}).json()
    assert [r["event_id"] for r in desc["items"]] == ["e2", "e1", "e3", "e4"]  # ties by id


@pytest.mark.parametrize(
    "params",
    [
        {"sort": "title; DROP TABLE events"},
        {"order": "sideways"},
        {"limit": 0},
        {"limit": 501},
        {"offset": -1},
        {"country": "COLOMBIA"},
        {"modality": "maybe"},
        {"date_from": "last Tuesday"},
    ],
)
def test_invalid_parameters_are_refused(client: TestClient, params: dict[str, Any]) -> None:
    assert client.get("/api/events", params=params).status_code == 422


QUOTE_FILTERS: list[tuple[dict[str, Any], set[str]]] = [
    ({"speaker": "Quintero"}, {"t-talks:q1"}),
    ({"speaker": "TCDGOV"}, {"t-border:q1"}),
    ({"speaker": "foreign minister"}, {"t-border:q1"}),
    ({"about": "road"}, {"t-border:q1"}),
    # "what did Rosa Quintero say about the Colombian government": a mention inside the quote.
    ({"speaker": "Quintero", "about": "COLGOV"}, {"t-talks:q1"}),
    ({"speaker": "Amina Fall", "about": "COLGOV"}, set()),
    ({"q": "DEEDS"}, {"t-talks:q1"}),
    ({"kind": "indirect"}, set()),
    ({"date_from": "2024-05-01"}, {"t-talks:q1", "t-payload:q1"}),
]


@pytest.mark.parametrize(("params", "expected"), QUOTE_FILTERS)
def test_quote_filters(client: TestClient, params: dict[str, Any], expected: set[str]) -> None:
    found = ids(get_all(client, "/api/quotes", params), "quote_id")
    assert {i for i in found if i.startswith("t-")} == expected


def test_quote_rows_name_their_speaker(client: TestClient) -> None:
    (row,) = get_all(client, "/api/quotes", {"article_id": "t-talks"})
    assert (row["speaker_name"], row["speaker_code"], row["cue_text"]) == (
        "Rosa Quintero",
        "COLREB",
        "said",
    )


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"what": "killed", "article_id": "t-border"}, {"t-border:c1"}),
        ({"min_value": 12, "max_value": 12, "article_id": "t-border"}, {"t-border:c1"}),
        ({"min_value": 13, "article_id": "t-border"}, set()),
        ({"hedged": True, "article_id": "t-border"}, {"t-border:c1"}),
        ({"hedged": False, "article_id": "t-border"}, set()),
        ({"voice": "attributed", "article_id": "t-border"}, set()),
    ],
)
def test_claim_filters(client: TestClient, params: dict[str, Any], expected: set[str]) -> None:
    assert ids(get_all(client, "/api/claims", params), "claim_id") == expected


def test_actors_are_one_row_per_code_or_name(client: TestClient) -> None:
    rows = get_all(client, "/api/actors", {"article_id": "t-talks"})
    keys = {r["key"]: r for r in rows}
    assert set(keys) == {"COLGOV", "COLREB", "COLMIL"}
    # Two actors of the article share COLGOV: the government and the defence ministry.
    assert keys["COLGOV"]["names"] == ["Colombian defence ministry", "Colombian government"]
    assert keys["COLGOV"]["mentions"] == 3
    assert keys["COLREB"]["events"] == 3
    payload = get_all(client, "/api/actors", {"article_id": "t-payload", "kind": "group"})
    assert [r["key"] for r in payload] == ["name:" + server_data.XSS_NAME.lower()]


def test_article_list_and_record(client: TestClient) -> None:
    rows = get_all(client, "/api/articles", {"q": "ELN rebels"})
    assert [r["id"] for r in rows] == ["t-talks"]
    assert rows[0]["events"] == 3 and rows[0]["quotes"] == 1
    record = client.get("/api/articles/t-talks").json()
    assert record["schema"] == "newsgraph.analysis/1"
    assert [e["id"] for e in record["events"]] == ["e1", "e2", "e3"]
    assert client.get("/api/articles/no-such-id").status_code == 404
    copies = get_all(client, "/api/articles", {"duplicates": "only"})
    assert copies and all(r["duplicate_of"] for r in copies)


@pytest.mark.parametrize(
    ("interval", "expected"),
    [
        ("month", [("2024-03-01", "ACCUSE", 1), ("2024-03-01", "AGREE", 1),
                   ("2024-03-01", "ASSAULT", 1), ("2024-03-01", "REJECT", 1)]),
        ("day", [("2024-03-11", "AGREE", 1), ("2024-03-12", "ACCUSE", 1),
                 ("2024-03-12", "ASSAULT", 1), ("2024-03-12", "REJECT", 1)]),
        ("week", [("2024-03-11", "ACCUSE", 1), ("2024-03-11", "AGREE", 1),
                  ("2024-03-11", "ASSAULT", 1), ("2024-03-11", "REJECT", 1)]),
    ],
)  # fmt: skip
def test_counts_by_type(
    client: TestClient, interval: str, expected: list[tuple[str, str, int]]
) -> None:
    params = {"article_id": "t-border", "interval": interval}
    rows = client.get("/api/aggregates/types", params=params).json()
    assert [(r["period"], r["type"], r["count"]) for r in rows] == expected


def test_counts_by_dyad_and_score(client: TestClient) -> None:
    rows = client.get("/api/aggregates/dyads", params={"article_id": "t-talks"}).json()
    assert [(r["period"], r["source"], r["target"], r["count"]) for r in rows] == [
        ("2024-05-01", "COLGOV", "COLREB", 2),
        ("2024-05-01", "COLMIL", "COLREB", 1),
    ]
    (point,) = client.get("/api/aggregates/score", params={"article_id": "t-border"}).json()
    assert (point["events"], point["cooperation"], point["conflict"]) == (4, 1, 3)
    assert point["mean_score"] == pytest.approx((2.5 - 3 - 9 - 2) / 4)


def test_dyad_in_both_directions(client: TestClient) -> None:
    params = {"a": "COLGOV", "b": "COLREB", "article_id": "t-talks", "interval": "month"}
    view = client.get("/api/aggregates/dyad", params=params).json()
    assert view["periods"] == ["2024-05-01"]
    assert view["forward"]["counts"] == {"CONSULT": [1], "REJECT": [1]}
    assert view["backward"]["counts"] == {}
    assert view["forward"]["score"] == [pytest.approx(0.25)]
    assert client.get("/api/aggregates/dyad", params={"a": "COLGOV"}).status_code == 422


def test_network_of_one_article(client: TestClient) -> None:
    net = client.get("/api/network", params={"article_id": "t-border"}).json()
    assert {n["id"] for n in net["nodes"]} == {"TCD", "SDN", "SDNMIL", "SDNREB"}
    assert {(e["source"], e["target"], e["type"], e["count"]) for e in net["edges"]} == {
        ("TCD", "SDN", "AGREE", 1),
        ("SDNMIL", "SDNREB", "ACCUSE", 1),
        ("SDNREB", "SDN", "ASSAULT", 1),
        ("SDNREB", "SDNMIL", "REJECT", 1),
    }
    small = client.get("/api/network", params={"article_id": "t-border", "max_nodes": 2}).json()
    assert [n["id"] for n in small["nodes"]] == ["SDNREB", "SDN"]
    assert small["dropped_nodes"] == 2


def test_export_csv_of_a_filtered_list(client: TestClient) -> None:
    r = client.get("/api/export/events", params={"article_id": "t-border", "format": "csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert 'filename="events.csv"' in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert sorted(row["event_id"] for row in rows) == ["e1", "e2", "e3", "e4"]
    shell = next(row for row in rows if row["event_id"] == "e3")
    assert shell["actors"] == "Rapid Support Forces (SDNREB)"


@pytest.mark.parametrize("kind", ["events", "quotes", "claims", "actors", "articles"])
def test_export_json_matches_the_list(client: TestClient, kind: str) -> None:
    params = {"article_id": "t-talks"} if kind != "articles" else {"q": "Caracas"}
    listed = get_all(client, f"/api/{kind}", params)
    exported = client.get(f"/api/export/{kind}", params={**params, "format": "json"}).json()
    assert exported == listed
    lines = client.get(f"/api/export/{kind}", params={**params, "format": "jsonl"}).text
    assert [json.loads(line) for line in lines.splitlines()] == listed


def test_export_parquet_reads_back(client: TestClient, tmp_path: Path) -> None:
    r = client.get("/api/export/claims", params={"article_id": "t-border", "format": "parquet"})
    assert r.status_code == 200 and r.content[:4] == b"PAR1"
    target = tmp_path / "claims.parquet"
    target.write_bytes(r.content)
    found = duckdb.sql(f"SELECT claim_id, value, what FROM '{target}'").fetchall()
    assert found == [("c1", 12.0, "people killed")]


def test_stats(client: TestClient) -> None:
    counts = client.get("/api/stats").json()
    assert counts["quotes"] >= 3 and counts["framing"] >= 3 and counts["articles"] >= 23


def test_openapi_documents_every_list(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for kind in ("articles", "events", "quotes", "claims", "actors"):
        assert f"/api/{kind}" in paths and f"/api/export/{kind}" in paths
    params = {p["name"] for p in paths["/api/events"]["get"]["parameters"]}
    assert {"type", "actor", "recipient", "country", "date_from", "date_to", "voice",
            "modality", "rule", "limit", "offset", "sort", "order"} <= params  # fmt: skip
    assert client.get("/docs").status_code == 404  # its scripts would come from a CDN

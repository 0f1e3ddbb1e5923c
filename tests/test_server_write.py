"""The API's writing half: analysing posted text, HTML, uploads and URLs; storing JSON Lines
batches with an outcome per line; the limits on what may be sent."""

from __future__ import annotations

import json
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

import server_data
from newsgraph.ingest.fetch import MemoryFetcher
from newsgraph.model import Article
from newsgraph.server import create_app

STORY = (
    "<!DOCTYPE html><html><head><title>Ceasefire holds in Kassala</title>"
    '<meta property="article:published_time" content="2024-07-02T08:00:00Z"></head><body>'
    "<article><h1>Ceasefire holds in Kassala</h1>"
    "<p>The ceasefire between the two armed groups held for a third day on Tuesday, local "
    "officials said, as traders reopened the central market.</p>"
    "<p>Elders from both communities met in the town hall and agreed to exchange detainees "
    "before the end of the week.</p></article></body></html>"
)
# Where the fake resolver says each test host lives.
ADDRESSES = {
    "news.example": ["93.184.216.34"],
    "intranet.example": ["10.1.2.3"],
    "sneaky.example": ["93.184.216.34", "127.0.0.1"],
}


def resolve(host: str) -> list[str]:
    return ADDRESSES.get(host, ["198.51.100.7"])


NDJSON = {"content-type": "application/x-ndjson"}


def pages() -> MemoryFetcher:
    return (
        MemoryFetcher()
        .add("https://news.example/story", STORY)
        .add("http://intranet.example/page", STORY)
    )


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    cfg = server_data.config(server_data.database(tmp_path_factory), resolve=resolve, fetcher=pages)
    with TestClient(create_app(cfg)) as c:
        yield c


def analyze(client: TestClient, **body: Any) -> Any:
    return client.post("/api/analyze", json=body)


def test_analyze_plain_text(client: TestClient) -> None:
    text = "Talks resume in Doha\n\nNegotiators from both sides met in Doha on Monday."
    r = analyze(client, text=text, published="2024-04-17")
    assert r.status_code == 200, r.text
    an = r.json()["analysis"]
    assert an["article"]["title"] == "Talks resume in Doha"
    assert [t["value"] for t in an["timexes"]] == ["2024-04-15"]
    assert r.json()["status"] is None


def test_analyze_html(client: TestClient) -> None:
    an = analyze(client, html=STORY).json()["analysis"]
    assert an["article"]["title"] == "Ceasefire holds in Kassala"
    assert an["article"]["published"] == "2024-07-02"


@pytest.mark.parametrize(
    ("body", "status", "words"),
    [
        ({"url": "https://news.example/story"}, 200, ""),
        ({"url": "http://127.0.0.1:8000/api/stats"}, 400, "loopback"),
        ({"url": "http://[::1]/"}, 400, "loopback"),
        ({"url": "http://169.254.169.254/latest/meta-data"}, 400, "link-local"),
        ({"url": "http://intranet.example/page"}, 400, "private"),
        ({"url": "http://sneaky.example/"}, 400, "loopback"),
        ({"url": "file:///etc/passwd"}, 400, "scheme"),
        ({"url": "/etc/passwd"}, 400, "scheme"),
        ({"url": "https://news.example/missing"}, 502, "404"),
        # The spec says it: exactly one of text, html and url, and not blank.
        ({"text": "A title\n\nA body.", "url": "https://news.example/story"}, 422, ""),
        ({"text": "   "}, 422, ""),
        ({}, 422, ""),
    ],
)
def test_analyze_url_and_refusals(
    client: TestClient, body: dict[str, Any], status: int, words: str
) -> None:
    r = analyze(client, **body)
    assert r.status_code == status, r.text
    if words:
        assert words in r.json()["detail"]


def test_private_urls_when_allowed(tmp_path_factory: pytest.TempPathFactory) -> None:
    cfg = server_data.config(
        server_data.database(tmp_path_factory),
        resolve=resolve,
        fetcher=pages,
        allow_private_urls=True,
    )
    with TestClient(create_app(cfg)) as c:
        r = c.post("/api/analyze", json={"url": "http://intranet.example/page"})
    assert r.status_code == 200
    assert r.json()["analysis"]["article"]["url"] == "http://intranet.example/page"


def test_analyze_and_store(client: TestClient) -> None:
    text = "Flood relief reaches Beledweyne\n\nAid agencies delivered food to 4,000 families."
    first = analyze(client, text=text, store=True).json()
    article_id = first["analysis"]["article"]["id"]
    assert first["status"] == "stored"
    assert analyze(client, text=text, store=True).json()["status"] == "skipped"
    stored = client.get(f"/api/articles/{article_id}").json()
    assert stored["article"]["text"] == first["analysis"]["article"]["text"]


@pytest.mark.parametrize(
    ("name", "data", "status"),
    [
        ("story.html", STORY.encode(), 200),
        ("note.txt", b"Market reopens\n\nTraders returned to the market on Friday.", 200),
        ("blob.bin", bytes(range(256)) * 4, 422),
        ("empty.txt", b"", 422),
    ],
)
def test_upload(client: TestClient, name: str, data: bytes, status: int) -> None:
    r = client.post("/api/analyze/upload", files={"file": (name, data)})
    assert r.status_code == status, r.text


def ndjson(*records: Any) -> bytes:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records).encode()


def post_batch(client: TestClient, body: bytes) -> Any:
    return client.post("/api/ingest", content=body, headers=NDJSON)


def test_ingest_reports_each_line(client: TestClient) -> None:
    article = Article(
        id="batch-1",
        title="Road reopens",
        published="2024-08-01",
        text="The road between the two towns reopened on Thursday after a week of talks.",
    )
    body = ndjson(
        {"article": article.model_dump(mode="json")},
        {"id": "batch-2", "text": "Port strike ends\n\nDock workers returned on Monday."},
        "{not json",
        {"id": "batch-3"},
        {"article": {**article.model_dump(mode="json"), "id": "batch-4", "published": "soon"}},
        {"article": {"id": "batch-5", "text": 5}},
        "",
    )
    r = post_batch(client, body)
    assert r.status_code == 200, r.text
    report = r.json()
    statuses = [(x["line"], x["id"], x["status"]) for x in report["results"]]
    assert statuses == [
        (1, "batch-1", "stored"),
        (2, "batch-2", "stored"),
        (3, None, "failed"),
        (4, None, "failed"),
        (5, None, "failed"),
        (6, None, "failed"),
    ]
    errors = [x["error"] for x in report["results"][2:]]
    assert "invalid JSON" in errors[0] and '"text" or an "html"' in errors[1]
    assert "no ISO date" in errors[2] and "text" in errors[3]
    assert (report["stored"], report["failed"], report["skipped"]) == (2, 4, 0)
    again = post_batch(client, ndjson({"article": article.model_dump(mode="json")})).json()
    assert again["results"][0]["status"] == "skipped"


def test_ingest_links_near_copies(client: TestClient) -> None:
    text = (
        "Relief convoy reaches the besieged town\n\n"
        "A convoy of forty trucks carrying flour, medicine and fuel reached the besieged town "
        "on Sunday after weeks of negotiations between the warring parties and aid agencies, "
        "officials from the relief agency said in a statement issued late in the evening."
    )
    first = post_batch(client, ndjson({"id": "orig-1", "text": text})).json()
    copy = post_batch(client, ndjson({"id": "copy-1", "text": text + " Reuters"})).json()
    assert first["results"][0]["status"] == "stored"
    assert copy["results"][0]["status"] == "duplicate"
    assert copy["results"][0]["duplicate_of"] == "orig-1"
    assert copy["duplicates"] == 1


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b"\xff\xfe\x00bad", 400),
        (b'{"id": "x", "text": "t"}\n' * 1001, 413),
    ],
)
def test_ingest_refuses_whole_bodies(client: TestClient, body: bytes, status: int) -> None:
    assert post_batch(client, body).status_code == status


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    cfg = server_data.config(server_data.database(tmp_path_factory), max_upload_bytes=2_000)
    with TestClient(create_app(cfg)) as c:
        yield c


def test_body_limit_declared(small: TestClient) -> None:
    big = ndjson({"id": "big", "text": "word " * 1000})
    r = post_batch(small, big)
    assert r.status_code == 413 and "2,000 bytes" in r.json()["detail"]
    assert small.post("/api/analyze", json={"text": "x " * 2000}).status_code == 413


def test_body_limit_streamed(small: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(10):
            yield b'{"id": "s", "text": "' + b"w" * 500 + b'"}\n'

    r = small.post("/api/ingest", content=chunks(), headers=NDJSON)
    assert r.status_code == 413


def test_upload_limit(small: TestClient) -> None:
    r = small.post("/api/analyze/upload", files={"file": ("big.txt", b"word " * 1000)})
    assert r.status_code == 413


def test_reads_go_on_while_batches_are_stored(tmp_path_factory: pytest.TempPathFactory) -> None:
    cfg = server_data.config(server_data.database(tmp_path_factory))
    with server_data.live_server(cfg) as url:
        before = httpx.get(url + "/api/stats").json()["articles"]

        def write(n: int) -> int:
            lines = [
                {"id": f"conc-{n}-{i}", "text": f"Report {n} {i}\n\nTalks on item {i} of {n}."}
                for i in range(5)
            ]
            r = httpx.post(url + "/api/ingest", content=ndjson(*lines), headers=NDJSON, timeout=60)
            return int(r.json()["stored"])

        def read(n: int) -> int:
            path = ("/api/events", "/api/actors", "/api/aggregates/types", "/api/network")[n % 4]
            return httpx.get(url + path, params={"limit": 20}, timeout=60).status_code

        with ThreadPoolExecutor(max_workers=8) as pool:
            writes = pool.map(write, range(6))
            reads = pool.map(read, range(40))
            assert list(reads) == [200] * 40
            assert list(writes) == [5] * 6
        assert httpx.get(url + "/api/stats").json()["articles"] == before + 30

"""``newsgraph ingest --server URL``: read the inputs here, send the articles to a running
server in JSON Lines batches, and report what the server did with each."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

import httpx
from tqdm import tqdm

from newsgraph.ingest.errors import IngestError
from newsgraph.ingest.sources import IngestOptions, iter_articles
from newsgraph.model import Article
from newsgraph.runner import Report
from newsgraph.server.config import MAX_INGEST_LINES

NDJSON = "application/x-ndjson"
# Analysing a batch takes the server a while: wait for it, but not for ever.
TIMEOUT = httpx.Timeout(600.0, connect=10.0)


class ServerUnavailable(Exception):
    """The server cannot be reached or refused a whole batch; ``str()`` says which and why."""


def _detail(response: httpx.Response) -> str:
    try:
        detail = response.json().get("detail")
    except (ValueError, AttributeError):
        detail = None
    return str(detail) if detail else response.text[:200]


class _Sender:
    """Sends batches to one server and tallies the answers into ``report``."""

    def __init__(
        self, http: httpx.Client, server: str, on_error: Callable[[IngestError], None] | None
    ) -> None:
        self.http = http
        self.endpoint = server.rstrip("/") + "/api/ingest"
        self.on_error = on_error
        self.report = Report()

    def fail(self, error: IngestError) -> None:
        self.report.failed.append(str(error))
        if self.on_error:
            self.on_error(error)

    def send(self, batch: list[Article]) -> None:
        body = "".join(
            json.dumps({"article": a.model_dump(mode="json")}, ensure_ascii=False) + "\n"
            for a in batch
        )
        try:
            response = self.http.post(
                self.endpoint, content=body.encode("utf-8"), headers={"content-type": NDJSON}
            )
        except httpx.HTTPError as exc:
            raise ServerUnavailable(f"{self.endpoint}: cannot reach the server ({exc})") from None
        if response.status_code != 200:
            raise ServerUnavailable(
                f"{self.endpoint}: HTTP {response.status_code}: {_detail(response)}"
            )
        for result in response.json()["results"]:
            article = batch[int(result["line"]) - 1]
            status = result["status"]
            if status == "failed":
                self.fail(IngestError(article.url or article.id, str(result["error"])))
            elif status == "skipped":
                self.report.skipped += 1
            else:
                self.report.stored += 1
                self.report.duplicates += status == "duplicate"


def ingest_via_server(
    specs: Sequence[str],
    server: str,
    options: IngestOptions | None = None,
    on_error: Callable[[IngestError], None] | None = None,
    progress: bool | None = None,
    batch_size: int = 50,
    http: httpx.Client | None = None,
) -> Report:
    """Read every input and send its articles to ``server``; raises ``ServerUnavailable`` when
    the server cannot take a batch (batches sent before it stay stored)."""
    client = http or httpx.Client(timeout=TIMEOUT, trust_env=False)
    sender = _Sender(client, server, on_error)
    size = max(1, min(batch_size, MAX_INGEST_LINES))
    batch: list[Article] = []
    bar = tqdm(
        iter_articles(specs, options),
        unit=" articles",
        disable=None if progress is None else not progress,
        leave=False,
    )
    try:
        for item in bar:
            if isinstance(item, IngestError):
                sender.fail(item)
                continue
            batch.append(item)
            if len(batch) >= size:
                sender.send(batch)
                batch = []
        if batch:
            sender.send(batch)
    finally:
        bar.close()
        if http is None:
            client.close()
    return sender.report

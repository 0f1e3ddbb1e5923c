"""JSON Lines records ``{"id", "text" | "html", "url"?, "published"?, "title"?}`` to Articles."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from newsgraph.ingest.errors import IngestError
from newsgraph.ingest.html import article_from_html
from newsgraph.ingest.text import article_from_text
from newsgraph.model import Article


def article_from_record(record: object, source: str, published: str | None = None) -> Article:
    """One JSON record to an Article; raises IngestError naming ``source`` when it is malformed."""
    if not isinstance(record, dict):
        raise IngestError(source, "a JSON object is expected on each line")
    rid = record.get("id")
    if rid is not None and not isinstance(rid, str | int):
        raise IngestError(source, '"id" must be a string or a number')
    article_id = str(rid) if rid is not None else None
    url = record.get("url") if isinstance(record.get("url"), str) else None
    date = record.get("published") if isinstance(record.get("published"), str) else published
    if isinstance(record.get("html"), str):
        return article_from_html(
            record["html"], source=source, url=url, published=date, article_id=article_id
        )
    text = record.get("text")
    if not isinstance(text, str):
        raise IngestError(source, 'a record needs a "text" or an "html" string')
    title = record.get("title") if isinstance(record.get("title"), str) else None
    return article_from_text(
        text, source=source, url=url, published=date, article_id=article_id, title=title
    )


def iter_jsonl(
    stream: IO[bytes], name: str, published: str | None = None
) -> Iterator[Article | IngestError]:
    """Articles of each line of ``stream``, in order; an IngestError for each bad line."""
    for lineno, raw in enumerate(stream, start=1):
        source = f"{name}:{lineno}"
        if not raw.strip():
            continue
        try:
            record = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError:
            yield IngestError(source, "undecodable bytes (JSON Lines must be UTF-8)")
            continue
        except json.JSONDecodeError as exc:
            yield IngestError(source, f"invalid JSON ({exc.msg} at column {exc.colno})")
            continue
        try:
            yield article_from_record(record, source, published)
        except IngestError as exc:
            yield exc


def iter_jsonl_file(path: Path, published: str | None = None) -> Iterator[Article | IngestError]:
    with open(path, "rb") as f:
        yield from iter_jsonl(f, str(path), published)

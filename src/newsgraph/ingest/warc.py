"""WARC and WARC.gz: HTML response records to Articles (FastWARC), and a small WARC writer."""

from __future__ import annotations

import gzip
import uuid
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from fastwarc.warc import ArchiveIterator, WarcRecordType

from newsgraph.ingest.errors import IngestError
from newsgraph.ingest.html import article_from_html
from newsgraph.model import Article

_HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True)
class WarcPage:
    """One page to write as a WARC response record."""

    url: str
    html: bytes
    date: datetime | None = None
    content_type: str = "text/html; charset=utf-8"


def _record(page: WarcPage) -> bytes:
    body = b"HTTP/1.1 200 OK\r\nContent-Type: " + page.content_type.encode("ascii")
    body += b"\r\nContent-Length: " + str(len(page.html)).encode() + b"\r\n\r\n" + page.html
    when = (page.date or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
    # Ids derived from the URL and date, so that the same pages make the same archive.
    record_id = uuid.uuid5(uuid.NAMESPACE_URL, f"{page.url} {when}")
    head = (
        "WARC/1.0\r\n"
        "WARC-Type: response\r\n"
        f"WARC-Record-ID: <urn:uuid:{record_id}>\r\n"
        f"WARC-Date: {when}\r\n"
        f"WARC-Target-URI: {page.url}\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    return head.encode("utf-8") + body + b"\r\n\r\n"


def write_warc(path: Path, pages: Iterable[WarcPage]) -> int:
    """Write ``pages`` as response records (one gzip member each for ``.gz``); returns the count."""
    n = 0
    with open(path, "wb") as out:
        for page in pages:
            data = _record(page)
            out.write(gzip.compress(data) if path.suffix == ".gz" else data)
            n += 1
    return n


def _gzip_truncated(path: Path) -> bool:
    """True when the last gzip member of ``path`` ends early (a copy or download cut short)."""
    try:
        with gzip.open(path, "rb") as g:
            while g.read(1 << 20):
                pass
    except EOFError:
        return True
    except (OSError, zlib.error):
        return True
    return False


def _check_warc(path: Path) -> None:
    try:
        with open(path, "rb") as f:
            head = f.read(64)
    except OSError as exc:
        raise IngestError(str(path), f"cannot read ({exc.strerror})") from exc
    if not head:
        raise IngestError(str(path), "empty input")
    if head[:2] == b"\x1f\x8b":
        try:
            with gzip.open(path, "rb") as g:
                head = g.read(8)
        except (OSError, EOFError) as exc:
            raise IngestError(str(path), "not a WARC file (broken gzip)") from exc
    if not head.startswith(b"WARC/"):
        raise IngestError(str(path), "not a WARC file (no WARC/1.x header)")


def iter_warc(path: Path, *, published: str | None = None) -> Iterator[Article | IngestError]:
    """Articles of the HTML response records in ``path``; an IngestError for each bad record."""
    try:
        _check_warc(path)
    except IngestError as exc:
        yield exc
        return
    seen = 0
    try:
        records = ArchiveIterator(
            str(path), record_types=WarcRecordType.response, parse_http=True, fsspec_args=False
        )
        for record in records:
            seen += 1
            uri = str(record.headers.get("WARC-Target-URI") or f"record {seen}")
            source = f"{path}#{uri}"
            ctype = (record.http_content_type or "").lower()
            if not ctype.startswith(_HTML_TYPES):
                continue
            status = record.http_headers.status_code if record.http_headers else 200
            if status != 200:
                yield IngestError(source, f"HTTP status {status}, skipped")
                continue
            body = record.reader.read()
            if len(body) < record.content_length:
                yield IngestError(
                    source, f"truncated record ({len(body)} of {record.content_length} bytes)"
                )
                continue
            crawled = _warc_date(record.headers.get("WARC-Date"))
            try:
                article = article_from_html(
                    body, source=source, url=uri, published=published, fallback_published=crawled
                )
            except IngestError as exc:
                yield exc
                continue
            yield article
    except (OSError, ValueError) as exc:
        yield IngestError(str(path), f"malformed WARC after {seen} records ({exc})")
        return
    if path.suffix == ".gz" and _gzip_truncated(path):
        yield IngestError(
            str(path), f"truncated gzip: the archive ends mid-record after {seen} complete records"
        )


def _warc_date(value: str | None) -> str | None:
    """The crawl date: a fallback publication date when the page itself has none."""
    return value[:10] if value and len(value) >= 10 else None

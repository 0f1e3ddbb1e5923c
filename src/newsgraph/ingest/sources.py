"""Inputs to Articles: paths, directories, globs, URLs, feeds and standard input, by format.

Every input yields Articles or IngestErrors, never raises: a bad input is one line naming it,
and the run goes on with the next.
"""

from __future__ import annotations

import glob
import gzip
import io
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from newsgraph.ingest.decode import DEFAULT_MAX_BYTES, check_size, decode
from newsgraph.ingest.errors import IngestError
from newsgraph.ingest.html import article_from_html
from newsgraph.ingest.jsonl import iter_jsonl
from newsgraph.ingest.text import article_from_text
from newsgraph.ingest.warc import iter_warc
from newsgraph.model import Article

if TYPE_CHECKING:
    from newsgraph.ingest.fetch import Fetcher, HttpFetcher

InputFormat = Literal["auto", "text", "html", "jsonl", "warc", "feed"]
FORMATS: tuple[str, ...] = ("auto", "text", "html", "jsonl", "warc", "feed")

# The suffixes a directory walk picks up; an explicitly named file of any suffix is sniffed.
_SUFFIX_FORMAT: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".warc": "warc",
    ".rss": "feed",
    ".atom": "feed",
}


@dataclass(frozen=True)
class IngestOptions:
    """How inputs are read: their format, a publication date to assume, and size limits."""

    input_format: InputFormat = "auto"
    published: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    fetch_timeout: float = 10.0
    fetch_retries: int = 2


def format_of(path: Path) -> str | None:
    name = path.name.lower()
    if name.endswith((".warc.gz", ".arc.gz")):
        return "warc"
    if name.endswith((".jsonl.gz", ".ndjson.gz")):
        return "jsonl"
    return _SUFFIX_FORMAT.get(path.suffix.lower())


def sniff(data: bytes) -> str:
    """The format of content whose name says nothing."""
    head = data[:2048].lstrip().lower()
    if head.startswith(b"warc/"):
        return "warc"
    if head.startswith(b"{"):
        return "jsonl"
    if head.startswith(b"<") and (b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head):
        return "feed"
    if head.startswith(b"<") and (
        b"<html" in head
        or b"<!doctype" in head
        or b"<body" in head
        or b"<p" in head
        or b"<article" in head
    ):
        return "html"
    return "text"


def expand(specs: Sequence[str]) -> Iterator[str | IngestError]:
    """Each input spec as paths and URLs: directories walked, globs expanded, order kept."""
    for spec in specs:
        if spec == "-" or spec.startswith(("http://", "https://")):
            yield spec
            continue
        if any(ch in spec for ch in "*?["):
            matches = sorted(glob.glob(spec, recursive=True))
            if not matches:
                yield IngestError(spec, "no file matches this pattern")
            yield from (m for m in matches if Path(m).is_file())
            continue
        path = Path(spec)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and format_of(p)
                and not any(part.startswith(".") for part in p.parts)
            )
            if not found:
                yield IngestError(spec, "no article files in this directory")
            yield from (str(p) for p in found)
        elif path.exists():
            yield spec
        elif "://" in spec:
            yield IngestError(spec, "unsupported URL scheme (http and https only)")
        else:
            yield IngestError(spec, "no such file or directory")


def iter_articles(
    specs: Sequence[str], options: IngestOptions | None = None, fetcher: Fetcher | None = None
) -> Iterator[Article | IngestError]:
    """Articles of every input in order; an IngestError for each input or record that fails."""
    options = options or IngestOptions()
    for item in expand(specs):
        if isinstance(item, IngestError):
            yield item
        elif item.startswith(("http://", "https://")):
            yield from _from_url(item, options, fetcher)
        else:
            yield from _from_path(item, options)


def _read(spec: str, options: IngestOptions) -> bytes:
    if spec == "-":
        data = sys.stdin.buffer.read(options.max_bytes + 1)
    else:
        path = Path(spec)
        try:
            check_size(spec, path.stat().st_size, options.max_bytes)
            data = path.read_bytes()
        except OSError as exc:
            raise IngestError(spec, f"cannot read ({exc.strerror or exc})") from exc
    if spec.endswith(".gz") and not spec.endswith(".warc.gz"):
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as exc:
            raise IngestError(spec, "broken gzip data") from exc
    check_size(spec, len(data), options.max_bytes)
    return data


def _from_path(spec: str, options: IngestOptions) -> Iterator[Article | IngestError]:
    fmt: str = options.input_format
    if fmt == "auto":
        fmt = format_of(Path(spec)) or ""
    if fmt == "warc" and spec != "-":
        yield from iter_warc(Path(spec), published=options.published)
        return
    try:
        data = _read(spec, options)
        fmt = fmt or sniff(data)
        if fmt == "jsonl":
            yield from iter_jsonl(io.BytesIO(data), spec, options.published)
        elif fmt == "feed":
            yield from _feed(spec, data, options)
        elif fmt == "html":
            yield article_from_html(data, source=spec, published=options.published)
        elif fmt == "warc":
            yield IngestError(spec, "WARC cannot be read from standard input; name the file")
        else:
            text = decode(data, spec)
            yield article_from_text(text, source=spec, published=options.published)
    except IngestError as exc:
        yield exc


def _feed(spec: str, data: bytes, options: IngestOptions) -> Iterator[Article | IngestError]:
    from newsgraph.ingest.feed import iter_feed_entries_from_bytes

    with _fetcher(options) as fetcher:
        yield from iter_feed_entries_from_bytes(data, spec, fetcher)


def _fetcher(options: IngestOptions) -> HttpFetcher:
    from newsgraph.ingest.fetch import FetchOptions, HttpFetcher

    return HttpFetcher(
        FetchOptions(
            timeout=options.fetch_timeout,
            retries=options.fetch_retries,
            max_bytes=options.max_bytes,
        )
    )


def _from_url(
    url: str, options: IngestOptions, fetcher: Fetcher | None
) -> Iterator[Article | IngestError]:
    from newsgraph.ingest.feed import iter_feed_entries_from_bytes
    from newsgraph.ingest.fetch import decode_body

    own = fetcher is None
    active = fetcher or _fetcher(options)
    try:
        page = active.fetch(url)
        kind: str = options.input_format
        if kind == "auto":
            ctype = page.content_type.lower()
            kind = "feed" if ("rss" in ctype or "atom" in ctype) else sniff(page.body)
        if kind == "feed":
            yield from iter_feed_entries_from_bytes(page.body, url, active)
        elif kind == "text":
            yield article_from_text(
                decode_body(page), source=url, url=page.url, published=options.published
            )
        else:
            yield article_from_html(
                decode_body(page), source=url, url=page.url, published=options.published
            )
    except IngestError as exc:
        yield exc
    finally:
        if own:
            active.close()

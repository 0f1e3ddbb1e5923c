"""RSS 2.0 and Atom feeds to articles: parse the feed, fetch each entry's page, extract it.

The feed itself must be usable (readable, a feed, with entries) or ``IngestError`` is raised at
once. After that each entry stands alone: a page that fails becomes an ``IngestError`` for that
entry and the iteration goes on with the next one.
"""

from __future__ import annotations

import html
import io
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urljoin

import feedparser

from newsgraph.ingest.decode import DEFAULT_MAX_BYTES, check_size
from newsgraph.ingest.errors import IngestError
from newsgraph.ingest.fetch import Fetcher, decode_body
from newsgraph.model import Article

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")
_MARKUP_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True)
class FeedEntry:
    """One feed item: its page URL, title, ISO publication date, plain-text summary and id."""

    url: str
    title: str
    published: str | None
    summary: str
    id: str


class ArticleMaker(Protocol):
    """The shape of ``newsgraph.ingest.html.article_from_html``."""

    def __call__(
        self,
        html: str | bytes,
        *,
        source: str,
        url: str | None = None,
        published: str | None = None,
        article_id: str | None = None,
        fallback_published: str | None = None,
    ) -> Article: ...


def parse_feed(data: bytes | str, *, source: str, base_url: str | None = None) -> list[FeedEntry]:
    """The entries of an RSS or Atom feed; raises ``IngestError(source, ...)`` if there are none.

    Recoverable XML errors (a stray ``&``) are tolerated when entries still come out; relative
    links are resolved against ``base_url``.
    """
    # A stream, never a str: feedparser would treat a str as a URL to fetch or a file to open.
    if isinstance(data, str):
        parsed = feedparser.parse(
            io.BytesIO(data.encode("utf-8")),
            response_headers={"content-type": "application/xml; charset=utf-8"},
        )
    else:
        parsed = feedparser.parse(io.BytesIO(data))
    if not parsed.entries:
        raise IngestError(source, _empty_feed_problem(parsed))
    return [_entry(raw, i, source, base_url) for i, raw in enumerate(parsed.entries, 1)]


def iter_feed_articles(
    feed_url_or_path: str,
    fetcher: Fetcher,
    *,
    on_error: Callable[[IngestError], None] | None = None,
    to_article: ArticleMaker | None = None,
) -> Iterator[Article | IngestError]:
    """Articles from the pages a feed (a URL, fetched, or a local file path) links to.

    Raises ``IngestError`` at once when the feed itself is unusable. A failing entry yields its
    ``IngestError``, or is passed to ``on_error`` instead when that is given.
    ``to_article`` defaults to ``newsgraph.ingest.html.article_from_html``.
    """
    data, base = _load_feed(feed_url_or_path, fetcher)
    return iter_feed_entries_from_bytes(
        data, feed_url_or_path, fetcher, base_url=base, on_error=on_error, to_article=to_article
    )


def iter_feed_entries_from_bytes(
    data: bytes,
    source: str,
    fetcher: Fetcher,
    *,
    base_url: str | None = None,
    on_error: Callable[[IngestError], None] | None = None,
    to_article: ArticleMaker | None = None,
) -> Iterator[Article | IngestError]:
    """As ``iter_feed_articles`` for a feed already in memory; ``source`` names it in errors.

    Relative links resolve against ``base_url``, else against ``source`` when it is a URL.
    """
    if base_url is None and _URL.match(source):
        base_url = source
    entries = parse_feed(data, source=source, base_url=base_url)
    make = to_article if to_article is not None else _default_maker()
    return _articles(entries, fetcher, make, on_error)


def _articles(
    entries: list[FeedEntry],
    fetcher: Fetcher,
    make: ArticleMaker,
    on_error: Callable[[IngestError], None] | None,
) -> Iterator[Article | IngestError]:
    for entry in entries:
        result: Article | IngestError
        try:
            result = entry_article(entry, fetcher, make)
        except IngestError as err:
            if on_error is not None:
                on_error(err)
                continue
            result = err
        yield result


def entry_article(entry: FeedEntry, fetcher: Fetcher, make: ArticleMaker) -> Article:
    """Fetch one entry's page and extract it; the feed's date and title fill what the page lacks."""
    if not entry.url:
        raise IngestError(entry.id, "feed entry has no link")
    fetched = fetcher.fetch(entry.url)
    article = make(
        decode_body(fetched),
        source=entry.url,
        url=entry.url,
        article_id=entry.id,
        fallback_published=entry.published,
    )
    if not article.title and entry.title:
        article = article.model_copy(update={"title": entry.title})
    return article


def _default_maker() -> ArticleMaker:
    from newsgraph.ingest.html import article_from_html

    return article_from_html


def _load_feed(feed: str, fetcher: Fetcher) -> tuple[bytes, str | None]:
    """The feed's bytes and the base URL for its relative links (None for a local file)."""
    if _URL.match(feed):
        fetched = fetcher.fetch(feed)
        return fetched.body, fetched.url
    path = Path(feed)
    try:
        check_size(feed, path.stat().st_size, DEFAULT_MAX_BYTES)
        return path.read_bytes(), None
    except OSError as exc:
        reason = (exc.strerror or type(exc).__name__).lower()
        raise IngestError(feed, f"cannot read feed file ({reason})") from None


def _empty_feed_problem(parsed: Any) -> str:
    """Why a parse gave no entries: not a feed, a broken feed, or an empty one."""
    error = parsed.get("bozo_exception") if parsed.get("bozo") else None
    detail = f": {_xml_error(error)}" if error is not None else ""
    if not parsed.get("version"):
        return f"not a valid RSS or Atom feed{detail}" if detail else "not an RSS or Atom feed"
    return f"malformed feed{detail}" if detail else "feed has no entries"


def _xml_error(error: BaseException) -> str:
    # No line number: feedparser may prepend an XML declaration, which shifts them.
    message = getattr(error, "getMessage", None)
    if callable(message):
        return f"XML {message()}"
    return str(error) or type(error).__name__


def _entry(raw: Any, index: int, source: str, base_url: str | None) -> FeedEntry:
    link = str(raw.get("link") or "")
    ident = str(raw.get("id") or "")
    if raw.get("guidislink") and not _URL.match(link):
        # RSS reads a bare <guid> as a permalink by default, but many are opaque ids.
        link = ""
    if not link and _URL.match(ident):
        link = ident
    if link and base_url:
        link = urljoin(base_url, link)
    return FeedEntry(
        url=link,
        title=_plain(raw, "title"),
        published=_entry_date(raw),
        summary=_plain(raw, "summary"),
        id=ident or link or f"{source}#{index}",
    )


def _entry_date(raw: Any) -> str | None:
    """The entry's date as written (its own time zone, not UTC), as an ISO date."""
    for key in ("published", "updated", "created"):
        text = raw.get(key)
        if text and (day := _parse_date(str(text))) is not None:
            return day.isoformat()
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = raw.get(key)
        if isinstance(parsed, time.struct_time):
            return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday).isoformat()
    return None


def _parse_date(text: str) -> date | None:
    """RFC 822 (RSS) or ISO 8601 (Atom) date-time text to its calendar date."""
    text = text.strip()
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        return None


def _plain(raw: Any, key: str) -> str:
    """An entry's text field as one line of plain text, its markup removed when it is HTML."""
    value = str(raw.get(key) or "")
    kind = (raw.get(f"{key}_detail") or {}).get("type", "")
    if kind in _MARKUP_TYPES:
        value = html.unescape(_TAG.sub(" ", value))
    return _SPACE.sub(" ", value).strip()

"""Articles sent to the server, analysed: posted text or HTML, an uploaded file, a URL the
server fetches (within ``security``'s limits), or a JSON Lines batch to store."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from pydantic import ValidationError

from newsgraph.ingest.decode import decode
from newsgraph.ingest.errors import IngestError
from newsgraph.ingest.fetch import Fetcher, FetchOptions, decode_body
from newsgraph.ingest.html import article_from_html
from newsgraph.ingest.jsonl import article_from_record
from newsgraph.ingest.sources import sniff
from newsgraph.ingest.text import article_from_text
from newsgraph.model import Analysis, Article
from newsgraph.pipeline import analyze_article
from newsgraph.server.config import ServerConfig
from newsgraph.server.security import GuardedFetcher, UrlRefused, guard_url
from newsgraph.server.state import Outcome, ServerState

_FEED_TYPES = ("rss", "atom")


class Refused(Exception):
    """An input the server will not analyse; ``status`` is the HTTP status to answer with."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail


def _iso(published: date | None) -> str | None:
    return published.isoformat() if published else None


def article_from_input(
    config: ServerConfig,
    *,
    text: str | None = None,
    html: str | None = None,
    url: str | None = None,
    title: str | None = None,
    published: date | None = None,
) -> Article:
    """The article of exactly one of ``text``, ``html`` and ``url``; raises ``Refused``."""
    given = [name for name, v in (("text", text), ("html", html), ("url", url)) if v]
    if len(given) != 1:
        raise Refused(400, "give exactly one of text, html and url (non-empty)")
    try:
        if text:
            return article_from_text(
                text, source="<posted text>", published=_iso(published), title=title or None
            )
        if html:
            return article_from_html(html, source="<posted html>", published=_iso(published))
        return fetch_article(config, str(url), published)
    except UrlRefused as exc:
        raise Refused(400, str(exc)) from None
    except IngestError as exc:
        raise Refused(422, str(exc)) from None


def article_from_upload(data: bytes, filename: str, published: date | None) -> Article:
    """The article of an uploaded text or HTML file; raises ``Refused``."""
    name = filename or "<upload>"
    html = sniff(data) == "html"
    try:
        content = decode(data, name, html=html)
        if html:
            return article_from_html(content, source=name, published=_iso(published))
        return article_from_text(content, source=name, published=_iso(published))
    except IngestError as exc:
        raise Refused(422, str(exc)) from None


def _fetcher(config: ServerConfig) -> Fetcher:
    if config.fetcher is not None:
        return config.fetcher()
    options = FetchOptions(
        timeout=config.fetch_timeout, retries=1, max_bytes=config.max_upload_bytes
    )
    return GuardedFetcher(options, allow_private=config.allow_private_urls, resolve=config.resolve)


def fetch_article(config: ServerConfig, url: str, published: date | None) -> Article:
    """Fetch one page and read its article; feeds are refused (ingest them instead)."""
    guard_url(url, allow_private=config.allow_private_urls, resolve=config.resolve)
    fetcher = _fetcher(config)
    try:
        page = fetcher.fetch(url)
    except UrlRefused:
        raise
    except IngestError as exc:
        raise Refused(502, str(exc)) from None
    finally:
        fetcher.close()
    if any(kind in page.content_type.lower() for kind in _FEED_TYPES):
        raise Refused(422, f"{url}: a feed, not an article (use newsgraph ingest for feeds)")
    text = decode_body(page)
    if sniff(page.body) == "html":
        return article_from_html(text, source=url, url=page.url, published=_iso(published))
    return article_from_text(text, source=url, url=page.url, published=_iso(published))


def analyze(article: Article) -> Analysis:
    """Every stage over ``article``; raises ``Refused`` (500) naming the stage's failure."""
    try:
        return analyze_article(article)
    except Exception as exc:  # a stage's bug is the server's error, told in one line
        raise Refused(500, f"analysis failed ({type(exc).__name__}: {exc})") from None


@dataclass
class Line:
    """One line of an ingest batch and what became of it."""

    number: int
    outcome: Outcome


def _article_of_line(raw: str, number: int) -> Article:
    """``{"article": {...}}`` (an Article as a client read it) or an input record
    ``{"id", "text" | "html", "url"?, "published"?, "title"?}``; raises ``IngestError``."""
    source = f"line {number}"
    try:
        record = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise IngestError(source, f"invalid JSON ({exc.msg} at column {exc.colno})") from None
    if isinstance(record, dict) and "article" in record:
        try:
            article = Article.model_validate(record["article"])
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "article"
            raise IngestError(source, f"not an article ({where}: {first['msg']})") from None
        if not article.text.strip():
            raise IngestError(source, "empty article text")
    else:
        article = article_from_record(record, source)
    if article.published:
        try:
            date.fromisoformat(article.published[:10])
        except ValueError:
            raise IngestError(source, f"published {article.published!r} is no ISO date") from None
    return article


def ingest_lines(state: ServerState, body: str) -> list[Line]:
    """Analyse and store each non-empty line of a JSON Lines batch; one ``Line`` per line."""
    done: list[Line] = []
    pending: list[tuple[int, Analysis]] = []
    for number, raw in enumerate(body.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            article = _article_of_line(raw, number)
        except IngestError as exc:
            done.append(Line(number, Outcome(None, "failed", exc.problem)))
            continue
        try:
            pending.append((number, analyze(article)))
        except Refused as exc:
            done.append(Line(number, Outcome(article.id, "failed", exc.detail)))
    outcomes = state.save([an for _, an in pending]) if pending else []
    done.extend(Line(n, o) for (n, _), o in zip(pending, outcomes, strict=True))
    return sorted(done, key=lambda line: line.number)

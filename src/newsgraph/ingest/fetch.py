"""URLs to bytes: a narrow ``Fetcher`` interface, its httpx implementation and an in-memory twin.

Every failure is an ``IngestError`` whose one line names the URL and the problem
(``https://host/path: HTTP 404 Not Found``); nothing here lets an httpx traceback escape.
"""

from __future__ import annotations

import codecs
import re
import socket
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email.message import Message
from email.utils import parsedate_to_datetime
from types import TracebackType
from typing import Protocol
from urllib.parse import urlsplit

import httpx

from newsgraph.ingest.decode import decode
from newsgraph.ingest.errors import IngestError

DEFAULT_ACCEPT_TYPES = (
    "text/html",
    "application/xhtml+xml",
    "text/plain",
    "application/rss+xml",
    "application/x-rss+xml",
    "application/rdf+xml",
    "application/atom+xml",
    "application/xml",
    "text/xml",
)
_SCHEMES = ("http", "https")
_HTML_TYPES = ("text/html", "application/xhtml+xml")
# WHATWG: browsers read these labels as windows-1252, and news sites rely on that.
_AS_WINDOWS_1252 = {"latin-1", "iso8859-1", "ascii"}
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_ERRNO = re.compile(r"^\[Errno -?\d+\]\s*")


@dataclass(frozen=True)
class FetchOptions:
    """How patient and how permissive one fetch is."""

    timeout: float = 10.0
    retries: int = 2
    backoff: float = 0.5
    max_bytes: int = 10_000_000
    user_agent: str = "newsgraph/0.1 (+https://example.invalid/newsgraph)"
    accept_types: tuple[str, ...] = DEFAULT_ACCEPT_TYPES
    max_redirects: int = 10
    # A Retry-After longer than this is not waited for: the fetch gives up at once instead.
    max_retry_after: float = 5.0
    # Bound on one whole attempt: a body trickling in below the read timeout still ends here.
    deadline: float = 60.0
    # Read HTTP(S)_PROXY, NO_PROXY and certificate settings from the environment.
    trust_env: bool = True


@dataclass(frozen=True)
class Fetched:
    """A successful response: final URL after redirects, status, media type, raw body, charset."""

    url: str
    status: int
    content_type: str
    body: bytes
    encoding: str | None = None


class Fetcher(Protocol):
    def fetch(self, url: str) -> Fetched:
        """The body at ``url``; raises ``IngestError(url, reason)`` when there is none."""
        ...

    def close(self) -> None:
        """Release the connections the fetcher holds."""
        ...


class _Retry(Exception):
    """A failure worth another attempt: a network error, a timeout, 429 or 5xx."""

    def __init__(self, problem: str, retry_after: float | None = None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.retry_after = retry_after


class HttpFetcher:
    """``Fetcher`` over one reused ``httpx.Client``; a context manager, or call ``close()``."""

    def __init__(
        self, options: FetchOptions | None = None, *, sleep: Callable[[float], None] = time.sleep
    ) -> None:
        self.options = options or FetchOptions()
        self._sleep = sleep
        self._client = httpx.Client(
            timeout=httpx.Timeout(self.options.timeout),
            headers={
                "User-Agent": self.options.user_agent,
                "Accept": ", ".join(self.options.accept_types),
            },
            follow_redirects=False,
            trust_env=self.options.trust_env,
        )

    def __enter__(self) -> HttpFetcher:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def fetch(self, url: str) -> Fetched:
        """GET ``url`` with redirects, retries and limits; raises ``IngestError`` naming it."""
        check_url(url)
        opts = self.options
        attempts = max(0, opts.retries) + 1
        for attempt in range(attempts):
            try:
                return self._attempt(url)
            except _Retry as failure:
                wait = failure.retry_after
                if wait is not None and wait > opts.max_retry_after:
                    raise IngestError(
                        url, f"{failure.problem} (server asks to retry after {wait:g}s)"
                    ) from None
                if attempt + 1 == attempts:
                    suffix = f"; gave up after {attempts} attempts" if attempts > 1 else ""
                    raise IngestError(url, failure.problem + suffix) from None
                self._sleep(wait if wait is not None else opts.backoff * 2**attempt)
        raise AssertionError("unreachable: the loop returns or raises")

    def _attempt(self, url: str) -> Fetched:
        """One attempt: follow redirects hop by hop so each hop's scheme and body are checked."""
        opts = self.options
        started = time.monotonic()
        try:
            request = self._client.build_request("GET", url)
            for _hop in range(opts.max_redirects + 1):
                response = self._client.send(request, stream=True, follow_redirects=False)
                try:
                    following = response.next_request
                    if following is None:
                        return self._read(url, response, started)
                finally:
                    response.close()
                check_url(str(following.url), source=url, redirected=True)
                request = following
        except httpx.TimeoutException:
            raise _Retry(f"timed out after {opts.timeout:g}s") from None
        except httpx.ConnectError as exc:
            raise _Retry(f"unreachable ({_reason(exc)})") from None
        except (httpx.NetworkError, httpx.ProtocolError, httpx.ProxyError) as exc:
            raise _Retry(f"connection failed ({_reason(exc)})") from None
        except (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError) as exc:
            raise IngestError(url, f"request failed ({_reason(exc)})") from None
        raise IngestError(url, f"too many redirects (more than {opts.max_redirects})")

    def _read(self, url: str, response: httpx.Response, started: float) -> Fetched:
        """Check status, type and size of a final response, then stream its body within limits."""
        opts = self.options
        final = str(response.url)
        where = f" (at {final})" if final != url else ""
        status = response.status_code
        http = f"HTTP {status} {response.reason_phrase}".strip() + where
        if status == 429 or status >= 500:
            raise _Retry(http, _retry_after(response))
        if not 200 <= status < 300:
            raise IngestError(url, http)
        mime, charset = parse_content_type(response.headers.get("content-type", ""))
        if mime and mime not in opts.accept_types:
            raise IngestError(url, f"unsupported content type {mime} (not a web page or feed)")
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > opts.max_bytes:
            raise IngestError(
                url, f"response larger than {opts.max_bytes:,} bytes (Content-Length {declared})"
            )
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > opts.max_bytes:
                raise IngestError(url, f"response larger than {opts.max_bytes:,} bytes")
            if time.monotonic() - started > opts.deadline:
                raise _Retry(f"timed out after {opts.deadline:g}s (body still arriving)")
            chunks.append(chunk)
        return Fetched(final, status, mime, b"".join(chunks), charset)


class MemoryFetcher:
    """In-memory ``Fetcher`` for tests of callers: URL -> ``Fetched`` or ``IngestError`` to raise.

    An unknown URL raises ``IngestError(url, "HTTP 404 Not Found")``; ``requested`` lists every
    URL asked for, in order.
    """

    def __init__(self, pages: Mapping[str, Fetched | IngestError] | None = None) -> None:
        self.pages: dict[str, Fetched | IngestError] = dict(pages or {})
        self.requested: list[str] = []

    def add(
        self, url: str, body: str | bytes, content_type: str = "text/html; charset=utf-8"
    ) -> MemoryFetcher:
        """Serve ``body`` at ``url`` with status 200; returns ``self`` so calls chain."""
        mime, charset = parse_content_type(content_type)
        data = body.encode(charset or "utf-8") if isinstance(body, str) else body
        self.pages[url] = Fetched(url, 200, mime, data, charset)
        return self

    def fail(self, url: str, problem: str) -> MemoryFetcher:
        """Make ``url`` raise ``IngestError(url, problem)``; returns ``self`` so calls chain."""
        self.pages[url] = IngestError(url, problem)
        return self

    def __enter__(self) -> MemoryFetcher:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Nothing to release; present so callers treat both fetchers alike."""

    def fetch(self, url: str) -> Fetched:
        self.requested.append(url)
        page = self.pages.get(url)
        if page is None:
            raise IngestError(url, "HTTP 404 Not Found")
        if isinstance(page, IngestError):
            raise page
        return page


def check_url(url: str, *, source: str | None = None, redirected: bool = False) -> None:
    """Raise ``IngestError`` unless ``url`` is an http(s) URL with a host."""
    name = source or url
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        raise IngestError(name, f"not a valid URL ({exc})") from None
    scheme = parts.scheme.lower()
    if scheme not in _SCHEMES:
        shown = f"'{scheme}'" if scheme else "(none)"
        lead = f"redirected to {url}: " if redirected else ""
        raise IngestError(name, f"{lead}unsupported URL scheme {shown} (only http and https)")
    if not parts.hostname:
        raise IngestError(name, "not a valid URL (no host)")


def parse_content_type(header: str) -> tuple[str, str | None]:
    """``"text/html; charset=UTF-8"`` -> ``("text/html", "utf-8")``; charset None if absent."""
    if not header.strip():
        return "", None
    msg = Message()
    msg["content-type"] = header
    charset = msg.get_param("charset")
    value = charset.strip().strip("\"'").lower() if isinstance(charset, str) else None
    return msg.get_content_type(), value or None


def decode_body(f: Fetched) -> str:
    """The body as text: BOM, header charset, ``<meta charset>``, UTF-8, then a detected guess.

    Raises ``IngestError`` for binary content or bytes no encoding can explain.
    """
    for bom, codec in _BOMS:
        # A byte order mark outranks any declaration (WHATWG), and UTF-16 is full of NULs that
        # a binary sniff would otherwise take for binary content.
        if f.body.startswith(bom):
            return f.body[len(bom) :].decode(codec, errors="replace")
    declared = _browser_charset(f.encoding) if f.encoding else None
    markup = f.content_type in _HTML_TYPES or not f.content_type
    return decode(f.body, f.url, declared=declared, html=markup)


def _browser_charset(label: str) -> str | None:
    """A charset label as a browser reads it; None when Python knows no such codec."""
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return "cp1252" if name in _AS_WINDOWS_1252 else name


def _retry_after(response: httpx.Response) -> float | None:
    """Seconds asked for by a ``Retry-After`` header (delta or HTTP date), or None."""
    value = response.headers.get("retry-after", "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - time.time())


def _reason(exc: BaseException) -> str:
    """A short lower-case reason for a network failure, e.g. ``connection refused``."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ConnectionRefusedError):
            return "connection refused"
        if isinstance(seen, socket.gaierror):
            return "host not found"
        seen = seen.__cause__ or seen.__context__
    text = _ERRNO.sub("", str(exc)).strip() or type(exc).__name__
    if "refused" in text.lower():
        return "connection refused"
    return text[:1].lower() + text[1:]

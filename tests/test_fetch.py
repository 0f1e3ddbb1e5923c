"""HttpFetcher against a real HTTP server on 127.0.0.1; MemoryFetcher; decode_body.

No test contacts any host but 127.0.0.1, and retries sleep through a recorder, not the clock.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

import pytest

from conftest import serving
from newsgraph.ingest.errors import IngestError
from newsgraph.ingest.fetch import (
    Fetched,
    FetchOptions,
    HttpFetcher,
    MemoryFetcher,
    check_url,
    decode_body,
    parse_content_type,
)

ARTICLE = (
    b"<html><head><title>Harbour talks</title></head><body><h1>Harbour talks</h1>"
    b"<p>Negotiators from both delegations met at the harbour office on Tuesday.</p>"
    b"</body></html>"
)
CP1252_TEXT = "“Prices rose again — in Haifa and in Ramallah,” said the café owner."
LATIN1_LABEL_TEXT = "Both ministers called the meeting “useful” — and nothing more."
META_1252 = (
    '<html><head><meta charset="windows-1252"><title>Zoë</title></head>'
    "<body><p>Zoë’s report from Kyiv and from Belgorod.</p></body></html>"
)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64

Route = Callable[["Handler", int], None]


class Handler(BaseHTTPRequestHandler):
    """Routes the tests need; ``hits`` counts requests per path so retries can be counted."""

    protocol_version = "HTTP/1.1"
    server: LocalServer

    def log_message(self, format: str, *args: Any) -> None:
        pass  # keep the test output quiet

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        with self.server.lock:
            self.server.hits[path] += 1
            hit = self.server.hits[path]
        # The client hanging up first is what several tests intend.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            ROUTES.get(path, _missing)(self, hit)

    def reply(
        self,
        status: int,
        body: bytes = b"",
        ctype: str | None = "text/html; charset=utf-8",
        headers: tuple[tuple[str, str], ...] = (),
    ) -> None:
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def _missing(h: Handler, hit: int) -> None:
    h.reply(404, b"no such page")


def _chunked(h: Handler, hit: int) -> None:
    # No Content-Length at all: only counting while streaming can catch this one.
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Transfer-Encoding", "chunked")
    h.end_headers()
    for _ in range(10):
        chunk = b"<p>" + b"x" * 4_993 + b"</p>"
        h.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
    h.wfile.write(b"0\r\n\r\n")


def _trickle(h: Handler, hit: int) -> None:
    # Each piece arrives well inside the read timeout; only the whole-attempt deadline ends it.
    h.send_response(200)
    h.send_header("Content-Type", "text/plain")
    h.send_header("Content-Length", str(20 * 10))
    h.end_headers()
    for _ in range(20):
        h.wfile.write(b"." * 10)
        time.sleep(0.05)


def _slow(h: Handler, hit: int) -> None:
    time.sleep(1.0)
    h.reply(200, ARTICLE)


ROUTES: dict[str, Route] = {
    "/article.html": lambda h, n: h.reply(200, ARTICLE),
    "/redirect": lambda h, n: h.reply(302, ctype=None, headers=(("Location", "/article.html"),)),
    "/redirect-twice": lambda h, n: h.reply(301, ctype=None, headers=(("Location", "/redirect"),)),
    "/redirect-loop": lambda h, n: h.reply(
        302, ctype=None, headers=(("Location", "/redirect-loop"),)
    ),
    "/redirect-missing": lambda h, n: h.reply(302, ctype=None, headers=(("Location", "/gone"),)),
    "/redirect-ftp": lambda h, n: h.reply(
        302, ctype=None, headers=(("Location", "ftp://127.0.0.1/file.html"),)
    ),
    "/bad-request": lambda h, n: h.reply(400, b"bad"),
    "/flaky": lambda h, n: h.reply(500, b"oops") if n == 1 else h.reply(200, ARTICLE),
    "/down": lambda h, n: h.reply(503, b"down"),
    "/busy": lambda h, n: (
        h.reply(429, b"wait", headers=(("Retry-After", "1"),)) if n == 1 else h.reply(200, ARTICLE)
    ),
    "/busy-long": lambda h, n: h.reply(429, b"wait", headers=(("Retry-After", "3600"),)),
    "/slow": _slow,
    "/trickle": _trickle,
    "/huge": lambda h, n: h.reply(200, b"<p>" + b"x" * 49_993 + b"</p>"),
    "/chunked-huge": _chunked,
    "/image.png": lambda h, n: h.reply(200, PNG, ctype="image/png"),
    "/report.pdf": lambda h, n: h.reply(200, b"%PDF-1.4", ctype="application/pdf"),
    "/no-type": lambda h, n: h.reply(200, ARTICLE, ctype=None),
    "/cp1252.html": lambda h, n: h.reply(
        200, CP1252_TEXT.encode("cp1252"), ctype="text/html; charset=windows-1252"
    ),
    "/latin1-label.html": lambda h, n: h.reply(
        200, LATIN1_LABEL_TEXT.encode("cp1252"), ctype="text/plain; charset=ISO-8859-1"
    ),
    "/meta-1252.html": lambda h, n: h.reply(200, META_1252.encode("cp1252"), ctype="text/html"),
}


class LocalServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.hits: Counter[str] = Counter()
        self.lock = threading.Lock()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}{path}"

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client hanging up mid-reply is expected here, not a failure


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with serving(LocalServer()) as srv:
        yield srv


class Sleeps(list[float]):
    """A ``sleep`` that records how long the fetcher wanted to wait, without waiting."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


FAST = FetchOptions(timeout=2.0, retries=2, backoff=0.5, trust_env=False)


def _fetcher(sleeps: Sleeps, **overrides: Any) -> HttpFetcher:
    return HttpFetcher(replace(FAST, **overrides), sleep=sleeps)


# path, option overrides, the problem after "URL: ", requests the server saw, waits asked for
FAILURES: list[tuple[str, dict[str, Any], str, int, list[float]]] = [
    ("/gone", {}, "HTTP 404 Not Found", 1, []),
    ("/bad-request", {}, "HTTP 400 Bad Request", 1, []),
    ("/down", {}, "HTTP 503 Service Unavailable; gave up after 3 attempts", 3, [0.5, 1.0]),
    ("/down", {"retries": 0}, "HTTP 503 Service Unavailable", 1, []),
    (
        "/busy-long",
        {},
        "HTTP 429 Too Many Requests (server asks to retry after 3600s)",
        1,
        [],
    ),
    ("/image.png", {}, "unsupported content type image/png (not a web page or feed)", 1, []),
    ("/report.pdf", {}, "unsupported content type application/pdf (not a web page or feed)", 1, []),
    (
        "/huge",
        {"max_bytes": 10_000},
        "response larger than 10,000 bytes (Content-Length 50000)",
        1,
        [],
    ),
    ("/chunked-huge", {"max_bytes": 10_000}, "response larger than 10,000 bytes", 1, []),
    ("/slow", {"timeout": 0.2, "retries": 0}, "timed out after 0.2s", 1, []),
    (
        "/trickle",
        {"deadline": 0.3, "retries": 0},
        "timed out after 0.3s (body still arriving)",
        1,
        [],
    ),
    ("/redirect-loop", {"max_redirects": 3}, "too many redirects (more than 3)", 4, []),
]


@pytest.mark.parametrize(("path", "overrides", "problem", "hits", "waits"), FAILURES)
def test_failures_are_one_line_naming_url_and_problem(
    server: LocalServer,
    path: str,
    overrides: dict[str, Any],
    problem: str,
    hits: int,
    waits: list[float],
) -> None:
    sleeps = Sleeps()
    url = server.url(path)
    with _fetcher(sleeps, **overrides) as fetcher, pytest.raises(IngestError) as caught:
        fetcher.fetch(url)
    assert str(caught.value) == f"{url}: {problem}"
    assert caught.value.source == url
    assert "\n" not in str(caught.value)
    assert server.hits[path] == hits
    assert sleeps == waits


def test_timeouts_are_retried(server: LocalServer) -> None:
    sleeps = Sleeps()
    url = server.url("/slow")
    with _fetcher(sleeps, timeout=0.2, retries=1) as fetcher, pytest.raises(IngestError) as caught:
        fetcher.fetch(url)
    assert str(caught.value) == f"{url}: timed out after 0.2s; gave up after 2 attempts"
    assert sleeps == [0.5]


def test_redirect_to_missing_page_names_both_urls(server: LocalServer) -> None:
    url = server.url("/redirect-missing")
    with _fetcher(Sleeps()) as fetcher, pytest.raises(IngestError) as caught:
        fetcher.fetch(url)
    assert str(caught.value) == f"{url}: HTTP 404 Not Found (at {server.url('/gone')})"


def test_redirect_to_other_scheme_is_refused(server: LocalServer) -> None:
    url = server.url("/redirect-ftp")
    with _fetcher(Sleeps()) as fetcher, pytest.raises(IngestError) as caught:
        fetcher.fetch(url)
    assert str(caught.value) == (
        f"{url}: redirected to ftp://127.0.0.1/file.html: "
        "unsupported URL scheme 'ftp' (only http and https)"
    )


def _closed_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


@pytest.mark.parametrize(
    ("retries", "problem", "waits"),
    [
        (0, "unreachable (connection refused)", []),
        (2, "unreachable (connection refused); gave up after 3 attempts", [0.5, 1.0]),
    ],
)
def test_unreachable_host(retries: int, problem: str, waits: list[float]) -> None:
    sleeps = Sleeps()
    url = f"http://127.0.0.1:{_closed_port()}/story.html"
    with _fetcher(sleeps, retries=retries) as fetcher, pytest.raises(IngestError) as caught:
        fetcher.fetch(url)
    assert str(caught.value) == f"{url}: {problem}"
    assert sleeps == waits


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("ftp://127.0.0.1/pub/story.html", "unsupported URL scheme 'ftp' (only http and https)"),
        ("file:///tmp/story.html", "unsupported URL scheme 'file' (only http and https)"),
        ("127.0.0.1/story.html", "unsupported URL scheme (none) (only http and https)"),
        ("http:///story.html", "not a valid URL (no host)"),
    ],
)
def test_bad_urls_are_refused_before_any_request(url: str, problem: str) -> None:
    sleeps = Sleeps()
    with _fetcher(sleeps) as fetcher, pytest.raises(IngestError) as caught:
        fetcher.fetch(url)
    assert str(caught.value) == f"{url}: {problem}"
    assert sleeps == []
    with pytest.raises(IngestError):
        check_url(url)


# path, final path after redirects, content type, charset, waits asked for
SUCCESSES: list[tuple[str, str, str, str | None, list[float]]] = [
    ("/article.html", "/article.html", "text/html", "utf-8", []),
    ("/redirect", "/article.html", "text/html", "utf-8", []),
    ("/redirect-twice", "/article.html", "text/html", "utf-8", []),
    ("/flaky", "/flaky", "text/html", "utf-8", [0.5]),
    ("/busy", "/busy", "text/html", "utf-8", [1.0]),
    ("/no-type", "/no-type", "", None, []),
]


@pytest.mark.parametrize(("path", "final", "ctype", "charset", "waits"), SUCCESSES)
def test_successful_fetches(
    server: LocalServer,
    path: str,
    final: str,
    ctype: str,
    charset: str | None,
    waits: list[float],
) -> None:
    sleeps = Sleeps()
    with _fetcher(sleeps) as fetcher:
        got = fetcher.fetch(server.url(path))
    assert got == Fetched(server.url(final), 200, ctype, ARTICLE, charset)
    assert sleeps == waits


def test_one_client_serves_many_fetches(server: LocalServer) -> None:
    fetcher = HttpFetcher(FAST)
    try:
        bodies = [fetcher.fetch(server.url("/article.html")).body for _ in range(3)]
    finally:
        fetcher.close()
    assert bodies == [ARTICLE] * 3


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("/cp1252.html", CP1252_TEXT),
        ("/latin1-label.html", LATIN1_LABEL_TEXT),
        ("/meta-1252.html", META_1252),
        ("/article.html", ARTICLE.decode("utf-8")),
    ],
)
def test_pages_decode_with_their_declared_charset(
    server: LocalServer, path: str, text: str
) -> None:
    with _fetcher(Sleeps()) as fetcher:
        assert decode_body(fetcher.fetch(server.url(path))) == text


LONG_1252 = " ".join(
    [
        "Officials on both sides described the ceasefire talks as “difficult but serious”.",
        "One delegate said the café near the crossing had reopened — briefly — on Friday.",
        "Another said the résumé of demands was “long”, and that neither side would",
        "accept the other’s draft without changes to the section on prisoners and aid.",
    ]
)


@pytest.mark.parametrize(
    ("body", "ctype", "charset", "text"),
    [
        (
            "Déjà vu in Gaza and Sderot".encode(),
            "text/plain",
            "utf-8",
            "Déjà vu in Gaza and Sderot",
        ),
        (CP1252_TEXT.encode("cp1252"), "text/html", "windows-1252", CP1252_TEXT),
        (CP1252_TEXT.encode("cp1252"), "text/html", "latin-1", CP1252_TEXT),
        (CP1252_TEXT.encode("cp1252"), "text/html", "us-ascii", CP1252_TEXT),
        (META_1252.encode("cp1252"), "text/html", None, META_1252),
        ("Kyiv ↔ Moscow talks".encode(), "text/plain", None, "Kyiv ↔ Moscow talks"),
        (b"\xef\xbb\xbf" + "Tbilisi — Baku".encode(), "text/plain", None, "Tbilisi — Baku"),
        ("Tbilisi — Baku".encode("utf-16"), "text/plain", None, "Tbilisi — Baku"),
        (LONG_1252.encode("cp1252"), "text/plain", None, LONG_1252),
        ("Caf\u00e9 in Kigali".encode(), "text/plain", "no-such-charset", "Caf\u00e9 in Kigali"),
    ],
)
def test_decode_body(body: bytes, ctype: str, charset: str | None, text: str) -> None:
    assert decode_body(Fetched("http://127.0.0.1/x", 200, ctype, body, charset)) == text


def test_decode_body_refuses_binary() -> None:
    with pytest.raises(IngestError) as caught:
        decode_body(Fetched("http://127.0.0.1/x.png", 200, "text/html", PNG, None))
    assert str(caught.value).startswith("http://127.0.0.1/x.png: ")


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("text/html; charset=UTF-8", ("text/html", "utf-8")),
        ('text/html; charset="windows-1252"', ("text/html", "windows-1252")),
        ("Application/RSS+XML", ("application/rss+xml", None)),
        ("text/plain;charset=iso-8859-1;format=flowed", ("text/plain", "iso-8859-1")),
        ("", ("", None)),
    ],
)
def test_parse_content_type(header: str, expected: tuple[str, str | None]) -> None:
    assert parse_content_type(header) == expected


def test_memory_fetcher_serves_fails_and_records() -> None:
    fetcher = (
        MemoryFetcher()
        .add("http://127.0.0.1/a", "Nairobi and Addis Ababa")
        .add("http://127.0.0.1/b", "Zoë", content_type="text/plain; charset=windows-1252")
        .fail("http://127.0.0.1/c", "HTTP 500 Internal Server Error")
    )
    assert fetcher.fetch("http://127.0.0.1/a").body == b"Nairobi and Addis Ababa"
    latin = fetcher.fetch("http://127.0.0.1/b")
    assert (latin.body, latin.encoding, decode_body(latin)) == (b"Zo\xeb", "windows-1252", "Zoë")
    for url, problem in [
        ("http://127.0.0.1/c", "HTTP 500 Internal Server Error"),
        ("http://127.0.0.1/d", "HTTP 404 Not Found"),
    ]:
        with pytest.raises(IngestError) as caught:
            fetcher.fetch(url)
        assert str(caught.value) == f"{url}: {problem}"
    assert fetcher.requested == [f"http://127.0.0.1/{c}" for c in "abcd"]

"""What the server refuses and escapes: URLs on non-public addresses (redirects included),
script and HTML in articles, SQL in parameters; and the headers every response carries."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest
from fastapi.testclient import TestClient

import server_data
from newsgraph.ingest.errors import IngestError
from newsgraph.server import create_app
from newsgraph.server.security import GuardedFetcher, UrlRefused, guard_url, refusal


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "loopback"),
        ("127.8.9.10", "loopback"),
        ("::1", "loopback"),
        ("10.0.0.1", "private"),
        ("172.16.5.4", "private"),
        ("192.168.1.1", "private"),
        ("fd00::1", "private"),
        ("169.254.169.254", "link-local"),
        ("fe80::1%eth0", "link-local"),
        ("0.0.0.0", "unspecified"),
        ("224.0.0.1", "multicast"),
        ("::ffff:127.0.0.1", "loopback"),
        ("100.64.0.1", "non-public"),
        ("240.0.0.1", "private"),
        ("93.184.216.34", None),
        ("2606:4700::1111", None),
    ],
)
def test_refusal_of_addresses(address: str, reason: str | None) -> None:
    assert refusal(address) == reason


def fake_resolve(table: dict[str, list[str]]) -> object:
    def resolve(host: str) -> list[str]:
        if host not in table:
            raise IngestError(host, "host not found")
        return table[host]

    return resolve


HOSTS = {"news.example": ["93.184.216.34"], "printer.example": ["192.168.0.20"]}


@pytest.mark.parametrize(
    ("url", "allowed", "words"),
    [
        ("https://news.example/a", False, None),
        ("https://printer.example/status", False, "private address (192.168.0.20)"),
        ("https://printer.example/status", True, None),
        ("http://127.0.0.1:9/", False, "loopback"),
        ("http://127.0.0.1:9/", True, None),
        ("ftp://news.example/a", False, "unsupported URL scheme 'ftp'"),
        ("ftp://news.example/a", True, "unsupported URL scheme 'ftp'"),
        ("javascript:alert(1)", False, "unsupported URL scheme"),
        ("http:///nohost", False, "no host"),
    ],
)
def test_guard_url(url: str, allowed: bool, words: str | None) -> None:
    resolve = fake_resolve(HOSTS)
    if words is None:
        guard_url(url, allow_private=allowed, resolve=resolve)  # type: ignore[arg-type]
        return
    with pytest.raises(UrlRefused) as info:
        guard_url(url, allow_private=allowed, resolve=resolve)  # type: ignore[arg-type]
    assert words in str(info.value)


def transport() -> httpx.MockTransport:
    """news.example answers, or redirects to where the path says."""

    def handle(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/to-private":
            return httpx.Response(302, headers={"location": "http://10.0.0.7/admin"})
        if request.url.path == "/to-file":
            return httpx.Response(302, headers={"location": "file:///etc/passwd"})
        if request.url.path == "/to-printer":
            return httpx.Response(302, headers={"location": "https://printer.example/"})
        body = b"<html><body><p>A public page.</p></body></html>"
        return httpx.Response(200, content=body, headers={"content-type": "text/html"})

    return httpx.MockTransport(handle)


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("/story", None),
        ("/to-private", "private address (10.0.0.7)"),
        ("/to-printer", "private address (192.168.0.20)"),
        ("/to-file", "unsupported URL scheme 'file'"),
    ],
)
def test_redirects_are_checked_hop_by_hop(path: str, words: str | None) -> None:
    fetcher = GuardedFetcher(resolve=fake_resolve(HOSTS), transport=transport())  # type: ignore[arg-type]
    with fetcher:
        if words is None:
            assert b"public page" in fetcher.fetch("https://news.example" + path).body
            return
        with pytest.raises(IngestError) as info:
            fetcher.fetch("https://news.example" + path)
    assert words in str(info.value)


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    app = create_app(server_data.config(server_data.database(tmp_path_factory)))
    with TestClient(app) as c:
        yield c


PAGES = [
    "/",
    "/articles",
    "/articles/t-payload",
    "/events",
    "/events?article_id=t-payload",
    "/timeline",
    "/network",
    "/quotes",
    "/quotes?about=return",
    "/claims",
    "/actors?article_id=t-payload",
    "/dyad?a=MLIMIL&b=name:" + server_data.XSS_NAME,
]
# Markup of the payloads that must never reach a page unescaped.
RAW = re.compile(r"<script>window\.__xss|<img src=x onerror|<b>clash|<i>label", re.I)


@pytest.mark.parametrize("path", PAGES)
def test_pages_escape_article_content(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200
    assert not RAW.search(r.text), RAW.search(r.text)


def test_payloads_are_shown_as_text(client: TestClient) -> None:
    html = client.get("/articles/t-payload").text
    assert "&lt;script&gt;window.__xss = 1&lt;/script&gt;Payload" in html
    assert "&lt;img src=x onerror=&#34;window.__xss = 5&#34;&gt;We will return" in html
    # The record data of the page is JSON inside a script block: no "<" may close it early.
    data = html.split('<script type="application/json" id="records">')[1].split("</script>")[0]
    assert "<" not in data and "\\u003cscript\\u003e" in data
    # A URL that is not http(s) is shown, never linked.
    assert 'href="javascript:' not in html


@pytest.mark.parametrize(
    "params",
    [
        {"actor": "x' OR '1'='1"},
        {"q": "'; DROP TABLE articles; --"},
        {"speaker": "\\' UNION SELECT * FROM articles --"},
        {"about": "%' OR 1=1 OR '%"},
    ],
)
def test_sql_in_parameters_is_data(client: TestClient, params: dict[str, str]) -> None:
    path = "/api/events" if "actor" in params else "/api/quotes"
    if "q" in params:
        path = "/api/articles"
    r = client.get(path, params=params)
    assert r.status_code == 200 and r.json()["total"] == 0
    assert client.get("/api/stats").json()["articles"] >= 23


@pytest.mark.parametrize("path", ["/", "/api/stats", "/static/app.css", "/api/articles/none"])
def test_security_headers(client: TestClient, path: str) -> None:
    headers = client.get(path).headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"


def test_pages_load_nothing_from_elsewhere(client: TestClient) -> None:
    for path in PAGES:
        html = client.get(path).text
        sources = re.findall(r'(?:src|href)="([^"]+)"', html)
        assert all(not s.startswith(("http:", "https:", "//")) for s in sources if "static" in s)
        assert not re.search(r'<(?:script|link)[^>]+(?:src|href)="(?:https?:)?//', html)


@pytest.mark.parametrize(
    ("origin", "status"),
    [
        (None, 200),
        ("http://testserver", 200),
        ("http://evil.example", 403),
        ("http://testserver.evil.example", 403),
        ("null", 403),
    ],
)
def test_posts_from_other_sites_are_refused(
    client: TestClient, origin: str | None, status: int
) -> None:
    headers = {"origin": origin} if origin else {}
    text = "Ceasefire extended\n\nBoth sides agreed to extend the truce by a week."
    r = client.post("/analyze", data={"text": text}, headers=headers)
    assert r.status_code == status
    api = client.post("/api/analyze", json={"text": text}, headers=headers)
    assert api.status_code == status

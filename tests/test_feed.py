"""RSS and Atom feeds: parsing, and articles from the pages they link to.

End-to-end tests serve the feeds and pages from a real HTTP server on 127.0.0.1 and extract
them with ``article_from_html``; the rest use ``MemoryFetcher`` and a tiny stand-in extractor.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from conftest import serving
from newsgraph.ingest.errors import IngestError
from newsgraph.ingest.feed import FeedEntry, iter_feed_articles, parse_feed
from newsgraph.ingest.fetch import FetchOptions, HttpFetcher, MemoryFetcher
from newsgraph.model import Article

BASE = "http://127.0.0.1:8999"  # MemoryFetcher URLs: never requested over the network


def _page(title: str, paragraphs: list[str], head: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<html lang='en'><head><title>{title}</title>{head}</head><body>"
        f"<nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{body}</article></body></html>"
    )


RIVER = _page(
    "Farmers on both banks await the water deal",
    [
        "Farmers on both banks of the river said they hoped negotiators would settle the "
        "dispute over the dam before the planting season begins.",
        "Officials from the upstream state said the reservoir would be filled slowly, while "
        "officials from the downstream state said any delay would hurt their growers.",
        "Both delegations described the latest round of talks as constructive but unfinished, "
        "and neither would say when the next round would be held.",
    ],
)
PORT_TALKS = _page(
    "Port workers and shipping firms return to talks",
    [
        "Dock workers and the shipping companies that employ them returned to mediation on "
        "Saturday after a strike that left cargo stranded along the coast.",
        "The union said its members wanted safer shifts and higher pay; the companies said "
        "they had already offered more than their rivals pay elsewhere.",
        "A mediator appointed by the labour ministry said both sides had agreed to keep "
        "talking through the weekend.",
    ],
    head="<meta property='article:published_time' content='2024-03-02T09:00:00Z'>",
)
BORDER = _page(
    "Traders on the border count the cost of closures",
    [
        "Traders on both sides of the border crossing said repeated closures had cost them "
        "customers, and each side blamed the other's officials for the delays.",
        "Customs officers on one side said inspections had become stricter for security "
        "reasons; officers on the other side said the rules had not changed at all.",
        "Lorry drivers waiting in the queue said they only wanted to know when it would open.",
    ],
)


def _rss(base: str) -> str:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Regional desk</title><link>{base}/</link>
<item><title>Water deal awaited</title><link>{base}/river.html</link>
  <guid isPermaLink="false">desk-river</guid>
  <pubDate>Mon, 04 Mar 2024 22:15:00 -0500</pubDate>
  <description>&lt;p&gt;Farmers &lt;b&gt;wait&lt;/b&gt;.&lt;/p&gt;</description></item>
<item><title>Page that was removed</title><link>{base}/removed.html</link>
  <pubDate>Tue, 05 Mar 2024 08:00:00 GMT</pubDate></item>
<item><title>Port talks resume</title><link>/port.html</link>
  <guid isPermaLink="false">desk-port</guid>
  <pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate></item>
</channel></rss>"""


def _atom(base: str) -> str:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Border desk</title>
<id>urn:uuid:3d1c0d0e-0000-4000-8000-000000000001</id><updated>2024-03-06T00:00:00Z</updated>
<entry><title>Border closures</title><link rel="alternate" href="{base}/border.html"/>
  <id>urn:uuid:3d1c0d0e-0000-4000-8000-000000000002</id>
  <published>2024-03-06T01:30:00+05:00</published><updated>2024-03-07T00:00:00Z</updated>
  <summary>Traders count the cost.</summary></entry>
<entry><title>Broken page</title><link rel="alternate" href="{base}/picture.png"/>
  <id>urn:uuid:3d1c0d0e-0000-4000-8000-000000000003</id>
  <updated>2024-03-06T12:00:00Z</updated></entry>
</feed>"""


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: FeedServer

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        routes: dict[str, tuple[str, bytes]] = {
            "/river.html": ("text/html; charset=utf-8", RIVER.encode()),
            "/port.html": ("text/html; charset=utf-8", PORT_TALKS.encode()),
            "/border.html": ("text/html; charset=utf-8", BORDER.encode()),
            "/picture.png": ("image/png", b"\x89PNG\r\n\x1a\n"),
            "/feed.rss": ("application/rss+xml", _rss(base).encode()),
            "/feed.atom": ("application/atom+xml", _atom(base).encode()),
        }
        ctype, body = routes.get(self.path, ("text/plain", b"no such page"))
        self.send_response(200 if self.path in routes else 404)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class FeedServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}{path}"


@pytest.fixture(scope="module")
def server() -> Iterator[FeedServer]:
    with serving(FeedServer()) as srv:
        yield srv


@pytest.fixture
def fetcher() -> Iterator[HttpFetcher]:
    with HttpFetcher(FetchOptions(timeout=2.0, retries=0, trust_env=False)) as http:
        yield http


def _summary(item: Article | IngestError) -> tuple[str, ...]:
    if isinstance(item, IngestError):
        return ("error", str(item))
    return ("article", item.id, item.url or "", item.title, item.published or "")


def test_rss_feed_end_to_end(server: FeedServer, fetcher: HttpFetcher) -> None:
    got = [_summary(item) for item in iter_feed_articles(server.url("/feed.rss"), fetcher)]
    assert got == [
        # The page has no date: the entry's own (local) date stands in.
        (
            "article",
            "desk-river",
            server.url("/river.html"),
            "Farmers on both banks await the water deal",
            "2024-03-04",
        ),
        ("error", f"{server.url('/removed.html')}: HTTP 404 Not Found"),
        # The page's own date wins over the entry's; the relative link is resolved.
        (
            "article",
            "desk-port",
            server.url("/port.html"),
            "Port workers and shipping firms return to talks",
            "2024-03-02",
        ),
    ]


def test_atom_feed_end_to_end_with_on_error(server: FeedServer, fetcher: HttpFetcher) -> None:
    errors: list[IngestError] = []
    items = list(iter_feed_articles(server.url("/feed.atom"), fetcher, on_error=errors.append))
    assert [_summary(item) for item in items] == [
        (
            "article",
            "urn:uuid:3d1c0d0e-0000-4000-8000-000000000002",
            server.url("/border.html"),
            "Traders on the border count the cost of closures",
            "2024-03-06",
        )
    ]
    assert [str(e) for e in errors] == [
        f"{server.url('/picture.png')}: unsupported content type image/png (not a web page or feed)"
    ]
    assert "lorry drivers" in items[0].text.lower()  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("path", "problem"),
    [
        ("/nowhere.rss", "HTTP 404 Not Found"),
        ("/river.html", "not an RSS or Atom feed"),
    ],
)
def test_unusable_feed_url_raises_at_once(
    server: FeedServer, fetcher: HttpFetcher, path: str, problem: str
) -> None:
    url = server.url(path)
    with pytest.raises(IngestError) as caught:
        iter_feed_articles(url, fetcher)  # no iteration: the feed is checked on the call
    assert str(caught.value) == f"{url}: {problem}"


RSS_ENTRIES = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>t</title>
<item><title>Ceasefire &amp; aid talks</title><link>{BASE}/a.html</link><guid>g-a</guid>
  <pubDate>Sun, 10 Nov 2024 23:45:00 -0800</pubDate>
  <description>&lt;p&gt;Envoys from &lt;em&gt;both&lt;/em&gt; sides met.&lt;/p&gt;
  </description></item>
<item><title>Permalink only</title><guid isPermaLink="true">{BASE}/b.html</guid>
  <pubDate>Mon, 11 Nov 2024 07:00:00 +0100</pubDate></item>
<item><title>Relative link</title><link>/c.html</link></item>
<item><title>No link at all</title><guid isPermaLink="false">g-d</guid></item>
</channel></rss>"""

ATOM_ENTRIES = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>urn:x:feed</id>
<updated>2024-11-12T00:00:00Z</updated>
<entry><title type="html">Talks &lt;i&gt;resume&lt;/i&gt;</title>
  <link rel="alternate" type="text/html" href="{BASE}/d.html"/><id>urn:x:d</id>
  <updated>2024-11-12T06:00:00+09:00</updated>
  <summary type="html">&lt;p&gt;Both &amp;amp; neither.&lt;/p&gt;</summary></entry>
<entry><title>Only updated, in UTC</title><link href="{BASE}/e.html"/><id>urn:x:e</id>
  <updated>2024-11-11T23:59:59Z</updated></entry>
</feed>"""


@pytest.mark.parametrize(
    ("data", "base_url", "expected"),
    [
        (
            RSS_ENTRIES,
            "http://127.0.0.1:8999/feeds/world.rss",
            [
                FeedEntry(
                    f"{BASE}/a.html",
                    "Ceasefire & aid talks",
                    "2024-11-10",
                    "Envoys from both sides met.",
                    "g-a",
                ),
                FeedEntry(f"{BASE}/b.html", "Permalink only", "2024-11-11", "", f"{BASE}/b.html"),
                FeedEntry(f"{BASE}/c.html", "Relative link", None, "", f"{BASE}/c.html"),
                FeedEntry("", "No link at all", None, "", "g-d"),
            ],
        ),
        (
            ATOM_ENTRIES.encode(),
            None,
            [
                FeedEntry(
                    f"{BASE}/d.html", "Talks resume", "2024-11-12", "Both & neither.", "urn:x:d"
                ),
                FeedEntry(f"{BASE}/e.html", "Only updated, in UTC", "2024-11-11", "", "urn:x:e"),
            ],
        ),
    ],
)
def test_parse_feed(data: str | bytes, base_url: str | None, expected: list[FeedEntry]) -> None:
    assert parse_feed(data, source="feed", base_url=base_url) == expected


def test_str_feed_is_never_taken_for_a_url_or_path() -> None:
    # feedparser given a str would fetch a URL or open a file; parse_feed must parse it as text.
    with pytest.raises(IngestError) as caught:
        parse_feed("http://127.0.0.1:9/feed.rss", source="arg")
    assert str(caught.value) == (
        "arg: not a valid RSS or Atom feed: XML not well-formed (invalid token)"
    )


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "not an RSS or Atom feed"),
        (RIVER.encode(), "not an RSS or Atom feed"),
        (
            b"\x00\x01 binary junk",
            "not a valid RSS or Atom feed: XML not well-formed (invalid token)",
        ),
        (
            b"<?xml version='1.0'?><rss version='2.0'><channel><title>Desk</title></channel></rss>",
            "feed has no entries",
        ),
        (
            b"<feed xmlns='http://www.w3.org/2005/Atom'><title>Desk</title></feed>",
            "feed has no entries",
        ),
        (
            b"<?xml version='1.0'?><rss version='2.0'><channel><title>A & B</title>",
            "malformed feed: XML not well-formed (invalid token)",
        ),
    ],
)
def test_unusable_feeds(data: bytes, problem: str) -> None:
    with pytest.raises(IngestError) as caught:
        parse_feed(data, source="desk.xml")
    assert str(caught.value) == f"desk.xml: {problem}"


def fake_article(
    html: str | bytes,
    *,
    source: str,
    url: str | None = None,
    published: str | None = None,
    article_id: str | None = None,
    fallback_published: str | None = None,
) -> Article:
    """Stand-in extractor: title from <h1>, date from <time>, text from <p>; no <p> is an error."""
    page = html.decode() if isinstance(html, bytes) else html
    paragraphs = re.findall(r"<p>(.*?)</p>", page)
    if not paragraphs:
        raise IngestError(source, "no article body found in the HTML")
    title = re.search(r"<h1>(.*?)</h1>", page)
    date = re.search(r"<time>(.*?)</time>", page)
    return Article(
        id=article_id or source,
        url=url,
        title=title.group(1) if title else "",
        published=published or (date.group(1) if date else None) or fallback_published,
        text="\n\n".join(paragraphs),
    )


LOCAL_FEED = f"""<rss version="2.0"><channel><title>Local</title>
<item><title>Feed title one</title><link>{BASE}/1</link><guid>one</guid>
  <pubDate>Fri, 01 Mar 2024 12:00:00 GMT</pubDate></item>
<item><title>Feed title two</title><link>{BASE}/2</link><guid>two</guid></item>
<item><title>Feed title three</title><link>{BASE}/3</link><guid>three</guid>
  <pubDate>Sat, 02 Mar 2024 12:00:00 GMT</pubDate></item>
<item><title>Feed title four</title><guid>four</guid></item>
<item><title>Feed title five</title><link>{BASE}/5</link><guid>five</guid>
  <pubDate>Sun, 03 Mar 2024 12:00:00 GMT</pubDate></item>
</channel></rss>"""


def _memory() -> MemoryFetcher:
    return (
        MemoryFetcher()
        .add(f"{BASE}/1", "<h1>Page one</h1><p>Both parties signed.</p>")
        .fail(f"{BASE}/2", "timed out after 10s")
        .add(f"{BASE}/3", "<nav>menu only</nav>")
        .add(f"{BASE}/5", "<p>No heading here.</p><time>2024-02-28</time>")
    )


# one entry per item: (kind, id, title, published) or ("error", message)
LOCAL_EXPECTED: list[tuple[str, ...]] = [
    ("article", "one", "Page one", "2024-03-01"),
    ("error", f"{BASE}/2: timed out after 10s"),
    ("error", f"{BASE}/3: no article body found in the HTML"),
    ("error", "four: feed entry has no link"),
    ("article", "five", "Feed title five", "2024-02-28"),
]


def _short(item: Article | IngestError) -> tuple[str, ...]:
    if isinstance(item, IngestError):
        return ("error", str(item))
    return ("article", item.id, item.title, item.published or "")


def test_local_feed_file_yields_articles_and_errors_in_order(tmp_path: Path) -> None:
    path = tmp_path / "desk.rss"
    path.write_text(LOCAL_FEED, encoding="utf-8")
    memory = _memory()
    items = list(iter_feed_articles(str(path), memory, to_article=fake_article))
    assert [_short(item) for item in items] == LOCAL_EXPECTED
    assert memory.requested == [f"{BASE}/{n}" for n in (1, 2, 3, 5)]


def test_on_error_receives_failures_instead_of_the_stream(tmp_path: Path) -> None:
    path = tmp_path / "desk.rss"
    path.write_text(LOCAL_FEED, encoding="utf-8")
    errors: list[IngestError] = []
    items = list(
        iter_feed_articles(str(path), _memory(), on_error=errors.append, to_article=fake_article)
    )
    assert [_short(item) for item in items] == [e for e in LOCAL_EXPECTED if e[0] == "article"]
    assert [("error", str(e)) for e in errors] == [e for e in LOCAL_EXPECTED if e[0] == "error"]


def test_feed_fetched_from_memory_resolves_relative_links() -> None:
    feed = "<rss version='2.0'><channel><item><link>story.html</link></item></channel></rss>"
    memory = (
        MemoryFetcher()
        .add(f"{BASE}/feeds/desk.rss", feed, content_type="application/rss+xml")
        .add(f"{BASE}/feeds/story.html", "<h1>Story</h1><p>Text.</p>")
    )
    items = list(iter_feed_articles(f"{BASE}/feeds/desk.rss", memory, to_article=fake_article))
    assert [_short(item) for item in items] == [
        ("article", f"{BASE}/feeds/story.html", "Story", "")
    ]


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("missing.rss", None, "cannot read feed file (no such file or directory)"),
        ("empty.rss", "", "empty input"),
        ("page.rss", "<html><body><p>Not a feed.</p></body></html>", "not an RSS or Atom feed"),
    ],
)
def test_unusable_local_feed_files(
    tmp_path: Path, name: str, content: str | None, problem: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    memory = MemoryFetcher()
    with pytest.raises(IngestError) as caught:
        iter_feed_articles(str(path), memory, to_article=fake_article)
    assert str(caught.value) == f"{path}: {problem}"
    assert memory.requested == []

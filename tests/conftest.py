"""Shared fixtures: article pages and texts written for the tests."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import TypeVar

import pytest

S = TypeVar("S", bound=ThreadingHTTPServer)


@contextmanager
def serving(srv: S) -> Iterator[S]:
    """Run a real HTTP server on 127.0.0.1 in a thread for the length of the block."""
    thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.02})
    thread.daemon = True
    thread.start()
    try:
        yield srv
    finally:
        srv.shutdown()
        srv.server_close()


PARAS = [
    "Ministers from Armenia and Azerbaijan met in Almaty on Monday to resume border talks, "
    "officials said, after a pause of three months.",
    "The two delegations agreed to set up a joint commission on the delimitation of the border "
    "and to meet again before the end of the month.",
    "Observers from the European Union and the African Union welcomed the step and called on "
    "both sides to keep the channel open.",
]


def page(
    title: str = "Border talks resume in Almaty",
    paras: list[str] | None = None,
    date: str = "2024-05-13",
    lang: str = "en",
    extra_head: str = "",
) -> str:
    """A news page with the clutter a body extractor must drop."""
    body = "".join(f"<p>{p}</p>" for p in (paras or PARAS))
    meta_date = (
        f'<meta property="article:published_time" content="{date}T09:30:00Z">' if date else ""
    )
    time_tag = f'<time datetime="{date}">{date}</time>' if date else ""
    return f"""<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">
<title>{title} | Example Courier</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="Example Courier">
{meta_date}
<meta name="author" content="Lena Okafor">{extra_head}
</head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a>
<a href="/sport">Sport</a></nav></header>
<nav class="breadcrumb"><a href="/">Home</a> &gt; <a href="/world">World</a> &gt;
<a href="/world/asia">Asia</a></nav>
<main><article><h1>{title}</h1><p class="byline">By Lena Okafor</p>
{time_tag}{body}</article>
<aside><h3>Related stories</h3>
<ul><li><a href="/x">Another story entirely</a></li></ul></aside></main>
<div class="newsletter">Subscribe to our newsletter for daily updates.</div>
<footer>Example Courier. All rights reserved.</footer>
</body></html>"""


@pytest.fixture
def html_page() -> str:
    return page()


@pytest.fixture
def text_article() -> str:
    return "Border talks resume in Almaty\nPublished: 13 May 2024\n\n" + "\n\n".join(PARAS)


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path

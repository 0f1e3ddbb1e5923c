"""Untrusted input never crashes the readers: it becomes an Article or one IngestError line."""

from __future__ import annotations

import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.ingest.errors import IngestError
from newsgraph.ingest.html import article_from_html
from newsgraph.ingest.jsonl import iter_jsonl
from newsgraph.ingest.sources import sniff
from newsgraph.ingest.text import article_from_text
from newsgraph.model import Article

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
html_bits = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<html>",
        "<body>",
        "<article>",
        "<h1>",
        "</h1>",
        "<script>",
        "<!--",
        "&amp;",
        "<meta charset='x'>",
        "Talks resumed on Monday. ",
        "\x00",
        "\n",
        "<",
        ">",
        "é",
    ]
)


@FAST
@given(st.text(max_size=3000))
def test_text_reader(raw: str) -> None:
    try:
        article = article_from_text(raw, source="fuzz.txt")
    except IngestError as exc:
        assert str(exc).startswith("fuzz.txt: ") and "\n" not in str(exc)
        return
    assert article.text and article.text == article.text.strip()


@FAST
@given(st.lists(html_bits, max_size=80).map("".join))
def test_html_reader(raw: str) -> None:
    try:
        article_from_html(raw, source="fuzz.html")
    except IngestError as exc:
        assert str(exc).startswith("fuzz.html: ") and "\n" not in str(exc)


@FAST
@given(st.binary(max_size=2000))
def test_html_reader_on_bytes(raw: bytes) -> None:
    try:
        article_from_html(raw, source="fuzz.html")
    except IngestError as exc:
        assert str(exc).startswith("fuzz.html: ")


@FAST
@given(
    st.lists(
        st.one_of(st.binary(max_size=200), st.just(b'{"id": "x", "text": "Body."}')), max_size=20
    )
)
def test_jsonl_reader(lines: list[bytes]) -> None:
    items = list(iter_jsonl(io.BytesIO(b"\n".join(lines)), "fuzz.jsonl"))
    for item in items:
        assert isinstance(item, Article | IngestError)
        if isinstance(item, IngestError):
            assert item.source.startswith("fuzz.jsonl:") and "\n" not in str(item)


@FAST
@given(st.binary(max_size=3000))
def test_sniff(raw: bytes) -> None:
    assert sniff(raw) in {"warc", "jsonl", "feed", "html", "text"}

"""HTML, WARC, JSON Lines, directories and globs, and every kind of bad input."""

from __future__ import annotations

import gzip
import json
from datetime import datetime
from pathlib import Path

import pytest

from conftest import PARAS, page
from newsgraph.ingest.errors import IngestError
from newsgraph.ingest.html import article_from_html
from newsgraph.ingest.sources import IngestOptions, iter_articles, sniff
from newsgraph.ingest.warc import WarcPage, iter_warc, write_warc
from newsgraph.model import Article


def split(items: list[Article | IngestError]) -> tuple[list[Article], list[str]]:
    return (
        [i for i in items if isinstance(i, Article)],
        [str(i) for i in items if isinstance(i, IngestError)],
    )


def test_html_metadata_and_clean_body(html_page: str) -> None:
    a = article_from_html(html_page, source="p.html", url="https://example.org/world/talks")
    assert a.title == "Border talks resume in Almaty"
    assert a.published == "2024-05-13"
    assert a.authors == ["Lena Okafor"]
    assert a.site == "Example Courier"
    assert a.section == "Asia"
    assert a.language == "en"
    assert a.text.split("\n\n") == PARAS
    for clutter in ("Related stories", "Subscribe", "All rights reserved", "Sport"):
        assert clutter not in a.text


def test_html_bytes_in_a_legacy_encoding() -> None:
    html = page(paras=[p + " Café déjà vu." for p in PARAS]).replace(
        'charset="utf-8"', 'charset="windows-1252"'
    )
    a = article_from_html(html.encode("cp1252"), source="p.html")
    assert "Café déjà vu" in a.text


@pytest.mark.parametrize(
    ("html", "problem"),
    [
        ("", "empty input"),
        ("<html><head><title>Nothing</title></head><body></body></html>", "no article body"),
        ("<html><body><nav><a href='/'>Home</a></nav></body></html>", "no article body"),
    ],
)
def test_html_without_a_body(html: str, problem: str) -> None:
    with pytest.raises(IngestError, match=problem):
        article_from_html(html, source="bad.html")


def test_warc_round_trip(tmp_path: Path) -> None:
    when = datetime(2024, 5, 14)
    pages = [
        WarcPage("https://example.org/a", page().encode(), when),
        WarcPage("https://example.org/b", page("Second story", date="2024-05-14").encode(), when),
        WarcPage("https://example.org/logo.png", b"\x89PNG\r\n", when, "image/png"),
    ]
    for name in ("crawl.warc", "crawl.warc.gz"):
        path = tmp_path / name
        assert write_warc(path, pages) == 3
        articles, errors = split(list(iter_warc(path)))
        assert [a.url for a in articles] == ["https://example.org/a", "https://example.org/b"]
        assert articles[1].title == "Second story"
        assert errors == []


def test_warc_crawl_date_only_when_the_page_has_none(tmp_path: Path) -> None:
    dateless = page(date="")
    path = tmp_path / "c.warc"
    write_warc(
        path,
        [
            WarcPage("https://example.org/a", page().encode(), datetime(2024, 6, 1)),
            WarcPage("https://example.org/b", dateless.encode(), datetime(2024, 6, 1)),
        ],
    )
    articles, _ = split(list(iter_warc(path)))
    assert [a.published for a in articles] == ["2024-05-13", "2024-06-01"]


@pytest.mark.parametrize("suffix", [".warc", ".warc.gz"])
def test_truncated_warc_reports_the_record(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"c{suffix}"
    write_warc(
        path,
        [
            WarcPage("https://example.org/a", page().encode()),
            WarcPage("https://example.org/b", page("Cut short").encode()),
        ],
    )
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 700])
    articles, errors = split(list(iter_warc(path)))
    assert [a.url for a in articles] == ["https://example.org/a"]
    assert len(errors) == 1 and str(path) in errors[0]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "empty input"),
        (b"GET / HTTP/1.1\r\n", "not a WARC file"),
        (b"\x1f\x8b\x08\x00broken", "not a WARC file"),
    ],
)
def test_not_a_warc(tmp_path: Path, content: bytes, problem: str) -> None:
    path = tmp_path / "x.warc.gz"
    path.write_bytes(content)
    (err,) = list(iter_articles([str(path)]))
    assert isinstance(err, IngestError) and problem in str(err) and str(path) in str(err)


def test_jsonl_records_and_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a1", "text": PARAS[0], "published": "2024-05-13"}),
        "{not json",
        json.dumps({"id": "a2", "html": page(), "url": "https://example.org/x"}),
        "",
        json.dumps({"id": "a3"}),
        json.dumps(["a", "list"]),
        json.dumps({"id": 7, "title": "Numbered", "text": PARAS[1]}),
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    articles, errors = split(list(iter_articles([str(path)])))
    assert [a.id for a in articles] == ["a1", "a2", "7"]
    assert articles[0].published == "2024-05-13" and articles[0].text == PARAS[0]
    assert articles[1].url == "https://example.org/x"
    assert articles[2].title == "Numbered"
    assert [e.split(": ")[0] for e in errors] == [f"{path}:2", f"{path}:5", f"{path}:6"]
    assert "invalid JSON" in errors[0] and '"text" or an "html"' in errors[1]


def test_directories_globs_and_missing_paths(tmp_path: Path, text_article: str) -> None:
    (tmp_path / "a.txt").write_text(text_article, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text(page("Other talks"), encoding="utf-8")
    (tmp_path / "notes.md").write_text("# not an article", encoding="utf-8")
    articles, errors = split(list(iter_articles([str(tmp_path)])))
    assert sorted(a.title for a in articles) == ["Border talks resume in Almaty", "Other talks"]
    articles, errors = split(
        list(
            iter_articles(
                [str(tmp_path / "*.txt"), str(tmp_path / "missing.txt"), str(tmp_path / "*.none")]
            )
        )
    )
    assert len(articles) == 1
    assert errors == [
        f"{tmp_path / 'missing.txt'}: no such file or directory",
        f"{tmp_path / '*.none'}: no file matches this pattern",
    ]


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("empty.txt", b"", "empty input"),
        ("image.txt", bytes(range(256)) * 8, "binary content"),
        ("zeros.html", b"\x00" * 1000, "binary content"),
        ("huge.html", b"<p>" + b"x" * 3_000_000 + b"</p>", "over the 2 MB limit"),
        ("blank.html", b"<html><body>   </body></html>", "no article body"),
    ],
)
def test_bad_files_give_one_line_and_the_run_continues(
    tmp_path: Path, text_article: str, name: str, content: bytes, problem: str
) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text(text_article, encoding="utf-8")
    items = list(iter_articles([str(bad), str(good)], IngestOptions(max_bytes=2_000_000)))
    articles, errors = split(items)
    assert len(articles) == 1 and len(errors) == 1
    assert errors[0].startswith(f"{bad}: ") and problem in errors[0] and "\n" not in errors[0]


def test_undecodable_text_is_read_with_a_detected_encoding(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    body = (
        "Les délégués se sont réunis à Genève lundi pour reprendre les négociations sur le "
        "cessez-le-feu. Le ministre français a déclaré que la délégation arriverait mercredi."
    )
    path.write_bytes(f"Pourparlers à Genève\n\n{body}".encode("latin-1"))
    (article,) = list(iter_articles([str(path)]))
    assert isinstance(article, Article) and "Genève" in article.text


def test_gzipped_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl.gz"
    path.write_bytes(gzip.compress(json.dumps({"id": "g", "text": PARAS[0]}).encode()))
    (article,) = list(iter_articles([str(path)]))
    assert isinstance(article, Article) and article.id == "g"


@pytest.mark.parametrize(
    ("head", "fmt"),
    [
        (b"WARC/1.1\r\n", "warc"),
        (b'{"id": 1}', "jsonl"),
        (b"<?xml?><rss version='2.0'>", "feed"),
        (b"<!DOCTYPE html><html>", "html"),
        (b"Talks resume\n\nBody.", "text"),
    ],
)
def test_sniff(head: bytes, fmt: str) -> None:
    assert sniff(head) == fmt

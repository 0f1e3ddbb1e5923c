"""A small corpus of work units for the scale-out tests, made from the bundled sample articles:
four plain-text files and three WARC crawls of the sample HTML pages, one of which repeats a page
under another URL. Two articles are syndicated copies of earlier ones (linked as duplicates) and
the repeated page is already stored when its turn comes.
"""

from __future__ import annotations

import re
import shutil
from datetime import datetime
from pathlib import Path

import duckdb

from newsgraph.ingest.warc import WarcPage, write_warc
from newsgraph.store.schema import TABLES

SAMPLES = Path(__file__).resolve().parents[1] / "src" / "newsgraph" / "data" / "samples"
TEXTS = (
    "02-kharkiv-lakeside-strike.txt",
    "03-sudan-el-fasher-siege.txt",
    "12-haiti-kenyan-police-arrive.txt",
    "13-kharkiv-strike-syndicated.txt",
)
# What the corpus holds, as the single-machine ingest stores it.
ITEMS, DUPLICATES, ALREADY = 12, 2, 1
# A title word of exactly one article (in a text file), for tests that make its worker fail.
MARKER = "Kenyan"
_CANONICAL = re.compile(rb'<link rel="canonical" href="([^"]+)"')
_PUBLISHED = re.compile(rb'property="article:published_time" content="(\d{4}-\d{2}-\d{2})')


def sample_pages() -> list[WarcPage]:
    """The sample HTML pages as a crawler stores them: at their canonical URL, dated."""
    out = []
    for path in sorted(SAMPLES.glob("*.html")):
        html = path.read_bytes()
        url = _CANONICAL.search(html)
        day = _PUBLISHED.search(html)
        out.append(
            WarcPage(
                url=url.group(1).decode() if url else f"https://example.org/{path.stem}",
                html=html,
                date=datetime.fromisoformat(day.group(1).decode()) if day else None,
            )
        )
    return out


def build_corpus(root: Path) -> Path:
    """Write the corpus into ``root/corpus`` (text files first, then crawls, by name)."""
    folder = root / "corpus"
    folder.mkdir(parents=True)
    for name in TEXTS:
        shutil.copy(SAMPLES / name, folder / name)
    pages = sample_pages()
    again = WarcPage(url=pages[0].url + "?copy=1", html=pages[0].html, date=pages[0].date)
    write_warc(folder / "crawl-a.warc.gz", pages[:3])
    write_warc(folder / "crawl-b.warc", pages[3:6])
    write_warc(folder / "crawl-c.warc.gz", [*pages[6:], again])
    return folder


def table_rows(db: Path, table: str) -> list[tuple[object, ...]]:
    """Every row of ``table`` but its ingestion time, sorted: what two stores must share."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        cols = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall() if r[0] != "ingested_at"]
        names = ", ".join(f'"{c}"' for c in cols)
        return con.execute(f"SELECT {names} FROM {table} ORDER BY ALL").fetchall()
    finally:
        con.close()


def assert_same_store(db: Path, reference: Path) -> None:
    """``db`` holds exactly the rows of ``reference`` in every article table."""
    for table in TABLES:
        assert table_rows(db, table) == table_rows(reference, table), table

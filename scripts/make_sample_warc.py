"""Build the sample crawl, data/samples/crawl.warc.gz, from the sample HTML pages.

Each page becomes one HTTP response record at its canonical URL, dated by its publication
meta tag, as a news crawler would have stored it. Run with `make samples`.
"""

from __future__ import annotations

import re
import sys
from datetime import datetime
from pathlib import Path

from newsgraph.ingest.warc import WarcPage, write_warc

SAMPLES = Path(__file__).resolve().parents[1] / "src" / "newsgraph" / "data" / "samples"
_CANONICAL = re.compile(rb'<link rel="canonical" href="([^"]+)"')
_PUBLISHED = re.compile(rb'property="article:published_time" content="(\d{4}-\d{2}-\d{2})')


def pages(folder: Path) -> list[WarcPage]:
    out = []
    for path in sorted(folder.glob("*.html")):
        html = path.read_bytes()
        url = _CANONICAL.search(html)
        date = _PUBLISHED.search(html)
        out.append(
            WarcPage(
                url=url.group(1).decode() if url else f"https://example.org/{path.stem}",
                html=html,
                date=datetime.fromisoformat(date.group(1).decode()) if date else None,
            )
        )
    return out


def main() -> int:
    target = SAMPLES / "crawl.warc.gz"
    n = write_warc(target, pages(SAMPLES))
    print(f"{target}: {n} response records")
    return 0


if __name__ == "__main__":
    sys.exit(main())

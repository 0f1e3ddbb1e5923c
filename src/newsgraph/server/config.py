"""How a server runs: its database, its limits, and what it may fetch."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsgraph.ingest.fetch import Fetcher

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_MAX_UPLOAD_BYTES = 20_000_000
# Lines of one POST /api/ingest request; a client sends larger runs as several batches.
MAX_INGEST_LINES = 1000


@dataclass(frozen=True)
class ServerConfig:
    """One server's settings. ``resolve`` and ``fetcher`` are seams for tests (no network)."""

    db: Path
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES
    # Fetch URLs on private, loopback, link-local and reserved addresses (an intranet's pages).
    allow_private_urls: bool = False
    fetch_timeout: float = 10.0
    # host -> its IP addresses; None: the system resolver.
    resolve: Callable[[str], list[str]] | None = None
    # A fetcher to use instead of the guarded HTTP one (tests serve pages from memory).
    fetcher: Callable[[], Fetcher] | None = None

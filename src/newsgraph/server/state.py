"""The server's hold on its database: the one writing connection, a cursor per reading request,
and the near-duplicate index that stored articles are checked against."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Literal

import duckdb
from duckdb.func import FunctionNullHandling

from newsgraph.ingest.dedup import signature, to_bytes
from newsgraph.model import Analysis
from newsgraph.server.config import ServerConfig
from newsgraph.store.events_export import start_day
from newsgraph.store.writer import Store, Stored

Status = Literal["stored", "duplicate", "skipped", "failed"]


@dataclass(frozen=True)
class Outcome:
    """What became of one article sent to the server."""

    id: str | None
    status: Status
    error: str | None = None
    duplicate_of: str | None = None


def _day(value: str | None) -> date | None:
    return start_day(value) if value else None


class ServerState:
    """Owns the store for the server's lifetime; raises ``StoreInUse`` if another process has it."""

    def __init__(self, config: ServerConfig) -> None:
        self.config = config
        self.store = Store(config.db)
        self._lock = threading.Lock()
        self._index = self.store.dedup_index()
        # The first day of an event's TimeML date, as the GDELT export reads it (weeks too).
        self.store.con.create_function(
            "ng_start_day", _day, ["VARCHAR"], "DATE", null_handling=FunctionNullHandling.SPECIAL
        )

    def close(self) -> None:
        self.store.close()

    @contextmanager
    def reader(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor of its own for one request: DuckDB connections are not shared by threads."""
        cursor = self.store.con.cursor()
        try:
            yield cursor
        finally:
            cursor.close()

    def save(self, analyses: Sequence[Analysis]) -> list[Outcome]:
        """Store ``analyses`` in one transaction: already stored ones are skipped, near-copies
        linked to their original; one outcome per analysis, in order."""
        outcomes: list[Outcome] = []
        batch: list[Stored] = []
        with self._lock:
            known = self.store.known_ids(a.article.id for a in analyses)
            seen: set[str] = set()
            for an in analyses:
                aid = an.article.id
                if aid in known or aid in seen:
                    outcomes.append(Outcome(aid, "skipped"))
                    continue
                seen.add(aid)
                sig = signature(an.article.text)
                dup = self._index.check(sig)
                if dup is None:
                    self._index.add(aid, sig)
                    outcomes.append(Outcome(aid, "stored"))
                else:
                    an.article.duplicate_of = dup.original
                    an.warnings.append(
                        f"near-duplicate of article {dup.original} "
                        f"(similarity {dup.similarity:.2f})"
                    )
                    outcomes.append(Outcome(aid, "duplicate", duplicate_of=dup.original))
                batch.append(Stored(an, an.article.url or aid, to_bytes(sig), dup))
            if not batch:
                return outcomes
            try:
                self.store.write(batch)
            except Exception as exc:  # the batch is rolled back: nothing of it is stored
                self._index = self.store.dedup_index()
                problem = f"not stored ({type(exc).__name__}: {exc})"
                return [
                    o if o.status == "skipped" else Outcome(o.id, "failed", problem)
                    for o in outcomes
                ]
        return outcomes

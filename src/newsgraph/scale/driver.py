"""The driver: the one writer. It takes the workers' chunks in input order, links near-copies to
their originals exactly as the single-machine ``ingest`` does, skips what is stored already,
writes one transaction per batch, records finished work units, and keeps the accounts.

Every item of every unit ends in exactly one of: stored, duplicate, already stored, failed; a unit
whose worker kept dying is reported by name, never dropped.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import astuple, dataclass, field
from typing import Protocol

import pyarrow as pa

from newsgraph.ingest.dedup import Duplicate, NearDuplicates, from_bytes
from newsgraph.scale.arrow import SEQ, concat, insert, keep_seqs, replace_column
from newsgraph.scale.units import WorkUnit
from newsgraph.scale.worker import Chunk, Entry
from newsgraph.store.schema import TABLES
from newsgraph.store.writer import Store


@dataclass(frozen=True)
class UnitDone:
    """A finished work unit and what became of its items."""

    key: str
    spec: str
    size: int | None
    mtime_ns: int | None
    items: int
    stored: int
    duplicates: int
    skipped: int
    failed: int


class Sink(Protocol):
    """Where the driver writes: the DuckDB store, or a folder of Parquet files."""

    def known_ids(self, ids: Sequence[str]) -> set[str]: ...

    def dedup_index(self) -> NearDuplicates: ...

    def done_units(self) -> set[str]: ...

    def write(self, tables: dict[str, pa.Table], units: Sequence[UnitDone]) -> None: ...


@dataclass
class ScaleReport:
    """The accounts of a job: items in = stored + duplicates + already stored + failed."""

    items: int = 0
    stored: int = 0
    duplicates: int = 0
    skipped: int = 0
    failed: list[str] = field(default_factory=list)
    units: int = 0
    units_done: int = 0
    units_resumed: int = 0
    units_failed: list[str] = field(default_factory=list)
    peak_worker_mb: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed and not self.units_failed

    @property
    def balanced(self) -> bool:
        return self.items == self.stored + self.duplicates + self.skipped + len(self.failed)

    def articles_line(self) -> str:
        """``N articles in = M stored + K duplicates + S already stored + F failed``."""
        return (
            f"{self.items} articles in = {self.stored} stored + {self.duplicates} duplicates"
            f" + {self.skipped} already stored + {len(self.failed)} failed"
        )

    def summary(self) -> str:
        units = f"{self.units_done} of {self.units} work units done"
        if self.units_resumed:
            units += f" ({self.units_resumed} finished by an earlier run)"
        if self.units_failed:
            units += f", {len(self.units_failed)} failed (run again to retry them)"
        return f"{self.articles_line()}; {units}"


class StoreSink:
    """The DuckDB store as the driver's sink: one transaction per batch. It sets the store's
    connection to one thread: the driver's inserts are small and many, and one thread does them
    with less CPU than several, leaving the cores to the workers."""

    def __init__(self, store: Store, threads: int | None = 1) -> None:
        self.store = store
        if threads:
            store.con.execute(f"SET threads = {int(threads)}")

    def known_ids(self, ids: Sequence[str]) -> set[str]:
        return self.store.known_ids(ids)

    def dedup_index(self) -> NearDuplicates:
        return self.store.dedup_index()

    def done_units(self) -> set[str]:
        return {r[0] for r in self.store.con.execute("SELECT key FROM work_units").fetchall()}

    def write(self, tables: dict[str, pa.Table], units: Sequence[UnitDone]) -> None:
        con = self.store.con
        con.execute("BEGIN TRANSACTION")
        try:
            for table in TABLES:
                if table in tables:
                    insert(con, table, tables[table])
            if units:
                con.executemany(
                    "INSERT OR REPLACE INTO work_units (key, spec, size, mtime_ns, items, stored,"
                    " duplicates, skipped, failed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [astuple(u) for u in units],
                )
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise


@dataclass
class _Unit:
    unit: WorkUnit
    seen: set[int] = field(default_factory=set)
    items: int = 0
    stored: int = 0
    duplicates: int = 0
    skipped: int = 0
    failed: int = 0
    total: int | None = None
    complete: bool = False
    failure: str | None = None

    def record(self) -> UnitDone:
        u = self.unit
        return UnitDone(
            u.key, u.spec, u.size, u.mtime_ns, self.items, self.stored, self.duplicates,
            self.skipped, self.failed,
        )  # fmt: skip


def _dup_message(dup: Duplicate) -> str:
    return f"near-duplicate of article {dup.original} (similarity {dup.similarity:.2f})"


def link_duplicates(articles: pa.Table, dups: dict[int, Duplicate]) -> pa.Table:
    """``articles`` with the rows of ``dups`` (by ``_seq``) linked to their originals, with the
    warning and record the single-machine path gives a near-copy."""
    if not dups:
        return articles
    seqs = articles[SEQ].to_pylist()
    dup_of = articles["duplicate_of"].to_pylist()
    sims = articles["similarity"].to_pylist()
    warnings = articles["warnings"].to_pylist()
    records = articles["analysis"].to_pylist()
    for i, seq in enumerate(seqs):
        dup = dups.get(seq)
        if dup is None:
            continue
        msg = _dup_message(dup)
        dup_of[i], sims[i] = dup.original, dup.similarity
        warnings[i] = [*(warnings[i] or []), msg]
        record = json.loads(records[i])
        record["article"]["duplicate_of"] = dup.original
        record["warnings"].append(msg)
        records[i] = json.dumps(record, ensure_ascii=False)
    for name, values in (
        ("duplicate_of", dup_of),
        ("similarity", sims),
        ("warnings", warnings),
        ("analysis", records),
    ):
        articles = replace_column(articles, name, values)
    return articles


class Collector:
    """Takes chunks in input order and writes what is new; ``finish`` returns the accounts."""

    def __init__(
        self,
        sink: Sink,
        units: Sequence[WorkUnit],
        batch_size: int = 50,
        on_error: Callable[[str], None] | None = None,
        on_items: Callable[[int], None] | None = None,
    ) -> None:
        self.sink = sink
        self.batch_size = batch_size
        self.on_error = on_error or (lambda _line: None)
        self.on_items = on_items or (lambda _n: None)
        self.report = ScaleReport(units=len(units))
        self.index = sink.dedup_index()
        self._units = {u.index: _Unit(u) for u in units}
        self._written: set[str] = set()
        self._pending: list[dict[str, pa.Table]] = []
        self._pending_items = 0
        self._pending_units: list[UnitDone] = []

    def fail(self, line: str) -> None:
        """Count one failed item (an input that could not be read) and report it."""
        self.report.items += 1
        self.report.failed.append(line)
        self.on_error(line)

    def accept(self, chunk: Chunk) -> None:
        state = self._units[chunk.unit]
        self.report.peak_worker_mb = max(self.report.peak_worker_mb, chunk.peak_mb)
        if state.complete:
            return
        fresh = [e for e in chunk.entries if e.seq not in state.seen]
        candidates = [e.article_id for e in fresh if e.error is None and e.article_id]
        known = self.sink.known_ids([i for i in candidates if i not in self._written])
        originals: list[int] = []
        linked: list[int] = []
        dups: dict[int, Duplicate] = {}
        for entry in fresh:
            state.seen.add(entry.seq)
            kind = self._decide(entry, known, dups)
            if kind == "stored":
                originals.append(entry.seq)
            elif kind == "linked":
                linked.append(entry.seq)
            self._count(state, kind)
        self.on_items(len(fresh))
        if originals or dups or linked:
            self._pending.append(self._rows(chunk.tables, originals, linked, dups))
            self._pending_items += len(originals) + len(linked) + len(dups)
        self._close_unit(state, chunk)
        if self._pending_items >= self.batch_size:
            self.flush()

    def _decide(self, entry: Entry, known: set[str], dups: dict[int, Duplicate]) -> str:
        if entry.error is not None:
            self.report.failed.append(entry.error)
            self.on_error(entry.error)
            return "failed"
        aid = entry.article_id or ""
        if aid in self._written or aid in known:
            return "skipped"
        self._written.add(aid)
        if entry.duplicate_of is not None:  # linked before (re-loaded output): keep the link
            return "linked"
        if entry.minhash is None:
            return "stored"
        sig = from_bytes(entry.minhash)
        dup = self.index.check(sig)
        if dup is None:
            self.index.add(aid, sig)
            return "stored"
        dups[entry.seq] = dup
        return "duplicate"

    def _count(self, state: _Unit, kind: str) -> None:
        state.items += 1
        self.report.items += 1
        if kind == "stored":
            state.stored += 1
            self.report.stored += 1
        elif kind in ("duplicate", "linked"):
            state.duplicates += 1
            self.report.duplicates += 1
        elif kind == "skipped":
            state.skipped += 1
            self.report.skipped += 1
        else:
            state.failed += 1

    @staticmethod
    def _rows(
        tables: dict[str, pa.Table],
        originals: list[int],
        linked: list[int],
        dups: dict[int, Duplicate],
    ) -> dict[str, pa.Table]:
        """The rows to write: every kept article's row, and records of the originals only."""
        out = {}
        for table, data in tables.items():
            if table == "articles":
                rows = keep_seqs(data, [*originals, *linked, *dups])
                out[table] = link_duplicates(rows, dups)
            else:  # a syndicated copy is linked, not counted twice
                out[table] = keep_seqs(data, originals)
        return out

    def _close_unit(self, state: _Unit, chunk: Chunk) -> None:
        if chunk.failure is not None:
            state.failure = chunk.failure
            self._unit_failed(state, chunk.failure)
            return
        if chunk.done is not None:
            state.total = chunk.done
        if state.total is not None and len(state.seen) >= state.total:
            state.complete = True
            state.seen = set()
            self.report.units_done += 1
            if state.unit.resumable:
                self._pending_units.append(state.record())

    def _unit_failed(self, state: _Unit, why: str) -> None:
        state.complete = True
        line = f"{state.unit.spec}: work unit failed: {why}"
        self.report.units_failed.append(line)
        self.on_error(line)

    def flush(self) -> None:
        """Write the pending rows and finished units in one transaction."""
        if not self._pending and not self._pending_units:
            return
        self.sink.write(concat(self._pending), self._pending_units)
        self._pending = []
        self._pending_items = 0
        self._pending_units = []

    def finish(self, lost: str = "the worker died") -> ScaleReport:
        """Write what is pending; every unit that never finished is reported as failed."""
        self.flush()
        for state in self._units.values():
            if not state.complete:
                done = f", {len(state.seen)} items were handled first" if state.seen else ""
                self._unit_failed(state, lost + done)
        return self.report

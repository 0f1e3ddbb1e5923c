"""Output as Parquet for clusters: one folder per table, partitioned by publication month
(``events/published_month=2024-05/b-....parquet``), with the store's columns, and a manifest.

The manifest (``_manifest.json``, replaced atomically after each batch's files are complete)
lists the batches in the order they were written and the work units they finished. A restarted
job removes files no batch lists (a batch cut short) and skips the finished units; ``load``
reads only listed files, and DuckDB can query the folder in place with ``hive_partitioning``.
"""

from __future__ import annotations

import json
import os
import re
import uuid
from collections.abc import Callable, Sequence
from dataclasses import asdict
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from newsgraph.ingest.dedup import NearDuplicates, from_bytes
from newsgraph.scale.arrow import SEQ, schema
from newsgraph.scale.driver import Collector, ScaleReport, StoreSink, UnitDone
from newsgraph.scale.errors import OutputError
from newsgraph.scale.units import WorkUnit
from newsgraph.scale.worker import Chunk, Entry
from newsgraph.store.schema import SCHEMA_VERSION, TABLES
from newsgraph.store.writer import Store

MANIFEST = "_manifest.json"
FORMAT = "newsgraph.parquet/1"
PARTITION = "published_month"
UNKNOWN = "unknown"
_MONTH = re.compile(r"^\d{4}-\d{2}")


def read_manifest(out_dir: Path) -> dict[str, Any] | None:
    path = out_dir / MANIFEST
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise OutputError(f"{path}: cannot read the manifest ({exc})") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise OutputError(f"{path}: not a newsgraph Parquet manifest")
    return data


def _write_atomic(path: Path, write: Callable[[Path], object]) -> None:
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    write(tmp)
    os.replace(tmp, path)


def _month(published: str | None) -> str:
    return published[:7] if published and _MONTH.match(published) else UNKNOWN


def _quote(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


class ParquetSink:
    """A folder of Parquet files as the driver's sink (see the module docstring)."""

    def __init__(self, out_dir: str | Path) -> None:
        self.dir = Path(out_dir)
        self.dir.mkdir(parents=True, exist_ok=True)
        self.manifest = read_manifest(self.dir) or {
            "format": FORMAT,
            "schema_version": SCHEMA_VERSION,
            "partitioning": PARTITION,
            "batches": [],
            "units": {},
        }
        self._run = datetime.now(UTC).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
        self._batches = 0
        self._remove_unlisted()
        self._ids: set[str] = set()
        self._originals: list[tuple[str, bytes]] = []
        self._read_articles()

    def listed(self, table: str) -> list[Path]:
        """The files of ``table`` that finished batches list, in batch order."""
        return [self.dir / f for b in self.manifest["batches"] for f in b["files"].get(table, [])]

    def _remove_unlisted(self) -> None:
        keep = {str(p) for t in TABLES for p in self.listed(t)}
        for table in TABLES:
            for path in sorted((self.dir / table).glob("**/*")):
                if path.is_file() and str(path) not in keep:
                    path.unlink()

    def _read_articles(self) -> None:
        files = self.listed("articles")
        if not files:
            return
        query = (
            "SELECT id, minhash, duplicate_of FROM read_parquet(["
            + ", ".join(_quote(f) for f in files)
            + "]) ORDER BY ingested_at, id"
        )
        for aid, sig, dup in duckdb.connect().execute(query).fetchall():
            self._ids.add(aid)
            if dup is None and sig is not None:
                self._originals.append((aid, sig))

    def known_ids(self, ids: Sequence[str]) -> set[str]:
        return {i for i in ids if i in self._ids}

    def dedup_index(self) -> NearDuplicates:
        index = NearDuplicates()
        for aid, sig in self._originals:
            index.add(aid, from_bytes(sig))
        return index

    def done_units(self) -> set[str]:
        return set(self.manifest["units"])

    def write(self, tables: dict[str, pa.Table], units: Sequence[UnitDone]) -> None:
        """Write one batch's files, then record them and ``units`` in the manifest."""
        self._batches += 1
        batch_id = f"b-{self._run}-{self._batches:05d}"
        articles = tables.get("articles", schema("articles").empty_table())
        months = {a: _month(p) for a, p in zip(*_columns(articles, "id", "published"), strict=True)}
        files: dict[str, list[str]] = {}
        for table in TABLES:
            data = tables.get(table)
            if data is None or data.num_rows == 0:
                continue
            files[table] = self._write_table(table, data, months, batch_id)
        self._ids.update(months)
        if files:
            batch = {"id": batch_id, "files": files, "articles": len(months)}
            self.manifest["batches"].append(batch)
        for u in units:
            record = asdict(u)
            record["finished_at"] = datetime.now(UTC).isoformat(timespec="seconds")
            self.manifest["units"][u.key] = record
        text = json.dumps(self.manifest, ensure_ascii=False, indent=1)
        _write_atomic(self.dir / MANIFEST, lambda p: p.write_text(text, encoding="utf-8"))

    def _write_table(
        self, table: str, data: pa.Table, months: dict[str, str], batch_id: str
    ) -> list[str]:
        key = "id" if table == "articles" else "article_id"
        data = data.drop_columns([SEQ]) if SEQ in data.column_names else data
        if table == "articles":
            now = datetime.now(UTC).replace(tzinfo=None)
            data = data.set_column(
                data.schema.get_field_index("published"),
                "published",
                pc.cast(data["published"], pa.date32()),
            ).append_column("ingested_at", pa.array([now] * data.num_rows, pa.timestamp("us")))
        row_months = pa.array([months.get(a, UNKNOWN) for a in data[key].to_pylist()])
        written = []
        for month in sorted(set(row_months.to_pylist())):
            part = data.filter(pc.equal(row_months, month))
            rel = f"{table}/{PARTITION}={month}/{batch_id}.parquet"
            target = self.dir / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            _write_atomic(target, partial(pq.write_table, part))
            written.append(rel)
        return written


def _columns(data: pa.Table, *names: str) -> list[list[Any]]:
    return [data[n].to_pylist() for n in names]


def _batch_chunk(out_dir: Path, index: int, batch: dict[str, Any]) -> Chunk:
    """One listed batch as a chunk the driver takes: its articles numbered in order, every
    row carrying its article's number."""
    tables: dict[str, pa.Table] = {}
    for table in TABLES:
        parts = [pq.read_table(out_dir / f) for f in batch["files"].get(table, [])]
        target = schema(table, with_seq=False)
        data = (
            pa.concat_tables([p.select(target.names).cast(target) for p in parts])
            if parts
            else target.empty_table()
        )
        tables[table] = data
    ids = tables["articles"]["id"]
    for table, data in tables.items():
        key = "id" if table == "articles" else "article_id"
        seqs = pc.index_in(data[key], value_set=ids).cast(pa.int64())
        tables[table] = data.append_column(SEQ, seqs)
    art = tables["articles"]
    entries = [
        Entry(seq, aid, sig, duplicate_of=dup, similarity=sim)
        for seq, (aid, sig, dup, sim) in enumerate(
            zip(*_columns(art, "id", "minhash", "duplicate_of", "similarity"), strict=True)
        )
    ]
    return Chunk(index, entries, tables, done=len(entries))


def load_dir(
    out_dir: str | Path,
    store: Store,
    batch_size: int = 500,
    on_error: Callable[[str], None] | None = None,
) -> ScaleReport:
    """Bring a Parquet output folder into the store: what is stored already is skipped, and an
    article that copies one stored before is linked to it, as ``ingest`` would."""
    folder = Path(out_dir)
    manifest = read_manifest(folder)
    if manifest is None:
        raise OutputError(f"{folder}: no {MANIFEST} here (not newsgraph Parquet output)")
    batches = manifest["batches"]
    units = [WorkUnit(i, f"{folder}#{b['id']}", b["id"]) for i, b in enumerate(batches)]
    sink = StoreSink(store)
    collector = Collector(sink, units, batch_size, on_error)
    for i, batch in enumerate(batches):
        collector.accept(_batch_chunk(folder, i, batch))
    report = collector.finish()
    finished = [
        UnitDone(**{k: v for k, v in u.items() if k != "finished_at"})
        for u in manifest["units"].values()
    ]
    if finished:
        sink.write({}, finished)
    return report

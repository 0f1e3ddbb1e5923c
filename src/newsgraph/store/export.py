"""Exports of the store: every table as Parquet or CSV files, or the analyses as JSON Lines."""

from __future__ import annotations

from pathlib import Path
from typing import IO, Literal

from newsgraph.store.schema import TABLES, columns
from newsgraph.store.writer import Store

ExportFormat = Literal["parquet", "csv", "jsonl"]
# Columns that are the store's own machinery, not data a user exports.
_INTERNAL = {"minhash", "analysis"}


def _quote_path(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def export_tables(
    store: Store, out_dir: Path, fmt: Literal["parquet", "csv"], tables: list[str] | None = None
) -> list[Path]:
    """Write each table to ``out_dir/TABLE.{parquet,csv}``; returns the files written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for table in tables or list(TABLES):
        if table not in TABLES:
            raise ValueError(f"unknown table {table!r} (tables: {', '.join(TABLES)})")
        cols = ", ".join(f'"{c}"' for c in columns(table) if c not in _INTERNAL)
        target = out_dir / f"{table}.{fmt}"
        options = "FORMAT PARQUET" if fmt == "parquet" else "FORMAT CSV, HEADER"
        store.con.execute(f"COPY (SELECT {cols} FROM {table}) TO {_quote_path(target)} ({options})")
        written.append(target)
    return written


def export_jsonl(store: Store, out: IO[str], include_duplicates: bool = False) -> int:
    """Write one analysis record per line, in the order they were stored; returns the count."""
    where = "" if include_duplicates else "WHERE duplicate_of IS NULL"
    n = 0
    cursor = store.con.execute(f"SELECT analysis FROM articles {where} ORDER BY ingested_at, id")
    while rows := cursor.fetchmany(500):
        for (record,) in rows:
            out.write(record if isinstance(record, str) else str(record))
            out.write("\n")
            n += 1
    return n

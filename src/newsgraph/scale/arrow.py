"""The store's rows as Arrow tables: built by the workers, filtered by the driver, inserted into
DuckDB or written as Parquet with one layout.

The rows come from the single-machine writer's own row functions, and the column types from the
store's declared schema, so that a table here holds exactly what ``Store.write`` would insert.
A ``_seq`` column (the article's position in its work unit) travels with every row so that the
driver can keep or drop an article's rows without touching the rest.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from newsgraph.store.schema import OTHER_TABLES, TABLES, columns
from newsgraph.store.writer import Stored, _article_row, _child_rows

SEQ = "_seq"
# DuckDB column types to Arrow. DATE stays a string in transit (DuckDB casts it on insert, the
# Parquet writer casts it to date32) so that rows are never reinterpreted on the way.
_TYPES: dict[str, pa.DataType] = {
    "VARCHAR": pa.string(),
    "INTEGER": pa.int32(),
    "BIGINT": pa.int64(),
    "DOUBLE": pa.float64(),
    "BOOLEAN": pa.bool_(),
    "DATE": pa.string(),
    "JSON": pa.string(),
    "BLOB": pa.binary(),
    "TIMESTAMP": pa.timestamp("us"),
    "VARCHAR[]": pa.list_(pa.string()),
}


def _declared_types(table: str) -> dict[str, str]:
    body = TABLES.get(table) or OTHER_TABLES[table]
    out = {}
    for part in body.split(","):
        words = part.split()
        if len(words) >= 2:
            out[words[0].strip('"')] = words[1]
    return out


@cache
def schema(table: str, with_seq: bool = True) -> pa.Schema:
    """The Arrow schema of ``table`` as rows are inserted (no ``ingested_at``), plus ``_seq``."""
    declared = _declared_types(table)
    fields = [pa.field(c, _TYPES[declared[c]]) for c in columns(table) if c != "ingested_at"]
    if with_seq:
        fields.append(pa.field(SEQ, pa.int64()))
    return pa.schema(fields)


def _table(name: str, rows: Sequence[tuple[Any, ...]], seqs: Sequence[int]) -> pa.Table:
    sch = schema(name)
    if not rows:
        return sch.empty_table()
    cols = [list(c) for c in zip(*rows, strict=True)]
    cols.append(list(seqs))
    return pa.Table.from_arrays(
        [pa.array(c, type=f.type) for c, f in zip(cols, sch, strict=True)], schema=sch
    )


def to_tables(items: Sequence[tuple[int, Stored]]) -> dict[str, pa.Table]:
    """Every table's rows for ``(seq, stored)`` pairs, as ``Store.write`` would make them."""
    rows: dict[str, list[tuple[Any, ...]]] = {t: [] for t in TABLES}
    seqs: dict[str, list[int]] = {t: [] for t in TABLES}
    for seq, item in items:
        rows["articles"].append(_article_row(item))
        seqs["articles"].append(seq)
        for table, table_rows in _child_rows(item.analysis).items():
            rows[table].extend(table_rows)
            seqs[table].extend([seq] * len(table_rows))
    return {t: _table(t, rows[t], seqs[t]) for t in TABLES}


def empty_tables() -> dict[str, pa.Table]:
    return {t: schema(t).empty_table() for t in TABLES}


def keep_seqs(table: pa.Table, seqs: Iterable[int]) -> pa.Table:
    """The rows of ``table`` whose ``_seq`` is one of ``seqs``."""
    wanted = pa.array(sorted(set(seqs)), type=pa.int64())
    return table.filter(pc.is_in(table[SEQ], value_set=wanted))


def replace_column(table: pa.Table, name: str, values: list[Any]) -> pa.Table:
    i = table.schema.get_field_index(name)
    return table.set_column(i, table.schema.field(i), pa.array(values, type=table.schema[i].type))


def concat(parts: Sequence[Mapping[str, pa.Table]]) -> dict[str, pa.Table]:
    """Each table's parts one after another."""
    return {t: pa.concat_tables([p[t] for p in parts]) for t in TABLES} if parts else {}


def insert(con: duckdb.DuckDBPyConnection, table: str, data: pa.Table) -> None:
    """Insert ``data`` (without ``_seq``) into ``table`` of an open transaction."""
    if data.num_rows == 0:
        return
    if SEQ in data.column_names:
        data = data.drop_columns([SEQ])
    names = ", ".join(f'"{c}"' for c in data.column_names)
    view = f"_newsgraph_in_{table}"
    con.register(view, data)
    try:
        con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM {view}")
    finally:
        con.unregister(view)

"""Any filtered list as a file: CSV, JSON, JSON Lines or Parquet."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Literal

import duckdb
from fastapi.responses import Response

from newsgraph.server.queries import Query, jsonable

ExportFormat = Literal["csv", "json", "jsonl", "parquet"]
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "jsonl": "application/x-ndjson",
    "parquet": "application/vnd.apache.parquet",
}
# An export is built in memory; a larger one is cut here and says so in a header.
MAX_EXPORT_ROWS = 500_000


def _cell(value: Any) -> str:
    """A CSV cell: lists joined by "; ", an actor as "name (CODE)", dates in ISO form."""
    if value is None:
        return ""
    if isinstance(value, Mapping):
        if "name" in value:
            code = value.get("code")
            return f"{value['name']} ({code})" if code else str(value["name"])
        return json.dumps(jsonable(value), ensure_ascii=False)
    if isinstance(value, list | tuple):
        return "; ".join(_cell(v) for v in value)
    return str(jsonable(value))


def _csv(found: list[dict[str, Any]], names: list[str]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(names)
    for row in found:
        writer.writerow([_cell(row[n]) for n in names])
    return out.getvalue().encode("utf-8")


def _parquet(con: duckdb.DuckDBPyConnection, query: Query) -> bytes:
    with tempfile.TemporaryDirectory(prefix="newsgraph-export-") as folder:
        path = Path(folder) / "export.parquet"
        limited = f"{query.sql} LIMIT {MAX_EXPORT_ROWS}"
        con.sql(limited, params=query.params).write_parquet(str(path))
        return path.read_bytes()


def export(
    con: duckdb.DuckDBPyConnection,
    query: Query,
    fmt: ExportFormat,
    name: str,
    shape: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
) -> Response:
    """The whole list of ``query`` as a download named ``name.<fmt>``; ``shape`` turns a row
    into the API's JSON form (default: the row with its dates in ISO form)."""
    headers = {"content-disposition": f'attachment; filename="{name}.{fmt}"'}
    if fmt == "parquet":
        return Response(_parquet(con, query), media_type=MEDIA_TYPES[fmt], headers=headers)
    cursor = con.execute(f"{query.sql} LIMIT {MAX_EXPORT_ROWS + 1}", query.params)
    names = [d[0] for d in cursor.description or []]
    found = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    if len(found) > MAX_EXPORT_ROWS:
        found = found[:MAX_EXPORT_ROWS]
        headers["x-newsgraph-truncated"] = str(MAX_EXPORT_ROWS)
    if fmt == "csv":
        body = _csv(found, names)
    else:
        shaped = [shape(r) if shape else jsonable(r) for r in found]
        if fmt == "json":
            body = json.dumps(shaped, ensure_ascii=False).encode("utf-8")
        else:
            body = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in shaped).encode()
    return Response(body, media_type=MEDIA_TYPES[fmt], headers=headers)

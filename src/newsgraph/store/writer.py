"""Writes analyses into a DuckDB file: one transaction per batch, so a kill loses no stored row."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from newsgraph.ingest.dedup import Duplicate, NearDuplicates, from_bytes
from newsgraph.model import Analysis
from newsgraph.store.schema import CHILD_TABLES, TABLES, columns, ddl


class StoreInUse(Exception):
    """The database file is locked by another process (a running server or ingest)."""


@dataclass(frozen=True)
class Stored:
    """One analysis ready to store, with its MinHash and the original it duplicates, if any."""

    analysis: Analysis
    source: str
    minhash: bytes | None = None
    duplicate: Duplicate | None = None


def _open(path: Path, read_only: bool) -> duckdb.DuckDBPyConnection:
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise StoreInUse(
                f"{path}: the database is in use by another process (a running `newsgraph "
                "serve` or `ingest`?); stop it, or send work to the server with --server URL"
            ) from exc
        raise StoreInUse(f"{path}: cannot open the database ({exc})") from exc
    except duckdb.Error as exc:
        raise StoreInUse(f"{path}: not a newsgraph DuckDB database ({exc})") from exc


class Store:
    """A newsgraph DuckDB database."""

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = Path(path)
        if read_only and not self.path.exists():
            raise StoreInUse(f"{self.path}: no such database (run `newsgraph ingest` first)")
        self.con = _open(self.path, read_only)
        if not read_only:
            for stmt in ddl():
                self.con.execute(stmt)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        wanted = list(set(ids))
        if not wanted:
            return set()
        rows = self.con.execute("SELECT id FROM articles WHERE id IN ?", [wanted]).fetchall()
        return {r[0] for r in rows}

    def dedup_index(self) -> NearDuplicates:
        """The near-duplicate index over every stored original, in the order they were stored."""
        index = NearDuplicates()
        rows = self.con.execute(
            "SELECT id, minhash FROM articles WHERE duplicate_of IS NULL AND minhash IS NOT NULL"
            " ORDER BY ingested_at, id"
        ).fetchall()
        for article_id, sig in rows:
            index.add(article_id, from_bytes(sig))
        return index

    def write(self, batch: Sequence[Stored]) -> None:
        """Store ``batch`` in one transaction: all of it, or (on any error) none of it."""
        rows: dict[str, list[tuple[Any, ...]]] = {t: [] for t in TABLES}
        for item in batch:
            rows["articles"].append(_article_row(item))
            if item.duplicate is None:  # a syndicated copy is linked, not counted twice
                for table, table_rows in _child_rows(item.analysis).items():
                    rows[table].extend(table_rows)
        self.con.execute("BEGIN TRANSACTION")
        try:
            for table, table_rows in rows.items():
                if table_rows:
                    cols = [c for c in columns(table) if c != "ingested_at"]
                    names = ", ".join(f'"{c}"' for c in cols)
                    marks = ", ".join("?" for _ in cols)
                    self.con.executemany(
                        f"INSERT INTO {table} ({names}) VALUES ({marks})", table_rows
                    )
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise

    def counts(self) -> dict[str, int]:
        """Rows per table, and the number of articles stored as near-duplicates."""
        out = {}
        for table in TABLES:
            row = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()
            out[table] = int(row[0]) if row else 0
        row = self.con.execute(
            "SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL"
        ).fetchone()
        out["duplicates"] = int(row[0]) if row else 0
        return out

    def summary(self) -> list[str]:
        """A few lines on what the store holds: dates, languages, sites and linked copies."""
        con = self.con
        lines = []
        first, last = con.execute(
            "SELECT min(published), max(published) FROM articles"
        ).fetchone() or (None, None)
        if first:
            lines.append(f"published  {first} to {last}")
        langs = con.execute(
            "SELECT language, count(*) n FROM articles GROUP BY 1 ORDER BY n DESC, 1"
        ).fetchall()
        if langs:
            lines.append("languages  " + ", ".join(f"{lang or '?'} {n}" for lang, n in langs))
        for title, original in con.execute(
            "SELECT a.title, o.title FROM articles a JOIN articles o ON a.duplicate_of = o.id "
            "ORDER BY a.title"
        ).fetchall():
            lines.append(f"copy       {title!r} -> {original!r}")
        return lines


def _article_row(item: Stored) -> tuple[Any, ...]:
    a = item.analysis.article
    dup = item.duplicate
    return (
        a.id,
        a.url,
        a.title,
        a.published,
        a.site,
        a.section,
        a.authors,
        a.language,
        a.text,
        dup.original if dup else None,
        dup.similarity if dup else None,
        item.source,
        item.minhash,
        item.analysis.warnings,
        item.analysis.to_json(),
    )


def _child_rows(an: Analysis) -> dict[str, list[tuple[Any, ...]]]:
    aid, text = an.article.id, an.article.text
    out: dict[str, list[tuple[Any, ...]]] = {t: [] for t in CHILD_TABLES}
    for i, s in enumerate(an.sentences):
        out["sentences"].append((aid, i, s.start, s.end, s.voice, text[s.start : s.end]))
    for actor in an.actors:
        out["actors"].append(
            (aid, actor.id, actor.name, actor.kind, actor.code, actor.country, actor.sector)
        )
        for m in actor.mentions:
            out["mentions"].append((aid, actor.id, m.start, m.end, m.text))
    for e in an.events:
        d, loc, ev = e.date, e.location, e.evidence
        out["events"].append(
            (
                aid,
                e.id,
                e.type,
                e.mode,
                e.contexts,
                e.cameo,
                e.score,
                e.actor,
                e.recipient,
                d.text if d else None,
                d.value if d else None,
                d.granularity if d else None,
                loc.name if loc else None,
                loc.country if loc else None,
                loc.lat if loc else None,
                loc.lon if loc else None,
                json.dumps([q.model_dump() for q in e.quantities]),
                e.voice.kind,
                e.voice.speaker,
                e.modality.negated,
                e.modality.hedged,
                e.modality.future,
                e.modality.hypothetical,
                ev.start,
                ev.end,
                ev.trigger.start,
                ev.trigger.end,
                ev.trigger.text,
                ev.rule,
                e.confidence,
                e.modality.historical,
            )
        )
    for q in an.quotes:
        sp, cue = q.speaker, q.cue
        out["quotes"].append(
            (
                aid,
                q.id,
                q.kind,
                q.start,
                q.end,
                q.text,
                sp.actor if sp else None,
                sp.text if sp else None,
                sp.start if sp else None,
                sp.end if sp else None,
                cue.text if cue else None,
                cue.start if cue else None,
                cue.end if cue else None,
            )
        )
    for c in an.claims:
        out["claims"].append(
            (
                aid,
                c.id,
                c.start,
                c.end,
                c.text,
                c.value,
                c.value_high,
                c.unit,
                c.what,
                c.qualifier,
                c.hedged,
                c.voice.kind,
                c.voice.speaker,
            )
        )
    for i, t in enumerate(an.timexes):
        out["timexes"].append((aid, i, t.start, t.end, t.text, t.value, t.granularity))
    for i, f in enumerate(an.framing):
        out["framing"].append((aid, i, f.start, f.end, f.text, f.category, f.voice, f.speaker))
    return out

"""The DuckDB store: rows per record, one transaction per batch, exports, a locked file."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from newsgraph.ingest.dedup import Duplicate
from newsgraph.model import (
    Analysis,
    Article,
    Attribution,
    Claim,
    Event,
    Evidence,
    Quote,
    Sentence,
    Speaker,
    Timex,
    Trigger,
)
from newsgraph.store import Store, StoreInUse
from newsgraph.store.export import export_jsonl, export_tables
from newsgraph.store.writer import Stored

TEXT = 'Ministers met in Doha on Monday. "We agreed," the envoy said. About 40 people attended.'


def analysis(article_id: str = "a1") -> Analysis:
    return Analysis(
        article=Article(id=article_id, title="Talks", published="2024-05-13", text=TEXT),
        sentences=[
            Sentence(start=0, end=32),
            Sentence(start=33, end=61, voice="quoted"),
            Sentence(start=62, end=len(TEXT)),
        ],
        timexes=[Timex(start=24, end=31, text="Monday", value="2024-05-13", granularity="day")],
        claims=[
            Claim(
                id="c1",
                start=63,
                end=81,
                text="About 40 people",
                value=40,
                qualifier="about",
                hedged=True,
            )
        ],
        quotes=[
            Quote(
                id="q1",
                kind="direct",
                start=33,
                end=45,
                text="We agreed,",
                speaker=Speaker(text="the envoy", start=46, end=55),
            )
        ],
        events=[
            Event(
                id="e1",
                type="CONSULT",
                actor=["x"],
                confidence=0.8,
                voice=Attribution(kind="narrator"),
                evidence=Evidence(
                    start=0,
                    end=32,
                    rule="consult.met",
                    trigger=Trigger(start=10, end=13, text="met"),
                ),
            )
        ],
    )


def test_write_counts_and_rows(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        store.write([Stored(analysis("a1"), "in.txt"), Stored(analysis("a2"), "in.txt")])
        counts = store.counts()
        row = store.con.execute(
            "SELECT text, voice FROM sentences WHERE idx = 1 AND article_id = 'a2'"
        ).fetchone()
        assert row == ('"We agreed," the envoy said.', "quoted")
        assert store.known_ids(["a1", "zz"]) == {"a1"}
    assert counts["articles"] == 2 and counts["sentences"] == 6 and counts["events"] == 2
    assert counts["claims"] == 2 and counts["quotes"] == 2 and counts["timexes"] == 2


def test_near_duplicates_are_linked_not_counted_twice(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        store.write(
            [
                Stored(analysis("a1"), "x"),
                Stored(analysis("a2"), "y", duplicate=Duplicate("a1", 0.91)),
            ]
        )
        counts = store.counts()
        dup = store.con.execute("SELECT duplicate_of, similarity FROM articles WHERE id='a2'")
        assert dup.fetchone() == ("a1", 0.91)
    assert counts["articles"] == 2 and counts["duplicates"] == 1 and counts["events"] == 1


class FailingConnection:
    """A connection that fails on one table's inserts, as a full disk or a kill would."""

    def __init__(self, con: duckdb.DuckDBPyConnection, table: str) -> None:
        self.con, self.table = con, table

    def execute(self, sql: str, *args: object) -> object:
        return self.con.execute(sql, *args)

    def executemany(self, sql: str, rows: object) -> object:
        if sql.startswith(f"INSERT INTO {self.table} "):
            raise duckdb.IOException("disk full")
        return self.con.executemany(sql, rows)


@pytest.mark.parametrize("table", ["articles", "sentences", "claims", "timexes"])
def test_a_failing_batch_leaves_nothing_half_written(tmp_path: Path, table: str) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        store.write([Stored(analysis("a1"), "x")])
        real = store.con
        store.con = FailingConnection(real, table)  # type: ignore[assignment]
        with pytest.raises(duckdb.IOException):
            store.write([Stored(analysis("a2"), "x"), Stored(analysis("a3"), "x")])
        store.con = real
        assert store.known_ids(["a1", "a2", "a3"]) == {"a1"}
        counts = store.counts()
        assert (counts["sentences"], counts["claims"], counts["timexes"]) == (3, 1, 1)


def test_exports(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        store.write([Stored(analysis("a1"), "x"), Stored(analysis("a2"), "y")])
        files = export_tables(store, tmp_path / "out", "parquet")
        csvs = export_tables(store, tmp_path / "csv", "csv", ["claims"])
        with open(tmp_path / "all.jsonl", "w", encoding="utf-8") as f:
            assert export_jsonl(store, f) == 2
    assert {p.name for p in files} >= {"articles.parquet", "events.parquet", "claims.parquet"}
    con = duckdb.connect()
    n = con.execute(f"SELECT count(*) FROM '{tmp_path / 'out' / 'sentences.parquet'}'").fetchone()
    assert n == (6,)
    assert "qualifier" in csvs[0].read_text().splitlines()[0]
    lines = (tmp_path / "all.jsonl").read_text().splitlines()
    back = [Analysis.from_json(line) for line in lines]
    assert back[0] == analysis("a1")


def test_a_locked_database_is_reported(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    Store(db).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb,time; c=duckdb.connect({str(db)!r}); "
            "print('ready', flush=True); time.sleep(30)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout and holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreInUse, match="in use by another process"):
            Store(db)
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout:
            holder.stdout.close()
    time.sleep(0.1)
    Store(db).close()


def test_missing_database_for_reading(tmp_path: Path) -> None:
    with pytest.raises(StoreInUse, match="no such database"):
        Store(tmp_path / "none.duckdb", read_only=True)


def test_analysis_json_column_is_the_contract(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        store.write([Stored(analysis("a1"), "x")])
        (record,) = store.con.execute("SELECT analysis FROM articles").fetchone() or ("",)
    assert json.loads(record)["schema"] == "newsgraph.analysis/1"

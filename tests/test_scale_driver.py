"""The scale-out driver without Ray: work units analysed in this process, the one writer, the
accounts, resuming, replayed chunks, and Parquet output loaded back into the store."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

pytest.importorskip("pyarrow")

from click.testing import CliRunner

from newsgraph.cli import main
from newsgraph.ingest.sources import IngestOptions
from newsgraph.model import Analysis, Article
from newsgraph.pipeline import PipelineOptions, analyze_article
from newsgraph.runner import ingest
from newsgraph.scale.driver import ScaleReport, StoreSink
from newsgraph.scale.engine import Executor, ingest_units, inline_executor
from newsgraph.scale.parquet import MANIFEST, ParquetSink, load_dir
from newsgraph.scale.units import WorkUnit, plan_units
from newsgraph.scale.worker import Analyzer, Chunk
from newsgraph.store.writer import Store
from scale_corpus import (
    ALREADY,
    DUPLICATES,
    ITEMS,
    MARKER,
    assert_same_store,
    build_corpus,
    table_rows,
)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_corpus(tmp_path_factory.mktemp("scale"))


@pytest.fixture(scope="module")
def local_db(corpus: Path) -> Path:
    """The corpus as the single-machine ``ingest`` stores it."""
    db = corpus.parent / "local.duckdb"
    with Store(db) as store:
        report = ingest([str(corpus)], store, progress=False)
    assert report.ok and report.duplicates == DUPLICATES and report.skipped == ALREADY
    return db


def inline(analyze: Analyzer = analyze_article) -> Executor:
    return inline_executor(IngestOptions(), PipelineOptions(), analyze, chunk_size=2)


def run_into(db: Path, specs: list[str], executor: Executor, **kw: object) -> ScaleReport:
    with Store(db) as store:
        return ingest_units(specs, StoreSink(store), executor, progress=False, **kw)  # type: ignore[arg-type]


def assert_balanced(report: ScaleReport) -> None:
    assert report.balanced, report.summary()
    line = re.fullmatch(
        r"(\d+) articles in = (\d+) stored \+ (\d+) duplicates \+ (\d+) already stored"
        r" \+ (\d+) failed",
        report.articles_line(),
    )
    assert line is not None
    n, *parts = (int(g) for g in line.groups())
    assert n == sum(parts)


def test_the_store_equals_the_single_machine_ingest(corpus: Path, local_db: Path) -> None:
    db = corpus.parent / "inline.duckdb"
    report = run_into(db, [str(corpus)], inline(), batch_size=3)
    assert_balanced(report)
    assert (report.items, report.duplicates, report.skipped) == (ITEMS, DUPLICATES, ALREADY)
    assert report.units == report.units_done == 7 and not report.units_failed
    assert_same_store(db, local_db)
    with Store(db) as store:
        assert store.counts()["duplicates"] == DUPLICATES
        rows = store.con.execute("SELECT spec, items FROM work_units ORDER BY spec").fetchall()
    assert len(rows) == 7 and sum(n for _, n in rows) == ITEMS


def _fails_on_marker(article: Article, options: PipelineOptions) -> Analysis:
    if MARKER in article.title:
        raise ValueError("a stage broke")
    return analyze_article(article, options)


def test_every_input_is_accounted_for(corpus: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "not-a-crawl.warc").write_text("hello", encoding="utf-8")
    line = {
        "id": "j1",
        "text": "Border talks\nMinisters from two states met on Monday.",
        "published": "2024-05-13",
    }
    lines = [line, line]  # the second is the same article: already stored
    shard = bad / "shard.jsonl"
    shard.write_text("\n".join([json.dumps(x) for x in lines] + ["{not json"]) + "\n")
    errors: list[str] = []
    specs = [str(corpus), str(bad), str(tmp_path / "missing.txt")]
    report = run_into(
        tmp_path / "s.duckdb", specs, inline(_fails_on_marker), on_error=errors.append
    )
    assert_balanced(report)
    # 12 corpus items + 3 shard lines + the bad crawl + the missing file.
    assert report.items == ITEMS + 5
    assert len(report.failed) == 4 and report.skipped == ALREADY + 1
    assert any("analysis failed (ValueError: a stage broke)" in e for e in errors)
    assert any("missing.txt" in e for e in errors)
    with Store(tmp_path / "s.duckdb") as store:
        n = store.counts()["articles"]
    assert n == report.stored + report.duplicates


def dropping(unit_name: str, executor: Executor) -> Executor:
    """An executor that loses one unit's last chunks, as a worker that keeps dying would."""

    def run(units: list[WorkUnit]) -> Iterator[Chunk]:
        lost = {u.index for u in units if u.spec.endswith(unit_name)}
        for chunk in executor(units):
            if chunk.unit in lost and chunk.done is not None:
                continue
            yield chunk

    return run


def test_a_lost_unit_is_reported_and_retried_on_the_next_run(
    corpus: Path, local_db: Path, tmp_path: Path
) -> None:
    db = tmp_path / "r.duckdb"
    errors: list[str] = []
    first = run_into(db, [str(corpus)], dropping("crawl-b.warc", inline()), on_error=errors.append)
    assert_balanced(first)
    assert first.units_done == 6 and len(first.units_failed) == 1
    assert "crawl-b.warc: work unit failed: the worker died" in first.units_failed[0]
    assert errors == first.units_failed and not first.ok
    second = run_into(db, [str(corpus)], inline())
    assert_balanced(second)
    assert second.units_resumed == 6 and second.units_done == 7 and second.ok
    # The lost unit's first chunks were stored before it was lost: now already stored.
    assert second.items == 3 and second.skipped >= 1
    third = run_into(db, [str(corpus)], inline())
    assert third.items == 0 and third.units_resumed == 7
    assert_same_store(db, local_db)


def replaying(executor: Executor) -> Executor:
    """Every chunk twice, as a retried worker may send them again."""

    def run(units: list[WorkUnit]) -> Iterator[Chunk]:
        for chunk in executor(units):
            yield chunk
            yield chunk

    return run


def test_replayed_chunks_are_counted_and_stored_once(
    corpus: Path, local_db: Path, tmp_path: Path
) -> None:
    report = run_into(tmp_path / "p.duckdb", [str(corpus)], replaying(inline()))
    assert_balanced(report)
    assert report.items == ITEMS
    assert_same_store(tmp_path / "p.duckdb", local_db)


def test_units_are_files_keyed_by_size_and_time(corpus: Path) -> None:
    units, errors = plan_units([str(corpus), "-", "https://example.org/feed.rss"])
    assert [Path(u.spec).name for u in units[:3]] == [
        "02-kharkiv-lakeside-strike.txt",
        "03-sudan-el-fasher-siege.txt",
        "12-haiti-kenyan-police-arrive.txt",
    ]
    assert all(u.resumable for u in units[:-1]) and not units[-1].resumable
    assert len({u.key for u in units}) == len(units) == 8
    assert [e.source for e in errors] == ["-"]


def parquet_run(out: Path, specs: list[str], executor: Executor) -> ScaleReport:
    return ingest_units(specs, ParquetSink(out), executor, batch_size=4, progress=False)


def test_parquet_output_loads_into_the_same_store(
    corpus: Path, local_db: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    report = parquet_run(out, [str(corpus)], inline())
    assert_balanced(report)
    manifest = json.loads((out / MANIFEST).read_text())
    assert len(manifest["units"]) == 7 and manifest["partitioning"] == "published_month"
    months = {p.name for p in (out / "articles").iterdir()}
    assert "published_month=2024-05" in months
    in_place = duckdb.sql(
        f"SELECT count(*) FROM read_parquet('{out}/events/*/*.parquet', hive_partitioning=true)"
    ).fetchall()
    assert in_place == [(len(table_rows(local_db, "events")),)]
    db = tmp_path / "l.duckdb"
    with Store(db) as store:
        loaded = load_dir(out, store)
        again = load_dir(out, store)
        units = store.con.execute("SELECT count(*) FROM work_units").fetchone()
    assert (loaded.items, loaded.duplicates) == (ITEMS - ALREADY, DUPLICATES)
    assert again.skipped == again.items == ITEMS - ALREADY and again.stored == 0
    assert units == (7,)
    assert_same_store(db, local_db)


def test_parquet_restart_drops_unlisted_files_and_skips_finished_units(
    corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    first = parquet_run(out, [str(corpus)], dropping("crawl-c.warc.gz", inline()))
    assert len(first.units_failed) == 1
    stray = out / "events" / "published_month=2024-01" / "b-killed-00001.parquet"
    stray.parent.mkdir(parents=True, exist_ok=True)
    stray.write_bytes(b"PAR1 cut short")
    second = parquet_run(out, [str(corpus)], inline())
    assert not stray.exists()
    assert second.units_resumed == 6 and second.ok and second.items == 2
    assert_balanced(second)


def test_load_links_a_copy_of_an_article_the_store_holds(corpus: Path, tmp_path: Path) -> None:
    db, out = tmp_path / "s.duckdb", tmp_path / "out"
    with Store(db) as store:
        ingest([str(corpus / "02-kharkiv-lakeside-strike.txt")], store, progress=False)
    parquet_run(out, [str(corpus / "13-kharkiv-strike-syndicated.txt")], inline())
    with Store(db) as store:
        report = load_dir(out, store)
        dup = store.con.execute(
            "SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL"
        ).fetchone()
        events = store.con.execute("SELECT count(DISTINCT article_id) FROM events").fetchone()
    assert (report.items, report.duplicates, report.stored) == (1, 1, 0)
    assert dup == (1,) and events == (1,)


def run_cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["--address", "auto"],
        ["--workers", "2"],
        ["--output", "out"],
        ["--engine", "ray", "--server", "http://127.0.0.1:9"],
    ],
)
def test_ray_options_need_the_ray_engine(workdir: Path, args: list[str]) -> None:
    code, _, err = run_cli("ingest", "--samples", *args)
    assert code == 2 and "--engine ray" in err


def test_load_refuses_a_folder_that_is_not_output(workdir: Path) -> None:
    Path("plain").mkdir()
    code, _, err = run_cli("load", "plain", "--db", "x.duckdb")
    assert code == 2 and "_manifest.json" in err


def test_load_command_prints_the_accounts(corpus: Path, tmp_path: Path, workdir: Path) -> None:
    parquet_run(tmp_path / "out", [str(corpus / "02-kharkiv-lakeside-strike.txt")], inline())
    code, out, err = run_cli("load", str(tmp_path / "out"), "--db", "x.duckdb")
    assert code == 0, err
    assert (
        out.strip()
        == "x.duckdb: 1 articles in = 1 stored + 0 duplicates + 0 already stored + 0 failed"
    )


def test_without_ray_the_engine_says_what_to_install(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # as if it were not installed
    monkeypatch.setitem(sys.modules, "ray.data", None)
    code, _, err = run_cli("ingest", "--engine", "ray", "--samples", "--db", "x.duckdb")
    assert code == 2 and "pip install 'newsgraph[ray]'" in err

"""A small local Ray job end to end on WARC files made from the sample corpus: the same store as
the single-machine ingest, a worker killed mid-run, a unit that kills every worker, the command
line with Parquet output and ``load``. One Ray session serves the whole module."""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest

pytest.importorskip("ray.data", reason="the Ray engine needs newsgraph[ray]")

import ray
from click.testing import CliRunner

from newsgraph.cli import main
from newsgraph.model import Analysis, Article
from newsgraph.pipeline import PipelineOptions, analyze_article
from newsgraph.runner import ingest
from newsgraph.scale.driver import ScaleReport, StoreSink
from newsgraph.scale.engine import RayOptions, ingest_on_ray
from newsgraph.scale.worker import Analyzer
from newsgraph.store.writer import Store
from scale_corpus import ALREADY, DUPLICATES, ITEMS, MARKER, assert_same_store, build_corpus

# Ray's own modules warn about their own deprecated settings when a context is made.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:ray")


@pytest.fixture(scope="module")
def ray_session() -> Iterator[None]:
    # Workers unpickle the test's analysers by value: they cannot import this module.
    ray.cloudpickle.register_pickle_by_value(sys.modules[__name__])
    ray.init(
        num_cpus=2,
        include_dashboard=False,
        object_store_memory=256 << 20,
        log_to_driver=False,
        logging_level=logging.WARNING,
    )
    try:
        yield
    finally:
        ray.shutdown()
        ray.cloudpickle.unregister_pickle_by_value(sys.modules[__name__])


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_corpus(tmp_path_factory.mktemp("ray"))


@pytest.fixture(scope="module")
def local_db(corpus: Path) -> Path:
    db = corpus.parent / "local.duckdb"
    with Store(db) as store:
        assert ingest([str(corpus)], store, progress=False).ok
    return db


def run_ray(db: Path, corpus: Path, analyze: Analyzer = analyze_article) -> ScaleReport:
    errors: list[str] = []
    with Store(db) as store:
        report = ingest_on_ray(
            [str(corpus)],
            StoreSink(store),
            ray_options=RayOptions(workers=2, chunk_size=2),
            batch_size=3,
            on_error=errors.append,
            progress=False,
            analyze=analyze,
        )
    assert errors == report.failed + report.units_failed
    assert report.balanced, report.summary()
    return report


def test_the_ray_store_equals_the_single_machine_ingest(
    ray_session: None, corpus: Path, local_db: Path, tmp_path: Path
) -> None:
    report = run_ray(tmp_path / "r.duckdb", corpus)
    assert (report.items, report.duplicates, report.skipped) == (ITEMS, DUPLICATES, ALREADY)
    assert report.ok and report.units_done == 7 and report.peak_worker_mb > 0
    assert_same_store(tmp_path / "r.duckdb", local_db)


def _stalls_until_killed(
    pid_file: str, killed: str, article: Article, options: PipelineOptions
) -> Analysis:
    """On the marker article, tell the test this worker's pid and wait to be killed."""
    if MARKER in article.title and not os.path.exists(killed):
        Path(pid_file).write_text(str(os.getpid()), encoding="utf-8")
        time.sleep(120)
    return analyze_article(article, options)


def _killer(pid_file: Path, killed: Path) -> None:
    for _ in range(1200):
        if pid_file.exists() and pid_file.read_text():
            pid = int(pid_file.read_text())
            killed.write_text("yes", encoding="utf-8")
            os.kill(pid, signal.SIGKILL)
            return
        time.sleep(0.1)


def test_a_worker_killed_mid_run_has_its_unit_retried(
    ray_session: None, corpus: Path, local_db: Path, tmp_path: Path
) -> None:
    pid_file, killed = tmp_path / "pid", tmp_path / "killed"
    thread = threading.Thread(target=_killer, args=(pid_file, killed), daemon=True)
    thread.start()
    report = run_ray(
        tmp_path / "k.duckdb", corpus, partial(_stalls_until_killed, str(pid_file), str(killed))
    )
    thread.join(timeout=5)
    assert killed.exists(), "the marker article never reached a worker"
    assert report.ok and report.items == ITEMS
    assert_same_store(tmp_path / "k.duckdb", local_db)


def _always_dies(article: Article, options: PipelineOptions) -> Analysis:
    if MARKER in article.title:
        os._exit(1)
    return analyze_article(article, options)


def test_a_unit_that_kills_every_worker_is_reported_not_dropped(
    ray_session: None, corpus: Path, tmp_path: Path
) -> None:
    report = run_ray(tmp_path / "d.duckdb", corpus, _always_dies)
    assert len(report.units_failed) == 1 and not report.failed
    (line,) = report.units_failed
    assert "12-haiti-kenyan-police-arrive.txt: work unit failed: its worker died 3 times" in line
    assert report.items == ITEMS - 1 and report.units_done == 6
    with Store(tmp_path / "d.duckdb") as store:
        units = store.con.execute("SELECT spec FROM work_units").fetchall()
    assert len(units) == 6 and not any("haiti" in spec for (spec,) in units)


def test_command_line_parquet_output_then_load(
    ray_session: None, corpus: Path, local_db: Path, tmp_path: Path
) -> None:
    out, db = tmp_path / "out", tmp_path / "l.duckdb"
    args = ["ingest", "--engine", "ray", "--workers", "2", "--no-progress", str(corpus)]
    first = CliRunner().invoke(main, [*args, "--output", str(out)])
    assert first.exit_code == 0, first.stderr
    assert first.stdout.strip() == (
        f"{out}: {ITEMS} articles in = {ITEMS - DUPLICATES - ALREADY} stored + {DUPLICATES}"
        f" duplicates + {ALREADY} already stored + 0 failed; 7 of 7 work units done"
    )
    again = CliRunner().invoke(main, [*args, "--output", str(out)])
    assert "0 articles in" in again.stdout and "(7 finished by an earlier run)" in again.stdout
    loaded = CliRunner().invoke(main, ["load", str(out), "--db", str(db)])
    assert loaded.exit_code == 0, loaded.stderr
    assert_same_store(db, local_db)

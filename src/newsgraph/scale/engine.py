"""Ingest on Ray Data: one work unit per input file, analysed by a pool of actors that load the
knowledge base and patterns once each; the driver alone writes (see ``driver``).

Results come back in input order (``preserve_order``), so near-copies are linked to the same
originals as on one machine. A worker that dies (killed, out of memory, a crash) has its unit
retried by Ray on a restarted actor; after ``retries`` deaths a unit yields a failure instead
(the attempts are counted by a small ledger actor), and a unit Ray gives up on is dropped
(``max_errored_blocks``) rather than failing the job: either way the driver, which knows every
unit it sent, reports it by name.
"""

from __future__ import annotations

import logging
import os
import pickle
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain
from typing import Any

from tqdm import tqdm

from newsgraph.ingest.sources import IngestOptions
from newsgraph.model import Article
from newsgraph.pipeline import PipelineOptions, analyze_article
from newsgraph.scale.driver import Collector, ScaleReport, Sink
from newsgraph.scale.units import WorkUnit, plan_units
from newsgraph.scale.worker import CHUNK_SIZE, Analyzer, Chunk, analyze_unit

Executor = Callable[[list[WorkUnit]], Iterator[Chunk]]
# A small object store: chunks are consumed as they come, and Ray spills to disk beyond it.
OBJECT_STORE_MB = 512


@dataclass(frozen=True)
class RayOptions:
    """Where and how wide to run: a cluster address (None: start Ray on this machine), the
    number of workers (None: one per CPU of the cluster), and retries of a unit whose worker
    died."""

    address: str | None = None
    workers: int | None = None
    retries: int = 2
    object_store_mb: int = OBJECT_STORE_MB
    chunk_size: int = CHUNK_SIZE


class AttemptLedger:
    """How many times each unit was started, kept in a small actor of its own: a worker that
    died cannot count its own deaths, and Ray retries a dead worker's unit without limit."""

    def __init__(self) -> None:
        self.attempts: dict[str, int] = {}

    def begin(self, key: str) -> int:
        self.attempts[key] = self.attempts.get(key, 0) + 1
        return self.attempts[key]


class UnitAnalyzer:
    """One worker of the actor pool: the models and knowledge base are loaded once, in
    ``__init__``; each call reads one unit and yields its chunks, pickled. A unit started more
    than ``retries + 1`` times (its worker died each time) yields a failure instead."""

    def __init__(
        self,
        options: IngestOptions,
        pipeline: PipelineOptions,
        analyze: Analyzer,
        chunk_size: int,
        retries: int,
        ledger: Any,
    ) -> None:
        self.options, self.pipeline, self.analyze = options, pipeline, analyze
        self.chunk_size, self.retries, self.ledger = chunk_size, retries, ledger
        # Loads the knowledge base, patterns and (when asked for) the classifier now.
        analyze_article(Article(id="warm-up", text="Warm-up."), pipeline)

    def __call__(self, batch: dict[str, Any]) -> Iterator[dict[str, list[bytes]]]:
        import ray

        for i in range(len(batch["index"])):
            unit = WorkUnit(int(batch["index"][i]), str(batch["spec"][i]), str(batch["key"][i]))
            attempt = int(ray.get(self.ledger.begin.remote(unit.key)))
            if attempt > self.retries + 1:
                why = f"its worker died {attempt - 1} times (out of memory, or a crash?)"
                chunks: Iterator[Chunk] = iter([Chunk(unit.index, failure=why)])
            else:
                chunks = analyze_unit(
                    unit, self.options, self.pipeline, self.analyze, self.chunk_size, self.retries
                )
            for chunk in chunks:
                yield {"payload": [pickle.dumps(chunk, protocol=5)]}


def start_ray(ray_options: RayOptions) -> bool:
    """Connect to the cluster at ``address``, or start Ray on this machine (no dashboard, a
    small object store, one CPU per core); False when Ray was running already."""
    import ray

    if ray.is_initialized():
        return False
    if ray_options.address:
        ray.init(address=ray_options.address, log_to_driver=False, logging_level=logging.WARNING)
    else:
        ray.init(
            num_cpus=os.cpu_count() or 1,
            include_dashboard=False,
            object_store_memory=ray_options.object_store_mb << 20,
            log_to_driver=False,
            logging_level=logging.WARNING,
        )
    return True


@contextmanager
def _data_context() -> Iterator[None]:
    """Ray Data settings of a run: input order kept, a unit's errors counted by the driver
    rather than failing the job, no progress bars; restored afterwards."""
    from ray.data import DataContext

    ctx = DataContext.get_current()
    wanted = {"max_errored_blocks": -1, "enable_progress_bars": False}
    saved = {k: getattr(ctx, k) for k in wanted if hasattr(ctx, k)}
    order = ctx.execution_options.preserve_order
    log = logging.getLogger("ray.data")
    level = log.level
    try:
        for k in saved:
            setattr(ctx, k, wanted[k])
        ctx.execution_options.preserve_order = True
        # A dropped unit is reported once, by the driver, not with Ray's traceback.
        log.setLevel(logging.CRITICAL)
        yield
    finally:
        for k, v in saved.items():
            setattr(ctx, k, v)
        ctx.execution_options.preserve_order = order
        log.setLevel(level)


def workers_for(ray_options: RayOptions, units: int) -> int:
    import ray

    cpus = int(ray.cluster_resources().get("CPU", 1))  # type: ignore[no-untyped-call]
    return max(1, min(ray_options.workers or cpus, units))


def ray_executor(
    ray_options: RayOptions,
    options: IngestOptions,
    pipeline: PipelineOptions,
    analyze: Analyzer = analyze_article,
) -> Executor:
    """Chunks of the units from a Ray Data pipeline over an actor pool, in input order."""

    def run(units: list[WorkUnit]) -> Iterator[Chunk]:
        import ray
        import ray.data
        from ray.data import ActorPoolStrategy

        ledger: Any = ray.remote(num_cpus=0)(AttemptLedger).remote()
        items = [{"index": u.index, "spec": u.spec, "key": u.key} for u in units]
        try:
            with _data_context():
                ds = ray.data.from_items(items, override_num_blocks=len(items)).map_batches(
                    UnitAnalyzer,
                    fn_constructor_kwargs={
                        "options": options,
                        "pipeline": pipeline,
                        "analyze": analyze,
                        "chunk_size": ray_options.chunk_size,
                        "retries": ray_options.retries,
                        "ledger": ledger,
                    },
                    batch_size=1,
                    compute=ActorPoolStrategy(size=workers_for(ray_options, len(units))),
                    num_cpus=1,
                )
                for row in ds.iter_rows():
                    yield pickle.loads(row["payload"])
        finally:
            ray.kill(ledger)

    return run


def inline_executor(
    options: IngestOptions,
    pipeline: PipelineOptions,
    analyze: Analyzer = analyze_article,
    chunk_size: int = CHUNK_SIZE,
) -> Executor:
    """The same chunks computed in this process, one unit after another (no Ray)."""

    def run(units: list[WorkUnit]) -> Iterator[Chunk]:
        return chain.from_iterable(
            analyze_unit(u, options, pipeline, analyze, chunk_size) for u in units
        )

    return run


def ingest_units(
    specs: Sequence[str],
    sink: Sink,
    executor: Executor,
    batch_size: int = 50,
    on_error: Callable[[str], None] | None = None,
    progress: bool | None = None,
    lost: str = "the worker died",
) -> ScaleReport:
    """Plan the work units of ``specs``, skip those finished before, run the rest through
    ``executor`` and store what they yield; every item and unit is accounted for."""
    units, errors = plan_units(specs)
    done = sink.done_units()
    todo = [u for u in units if not (u.resumable and u.key in done)]
    bar = tqdm(unit=" articles", disable=None if progress is None else not progress, leave=False)

    def advance(n: int) -> None:
        bar.update(n)

    collector = Collector(sink, todo, batch_size, on_error, on_items=advance)
    collector.report.units = len(units)
    collector.report.units_resumed = collector.report.units_done = len(units) - len(todo)
    for err in errors:
        collector.fail(str(err))
    try:
        if todo:
            for chunk in executor(todo):
                collector.accept(chunk)
        return collector.finish(lost)
    finally:
        bar.close()


def ingest_on_ray(
    specs: Sequence[str],
    sink: Sink,
    options: IngestOptions | None = None,
    pipeline: PipelineOptions | None = None,
    ray_options: RayOptions | None = None,
    batch_size: int = 50,
    on_error: Callable[[str], None] | None = None,
    progress: bool | None = None,
    analyze: Analyzer = analyze_article,
) -> ScaleReport:
    """``ingest`` on Ray: start or join Ray, run the units on an actor pool, store the results
    through ``sink``; Ray is shut down afterwards if this call started it."""
    ray_options = ray_options or RayOptions()
    started: list[bool] = []
    inner = ray_executor(
        ray_options, options or IngestOptions(), pipeline or PipelineOptions(), analyze
    )

    def executor(units: list[WorkUnit]) -> Iterator[Chunk]:
        # Ray starts only when there is work: a finished job resumes without it.
        started.append(start_ray(ray_options))
        yield from inner(units)

    lost = f"its worker died {ray_options.retries + 1} times (out of memory, or a crash?)"
    try:
        return ingest_units(specs, sink, executor, batch_size, on_error, progress, lost)
    finally:
        if any(started):
            import ray

            ray.shutdown()

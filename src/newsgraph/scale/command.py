"""What ``newsgraph ingest --engine ray`` and ``newsgraph load`` do, for the command line."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from newsgraph.ingest.sources import IngestOptions
from newsgraph.pipeline import PipelineOptions
from newsgraph.scale.errors import RAY_MISSING, ScaleUnavailable
from newsgraph.store.writer import Store

if TYPE_CHECKING:
    from newsgraph.scale.driver import ScaleReport


def _check_installed() -> None:
    try:
        import pyarrow  # noqa: F401
        import ray.data  # noqa: F401
    except ImportError as exc:
        raise ScaleUnavailable(RAY_MISSING) from exc


def ingest_command(
    specs: Sequence[str],
    *,
    db: str,
    output: str | None,
    options: IngestOptions,
    pipeline: PipelineOptions,
    address: str | None,
    workers: int | None,
    batch_size: int,
    progress: bool | None,
    on_error: Callable[[str], None],
) -> tuple[str, ScaleReport]:
    """Run the job into ``output`` (Parquet) or the store ``db``; (target, accounts).

    Raises ScaleUnavailable without Ray, StoreInUse for a locked store, OutputError for a
    folder that is not newsgraph output."""
    _check_installed()
    from newsgraph.scale.driver import StoreSink
    from newsgraph.scale.engine import RayOptions, ingest_on_ray
    from newsgraph.scale.parquet import ParquetSink

    ray_options = RayOptions(address=address, workers=workers)
    if output:
        # Parquet batches are files: bigger batches, fewer small files.
        sink = ParquetSink(output)
        report = ingest_on_ray(
            specs, sink, options, pipeline, ray_options, max(batch_size, 2000), on_error, progress
        )
        return output, report
    with Store(db) as store:
        report = ingest_on_ray(
            specs, StoreSink(store), options, pipeline, ray_options, batch_size, on_error, progress
        )
    return db, report


def load_command(folder: str, db: str, on_error: Callable[[str], None]) -> ScaleReport:
    """Load a Parquet output folder into the store ``db``; the accounts."""
    try:
        import pyarrow  # noqa: F401
    except ImportError as exc:
        raise ScaleUnavailable("loading Parquet output needs pyarrow: " + RAY_MISSING) from exc
    from newsgraph.scale.parquet import load_dir

    with Store(db) as store:
        return load_dir(Path(folder), store, on_error=on_error)

"""The ``newsgraph`` command line: analyze, ingest, export, stats, serve, load, clusters, schema;
the actors and train groups live in cli_kb, the shared options in cli_common."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path
from typing import IO, Any

import click

from newsgraph import __version__
from newsgraph.cli_common import (
    EXIT_ERROR,
    EXIT_PARTIAL,
    actors_option,
    db_option,
    error,
    iso_date,
    pipeline_options,
)
from newsgraph.cli_kb import actors, train_group
from newsgraph.ingest.errors import IngestError
from newsgraph.ingest.sources import FORMATS, IngestOptions
from newsgraph.render import render_text
from newsgraph.store.writer import Store, StoreInUse


def sample_paths() -> list[str]:
    """The bundled sample corpus as `make run` ingests it: the text files and the crawl WARC."""
    root = Path(str(resources.files("newsgraph").joinpath("data/samples")))
    return sorted(str(p) for p in root.glob("*.txt")) + sorted(
        str(p) for p in root.glob("*.warc.gz")
    )


def _options(input_format: str, published: str | None, max_mb: float) -> IngestOptions:
    return IngestOptions(
        input_format=input_format,  # type: ignore[arg-type]
        published=published,
        max_bytes=int(max_mb * 1_000_000),
    )


input_format_option = click.option(
    "--input-format",
    type=click.Choice(FORMATS),
    default="auto",
    show_default=True,
    help="How to read the inputs (auto: by file name, then by content).",
)
published_option = click.option(
    "--published",
    callback=iso_date,
    metavar="DATE",
    help="Publication date (YYYY-MM-DD) for inputs that lack one; relative dates resolve to it.",
)
max_mb_option = click.option(
    "--max-mb",
    type=float,
    default=20.0,
    show_default=True,
    help="Refuse inputs larger than this many megabytes.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsgraph")
def main() -> None:
    """newsgraph: news articles in, structured and source-attributed data out."""


@main.command()
@click.argument("inputs", nargs=-1, required=True, metavar="PATH...")
@published_option
@input_format_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "jsonl", "text"]),
    default="json",
    show_default=True,
    help="Output: the contract as JSON, JSON Lines, or readable text.",
)
@max_mb_option
@actors_option
def analyze(
    inputs: Sequence[str],
    published: str | None,
    input_format: str,
    fmt: str,
    max_mb: float,
    actor_files: Sequence[str],
) -> None:
    """Analyse articles (files, directories, globs, URLs or - for stdin) and print the records."""
    from newsgraph.runner import iter_analyses

    pipeline = pipeline_options(actor_files)
    failed = 0
    results: list[dict[str, Any]] = []
    options = _options(input_format, published, max_mb)
    for item in iter_analyses(list(inputs), options, pipeline=pipeline):
        if isinstance(item, IngestError):
            failed += 1
            error(str(item))
        elif fmt == "jsonl":
            click.echo(item.to_json())
        elif fmt == "text":
            click.echo(render_text(item))
        else:
            results.append(item.to_dict())
    if fmt == "json" and results:
        out = results[0] if len(results) == 1 else results
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
    if failed:
        sys.exit(EXIT_PARTIAL)


@main.command()
@click.argument("inputs", nargs=-1, metavar="PATH|URL...")
@db_option
@published_option
@input_format_option
@max_mb_option
@click.option("--samples", is_flag=True, help="Also ingest the bundled sample corpus.")
@click.option(
    "--progress/--no-progress", default=None, help="Show a progress bar (default: on a terminal)."
)
@click.option(
    "--batch-size",
    type=click.IntRange(1, 100_000),
    default=None,
    help="Articles stored per transaction (default: 50; 500 with --engine ray).",
)
@actors_option
@click.option(
    "--server",
    metavar="URL",
    help="Send the articles to a running `newsgraph serve` at URL instead of opening --db.",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "ray"]),
    default="local",
    show_default=True,
    help="local: this process; ray: Ray workers, one work unit per file (newsgraph[ray]).",
)
@click.option(
    "--address",
    metavar="ADDRESS",
    help="With --engine ray: the Ray cluster to join (default: start Ray on this machine).",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 100_000),
    default=None,
    help="With --engine ray: how many workers (default: one per CPU of the cluster).",
)
@click.option(
    "--output",
    metavar="DIR",
    type=click.Path(file_okay=False),
    help="With --engine ray: write Parquet partitioned by month into DIR instead of --db.",
)
def ingest(
    inputs: Sequence[str],
    db: str,
    published: str | None,
    input_format: str,
    max_mb: float,
    samples: bool,
    progress: bool | None,
    batch_size: int | None,
    actor_files: Sequence[str],
    server: str | None,
    engine: str,
    address: str | None,
    workers: int | None,
    output: str | None,
) -> None:
    """Analyse inputs and store them in the database; what is stored already is skipped."""
    from newsgraph.runner import ingest as run_ingest

    specs = list(inputs) + (sample_paths() if samples else [])
    if not specs:
        raise click.UsageError("name at least one PATH or URL, or --samples")
    # The Ray driver writes for many workers: bigger transactions cost it less per article.
    batch_size = batch_size or (500 if engine == "ray" else 50)
    if engine == "ray" or address or workers or output:
        if engine != "ray" or server:
            raise click.UsageError("--address, --workers and --output go with --engine ray")
        options = _options(input_format, published, max_mb)
        _ingest_on_ray(
            specs, db, output, address, workers, options, actor_files, batch_size, progress
        )
        return
    if server:
        if actor_files:
            raise click.UsageError(
                "--actors applies where articles are analysed: give the server its actor "
                "files (NEWSGRAPH_ACTORS) when it starts"
            )
        options = _options(input_format, published, max_mb)
        _ingest_via_server(specs, server, options, batch_size, progress)
        return
    pipeline = pipeline_options(actor_files)
    try:
        with Store(db) as store:
            report = run_ingest(
                specs,
                store,
                _options(input_format, published, max_mb),
                on_error=lambda e: error(str(e)),
                progress=progress,
                batch_size=batch_size,
                pipeline=pipeline,
            )
    except StoreInUse as exc:
        error(str(exc))
        sys.exit(EXIT_ERROR)
    click.echo(f"{db}: {report.summary()}")
    if not report.ok:
        sys.exit(EXIT_PARTIAL)


def _ingest_on_ray(
    specs: list[str],
    db: str,
    output: str | None,
    address: str | None,
    workers: int | None,
    options: IngestOptions,
    actor_files: Sequence[str],
    batch_size: int,
    progress: bool | None,
) -> None:
    from newsgraph.scale.command import ingest_command
    from newsgraph.scale.errors import OutputError, ScaleUnavailable

    pipeline = pipeline_options(actor_files)
    try:
        target, report = ingest_command(
            specs,
            db=db,
            output=output,
            options=options,
            pipeline=pipeline,
            address=address,
            workers=workers,
            batch_size=batch_size,
            progress=progress,
            on_error=error,
        )
    except (ScaleUnavailable, StoreInUse, OutputError) as exc:
        error(str(exc))
        sys.exit(EXIT_ERROR)
    click.echo(f"{target}: {report.summary()}")
    if not report.ok:
        sys.exit(EXIT_PARTIAL)


def _ingest_via_server(
    specs: list[str], server: str, options: IngestOptions, size: int, progress: bool | None
) -> None:
    from newsgraph.server.client import ServerUnavailable, ingest_via_server

    try:
        report = ingest_via_server(
            specs,
            server,
            options,
            on_error=lambda e: error(str(e)),
            progress=progress,
            batch_size=size,
        )
    except ServerUnavailable as exc:
        error(str(exc))
        sys.exit(EXIT_ERROR)
    click.echo(f"{server}: {report.summary()}")
    if not report.ok:
        sys.exit(EXIT_PARTIAL)


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port."
)
@click.option(
    "--allow-private-urls",
    is_flag=True,
    help="Let the server fetch URLs on private, loopback and link-local addresses.",
)
@click.option(
    "--max-upload-mb",
    type=click.FloatRange(0.001, 10_000),
    default=20.0,
    show_default=True,
    help="Refuse request bodies (uploads, batches) larger than this.",
)
def serve(db: str, host: str, port: int, allow_private_urls: bool, max_upload_mb: float) -> None:
    """Serve the API and the web pages over the database (the server owns it while it runs)."""
    from newsgraph.server.config import ServerConfig
    from newsgraph.server.serve import AddressInUse
    from newsgraph.server.serve import serve as run_server

    config = ServerConfig(
        db=Path(db),
        max_upload_bytes=int(max_upload_mb * 1_000_000),
        allow_private_urls=allow_private_urls,
    )
    try:
        run_server(config, host, port, say=click.echo)
    except (StoreInUse, AddressInUse) as exc:
        error(str(exc))
        sys.exit(EXIT_ERROR)


@main.command()
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["parquet", "csv", "jsonl", "plover", "gdelt"]),
    required=True,
    help="parquet/csv: each table; jsonl: the analyses; plover/gdelt: the events.",
)
@click.option(
    "--out",
    type=click.Path(),
    default=None,
    help="Folder for parquet/csv (default: newsgraph-export); file otherwise (default: stdout).",
)
@click.option("--table", "tables", multiple=True, help="Only this table (repeatable).")
@click.option(
    "--include-duplicates",
    is_flag=True,
    help="jsonl: also near-duplicate articles (their events are never stored).",
)
def export(
    db: str, fmt: str, out: str | None, tables: Sequence[str], include_duplicates: bool
) -> None:
    """Export the store: each table as Parquet or CSV, the analyses as JSON Lines, or the events
    as PLOVER-style JSON Lines or a GDELT-style TSV."""
    from newsgraph.store.events_export import export_gdelt, export_plover
    from newsgraph.store.export import export_jsonl, export_tables

    streams: dict[str, tuple[Callable[[Store, IO[str]], int], str]] = {
        "jsonl": (lambda s, f: export_jsonl(s, f, include_duplicates), "analyses"),
        "plover": (export_plover, "events"),
        "gdelt": (export_gdelt, "events"),
    }
    try:
        with Store(db, read_only=True) as store:
            if fmt in streams:
                write, what = streams[fmt]
                if out:
                    with open(out, "w", encoding="utf-8") as f:
                        n = write(store, f)
                    click.echo(f"{out}: {n} {what}", err=True)
                else:
                    write(store, sys.stdout)
                return
            try:
                files = export_tables(
                    store,
                    Path(out or "newsgraph-export"),
                    fmt,  # type: ignore[arg-type]
                    list(tables) or None,
                )
            except ValueError as exc:
                raise click.UsageError(str(exc)) from exc
            for path in files:
                click.echo(str(path))
    except StoreInUse as exc:
        error(str(exc))
        sys.exit(EXIT_ERROR)


@main.command()
@db_option
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
def stats(db: str, fmt: str) -> None:
    """Rows per table of the store, and (as text) a short summary of its articles."""
    try:
        with Store(db, read_only=True) as store:
            counts = store.counts()
            summary = store.summary()
    except StoreInUse as exc:
        error(str(exc))
        sys.exit(EXIT_ERROR)
    if fmt == "json":
        click.echo(json.dumps(counts))
        return
    width = max(len(k) for k in counts)
    for table, n in counts.items():
        click.echo(f"{table:<{width}}  {n:>8,}")
    if summary:
        click.echo("")
        click.echo("\n".join(summary))


@main.command()
@click.argument("folder", type=click.Path(exists=True, file_okay=False), metavar="DIR")
@db_option
def load(folder: str, db: str) -> None:
    """Load the Parquet output of `ingest --engine ray --output DIR` into the database."""
    from newsgraph.scale.command import load_command
    from newsgraph.scale.errors import OutputError, ScaleUnavailable

    try:
        report = load_command(folder, db, on_error=error)
    except (ScaleUnavailable, StoreInUse, OutputError) as exc:
        error(str(exc))
        sys.exit(EXIT_ERROR)
    click.echo(f"{db}: {report.articles_line()}")


@main.command()
@db_option
@click.option(
    "--days",
    type=click.IntRange(0, 365),
    default=3,
    show_default=True,
    help="Reports of one event are at most this many days apart.",
)
@click.option(
    "--min-score",
    type=click.FloatRange(0, 1),
    default=0.35,
    show_default=True,
    help="How alike two reports must be (shared actors and evidence words) to be one event.",
)
@click.option(
    "--top",
    type=click.IntRange(0, 1000),
    default=10,
    show_default=True,
    help="Show this many clusters, those with the most sources first.",
)
def clusters(db: str, days: int, min_score: float, top: int) -> None:
    """Group the stored events into clusters of reports of one event, and summarise them."""
    from newsgraph.store.clusters import ClusterOptions, compute_clusters, top_clusters

    try:
        with Store(db) as store:
            result = compute_clusters(store.con, ClusterOptions(days=days, min_score=min_score))
            lines = top_clusters(store.con, top)
    except StoreInUse as exc:
        error(str(exc))
        sys.exit(EXIT_ERROR)
    click.echo(f"{db}: {result.line()}")
    for line in lines:
        click.echo(line)


@main.command()
def schema() -> None:
    """Print the JSON Schema of the analysis record (newsgraph.analysis/1)."""
    from newsgraph.model import json_schema

    click.echo(json.dumps(json_schema(), indent=2, ensure_ascii=False))


main.add_command(actors)
main.add_command(train_group, "train")

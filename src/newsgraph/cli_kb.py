"""The ``newsgraph actors`` and ``newsgraph train`` command groups: the knowledge base and the
optional event classifier."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import click

from newsgraph.cli_common import (
    EXIT_ERROR,
    EXIT_PARTIAL,
    actors_option,
    error,
    iso_date,
    layers,
)


@click.group()
def actors() -> None:
    """The actor knowledge base: look names up, count entries, import dictionaries."""


@actors.command("lookup")
@click.argument("name")
@click.option(
    "--date",
    "when",
    callback=iso_date,
    metavar="DATE",
    help="Code the actor as of this date (YYYY-MM-DD; default: today).",
)
@actors_option
def lookup_actor(name: str, when: str | None, actor_files: Sequence[str]) -> None:
    """Show the knowledge-base entries a name refers to, coded as of a date."""
    from datetime import date

    from newsgraph.actors.index import default_index
    from newsgraph.actors.lookup import describe, lookup

    index = default_index(layers(actor_files))
    day = date.fromisoformat(when) if when else date.today()
    found = lookup(index, name)
    if not found:
        error(f"{name!r}: no actor of that name in the knowledge base")
        sys.exit(EXIT_PARTIAL)
    for entry in found:
        click.echo(describe(index, entry, day))


@actors.command("stats")
@actors_option
def actor_stats(actor_files: Sequence[str]) -> None:
    """How many actors of each kind the knowledge base holds, and from which files."""
    from newsgraph.actors.index import default_index
    from newsgraph.actors.lookup import stats

    for line in stats(default_index(layers(actor_files))):
        click.echo(line)


@actors.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="YAML layer to write (default: <file stem>.actors.yaml here).",
)
def import_actors(file: Path, out: Path | None) -> None:
    """Import a TABARI/PETRARCH actors or agents dictionary as a user YAML layer."""
    from newsgraph.actors.kb import KBError
    from newsgraph.actors.tabari import import_dictionary

    try:
        report = import_dictionary(file, out)
    except KBError as exc:
        error(str(exc))
        sys.exit(EXIT_ERROR)
    for line in report.warning_lines():
        click.echo(line, err=True)
    click.echo(report.summary())


@click.group("train")
def train_group() -> None:
    """Train models on your own labelled examples."""


@train_group.command("events")
@click.option(
    "--data",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help='JSON Lines, one {"text": ..., "label": ...} per line (label: a PLOVER type or NONE).',
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("newsgraph-events.npz"),
    show_default=True,
    help="Model file to write; point NEWSGRAPH_EVENT_MODEL at it to use it.",
)
@click.option(
    "--embedder",
    "embedder_kind",
    type=click.Choice(["auto", "minilm", "hashing"]),
    default="auto",
    show_default=True,
    help="auto: the packaged sentence embedder (newsgraph[embed]) when installed, else hashing.",
)
@click.option(
    "--folds",
    type=click.IntRange(0, 100),
    default=5,
    show_default=True,
    help="Cross-validation folds for the accuracy report (0: skip it).",
)
def train_events(data: Path, out: Path, embedder_kind: str, folds: int) -> None:
    """Train the event-type classifier on labelled sentences and write the model."""
    from newsgraph.events import embed

    examples, errors = embed.read_examples(data)
    for line in errors:
        error(line)
    try:
        if embedder_kind == "hashing":
            embedder: embed.Embedder = embed.HashingEmbedder()
        else:
            try:
                embedder = embed.load_embedder()
            except embed.EmbedUnavailable:
                if embedder_kind == "minilm":
                    raise
                click.echo("note: newsgraph[embed] is not installed; using hashing", err=True)
                embedder = embed.HashingEmbedder()
        clf = embed.train(examples, embedder)
        report = embed.cross_validate(examples, embedder, folds) if folds else None
        clf.save(out)
    except (embed.EmbedError, embed.EmbedUnavailable, OSError) as exc:
        error(f"{data}: {exc}")
        sys.exit(EXIT_ERROR)
    click.echo(f"{len(examples)} examples, {len(clf.labels)} labels, embedder {embedder.name}")
    for label, n in embed.label_counts(examples):
        score = f"  {report.per_label[label]:.2f}" if report else ""
        click.echo(f"  {label:<10} {n:>6}{score}")
    if report:
        click.echo(f"{report.folds}-fold cross-validated accuracy: {report.accuracy:.3f}")
    click.echo(f"wrote {out}")
    if errors:
        sys.exit(EXIT_PARTIAL)

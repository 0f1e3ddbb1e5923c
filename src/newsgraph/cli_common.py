"""What the ``newsgraph`` commands share: the database option, exit codes, error lines and the
user's actor layers."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from newsgraph.pipeline import PipelineOptions

DEFAULT_DB = "newsgraph.duckdb"
# Exit codes: 0 all inputs done, 1 some inputs failed (partial), 2 usage or store error.
EXIT_PARTIAL = 1
EXIT_ERROR = 2

db_option = click.option(
    "--db",
    "db",
    default=DEFAULT_DB,
    show_default=True,
    type=click.Path(dir_okay=False),
    help="DuckDB database file.",
)


def error(line: str) -> None:
    click.echo(f"error: {line}", err=True)


def iso_date(_ctx: object, _param: object, value: str | None) -> str | None:
    if value is None:
        return None
    from datetime import date

    try:
        return date.fromisoformat(value).isoformat()
    except ValueError as exc:
        raise click.BadParameter(f"{value!r} is not an ISO date (YYYY-MM-DD)") from exc


def layers(files: Sequence[str]) -> tuple[str, ...]:
    """The user's actor layers: NEWSGRAPH_ACTORS, then --actors files; checked before any work."""
    from newsgraph.actors.index import default_index
    from newsgraph.actors.kb import KBError
    from newsgraph.pipeline import PipelineOptions

    layers = PipelineOptions().actor_layers + tuple(files)
    try:
        default_index(layers)
    except KBError as exc:
        error(str(exc))
        sys.exit(EXIT_ERROR)
    return layers


def pipeline_options(actor_files: Sequence[str]) -> PipelineOptions:
    """The pipeline's options with every user file it layers (actors, event patterns, framing
    lexicons) checked before any work: a broken file is one error line and exit 2, not a
    failure of every article."""
    from newsgraph.events.patterns import PatternError, default_patterns
    from newsgraph.framing import LexiconError, load_lexicon
    from newsgraph.pipeline import PipelineOptions

    options = PipelineOptions(actor_layers=layers(actor_files))
    try:
        default_patterns(options.event_patterns)
        load_lexicon(options.framing_layers)
    except (PatternError, LexiconError) as exc:
        error(str(exc))
        sys.exit(EXIT_ERROR)
    return options


actors_option = click.option(
    "--actors",
    "actor_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="A YAML file of actors layered over the bundled base (repeatable; also NEWSGRAPH_ACTORS).",
)

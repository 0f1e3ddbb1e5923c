"""The errors of the scale-out commands, importable without Ray or pyarrow."""

from __future__ import annotations

RAY_MISSING = "the Ray engine needs the extra: pip install 'newsgraph[ray]'"


class ScaleUnavailable(Exception):
    """Ray (or pyarrow) is not installed."""


class OutputError(Exception):
    """A folder that is not newsgraph Parquet output, or a manifest that cannot be read."""

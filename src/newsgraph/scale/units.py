"""Work units: one per input file (a WARC archive, a JSON Lines shard, a page) or feed URL.

A file's unit is keyed by its absolute path, size and modification time, so that a restarted job
skips the units it finished and reads a file again once it has changed. A URL's content changes
from one run to the next, so a URL unit is always read again (its stored articles are skipped
by id, as the single-machine ``ingest`` skips them).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from newsgraph.ingest.errors import IngestError
from newsgraph.ingest.sources import expand


@dataclass(frozen=True)
class WorkUnit:
    """One input a worker reads from end to end, and how a finished one is recognised."""

    index: int
    spec: str
    key: str
    size: int | None = None
    mtime_ns: int | None = None

    @property
    def resumable(self) -> bool:
        """Whether a finished unit is recorded and skipped when the job runs again."""
        return self.size is not None


def _key(*parts: object) -> str:
    raw = "\0".join(str(p) for p in parts)
    return hashlib.blake2b(raw.encode("utf-8"), digest_size=10).hexdigest()


def plan_units(specs: Sequence[str]) -> tuple[list[WorkUnit], list[IngestError]]:
    """The work units of ``specs`` in input order (directories walked, globs expanded), and an
    error for each spec that names nothing readable."""
    units: list[WorkUnit] = []
    errors: list[IngestError] = []
    for item in expand(specs):
        if isinstance(item, IngestError):
            errors.append(item)
        elif item == "-":
            errors.append(IngestError("-", "standard input cannot be spread over workers"))
        elif item.startswith(("http://", "https://")):
            units.append(WorkUnit(len(units), item, _key("url", item)))
        else:
            path = Path(item)
            try:
                st = path.stat()
            except OSError as exc:
                errors.append(IngestError(item, f"cannot read ({exc.strerror or exc})"))
                continue
            full = str(path.resolve())
            units.append(
                WorkUnit(
                    len(units),
                    item,
                    _key("file", full, st.st_size, st.st_mtime_ns),
                    st.st_size,
                    st.st_mtime_ns,
                )
            )
    return units, errors

"""What a worker does with one work unit: read its articles, analyse each, and hand back chunks
of ready-to-store rows. No store, no shared state: the driver decides what is stored.

Chunks are cut every ``chunk_size`` items, so that a retried unit yields the same chunks again
and the driver can recognise the items it has seen by their position (``seq``) in the unit.
"""

from __future__ import annotations

import resource
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pyarrow as pa

from newsgraph.ingest.dedup import signature, to_bytes
from newsgraph.ingest.errors import IngestError
from newsgraph.ingest.sources import IngestOptions, iter_articles
from newsgraph.model import Analysis, Article
from newsgraph.pipeline import PipelineOptions, analyze_article
from newsgraph.scale.arrow import empty_tables, to_tables
from newsgraph.scale.units import WorkUnit
from newsgraph.store.writer import Stored

# The per-article function: pure, Article in, Analysis out (``analyze_article`` by default).
Analyzer = Callable[[Article, PipelineOptions], Analysis]
CHUNK_SIZE = 32


@dataclass(frozen=True)
class Entry:
    """One item of a unit: an analysed article (with its MinHash) or an error naming it."""

    seq: int
    article_id: str | None = None
    minhash: bytes | None = None
    error: str | None = None
    # Set when the item arrives already linked to an original (re-loading stored output).
    duplicate_of: str | None = None
    similarity: float | None = None


@dataclass
class Chunk:
    """Items of one unit with their rows; the unit's last chunk says how many items it holds."""

    unit: int
    entries: list[Entry] = field(default_factory=list)
    tables: dict[str, pa.Table] = field(default_factory=empty_tables)
    done: int | None = None
    failure: str | None = None
    peak_mb: float = 0.0


def peak_rss_mb() -> float:
    """Peak resident memory of this process, in MB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1 << 20) if sys.platform == "darwin" else peak / 1024


def analyze_item(
    seq: int, article: Article, pipeline: PipelineOptions, analyze: Analyzer
) -> tuple[Entry, Stored | None]:
    """Analyse one article; an analysis that fails is an error entry, as in ``ingest``."""
    try:
        analysis = analyze(article, pipeline)
        sig = to_bytes(signature(article.text))
    except Exception as exc:  # a bug in one stage must not stop the unit
        err = IngestError(article.id, f"analysis failed ({type(exc).__name__}: {exc})")
        return Entry(seq, article.id, error=str(err)), None
    return Entry(seq, article.id, sig), Stored(analysis, article.url or article.id, sig)


def _chunk(unit: int, entries: list[Entry], stored: list[tuple[int, Stored]]) -> Chunk:
    return Chunk(unit, list(entries), to_tables(stored))


def _read_unit(
    unit: WorkUnit,
    options: IngestOptions,
    pipeline: PipelineOptions,
    analyze: Analyzer,
    chunk_size: int,
) -> Iterator[Chunk]:
    entries: list[Entry] = []
    stored: list[tuple[int, Stored]] = []
    seq = -1
    for seq, item in enumerate(iter_articles([unit.spec], options)):
        if isinstance(item, IngestError):
            entries.append(Entry(seq, error=str(item)))
        else:
            entry, ok = analyze_item(seq, item, pipeline, analyze)
            entries.append(entry)
            if ok is not None:
                stored.append((seq, ok))
        if len(entries) >= chunk_size:
            yield _chunk(unit.index, entries, stored)
            entries.clear()
            stored.clear()
    last = _chunk(unit.index, entries, stored)
    last.done = seq + 1
    last.peak_mb = peak_rss_mb()
    yield last


def analyze_unit(
    unit: WorkUnit,
    options: IngestOptions,
    pipeline: PipelineOptions,
    analyze: Analyzer = analyze_article,
    chunk_size: int = CHUNK_SIZE,
    retries: int = 2,
) -> Iterator[Chunk]:
    """The chunks of ``unit``. An unexpected error reading it is retried from the start (the
    driver skips items it has seen), then reported in a last chunk with ``failure`` set."""
    for attempt in range(retries + 1):
        try:
            yield from _read_unit(unit, options, pipeline, analyze, chunk_size)
            return
        except Exception as exc:  # reading a unit must end in a chunk the driver can count
            if attempt == retries:
                yield Chunk(
                    unit.index,
                    failure=f"{type(exc).__name__}: {exc} (after {retries + 1} attempts)",
                    peak_mb=peak_rss_mb(),
                )

"""Runs the pipeline over many inputs: errors per input, near-copies linked, batches stored.

The same loop serves ``newsgraph analyze`` (results to an output stream) and ``newsgraph ingest``
(results into the store, one transaction per batch, skipping what is stored already, so that a
killed run resumes where it stopped and a second run adds nothing).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from tqdm import tqdm

from newsgraph.ingest.dedup import Duplicate, NearDuplicates, signature, to_bytes
from newsgraph.ingest.errors import IngestError
from newsgraph.ingest.sources import IngestOptions, iter_articles
from newsgraph.model import Analysis, Article
from newsgraph.pipeline import PipelineOptions, analyze_article
from newsgraph.store.writer import Store, Stored

BATCH_SIZE = 50


@dataclass
class Report:
    """What a run did: every input is either stored, skipped as already stored, or failed."""

    stored: int = 0
    duplicates: int = 0
    skipped: int = 0
    failed: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        return (
            f"{self.stored} stored ({self.duplicates} as near-duplicates), "
            f"{self.skipped} already stored, {len(self.failed)} failed"
        )


def _analyze(
    article: Article, index: NearDuplicates, pipeline: PipelineOptions | None = None
) -> Stored:
    """Analyse ``article`` and link it to an earlier near-copy, if it is one."""
    analysis = analyze_article(article, pipeline)
    sig = signature(article.text)
    dup: Duplicate | None = index.check(sig)
    if dup is None:
        index.add(article.id, sig)
    else:
        analysis.article.duplicate_of = dup.original
        analysis.warnings.append(
            f"near-duplicate of article {dup.original} (similarity {dup.similarity:.2f})"
        )
    return Stored(analysis=analysis, source="", minhash=to_bytes(sig), duplicate=dup)


def iter_analyses(
    specs: Sequence[str],
    options: IngestOptions | None = None,
    dedup: bool = True,
    pipeline: PipelineOptions | None = None,
) -> Iterator[Analysis | IngestError]:
    """Analyses of every input in order; an IngestError for each that fails."""
    index = NearDuplicates()
    for item in iter_articles(specs, options):
        if isinstance(item, IngestError):
            yield item
            continue
        try:
            yield (
                _analyze(item, index, pipeline).analysis
                if dedup
                else analyze_article(item, pipeline)
            )
        except Exception as exc:  # a bug in one stage must not stop the run
            yield IngestError(item.id, f"analysis failed ({type(exc).__name__}: {exc})")


def ingest(
    specs: Sequence[str],
    store: Store,
    options: IngestOptions | None = None,
    on_error: Callable[[IngestError], None] | None = None,
    progress: bool | None = None,
    batch_size: int = BATCH_SIZE,
    pipeline: PipelineOptions | None = None,
) -> Report:
    """Analyse every input and store it; already-stored articles are skipped."""
    report = Report()
    index = store.dedup_index()
    batch: list[Stored] = []
    pending: set[str] = set()

    def flush() -> None:
        store.write(batch)
        report.stored += len(batch)
        report.duplicates += sum(1 for s in batch if s.duplicate)
        batch.clear()
        pending.clear()

    bar = tqdm(
        iter_articles(specs, options),
        unit=" articles",
        disable=None if progress is None else not progress,
        leave=False,
    )
    for item in bar:
        if isinstance(item, IngestError):
            report.failed.append(str(item))
            if on_error:
                on_error(item)
            continue
        if item.id in pending or store.known_ids([item.id]):
            report.skipped += 1
            continue
        try:
            stored = _analyze(item, index, pipeline)
        except Exception as exc:  # a bug in one stage must not stop the run
            err = IngestError(item.id, f"analysis failed ({type(exc).__name__}: {exc})")
            report.failed.append(str(err))
            if on_error:
                on_error(err)
            continue
        batch.append(Stored(stored.analysis, item.url or item.id, stored.minhash, stored.duplicate))
        pending.add(item.id)
        if len(batch) >= batch_size:
            flush()
    if batch:
        flush()
    bar.close()
    return report

"""`make bench`: throughput and peak memory of `analyze`, beside trafilatura on the same pages.

Each phase runs in its own process so that its peak resident memory is its own. Throughput is
reported in articles/s and sentences/s, and as a ratio to trafilatura's bare extraction of the
same HTML pages measured in the same run (a baseline that moves with the machine).
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "src" / "newsgraph" / "data" / "samples"
GOLD_PAGES = ROOT.parent / "shared" / "gold" / "extraction" / "scrapinghub" / "html"
MIN_SECONDS = 3.0
# Phases over the sample texts, shown beside the whole pipeline on the same texts.
PHASES = {
    "text-embed": "analyze + event classifier",
    "segment": "segmentation alone (samples)",
    "actors": "actors alone (samples)",
    "events": "events alone (samples)",
    "quotes": "quotes and voice alone (samples)",
    "framing": "framing alone (samples)",
}


def _pages(corpus: str) -> list[bytes]:
    if corpus == "samples":
        return [p.read_bytes() for p in sorted(SAMPLES.glob("*.html"))]
    return [gzip.decompress(p.read_bytes()) for p in sorted(GOLD_PAGES.glob("*.html.gz"))]


def _repeat(work: Callable[[], int]) -> tuple[int, int, float]:
    """Run ``work`` (one pass, returning sentences) until MIN_SECONDS; (passes, sentences, s)."""
    work()  # warm-up: imports, caches, lazy tables
    passes = sentences = 0
    start = time.perf_counter()
    while (elapsed := time.perf_counter() - start) < MIN_SECONDS or passes == 0:
        sentences += work()
        passes += 1
    return passes, sentences, elapsed


def phase(name: str, corpus: str) -> dict[str, float]:
    """One measurement, in this process."""
    from newsgraph.ingest.html import article_from_html
    from newsgraph.ingest.text import article_from_text
    from newsgraph.pipeline import analyze_article

    if name in ("text", "text-embed"):
        from newsgraph.pipeline import PipelineOptions

        texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
        options = PipelineOptions(embed=name == "text-embed")
        if options.embed:
            from newsgraph.events.embed import default_classifier

            if default_classifier() is None:
                return {}  # the extra is not installed

        def work() -> int:
            return sum(
                len(analyze_article(article_from_text(t, source="b"), options).sentences)
                for t in texts
            )

        n = len(texts)
    elif name == "events":
        # The event stage alone, over articles whose other stages ran beforehand.
        from newsgraph.actors.index import default_index
        from newsgraph.events.patterns import default_patterns
        from newsgraph.events.stage import article_events
        from newsgraph.text.numbers import find_figures

        index, patterns = default_index(), default_patterns()
        done = [
            analyze_article(article_from_text(p.read_text(encoding="utf-8"), source="b"))
            for p in sorted(SAMPLES.glob("*.txt"))
        ]
        prepared = [
            (an, [(s.start, s.end) for s in an.sentences], find_figures(an.article.text, []))
            for an in done
        ]

        def work() -> int:
            for an, spans, figures in prepared:
                article_events(
                    an.article.text,
                    spans,
                    an.actors,
                    index,
                    patterns,
                    timexes=an.timexes,
                    figures=figures,
                )
            return sum(len(spans) for _an, spans, _f in prepared)

        n = len(prepared)
    elif name in ("quotes", "framing"):
        # One stage alone over articles whose other stages ran beforehand.
        from newsgraph.framing import default_lexicon, detect_framing
        from newsgraph.quotes import find_quotes

        lexicon = default_lexicon()
        done = [
            analyze_article(article_from_text(p.read_text(encoding="utf-8"), source="b"))
            for p in sorted(SAMPLES.glob("*.txt"))
        ]

        def work() -> int:
            for an in done:
                if name == "quotes":
                    spans = [(s.start, s.end) for s in an.sentences]
                    find_quotes(an.article.text, spans, an.actors)
                else:
                    detect_framing(an.article.text, an.sentences, an.quotes, lexicon)
            return sum(len(an.sentences) for an in done)

        n = len(done)
    elif name in ("actors", "segment"):
        # One stage alone over the sample texts: its own rate, and the baseline beside it.
        from newsgraph.actors.index import default_index
        from newsgraph.actors.recognize import find_actors
        from newsgraph.text.segment import segment

        bodies = [
            article_from_text(p.read_text(encoding="utf-8"), source="b")
            for p in sorted(SAMPLES.glob("*.txt"))
        ]
        docs = [(a.text, segment(a.text)) for a in bodies]
        index = default_index()

        def work() -> int:
            if name == "segment":
                return sum(len(segment(text)) for text, _ in docs)
            for text, spans in docs:
                find_actors(text, index, None, spans)
            return sum(len(spans) for _, spans in docs)

        n = len(docs)
    elif name == "html":
        pages = _pages(corpus)

        def work() -> int:
            return sum(
                len(analyze_article(article_from_html(p, source="b")).sentences) for p in pages
            )

        n = len(pages)
    else:  # trafilatura's own extraction of the same pages: the baseline
        import trafilatura

        pages = _pages(corpus)

        def work() -> int:
            for p in pages:
                trafilatura.extract(p)
            return 0

        n = len(pages)
    passes, sentences, elapsed = _repeat(work)
    return {
        "articles_per_s": passes * n / elapsed,
        "sentences_per_s": sentences / elapsed,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def run_phase(name: str, corpus: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--phase", name, "--corpus", corpus],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, float] = json.loads(out.stdout)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--phase", choices=[*PHASES, "text", "html", "trafilatura"])
    parser.add_argument("--corpus", choices=["samples", "scrapinghub"], default="samples")
    args = parser.parse_args()
    if args.phase:
        print(json.dumps(phase(args.phase, args.corpus)))
        return 0
    corpora = ["samples"] + (["scrapinghub"] if GOLD_PAGES.is_dir() else [])
    print(
        f"{'measure':<34} {'articles/s':>10} {'sentences/s':>12} {'peak MB':>8} {'vs traf.':>9} "
        f"{'vs text':>7}"
    )
    text = run_phase("text", "samples")
    print(
        f"{'analyze, plain text (samples)':<34} {text['articles_per_s']:>10.1f} "
        f"{text['sentences_per_s']:>12.0f} {text['peak_rss_mb']:>8.0f}"
    )
    for name, label in PHASES.items():
        got = run_phase(name, "samples")
        if not got:
            print(f"{label:<34} {'skipped: newsgraph[embed] is not installed':>40}")
            continue
        ratio = got["sentences_per_s"] / text["sentences_per_s"]
        print(
            f"{label:<34} {got['articles_per_s']:>10.1f} "
            f"{got['sentences_per_s']:>12.0f} {got['peak_rss_mb']:>8.0f} {'':>9} {ratio:>7.2f}"
        )
    for corpus in corpora:
        base = run_phase("trafilatura", corpus)
        html = run_phase("html", corpus)
        print(
            f"{'trafilatura.extract (' + corpus + ')':<34} {base['articles_per_s']:>10.1f} "
            f"{'':>12} {base['peak_rss_mb']:>8.0f} {1.0:>9.2f}"
        )
        ratio = html["articles_per_s"] / base["articles_per_s"]
        print(
            f"{'analyze, HTML (' + corpus + ')':<34} {html['articles_per_s']:>10.1f} "
            f"{html['sentences_per_s']:>12.0f} {html['peak_rss_mb']:>8.0f} {ratio:>9.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

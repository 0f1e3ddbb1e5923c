"""The order of the stages: Article -> Analysis. Each stage lives in its own module."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date

from newsgraph.actors.index import default_index
from newsgraph.actors.recognize import find_actors
from newsgraph.ingest.html import article_from_html
from newsgraph.ingest.sources import sniff
from newsgraph.ingest.text import article_from_text
from newsgraph.model import Analysis, Article, Sentence
from newsgraph.text.numbers import find_figures, to_claim
from newsgraph.text.segment import segment
from newsgraph.text.timex import find_timexes

# A "sentence" longer than this is usually a flattened table or a run-on without punctuation.
LONG_SENTENCE_CHARS = 2000


def _env_layers() -> tuple[str, ...]:
    return tuple(p for p in os.environ.get("NEWSGRAPH_ACTORS", "").split(os.pathsep) if p)


@dataclass(frozen=True)
class PipelineOptions:
    """How the stages run: the user's actor files layered over the bundled knowledge base
    (default: the files named in ``NEWSGRAPH_ACTORS``, separated like ``PATH``)."""

    actor_layers: tuple[str, ...] = field(default_factory=_env_layers)


def _published_date(article: Article) -> date | None:
    if not article.published:
        return None
    try:
        return date.fromisoformat(article.published[:10])
    except ValueError:
        return None


def analyze_article(article: Article, options: PipelineOptions | None = None) -> Analysis:
    """Run every stage over one article."""
    options = options or PipelineOptions()
    warnings: list[str] = []
    text = article.text
    spans = segment(text)
    sentences = [Sentence(start=s, end=e) for s, e in spans]
    published = _published_date(article)
    if published is None:
        warnings.append("no publication date: relative dates are left unresolved")
    if article.language and article.language != "en":
        warnings.append(
            f"language is {article.language!r}: the stages are written for English, "
            "so results may be sparse"
        )
    long = sum(1 for s, e in spans if e - s > LONG_SENTENCE_CHARS)
    if long:
        warnings.append(
            f"{long} sentence(s) over {LONG_SENTENCE_CHARS} characters "
            "(a flattened table or missing punctuation?)"
        )
    timexes = find_timexes(text, published)
    claims = [to_claim(f, f"c{i}") for i, f in enumerate(find_figures(text, spans), start=1)]
    actors = find_actors(text, default_index(options.actor_layers), published, spans)
    return Analysis(
        article=article,
        sentences=sentences,
        actors=actors,
        timexes=timexes,
        claims=claims,
        warnings=warnings,
    )


def analyze(
    text_or_html: str,
    published: str | None = None,
    *,
    url: str | None = None,
    article_id: str | None = None,
) -> Analysis:
    """Analyse one article given as plain text (first line the title) or as an HTML page."""
    source = url or "<input>"
    if sniff(text_or_html.encode("utf-8")[:2048]) == "html":
        article = article_from_html(
            text_or_html, source=source, url=url, published=published, article_id=article_id
        )
    else:
        article = article_from_text(
            text_or_html, source=source, url=url, published=published, article_id=article_id
        )
    return analyze_article(article)

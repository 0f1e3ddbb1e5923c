"""The order of the stages: Article -> Analysis. Each stage lives in its own module."""

from __future__ import annotations

from datetime import date

from newsgraph.ingest.html import article_from_html
from newsgraph.ingest.sources import sniff
from newsgraph.ingest.text import article_from_text
from newsgraph.model import Analysis, Article, Sentence
from newsgraph.text.numbers import find_figures, to_claim
from newsgraph.text.segment import segment
from newsgraph.text.timex import find_timexes

# A "sentence" longer than this is usually a flattened table or a run-on without punctuation.
LONG_SENTENCE_CHARS = 2000


def _published_date(article: Article) -> date | None:
    if not article.published:
        return None
    try:
        return date.fromisoformat(article.published[:10])
    except ValueError:
        return None


def analyze_article(article: Article) -> Analysis:
    """Run every stage over one article."""
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
    return Analysis(
        article=article,
        sentences=sentences,
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

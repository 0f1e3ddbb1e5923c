"""newsgraph: news articles in, structured and source-attributed data out.

>>> import newsgraph
>>> analysis = newsgraph.analyze("Talks resume\n\nThe two sides met in Doha on Monday.",
...                              published="2024-04-17")
>>> analysis.timexes[0].value
'2024-04-15'
"""

from __future__ import annotations

from newsgraph.model import SCHEMA_ID, Analysis, Article, json_schema

__version__ = "0.1.0"


def analyze(
    text_or_html: str,
    published: str | None = None,
    *,
    url: str | None = None,
    article_id: str | None = None,
) -> Analysis:
    """Analyse one article given as plain text (first line the title) or as an HTML page."""
    # Imported here so that `import newsgraph` stays light for users of the records alone.
    from newsgraph import pipeline

    return pipeline.analyze(text_or_html, published, url=url, article_id=article_id)


def analyze_article(article: Article) -> Analysis:
    """Run every stage over an Article built by one of the ``newsgraph.ingest`` readers."""
    from newsgraph import pipeline

    return pipeline.analyze_article(article)


__all__ = [
    "SCHEMA_ID",
    "Analysis",
    "Article",
    "__version__",
    "analyze",
    "analyze_article",
    "json_schema",
]

"""newsgraph: news articles in, structured and source-attributed data out.

>>> import newsgraph
>>> analysis = newsgraph.analyze("Talks resume\n\nThe two sides met in Doha on Monday.",
...                              published="2024-04-17")
>>> analysis.timexes[0].value
'2024-04-15'
"""

from __future__ import annotations

from newsgraph.model import SCHEMA_ID, Analysis, Article, json_schema
from newsgraph.pipeline import analyze, analyze_article

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_ID",
    "Analysis",
    "Article",
    "__version__",
    "analyze",
    "analyze_article",
    "json_schema",
]

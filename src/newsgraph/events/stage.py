"""The event stage over one article: which sentences to code, and with what.

Not yet part of ``pipeline.analyze_article``: the coder joins the pipeline once it meets the
quality floors of its issue (see eval/events.py). Until then it runs here, for the eval and for
users who call it directly.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from newsgraph.actors.index import ActorIndex
from newsgraph.actors.places import gazetteer
from newsgraph.events.coder import code_events
from newsgraph.events.patterns import Patterns
from newsgraph.model import Actor, Analysis, Event, Timex
from newsgraph.text.numbers import Figure

# Longer "sentences" are flattened tables or run-ons: coding them floods false events.
MAX_SENTENCE_CHARS = 2000


def article_events(
    text: str,
    sentences: Sequence[tuple[int, int]],
    actors: Sequence[Actor],
    index: ActorIndex,
    patterns: Patterns,
    *,
    language: str | None = "en",
    published: date | None = None,
    timexes: Sequence[Timex] = (),
    figures: Sequence[Figure] = (),
) -> list[Event]:
    """Events of an article; none for languages other than English (the patterns are English)."""
    if language not in (None, "en"):
        return []
    coded = [(s, e) for s, e in sentences if e - s <= MAX_SENTENCE_CHARS]
    places = gazetteer(index).find(text, {a.country for a in actors if a.country})
    return code_events(
        text,
        coded,
        actors,
        patterns,
        published=published,
        timexes=timexes,
        figures=figures,
        places=places,
    )


def analyze_with_events(text: str, published: str | None = None) -> Analysis:
    """``newsgraph.analyze`` with the event stage run over its result (until it joins it)."""
    from newsgraph.actors.index import default_index
    from newsgraph.events.patterns import default_patterns
    from newsgraph.pipeline import analyze
    from newsgraph.text.numbers import find_figures

    an = analyze(text, published=published)
    spans = [(s.start, s.end) for s in an.sentences]
    when = date.fromisoformat(an.article.published[:10]) if an.article.published else None
    an.events = article_events(
        an.article.text,
        spans,
        an.actors,
        default_index(),
        default_patterns(),
        language=an.article.language,
        published=when,
        timexes=an.timexes,
        figures=find_figures(an.article.text, spans),
    )
    return an

"""The order of the stages: Article -> Analysis. Each stage lives in its own module."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from newsgraph.actors.index import default_index
from newsgraph.actors.recognize import find_actors
from newsgraph.events.coder import ATTRIBUTED_WEIGHT
from newsgraph.events.patterns import default_patterns
from newsgraph.events.stage import article_events
from newsgraph.framing import detect_framing, load_lexicon
from newsgraph.ingest.html import article_from_html
from newsgraph.ingest.sources import sniff
from newsgraph.ingest.text import article_from_text
from newsgraph.model import Analysis, Article, Event, Sentence
from newsgraph.quotes import find_quotes
from newsgraph.quotes.attribute import QuoteIndex
from newsgraph.text.numbers import find_figures, to_claim
from newsgraph.text.segment import segment
from newsgraph.text.timex import find_timexes

if TYPE_CHECKING:
    from newsgraph.events.embed import TypeClassifier

# A "sentence" longer than this is usually a flattened table or a run-on without punctuation.
LONG_SENTENCE_CHARS = 2000


def _env_files(name: str) -> tuple[str, ...]:
    return tuple(p for p in os.environ.get(name, "").split(os.pathsep) if p)


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


@dataclass(frozen=True)
class PipelineOptions:
    """How the stages run. Defaults come from the environment, so that workers see the same:
    ``NEWSGRAPH_ACTORS``, ``NEWSGRAPH_PATTERNS`` and ``NEWSGRAPH_FRAMING`` name the user's
    actor, event-pattern and framing-lexicon files (separated like ``PATH``) layered over the
    bundled ones, and ``NEWSGRAPH_EMBED=1`` turns on the optional sentence classifier for
    sentences no rule codes."""

    actor_layers: tuple[str, ...] = field(default_factory=lambda: _env_files("NEWSGRAPH_ACTORS"))
    event_patterns: tuple[str, ...] = field(
        default_factory=lambda: _env_files("NEWSGRAPH_PATTERNS")
    )
    embed: bool = field(default_factory=lambda: _env_flag("NEWSGRAPH_EMBED"))
    framing_layers: tuple[str, ...] = field(default_factory=lambda: _env_files("NEWSGRAPH_FRAMING"))


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
    figures = find_figures(text, spans)
    claims = [to_claim(f, f"c{i}") for i, f in enumerate(figures, start=1)]
    index = default_index(options.actor_layers)
    actors = find_actors(text, index, published, spans)
    quoted = find_quotes(text, spans, actors)
    for sentence, voice in zip(sentences, quoted.voices, strict=True):
        sentence.voice = voice
    said = QuoteIndex(quoted.quotes)
    for claim in claims:
        claim.voice = said.attribution(claim.start, claim.end) or claim.voice
    events = article_events(
        text,
        spans,
        actors,
        index,
        default_patterns(options.event_patterns),
        language=article.language,
        published=published,
        timexes=timexes,
        figures=figures,
        classifier=_classifier(options, warnings),
    )
    _attribute_events(events, said)
    framing, notes = detect_framing(
        text, sentences, quoted.quotes, load_lexicon(options.framing_layers)
    )
    return Analysis(
        article=article,
        sentences=sentences,
        actors=actors,
        events=events,
        quotes=quoted.quotes,
        timexes=timexes,
        claims=claims,
        framing=framing,
        warnings=warnings + notes,
    )


def _attribute_events(events: list[Event], said: QuoteIndex) -> None:
    """An event whose trigger lies in a quote is its speaker's claim, not the outlet's."""
    for event in events:
        trig = event.evidence.trigger
        voice = said.attribution(trig.start, trig.end)
        if voice is None:
            continue
        if event.voice.kind == "narrator":
            event.confidence = round(event.confidence * ATTRIBUTED_WEIGHT, 3)
        event.voice = voice


def _classifier(options: PipelineOptions, warnings: list[str]) -> TypeClassifier | None:
    """The optional sentence classifier, when asked for and installed."""
    if not options.embed:
        return None
    from newsgraph.events.embed import default_classifier

    clf = default_classifier()
    if clf is None:
        warnings.append("the event classifier needs the extra: pip install 'newsgraph[embed]'")
    return clf


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

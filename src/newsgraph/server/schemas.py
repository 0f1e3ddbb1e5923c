"""The API's request and response bodies, so that the OpenAPI spec says what each returns."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from newsgraph.model import Analysis


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ActorRef(Body):
    id: str
    name: str | None
    code: str | None
    country: str | None


class ModalityFlags(Body):
    negated: bool
    hedged: bool
    future: bool
    hypothetical: bool
    historical: bool


class EventRow(Body):
    article_id: str
    event_id: str
    type: str
    mode: str | None
    cameo: str | None
    score: float | None
    contexts: list[str]
    actors: list[ActorRef]
    recipients: list[ActorRef]
    date_text: str | None
    date_value: str | None
    date_granularity: str | None
    day: date | None = Field(description="first day of the event's date, else publication day")
    location_name: str | None
    location_country: str | None
    voice_kind: str | None
    speaker: str | None
    modality: ModalityFlags
    evidence_start: int
    evidence_end: int
    evidence_text: str | None
    trigger_start: int
    trigger_end: int
    trigger_text: str | None
    rule: str | None
    confidence: float | None
    quantities: list[dict[str, Any]]
    title: str | None
    published: date | None
    url: str | None
    site: str | None


class ArticleRow(Body):
    id: str
    url: str | None
    title: str | None
    published: date | None
    site: str | None
    section: str | None
    language: str | None
    authors: list[str] | None
    duplicate_of: str | None
    similarity: float | None
    ingested_at: str | None
    events: int
    quotes: int
    claims: int
    actors: int


class QuoteRow(Body):
    article_id: str
    quote_id: str
    kind: str
    start: int
    end: int
    text: str
    speaker_text: str | None
    speaker_actor: str | None
    speaker_name: str | None
    speaker_code: str | None
    cue_text: str | None
    title: str | None
    published: date | None
    url: str | None


class ClaimRow(Body):
    article_id: str
    claim_id: str
    start: int
    end: int
    text: str
    value: float
    value_high: float | None
    unit: str | None
    what: str | None
    qualifier: str | None
    hedged: bool | None
    voice_kind: str | None
    speaker_name: str | None
    title: str | None
    published: date | None


class ActorRow(Body):
    key: str = Field(description="the actor's code, else name: and its name in lower case")
    code: str | None
    name: str | None
    kind: str | None
    country: str | None
    sector: str | None
    articles: int
    mentions: int
    events: int
    names: list[str]


class PageOf(Body):
    total: int = Field(description="rows of the whole filtered list")
    limit: int
    offset: int


class EventPage(PageOf):
    items: list[EventRow]


class ArticlePage(PageOf):
    items: list[ArticleRow]


class QuotePage(PageOf):
    items: list[QuoteRow]


class ClaimPage(PageOf):
    items: list[ClaimRow]


class ActorPage(PageOf):
    items: list[ActorRow]


class TypeCount(Body):
    period: date
    type: str
    count: int


class DyadCount(Body):
    period: date
    source: str
    target: str
    count: int


class ScorePoint(Body):
    period: date
    events: int
    scored: int
    mean_score: float | None
    sum_score: float
    cooperation: int
    conflict: int


class Series(Body):
    types: list[str]
    counts: dict[str, list[int]]
    score: list[float | None]


class DyadView(Body):
    a: str
    b: str
    interval: str
    periods: list[date]
    forward: Series = Field(description="a towards b")
    backward: Series = Field(description="b towards a")


class Node(Body):
    id: str
    label: str
    name: str | None
    kind: str | None
    country: str | None
    weight: int


class Edge(Body):
    source: str
    target: str
    type: str
    count: int
    mean_score: float | None


class Network(Body):
    nodes: list[Node]
    edges: list[Edge]
    dropped_nodes: int


class _Analyze(Body):
    published: date | None = Field(None, description="publication date, if the input has none")
    store: bool = Field(False, description="also store the analysis")


class TextInput(_Analyze):
    """A plain text to analyse; its first line is the title unless ``title`` is given."""

    text: str = Field(pattern=r"\S", description="plain text; the first line is the title")
    title: str | None = Field(None, max_length=1000, description="title of the text")


class HtmlInput(_Analyze):
    """An HTML page to analyse."""

    html: str = Field(pattern=r"\S", description="an HTML page")


class UrlInput(_Analyze):
    """A page the server fetches and analyses (http and https, public addresses only)."""

    url: str = Field(max_length=2000, description="an http(s) page to fetch")


AnalyzeRequest = TextInput | HtmlInput | UrlInput


Status = Literal["stored", "duplicate", "skipped", "failed"]


class AnalyzeResponse(Body):
    analysis: Analysis
    status: Status | None = Field(None, description="what storing did, when asked to store")


class IngestLine(Body):
    line: int
    id: str | None
    status: Status
    error: str | None = None
    duplicate_of: str | None = None


class IngestResponse(Body):
    stored: int
    duplicates: int
    skipped: int
    failed: int
    results: list[IngestLine]


class Problem(Body):
    """An error: one line, or (for a request that does not fit the spec) FastAPI's list."""

    detail: str | list[dict[str, Any]]


class Counts(Body):
    articles: int
    events: int
    quotes: int
    claims: int
    actors: int
    timexes: int
    framing: int

"""The filters of each list, as query-string models, and the SQL conditions they become.

Every condition below is a fixed string of this module with ``?`` placeholders; a user's value
only ever travels as a parameter. Sort keys and column names come from the tables here.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Text = Annotated[str, StringConstraints(max_length=200)]
Code = Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{3}$")]
EventType = Annotated[str, StringConstraints(pattern=r"^[A-Za-z_]{1,24}$")]
Order = Literal["asc", "desc"]
Modality = Literal["asserted", "negated", "hedged", "future", "hypothetical", "historical"]

# The first day an event's date names, else the article's publication date (see ServerState).
EVENT_DAY = "coalesce(ng_start_day(e.date_value), a.published)"
MODALITY_FLAGS = ("negated", "hedged", "future", "hypothetical", "historical")
# An actor "key" of the network and the actors list: its code, else its name.
ACTOR_KEY = "coalesce(x.code, 'name:' || lower(x.name))"


class Paging(BaseModel):
    """Which page of a list: ``limit`` rows from ``offset``, in ``order`` of the list's sort."""

    model_config = ConfigDict(extra="ignore")

    limit: int = Field(50, ge=1, le=500, description="rows per page")
    offset: int = Field(0, ge=0, le=1_000_000, description="rows to skip")
    order: Order = Field("desc", description="sort direction")


class Where:
    """A conjunction of SQL conditions and the parameters of their placeholders, in order."""

    def __init__(self) -> None:
        self.conditions: list[str] = []
        self.params: list[Any] = []

    def add(self, condition: str, *params: Any) -> None:
        self.conditions.append(condition)
        self.params.extend(params)

    def sql(self) -> str:
        return ("WHERE " + " AND ".join(self.conditions)) if self.conditions else ""


def actor_condition(ids: str, value: str) -> tuple[str, list[Any]]:
    """SQL true when an actor among the list column ``ids`` (of alias ``e``) matches ``value``:
    a code prefix ("IRN" takes IRNGOV), a name fragment, or ``name:NAME`` for one exact name."""
    where = f"x.article_id = e.article_id AND list_contains({ids}, x.actor_id)"
    if value.lower().startswith("name:"):
        return f"EXISTS (SELECT 1 FROM actors x WHERE {where} AND lower(x.name) = lower(?))", [
            value[5:]
        ]
    return (
        f"EXISTS (SELECT 1 FROM actors x WHERE {where} AND (starts_with(upper(x.code), upper(?))"
        " OR contains(lower(x.name), lower(?))))",
        [value, value],
    )


class EventFilter(BaseModel):
    """Which events: by type, actor, recipient, country, date, voice, modality and rule."""

    model_config = ConfigDict(extra="ignore")

    type: list[EventType] = Field(default_factory=list, description="PLOVER types (any of)")
    actor: Text | None = Field(None, description="code prefix, name fragment or name:NAME")
    recipient: Text | None = Field(None, description="code prefix, name fragment or name:NAME")
    country: Code | None = Field(
        None, description="ISO alpha-3 of an actor, a recipient or the location"
    )
    date_from: date | None = Field(None, description="event day on or after")
    date_to: date | None = Field(None, description="event day on or before")
    voice: Literal["narrator", "attributed"] | None = None
    modality: Modality | None = Field(None, description="asserted: none of the modality flags")
    rule: Text | None = Field(None, description="rule name or its prefix")
    article_id: Text | None = None
    min_confidence: float | None = Field(None, ge=0, le=1)
    sort: Literal["day", "type", "confidence", "score", "published", "title"] = "day"

    def where(self) -> Where:
        """The conditions over ``events e JOIN articles a``."""
        w = Where()
        if self.type:
            w.add("list_contains(?::VARCHAR[], e.type)", [t.upper() for t in self.type])
        for ids, value in (("e.actor", self.actor), ("e.recipient", self.recipient)):
            if value:
                w.add(*_unpack(actor_condition(ids, value)))
        if self.country:
            code = self.country.upper()
            w.add(
                "(e.location_country = ? OR EXISTS (SELECT 1 FROM actors x WHERE"
                " x.article_id = e.article_id AND x.country = ? AND"
                " (list_contains(e.actor, x.actor_id) OR list_contains(e.recipient, x.actor_id))))",
                code,
                code,
            )
        if self.date_from:
            w.add(f"{EVENT_DAY} >= ?", self.date_from)
        if self.date_to:
            w.add(f"{EVENT_DAY} <= ?", self.date_to)
        if self.voice:
            w.add("e.voice_kind = ?", self.voice)
        if self.modality == "asserted":
            w.add(" AND ".join(f"NOT coalesce(e.{flag}, false)" for flag in MODALITY_FLAGS))
        elif self.modality:
            w.add(f"coalesce(e.{_flag(self.modality)}, false)")
        if self.rule:
            w.add("starts_with(e.rule, ?)", self.rule)
        if self.article_id:
            w.add("e.article_id = ?", self.article_id)
        if self.min_confidence is not None:
            w.add("e.confidence >= ?", self.min_confidence)
        return w


def _unpack(pair: tuple[str, list[Any]]) -> tuple[Any, ...]:
    return (pair[0], *pair[1])


def _flag(name: str) -> str:
    """``name`` if it is a modality column; the allow-list that guards the f-string above."""
    if name not in MODALITY_FLAGS:
        raise ValueError(f"not a modality flag: {name!r}")
    return name


class ArticleFilter(BaseModel):
    """Which articles: a text search, site, language, publication dates, near-copies."""

    model_config = ConfigDict(extra="ignore")

    q: Text | None = Field(None, description="words in the title or text")
    site: Text | None = None
    language: Annotated[str, StringConstraints(max_length=12)] | None = None
    date_from: date | None = Field(None, description="published on or after")
    date_to: date | None = Field(None, description="published on or before")
    duplicates: Literal["include", "exclude", "only"] = Field(
        "include", description="near-copies of stored articles"
    )
    sort: Literal["published", "title", "ingested", "events"] = "published"

    def where(self) -> Where:
        """The conditions over ``articles a``."""
        w = Where()
        if self.q:
            w.add(
                "(contains(lower(a.title), lower(?)) OR contains(lower(a.text), lower(?)))",
                self.q,
                self.q,
            )
        if self.site:
            w.add("a.site = ?", self.site)
        if self.language:
            w.add("a.language = ?", self.language)
        if self.date_from:
            w.add("a.published >= ?", self.date_from)
        if self.date_to:
            w.add("a.published <= ?", self.date_to)
        if self.duplicates == "exclude":
            w.add("a.duplicate_of IS NULL")
        elif self.duplicates == "only":
            w.add("a.duplicate_of IS NOT NULL")
        return w


def _speaker_condition(value: str) -> tuple[str, list[Any]]:
    return (
        "(contains(lower(q.speaker_text), lower(?)) OR EXISTS (SELECT 1 FROM actors x WHERE"
        " x.article_id = q.article_id AND x.actor_id = q.speaker_actor AND"
        " (starts_with(upper(x.code), upper(?)) OR contains(lower(x.name), lower(?)))))",
        [value, value, value],
    )


def _about_condition(value: str) -> tuple[str, list[Any]]:
    """The quote's words contain ``value``, or it mentions an actor that ``value`` names."""
    return (
        "(contains(lower(q.text), lower(?)) OR EXISTS (SELECT 1 FROM mentions m JOIN actors x"
        " ON x.article_id = m.article_id AND x.actor_id = m.actor_id"
        ' WHERE m.article_id = q.article_id AND m.start >= q.start AND m."end" <= q."end"'
        " AND (starts_with(upper(x.code), upper(?)) OR contains(lower(x.name), lower(?)))))",
        [value, value, value],
    )


class QuoteFilter(BaseModel):
    """Which quotes: who said them, what about, what kind; "what did X say about Y"."""

    model_config = ConfigDict(extra="ignore")

    speaker: Text | None = Field(None, description="speaker's words, name fragment or code")
    about: Text | None = Field(None, description="words in the quote, or an actor it mentions")
    q: Text | None = Field(None, description="words in the quote")
    kind: Literal["direct", "indirect", "mixed"] | None = None
    article_id: Text | None = None
    date_from: date | None = Field(None, description="published on or after")
    date_to: date | None = Field(None, description="published on or before")
    sort: Literal["published", "speaker", "kind"] = "published"

    def where(self) -> Where:
        """The conditions over ``quotes q JOIN articles a``."""
        w = Where()
        if self.speaker:
            w.add(*_unpack(_speaker_condition(self.speaker)))
        if self.about:
            w.add(*_unpack(_about_condition(self.about)))
        if self.q:
            w.add("contains(lower(q.text), lower(?))", self.q)
        if self.kind:
            w.add("q.kind = ?", self.kind)
        if self.article_id:
            w.add("q.article_id = ?", self.article_id)
        if self.date_from:
            w.add("a.published >= ?", self.date_from)
        if self.date_to:
            w.add("a.published <= ?", self.date_to)
        return w


class ClaimFilter(BaseModel):
    """Which figures: words, what they count, their value, hedging and voice."""

    model_config = ConfigDict(extra="ignore")

    q: Text | None = Field(None, description="words in the figure's text or what it counts")
    what: Text | None = Field(None, description="words in what the figure counts")
    min_value: float | None = Field(None, ge=-1e15, le=1e15)
    max_value: float | None = Field(None, ge=-1e15, le=1e15)
    hedged: bool | None = None
    voice: Literal["narrator", "attributed"] | None = None
    article_id: Text | None = None
    sort: Literal["value", "published", "what"] = "published"

    def where(self) -> Where:
        """The conditions over ``claims c JOIN articles a``."""
        w = Where()
        if self.q:
            w.add(
                "(contains(lower(c.text), lower(?)) OR contains(lower(c.what), lower(?)))",
                self.q,
                self.q,
            )
        if self.what:
            w.add("contains(lower(c.what), lower(?))", self.what)
        if self.min_value is not None:
            w.add("c.value >= ?", self.min_value)
        if self.max_value is not None:
            w.add("c.value <= ?", self.max_value)
        if self.hedged is not None:
            w.add("c.hedged = ?", self.hedged)
        if self.voice:
            w.add("c.voice_kind = ?", self.voice)
        if self.article_id:
            w.add("c.article_id = ?", self.article_id)
        return w


class ActorFilter(BaseModel):
    """Which actors: a name fragment or code prefix, kind, country; one row per code or name."""

    model_config = ConfigDict(extra="ignore")

    q: Text | None = Field(None, description="name fragment or code prefix")
    kind: Literal["person", "organization", "country", "group", "role", "unknown"] | None = None
    country: Code | None = None
    article_id: Text | None = None
    sort: Literal["articles", "mentions", "events", "name"] = "articles"

    def where(self) -> Where:
        """The conditions over ``actors x``."""
        w = Where()
        if self.q:
            w.add(
                "(starts_with(upper(x.code), upper(?)) OR contains(lower(x.name), lower(?)))",
                self.q,
                self.q,
            )
        if self.kind:
            w.add("x.kind = ?", self.kind)
        if self.country:
            w.add("x.country = ?", self.country.upper())
        if self.article_id:
            w.add("x.article_id = ?", self.article_id)
        return w

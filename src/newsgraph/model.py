"""Typed records of the analysis contract (schema ``newsgraph.analysis/1``) and their JSON form.

Every span is a pair of character offsets ``[start, end)`` into ``Article.text``. The records are
pydantic models so that the JSON form, validation of JSON read back in, and the JSON Schema all
come from one definition.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_ID = "newsgraph.analysis/1"

Voice = Literal["narrator", "quoted", "mixed"]
ActorKind = Literal["person", "organization", "country", "group", "role", "unknown"]
# "reference" is for TimeML's PRESENT_REF / PAST_REF / FUTURE_REF ("now", "in the past").
Granularity = Literal[
    "day", "week", "month", "season", "quarter", "year", "decade", "century", "reference"
]


class Record(BaseModel):
    """Base of every contract record: strict about unknown keys, JSON in and out."""

    model_config = ConfigDict(extra="forbid", frozen=False)


class Article(Record):
    id: str
    url: str | None = None
    title: str = ""
    published: str | None = Field(default=None, description="ISO date of publication, if known")
    site: str | None = None
    section: str | None = None
    authors: list[str] = Field(default_factory=list)
    language: str | None = None
    text: str = ""
    duplicate_of: str | None = Field(
        default=None, description="id of the article this one is a near-copy of (syndication)"
    )


class Sentence(Record):
    start: int
    end: int
    voice: Voice = "narrator"


class Mention(Record):
    start: int
    end: int
    text: str


class Actor(Record):
    id: str
    name: str
    kind: ActorKind = "unknown"
    code: str | None = None
    country: str | None = Field(default=None, description="ISO 3166 alpha-3")
    sector: str | None = None
    mentions: list[Mention] = Field(default_factory=list)


class EventDate(Record):
    text: str
    value: str = Field(description="ISO date, or YYYY-MM / YYYY; START/END for a range")
    granularity: Granularity


class Location(Record):
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None


class Quantity(Record):
    value: float
    what: str | None = None
    text: str


class Attribution(Record):
    kind: Literal["narrator", "attributed"] = "narrator"
    speaker: str | None = Field(default=None, description="actor id of the speaker")


class Modality(Record):
    negated: bool = False
    hedged: bool = False
    future: bool = False
    hypothetical: bool = False
    historical: bool = Field(
        default=False, description='a habit or a long past ("has long funded")'
    )


class Trigger(Record):
    start: int
    end: int
    text: str


class Evidence(Record):
    start: int
    end: int
    trigger: Trigger
    rule: str


class Event(Record):
    id: str
    type: str
    mode: str | None = None
    contexts: list[str] = Field(default_factory=list)
    cameo: str | None = None
    score: float | None = Field(default=None, ge=-10, le=10)
    actor: list[str] = Field(default_factory=list)
    recipient: list[str] = Field(default_factory=list)
    date: EventDate | None = None
    location: Location | None = None
    quantities: list[Quantity] = Field(default_factory=list)
    voice: Attribution = Field(default_factory=Attribution)
    modality: Modality = Field(default_factory=Modality)
    evidence: Evidence
    confidence: float = Field(ge=0, le=1)


class Speaker(Record):
    actor: str | None = None
    text: str
    start: int
    end: int


class Cue(Record):
    text: str
    start: int
    end: int


class Quote(Record):
    id: str
    kind: Literal["direct", "indirect", "mixed"]
    start: int
    end: int
    text: str
    speaker: Speaker | None = None
    cue: Cue | None = None


class Claim(Record):
    """A figure the article asserts: its value, what it counts, and who asserts it."""

    id: str
    start: int
    end: int
    text: str
    value: float
    unit: str | None = None
    what: str | None = None
    voice: Attribution = Field(default_factory=Attribution)
    hedged: bool = False
    qualifier: str | None = Field(
        default=None, description='the hedging or bounding words, e.g. "at least", "about"'
    )
    value_high: float | None = Field(default=None, description="upper bound of a range")


class Timex(Record):
    start: int
    end: int
    text: str
    value: str = Field(description="ISO date, YYYY-MM, YYYY, YYYY-Www, or START/END for a range")
    granularity: Granularity


class Framing(Record):
    start: int
    end: int
    text: str
    category: str
    voice: Literal["narrator", "quoted"] = "narrator"
    speaker: str | None = None


class Analysis(Record):
    """One article's analysis: the unit newsgraph reads, writes and stores."""

    schema_: str = Field(default=SCHEMA_ID, alias="schema")
    article: Article
    sentences: list[Sentence] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    timexes: list[Timex] = Field(default_factory=list)
    framing: list[Framing] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    def to_dict(self) -> dict[str, Any]:
        """The contract's JSON object, keys in contract order."""
        return self.model_dump(mode="json", by_alias=True)

    def to_json(self, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_json(cls, data: str | bytes | dict[str, Any]) -> Analysis:
        """Read an analysis back; raises ``pydantic.ValidationError`` on a malformed record."""
        if isinstance(data, dict):
            return cls.model_validate(data)
        return cls.model_validate_json(data)

    def span(self, start: int, end: int) -> str:
        return self.article.text[start:end]


def json_schema() -> dict[str, Any]:
    """The JSON Schema of an analysis record, generated from the typed records."""
    schema = Analysis.model_json_schema(by_alias=True)
    schema["$id"] = SCHEMA_ID
    schema["title"] = "newsgraph analysis record"
    return schema

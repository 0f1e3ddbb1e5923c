"""The lists of the API and the pages: articles, events, quotes, claims and actors, filtered,
sorted and paged. Each list is one SQL text of this module plus the filter's parameters."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import duckdb

from newsgraph.server.filters import (
    ACTOR_KEY,
    EVENT_DAY,
    ActorFilter,
    ArticleFilter,
    ClaimFilter,
    EventFilter,
    Order,
    Paging,
    QuoteFilter,
    Where,
)

_FIRST = "first({col} ORDER BY name_n DESC, name, article_id, actor_id)"
# The actors of one list column of ``events e``, in the order the event names them.
_ACTORS_OF = (
    "coalesce((SELECT list(struct_pack(id := x.actor_id, name := x.name, code := x.code,"
    " country := x.country) ORDER BY list_position(e.{ids}, x.actor_id)) FROM actors x"
    " WHERE x.article_id = e.article_id AND list_contains(e.{ids}, x.actor_id)), [])"
)

EVENTS_SELECT = f"""
SELECT e.article_id, e.event_id, e.type, e.mode, e.cameo, e.score, e.contexts,
       {_ACTORS_OF.format(ids="actor")} AS actors,
       {_ACTORS_OF.format(ids="recipient")} AS recipients,
       e.date_text, e.date_value, e.date_granularity, {EVENT_DAY} AS day,
       e.location_name, e.location_country, e.voice_kind,
       (SELECT x.name FROM actors x WHERE x.article_id = e.article_id
            AND x.actor_id = e.voice_speaker LIMIT 1) AS speaker,
       e.negated, e.hedged, e.future, e.hypothetical, e.historical,
       e.evidence_start, e.evidence_end,
       substring(a.text, e.evidence_start + 1, e.evidence_end - e.evidence_start) AS evidence_text,
       e.trigger_start, e.trigger_end, e.trigger_text, e.rule, e.confidence, e.quantities,
       a.title, a.published, a.url, a.site
FROM events e JOIN articles a ON a.id = e.article_id
"""
EVENT_SORT = {
    "day": "day",
    "type": "e.type",
    "confidence": "e.confidence",
    "score": "e.score",
    "published": "a.published",
    "title": "a.title",
}
EVENT_TIES = "a.id, length(e.event_id), e.event_id"

ARTICLES_SELECT = """
SELECT a.id, a.url, a.title, a.published, a.site, a.section, a.language, a.authors,
       a.duplicate_of, a.similarity, a.ingested_at,
       (SELECT count(*) FROM events e WHERE e.article_id = a.id) AS events,
       (SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS quotes,
       (SELECT count(*) FROM claims c WHERE c.article_id = a.id) AS claims,
       (SELECT count(*) FROM actors x WHERE x.article_id = a.id) AS actors
FROM articles a
"""
ARTICLE_SORT = {
    "published": "a.published",
    "title": "a.title",
    "ingested": "a.ingested_at",
    "events": "events",
}

QUOTES_SELECT = """
SELECT q.article_id, q.quote_id, q.kind, q.start, q."end", q.text, q.speaker_text,
       q.speaker_actor, sp.name AS speaker_name, sp.code AS speaker_code, q.cue_text,
       a.title, a.published, a.url
FROM quotes q JOIN articles a ON a.id = q.article_id
LEFT JOIN actors sp ON sp.article_id = q.article_id AND sp.actor_id = q.speaker_actor
"""
QUOTE_SORT = {
    "published": "a.published",
    "speaker": "coalesce(sp.name, q.speaker_text)",
    "kind": "q.kind",
}

CLAIMS_SELECT = """
SELECT c.article_id, c.claim_id, c.start, c."end", c.text, c.value, c.value_high, c.unit,
       c.what, c.qualifier, c.hedged, c.voice_kind, sp.name AS speaker_name,
       a.title, a.published
FROM claims c JOIN articles a ON a.id = c.article_id
LEFT JOIN actors sp ON sp.article_id = c.article_id AND sp.actor_id = c.voice_speaker
"""
CLAIM_SORT = {"value": "c.value", "published": "a.published", "what": "c.what"}

# One row per actor key; its name, kind, country and sector are those of its commonest name
# (ties: the first name in order), so that the same store always lists the same row.
ACTORS_SELECT = f"""
WITH m AS (SELECT article_id, actor_id, count(*) AS n FROM mentions GROUP BY ALL),
ev AS (
    SELECT article_id, actor_id, count(*) AS n FROM (
        SELECT article_id, unnest(list_distinct(list_concat(actor, recipient))) AS actor_id
        FROM events)
    GROUP BY ALL),
named AS (
    SELECT x.*, {ACTOR_KEY} AS key,
           count(*) OVER (PARTITION BY {ACTOR_KEY}, x.name) AS name_n
    FROM actors x {{where}})
SELECT key, any_value(code) AS code, {_FIRST.format(col="name")} AS name,
       {_FIRST.format(col="kind")} AS kind, {_FIRST.format(col="country")} AS country,
       {_FIRST.format(col="sector")} AS sector,
       count(DISTINCT article_id) AS articles, coalesce(sum(m.n), 0) AS mentions,
       coalesce(sum(ev.n), 0) AS events, list_sort(list_distinct(list(name)))[1:5] AS names
FROM named LEFT JOIN m USING (article_id, actor_id) LEFT JOIN ev USING (article_id, actor_id)
GROUP BY key
"""
ACTOR_SORT = {"articles": "articles", "mentions": "mentions", "events": "events", "name": "name"}


@dataclass(frozen=True)
class Query:
    """A whole list (no paging) as SQL and its parameters."""

    sql: str
    params: list[Any]


def _ordered(select: str, where: Where, key: str, order: Order, ties: str) -> Query:
    direction = "ASC" if order == "asc" else "DESC"
    sql = f"{select} {where.sql()} ORDER BY {key} {direction} NULLS LAST, {ties}"
    return Query(sql, where.params)


def events_query(f: EventFilter, order: Order = "desc") -> Query:
    return _ordered(EVENTS_SELECT, f.where(), EVENT_SORT[f.sort], order, EVENT_TIES)


def articles_query(f: ArticleFilter, order: Order = "desc") -> Query:
    return _ordered(ARTICLES_SELECT, f.where(), ARTICLE_SORT[f.sort], order, "a.id")


def quotes_query(f: QuoteFilter, order: Order = "desc") -> Query:
    ties = "a.id, length(q.quote_id), q.quote_id"
    return _ordered(QUOTES_SELECT, f.where(), QUOTE_SORT[f.sort], order, ties)


def claims_query(f: ClaimFilter, order: Order = "desc") -> Query:
    ties = "a.id, length(c.claim_id), c.claim_id"
    return _ordered(CLAIMS_SELECT, f.where(), CLAIM_SORT[f.sort], order, ties)


def actors_query(f: ActorFilter, order: Order = "desc") -> Query:
    where = f.where()
    direction = "ASC" if order == "asc" else "DESC"
    sql = ACTORS_SELECT.format(where=where.sql())
    return Query(f"{sql} ORDER BY {ACTOR_SORT[f.sort]} {direction} NULLS LAST, key", where.params)


def rows(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    """Every row of ``sql`` as a dict of column name to value."""
    cursor = con.execute(sql, params)
    names = [d[0] for d in cursor.description or []]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def page(
    con: duckdb.DuckDBPyConnection, query: Query, paging: Paging
) -> tuple[int, list[dict[str, Any]]]:
    """The number of rows of ``query`` and the rows of the page ``paging`` asks for."""
    found = con.execute(f"SELECT count(*) FROM ({query.sql})", query.params).fetchone()
    total = int(found[0]) if found else 0
    sql = f"{query.sql} LIMIT ? OFFSET ?"
    return total, rows(con, sql, [*query.params, paging.limit, paging.offset])


def jsonable(value: Any) -> Any:
    """A DuckDB value as JSON has it: dates in ISO form, structs and lists walked."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value


def event_record(row: Mapping[str, Any]) -> dict[str, Any]:
    """An events-list row in the API's shape: modality flags together, quantities parsed."""
    out = {k: jsonable(v) for k, v in row.items() if k not in _MODALITY_COLUMNS}
    out["modality"] = {k: bool(row[k]) for k in _MODALITY_COLUMNS}
    out["quantities"] = json.loads(row["quantities"] or "[]")
    out["contexts"] = list(row["contexts"] or [])
    return out


_MODALITY_COLUMNS = ("negated", "hedged", "future", "hypothetical", "historical")


def article_analysis(con: duckdb.DuckDBPyConnection, article_id: str) -> str | None:
    """The stored analysis record of one article (its JSON text), or None if there is none."""
    found = con.execute("SELECT analysis FROM articles WHERE id = ?", [article_id]).fetchone()
    return None if found is None else str(found[0])


def counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rows of each record table, for the home page."""
    out: dict[str, int] = {}
    for table in ("articles", "events", "quotes", "claims", "actors", "timexes", "framing"):
        found = con.execute(f"SELECT count(*) FROM {table}").fetchone()
        out[table] = int(found[0]) if found else 0
    return out

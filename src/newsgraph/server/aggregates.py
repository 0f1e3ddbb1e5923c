"""Aggregates over the filtered events: counts per period by type and by dyad, the
conflict-cooperation score over time, one dyad in both directions, and the actor network.

An event's period is the period of its day (the first day its date names, else the article's
publication date). A dyad is a pair (actor, recipient) of actor keys: the actor's code, else
``name:`` and its name in lower case, so that "IRNGOV" gathers Iran's government however an
article names it.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any, Literal

import duckdb

from newsgraph.server.filters import EVENT_DAY, EventFilter
from newsgraph.server.queries import jsonable, rows

Interval = Literal["day", "week", "month", "year"]
# Fixed SQL per interval: the user picks a key of this table, never a piece of SQL.
PERIOD: dict[str, str] = {
    "day": "CAST(day AS DATE)",
    "week": "CAST(date_trunc('week', day) AS DATE)",
    "month": "CAST(date_trunc('month', day) AS DATE)",
    "year": "CAST(date_trunc('year', day) AS DATE)",
}
# A chart with more periods than this is not filled in between (a decade of days).
MAX_FILLED_PERIODS = 1000
_KEY = "coalesce({x}.code, 'name:' || lower({x}.name))"


def _filtered(f: EventFilter) -> tuple[str, list[Any]]:
    w = f.where()
    sql = (
        f"SELECT e.*, {EVENT_DAY} AS day FROM events e JOIN articles a ON a.id = e.article_id "
        + w.sql()
    )
    return sql, w.params


def _pairs(f: EventFilter) -> tuple[str, list[Any]]:
    """SQL of one row per event and distinct (actor key, recipient key) pair it codes."""
    filtered, params = _filtered(f)
    sql = f"""
WITH ev AS ({filtered}),
src AS (SELECT article_id, event_id, type, score, day, recipient, unnest(actor) AS a_id FROM ev),
pairs AS (SELECT src.* EXCLUDE (recipient), unnest(recipient) AS r_id FROM src),
labelled AS (
    SELECT DISTINCT p.article_id, p.event_id, p.type, p.score, p.day,
           {_KEY.format(x="xa")} AS src_key, {_KEY.format(x="xr")} AS tgt_key
    FROM pairs p
    JOIN actors xa ON xa.article_id = p.article_id AND xa.actor_id = p.a_id
    JOIN actors xr ON xr.article_id = p.article_id AND xr.actor_id = p.r_id)
"""
    return sql, params


def counts_by_type(
    con: duckdb.DuckDBPyConnection, f: EventFilter, interval: Interval
) -> list[dict[str, Any]]:
    """Events per period and type: ``{period, type, count}`` in period order."""
    filtered, params = _filtered(f)
    sql = (
        f"WITH ev AS ({filtered}) SELECT {PERIOD[interval]} AS period, type, count(*) AS count"
        " FROM ev WHERE day IS NOT NULL GROUP BY ALL ORDER BY period, type"
    )
    return [jsonable(r) for r in rows(con, sql, params)]


def counts_by_dyad(
    con: duckdb.DuckDBPyConnection, f: EventFilter, interval: Interval
) -> list[dict[str, Any]]:
    """Events per period and dyad: ``{period, source, target, count}``; self-pairs left out."""
    pairs, params = _pairs(f)
    sql = (
        f"{pairs} SELECT {PERIOD[interval]} AS period, src_key AS source, tgt_key AS target,"
        " count(*) AS count FROM labelled WHERE day IS NOT NULL AND src_key <> tgt_key"
        " GROUP BY ALL ORDER BY period, count DESC, source, target"
    )
    return [jsonable(r) for r in rows(con, sql, params)]


def score_over_time(
    con: duckdb.DuckDBPyConnection, f: EventFilter, interval: Interval
) -> list[dict[str, Any]]:
    """Per period: events, how many carry a score, their mean and sum (-10 conflict .. 10
    cooperation), and how many score above and below zero."""
    filtered, params = _filtered(f)
    sql = (
        f"WITH ev AS ({filtered}) SELECT {PERIOD[interval]} AS period, count(*) AS events,"
        " count(score) AS scored, avg(score) AS mean_score, coalesce(sum(score), 0) AS sum_score,"
        " count(*) FILTER (WHERE score > 0) AS cooperation,"
        " count(*) FILTER (WHERE score < 0) AS conflict"
        " FROM ev WHERE day IS NOT NULL GROUP BY ALL ORDER BY period"
    )
    return [jsonable(r) for r in rows(con, sql, params)]


def step(day: date, interval: Interval) -> date:
    """The first day of the period after the one starting on ``day``."""
    if interval == "day":
        return day + timedelta(days=1)
    if interval == "week":
        return day + timedelta(days=7)
    if interval == "month":
        return date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return date(day.year + 1, 1, 1)


def periods_between(found: list[str], interval: Interval) -> list[str]:
    """Every period from the first to the last of ``found`` (ISO days), gaps filled, unless
    that would be more than ``MAX_FILLED_PERIODS``; then ``found`` sorted."""
    if not found:
        return []
    days = sorted({date.fromisoformat(p) for p in found})
    out = [days[0]]
    while out[-1] < days[-1] and len(out) <= MAX_FILLED_PERIODS:
        out.append(step(out[-1], interval))
    if len(out) > MAX_FILLED_PERIODS:
        return [d.isoformat() for d in days]
    return [d.isoformat() for d in out]


def timeline(con: duckdb.DuckDBPyConnection, f: EventFilter, interval: Interval) -> dict[str, Any]:
    """A chart's data: periods, the types present, counts per type and period, and the mean
    score per period (None where no event of the period has a score)."""
    counted = counts_by_type(con, f, interval)
    scores = score_over_time(con, f, interval)
    periods = periods_between([r["period"] for r in counted], interval)
    where = {p: i for i, p in enumerate(periods)}
    types = sorted({r["type"] for r in counted})
    series: dict[str, list[int]] = {t: [0] * len(periods) for t in types}
    for r in counted:
        series[r["type"]][where[r["period"]]] = r["count"]
    mean: list[float | None] = [None] * len(periods)
    for r in scores:
        if r["period"] in where:
            mean[where[r["period"]]] = r["mean_score"]
    return {
        "interval": interval,
        "periods": periods,
        "types": types,
        "counts": series,
        "score": mean,
    }


def dyad(
    con: duckdb.DuckDBPyConnection, f: EventFilter, a: str, b: str, interval: Interval
) -> dict[str, Any]:
    """``a`` towards ``b`` and ``b`` towards ``a`` over time, each as a ``timeline`` over the
    same periods; ``a`` and ``b`` are actor matches (code prefix, name fragment, name:NAME)."""
    forward = timeline(con, f.model_copy(update={"actor": a, "recipient": b}), interval)
    backward = timeline(con, f.model_copy(update={"actor": b, "recipient": a}), interval)
    periods = periods_between(forward["periods"] + backward["periods"], interval)
    return {
        "a": a,
        "b": b,
        "interval": interval,
        "periods": periods,
        "forward": _realign(forward, periods),
        "backward": _realign(backward, periods),
    }


def _realign(chart: dict[str, Any], periods: list[str]) -> dict[str, Any]:
    where = {p: i for i, p in enumerate(chart["periods"])}
    counts = {
        t: [values[where[p]] if p in where else 0 for p in periods]
        for t, values in chart["counts"].items()
    }
    score = [chart["score"][where[p]] if p in where else None for p in periods]
    return {"types": chart["types"], "counts": counts, "score": score}


def network(con: duckdb.DuckDBPyConnection, f: EventFilter, max_nodes: int = 60) -> dict[str, Any]:
    """Actors as nodes and events as edges (one per source, target and type, weighted by the
    number of events), keeping the ``max_nodes`` actors with the most events."""
    pairs, params = _pairs(f)
    edges = rows(
        con,
        f"{pairs} SELECT src_key AS source, tgt_key AS target, type, count(*) AS count,"
        " avg(score) AS mean_score FROM labelled WHERE src_key <> tgt_key GROUP BY ALL"
        " ORDER BY count DESC, source, target, type",
        params,
    )
    weight: dict[str, int] = defaultdict(int)
    for e in edges:
        weight[e["source"]] += e["count"]
        weight[e["target"]] += e["count"]
    kept = sorted(weight, key=lambda k: (-weight[k], k))[:max_nodes]
    keep = set(kept)
    info = _node_info(con, kept)
    nodes = [{"id": k, **info.get(k, _unknown(k)), "weight": weight[k]} for k in kept]
    return {
        "nodes": nodes,
        "edges": [e for e in edges if e["source"] in keep and e["target"] in keep],
        "dropped_nodes": len(weight) - len(kept),
    }


def _unknown(key: str) -> dict[str, Any]:
    return {"label": key.removeprefix("name:"), "name": None, "kind": None, "country": None}


def _node_info(con: duckdb.DuckDBPyConnection, keys: list[str]) -> dict[str, dict[str, Any]]:
    """Per actor key: a label (its code, else its name), its commonest name, kind, country."""
    if not keys:
        return {}
    key = _KEY.format(x="x")
    first = "first({col} ORDER BY name_n DESC, name, article_id, actor_id)"
    found = rows(
        con,
        f"WITH named AS (SELECT x.*, {key} AS key,"
        f" count(*) OVER (PARTITION BY {key}, x.name) AS name_n FROM actors x"
        f" WHERE list_contains(?::VARCHAR[], {key}))"
        f" SELECT key, any_value(code) AS code, {first.format(col='name')} AS name,"
        f" {first.format(col='kind')} AS kind, {first.format(col='country')} AS country"
        " FROM named GROUP BY key",
        [keys],
    )
    return {
        r["key"]: {
            "label": r["code"] or r["name"],
            "name": r["name"],
            "kind": r["kind"],
            "country": r["country"],
        }
        for r in found
    }

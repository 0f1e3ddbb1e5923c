"""Event exports in shapes event-data users already load: PLOVER/POLECAT-style JSON Lines and a
GDELT-style tab-separated table, one record per stored event with its actors and source.

Events of near-duplicate articles are never stored (a syndicated copy is linked to its original),
so both exports hold each event once whatever ``--include-duplicates`` says. Records come in
article ingestion order, then event id in natural order (``e2`` before ``e10``). An actor id
with no row in ``actors`` is left out of the event's actor or recipient list.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterator
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import IO, Any

import yaml

from newsgraph.store.writer import Store
from newsgraph.text.timex_rules import SEASON_START_MONTH

# Where each event type's quad class lives (``types.<TYPE>.quad``); a module global so a test can
# point it at a file of its own.
ONTOLOGY = Path(str(resources.files("newsgraph").joinpath("data/events/ontology.yaml")))

# One actor of the ``actors`` table as the exports show it; ``{ids}`` is a list column of events.
_ACTOR = (
    "struct_pack(actor_text := x.name, code := x.code, country := x.country, sector := x.sector)"
)
_ACTORS_OF = (
    f"(SELECT list({_ACTOR} ORDER BY list_position(e.{{ids}}, x.actor_id)) FROM actors x"
    f" WHERE x.article_id = e.article_id AND list_contains(e.{{ids}}, x.actor_id))"
)
# Built from the constants above only: no user string reaches the SQL.
_QUERY = f"""
SELECT e.article_id, e.event_id, e.type, e.mode, e.contexts, e.cameo, e.score,
       {_ACTORS_OF.format(ids="actor")} AS actors,
       {_ACTORS_OF.format(ids="recipient")} AS recipients,
       e.date_text, e.date_value, e.date_granularity,
       e.location_name, e.location_country, e.lat, e.lon, e.quantities, e.voice_kind,
       (SELECT {_ACTOR} FROM actors x WHERE x.article_id = e.article_id
            AND x.actor_id = e.voice_speaker LIMIT 1) AS speaker,
       e.negated, e.hedged, e.future, e.hypothetical,
       e.evidence_start, e.evidence_end,
       substring(a.text, e.evidence_start + 1, e.evidence_end - e.evidence_start) AS evidence_text,
       e.trigger_start, e.trigger_end, e.trigger_text, e.rule, e.confidence,
       a.url, a.site, a.published, a.title
FROM events e JOIN articles a ON a.id = e.article_id
ORDER BY a.ingested_at, a.id, length(e.event_id), e.event_id
"""

GDELT_COLUMNS = (
    "GlobalEventID", "Day", "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor2Code",
    "Actor2Name", "Actor2CountryCode", "EventCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumArticles", "Killed", "Wounded", "Displaced", "Arrested",
    "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_Lat", "ActionGeo_Long",
    "PLOVERType", "Mode", "Voice", "Confidence", "SOURCEURL",
)  # fmt: skip
# GDELT count column -> the ``what`` of an event's quantities it sums.
COUNT_COLUMNS = {
    "Killed": "killed",
    "Wounded": "wounded",
    "Displaced": "displaced",
    "Arrested": "arrested",
}
# Everything a line-splitting reader takes for a field or row boundary (str.splitlines' set).
_BREAKS = re.compile("[\t\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+")


@lru_cache(maxsize=4)
def quad_classes(path: Path) -> dict[str, int]:
    """Event type -> quad class from the ontology file at ``path``; empty if there is no file."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    types = data.get("types") if isinstance(data, dict) else None
    if not isinstance(types, dict):
        return {}
    return {
        str(name): tdef["quad"]
        for name, tdef in types.items()
        if isinstance(tdef, dict)
        and isinstance(tdef.get("quad"), int)
        and not isinstance(tdef["quad"], bool)
    }


def quad_class(event_type: str | None) -> int | None:
    """The quad class of ``event_type`` in the bundled ontology, or None when it has none."""
    return quad_classes(ONTOLOGY).get(event_type or "")


def global_event_id(article_id: str, event_id: str) -> int:
    """A stable positive 63-bit integer for one event (fits a signed BIGINT column)."""
    digest = hashlib.blake2b(f"{article_id}\x1f{event_id}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1


def start_day(value: str) -> date | None:
    """The first day of a TimeML value's period (a range's start), or None for a decade etc."""
    start = value.split("/", 1)[0]
    try:
        if m := re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T.*)?)?)?", start):
            return date(int(m[1]), int(m[2] or 1), int(m[3] or 1))
        if m := re.fullmatch(r"(\d{4})-W(\d{2})(-WE)?", start):
            return date.fromisocalendar(int(m[1]), int(m[2]), 6 if m[3] else 1)
        if m := re.fullmatch(r"(\d{4})-Q([1-4])", start):
            return date(int(m[1]), 3 * int(m[2]) - 2, 1)
        if (m := re.fullmatch(r"(\d{4})-([A-Z]{2})", start)) and m[2] in SEASON_START_MONTH:
            return date(int(m[1]), SEASON_START_MONTH[m[2]], 1)
    except ValueError:  # a month 13 or a week 54: no day to give
        return None
    return None


def _events(store: Store) -> Iterator[dict[str, Any]]:
    cursor = store.con.execute(_QUERY)
    names = [d[0] for d in cursor.description or []]
    while rows := cursor.fetchmany(500):
        for row in rows:
            yield dict(zip(names, row, strict=True))


def _iso(value: object) -> str | None:
    return value.isoformat() if isinstance(value, date) else None if value is None else str(value)


def plover_record(ev: dict[str, Any]) -> dict[str, Any]:
    """One event as a PLOVER/POLECAT-style JSON object, with its evidence and source."""
    published = _iso(ev["published"])
    has_date = ev["date_value"] is not None
    return {
        "id": f"{ev['article_id']}:{ev['event_id']}",
        "date": ev["date_value"] if has_date else published,
        "date_granularity": ev["date_granularity"] if has_date else ("day" if published else None),
        "date_text": ev["date_text"],
        "event_type": ev["type"],
        "mode": ev["mode"],
        "context": list(ev["contexts"] or []),
        "cameo": ev["cameo"],
        "quad_class": quad_class(ev["type"]),
        "score": ev["score"],
        "actor": ev["actors"] or [],
        "recipient": ev["recipients"] or [],
        "location": None
        if ev["location_name"] is None
        else {
            "name": ev["location_name"],
            "country": ev["location_country"],
            "lat": ev["lat"],
            "lon": ev["lon"],
        },
        "quantities": json.loads(ev["quantities"] or "[]"),
        "modality": {k: ev[k] for k in ("negated", "hedged", "future", "hypothetical")},
        "voice": {"kind": ev["voice_kind"], "speaker": ev["speaker"]},
        "evidence": {
            "text": ev["evidence_text"],
            "start": ev["evidence_start"],
            "end": ev["evidence_end"],
            "trigger": {
                "text": ev["trigger_text"],
                "start": ev["trigger_start"],
                "end": ev["trigger_end"],
            },
            "rule": ev["rule"],
        },
        "confidence": ev["confidence"],
        "source": {
            "url": ev["url"],
            "site": ev["site"],
            "published": published,
            "title": ev["title"],
            "article_id": ev["article_id"],
        },
    }


def _cell(value: object) -> str:
    """A TSV field: empty for None, whole floats without ``.0``, no tab or line break inside."""
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    # GDELT files have no quoting: a break inside a value would split the row, so it is a space.
    return _BREAKS.sub(" ", str(value))


def _counts(quantities: list[dict[str, Any]]) -> list[float | None]:
    """Per count column, the sum of the quantities that count it; None where there are none."""
    out: list[float | None] = []
    for what in COUNT_COLUMNS.values():
        values = [float(q["value"]) for q in quantities if q.get("what") == what]
        out.append(sum(values) if values else None)
    return out


def gdelt_row(ev: dict[str, Any]) -> list[str]:
    """One event as the cells of a GDELT-style row, in the order of ``GDELT_COLUMNS``."""
    day = start_day(ev["date_value"]) if ev["date_value"] else None
    day = day or ev["published"]
    first_actor = (ev["actors"] or [{}])[0]
    first_recipient = (ev["recipients"] or [{}])[0]
    cameo = ev["cameo"]
    cells: list[object] = [
        global_event_id(ev["article_id"], ev["event_id"]),
        day.strftime("%Y%m%d") if day else None,
        first_actor.get("code"),
        first_actor.get("actor_text"),
        first_actor.get("country"),
        first_recipient.get("code"),
        first_recipient.get("actor_text"),
        first_recipient.get("country"),
        cameo,
        cameo[:2] if cameo else None,
        quad_class(ev["type"]),
        ev["score"],
        1,
        *_counts(json.loads(ev["quantities"] or "[]")),
        ev["location_name"],
        ev["location_country"],
        ev["lat"],
        ev["lon"],
        ev["type"],
        ev["mode"],
        ev["voice_kind"],
        ev["confidence"],
        ev["url"],
    ]
    return [_cell(c) for c in cells]


def _write(store: Store, out: IO[str], line: Callable[[dict[str, Any]], str]) -> int:
    n = 0
    for ev in _events(store):
        out.write(line(ev))
        out.write("\n")
        n += 1
    return n


def export_plover(store: Store, out: IO[str]) -> int:
    """Write one PLOVER-style JSON object per stored event; returns the number of events."""
    return _write(store, out, lambda ev: json.dumps(plover_record(ev), ensure_ascii=False))


def export_gdelt(store: Store, out: IO[str]) -> int:
    """Write a header row and one GDELT-style tab-separated row per event; returns the count."""
    out.write("\t".join(GDELT_COLUMNS) + "\n")
    return _write(store, out, lambda ev: "\t".join(gdelt_row(ev)))

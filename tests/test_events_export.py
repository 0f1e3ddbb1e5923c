"""Event exports: PLOVER-style JSON Lines and GDELT-style TSV from a real DuckDB store."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pytest
from click.testing import CliRunner

from newsgraph.cli import main
from newsgraph.ingest.dedup import Duplicate
from newsgraph.model import (
    Actor,
    Analysis,
    Article,
    Attribution,
    Event,
    EventDate,
    Evidence,
    Location,
    Modality,
    Quantity,
    Trigger,
)
from newsgraph.store import Store, events_export
from newsgraph.store.events_export import (
    GDELT_COLUMNS,
    export_gdelt,
    export_plover,
    global_event_id,
)
from newsgraph.store.writer import Stored

# A test ontology of our own, so quad classes do not depend on the bundled file's state.
ONTOLOGY = "types:\n  ASSAULT: {quad: 4}\n  CONSULT: {quad: 1}\n  COERCE: {quad: 4}\n"

TEXT_A = (
    "Sudan's army and an allied militia shelled Rapid Support Forces positions near El Fasher "
    "on Monday, killing 12 fighters and 3 civilians and wounding 30."
)
TEXT_B = (
    "Talks in Türkiye between Ukrainian and Russian envoys ran from October 7 to November 25, "
    "Turkish officials said. Police in Moscow and Kyiv detained 40 protesters, rights groups said."
)
TEXT_C = "The Popular\tFront accused the Ministry of\nInterior of fraud in last October's vote."


def span(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


def evidence(text: str, sentence: str, trigger: str, rule: str) -> Evidence:
    s, e = span(text, sentence)
    ts, te = span(text, trigger)
    return Evidence(start=s, end=e, trigger=Trigger(start=ts, end=te, text=trigger), rule=rule)


def actor(aid: str, name: str, code: str | None, country: str | None, sector: str | None) -> Actor:
    return Actor(id=aid, name=name, code=code, country=country, sector=sector)


def sudan() -> Analysis:
    return Analysis(
        article=Article(
            id="a-sudan",
            url="https://example.org/sudan",
            site="example.org",
            title="Shelling near El Fasher",
            published="2024-05-14",
            text=TEXT_A,
        ),
        actors=[
            actor("x1", "Sudanese Armed Forces", "SDNMIL", "SDN", "MIL"),
            actor("x2", "allied militia", "SDNIRG", "SDN", "IRG"),
            actor("x3", "Rapid Support Forces", "SDNREB", "SDN", "REB"),
        ],
        events=[
            Event(
                id="e1",
                type="ASSAULT",
                mode="shelling",
                contexts=["military"],
                cameo="195",
                score=-10,
                actor=["x1", "x2"],
                recipient=["x3"],
                date=EventDate(text="on Monday", value="2024-05-13", granularity="day"),
                location=Location(name="El Fasher", country="SDN", lat=13.63, lon=25.35),
                quantities=[
                    Quantity(value=12, what="killed", text="12 fighters"),
                    Quantity(value=3, what="killed", text="3 civilians"),
                    Quantity(value=30, what="wounded", text="wounding 30"),
                ],
                evidence=evidence(TEXT_A, TEXT_A, "shelled", "assault.shell"),
                confidence=0.9,
            )
        ],
    )


def talks() -> Analysis:
    first, second = TEXT_B.split(". ")
    return Analysis(
        article=Article(
            id="b-talks",
            url="https://example.net/talks",
            site="example.net",
            title="Talks end",
            published="2024-11-26",
            text=TEXT_B,
        ),
        actors=[
            actor("u", "Ukrainian envoys", "UKRGOV", "UKR", "GOV"),
            actor("r", "Russian envoys", "RUSGOV", "RUS", "GOV"),
            actor("t", "Turkish officials", "TURGOV", "TUR", "GOV"),
            actor("pm", "Moscow police", "RUSCOP", "RUS", "COP"),
            actor("pk", "Kyiv police", "UKRCOP", "UKR", "COP"),
            actor("p", "protesters", None, None, None),
        ],
        # Stored e10 first: the export still puts e2 before e10.
        events=[
            Event(
                id="e10",
                type="COERCE",
                mode="arrest",
                cameo="173",
                score=-5,
                actor=["pm", "pk"],
                recipient=["p"],
                quantities=[Quantity(value=40, what="arrested", text="40 protesters")],
                voice=Attribution(kind="attributed"),
                modality=Modality(hedged=True),
                evidence=evidence(TEXT_B, second, "detained", "coerce.detain"),
                confidence=0.7,
            ),
            Event(
                id="e2",
                type="CONSULT",
                cameo="040",
                score=1.5,
                actor=["u", "r"],
                date=EventDate(
                    text="from October 7 to November 25",
                    value="2024-10-07/2024-11-25",
                    granularity="day",
                ),
                location=Location(name="Türkiye", country="TUR"),
                voice=Attribution(kind="attributed", speaker="t"),
                evidence=evidence(TEXT_B, first, "Talks", "consult.talks"),
                confidence=0.6,
            ),
        ],
    )


def front() -> Analysis:
    return Analysis(
        article=Article(id="m-front", title="Statement", text=TEXT_C),
        actors=[
            actor("f", "Popular\tFront", "XXXOPP", None, "OPP"),
            actor("m", "Ministry of\nInterior", "XXXGOV", None, "GOV"),
        ],
        events=[
            Event(
                id="e1",
                type="ACCUSE",
                contexts=["election"],
                actor=["f"],
                recipient=["m"],
                date=EventDate(text="last October", value="2023-10", granularity="month"),
                modality=Modality(negated=True),
                evidence=evidence(TEXT_C, TEXT_C, "accused", "accuse.accused"),
                confidence=0.55,
            )
        ],
    )


def plover_actor(name: str, code: str | None, country: str | None, sector: str | None) -> Any:
    return {"actor_text": name, "code": code, "country": country, "sector": sector}


def modality(**flags: bool) -> dict[str, bool]:
    return {k: flags.get(k, False) for k in ("negated", "hedged", "future", "hypothetical")}


def ev_span(text: str, sentence: str, trigger: str, rule: str) -> dict[str, Any]:
    s, e = span(text, sentence)
    ts, te = span(text, trigger)
    return {
        "text": sentence,
        "start": s,
        "end": e,
        "trigger": {"text": trigger, "start": ts, "end": te},
        "rule": rule,
    }


@dataclass
class Exported:
    plover: list[dict[str, Any]]
    gdelt_text: str
    counts: tuple[int, int]

    def gdelt(self) -> list[dict[str, str]]:
        header, *rows = self.gdelt_text.splitlines()
        names = header.split("\t")
        return [dict(zip(names, row.split("\t"), strict=True)) for row in rows]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("events")
    path = root / "s.duckdb"
    onto = root / "ontology.yaml"
    onto.write_text(ONTOLOGY, encoding="utf-8")
    with Store(path) as store:
        # Two batches: ingestion order (front first) is not the order of the ids.
        store.write([Stored(front(), "c.txt")])
        copy = sudan().model_copy(
            update={"article": sudan().article.model_copy(update={"id": "d"})}
        )
        store.write(
            [
                Stored(sudan(), "a.txt"),
                Stored(talks(), "b.txt"),
                Stored(copy, "d.txt", duplicate=Duplicate("a-sudan", 0.97)),
            ]
        )
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(events_export, "ONTOLOGY", onto)
        yield path


@pytest.fixture(scope="module")
def exported(db: Path) -> Exported:
    with Store(db, read_only=True) as store:
        p, g = io.StringIO(), io.StringIO()
        counts = (export_plover(store, p), export_gdelt(store, g))
    return Exported([json.loads(line) for line in p.getvalue().splitlines()], g.getvalue(), counts)


def source(an: Analysis) -> dict[str, Any]:
    a = an.article
    return {
        "url": a.url,
        "site": a.site,
        "published": a.published,
        "title": a.title,
        "article_id": a.id,
    }


PLOVER_CASES: list[tuple[str, dict[str, Any]]] = [
    (
        "m-front:e1",
        {
            "date": "2023-10",
            "date_granularity": "month",
            "date_text": "last October",
            "event_type": "ACCUSE",
            "mode": None,
            "context": ["election"],
            "cameo": None,
            "quad_class": None,
            "score": None,
            "actor": [plover_actor("Popular\tFront", "XXXOPP", None, "OPP")],
            "recipient": [plover_actor("Ministry of\nInterior", "XXXGOV", None, "GOV")],
            "location": None,
            "quantities": [],
            "modality": modality(negated=True),
            "voice": {"kind": "narrator", "speaker": None},
            "evidence": ev_span(TEXT_C, TEXT_C, "accused", "accuse.accused"),
            "confidence": 0.55,
            "source": source(front()),
        },
    ),
    (
        "a-sudan:e1",
        {
            "date": "2024-05-13",
            "date_granularity": "day",
            "date_text": "on Monday",
            "event_type": "ASSAULT",
            "mode": "shelling",
            "context": ["military"],
            "cameo": "195",
            "quad_class": 4,
            "score": -10.0,
            "actor": [
                plover_actor("Sudanese Armed Forces", "SDNMIL", "SDN", "MIL"),
                plover_actor("allied militia", "SDNIRG", "SDN", "IRG"),
            ],
            "recipient": [plover_actor("Rapid Support Forces", "SDNREB", "SDN", "REB")],
            "location": {"name": "El Fasher", "country": "SDN", "lat": 13.63, "lon": 25.35},
            "quantities": [
                {"value": 12.0, "what": "killed", "text": "12 fighters"},
                {"value": 3.0, "what": "killed", "text": "3 civilians"},
                {"value": 30.0, "what": "wounded", "text": "wounding 30"},
            ],
            "modality": modality(),
            "voice": {"kind": "narrator", "speaker": None},
            "evidence": ev_span(TEXT_A, TEXT_A, "shelled", "assault.shell"),
            "confidence": 0.9,
            "source": source(sudan()),
        },
    ),
    (
        "b-talks:e2",
        {
            "date": "2024-10-07/2024-11-25",
            "date_granularity": "day",
            "date_text": "from October 7 to November 25",
            "event_type": "CONSULT",
            "mode": None,
            "context": [],
            "cameo": "040",
            "quad_class": 1,
            "score": 1.5,
            "actor": [
                plover_actor("Ukrainian envoys", "UKRGOV", "UKR", "GOV"),
                plover_actor("Russian envoys", "RUSGOV", "RUS", "GOV"),
            ],
            "recipient": [],
            "location": {"name": "Türkiye", "country": "TUR", "lat": None, "lon": None},
            "quantities": [],
            "modality": modality(),
            "voice": {
                "kind": "attributed",
                "speaker": plover_actor("Turkish officials", "TURGOV", "TUR", "GOV"),
            },
            "evidence": ev_span(TEXT_B, TEXT_B.split(". ")[0], "Talks", "consult.talks"),
            "confidence": 0.6,
            "source": source(talks()),
        },
    ),
    (
        "b-talks:e10",
        {
            "date": "2024-11-26",
            "date_granularity": "day",
            "date_text": None,
            "event_type": "COERCE",
            "mode": "arrest",
            "context": [],
            "cameo": "173",
            "quad_class": 4,
            "score": -5.0,
            "actor": [
                plover_actor("Moscow police", "RUSCOP", "RUS", "COP"),
                plover_actor("Kyiv police", "UKRCOP", "UKR", "COP"),
            ],
            "recipient": [plover_actor("protesters", None, None, None)],
            "location": None,
            "quantities": [{"value": 40.0, "what": "arrested", "text": "40 protesters"}],
            "modality": modality(hedged=True),
            "voice": {"kind": "attributed", "speaker": None},
            "evidence": ev_span(TEXT_B, TEXT_B.split(". ")[1], "detained", "coerce.detain"),
            "confidence": 0.7,
            "source": source(talks()),
        },
    ),
]


def test_order_and_counts(exported: Exported) -> None:
    # Ingestion order, then event ids in natural order; the copy's events were never stored.
    assert [r["id"] for r in exported.plover] == [key for key, _ in PLOVER_CASES]
    assert exported.counts == (4, 4)


@pytest.mark.parametrize(("key", "expected"), PLOVER_CASES, ids=[k for k, _ in PLOVER_CASES])
def test_plover_fields(exported: Exported, key: str, expected: dict[str, Any]) -> None:
    (record,) = [r for r in exported.plover if r["id"] == key]
    assert record == {"id": key, **expected}


GDELT_CASES: list[tuple[str, dict[str, str]]] = [
    (
        "m-front:e1",
        {
            "Day": "20231001",
            "Actor1Code": "XXXOPP",
            "Actor1Name": "Popular Front",
            "Actor1CountryCode": "",
            "Actor2Code": "XXXGOV",
            "Actor2Name": "Ministry of Interior",
            "Actor2CountryCode": "",
            "EventCode": "",
            "EventRootCode": "",
            "QuadClass": "",
            "GoldsteinScale": "",
            "NumArticles": "1",
            "Killed": "",
            "Wounded": "",
            "Displaced": "",
            "Arrested": "",
            "ActionGeo_FullName": "",
            "ActionGeo_CountryCode": "",
            "ActionGeo_Lat": "",
            "ActionGeo_Long": "",
            "PLOVERType": "ACCUSE",
            "Mode": "",
            "Voice": "narrator",
            "Confidence": "0.55",
            "SOURCEURL": "",
        },
    ),
    (
        "a-sudan:e1",
        {
            "Day": "20240513",
            "Actor1Code": "SDNMIL",
            "Actor1Name": "Sudanese Armed Forces",
            "Actor1CountryCode": "SDN",
            "Actor2Code": "SDNREB",
            "Actor2Name": "Rapid Support Forces",
            "Actor2CountryCode": "SDN",
            "EventCode": "195",
            "EventRootCode": "19",
            "QuadClass": "4",
            "GoldsteinScale": "-10",
            "NumArticles": "1",
            "Killed": "15",
            "Wounded": "30",
            "Displaced": "",
            "Arrested": "",
            "ActionGeo_FullName": "El Fasher",
            "ActionGeo_CountryCode": "SDN",
            "ActionGeo_Lat": "13.63",
            "ActionGeo_Long": "25.35",
            "PLOVERType": "ASSAULT",
            "Mode": "shelling",
            "Voice": "narrator",
            "Confidence": "0.9",
            "SOURCEURL": "https://example.org/sudan",
        },
    ),
    (
        "b-talks:e2",
        {
            "Day": "20241007",
            "Actor1Code": "UKRGOV",
            "Actor1Name": "Ukrainian envoys",
            "Actor1CountryCode": "UKR",
            "Actor2Code": "",
            "Actor2Name": "",
            "Actor2CountryCode": "",
            "EventCode": "040",
            "EventRootCode": "04",
            "QuadClass": "1",
            "GoldsteinScale": "1.5",
            "NumArticles": "1",
            "Killed": "",
            "Wounded": "",
            "Displaced": "",
            "Arrested": "",
            "ActionGeo_FullName": "Türkiye",
            "ActionGeo_CountryCode": "TUR",
            "ActionGeo_Lat": "",
            "ActionGeo_Long": "",
            "PLOVERType": "CONSULT",
            "Mode": "",
            "Voice": "attributed",
            "Confidence": "0.6",
            "SOURCEURL": "https://example.net/talks",
        },
    ),
    (
        "b-talks:e10",
        {
            "Day": "20241126",
            "Actor1Code": "RUSCOP",
            "Actor1Name": "Moscow police",
            "Actor1CountryCode": "RUS",
            "Actor2Code": "",
            "Actor2Name": "protesters",
            "Actor2CountryCode": "",
            "EventCode": "173",
            "EventRootCode": "17",
            "QuadClass": "4",
            "GoldsteinScale": "-5",
            "NumArticles": "1",
            "Killed": "",
            "Wounded": "",
            "Displaced": "",
            "Arrested": "40",
            "ActionGeo_FullName": "",
            "ActionGeo_CountryCode": "",
            "ActionGeo_Lat": "",
            "ActionGeo_Long": "",
            "PLOVERType": "COERCE",
            "Mode": "arrest",
            "Voice": "attributed",
            "Confidence": "0.7",
            "SOURCEURL": "https://example.net/talks",
        },
    ),
]


def test_gdelt_header_and_shape(exported: Exported) -> None:
    lines = exported.gdelt_text.split("\n")
    assert lines[0].split("\t") == list(GDELT_COLUMNS) and lines[-1] == ""
    # A tab or line break inside a name would add fields or rows.
    assert len(lines) == 6 and all(len(ln.split("\t")) == len(GDELT_COLUMNS) for ln in lines[:-1])


@pytest.mark.parametrize(("key", "expected"), GDELT_CASES, ids=[k for k, _ in GDELT_CASES])
def test_gdelt_columns(exported: Exported, key: str, expected: dict[str, str]) -> None:
    rows = exported.gdelt()
    (index,) = [i for i, r in enumerate(exported.plover) if r["id"] == key]
    article_id, event_id = key.split(":")
    assert rows[index] == {"GlobalEventID": str(global_event_id(article_id, event_id)), **expected}


def test_cli_exports(db: Path, exported: Exported, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["export", "--db", str(db), "--format", "plover"])
    assert result.exit_code == 0, result.stderr
    assert [json.loads(line) for line in result.stdout.splitlines()] == exported.plover
    out = tmp_path / "events.tsv"
    args = ["export", "--db", str(db), "--format", "gdelt", "--out", str(out)]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.strip() == f"{out}: 4 events"
    assert out.read_text(encoding="utf-8") == exported.gdelt_text
    # DuckDB, as a user would load the file: four rows, integer ids, no split names.
    con = duckdb.connect()
    rows = con.execute(
        "SELECT GlobalEventID, Actor1Name FROM read_csv(?, delim = '\t', header = true)",
        [str(out)],
    ).fetchall()
    con.close()
    assert len(rows) == 4 and all(isinstance(i, int) for i, _ in rows)
    assert "Popular Front" in {name for _, name in rows}

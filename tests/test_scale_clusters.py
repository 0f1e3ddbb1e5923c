"""Event clusters over hand-written reports stored through the store: which reports are one
event, how many independent sources and reports it has, the earliest, and the disagreements."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli import main
from newsgraph.ingest.dedup import Duplicate
from newsgraph.model import (
    Actor,
    Analysis,
    Article,
    Event,
    EventDate,
    Evidence,
    Location,
    Quantity,
    Trigger,
)
from newsgraph.store.clusters import ClusterOptions, compute_clusters, content_words
from newsgraph.store.writer import Store, Stored


@dataclass(frozen=True)
class Rep:
    """One article reporting one event: its sentence, who did what to whom, where and when."""

    text: str
    type: str
    actor: tuple[str, str | None, str | None]  # name, code, country
    recipient: tuple[str, str | None, str | None] | None
    day: str
    site: str = "Example Courier"
    published: str | None = None
    place: tuple[str, str] | None = None  # name, country
    counts: dict[str, float] = field(default_factory=dict)
    negated: bool = False


def analysis(article_id: str, rep: Rep) -> Analysis:
    actors = [Actor(id="a1", name=rep.actor[0], code=rep.actor[1], country=rep.actor[2])]
    if rep.recipient:
        name, code, country = rep.recipient
        actors.append(Actor(id="a2", name=name, code=code, country=country))
    trigger = rep.text.split()[min(2, len(rep.text.split()) - 1)]
    at = rep.text.index(trigger)
    event = Event(
        id="e1",
        type=rep.type,
        actor=["a1"],
        recipient=["a2"] if rep.recipient else [],
        date=EventDate(text="", value=rep.day, granularity="day"),
        location=Location(name=rep.place[0], country=rep.place[1]) if rep.place else None,
        quantities=[Quantity(value=v, what=w, text=f"{v:g}") for w, v in rep.counts.items()],
        evidence=Evidence(
            start=0,
            end=len(rep.text),
            rule="test",
            trigger=Trigger(start=at, end=at + len(trigger), text=trigger),
        ),
        confidence=0.8,
    )
    event.modality.negated = rep.negated
    return Analysis(
        article=Article(
            id=article_id,
            title=rep.text[:40],
            published=rep.published or rep.day,
            site=rep.site,
            text=rep.text,
        ),
        actors=actors,
        events=[event],
    )


def store_reports(db: Path, reps: list[Rep], copies: dict[str, str] | None = None) -> Store:
    store = Store(db)
    store.write([Stored(analysis(f"r{i}", r), "test") for i, r in enumerate(reps)])
    for n, (copy_id, original) in enumerate((copies or {}).items()):
        src = reps[int(original[1:])]
        store.write(
            [
                Stored(
                    analysis(copy_id, replace(src, site=f"Copy Desk {n}")),
                    "test",
                    duplicate=Duplicate(original, 0.9),
                )
            ]
        )
    return store


def clusters_of(store: Store) -> list[set[str]]:
    rows = store.con.execute(
        "SELECT cluster_id, list(article_id ORDER BY article_id) FROM event_cluster_members"
        " GROUP BY 1"
    ).fetchall()
    return sorted((set(ids) for _, ids in rows), key=sorted)


RUS = ("Russia", "RUS", "RUS")
UKR = ("Ukraine", "UKR", "UKR")
ISR = ("Israeli forces", "ISRMIL", "ISR")
HAM = ("Hamas", "PSEREB", "PSE")
KHARKIV = ("Kharkiv", "UKR")
BELGOROD = ("Belgorod", "RUS")

BASE = Rep(
    "Russian missiles struck Kharkiv on Monday, killing seven people.",
    "ASSAULT",
    RUS,
    UKR,
    "2024-05-13",
    place=KHARKIV,
)

# (the second report, as a change of the first; whether the two are reports of one event)
PAIRS = [
    (
        replace(
            BASE,
            text="A Russian missile strike on Kharkiv killed seven people on Monday.",
            site="Eastern Wire",
        ),
        True,
    ),
    (
        replace(
            BASE,
            text="Russian missiles hit Kharkiv late on Monday night, officials said.",
            day="2024-05-14",
            site="Eastern Wire",
        ),
        True,
    ),
    (
        replace(
            BASE,
            text="Russian missiles struck Kharkiv again, killing seven people.",
            day="2024-05-20",
        ),
        False,
    ),
    (
        replace(
            BASE,
            text="Ukrainian drones struck Belgorod on Monday, killing seven people.",
            actor=UKR,
            recipient=RUS,
            place=BELGOROD,
        ),
        False,
    ),
    (
        replace(
            BASE,
            text="Russia and Ukraine agreed on Monday to exchange prisoners in Kharkiv.",
            type="AGREE",
        ),
        False,
    ),
    (replace(BASE, text="Russia denied striking Kharkiv on Monday.", negated=True), False),
    (
        Rep(
            "Israeli forces struck a school in Gaza City on Tuesday, killing 12 people.",
            "ASSAULT",
            ISR,
            HAM,
            "2024-05-14",
        ),
        False,
    ),
]


@pytest.mark.parametrize(("second", "same"), PAIRS)
def test_which_reports_are_one_event(tmp_path: Path, second: Rep, same: bool) -> None:
    with store_reports(tmp_path / "c.duckdb", [BASE, second]) as store:
        compute_clusters(store.con)
        groups = clusters_of(store)
    assert (groups == [{"r0", "r1"}]) is same
    assert len(groups) == (1 if same else 2)


SIDES = [
    Rep(
        "Hamas fighters fired rockets at Ashkelon on Sunday, wounding three people.",
        "ASSAULT",
        HAM,
        ISR,
        "2024-06-02",
        site="Coastal Post",
        counts={"wounded": 3},
    ),
    Rep(
        "Rockets fired by Hamas fighters hit Ashkelon on Sunday and wounded four people.",
        "ASSAULT",
        HAM,
        ISR,
        "2024-06-02",
        site="Harbour Times",
        published="2024-06-03",
        counts={"wounded": 4},
    ),
    Rep(
        "Hamas fighters fired rockets at Ashkelon on Saturday, wounding three people, police said.",
        "ASSAULT",
        HAM,
        ISR,
        "2024-06-01",
        site="Valley Herald",
        counts={"wounded": 3},
    ),
]


def test_a_cluster_counts_sources_and_names_the_disagreements(tmp_path: Path) -> None:
    with store_reports(tmp_path / "c.duckdb", SIDES, copies={"copy1": "r0"}) as store:
        stats = compute_clusters(store.con)
        rows = store.con.execute(
            "SELECT type, n_events, n_reports, n_sources, earliest_article_id,"
            " earliest_published, date_first, date_last, actors, recipients, disagreements"
            " FROM event_clusters"
        ).fetchall()
    assert stats.clusters == 1 and stats.corroborated == 1 and stats.disputed == 1
    ((typ, n_events, n_reports, n_sources, first, published, d0, d1, who, whom, dis),) = rows
    assert (typ, n_events, n_reports, n_sources) == ("ASSAULT", 3, 4, 3)
    assert (first, str(published), d0, d1) == ("r2", "2024-06-01", "2024-06-01", "2024-06-02")
    assert (who, whom) == (["PSE"], ["ISR"])
    by_field = {(d["field"], d.get("what")): d["values"] for d in json.loads(dis)}
    assert [v["value"] for v in by_field[("quantity", "wounded")]] == [3, 4]
    assert by_field[("quantity", "wounded")][1]["articles"] == ["r1"]
    assert [v["value"] for v in by_field[("date", None)]] == ["2024-06-01", "2024-06-02"]


def test_one_outlet_twice_is_one_source(tmp_path: Path) -> None:
    same_site = [replace(r, site="Coastal Post", counts={}) for r in SIDES[:2]]
    with store_reports(tmp_path / "c.duckdb", same_site) as store:
        stats = compute_clusters(store.con)
        row = store.con.execute("SELECT n_reports, n_sources FROM event_clusters").fetchone()
    assert row == (2, 1) and stats.corroborated == 0 and stats.disputed == 0


def test_a_daily_run_of_strikes_does_not_chain_into_one_cluster(tmp_path: Path) -> None:
    days = [f"2024-05-{d:02d}" for d in range(10, 20)]
    reps = [replace(BASE, day=d, text=f"Russian missiles struck Kharkiv on {d}.") for d in days]
    with store_reports(tmp_path / "c.duckdb", reps) as store:
        compute_clusters(store.con, ClusterOptions(days=3))
        spans = store.con.execute(
            "SELECT date_first, date_last FROM event_clusters ORDER BY date_first"
        ).fetchall()
    assert len(spans) >= 3
    for first, last in spans:
        assert (int(last[-2:]) - int(first[-2:])) <= 3


def test_clusters_are_recomputed_not_added(tmp_path: Path) -> None:
    with store_reports(tmp_path / "c.duckdb", SIDES) as store:
        first = compute_clusters(store.con)
        second = compute_clusters(store.con, ClusterOptions(days=0))
        n = store.con.execute("SELECT count(*) FROM event_cluster_members").fetchone()
    assert first.clusters == 1 and second.clusters == 2 and n == (3,)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Troops shelled the villages", {"troop", "shell", "villa"}),
        ("The troops said they had shelled a village", {"troop", "shell", "villa"}),
        ("Protesters marched in Nairobi", {"prote", "march", "nairo"}),
    ],
)
def test_content_words(text: str, expected: set[str]) -> None:
    assert content_words(text) == expected


def test_clusters_command(tmp_path: Path) -> None:
    store_reports(tmp_path / "c.duckdb", SIDES).close()
    result = CliRunner().invoke(main, ["clusters", "--db", str(tmp_path / "c.duckdb")])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].endswith("3 events in 1 cluster: 1 reported by two or more sources, 1 with "
                             "reports that disagree")  # fmt: skip
    assert "ASSAULT" in lines[1] and "3 sources" in lines[1] and "wounded: 3 vs 4" in lines[1]

"""Event clusters: the same event reported by several articles becomes one cluster, with its
number of reports and of independent sources, the earliest report, and where reports disagree.

Two events are reports of one event when they have the same PLOVER type and modality (asserted,
negated or hypothetical), dates within ``days`` of each other (the event's own day, else the
article's), places in the same country when both name one, share an actor or a recipient when
both name any, and score at least ``min_score``: half the overlap of their participants, half
the overlap of the content words of their evidence, and a little for the same place name.
Events join clusters in date order, each the best-scoring one whose first report is at most
``days`` earlier, so that a daily run of similar strikes does not chain into one cluster.

Syndicated copies are stored without events of their own, so they never add a source: they count
as reports of their original's clusters. The clusters are recomputed from the ``events`` table
each time, into ``event_clusters`` and ``event_cluster_members``.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

import duckdb
import yaml

from newsgraph.store.schema import OTHER_TABLES

DAYS = 3
MIN_SCORE = 0.35
_WORD = re.compile(r"[^\W_]+")
# Word forms differ between outlets ("strike", "strikes"): compare the first letters only.
STEM = 5

_QUERY = """
SELECT e.article_id, e.event_id, e.type,
       CASE WHEN e.negated THEN 'negated' WHEN e.hypothetical THEN 'hypothetical'
            ELSE 'asserted' END AS modality,
       e.date_value, e.date_granularity, a.published, a.site, a.url,
       e.location_name, e.location_country, e.quantities,
       coalesce(e.trigger_text, '') || ' ' ||
           coalesce(substring(a.text, e.evidence_start + 1, e.evidence_end - e.evidence_start), '')
           AS evidence,
       (SELECT list(DISTINCT coalesce(x.country, x.code, lower(x.name))) FROM actors x
         WHERE x.article_id = e.article_id AND list_contains(e.actor, x.actor_id)) AS actors,
       (SELECT list(DISTINCT coalesce(x.country, x.code, lower(x.name))) FROM actors x
         WHERE x.article_id = e.article_id AND list_contains(e.recipient, x.actor_id)) AS recipients
FROM events e JOIN articles a ON a.id = e.article_id
WHERE a.duplicate_of IS NULL
ORDER BY a.ingested_at, a.id, length(e.event_id), e.event_id
"""


@dataclass(frozen=True)
class ClusterOptions:
    """How close two reports must be to count as one event."""

    days: int = DAYS
    min_score: float = MIN_SCORE


@dataclass(frozen=True)
class Report:
    """One event as the clustering sees it."""

    order: int
    article_id: str
    event_id: str
    type: str
    modality: str
    day: date | None
    date_value: str | None
    published: date | None
    source: str
    location: str | None
    country: str | None
    participants: frozenset[str]
    words: frozenset[str]
    quantities: tuple[tuple[str, float, str], ...]

    @property
    def key(self) -> tuple[str, str]:
        return (self.type, self.modality)


@dataclass
class Cluster:
    first_day: date
    members: list[tuple[Report, float]] = field(default_factory=list)


@cache
def stopwords() -> frozenset[str]:
    """Words that say nothing about which event a sentence reports (data/clusters)."""
    path = resources.files("newsgraph").joinpath("data/clusters/stopwords.yaml")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return frozenset(str(w).casefold() for w in data["stopwords"])


def content_words(text: str) -> frozenset[str]:
    """The content words of ``text``, lower-cased and cut to their first letters."""
    stop = stopwords()
    return frozenset(
        w[:STEM] for w in _WORD.findall(text.casefold()) if w not in stop and len(w) > 1
    )


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _day(value: str | None, granularity: str | None) -> date | None:
    if not value or granularity != "day":
        return None
    try:
        return date.fromisoformat(value.split("/")[0][:10])
    except ValueError:
        return None


def _source(site: str | None, url: str | None, article_id: str) -> str:
    """The outlet of an article: its site name, else its URL's host, else the article itself."""
    if site:
        return site.strip().casefold()
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else f"article:{article_id}"


def _quantities(raw: str | None) -> tuple[tuple[str, float, str], ...]:
    out = []
    for q in json.loads(raw or "[]"):
        if q.get("what"):
            out.append((str(q["what"]).casefold(), float(q["value"]), str(q.get("text", ""))))
    return tuple(out)


def read_reports(con: duckdb.DuckDBPyConnection) -> list[Report]:
    """Every event of an original article (copies have none), in ingestion order."""
    out = []
    for i, row in enumerate(con.execute(_QUERY).fetchall()):
        (aid, eid, typ, modality, value, gran, published, site, url, loc, country, qs, ev) = row[
            :13
        ]
        actors, recipients = row[13] or [], row[14] or []
        out.append(
            Report(
                order=i,
                article_id=aid,
                event_id=eid,
                type=typ,
                modality=modality,
                day=_day(value, gran) or published,
                date_value=value if _day(value, gran) else None,
                published=published,
                source=_source(site, url, aid),
                location=loc.casefold() if loc else None,
                country=country,
                participants=frozenset([f"a:{k}" for k in actors] + [f"r:{k}" for k in recipients]),
                words=content_words(ev),
                quantities=_quantities(qs),
            )
        )
    return out


def link_score(a: Report, b: Report, days: int = DAYS) -> float:
    """How likely ``a`` and ``b`` report one event (0: they cannot)."""
    if a.key != b.key or a.day is None or b.day is None or abs((a.day - b.day).days) > days:
        return 0.0
    if a.country and b.country and a.country != b.country:
        return 0.0
    if a.participants and b.participants and not a.participants & b.participants:
        return 0.0
    score = 0.5 * _jaccard(a.participants, b.participants) + 0.5 * _jaccard(a.words, b.words)
    if a.location and a.location == b.location:
        score += 0.1
    return min(1.0, score)


def cluster_reports(reports: Sequence[Report], options: ClusterOptions) -> list[Cluster]:
    """Reports grouped into clusters, in the order of their first report's day."""
    clusters: list[Cluster] = []
    open_by_key: dict[tuple[str, str], list[int]] = defaultdict(list)
    dated = sorted(
        (r for r in reports if r.day is not None),
        key=lambda r: (r.day, r.published or date.max, r.order),
    )
    for rep in dated:
        assert rep.day is not None
        active = [
            c
            for c in open_by_key[rep.key]
            if (rep.day - clusters[c].first_day).days <= options.days
        ]
        open_by_key[rep.key] = active
        best, best_score = -1, 0.0
        for c in active:
            score = max(link_score(rep, m, options.days) for m, _ in clusters[c].members)
            if score >= options.min_score and score > best_score:
                best, best_score = c, score
        if best < 0:
            open_by_key[rep.key].append(len(clusters))
            clusters.append(Cluster(rep.day, [(rep, 1.0)]))
        else:
            clusters[best].members.append((rep, round(best_score, 3)))
    # An event without any date stands alone.
    clusters.extend(Cluster(date.min, [(r, 1.0)]) for r in reports if r.day is None)
    return clusters


def disagreements(members: Sequence[Report]) -> list[dict[str, Any]]:
    """Where the reports of one event differ: its day, or a count of the same thing."""
    out: list[dict[str, Any]] = []
    days: dict[str, set[str]] = defaultdict(set)
    for m in members:
        if m.date_value:
            days[m.date_value[:10]].add(m.article_id)
    if len(days) > 1:
        values: list[dict[str, Any]] = [
            {"value": d, "articles": sorted(a)} for d, a in sorted(days.items())
        ]
        out.append({"field": "date", "values": values})
    counts: dict[str, dict[float, set[str]]] = defaultdict(lambda: defaultdict(set))
    for m in members:
        for what, value, _text in m.quantities:
            counts[what][value].add(m.article_id)
    for what, by_value in sorted(counts.items()):
        if len(by_value) > 1:
            values = [{"value": v, "articles": sorted(a)} for v, a in sorted(by_value.items())]
            out.append({"field": "quantity", "what": what, "values": values})
    return out


def _cluster_row(cluster: Cluster, copies: dict[str, int]) -> tuple[Any, ...]:
    members = [m for m, _ in cluster.members]
    first = min(members, key=lambda m: (m.published or date.max, m.order))
    articles = {m.article_id for m in members}
    dated = sorted(m.date_value[:10] for m in members if m.date_value) or sorted(
        str(m.day) for m in members if m.day
    )

    def sides(prefix: str) -> list[str]:
        return sorted({p[2:] for m in members for p in m.participants if p.startswith(prefix)})

    return (
        cluster_id(first),
        first.type,
        first.modality,
        len(members),
        len(articles) + sum(copies.get(a, 0) for a in articles),
        len({m.source for m in members}),
        first.article_id,
        first.event_id,
        first.published,
        dated[0] if dated else None,
        dated[-1] if dated else None,
        sides("a:"),
        sides("r:"),
        sorted({m.location for m in members if m.location}),
        json.dumps(disagreements(members)),
    )


def cluster_id(first: Report) -> str:
    """A stable id: the same earliest report gives the same cluster id."""
    raw = f"{first.article_id}\0{first.event_id}".encode()
    return "k" + hashlib.blake2b(raw, digest_size=8).hexdigest()


@dataclass(frozen=True)
class ClusterStats:
    events: int
    clusters: int
    corroborated: int
    disputed: int

    def line(self) -> str:
        return (
            f"{_count(self.events, 'event')} in {_count(self.clusters, 'cluster')}: "
            f"{self.corroborated} reported by two or more sources, {self.disputed} with reports"
            " that disagree"
        )


def compute_clusters(
    con: duckdb.DuckDBPyConnection, options: ClusterOptions | None = None
) -> ClusterStats:
    """Recompute ``event_clusters`` and ``event_cluster_members`` in one transaction."""
    options = options or ClusterOptions()
    reports = read_reports(con)
    clusters = cluster_reports(reports, options)
    copies = dict(
        con.execute(
            "SELECT duplicate_of, count(*) FROM articles WHERE duplicate_of IS NOT NULL GROUP BY 1"
        ).fetchall()
    )
    rows = [_cluster_row(c, copies) for c in clusters]
    members = [
        (row[0], m.article_id, m.event_id, score)
        for row, c in zip(rows, clusters, strict=True)
        for m, score in c.members
    ]
    con.execute("BEGIN TRANSACTION")
    try:
        # Derived tables: made afresh, so that a store from an older release gets their columns.
        for table in ("event_clusters", "event_cluster_members"):
            con.execute(f"DROP TABLE IF EXISTS {table}")
            con.execute(f"CREATE TABLE {table} ({OTHER_TABLES[table]})")
        _insert(con, "event_clusters", rows)
        _insert(con, "event_cluster_members", members)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return ClusterStats(
        events=len(reports),
        clusters=len(clusters),
        corroborated=sum(1 for r in rows if r[5] >= 2),
        disputed=sum(1 for r in rows if r[14] != "[]"),
    )


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[tuple[Any, ...]]) -> None:
    if not rows:
        return
    marks = ", ".join("?" for _ in rows[0])
    con.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def top_clusters(con: duckdb.DuckDBPyConnection, limit: int = 10) -> list[str]:
    """The clusters with the most sources, one line each."""
    lines = []
    for row in con.execute(
        "SELECT cluster_id, type, actors, recipients, date_first, date_last, n_reports,"
        " n_sources, earliest_article_id, earliest_published, disagreements FROM event_clusters"
        " ORDER BY n_sources DESC, n_reports DESC, date_first, cluster_id LIMIT ?",
        [limit],
    ).fetchall():
        cid, typ, actors, recips, first, last, n_rep, n_src, earliest, published, dis = row
        when = first if first == last else f"{first}..{last}"
        who = f"{'+'.join(actors) or '?'} -> {'+'.join(recips) or '-'}"
        line = (
            f"{cid}  {typ:<9} {who:<24} {when or '-'}  {_count(n_rep, 'report')}, "
            f"{_count(n_src, 'source')}, earliest {earliest} ({published or '-'})"
        )
        for d in json.loads(dis):
            shown = " vs ".join(
                f"{v['value']:g}" if isinstance(v["value"], float) else str(v["value"])
                for v in d["values"]
            )
            line += f"; {d.get('what', d['field'])}: {shown}"
        lines.append(line)
    return lines

"""The store's tables: one row per article, and one row per record of each analysis list."""

from __future__ import annotations

SCHEMA_VERSION = 1

TABLES: dict[str, str] = {
    "articles": """
        id VARCHAR PRIMARY KEY, url VARCHAR, title VARCHAR, published DATE, site VARCHAR,
        section VARCHAR, authors VARCHAR[], language VARCHAR, text VARCHAR,
        duplicate_of VARCHAR, similarity DOUBLE, source VARCHAR, minhash BLOB,
        warnings VARCHAR[], analysis JSON, ingested_at TIMESTAMP DEFAULT current_timestamp""",
    "sentences": """
        article_id VARCHAR, idx INTEGER, start INTEGER, "end" INTEGER, voice VARCHAR,
        text VARCHAR""",
    "actors": """
        article_id VARCHAR, actor_id VARCHAR, name VARCHAR, kind VARCHAR, code VARCHAR,
        country VARCHAR, sector VARCHAR""",
    "mentions": """
        article_id VARCHAR, actor_id VARCHAR, start INTEGER, "end" INTEGER, text VARCHAR""",
    "events": """
        article_id VARCHAR, event_id VARCHAR, type VARCHAR, mode VARCHAR, contexts VARCHAR[],
        cameo VARCHAR, score DOUBLE, actor VARCHAR[], recipient VARCHAR[], date_text VARCHAR,
        date_value VARCHAR, date_granularity VARCHAR, location_name VARCHAR,
        location_country VARCHAR, lat DOUBLE, lon DOUBLE, quantities JSON, voice_kind VARCHAR,
        voice_speaker VARCHAR, negated BOOLEAN, hedged BOOLEAN, future BOOLEAN,
        hypothetical BOOLEAN, evidence_start INTEGER, evidence_end INTEGER,
        trigger_start INTEGER, trigger_end INTEGER, trigger_text VARCHAR, rule VARCHAR,
        confidence DOUBLE, historical BOOLEAN""",
    "quotes": """
        article_id VARCHAR, quote_id VARCHAR, kind VARCHAR, start INTEGER, "end" INTEGER,
        text VARCHAR, speaker_actor VARCHAR, speaker_text VARCHAR, speaker_start INTEGER,
        speaker_end INTEGER, cue_text VARCHAR, cue_start INTEGER, cue_end INTEGER""",
    "claims": """
        article_id VARCHAR, claim_id VARCHAR, start INTEGER, "end" INTEGER, text VARCHAR,
        value DOUBLE, value_high DOUBLE, unit VARCHAR, what VARCHAR, qualifier VARCHAR,
        hedged BOOLEAN, voice_kind VARCHAR, voice_speaker VARCHAR""",
    "timexes": """
        article_id VARCHAR, idx INTEGER, start INTEGER, "end" INTEGER, text VARCHAR,
        value VARCHAR, granularity VARCHAR""",
    "framing": """
        article_id VARCHAR, idx INTEGER, start INTEGER, "end" INTEGER, text VARCHAR,
        category VARCHAR, voice VARCHAR, speaker VARCHAR""",
}

# The tables whose rows belong to one article (all but ``articles``).
CHILD_TABLES = tuple(t for t in TABLES if t != "articles")

# Tables that are not records of an article: the work units a scale-out job finished (so that a
# restarted job skips them) and the event clusters computed over ``events``. Kept apart from
# TABLES so that exports, stats and the writer see only article records; created on open with
# CREATE TABLE IF NOT EXISTS, so databases made before them migrate.
OTHER_TABLES: dict[str, str] = {
    "work_units": """
        key VARCHAR PRIMARY KEY, spec VARCHAR, size BIGINT, mtime_ns BIGINT, items INTEGER,
        stored INTEGER, duplicates INTEGER, skipped INTEGER, failed INTEGER,
        finished_at TIMESTAMP DEFAULT current_timestamp""",
    "event_clusters": """
        cluster_id VARCHAR PRIMARY KEY, type VARCHAR, modality VARCHAR, n_events INTEGER,
        n_reports INTEGER, n_sources INTEGER, earliest_article_id VARCHAR,
        earliest_event_id VARCHAR, earliest_published DATE, date_first VARCHAR,
        date_last VARCHAR, actors VARCHAR[], recipients VARCHAR[], locations VARCHAR[],
        disagreements JSON""",
    "event_cluster_members": """
        cluster_id VARCHAR, article_id VARCHAR, event_id VARCHAR, score DOUBLE""",
}


def columns(table: str) -> list[str]:
    """Column names of ``table`` in order, as declared above."""
    cols = []
    for part in (TABLES.get(table) or OTHER_TABLES[table]).split(","):
        name = part.split()[0]
        if (name and name[0].isalpha()) or name.startswith('"'):
            cols.append(name.strip('"'))
    return cols


def ddl() -> list[str]:
    stmts = [
        f"CREATE TABLE IF NOT EXISTS {name} ({body})"
        for name, body in (TABLES | OTHER_TABLES).items()
    ]
    # Columns added after the first release, for databases made before them.
    stmts.append("ALTER TABLE events ADD COLUMN IF NOT EXISTS historical BOOLEAN")
    stmts.append("CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    stmts.append(
        f"INSERT INTO meta VALUES ('schema_version', '{SCHEMA_VERSION}') ON CONFLICT DO NOTHING"
    )
    return stmts

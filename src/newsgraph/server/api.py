"""The JSON API under ``/api``: lists, one article's record, aggregates, the network, exports."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any, Literal, cast

import duckdb
from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import Response

from newsgraph.model import Analysis
from newsgraph.server import aggregates, queries
from newsgraph.server.aggregates import Interval
from newsgraph.server.exports import MEDIA_TYPES, ExportFormat, export
from newsgraph.server.filters import (
    ActorFilter,
    ArticleFilter,
    ClaimFilter,
    EventFilter,
    Paging,
    QuoteFilter,
)
from newsgraph.server.schemas import (
    ActorPage,
    ArticlePage,
    ClaimPage,
    Counts,
    DyadCount,
    DyadView,
    EventPage,
    Network,
    Problem,
    QuotePage,
    ScorePoint,
    TypeCount,
)
from newsgraph.server.state import ServerState

router = APIRouter(prefix="/api")
ArticleId = Annotated[str, Path(max_length=200, description="the article's id")]
IntervalQuery = Annotated[Interval, Query(description="length of a period")]
Format = Annotated[ExportFormat, Query(description="file format")]
Order = Annotated[Literal["asc", "desc"], Query(description="sort direction")]
ActorMatch = Annotated[
    str, Query(min_length=1, max_length=200, description="code prefix, name fragment or name:NAME")
]
_NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": Problem}}
_FILE: dict[int | str, dict[str, Any]] = {
    200: {
        "content": {media: {"schema": {"type": "string"} if media != "application/json" else {}}
                    for media in MEDIA_TYPES.values()},
        "description": "the filtered list as a file",
    }
}  # fmt: skip


def server_state(request: Request) -> ServerState:
    """The application's ``ServerState`` (made by ``create_app``)."""
    return cast(ServerState, request.app.state.newsgraph)


def reader(
    state: Annotated[ServerState, Depends(server_state)],
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor for one request, closed when the request is done."""
    with state.reader() as con:
        yield con


Con = Annotated[duckdb.DuckDBPyConnection, Depends(reader)]


def _page(total: int, found: list[dict[str, Any]], paging: Paging) -> dict[str, Any]:
    return {"total": total, "limit": paging.limit, "offset": paging.offset, "items": found}


@router.get("/stats", response_model=Counts, summary="Rows per record table")
def stats(con: Con) -> dict[str, int]:
    return queries.counts(con)


@router.get("/articles", response_model=ArticlePage, summary="List and filter articles")
def list_articles(
    con: Con, f: Annotated[ArticleFilter, Query()], paging: Annotated[Paging, Query()]
) -> dict[str, Any]:
    total, found = queries.page(con, queries.articles_query(f, paging.order), paging)
    return _page(total, [queries.jsonable(r) for r in found], paging)


@router.get(
    "/articles/{article_id:path}",
    response_model=Analysis,
    responses=_NOT_FOUND,
    summary="One article's analysis record",
)
def get_article(con: Con, article_id: ArticleId) -> Analysis:
    record = queries.article_analysis(con, article_id)
    if record is None:
        raise HTTPException(404, f"no article {article_id!r}")
    return Analysis.from_json(record)


@router.get("/events", response_model=EventPage, summary="List and filter events")
def list_events(
    con: Con, f: Annotated[EventFilter, Query()], paging: Annotated[Paging, Query()]
) -> dict[str, Any]:
    total, found = queries.page(con, queries.events_query(f, paging.order), paging)
    return _page(total, [queries.event_record(r) for r in found], paging)


@router.get("/quotes", response_model=QuotePage, summary="List and filter quotes")
def list_quotes(
    con: Con, f: Annotated[QuoteFilter, Query()], paging: Annotated[Paging, Query()]
) -> dict[str, Any]:
    total, found = queries.page(con, queries.quotes_query(f, paging.order), paging)
    return _page(total, [queries.jsonable(r) for r in found], paging)


@router.get("/claims", response_model=ClaimPage, summary="List and filter claims (figures)")
def list_claims(
    con: Con, f: Annotated[ClaimFilter, Query()], paging: Annotated[Paging, Query()]
) -> dict[str, Any]:
    total, found = queries.page(con, queries.claims_query(f, paging.order), paging)
    return _page(total, [queries.jsonable(r) for r in found], paging)


@router.get("/actors", response_model=ActorPage, summary="List and filter actors")
def list_actors(
    con: Con, f: Annotated[ActorFilter, Query()], paging: Annotated[Paging, Query()]
) -> dict[str, Any]:
    total, found = queries.page(con, queries.actors_query(f, paging.order), paging)
    return _page(total, [queries.jsonable(r) for r in found], paging)


@router.get("/export/articles", response_class=Response, responses=_FILE, summary="Export articles")
def export_articles(
    con: Con, f: Annotated[ArticleFilter, Query()], format: Format = "csv", order: Order = "desc"
) -> Response:
    return export(con, queries.articles_query(f, order), format, "articles")


@router.get("/export/events", response_class=Response, responses=_FILE, summary="Export events")
def export_events(
    con: Con, f: Annotated[EventFilter, Query()], format: Format = "csv", order: Order = "desc"
) -> Response:
    return export(con, queries.events_query(f, order), format, "events", queries.event_record)


@router.get("/export/quotes", response_class=Response, responses=_FILE, summary="Export quotes")
def export_quotes(
    con: Con, f: Annotated[QuoteFilter, Query()], format: Format = "csv", order: Order = "desc"
) -> Response:
    return export(con, queries.quotes_query(f, order), format, "quotes")


@router.get("/export/claims", response_class=Response, responses=_FILE, summary="Export claims")
def export_claims(
    con: Con, f: Annotated[ClaimFilter, Query()], format: Format = "csv", order: Order = "desc"
) -> Response:
    return export(con, queries.claims_query(f, order), format, "claims")


@router.get("/export/actors", response_class=Response, responses=_FILE, summary="Export actors")
def export_actors(
    con: Con, f: Annotated[ActorFilter, Query()], format: Format = "csv", order: Order = "desc"
) -> Response:
    return export(con, queries.actors_query(f, order), format, "actors")


@router.get(
    "/aggregates/types",
    response_model=list[TypeCount],
    summary="Event counts per period and type",
)
def counts_by_type(
    con: Con, f: Annotated[EventFilter, Query()], interval: IntervalQuery = "month"
) -> list[dict[str, Any]]:
    return aggregates.counts_by_type(con, f, interval)


@router.get(
    "/aggregates/dyads",
    response_model=list[DyadCount],
    summary="Event counts per period and dyad (actor, recipient)",
)
def counts_by_dyad(
    con: Con, f: Annotated[EventFilter, Query()], interval: IntervalQuery = "month"
) -> list[dict[str, Any]]:
    return aggregates.counts_by_dyad(con, f, interval)


@router.get(
    "/aggregates/score",
    response_model=list[ScorePoint],
    summary="The conflict-cooperation score over time",
)
def score(
    con: Con, f: Annotated[EventFilter, Query()], interval: IntervalQuery = "month"
) -> list[dict[str, Any]]:
    return aggregates.score_over_time(con, f, interval)


@router.get(
    "/aggregates/dyad",
    response_model=DyadView,
    summary="One dyad in both directions over time: a towards b, b towards a",
    description="The other event filters apply to both directions; a and b take the place of "
    "actor and recipient.",
)
def dyad(
    con: Con,
    f: Annotated[EventFilter, Query()],
    a: ActorMatch,
    b: ActorMatch,
    interval: IntervalQuery = "month",
) -> dict[str, Any]:
    return aggregates.dyad(con, f, a, b, interval)


@router.get("/network", response_model=Network, summary="The actor network of the events")
def network(
    con: Con,
    f: Annotated[EventFilter, Query()],
    max_nodes: Annotated[int, Query(ge=1, le=500, description="actors kept")] = 60,
) -> dict[str, Any]:
    return aggregates.network(con, f, max_nodes)

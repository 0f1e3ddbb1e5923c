"""The web pages: server-rendered templates (autoescaped) over the same queries as the API."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, TypeVar, get_origin
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, StrictUndefined
from pydantic import BaseModel, ValidationError
from starlette.datastructures import QueryParams

from newsgraph import __version__
from newsgraph.model import Analysis
from newsgraph.server import aggregates, queries
from newsgraph.server.annotate import KINDS, annotate, records
from newsgraph.server.api import server_state
from newsgraph.server.filters import (
    ActorFilter,
    ArticleFilter,
    ClaimFilter,
    EventFilter,
    Order,
    Paging,
    QuoteFilter,
)
from newsgraph.store.events_export import ONTOLOGY, quad_classes

router = APIRouter(include_in_schema=False)
M = TypeVar("M", bound=BaseModel)
NAV = (
    ("/articles", "Articles"),
    ("/events", "Events"),
    ("/timeline", "Timeline"),
    ("/dyad", "Dyads"),
    ("/network", "Network"),
    ("/quotes", "Quotes"),
    ("/claims", "Figures"),
    ("/actors", "Actors"),
    ("/analyze", "Analyse"),
)
_PAGING_KEYS = {"limit", "offset", "format"}


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The templates, every value escaped unless marked safe by our own code."""
    return Environment(
        loader=PackageLoader("newsgraph.server", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(page: str, active: str, code: int = 200, **context: Any) -> HTMLResponse:
    """``page``.html with the common context; ``active`` is the highlighted nav entry."""
    context.setdefault("errors", [])
    html = (
        environment()
        .get_template(f"{page}.html")
        .render(page=page, active=active, nav=NAV, version=__version__, **context)
    )
    return HTMLResponse(html, status_code=code)


def parse(model: type[M], params: QueryParams, errors: list[str]) -> M:
    """``model`` from a query string, blank fields left out; on invalid input its defaults,
    and one line per problem in ``errors``."""
    data: dict[str, Any] = {}
    for name, field in model.model_fields.items():
        values = [v for v in params.getlist(name) if v.strip()]
        if values:
            data[name] = values if get_origin(field.annotation) is list else values[-1]
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            where = ".".join(str(p) for p in err["loc"])
            errors.append(f"{where}: {err['msg']}")
        return model()


@dataclass(frozen=True)
class Pager:
    """Where a page stands in its list, and the links to the pages beside it."""

    total: int
    first: int
    last: int
    prev_href: str | None
    next_href: str | None


def pager(total: int, paging: Paging, params: QueryParams) -> Pager:
    kept = [(k, v) for k, v in params.multi_items() if k != "offset"]

    def href(offset: int) -> str:
        return "?" + urlencode([*kept, ("offset", str(offset))])

    prev = href(max(0, paging.offset - paging.limit)) if paging.offset > 0 else None
    after = paging.offset + paging.limit
    return Pager(
        total,
        min(paging.offset + 1, total),
        min(after, total),
        prev,
        href(after) if after < total else None,
    )


def filter_query(params: QueryParams) -> str:
    """The query string of a list's filters alone (no paging), for export links."""
    return urlencode([(k, v) for k, v in params.multi_items() if k not in _PAGING_KEYS and v])


def event_types() -> list[str]:
    return list(quad_classes(ONTOLOGY))


def _listing(request: Request, model: type[M]) -> tuple[M, Paging, list[str]]:
    errors: list[str] = []
    f = parse(model, request.query_params, errors)
    paging = parse(Paging, request.query_params, errors)
    return f, paging, errors


Row = dict[str, Any]


def _list_page(
    request: Request,
    page: str,
    model: type[M],
    query: Callable[[M, Order], queries.Query],
    shape: Callable[[M, list[Row]], list[Row]] = lambda _f, rows: rows,
    **extra: Any,
) -> HTMLResponse:
    """A filtered, paged list page: the filter and paging from the query string, one page of
    rows from ``query``, shaped for its template by ``shape``."""
    f, paging, errors = _listing(request, model)
    with server_state(request).reader() as con:
        total, found = queries.page(con, query(f, paging.order), paging)
    return render(
        page,
        f"/{page}",
        400 if errors else 200,
        errors=errors,
        f=f,
        paging=paging,
        rows=shape(f, found),
        pager=pager(total, paging, request.query_params),
        export_query=filter_query(request.query_params),
        **extra,
    )


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    with server_state(request).reader() as con:
        counts = queries.counts(con)
        recent = queries.page(
            con, queries.articles_query(ArticleFilter(sort="ingested")), Paging(limit=10)
        )[1]
        actors = queries.page(con, queries.actors_query(ActorFilter()), Paging(limit=12))[1]
        by_type = aggregates.counts_by_type(con, EventFilter(), "year")
    totals: dict[str, int] = {}
    for r in by_type:
        totals[r["type"]] = totals.get(r["type"], 0) + r["count"]
    totals = dict(sorted(totals.items(), key=lambda kv: (-kv[1], kv[0])))
    return render("home", "/", counts=counts, recent=recent, actors=actors, type_totals=totals)


@router.get("/articles", response_class=HTMLResponse)
def articles(request: Request) -> HTMLResponse:
    return _list_page(request, "articles", ArticleFilter, queries.articles_query)


def article_page(
    analysis: Analysis, status: str | None = None, stored: bool = True
) -> HTMLResponse:
    """The annotated article page of ``analysis`` (stored, or analysed just now)."""
    names = {a.id: a.name for a in analysis.actors}
    return render(
        "article",
        "/articles" if stored else "/analyze",
        an=analysis,
        body=annotate(analysis),
        records=records(analysis),
        kinds=KINDS,
        names=names,
        status=status,
        stored=stored,
    )


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article(request: Request, article_id: str) -> HTMLResponse:
    with server_state(request).reader() as con:
        record = queries.article_analysis(con, article_id)
    if record is None:
        return render("missing", "/articles", 404, what=f"article {article_id}")
    return article_page(Analysis.from_json(record))


@router.get("/events", response_class=HTMLResponse)
def events(request: Request) -> HTMLResponse:
    return _list_page(
        request,
        "events",
        EventFilter,
        queries.events_query,
        lambda _f, rows: [queries.event_record(r) for r in rows],
        types=event_types(),
    )


def _interval(params: QueryParams, errors: list[str]) -> aggregates.Interval:
    value = params.get("interval") or "month"
    if value in aggregates.PERIOD:
        return value  # type: ignore[return-value]
    errors.append(f"interval: one of {', '.join(aggregates.PERIOD)}")
    return "month"


@router.get("/timeline", response_class=HTMLResponse)
def timeline(request: Request) -> HTMLResponse:
    errors: list[str] = []
    f = parse(EventFilter, request.query_params, errors)
    interval = _interval(request.query_params, errors)
    with server_state(request).reader() as con:
        data = aggregates.timeline(con, f, interval)
    return render(
        "timeline",
        "/timeline",
        400 if errors else 200,
        errors=errors,
        f=f,
        interval=interval,
        data=data,
        types=event_types(),
        query=filter_query(request.query_params),
    )


@router.get("/dyad", response_class=HTMLResponse)
def dyad(request: Request) -> HTMLResponse:
    errors: list[str] = []
    params = request.query_params
    f = parse(EventFilter, params, errors)
    interval = _interval(params, errors)
    a, b = (params.get("a") or "").strip()[:200], (params.get("b") or "").strip()[:200]
    with server_state(request).reader() as con:
        data = aggregates.dyad(con, f, a, b, interval) if a and b else None
        known = queries.page(con, queries.actors_query(ActorFilter()), Paging(limit=200))[1]
    return render(
        "dyad",
        "/dyad",
        400 if errors else 200,
        errors=errors,
        f=f,
        a=a,
        b=b,
        interval=interval,
        data=data,
        known=known,
    )


@router.get("/network", response_class=HTMLResponse)
def network(request: Request) -> HTMLResponse:
    errors: list[str] = []
    f = parse(EventFilter, request.query_params, errors)
    raw = request.query_params.get("max_nodes") or "60"
    max_nodes = int(raw) if raw.isdigit() and 1 <= int(raw) <= 500 else 60
    with server_state(request).reader() as con:
        data = aggregates.network(con, f, max_nodes)
    return render(
        "network",
        "/network",
        400 if errors else 200,
        errors=errors,
        f=f,
        max_nodes=max_nodes,
        data=data,
        types=event_types(),
    )


@router.get("/quotes", response_class=HTMLResponse)
def quotes(request: Request) -> HTMLResponse:
    return _list_page(request, "quotes", QuoteFilter, queries.quotes_query, _marked_quotes)


def _marked_quotes(f: QuoteFilter, rows: list[Row]) -> list[Row]:
    terms = [t for t in (f.about, f.q) if t]
    return [{**r, "marked": mark_terms(r["text"], terms)} for r in rows]


def mark_terms(text: str, terms: list[str]) -> list[tuple[str, bool]]:
    """``text`` cut into (piece, matched) pairs where any of ``terms`` occurs, ignoring case;
    the template escapes each piece and wraps the matched ones in ``<mark>``."""
    lowered = text.lower()
    hits: list[tuple[int, int]] = []
    for term in terms:
        t = term.lower()
        start = lowered.find(t)
        while t and start >= 0:
            hits.append((start, start + len(t)))
            start = lowered.find(t, start + len(t))
    pieces: list[tuple[str, bool]] = []
    at = 0
    for start, end in sorted(hits):
        if start < at:
            continue
        pieces += [(text[at:start], False), (text[start:end], True)]
        at = end
    pieces.append((text[at:], False))
    return [p for p in pieces if p[0]]


@router.get("/claims", response_class=HTMLResponse)
def claims(request: Request) -> HTMLResponse:
    return _list_page(request, "claims", ClaimFilter, queries.claims_query)


@router.get("/actors", response_class=HTMLResponse)
def actors(request: Request) -> HTMLResponse:
    return _list_page(request, "actors", ActorFilter, queries.actors_query)


@router.get("/api", response_class=HTMLResponse)
def api_index(request: Request) -> HTMLResponse:
    spec = request.app.openapi()
    endpoints = [
        {
            "method": method.upper(),
            "path": path,
            "summary": op.get("summary", ""),
            "params": [p["name"] for p in op.get("parameters", [])],
        }
        for path, ops in spec["paths"].items()
        for method, op in ops.items()
    ]
    return render("api", "/api", endpoints=endpoints)

"""The API's writing half: analyse a posted text, HTML page, upload or URL; store batches."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, File, Form, HTTPException, Request, UploadFile
from starlette.concurrency import run_in_threadpool

from newsgraph.server.analysis import (
    Refused,
    analyze,
    article_from_input,
    article_from_upload,
    ingest_lines,
)
from newsgraph.server.api import server_state
from newsgraph.server.config import MAX_INGEST_LINES
from newsgraph.server.schemas import (
    AnalyzeRequest,
    AnalyzeResponse,
    HtmlInput,
    IngestResponse,
    Problem,
    TextInput,
    UrlInput,
)
from newsgraph.server.state import ServerState

router = APIRouter(prefix="/api")
State = Annotated[ServerState, Depends(server_state)]
_REFUSALS: dict[int | str, dict[str, Any]] = {
    code: {"model": Problem} for code in (400, 413, 422, 502)
}
NDJSON = "application/x-ndjson"
_INGEST_BODY = {
    "requestBody": {
        "required": True,
        "content": {NDJSON: {"schema": {"type": "string"}}},
        "description": 'JSON Lines: {"article": {...}} as newsgraph reads articles, or '
        '{"id", "text" | "html", "url"?, "published"?, "title"?}',
    }
}


def _analyzed(state: ServerState, article: Any, store: bool) -> dict[str, Any]:
    try:
        analysis = analyze(article)
    except Refused as exc:
        raise HTTPException(exc.status, exc.detail) from None
    status = state.save([analysis])[0].status if store else None
    return {"analysis": analysis, "status": status}


@router.post(
    "/analyze",
    response_model=AnalyzeResponse,
    responses=_REFUSALS,
    summary="Analyse a posted text, HTML page or URL",
)
def analyze_input(
    body: Annotated[AnalyzeRequest, Body(description="exactly one of text, html and url")],
    state: State,
) -> dict[str, Any]:
    try:
        article = article_from_input(
            state.config,
            text=body.text if isinstance(body, TextInput) else None,
            html=body.html if isinstance(body, HtmlInput) else None,
            url=body.url if isinstance(body, UrlInput) else None,
            title=body.title if isinstance(body, TextInput) else None,
            published=body.published,
        )
    except Refused as exc:
        raise HTTPException(exc.status, exc.detail) from None
    return _analyzed(state, article, body.store)


@router.post(
    "/analyze/upload",
    response_model=AnalyzeResponse,
    responses=_REFUSALS,
    summary="Analyse an uploaded text or HTML file",
)
def analyze_upload(
    state: State,
    file: Annotated[UploadFile, File(description="a text or HTML file")],
    published: Annotated[date | None, Form()] = None,
    store: Annotated[bool, Form()] = False,
) -> dict[str, Any]:
    data = file.file.read(state.config.max_upload_bytes + 1)
    if len(data) > state.config.max_upload_bytes:
        raise HTTPException(413, f"file over {state.config.max_upload_bytes:,} bytes")
    try:
        article = article_from_upload(data, file.filename or "", published)
    except Refused as exc:
        raise HTTPException(exc.status, exc.detail) from None
    return _analyzed(state, article, store)


@router.post(
    "/ingest",
    response_model=IngestResponse,
    responses={code: {"model": Problem} for code in (400, 413)},
    openapi_extra=_INGEST_BODY,
    summary="Analyse and store a batch of articles sent as JSON Lines",
)
async def ingest(request: Request) -> dict[str, Any]:
    state = server_state(request)
    raw = await request.body()
    try:
        body = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise HTTPException(400, "the body is not UTF-8 JSON Lines") from None
    lines = sum(1 for line in body.splitlines() if line.strip())
    if lines > MAX_INGEST_LINES:
        raise HTTPException(413, f"{lines} lines; send at most {MAX_INGEST_LINES} per request")
    done = await run_in_threadpool(ingest_lines, state, body)
    results = [
        {
            "line": d.number,
            "id": d.outcome.id,
            "status": d.outcome.status,
            "error": d.outcome.error,
            "duplicate_of": d.outcome.duplicate_of,
        }
        for d in done
    ]
    tally = {s: sum(1 for r in results if r["status"] == s) for s in ("duplicate", "skipped")}
    return {
        "stored": sum(1 for r in results if r["status"] in ("stored", "duplicate")),
        "duplicates": tally["duplicate"],
        "skipped": tally["skipped"],
        "failed": sum(1 for r in results if r["status"] == "failed"),
        "results": results,
    }

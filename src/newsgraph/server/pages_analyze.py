"""The page to paste, upload or name an article and see it analysed at once."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile

from newsgraph.ingest.sources import sniff
from newsgraph.model import Analysis, Article
from newsgraph.server.analysis import Refused, analyze, article_from_input, article_from_upload
from newsgraph.server.api import server_state
from newsgraph.server.pages import article_page, render
from newsgraph.server.state import ServerState, Status

router = APIRouter(include_in_schema=False)


@router.get("/analyze", response_class=HTMLResponse)
def analyze_form() -> HTMLResponse:
    return render("analyze", "/analyze", text="", url="", published="")


def _text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value if isinstance(value, str) else ""


def _article(state: ServerState, form: FormData, published: date | None) -> Article:
    """The article of the form: an uploaded file, else the pasted text or page, else the URL."""
    upload = form.get("file")
    if isinstance(upload, UploadFile) and upload.filename:
        limit = state.config.max_upload_bytes
        data = upload.file.read(limit + 1)
        if len(data) > limit:
            raise Refused(413, f"file over {limit:,} bytes")
        if data:
            return article_from_upload(data, upload.filename, published)
    text = _text(form, "text")
    if text.strip():
        if sniff(text.encode("utf-8")[:2048]) == "html":
            return article_from_input(state.config, html=text, published=published)
        return article_from_input(state.config, text=text, published=published)
    url = _text(form, "url").strip()
    if url:
        return article_from_input(state.config, url=url, published=published)
    raise Refused(400, "paste a text or a page, upload a file or give a URL")


@router.post("/analyze", response_class=HTMLResponse)
async def analyze_submit(request: Request) -> HTMLResponse:
    state = server_state(request)
    form = await request.form(max_files=1, max_fields=10)
    raw_date = _text(form, "published").strip()
    store = _text(form, "store") == "on"

    def work() -> tuple[Analysis, Status | None]:
        try:
            published = date.fromisoformat(raw_date) if raw_date else None
        except ValueError:
            raise Refused(400, f"published: {raw_date!r} is not a date (YYYY-MM-DD)") from None
        an = analyze(_article(state, form, published))
        status = state.save([an])[0].status if store else None
        return an, status

    try:
        analysis, status = await run_in_threadpool(work)
    except Refused as exc:
        return render(
            "analyze",
            "/analyze",
            exc.status,
            errors=[exc.detail],
            text=_text(form, "text"),
            url=_text(form, "url"),
            published=raw_date,
        )
    finally:
        await form.close()
    return article_page(analysis, status, stored=False)

"""The FastAPI application: the API, the pages, the static assets, and the limits around them."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from newsgraph import __version__
from newsgraph.server import api, api_write, pages, pages_analyze
from newsgraph.server.config import ServerConfig
from newsgraph.server.security import BodyLimit, SameOrigin, SecurityHeaders
from newsgraph.server.state import ServerState

STATIC = Path(__file__).parent / "static"
DESCRIPTION = """\
Articles, events, quotes, claims and actors of a newsgraph store, and the analysis of new
articles. Lists take filters as query parameters and page with `limit` and `offset`; every list
exports as CSV, JSON, JSON Lines or Parquet under `/api/export/`. The web pages at `/` show the
same data.
"""


def create_app(config: ServerConfig) -> FastAPI:
    """The application over ``config.db``; opening the store raises ``StoreInUse`` when another
    process holds it, before anything is served."""
    state = ServerState(config)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        state.close()

    app = FastAPI(
        title="newsgraph",
        version=__version__,
        description=DESCRIPTION,
        # The interactive docs load their scripts from a CDN: the spec and /api page stand in.
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.newsgraph = state
    app.include_router(api.router)
    app.include_router(api_write.router)
    app.include_router(pages_analyze.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_middleware(BodyLimit, max_bytes=config.max_upload_bytes)
    app.add_middleware(SameOrigin)
    app.add_middleware(SecurityHeaders)
    return app

"""The HTTP API and web pages of newsgraph (``newsgraph serve``)."""

from __future__ import annotations

from newsgraph.server.app import create_app
from newsgraph.server.config import ServerConfig

__all__ = ["ServerConfig", "create_app"]

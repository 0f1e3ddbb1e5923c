"""``newsgraph serve``: bind the address, say where the server is, and serve until stopped."""

from __future__ import annotations

import socket
from collections.abc import Callable

import uvicorn

from newsgraph.server.app import create_app
from newsgraph.server.config import ServerConfig


class AddressInUse(Exception):
    """The host and port cannot be bound (another server there, or no such address)."""


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port`` (port 0: any free port); raises ``AddressInUse``."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise AddressInUse(f"{host}:{port}: cannot listen there ({exc.strerror or exc})") from None
    return sock


def address(sock: socket.socket) -> str:
    """The http URL of a bound socket."""
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def serve(config: ServerConfig, host: str, port: int, say: Callable[[str], None]) -> None:
    """Open the store, bind, tell ``say`` the address, then serve in the foreground.

    Raises ``StoreInUse`` or ``AddressInUse`` before serving anything."""
    app = create_app(config)
    try:
        sock = bind(host, port)
    except AddressInUse:
        app.state.newsgraph.close()
        raise
    say(f"newsgraph: serving {address(sock)} (database {config.db}; Ctrl-C to stop)")
    # Ctrl-C waits this long for open connections (a browser's keep-alive) before closing them.
    settings = uvicorn.Config(
        app, log_level="warning", access_log=False, timeout_graceful_shutdown=3
    )
    server = uvicorn.Server(settings)
    server.run(sockets=[sock])

"""What the server refuses: URLs it must not fetch, bodies that are too large; and the headers
that keep a page from running anything but the server's own scripts."""

from __future__ import annotations

import ipaddress
import json
import socket
from collections.abc import Callable
from urllib.parse import urlsplit

import httpx
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsgraph.ingest.errors import IngestError
from newsgraph.ingest.fetch import FetchOptions, HttpFetcher, check_url

# Pages load scripts, styles and images from this server only; nothing inline runs.
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (
        b"content-security-policy",
        b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        b"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
)
ALLOW_HINT = "start the server with --allow-private-urls to fetch such addresses"


class UrlRefused(IngestError):
    """A URL the server will not fetch: not http(s), or a host on a non-public address."""


def system_resolve(host: str) -> list[str]:
    """Every address ``host`` resolves to; raises ``IngestError`` when it resolves to none."""
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise IngestError(host, "host not found") from exc
    return sorted({str(info[4][0]) for info in infos})


def refusal(address: str) -> str | None:
    """Why ``address`` is not public ("loopback", "private", ...), or None when it is."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return "unparsable"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for name, test in (
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("unspecified", ip.is_unspecified),
        ("private", ip.is_private),
        ("reserved", ip.is_reserved),
    ):
        if test:
            return name
    return None if ip.is_global else "non-public"


def guard_url(
    url: str, *, allow_private: bool = False, resolve: Callable[[str], list[str]] | None = None
) -> None:
    """Raise ``UrlRefused`` unless ``url`` is http(s) and (unless allowed) its host is public."""
    try:
        check_url(url)
    except IngestError as exc:
        raise UrlRefused(url, exc.problem) from None
    if allow_private:
        return
    host = urlsplit(url).hostname or ""
    try:
        addresses = [str(ipaddress.ip_address(host))]
    except ValueError:
        addresses = (resolve or system_resolve)(host)
    for address in addresses:
        reason = refusal(address)
        if reason:
            raise UrlRefused(
                url, f"refused: {host} is a {reason} address ({address}); {ALLOW_HINT}"
            )


class GuardedFetcher(HttpFetcher):
    """``HttpFetcher`` that checks every request it sends, redirects included, with
    ``guard_url``, so that a public page cannot redirect the server into its own network."""

    def __init__(
        self,
        options: FetchOptions | None = None,
        *,
        allow_private: bool = False,
        resolve: Callable[[str], list[str]] | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        super().__init__(options)
        self._allow_private = allow_private
        self._resolve = resolve
        if transport is not None:  # a seam for tests: the same client over a mock transport
            plain = self._client
            self._client = httpx.Client(
                timeout=plain.timeout,
                headers=plain.headers,
                follow_redirects=False,
                transport=transport,
            )
            plain.close()
        self._client.event_hooks = {"request": [self._guard], "response": []}

    def _guard(self, request: httpx.Request) -> None:
        guard_url(str(request.url), allow_private=self._allow_private, resolve=self._resolve)


class BodyLimit:
    """ASGI middleware: a request body over ``max_bytes`` gets 413, declared or streamed."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.max_bytes:
            await _send_413(send, self.max_bytes)
            return
        received = 0

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise HTTPException(413, _too_large(self.max_bytes))
            return message

        await self.app(scope, limited, send)


def _too_large(max_bytes: int) -> str:
    return f"request body over the server's limit of {max_bytes:,} bytes"


async def _send_413(send: Send, max_bytes: int) -> None:
    await _send_json(send, 413, _too_large(max_bytes))


async def _send_json(send: Send, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                *SECURITY_HEADERS,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class SecurityHeaders:
    """ASGI middleware: every response carries ``SECURITY_HEADERS``."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in SECURITY_HEADERS if k not in present]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, with_headers)


class SameOrigin:
    """ASGI middleware: a POST whose ``Origin`` names another site gets 403, so that a page
    elsewhere cannot make a visitor's browser post to this server. Clients that send no
    ``Origin`` (the command line, scripts) are not browsers and pass."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] not in ("GET", "HEAD", "OPTIONS"):
            headers = dict(scope.get("headers") or [])
            origin = headers.get(b"origin", b"").decode("latin-1")
            host = headers.get(b"host", b"").decode("latin-1")
            if origin and (origin == "null" or urlsplit(origin).netloc != host):
                await _send_json(send, 403, "cross-site request refused")
                return
        await self.app(scope, receive, send)

"""Bytes to text: encoding detection, and refusal of binary or oversized input."""

from __future__ import annotations

import codecs
import re

from newsgraph.ingest.errors import IngestError

DEFAULT_MAX_BYTES = 20_000_000
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.I)
# Control characters other than tab, newline, carriage return and form feed.
_CONTROL = set(range(0, 9)) | {11} | set(range(14, 32))


def check_size(source: str, size: int, max_bytes: int) -> None:
    if size == 0:
        raise IngestError(source, "empty input")
    if size > max_bytes:
        raise IngestError(
            source, f"{size / 1e6:.1f} MB is over the {max_bytes / 1e6:.0f} MB limit (--max-mb)"
        )


def looks_binary(data: bytes) -> bool:
    """True for content that is not text: NUL bytes or many control characters up front."""
    head = data[:8192]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False  # UTF-16 text is full of NUL bytes
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b in _CONTROL)
    return controls > max(8, len(head) // 50)


def decode(data: bytes, source: str, declared: str | None = None, html: bool = False) -> str:
    """Decode ``data`` (a declared charset, a BOM, UTF-8, then a detected guess), or raise."""
    if looks_binary(data):
        raise IngestError(source, "binary content, not text or HTML")
    for bom, enc in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(enc, errors="replace")
    candidates = [declared] if declared else []
    if html and (m := _META_CHARSET.search(data[:4096])):
        candidates.append(m.group(1).decode("ascii", "ignore"))
    candidates.append("utf-8")
    for enc in candidates:
        try:
            return data.decode(enc or "utf-8")
        except (UnicodeDecodeError, LookupError):
            continue
    from charset_normalizer import from_bytes

    results = list(from_bytes(data[:200_000]))
    if not results:
        raise IngestError(source, "undecodable bytes: not UTF-8 and no encoding could be detected")
    best = results[0]
    # Single-byte code pages often tie; the web's most common one (HTML5 maps latin-1 to it) wins.
    for r in results:
        if (r.chaos, r.coherence) == (best.chaos, best.coherence) and (
            "cp1252" in r.could_be_from_charset
        ):
            best = r
            break
    return data.decode(best.encoding, errors="replace")

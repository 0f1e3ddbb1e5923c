"""Stable article ids: the id a source gives, else a hash of the content."""

from __future__ import annotations

import hashlib
import re

_SPACE = re.compile(r"\s+")


def content_id(title: str, text: str) -> str:
    """16 hex digits of a hash of the normalised title and text: same content, same id."""
    norm = _SPACE.sub(" ", f"{title}\n{text}".casefold()).strip()
    return hashlib.blake2b(norm.encode("utf-8"), digest_size=8).hexdigest()

"""Language identification with py3langid, whose model ships inside the PyPI package."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

# Shorter samples are too weak a signal to name a language.
MIN_CHARS = 20
SAMPLE_CHARS = 2000
# On a short text, a best guess this little ahead of the runner-up (in log-probability) is
# noise: names alone make "Narendra Modi met Shehbaz Sharif." look like Nigerian Pidgin.
SHORT_CHARS = 300
MIN_MARGIN = 10.0


@lru_cache(maxsize=1)
def _identifier() -> Any:
    import py3langid

    return py3langid


def detect_language(text: str, hint: str | None = None) -> str | None:
    """ISO 639-1 code of ``text``'s language, or ``hint`` (e.g. ``<html lang>``) when too short."""
    sample = text[:SAMPLE_CHARS].strip()
    if len(sample) < MIN_CHARS:
        return normalise_hint(hint)
    ranked = _identifier().rank(sample)
    (code, best), (_runner, second) = ranked[0], ranked[1]
    if len(sample) < SHORT_CHARS and best - second < MIN_MARGIN:
        return normalise_hint(hint)
    return str(code)


def normalise_hint(hint: str | None) -> str | None:
    """``"en-GB"`` -> ``"en"``; junk -> None."""
    if not hint:
        return None
    code = hint.strip().lower().replace("_", "-").split("-")[0]
    return code if 2 <= len(code) <= 3 and code.isalpha() else None

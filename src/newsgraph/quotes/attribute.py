"""Who asserts a span: the outlet, or the speaker of the quote whose content holds it.

Events and claims inside a quote's content are the speaker's assertions, not the outlet's: the
pipeline gives them ``voice = {kind: attributed, speaker: <actor id>}`` from the quotes layer.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from newsgraph.model import Attribution, Quote


class QuoteIndex:
    """The quotes of one article, for finding the one whose content holds a span."""

    def __init__(self, quotes: Sequence[Quote]) -> None:
        self._quotes = sorted(quotes, key=lambda q: (q.start, q.end))
        self._starts = [q.start for q in self._quotes]

    def holding(self, start: int, end: int) -> Quote | None:
        """The innermost quote whose content covers ``[start, end)``, or None."""
        k = bisect.bisect_right(self._starts, start)
        best: Quote | None = None
        for q in reversed(self._quotes[:k]):
            if (
                q.start <= start
                and end <= q.end
                and (best is None or q.end - q.start < best.end - best.start)
            ):
                best = q
        return best

    def attribution(self, start: int, end: int) -> Attribution | None:
        """Attributed to the speaker of the quote holding the span; None outside quotes."""
        q = self.holding(start, end)
        if q is None:
            return None
        return Attribution(kind="attributed", speaker=q.speaker.actor if q.speaker else None)

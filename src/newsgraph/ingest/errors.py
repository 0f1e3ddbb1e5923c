"""The one error every ingestion path raises: it names the input and says what is wrong."""

from __future__ import annotations


class IngestError(Exception):
    """An input that cannot become an article. ``str()`` is the one line shown to the user."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem

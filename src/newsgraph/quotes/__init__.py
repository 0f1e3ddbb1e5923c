"""Quotes and voice: who said what (direct, indirect and mixed), and which sentences speak in
the outlet's own voice."""

from newsgraph.quotes.stage import QuoteResult, find_quotes

__all__ = ["QuoteResult", "find_quotes"]

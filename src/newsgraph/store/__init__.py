"""The DuckDB store: schema, writer, queries and exports."""

from newsgraph.store.writer import Store, StoreInUse

__all__ = ["Store", "StoreInUse"]

"""The process-wide DuckDB connection.

DuckDB 2.0 refuses one connection shared by threads, and Streamlit runs each session in its own
thread: so there is one in-memory connection per process, and every query takes its own
`.cursor()` and reads its result fully before returning.
"""
from __future__ import annotations

import threading

import duckdb

_lock = threading.Lock()
_connection: duckdb.DuckDBPyConnection | None = None


def cursor() -> duckdb.DuckDBPyConnection:
    """A fresh cursor on the process-wide connection, for exactly one query."""
    global _connection
    with _lock:
        if _connection is None:
            _connection = duckdb.connect(":memory:", config={"threads": 2})
        return _connection.cursor()

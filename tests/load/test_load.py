"""The load test: 30 sessions against one server for three minutes while the dataset is re-imported.

Duration and sessions are parameters: SOZIALMONITOR_LOAD_SECONDS (default 180) and
SOZIALMONITOR_LOAD_SESSIONS (default 30). The scenario and its checks are in
tests/load/scenario.py; its figures, printed with `pytest -s`, are in docs/reliability.md.
"""
from __future__ import annotations

import asyncio
import os
import urllib.request
from pathlib import Path

from tests.e2e.conftest import start_server
from tests.load.scenario import LoadConfig, prepare, run_load

SECONDS = float(os.environ.get("SOZIALMONITOR_LOAD_SECONDS", "180"))
SESSIONS = int(os.environ.get("SOZIALMONITOR_LOAD_SESSIONS", "30"))


def test_many_users_at_once_while_the_dataset_is_reimported(tmp_path: Path) -> None:
    specs, out = prepare(tmp_path)
    server = start_server(out, tmp_path / "streamlit.log")
    try:
        config = LoadConfig(sessions=SESSIONS, seconds=SECONDS)
        result = asyncio.run(run_load(server.url, server.process.pid, specs, out, config))
        with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=30) as response:
            healthy = (response.status, response.read())
    finally:
        server.process.terminate()
        server.process.wait(timeout=30)
    print(result.table())
    assert not result.errors, result.errors[:10]
    assert not result.foreign, result.foreign[:10]  # no session ever showed another session's state
    assert not result.mixed, result.mixed[:10]  # every run showed one version, never parts of both
    assert len(result.reimports) == config.reimports and all(ok for _, _, ok in result.reimports)
    assert result.versions["Alpha"] and result.versions["Beta"]  # the switches happened while users were reading
    assert len(result.runs) >= 2 * SESSIONS  # every user got through: nothing hung
    assert healthy == (200, b"ok")
    assert "Traceback" not in (tmp_path / "streamlit.log").read_text()

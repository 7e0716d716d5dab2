"""Shared test fixtures: paths to the repository and to the real data in ../shared."""
from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED = REPO_ROOT.parent / "shared"
SHARED_DATA = SHARED / "data"
REFERENCE_DATA = SHARED / "reference" / "metrics" / "data"


def free_port() -> int:
    """A free port; within SOZIALMONITOR_TEST_PORTS ("8610-8619") where a shared machine assigns ranges."""
    first, _, last = os.environ.get("SOZIALMONITOR_TEST_PORTS", "0-0").partition("-")
    for port in range(int(first), int(last or first) + 1):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return sock.getsockname()[1]
    raise RuntimeError(f"no free port in SOZIALMONITOR_TEST_PORTS={os.environ['SOZIALMONITOR_TEST_PORTS']}")


def require_shared(path: Path) -> Path:
    """Return `path`, or skip the test with a clear reason when ../shared is absent."""
    if not path.exists():
        pytest.skip(f"real data not available: {path} (expected ../shared beside the repository)")
    return path


@pytest.fixture(autouse=True)
def feedback_outside_the_repository(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """No test writes feedback beside data/demo: the form's database defaults to a temp folder."""
    monkeypatch.setenv("SOZIALMONITOR_FEEDBACK_DB", str(tmp_path_factory.getbasetemp() / "feedback-default.sqlite3"))
    for name in ("SOZIALMONITOR_FEEDBACK", "SOZIALMONITOR_READ_ONLY", "SOZIALMONITOR_FEEDBACK_ADMIN"):
        monkeypatch.delenv(name, raising=False)

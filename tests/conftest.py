"""Shared test fixtures: paths to the repository and to the real data in ../shared."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED = REPO_ROOT.parent / "shared"
SHARED_DATA = SHARED / "data"
REFERENCE_DATA = SHARED / "reference" / "metrics" / "data"


def require_shared(path: Path) -> Path:
    """Return `path`, or skip the test with a clear reason when ../shared is absent."""
    if not path.exists():
        pytest.skip(f"real data not available: {path} (expected ../shared beside the repository)")
    return path

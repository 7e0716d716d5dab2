"""AppTest as a browser sees the app: through app.py's st.navigation, not Streamlit's legacy mode.

Before every run AppTest forgets that the app uses st.navigation and, because the page files
live in a folder named `pages`, starts in Streamlit's legacy multipage mode, where app.py's own
st.navigation call then restarts the run and drops the widget values a test has just set. A
real server leaves that mode for good on its first run (see ui.layout.context); this fixture
gives AppTest the same steady state.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.runtime.pages_manager import PagesManager

from tests.conftest import REPO_ROOT, SHARED_DATA, require_shared


@pytest.fixture(autouse=True)
def navigation_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    original_init = PagesManager.__init__

    def init_in_navigation_mode(self, *args, **kwargs) -> None:
        original_init(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init_in_navigation_mode)


@pytest.fixture(scope="session")
def berlin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Berlin (MSS 2021 and the official population) imported with the example spec, once per run."""
    require_shared(SHARED_DATA / "berlin")
    out = tmp_path_factory.mktemp("berlin") / "dataset"
    subprocess.run(
        [sys.executable, "-m", "loaders.importer", "examples/berlin/import.toml", "--out", str(out)],
        cwd=REPO_ROOT, check=True, capture_output=True, timeout=300,
    )
    return out

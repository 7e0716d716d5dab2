"""The dashboard runs on each imported dataset (SOZIALMONITOR_DATA=…): every page, both languages."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from loaders.importer import run_import
from loaders.spec import load_spec
from tests.conftest import REPO_ROOT, SHARED_DATA, require_shared

APP = str(REPO_ROOT / "app.py")
PAGES = sorted(f"pages/{p.name}" for p in (REPO_ROOT / "pages").glob("*.py"))
CITIES = {"berlin": "Berlin", "luebeck": "Lübeck", "hamburg": "Hamburg"}


@pytest.fixture(scope="module")
def datasets(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = {}
    for city in CITIES:
        require_shared(SHARED_DATA / city)
        folder = tmp_path_factory.mktemp(city) / "dataset"
        report = run_import(load_spec(REPO_ROOT / "examples" / city / "import.toml"), folder)
        assert report.ok, report.text("en")
        out[city] = folder
    return out


def start(monkeypatch: pytest.MonkeyPatch, dataset: Path, lang: str) -> AppTest:
    monkeypatch.setenv("SOZIALMONITOR_DATA", str(dataset))
    app = AppTest.from_file(APP, default_timeout=90)
    app.query_params["lang"] = lang
    app.run()
    assert not app.exception, app.exception
    return app


def registered_pages(app: AppTest) -> list[str]:
    """The pages app.py registered for this dataset (some depend on it, e.g. the social index)."""
    return [
        str(Path(info["script_path"]).relative_to(REPO_ROOT))
        for info in app._registered_pages.values()  # AppTest has no public list of the navigation
        if info.get("script_path")
    ]


@pytest.mark.parametrize("city", list(CITIES))
@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_page_runs_on_the_imported_dataset(monkeypatch: pytest.MonkeyPatch, datasets, city: str, lang: str) -> None:
    app = start(monkeypatch, datasets[city], lang)
    sidebar = "\n".join(str(m.value) for m in app.sidebar.markdown)  # AppTest drops the sidebar after switch_page
    assert CITIES[city] in sidebar  # the imported dataset is the one shown
    pages = registered_pages(app)
    assert {"pages/overview.py", "pages/profile.py", "pages/data_check.py"} <= set(pages) <= set(PAGES)
    if city == "berlin" and "pages/social_index.py" in PAGES:
        assert "pages/social_index.py" in pages  # Berlin's spec configures the MSS index
    for page in pages:
        app.switch_page(page)
        app.run()
        assert not app.exception, (page, app.exception)
        assert not app.error, (page, [e.value for e in app.error])
        assert app.title, f"{page} shows its title"
        assert "Demodaten" not in "\n".join(str(w.value) for w in app.warning)  # real data: no demo banner


@pytest.mark.parametrize("city", list(CITIES))
def test_overview_draws_the_map(monkeypatch: pytest.MonkeyPatch, datasets, city: str) -> None:
    app = start(monkeypatch, datasets[city], "de")
    assert app.get("deck_gl_json_chart")
    if city == "luebeck":
        # 5 of 10 Stadtteile have a boundary: the map draws them, the table lists all 10
        assert len(app.dataframe[0].value) == 10
        notes = "\n".join(str(c.value) for c in app.caption)
        assert "5 der 10 Stadtteile" in notes

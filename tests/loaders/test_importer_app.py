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
CITIES = {"berlin": "Berlin", "luebeck": "Lübeck"}


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


def run_page(monkeypatch: pytest.MonkeyPatch, dataset: Path, page: str, lang: str) -> tuple[AppTest, str]:
    """The app on `page`; also the sidebar text of the first run (AppTest drops the sidebar after switch_page)."""
    monkeypatch.setenv("SOZIALMONITOR_DATA", str(dataset))
    app = AppTest.from_file(APP, default_timeout=90)
    app.query_params["lang"] = lang
    app.run()
    assert not app.exception, app.exception
    sidebar = "\n".join(str(m.value) for m in app.sidebar.markdown)
    app.switch_page(page)
    app.run()
    return app, sidebar


def test_every_page_is_registered() -> None:
    assert "pages/data_check.py" in PAGES and "pages/overview.py" in PAGES


@pytest.mark.parametrize("city", list(CITIES))
@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_page_runs_on_the_imported_dataset(monkeypatch: pytest.MonkeyPatch, datasets, city: str, page: str, lang: str) -> None:
    app, sidebar = run_page(monkeypatch, datasets[city], page, lang)
    assert not app.exception, app.exception
    assert not app.error, [e.value for e in app.error]
    assert app.title, "the page shows its title"
    assert CITIES[city] in sidebar  # the imported dataset is the one shown
    text = "\n".join(str(w.value) for w in app.warning)
    assert "Demodaten" not in text  # real data: no demo banner


@pytest.mark.parametrize("city", list(CITIES))
def test_overview_draws_the_map(monkeypatch: pytest.MonkeyPatch, datasets, city: str) -> None:
    app, _ = run_page(monkeypatch, datasets[city], "pages/overview.py", "de")
    assert not app.exception, app.exception
    assert app.get("deck_gl_json_chart")
    if city == "luebeck":
        # 5 of 10 Stadtteile have a boundary: the map draws them, the table lists all 10
        assert len(app.dataframe[0].value) == 10
        notes = "\n".join(str(c.value) for c in app.caption)
        assert "5 der 10 Stadtteile" in notes

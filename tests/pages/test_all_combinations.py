"""Every page with every demo indicator at every level, in both languages.

Counts, shares, rates, means and balances each take other paths through the pages, so each
combination must render: no exception, no error message (not even our friendly one), the demo
notice present. One AppTest per page and language switches indicator and level through the
sidebar, as a visitor would. Pages join automatically; a page that does not depend on the
indicator is skipped with its reason.
"""
from __future__ import annotations

import json

import pyarrow.parquet as pq
import pytest
from streamlit.testing.v1 import AppTest

from tests.app_pages import app_pages
from tests.conftest import REPO_ROOT
from tests.rendered import rendered

APP = str(REPO_ROOT / "app.py")
DEMO = REPO_ROOT / "data" / "demo"
INDEPENDENT = {
    "pages/data_check.py": "checks uploaded files; shows no indicator",
    "pages/social_index.py": "computes its fixed set of index indicators on its own level; tests/pages/test_social_index_page.py",
    "pages/feedback_summary.py": "the team's feedback, in the navigation only with admin rights; shows no indicator",
}
PAGES = sorted(str(path.relative_to(REPO_ROOT)) for path in (REPO_ROOT / "pages").glob("*.py"))
INDICATORS = sorted(pq.read_table(DEMO / "indicators.parquet", columns=["indicator_id"]).column(0).to_pylist())
LEVELS = [level["id"] for level in json.loads((DEMO / "dataset.json").read_text(encoding="utf-8"))["levels"]]
DEMO_MARKER = "Demodaten – keine amtliche Statistik"


def test_every_page_of_the_navigation_is_covered() -> None:
    """Every page app.py puts into the navigation is run here (or skipped with its reason)."""
    navigation = set(app_pages())
    assert {"pages/overview.py", "pages/trends.py", "pages/compare.py", "pages/reach.py", "pages/targets.py"} <= navigation
    assert navigation <= set(PAGES), navigation - set(PAGES)
    assert set(INDEPENDENT) <= set(PAGES)


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_every_indicator_at_every_level(monkeypatch: pytest.MonkeyPatch, page: str, lang: str) -> None:
    if page in INDEPENDENT:
        pytest.skip(INDEPENDENT[page])
    monkeypatch.setenv("SOZIALMONITOR_DATA", str(DEMO))
    app = AppTest.from_file(APP, default_timeout=120)
    app.query_params["lang"] = lang
    app.run()
    app.switch_page(page)
    app.run()
    failures = []
    for indicator in INDICATORS:
        app.sidebar.selectbox[0].set_value(indicator)
        for level in LEVELS:
            app.sidebar.radio[1].set_value(level)
            app.run()
            where = f"{page} {lang} {indicator} {level}"
            if app.exception:
                failures.append(f"{where}: exception {app.exception[0].value}")
            elif app.error:
                failures.append(f"{where}: error {rendered(app.error[0].value)[:200]}")
            elif DEMO_MARKER not in rendered(app.warning[0].value if app.warning else ""):
                failures.append(f"{where}: no demo notice")
            elif (app.sidebar.selectbox[0].value, app.sidebar.radio[1].value) != (indicator, level):
                failures.append(f"{where}: showed {app.sidebar.selectbox[0].value} {app.sidebar.radio[1].value}")
    assert not failures, "\n".join(failures)

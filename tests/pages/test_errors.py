"""An exception inside a page: a short message in the user's language, the traceback in the
server log, the sidebar still working; Streamlit's own control flow is not caught."""
from __future__ import annotations

import logging

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

import loaders.store
import ui.data
import ui.layout
from tests.conftest import REPO_ROOT
from tests.rendered import rendered

APP = str(REPO_ROOT / "app.py")
DEMO = REPO_ROOT / "data" / "demo"
ADMIN_ONLY = {"pages/feedback_summary.py"}  # in the navigation only with feedback admin rights; shows no indicator
PAGES = sorted(str(path.relative_to(REPO_ROOT)) for path in (REPO_ROOT / "pages").glob("*.py") if str(path.relative_to(REPO_ROOT)) not in ADMIN_ONLY)
FRIENDLY = {"de": "konnte nicht berechnet werden", "en": "could not be computed"}
TRY = {"de": "anderen Indikator", "en": "another indicator"}


def open_page(monkeypatch: pytest.MonkeyPatch, page: str, lang: str) -> AppTest:
    monkeypatch.setenv("SOZIALMONITOR_DATA", str(DEMO))
    app = AppTest.from_file(APP, default_timeout=90)
    app.query_params["lang"] = lang
    app.run()
    app.switch_page(page)
    return app


def broken(*args, **kwargs):
    raise RuntimeError("forced failure for the test")


def assert_friendly(app: AppTest, lang: str) -> None:
    assert not app.exception, app.exception
    assert len(app.error) == 1
    message = rendered(app.error[0].value)
    assert FRIENDLY[lang] in message and TRY[lang] in message
    assert "RuntimeError" not in message and "Traceback" not in message


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_a_failing_page_shows_a_friendly_message_and_logs_the_traceback(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, page: str, lang: str
) -> None:
    app = open_page(monkeypatch, page, lang)
    with monkeypatch.context() as patch:
        patch.setattr(ui.layout, "context", broken)  # every page starts with context()
        with caplog.at_level(logging.ERROR, logger="sozialmonitor"):
            app.run()
    assert_friendly(app, lang)
    logged = [record for record in caplog.records if record.name == "sozialmonitor"]
    assert logged and logged[0].exc_info and "forced failure" in str(logged[0].exc_info[1])
    reference = logged[0].args[1]
    assert reference in rendered(app.error[0].value)
    # the sidebar still works, and the next run shows the page again
    assert "Demodaten – keine amtliche Statistik" in rendered(app.warning[0].value)
    app.sidebar.selectbox[0].set_value("kinderarmut").run()
    assert not app.exception and not app.error


@pytest.mark.parametrize("page", [p for p in PAGES if p != "pages/data_check.py"])
def test_a_failure_deep_inside_a_page_keeps_what_was_drawn(monkeypatch: pytest.MonkeyPatch, page: str) -> None:
    app = open_page(monkeypatch, page, "en")
    with monkeypatch.context() as patch:
        # every read of values fails: through the page cache and straight from the store, and the
        # addresses from which the page "Erreichbarkeit" computes its shares
        reads = ((ui.data.Dataset, "values"), (ui.data.Dataset, "series"), (ui.data.Dataset, "values_of"),
                 (ui.data.Dataset, "address_origins"), (loaders.store.Store, "_query_values"))
        for owner, method in reads:
            patch.setattr(owner, method, broken)
        st.cache_resource.clear()  # the pages cache their views on the dataset's version: build them anew, as for a first visitor
        app.run()
    assert_friendly(app, "en")
    assert app.title  # the page's title was drawn before the failure


def test_control_flow_passes_through(monkeypatch: pytest.MonkeyPatch) -> None:
    # the overview stops with st.stop() where an indicator has no values: no error message
    monkeypatch.setenv("SOZIALMONITOR_DATA", str(DEMO))
    app = AppTest.from_file(APP, default_timeout=90)
    app.query_params.update(lang="de", indicator="sgb2_quote", period="2022", level="stadtteil")
    app.run()
    with monkeypatch.context() as patch:
        patch.setattr(ui.data.Dataset, "values", lambda self, *a: __import__("streamlit").stop())
        app.run()
    assert not app.exception and not app.error

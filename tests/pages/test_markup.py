"""Data is text, never markup: every page on a dataset whose texts are HTML, Markdown, very long
or right-to-left shows them literally (the browser side is checked in tests/e2e)."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from feedback.store import PAGE_LIMIT, TEXT_LIMIT, VIEW_LIMIT, Answer, FeedbackStore
from tests import dataset_factory as factory
from tests.conftest import REPO_ROOT
from tests.pages.markup_check import alt_texts, html_sources, markdown_sources, plotly_specs
from tests.rendered import rendered
from views.markup import LONG_TEXT_CHARACTERS

APP = str(REPO_ROOT / "app.py")
PAGES = sorted(str(path.relative_to(REPO_ROOT)) for path in (REPO_ROOT / "pages").glob("*.py"))
# raw in a Markdown source, each of these would be interpreted (a link, an image, bold, colour …)
RAW_MARKDOWN = (factory.EVIL, "<img", "<b>", "<i>", "](", "![", "**Armut**", "**Poverty**", "**fett**", ":red[", "$x^2$", ":smile:")
# raw in st.html or in a plotly figure, each of these would be an element
RAW_TAGS = ("<img", "<a ", "<i>", "<b>fett", "<script")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return factory.write_hostile_dataset(tmp_path_factory.mktemp("hostile") / "ds")


@pytest.fixture(scope="module")
def hostile_feedback(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Feedback whose texts, page ids and views are the hostile texts (for the page "Rückmeldungen")."""
    database = tmp_path_factory.mktemp("feedback") / "feedback.sqlite3"
    store = FeedbackStore(database)
    for text in factory.HOSTILE_TEXTS:
        store.add(Answer(page=text[:PAGE_LIMIT], view=f"lang=de&area={text}"[:VIEW_LIMIT], lang="de", answer="no", text=text[:TEXT_LIMIT]))
    return database


@pytest.fixture(autouse=True)
def every_page_with_hostile_feedback(monkeypatch: pytest.MonkeyPatch, hostile_feedback: Path) -> None:
    monkeypatch.setenv("SOZIALMONITOR_FEEDBACK_ADMIN", "1")  # the team's page joins every page
    monkeypatch.setenv("SOZIALMONITOR_FEEDBACK_DB", str(hostile_feedback))


def run_page(monkeypatch: pytest.MonkeyPatch, dataset: Path, page: str, **query: str) -> AppTest:
    monkeypatch.setenv("SOZIALMONITOR_DATA", str(dataset))
    app = AppTest.from_file(APP, default_timeout=60)
    for key, value in query.items():
        app.query_params[key] = value
    app.run()
    app.switch_page(page)
    app.run()
    return app


def assert_nothing_interpreted(app: AppTest) -> None:
    assert not app.exception, app.exception
    for source in markdown_sources(app):
        found = [raw for raw in RAW_MARKDOWN if raw in source]
        assert not found, f"{found} raw in Markdown: {source[:300]!r}"
        assert factory.HOSTILE_LONG not in rendered(source), "a 10,000-character name is shown in full"
    for source in html_sources(app) + plotly_specs(app):
        found = [raw for raw in RAW_TAGS if raw in source]
        assert not found, f"{found} raw in HTML or a figure: {source[:300]!r}"
    for alt in alt_texts(app):
        assert len(alt) <= LONG_TEXT_CHARACTERS and "\u202e" not in alt


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_hostile_texts_are_shown_as_text(monkeypatch: pytest.MonkeyPatch, hostile: Path, page: str, lang: str) -> None:
    levels = ("bezirk", "teil") if page != "pages/data_check.py" else ("bezirk",)
    for level in levels:
        app = run_page(monkeypatch, hostile, page, lang=lang, level=level, indicator="poverty", period="2021")
        assert_nothing_interpreted(app)
        shown = rendered("\n".join(markdown_sources(app)))
        # the dataset's name is shown, literally, in the sidebar
        assert f"Test {factory.HOSTILE_HTML} {factory.HOSTILE_IMAGE}" in shown


@pytest.mark.parametrize("lang", ["de", "en"])
def test_hostile_texts_with_services_and_every_indicator(monkeypatch: pytest.MonkeyPatch, hostile: Path, lang: str) -> None:
    app = run_page(monkeypatch, hostile, "pages/overview.py", lang=lang, level="teil", indicator="residents", period="2021")
    app.toggle[0].set_value(True).run()
    assert_nothing_interpreted(app)
    for indicator in ("poverty", "index_score"):
        app.sidebar.selectbox[0].set_value(indicator).run()
        assert_nothing_interpreted(app)
    # the area names are written as they are (the summary names the extremes)
    shown = rendered("\n".join(markdown_sources(app)))
    assert factory.HOSTILE_IMAGE in shown or factory.HOSTILE_LINK in shown

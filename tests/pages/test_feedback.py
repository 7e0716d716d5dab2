"""The feedback form at the end of every page and the team's summary page, through AppTest."""
from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from feedback.store import TEXT_LIMIT, Answer, FeedbackStore
from tests import dataset_factory as factory
from tests.conftest import REPO_ROOT
from tests.pages.test_pages import PAGES, all_text, run_app
from views.markup import escape_markdown

DEMO = REPO_ROOT / "data" / "demo"
QUESTION = {"de": "**War diese Seite hilfreich?**", "en": "**Was this page helpful?**"}
SUBMIT = {"de": "Rückmeldung senden", "en": "Send feedback"}
THANKS = {"de": "Danke für Ihre Rückmeldung", "en": "Thank you for your feedback"}
ALREADY = {"de": "schon eine Rückmeldung geschickt", "en": "already sent feedback"}
NEED_ANSWER = {"de": "Bitte wählen Sie zuerst", "en": "Please choose"}
TOO_MANY = {"de": "höchstens 5 in der Stunde", "en": "at most 5 answers per hour"}
HOSTILE = "<img src=http://127.0.0.1:9/track.png> **fett** [Link](http://example.com) :red[rot] $x$ <script>alert(1)</script>"


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "feedback.sqlite3"
    monkeypatch.setenv("SOZIALMONITOR_FEEDBACK_DB", str(path))
    return path


def page_id(page: str) -> str:
    return Path(page).stem


def has_form(app: AppTest) -> bool:
    return any(radio.label in QUESTION.values() for radio in app.radio)


def submit(app: AppTest, page: str, lang: str, *, answer: str | None = None, text: str | None = None, role: str | None = None) -> AppTest:
    if answer is not None:
        app.radio(key=f"w_fb_answer_{page}").set_value(answer)
    if text is not None:
        app.text_area(key=f"w_fb_text_{page}").set_value(text)
    if role is not None:
        app.selectbox(key=f"w_fb_role_{page}").set_value(role)
    button = next(b for b in app.button if b.label == SUBMIT[lang])
    return button.click().run()


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_form_ends_every_page(monkeypatch: pytest.MonkeyPatch, database: Path, page: str, lang: str) -> None:
    app = run_app(monkeypatch, DEMO, page, lang=lang)
    assert not app.exception, app.exception
    assert has_form(app)
    last = app.main.children[len(app.main.children) - 1]
    assert getattr(last, "key", None) == "feedback", "the form is the last thing on the page"
    assert app.text_area(key=f"w_fb_text_{page_id(page)}").label.endswith(
        "(freiwillig, höchstens 1.000 Zeichen)" if lang == "de" else "(optional, at most 1,000 characters)"
    )
    assert not database.exists()  # showing the form writes nothing


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_form_follows_a_page_that_ends_early(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, database: Path, lang: str) -> None:
    folder = factory.write_dataset(tmp_path / "ds")
    app = run_app(monkeypatch, folder, lang=lang, indicator="index_score", level="bezirk")
    assert not app.exception, app.exception
    assert "index_score" in app.query_params["indicator"] and not app.dataframe  # the overview stopped early
    assert has_form(app)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_an_answer_is_stored_once_per_view(monkeypatch: pytest.MonkeyPatch, database: Path, lang: str) -> None:
    app = run_app(monkeypatch, DEMO, "pages/profile.py", lang=lang, indicator="kinderarmut", period="2016", level="stadtteil")
    submit(app, "profile", lang, answer="partly", text=f"  {HOSTILE}\r\nZeile 2  ", role="administration")
    assert not app.exception, app.exception
    assert any(THANKS[lang] in message.value for message in app.success)
    assert not has_form(app)
    rows = FeedbackStore(database).rows()
    assert len(rows) == 1
    row = rows.iloc[0]
    assert (row["page"], row["lang"], row["answer"], row["role"]) == ("profile", lang, "partly", "administration")
    assert row["text"] == f"{HOSTILE}\nZeile 2"
    assert dict(pair.split("=") for pair in row["view"].split("&")) == {
        "lang": lang, "indicator": "kinderarmut", "period": "2016", "level": "stadtteil", "area": "01",
    }  # the URL as the page left it: the profile adds the area it shows
    assert abs(row["time"] - datetime.now(UTC)) < timedelta(minutes=5)
    # the same view again, also in the other language: no second form
    other = "en" if lang == "de" else "de"
    app.sidebar.radio[0].set_value(other).run()
    assert not has_form(app)
    assert any(ALREADY[other] in message.value for message in app.info)
    # another view of the same page: the form is back
    app.sidebar.select_slider[0].set_value(2018).run()
    assert has_form(app)
    assert len(FeedbackStore(database).rows()) == 1


@pytest.mark.parametrize("lang", ["de", "en"])
def test_an_empty_submission_is_refused_with_a_message(monkeypatch: pytest.MonkeyPatch, database: Path, lang: str) -> None:
    app = run_app(monkeypatch, DEMO, lang=lang)
    submit(app, "overview", lang, text="Nur Text, keine Antwort")
    assert not app.exception, app.exception
    assert any(NEED_ANSWER[lang] in message.value for message in app.warning)
    assert has_form(app) and app.text_area(key="w_fb_text_overview").value == "Nur Text, keine Antwort"
    assert not database.exists()
    submit(app, "overview", lang, answer="no")  # now with an answer: the text is kept
    assert FeedbackStore(database).rows()[["answer", "text", "role"]].values.tolist() == [["no", "Nur Text, keine Antwort", None]]


def test_text_is_bounded_on_the_server(monkeypatch: pytest.MonkeyPatch, database: Path) -> None:
    app = run_app(monkeypatch, DEMO, lang="de")
    submit(app, "overview", "de", answer="yes", text="ä" * (TEXT_LIMIT + 500))
    assert FeedbackStore(database).rows()["text"].tolist() == ["ä" * TEXT_LIMIT]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_session_answers_at_most_five_times_an_hour(monkeypatch: pytest.MonkeyPatch, database: Path, lang: str) -> None:
    app = run_app(monkeypatch, DEMO, lang=lang, period="2010")
    for period in (2010, 2011, 2012, 2013, 2014):
        if period != 2010:
            app.sidebar.select_slider[0].set_value(period).run()
        assert has_form(app), period
        submit(app, "overview", lang, answer="yes")
        assert any(THANKS[lang] in message.value for message in app.success)
    app.sidebar.select_slider[0].set_value(2015).run()
    assert not app.exception
    assert not has_form(app)
    message = next(m.value for m in app.info if TOO_MANY[lang] in m.value)
    assert re.search(r"(In|in) (5\d|60) (Minuten|minutes)", message), message  # the first answer leaves the hour
    assert len(FeedbackStore(database).rows()) == 5


@pytest.mark.parametrize(
    "environment",
    [{"SOZIALMONITOR_FEEDBACK": "off"}, {"SOZIALMONITOR_READ_ONLY": "1"}, {"SOZIALMONITOR_FEEDBACK_DB": "/nonexistent-folder/f.sqlite3"}],
    ids=["switched-off", "read-only", "not-writable"],
)
@pytest.mark.parametrize("page", PAGES)
def test_an_instance_that_takes_no_answers_shows_no_form(
    monkeypatch: pytest.MonkeyPatch, database: Path, environment: dict[str, str], page: str
) -> None:
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    app = run_app(monkeypatch, DEMO, page, lang="de")
    assert not app.exception, app.exception
    assert not has_form(app)
    assert "Ihre Rückmeldung" not in all_text(app)
    assert not any(b.label == SUBMIT["de"] for b in app.button)


def test_no_page_ends_with_st_stop() -> None:
    """st.stop() ends the whole run, so the form after the page would never be drawn: pages call
    ui.layout.end_page() instead."""
    offenders = [path.name for path in (REPO_ROOT / "pages").glob("*.py") if "st.stop(" in path.read_text()]
    assert offenders == [], f"use ui.layout.end_page() instead of st.stop() in {offenders}"


def test_the_summary_page_is_off_by_default(monkeypatch: pytest.MonkeyPatch, database: Path) -> None:
    app = run_app(monkeypatch, DEMO, lang="de")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        app.switch_page("pages/feedback_summary.py")


def seed(database: Path) -> None:
    store = FeedbackStore(database)
    start = datetime(2025, 3, 3, 9, tzinfo=UTC)
    answers = [("overview", "yes", None), ("overview", "no", "Karte zu klein"), ("profile", "partly", HOSTILE), ("inequality", "yes", "x" * TEXT_LIMIT)]
    for number, (page, answer, text) in enumerate(answers):
        store.add(Answer(page=page, view="lang=de", lang="de", answer=answer, text=text, role="citizen"), now=start + timedelta(days=3 * number))


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_summary_page_for_the_team(monkeypatch: pytest.MonkeyPatch, database: Path, lang: str) -> None:
    monkeypatch.setenv("SOZIALMONITOR_FEEDBACK_ADMIN", "1")
    seed(database)
    app = run_app(monkeypatch, DEMO, "pages/feedback_summary.py", lang=lang)
    assert not app.exception, app.exception
    assert app.title[0].value == {"de": "Rückmeldungen", "en": "Feedback"}[lang]
    assert [metric.value for metric in app.metric] == ["4", "2", "3"]
    assert app.get("plotly_chart")
    over_time, per_page = (frame.value for frame in app.dataframe)
    assert len(over_time) == 2  # weeks of 3 and 10 March 2025
    assert per_page.iloc[0].tolist()[:5] == [{"de": "Überblick", "en": "Overview"}[lang], "1", "0", "1", "2"]
    markdown = [element.value for element in app.markdown]
    assert escape_markdown(HOSTILE, limit=TEXT_LIMIT) in markdown
    assert "x" * TEXT_LIMIT in markdown
    assert not any("<img" in value or "](http" in value or ":red[" in value for value in markdown)
    assert app.get("download_button")
    assert not has_form(app)  # no form on the team's own page
    app.radio(key="w_fbs_granularity").set_value("day").run()
    assert len(app.dataframe[0].value) == 10  # 3 … 12 March, with empty days


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_summary_page_without_answers(monkeypatch: pytest.MonkeyPatch, database: Path, lang: str) -> None:
    monkeypatch.setenv("SOZIALMONITOR_FEEDBACK_ADMIN", "1")
    app = run_app(monkeypatch, DEMO, "pages/feedback_summary.py", lang=lang)
    assert not app.exception, app.exception
    assert {"de": "Noch keine Rückmeldungen.", "en": "No feedback yet."}[lang] in [m.value for m in app.info]


def test_the_presentation_mode_shows_no_form(monkeypatch: pytest.MonkeyPatch, database: Path) -> None:
    app = run_app(monkeypatch, DEMO, lang="de", present="1")
    assert not app.exception, app.exception
    assert not has_form(app)

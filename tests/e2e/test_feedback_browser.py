"""The feedback form and the team's summary in Chromium: used with the keyboard alone, hostile
text shown as text, and no request leaving the machine."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from feedback.store import Answer, FeedbackStore
from tests.conftest import REPO_ROOT
from tests.e2e.conftest import Browser, Server, start_server
from tests.e2e.test_browser import WAIT, open_page, screenshot_dir

# Would make the browser fetch from example.com if it were ever read as HTML or Markdown.
HOSTILE = '<img src=http://example.com/track.png> ![x](http://example.com/md.png) **fett** <b>dick</b>'


@pytest.fixture(scope="module")
def feedback_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, Path]]:
    folder = tmp_path_factory.mktemp("feedback")
    database = folder / "feedback.sqlite3"
    store = FeedbackStore(database)
    start = datetime.now(UTC) - timedelta(days=10)
    for number, (page, answer, text) in enumerate(
        [("overview", "yes", None), ("profile", "no", HOSTILE), ("inequality", "partly", "Was bedeutet Gini?")]
    ):
        store.add(Answer(page=page, view="lang=de", lang="de", answer=answer, text=text, role="councillor"), now=start + timedelta(days=number))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOZIALMONITOR_FEEDBACK_DB", str(database))
        patch.setenv("SOZIALMONITOR_FEEDBACK_ADMIN", "1")
        server = start_server(REPO_ROOT / "data" / "demo", folder / "streamlit.log")
    yield server, database
    server.process.terminate()
    server.process.wait(timeout=20)


def wait_for_form(browser: Browser, lang: str) -> None:
    question = {"de": "War diese Seite hilfreich?", "en": "Was this page helpful?"}[lang]
    browser.page.get_by_text(question).wait_for(timeout=WAIT)
    browser.page.locator(".st-key-feedback textarea").wait_for(timeout=WAIT)  # its script loads on first use
    browser.page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden", timeout=WAIT)


def test_the_summary_shows_hostile_text_as_text(feedback_server: tuple[Server, Path], browser: Browser, tmp_path: Path) -> None:
    server, _ = feedback_server
    open_page(browser, f"{server.url}/feedback_summary?lang=de", "Rückmeldungen")
    page = browser.page
    page.get_by_role("heading", name="Neueste Texte").wait_for(timeout=WAIT)
    shown = page.get_by_text("track.png")
    shown.wait_for(timeout=WAIT)
    assert shown.count() == 1
    # word joiners keep addresses from being linked; apart from them, the text as typed
    assert shown.inner_text().replace("\u2060", "") == HOSTILE
    main = page.locator('[data-testid="stMain"]')
    assert main.locator("img").count() == 0 and main.locator("b", has_text="dick").count() == 0
    page.wait_for_timeout(1000)
    page.screenshot(path=str(screenshot_dir(tmp_path) / "feedback_summary_de.png"), full_page=True)
    assert browser.external_requests == []
    assert page.locator('[data-testid="stException"]').count() == 0


def test_the_form_works_with_the_keyboard_alone(feedback_server: tuple[Server, Path], browser: Browser) -> None:
    server, database = feedback_server
    before = len(FeedbackStore(database).rows())
    open_page(browser, f"{server.url}/inequality?lang=en&indicator=kinderarmut&period=2021&level=stadtteil", "Inequality and spatial patterns")
    wait_for_form(browser, "en")
    page, keyboard = browser.page, browser.page.keyboard

    def tab_to(description: str) -> None:
        """Press Tab until the focus is on the control described (at most three presses)."""
        for _ in range(3):
            keyboard.press("Tab")
            focused = page.evaluate("() => [document.activeElement.getAttribute('aria-label'), document.activeElement.innerText].join(' ')")
            if description in focused:
                return
        pytest.fail(f"Tab does not lead to {description!r} (focus on {focused!r})")

    page.get_by_role("radio", name="Partly").focus()
    keyboard.press("Space")
    tab_to("What is missing, what was unclear?")
    keyboard.type("The map legend was unclear")
    tab_to("I am … (optional)")
    keyboard.type("Citizen")
    keyboard.press("Enter")
    tab_to("Send feedback")
    keyboard.press("Enter")
    page.get_by_text("Thank you for your feedback on this view!").wait_for(timeout=WAIT)
    rows = FeedbackStore(database).rows()
    assert len(rows) == before + 1
    row = rows.iloc[-1]
    assert (row["page"], row["lang"], row["answer"], row["text"], row["role"]) == ("inequality", "en", "partly", "The map legend was unclear", "citizen")
    assert "indicator=kinderarmut" in row["view"] and "period=2021" in row["view"]
    assert browser.external_requests == []


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("size", [(1366, 900), (390, 844)], ids=["laptop", "phone"])
def test_the_form_at_the_end_of_the_page(feedback_server: tuple[Server, Path], browser: Browser, tmp_path: Path, lang: str, size: tuple[int, int]) -> None:
    server, _ = feedback_server
    page = browser.page
    page.set_viewport_size({"width": size[0], "height": size[1]})
    open_page(browser, f"{server.url}/data_check?lang={lang}", {"de": "Daten prüfen", "en": "Check data"}[lang])
    wait_for_form(browser, lang)
    form = page.locator(".st-key-feedback")
    form.scroll_into_view_if_needed()
    button = page.get_by_role("button", name={"de": "Rückmeldung senden", "en": "Send feedback"}[lang])
    box, viewport_width = button.bounding_box(), size[0]
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= viewport_width
    page.wait_for_timeout(500)
    page.screenshot(path=str(screenshot_dir(tmp_path) / f"feedback_form_{lang}_{size[0]}.png"))
    assert browser.external_requests == []

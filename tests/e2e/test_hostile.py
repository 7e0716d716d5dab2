"""Data is text in the browser: a dataset whose texts are HTML and Markdown (images and links to
an outside address, bold, colour, LaTeX), 10,000 characters long or right-to-left, on every page.

The browser records every request: none may leave the machine, and no element the data tried
to inject may exist.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import dataset_factory as factory
from tests.e2e.conftest import Browser, Server, start_server
from tests.e2e.test_browser import WAIT, open_page, screenshot_dir

PAGES = {
    "overview": {"de": "Überblick", "en": "Overview"},
    "profile": {"de": "Gebietsprofil", "en": "Area profile"},
    "inequality": {"de": "Ungleichheit und räumliche Muster", "en": "Inequality and spatial patterns"},
    "social_index": {"de": "Sozialindex", "en": "Social index"},
    "reach": {"de": "Erreichbarkeit von Angeboten", "en": "Reach of services"},
    "data_check": {"de": "Daten prüfen", "en": "Check data"},
    "data_export": {"de": "Daten & Export", "en": "Data & export"},
    "targets": {"de": "Ziele und Fortschritt", "en": "Targets and progress"},
    "area_types": {"de": "Gebietstypen", "en": "Area types"},
}
INJECTED = """() => {
    const urls = ["src", "href", "xlink:href", "srcset", "action", "formaction", "poster", "data", "background", "style"];
    const found = [];
    for (const element of document.querySelectorAll("*")) {
        for (const attribute of element.getAttributeNames()) {
            const value = element.getAttribute(attribute) || "";
            if (urls.includes(attribute) && value.includes("evil.example")) found.push(`${element.tagName} ${attribute}`);
            if (attribute.startsWith("on")) found.push(`${element.tagName} ${attribute}`);
        }
    }
    const words = ["fett", "kursiv", "Armut", "Poverty", "rot", "hier klicken", "tracker"];
    for (const element of document.querySelectorAll("b, strong, i, em, a, span, img")) {
        if (words.includes((element.textContent || element.getAttribute("alt") || "").trim())) found.push(`${element.tagName} ${element.textContent}`);
    }
    if (document.querySelector(".katex")) found.push("LaTeX");
    if (document.getElementById("injected")) found.push("#injected");
    if (document.title.includes("pwned")) found.push("title");
    return found;
}"""


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = factory.write_hostile_dataset(tmp_path_factory.mktemp("hostile") / "ds")
    server = start_server(folder, tmp_path_factory.mktemp("server") / "streamlit.log")
    yield server
    server.process.terminate()
    server.process.wait(timeout=20)


def settle(browser: Browser) -> None:
    page = browser.page
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden", timeout=WAIT)
    page.wait_for_timeout(1500)


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("name", list(PAGES))
def test_hostile_texts_stay_text_in_the_browser(hostile_server: Server, browser: Browser, tmp_path: Path, name: str, lang: str) -> None:
    path = "" if name == "overview" else name
    open_page(browser, f"{hostile_server.url}/{path}?lang={lang}&level=teil&indicator=poverty&period=2021", PAGES[name][lang])
    settle(browser)
    page = browser.page
    if name == "overview":
        page.get_by_text({"de": "Angebote in der Karte zeigen", "en": "Show services on the map"}[lang]).click()
        settle(browser)
    if name == "reach":  # no addresses: switch on the labelled approximation
        page.get_by_text({"de": "Grobe Näherung ohne Adressen zeigen", "en": "Show a rough approximation without addresses"}[lang]).click()
        settle(browser)
    for canvas in page.locator('[data-testid="stDeckGlJsonChart"] canvas').all()[:1]:
        box = canvas.bounding_box()
        if box:
            page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
            page.wait_for_timeout(500)
    page.screenshot(path=str(screenshot_dir(tmp_path) / f"hostile_{name}_{lang}.png"), full_page=True)
    assert page.evaluate(INJECTED) == []
    assert page.locator('[data-testid="stException"]').count() == 0
    body = page.inner_text("body").replace("\u2060", "")  # the joiners that keep addresses from becoming links
    assert "\u202e" not in body and "\U0001f604" not in body  # no direction override, no :smile: emoji
    if name != "data_check":
        assert factory.HOSTILE_IMAGE in body or factory.HOSTILE_LINK in body or factory.HOSTILE_HTML in body
    assert browser.external_requests == []

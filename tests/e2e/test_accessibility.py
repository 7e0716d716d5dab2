"""Barrier-free in a real browser: the page language, axe-core, overflow and screenshots.

Every page of app.py's navigation (read from app.py, so a new page joins by itself) in both
languages at a laptop (1366×900), a projector (1280×720: the main visual on the first screen) and
a phone (390×844). axe-core comes bundled in the PyPI package axe-playwright-python (nothing is
downloaded at run time); serious and critical violations fail unless `a11y_allowlist.toml` names
them with the upstream issue.
Screenshots go to test-artifacts/a11y/ (git-ignored), or to $SCREENSHOT_DIR when it is set.
"""
from __future__ import annotations

import os
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.app_pages import app_pages
from tests.conftest import REPO_ROOT
from tests.e2e.conftest import Browser, Server, watch

WAIT = 120_000  # ms; generous, since the test machine may be shared (a fast page does not wait)
LANGUAGES = ("de", "en")
SIZES = {"laptop": (1366, 900), "projector": (1280, 720), "phone": (390, 844)}
ALLOWLIST = tomllib.loads((Path(__file__).with_name("a11y_allowlist.toml")).read_text(encoding="utf-8"))
LANGUAGE_LABEL = {"de": "Deutsch", "en": "English"}  # each language names itself in the sidebar
PROFILE_TITLE = {"de": "Gebietsprofil", "en": "Area profile"}


PAGES = list(app_pages().values())


def artefact_dir() -> Path:
    folder = Path(os.environ.get("SCREENSHOT_DIR") or REPO_ROOT / "test-artifacts" / "a11y")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def settle(page: object) -> None:
    """Wait until the page's run has ended and its charts and maps are drawn."""
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for(timeout=WAIT)
    page.locator('[data-testid="stMain"] h1').first.wait_for(timeout=WAIT)
    page.wait_for_function(
        """() => !document.querySelector('[data-testid="stSkeleton"]')
              && [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].every(c => c.querySelector('.main-svg'))
              && [...document.querySelectorAll('[data-testid="stDeckGlJsonChart"]')].every(c => c.querySelector('canvas'))""",
        timeout=WAIT,
    )
    page.wait_for_timeout(800)  # the last layout pass after the charts


@pytest.fixture(scope="module")
def contexts(shared_chromium: object) -> Iterator[dict]:
    """One browser context (and tab) per language and screen size, reused by every page."""
    opened: dict[tuple[str, str], Browser] = {}

    def tab(lang: str, size: str) -> Browser:
        if (lang, size) not in opened:
            width, height = SIZES[size]
            context = shared_chromium.new_context(
                viewport={"width": width, "height": height}, locale="de-DE" if lang == "de" else "en-GB", is_mobile=size == "phone", has_touch=size == "phone"
            )
            context.set_default_timeout(WAIT)
            opened[lang, size] = watch(context.new_page())
        return opened[lang, size]

    yield tab
    for session in opened.values():
        session.page.context.close()


def html_lang(page: object) -> str:
    return page.evaluate("document.documentElement.lang")


def test_the_page_list_comes_from_app_py() -> None:
    assert PAGES[0] == "" and {"profile", "data_export", "data_check"} <= set(PAGES)
    assert len(PAGES) == len(set(PAGES))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_html_lang_follows_the_language_across_reruns_and_page_switches(demo_server: Server, contexts, lang: str) -> None:
    other = "en" if lang == "de" else "de"
    browser = contexts(lang, "laptop")
    page = browser.page
    for path in ("", "profile", "data_check"):  # a fresh session on several pages
        page.goto(f"{demo_server.url}/{path}?lang={lang}")
        settle(page)
        assert html_lang(page) == lang, path
    page.goto(f"{demo_server.url}/?lang={lang}")
    settle(page)
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_text(LANGUAGE_LABEL[other], exact=True).click()  # a rerun in the other language
    page.wait_for_function(f"document.documentElement.lang === '{other}'", timeout=WAIT)
    settle(page)
    sidebar.locator('[data-testid="stSidebarNavLink"]').nth(1).click()  # a page switch keeps it
    page.wait_for_url("**/profile?*", timeout=WAIT)
    settle(page)
    assert html_lang(page) == other
    assert page.locator('[data-testid="stMain"] h1').first.inner_text().startswith(PROFILE_TITLE[other])
    sidebar.get_by_text(LANGUAGE_LABEL[lang], exact=True).click()  # and back
    page.wait_for_function(f"document.documentElement.lang === '{lang}'", timeout=WAIT)
    settle(page)
    assert html_lang(page) == lang
    assert browser.external_requests == []


SERIOUS = ("serious", "critical")


def allowed(violation: dict, node: dict) -> bool:
    """Whether the allowlist names this axe finding (rule, and a part of the element's selector)."""
    target = " ".join(str(part) for part in node["target"])
    return any(entry["rule"] == violation["id"] and entry["target"] in target for entry in ALLOWLIST.get("axe", []))


def axe_findings(page: object) -> list[str]:
    """Serious and critical axe-core violations outside the allowlist, one line per element."""
    from axe_playwright_python.base import AXE_SCRIPT

    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SCRIPT)
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{violation['id']} ({violation['impact']}): {' '.join(map(str, node['target']))} — {violation['help']}"
        for violation in results["violations"]
        if violation["impact"] in SERIOUS
        for node in violation["nodes"]
        if not allowed(violation, node)
    ]


# Streamlit's and plotly's own English words that a German page may show (labels of buttons and
# links, aria-labels, tooltips, the uploader's field); each one found must be in the allowlist.
FRAMEWORK_ENGLISH = (
    "Skip to main content", "Link to heading", "Help for ", "Fullscreen", "Show/hide columns", "Download as CSV", "Search",
    "Upload", "file upload", "per file", "Drag and drop files here", "Browse files", "Choose an option", "No results",
    "Download plot as a PNG", "Zoom", "Pan", "Autoscale", "Reset axes", "Copy to clipboard", "Close", "Open", "Expand", "Collapse",
)
LABELS = """() => {
    const labels = [];
    for (const element of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
        for (const name of ['aria-label', 'title', 'placeholder']) if (element.getAttribute(name)) labels.push(element.getAttribute(name));
    }
    for (const element of document.querySelectorAll('a, button, [role="button"], [data-testid="stFileUploaderDropzoneInstructions"] span')) {
        if (element.innerText) labels.push(element.innerText.trim().split('\\n').pop());
    }
    return labels;
}"""


def english_framework_strings(page: object) -> list[str]:
    """Streamlit's English strings on a German page that the allowlist does not name."""
    accepted = [entry["text"] for entry in ALLOWLIST.get("english", [])]
    found = {label for label in page.evaluate(LABELS) if any(label == marker or label.startswith(marker) for marker in FRAMEWORK_ENGLISH)}
    return sorted(label for label in found if not any(label.startswith(text) or text in label for text in accepted))


def horizontal_overflow(page: object) -> list[str]:
    """The page and its main column scroll sideways by more than a pixel: what sticks out."""
    return page.evaluate(
        """() => {
            const out = [];
            for (const box of [document.documentElement, document.querySelector('[data-testid="stMain"]')]) {
                if (box && box.scrollWidth > box.clientWidth + 1) out.push(`${box.tagName.toLowerCase()} ${box.scrollWidth}px > ${box.clientWidth}px`);
            }
            if (out.length) {
                const limit = document.documentElement.clientWidth;
                for (const element of document.querySelectorAll('[data-testid="stMain"] [data-testid="stElementContainer"]')) {
                    const right = element.getBoundingClientRect().right;
                    if (right > limit + 1) out.push(`${element.className.split(' ').find(c => c.startsWith('st-key-')) || element.firstElementChild?.dataset.testid} ends at ${Math.round(right)}px`);
                }
            }
            return out;
        }"""
    )


def screenshots(page: object, name: str) -> None:
    """The first screen as the user sees it, and the whole page (the main column scrolls, not the
    document, so the window is made as tall as the page for a moment)."""
    folder = artefact_dir()
    page.screenshot(path=str(folder / f"{name}.png"))
    viewport = page.viewport_size
    height = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    if height > viewport["height"]:
        page.set_viewport_size({"width": viewport["width"], "height": min(height, 12_000)})
        page.wait_for_timeout(500)
        page.screenshot(path=str(folder / f"{name}_full.png"))
        page.set_viewport_size(viewport)


def combinations() -> list:
    return [
        pytest.param(path, lang, size, id=f"{path or 'overview'}-{lang}-{size}") for path in PAGES for lang in LANGUAGES for size in SIZES
    ]


# Each page's main visual (for the forms, their first control) and the most of the first screen
# of a 1280×720 projector it may start below: at least 120 px of it are seen without scrolling.
MAIN_VISUAL = {
    "": '[data-testid="stDeckGlJsonChart"]',
    "profile": '[data-testid="stMetric"]',
    "trends": '[data-testid="stPlotlyChart"]',
    "compare": '[data-testid="stPlotlyChart"]',
    "inequality": '[data-testid="stMetric"]',
    "targets": '[data-testid="stMetric"]',
    "area_types": '[data-testid="stDeckGlJsonChart"]',
    "reach": '[data-testid="stDeckGlJsonChart"]',
    "social_index": '[data-testid="stDeckGlJsonChart"]',
    "data_export": '[data-testid="stMultiSelect"]',
    "data_check": '[data-testid="stFileUploader"]',
}
FIRST_SCREEN_SEEN = 120  # px


def below_the_first_screen(page: object, path: str) -> list[str]:
    """The main visual's place on the projector's first screen, or why it is not on it."""
    page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollTo(0, 0)")
    box = page.locator(f'[data-testid="stMain"] {MAIN_VISUAL[path]}').first.bounding_box()
    height = SIZES["projector"][1]
    if box is None:
        return [f"first screen: no {MAIN_VISUAL[path]}"]
    return [] if box["y"] <= height - FIRST_SCREEN_SEEN else [f"first screen: {MAIN_VISUAL[path]} starts at {box['y']:.0f} px of {height}"]


@pytest.mark.parametrize(("path", "lang", "size"), combinations())
def test_every_page_passes_axe_fits_the_screen_and_declares_its_language(demo_server: Server, contexts, path: str, lang: str, size: str) -> None:
    browser = contexts(lang, size)
    page = browser.page
    page.goto(f"{demo_server.url}/{path}?lang={lang}")
    settle(page)
    problems = below_the_first_screen(page, path) if size == "projector" else []
    screenshots(page, f"{path or 'overview'}_{lang}_{size}")
    problems += [f"<html lang> is {html_lang(page)!r}"] if html_lang(page) != lang else []
    problems += [f"overflow: {line}" for line in horizontal_overflow(page)]
    problems += [f"axe: {line}" for line in axe_findings(page)]
    problems += ["plotly's toolbar is shown"] * page.locator(".modebar-btn").count()
    if lang == "de":
        problems += [f"English in the German view: {text!r}" for text in english_framework_strings(page)]
    assert page.locator('[data-testid="stException"]').count() == 0
    assert browser.external_requests == []
    assert problems == [], "\n".join(problems)


FOCUSED = """() => {
    const element = document.activeElement;
    const key = [...(element.closest('[class*="st-key-"]')?.classList || [])].find(c => c.startsWith('st-key-'));
    const box = element.getBoundingClientRect();
    let ring = false;  // a solid outline of at least 2px on the element or on the control around it
    for (let node = element, depth = 0; node && node.nodeType === 1 && depth < 6; node = node.parentElement, depth++) {
        const style = getComputedStyle(node);
        if (style.outlineStyle === 'solid' && parseFloat(style.outlineWidth) >= 2) { ring = true; break; }
    }
    return {
        testid: element.dataset.testid || element.closest('[data-testid]')?.dataset.testid || '',
        key: key || '', tag: element.tagName.toLowerCase(), href: element.getAttribute('href') || '',
        label: element.getAttribute('aria-label') || element.innerText.trim().split('\\n').pop(),
        ring, shown: box.width > 0 && box.height > 0,
    };
}"""


def tab(page: object) -> dict:
    page.keyboard.press("Tab")
    return page.evaluate(FOCUSED)


def test_a_keyboard_walk_through_the_map_page(demo_server: Server, contexts) -> None:
    """Tab from the top of the overview: the skip link, every page link, the sidebar's controls in
    order, then the main column down to the map and on to the table — each stop visible and
    ringed, no chart toolbar on the way."""
    page = contexts("de", "laptop").page
    page.goto(f"{demo_server.url}/?lang=de")
    settle(page)
    page.evaluate("document.activeElement.blur()")  # the walk starts at the top of the document
    stops = [tab(page)]
    assert stops[0]["testid"] == "stSkipToContent"
    links = [tab(page) for _ in PAGES]
    assert [link["testid"] for link in links] == ["stSidebarNavLink"] * len(PAGES)
    assert [link["href"].split("?")[0].removeprefix(demo_server.url + "/") for link in links] == PAGES
    controls = [tab(page) for _ in range(5)]
    assert [stop["key"] for stop in controls] == ["st-key-w_lang", "st-key-w_indicator", "st-key-w_period", "st-key-w_level", "st-key-w_present"]
    stops += links + controls
    while stops[-1]["testid"] != "stDeckGlJsonChart" and len(stops) < 60:  # on through the main column to the map
        stops.append(tab(page))
    assert stops[-1]["testid"] == "stDeckGlJsonChart", stops[-12:]
    page.screenshot(path=str(artefact_dir() / "keyboard_map_focus_de.png"))
    for _ in range(25):  # past the map and the ranking chart, into the table (the grid draws its own cell focus)
        stops.append(tab(page))
        if stops[-1]["testid"].startswith("glide-cell"):
            stops.pop()
            break
    without_ring = [stop for stop in stops if not (stop["ring"] and stop["shown"])]
    assert without_ring == []
    assert not any(stop["label"] in ("Zoom", "Pan", "Autoscale") for stop in stops)

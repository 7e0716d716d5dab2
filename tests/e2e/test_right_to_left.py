"""A right-to-left language in a real browser: the page is mirrored and stays usable.

A test-only catalog `ar` (German strings behind an Arabic letter, `direction = "rtl"`, see
tests/locales.py) is loaded through SOZIALMONITOR_LOCALES, as a city would add Arabic. The
overview and the area profile, at 1366×900 and 390×844, must declare `<html lang="ar"
dir="rtl">`, not scroll sideways, and keep the sidebar and its controls on the screen (on the
phone behind the button that opens it). Screenshots go to the accessibility artefacts.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.conftest import REPO_ROOT
from tests.e2e.conftest import Server, start_server, watch
from tests.e2e.test_accessibility import artefact_dir, horizontal_overflow, settle
from tests.locales import RTL_CODE, RTL_PREFIX, write_rtl_catalog
from views.i18n import LOCALES_VARIABLE

SIZES = {"laptop": (1366, 900), "phone": (390, 844)}
PAGES = ("", "profile")
IN_VIEW = """selector => {
    const box = document.querySelector(selector)?.getBoundingClientRect();
    return !!box && box.width > 0 && box.left >= -1 && box.right <= document.documentElement.clientWidth + 1;
}"""


@pytest.fixture(scope="module")
def rtl_server(tmp_path_factory: pytest.TempPathFactory, browser_executable: str) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("locales")
    write_rtl_catalog(folder)
    server = start_server(REPO_ROOT / "data" / "demo", tmp_path_factory.mktemp("server") / "streamlit.log", **{LOCALES_VARIABLE: str(folder)})
    yield server
    server.process.terminate()
    server.process.wait(timeout=20)


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("path", PAGES)
def test_a_right_to_left_language_mirrors_the_page_and_keeps_it_usable(rtl_server: Server, shared_chromium: object, path: str, size: str) -> None:
    width, height = SIZES[size]
    context = shared_chromium.new_context(viewport={"width": width, "height": height}, locale="ar", is_mobile=size == "phone", has_touch=size == "phone")
    try:
        browser = watch(context.new_page())
        page = browser.page
        page.goto(f"{rtl_server.url}/{path}?lang={RTL_CODE}")
        settle(page)
        assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == [RTL_CODE, "rtl"]
        assert page.locator('[data-testid="stMain"] h1').first.inner_text().startswith(RTL_PREFIX.strip())
        name = f"rtl_{path or 'overview'}_{size}"
        page.screenshot(path=str(artefact_dir() / f"{name}.png"))
        assert horizontal_overflow(page) == []
        main = page.locator('[data-testid="stMain"] h1').first.bounding_box()
        if size == "phone":  # the sidebar opens from its button, and its controls are on the screen
            page.locator('[data-testid="stExpandSidebarButton"]').click()
            page.locator('[data-testid="stSidebar"][data-collapsed="false"]').wait_for()
            page.wait_for_timeout(800)
            page.screenshot(path=str(artefact_dir() / f"{name}_sidebar.png"))
        else:  # the sidebar stands on the right, the main column on its left
            sidebar = page.locator('[data-testid="stSidebar"]').bounding_box()
            assert sidebar["x"] > main["x"], (sidebar, main)
        for key in ("w_lang", "w_indicator", "w_level"):
            assert page.evaluate(IN_VIEW, f'[data-testid="stSidebar"] .st-key-{key}'), key
        english = page.locator('[data-testid="stSidebar"] .st-key-w_lang').get_by_text("English", exact=True)
        for _ in range(3):  # the controls work: English, left to right again (a click during the server's first rerun is lost: again)
            english.click()
            try:
                page.wait_for_function("document.documentElement.dir === 'ltr' && document.documentElement.lang === 'en'", timeout=30_000)
                break
            except PlaywrightTimeout:
                continue
        assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["en", "ltr"]
        assert page.locator('[data-testid="stException"]').count() == 0
        assert browser.external_requests == []
    finally:
        context.close()

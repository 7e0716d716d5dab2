"""A real Streamlit server and Debian's headless Chromium, in the manner of Streamlit's e2e tests.

The server fixture starts `streamlit run app.py` on a free port and waits for
`/_stcore/health`. The browser records every request, so a test can assert that nothing left
the machine.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT, free_port

CHROMIUM = os.environ.get("SOZIALMONITOR_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
NO_BROWSER = "Debian's chromium is not installed (apt-get install -y chromium)"
LOCAL_PREFIXES = ("http://localhost", "http://127.0.0.1", "ws://localhost", "ws://127.0.0.1", "data:", "blob:", "about:")


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    log: Path


def start_server(dataset: Path, log: Path, **environment: str) -> Server:
    """`streamlit run app.py` on `dataset`, with further environment variables (e.g. SOZIALMONITOR_LOCALES)."""
    port = free_port()
    env = {**os.environ, "SOZIALMONITOR_DATA": str(dataset), **environment}
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port), "--server.headless", "true"],
        cwd=REPO_ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    url = f"http://localhost:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return Server(url=url, process=process, log=log)
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise RuntimeError(f"streamlit did not become healthy: {log.read_text()[-2000:]}")


@pytest.fixture(scope="session")
def browser_executable() -> str:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing: .ci/run installs Debian's chromium before the tests")
        pytest.skip(NO_BROWSER)
    return CHROMIUM


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> Iterator[None]:
    """After the whole summary, one line when the browser tests were skipped for want of Chromium,
    so that nobody takes a run without the browser suite for a passed one."""
    result = yield
    skipped = [report for report in terminalreporter.stats.get("skipped", []) if NO_BROWSER in str(report.longrepr)]
    if skipped:
        terminalreporter.write_line(f"BROWSER SUITE NOT RUN: {len(skipped)} browser tests skipped, {NO_BROWSER}.", red=True, bold=True)
    return result


@pytest.fixture(scope="session")
def demo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    server = start_server(REPO_ROOT / "data" / "demo", tmp_path_factory.mktemp("server") / "streamlit.log")
    yield server
    server.process.terminate()
    server.process.wait(timeout=20)


@dataclass
class Browser:
    page: object
    external_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def shared_chromium(browser_executable: str) -> Iterator[object]:
    """One headless Chromium for a whole test module; tests open their own contexts in it."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=browser_executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def watch(page: object) -> Browser:
    """`page` with its requests to other machines and its console errors recorded."""
    page.set_default_timeout(90_000)  # a busy shared machine renders slowly; a real failure still fails
    session = Browser(page=page)
    page.on("request", lambda request: None if request.url.startswith(LOCAL_PREFIXES) else session.external_requests.append(request.url))
    page.on("console", lambda message: session.console_errors.append(message.text) if message.type == "error" else None)
    return session


@pytest.fixture
def browser(browser_executable: str) -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=browser_executable, args=CHROMIUM_ARGS)
        yield watch(chromium.new_page(viewport={"width": 1400, "height": 1000}, locale="de-DE"))
        chromium.close()

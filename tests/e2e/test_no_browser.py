"""Without Chromium the browser tests skip, and the test command says so on one line at the end."""
from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import REPO_ROOT


def test_a_run_without_chromium_ends_with_one_line_that_says_the_browser_suite_did_not_run(tmp_path) -> None:
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    env["SOZIALMONITOR_CHROMIUM"] = str(tmp_path / "no-chromium")
    test = "tests/e2e/test_browser.py::test_a_deep_link_works_as_the_first_request_after_a_restart"  # needs nothing but the browser
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", test], cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    lines = run.stdout.strip().splitlines()
    assert run.returncode == 0, run.stdout
    assert lines[-1].startswith("1 skipped")
    assert lines[-2] == "BROWSER SUITE NOT RUN: 1 browser tests skipped, Debian's chromium is not installed (apt-get install -y chromium)."
    assert sum("BROWSER SUITE NOT RUN" in line for line in lines) == 1

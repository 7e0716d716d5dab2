"""Untrusted input is bounded in time and memory: spec patterns, zip members, address templates.

The bad-input corpus (test_corpus.py) checks each case's message; these tests check the bounds
themselves: how long a runaway pattern may run, that other threads keep running meanwhile,
and how much memory a zip bomb can take.
"""
from __future__ import annotations

import pickle
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from loaders.importer import _template
from loaders.patterns import MATCH_SECONDS, PatternTimeout, SpecPattern, compile_spec_pattern, match_budget, pattern_problem
from tests.conftest import REPO_ROOT


@pytest.mark.parametrize(
    ("pattern", "refused"),
    [
        (r"(?P<id>(\d+)+)x", True),  # the example
        (r"(\w+\s?)+$", True),  # the inner \s? is optional: no separator anchors the rounds
        (r"(1+1)+x", True),  # the separator "1" is what \d+ … 1+ consumes itself
        (r"(\d*)*", True),
        (r"(?:(?:\d+)?)+", True),
        (r"x{5000}", True),
        ("x" * 301, True),
        (r"(?P<id>\d+)\s*-\s*(?P<name>.+)", False),  # examples/luebeck
        (r"(?P<id>(\d+\.)*\d+)", False),  # "01.02.003": each round ends with a "." that \d+ cannot take
        (r"([a-z]+-)+", False),
        (r"(?:\d{4})+", False),  # fixed counts cannot split a value in several ways
        (r"00(?P<id>\d)", False),
        (r"(\d{4})", False),
    ],
)
def test_the_shape_check(pattern: str, refused: bool) -> None:
    assert (pattern_problem(pattern) is not None) == refused


def test_a_runaway_alternation_is_stopped_by_the_time_limit_and_other_threads_keep_running() -> None:
    pattern = compile_spec_pattern(r"(?P<id>(1|11)+)", "tables.t.id_pattern")  # passes the shape check
    ticks = 0
    stop = threading.Event()

    def count() -> None:
        nonlocal ticks
        while not stop.is_set():
            ticks += 1
            time.sleep(0.001)

    other = threading.Thread(target=count)
    other.start()
    started = time.perf_counter()
    with pytest.raises(PatternTimeout) as raised:
        pattern.fullmatch("1" * 60 + "x")
    elapsed = time.perf_counter() - started
    stop.set()
    other.join()
    assert raised.value.key == "tables.t.id_pattern" and raised.value.value.endswith("x")
    assert elapsed < 20 * MATCH_SECONDS  # the engine checks its clock now and then: bounded, not exact
    assert ticks > 0.1 * elapsed / 0.001  # the interpreter was not held: the other thread ran throughout


def test_all_matches_of_an_import_share_one_budget() -> None:
    pattern = SpecPattern(r"(1|11)+", "tables.t.skip_ids[0]")
    with match_budget(0.3), pytest.raises(PatternTimeout) as raised:
        for _ in range(100):
            pattern.fullmatch("1" * 26 + "x")  # each a few milliseconds, together more than the budget
    assert raised.value.value is None


def test_spec_patterns_survive_the_page_cache() -> None:
    pattern = SpecPattern(r"(?P<id>\d+)", "tables.t.id_pattern")
    again = pickle.loads(pickle.dumps(pattern))
    assert again == pattern and again.fullmatch("12").group("id") == "12"


def test_a_zip_bomb_is_refused_without_unpacking(tmp_path: Path) -> None:
    """The issue's case: a 1 MB zip holding a 1 GiB .dbf took the page process to 2.4 GB."""
    bomb = REPO_ROOT / "tests" / "corpus" / "zip_bomb" / "grenzen.zip"
    script = (
        "import resource, sys\n"
        "from loaders.geodata import read_features\n"
        "from loaders.readers import SourceError\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        f"data = open({str(bomb)!r}, 'rb').read()\n"
        "try:\n"
        "    read_features({'.zip': data}, 'grenzen.zip')\n"
        "except SourceError as error:\n"
        "    print(error.problems[0].text('en'))\n"
        "print((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) // 1024)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO_ROOT, capture_output=True, text=True, timeout=120)
    message, grown = result.stdout.strip().splitlines()
    assert len(bomb.read_bytes()) < 2000 and "unpacks to 1,024.0 MB" in message
    assert int(grown) < 50  # megabytes: nothing was unpacked


def test_an_address_template_fills_plain_fields_only() -> None:
    row = {"Straße": "Hauptstr.", "Nr": "1", "PLZ": "", "Adresse": "x"}
    assert _template("{Straße} {Nr}, {PLZ} Teststadt", row) == "Hauptstr. 1, Teststadt"
    assert _template("Adresse", row) == "x"
    with pytest.raises(ValueError):
        _template("{Adresse:>300000000}", row)  # refused by the spec check already; never padded here either


def test_a_table_with_too_many_cells_is_not_read_further(monkeypatch: pytest.MonkeyPatch) -> None:
    """Within the upload limits, one-character cells could still fill gigabytes of Python objects."""
    import loaders.readers
    from loaders.readers import SourceError, read_table

    monkeypatch.setattr(loaders.readers, "MAX_CELLS", 100)
    data = ("a;b;c;d\n" + "1;2;3;4\n" * 30).encode()
    with pytest.raises(SourceError) as raised:
        read_table(data, "gross.csv")
    [problem] = raised.value.problems
    assert problem.rows == (26,) and "more than 100 cells (up to line 26)" in problem.text("en")

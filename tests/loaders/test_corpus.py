"""The bad-input corpus (tests/corpus/manifest.toml): every case gets its one expected message.

Each case is the synthetic city of tests/corpus/base/ with one thing made bad. It runs through
the page's dry run (`check_uploaded`: the spec and files as uploaded bytes, nothing read from
disk), must finish without a traceback and in bounded time, and its report must hold the
expected message at the expected place (file, column or spec key, rows) in both languages.
"""
from __future__ import annotations

import time
import tomllib
from pathlib import Path

import pytest

from loaders.importer import check_uploaded

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
CASES = tomllib.loads((CORPUS / "manifest.toml").read_text(encoding="utf-8"))["case"]
SECONDS = 30  # "never a hang": the slowest case (a pattern stopped by its time limit) takes about one second


def case_files(case: dict) -> dict[str, bytes]:
    """base/ with the case's files laid over it and its text edits applied."""
    files = {path.name: path.read_bytes() for path in (CORPUS / "base").iterdir()}
    folder = CORPUS / case["name"]
    if folder.is_dir():
        files.update({path.name: path.read_bytes() for path in folder.iterdir()})
    for name, source in case.get("files_from", {}).items():
        files[name] = (CORPUS / source / name).read_bytes()
    for name, edits in case.get("replace", {}).items():
        text = files[name].decode("utf-8")
        for old, new in edits:
            assert old in text, f"{case['name']}: {old!r} not in {name}"
            text = text.replace(old, new)
        files[name] = text.encode("utf-8")
    return files


def test_every_case_folder_is_in_the_manifest() -> None:
    named = {case["name"] for case in CASES}
    folders = {p.name for p in CORPUS.iterdir() if p.is_dir() and p.name not in ("base", "__pycache__")}
    assert folders <= named, folders - named
    assert len(named) == len(CASES)


def test_the_base_imports_cleanly() -> None:
    files = case_files({"name": "base"})
    _, report = check_uploaded(files.pop("import.toml"), files)
    assert report.ok and not report.warnings and not report.out_of_range, report.text("en")


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_case_gets_its_message(case: dict) -> None:
    files = case_files(case)
    spec = files.pop("import.toml")
    started = time.perf_counter()
    _, report = check_uploaded(spec, files)
    assert time.perf_counter() - started < SECONDS
    expect = case["expect"]
    found = getattr(report, expect["in"])
    matching = [
        p for p in found
        if p.file == expect["file"] and expect["de"] in p.text("de") and expect["en"] in p.text("en")
    ]
    assert matching, f"{case['name']}: no message with {expect} in\n" + report.text("de") + report.text("en")
    problem = matching[0]
    if "column" in expect:
        assert problem.column == expect["column"]
    if "rows" in expect:
        assert list(problem.rows) == expect["rows"]
    text = report.text("de") + report.text("en")
    assert "Traceback" not in text and "interner Fehler" not in text

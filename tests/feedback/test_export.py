"""`python -m feedback export`: a CSV for Excel that reads back to exactly what was stored."""
from __future__ import annotations

import io
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pandas as pd
import pytest

from feedback.__main__ import main
from feedback.store import Answer, FeedbackStore
from tests.conftest import REPO_ROOT
from views.feedback import guard_formula, unguard_formula

START = datetime(2025, 2, 3, 9, 15, tzinfo=UTC)
TEXTS = [
    'Zeile 1\nZeile 2; mit "Anführungszeichen", Komma und Umlauten: ÄÖÜß',
    "=HYPERLINK(\"http://example.com\",\"klick\")",
    "-1 Punkt",
    "'=schon mit Apostroph",
    "'normaler Apostroph",
    "<img src=http://example.com/t.png>",
    None,
]


def seeded(path: Path) -> FeedbackStore:
    store = FeedbackStore(path)
    for number, text in enumerate(TEXTS):
        store.add(
            Answer(page="profile", view=f"lang=de&area=0{number}", lang="de", answer=("yes", "partly", "no")[number % 3], text=text, role=None if number % 2 else "citizen"),
            now=START + timedelta(minutes=number),
        )
    return store


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "'", "''=", "'=x", "plain", "", None, "a=b"])
def test_formula_guard_round_trips(text: str | None) -> None:
    guarded = guard_formula(text)
    assert unguard_formula(guarded) == text
    assert not (guarded or "x").startswith(("=", "+", "-", "@", "\t", "\r"))


def test_german_export_reads_back(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seeded(tmp_path / "f.sqlite3")
    out = tmp_path / "out" / "rueckmeldungen.csv"
    assert main(["export", "--out", str(out), "--db", str(tmp_path / "f.sqlite3")]) == 0
    assert "7 Rückmeldungen" in capsys.readouterr().out
    data = out.read_bytes()
    assert data.startswith("\ufeff".encode()) and b"\r\n" in data
    table = pd.read_csv(io.BytesIO(data), sep=";", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert list(table.columns) == ["Nr.", "Zeitpunkt (UTC)", "Seite", "Ansicht (URL)", "Sprache", "Antwort", "Rolle", "Text"]
    assert table["Nr."].tolist() == [str(n) for n in range(1, 8)]
    assert table["Zeitpunkt (UTC)"].tolist()[:2] == ["2025-02-03 09:15:00", "2025-02-03 09:16:00"]
    assert table["Antwort"].tolist() == ["Ja", "Teilweise", "Nein", "Ja", "Teilweise", "Nein", "Ja"]
    assert table["Rolle"].tolist() == ["Bürgerin oder Bürger", "", "Bürgerin oder Bürger", "", "Bürgerin oder Bürger", "", "Bürgerin oder Bürger"]
    assert table["Ansicht (URL)"].tolist() == [f"lang=de&area=0{n}" for n in range(7)]
    assert [unguard_formula(text) or None for text in table["Text"]] == TEXTS
    assert table["Text"][1].startswith("'=") and table["Text"][2] == "'-1 Punkt"  # Excel shows these as text


def test_english_export_is_plain_csv_with_english_labels(tmp_path: Path) -> None:
    seeded(tmp_path / "f.sqlite3")
    out = tmp_path / "feedback.csv"
    assert main(["export", "--out", str(out), "--db", str(tmp_path / "f.sqlite3"), "--lang", "en"]) == 0
    assert not out.read_bytes().startswith("\ufeff".encode())  # plain UTF-8 CSV
    table = pd.read_csv(out, sep=",", encoding="utf-8", dtype=str, keep_default_na=False)
    assert list(table.columns) == ["No.", "Time (UTC)", "Page", "View (URL)", "Language", "Answer", "Role", "Text"]
    assert table["Answer"].tolist()[:3] == ["Yes", "Partly", "No"] and table["Role"][0] == "Citizen"
    assert unguard_formula(table["Text"][0]) == TEXTS[0]


def test_the_default_database_is_the_dashboards(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dataset = tmp_path / "stadt"
    dataset.mkdir()
    monkeypatch.setenv("SOZIALMONITOR_DATA", str(dataset))
    monkeypatch.delenv("SOZIALMONITOR_FEEDBACK_DB")
    seeded(tmp_path / "stadt.feedback.sqlite3")
    assert main(["export", "--out", str(tmp_path / "x.csv")]) == 0
    assert len(pd.read_csv(tmp_path / "x.csv", sep=";", encoding="utf-8-sig")) == 7


def test_a_missing_database_is_said_plainly_and_nothing_is_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "x.csv"
    assert main(["export", "--out", str(out), "--db", str(tmp_path / "none.sqlite3")]) == 1
    message = capsys.readouterr().err
    assert "none.sqlite3 gibt es nicht" in message and "SOZIALMONITOR_FEEDBACK_DB" in message
    assert not out.exists()


def test_the_command_line_runs_as_a_module(tmp_path: Path) -> None:
    seeded(tmp_path / "f.sqlite3")
    out = tmp_path / "cli.csv"
    result = subprocess.run(
        [sys.executable, "-m", "feedback", "export", "--out", str(out), "--db", str(tmp_path / "f.sqlite3")],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert len(pd.read_csv(out, sep=";", encoding="utf-8-sig")) == 7
    usage = subprocess.run([sys.executable, "-m", "feedback"], cwd=REPO_ROOT, capture_output=True, text=True, timeout=120)
    assert usage.returncode == 2 and "export" in usage.stderr

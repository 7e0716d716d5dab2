"""The feedback store: settings from the environment, validation, concurrent writers, the hourly ceiling."""
from __future__ import annotations

import multiprocessing
import os
import sqlite3
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

import feedback.store as store_module
from feedback.store import (
    TEXT_LIMIT,
    Answer,
    FeedbackFull,
    FeedbackStore,
    clean_text,
    default_location,
    settings,
)

HOSTILE = '<img src=http://example.com/t.png> **fett** [x](http://example.com) =HYPERLINK("http://e") ;,"\n\tÄÖÜß 😀 مرحبا'
SESSIONS = 30


def answer(number: int = 0, **changes) -> Answer:
    fields = {"page": "overview", "view": f"lang=de&indicator=sgb2_quote&period={2000 + number}", "lang": "de", "answer": "yes"}
    return Answer(**{**fields, **changes})


def test_default_location_is_beside_the_dataset_folder(tmp_path: Path) -> None:
    dataset = tmp_path / "luebeck"
    dataset.mkdir()
    assert default_location(dataset) == tmp_path / "luebeck.feedback.sqlite3"
    current = settings(dataset, environ={})
    assert current.path == tmp_path / "luebeck.feedback.sqlite3"
    assert (current.enabled, current.read_only, current.admin, current.accepts_answers) == (True, False, False, True)


def test_location_from_the_environment_absolute_or_from_the_repository(tmp_path: Path) -> None:
    assert settings(tmp_path, environ={"SOZIALMONITOR_FEEDBACK_DB": str(tmp_path / "f.db")}).path == tmp_path / "f.db"
    relative = settings(tmp_path, environ={"SOZIALMONITOR_FEEDBACK_DB": "data/x.sqlite3"})
    assert relative.path == store_module.REPO_ROOT / "data" / "x.sqlite3"


@pytest.mark.parametrize("value", ["off", "0", "false", "No", " OFF "])
def test_switched_off(tmp_path: Path, value: str) -> None:
    current = settings(tmp_path, environ={"SOZIALMONITOR_FEEDBACK": value})
    assert not current.enabled and not current.accepts_answers


@pytest.mark.parametrize("value", ["1", "true", "yes", "on"])
def test_read_only_by_environment(tmp_path: Path, value: str) -> None:
    current = settings(tmp_path, environ={"SOZIALMONITOR_READ_ONLY": value})
    assert current.enabled and current.read_only and not current.accepts_answers


def test_read_only_when_the_location_cannot_be_written(tmp_path: Path) -> None:
    missing_folder = {"SOZIALMONITOR_FEEDBACK_DB": str(tmp_path / "missing" / "f.sqlite3")}
    assert settings(tmp_path, environ=missing_folder).read_only
    a_file = tmp_path / "file"
    a_file.write_text("x")
    below_a_file = {"SOZIALMONITOR_FEEDBACK_DB": str(a_file / "f.sqlite3")}
    assert settings(tmp_path, environ=below_a_file).read_only
    a_folder = {"SOZIALMONITOR_FEEDBACK_DB": str(tmp_path)}
    assert settings(tmp_path, environ=a_folder).read_only  # the path is a folder, not a file


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into any folder")
def test_read_only_when_the_folder_is_not_writable(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        assert settings(tmp_path, environ={"SOZIALMONITOR_FEEDBACK_DB": str(folder / "f.sqlite3")}).read_only
    finally:
        folder.chmod(0o755)


def test_admin_page_only_when_asked_for(tmp_path: Path) -> None:
    assert not settings(tmp_path, environ={}).admin
    assert not settings(tmp_path, environ={"SOZIALMONITOR_FEEDBACK_ADMIN": "0"}).admin
    assert settings(tmp_path, environ={"SOZIALMONITOR_FEEDBACK_ADMIN": "1"}).admin


def test_clean_text() -> None:
    assert clean_text(None) is None
    assert clean_text("   \n\t ") is None
    assert clean_text(" a\r\nb\rc\x00\u202e d ") == "a\nb\nc d"
    assert clean_text("x" * (TEXT_LIMIT + 5)) == "x" * (TEXT_LIMIT + 5)  # not cut: Answer refuses it


@pytest.mark.parametrize(
    "changes",
    [
        {"answer": "maybe"},
        {"lang": "d e"},
        {"lang": "<b>"},
        {"lang": "de-" + "x" * 40},
        {"role": "mayor"},
        {"page": ""},
        {"page": "p" * 101},
        {"view": "v" * 1001},
        {"text": ""},
        {"text": "x" * (TEXT_LIMIT + 1)},
    ],
)
def test_invalid_answers_are_refused(changes: dict) -> None:
    with pytest.raises(ValueError):
        answer(**changes)


def test_answers_read_back_exactly_and_nothing_else_is_stored(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "f.sqlite3")
    assert store.rows().empty and not store.path.exists()  # reading never creates the file
    moment = datetime(2025, 3, 3, 8, 30, 15, tzinfo=UTC)
    store.add(answer(1, answer="partly", text=HOSTILE, role="councillor"), now=moment)
    store.add(answer(2, lang="en", answer="no", text="x" * TEXT_LIMIT), now=moment + timedelta(minutes=1))
    rows = store.rows()
    assert rows["id"].tolist() == [1, 2]
    assert rows["time"].tolist() == [moment, moment + timedelta(minutes=1)]
    assert rows.loc[0, ["page", "view", "lang", "answer", "text", "role"]].tolist() == [
        "overview", "lang=de&indicator=sgb2_quote&period=2001", "de", "partly", HOSTILE, "councillor",
    ]
    assert rows.loc[1, "role"] is None and rows.loc[1, "text"] == "x" * TEXT_LIMIT
    with sqlite3.connect(store.path) as connection:
        columns = [row[1] for row in connection.execute("PRAGMA table_info(feedback)")]
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        stored_times = [row[0] for row in connection.execute("SELECT created_at FROM feedback")]
    assert columns == ["id", "created_at", "page", "view", "lang", "answer", "text", "role"]  # no address, no agent
    assert stored_times == ["2025-03-03T08:30:15Z", "2025-03-03T08:31:15Z"]


def test_thirty_concurrent_sessions_in_threads_are_all_stored(tmp_path: Path) -> None:
    store_path = tmp_path / "f.sqlite3"
    start = threading.Barrier(SESSIONS)
    errors: list[BaseException] = []

    def session(number: int) -> None:
        try:
            start.wait()
            FeedbackStore(store_path).add(answer(number, text=f"Sitzung {number}"))
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=session, args=(n,)) for n in range(SESSIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    rows = FeedbackStore(store_path).rows()
    assert sorted(rows["text"]) == sorted(f"Sitzung {n}" for n in range(SESSIONS))
    assert rows["id"].is_unique


def _process_session(store_path: str, number: int, start) -> None:
    start.wait()
    for repeat in range(2):
        FeedbackStore(store_path).add(answer(number, text=f"Prozess {number}.{repeat}"))


def test_thirty_concurrent_sessions_in_processes_are_all_stored(tmp_path: Path) -> None:
    store_path = tmp_path / "f.sqlite3"
    context = multiprocessing.get_context("fork")
    start = context.Barrier(SESSIONS)
    processes = [context.Process(target=_process_session, args=(str(store_path), n, start)) for n in range(SESSIONS)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=120)
    assert [process.exitcode for process in processes] == [0] * SESSIONS
    texts = FeedbackStore(store_path).rows()["text"]
    assert sorted(texts) == sorted(f"Prozess {n}.{r}" for n in range(SESSIONS) for r in range(2))


def test_the_instance_takes_at_most_its_hourly_ceiling(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_module, "INSTANCE_MAX_PER_HOUR", 3)
    store = FeedbackStore(tmp_path / "f.sqlite3")
    start = datetime(2025, 1, 1, 12, tzinfo=UTC)
    for minute in range(3):
        store.add(answer(minute), now=start + timedelta(minutes=minute))
    with pytest.raises(FeedbackFull):
        store.add(answer(9), now=start + timedelta(minutes=30))
    assert len(store.rows()) == 3
    store.add(answer(10), now=start + timedelta(hours=1))  # the first answer is now an hour old
    assert len(store.rows()) == 4


# The table as the first release wrote it (schema version 1: languages limited to de and en).
VERSION_1 = (
    """CREATE TABLE feedback (
        id INTEGER PRIMARY KEY,
        created_at TEXT NOT NULL,
        page TEXT NOT NULL CHECK (length(page) BETWEEN 1 AND 100),
        view TEXT NOT NULL CHECK (length(view) <= 1000),
        lang TEXT NOT NULL CHECK (lang IN ('de', 'en')),
        answer TEXT NOT NULL CHECK (answer IN ('yes', 'partly', 'no')),
        text TEXT CHECK (text IS NULL OR length(text) BETWEEN 1 AND 1000),
        role TEXT CHECK (role IS NULL OR role IN ('councillor', 'administration', 'citizen', 'other'))
    )""",
    "CREATE INDEX feedback_created_at ON feedback (created_at)",
    "PRAGMA user_version = 1",
    "INSERT INTO feedback (created_at, page, view, lang, answer, text, role) VALUES ('2026-11-30T08:00:00Z', 'overview', 'lang=en', 'en', 'partly', 'Legend unclear', 'citizen')",
)


def test_an_answer_in_a_language_a_city_added_is_stored_and_an_old_file_keeps_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "feedback.sqlite3"
    with sqlite3.connect(path) as connection:
        for statement in VERSION_1:
            connection.execute(statement)
    store = FeedbackStore(path)
    moment = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
    store.add(answer(1, lang="tr", answer="no", text="Harita anlaşılır"), now=moment)
    store.add(answer(2, lang="pt-BR"), now=moment + timedelta(minutes=1))
    rows = store.rows()
    assert rows["lang"].tolist() == ["en", "tr", "pt-BR"]
    assert rows["text"].tolist() == ["Legend unclear", "Harita anlaşılır", None]
    assert rows["id"].tolist() == [1, 2, 3]
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA user_version").fetchone() == (2,)
        names = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        assert names == {"feedback", "feedback_created_at"}
        with pytest.raises(sqlite3.IntegrityError):  # the table itself refuses what is no language code
            connection.execute("INSERT INTO feedback (created_at, page, view, lang, answer) VALUES ('t', 'p', '', 'x;y', 'yes')")

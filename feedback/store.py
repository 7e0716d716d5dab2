"""The feedback store: one row per answer in a small SQLite file on the server.

Why a package of its own, and why SQLite: the rule "only `loaders/` speaks SQL" protects the
*dataset* — DuckDB over read-only Parquet, one connection per process. Feedback is a different
thing: the server's own writable log, written by many browser sessions at once. SQLite from the
standard library is made for that: write-ahead logging lets readers go on while one writer
appends, `BEGIN IMMEDIATE` and a busy timeout queue concurrent writers instead of failing, and
nothing has to be installed. Keeping it here keeps it away from the dataset's connection.

Where it lives: `SOZIALMONITOR_FEEDBACK_DB` (relative paths from the repository), else beside
the dataset folder, e.g. `data/demo.feedback.sqlite3` for `data/demo`.
When the form is shown (`Settings.accepts_answers`):
- `SOZIALMONITOR_FEEDBACK=off` (or 0, false, no) switches feedback off;
- the instance is *read-only* when `SOZIALMONITOR_READ_ONLY` is set (1, true, yes, on), or when
  the file cannot be written: its folder is missing or not writable, or the file exists and is
  not writable (SQLite also writes `-wal` and `-shm` files beside it, so the folder counts).
`SOZIALMONITOR_FEEDBACK_ADMIN=1` shows the team's summary page (never on by default).

What a row holds: the time (UTC, `YYYY-MM-DDTHH:MM:SSZ`), the page, the view's URL query
string, the language, the answer (yes / partly / no), an optional text of at most
`TEXT_LIMIT` characters and an optional role. Never an IP address, a user agent or a session id.
"""
from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Mapping
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pandas as pd

from loaders.folder import REPO_ROOT
ENABLED_ENV = "SOZIALMONITOR_FEEDBACK"
LOCATION_ENV = "SOZIALMONITOR_FEEDBACK_DB"
READ_ONLY_ENV = "SOZIALMONITOR_READ_ONLY"
ADMIN_ENV = "SOZIALMONITOR_FEEDBACK_ADMIN"
_OFF = {"0", "off", "false", "no"}
_ON = {"1", "on", "true", "yes"}

ANSWERS = ("yes", "partly", "no")
ROLES = ("councillor", "administration", "citizen", "other")
# A language code as the catalogs (locales/*.toml) name them: "de", "en", "tr", "pt-BR" — any
# language a city adds by a file, so no fixed list here.
LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")  # as views.i18n accepts a catalog's file name
LANGUAGE_LIMIT = 35
TEXT_LIMIT = 1000  # characters of free text, said on the form
PAGE_LIMIT = 100
VIEW_LIMIT = 1000
INSTANCE_MAX_PER_HOUR = 300  # all sessions together: a ceiling against scripted floods
BUSY_TIMEOUT_SECONDS = 10
TIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
COLUMNS = ("id", "time", "page", "view", "lang", "answer", "text", "role")
SCHEMA_VERSION = 2  # 1 allowed only "de" and "en" as languages; a version-1 file is rebuilt on the next answer
_SCHEMA = (
    f"""CREATE TABLE IF NOT EXISTS feedback (
        id INTEGER PRIMARY KEY,
        created_at TEXT NOT NULL,
        page TEXT NOT NULL CHECK (length(page) BETWEEN 1 AND {PAGE_LIMIT}),
        view TEXT NOT NULL CHECK (length(view) <= {VIEW_LIMIT}),
        lang TEXT NOT NULL CHECK (length(lang) BETWEEN 2 AND {LANGUAGE_LIMIT} AND lang NOT GLOB '*[^A-Za-z0-9-]*'),
        answer TEXT NOT NULL CHECK (answer IN {ANSWERS}),
        text TEXT CHECK (text IS NULL OR length(text) BETWEEN 1 AND {TEXT_LIMIT}),
        role TEXT CHECK (role IS NULL OR role IN {ROLES})
    )""",
    "CREATE INDEX IF NOT EXISTS feedback_created_at ON feedback (created_at)",
    f"PRAGMA user_version = {SCHEMA_VERSION}",
)
# Control characters other than tab and line feed, and Unicode direction overrides.
_UNWANTED = re.compile("[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


class FeedbackFull(Exception):
    """The instance took INSTANCE_MAX_PER_HOUR answers in the last hour; nothing was stored."""


@dataclass(frozen=True)
class Settings:
    """Where feedback is stored and whether this instance takes, or shows, answers."""

    path: Path
    enabled: bool
    read_only: bool
    admin: bool

    @property
    def accepts_answers(self) -> bool:
        return self.enabled and not self.read_only


def default_location(dataset_folder: Path) -> Path:
    """The file beside the dataset folder: `data/demo` → `data/demo.feedback.sqlite3`."""
    return dataset_folder.parent / f"{dataset_folder.name}.feedback.sqlite3"


def writable(path: Path) -> bool:
    """Whether SQLite can write `path` and its `-wal`/`-shm` files beside it."""
    folder = path.parent
    if not folder.is_dir() or not os.access(folder, os.W_OK | os.X_OK):
        return False
    return not path.exists() or (path.is_file() and os.access(path, os.R_OK | os.W_OK))


def settings(dataset_folder: Path, environ: Mapping[str, str] = os.environ) -> Settings:
    """The settings for an instance showing `dataset_folder`, read from the environment."""
    configured = environ.get(LOCATION_ENV, "").strip()
    if configured:
        path = Path(configured).expanduser()
        path = path if path.is_absolute() else REPO_ROOT / path
    else:
        path = default_location(Path(dataset_folder))
    enabled = environ.get(ENABLED_ENV, "").strip().lower() not in _OFF
    read_only = environ.get(READ_ONLY_ENV, "").strip().lower() in _ON or not writable(path)
    admin = environ.get(ADMIN_ENV, "").strip().lower() in _ON
    return Settings(path=path, enabled=enabled, read_only=read_only, admin=admin)


def clean_text(text: str | None) -> str | None:
    """Free text as stored: line breaks as `\\n`, control and direction-override characters
    removed, surrounding blanks stripped; None when nothing is left. The length is not cut."""
    if text is None:
        return None
    cleaned = _UNWANTED.sub("", text.replace("\r\n", "\n").replace("\r", "\n")).strip()
    return cleaned or None


@dataclass(frozen=True)
class Answer:
    """One answer as the form gives it; invalid values raise ValueError."""

    page: str
    view: str
    lang: str
    answer: str
    text: str | None = None
    role: str | None = None

    def __post_init__(self) -> None:
        if not 0 < len(self.page) <= PAGE_LIMIT:
            raise ValueError(f"page must have 1 to {PAGE_LIMIT} characters")
        if len(self.view) > VIEW_LIMIT:
            raise ValueError(f"view must have at most {VIEW_LIMIT} characters")
        if not (len(self.lang) <= LANGUAGE_LIMIT and LANGUAGE_CODE.fullmatch(self.lang)):
            raise ValueError("lang must be a language code such as 'de', 'en' or 'pt-BR'")
        if self.answer not in ANSWERS:
            raise ValueError(f"answer must be one of {ANSWERS}")
        if self.role is not None and self.role not in ROLES:
            raise ValueError(f"role must be one of {ROLES} or None")
        if self.text is not None and not 0 < len(self.text) <= TEXT_LIMIT:
            raise ValueError(f"text must have 1 to {TEXT_LIMIT} characters (or be None)")


def _upgrade(connection: sqlite3.Connection) -> None:
    """Rebuild a version-1 table (languages limited to de and en) as the current one, keeping
    every row; inside the caller's transaction, so a failure leaves the file as it was."""
    (version,) = connection.execute("PRAGMA user_version").fetchone()
    exists = connection.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'feedback'").fetchone()
    if not exists or version >= SCHEMA_VERSION:
        return
    connection.execute("ALTER TABLE feedback RENAME TO feedback_old")
    connection.execute(_SCHEMA[0])
    connection.execute("INSERT INTO feedback SELECT id, created_at, page, view, lang, answer, text, role FROM feedback_old")
    connection.execute("DROP TABLE feedback_old")  # and its index, made anew by _SCHEMA


class FeedbackStore:
    """The answers in the SQLite file at `path`. Every call opens its own short connection, so
    the store may be shared by any number of sessions, threads and processes."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)

    def add(self, answer: Answer, *, now: datetime | None = None) -> int:
        """Append one answer and return its id; raises FeedbackFull when the instance took
        INSTANCE_MAX_PER_HOUR answers in the hour before `now` (default: the current time)."""
        moment = (now or datetime.now(UTC)).astimezone(UTC)
        with closing(sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)) as connection:
            connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_SECONDS * 1000}")
            if connection.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("BEGIN IMMEDIATE")
            try:
                _upgrade(connection)
                for statement in _SCHEMA:  # not executescript, which would commit first
                    connection.execute(statement)
                since = (moment - timedelta(hours=1)).strftime(TIME_FORMAT)
                (recent,) = connection.execute("SELECT count(*) FROM feedback WHERE created_at > ?", (since,)).fetchone()
                if recent >= INSTANCE_MAX_PER_HOUR:
                    raise FeedbackFull()
                cursor = connection.execute(
                    "INSERT INTO feedback (created_at, page, view, lang, answer, text, role) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (moment.strftime(TIME_FORMAT), answer.page, answer.view, answer.lang, answer.answer, answer.text, answer.role),
                )
                connection.execute("COMMIT")
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            return int(cursor.lastrowid)

    def rows(self) -> pd.DataFrame:
        """Every answer, oldest first: `COLUMNS`, `time` as UTC timestamps, missing text and
        role as None. Empty when nothing was stored yet; the file is opened read-only."""
        if not self.path.is_file():
            return _frame([])
        uri = f"{self.path.resolve().as_uri()}?mode=ro"
        with closing(sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_SECONDS)) as connection:
            connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_SECONDS * 1000}")
            exists = connection.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'feedback'").fetchone()
            if not exists:
                return _frame([])
            records = connection.execute(
                "SELECT id, created_at, page, view, lang, answer, text, role FROM feedback ORDER BY created_at, id"
            ).fetchall()
        return _frame(records)


def _frame(records: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(records, columns=list(COLUMNS))
    frame["id"] = frame["id"].astype("int64")
    frame["time"] = pd.to_datetime(frame["time"], format=TIME_FORMAT, utc=True)
    for column in ("page", "view", "lang", "answer", "text", "role"):
        values = frame[column].astype(object)
        frame[column] = values.where(values.notna(), None)
    return frame

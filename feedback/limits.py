"""How often one browser session may answer: pure rules over the session's own history.

A session answers each view at most once (the same page with the same URL state, whatever the
language), and at most SESSION_MAX_PER_HOUR times in any hour. The history lives in the
session on the server (no cookie); FeedbackStore adds a ceiling for all sessions together.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal
from urllib.parse import urlencode

SESSION_MAX_PER_HOUR = 5
WINDOW = timedelta(hours=1)


def view_string(query: Mapping[str, str]) -> str:
    """The view's URL state as a query string, in the order of the URL: `lang=de&indicator=…`."""
    return urlencode(list(query.items()))


def view_key(query: Mapping[str, str]) -> str:
    """What makes two views the same for the rate limit: every URL key but the language, sorted."""
    return urlencode(sorted((key, value) for key, value in query.items() if key != "lang"))


@dataclass(frozen=True)
class Sent:
    """One answer this session gave: when (aware datetime), on which page, for which view key."""

    at: datetime
    page: str
    view: str


@dataclass(frozen=True)
class Decision:
    """May the session answer now? If not, why, and from when on again (for `too_many`)."""

    reason: Literal["ok", "already_answered", "too_many"]
    again_at: datetime | None = None

    @property
    def allowed(self) -> bool:
        return self.reason == "ok"


def check(history: Sequence[Sent], *, page: str, view: str, now: datetime) -> Decision:
    """The decision for an answer on `page` with view key `view` at `now`, given the session's history."""
    if any(sent.page == page and sent.view == view for sent in history):
        return Decision("already_answered")
    recent = sorted(sent.at for sent in history if now - sent.at < WINDOW)
    if len(recent) >= SESSION_MAX_PER_HOUR:
        return Decision("too_many", again_at=recent[len(recent) - SESSION_MAX_PER_HOUR] + WINDOW)
    return Decision("ok")

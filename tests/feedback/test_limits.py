"""The per-session rate limit: a view once, at most SESSION_MAX_PER_HOUR answers in any hour."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

from feedback.limits import SESSION_MAX_PER_HOUR, Sent, check, view_key, view_string

NOW = datetime(2025, 5, 5, 12, 0, tzinfo=UTC)


def test_the_view_key_ignores_the_language_and_the_order() -> None:
    german = {"lang": "de", "indicator": "sgb2_quote", "period": "2022", "level": "stadtteil"}
    english = {"level": "stadtteil", "period": "2022", "lang": "en", "indicator": "sgb2_quote"}
    assert view_key(german) == view_key(english) == "indicator=sgb2_quote&level=stadtteil&period=2022"
    assert view_key({**german, "area": "A & B"}) == "area=A+%26+B&indicator=sgb2_quote&level=stadtteil&period=2022"
    assert view_string(german) == "lang=de&indicator=sgb2_quote&period=2022&level=stadtteil"


def test_a_view_is_answered_once_per_page() -> None:
    history = [Sent(at=NOW - timedelta(days=2), page="overview", view="indicator=a")]
    assert check(history, page="overview", view="indicator=a", now=NOW).reason == "already_answered"
    assert check(history, page="profile", view="indicator=a", now=NOW).allowed
    assert check(history, page="overview", view="indicator=b", now=NOW).allowed


def test_at_most_so_many_answers_in_an_hour() -> None:
    assert SESSION_MAX_PER_HOUR == 5
    times = [NOW - timedelta(minutes=m) for m in (50, 40, 30, 20, 10)]
    history = [Sent(at=at, page="overview", view=f"indicator={n}") for n, at in enumerate(times)]
    decision = check(history, page="overview", view="indicator=new", now=NOW)
    assert decision.reason == "too_many" and not decision.allowed
    assert decision.again_at == NOW + timedelta(minutes=10)  # when the oldest of the five is an hour old
    assert check(history, page="overview", view="indicator=new", now=NOW + timedelta(minutes=10)).allowed
    assert check(history[1:], page="overview", view="indicator=new", now=NOW).allowed

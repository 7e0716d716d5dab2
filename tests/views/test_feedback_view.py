"""The team's summary of the feedback, on hand-counted rows."""
from __future__ import annotations

import pandas as pd
import pytest

from feedback.store import TEXT_LIMIT
from views.feedback import (
    ANSWER_PATTERNS,
    counts_over_time,
    counts_per_page,
    latest_texts,
    over_time_alt,
    over_time_chart,
    over_time_table,
    page_title,
)
from views.markup import escape_markdown


def rows_of(records: list[tuple[str, str, str, str | None]]) -> pd.DataFrame:
    """(UTC time, page, answer, text) → rows as FeedbackStore.rows() returns them."""
    return pd.DataFrame(
        {
            "id": range(1, len(records) + 1),
            "time": pd.to_datetime([r[0] for r in records], utc=True),
            "page": [r[1] for r in records],
            "view": "lang=de",
            "lang": "de",
            "answer": [r[2] for r in records],
            "text": pd.Series([r[3] for r in records], dtype=object),
            "role": pd.Series([None] * len(records), dtype=object),
        }
    )


# Mon 3 Mar 2025 … Sun 9 Mar is one week; 10–16 Mar has no answer; 17 Mar starts the third.
ROWS = rows_of(
    [
        ("2025-03-03T00:00:00Z", "overview", "yes", None),
        ("2025-03-09T23:59:59Z", "overview", "no", "Karte zu klein"),
        ("2025-03-09T12:00:00Z", "profile", "partly", None),
        ("2025-03-17T08:00:00Z", "profile", "yes", "<img src=http://example.com/x.png>"),
        ("2025-04-01T08:00:00Z", "explore_new", "yes", None),
    ]
)


def test_weeks_start_on_monday_and_empty_weeks_are_shown() -> None:
    counts = counts_over_time(ROWS, granularity="week")
    assert counts["period"].dt.strftime("%Y-%m-%d").tolist() == ["2025-03-03", "2025-03-10", "2025-03-17", "2025-03-24", "2025-03-31"]
    assert counts[["yes", "partly", "no", "total"]].values.tolist() == [[1, 1, 1, 3], [0, 0, 0, 0], [1, 0, 0, 1], [0, 0, 0, 0], [1, 0, 0, 1]]


def test_days_months_and_one_page() -> None:
    months = counts_over_time(ROWS, granularity="month")
    assert months["period"].dt.strftime("%Y-%m").tolist() == ["2025-03", "2025-04"]
    assert months["total"].tolist() == [4, 1]
    days = counts_over_time(ROWS, granularity="day", page="profile")
    assert len(days) == 9 and days["total"].sum() == 2  # 9 … 17 March
    assert days.iloc[0][["yes", "partly", "no"]].tolist() == [0, 1, 0]
    assert counts_over_time(ROWS, granularity="week", page="nowhere").empty
    with pytest.raises(ValueError):
        counts_over_time(ROWS, granularity="year")


def test_table_behind_the_chart_and_alt_text() -> None:
    counts = counts_over_time(ROWS, granularity="week")
    table = over_time_table(counts, granularity="week", lang="de")
    assert list(table.columns) == ["Woche ab", "Ja", "Teilweise", "Nein", "Zusammen"]
    assert table.iloc[0].tolist() == ["03.03.2025", "1", "1", "1", "3"]
    assert over_time_table(counts, granularity="week", lang="en").iloc[2, 0] == "2025-03-17"
    alt = over_time_alt(counts, granularity="week", scope="Alle Seiten", lang="de")
    assert alt == (
        "Gestapelte Balken der Antworten je Woche (Alle Seiten) von 03.03.2025 bis 31.03.2025: 5 insgesamt, "
        "davon 3 „Ja“, 1 „Teilweise“ und 1 „Nein“. Die meisten Antworten (3) kamen im Zeitraum ab 03.03.2025."
    )


def test_chart_stacks_one_hatched_trace_per_answer_with_counts_written() -> None:
    figure = over_time_chart(counts_over_time(ROWS, granularity="week"), granularity="week", lang="en")
    assert [trace.name for trace in figure.data] == ["Yes", "Partly", "No"]
    assert figure.layout.barmode == "stack"
    assert [trace.marker.pattern.shape for trace in figure.data] == list(ANSWER_PATTERNS.values())
    assert list(figure.data[0].text) == ["1", "", "1", "", "1"]


def test_counts_per_page_with_share_of_yes() -> None:
    table = counts_per_page(ROWS, "de")
    assert table.values.tolist() == [
        ["Überblick", "1", "0", "1", "2", "50,0\u00a0%"],
        ["Gebietsprofil", "1", "1", "0", "2", "50,0\u00a0%"],
        ["explore_new", "1", "0", "0", "1", "100,0\u00a0%"],
    ]
    assert page_title("profile", "en") == "Area profile" and page_title("explore_new", "en") == "explore_new"


def test_latest_texts_are_newest_first_and_escaped() -> None:
    shown = latest_texts(ROWS, "en")
    assert [item.text for item in shown] == [escape_markdown("<img src=http://example.com/x.png>"), "Karte zu klein"]
    assert "<" not in shown[0].text and "://" not in shown[0].text
    parts = ["2025-03-17 08:00 UTC", "Area profile", "Yes", "Deutsch"]  # a language by its own name
    assert shown[0].heading == " · ".join(escape_markdown(part) for part in parts)
    assert len(latest_texts(ROWS, "de", limit=1)) == 1
    long = rows_of([("2025-01-01T00:00:00Z", "overview", "no", "x" * TEXT_LIMIT)])
    assert latest_texts(long, "de")[0].text == "x" * TEXT_LIMIT  # the whole text, not cut to a label's length

"""The team's view of the feedback: counts over time and per page, the latest texts, the CSV export.

Everything takes the rows of `feedback.store.FeedbackStore.rows()` (id, time in UTC, page,
view, lang, answer, text, role). Answers are counted, never averaged; a share is "Yes" answers
over all answers of the same rows. Periods are UTC days, weeks starting on Monday, or calendar
months, and every period between the first and the last answer is shown, with zeros.
Texts come from anyone on the internet: on screen they go through `views.markup`; in the CSV a
cell that Excel would run as a formula (`views.export.FORMULA_START`) gets a leading
apostrophe, and so does a cell that already starts with one, so `unguard_formula` restores
every text exactly.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from feedback.store import ANSWERS, TEXT_LIMIT
from views.charts import apply_layout
from views.classify import ABOVE_COLOR, BELOW_COLOR, EQUAL_COLOR
from views.export import FORMULA_START, Column, ExportTable, csv_bytes
from views.i18n import format_date, format_number, format_value, has_text, language_meta, language_name, t
from views.markup import escape_markdown

GRANULARITIES = ("day", "week", "month")
# favourable blue, neutral grey, unfavourable orange (the dashboard's diverging pair); each
# answer also has its own hatching and its count written in the bar.
ANSWER_COLORS = {"yes": BELOW_COLOR, "partly": EQUAL_COLOR, "no": ABOVE_COLOR}
ANSWER_PATTERNS = {"yes": "", "partly": "/", "no": "x"}
ANSWER_TEXT_COLORS = {"yes": "#ffffff", "partly": "#000000", "no": "#000000"}  # contrast at least 4.5 : 1
LATEST_TEXTS = 20
_GUARDED_START = (*FORMULA_START, "'")


def page_title(page: str, lang: str) -> str:
    """The navigation title of a page id ('profile' → 'Gebietsprofil'); an unknown id as it is."""
    key = f"nav.{page}"
    return t(key, lang) if has_text(key) else page


def answer_label(answer: str, lang: str) -> str:
    return t(f"fb.answer.{answer}", lang)


def role_label(role: str | None, lang: str) -> str:
    """The role's label; '' when none was given."""
    return t(f"fb.role.{role}", lang) if role else ""


def period_start(times: pd.Series, granularity: str) -> pd.Series:
    """The start (midnight, UTC, naive) of the day, Monday-based week or month of each time."""
    days = times.dt.tz_convert("UTC").dt.tz_localize(None).dt.normalize()
    if granularity == "day":
        return days
    if granularity == "week":
        return days - pd.to_timedelta(days.dt.day_of_week, unit="D")
    if granularity == "month":
        return days - pd.to_timedelta(days.dt.day - 1, unit="D")
    raise ValueError(f"granularity must be one of {GRANULARITIES}")


def format_period(start: pd.Timestamp, granularity: str, lang: str) -> str:
    """A period by its start: '03.03.2025' / '2025-03-03'; months as '03/2025' / '2025-03'."""
    return format_date(start, lang, month=granularity == "month")


def _all_periods(first: pd.Timestamp, last: pd.Timestamp, granularity: str) -> pd.DatetimeIndex:
    step = {"day": "D", "week": "7D", "month": "MS"}[granularity]
    return pd.date_range(first, last, freq=step)


def counts_over_time(rows: pd.DataFrame, *, granularity: str, page: str | None = None) -> pd.DataFrame:
    """Answers per period (all pages, or one): columns period, yes, partly, no, total."""
    chosen = rows if page is None else rows[rows["page"] == page]
    columns = ["period", *ANSWERS, "total"]
    if chosen.empty:
        return pd.DataFrame({column: pd.Series(dtype="int64") for column in columns})
    starts = period_start(chosen["time"], granularity)
    counts = pd.crosstab(starts, chosen["answer"]).reindex(columns=list(ANSWERS), fill_value=0)
    counts = counts.reindex(_all_periods(starts.min(), starts.max(), granularity), fill_value=0)
    counts["total"] = counts.sum(axis=1)
    counts = counts.astype("int64").rename_axis(index="period", columns=None).reset_index()
    return counts[columns]


def over_time_table(counts: pd.DataFrame, *, granularity: str, lang: str) -> pd.DataFrame:
    """The table behind the chart: one row per period, counts per answer and in total."""
    return pd.DataFrame(
        {
            t(f"fbs.col.{granularity}", lang): [format_period(start, granularity, lang) for start in counts["period"]],
            **{answer_label(answer, lang): [format_number(n, lang) for n in counts[answer]] for answer in ANSWERS},
            t("fbs.col.total", lang): [format_number(n, lang) for n in counts["total"]],
        }
    )


def over_time_chart(counts: pd.DataFrame, *, granularity: str, lang: str) -> go.Figure:
    """Stacked bars per period, one segment per answer (colour, hatching and the count written in it)."""
    labels = [format_period(start, granularity, lang) for start in counts["period"]]
    figure = go.Figure()
    for answer in ANSWERS:
        name = answer_label(answer, lang)
        figure.add_bar(
            x=labels,
            y=counts[answer],
            name=name,
            marker={"color": ANSWER_COLORS[answer], "line": {"color": "#000000", "width": 1}, "pattern": {"shape": ANSWER_PATTERNS[answer], "fgcolor": "#ffffff"}},
            text=[format_number(n, lang) if n else "" for n in counts[answer]],
            textposition="inside",
            textangle=0,
            insidetextanchor="middle",
            textfont={"color": ANSWER_TEXT_COLORS[answer], "size": 14},
            hovertemplate=f"<b>{name}</b> %{{x}}: %{{y}}<extra></extra>",
        )
    figure.update_layout(barmode="stack", bargap=0.25, legend_traceorder="normal")
    figure.update_xaxes(type="category", title_text=t(f"fbs.col.{granularity}", lang))
    figure.update_yaxes(rangemode="tozero", tickformat="d")
    apply_layout(figure, lang=lang, height=440, x_title=t(f"fbs.col.{granularity}", lang), y_title=t("fbs.axis", lang))
    # the legend above the bars: below them it would collide with date labels turned on a phone
    return figure.update_layout(legend={"y": 1.02, "yanchor": "bottom"}, margin={"t": 60})


def over_time_alt(counts: pd.DataFrame, *, granularity: str, scope: str, lang: str) -> str:
    """Alt text of the chart: the span, the totals per answer and the busiest period."""
    if counts.empty:
        return t("fbs.empty", lang)
    peak = counts.loc[counts["total"].idxmax()]
    return t(
        "fbs.alt",
        lang,
        unit=t(f"fbs.granularity.{granularity}", lang),
        scope=scope,
        first=format_period(counts["period"].iloc[0], granularity, lang),
        last=format_period(counts["period"].iloc[-1], granularity, lang),
        total=format_number(counts["total"].sum(), lang),
        most=format_number(peak["total"], lang),
        peak=format_period(peak["period"], granularity, lang),
        **{answer: format_number(counts[answer].sum(), lang) for answer in ANSWERS},
    )


def counts_per_page(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Answers per page (pages with most answers first): counts per answer, total, share of "Yes"."""
    counts = pd.crosstab(rows["page"], rows["answer"]).reindex(columns=list(ANSWERS), fill_value=0)
    counts["total"] = counts.sum(axis=1)
    counts = counts.sort_values(["total"], ascending=False, kind="stable")
    return pd.DataFrame(
        {
            t("fbs.col.page", lang): [page_title(page, lang) for page in counts.index],
            **{answer_label(answer, lang): [format_number(n, lang) for n in counts[answer]] for answer in ANSWERS},
            t("fbs.col.total", lang): [format_number(n, lang) for n in counts["total"]],
            t("fbs.col.share_yes", lang): [format_value(100 * yes / total, "%", lang) for yes, total in zip(counts["yes"], counts["total"])],
        }
    ).reset_index(drop=True)


@dataclass(frozen=True)
class ShownText:
    """One of the latest texts, ready for Markdown: every part escaped."""

    heading: str
    text: str


def latest_texts(rows: pd.DataFrame, lang: str, *, limit: int = LATEST_TEXTS) -> list[ShownText]:
    """The `limit` newest answers with text, newest first: a heading (date, page, answer, role,
    language) and the text, both escaped for Markdown."""
    with_text = rows[rows["text"].notna()].sort_values(["time", "id"], ascending=False).head(limit)
    shown = []
    for row in with_text.itertuples():
        parts = [
            f"{format_date(row.time, lang)} {row.time:%H:%M} UTC",
            page_title(row.page, lang),
            answer_label(row.answer, lang),
            role_label(row.role, lang),
            language_name(row.lang),
        ]
        heading = " · ".join(escape_markdown(part) for part in parts if part)
        shown.append(ShownText(heading=heading, text=escape_markdown(row.text, limit=TEXT_LIMIT)))
    return shown


def guard_formula(text: str | None) -> str | None:
    """A cell Excel will not run as a formula: a leading apostrophe before = + - @ tab CR and '."""
    if text and text.startswith(_GUARDED_START):
        return "'" + text
    return text


def unguard_formula(text: str | None) -> str | None:
    """The stored text of a guarded cell (the inverse of `guard_formula`)."""
    if text and text.startswith("'") and text[1:].startswith(_GUARDED_START):
        return text[1:]
    return text


def export_table(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Every answer, oldest first, with the column names and answer and role labels of `lang`."""
    return pd.DataFrame(
        {
            t("fbs.col.id", lang): rows["id"].astype("int64"),
            t("fbs.col.time", lang): [time.strftime("%Y-%m-%d %H:%M:%S") for time in rows["time"]],
            t("fbs.col.page", lang): [guard_formula(page) for page in rows["page"]],
            t("fbs.col.view", lang): [guard_formula(view) for view in rows["view"]],
            t("fbs.col.lang", lang): rows["lang"],
            t("fbs.col.answer", lang): [answer_label(answer, lang) for answer in rows["answer"]],
            t("fbs.col.role", lang): [role_label(role, lang) or None for role in rows["role"]],
            t("fbs.col.text", lang): [guard_formula(text) for text in rows["text"]],
        }
    ).reset_index(drop=True)


def for_german_excel(lang: str) -> bool:
    """Whether the export in `lang` is CSV for German Excel (`;`, decimal comma): for a language with a decimal comma."""
    return language_meta(lang).decimal_mark == ","


def export_csv(rows: pd.DataFrame, lang: str) -> bytes:
    """The export as CSV (views.export.csv_bytes): in German "CSV für Excel (deutsch)" (UTF-8 with
    BOM, `;`) for a language with a decimal comma, else plain UTF-8 CSV with `,` (for R, Python, English Excel's import)."""
    table = export_table(rows, lang)
    columns = {header: Column("integer" if number == 0 else "text") for number, header in enumerate(table.columns)}
    export = ExportTable(frame=table, columns=columns, name=("feedback",), title=t("fbs.title", lang))
    return csv_bytes(export, excel_de=for_german_excel(lang))

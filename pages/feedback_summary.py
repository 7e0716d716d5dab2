"""Rückmeldungen: the team's summary of the feedback form (registered only when
SOZIALMONITOR_FEEDBACK_ADMIN is set): answers over time and per page, the latest texts, the CSV."""
from __future__ import annotations

import sqlite3

import streamlit as st

from feedback.store import FeedbackStore
from ui.accessibility import plotly_chart
from ui.feedback import feedback_settings
from ui.layout import context, end_page
from views import feedback as summary
from views.i18n import format_number, t
from views.markup import markdown_text, plain

lang = context().lang
current = feedback_settings()
st.title(t("fbs.title", lang))
if not current.admin:  # registered only then; a guard for a stale link all the same
    end_page()
st.markdown(t("fbs.intro", lang))
if not current.enabled:
    st.caption(t("fbs.form_disabled", lang))
elif current.read_only:
    st.caption(t("fbs.form_read_only", lang))
else:
    st.caption(t("fbs.form_on", lang))
st.caption(markdown_text("fbs.stored", lang, path=current.path))

try:
    rows = FeedbackStore(current.path).rows()
except sqlite3.Error as error:
    st.error(markdown_text("fbs.unreadable", lang, detail=error), icon=":material/error:")
    end_page()
if rows.empty:
    st.info(t("fbs.empty", lang), icon=":material/inbox:")
    end_page()

total, yes, with_text = len(rows), int((rows["answer"] == "yes").sum()), int(rows["text"].notna().sum())
for column, label, value in zip(st.columns(3), ("fbs.total", "fbs.helpful", "fbs.with_text"), (total, yes, with_text)):
    column.metric(t(label, lang), format_number(value, lang), border=True)

st.header(t("fbs.over_time", lang), divider="gray")
left, right = st.columns(2)
granularity = left.radio(
    t("fbs.granularity", lang),
    summary.GRANULARITIES,
    index=1,
    format_func=lambda g: t(f"fbs.granularity.{g}", lang),
    horizontal=True,
    key="w_fbs_granularity",
)
pages_answered = sorted(rows["page"].unique(), key=lambda page: summary.page_title(page, lang))
chosen = right.selectbox(
    t("fbs.page", lang),
    [None, *pages_answered],
    format_func=lambda page: t("fbs.all_pages", lang) if page is None else plain(summary.page_title(page, lang)),
    key="w_fbs_page",
    placeholder=t("select.placeholder", lang),
)
counts = summary.counts_over_time(rows, granularity=granularity, page=chosen)
scope = t("fbs.all_pages", lang) if chosen is None else plain(summary.page_title(chosen, lang))
plotly_chart(
    summary.over_time_chart(counts, granularity=granularity, lang=lang),
    alt=summary.over_time_alt(counts, granularity=granularity, scope=scope, lang=lang),
)
with st.expander(t("fbs.table_behind", lang), icon=":material/table:"):
    st.dataframe(summary.over_time_table(counts, granularity=granularity, lang=lang), hide_index=True)

st.header(t("fbs.per_page", lang), divider="gray")
st.dataframe(summary.counts_per_page(rows, lang), hide_index=True)

st.header(t("fbs.latest", lang), divider="gray")
shown = summary.latest_texts(rows, lang)
if shown:
    st.caption(t("fbs.latest_intro", lang, n=len(shown)))
for item in shown:
    with st.container(border=True):
        st.markdown(f"**{item.heading}**")
        st.markdown(item.text)
if not shown:
    st.info(t("fbs.no_texts", lang))

st.download_button(
    t("fbs.download", lang),
    data=summary.export_csv(rows, lang),
    file_name=t("fbs.file_name", lang),
    mime="text/csv",
    icon=":material/download:",
)
st.caption(t("fbs.export_hint", lang))
st.code(t("fbs.export_command", lang), language="bash")

"""Ziele & Fortschritt: every declared target with its status, the pace chart, one target in detail and its areas."""
from __future__ import annotations

import streamlit as st

from loaders.contract import Target
from ui.accessibility import plotly_chart
from ui.data import Dataset
from ui.download import download
from ui.frame_cache import cached_by_bytes
from ui.layout import context, end_page, set_view
from views import targets as tv
from views.i18n import t
from views.markup import escape_markdown
from views.social_index import sources_caption

ctx = context()
lang, state, dataset = ctx.lang, ctx.state, ctx.dataset
metadata, store = ctx.metadata, ctx.dataset.store

st.title(t("targets.title", lang))
st.markdown(t("targets.intro", lang))
declared = store.targets()
if not declared:
    st.info(t("targets.none", lang))
    end_page()

area_names: dict[str, str] = {}
for level_id in {target.level for target in declared if target.areas}:
    areas = dataset.areas(level_id)
    area_names.update(zip(areas["area_id"], areas["name"]))


def footer() -> None:
    """Sources and licences of the dataset and of every indicator with a target."""
    entries = [store.indicator(i) for i in dict.fromkeys(target.indicator for target in declared)]
    st.divider()
    st.caption(
        sources_caption(
            metadata.attribution,
            [(e.label(lang), e.source, e.licence) for e in entries],
            lang,
        )
    )


@cached_by_bytes
def judge(dataset: Dataset, target: Target, level_id: str) -> tv.JudgedTarget:
    """A target judged for the city and every area of the level, once per dataset version
    (one assessment per area: seconds at 10,000 areas). Read-only, shared by the sessions."""
    return tv.judge(
        target,
        entry=dataset.store.indicator(target.indicator),
        city_series=dataset.city_series(target.indicator),
        area_series=dataset.series(target.indicator, level_id, []),
        level_id=level_id,
    )


@cached_by_bytes
def detail_of(dataset: Dataset, target: Target, level_id: str, lang: str, _area_names: dict[str, str]) -> tv.TargetDetail:
    """One target in detail (sentences, trend, the areas' table and export) once per dataset
    version, target, level and language (`_area_names`, the dataset's, is not hashed: the
    dataset's version stands for it). Read-only, shared by the sessions."""
    metadata = dataset.store.metadata
    level = metadata.level(level_id)
    return tv.build_detail(
        judge(dataset, target, level_id),
        city=metadata.city,
        city_series=dataset.city_series(target.indicator),
        area_series=dataset.series(target.indicator, level_id, []),
        level_label=level.label(lang),
        level_plural=level.plural(lang),
        area_names=_area_names,
        lang=lang,
    )


@cached_by_bytes
def overview_of(dataset: Dataset, level_id: str, lang: str, _area_names: dict[str, str]) -> tv.TargetsOverview:
    """Every target judged (city-wide ones on the areas of `level_id`) and the overview of them,
    once per dataset version, level and language."""
    judged = [judge(dataset, target, target.level or level_id) for target in dataset.store.targets()]
    labels = {level.id: level.label(lang) for level in dataset.store.metadata.levels}
    return tv.build_overview(judged, level_labels=labels, area_names=_area_names, lang=lang)


judged = [judge(dataset, target, target.level or state.level) for target in declared]
overview = overview_of(dataset, state.level, lang, area_names)
if overview.example_notes:
    st.info(t("targets.examples", lang, notes=" ".join(escape_markdown(note) for note in overview.example_notes)), icon=":material/info:")

st.header(t("targets.overview", lang), divider="gray")
for column, (status, n) in zip(st.columns(len(overview.counts)), overview.counts):
    column.metric(t(f"status.{status}", lang), n, border=True)
plotly_chart(overview.figure, alt=overview.alt)
st.dataframe(overview.table, hide_index=True)
download(overview.export, key="targets_overview")
with st.expander(t("targets.method_title", lang), icon=":material/menu_book:"):
    st.markdown(t("targets.method", lang))

st.header(t("targets.detail", lang), divider="gray")
ids = [target.target_id for target in declared]
if state.target is not None and state.target not in ids:
    st.info(t("targets.unknown_in_link", lang))
# the widget keeps its own key, set from the view state when it has none (first visit, a link, a page switch)
if st.session_state.get("w_target") not in ids:
    st.session_state["w_target"] = state.target if state.target in ids else ids[0]
chosen_id = st.selectbox(
    t("targets.choose", lang),
    ids,
    key="w_target",
    placeholder=t("select.placeholder", lang),
    format_func=lambda target_id: declared[ids.index(target_id)].label(lang),  # options are shown as plain text
)
if chosen_id != state.target:
    set_view(target=chosen_id)
item = judged[ids.index(chosen_id)]
target = item.target
level = metadata.level(item.level_id)
detail = detail_of(dataset, target, item.level_id, lang, area_names)
st.markdown("\n\n".join(detail.sentences))
if detail.figure is not None:
    st.subheader(t("targets.trend_title", lang))
    plotly_chart(detail.figure, alt=detail.alt)
    with st.expander(t("targets.table_alt", lang)):
        st.dataframe(detail.trend_table)
    download(detail.trend_export, key="targets_trend", what="chart")

st.subheader(t("targets.areas_title", lang))
if detail.areas_intro:
    st.caption(detail.areas_intro)
if detail.area_counts:
    st.markdown(detail.area_counts)
if detail.furthest:
    st.markdown(detail.furthest)
st.dataframe(detail.area_table, hide_index=True)
if detail.area_table_note:
    st.caption(detail.area_table_note)
st.caption(t("note.suppression_rule", lang, min_count=metadata.min_count, min_denominator=metadata.min_denominator))
download(detail.area_export, key="targets_areas")
footer()

"""Inequality and spatial patterns: Gini and five more measures over all periods, the between/within
decomposition across the levels, the Lorenz curve, Moran's I, LISA clusters and Gi* hot spots."""
from __future__ import annotations

import streamlit as st

from loaders.store import Indicator
from ui.accessibility import plotly_chart
from ui.data import Dataset
from ui.download import download
from ui.frame_cache import cached_by_bytes
from ui.layout import context, footer, map_columns, report_rejected_options, set_options
from ui.map_scope import MapScope, scope_for, scoped_geometries, show_scope, shown_map
from views.i18n import t
from views.inequality import PATTERNS, InequalityView, ancestors_at, build_inequality, decomposition_by_level, measures_over_time
from views.markup import LONG_TEXT_CHARACTERS, escape_markdown, markdown_list, markdown_text, plain

ctx = context()
lang, state, entry, dataset = ctx.lang, ctx.state, ctx.entry, ctx.dataset
metadata = ctx.metadata
level = metadata.level(state.level)
position = metadata.level_ids.index(state.level)
parent_level = metadata.levels[position - 1] if position > 0 else None

st.title(t("ineq.title", lang))
st.subheader(f"{escape_markdown(entry.label(lang))} · {state.period} · {escape_markdown(level.label(lang))}")
st.markdown(markdown_text("ineq.intro", lang, indicator=entry.label(lang), level=level.plural(lang)))

areas = dataset.areas(state.level)


def population_in(dataset: Dataset, level_id: str, period: int):
    """Residents per area of the level in `period` (None without a population indicator or year)."""
    indicator = dataset.store.metadata.population_indicator
    if not indicator or period not in dataset.periods(indicator):
        return None
    return dataset.values(indicator, period, level_id).set_index("area_id")["value"]


@cached_by_bytes
def inequality_view(dataset: Dataset, entry: Indicator, period: int, level_id: str, lang: str, scope: MapScope) -> InequalityView:
    """The page's view (measures, two maps of every area, the table) once per dataset version and
    choice: a rerun that changes none of it does not build it again. Read-only, shared by the sessions."""
    meta = dataset.store.metadata
    position = meta.level_ids.index(level_id)
    parent = meta.levels[position - 1] if position > 0 else None
    return build_inequality(
        values=dataset.values(entry.indicator_id, period, level_id),
        geometries=scoped_geometries(dataset, scope),
        parents=dataset.areas(level_id).set_index("area_id")["parent_id"] if parent else None,
        population=population_in(dataset, level_id, period),
        entry=entry,
        period=period,
        level_plural=meta.level(level_id).plural(lang),
        parent_level=parent.label(lang) if parent else None,
        lang=lang,
        population_indicator=meta.population_indicator,
    )


@cached_by_bytes
def over_time_of(dataset: Dataset, entry: Indicator, level_id: str, lang: str):
    """The six measures over every period once per dataset version and choice (read-only, shared)."""
    meta = dataset.store.metadata
    values = dataset.values_by_period(entry.indicator_id, level_id)  # one query for every period, not one per period
    residents = dataset.values_by_period(meta.population_indicator, level_id) if meta.population_indicator else {}
    return measures_over_time(
        values,
        {period: residents[period].set_index("area_id")["value"] if period in residents else None for period in values},
        entry=entry,
        level_plural=meta.level(level_id).plural(lang),
        lang=lang,
        population_indicator=meta.population_indicator,
    )


@cached_by_bytes
def by_level_of(dataset: Dataset, entry: Indicator, period: int, level_id: str, lang: str):
    """Between and within across the coarser levels once per dataset version and choice (read-only, shared)."""
    meta = dataset.store.metadata
    position = meta.level_ids.index(level_id)
    upwards = [dataset.areas(level).set_index("area_id")["parent_id"] for level in reversed(meta.level_ids[1 : position + 1])]
    groupings = [(meta.levels[position - depth].label(lang), ancestors_at(upwards, depth)) for depth in range(1, position + 1)]
    return decomposition_by_level(
        dataset.values(entry.indicator_id, period, level_id),
        groupings=groupings,
        population=population_in(dataset, level_id, period),
        entry=entry,
        period=period,
        level_plural=meta.level(level_id).plural(lang),
        lang=lang,
        population_indicator=meta.population_indicator,
    )


scope = scope_for(dataset, state.level, key="inequality")
view = inequality_view(dataset, entry, state.period, state.level, lang, scope)

for column, (label, value) in zip(st.columns(max(len(view.headlines), 1)), view.headlines):
    column.metric(escape_markdown(label), escape_markdown(value), border=True)
st.markdown("\n\n".join(view.sentences))

# ---- six measures over all periods ----------------------------------------------------------------
st.header(t("ineq.over_time", lang), divider="gray")
st.markdown(markdown_text("ineq.over_time_intro", lang, indicator=entry.label(lang), level=level.plural(lang)))
over_time = over_time_of(dataset, entry, state.level, lang)
if over_time.figure is not None:
    plotly_chart(over_time.figure, alt=plain(over_time.alt, limit=LONG_TEXT_CHARACTERS))
    st.dataframe(over_time.table, hide_index=True)
    download(over_time.export, key="inequality_measures")
else:
    st.info(escape_markdown(" ".join(over_time.notes)))
st.markdown("\n".join(f"- {escape_markdown(sentence)}" for sentence in over_time.explanations))
if over_time.notes and over_time.figure is not None:
    st.caption(escape_markdown(" · ".join(over_time.notes)))

# ---- between and within, across the levels --------------------------------------------------------
st.header(t("ineq.by_level", lang), divider="gray")
if position == 0:
    st.info(t("ineq.by_level_none", lang))
else:
    st.markdown(markdown_text("ineq.by_level_intro", lang, level=level.plural(lang)))
    by_level = by_level_of(dataset, entry, state.period, state.level, lang)
    if by_level.export is None:
        st.info(t("ineq.undefined", lang, measure="Theil T", reason=by_level.reason or t("ineq.reason.few", lang)))
    else:
        st.dataframe(by_level.table, hide_index=True)
        st.markdown(" ".join(by_level.sentences))
        download(by_level.export, key="inequality_levels")

if view.lorenz is not None:
    st.header(t("ineq.lorenz", lang), divider="gray")
    plotly_chart(view.lorenz, alt=plain(view.lorenz_alt, limit=LONG_TEXT_CHARACTERS))
    with st.expander(t("overview.table", lang)):
        st.dataframe(view.lorenz_table, hide_index=True)
    download(view.lorenz_export, key="inequality_lorenz", what="chart")

st.header(t("ineq.spatial", lang), divider="gray")
show_scope(dataset, scope, lang)
on_map = shown_map(scope, view, lambda shown: inequality_view(dataset, entry, state.period, shown, lang, MapScope(shown, shown)))
# One map at a time, the clusters or the hot spots, chosen beside it: two maps of every area
# would send twice the bytes (at 10,000 areas more than the 2 MB a page may send).
asked_pattern = state.option("pattern") or PATTERNS[0]
if asked_pattern not in PATTERNS:
    report_rejected_options(["pattern"], lang)
    asked_pattern = PATTERNS[0]
map_column, side_column = map_columns()
pattern = side_column.radio(
    t("ineq.pattern_choice", lang),
    PATTERNS,
    index=PATTERNS.index(asked_pattern),
    format_func=lambda shown: t("ineq.lisa_short" if shown == "clusters" else "ineq.gi_short", lang),
    key="w_ineq_pattern",
)
set_options(pattern=None if pattern == PATTERNS[0] else pattern)
clusters = pattern == "clusters"
deck, legend_html, map_alt = (on_map.deck, on_map.legend_html, on_map.map_alt) if clusters else (on_map.hot_deck, on_map.hot_legend_html, on_map.hot_alt)
with map_column:
    st.subheader(t("ineq.lisa_short" if clusters else "ineq.gi_short", lang))
    st.markdown(t("ineq.clusters_intro", lang) if clusters else on_map.hot_intro)
    if deck is not None:
        st.pydeck_chart(deck, height=520, alt=plain(map_alt, limit=LONG_TEXT_CHARACTERS))
    if not clusters and deck is not None and not on_map.hot_found:
        st.caption(t("ineq.hotspot_none_found", lang))
if deck is not None:
    side_column.html(legend_html)
note = metadata.geometry_note(lang)
if note:
    st.caption(escape_markdown(note))
if view.missing_geometry:
    st.caption(markdown_text("map.no_geometry", lang, areas=markdown_list(view.missing_geometry)))
for note in view.spatial_notes:  # few areas, islands: said beside the clusters too
    st.caption(note)
st.dataframe(view.cluster_table, hide_index=True)
if view.cluster_table_note:
    st.caption(escape_markdown(view.cluster_table_note))
download(view.cluster_export, key="inequality_clusters")
footer(ctx)

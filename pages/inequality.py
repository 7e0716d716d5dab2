"""Inequality and spatial patterns: Gini, between/within decomposition, Lorenz curve, Moran's I and LISA."""
from __future__ import annotations

import streamlit as st

from ui.download import download
from ui.layout import context, footer, map_with_legend
from views.i18n import t
from views.inequality import build_inequality
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
population = None
if metadata.population_indicator:
    population = dataset.values(metadata.population_indicator, state.period, state.level).set_index("area_id")["value"]
view = build_inequality(
    values=dataset.values(state.indicator, state.period, state.level),
    geometries=dataset.geometries(state.level),
    parents=areas.set_index("area_id")["parent_id"] if parent_level else None,
    population=population,
    entry=entry,
    period=state.period,
    level_plural=level.plural(lang),
    parent_level=parent_level.label(lang) if parent_level else None,
    lang=lang,
)

for column, (label, value) in zip(st.columns(max(len(view.headlines), 1)), view.headlines):
    column.metric(escape_markdown(label), escape_markdown(value), border=True)
st.markdown("\n\n".join(view.sentences))

if view.lorenz is not None:
    st.header(t("ineq.lorenz", lang), divider="gray")
    st.plotly_chart(view.lorenz, alt=plain(view.lorenz_alt, limit=LONG_TEXT_CHARACTERS), config={"displaylogo": False})
    with st.expander(t("overview.table", lang)):
        st.dataframe(view.lorenz_table, hide_index=True)
    download(view.lorenz_export, key="inequality_lorenz", what="chart")

st.header(t("ineq.clusters", lang), divider="gray")
st.markdown(t("ineq.clusters_intro", lang))
if view.deck is not None:
    map_with_legend(
        view.deck, alt=view.map_alt, legend_html=view.legend_html, missing_geometry=view.missing_geometry, metadata=metadata, lang=lang
    )
if view.islands:
    st.caption(markdown_text("ineq.islands", lang, areas=markdown_list(view.islands)))
st.dataframe(view.cluster_table, hide_index=True)
download(view.cluster_export, key="inequality_clusters")
footer(ctx)

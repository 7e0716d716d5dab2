"""Gebietstypen: a typology of the areas from chosen indicators (z-values, Ward), its map, profiles and stability."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from metrics.typology import Stability, stability
from ui.accessibility import plotly_chart
from ui.layout import context, end_page, map_with_legend, set_view
from views import area_types as at
from views.domains import indicator_order
from ui.download import download
from views.i18n import t
from views.markup import escape_markdown
from views.social_index import sources_caption
from views.state import TYPES_K_RANGE, nearest_period

ctx = context()
lang, state, dataset = ctx.lang, ctx.state, ctx.dataset
metadata, store = ctx.metadata, ctx.dataset.store
level = metadata.level(state.level)


@st.cache_data(show_spinner=False, max_entries=32)
def typology_stability(z: pd.DataFrame, k: int) -> Stability:
    return stability(z.to_numpy(), k, resamples=at.RESAMPLES, seed=at.SEED)


@st.cache_data(show_spinner=False, max_entries=32)
def typology_of(matrix: pd.DataFrame, k: int | None) -> at.Typology:
    """The typology once per matrix and k: Ward's tree of 10,000 areas takes many seconds."""
    return at.build_typology(matrix, k=k)


st.title(t("types.title", lang))

ids = indicator_order(store.catalog())
entries = {i: store.indicator(i) for i in ids}
# widgets keep their own keys, set from the view state when they have none (first visit, a link, a page switch)
if not st.session_state.get("w_types"):
    st.session_state["w_types"] = list(state.types) or at.default_indicators(metadata.area_type_indicators, metadata.social_index, ids)
chosen = st.multiselect(
    t("types.indicators", lang),
    ids,
    key="w_types",
    placeholder=t("select.placeholder", lang),
    format_func=lambda i: f"{t('domain.' + entries[i].domain, lang)} · {entries[i].label(lang)}",  # options are plain text
)
k_options = ["auto", *range(TYPES_K_RANGE[0], TYPES_K_RANGE[1] + 1)]
if st.session_state.get("w_types_k") not in k_options:
    st.session_state["w_types_k"] = state.k if state.k in k_options else "auto"

periods = {i: nearest_period(state.period, dataset.periods(i)) for i in chosen if dataset.periods(i)}
values = {i: dataset.values(i, periods[i], state.level) for i in chosen if i in periods}
labels = {i: entries[i].label(lang) for i in ids}
selection = at.select_areas(values, labels=labels, lang=lang) if values else None
usable = list(selection.matrix.columns) if selection is not None else []
dropped = [(i, "types.dropped.no_values") for i in chosen if i not in periods] + (selection.dropped_indicators if selection else [])
if dropped:
    st.caption(t("types.dropped", lang, items="; ".join(f"{escape_markdown(labels[i])}: {t(key, lang)}" for i, key in dropped)))
if len(usable) < at.MIN_INDICATORS:
    st.info(t("types.too_few_indicators", lang, n=at.MIN_INDICATORS, period=state.period, level=escape_markdown(level.label(lang))))
    set_view(types=tuple(chosen))
    end_page()
if len(selection.matrix) < at.MIN_AREAS:
    st.info(t("types.too_few_areas", lang, n=len(selection.matrix), min=at.MIN_AREAS))
    set_view(types=tuple(chosen))
    end_page()

suggested = typology_of(selection.matrix, None).suggested_k
k_choice = st.segmented_control(
    t("types.k", lang),
    k_options,
    key="w_types_k",
    format_func=lambda k: t("types.k_auto", lang, k=suggested) if k == "auto" else str(k),
)
k_choice = k_choice if k_choice is not None else "auto"
set_view(types=tuple(chosen), k=None if k_choice == "auto" else int(k_choice))
typology = typology_of(selection.matrix, None if k_choice == "auto" else int(k_choice))
view = at.build_view(
    typology,
    selection,
    stability=typology_stability(typology.z, typology.k),
    entries=entries,
    geometries=dataset.geometries(state.level),
    period=state.period,
    level_plural=level.plural(lang),
    lang=lang,
)
if len(set(periods.values())) > 1:
    st.caption(", ".join(f"{escape_markdown(labels[i])}: {periods[i]}" for i in usable))

# The map first (on the first screen of a projector), then what the types are.
st.header(t("types.map_title", lang), divider="gray")
map_with_legend(
    view.deck, alt=view.map_alt, legend_html=view.legend_html, missing_geometry=view.missing_geometry, metadata=metadata, lang=lang
)
st.markdown(view.summary)
st.caption(t("types.intro", lang))
st.header(t("types.profiles_title", lang), divider="gray")
st.markdown("\n".join(f"- {sentence}" for sentence in view.sentences))
st.caption(t("types.profiles_note", lang))

st.subheader(t("types.heatmap_title", lang))
plotly_chart(view.heatmap, alt=view.heatmap_alt)
with st.expander(t("targets.table_alt", lang)):
    st.dataframe(view.profile_table, hide_index=True)
download(view.profile_export, key="types_profiles", what="chart")

st.header(t("types.k_title", lang), divider="gray")
st.markdown(t("types.k_intro", lang))
plotly_chart(view.silhouette_figure, alt=view.silhouette_alt)
with st.expander(t("targets.table_alt", lang)):
    st.dataframe(view.silhouette_table, hide_index=True)
download(view.silhouette_export, key="types_silhouette", what="chart")

st.header(t("types.stability_title", lang), divider="gray")
st.markdown(t("types.stability_intro", lang))
st.markdown(view.stability_sentence)
st.dataframe(view.stability_table, hide_index=True)

st.header(t("types.areas_title", lang), divider="gray")
st.dataframe(view.area_table, hide_index=True)
st.caption(t("note.suppression_rule", lang, min_count=metadata.min_count, min_denominator=metadata.min_denominator))
download(view.export, key="types_areas")
if not view.left_out_table.empty:
    st.subheader(t("types.left_out_title", lang))
    st.dataframe(view.left_out_table, hide_index=True)

with st.expander(t("types.method_title", lang), icon=":material/menu_book:"):
    st.markdown(t("types.method", lang, resamples=at.RESAMPLES))

st.divider()
st.caption(
    sources_caption(
        metadata.attribution,
        [(entries[i].label(lang), entries[i].source, entries[i].licence) for i in usable],
        lang,
    )
)

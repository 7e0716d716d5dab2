"""Gebietstypen: a typology of the areas from chosen indicators (z-values, Ward), its map, profiles and stability."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from metrics.typology import (
    MAX_BOOTSTRAP_AREAS,
    MAX_SAMPLED_AREAS,
    MAX_WARD_AREAS,
    Stability,
    stability,
)
from ui.accessibility import plotly_chart
from ui.data import Dataset
from ui.download import download
from ui.frame_cache import cached_by_bytes
from ui.layout import context, end_page, map_with_legend, set_view
from ui.map_scope import MapScope, no_values_at_coarser, scope_for, scoped_geometries, show_scope
from views import area_types as at
from views.domains import indicator_order
from views.i18n import format_number, t
from views.markup import escape_markdown
from views.social_index import sources_caption
from views.state import TYPES_K_RANGE, nearest_period

ctx = context()
lang, state, dataset = ctx.lang, ctx.state, ctx.dataset
metadata, store = ctx.metadata, ctx.dataset.store
level = metadata.level(state.level)


Choice = tuple[tuple[str, int], ...]  # the used indicators with the period each is read in


@cached_by_bytes
def selection_of(dataset: Dataset, choice: Choice, level_id: str, lang: str) -> at.Selection:
    """The areas with complete values once per dataset version, choice, level and language (the
    reasons of the areas left out are words). Read-only, shared by the sessions."""
    store = dataset.store
    values = {i: dataset.values(i, period, level_id) for i, period in choice}
    return at.select_areas(values, labels={i: store.indicator(i).label(lang) for i, _ in choice}, lang=lang)


@cached_by_bytes
def typology_of(dataset: Dataset, choice: Choice, level_id: str, k: int | None, _matrix: pd.DataFrame) -> at.Typology:
    """The typology once per dataset version, choice, level and k (`_matrix`, the selection's
    values, is not hashed: the key stands for it)."""
    return at.build_typology(_matrix, k=k)


@cached_by_bytes
def stability_of(dataset: Dataset, choice: Choice, level_id: str, k: int | None, _typology: at.Typology) -> Stability:
    """The bootstrap stability once per dataset version, choice, level and k (not per language:
    a hundred Ward trees of up to MAX_SAMPLED_AREAS areas take seconds)."""
    return stability(_typology.z.to_numpy(), _typology.labels.to_numpy(), resamples=at.RESAMPLES, seed=at.SEED)


@cached_by_bytes
def types_view(
    dataset: Dataset, choice: Choice, level_id: str, k: int | None, period: int, level_plural: str, lang: str, scope: MapScope,
) -> at.TypesView:
    """The page's view (map, charts, tables, the bootstrap stability) once per dataset version and
    choice: a rerun that changes none of it does not build it again."""
    selection = selection_of(dataset, choice, level_id, lang)
    typology = typology_of(dataset, choice, level_id, k, selection.matrix)
    store = dataset.store
    return at.build_view(
        typology,
        selection,
        stability=stability_of(dataset, choice, level_id, k, typology),
        entries={i: store.indicator(i) for i, _ in choice},
        geometries=scoped_geometries(dataset, scope),
        period=period,
        level_plural=level_plural,
        lang=lang,
    )


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
choice = tuple(periods.items())
labels = {i: entries[i].label(lang) for i in ids}
selection = selection_of(dataset, choice, state.level, lang) if choice else None
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

suggested = typology_of(dataset, choice, state.level, None, selection.matrix).suggested_k
k_choice = st.segmented_control(
    t("types.k", lang),
    k_options,
    key="w_types_k",
    format_func=lambda k: t("types.k_auto", lang, k=suggested) if k == "auto" else str(k),
)
k_choice = k_choice if k_choice is not None else "auto"
set_view(types=tuple(chosen), k=None if k_choice == "auto" else int(k_choice))
scope = scope_for(dataset, state.level, key="area_types")
view = types_view(dataset, choice, state.level, None if k_choice == "auto" else int(k_choice), state.period, level.plural(lang), lang, scope)
if len(set(periods.values())) > 1:
    st.caption(", ".join(f"{escape_markdown(labels[i])}: {periods[i]}" for i in usable))

# The map first (on the first screen of a projector), then what the types are.
st.header(t("types.map_title", lang), divider="gray")
show_scope(dataset, scope, lang)
if scope.coarser:  # the types are formed at the chosen level: no map of a coarser one is made up
    no_values_at_coarser(dataset, scope, t("types.title", lang), state.period, lang)
map_with_legend(
    None if scope.coarser else view.deck, alt=view.map_alt, legend_html=view.legend_html, missing_geometry=view.missing_geometry, metadata=metadata, lang=lang
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
if view.area_table_note:
    st.caption(view.area_table_note)
st.caption(t("note.suppression_rule", lang, min_count=metadata.min_count, min_denominator=metadata.min_denominator))
download(view.export, key="types_areas")
if not view.left_out_table.empty:
    st.subheader(t("types.left_out_title", lang))
    st.dataframe(view.left_out_table, hide_index=True)

with st.expander(t("types.method_title", lang), icon=":material/menu_book:"):
    st.markdown(
        t(
            "types.method",
            lang,
            resamples=at.RESAMPLES,
            ward_areas=format_number(MAX_WARD_AREAS, lang, 0),
            sampled=format_number(MAX_SAMPLED_AREAS, lang, 0),
            bootstrap=format_number(MAX_BOOTSTRAP_AREAS, lang, 0),
        )
    )

st.divider()
st.caption(
    sources_caption(
        metadata.attribution,
        [(entries[i].label(lang), entries[i].source, entries[i].licence) for i in usable],
        lang,
    )
)

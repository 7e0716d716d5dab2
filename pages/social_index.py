"""Sozialindex: status and dynamics classes per area, the method, adjustable weights, sensitivity.

Thin: reads what views.social_index says to read, keeps the weights in the session, and shows
what views.social_index.build_view builds.
"""
from __future__ import annotations

import streamlit as st

from ui.accessibility import plotly_chart
from ui.data import Dataset
from ui.download import download
from ui.frame_cache import cached_by_bytes
from ui.layout import context, end_page, map_columns, map_with_legend, report_rejected_options, set_options
from ui.map_scope import MapScope, no_values_at_coarser, scope_for, scoped_geometries, show_scope
from views import social_index as si
from views import tables
from views.i18n import t
from views.markup import LONG_TEXT_CHARACTERS, escape_markdown, markdown_list, markdown_text, plain



@cached_by_bytes
def index_of(
    dataset: Dataset, _config: si.SocialIndexConfig, period: int, level_id: str, weights: dict[str, float]
) -> tuple[si.IndexTable, si.IndexRun | None, si.IndexUnavailable | None]:
    """The index table and the run with `weights` once per dataset version and choice (or why
    the index cannot be computed). Read-only, shared by the sessions; `_config` is the
    dataset's own (not hashed: the dataset's version stands for it)."""
    config = _config
    index_table = si.build_table(
        config,
        values={indicator: dataset.values(indicator, period, level_id) for indicator in si.direct_indicators(config)},
        level_series={source: dataset.series(source, level_id, []) for source in config.dynamics_from_levels.values()},
        period=period,
    )
    try:
        return index_table, si.run_index(config, index_table.table, weights), None
    except si.IndexUnavailable as problem:
        return index_table, None, problem


@cached_by_bytes
def social_index_view(
    dataset: Dataset, _config: si.SocialIndexConfig, period: int, level_id: str, weights: dict[str, float], dimension: str,
    level_plural: str, lang: str, scope: MapScope,
) -> si.SocialIndexView:
    """The page's view (the map of every area, tables, charts) once per dataset version and
    choice: a rerun that changes none of it does not build it again."""
    config, store = _config, dataset.store
    index_table, run, _ = index_of(dataset, config, period, level_id, weights)
    return si.build_view(
        config=config,
        index_table=index_table,
        run=run,
        geometries=scoped_geometries(dataset, scope),
        labels=si.indicator_labels(config, {i: store.indicator(i).label(lang) for i in store.indicator_ids()}, lang),
        units=si.indicator_units(config, {i: store.indicator(i).unit(lang) for i in store.indicator_ids()}, lang),
        catalog={i: store.indicator(i) for i in si.required_indicators(config)},
        period=period,
        level_plural=level_plural,
        dimension=dimension,
        lang=lang,
    )


ctx = context()
lang, state, dataset = ctx.lang, ctx.state, ctx.dataset
metadata, store = ctx.metadata, ctx.dataset.store

st.title(t("si.title", lang))
try:
    config = si.read_config(metadata, store.catalog())
    level_id = si.index_level(config, metadata.level_ids) if config is not None else None
except ValueError as error:
    st.error(markdown_text("si.error.config", lang, detail=str(error)), icon=":material/error:")
    end_page()
if config is None:
    st.info(t("si.error.no_config", lang))
    end_page()
unknown = [i for i in si.required_indicators(config) if i not in store.indicator_ids()]
if unknown:
    st.error(markdown_text("si.error.unknown_indicators", lang, ids=markdown_list(unknown)), icon=":material/error:")
    end_page()

level = metadata.level(level_id)
periods = si.index_periods(config, {i: dataset.periods(i) for i in si.required_indicators(config)})
if not periods:
    st.error(t("si.error.no_period", lang), icon=":material/error:")
    end_page()
period = si.choose_period(periods, state.period)
labels = si.indicator_labels(config, {i: store.indicator(i).label(lang) for i in store.indicator_ids()}, lang)
units = si.indicator_units(config, {i: store.indicator(i).unit(lang) for i in store.indicator_ids()}, lang)

st.subheader(escape_markdown(si.subtitle(level.plural(lang), period, lang)))
if state.level != level_id:
    st.info(markdown_text("si.level_note", lang, chosen=metadata.level(state.level).label(lang), level=level.label(lang)), icon=":material/info:")
if period != state.period:
    st.info(t("si.period_fallback", lang, wanted=state.period, period=period), icon=":material/info:")

# weights: one slider per index indicator, kept in the session and in the URL (a copied link
# reproduces the run), with a reset
defaults = si.default_weights(config)
from_url, unusable = si.weights_from_text(state.option("weights"), defaults)
if unusable:
    report_rejected_options(["weights"], lang)
keys = {indicator: f"w_si_weight_{indicator}" for indicator in defaults}
for indicator, key in keys.items():
    if key not in st.session_state:
        st.session_state[key] = from_url[indicator]


def reset_weights() -> None:
    for name, widget_key in keys.items():
        st.session_state[widget_key] = defaults[name]


def weights_section() -> None:
    """The sliders (after the map; also where the weights leave no index, so that they can be changed back)."""
    st.header(t("si.weights.title", lang), divider="gray")
    st.caption(t("si.weights.intro", lang))
    groups = [("si.weights.status", config.status_indicators)]
    if config.dynamics_indicators:
        groups.append(("si.weights.dynamics", config.dynamics_indicators))
    for title, indicators in groups:
        st.markdown(f"**{t(title, lang)}**")
        columns = st.columns(si.WEIGHT_COLUMNS)
        for number, indicator in enumerate(indicators):
            columns[number % si.WEIGHT_COLUMNS].slider(
                escape_markdown(labels[indicator]),
                min_value=0.0,
                max_value=si.weight_slider_max(defaults[indicator]),
                step=si.WEIGHT_STEP,
                format="%.1f",
                key=keys[indicator],
                help=t("si.weights.help", lang),
            )
    st.button(t("si.weights.reset", lang), on_click=reset_weights, icon=":material/restart_alt:", disabled=weights == defaults)
    set_options(weights=si.weights_text(weights, defaults))
    if weights != defaults:
        st.info(f"{t('si.weights.changed', lang)} {t('si.weights.link', lang)}", icon=":material/tune:")


weights = {indicator: float(st.session_state[key]) for indicator, key in keys.items()}
index_table, run, problem = index_of(dataset, config, period, level_id, weights)
if problem is not None:
    st.warning(problem.text(lang), icon=":material/warning:")
    weights_section()
    end_page()
if run.unknown_excluded:
    st.caption(markdown_text("si.error.unknown_excluded", lang, ids=markdown_list(run.unknown_excluded)))

# The map first (on the first screen of a projector), the map choice and legend beside it; the
# explanation and the weights follow.
st.header(t("si.map.title", lang), divider="gray")
map_column, side_column = map_columns()
dimensions = si.DIMENSIONS if config.dynamics_indicators else ("status",)
asked_dimension = state.option("map") or "status"
if asked_dimension not in dimensions:
    report_rejected_options(["map"], lang)
    asked_dimension = "status"
dimension = asked_dimension
if len(dimensions) > 1:
    dimension = side_column.radio(
        t("si.map.dimension", lang),
        dimensions,
        index=dimensions.index(asked_dimension),
        format_func=lambda d: t(f"si.dimension.{d}", lang),
        key="w_si_dimension",
    )
set_options(map=None if dimension == "status" else dimension)
scope = scope_for(dataset, level_id, key="social_index")
view = social_index_view(dataset, config, period, level_id, weights, dimension, level.plural(lang), lang, scope)
with map_column:
    show_scope(dataset, scope, lang)
    if scope.coarser:  # the index is formed at its own level only: no map of a coarser one is made up
        no_values_at_coarser(dataset, scope, t("si.title", lang), period, lang)
map_with_legend(
    None if scope.coarser else view.deck,
    alt=view.map_alt,
    legend_html=view.legend_html,
    missing_geometry=view.missing_geometry,
    metadata=metadata,
    lang=lang,
    columns=(map_column, side_column),
)
st.markdown(view.summary)
if view.no_class_note:
    st.markdown(view.no_class_note)
download(view.map_export, key="si_map", what="map")
st.caption(markdown_text("si.scope", lang, level=level.label(lang), period=period))

if config.dynamics_indicators:
    st.markdown(
        markdown_text("si.intro", lang, period=period, start=period - config.dynamics_span_years, level=level.plural(lang), city=metadata.city)
    )
else:
    st.markdown(markdown_text("si.intro_no_dynamics", lang, period=period, level=level.plural(lang), city=metadata.city))
with st.expander(t("si.method.title", lang), icon=":material/menu_book:"):
    st.markdown(si.method_markdown(config, labels, level_plural=level.plural(lang), lang=lang))


weights_section()

if view.matrix is not None:
    st.header(t("si.matrix.title", lang), divider="gray")
    st.markdown(markdown_text("si.matrix.intro", lang, level=level.plural(lang)))
    st.html(view.matrix_html)
    st.caption(escape_markdown(view.matrix_alt))
    download(view.matrix_export, key="si_matrix")

st.header(t("si.table.title", lang), divider="gray")
st.dataframe(view.table.head(tables.SCREEN_ROWS), hide_index=True)  # the first rows: a million areas are 240 MB of page
if note := tables.rows_note(tables.SCREEN_ROWS, len(view.table), lang):
    st.caption(note)
st.caption(view.reading)
st.caption(markdown_text("si.table.caption", lang, level=level.plural(lang)))
st.caption(t("note.suppression_rule", lang, min_count=metadata.min_count, min_denominator=metadata.min_denominator))
download(view.export, key="si_table")

st.header(t("si.sensitivity.title", lang), divider="gray")
if view.sensitivity_figure is None:
    st.info(view.sensitivity_note)
else:
    st.markdown(view.sensitivity_intro)
    if view.sensitivity_note:
        st.caption(view.sensitivity_note)
    plotly_chart(view.sensitivity_figure, alt=plain(view.sensitivity_alt, limit=LONG_TEXT_CHARACTERS))
    with st.expander(t("si.sensitivity.table", lang)):
        st.dataframe(view.sensitivity_table.head(tables.SCREEN_ROWS), hide_index=True)
        if note := tables.rows_note(tables.SCREEN_ROWS, len(view.sensitivity_table), lang):
            st.caption(note)
    download(view.sensitivity_export, key="si_sensitivity", what="chart")

st.divider()
st.caption(
    si.sources_caption(
        metadata.attribution,
        [(store.indicator(i).label(lang), store.indicator(i).source, store.indicator(i).licence) for i in si.required_indicators(config)],
        lang,
    )
)

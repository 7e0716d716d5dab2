"""The presentation mode: the view's charts and map one per screen, for a projector.

`?present=1` in the URL (or the sidebar's toggle) turns it on; `slide=N` is the screen. The
sidebar and the page's controls are hidden, the lettering is large, and the buttons "Zurück",
"Weiter" and "Beenden" answer to the arrow keys and Escape. Every screen shows, small, the
link to the view, the data vintage and the demo notice.
"""
from __future__ import annotations

from dataclasses import replace

import streamlit as st

from ui.accessibility import plotly_chart
from ui.layout import STATE_KEY, WIDGET_PRESENT, Context, app_url, context, set_state
from ui.map_scope import scope_for
from views import presentation
from views.i18n import t
from views.inequality import build_inequality
from views.markup import LONG_TEXT_CHARACTERS, escape_html, escape_markdown, plain
from views.classify import DEFAULT_CLASS_METHOD
from views.overview import build_overview
from views.state import view_link
from views.text import highest_and_lowest, vintage

# Only the frame's chrome is hidden; sizes are in rem so the browser's zoom still works.
STYLE = """
<style>
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 0.75rem 2rem 0.25rem 2rem !important; max-width: 100% !important; }
[data-testid="stMain"] h2 { font-size: 1.85rem; line-height: 1.2; padding: 0.1rem 0 0 0; }
[data-testid="stMain"] [data-testid="stMarkdownContainer"] p { font-size: 1.3rem; }
[data-testid="stMain"] [data-testid="stCaptionContainer"] p { font-size: 0.95rem; }
[data-testid="stMain"] button p { font-size: 1.2rem; }
.sm-legend { font-size: 1.15rem; }
</style>
"""


def _slides(ctx: Context) -> list[presentation.Slide]:
    state, entry, dataset, lang = ctx.state, ctx.entry, ctx.dataset, ctx.lang
    metadata = ctx.metadata
    scope = scope_for(dataset, state.level, key="presentation")
    if scope.coarser:  # too many areas for one map: the slides show the coarser level, named on each
        state = replace(state, level=scope.shown_level)
    level = metadata.level(state.level)
    values = dataset.values(state.indicator, state.period, state.level)
    geometries = dataset.geometries(state.level)
    areas = dataset.areas(state.level)
    overview = build_overview(
        values=values,
        geometries=geometries,
        entry=entry,
        period=state.period,
        city=metadata.city,
        city_series=dataset.city_series(state.indicator),
        residents_series=dataset.city_series(metadata.population_indicator) if metadata.population_indicator else None,
        level_plural=level.plural(lang),
        lang=lang,
        class_method=state.classes or DEFAULT_CLASS_METHOD,
        area_sizes=areas.set_index("area_id")["area_km2"],
    )
    chosen = [state.area] if state.area in set(areas["area_id"]) else highest_and_lowest(overview.frame)
    trend = presentation.trend_table(
        dataset.city_series(state.indicator), dataset.series(state.indicator, state.level, chosen), city=metadata.city, lang=lang
    )
    inequality = None
    if overview.has_values:
        position = metadata.level_ids.index(state.level)
        parent = metadata.levels[position - 1] if position > 0 else None
        population = None
        if metadata.population_indicator:
            population = dataset.values(metadata.population_indicator, state.period, state.level).set_index("area_id")["value"]
        inequality = build_inequality(
            values=values,
            geometries=geometries,
            parents=areas.set_index("area_id")["parent_id"] if parent else None,
            population=population,
            entry=entry,
            period=state.period,
            level_plural=level.plural(lang),
            parent_level=parent.label(lang) if parent else None,
            lang=lang,
            population_indicator=metadata.population_indicator,
        )
    return presentation.build_slides(
        overview=overview, trend=trend, inequality=inequality, entry=entry, period=state.period, level_label=level.label(lang), city=metadata.city, lang=lang
    )


def _go_to(slide: int) -> None:
    set_state(replace(st.session_state[STATE_KEY], slide=slide))


def _leave() -> None:
    st.session_state.pop(WIDGET_PRESENT, None)
    set_state(replace(st.session_state[STATE_KEY], present=False, slide=1))


def show(page_path: str) -> None:
    """The screen `state.slide` of the view's slides, with the buttons to move on."""
    ctx = context()  # also leaves Streamlit's legacy multipage mode on a server's first request
    lang, state = ctx.lang, ctx.state
    st.html(STYLE)
    slides = _slides(ctx)
    number = min(max(state.slide, 1), len(slides))
    slide = slides[number - 1]

    title, back, forward, leave = st.columns([5.5, 1.7, 1.7, 1.7], vertical_alignment="center")
    title.markdown(f"## {escape_markdown(slide.title)}")
    back.button(t("present.back", lang), icon=":material/arrow_back:", shortcut="Left", disabled=number == 1, on_click=_go_to, args=(number - 1,), width="stretch", key="present_back")
    forward.button(t("present.next", lang), icon=":material/arrow_forward:", shortcut="Right", disabled=number == len(slides), on_click=_go_to, args=(number + 1,), width="stretch", key="present_next")
    leave.button(t("present.leave", lang), icon=":material/close:", shortcut="Escape", on_click=_leave, width="stretch", key="present_leave")

    if slide.deck is not None:
        visual, legend = st.columns([4, 1])
        visual.pydeck_chart(slide.deck, height=presentation.VISUAL_HEIGHT, alt=plain(slide.alt, limit=LONG_TEXT_CHARACTERS))
        legend.html(f'<div class="sm-legend">{slide.legend_html}</div>')
    elif slide.figure is not None:
        plotly_chart(slide.figure, alt=plain(slide.alt, limit=LONG_TEXT_CHARACTERS))
    if slide.caption:
        st.markdown(escape_markdown(slide.caption, limit=LONG_TEXT_CHARACTERS))

    metadata = ctx.metadata
    link = view_link(app_url(page_path), state)
    parts = [
        t("present.position", lang, n=number, total=len(slides)),
        f"{t('report.vintage', lang)}: {vintage(state.period, ctx.entry.vintage)}",
        *([t("demo.banner", lang)] if metadata.is_demo else []),
        f"{t('footer.attribution', lang)}: {ctx.entry.source}, {ctx.entry.licence}",
    ]
    st.html(
        '<p class="sm-imprint" style="font-size:0.95rem;margin:0;color:#333">'
        + " · ".join(escape_html(p) for p in parts)
        + f' · {escape_html(t("report.permalink", lang))}: {escape_html(link, limit=2000)}</p>'  # to read off the screen
    )

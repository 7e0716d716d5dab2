"""The frame around every page: sidebar choices kept in the URL, the demo banner, the error pages.

`app.py` calls `frame()` once per run before the page runs; a page asks `context()` for the
dataset, the catalog entry and the view state.
"""
from __future__ import annotations

import os
import logging
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import NoReturn

import streamlit as st

from loaders.contract import DatasetError
from loaders.store import Indicator
from ui.accessibility import declare_language
from ui.data import Dataset, current
from views.i18n import DEFAULT_LANGUAGE, language_name, languages, t
from views.markup import LONG_TEXT_CHARACTERS, escape_markdown, markdown_list, markdown_text, plain
from views.state import (
    BASE_URL_ENV,
    DEFAULT_BASE_URL,
    ViewState,
    nearest_period,
    page_address,
    page_query,
    permalink,
    resolve_state,
    to_query,
    with_options,
)
from views.domains import indicator_order

LOG = logging.getLogger("sozialmonitor")
FAVICON = Path(__file__).with_name("favicon.png")
CONTEXT_KEY = "sozialmonitor.context"

STATE_KEY = "sozialmonitor.state"
WIDGET_PRESENT = "w_present"
PAGE_KEY = "sozialmonitor.page"
URL_OPTIONS_KEY = "sozialmonitor.url_options"  # page options of the opening link, not yet checked by a page


@dataclass(frozen=True)
class Context:
    """What a page needs: the dataset, the view state and the chosen indicator's catalog entry."""

    dataset: Dataset
    state: ViewState
    entry: Indicator

    @property
    def lang(self) -> str:
        return self.state.lang

    @property
    def metadata(self):
        return self.dataset.store.metadata


def language_from_url() -> str:
    """The language of this session's view, else the one asked for in the URL (German by default)."""
    state = st.session_state.get(STATE_KEY)
    if state is not None:
        return state.lang
    asked = st.query_params.get("lang")
    return asked if asked in languages() else DEFAULT_LANGUAGE


def show_dataset_error(error: DatasetError, lang: str) -> None:
    """The error page for a dataset that breaks the contract: every problem, no traceback."""
    declare_language(lang)
    st.title(t("app.title", lang))
    st.error(t("error.dataset_title", lang), icon=":material/error:")
    st.markdown(markdown_text("error.dataset_intro", lang, folder=error.folder))
    st.markdown("\n".join(f"- {escape_markdown(problem.text(lang), limit=LONG_TEXT_CHARACTERS)}" for problem in error.problems))
    st.caption(t("error.dataset_hint", lang))


@contextmanager
def friendly_errors(page_title: str, lang: str) -> Iterator[None]:
    """Run a page so that an exception inside it becomes a short message in the user's language
    (what failed, what to try) and a traceback in the server log, under a reference shown to the
    user; the sidebar, already drawn, keeps working. Streamlit's control flow (st.rerun,
    st.stop, st.switch_page) raises BaseExceptions, which pass through untouched."""
    try:
        yield
    except Exception:
        reference = uuid.uuid4().hex[:8]
        LOG.exception("page %r failed (reference %s)", page_title, reference)
        st.error(markdown_text("error.page", lang, page=page_title, reference=reference), icon=":material/error:")


def _initial_state(dataset: Dataset) -> tuple[ViewState, list[str]]:
    store = dataset.store
    metadata = store.metadata
    default = ViewState(
        lang=DEFAULT_LANGUAGE,
        indicator=metadata.default_indicator,
        period=metadata.default_period,
        level=metadata.default_level,
    )
    return resolve_state(
        st.query_params.to_dict(),
        indicators=store.indicator_ids(),
        periods_of=dataset.periods,
        levels=list(metadata.level_ids),
        default=default,
    )


def frame() -> Context | None:
    """Sidebar, URL state and demo banner; None (after showing the error page) when the dataset is broken."""
    lang = language_from_url()
    try:
        dataset = current()
    except DatasetError as error:
        show_dataset_error(error, lang)
        return None
    store = dataset.store
    metadata = store.metadata
    # The view state lives in one session key, initialised from the URL. Widgets take their
    # position from it (so they survive runs in which Streamlit dropped widget state) and write
    # the user's choice back; the URL always mirrors it.
    previous: ViewState | None = st.session_state.get(STATE_KEY)
    if previous is None:
        previous, rejected = _initial_state(dataset)
        if rejected:
            st.session_state["sozialmonitor.rejected"] = rejected
        st.session_state[URL_OPTIONS_KEY] = {**dict(previous.options), **({"area": previous.area} if previous.area else {})}

    sidebar = st.sidebar
    lang = sidebar.radio(
        t("sidebar.language", previous.lang),
        languages(),
        index=languages().index(previous.lang),
        key="w_lang",
        format_func=language_name,  # each language by its own name
        horizontal=True,
    )
    declare_language(lang)
    sidebar.markdown(f"**{t('sidebar.dataset', lang)}:** {escape_markdown(metadata.name)}")
    ids = indicator_order(store.catalog())
    chosen = sidebar.selectbox(
        t("sidebar.indicator", lang),
        ids,
        index=ids.index(previous.indicator),
        key="w_indicator",
        placeholder=t("select.placeholder", lang),
        format_func=lambda i: plain(f"{t('domain.' + store.indicator(i).domain, lang)} · {store.indicator(i).label(lang)}"),
    )
    # the years with values at the level about to be shown (the level radio below keeps its
    # session value), else every year of the indicator and the page says what is missing
    upcoming_level = st.session_state.get("w_level", previous.level)
    if upcoming_level not in metadata.level_ids:
        upcoming_level = previous.level
    available = dataset.periods_at(chosen, upcoming_level) or dataset.periods(chosen)
    wanted = nearest_period(previous.period, available)
    if len(available) > 1:
        if st.session_state.get("w_period") not in available:
            st.session_state.pop("w_period", None)
        period = sidebar.select_slider(t("sidebar.period", lang), available, value=wanted, key="w_period")
    else:
        period = available[0]
        sidebar.markdown(f"**{t('sidebar.period', lang)}:** {period}")
    levels = list(metadata.level_ids)
    level = sidebar.radio(
        t("sidebar.level", lang),
        levels,
        index=levels.index(previous.level),
        key="w_level",
        format_func=lambda level_id: escape_markdown(metadata.level(level_id).label(lang)),
    )
    sidebar.caption(t("sidebar.link_hint", lang))
    present = sidebar.toggle(t("present.toggle", lang), value=previous.present, key=WIDGET_PRESENT, help=t("present.toggle_help", lang))
    state = replace(previous, lang=lang, indicator=chosen, period=int(period), level=level, present=present, slide=previous.slide if present else 1)
    st.session_state[STATE_KEY] = state
    st.query_params.from_dict({**page_query(st.query_params.to_dict()), **to_query(state)})  # the page reads and writes its own keys

    if metadata.is_demo and not present:  # the presentation shows the notice on every screen
        notice = metadata.demo_notice(lang)
        banner = f"**{t('demo.banner', lang)}**"
        with st.container(key="sm_demo_banner"):  # compact (ui.accessibility's style): the page's main visual stays on the first screen
            st.warning(f"{banner} — {escape_markdown(notice, limit=LONG_TEXT_CHARACTERS)}" if notice else banner, icon=":material/info:")
    rejected = st.session_state.pop("sozialmonitor.rejected", None)
    if rejected:
        st.info(t("notice.url_fallback", lang, keys=", ".join(rejected)))
    context = Context(dataset=dataset, state=state, entry=store.indicator(chosen))
    st.session_state[CONTEXT_KEY] = context
    return context


class _PageEnd(BaseException):
    """Raised by `end_page`. A BaseException, like Streamlit's own stop and rerun signals, so an
    `except Exception` inside a page or around it does not mistake it for an error."""


def end_page() -> NoReturn:
    """End the page here. Pages use this instead of `st.stop()`, which ends the whole run: after
    `end_page()` app.py still adds what follows every page (the feedback form)."""
    raise _PageEnd


def run_page(page: st.Page) -> None:
    """Run the page chosen in the navigation; a page that ends early with `end_page()` returns normally."""
    try:
        page.run()
    except _PageEnd:
        pass


def context() -> Context:
    """The context `frame()` prepared for this run."""
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory or CONTEXT_KEY not in st.session_state:
        _leave_legacy_multipage_mode(PagesManager)
    return st.session_state[CONTEXT_KEY]


def _leave_legacy_multipage_mode(pages_manager: type) -> NoReturn:
    """Rerun through app.py when Streamlit ran a page file directly.

    Until a process first calls st.navigation, Streamlit treats a folder named `pages` as a
    legacy multipage app and runs a deep link such as /profile without app.py. The first
    visitor after a restart would then see a broken page; switching that mode off and
    rerunning lets app.py build the frame and the navigation as on every other run. (AppTest
    switches pages the same legacy way.)
    """
    pages_manager.uses_pages_directory = False
    st.rerun()


def app_url(page: str = "") -> str:
    """The dashboard's root address for links: SOZIALMONITOR_BASE_URL if set, else what the
    browser shows, without the path of `page` (the page this run shows)."""
    configured = os.environ.get(BASE_URL_ENV, "").strip()
    if configured:
        return configured.rstrip("/")
    url = (st.context.url or DEFAULT_BASE_URL).rstrip("/")
    return url[: -len(page) - 1] if page and url.endswith("/" + page) else url


def set_state(state: ViewState) -> None:
    """Remember a changed view in the session and the URL (also from a widget's callback)."""
    st.session_state[STATE_KEY] = state
    if CONTEXT_KEY in st.session_state:
        st.session_state[CONTEXT_KEY] = replace(st.session_state[CONTEXT_KEY], state=state)
    st.query_params.from_dict(to_query(state))


def remember_page(url_path: str) -> None:
    """Note the running page's URL path (app.py, from st.navigation) for `view_permalink`."""
    st.session_state[PAGE_KEY] = url_path


def view_permalink() -> str:
    """The link that reopens the current view (page and every choice in the query string).

    The address is, in this order: SOZIALMONITOR_BASE_URL plus the page (the public address,
    e.g. for links in the minutes, where visitors reach the server by another name), the
    address the browser reports (st.context.url, page included, query left out), else the bare
    page path (AppTest and clients that report no address).
    """
    query = st.query_params.to_dict()
    page = st.session_state.get(PAGE_KEY, "")
    configured = os.environ.get(BASE_URL_ENV, "").strip()
    address = page_address(configured, page) if configured else (st.context.url or page_address("", page))
    return permalink(address, query)


def set_area(area_id: str | None) -> None:
    """Remember the chosen area in the session and the URL."""
    set_view(area=area_id)


def set_view(**changes: object) -> None:
    """Remember a page's choices (fields of views.state.ViewState) in the session and the URL."""
    set_state(replace(context().state, **changes))


def set_options(**changes: str | None) -> None:
    """Remember page options (views.state.OPTION_KEYS) in the session and the URL; None removes one."""
    state = with_options(context().state, **changes)
    if state != context().state:
        set_state(state)


def report_rejected_options(rejected: list[str], lang: str) -> None:
    """Say once which page options of the opening link could not be used (a later choice that
    stops fitting the data, e.g. after a change of level, falls back silently)."""
    from_url: dict = st.session_state.get(URL_OPTIONS_KEY, {})
    keys = [key for key in rejected if key in from_url]
    for key in keys:
        from_url.pop(key)
    if keys:
        st.info(t("notice.url_fallback", lang, keys=", ".join(keys)))


def map_columns():
    """The map's column and the narrower one beside it (legend, and a page's map controls above it)."""
    return st.columns([3, 1])


def map_with_legend(
    deck,
    *,
    alt: str,
    legend_html: str,
    missing_geometry: list[str],
    metadata,
    lang: str,
    key: str | None = None,
    on_select=None,
    columns=None,
) -> None:
    """A map (if anything can be drawn) with its legend beside it and notes on the geometry below.

    With `on_select` (a callback) and `key` the map is a widget: a click on a pickable object
    calls it, and the selection is in st.session_state[key]. `columns` are the page's own
    `map_columns()` where it puts controls beside the map before drawing it.
    """
    map_column, legend_column = columns or map_columns()
    with map_column:
        if deck is not None and on_select is not None:
            st.pydeck_chart(
                deck, height=520, alt=plain(alt, limit=LONG_TEXT_CHARACTERS), key=key, on_select=on_select, selection_mode="single-object"
            )
        elif deck is not None:
            st.pydeck_chart(deck, height=520, alt=plain(alt, limit=LONG_TEXT_CHARACTERS))
        note = metadata.geometry_note(lang)
        if note:
            st.caption(escape_markdown(note))
        if missing_geometry:
            st.caption(markdown_text("map.no_geometry", lang, areas=markdown_list(missing_geometry)))
    with legend_column:
        st.html(legend_html)


def footer(ctx: Context) -> None:
    """Sources and licences of the dataset and the shown indicator."""
    entry, lang = ctx.entry, ctx.lang
    st.divider()
    st.caption(
        f"**{t('footer.attribution', lang)}:** {escape_markdown(ctx.metadata.attribution, limit=LONG_TEXT_CHARACTERS)} · "
        f"{escape_markdown(entry.label(lang))}: {escape_markdown(entry.source)}, {escape_markdown(entry.licence)}"
    )



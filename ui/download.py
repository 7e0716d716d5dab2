"""The download widget: one format choice and one button under every table and chart.

Usage in a page (build the ExportTable in views/, next to the table or chart it belongs to):

    from ui.download import download
    download(view.export, key="overview_table")              # "Tabelle herunterladen"
    download(view.map_export, key="overview_map", what="map")  # "Kartendaten herunterladen"

`key` must be unique on the page; `what` ("table", "map", "chart", "catalog", "points") names
the button. The user picks Excel (.xlsx), CSV für Excel (deutsch), CSV (UTF-8, international)
or Parquet; the choice is remembered for the session and preselected in every widget. The file
is built only when the button is clicked (views.export.render), with the metadata of the page
context: dataset, sources and licences, suppression rule, the permalink of the view, the time.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import streamlit as st

from ui.layout import Context, context, view_permalink
from views.export import FORMATS, MIME, ExportTable, Provenance, file_name, render
from views.i18n import t

FORMAT_KEY = "sozialmonitor.export_format"
WIDGET_PREFIX = "w_export_format_"
DEFAULT_FORMAT = "xlsx"  # opens correctly in Excel in every language; never chosen by the interface language


def provenance(ctx: Context) -> Provenance:
    """The metadata every download of this page carries (the time is set when the file is built)."""
    metadata, lang = ctx.metadata, ctx.lang
    return Provenance(
        dataset=metadata.name,
        city=metadata.city,
        attribution=metadata.attribution,
        is_demo=metadata.is_demo,
        suppression=t("note.suppression_rule", lang, min_count=metadata.min_count, min_denominator=metadata.min_denominator),
        permalink=view_permalink(),
        exported="",
        lang=lang,
    )


def _remember_format(widget_key: str) -> None:
    """Make the format just chosen the preselection of every download widget."""
    chosen = st.session_state[widget_key]
    st.session_state[FORMAT_KEY] = chosen
    for key in [k for k in st.session_state if isinstance(k, str) and k.startswith(WIDGET_PREFIX)]:
        st.session_state[key] = chosen


def download(table: ExportTable, *, key: str, what: str = "table") -> None:
    """A format choice and a download button for `table` (see the module docstring)."""
    ctx = context()
    lang = ctx.lang
    widget_key = WIDGET_PREFIX + key
    if widget_key not in st.session_state:
        st.session_state[widget_key] = st.session_state.get(FORMAT_KEY, DEFAULT_FORMAT)
    origin = provenance(ctx)
    with st.container(horizontal=True, vertical_alignment="bottom", gap="small", key=f"download_{key}"):
        fmt = st.selectbox(
            t("export.format", lang),
            FORMATS,
            format_func=lambda f: t(f"export.format.{f}", lang),
            key=widget_key,
            help=t("export.format_help", lang),
            placeholder=t("select.placeholder", lang),
            on_change=_remember_format,
            args=(widget_key,),
            width=260,
        )

        def build() -> bytes:
            exported = datetime.now().astimezone().isoformat(timespec="seconds")
            return render(table, fmt, replace(origin, exported=exported)).data

        st.download_button(
            t("export.download", lang, what=t(f"export.what.{what}", lang)),
            data=build,
            file_name=file_name(table, fmt, origin),
            mime=MIME[fmt],
            on_click="ignore",
            icon=":material/download:",
            key=f"download_button_{key}",
        )

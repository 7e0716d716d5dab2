"""Daten prüfen: upload an import spec and its files, see the import report; nothing is imported."""
from __future__ import annotations

import streamlit as st

from loaders.importer import check_uploaded
from ui.layout import context, end_page
from views.i18n import t
from views.markup import escape_markdown
from views.import_report import UPLOAD_TYPES, expected_files, import_command, report_download, sections, summary


@st.cache_data(show_spinner=False, max_entries=8)
def _check(spec_name: str, spec_bytes: bytes, uploads: tuple[tuple[str, bytes], ...]):
    return check_uploaded(spec_bytes, dict(uploads), spec_name)


lang = context().lang
st.title(t("check.title", lang))
st.markdown(t("check.intro", lang))
spec_file = st.file_uploader(t("check.spec_upload", lang), type=["toml"], key="check_spec")
data_files = st.file_uploader(t("check.files_upload", lang), type=UPLOAD_TYPES, accept_multiple_files=True, key="check_files")

if spec_file is None:
    st.info(t("check.need_spec", lang), icon=":material/upload_file:")
    end_page()

uploads = tuple(sorted((f.name, f.getvalue()) for f in data_files or []))
spec, report = _check(spec_file.name, spec_file.getvalue(), uploads)

if spec is not None:
    st.subheader(t("check.files", lang))
    st.dataframe(expected_files(spec, {name for name, _ in uploads}, lang), hide_index=True)

if report.ok:
    st.success(t("check.ok", lang), icon=":material/check_circle:")
else:
    st.error(t("check.failed", lang, n=len(report.errors)), icon=":material/error:")

figures = summary(report, lang) if report.levels else []
if figures:
    st.subheader(t("check.summary", lang))
    for column, (label, value, detail) in zip(st.columns(len(figures)), figures):
        column.metric(escape_markdown(label), escape_markdown(value))
        if detail:
            column.caption(escape_markdown(detail))

icons = {"error": ":material/error:", "warning": ":material/warning:", "info": ":material/info:"}
for section in sections(report, lang):
    st.subheader(f"{icons[section.severity]} {section.title} ({len(section.table)})")
    wide = {section.wide_column: st.column_config.TextColumn(width="large")} if section.wide_column else None
    st.dataframe(section.table, hide_index=True, row_height=section.row_height, column_config=wide)

with st.expander(t("check.full_report", lang)):
    st.code(report.text(lang), language=None)
name, data = report_download(report, lang)
st.download_button(t("check.download", lang), data, file_name=name, mime="text/plain")
if report.ok:
    st.caption(t("check.command", lang))
    st.code(import_command(spec_file.name), language="bash")

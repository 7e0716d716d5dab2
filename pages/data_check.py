"""Daten prüfen: upload an import spec and its files, see the import report; nothing is imported."""
from __future__ import annotations

import streamlit as st

from loaders.importer import check_uploaded
from ui.layout import context, end_page
from views.i18n import t
from views.markup import escape_markdown
from views.import_report import expected_files, import_command, report_download, sections, summary
from views.uploads import DATA_TYPES, FILE_MAX_MB, SPEC_MAX_MB, SPEC_TYPES, digest, limits_text, upload_problems


@st.cache_data(show_spinner=False, max_entries=8, ttl=3600)
def _check(spec_name: str, spec_digest: str, names_and_digests: tuple[tuple[str, str], ...], _spec_bytes: bytes, _uploads: dict[str, bytes]):
    """The dry run, cached by the files' names and SHA-256 digests (the bytes themselves are not hashed or kept)."""
    return check_uploaded(_spec_bytes, _uploads, spec_name)


lang = context().lang
st.title(t("check.title", lang))
st.markdown(t("check.intro", lang))
spec_file = st.file_uploader(
    t("check.spec_upload", lang), type=SPEC_TYPES, key="check_spec", max_upload_size=SPEC_MAX_MB, help=t("upload.help_one", lang, size=SPEC_MAX_MB)
)
data_files = st.file_uploader(t("check.files_upload", lang), type=DATA_TYPES, accept_multiple_files=True, key="check_files",
                              max_upload_size=FILE_MAX_MB, help=t("upload.help_many", lang, size=FILE_MAX_MB))
st.caption(limits_text(lang))

if spec_file is None:
    st.info(t("check.need_spec", lang), icon=":material/upload_file:")
    end_page()

refused = upload_problems([(f.name, f.size) for f in data_files or []], lang)
if refused:
    st.error("\n".join([t("upload.refused", lang), *(f"- {escape_markdown(text)}" for text in refused)]), icon=":material/block:")
    end_page()
uploads = {f.name: f.getvalue() for f in data_files or []}
spec_bytes = spec_file.getvalue()
spec, report = _check(spec_file.name, digest(spec_bytes), tuple(sorted((name, digest(data)) for name, data in uploads.items())), spec_bytes, uploads)

if spec is not None:
    st.subheader(t("check.files", lang))
    st.dataframe(expected_files(spec, set(uploads), lang), hide_index=True)

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

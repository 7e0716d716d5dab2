"""Sozialmonitor: the page registry, the sidebar, language and URL state.

Start with `streamlit run app.py`; the dataset is chosen with SOZIALMONITOR_DATA (default data/demo).
"""
from __future__ import annotations

import streamlit as st

from ui.access import data_check_enabled, login_gate
from ui.feedback import feedback_form, feedback_settings
from ui.layout import FAVICON, frame, friendly_errors, language_from_url, remember_page, run_page
from views.i18n import t

st.set_page_config(page_title=t("app.title", language_from_url()), page_icon=str(FAVICON), layout="wide")

context = frame() if login_gate(language_from_url()) else None
if context is not None:
    lang = context.lang
    pages = [
        st.Page("pages/overview.py", title=t("nav.overview", lang), icon=":material/map:", default=True),
        st.Page("pages/profile.py", title=t("nav.profile", lang), icon=":material/location_city:"),
        st.Page("pages/trends.py", title=t("nav.trends", lang), icon=":material/trending_up:"),
        st.Page("pages/compare.py", title=t("nav.compare", lang), icon=":material/compare_arrows:"),
        st.Page("pages/inequality.py", title=t("nav.inequality", lang), icon=":material/scatter_plot:"),
    ]
    pages.append(st.Page("pages/targets.py", title=t("nav.targets", lang), icon=":material/flag:"))
    pages.append(st.Page("pages/area_types.py", title=t("nav.area_types", lang), icon=":material/category:"))
    pages.append(st.Page("pages/reach.py", title=t("nav.reach", lang), icon=":material/near_me:"))
    if context.metadata.social_index:
        pages.append(st.Page("pages/social_index.py", title=t("nav.social_index", lang), icon=":material/insights:"))
    pages.append(st.Page("pages/data_export.py", title=t("nav.data_export", lang), icon=":material/table_view:"))
    if data_check_enabled():  # Daten prüfen: the importer's dry run on uploaded files; off on public instances
        pages.append(st.Page("pages/data_check.py", title=t("nav.data_check", lang), icon=":material/fact_check:"))
    if feedback_settings().admin:  # the team's summary of the feedback, never on by default
        pages.append(st.Page("pages/feedback_summary.py", title=t("nav.feedback_summary", lang), icon=":material/reviews:"))
    page = st.navigation(pages, position="hidden" if context.state.present else "sidebar")
    remember_page(page.url_path)  # for the permalinks in downloads
    with friendly_errors(page.title, lang):
        if context.state.present:  # ?present=1: the view's charts one per screen instead of the page
            from ui import presentation  # loaded for the projector only: it brings the inequality metrics

            presentation.show(page.url_path)
        else:
            run_page(page)
    if not context.state.present:  # the form also under a page that failed
        feedback_form(page.url_path or "overview", lang)

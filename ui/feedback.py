"""The feedback form at the end of every page ("War diese Seite hilfreich?").

`app.py` calls `feedback_form` after the chosen page ran (`ui.layout.run_page`, so also after a
page that ended early with `end_page()`). The form is not drawn at all when the instance does
not take answers (switched off or read-only, see `feedback.store`) and not on the team's
summary page. One session answers a view once and at most `SESSION_MAX_PER_HOUR` times an
hour (`feedback.limits`); the history is kept in the session on the server, not in a cookie.
"""
from __future__ import annotations

import logging
import math
import sqlite3
from datetime import UTC, datetime

import streamlit as st

from feedback.limits import SESSION_MAX_PER_HOUR, Sent, check, view_key, view_string
from feedback.store import ANSWERS, ROLES, TEXT_LIMIT, VIEW_LIMIT, Answer, FeedbackFull, FeedbackStore, Settings, clean_text, settings
from ui.data import dataset_folder
from views.feedback import answer_label, role_label
from views.i18n import format_number, t

SUMMARY_PAGE = "feedback_summary"  # the url path of pages/feedback_summary.py
HISTORY_KEY = "sozialmonitor.feedback.sent"
NOTICE_KEY = "sozialmonitor.feedback.notice"
log = logging.getLogger(__name__)


def feedback_settings() -> Settings:
    """Where this instance keeps feedback, and whether it takes answers or shows the summary."""
    return settings(dataset_folder())


def _widget_keys(page: str) -> dict[str, str]:
    return {"answer": f"w_fb_answer_{page}", "text": f"w_fb_text_{page}", "role": f"w_fb_role_{page}"}


def _submit(*, page: str, query: dict[str, str], lang: str, store: FeedbackStore) -> None:
    """The submit button's callback: check, store, and leave a notice for the next render."""
    keys = _widget_keys(page)
    answer = st.session_state.get(keys["answer"])
    text = clean_text(st.session_state.get(keys["text"]))  # Streamlit cuts it to max_chars
    role = st.session_state.get(keys["role"])
    history: list[Sent] = st.session_state.setdefault(HISTORY_KEY, [])
    now = datetime.now(UTC)
    key = view_key(query)
    if answer is None:
        notice = "need_answer"
    elif not check(history, page=page, view=key, now=now).allowed:
        notice = None  # a second click in flight: the form now says why it is gone
    else:
        try:
            store.add(Answer(page=page, view=view_string(query)[:VIEW_LIMIT], lang=lang, answer=answer, text=text, role=role), now=now)
        except FeedbackFull:
            notice = "full"
        except (sqlite3.Error, OSError, ValueError):
            log.exception("feedback could not be stored in %s", store.path)
            notice = "failed"
        else:
            history.append(Sent(at=now, page=page, view=key))
            for widget in keys.values():
                st.session_state.pop(widget, None)
            notice = "thanks"
    st.session_state[NOTICE_KEY] = (page, key, notice)


def feedback_form(page: str, lang: str) -> None:
    """The form for `page` (its url path; 'overview' for the start page) in `lang`, or nothing."""
    current = feedback_settings()
    if page == SUMMARY_PAGE or not current.accepts_answers:
        return
    query = st.query_params.to_dict()
    key = view_key(query)
    now = datetime.now(UTC)
    decision = check(st.session_state.get(HISTORY_KEY, []), page=page, view=key, now=now)
    notice_page, notice_view, notice = st.session_state.pop(NOTICE_KEY, (None, None, None))
    if (notice_page, notice_view) != (page, key):
        notice = None
    limit = format_number(TEXT_LIMIT, lang)

    with st.container(border=True, key="feedback"):
        st.subheader(t("fb.title", lang), anchor=False)
        if notice == "thanks":
            st.success(t("fb.thanks", lang), icon=":material/favorite:")
            return
        if decision.reason == "already_answered":
            st.info(t("fb.already_answered", lang), icon=":material/check_circle:")
            return
        if decision.reason == "too_many":
            minutes = max(1, math.ceil((decision.again_at - now).total_seconds() / 60))
            st.info(t("fb.too_many", lang, limit=SESSION_MAX_PER_HOUR, minutes=minutes), icon=":material/schedule:")
            return
        keys = _widget_keys(page)
        with st.form(key=f"feedback_form_{page}", border=False, enter_to_submit=False):
            st.radio(
                f"**{t('fb.question', lang)}**",
                ANSWERS,
                index=None,
                format_func=lambda answer: answer_label(answer, lang),
                horizontal=True,
                key=keys["answer"],
            )
            st.text_area(
                t("fb.text", lang, limit=limit),
                max_chars=TEXT_LIMIT,
                placeholder=t("fb.text_placeholder", lang),
                key=keys["text"],
            )
            st.selectbox(
                t("fb.role", lang),
                ROLES,
                index=None,
                placeholder=t("fb.role_none", lang),
                format_func=lambda role: role_label(role, lang),
                key=keys["role"],
            )
            st.caption(t("fb.privacy", lang))
            if notice == "need_answer":
                st.warning(t("fb.need_answer", lang), icon=":material/warning:")
            elif notice == "full":
                st.warning(t("fb.full", lang), icon=":material/hourglass_top:")
            elif notice == "failed":
                st.error(t("fb.failed", lang), icon=":material/error:")
            st.form_submit_button(
                t("fb.submit", lang),
                icon=":material/send:",
                on_click=_submit,
                kwargs={"page": page, "query": query, "lang": lang, "store": FeedbackStore(current.path)},
            )

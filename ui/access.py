"""Who may open the dashboard: the optional login (OIDC through st.login) and the switchable upload page.

Set by the environment of the server (docs/deployment.md):

- `SOZIALMONITOR_DATA_CHECK=off` hides the page "Daten prüfen", the only page that accepts
  uploads — for public instances.
- `SOZIALMONITOR_LOGIN=required` lets only signed-in visitors see anything: Streamlit's
  st.login with an OpenID Connect provider configured in `.streamlit/secrets.toml` under
  `[auth]` (the city's own identity provider). `SOZIALMONITOR_LOGIN_PROVIDER` names the
  provider section when there are several (`[auth.NAME]`).
- `SOZIALMONITOR_LOGIN_ALLOWED="@luebeck.de, anna@example.org"` admits only these addresses
  or domains (by the e-mail the provider confirms); unset, every account the provider signs in.
"""
from __future__ import annotations

import os

import streamlit as st

from views.i18n import t
from views.markup import escape_markdown

DATA_CHECK_ENV = "SOZIALMONITOR_DATA_CHECK"
LOGIN_ENV = "SOZIALMONITOR_LOGIN"
ALLOWED_ENV = "SOZIALMONITOR_LOGIN_ALLOWED"
PROVIDER_ENV = "SOZIALMONITOR_LOGIN_PROVIDER"
_OFF = ("off", "0", "false", "no", "nein", "aus")


def data_check_enabled() -> bool:
    """Whether the page "Daten prüfen" (uploads) is offered; on unless SOZIALMONITOR_DATA_CHECK=off."""
    return os.environ.get(DATA_CHECK_ENV, "on").strip().lower() not in _OFF


def login_required() -> bool:
    return os.environ.get(LOGIN_ENV, "").strip().lower() == "required"


def is_allowed(email: str | None, allowed: str | None) -> bool:
    """Whether an e-mail address is admitted by a list of addresses and domains ("@luebeck.de"); no list admits all."""
    entries = [entry.strip().lower() for entry in (allowed or "").split(",") if entry.strip()]
    if not entries:
        return True
    if not email or "@" not in email:
        return False
    email = email.strip().lower()
    domain = email[email.rindex("@"):]
    return any(entry == email or (entry.startswith("@") and entry == domain) for entry in entries)


def _configured() -> bool:
    """Whether .streamlit/secrets.toml has an [auth] section (st.login needs it)."""
    try:
        return "auth" in st.secrets
    except FileNotFoundError:  # no secrets file at all
        return False


def login_gate(lang: str) -> bool:
    """True when the visitor may see the dashboard; otherwise the sign-in screen is shown and False returned.

    The sign-in screen registers a navigation of its own (one hidden page), so no page of the
    dashboard is listed, and a deep link such as /profile shows the sign-in screen too.
    """
    if not login_required():
        return True
    if not _configured():
        st.title(t("app.title", lang))
        st.error(t("login.unconfigured", lang), icon=":material/lock:")
    elif not st.user.is_logged_in:
        st.title(t("login.title", lang))
        st.markdown(t("login.intro", lang))
        if st.button(t("login.button", lang), type="primary", icon=":material/login:"):
            st.login(os.environ.get(PROVIDER_ENV) or None)
    else:
        email = st.user.get("email")
        if is_allowed(email if isinstance(email, str) else None, os.environ.get(ALLOWED_ENV)):
            st.sidebar.caption(t("login.signed_in", lang, email=escape_markdown(str(email or ""))))
            if st.sidebar.button(t("login.logout", lang), icon=":material/logout:"):
                st.logout()
            return True
        st.title(t("login.title", lang))
        st.error(t("login.not_allowed", lang, email=escape_markdown(str(email or "–"))), icon=":material/block:")
        if st.button(t("login.logout", lang)):
            st.logout()
    st.navigation([st.Page(_signed_out, title=t("login.title", lang), default=True)], position="hidden").run()
    return False


def _signed_out() -> None:
    """The only page before sign-in: what the gate showed above it."""

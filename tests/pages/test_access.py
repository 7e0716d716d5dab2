"""Deployment switches (ui/access.py): the upload page off for public instances, the optional login."""
from __future__ import annotations

import html

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import REPO_ROOT
from ui.access import is_allowed

APP = str(REPO_ROOT / "app.py")
AUTH = {"redirect_uri": "https://sozialmonitor.example/oauth2callback", "cookie_secret": "x" * 32, "client_id": "id",
        "client_secret": "secret", "server_metadata_url": "https://login.example/.well-known/openid-configuration"}


def run_app(monkeypatch: pytest.MonkeyPatch, env: dict[str, str], lang: str = "de", user: dict | None = None, secrets: bool = True) -> AppTest:
    monkeypatch.setenv("SOZIALMONITOR_DATA", str(REPO_ROOT / "data" / "demo"))
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    app = AppTest.from_file(APP, default_timeout=60)
    app.query_params["lang"] = lang
    if secrets:
        app.secrets["auth"] = AUTH
    if user is not None:
        app.user = user
    app.run()
    assert not app.exception, app.exception
    return app


def shown(app: AppTest) -> str:
    return "\n".join(str(e.value) for e in (*app.title, *app.markdown, *app.caption, *app.error, *app.metric))


def open_data_check(monkeypatch: pytest.MonkeyPatch, env: dict[str, str]) -> AppTest:
    app = run_app(monkeypatch, env, secrets=False)
    app.switch_page("pages/data_check.py")
    app.run()
    assert not app.exception, app.exception
    return app


def test_the_upload_page_can_be_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    on = open_data_check(monkeypatch, {})
    assert on.title[0].value == "Daten prüfen" and on.get("file_uploader")
    off = run_app(monkeypatch, {"SOZIALMONITOR_DATA_CHECK": "off"}, secrets=False)
    assert off.metric  # the dashboard itself is unchanged …
    with pytest.raises(ValueError, match="Could not find a navigation page"):  # … but the upload page is not registered
        off.switch_page("pages/data_check.py")


@pytest.mark.parametrize(("lang", "title"), [("de", "Anmeldung erforderlich"), ("en", "Sign-in required")])
def test_signed_out_visitors_see_the_sign_in_screen_and_no_data(monkeypatch: pytest.MonkeyPatch, lang: str, title: str) -> None:
    app = run_app(monkeypatch, {"SOZIALMONITOR_LOGIN": "required"}, lang, user={"is_logged_in": False})
    assert app.title[0].value == title
    assert [b.label for b in app.button] == ["Anmelden" if lang == "de" else "Sign in"]
    assert not app.metric and not app.dataframe and not app.sidebar.selectbox  # nothing of the dataset
    assert "Lübeck" not in shown(app)


def test_signed_in_visitors_see_the_dashboard_and_can_sign_out(monkeypatch: pytest.MonkeyPatch) -> None:
    app = run_app(monkeypatch, {"SOZIALMONITOR_LOGIN": "required", "SOZIALMONITOR_LOGIN_ALLOWED": "@luebeck.de"},
                  user={"is_logged_in": True, "email": "anna@luebeck.de"})
    assert app.metric and html.unescape(app.sidebar.caption[0].value).replace("\u2060", "") == "Angemeldet: anna@luebeck.de"
    assert any(b.label == "Abmelden" for b in app.sidebar.button)


def test_an_account_that_is_not_admitted_sees_no_data(monkeypatch: pytest.MonkeyPatch) -> None:
    app = run_app(monkeypatch, {"SOZIALMONITOR_LOGIN": "required", "SOZIALMONITOR_LOGIN_ALLOWED": "@luebeck.de"}, "en",
                  user={"is_logged_in": True, "email": "eve@example.org"})
    assert "has no access to this dataset" in app.error[0].value and not app.metric


def test_a_required_login_without_its_configuration_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    app = run_app(monkeypatch, {"SOZIALMONITOR_LOGIN": "required"}, "en", secrets=False)
    assert "secrets.toml lacks its [auth] section" in app.error[0].value and not app.metric


@pytest.mark.parametrize(
    ("email", "allowed", "admitted"),
    [
        ("anna@luebeck.de", "@luebeck.de", True),
        ("Anna@Luebeck.DE", "@luebeck.de, bob@example.org", True),
        ("bob@example.org", "@luebeck.de, bob@example.org", True),
        ("eve@evil-luebeck.de", "@luebeck.de", False),  # a domain matches whole, not as a suffix
        ("anna@luebeck.de.evil.org", "@luebeck.de", False),
        (None, "@luebeck.de", False),
        ("anyone@example.org", "", True),  # no list: every account the provider signs in
    ],
)
def test_who_is_admitted(email: str | None, allowed: str, admitted: bool) -> None:
    assert is_allowed(email, allowed) is admitted

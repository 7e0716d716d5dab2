"""UI strings of the optional login (ui/access.py), registered into views.i18n."""
from __future__ import annotations

from views.i18n import register

CATALOG: dict[str, dict[str, str]] = {
    "login.title": {"de": "Anmeldung erforderlich", "en": "Sign-in required"},
    "login.intro": {
        "de": "Dieser Sozialmonitor zeigt Daten, die nicht öffentlich sind. Bitte melden Sie sich mit Ihrem Dienstkonto an.",
        "en": "This social monitor shows data that are not public. Please sign in with your work account.",
    },
    "login.button": {"de": "Anmelden", "en": "Sign in"},
    "login.not_allowed": {
        "de": "Das Konto {email} ist für diesen Datensatz nicht freigegeben. Bitte wenden Sie sich an die Statistikstelle oder melden Sie sich mit einem anderen Konto an.",
        "en": "The account {email} has no access to this dataset. Please contact the statistics office or sign in with another account.",
    },
    "login.signed_in": {"de": "Angemeldet: {email}", "en": "Signed in: {email}"},
    "login.logout": {"de": "Abmelden", "en": "Sign out"},
    "login.unconfigured": {
        "de": "Die Anmeldung ist verlangt (SOZIALMONITOR_LOGIN=required), aber nicht eingerichtet: in .streamlit/secrets.toml fehlt der Abschnitt [auth] (docs/deployment.md).",
        "en": "Sign-in is required (SOZIALMONITOR_LOGIN=required) but not set up: .streamlit/secrets.toml lacks its [auth] section (docs/deployment.md).",
    },
}

register(CATALOG)

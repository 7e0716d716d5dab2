"""What the browser needs beyond Streamlit's defaults, in one place: the page's language and styles.

Streamlit 1.67 serves every app as `<html lang="en">` and has no setting for it
(streamlit/streamlit#15726), so a screen reader would read the German view with English
pronunciation. `declare_language` sets the attribute from the chosen language with a fixed
one-line script; the script runs again whenever the language changes, and Streamlit never resets
the attribute, so it holds across reruns and page switches.
"""
from __future__ import annotations

import streamlit as st

from views.i18n import LANGUAGES

_LANGUAGE_SCRIPT = '<script>document.documentElement.lang = "{lang}";</script>'

# Style-only st.html goes to Streamlit's event container and takes no room on the page.
STYLE = """
<style>
/* the language script's element shows nothing: no gap for it (the main column: the sidebar is not drawn on a phone) */
[data-testid="stElementContainer"]:has(> [data-testid="stHtml"] > script:only-child) { display: none; }
</style>
"""


def declare_language(lang: str) -> None:
    """Set `<html lang>` to `lang` (one of views.i18n.LANGUAGES) in the user's browser, and add the styles."""
    if lang not in LANGUAGES:  # only known codes reach the script
        raise ValueError(f"unknown language {lang!r}")
    st.html(STYLE)
    st.html(_LANGUAGE_SCRIPT.format(lang=lang), unsafe_allow_javascript=True)

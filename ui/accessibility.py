"""What the browser needs beyond Streamlit's defaults, in one place: the page's language, a
visible keyboard focus, and charts without a toolbar.

Streamlit 1.67 serves every app as `<html lang="en">` and has no setting for it
(streamlit/streamlit#15726), so a screen reader would read the German view with English
pronunciation. `declare_language` sets the attribute from the chosen language with a fixed
one-line script, together with `<html dir>` from the catalog's direction (`rtl` mirrors the
layout for Arabic or Persian); the script runs again whenever the language changes, and
Streamlit never resets either attribute, so they hold across reruns and page switches.
"""
from __future__ import annotations

import streamlit as st

from views.i18n import language_meta, languages

_LANGUAGE_SCRIPT = '<script class="sm-frame">document.documentElement.lang = "{lang}"; document.documentElement.dir = "{direction}";</script>'

FOCUS_COLOUR = "#0b5394"  # the theme's primaryColor (.streamlit/config.toml): 7.6:1 on white
CHART_CONFIG = {"displaylogo": False, "displayModeBar": False}  # no toolbar: eight English tab stops, no gain

# Sent with the language script in one element. No "<" in it: the sanitiser drops a style whose text has one.
STYLE = f"""
<style>
/* this element shows nothing: no gap for it (in the main column: the sidebar is not drawn on a phone) */
[data-testid="stElementContainer"]:has(> [data-testid="stHtml"] > .sm-frame) {{ display: none; }}

/* One visible focus ring for every control the keyboard reaches. Radios, toggles and the slider
   hide their input element; react-aria marks the visible part with data-focus-visible instead. */
:focus-visible, [data-rac][data-focus-visible], label:has(input:focus-visible),
[data-baseweb="select"] > div:has(input:focus-visible), [data-baseweb="input"]:has(input:focus-visible),
[data-baseweb="textarea"]:has(textarea:focus-visible) {{
  outline: 3px solid {FOCUS_COLOUR} !important; outline-offset: 2px !important; border-radius: 4px;
}}
input:focus-visible {{ outline: none !important; }}  /* the ring is on the control around it */
[data-testid="stDeckGlJsonChart"]:focus-visible, canvas:focus-visible, [data-testid="stSidebarNavLink"]:focus-visible {{
  outline-offset: -3px !important;  /* inside: their parents clip what lies outside */
}}
/* Less empty space above the page (Streamlit's 6rem; its header bar is 3.75rem), so that the main visual reaches the first screen of a projector. */
[data-testid="stMainBlockContainer"] {{ padding-top: 4rem; }}
[data-testid="stMain"] h1 {{ font-size: 2.25rem; padding-top: 0.5rem; }}
[data-testid="stMain"] h2 {{ font-size: 1.75rem; padding-top: 0.75rem; }}
.st-key-sm_demo_banner [data-testid="stAlertContainer"] {{ padding: 0.5rem 0.75rem; }}
.st-key-sm_demo_banner p {{ font-size: 0.875rem; }}
/* The current page is a bar and bold text; keyboard focus on a page link is the ring, nothing else. */
[data-testid="stSidebarNavLink"][aria-current="page"] {{ box-shadow: inset 5px 0 0 {FOCUS_COLOUR}; }}
[data-testid="stSidebarNavLink"][aria-current="page"] p {{ font-weight: 700; }}
[data-testid="stSidebarNavLink"]:focus-visible:not([aria-current="page"]) {{ background: transparent; }}
/* Right to left (html dir="rtl") Streamlit mirrors the layout but still slides a closed sidebar
   to the left, which then shows a strip of it over the page: slide it off to the right instead. */
[dir="rtl"] [data-testid="stSidebar"][data-collapsed="true"] {{ transform: translateX(100vw) !important; }}
/* and it aligns headings and text left: they start on the right, as the language reads. */
[dir="rtl"] :is([data-testid="stElementContainer"], [data-testid="stMarkdownContainer"], [data-testid="stCaptionContainer"], [data-testid="stHeading"]) {{ text-align: start; }}
/* A toolbar that only shows on hover shows while the keyboard is in it, so no tab stop is invisible. */
[data-testid="stElementToolbar"]:has(:focus-visible) {{ opacity: 1 !important; }}
</style>
"""


def frame_html(lang: str) -> str:
    """The fixed element `declare_language` sends: the language script and the styles."""
    if lang not in languages():  # only known codes (checked when read) reach the script
        raise ValueError(f"unknown language {lang!r}")
    return (_LANGUAGE_SCRIPT.format(lang=lang, direction=language_meta(lang).direction) + STYLE).strip()  # as st.html sends it


def declare_language(lang: str) -> None:
    """Set `<html lang>` to `lang` (one of views.i18n.languages()) and `<html dir>` to its direction
    in the user's browser, and add the styles."""
    st.html(frame_html(lang), unsafe_allow_javascript=True)


def plotly_chart(figure: object, *, alt: str) -> None:
    """A plotly figure with its alt text and without plotly's toolbar (every download of the
    dashboard has its own button; the toolbar added eight English-labelled tab stops)."""
    st.plotly_chart(figure, alt=alt, config=CHART_CONFIG)

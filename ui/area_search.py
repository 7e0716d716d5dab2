"""Choosing areas on a level with more areas than one list can carry.

Up to `LISTED_AREAS` areas a page offers every area of the level in its select box, and the
browser filters the list as one types. Above, that list would be sent on every run (a million
options at the benchmark's largest size, most of the page's bytes), so the page shows a text
field instead: the store looks for the typed text in the areas' ids and names (ignoring case),
and the select box beneath offers the first `MATCHES` areas found (a page adds the areas
already chosen, so that they stay chosen).
"""
from __future__ import annotations

from streamlit.delta_generator import DeltaGenerator

from ui.data import Dataset
from views.i18n import t
from views.markup import markdown_text

LISTED_AREAS = 2_000  # up to this many areas of a level: every one of them in the list
MATCHES = 50  # above: the first this many areas whose id or name contains the typed text


def listed(dataset: Dataset, level: str) -> bool:
    """True when every area of the level is offered in one list."""
    return dataset.area_count(level) <= LISTED_AREAS


def matching_areas(dataset: Dataset, level: str, text: str) -> dict[str, str]:
    """Area id → name of the first MATCHES areas of the level whose id or name contains `text`
    (ignoring case and the spaces around it), ordered by name."""
    found = dataset.find_areas(level, text.strip(), MATCHES)
    return dict(zip(found["area_id"], found["name"]))


def search_field(container: DeltaGenerator, dataset: Dataset, level: str, *, key: str, lang: str, label: str = "") -> dict[str, str]:
    """Above LISTED_AREAS: the text field `key` in `container` (labelled `label`, else "Gebiet
    suchen") and the first MATCHES areas of the level it finds (id → name, by name); says so
    beneath when nothing matches. The page offers these, and the areas already chosen, in its
    select box."""
    typed = container.text_input(
        label or t("select.search", lang), key=key, placeholder=t("map.search_field_placeholder", lang), help=t("select.search_help", lang, n=MATCHES)
    )
    matches = matching_areas(dataset, level, typed)
    if typed.strip() and not matches:
        container.caption(markdown_text("select.no_match", lang, search=typed.strip()))
    return matches

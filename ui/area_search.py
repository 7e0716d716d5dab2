"""Choosing areas on a level with more areas than one list can carry.

Up to `LISTED_AREAS` areas a page offers every area of the level in its select box, and the
browser filters the list as one types. Above, that list would be sent on every run (a million
options at the benchmark's largest size, most of the page's bytes), so the page shows a text
field instead: the store looks for the typed text in the areas' ids and names (ignoring case),
and the select box beneath offers the first `MATCHES` areas found (a page adds the areas
already chosen, so that they stay chosen).
"""
from __future__ import annotations

from ui.data import Dataset

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

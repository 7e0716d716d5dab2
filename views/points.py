"""Points of interest for the map and the list beside it: category labels and accessibility in words."""
from __future__ import annotations

import json

import pandas as pd

from views.i18n import category_label, t


def describe(points: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The points with `category_label` and a `description` in words (address, wheelchair access, digital help)."""

    def description(row: pd.Series) -> str:
        attributes = json.loads(row["attributes"]) if isinstance(row["attributes"], str) and row["attributes"] else {}
        parts = [str(row["address"])] if isinstance(row["address"], str) and row["address"] else []
        wheelchair = attributes.get("wheelchair")
        if wheelchair in ("yes", "limited", "no"):
            parts.append(f"{t('poi.wheelchair', lang)}: {t('poi.wheelchair.' + wheelchair, lang)}")
        if attributes.get("digital_help") is True and row["category"] != "digitale_hilfe":
            parts.append(t("poi.digital_help", lang))
        return " · ".join(parts)

    described = points.copy()
    described["category_label"] = [category_label(c, lang) for c in points["category"]]
    described["description"] = points.apply(description, axis=1) if not points.empty else pd.Series(dtype=str)
    return described


def point_table(points: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The list behind the points on the map."""
    described = describe(points, lang)
    return pd.DataFrame(
        {
            t("poi.categories", lang): described["category_label"],
            t("column.area", lang): described["name"],
            t("column.note", lang): described["description"],
        }
    ).reset_index(drop=True)

"""Points of interest for the map and the list beside it: category labels and accessibility in words."""
from __future__ import annotations

import json

import pandas as pd

from views.export import Column, ExportTable
from views.i18n import category_label, t


def attributes_of(text: object) -> dict:
    """A point's attributes (the JSON object of the contract); {} when there are none."""
    return json.loads(text) if isinstance(text, str) and text else {}


ACCESS_FILTERS = ("all", "yes", "limited")  # every service; wheelchair access "yes"; "yes" or "limited"


def wheelchair_access(attributes: object) -> str | None:
    """A point's wheelchair access from its attributes (JSON): "yes", "limited", "no" or None (unknown)."""
    value = attributes_of(attributes).get("wheelchair")
    return value if value in ("yes", "limited", "no") else None


def with_access(points: pd.DataFrame, access: str) -> pd.DataFrame:
    """The points whose wheelchair access meets `access` (ACCESS_FILTERS): "all" keeps every
    point, "yes" those marked accessible, "limited" those accessible or partly accessible.
    Points with unknown access are kept only by "all"."""
    if access not in ACCESS_FILTERS:
        raise ValueError(f"with_access: unknown filter {access!r}, expected one of {ACCESS_FILTERS}")
    if access == "all" or points.empty:
        return points
    allowed = {"yes"} if access == "yes" else {"yes", "limited"}
    return points[[wheelchair_access(a) in allowed for a in points["attributes"]]]


def describe(points: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The points with `category_label` and a `description` in words (address, wheelchair access, digital help)."""

    def description(row: pd.Series) -> str:
        attributes = attributes_of(row["attributes"])
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


def points_export(points: pd.DataFrame, lang: str) -> ExportTable:
    """The list of services for download: id, category, name, address, WGS84 position, wheelchair access."""

    def wheelchair(attributes: object) -> str:
        value = wheelchair_access(attributes)
        return t("poi.wheelchair." + value, lang) if value else ""

    described = describe(points, lang).reset_index(drop=True)
    data = {
        t("export.column.poi_id", lang): (described["poi_id"], Column("id")),
        t("export.column.category", lang): (described["category_label"], Column("text")),
        t("export.column.name", lang): (described["name"], Column("text")),
        t("export.column.address", lang): (described["address"], Column("text")),
        t("export.column.lat", lang): (described["lat"], Column("number", 6)),
        t("export.column.lon", lang): (described["lon"], Column("number", 6)),
        t("poi.wheelchair", lang): ([wheelchair(a) for a in described["attributes"]], Column("text")),
    }
    return ExportTable(
        frame=pd.DataFrame({header: values for header, (values, _) in data.items()}, index=described.index),
        columns={header: column for header, (_, column) in data.items()},
        name=(t("export.name.points", lang),),
        title=t("poi.table_alt", lang),
    )

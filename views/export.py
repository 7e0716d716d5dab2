"""Files for download: CSV that opens correctly in Excel in either language.

German Excel expects `;` as separator and a decimal comma; a UTF-8 byte-order mark makes it
read umlauts correctly. English uses `,` and a decimal point.
"""
from __future__ import annotations

import re

import pandas as pd


def csv_bytes(table: pd.DataFrame, lang: str) -> bytes:
    """The table as CSV bytes for Excel: UTF-8 with BOM, `;` and decimal comma in German."""
    if lang == "de":
        text = table.to_csv(sep=";", decimal=",", index=False, lineterminator="\r\n")
    else:
        text = table.to_csv(sep=",", decimal=".", index=False, lineterminator="\r\n")
    return ("\ufeff" + text).encode("utf-8")


def file_name(*parts: str | int) -> str:
    """A safe file name from parts: 'sozialmonitor_sgb2_quote_2022_stadtteil.csv'."""
    stem = "_".join(re.sub(r"[^A-Za-z0-9]+", "-", str(p)).strip("-").lower() for p in ("sozialmonitor", *parts))
    return f"{stem}.csv"

"""Committee papers as PDF: the views' builders composed into an area report and an indicator report.

`python -m reports …` writes them from the command line (see docs/reports.md); the pages offer
the same files as downloads. This module itself stays light (the pages import it on every run);
the builders in `reports.area` and `reports.indicator` load reportlab and the metrics.
"""
from __future__ import annotations

from views.export import file_stem


def pdf_name(*parts: str | int) -> str:
    """'sozialmonitor_gebiet_02_st-juergen_2022_de.pdf': what is inside (views.export's naming)."""
    return f"{file_stem('', parts)}.pdf"

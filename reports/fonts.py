"""The typeface of the reports: DejaVu Sans embedded, from Debian or matplotlib, else reportlab's Vera.

Nothing is downloaded. DejaVu Sans (Debian's `fonts-dejavu-core`, also shipped inside
matplotlib) covers every script a German or European city's area names use. Bitstream Vera, its
ancestor, ships with reportlab itself, so a report can always be made; it covers Latin-1 and the
typographic marks of the number formats (−, –, „ “, …), and `note` says what is missing.
"""
from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

DEBIAN_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
REGULAR, BOLD = "Sozialmonitor", "Sozialmonitor-Bold"


@dataclass(frozen=True)
class Typeface:
    regular: str
    bold: str
    name: str  # the font family embedded
    note: str  # empty, or why the report uses a narrower font


def _candidates() -> list[tuple[str, Path, Path]]:
    found = [("DejaVu Sans", DEBIAN_DEJAVU / "DejaVuSans.ttf", DEBIAN_DEJAVU / "DejaVuSans-Bold.ttf")]
    spec = importlib.util.find_spec("matplotlib")
    if spec is not None and spec.origin:
        folder = Path(spec.origin).parent / "mpl-data" / "fonts" / "ttf"
        found.append(("DejaVu Sans", folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"))
    reportlab_fonts = Path(importlib.util.find_spec("reportlab").origin).parent / "fonts"
    found.append(("Bitstream Vera Sans", reportlab_fonts / "Vera.ttf", reportlab_fonts / "VeraBd.ttf"))
    return found


_registered: Typeface | None = None


def typeface() -> Typeface:
    """Register the best available font once per process and return its names."""
    global _registered
    if _registered is not None:
        return _registered
    for name, regular, bold in _candidates():
        if regular.is_file() and bold.is_file():
            pdfmetrics.registerFont(TTFont(REGULAR, str(regular)))
            pdfmetrics.registerFont(TTFont(BOLD, str(bold)))
            pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)
            note = (
                ""
                if name.startswith("DejaVu")
                else "DejaVu Sans not found (install Debian's fonts-dejavu-core): the report uses Bitstream Vera, "
                "which lacks letters outside Latin-1."
            )
            _registered = Typeface(regular=REGULAR, bold=BOLD, name=name, note=note)
            return _registered
    raise RuntimeError("no TrueType font found: reportlab's own fonts folder is missing")

"""The strings of the accessibility work (German and English), registered with views.i18n on import.

Streamlit's file uploader speaks English inside its field ("Drag and drop files here", "Upload",
"Limit … per file"); its help text is the one place where the dashboard can say the same in the
reader's language.
"""
from __future__ import annotations

from views.i18n import register

TEXTS: dict[str, dict[str, str]] = {
    "select.placeholder": {"de": "Bitte auswählen", "en": "Choose an option"},  # Streamlit's default is English
    "upload.help_one": {
        "de": "Ziehen Sie die Datei auf das Feld oder wählen Sie sie mit der Schaltfläche „Upload“ aus. Höchstens {size} MB.",
        "en": "Drag the file onto the field or choose it with the “Upload” button. At most {size} MB.",
    },
    "upload.help_many": {
        "de": "Ziehen Sie die Dateien auf das Feld oder wählen Sie sie mit der Schaltfläche „Upload“ aus; mehrere auf einmal sind möglich. Höchstens {size} MB je Datei.",
        "en": "Drag the files onto the field or choose them with the “Upload” button; several at once are fine. At most {size} MB per file.",
    },
}

register(TEXTS)

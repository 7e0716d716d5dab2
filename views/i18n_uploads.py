"""UI strings for the upload limits of the page "Daten prüfen", registered into views.i18n."""
from __future__ import annotations

from views.i18n import register

CATALOG: dict[str, dict[str, str]] = {
    "upload.limits": {
        "de": "Grenzen: höchstens {files} Dateien, je Datei {each} MB, zusammen {total} MB; die Spezifikation bis {spec} MB. "
        "Dateitypen: {types}.",
        "en": "Limits: at most {files} files, {each} MB per file, {total} MB in all; the specification up to {spec} MB. "
        "File types: {types}.",
    },
    "upload.refused": {
        "de": "Diese Uploads werden nicht geprüft:",
        "en": "These uploads are not checked:",
    },
    "upload.too_many": {
        "de": "{n} Dateien hochgeladen, erlaubt sind {limit}: nur die Dateien hochladen, die die Spezifikation nennt.",
        "en": "{n} files uploaded, {limit} are allowed: upload only the files the specification names.",
    },
    "upload.too_much": {
        "de": "zusammen {size} MB, erlaubt sind {limit} MB: große Dateien verkleinern (z. B. Grenzen vereinfachen) oder auf dem Server importieren.",
        "en": "{size} MB in all, {limit} MB are allowed: make large files smaller (e.g. simplify the boundaries) or import on the server.",
    },
    "upload.too_big": {
        "de": "„{name}“ hat {size} MB, erlaubt sind {limit} MB je Datei.",
        "en": "'{name}' has {size} MB, {limit} MB per file are allowed.",
    },
    "upload.same_name": {
        "de": "mehrere Dateien heißen gleich ({names}): Dateien werden über ihren Namen zugeordnet, bitte nur eine je Name hochladen.",
        "en": "several files have the same name ({names}): files are matched by their names, please upload one per name.",
    },
}

register(CATALOG)

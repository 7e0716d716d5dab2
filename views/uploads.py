"""Limits for the uploads of the page "Daten prüfen", and the key its dry run is cached by.

The limits fit statistics files (a city's tables are kilobytes to a few megabytes; detailed
boundaries of a large city some tens of megabytes) and bound what one session can make the
server read. Streamlit enforces the size of each file (`max_upload_size` here, and
`server.maxUploadSize` in .streamlit/config.toml for the whole server); the number of files
and their total are checked before anything is read. Results are cached by the files'
SHA-256 digests, never by their bytes.
"""
from __future__ import annotations

import hashlib
from collections.abc import Sequence

from views.i18n import format_number, t

SPEC_TYPES = ["toml"]
DATA_TYPES = ["csv", "txt", "tsv", "xlsx", "xlsm", "geojson", "json", "shp", "dbf", "prj", "shx", "cpg", "zip"]
SPEC_MAX_MB = 1  # an import spec is a few kilobytes
FILE_MAX_MB = 25  # per data file; .streamlit/config.toml sets server.maxUploadSize to the same
MAX_FILES = 30  # tables, shapefile parts (up to five per layer), point files
TOTAL_MAX_MB = 75


def limits_text(lang: str) -> str:
    """The limits, said on the page next to the upload boxes."""
    return t(
        "upload.limits",
        lang,
        files=format_number(MAX_FILES, lang),
        each=format_number(FILE_MAX_MB, lang),
        total=format_number(TOTAL_MAX_MB, lang),
        spec=format_number(SPEC_MAX_MB, lang),
        types=", ".join(f".{ext}" for ext in DATA_TYPES),
    )


def upload_problems(sizes: Sequence[tuple[str, int]], lang: str) -> list[str]:
    """What exceeds the limits, as sentences; empty when the uploads may be checked. `sizes`: (file name, bytes)."""
    problems = []
    if len(sizes) > MAX_FILES:
        problems.append(t("upload.too_many", lang, n=format_number(len(sizes), lang), limit=format_number(MAX_FILES, lang)))
    total = sum(size for _, size in sizes)
    if total > TOTAL_MAX_MB * 2**20:
        problems.append(t("upload.too_much", lang, size=format_number(total / 2**20, lang, decimals=1), limit=format_number(TOTAL_MAX_MB, lang)))
    for name, size in sizes:
        if size > FILE_MAX_MB * 2**20:
            problems.append(t("upload.too_big", lang, name=name, size=format_number(size / 2**20, lang, decimals=1), limit=format_number(FILE_MAX_MB, lang)))
    names = [name for name, _ in sizes]
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        problems.append(t("upload.same_name", lang, names=", ".join(twice)))
    return problems


def digest(data: bytes) -> str:
    """The SHA-256 of an upload: the cache key of its check."""
    return hashlib.sha256(data).hexdigest()

"""Reading boundaries and points: GeoJSON, shapefiles and zip files holding either.

Everything is returned in WGS84 (x = longitude, y = latitude). What could go wrong in a file
becomes a `Problem` in our own words, German and English: a library's message never reaches
the user (pyshp's, zipfile's, json's texts are English and sometimes half-filled).

- **Coordinate systems** come from the spec, a GeoJSON `crs` member or a shapefile's `.prj`;
  `crs_label` names them honestly and briefly ("EPSG:25832 (ETRS89 / UTM zone 32N)", or the
  file's own name with its key parameters when no EPSG code is equivalent). The full
  definition travels in `CrsNote.definition`, shown only on request.
- **Shapefile attribute encodings**: the spec's `encoding`, else the `.cpg` file, else the
  code-page byte (language driver id) in the `.dbf` header, else UTF-8 when every text is
  valid UTF-8, else Windows-1252. The report always says which one was used and why.
"""
from __future__ import annotations

import codecs
import functools
import io
import json
import re
import struct
import warnings
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyproj
import shapely
from shapely.geometry import shape

from loaders.contract import Problem
from loaders.readers import SourceError, check_archive, decode, problem, read_member
from loaders.report import CrsNote

WGS84 = "EPSG:4326"
SHAPEFILE_PARTS = (".shp", ".dbf", ".prj", ".shx", ".cpg")
GEOJSON_SUFFIXES = (".geojson", ".json")
MAX_LISTED = 10

# dBASE language driver ids (byte 29 of a .dbf header) and the code page each stands for.
# 0x57 is "the current ANSI code page": ArcGIS writes it for Windows-1252 on German systems.
LDID_CODECS = {
    0x01: "cp437", 0x02: "cp850", 0x03: "cp1252", 0x04: "mac_roman", 0x08: "cp865", 0x09: "cp437", 0x0A: "cp850",
    0x0B: "cp437", 0x0D: "cp437", 0x0E: "cp850", 0x0F: "cp437", 0x10: "cp850", 0x11: "cp437", 0x12: "cp850",
    0x13: "cp932", 0x14: "cp850", 0x15: "cp437", 0x16: "cp850", 0x17: "cp865", 0x18: "cp437", 0x19: "cp437",
    0x1A: "cp850", 0x1B: "cp437", 0x1C: "cp863", 0x1D: "cp850", 0x1F: "cp852", 0x22: "cp852", 0x23: "cp852",
    0x24: "cp860", 0x25: "cp850", 0x26: "cp866", 0x37: "cp850", 0x40: "cp852", 0x4D: "cp936", 0x4E: "cp949",
    0x4F: "cp950", 0x50: "cp874", 0x57: "cp1252", 0x58: "cp1252", 0x59: "cp1252", 0x64: "cp852", 0x65: "cp866",
    0x66: "cp865", 0x67: "cp861", 0x6A: "cp737", 0x6B: "cp857", 0x6C: "cp863", 0x78: "cp950", 0x79: "cp949",
    0x7A: "cp936", 0x7B: "cp932", 0x7C: "cp874", 0x86: "cp737", 0x87: "cp852", 0x88: "cp857", 0x96: "mac_cyrillic",
    0x97: "mac_latin2", 0x98: "mac_greek", 0xC8: "cp1250", 0xC9: "cp1251", 0xCA: "cp1254", 0xCB: "cp1253", 0xCC: "cp1257",
}


@dataclass
class Feature:
    number: int  # 1-based position in the file
    properties: dict[str, Any]
    geometry: Any  # shapely geometry in WGS84, or None


@dataclass
class FeatureSet:
    file: str
    features: list[Feature]
    crs: CrsNote | None = None  # the source coordinate system, None for plain WGS84
    notes: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def property_names(self) -> list[str]:
        names: dict[str, None] = {}
        for feature in self.features[:200]:
            for key in feature.properties:
                names.setdefault(key, None)
        return list(names)


# --- coordinate systems ---------------------------------------------------------------------


def parse_crs(text: str, file: str) -> pyproj.CRS:
    try:
        return pyproj.CRS.from_user_input(text)
    except pyproj.exceptions.CRSError:
        shown = " ".join(text.split())
        shown = shown if len(shown) <= 60 else shown[:57] + "…"
        raise SourceError(
            [problem(file, "crs", f"unbekanntes Koordinatensystem „{shown}“: erwartet z. B. \"EPSG:25832\"",
                     f"unknown coordinate reference system '{shown}': expected e.g. \"EPSG:25832\"")]
        ) from None


def is_wgs84(crs: pyproj.CRS) -> bool:
    if not crs.is_geographic:  # cheap: a projected CRS never is (to_epsg can take a second)
        return False
    return crs.name in ("WGS 84", "WGS84") or "CRS84" in crs.srs.upper() or crs.to_epsg() == 4326


def _authority(crs: pyproj.CRS) -> tuple[str, str] | None:
    """An authority code (EPSG first) that is exactly this CRS, or None.

    A code is taken only when PROJ is certain (confidence 100) or the coded CRS is
    equivalent; a WKT merely *named* like a known CRS (an "UTM zone 32N" with another false
    easting) gets none.
    """
    try:
        matches = crs.list_authority(min_confidence=50)
    except pyproj.exceptions.CRSError:
        return None
    matches.sort(key=lambda m: (m.auth_name != "EPSG", -m.confidence))
    for match in matches:
        if match.confidence == 100:
            return match.auth_name, match.code
        try:
            if pyproj.CRS.from_authority(match.auth_name, match.code).equals(crs, ignore_axis_order=True):
                return match.auth_name, match.code
        except pyproj.exceptions.CRSError:
            continue
    return None


def _metres(value: float, lang: str) -> str:
    text = f"{value:,.0f}"
    return (text.replace(",", ".") if lang == "de" else text) + " m"


def crs_label(crs: pyproj.CRS) -> tuple[str, str]:
    """A short, honest name in German and English (computed once per definition: identifying a CRS is slow).

    With an equivalent EPSG code: "EPSG:25832 (ETRS89 / UTM zone 32N)". Without: the file's
    own name with its datum and projection parameters, saying there is no EPSG code — so an
    ESRI WKT called "UTM zone 32N" with a false easting of 2,500,000 m is never passed off as
    EPSG:32632.
    """
    return _label(crs.srs)


@functools.lru_cache(maxsize=64)
def _label(definition: str) -> tuple[str, str]:
    crs = pyproj.CRS.from_user_input(definition)  # as given: a WKT round trip can lose what identifies it
    found = _authority(crs)
    if found and found[0] == "EPSG":
        official = pyproj.CRS.from_authority(*found)
        text = f"EPSG:{found[1]} ({official.name})"
        return text, text
    parts_de: list[str] = []
    parts_en: list[str] = []
    if crs.geodetic_crs is not None:
        parts_de.append(crs.geodetic_crs.name)
        parts_en.append(crs.geodetic_crs.name)
    operation = crs.coordinate_operation if crs.is_projected else None
    if operation is not None:
        parts_de.append(operation.method_name)
        parts_en.append(operation.method_name)
        params = {p.name: p.value for p in operation.params}
        meridian = params.get("Longitude of natural origin", params.get("Longitude of origin"))
        if meridian is not None:
            parts_de.append(f"Mittelmeridian {meridian:g}°".replace(".", ","))
            parts_en.append(f"central meridian {meridian:g}°")
        for name, de, en in (("False easting", "False Easting", "false easting"), ("False northing", "False Northing", "false northing")):
            value = params.get(name)
            if value:
                parts_de.append(f"{de} {_metres(value, 'de')}")
                parts_en.append(f"{en} {_metres(value, 'en')}")
    same = f", entspricht {found[0]}:{found[1]}" if found else ""
    same_en = f", equivalent to {found[0]}:{found[1]}" if found else ""
    return (
        f"„{crs.name}“ ({', '.join(parts_de)}; kein EPSG-Code{same})",
        f"'{crs.name}' ({', '.join(parts_en)}; no EPSG code{same_en})",
    )


def reproject(geometries: list[Any], crs: pyproj.CRS) -> list[Any]:
    """Geometries from `crs` to WGS84 (x = longitude, y = latitude)."""
    if is_wgs84(crs):
        return geometries
    transformer = _to_wgs84(crs.srs)

    def move(coords: np.ndarray) -> np.ndarray:
        x, y = transformer.transform(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    return [None if g is None else shapely.transform(g, move) for g in geometries]


@functools.lru_cache(maxsize=64)
def _to_wgs84(definition: str) -> pyproj.Transformer:
    """The transformation to WGS84, built once per definition (PROJ takes a second to choose it)."""
    return pyproj.Transformer.from_crs(pyproj.CRS.from_user_input(definition), WGS84, always_xy=True)


def _source_crs(file: str, *, declared: str | None, found: str | None, found_where_de: str, found_where_en: str,
                result: FeatureSet) -> pyproj.CRS:
    """The CRS to read with: the spec's, else the file's own; a disagreement is a warning."""
    source = parse_crs(declared or found or WGS84, file)
    if declared and found:
        try:
            own = pyproj.CRS.from_user_input(found)
        except pyproj.exceptions.CRSError:
            own = None
        if own is not None and not own.equals(source, ignore_axis_order=True):
            own_de, own_en = crs_label(own)
            result.warnings.append(
                problem(file, "crs", f"die Spezifikation sagt crs = \"{declared}\", {found_where_de} sagt {own_de}: die Angabe der Spezifikation gilt — bitte prüfen",
                        f"the spec says crs = \"{declared}\", {found_where_en} says {own_en}: the spec's value is used — please check")
            )
    if declared or found:
        label_de, label_en = crs_label(source)
        result.crs = CrsNote(file, label_de, label_en, declared or found or "")
    return source


def _finish(result: FeatureSet, source: pyproj.CRS) -> None:
    """Reproject to WGS84 (one short note), check the coordinates are plausible."""
    file = result.file
    if not is_wgs84(source):
        moved = reproject([f.geometry for f in result.features], source)
        for feature, geometry in zip(result.features, moved):
            feature.geometry = geometry
        label_de, label_en = result.crs.label_de, result.crs.label_en
        result.notes.append(problem(file, None, f"von {label_de} nach WGS84 umprojiziert", f"reprojected from {label_en} to WGS84"))
    outside = []
    for feature in result.features:
        g = feature.geometry
        if g is None or g.is_empty:
            continue
        min_x, min_y, max_x, max_y = g.bounds
        if not (-180 <= min_x and max_x <= 180 and -90 <= min_y and max_y <= 90):
            outside.append((feature.number, f"x {min_x:.0f}…{max_x:.0f}, y {min_y:.0f}…{max_y:.0f}"))
    if outside:
        raise SourceError(
            [
                problem(
                    file,
                    "crs",
                    "Koordinaten außerhalb von WGS84: die Datei ist projiziert; ihr Koordinatensystem in der Spezifikation angeben, "
                    "z. B. crs = \"EPSG:25832\" (UTM 32N) oder \"EPSG:25833\" (UTM 33N)",
                    "coordinates outside WGS84: the file is projected; declare its coordinate reference system in the spec, "
                    "e.g. crs = \"EPSG:25832\" (UTM 32N) or \"EPSG:25833\" (UTM 33N)",
                    rows=[n for n, _ in outside[:MAX_LISTED]],
                    values=[v for _, v in outside[:MAX_LISTED]],
                    more=max(0, len(outside) - MAX_LISTED),
                )
            ]
        )


def polygonal(geometry: Any) -> Any:
    """The polygon part of a geometry (make_valid may return a collection), or None."""
    if geometry is None or geometry.is_empty:
        return None
    if geometry.geom_type in ("Polygon", "MultiPolygon"):
        return geometry
    if geometry.geom_type == "GeometryCollection":
        parts = []
        for part in geometry.geoms:
            found = polygonal(part)
            if found is not None:
                parts.extend(found.geoms if found.geom_type == "MultiPolygon" else [found])
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else shapely.MultiPolygon(parts)
    return None


# --- GeoJSON --------------------------------------------------------------------------------

# json's messages (English) in our words; the position is given separately
_JSON_MESSAGES = (
    ("Expecting ',' delimiter", "ein Komma fehlt", "a comma is missing"),
    ("Expecting ':' delimiter", "ein Doppelpunkt fehlt", "a colon is missing"),
    ("Expecting property name enclosed in double quotes", "Name in doppelten Anführungszeichen erwartet (oder ein Komma zu viel)",
     "a name in double quotes expected (or one comma too many)"),
    ("Expecting value", "ein Wert fehlt (Datei leer, abgeschnitten oder ein Komma zu viel?)",
     "a value is missing (file empty, cut off, or one comma too many?)"),
    ("Unterminated string", "Text ohne schließendes Anführungszeichen", "text without a closing quote"),
    ("Invalid control character", "Steuerzeichen (z. B. Zeilenumbruch) in einem Text", "a control character (e.g. a line break) inside a text"),
    ("Invalid \\escape", "ungültiges \\-Zeichen in einem Text", "an invalid \\ escape inside a text"),
    ("Invalid \\uXXXX escape", "ungültiges \\u-Zeichen in einem Text", "an invalid \\u escape inside a text"),
    ("Extra data", "weitere Daten nach dem Ende des JSON-Dokuments", "more data after the end of the JSON document"),
)


def _json_message(error: json.JSONDecodeError) -> tuple[str, str]:
    for prefix, de, en in _JSON_MESSAGES:
        if error.msg.startswith(prefix):
            return de, en
    return "Syntaxfehler", "syntax error"


def _crs_from_geojson(document: dict) -> str | None:
    crs = document.get("crs")
    if not isinstance(crs, dict):
        return None
    properties = crs.get("properties") or {}
    name = properties.get("name") if isinstance(properties, dict) else None
    return name if isinstance(name, str) else None


def _too_deep(file: str) -> SourceError:
    return SourceError(
        [problem(file, None, "zu tief verschachteltes JSON: keine gewöhnliche GeoJSON-Datei (Koordinaten sind höchstens vier Ebenen tief) — "
                 "die Datei neu exportieren",
                 "JSON nested too deeply: not an ordinary GeoJSON file (coordinates are at most four levels deep) — export the file again")]
    )


def read_geojson(data: bytes, file: str, *, crs: str | None = None) -> FeatureSet:
    """A GeoJSON FeatureCollection; reprojected to WGS84 from its `crs` member or the declared CRS."""
    try:
        document = json.loads(decode(data, "auto", file)[0])
    except json.JSONDecodeError as error:
        de, en = _json_message(error)
        raise SourceError(
            [problem(file, None, f"kein gültiges JSON (Zeile {error.lineno}, Spalte {error.colno}): {de}",
                     f"not valid JSON (line {error.lineno}, column {error.colno}): {en}", rows=(error.lineno,))]
        ) from None
    except RecursionError:
        raise _too_deep(file) from None
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection" or not isinstance(document.get("features"), list):
        raise SourceError([problem(file, None, "erwartet eine GeoJSON-FeatureCollection", "expected a GeoJSON FeatureCollection")])
    result = FeatureSet(file, [])
    source = _source_crs(file, declared=crs, found=_crs_from_geojson(document), found_where_de="die Datei (crs)",
                         found_where_en="the file (crs)", result=result)
    broken = []
    for number, item in enumerate(document["features"], start=1):
        if not isinstance(item, dict):
            broken.append((number, "kein Objekt / not an object"))
            continue
        properties = item.get("properties") or {}
        if not isinstance(properties, dict):
            broken.append((number, "properties"))
            continue
        geometry = None
        if item.get("geometry"):
            try:
                geometry = shape(item["geometry"])
            except RecursionError:
                raise _too_deep(file) from None
            except (ValueError, TypeError, AttributeError, KeyError, IndexError, shapely.errors.ShapelyError):
                kind = item["geometry"].get("type") if isinstance(item["geometry"], dict) else None
                broken.append((number, str(kind)[:40] if kind else "geometry"))
                continue
        if "id" in item and "id" not in properties:
            properties = {**properties, "id": item["id"]}
        result.features.append(Feature(number, dict(properties), geometry))
    if broken:
        raise SourceError(
            [problem(file, "geometry", "Geometrie nicht lesbar (Werte: ihr Typ): Koordinaten fehlen oder passen nicht zum Typ",
                     "geometry cannot be read (values: its type): coordinates missing or not matching the type",
                     rows=[n for n, _ in broken[:MAX_LISTED]], values=[v for _, v in broken[:MAX_LISTED]], more=max(0, len(broken) - MAX_LISTED))]
        )
    _finish(result, source)
    return result


# --- shapefiles -----------------------------------------------------------------------------


def _codec(name: str) -> str | None:
    """A Python codec for an encoding name as a .cpg, a spec or a code page number writes it."""
    text = name.strip().strip("\x00").strip()
    number = re.fullmatch(r"(?:ANSI|OEM|CP|WINDOWS|MS)?[\s_-]*(\d{3,5})", text, re.IGNORECASE)
    if number:
        code = number.group(1)
        if code == "65001":
            return "utf-8"
        if code.startswith("8859") and len(code) > 4:  # "88591" → iso8859-1
            text = f"iso8859-{code[4:]}"
        else:
            text = f"cp{code}"
    try:
        return codecs.lookup(text).name
    except (LookupError, ValueError):
        return None


def encoding_name(codec: str) -> str:
    """How people call an encoding: "Windows-1252", "UTF-8", "ISO-8859-15", "CP850"."""
    if codec.startswith("cp125"):
        return f"Windows-{codec[2:]}"
    if codec.startswith("iso8859-"):
        return f"ISO-8859-{codec[8:]}"
    return codec.upper()


def _encoding_problem(file: str, codec: str, why_de: str, why_en: str) -> SourceError:
    return SourceError(
        [problem(file, "encoding", f"die Texte der .dbf lassen sich nicht als {encoding_name(codec)} lesen ({why_de}): "
                 "die richtige Kodierung in [geometry] angeben, z. B. encoding = \"cp1252\" (Windows-1252) oder encoding = \"utf-8\"",
                 f"the texts of the .dbf cannot be read as {encoding_name(codec)} ({why_en}): "
                 "declare the right encoding in [geometry], e.g. encoding = \"cp1252\" (Windows-1252) or encoding = \"utf-8\"")]
    )


def _damaged(file: str, what_de: str, what_en: str) -> SourceError:
    return SourceError(
        [problem(file, None, f"Shapefile beschädigt oder unvollständig ({what_de}): .shp, .shx und .dbf gemeinsam aus derselben Quelle neu exportieren",
                 f"shapefile damaged or incomplete ({what_en}): export .shp, .shx and .dbf again, together, from the same source")]
    )


def _decode_failed(error: Exception) -> bool:
    import shapefile  # pyshp

    return isinstance(error, UnicodeDecodeError) or (isinstance(error, shapefile.dbfFileException) and "decode" in str(error))


def _shapefile_records(parts: dict[str, bytes], file: str, codec: str) -> tuple[list[str], list[tuple[Any, list[Any]]]]:
    """Field names and (geometry, values) per record, decoded with `codec`; our own errors only."""
    import shapefile  # pyshp

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pyshp warns (in English) about padding; the values are what counts
        reader = shapefile.Reader(
            shp=io.BytesIO(parts[".shp"]),
            dbf=io.BytesIO(parts[".dbf"]),
            shx=io.BytesIO(parts[".shx"]) if ".shx" in parts else None,
            encoding=codec,
        )
        names = [f[0] for f in reader.fields[1:]]
        shapes = list(reader.iterShapes())
        records = list(reader.iterRecords())
    if len(shapes) != len(records):
        raise _damaged(file, f"{len(shapes)} Geometrien, aber {len(records)} Datensätze in der .dbf",
                       f"{len(shapes)} geometries but {len(records)} records in the .dbf")
    out = []
    for item, record in zip(shapes, records):
        geometry = None
        if item.shapeType != shapefile.NULL:
            geo = item.__geo_interface__
            geometry = shape(geo) if geo.get("type") else None
        out.append((geometry, list(record)))
    return names, out


def read_shapefile(parts: dict[str, bytes], file: str, *, crs: str | None = None, encoding: str = "auto") -> FeatureSet:
    """A shapefile from its parts (.shp, .dbf, optionally .prj, .shx, .cpg) as a FeatureSet."""
    import shapefile  # pyshp

    if ".shp" not in parts or ".dbf" not in parts:
        missing = [ext for ext in (".shp", ".dbf") if ext not in parts]
        raise SourceError(
            [problem(file, None, f"zum Shapefile fehlt {', '.join(missing)} (gleicher Name, daneben)",
                     f"the shapefile lacks {', '.join(missing)} (same name, beside it)")]
        )
    if parts[".shp"][:4] != b"\x00\x00\x27\x0a":
        raise SourceError([problem(file, None, "keine Shapefile-Geometriedatei (.shp): der Dateikopf fehlt",
                                   "not a shapefile geometry file (.shp): its header is missing")])
    if len(parts[".dbf"]) < 32:
        raise _damaged(file, ".dbf zu kurz", ".dbf too short")
    result = FeatureSet(file, [])
    codec, why_de, why_en = _chosen_encoding(parts, encoding, file, result)
    try:
        try:
            names, records = _shapefile_records(parts, file, codec or "utf-8")
            if codec is None:
                codec, why_de, why_en = "utf-8", "weder .cpg noch Code-Page-Byte; alle Texte sind gültiges UTF-8", \
                    "neither a .cpg nor a code-page byte; every text is valid UTF-8"
        except Exception as error:
            if codec is not None or not _decode_failed(error):
                raise
            codec = "cp1252"
            why_de = "geraten: weder .cpg noch Code-Page-Byte, und die Texte sind kein UTF-8 — Umlaute bitte prüfen; sicher mit encoding = … in [geometry]"
            why_en = "guessed: neither a .cpg nor a code-page byte, and the texts are not UTF-8 — please check the umlauts; declare encoding = … in [geometry] to be sure"
            names, records = _shapefile_records(parts, file, codec)
    except SourceError:
        raise
    except Exception as error:
        if _decode_failed(error):
            raise _encoding_problem(file, codec or "utf-8", why_de, why_en) from None
        if isinstance(error, (shapefile.ShapefileException, struct.error, ValueError, IndexError, KeyError, EOFError, TypeError, AttributeError)):
            raise _damaged(file, "Teile passen nicht zusammen oder sind abgeschnitten", "the parts do not match or are cut off") from None
        raise
    result.notes.append(problem(file, "encoding", f"Texte der .dbf als {encoding_name(codec)} gelesen ({why_de})",
                                f"texts of the .dbf read as {encoding_name(codec)} ({why_en})"))
    result.features = [Feature(number, dict(zip(names, values)), geometry) for number, (geometry, values) in enumerate(records, start=1)]
    prj = parts.get(".prj", b"").decode("latin-1").strip()
    if not crs and not prj:
        raise SourceError(
            [problem(file, "crs", "Koordinatensystem unbekannt: .prj-Datei fehlt; crs = \"EPSG:25832\" (o. ä.) in der Spezifikation angeben",
                     "coordinate reference system unknown: no .prj file; set crs = \"EPSG:25832\" (or similar) in the spec")]
        )
    source = _source_crs(file, declared=crs, found=prj or None, found_where_de="die .prj-Datei", found_where_en="the .prj file", result=result)
    _finish(result, source)
    return result


def _chosen_encoding(parts: dict[str, bytes], declared: str, file: str, result: FeatureSet) -> tuple[str | None, str, str]:
    """(codec, why in German, why in English): the spec, the .cpg, the .dbf header byte; None: decide by the texts."""
    if declared and declared != "auto":
        codec = _codec(declared)
        if codec is None:
            raise SourceError([problem(file, "encoding", f"unbekannte Kodierung „{declared}“: erwartet z. B. \"utf-8\" oder \"cp1252\"",
                                       f"unknown encoding '{declared}': expected e.g. \"utf-8\" or \"cp1252\"")])
        return codec, "in der Spezifikation angegeben", "declared in the spec"
    if ".cpg" in parts:
        written = parts[".cpg"].decode("latin-1").strip()
        codec = _codec(written)
        if codec is not None:
            return codec, f"laut .cpg-Datei „{written}“", f"as the .cpg file says: '{written}'"
        result.warnings.append(problem(file, "encoding", f".cpg-Datei mit unbekannter Kodierung „{written[:40]}“: nicht beachtet",
                                       f".cpg file with an unknown encoding '{written[:40]}': ignored"))
    ldid = parts[".dbf"][29]
    if ldid in LDID_CODECS:
        return LDID_CODECS[ldid], f"Code-Page-Byte 0x{ldid:02X} im .dbf-Kopf", f"code-page byte 0x{ldid:02X} in the .dbf header"
    return None, "", ""


# --- zip files and the entry point ----------------------------------------------------------


def _zip_problem(file: str, de: str, en: str) -> SourceError:
    return SourceError([problem(file, None, de, en)])


def unzip_geodata(data: bytes, file: str) -> dict[str, bytes]:
    """The parts of the one shapefile (or the one GeoJSON file) inside a zip, keyed by extension."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_archive(archive, file)
            members = [info for info in archive.infolist() if not info.is_dir() and not Path(info.filename).name.startswith(("._", "."))]
            shapefiles = sorted({str(Path(m.filename).with_suffix("")) for m in members if Path(m.filename).suffix.lower() == ".shp"})
            geojsons = [m for m in members if Path(m.filename).suffix.lower() in GEOJSON_SUFFIXES]
            if len(shapefiles) > 1:
                raise _zip_problem(file, f"die ZIP-Datei enthält mehrere Shapefiles ({', '.join(shapefiles[:5])}): auspacken und eines mit file = … angeben",
                                   f"the zip file holds several shapefiles ({', '.join(shapefiles[:5])}): unpack it and name one with file = …")
            parts: dict[str, bytes] = {}
            if shapefiles:
                stem = shapefiles[0]
                for member in members:
                    ext = Path(member.filename).suffix.lower()
                    if ext in SHAPEFILE_PARTS and str(Path(member.filename).with_suffix("")).casefold() == stem.casefold():
                        parts[ext] = read_member(archive, member, file)
            elif len(geojsons) == 1:
                parts[".geojson"] = read_member(archive, geojsons[0], file)
            elif geojsons:
                names = ", ".join(m.filename for m in geojsons[:5])
                raise _zip_problem(file, f"die ZIP-Datei enthält mehrere GeoJSON-Dateien ({names}): auspacken und eine mit file = … angeben",
                                   f"the zip file holds several GeoJSON files ({names}): unpack it and name one with file = …")
            else:
                names = ", ".join(m.filename for m in members[:8]) or "–"
                raise _zip_problem(file, f"die ZIP-Datei enthält kein Shapefile (.shp) und kein GeoJSON; gefunden: {names}",
                                   f"the zip file holds no shapefile (.shp) and no GeoJSON; found: {names}")
            return parts
    except SourceError:
        raise
    except zipfile.BadZipFile:
        raise _zip_problem(file, "keine lesbare ZIP-Datei (beschädigt, unvollständig heruntergeladen oder gar kein ZIP): die Datei neu herunterladen oder packen",
                           "not a readable zip file (damaged, not fully downloaded, or no zip at all): download or pack it again") from None
    except RuntimeError:  # zipfile: encrypted members
        raise _zip_problem(file, "die ZIP-Datei ist verschlüsselt: ohne Passwort neu packen", "the zip file is encrypted: pack it again without a password") from None
    except NotImplementedError:
        raise _zip_problem(file, "die ZIP-Datei nutzt ein unbekanntes Kompressionsverfahren: mit „Deflate“ (Standard) neu packen",
                           "the zip file uses an unsupported compression method: pack it again with Deflate (the default)") from None
    except (zlib.error, EOFError, OSError):
        raise _zip_problem(file, "ZIP-Inhalt beschädigt (Prüfsumme oder Daten fehlerhaft): die Datei neu herunterladen oder packen",
                           "zip contents damaged (checksum or data wrong): download or pack it again") from None


def read_features(parts: dict[str, bytes], file: str, *, crs: str | None = None, encoding: str = "auto") -> FeatureSet:
    """GeoJSON or a shapefile (its parts by extension, or a .zip holding one)."""
    suffix = Path(file).suffix.lower()
    if suffix == ".zip":
        parts = unzip_geodata(parts[suffix], file)
        if ".geojson" in parts:
            return read_geojson(parts[".geojson"], file, crs=crs)
        return read_shapefile(parts, file, crs=crs, encoding=encoding)
    if suffix == ".shp":
        return read_shapefile(parts, file, crs=crs, encoding=encoding)
    if suffix in GEOJSON_SUFFIXES:
        return read_geojson(parts[suffix], file, crs=crs)
    raise SourceError(
        [problem(file, None, "unbekanntes Geodatenformat: erwartet .geojson, .json, .shp oder .zip mit Shapefile",
                 "unknown geodata format: expected .geojson, .json, .shp or a .zip holding a shapefile")]
    )


# --- map geometry: each level simplified as one coverage -------------------------------------

MAP_TOLERANCE_SHARE = 0.02  # default tolerance: this share of the level's median equivalent diameter
METRES_PER_DEGREE_LATITUDE = 110_574.0  # near 50° N; the tolerance is a rough length, not a survey measure
METRES_PER_DEGREE_LONGITUDE_AT_EQUATOR = 111_320.0


def _metre_scale(geometries: np.ndarray) -> np.ndarray:
    """Factors that turn lon/lat into metres near the geometries' middle latitude (equirectangular)."""
    min_y, max_y = shapely.total_bounds(geometries)[[1, 3]]
    middle = np.radians((min_y + max_y) / 2)
    return np.array([METRES_PER_DEGREE_LONGITUDE_AT_EQUATOR * np.cos(middle), METRES_PER_DEGREE_LATITUDE])


def default_map_tolerance(geometries: np.ndarray) -> float:
    """The default simplification tolerance in metres for one level's polygons (WGS84):
    MAP_TOLERANCE_SHARE of the diameter of a circle as large as the level's median area, so a
    small area (a Planungsraum, about 1 km across: 20 m) keeps its shape and a large one (a
    Bezirk, about 9 km: 180 m) is drawn coarser. 0 for no geometries."""
    present = geometries[~shapely.is_missing(geometries) & ~shapely.is_empty(geometries)]
    if not len(present):
        return 0.0
    scale = _metre_scale(present)
    areas = shapely.area(shapely.transform(present, lambda xy: xy * scale))
    return float(MAP_TOLERANCE_SHARE * 2 * np.sqrt(np.median(areas) / np.pi))


def _original_corners(exact: np.ndarray, scale: np.ndarray):
    """A coordinate mapping for shapely.transform that turns corners in metres back into the
    original lon/lat of `exact` bit for bit (the simplification keeps a subset of the corners;
    dividing by the scale could move a corner by a rounding error, and two areas that touched in
    one point would no longer touch); a corner not found is divided back."""
    original = shapely.get_coordinates(exact)
    keys = np.ascontiguousarray(original * scale).view(np.complex128).ravel()
    order = np.argsort(keys)
    ordered = keys[order]

    def back(in_metres: np.ndarray) -> np.ndarray:
        wanted = np.ascontiguousarray(in_metres).view(np.complex128).ravel()
        found = np.clip(np.searchsorted(ordered, wanted), 0, len(ordered) - 1)
        hit = ordered[found] == wanted
        lonlat = in_metres / scale
        lonlat[hit] = original[order[found[hit]]]
        return lonlat

    return back


def simplify_coverage(geometries: np.ndarray, tolerance_m: float) -> np.ndarray:
    """The polygons of one level (WGS84; None where missing) simplified together as one coverage
    (shapely.coverage_simplify, Visvalingam–Whyatt on the shared edges), so that an edge two
    neighbours share is simplified once and they still touch. `tolerance_m` is roughly the square
    root of the largest triangle (in m²) that may be cut away; the simplification runs in metres
    (lon scaled by the cosine of the middle latitude) so it is the same east–west and north–south.

    Where an area's result would be empty or invalid, its original geometry is kept; missing
    geometries stay None; a tolerance of 0 returns the originals."""
    result = np.array(geometries, dtype=object)
    present = ~shapely.is_missing(result) & ~shapely.is_empty(result)
    if tolerance_m <= 0 or not present.any():
        return result
    exact = result[present]
    scale = _metre_scale(exact)
    simplified = shapely.transform(
        shapely.coverage_simplify(shapely.transform(exact, lambda xy: xy * scale), tolerance_m), _original_corners(exact, scale)
    )
    usable = ~shapely.is_empty(simplified) & shapely.is_valid(simplified) & np.isin(shapely.get_type_id(simplified), (3, 6))
    result[np.flatnonzero(present)[usable]] = simplified[usable]
    return result

"""Write the corpus's generated files (run by hand: `python -m tests.corpus.build [bombs] [geo]`).

The other files of the corpus are written by hand; these are generated so that how they were
made is on record:

- bombs (a minute or two): `zip_bomb/grenzen.zip`, a shapefile whose .dbf unpacks from under
  1 kB to 1 GiB (bzip2); `xlsx_bomb/daten.xlsx`, an "Excel workbook" whose sheet does the same;
- geo: `utf16/daten.csv` (the base table as UTF-16 with a byte-order mark, as Excel's "Unicode
  text" export writes it) and boundaries that import without a read error but lie wrong:
  in EPSG:25832 but declared 25833, latitude and longitude swapped, overlapping areas, an
  outline the areas cover only partly, an outline elsewhere, points far from the areas.
"""
from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import numpy as np
import pyproj
import shapely

from tests.loaders.test_importer_helpers import geojson, square, squares

CORPUS = Path(__file__).resolve().parent
GIB = 2**30


def _bomb(path: Path, member: str, others: dict[str, bytes]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_BZIP2) as archive:
        for name, data in others.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0)), data)
        info = zipfile.ZipInfo(member, date_time=(2024, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_BZIP2
        with archive.open(info, "w", force_zip64=True) as target:
            block = b" " * 2**24
            for _ in range(GIB // len(block)):
                target.write(block)


def bombs() -> None:
    shp_header = b"\x00\x00\x27\x0a" + b"\x00" * 96
    _bomb(CORPUS / "zip_bomb" / "grenzen.zip", "grenzen.dbf", {"grenzen.shp": shp_header, "grenzen.prj": b'GEOGCS["WGS 84"]'})
    _bomb(CORPUS / "xlsx_bomb" / "daten.xlsx", "xl/worksheets/sheet1.xml", {"[Content_Types].xml": b"<Types/>"})


def _write(case: str, name: str, text: str) -> None:
    (CORPUS / case).mkdir(exist_ok=True)
    (CORPUS / case / name).write_text(text, encoding="utf-8")


def _rounded(geometry: shapely.Geometry, digits: int) -> shapely.Geometry:
    return shapely.set_precision(geometry, 10.0 ** -digits)


def geo() -> None:
    text = (CORPUS / "base" / "daten.csv").read_text(encoding="utf-8")
    (CORPUS / "utf16").mkdir(exist_ok=True)
    (CORPUS / "utf16" / "daten.csv").write_bytes(text.encode("utf-16"))  # with the byte-order mark FF FE
    to_utm32 = pyproj.Transformer.from_crs("EPSG:4326", "EPSG:25832", always_xy=True)
    utm = {k: _rounded(shapely.transform(g, lambda c: np.column_stack(to_utm32.transform(c[:, 0], c[:, 1]))), 0) for k, g in squares().items()}
    _write("wrong_crs", "grenzen.geojson", geojson(utm))  # in 25832; the case's spec declares 25833
    swapped = {k: shapely.transform(g, lambda c: c[:, ::-1]) for k, g in squares().items()}
    _write("swapped_axes", "grenzen.geojson", geojson(swapped))
    overlapping = dict(squares())
    overlapping["12"] = shapely.affinity.translate(overlapping["12"], xoff=-0.005)  # half of it over "11"
    _write("overlapping_areas", "grenzen.geojson", geojson(overlapping))
    outline = shapely.union_all([square(c, r) for c in range(3) for r in range(2)])  # six squares: the four areas cover 67 %
    _write("partial_outline", "stadtgrenze.geojson", geojson({"Teststadt": outline}, key="name"))
    elsewhere = shapely.box(13.3, 52.4, 13.5, 52.6)  # near Berlin
    _write("outline_elsewhere", "stadtgrenze.geojson", geojson({"Teststadt": elsewhere}, key="name"))
    _write("points_elsewhere", "orte.csv", "Name;lat;lon\nBeratung 1;52,51;13,39\nBeratung 2;52,52;13,41\n")


if __name__ == "__main__":
    chosen = sys.argv[1:] or ["geo"]
    if "bombs" in chosen:
        bombs()
    if "geo" in chosen:
        geo()

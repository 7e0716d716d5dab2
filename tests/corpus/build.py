"""Write the corpus's binary files (run by hand: `python -m tests.corpus.build`; takes a minute or two).

The text files of the corpus are written by hand; these are generated so that how they were
made is on record:

- `zip_bomb/grenzen.zip`: a shapefile whose .dbf unpacks from under 1 kB to 1 GiB (bzip2);
- `xlsx_bomb/daten.xlsx`: an "Excel workbook" whose sheet unpacks to 1 GiB the same way;
- `utf16/daten.csv`: the base table saved as UTF-16 with a byte-order mark, as Excel's
  "Unicode text" export does.
"""
from __future__ import annotations

import zipfile
from pathlib import Path

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


def main() -> None:
    shp_header = b"\x00\x00\x27\x0a" + b"\x00" * 96
    _bomb(CORPUS / "zip_bomb" / "grenzen.zip", "grenzen.dbf", {"grenzen.shp": shp_header, "grenzen.prj": b'GEOGCS["WGS 84"]'})
    _bomb(CORPUS / "xlsx_bomb" / "daten.xlsx", "xl/worksheets/sheet1.xml", {"[Content_Types].xml": b"<Types/>"})
    text = (CORPUS / "base" / "daten.csv").read_text(encoding="utf-8")
    (CORPUS / "utf16").mkdir(exist_ok=True)
    (CORPUS / "utf16" / "daten.csv").write_bytes(text.encode("utf-16"))  # with the byte-order mark FF FE


if __name__ == "__main__":
    main()

"""A tiny, hand-checkable dataset by the contract, for tests that break it or aggregate it.

Two districts "A" and "B", each with two sub-areas (A1, A2, B1, B2) drawn as unit squares
near Lübeck. Values are chosen so that aggregates are easy to compute by hand:

- `residents` (count): A1 100, A2 300, B1 50, B2 2 (B2 is a small count: suppressed),
  so A = 400, B = 52 (B shows, 52 ≥ 3), city = 452.
- `poverty` (share, %): A1 10/100, A2 90/300, B1 5/50, B2 1/2 (suppressed: numerator 1 < 3,
  denominator 2 < 10). A = 100/400 = 25 %, B = 6/52 = 11.538… %, city = 106/452 = 23.451… %.
  The mean of the four percentages (10, 30, 10, 50) would be 25 % — a different number.
- `index_score` (index, no numerator): cannot be aggregated; stored only for sub-areas.

`addresses()` (written by `write_addresses`, not by default): six addresses in the four
sub-areas and one outside every area, with residents, around the two places of `pois()`.
"""
from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import shapely

from loaders.contract import AREAS_FILE, INDICATORS_FILE, POIS_FILE, VALUES_FILE, arrow_schema

ORIGIN = (10.6, 53.8)


def square(column: int, row: int, size: float = 0.01) -> bytes:
    x, y = ORIGIN[0] + column * size, ORIGIN[1] + row * size
    return shapely.to_wkb(shapely.box(x, y, x + size, y + size))


def metadata() -> dict:
    return {
        "contract_version": 1,
        "name": "Testdatensatz",
        "city": "Teststadt",
        "attribution": "Test data, CC0",
        "is_demo": True,
        "levels": [
            {"id": "bezirk", "label_de": "Bezirk", "label_en": "Borough", "plural_de": "Bezirke", "plural_en": "boroughs"},
            {"id": "teil", "label_de": "Teilgebiet", "label_en": "Sub-area"},
        ],
        "default": {"indicator": "poverty", "period": 2021, "level": "bezirk"},
        "population_indicator": "residents",
        "suppression": {"min_count": 3, "min_denominator": 10},
    }


def areas() -> dict[str, list]:
    return {
        "area_id": ["A", "B", "A1", "A2", "B1", "B2"],
        "name": ["Altstadt", "Bergdorf", "Altstadt Nord", "Altstadt Süd", "Bergdorf West", "Bergdorf Ost"],
        "level": ["bezirk", "bezirk", "teil", "teil", "teil", "teil"],
        "parent_id": [None, None, "A", "A", "B", "B"],
        "geometry": [
            shapely.to_wkb(shapely.box(10.6, 53.8, 10.62, 53.81)),
            shapely.to_wkb(shapely.box(10.62, 53.8, 10.64, 53.81)),
            square(0, 0),
            square(1, 0),
            square(2, 0),
            square(3, 0),
        ],
        "area_km2": [1.3, 1.3, 0.65, 0.65, 0.65, 0.65],
    }


def catalog() -> dict[str, list]:
    def entry(indicator_id, label, kind, unit, scale, polarity, domain):
        return {
            "indicator_id": indicator_id,
            "label_de": label,
            "label_en": label,
            "description_de": f"{label} (Test)",
            "description_en": f"{label} (test)",
            "domain": domain,
            "unit_de": unit,
            "unit_en": unit,
            "polarity": polarity,
            "kind": kind,
            "scale": scale,
            "decimals": 1,
            "source": "Test",
            "licence": "CC0",
            "vintage": "31.12.",
            "sdg": "",
            "is_synthetic": True,
        }

    rows = [
        entry("residents", "Einwohner", "count", "EW", 1.0, "neutral", "demografie"),
        entry("poverty", "Armutsquote", "share", "%", 100.0, "higher_worse", "einkommen_armut"),
        entry("index_score", "Indexwert", "index", "Punkte", 1.0, "higher_better", "wohnen"),
    ]
    return {key: [row[key] for row in rows] for key in rows[0]}


def values() -> dict[str, list]:
    rows = []
    for period in (2020, 2021):
        for area_id, residents in (("A1", 100), ("A2", 300), ("B1", 50), ("B2", 2)):
            rows.append((area_id, "residents", period, float(residents), None, None))
        for area_id, poor, total in (("A1", 10, 100), ("A2", 90, 300), ("B1", 5, 50), ("B2", 1, 2)):
            rows.append((area_id, "poverty", period, poor / total * 100, float(poor), float(total)))
        for area_id, score in (("A1", 1.0), ("A2", 2.0), ("B1", 3.0), ("B2", 4.0)):
            rows.append((area_id, "index_score", period, score + (period - 2020), None, None))
    rows.sort(key=lambda r: (r[1], r[2], r[0]))
    columns = ["area_id", "indicator_id", "period", "value", "numerator", "denominator"]
    return {column: [row[i] for row in rows] for i, column in enumerate(columns)}


def pois() -> dict[str, list]:
    return {
        "poi_id": ["p1", "p2"],
        "category": ["bibliothek", "digitale_hilfe"],
        "name": ["Stadtbibliothek", "Digitaltreff"],
        "address": ["Hauptstraße 1", None],
        "lat": [53.805, 53.806],
        "lon": [10.605, 10.625],
        "attributes": ['{"wheelchair": "yes"}', '{"wheelchair": "no", "digital_help": true}'],
    }


def addresses() -> dict[str, list]:
    """Addresses near the two places; the last one lies outside every area (no area, no residents)."""
    return {
        "address_id": ["a1", "a2", "a3", "a4", "b1", "b2", "x1"],
        "lon": [10.605, 10.609, 10.615, 10.619, 10.625, 10.635, 10.70],
        "lat": [53.806, 53.805, 53.805, 53.809, 53.807, 53.805, 53.90],
        "area_id": ["A1", "A1", "A2", "A2", "B1", "B2", None],
        "residents": [10.0, 30.0, 20.0, 40.0, 5.0, 15.0, None],
    }


def write_addresses(folder: Path, columns: dict[str, list] | None = None) -> Path:
    """Add the address table (with residents) to a dataset folder."""
    from loaders.contract import ADDRESSES_FILE

    columns = addresses() if columns is None else columns
    optional = ("residents",) if "residents" in columns else ()
    write_table(folder, ADDRESSES_FILE, columns, arrow_schema(ADDRESSES_FILE, optional=optional))
    return folder


def write_table(folder: Path, file_name: str, columns: dict[str, list], schema: pa.Schema | None = None) -> None:
    pq.write_table(pa.table(columns, schema=schema or arrow_schema(file_name)), folder / file_name)


def write_dataset(folder: Path) -> Path:
    """Write the valid tiny dataset into `folder` and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "dataset.json").write_text(json.dumps(metadata(), ensure_ascii=False, indent=2), encoding="utf-8")
    write_table(folder, AREAS_FILE, areas())
    write_table(folder, INDICATORS_FILE, catalog())
    write_table(folder, VALUES_FILE, values())
    write_table(folder, POIS_FILE, pois())
    return folder


# --- hostile texts: data that tries to be markup --------------------------------------------
EVIL = "evil.example"  # never contacted: a test fails if this address appears as markup
HOSTILE_HTML = f'<img src="http://{EVIL}/html.png" id="injected" onerror="document.title=\'pwned\'"><b>fett</b>'
HOSTILE_IMAGE = f"![tracker](http://{EVIL}/track.png)"
HOSTILE_LINK = f"[hier klicken](http://{EVIL}/link) **fett** www.{EVIL}"
HOSTILE_STREAMLIT = ":red[rot] :material/warning: :smile: $x^2$ <i>kursiv</i>"
HOSTILE_LONG = "Langer Name " * 834  # 10,008 characters
HOSTILE_RTL = "\u202eمركز المدينة \u05e2\u05d9\u05e8"  # an override, Arabic and Hebrew
HOSTILE_TEXTS = (HOSTILE_HTML, HOSTILE_IMAGE, HOSTILE_LINK, HOSTILE_STREAMLIT, HOSTILE_LONG, HOSTILE_RTL)


def write_hostile_dataset(folder: Path) -> Path:
    """The tiny dataset with every text the dataset brings replaced by markup, long or
    right-to-left text: names, labels, descriptions, units, sources, licences, the dataset's
    name, city, attribution, level labels and notes, point names and categories."""
    write_dataset(folder)
    meta = metadata()
    meta.update(
        name=f"Test {HOSTILE_HTML} {HOSTILE_IMAGE}",
        city=f"Stadt {HOSTILE_LINK}",
        attribution=f"{HOSTILE_IMAGE} {HOSTILE_LONG}",
        geometry_note_de=HOSTILE_STREAMLIT,
        geometry_note_en=HOSTILE_STREAMLIT,
        demo_notice_de=f"{HOSTILE_IMAGE} {HOSTILE_RTL}",
        demo_notice_en=f"{HOSTILE_IMAGE} {HOSTILE_RTL}",
        social_index={
            "level": "teil",
            "status_indicators": ["poverty"],
            "dynamics_indicators": ["poverty_change"],
            "dynamics_from_levels": {"poverty_change": "poverty"},
            "dynamics_span_years": 1,
            "min_population": 0,
        },
    )
    meta["levels"][0].update(label_de=f"Bezirk {HOSTILE_STREAMLIT}", label_en=f"Borough {HOSTILE_STREAMLIT}", plural_de=HOSTILE_LINK, plural_en=HOSTILE_LINK)
    meta["levels"][1].update(label_de=HOSTILE_IMAGE, label_en=HOSTILE_IMAGE)
    (folder / "dataset.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    hostile_areas = areas()
    hostile_areas["name"] = [HOSTILE_HTML, HOSTILE_LONG, HOSTILE_IMAGE, HOSTILE_LINK, HOSTILE_RTL, HOSTILE_STREAMLIT]
    write_table(folder, AREAS_FILE, hostile_areas)
    entries = catalog()
    for column, texts in (
        ("label_de", [f"Einwohner {HOSTILE_HTML}", f"**Armut** {HOSTILE_IMAGE}", f"Index {HOSTILE_STREAMLIT}"]),
        ("label_en", [f"Residents {HOSTILE_HTML}", f"**Poverty** {HOSTILE_IMAGE}", f"Index {HOSTILE_STREAMLIT}"]),
        ("description_de", [HOSTILE_LINK, HOSTILE_HTML, HOSTILE_LONG]),
        ("description_en", [HOSTILE_LINK, HOSTILE_HTML, HOSTILE_LONG]),
        ("unit_de", [f"EW {HOSTILE_HTML}", "%", HOSTILE_STREAMLIT]),
        ("unit_en", [f"res. {HOSTILE_HTML}", "%", HOSTILE_STREAMLIT]),
        ("source", [HOSTILE_LINK, HOSTILE_IMAGE, HOSTILE_RTL]),
        ("licence", [HOSTILE_STREAMLIT, HOSTILE_HTML, HOSTILE_LINK]),
        ("vintage", [HOSTILE_IMAGE, HOSTILE_IMAGE, HOSTILE_IMAGE]),
        ("sdg", [HOSTILE_LINK, "", ""]),
    ):
        entries[column] = texts
    write_table(folder, INDICATORS_FILE, entries)
    points = pois()
    points["name"] = [HOSTILE_HTML, HOSTILE_IMAGE]
    points["category"] = ["bibliothek", f"<img src=http://{EVIL}/category.png>"]
    points["address"] = [HOSTILE_LINK, HOSTILE_RTL]
    write_table(folder, POIS_FILE, points)
    return folder


def add_balance(folder: Path) -> Path:
    """Add `net_migration` (kind balance, per 1,000 residents) to a dataset written by `write_dataset`.

    Numerators (moves in − moves out) over the residents: A1 +20/100 = +200 ‰, A2 −30/300 =
    −100 ‰, B1 −5/50 = −100 ‰, B2 +1/2 (withheld: |1| < 3, base 2 < 10). A = −10/400 = −25 ‰,
    B = −4/52 = −76.923… ‰, city = −14/452 = −30.973… ‰ — not the mean of the areas' balances.
    """
    entries = catalog()
    row = {key: entries[key][0] for key in entries}
    row.update(
        indicator_id="net_migration", label_de="Wanderungssaldo", label_en="Net migration", kind="balance", scale=1000.0,
        unit_de="je 1.000 EW", unit_en="per 1,000 residents", description_de="Zuzüge minus Wegzüge", description_en="Moves in minus out",
    )
    for key in entries:
        entries[key].append(row[key])
    write_table(folder, INDICATORS_FILE, entries)
    columns = values()
    for period in (2020, 2021):
        for area_id, net, residents in (("A1", 20, 100), ("A2", -30, 300), ("B1", -5, 50), ("B2", 1, 2)):
            for column, value in zip(columns, (area_id, "net_migration", period, net / residents * 1000, float(net), float(residents))):
                columns[column].append(value)
    order = sorted(range(len(columns["area_id"])), key=lambda i: (columns["indicator_id"][i], columns["period"][i], columns["area_id"][i]))
    write_table(folder, VALUES_FILE, {column: [columns[column][i] for i in order] for column in columns})
    return folder

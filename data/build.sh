#!/usr/bin/env bash
# Regenerate the sample-data extracts in data/ from the public source files
# kept in ../shared/data (see data/SOURCES.md for provenance and the exact
# derivation rules).
#
#   usage:  bash data/build.sh [SHARED_DATA_DIR]
#
# The CSVs it writes are committed, so nothing in the build, the tests or
# `make demo` runs this script; it exists so the extracts can be audited and
# regenerated.  It needs bash and python3 (standard library only).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
src=${1:-${RARERISK_SHARED_DATA:-$here/../../shared/data}}
src=$(cd "$src" && pwd)

command -v python3 >/dev/null || { echo "build.sh: python3 is required" >&2; exit 1; }

python3 - "$src" "$here" <<'PY'
import csv, io, re, sys
from decimal import Decimal, InvalidOperation

SRC, OUT = sys.argv[1], sys.argv[2]

def die(msg):
    sys.exit("build.sh: " + msg)

def clean(s):
    """Trim, collapse runs of whitespace (incl. NBSP) to one space."""
    return re.sub(r"\s+", " ", (s or "").replace("\u00a0", " ")).strip()

def num(s):
    """Parse a USGS/Comtrade number: '1,234' -> '1234', '6081534.0' -> '6081534'.
    Returns None for anything that is not a plain non-negative number."""
    s = clean(s).replace(",", "")
    if not re.fullmatch(r"\d+(\.\d+)?", s):
        return None
    d = Decimal(s)
    d = d.quantize(Decimal(1)) if d == d.to_integral_value() else d.normalize()
    return format(d, "f")

def write(name, header, rows):
    with open(f"{OUT}/{name}", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
    print(f"wrote data/{name}: {len(rows)} rows")

# ---------------------------------------------------------------- 1. U.S. imports
# Source: akashok1 fct_supplier_share, rare_earths_and_magnets basket (UN Comtrade,
# reporter USA, flow M, annual, USD).
path = f"{SRC}/us_ree_imports_by_partner_akashok1/fct_supplier_share_rare_earths.csv"
with open(path, encoding="utf-8", newline="") as f:
    src_rows = list(csv.DictReader(f))
imports, dropped_world, unattributed = [], 0, 0
for r in src_rows:
    if r["basket"] != "rare_earths_and_magnets":
        continue
    code, name = int(r["partner_code"]), clean(r["partner_name"])
    # World totals are not a supplier: drop them (the source already excluded them).
    if code == 0 or name.lower() == "world":
        dropped_world += 1
        continue
    iso3 = clean(r["partner_iso3"]) or None
    # Aggregate / n.e.s. / "Other" areas are real imports of unknown origin:
    # keep the volume, but with a NULL supplier (rarerisk's unattributed volume).
    if r["is_aggregate_partner"] == "t" or re.search(r"\bn\.?e\.?s\b|\bother\b|\bareas\b", name, re.I):
        if code != 490:      # 490 "Other Asia, nes" is Taiwan (source override)
            iso3 = None
            unattributed += 1
    if iso3 is not None and not re.fullmatch(r"[A-Z]{3}", iso3):
        die(f"bad partner_iso3 {iso3!r}")
    value = num(r["import_value_usd"])
    if value is None:
        die(f"bad import value {r['import_value_usd']!r}")
    imports.append([r["canonical_product_id"], int(r["year"]), iso3 or "", name, value,
                    code, clean(r["share"]), int(r["rank"])])
imports.sort(key=lambda x: (x[0], x[1], x[7]))
print(f"us_ree_imports: {len(src_rows)} source rows, {dropped_world} World rows dropped, "
      f"{unattributed} aggregate/n.e.s. rows kept as unattributed")
write("us_ree_imports.csv",
      ["hs6", "year", "partner_iso3", "partner_name", "import_value_usd",
       "comtrade_partner_code", "source_share", "source_rank"], imports)

# ---------------------------------------------------------------- 2. USGS MCS
ISO3 = {
    "Argentina": "ARG", "Australia": "AUS", "Austria": "AUT", "Belgium": "BEL",
    "Bolivia": "BOL", "Brazil": "BRA", "Burma": "MMR", "Burundi": "BDI", "Canada": "CAN",
    "Chile": "CHL", "China": "CHN", "Congo (Kinshasa)": "COD", "Côte d’Ivoire": "CIV",
    "Cuba": "CUB", "Finland": "FIN", "Gabon": "GAB", "Germany": "DEU", "Ghana": "GHA",
    "Greenland": "GRL", "Guatemala": "GTM", "India": "IND", "Indonesia": "IDN",
    "Iran": "IRN", "Japan": "JPN", "Kazakhstan": "KAZ", "Korea, North": "PRK",
    "Korea, Republic of": "KOR", "Kyrgyzstan": "KGZ", "Laos": "LAO", "Madagascar": "MDG",
    "Malaysia": "MYS", "Mexico": "MEX", "Mozambique": "MOZ", "Namibia": "NAM",
    "New Caledonia": "NCL", "Nigeria": "NGA", "Norway": "NOR", "Pakistan": "PAK",
    "Papua New Guinea": "PNG", "Philippines": "PHL", "Portugal": "PRT", "Russia": "RUS",
    "Rwanda": "RWA", "South Africa": "ZAF", "Spain": "ESP", "Sri Lanka": "LKA",
    "Tajikistan": "TJK", "Tanzania": "TZA", "Thailand": "THA", "Turkey": "TUR",
    "Ukraine": "UKR", "United States": "USA", "Vietnam": "VNM", "Zimbabwe": "ZWE",
}
OTHER = "Other countries"

def country(raw):
    """-> (name, iso3 or None, is_world_total).  Trims names, drops footnote
    digits ('World total (rounded) 10'), unifies 'Other Countries'."""
    name = clean(raw)
    if name.lower().startswith("world total"):
        return name, None, True
    if name.lower() == "other countries":
        return OTHER, None, False
    if name not in ISO3:
        die(f"no ISO alpha-3 code for USGS country name {name!r}")
    return name, ISO3[name], False

def estimated(v, year_is_estimate, *texts):
    """'t' when the edition marks the year as estimated (column name, 'Estimated.'
    note) or the measure/notes say the figure is estimated; '' when no value."""
    if v is None:
        return ""
    return "t" if year_is_estimate or any(re.search(r"estimat", t, re.I) for t in texts) else "f"

def value(cell, notes):
    """-> (production or None, value_flag or None)."""
    v = num(cell)
    if v is not None:
        return v, None
    c = clean(cell)
    if c in ("W", "NA", "—", "–", "-", "--"):
        return None, {"–": "—", "-": "—", "--": "—"}.get(c, c)
    if c == "":
        n = clean(notes)
        if re.match(r"W\b", n): return None, "W"
        if n == "NA": return None, "NA"
        return None, "blank"
    die(f"unparseable production value {cell!r}")

production = []

# 2a. MCS2025 World Data (all commodities, one file; UTF-8 with BOM).
MCS2025_COMMODITY = {
    "Rare earths": "Rare earths", "Cobalt": "Cobalt", "Lithium": "Lithium",
    "Graphite": "Graphite", "Gallium": "Gallium", "Gemanium": "Germanium",
    "Nickel": "Nickel", "Tungsten": "Tungsten", "Antimony": "Antimony",
    "Manganese": "Manganese", "Platinum-Group metals": None,  # split below
}
with open(f"{SRC}/usgs_mcs/mcs2025/MCS2025_World_Data.csv", encoding="utf-8-sig", newline="") as f:
    rows = list(csv.DictReader(f))
for r in rows:
    com = clean(r["COMMODITY"])
    if com not in MCS2025_COMMODITY:
        continue
    measure = clean(r["TYPE"])
    commodity = MCS2025_COMMODITY[com]
    if commodity is None:   # PGMs: one series per metal
        m = re.search(r"(Palladium|Platinum) content", measure)
        commodity = "Platinum-group metals: " + m.group(1).lower()
    name, iso3, world = country(r["COUNTRY"])
    if world:
        continue
    notes = clean(r["PROD_NOTES"])
    for year, col, est in ((2023, "PROD_2023", False), (2024, "PROD_EST_ 2024", True)):
        v, flag = value(r[col], notes)
        production.append(["MCS2025", commodity, year, name, iso3 or "", v or "",
                           clean(r["UNIT_MEAS"]), estimated(v, est, measure, notes),
                           flag or "", measure, notes])

# 2b. MCS2022-MCS2024 rare-earth world files (UTF-8 with BOM, CRLF, year and
#     estimate flag in the column names, MCS2024 with trailing empty columns/rows).
for edition, rel in (("MCS2022", "mcs2022/mcs2022-raree_world.csv"),
                     ("MCS2023", "mcs2023/world/mcs2023-raree_world.csv"),
                     ("MCS2024", "mcs2024/world/mcs2024-raree_world.csv")):
    with open(f"{SRC}/usgs_mcs/{rel}", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    hdr = rows[0]
    ycols = [(i, int(m.group(2)), bool(m.group(1)))
             for i, h in enumerate(hdr)
             for m in [re.fullmatch(r"Prod_t_(est_)?(\d{4})", h.strip(), re.I)] if m]
    if len(ycols) != 2:
        die(f"{rel}: expected two Prod_t_* columns, got {hdr}")
    inotes = hdr.index("Prod_notes") if "Prod_notes" in hdr else None
    for row in rows[1:]:
        if not any(c.strip() for c in row):
            continue
        rec = dict(zip(hdr, row))
        if clean(rec["Source"]) != edition:
            die(f"{rel}: unexpected Source {rec['Source']!r}")
        name, iso3, world = country(rec["Country"])
        if world:
            continue
        notes = clean(row[inotes]) if inotes is not None else ""
        for i, year, est in ycols:
            v, flag = value(row[i], notes)
            production.append([edition, "Rare earths", year, name, iso3 or "", v or "",
                               "metric tons", estimated(v, est, rec["Type"], notes), flag or "",
                               clean(rec["Type"]), notes])

# 2c. MCS2026 Commodities Data (long format, cp1252, thousands separators).
with open(f"{SRC}/usgs_mcs/mcs2026/MCS2026_Commodities_Data.csv", encoding="cp1252", newline="") as f:
    rows = list(csv.DictReader(f))
for r in rows:
    if not (r["MCS chapter"] == "RARE EARTHS" and r["Commodity"] == "Rare Earths"
            and r["Section"].startswith("World") and r["Statistics"] == "Production"):
        continue
    name, iso3, world = country(r["Country"])
    if world:
        continue
    notes = clean(r["Notes"])
    v, flag = value(r["Value"], notes)
    production.append(["MCS2026", "Rare earths", int(r["Year"]), name, iso3 or "", v or "",
                       clean(r["Unit"]), estimated(v, False, r["Statistics_detail"], notes),
                       flag or "", clean(r["Statistics_detail"]), notes])

ED = {"MCS2022": 0, "MCS2023": 1, "MCS2024": 2, "MCS2025": 3, "MCS2026": 4}
production.sort(key=lambda x: (x[1], ED[x[0]], x[9], x[2], x[3] == OTHER, x[3]))
write("world_mine_production.csv",
      ["edition", "commodity", "year", "country", "iso3", "production", "unit",
       "estimated", "value_flag", "measure", "notes"], production)
PY

#!/usr/bin/env python3
"""Build data/nickel_network_2023.csv: the world trade network of nickel ores
and concentrates (HS 260400) in 2023 with own mine production, for rarerisk's
origin tracing.  Standard library only.

    python3 data/build_nickel_network.py [path/to/shared/data] > data/nickel_network_2023.csv

Sources (see data/SOURCES.md, section 3):
  comtrade_nickel_bilateral/UN_nickel_trade.csv   UN Comtrade, netWgt in kg
  bgs_world_mineral_statistics/BGS_nickel_production.csv
                                                  BGS mine production, t Ni content

Reconciliation of importer- and exporter-reported flows:
  1. An importer's own declaration (flowCode M, partner = exporter) is used
     whenever the importer reported HS 260400 imports for the year.
  2. The part of an importer's reported total ("World" partner) that its
     partner rows do not cover, and partner "Areas, nes", are supply of
     unknown origin (exporter empty = NULL).
  3. Only for importers that reported no imports at all is the exporter's
     declaration (flowCode X, the "mirror" flow) used.  Exporter rows whose
     partner is World or "Areas, nes" name no importer and are dropped.
  4. Re-imports (reporter = partner) are dropped: they are not production.
  5. Rows without a net weight are dropped (they are counted on stderr).
Comtrade 490/S19 "Other Asia, nes" is Taiwan (TWN).
"""
import csv
import sys
from collections import defaultdict

YEAR = "2023"
HS = "260400"
base = sys.argv[1] if len(sys.argv) > 1 else "../shared/data"


def iso(code):
    code = code.strip()
    if code == "S19":
        return "TWN"
    if code in ("W00", "_X", ""):
        return None
    if len(code) != 3 or not code.isalpha():
        sys.exit("unexpected partner code %r" % code)
    return code


rows = [r for r in csv.DictReader(open(base + "/comtrade_nickel_bilateral/UN_nickel_trade.csv", encoding="utf-8"))
        if r["period"] == YEAR and r["cmdCode"] == HS]
importers = {iso(r["reporterISO"]) for r in rows if r["flowCode"] == "M"}
out = []
dropped = defaultdict(int)
world = {}
listed = defaultdict(float)

for r in rows:
    rep, par = iso(r["reporterISO"]), r["partnerISO"].strip()
    if r["netWgt"] == "":
        dropped["no net weight"] += 1
        continue
    t = float(r["netWgt"]) / 1000.0
    value = r["primaryValue"]
    if r["flowCode"] == "M":
        if par == "W00":
            world[rep] = (t, float(value or 0))
            continue
        exp = iso(par)
        if exp == rep:
            dropped["re-import"] += 1
            continue
        listed[rep] += t
        out.append(("import", exp, rep, t, value))
    elif r["flowCode"] == "X":
        imp = iso(par)
        if imp is None:
            dropped["export to World or Areas nes"] += 1
            continue
        if imp in importers:
            continue            # the importer's own declaration is used
        if imp == rep:
            dropped["re-import"] += 1
            continue
        out.append(("mirror", rep, imp, t, value))

for rep, (t, value) in sorted(world.items()):
    rest = t - listed[rep]
    if rest > 1e-6 * t and rest > 0.001:
        out.append(("unallocated", None, rep, rest, ""))

prod = []
for r in csv.DictReader(open(base + "/bgs_world_mineral_statistics/BGS_nickel_production.csv", encoding="utf-8")):
    if not r["year"].startswith(YEAR) or r["erml_commodity"] != "Nickel (mine production, metal content)":
        continue
    code = {"1A0": "XKX"}.get(r["country_iso3_code"], r["country_iso3_code"])
    if r["quantity"] == "":
        dropped["production without quantity"] += 1
        continue
    prod.append(("production", code, code, float(r["quantity"]), ""))

w = csv.writer(sys.stdout, lineterminator="\n")
w.writerow(["year", "hs6", "source", "exporter", "importer", "tonnes", "basis", "value_usd"])


def num(x):
    s = ("%.6f" % x).rstrip("0").rstrip(".")
    return s if s else "0"


for src, exp, imp, t, value in sorted(prod) + sorted(out, key=lambda x: (x[2], x[1] or "~", x[0])):
    w.writerow([YEAR, HS if src != "production" else "", src, exp or "", imp, num(t),
                "t Ni content" if src == "production" else "t gross weight",
                num(float(value)) if value not in ("", None) else ""])
for k, v in sorted(dropped.items()):
    print("dropped %d rows: %s" % (v, k), file=sys.stderr)

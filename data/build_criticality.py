#!/usr/bin/env python3
"""Regenerate rarerisk's criticality reference data (audit aid; the outputs
are committed and nothing in the build runs this script).

  python3 data/build_criticality.py wgi  [SHARED_DATA_DIR] > data/wgi_governance.csv
  python3 data/build_criticality.py country   > (rarerisk.country INSERT, for the install script)
  python3 data/build_criticality.py comtrade [SHARED_DATA_DIR]  > (distinct Comtrade codes, for tests)

wgi:      World Bank WGI bulk CSV (2019 release, ../shared/data/wgi/WGIData.csv):
          per economy the latest year in which all six estimates (VA, PV, GE,
          RQ, RL, CC) are present, and those six estimates as published.
country:  ISO 3166-1 from Debian's iso-codes package
          (/usr/share/iso-codes/json/iso_3166-1.json), plus the UN Comtrade /
          CEPII BACI codes that differ from M49 and the former entities that
          occur in the shared Comtrade files.
"""
import csv, glob, json, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))

def shared(argv):
    return argv[2] if len(argv) > 2 else os.path.join(HERE, "..", "..", "shared", "data")

IND = [("VA", "voice_accountability"), ("PV", "political_stability"),
       ("GE", "government_effectiveness"), ("RQ", "regulatory_quality"),
       ("RL", "rule_of_law"), ("CC", "control_of_corruption")]

def wgi(src):
    rows = list(csv.DictReader(open(os.path.join(src, "wgi", "WGIData.csv"), encoding="utf-8-sig")))
    years = [k for k in rows[0] if k.isdigit()]
    by = {}
    for r in rows:
        code = r["Indicator Code"]
        if code.endswith(".EST"):
            by.setdefault((r["Country Code"], r["Country Name"]), {})[code[:2]] = r
    w = csv.writer(sys.stdout, lineterminator="\n")
    w.writerow(["iso3", "country", "year"] + [n for _, n in IND])
    for (iso3, name), ind in sorted(by.items()):
        for y in reversed(years):
            vals = [ind.get(k, {}).get(y, "") for k, _ in IND]
            if all(v.strip() for v in vals):
                w.writerow([iso3, name, y] + [v.strip() for v in vals])
                break

# UN Comtrade / CEPII BACI codes that differ from the M49 code of the country
COMTRADE = {"USA": 842, "FRA": 251, "IND": 699, "CHE": 757, "NOR": 579, "TWN": 490}
# former entities found in the shared Comtrade files: (m49, iso3, iso2, name, last year)
FORMER = [(530, "ANT", "AN", "Netherlands Antilles (former)", 2010),
          (736, "SDN", "SD", "Sudan (former, before South Sudan's independence)", 2011),
          (891, "SCG", "CS", "Serbia and Montenegro (former)", 2005)]

def q(s):
    return "'" + s.replace("'", "''") + "'"

def country():
    iso = json.load(open("/usr/share/iso-codes/json/iso_3166-1.json"))["3166-1"]
    rows = []
    for c in iso:
        m49 = int(c["numeric"])
        name = c.get("common_name", c["name"])
        rows.append((m49, c["alpha_3"], c["alpha_2"], COMTRADE.get(c["alpha_3"], m49), name, None))
    for m49, a3, a2, name, until in FORMER:
        rows.append((m49, a3, a2, m49, name, until))
    rows.sort()
    print("INSERT INTO @extschema@.country (m49, iso3, iso2, comtrade_code, name, valid_to, user_added) VALUES")
    print(",\n".join("\t(%d, '%s', '%s', %d, %s, %s, false)" % (m, a3, a2, ct, q(n), "NULL" if u is None else u)
                     for m, a3, a2, ct, n, u in rows) + ";")

def comtrade(src):
    codes = set()
    for f in glob.glob(os.path.join(src, "comtrade*", "*.csv")):
        for r in csv.DictReader(open(f, encoding="utf-8-sig")):
            for k in ("partnerCode", "reporterCode"):
                if r.get(k, "").strip():
                    codes.add(int(float(r[k])))
    print(", ".join("(%d)" % c for c in sorted(codes)))

if __name__ == "__main__":
    what = sys.argv[1] if len(sys.argv) > 1 else ""
    if what == "wgi":
        wgi(shared(sys.argv))
    elif what == "country":
        country()
    elif what == "comtrade":
        comtrade(shared(sys.argv))
    else:
        sys.exit(__doc__)

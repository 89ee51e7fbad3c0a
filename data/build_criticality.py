#!/usr/bin/env python3
"""Regenerate rarerisk's criticality reference data (audit aid; the outputs
are committed and nothing in the build runs this script).

  python3 data/build_criticality.py wgi  [SHARED_DATA_DIR] > data/wgi_governance.csv
  python3 data/build_criticality.py country   > (rarerisk.country INSERT, for the install script)
  python3 data/build_criticality.py comtrade [SHARED_DATA_DIR]  > (distinct Comtrade codes, for tests)
  python3 data/build_criticality.py eu  > (EU 2023 assessment INSERTs, for the install script)

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

# Praseodymium's processing SR is missing from the transcription; the
# published SR (3.2) is set at processing, so that stage's SR is 3.2 to one
# decimal, and the published LREE processing mean 3.58 confirms it.
PR_NOTE = ("not in the transcription: the published SR 3.2 is set at processing, so this "
           "stage's SR is 3.2 to one decimal; the published LREE processing SR 3.58 = "
           "mean(4.0, 3.5, 3.7, 3.2, 3.5) agrees")
SRC = "EC (2023) Study on the Critical Raw Materials for the EU 2023, doi 10.2873/725585, as transcribed by meyerdata/CritMAT (eureport_results.csv, commit 0bd8977)"

def num(x):
    return "NULL" if x == "" else x

def frac(pct):
    return "NULL" if pct == "" else repr(int(pct) / 100)

def eu():
    rows = list(csv.DictReader(open(os.path.join(HERE, "eu_crm_2023_ree.csv"), encoding="utf-8")))
    stage_cols = [("extraction", "E", "sr_extraction", "sourcing_extraction", "ir_extraction_pct"),
                  ("processing", "P", "sr_processing", "sourcing_processing", "ir_processing_pct")]
    sourcing = {"GS+EU": "'GS+EU'", "GSonly": "'GS only'", "EUonly": "'EU only'", "": "NULL"}
    mat, stg, pub = [], [], []
    for r in rows:
        group = r["group"]
        is_group = any(x["group"] == r["material"] for x in rows)
        note = "NULL"
        sr_e, sr_p = r["sr_extraction"], r["sr_processing"]
        if r["material"] == "LREE" and sr_e == "":
            note = q('extraction SR not available: the transcribed cell reads "281%"')
        if r["material"] == "Praseodymium":
            note = q("no processing SR in the transcription")
        pub.append("\t(2023, %s, %s, %s, %s, %s, %s, %s, %s, false)" % (
            q(r["material"]), q(group) if group else "NULL", r["sr"], q(r["sr_stage"].lower()),
            num(sr_e), num(sr_p), r["ei"], note))
        if is_group:
            continue
        mat.append("\t(2023, %s, %s, %s, %s, %s, %s, false)" % (
            q(r["material"]), q(group) if group else "NULL", r["ei"], num(r["si_ei"]), num(r["si_sr"]),
            frac(r["eol_rir_pct"])))
        for stage, letter, col, scol, ircol in stage_cols:
            if letter not in r["stages"].split("+"):
                continue
            sr, n = r[col], "NULL"
            if sr == "" and r["material"] == "Praseodymium" and r["sr_stage"] == "Processing":
                sr, n = r["sr"], q(PR_NOTE)
            stg.append("\t(2023, %s, %s, %s, %s, %s, %s, false)" % (
                q(r["material"]), q(stage), num(sr), sourcing[r[scol]], frac(r[ircol]), n))
    print("INSERT INTO @extschema@.eu_crm_material (assessment, material, material_group, ei, si_ei, si_sr, eol_rir, user_added) VALUES")
    print(",\n".join(mat) + ";")
    print("INSERT INTO @extschema@.eu_crm_stage (assessment, material, stage, sr, sourcing, import_reliance, note, user_added) VALUES")
    print(",\n".join(stg) + ";")
    print("INSERT INTO @extschema@.eu_crm_published (assessment, material, material_group, sr, sr_stage, sr_extraction, sr_processing, ei, note, user_added) VALUES")
    print(",\n".join(pub) + ";")

if __name__ == "__main__":
    what = sys.argv[1] if len(sys.argv) > 1 else ""
    if what == "wgi":
        wgi(shared(sys.argv))
    elif what == "country":
        country()
    elif what == "eu":
        eu()
    elif what == "comtrade":
        comtrade(shared(sys.argv))
    else:
        sys.exit(__doc__)

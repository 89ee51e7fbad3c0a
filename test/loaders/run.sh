#!/usr/bin/env bash
# Loader tests: every loader on committed excerpts of the real files
# (data/fixtures/, see data/fixtures/SOURCES.md) and on deliberately broken
# copies (data/fixtures/broken/).  A broken file must stop with a clear
# error naming the file and line, and leave the tables exactly as they were.
# Run from the repository root against the cluster in PGHOST/PGPORT
# (scripts/run-tests.sh); output is compared with test/loaders/expected.out.
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
out=test/loaders/results.out
export PGDATABASE=rarerisk_loaders
dropdb --if-exists "$PGDATABASE" 2>/dev/null; createdb "$PGDATABASE" || exit 1

F=data/fixtures
# psql's own "psql:FILE:LINE:" prefix and PL/pgSQL context lines vary with
# the loader's text: keep the messages only.
load() {
	local loader=$1 file=$2; shift 2
	echo "-- $loader $file $*"
	psql -X -v file="$file" "$@" -f "loaders/$loader.sql" 2>&1 |
		sed -E 's/^psql:[^ ]+:[0-9]+: //' |
		grep -v -E '^(CONTEXT:  [^C]|CONTEXT:  C[^O]|SQL statement|PL/pgSQL|LINE [0-9]|QUERY|DETAIL:  Failing| +)' | cut -c1-110
	echo "   exit status ${PIPESTATUS[0]}"
}
snapshot() {
	psql -X -q -At -c "SELECT 'flows ' || count(*) || ', sum ' || coalesce(sum(value_usd), 0) FROM rarerisk_data.flows" \
	              -c "SELECT 'world ' || count(*) FROM rarerisk_data.flow_world" \
	              -c "SELECT 'production ' || count(*) || ', sum ' || coalesce(sum(production), 0) FROM rarerisk_data.mine_production"
}
q() { psql -X -q -P footer=off -c "$1"; }

{
echo "== good files"
load comtrade $F/comtrade_light_ree.csv
load comtrade $F/comtrade_lithium_2022.csv
load comtrade $F/comtrade_nickel_excerpt.csv
load comtrade $F/comtrade_nickel_excerpt.csv          # reload replaces
load baci     $F/baci_layout_us_ree_2023.csv
load usgs_mcs $F/usgs_mcs2025_excerpt.csv
load usgs_mcs $F/usgs_mcs2026_excerpt.csv -v encoding=WIN1252
snapshot

load usgs_mcs $F/mcs2022-raree_world.csv
load usgs_mcs $F/mcs2024-raree_world.csv
load wgi      $F/wgi_excerpt.csv
load bgs      $F/bgs_res_excerpt.csv
load partner_share $F/partner_share_2018.csv
snapshot
q "SELECT (SELECT count(*) FROM rarerisk_data.governance) AS wgi_estimates,
          (SELECT count(*) FROM rarerisk_data.bgs_production) AS bgs_rows,
          (SELECT count(*) FROM rarerisk_data.flows WHERE source = 'partner_share') AS partner_share_flows"

echo "== what was loaded"
q "SELECT source, reported_by, count(*) AS rows, count(*) FILTER (WHERE exporter IS NULL) AS unattributed,
          count(DISTINCT hs_code) AS hs_codes, min(year) AS first, max(year) AS last
     FROM rarerisk_data.flows GROUP BY 1, 2 ORDER BY 1, 2"
q "SELECT year, importer, exporter, hs_code, value_usd, qty_kg, reported_by
     FROM rarerisk_data.flows WHERE source_file = 'comtrade_light_ree.csv' AND year = 2020 ORDER BY 2, 3, 4"
q "SELECT exporter_code, exporter, count(*) FROM rarerisk_data.flows
    WHERE exporter_code IN (490, 568, 899, 838) GROUP BY 1, 2 ORDER BY 1"
echo "-- mirror flows: importer's declaration wins, the mirror fills gaps"
q "SELECT reported_by, count(*) FROM rarerisk_data.imports WHERE source = 'comtrade' GROUP BY 1 ORDER BY 1"
q "SELECT basket, year, count(*) AS rows, round(sum(value_usd)) AS usd
     FROM rarerisk_data.basket_imports WHERE importer = 'USA' AND basket = 'rare_earths'
    GROUP BY 1, 2 ORDER BY 1, 2"
echo "-- World rows vs the sum over partners (U.S. imports)"
q "SELECT w.year, w.hs_code, w.value_usd AS world_row, sum(f.value_usd) AS partners
     FROM rarerisk_data.flow_world w
     JOIN rarerisk_data.flows f ON f.source_file = w.source_file AND f.year = w.year AND f.hs_code = w.hs_code
      AND f.importer_code = w.importer_code AND f.reported_by = w.reported_by
    WHERE w.reported_by = 'importer' AND w.importer = 'USA' GROUP BY 1, 2, 3 ORDER BY 1, 2"
q "SELECT edition, year, count(*) AS rows, count(*) FILTER (WHERE iso3 IS NULL) AS unattributed,
          count(*) FILTER (WHERE value_flag IS NOT NULL) AS flagged, sum(production) AS t
     FROM rarerisk_data.mine_production WHERE commodity = 'Rare earths' GROUP BY 1, 2 ORDER BY 1, 2"
q "SELECT edition, commodity, country, country_note, iso3, year, production, value_flag, estimated
     FROM rarerisk_data.mine_production WHERE commodity <> 'Rare earths' ORDER BY 1, 2, 3, 4, 6, 7 LIMIT 12"

echo "== self-flows kept apart; imports never without importer; production as network rows; traced share"
load comtrade $F/comtrade_nickel_self_nes.csv
load usgs_mcs $F/usgs_mcs2025_nickel.csv
q "SELECT importer, exporter, hs_code, value_usd, reported_by FROM rarerisk_data.flow_self ORDER BY 1"
q "SELECT count(*) FILTER (WHERE importer = exporter) AS self_flows, count(*) FILTER (WHERE importer IS NULL) AS null_importer
     FROM rarerisk_data.flows"
q "SELECT count(*) AS imports, count(*) FILTER (WHERE importer IS NULL) AS null_importer FROM rarerisk_data.imports"
q "SELECT * FROM rarerisk_data.production_rows('Nickel', 2023) ORDER BY qty_kg DESC LIMIT 4"
psql -X -q -c "CREATE EXTENSION IF NOT EXISTS rarerisk"
q "WITH trade AS (SELECT exporter, importer, qty_kg FROM rarerisk_data.imports WHERE year = 2023 AND hs_code = '260400'),
        prod AS (SELECT exporter, importer, qty_kg FROM rarerisk_data.production_rows('Nickel', 2023))
   SELECT 'trade only' AS network, t.* FROM (SELECT rarerisk.origin_network(exporter, importer, qty_kg) n FROM trade) x,
          rarerisk.traced_share(x.n) t WHERE t.country = 'AUS'
   UNION ALL
   SELECT 'trade + production', t.* FROM (SELECT rarerisk.origin_network(exporter, importer, qty_kg) n
                                            FROM (SELECT * FROM trade UNION ALL SELECT * FROM prod) r) x,
          rarerisk.traced_share(x.n) t WHERE t.country = 'AUS'"
psql -X -q -c "DELETE FROM rarerisk_data.flow_self" -c "DELETE FROM rarerisk_data.flow_world WHERE source_file = 'comtrade_nickel_self_nes.csv'" \
	-c "DELETE FROM rarerisk_data.flows WHERE source_file = 'comtrade_nickel_self_nes.csv'" \
	-c "DELETE FROM rarerisk_data.mine_production WHERE source_file = 'usgs_mcs2025_nickel.csv'"

echo "== MCS 2022-2024 per-commodity files, WGI, BGS, imports by partner"
echo "-- one measure per basis across editions (MCS2026 takes the basis from its data note)"
q "SELECT edition, measure, unit, count(*) AS rows, count(*) FILTER (WHERE estimated) AS estimated, sum(production) AS t
     FROM rarerisk_data.mine_production WHERE commodity = 'Rare earths' AND year IN (2021, 2023, 2024)
    GROUP BY 1, 2, 3 ORDER BY 1, 2"
q "SELECT year, country, iso3, production, value_flag, estimated FROM rarerisk_data.mine_production
    WHERE source_file = 'mcs2024-raree_world.csv' AND country IN ('China', 'Burma', 'United States', 'Other countries') ORDER BY 1, 2"
q "SELECT iso3, year, indicators, round(wgi_mean, 4) AS wgi_mean FROM rarerisk_data.wgi_mean WHERE year IN (1996, 2018) ORDER BY 1, 2"
q "SELECT table_name, sub_commodity, year, count(*), sum(quantity) FROM rarerisk_data.bgs_production GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"
q "SELECT hs_code, exporter, exporter_code, value_usd FROM rarerisk_data.imports
    WHERE source = 'partner_share' AND hs_code = '280530' ORDER BY value_usd DESC LIMIT 4"

echo "== broken files: clear error, nothing (half-)loaded, earlier data intact"
load comtrade $F/broken/comtrade_bad_encoding.csv
load comtrade $F/broken/comtrade_truncated.csv
load comtrade $F/broken/comtrade_text_in_number.csv
load comtrade $F/usgs_mcs2025_excerpt.csv
load baci     $F/broken/baci_text_in_number.csv
load baci     $F/comtrade_light_ree.csv
load usgs_mcs $F/broken/usgs_mcs2025_truncated.csv
load usgs_mcs $F/broken/usgs_mcs2026_text_in_number.csv -v encoding=WIN1252
load usgs_mcs $F/usgs_mcs2026_excerpt.csv                    # cp1252 read as UTF-8
load usgs_mcs $F/usgs_mcs2025_excerpt.csv -v encoding=WIN1252 # UTF-8 read as cp1252
load usgs_mcs $F/baci_layout_us_ree_2023.csv
load usgs_mcs $F/broken/mcs2022-raree_world_text_in_number.csv
load usgs_mcs $F/broken/mcs2024-fluor_world.csv               # the real file: ragged rows
load usgs_mcs $F/wgi_excerpt.csv
load wgi      $F/broken/wgi_text_in_number.csv
load wgi      $F/bgs_res_excerpt.csv
load bgs      $F/broken/bgs_truncated.csv
load bgs      $F/wgi_excerpt.csv
load partner_share $F/broken/partner_share_text_in_number.csv
load partner_share $F/broken/partner_share_overlap.csv         # 2023 flows already loaded from the BACI-layout file
load partner_share $F/comtrade_light_ree.csv
echo "-- same data as a copy under another name: refused as a duplicate"
cp $F/comtrade_light_ree.csv "${TMPDIR:-/tmp}/heavy_ree_copy.csv"
load comtrade "${TMPDIR:-/tmp}/heavy_ree_copy.csv" | sed "s#${TMPDIR:-/tmp}/##"
rm -f "${TMPDIR:-/tmp}/heavy_ree_copy.csv"
echo "-- no file given"
psql -X -f loaders/comtrade.sql 2>&1 | sed -E 's/^psql:[^ ]+:[0-9]+: //' | grep -E '^ERROR'
snapshot
} >"$out" 2>&1

if diff -u test/loaders/expected.out "$out" >test/loaders/results.diff; then
	echo "ok - loaders (real-file excerpts and broken copies)"
	rm -f test/loaders/results.diff
else
	echo "not ok - loaders: see test/loaders/results.diff"; head -100 test/loaders/results.diff
	exit 1
fi

#!/usr/bin/env bash
# Runs demo/report.sql on the sample data (as make demo does) and checks
# what an analyst reads in it: the headline world production from the
# newest USGS edition, the EU supply-risk parameters beside SR, trends whose
# slope and endpoints disagree saying so, days beyond the horizon shown as
# such, the volumes behind look-through shares, shares said to be of value.
# Run from the repository root against the cluster in PGHOST/PGPORT.
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
export PGDATABASE=rarerisk_demo_test
dropdb --if-exists "$PGDATABASE" 2>/dev/null; createdb "$PGDATABASE" || exit 1
out=test/demo/results.out
{
	psql -X -q -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION rarerisk' &&
	psql -X -q -v ON_ERROR_STOP=1 -f data/load.sql >/dev/null &&
	psql -X -q -v ON_ERROR_STOP=1 -f demo/report.sql
} >"$out" 2>&1 || { tail -20 "$out"; echo "not ok - demo report: it failed (test/demo/results.out)"; exit 1; }
status=0
check() {
	if grep -qE -- "$2" "$out"; then echo "ok - demo report: $1"; else echo "not ok - demo report: $1 (no line matching: $2)"; status=1; fi
}
check "headline from the newest edition" 'Mineral Commodity Summaries 2026, the newest edition'
check "headline years of that edition" '^    2025e HHI '
check "shares said to be of value" 'are of import value in USD'
check "slope and endpoints both shown" 'HHI 4,446 \(2018\) -> 3,764 \(2025\): endpoints -682, slope \+43/yr: flat'
check "their disagreement explained" 'the slope and the endpoints disagree: 2025 is below'
check "days beyond the horizon" '^ 284610 .*\| > horizon '
check "EU parameters beside SR" 'EoL-RIR \|  SI  \| SR'
check "volumes behind look-through shares" '^ RWA +\| +54.0 \| 0.000078 '
check "disruption risk per HS code" '^ 850511 \| +7\.4 \| +33\.5 \| +19\.7 \| +54\.1 \| +57\.3$'
check "the distribution as a histogram" '^ 0 \(none\) +\| 66\.50 % +\| #{33}$'
check "alerts: a share falling by more than 20 points" '^ 280530 \| 2022 \| CHN +\| +\| RUS -32\.2 pts$'
sed -n '/ 6\. Disruption risk/,$p' "$out" | awk 'length > 80 { bad = 1 } END { exit bad }' ||
	{ echo "not ok - demo report: a line of sections 6 and 7 is wider than 80 columns"; status=1; }
! grep -q ERROR "$out" || { echo "not ok - demo report: an ERROR in the output"; status=1; }
dropdb --if-exists "$PGDATABASE"
exit $status

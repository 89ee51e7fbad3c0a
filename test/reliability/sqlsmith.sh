#!/usr/bin/env bash
# A crash and hang hunt: SQLsmith sends random queries, built from the whole
# catalog (every rarerisk function, type, operator and aggregate among
# PostgreSQL's own, support functions called directly included), to a
# database holding rarerisk values, as a role without privileges beyond
# reading those tables.  Fails when the server crashed or restarted, when a
# statement ran far past its statement_timeout (a loop that does not react
# to a cancel), or when SQLsmith sent no query.  The seeds are fixed, so a
# failure reproduces: the seed is printed with the queries that were running.
# Runs against the cluster in PGHOST/PGPORT and RR_TMP (scripts/run-tests.sh,
# which also sets RR_CRASH_RE, in scripts/cluster.sh).
#
#   RR_SMITH_SEEDS    seeds to run (default "1 2")
#   RR_SMITH_QUERIES  queries per seed (default 2000)
set -euo pipefail
BINDIR=${RR_BINDIR:-$(pg_config --bindir)}
seeds=${RR_SMITH_SEEDS:-1 2}
queries=${RR_SMITH_QUERIES:-2000}
command -v sqlsmith >/dev/null || {
	echo "sqlsmith is not installed (Debian: apt-get install sqlsmith)" >&2
	exit 1
}
q() { psql -X -q -At -v ON_ERROR_STOP=1 "$@"; }
. "$(dirname "$0")/sample_values.sh"

"$BINDIR/dropdb" --if-exists rr_smith 2>/dev/null
"$BINDIR/createdb" rr_smith
{ echo "SET client_min_messages = warning;"; printf '%s\n' "$sample_values_sql"; cat <<'SQL'; } | q -d rr_smith
-- rows an analyst's table may hold: unattributed, NaN, negative, unknown and
-- long codes, spare capacities and risks
CREATE TABLE flows AS
  SELECT 'I' || (i % 7) AS importer, 'P' || (i % 3) AS product,
         CASE WHEN i % 13 = 0 THEN NULL
              ELSE (ARRAY['CHN', 'AUS', 'USA', 'MMR', 'VNM', 'QQQ', 'chn', repeat('L', 40)])[1 + i % 8] END AS supplier,
         CASE WHEN i % 29 = 0 THEN 'NaN' WHEN i % 31 = 0 THEN -1 ELSE i * 0.7 END::float8 AS volume,
         (i % 5)::float8 AS spare, (i % 10) / 10.0::float8 AS risk
    FROM generate_series(1, 3000) i;
INSERT INTO monthly SELECT 99, 1, '{}';
INSERT INTO monthly SELECT 99, 2, rarerisk.supply_mix('CHN', 1e300);
CREATE TABLE networks (n rarerisk.trade_network);
INSERT INTO networks VALUES
  ('{"production": {"CHN": 100, "AUS": 20}, "flows": {"CHN": {"VNM": 60}, "VNM": {"JPN": 30}}, "unknown_origin": {"JPN": 5}}'),
  ('{}'), ('{"flows": {"A": {"B": 1}, "B": {"A": 1}}}');
CREATE TABLE events AS
  SELECT rarerisk.disruption_event('e' || n, 0.1 * n, ARRAY['S' || n, 'CHN'], 0.5) AS e
    FROM generate_series(1, 5) n;
DROP ROLE IF EXISTS rr_smith;
CREATE ROLE rr_smith LOGIN;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO rr_smith;
ALTER ROLE rr_smith IN DATABASE rr_smith SET search_path = public, rarerisk;
ALTER ROLE rr_smith IN DATABASE rr_smith SET statement_timeout = '1s';
SQL

# the watchdog: a statement of rr_smith still running 5 s after it began
# ran 4 s past its timeout
late=$(mktemp /tmp/rarerisk-smith.XXXXXX)
trap 'rm -f "$late"; kill "$watchdog" 2>/dev/null || true' EXIT
while sleep 1; do
	q -d rr_smith -c "SELECT pid, now() - query_start, left(query, 2000) FROM pg_stat_activity
	                   WHERE usename = 'rr_smith' AND state = 'active'
	                     AND now() - query_start > interval '5 s'" >>"$late" 2>/dev/null || true
done &
watchdog=$!

log=${RR_TMP:?}/server.log
start=$(wc -c <"$log")
total=0
failed=0
for seed in $seeds; do
	if out=$(timeout 300 sqlsmith --target="dbname=rr_smith user=rr_smith" \
		--exclude-catalog --seed="$seed" --max-queries="$queries" --verbose 2>&1 | tr '\r' '\n'); then
		sent=$(grep -o 'queries: [0-9]*' <<<"$out" | tail -n 1 | grep -o '[0-9]*' || echo 0)
		echo "ok - seed $seed: $sent random queries"
		total=$((total + sent))
	else
		echo "not ok - seed $seed: sqlsmith stopped early"
		tail -n 20 <<<"$out"
		failed=1
	fi
done

new=$(tail -c +"$((start + 1))" "$log")
if grep -E "${RR_CRASH_RE:?}" <<<"$new"; then
	echo "not ok - the server crashed or restarted under random queries"
	failed=1
fi
kill "$watchdog" 2>/dev/null || true
if [ -s "$late" ]; then
	head -c 20000 "$late"
	echo "not ok - a statement ran more than 4 s past its statement_timeout"
	failed=1
fi
if [ "$total" -eq 0 ]; then
	echo "not ok - no query was sent"
	failed=1
fi
q -d rr_smith -c "SELECT 1" >/dev/null
[ $failed -eq 0 ] && echo "ok - $total random queries: no crash, every cancel in time"
exit $failed

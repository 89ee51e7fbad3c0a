#!/usr/bin/env bash
# The disruption-risk part of make bench: disruption_risk with 20 events over
# 60 suppliers (a million outcomes; target under 1 s), and over 300,000
# stored mixes with 8 events each, beside sum() over the same table.
#
# Called by scripts/bench.sh with its cluster in PGHOST/PGPORT; run alone it
# starts a throwaway cluster of its own.  Times are the best of RUNS runs
# (default 3) measured inside the server with clock_timestamp().
#   BENCH_MIXES=20000 scripts/bench-disruption.sh   a smaller table
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
RUNS=${BENCH_RUNS:-3}
MIXES=${BENCH_MIXES:-300000}
DB=rarerisk_bench_disruption

if [ -z "${PGHOST:-}" ]; then
	. scripts/cluster.sh
	make -s PG_CONFIG="$RR_PG_CONFIG" all >/dev/null
	rr_cluster_start
fi
dropdb --if-exists "$DB" >/dev/null 2>&1 || true
createdb "$DB"
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$DB" "$@"; }

echo
echo "== disruption_risk (exact enumeration of every outcome)"
q <<SQL
SET client_min_messages = warning;
CREATE EXTENSION rarerisk;
-- best time in ms of RUNS executions of a query
CREATE FUNCTION best_ms(query text, runs int) RETURNS float8 LANGUAGE plpgsql AS \$\$
DECLARE
	t0 timestamptz;
	best float8 := 'Infinity';
BEGIN
	FOR i IN 1 .. runs LOOP
		t0 := clock_timestamp();
		EXECUTE query;
		best := least(best, 1000 * extract(epoch FROM clock_timestamp() - t0));
	END LOOP;
	RETURN best;
END \$\$;

-- one mix of 60 suppliers with spare capacity; 20 events of 2 to 8 of them
CREATE TABLE big AS
SELECT rarerisk.supply_mix('S' || lpad(i::text, 2, '0'), 10 + (i * 37) % 91, (i * 13) % 7)
         AS mix
FROM generate_series(1, 60) i;
CREATE TABLE ev20 AS
SELECT array_agg(rarerisk.disruption_event('e' || k, 0.02 + ((k * 29) % 40) / 100.0,
         ARRAY(SELECT 'S' || lpad((1 + (k * 7 + j * 11) % 60)::text, 2, '0')
                 FROM generate_series(1, 2 + k % 7) j),
         (ARRAY[1, 0.5, 0.25])[1 + k % 3]) ORDER BY k) AS events
FROM generate_series(1, 20) k;

-- MIXES stored mixes of 3 to 12 suppliers from 40 codes; 8 events over them
CREATE TABLE stored AS
SELECT g, rarerisk.supply_mix('S' || lpad((1 + (g * 7 + i * 13) % 40)::text, 2, '0'),
                              (1 + (g * 31 + i * 17) % 100)::float8,
                              ((g + i) % 5)::float8) AS mix,
       sum((1 + (g * 31 + i * 17) % 100)::float8) AS volume
FROM generate_series(1, $MIXES) g, generate_series(1, 3 + g % 10) i
GROUP BY g;
CREATE TABLE ev8 AS
SELECT array_agg(rarerisk.disruption_event('e' || k, 0.05 * k,
         ARRAY(SELECT 'S' || lpad((1 + (k * 5 + j * 3) % 40)::text, 2, '0')
                 FROM generate_series(1, 2 + k % 4) j),
         (ARRAY[1, 0.5])[1 + k % 2]) ORDER BY k) AS events
FROM generate_series(1, 8) k;
VACUUM ANALYZE big, ev20, stored, ev8;
SQL

q <<SQL
SET max_parallel_workers_per_gather = 0;
SELECT '   20 events over 60 suppliers (2^20 outcomes):   ' ||
       to_char(best_ms('SELECT rarerisk.disruption_risk(mix, events, rarerisk.embargo(''{x}'', stock_days => 30)) FROM big, ev20', $RUNS), 'FM99990.0') ||
       ' ms   (target < 1000 ms)';
SELECT '   the same, disruption_distribution rows:        ' ||
       to_char(best_ms('SELECT count(*) FROM big, ev20, rarerisk.disruption_distribution(mix, events, rarerisk.embargo(''{x}'', stock_days => 30))', $RUNS), 'FM99990.0') ||
       ' ms';
CREATE TEMP TABLE t AS
SELECT best_ms('SELECT sum((rarerisk.disruption_risk(mix, events, rarerisk.embargo(''{x}'', stock_days => 30))).expected_shortfall_share) FROM stored, ev8', $RUNS) AS risk,
       best_ms('SELECT sum(volume) FROM stored', $RUNS) AS plain;
SELECT '   $MIXES stored mixes, 8 events each:       ' || to_char(risk, 'FM999990.0') || ' ms' FROM t;
SELECT '   sum(volume) over the same table:             ' || to_char(plain, 'FM999990.0') || ' ms' FROM t;
SELECT '   ratio disruption_risk / sum():               ' || to_char(risk / plain, 'FM99990.0') ||
       'x   (' || to_char(1000 * risk / $MIXES, 'FM99990.00') || ' us per mix of 2^8 outcomes)' FROM t;
SQL
dropdb "$DB"

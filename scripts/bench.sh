#!/usr/bin/env bash
# make bench: the performance benchmark (targets in bench/README.md), side by side with
# plain SQL, in one run on a throwaway cluster.
#
# Prints every timing (best, median and worst of the counted runs, after a
# discarded warm-up, from EXPLAIN ANALYZE's execution time), the ratios and
# a summary with PASS/FAIL per target.  It is a report: the exit status is 0
# even when a target is missed, non-zero only when the benchmark itself fails.
#
# The queries whose times are compared run round-robin (one run of each in
# turn), so that load from other processes hits both sides of a ratio alike;
# the CPU time other processes take is printed, and a measurement whose
# worst run is >15 % above its best is flagged NOISY.
#
#   BENCH_RUNS=5 make bench      more counted runs per measurement (default 3)
#   BENCH_GROUPS=20000 make bench  a smaller table, to try the script quickly
#   BENCH_KEEP=1 make bench      keep the cluster running at the end (prints
#                                how to connect; stop it with Ctrl-C)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
. scripts/cluster.sh

RUNS=${BENCH_RUNS:-3}
GROUPS_N=${BENCH_GROUPS:-300000}	# smaller for a quick try of the script only
QUARTER="I$(printf '%04d' $((GROUPS_N / 400)))"	# 100 products per importer
PRUNS=$(( RUNS > 5 ? RUNS : 5 ))	# the short parallel-section queries
DB=rarerisk_bench
T0=$(date +%s)

# Session settings of the measurements.  work_mem 1GB: no grouped variant
# spills (the plain-SQL inner HashAgg needs ~600 MB; hash_mem_multiplier is
# the default 2); the plans are checked for spills in the report.
SERIAL="max_parallel_workers_per_gather=0; work_mem=1GB"
PARALLEL="max_parallel_workers_per_gather=2; parallel_setup_cost=0; parallel_tuple_cost=0; work_mem=1GB"
DEFAULT_MEM="max_parallel_workers_per_gather=0; work_mem=4MB"
# the setting of the plain-SQL baseline (its inner HashAgg spills)
BASE_MEM="max_parallel_workers_per_gather=0; work_mem=256MB"

echo "== rarerisk benchmark (targets: bench/README.md)"
echo "   host: $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo);" \
	"load average before start: $(cut -d' ' -f1-3 /proc/loadavg)"
if git -C "$top" rev-parse --short HEAD >/dev/null 2>&1; then
	echo "   source: commit $(git -C "$top" rev-parse --short HEAD)$(git -C "$top" diff --quiet HEAD -- src extension 2>/dev/null || echo ' with uncommitted changes in src/ or extension/')"
fi

make -s PG_CONFIG="$RR_PG_CONFIG" all >/dev/null
# shared_buffers holds every benchmark table (≈1.5 GB, each under a quarter
# of it, so sequential scans do not use a ring buffer).  JIT is off: its
# compile time is noise here and it cannot compile extension functions.
# Autovacuum is off: tables are vacuumed and analysed explicitly, and no
# background worker competes with the measurements.
RR_EXTRA_CONF="shared_buffers = 2GB
jit = off
autovacuum = off
wal_level = minimal
max_wal_senders = 0
max_wal_size = 8GB
checkpoint_timeout = 1h
max_parallel_workers_per_gather = 0
${RR_EXTRA_CONF:-}"
rr_cluster_start
"$RR_BINDIR/createdb" "$DB"

export PGOPTIONS="-c client_min_messages=warning"
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$DB" "$@"; }
lit() { printf '$bench$%s$bench$' "$1"; }
step() { echo; echo "== $*"; }
fact() { q -c "INSERT INTO bench.fact VALUES ($(lit "$1"), ($2)::float8, $(lit "${3:-}"))"; }
factv() { q -c "SELECT value FROM bench.fact WHERE name = '$1'"; }

# One line per measured label
show() {
	local l
	for l in "$@"; do
		q -c "SELECT format('   %-34s %8s ms  best of %s  (%s)', label, round(best_ms::numeric),
				runs, bench.shape(plan)) FROM bench.summary WHERE label = '$l'"
	done
}
# measure LABEL SETTINGS QUERY [RUNS]: one query on its own
measure() {
	q -c "SELECT bench.measure($(lit "$1"), $(lit "$3"), $(lit "$2"), ${4:-$RUNS})" >/dev/null
	show "$1"
}
# measure_set RUNS: the queries queued with add (labels, settings, queries)
# round-robin
ML=() MS=() MQ=()
add() { ML+=("$1"); MS+=("$2"); MQ+=("$3"); }
measure_set() {
	local i sep='' l='' s='' qq='' t=$SECONDS
	for i in "${!ML[@]}"; do
		l+="$sep$(lit "${ML[$i]}")"; s+="$sep$(lit "${MS[$i]}")"; qq+="$sep$(lit "${MQ[$i]}")"; sep=', '
	done
	q -c "SELECT bench.measure_set(ARRAY[$l], ARRAY[$qq], ARRAY[$s], $1)" >/dev/null
	show "${ML[@]}"
	echo "   ($((SECONDS - t)) s, ${#ML[@]} queries round-robin, warm-up + $1 rounds)"
	ML=() MS=() MQ=()
}

# CPUs kept busy by other processes over one second (our cluster is idle
# between measurements): timings need one CPU, parallel ones both
busy_cpus() {
	local a b
	a=($(head -1 /proc/stat)); sleep 1; b=($(head -1 /proc/stat))
	awk -v n="$(nproc)" -v t1="$(( a[1]+a[2]+a[3]+a[4]+a[5]+a[6]+a[7]+a[8] ))" -v i1="$(( a[4]+a[5] ))" \
		-v t2="$(( b[1]+b[2]+b[3]+b[4]+b[5]+b[6]+b[7]+b[8] ))" -v i2="$(( b[4]+b[5] ))" \
		'BEGIN { printf "%.2f", n * (1 - (i2 - i1) / (t2 - t1)) }'
}
check_quiet() {
	local b
	b=$(busy_cpus)
	fact "busy_cpus_$1" "$b"
	if awk -v b="$b" 'BEGIN { exit !(b > 0.2) }'; then
		echo "   WARNING: other processes keep $b of $(nproc) CPUs busy: timings (parallel ones most) are noisy"
	else
		echo "   other processes: $b CPUs busy (quiet)"
	fi
}

q -c 'CREATE EXTENSION rarerisk' -c 'CREATE EXTENSION pg_prewarm'
q -f bench/lib.sql
echo "   PostgreSQL $(q -c 'SHOW server_version'), rarerisk $(q -c "SELECT extversion FROM pg_extension WHERE extname = 'rarerisk'")"
echo "   shared_buffers $(q -c 'SHOW shared_buffers'), hash_mem_multiplier $(q -c 'SHOW hash_mem_multiplier'), jit $(q -c 'SHOW jit')"
echo "   grouped timings: serial, work_mem 256MB and 4MB, each against sum() at the same setting"
echo "   each timing: best of $RUNS runs after one discarded warm-up, EXPLAIN (ANALYZE, TIMING OFF) execution time"
check_quiet start

# ---------------------------------------------------------------------------
step "1. the data (deterministic)"
t=$SECONDS
q -v groups="$GROUPS_N" -f bench/generate.sql
fact gen_seconds "$((SECONDS - t))"
# the same rows clustered by group, as after CLUSTER or a load sorted by
# group; and the first quarter of the groups of each, for linear growth
q -v quarter="$QUARTER" <<'SQL'
SET work_mem = '2GB';
CREATE TABLE flows_clustered AS SELECT * FROM flows ORDER BY importer, product, month;
CREATE TABLE flows_quarter AS SELECT * FROM flows WHERE importer < :'quarter';
CREATE TABLE flows_clustered_quarter AS SELECT * FROM flows_clustered WHERE importer < :'quarter';
VACUUM (FREEZE, ANALYZE) flows_clustered;
VACUUM (FREEZE, ANALYZE) flows_quarter;
VACUUM (FREEZE, ANALYZE) flows_clustered_quarter;
SQL
q <<'SQL'
INSERT INTO bench.fact
SELECT 'rows', count(*), NULL FROM flows
UNION ALL SELECT 'rows_null_supplier', count(*) FILTER (WHERE supplier IS NULL), NULL FROM flows
UNION ALL SELECT 'table_mb', pg_relation_size('flows') / 1048576.0, NULL
UNION ALL SELECT 'quarter_rows', count(*), NULL FROM flows_quarter;
INSERT INTO bench.fact
SELECT 'groups', count(*), NULL FROM (SELECT DISTINCT importer, product FROM flows) g;
INSERT INTO bench.fact
SELECT 'pairs', count(*) FILTER (WHERE supplier IS NOT NULL), NULL
FROM (SELECT DISTINCT importer, product, supplier FROM flows) p;
INSERT INTO bench.fact
SELECT 'group_suppliers_' || x, v, NULL
FROM (SELECT min(n) AS min, avg(n) AS avg, max(n) AS max,
			 percentile_disc(0.5) WITHIN GROUP (ORDER BY n) AS median
	  FROM (SELECT count(DISTINCT supplier) AS n FROM flows GROUP BY importer, product) c) s,
	 LATERAL (VALUES ('min', min), ('median', median), ('avg', avg), ('max', max)) AS v(x, v);
INSERT INTO bench.fact
SELECT 'distinct_suppliers', count(DISTINCT supplier), NULL FROM flows
UNION ALL SELECT 'volume_min', min(volume), NULL FROM flows
UNION ALL SELECT 'volume_max', max(volume), NULL FROM flows;
SQL
q -v quarter="$QUARTER" <<'SQL'
SET search_path = bench, public;
SELECT format('   flows: %s rows (%s with NULL supplier), %s (importer, product) groups, %s distinct (group, supplier) pairs,',
		f('rows'), f('rows_null_supplier'), f('groups'), f('pairs'))
	|| format(E'\n   suppliers per group min %s / median %s / mean %s / max %s, %s distinct supplier codes,',
		f('group_suppliers_min'), f('group_suppliers_median'), round(f('group_suppliers_avg')::numeric, 1),
		f('group_suppliers_max'), f('distinct_suppliers'))
	|| format(E'\n   volumes %s .. %s, table %s MB; generated in %s s',
		trim(to_char(f('volume_min'), '9.9EEEE')), trim(to_char(f('volume_max'), '9.9EEEE')),
		round(f('table_mb')::numeric), f('gen_seconds'))
	|| format(E'\n   flows_quarter: the groups of importers below %s (the first quarter of the groups, %s rows)',
		:'quarter', f('quarter_rows'));
SQL
echo "   flows: rows in load order (month by month, a group's rows scattered over the table);"
echo "   flows_clustered: the same rows stored group by group"

# build_monthly SOURCE TABLE: one stored mix per (importer, product, month) of
# SOURCE, appended month by month as a monthly rollup job would
build_monthly() {
	q -c "SET work_mem = '1GB'" -c "SET max_parallel_workers_per_gather = 0" \
		-c "CREATE TABLE $2 AS
			SELECT importer, product, month, rarerisk.supply_mix(supplier, volume) AS mix,
				   sum(volume)::numeric AS total
			FROM $1 GROUP BY importer, product, month
			ORDER BY month, hashtext(importer || product)" \
		-c "VACUUM (FREEZE, ANALYZE) $2"
}
t=$SECONDS
build_monthly flows monthly
fact monthly_build_s "$((SECONDS - t))"
q <<'SQL'
INSERT INTO bench.fact
SELECT 'monthly_rows', count(*), NULL FROM monthly
UNION ALL SELECT 'monthly_entries', sum(rarerisk.supplier_count(mix)), NULL FROM monthly
UNION ALL SELECT 'monthly_avg_bytes', avg(pg_column_size(mix)), NULL FROM monthly
UNION ALL SELECT 'monthly_mb', pg_total_relation_size('monthly') / 1048576.0, NULL
UNION ALL SELECT 'months_per_group', avg(n), NULL
	FROM (SELECT count(*) AS n FROM monthly GROUP BY importer, product) c;
SQL
echo "   monthly: $(factv monthly_rows) stored mixes rarerisk.supply_mix(supplier, volume) per (importer, product, month)," \
	"$(q -c "SELECT round(value::numeric, 1) FROM bench.fact WHERE name = 'months_per_group'") months per group," \
	"$(factv monthly_entries) supplier entries,"
echo "   $(q -c "SELECT round(value::numeric) FROM bench.fact WHERE name = 'monthly_avg_bytes'") bytes per mix," \
	"$(q -c "SELECT round(value::numeric) FROM bench.fact WHERE name = 'monthly_mb'") MB; built in $(factv monthly_build_s) s"
q -c "SELECT pg_prewarm(t) FROM unnest(ARRAY['flows', 'flows_clustered', 'flows_quarter', 'flows_clustered_quarter', 'monthly']) AS t" >/dev/null

PLAIN='SELECT importer, product,
       10000 * sum(v * v) FILTER (WHERE supplier IS NOT NULL) / nullif(sum(v), 0) ^ 2 AS v
FROM (SELECT importer, product, supplier, sum(volume) AS v
      FROM %T GROUP BY importer, product, supplier) AS per_supplier
GROUP BY importer, product'
HHI='SELECT importer, product, rarerisk.concentration_hhi(supplier, volume) AS v FROM %T GROUP BY importer, product'
SUM='SELECT importer, product, sum(volume) AS v FROM %T GROUP BY importer, product'
COUNT='SELECT importer, product, count(*) AS v FROM %T GROUP BY importer, product'
EMB="SELECT importer, product, rarerisk.embargo_shortfall(supplier, volume, rarerisk.embargo(ARRAY['AAH'])) AS v FROM %T GROUP BY importer, product"
MERGE='SELECT importer, product, rarerisk.hhi(rarerisk.supply_mix_merge(mix)) AS v FROM monthly GROUP BY importer, product'
EMB_OK=$(q -c "SELECT count(DISTINCT proname) = 2 FROM pg_proc
	WHERE pronamespace = 'rarerisk'::regnamespace AND proname IN ('embargo', 'embargo_shortfall')")

# ---------------------------------------------------------------------------
# The grouped measures of bench/README.md: each layout at work_mem 256MB (no
# spill) and 4MB (the default: HashAgg spills), every query of one layout
# round-robin with its sum() floor and the plain SQL printed for users
MIX='SELECT importer, product, rarerisk.supply_mix(supplier, volume) AS v FROM %T GROUP BY importer, product'
for T in flows flows_clustered; do
	if [ $T = flows ]; then
		step "2. grouped by (importer, product), rows in load order"
	else
		step "3. grouped by (importer, product), rows clustered by group"
	fi
	check_quiet "$T"
	for WM in 256MB 4MB; do
		S="max_parallel_workers_per_gather=0; work_mem=$WM"
		add "sum/$T@$WM" "$S" "${SUM//%T/$T}"
		add "concentration_hhi/$T@$WM" "$S" "${HHI//%T/$T}"
		add "supply_mix/$T@$WM" "$S" "${MIX//%T/$T}"
		[ "$EMB_OK" = t ] && add "embargo_shortfall/$T@$WM" "$S" "${EMB//%T/$T}"
		add "plain SQL HHI/$T@$WM" "$S" "${PLAIN//%T/$T}"
	done
	# linear growth: a quarter of the groups
	add "sum/${T}_quarter@256MB" "$BASE_MEM" "${SUM//%T/${T}_quarter}"
	add "concentration_hhi/${T}_quarter@256MB" "$BASE_MEM" "${HHI//%T/${T}_quarter}"
	measure_set "$RUNS"
	# for the memory figure (one run: memory does not vary)
	measure "count/$T@256MB" "$BASE_MEM" "${COUNT//%T/$T}" 1
done
[ "$EMB_OK" = t ] || echo "   embargo_shortfall: not in the extension yet, not measured"

# Sorted input: GroupAggregate over the clustered table (no per-group cost
# that HashAgg does not have)
step "3a. sorted input (GroupAggregate) and the merge of stored monthly mixes"
SORTED="max_parallel_workers_per_gather=0; work_mem=256MB; enable_hashagg=off"
add "sum/flows_clustered@sorted" "$SORTED" "${SUM//%T/flows_clustered}"
add "concentration_hhi/flows_clustered@sorted" "$SORTED" "${HHI//%T/flows_clustered}"
add "supply_mix_merge/monthly@256MB" "$BASE_MEM" "$MERGE"
add "sum(numeric)/monthly@256MB" "$BASE_MEM" 'SELECT importer, product, sum(total) AS v FROM monthly GROUP BY importer, product'
measure_set "$RUNS"

echo "   checking results:"
q -c "SELECT bench.materialize('bench.r_hhi', $(lit "${HHI//%T/flows}"), '$SERIAL')" \
	-c "SELECT bench.materialize('bench.r_plain', $(lit "${PLAIN//%T/flows}"), '$SERIAL')" \
	-c "SELECT bench.materialize('bench.r_merge', $(lit "$MERGE"), '$SERIAL')" >/dev/null
fact agree_plain "SELECT bench.max_rel_diff('bench.r_hhi', 'bench.r_plain', 'importer, product')"
fact agree_merge "SELECT bench.max_rel_diff('bench.r_hhi', 'bench.r_merge', 'importer, product')"
echo "   concentration_hhi vs plain-SQL HHI, largest relative difference over all groups:" \
	"$(q -c "SELECT trim(to_char(value, '9.9EEEE')) FROM bench.fact WHERE name = 'agree_plain'")"
echo "   merged monthly mixes vs concentration_hhi over raw rows, largest relative difference:" \
	"$(q -c "SELECT trim(to_char(value, '9.9EEEE')) FROM bench.fact WHERE name = 'agree_merge'")"

# ---------------------------------------------------------------------------
# Not a target: the merge where raw rows are many per supplier and month
# (shipment-level records), which the reference table (1.2 rows per pair) is not
step "3b. merge where raw rows are shipments: the first quarter of the groups, each row as 4 shipments"
q <<'SQL'
SET work_mem = '2GB';
SET max_parallel_workers_per_gather = 0;
BEGIN;
CREATE TABLE shipments AS
SELECT importer, product, supplier, month, volume * (0.1 * s) AS volume
FROM flows_quarter, generate_series(1, 4) AS s
ORDER BY month, hashtext(importer || product || coalesce(supplier, '') || s);
COMMIT;
VACUUM (FREEZE, ANALYZE) shipments;
SQL
build_monthly shipments shipments_monthly
q <<'SQL'
SELECT count(pg_prewarm(t)) FROM unnest(ARRAY['shipments', 'shipments_monthly']) AS t \g /dev/null
INSERT INTO bench.fact
SELECT 'shipments_rows', count(*), NULL FROM shipments
UNION ALL SELECT 'shipments_monthly_entries', sum(rarerisk.supplier_count(mix)), NULL FROM shipments_monthly;
SQL
echo "   shipments: $(factv shipments_rows) rows in load order; their monthly mixes hold $(factv shipments_monthly_entries) supplier entries"
add "concentration_hhi/shipments@256MB" "$BASE_MEM" "${HHI//%T/shipments}"
add "supply_mix_merge/shipments_monthly@256MB" "$BASE_MEM" "${MERGE//monthly/shipments_monthly}"
measure_set "$RUNS"

# ---------------------------------------------------------------------------
step "4. parallel query: 2 workers vs none, whole table (flows)"
check_quiet parallel
P_ALL='SELECT 0 AS k, rarerisk.concentration_hhi(supplier, volume) AS v FROM flows'
P_MONTH='SELECT month AS k, rarerisk.concentration_hhi(supplier, volume) AS v FROM flows GROUP BY month'
P_SUM='SELECT 0 AS k, sum(volume) AS v FROM flows'
add "ungrouped_hhi/serial" "$SERIAL" "$P_ALL"
add "ungrouped_hhi/parallel" "$PARALLEL" "$P_ALL"
add "by_month_hhi/serial" "$SERIAL" "$P_MONTH"
add "by_month_hhi/parallel" "$PARALLEL" "$P_MONTH"
add "ungrouped_sum/serial" "$SERIAL" "$P_SUM"
add "ungrouped_sum/parallel" "$PARALLEL" "$P_SUM"
measure_set "$PRUNS"
for v in ALL MONTH; do
	qq=P_$v
	q -c "SELECT bench.materialize('bench.r_s_$v', $(lit "${!qq}"), '$SERIAL')" \
		-c "SELECT bench.materialize('bench.r_p_$v', $(lit "${!qq}"), '$PARALLEL')" >/dev/null
	fact "agree_parallel_$v" "SELECT bench.max_rel_diff('bench.r_s_$v', 'bench.r_p_$v', 'k')"
done
echo "   parallel vs serial results, largest relative difference: ungrouped" \
	"$(factv agree_parallel_ALL), by month $(factv agree_parallel_MONTH)"

# ---------------------------------------------------------------------------
if [ -f bench/network.sql ]; then
	step "5. origin tracing on a world-size network (bench/network.sql)"
	psql -X -q -v ON_ERROR_STOP=1 -d "$DB" -f bench/network.sql 2>&1 | sed 's/^\(psql:[^ ]* \)\{0,1\}NOTICE:  */   /'
fi

# ---------------------------------------------------------------------------
if [ -f bench/bigmix.sql ]; then
	step "7. functions over one big mix of 3,000,000 suppliers (bench/bigmix.sql)"
	psql -X -q -v ON_ERROR_STOP=1 -d "$DB" -f bench/bigmix.sql 2>&1 | sed 's/^\(psql:[^ ]* \)\{0,1\}NOTICE:  */   /'
fi

# ---------------------------------------------------------------------------
step "all measurements (ms; best/median/worst of the counted runs; plan of the best run)"
psql -X -q -v ON_ERROR_STOP=1 -d "$DB" -P footer=off <<'SQL'
SELECT label AS measurement,
	   round(best_ms::numeric) AS best,
	   round(median_ms::numeric) AS median,
	   round(worst_ms::numeric) AS worst,
	   CASE WHEN worst_ms > 1.15 * best_ms THEN 'NOISY' ELSE '' END AS spread,
	   bench.shape(plan) AS aggregation,
	   bench.workers(plan) AS workers,
	   bench.batches(plan) AS batches,
	   bench.disk_kb(plan) AS disk_kb,
	   bench.peak_kb(plan) AS peak_kb,
	   regexp_replace(settings, 'max_parallel_workers_per_gather', 'mpwpg') AS settings
FROM bench.summary
ORDER BY seq;
SQL

step "summary: one row per measure, layout and work_mem (ratios of best times, same run)"
q -v emb="$EMB_OK" <<'SQL'
CREATE FUNCTION pg_temp.b(text) RETURNS float8 LANGUAGE sql AS $$ SELECT bench.best($1) $$;
CREATE FUNCTION pg_temp.mem(t text) RETURNS float8 LANGUAGE sql AS $$
	SELECT (bench.peak_kb(h.plan) - bench.peak_kb(c.plan)) * 1024.0 / bench.f('pairs')
	FROM bench.summary h, bench.summary c
	WHERE h.label = 'concentration_hhi/' || t || '@256MB' AND c.label = 'count/' || t || '@256MB' $$;
CREATE FUNCTION pg_temp.verdict(v float8, op text, target float8) RETURNS text LANGUAGE sql AS $$
	SELECT CASE WHEN v IS NULL THEN '----' WHEN (op = '<=' AND v <= target) OR (op = '>=' AND v >= target)
				THEN 'PASS' ELSE 'FAIL' END $$;
-- measure | layout | work_mem | ms | floor ms | ratio | target | verdict | plain SQL beside it
CREATE TEMP TABLE t(ord serial, measure text, layout text, wm text, ms float8, floor_ms float8,
					ratio float8, op text, target float8, beside text);
INSERT INTO t(measure, layout, wm, ms, floor_ms, ratio, op, target, beside)
SELECT m, CASE tb WHEN 'flows' THEN 'load order' ELSE 'clustered' END, wm,
	   pg_temp.b(m || '/' || tb || '@' || wm), pg_temp.b('sum/' || tb || '@' || wm),
	   pg_temp.b(m || '/' || tb || '@' || wm) / pg_temp.b('sum/' || tb || '@' || wm), '<=', 1.5,
	   CASE WHEN m = 'concentration_hhi' THEN
			format('plain SQL %s ms = %s x sum', round(pg_temp.b('plain SQL HHI/' || tb || '@' || wm)::numeric),
				   round((pg_temp.b('plain SQL HHI/' || tb || '@' || wm) / pg_temp.b('sum/' || tb || '@' || wm))::numeric, 2)) END
FROM unnest(ARRAY['concentration_hhi', 'supply_mix', 'embargo_shortfall']) WITH ORDINALITY AS x(m, mo),
	 unnest(ARRAY['flows', 'flows_clustered']) WITH ORDINALITY AS y(tb, tbo),
	 unnest(ARRAY['256MB', '4MB']) WITH ORDINALITY AS z(wm, wmo)
WHERE m <> 'embargo_shortfall' OR :'emb' = 't'
ORDER BY mo, tbo, wmo;
INSERT INTO t(measure, layout, wm, ms, floor_ms, ratio, op, target, beside) VALUES
 ('concentration_hhi, sorted input', 'clustered', '256MB',
	pg_temp.b('concentration_hhi/flows_clustered@sorted'), pg_temp.b('sum/flows_clustered@sorted'),
	pg_temp.b('concentration_hhi/flows_clustered@sorted') / pg_temp.b('sum/flows_clustered@sorted'), '<=', 1.5,
	'GroupAggregate; floor: sum() GroupAggregate'),
 ('supply_mix_merge to years', 'monthly', '256MB',
	pg_temp.b('supply_mix_merge/monthly@256MB'), pg_temp.b('sum(numeric)/monthly@256MB'),
	pg_temp.b('supply_mix_merge/monthly@256MB') / pg_temp.b('sum(numeric)/monthly@256MB'), '<=', 1.5,
	'floor: sum() of a numeric column of monthly'),
 ('raw rows / merge, shipments', 'load order', '256MB',
	pg_temp.b('supply_mix_merge/shipments_monthly@256MB'), pg_temp.b('concentration_hhi/shipments@256MB'),
	pg_temp.b('concentration_hhi/shipments@256MB') / pg_temp.b('supply_mix_merge/shipments_monthly@256MB'), '>=', 5,
	'4 raw rows per supplier and month; floor column: the raw rows'),
 ('growth, all / quarter of groups', 'load order', '256MB',
	pg_temp.b('concentration_hhi/flows@256MB'), pg_temp.b('concentration_hhi/flows_quarter@256MB'),
	pg_temp.b('concentration_hhi/flows@256MB') / pg_temp.b('concentration_hhi/flows_quarter@256MB'), '<=', 4.4,
	format('sum(): %s', round((pg_temp.b('sum/flows@256MB') / pg_temp.b('sum/flows_quarter@256MB'))::numeric, 2))),
 ('growth, all / quarter of groups', 'clustered', '256MB',
	pg_temp.b('concentration_hhi/flows_clustered@256MB'), pg_temp.b('concentration_hhi/flows_clustered_quarter@256MB'),
	pg_temp.b('concentration_hhi/flows_clustered@256MB') / pg_temp.b('concentration_hhi/flows_clustered_quarter@256MB'), '<=', 4.4,
	format('sum(): %s', round((pg_temp.b('sum/flows_clustered@256MB') / pg_temp.b('sum/flows_clustered_quarter@256MB'))::numeric, 2))),
 ('parallel speed-up, ungrouped', 'load order', '1GB',
	pg_temp.b('ungrouped_hhi/parallel'), pg_temp.b('ungrouped_hhi/serial'),
	pg_temp.b('ungrouped_hhi/serial') / pg_temp.b('ungrouped_hhi/parallel'), '>=', 1.6,
	format('2 workers; sum(): %s', round((pg_temp.b('ungrouped_sum/serial') / pg_temp.b('ungrouped_sum/parallel'))::numeric, 2))),
 ('parallel speed-up, 12 groups', 'load order', '1GB',
	pg_temp.b('by_month_hhi/parallel'), pg_temp.b('by_month_hhi/serial'),
	pg_temp.b('by_month_hhi/serial') / pg_temp.b('by_month_hhi/parallel'), '>=', 1.6, '2 workers'),
 ('state bytes per pair', 'load order', '256MB', NULL, NULL, pg_temp.mem('flows'), '<=', 64,
	'HashAgg peak memory minus count(*)''s, over the pairs'),
 ('state bytes per pair', 'clustered', '256MB', NULL, NULL, pg_temp.mem('flows_clustered'), '<=', 64, ''),
 ('parallel vs serial, rel. difference', 'load order', '1GB', NULL, NULL,
	greatest(bench.f('agree_parallel_ALL'), bench.f('agree_parallel_MONTH')), '<=', 1e-12, ''),
 ('merge vs raw HHI, rel. difference', 'load order', '256MB', NULL, NULL, bench.f('agree_merge'), '<=', 1e-12, ''),
 ('HHI vs plain-SQL HHI, rel. difference', 'load order', '256MB', NULL, NULL, bench.f('agree_plain'), '<=', 1e-9,
	'plain SQL sums naively');
SELECT rpad('measure', 38) || rpad('layout', 12) || rpad('work_mem', 9) || lpad('ms', 8) || lpad('floor', 8)
	   || lpad('ratio', 9) || '  ' || rpad('target', 10) || rpad('', 6) || 'beside it'
UNION ALL
SELECT repeat('-', 38 + 12 + 9 + 8 + 8 + 9 + 2 + 10 + 6 + 30)
UNION ALL
(SELECT rpad(measure, 38) || rpad(layout, 12) || rpad(wm, 9)
	   || lpad(coalesce(round(ms::numeric)::text, ''), 8) || lpad(coalesce(round(floor_ms::numeric)::text, ''), 8)
	   || lpad(coalesce(CASE WHEN target < 0.001 THEN trim(to_char(ratio, '9.9EEEE'))
							 ELSE to_char(ratio, '990.99') END, 'n/a'), 9) || '  '
	   || rpad(op || ' ' || CASE WHEN target < 0.001 THEN trim(to_char(target, '9EEEE')) ELSE target::text END, 10)
	   || rpad(pg_temp.verdict(ratio, op, target), 6) || coalesce(beside, '')
 FROM t ORDER BY ord);
SELECT format('   work_mem 4MB: concentration_hhi, load order: %s, %s batches, %s kB spilled',
			  bench.shape(plan), bench.batches(plan), bench.disk_kb(plan))
FROM bench.summary WHERE label = 'concentration_hhi/flows@4MB';
SQL
cat <<'NOTES'

   ratio: the time over its floor in the same run -- sum(volume) with the same
   GROUP BY, on the same table, at the same work_mem (bench/README.md); for the
   merge, sum() of a numeric column of the monthly table; for "raw rows /
   merge" and the growth and parallel rows, the ratio of the two times shown.
   load order: flows as appended month by month, a group's rows scattered over
   the table; clustered: the same rows stored group by group.  At 4MB HashAgg
   spills into cache-sized batches.  Plain SQL is printed for users, with no
   target.  bench/README.md: targets, history and the designs tried.
NOTES
scripts/bench-disruption.sh		# disruption_risk, on this cluster
echo
check_quiet end
echo; "$top/bench/citus.sh" || [ $? -eq 77 ]	# grouped HHI on a 3-node Citus cluster vs one node
echo "   total benchmark time $(( $(date +%s) - T0 )) s; load average now: $(cut -d' ' -f1-3 /proc/loadavg)"

if [ -n "${BENCH_KEEP:-}" ]; then
	echo "   cluster kept: PGHOST=$PGHOST PGPORT=$PGPORT PGUSER=$PGUSER psql $DB   (Ctrl-C stops it)"
	sleep infinity
fi
exit 0

#!/usr/bin/env bash
# The Citus suite of make test: rarerisk on a real Citus 13.2 cluster (one
# coordinator, two workers, a third worker added later), installed on every
# node from its Debian package, checked against the same rows in a local
# table of the coordinator.  TAP-like output, one line per check.
#
# Exit status: 0 all passed, 1 a check failed, 77 skipped (no Citus source).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/cluster.sh"

TOL=1e-12
nok=0
nfail=0
ok() { nok=$((nok + 1)); echo "ok - $*"; }
notok() { nfail=$((nfail + 1)); echo "not ok - $*"; }
# check DESCRIPTION COMMAND...: ok when the command succeeds
check() {
	local what=$1
	shift
	if "$@"; then ok "$what"; else notok "$what"; fi
}

t0=$(date +%s)
citus_prepare
echo "# Citus: $CITUS_DIR"
echo "# package: $RR_DEB"
citus_cluster_start || { echo "not ok - the cluster did not start"; exit 1; }
echo "# cluster up in $(($(date +%s) - t0)) s (ports $RR_CITUS_PORT-$((RR_CITUS_PORT + 2)))"

# --- the extension reaches the workers ------------------------------------
RR_CITUS_STMT_TIMEOUT=300s cq 0 -c 'CREATE EXTENSION rarerisk' || { echo "not ok - CREATE EXTENSION rarerisk"; exit 1; }
for n in 1 2; do
	v=$(cq "$n" -c "SELECT extversion FROM pg_extension WHERE extname = 'rarerisk'")
	check "CREATE EXTENSION on the coordinator reached worker $n (version ${v:-none})" [ "$v" = 0.2 ]
done
RR_CITUS_STMT_TIMEOUT=300s cq 0 -f "$here/setup.sql" >/dev/null || { echo "not ok - test data"; citus_log_problems; exit 1; }

# --- every aggregate of the catalog is listed --------------------------------
listed=$(grep -v '^#' "$here/aggregates.tsv" | cut -f1 | sort)
catalog=$(cq 0 -c "SELECT p.oid::regprocedure FROM pg_proc p
	JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
	JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'rarerisk'
	WHERE p.prokind = 'a'" | sort)
missing=$(comm -23 <(echo "$catalog") <(echo "$listed"))
extra=$(comm -13 <(echo "$catalog") <(echo "$listed"))
check "every aggregate of the extension ($(echo "$catalog" | wc -l)) has a Citus check${missing:+; missing: $(echo $missing)}${extra:+; not in the catalog: $(echo $extra)}" \
	[ -z "$missing$extra" ]

# --- each aggregate, GROUP BY not the distribution column: partial ----------
# EXPLAIN must show worker_partial_agg / coord_combine_agg; the query runs
# with row-gather disabled (Citus would error instead of pulling rows) and
# equals the local table's result within TOL relative.
while IFS=$'\t' read -r sig table expr; do
	case "$sig" in '#'* | '') continue ;; esac
	q="SELECT hs6, year, $expr AS r FROM ${table}_dist GROUP BY hs6, year"
	plan=$(cq 0 -c "EXPLAIN (VERBOSE, COSTS OFF) $q" 2>&1)
	res=$(cq 0 -c "SET citus.coordinator_aggregation_strategy = 'disabled'" \
		-c "CREATE TEMP TABLE d AS SELECT hs6, year, to_jsonb($expr) AS r FROM ${table}_dist GROUP BY hs6, year" \
		-c "CREATE TEMP TABLE l AS SELECT hs6, year, to_jsonb($expr) AS r FROM ${table}_local GROUP BY hs6, year" \
		-c "SELECT count(*) || ' ' || coalesce(max(rr_reldiff(d.r, l.r)), 'Infinity')
			|| ' ' || count(*) FILTER (WHERE d.r IS NULL)
			FROM d FULL JOIN l USING (hs6, year)" 2>&1)
	read -r groups diff nulls <<<"$res"
	shape=row-gather
	grep -q worker_partial_agg <<<"$plan" && grep -q coord_combine_agg <<<"$plan" && shape=partial
	AGG_REPORT+="$sig	$shape	$diff"$'\n'
	if [ "$shape" = partial ] && [ "$groups" = 20 ] && [ "$nulls" = 0 ] &&
		awk -v d="$diff" -v t="$TOL" 'BEGIN { exit !(d + 0 <= t + 0) }'; then
		ok "$sig: partial aggregation on the workers, 20 groups, max relative difference $diff"
	else
		notok "$sig: plan $shape, result: $res"
		[ "$shape" = partial ] || echo "$plan" | sed 's/^/#   /' | head -30
	fi
done <"$here/aggregates.tsv"

# compare QUERY LOCAL-QUERY: the rows of a query over the distributed tables
# and of the same over the local ones, matched in the order of their column
# k, compared as JSON: prints "rows maxdiff".  (The results are stored first:
# Citus names the columns of a whole-row reference to a distributed subquery
# f1, f2, ...)
compare() {
	cq 0 -c "CREATE TEMP TABLE d AS $1" -c "CREATE TEMP TABLE l AS $2" \
		-c "SELECT count(*) || ' ' || coalesce(max(rr_reldiff(d.r, l.r)), 'Infinity')
			FROM (SELECT row_number() OVER (ORDER BY k) AS n, to_jsonb(d) AS r FROM d) d
			FULL JOIN (SELECT row_number() OVER (ORDER BY k) AS n, to_jsonb(l) AS r FROM l) l
			USING (n)" 2>&1
}
# check_query DESCRIPTION EXPECTED-ROWS PLAN-PATTERN QUERY [LOCAL-QUERY]: the
# plan matches (grep -E), the result equals the local query's (by default
# QUERY with the tables' _dist suffix replaced by _local)
check_query() {
	local what=$1 rows=$2 pattern=$3 q=$4 plan res n diff
	plan=$(cq 0 -c "EXPLAIN (VERBOSE, COSTS OFF) $q" 2>&1)
	res=$(compare "$q" "${5:-${q//_dist/_local}}")
	read -r n diff <<<"$res"
	if grep -Eq "$pattern" <<<"$plan" && [ "$n" = "$rows" ] &&
		awk -v d="$diff" -v t="$TOL" 'BEGIN { exit !(d + 0 <= t + 0) }'; then
		ok "$what: $n rows, max relative difference $diff"
	else
		notok "$what: rows $n (want $rows), difference $diff, plan matches /$pattern/: $(grep -Ec "$pattern" <<<"$plan")"
		echo "$plan" | sed 's/^/#   /' | head -30
		echo "# $res"
	fi
}

# --- the other query shapes --------------------------------------------------
# grouped by the distribution column: the whole aggregate runs on the workers
check_query "GROUP BY the distribution column: pushed down whole (no partial states)" 13 \
	'^[^w]*HashAggregate|GroupAggregate' \
	"SELECT importer AS k, rarerisk.concentration_hhi(supplier, volume) AS hhi,
		rarerisk.supply_mix(supplier, volume, spare) AS mix
	FROM flows_dist GROUP BY importer"
plan=$(cq 0 -c "EXPLAIN (VERBOSE, COSTS OFF) SELECT importer, rarerisk.concentration_hhi(supplier, volume) FROM flows_dist GROUP BY importer")
check "GROUP BY the distribution column: no worker_partial_agg in the plan" \
	eval '! grep -q worker_partial_agg <<<"$plan"'
check_query "ungrouped aggregate: partial states from every shard" 1 worker_partial_agg \
	"SELECT 1 AS k, rarerisk.concentration_hhi(supplier, volume) AS hhi,
		rarerisk.concentration(supplier, volume) AS profile,
		rarerisk.supply_mix(supplier, volume, spare) AS mix
	FROM flows_dist"
check_query "router query (one importer): one task, the whole query on one worker" 20 \
	'Task Count: 1$' \
	"SELECT hs6 || year AS k, rarerisk.concentration_hhi(supplier, volume) AS hhi,
		rarerisk.embargo_impact(supplier, volume, spare, rarerisk.embargo('{CHN}')) AS impact
	FROM flows_dist WHERE importer = 'I07' GROUP BY hs6, year"

# --- stored mixes of a distributed table -------------------------------------
check_query "stored monthly supply_mix values built on the workers equal the local ones" \
	"$(cq 0 -c 'SELECT count(*) FROM stored_local')" '.' \
	"SELECT importer || hs6 || year || '-' || lpad(month::text, 2, '0') AS k, mix, net FROM stored_dist"
check_query "stored monthly mixes merged to years, measures over the merged mix" 20 worker_partial_agg \
	"SELECT hs6 || year AS k, rarerisk.hhi(rarerisk.supply_mix_merge(mix)) AS hhi,
		rarerisk.concentration(rarerisk.supply_mix_merge(mix)) AS profile,
		rarerisk.embargo_shortfall(rarerisk.supply_mix_merge(mix), rarerisk.embargo('{CHN,MMR}')) AS shortfall
	FROM stored_dist GROUP BY hs6, year"
check_query "shares() of the stored mixes, lateral: the same rows, pushed down to the workers" \
	"$(cq 0 -c 'SELECT count(*) FROM stored_local, rarerisk.shares(stored_local.mix)')" 'Task Count: [1-9]' \
	"SELECT d.importer || d.hs6 || d.year || '-' || lpad(d.month::text, 2, '0') || '/' || coalesce(s.rank::text, '-') AS k,
		s.supplier, s.volume, s.share
	FROM stored_dist d, rarerisk.shares(d.mix) s"

# --- reference tables --------------------------------------------------------
# the extension's own tables become Citus reference tables (a copy on every
# node, joined on the workers); local copies taken before are the oracle
cq 0 -c "CREATE TABLE country_local AS SELECT * FROM rarerisk.country" \
	-c "CREATE TABLE hs_commodity_local AS SELECT * FROM rarerisk.hs_commodity" >/dev/null
err=$(cq 0 -c "SELECT create_reference_table('rarerisk.country')" \
	-c "SELECT create_reference_table('rarerisk.hs_commodity')" 2>&1 >/dev/null)
check "rarerisk.country and rarerisk.hs_commodity become reference tables" \
	[ "$(cq 0 -c "SELECT count(*) FROM pg_dist_partition WHERE partmethod = 'n'
		AND logicalrelid IN ('rarerisk.country'::regclass, 'rarerisk.hs_commodity'::regclass)")" = 2 ]
q="SELECT f.hs6 || f.year || h.stage AS k, rarerisk.concentration_hhi(c.name, f.volume) AS hhi,
		rarerisk.supply_mix(c.iso2, f.volume) AS mix
	FROM flows_dist f LEFT JOIN rarerisk.country c ON c.iso3 = f.supplier AND c.valid_to IS NULL
	JOIN rarerisk.hs_commodity h ON h.hs6 = f.hs6 AND h.mineral = 'rare earths'
	GROUP BY f.hs6, f.year, h.stage"
check_query "reference tables joined on the workers, then partial aggregation" 20 worker_partial_agg \
	"$q" "$(sed 's/flows_dist/flows_local/; s/rarerisk\.country/country_local/; s/rarerisk\.hs_commodity/hs_commodity_local/' <<<"$q")"

# --- a worker added after CREATE EXTENSION -----------------------------------
if citus_node 3; then
	RR_CITUS_STMT_TIMEOUT=300s cq 0 -c "SELECT citus_add_node('127.0.0.1', $((RR_CITUS_PORT + 3)))" >/dev/null
	v=$(cq 3 -c "SELECT extversion FROM pg_extension WHERE extname = 'rarerisk'")
	check "a worker added after CREATE EXTENSION has rarerisk ${v:-(none)}" [ "$v" = 0.2 ]
	RR_CITUS_STMT_TIMEOUT=300s cq 0 -c "SELECT replicate_reference_tables('block_writes')" >/dev/null
	RR_CITUS_STMT_TIMEOUT=300s cq 0 -c "SELECT citus_move_shard_placement(p.shardid, p.nodename, p.nodeport, '127.0.0.1', $((RR_CITUS_PORT + 3)), shard_transfer_mode => 'block_writes')
		FROM pg_dist_shard_placement p JOIN pg_dist_shard s USING (shardid)
		WHERE s.logicalrelid = 'flows_dist'::regclass ORDER BY p.shardid LIMIT 1" >/dev/null
	placed=$(cq 0 -c "SELECT count(*) FROM pg_dist_shard_placement WHERE nodeport = $((RR_CITUS_PORT + 3))")
	check "shards moved to the new worker ($placed, with their stored mixes)" [ "${placed:-0}" -gt 0 ]
	check_query "the new worker computes partial states of rows" 20 worker_partial_agg \
		"SELECT hs6 || year AS k, rarerisk.concentration(supplier, volume) AS profile
		FROM flows_dist GROUP BY hs6, year"
	check_query "the new worker computes partial states of moved stored mixes" 20 worker_partial_agg \
		"SELECT hs6 || year AS k, rarerisk.supply_mix_merge(mix) AS merged
		FROM stored_dist GROUP BY hs6, year"
else
	notok "the fourth node did not start"
fi

# --- cancelling on the coordinator stops the workers -------------------------
# a grouped aggregate over 20,000 x 200,000 rows runs on every worker; it is
# cancelled from another session on the coordinator, then no backend may be
# left running it on any worker
active_on_workers() {
	local n total=0 c
	for n in 1 2 3; do
		c=$(cq "$n" -c "SELECT count(*) FROM pg_stat_activity
			WHERE pid <> pg_backend_pid() AND state = 'active' AND query LIKE '%rr_cancel_me%'" 2>/dev/null)
		total=$((total + ${c:-0}))
	done
	echo "$total"
}
# poll_workers TRIES OP: active_on_workers every 0.2 s until its count
# compares OP 0 (-gt: some started, -eq: all ended); prints the last count
poll_workers() {
	local i c
	for i in $(seq 1 "$1"); do
		c=$(active_on_workers)
		[ "$c" "$2" 0 ] && break
		sleep 0.2
	done
	echo "$c"
}
PGAPPNAME=rr_cancel RR_CITUS_STMT_TIMEOUT=300s cq 0 -c "SELECT hs6, year, rarerisk.concentration_hhi(supplier || g % 1000, volume * g) AS rr_cancel_me
	FROM flows_dist CROSS JOIN generate_series(1, 200000) g GROUP BY hs6, year" >"$CITUS_TMP/cancel.out" 2>&1 &
cancel_pid=$!
seen=$(poll_workers 100 -gt)
check "the long statement runs on the workers ($seen backends)" [ "$seen" -gt 0 ]
cq 0 -c "SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE application_name = 'rr_cancel'" >/dev/null
wait "$cancel_pid"
check "the statement was cancelled on the coordinator ($(tr '\n' ' ' <"$CITUS_TMP/cancel.out"))" \
	grep -q 'canceling statement due to user request' "$CITUS_TMP/cancel.out"
left=$(poll_workers 50 -eq)
check "no backend left running the cancelled statement on the workers ($left)" [ "$left" -eq 0 ]

# --- no crash in any node's log -----------------------------------------------
check "no crash in the nodes' logs" eval '! citus_log_problems'

echo "# distributed plan shape and max relative difference from the local table, per aggregate:"
printf '%s' "${AGG_REPORT:-}" | awk -F'\t' '{ printf "#   %-100s %-8s %s\n", $1, $2, $3 }'
echo "# Citus suite: $nok passed, $nfail failed in $(($(date +%s) - t0)) s"
[ "$nfail" -eq 0 ]

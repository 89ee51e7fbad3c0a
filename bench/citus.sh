#!/usr/bin/env bash
# make bench, Citus part: grouped concentration_hhi on a 3-node Citus cluster
# on this one machine (coordinator + two workers, test/citus/cluster.sh)
# versus the same rows in a plain table of the coordinator, and the bytes the
# workers ship to the coordinator per group (the partial states travel as
# supply_mix text).  A report: exit status 0 unless the benchmark itself
# fails; 77 (with a message) when the Citus source is absent.
#
#   BENCH_CITUS_GROUPS=30000   (importer, product) groups of bench/generate.sql
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/test/citus/cluster.sh"
GROUPS_N=${BENCH_CITUS_GROUPS:-30000}
RUNS=${BENCH_RUNS:-3}
RR_CITUS_TIMEOUT=1800
RR_CITUS_STMT_TIMEOUT=0
RR_CITUS_EXTRA_CONF="shared_buffers = 512MB
work_mem = 256MB
max_parallel_workers_per_gather = 0"

echo "== rarerisk on Citus: grouped concentration_hhi, 3 nodes on one machine vs one node"
citus_prepare
citus_cluster_start || exit 1
cq 0 -c 'CREATE EXTENSION rarerisk' || exit 1
cq 0 -v groups="$GROUPS_N" -f "$top/bench/generate.sql" >/dev/null || exit 1
cq 0 -c "CREATE TABLE flows_dist (LIKE flows)" \
	-c "SELECT create_distributed_table('flows_dist', 'importer', shard_count => 8)" \
	-c "INSERT INTO flows_dist SELECT * FROM flows" -c "VACUUM ANALYZE flows_dist" >/dev/null || exit 1
rows=$(cq 0 -c "SELECT count(*) FROM flows")
echo "   $rows rows in $GROUPS_N (importer, product) groups; distributed by importer, 8 shards on 2 workers"

# best_ms QUERY: best wall time of RUNS runs (after a warm-up), in ms
best_ms() {
	local q=$1 i t best=
	cq 0 -c "$q" >/dev/null
	for i in $(seq 1 "$RUNS"); do
		t=$(cq 0 -c '\timing on' -c "$q" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -1)
		best=$(awk -v a="$t" -v b="${best:-$t}" 'BEGIN { print (a < b ? a : b) }')
	done
	echo "$best"
}
# bytes QUERY: tuple bytes the workers sent to the coordinator
bytes() {
	cq 0 -c "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) $1" |
		sed -n 's/.*Tuple data received from nodes: \([0-9]*\) bytes.*/\1/p' | head -1
}

printf '   %-44s %10s %10s %8s %8s %14s\n' query "one node" "Citus" ratio groups "bytes/group"
for spec in "importer, product|push-down (by the distribution column)" \
	"product, month|partial (worker_partial_agg)" \
	"product|partial (worker_partial_agg)"; do
	by=${spec%%|*}
	what=${spec#*|}
	ql="SELECT $by, rarerisk.concentration_hhi(supplier, volume) FROM flows GROUP BY $by"
	qd="SELECT $by, rarerisk.concentration_hhi(supplier, volume) FROM flows_dist GROUP BY $by"
	ngroups=$(cq 0 -c "SELECT count(*) FROM ($ql) s")
	tl=$(best_ms "$ql")
	td=$(best_ms "$qd")
	b=$(bytes "$qd")
	printf '   %-44s %8.0f ms %7.0f ms %7.2fx %8d %14.0f\n' "GROUP BY $by: $what" "$tl" "$td" \
		"$(awk -v a="$td" -v b="$tl" 'BEGIN { print a / b }')" "$ngroups" \
		"$(awk -v a="${b:-0}" -v n="$ngroups" 'BEGIN { print a / n }')"
done
# the same partial states as plain numbers: what a sum ships
b=$(bytes "SELECT product, sum(volume) FROM flows_dist GROUP BY product")
echo "   for scale: sum(volume) GROUP BY product ships $(awk -v a="${b:-0}" 'BEGIN { print a / 100 }') bytes per group"
cat <<'NOTES'

   ratio: Citus time / one-node time (below 1: the cluster is faster).  All
   three nodes share this machine's cores, so distribution buys at most the
   parallelism of the workers; on one machine parallel query does the same
   without the network.  bytes/group: tuple data the workers sent to the
   coordinator ("Tuple data received from nodes" of EXPLAIN ANALYZE) divided
   by the number of groups: with partial aggregation each shard sends one
   supply_mix state per group as text, so a group costs about its number of
   distinct suppliers times ~25 bytes per shard that holds rows of it.
NOTES
exit 0

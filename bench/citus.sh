#!/usr/bin/env bash
# make bench, Citus part: grouped concentration_hhi on a 3-node Citus cluster
# on this one machine (coordinator + two workers, test/citus/cluster.sh)
# versus the same rows in a plain table of the coordinator (serial plans on
# both), and the bytes the workers ship to the coordinator per group (the
# partial states travel as supply_mix text).  A report: exit status 0 unless the benchmark itself
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
# (its temporary helper functions stay on the coordinator: Citus warns)
cq 0 -v groups="$GROUPS_N" -f "$top/bench/generate.sql" >/dev/null 2>"$CITUS_TMP/generate.err" ||
	{ cat "$CITUS_TMP/generate.err"; exit 1; }
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
# shipped GROUP-BY EXPR: bytes of the text of EXPR per group, summed over
# the shards (each shard sends one value per group it holds rows of; the
# group key columns not counted)
shipped() {
	cq 0 -c "SELECT sum(result::bigint) FROM run_command_on_shards('flows_dist',
		\$\$SELECT coalesce(sum(octet_length(x::text)), 0) FROM (SELECT $2 AS x FROM %s GROUP BY $1) s\$\$)"
}

printf '   %-40s %10s %10s %8s %8s %12s\n' query "one node" "Citus" ratio groups "bytes/group"
for spec in "importer, product|push-down|rarerisk.concentration_hhi(supplier, volume)" \
	"product, month|partial|rarerisk.supply_mix(supplier, volume)" \
	"product|partial|rarerisk.supply_mix(supplier, volume)"; do
	by=${spec%%|*}
	what=${spec#*|}
	sent=${what#*|}
	what=${what%%|*}
	ql="SELECT $by, rarerisk.concentration_hhi(supplier, volume) FROM flows GROUP BY $by"
	qd="SELECT $by, rarerisk.concentration_hhi(supplier, volume) FROM flows_dist GROUP BY $by"
	ngroups=$(cq 0 -c "SELECT count(*) FROM ($ql) s")
	tl=$(best_ms "$ql")
	td=$(best_ms "$qd")
	b=$(shipped "$by" "$sent")
	printf '   %-40s %7.0f ms %7.0f ms %7.2fx %8d %12.0f\n' "GROUP BY $by ($what)" "$tl" "$td" \
		"$(awk -v a="$td" -v b="$tl" 'BEGIN { print a / b }')" "$ngroups" \
		"$(awk -v a="${b:-0}" -v n="$ngroups" 'BEGIN { print a / n }')"
done
b=$(shipped product 'sum(volume)')
echo "   for scale: the partial sums of sum(volume) GROUP BY product are $(awk -v a="${b:-0}" 'BEGIN { printf "%.0f", a / 100 }') bytes per group"
cat <<'NOTES'

   ratio: Citus time / one-node time (below 1: the cluster is faster).  All
   three nodes share this machine's cores, so distribution buys at most the
   parallelism of the workers; on one machine parallel query does the same
   without the network.  bytes/group: what the workers send per group, the
   text of the values summed over the shards (key columns not counted):
   pushed down, one final HHI; partial, one supply_mix state per shard that
   holds rows of the group, as JSON text: about 25 bytes per distinct
   supplier.  (EXPLAIN ANALYZE cannot measure it: on Citus 13.2 it fails for
   partial aggregates whose state crosses as text, "column has pseudo-type
   cstring".)
NOTES
exit 0

#!/usr/bin/env bash
# make valgrind: the pg_regress and pgTAP suites against a server running
# under valgrind's memcheck (every backend, as the postmaster forks them).
#
# Debian's PostgreSQL is not built with USE_VALGRIND, so memcheck sees
# palloc's blocks rather than each chunk: it reports reads of memory that
# was never written (also bytes sent to the client or written to disk) and
# reads or writes outside malloc'd blocks (large allocations), not
# overruns inside a memory context block.  ASan covers those in the
# plain-C core (make sanitize).  test/valgrind.supp silences reports that
# are PostgreSQL's own (padding bytes of WAL records and of the statistics
# files), never one with a rarerisk frame.
#
# Slow: measured on 2026-11-28 (2 CPUs) about 90x the normal run -- the
# accuracy test alone 377 s instead of 4 s -- so the whole suite takes well
# over an hour: not part of make test (README "Reliability").  Choose a
# subset with RR_VALGRIND_REGRESS="setup supply_mix errors embargo" and
# RR_VALGRIND_TAP="test/04_errors.sql test/05_roundtrip.sql".
# The cron settings of make test are not needed here.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
command -v valgrind >/dev/null || { echo "valgrind: not installed (Debian package valgrind)" >&2; exit 1; }
. scripts/cluster.sh
make -s PG_CONFIG="$RR_PG_CONFIG" all >/dev/null || exit 1
export RR_EXTRA_CONF="jit = off
max_parallel_workers_per_gather = 2"
rr_cluster_start || exit 1

# restart the server under valgrind
rr_as_owner "$RR_BINDIR/pg_ctl" -D "$RR_TMP/data" -m fast -w stop >/dev/null
mkdir -p "$RR_TMP/valgrind"
chmod 777 "$RR_TMP/valgrind"
cat >"$RR_TMP/postgres-valgrind" <<WRAP
#!/bin/sh
exec valgrind --quiet --trace-children=no --leak-check=no --track-origins=yes \
	--num-callers=30 --error-limit=no --read-var-info=no \
	--suppressions="$top/test/valgrind.supp" --gen-suppressions=all \
	--error-markers=VALGRINDERROR-BEGIN,VALGRINDERROR-END \
	--log-file="$RR_TMP/valgrind/%p.log" \
	"$RR_BINDIR/postgres" "\$@"
WRAP
chmod 755 "$RR_TMP/postgres-valgrind"
rr_as_owner "$RR_BINDIR/pg_ctl" -D "$RR_TMP/data" -l "$RR_TMP/server.log" \
	-p "$RR_TMP/postgres-valgrind" -t 600 -w start >/dev/null ||
	{ cat "$RR_TMP/server.log"; exit 1; }
echo "== server running under valgrind"

failed=0
start=$(date +%s)
echo "== pg_regress (valgrind)"
# RR_VALGRIND_REGRESS / RR_VALGRIND_TAP choose a subset (default: all)
regress_args=()
[ -n "${RR_VALGRIND_REGRESS:-}" ] && regress_args=(REGRESS="$RR_VALGRIND_REGRESS")
if ! make -s installcheck PG_CONFIG="$RR_PG_CONFIG" "${regress_args[@]}"; then
	failed=1
	[ -f regression.diffs ] && head -c 20000 regression.diffs
fi
echo "== pgTAP (valgrind)"
"$RR_BINDIR/createdb" rarerisk_pgtap
psql -q -X -d rarerisk_pgtap -c 'CREATE EXTENSION pgtap' -c 'CREATE EXTENSION rarerisk' >/dev/null || failed=1
PGDATABASE=rarerisk_pgtap pg_prove ${RR_VALGRIND_TAP:-test/*.sql} || failed=1
echo "== suites took $(( $(date +%s) - start )) s under valgrind"
rr_as_owner "$RR_BINDIR/pg_ctl" -D "$RR_TMP/data" -m fast -t 600 -w stop >/dev/null

errors=$(cat "$RR_TMP"/valgrind/*.log 2>/dev/null | grep -c VALGRINDERROR-BEGIN)
if [ "$errors" -gt 0 ]; then
	echo "valgrind: $errors error(s):"
	cat "$RR_TMP"/valgrind/*.log | sed -n '/VALGRINDERROR-BEGIN/,/VALGRINDERROR-END/p' | head -c 30000
	[ -n "${RR_VALGRIND_KEEP:-}" ] && cp -r "$RR_TMP/valgrind" "$RR_VALGRIND_KEEP"
	failed=1
else
	echo "valgrind: no error reported in $(ls "$RR_TMP"/valgrind | wc -l) server processes"
fi
exit $failed

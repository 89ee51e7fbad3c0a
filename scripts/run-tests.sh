#!/usr/bin/env bash
# make test: unit tests of the plain-C core (ASan + UBSan), then the
# pg_regress, pgTAP, loader and cookbook suites against a throwaway cluster
# of the server of $PG_CONFIG (default: pg_config in PATH), named on the
# first line.  Ends with "suites: N passed, M failed, K skipped"; exits
# non-zero on any failure.  A suite that cannot run here (pg_cron not
# installed for this server, ...) exits 77 after saying why.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
. scripts/cluster.sh
echo "$RR_PG_NAME"

passed=0
failed=0
skipped=()

# Run one suite: suite NAME COMMAND...; counts it as passed, failed or
# skipped (exit status 77)
suite() {
	local name=$1 rc=0
	shift
	echo "== $name"
	"$@" || rc=$?
	if [ $rc -eq 0 ]; then
		passed=$((passed + 1))
	elif [ $rc -eq 77 ]; then
		skipped+=("$name")
		echo "SKIPPED: $name"
	else
		failed=$((failed + 1))
		echo "FAILED: $name"
	fi
}

regress() {
	make -s installcheck PG_CONFIG="$RR_PG_CONFIG" && return 0
	[ -f regression.diffs ] && head -c 20000 regression.diffs
	return 1
}

pgtap() {
	"$RR_BINDIR/createdb" rarerisk_pgtap &&
		psql -q -X -d rarerisk_pgtap -c 'CREATE EXTENSION pgtap' \
			-c 'CREATE EXTENSION rarerisk' >/dev/null &&
		PGDATABASE=rarerisk_pgtap pg_prove test/*.sql
}

no_crash() {
	! grep -E "$RR_CRASH_RE" "$RR_TMP/server.log"
}

make -s WERROR=-Werror PG_CONFIG="$RR_PG_CONFIG" all >/dev/null || exit 1
suite "unit tests of the plain-C core (AddressSanitizer, UBSan)" make -s unit
suite "fuzzing the plain-C core (libFuzzer, ${RR_FUZZ_SECONDS:-5} s per target)" \
	env FUZZ_SEED="${FUZZ_SEED:-20261128}" scripts/fuzz.sh "${RR_FUZZ_SECONDS:-5}"
suite "static checks" scripts/static-checks.sh

# pg_cron for the cookbook's scheduled-refresh test (test/cookbook/run.sh),
# when it is installed for this server (Debian packages it for 15 only):
# jobs run in background workers (the cluster listens on a Unix socket only),
# in a database created at once so that the cron launcher finds it
export RR_PG_CRON=0
if [ -f "$("$RR_PG_CONFIG" --pkglibdir)/pg_cron.so" ] &&
	[ -f "$("$RR_PG_CONFIG" --sharedir)/extension/pg_cron.control" ]; then
	RR_PG_CRON=1
	RR_EXTRA_CONF="shared_preload_libraries = 'pg_cron'
cron.database_name = 'rarerisk_cookbook'
cron.use_background_workers = on
${RR_EXTRA_CONF:-}"
fi
rr_cluster_start || exit 1
"$RR_BINDIR/createdb" rarerisk_cookbook || exit 1

suite "pg_regress" regress
suite "pgTAP" pgtap
suite "loaders" test/loaders/run.sh
suite "cookbook" test/cookbook/run.sh
suite "cookbook: the pg_cron job" test/cookbook/run.sh pg_cron
suite "cookbook: the crontab job" test/cookbook/run.sh crontab
suite "docs examples" test/docs/run.sh
suite "demo report" test/demo/run.sh
suite "pg_dump / pg_restore" env RR_BINDIR="$RR_BINDIR" test/reliability/dump_restore.sh
suite "random queries (SQLsmith) as a plain role: no crash, no late cancel" \
	env RR_BINDIR="$RR_BINDIR" RR_TMP="$RR_TMP" test/reliability/sqlsmith.sh
suite "server log: no crash" no_crash
suite "dump on 15, restore and pg_upgrade to this server" \
	env RR_BINDIR="$RR_BINDIR" test/reliability/upgrade_from_15.sh
suite "Citus 13.2 from the package: coordinator and workers on 127.0.0.1:55432-55435" \
	env PG_CONFIG="$RR_PG_CONFIG" test/citus/run.sh

summary="suites: $passed passed, $failed failed, ${#skipped[@]} skipped"
if [ ${#skipped[@]} -gt 0 ]; then
	summary+=" ($(printf '%s; ' "${skipped[@]}" | sed 's/; $//'))"
fi
echo "$summary"
[ "$failed" -eq 0 ]

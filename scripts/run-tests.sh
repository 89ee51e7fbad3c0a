#!/usr/bin/env bash
# make test: unit tests of the plain-C core (ASan + UBSan), then the
# pg_regress and pgTAP suites against a throwaway cluster.
# Exits non-zero on any failure.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
. scripts/cluster.sh

failed=0
make -s WERROR=-Werror PG_CONFIG="$RR_PG_CONFIG" all >/dev/null || exit 1

echo "== unit tests of the plain-C core (AddressSanitizer, UBSan)"
make -s unit || failed=1

# pg_cron for the cookbook's scheduled-refresh test (tests/cookbook/run.sh):
# jobs run in background workers (the cluster listens on a Unix socket only),
# in a database created at once so that the cron launcher finds it
RR_EXTRA_CONF="shared_preload_libraries = 'pg_cron'
cron.database_name = 'rarerisk_cookbook'
cron.use_background_workers = on"
rr_cluster_start || exit 1
"$RR_BINDIR/createdb" rarerisk_cookbook || failed=1

echo "== pg_regress"
if ! make -s installcheck PG_CONFIG="$RR_PG_CONFIG"; then
	failed=1
	[ -f regression.diffs ] && head -c 20000 regression.diffs
fi

echo "== pgTAP"
"$RR_BINDIR/createdb" rarerisk_pgtap
psql -q -X -d rarerisk_pgtap -c 'CREATE EXTENSION pgtap' -c 'CREATE EXTENSION rarerisk' >/dev/null || failed=1
PGDATABASE=rarerisk_pgtap pg_prove test/*.sql || failed=1

echo "== loaders and cookbook"
tests/loaders/run.sh || failed=1
tests/cookbook/run.sh || failed=1

if grep -E "PANIC|server process .* was terminated" "$RR_TMP/server.log"; then
	echo "the server log reports a crash"
	failed=1
fi
exit $failed

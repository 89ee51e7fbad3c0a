#!/usr/bin/env bash
# Runs docs/cookbook.md: every ```sql block in order (output compared with
# test/cookbook/expected.out; ```sql volatile blocks run, output dropped),
# then proves the scheduled refresh really happens:
#   * pg_cron: a row added after the job was scheduled must appear in the
#     materialized view through the job alone (the test never refreshes it),
#     and cron.job_run_details must record a succeeded run.  pg_cron 1.4
#     schedules in whole minutes, so this waits for the next minute
#     boundary: at most ~65 s, 30 s on average.
#   * plain cron: the command of the ```crontab block is run as cron would.
# Needs a cluster started with shared_preload_libraries = 'pg_cron',
# cron.database_name = 'rarerisk_cookbook' (scripts/run-tests.sh).
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
export PGDATABASE=rarerisk_cookbook
dir=test/cookbook
fail() { echo "not ok - cookbook: $*"; exit 1; }

psql -X -q -d postgres -c "SELECT 1 FROM pg_database WHERE datname = 'rarerisk_cookbook'" -At | grep -q 1 ||
	createdb rarerisk_cookbook || exit 1
{
	psql -X -q -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION IF NOT EXISTS rarerisk' &&
	psql -X -q -v ON_ERROR_STOP=1 -f data/load.sql &&
	psql -X -q -v ON_ERROR_STOP=1 -v file=data/fixtures/comtrade_light_ree.csv -f loaders/comtrade.sql &&
	psql -X -q -v ON_ERROR_STOP=1 -v file=data/fixtures/baci_layout_us_ree_2023.csv -f loaders/baci.sql
} >/dev/null || fail "set-up failed"

# docs/cookbook.md -> one psql script; volatile blocks wrapped in \o /dev/null
awk '
	/^```sql volatile[ \t]*$/ { inb = 1; vol = 1; print "\\o /dev/null"; next }
	/^```sql[ \t]*$/          { inb = 1; vol = 0; next }
	/^```[ \t]*$/ && inb      { inb = 0; if (vol) print "\\o"; print ""; next }
	inb                       { print }
' docs/cookbook.md >$dir/cookbook.sql
psql -X -a -v ON_ERROR_STOP=1 -P footer=off -f $dir/cookbook.sql >$dir/results.out 2>&1 ||
	{ tail -20 $dir/results.out; fail "a snippet failed (test/cookbook/results.out)"; }
if ! diff -u $dir/expected.out $dir/results.out >$dir/results.diff; then
	head -80 $dir/results.diff
	fail "output differs from test/cookbook/expected.out (test/cookbook/results.diff)"
fi
rm -f $dir/results.diff
echo "ok - cookbook: every sql block of docs/cookbook.md runs and gives the expected output"

# --- pg_cron: the job (scheduled by the cookbook above) must refresh the view
q() { psql -X -q -At -v ON_ERROR_STOP=1 -c "$1"; }
q "INSERT INTO rarerisk_data.flows (source, source_file, source_line, year, importer, importer_code,
       exporter, exporter_code, hs_code, value_usd, reported_by)
   VALUES ('comtrade', 'cookbook-test', 1, 2031, 'USA', 842, 'AUS', 36, '850511', 1000, 'importer')" ||
	fail "cannot insert the marker row"
start=$(date +%s)
ok=0
while [ $(( $(date +%s) - start )) -lt 75 ]; do
	if [ "$(q "SELECT count(*) FROM bi.hhi_by_year WHERE year = 2031")" = 1 ]; then ok=1; break; fi
	sleep 2
done
waited=$(( $(date +%s) - start ))
[ $ok = 1 ] || { q "SELECT status, return_message FROM cron.job_run_details ORDER BY runid DESC LIMIT 3"; fail "pg_cron did not refresh bi.hhi_by_year within 75 s"; }
runs=$(q "SELECT count(*) FROM cron.job_run_details d JOIN cron.job j USING (jobid)
          WHERE j.jobname = 'rarerisk-hhi-by-year' AND d.status = 'succeeded'")
[ "$runs" -ge 1 ] || fail "no succeeded run in cron.job_run_details"
echo "ok - pg_cron job refreshed bi.hhi_by_year (after ${waited} s; ${runs} succeeded run(s))"
q "SELECT cron.unschedule('rarerisk-hhi-by-year')" >/dev/null

# --- plain cron + psql: run the crontab block's command as cron would
q "DELETE FROM rarerisk_data.flows WHERE source_file = 'cookbook-test'"
cmd=$(awk '/^```crontab/ { inb = 1; next } /^```/ { inb = 0 } inb && /^[0-9*]/' docs/cookbook.md |
	head -1 | sed -E 's/^([^ ]+ +){5}//')
[ -n "$cmd" ] || fail "no job line in the crontab block"
sh -c "$cmd" || fail "the crontab command failed: $cmd"
[ "$(q "SELECT count(*) FROM bi.hhi_by_year WHERE year = 2031")" = 0 ] ||
	fail "the crontab command did not refresh bi.hhi_by_year"
echo "ok - the crontab command refreshed bi.hhi_by_year"

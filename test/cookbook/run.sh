#!/usr/bin/env bash
# Runs docs/cookbook.md, in three parts (three suites of scripts/run-tests.sh):
#   run.sh          every ```sql block in order (output compared with
#                   test/cookbook/expected.out; ```sql volatile blocks run,
#                   output dropped; blocks marked pg_cron only when pg_cron is
#                   installed for this server, RR_PG_CRON=1).
#   run.sh pg_cron  proves the scheduled refresh really happens: a row added
#                   after the job was scheduled must appear in the
#                   materialized view through the job alone (the test never
#                   refreshes it), and cron.job_run_details must record a
#                   succeeded run.  pg_cron 1.4 schedules in whole minutes, so
#                   this waits for the next minute boundary: at most ~65 s,
#                   30 s on average.  Exits 77 (skipped) without pg_cron.
#   run.sh crontab  the command of the ```crontab block, run as cron would.
# pg_cron needs a cluster started with shared_preload_libraries = 'pg_cron',
# cron.database_name = 'rarerisk_cookbook' (scripts/run-tests.sh).
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
export PGDATABASE=rarerisk_cookbook
dir=test/cookbook
fail() { echo "not ok - cookbook: $*"; exit 1; }
q() { psql -X -q -At -v ON_ERROR_STOP=1 -c "$1"; }
part=${1:-recipes}
cron=${RR_PG_CRON:-1}

# The recipes: every sql block in order, output compared
recipes() {
	psql -X -q -d postgres -c "SELECT 1 FROM pg_database WHERE datname = 'rarerisk_cookbook'" -At | grep 1 >/dev/null ||
		createdb rarerisk_cookbook || exit 1
	{
		psql -X -q -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION IF NOT EXISTS rarerisk' &&
		psql -X -q -v ON_ERROR_STOP=1 -f data/load.sql &&
		psql -X -q -v ON_ERROR_STOP=1 -v file=data/fixtures/comtrade_light_ree.csv -f loaders/comtrade.sql &&
		psql -X -q -v ON_ERROR_STOP=1 -v file=data/fixtures/baci_layout_us_ree_2023.csv -f loaders/baci.sql
	} >/dev/null || fail "set-up failed"

	# docs/cookbook.md -> one psql script; volatile blocks wrapped in \o /dev/null;
	# pg_cron blocks between the comments "-- [pg_cron" and "-- pg_cron]", empty
	# without pg_cron (and then dropped from the expected output too)
	awk -v cron="$cron" '
		/^```sql( volatile)?( pg_cron)?[ \t]*$/ {
			inb = 1; vol = ($0 ~ / volatile/); pgc = ($0 ~ / pg_cron/)
			skip = pgc && cron != 1
			if (pgc) print "-- [pg_cron"
			if (vol && !skip) print "\\o /dev/null"
			next
		}
		/^```[ \t]*$/ && inb {
			inb = 0
			if (!skip) { if (vol) print "\\o"; print "" }
			if (pgc) print "-- pg_cron]"
			next
		}
		inb && !skip { print }
	' docs/cookbook.md >$dir/cookbook.sql
	psql -X -a -v ON_ERROR_STOP=1 -P footer=off -f $dir/cookbook.sql >$dir/results.out 2>&1 ||
		{ tail -20 $dir/results.out; fail "a snippet failed (test/cookbook/results.out)"; }
	if [ "$cron" = 1 ]; then
		cp $dir/expected.out $dir/expected-here.out
	else
		awk '/^-- \[pg_cron$/ { print; s = 1; next } /^-- pg_cron\]$/ { s = 0 } !s' \
			$dir/expected.out >$dir/expected-here.out
	fi
	if ! diff -u $dir/expected-here.out $dir/results.out >$dir/results.diff; then
		head -80 $dir/results.diff
		fail "output differs from test/cookbook/expected.out (test/cookbook/results.diff)"
	fi
	rm -f $dir/results.diff $dir/expected-here.out
	if [ "$cron" = 1 ]; then
		echo "ok - cookbook: every sql block of docs/cookbook.md runs and gives the expected output"
	else
		echo "ok - cookbook: every sql block of docs/cookbook.md runs and gives the expected output (the pg_cron blocks skipped: pg_cron is not installed for this server)"
	fi
}

# pg_cron: the jobs (scheduled by the recipes) must refresh the view and
# write the alert table
pg_cron_job() {
	if [ "$cron" != 1 ]; then
		echo "skip - pg_cron is not installed for this server (Debian packages it for PostgreSQL 15 only)"
		exit 77
	fi
	q "INSERT INTO rarerisk_data.flows (source, source_file, source_line, year, importer, importer_code,
	       exporter, exporter_code, hs_code, value_usd, reported_by)
	   VALUES ('comtrade', 'cookbook-test', 1, 2031, 'USA', 842, 'AUS', 36, '850511', 1000, 'importer')" ||
		fail "cannot insert the marker row"
	# the monthly alert job, moved to every minute: its alerts must come back
	q "DELETE FROM bi.concentration_alert" || fail "no alert table"
	[ "$(q "SELECT count(*) FROM (SELECT cron.alter_job(jobid, schedule := '* * * * *') FROM cron.job
	          WHERE jobname = 'rarerisk-concentration-alerts') x")" = 1 ] ||
		fail "the alert job is not scheduled"
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
	ok=0
	while [ $(( $(date +%s) - start )) -lt 90 ]; do
		if [ "$(q "SELECT count(*) FROM cron.job_run_details d JOIN cron.job j USING (jobid)
		           WHERE j.jobname = 'rarerisk-concentration-alerts' AND d.status = 'succeeded'")" -ge 1 ]; then
			ok=1; break
		fi
		sleep 2
	done
	[ $ok = 1 ] || fail "pg_cron did not run the alert job within 90 s"
	alerts=$(q "SELECT count(*) FROM bi.concentration_alert WHERE kind = 'over_65' AND importer = 'USA'")
	[ "$alerts" -ge 1 ] || fail "the alert job wrote no alert"
	echo "ok - pg_cron job wrote bi.concentration_alert ($alerts benchmark alert(s) for USA)"
	q "SELECT cron.unschedule('rarerisk-concentration-alerts')" >/dev/null
	q "DELETE FROM rarerisk_data.flows WHERE source_file = 'cookbook-test'"
}

# Plain cron + psql: run the crontab block's command as cron would; a
# row added then removed must appear in, then leave, the materialized view
crontab_job() {
	cmd=$(awk '/^```crontab/ { inb = 1; next } /^```/ { inb = 0 } inb && /^[0-9*]/' docs/cookbook.md |
		head -1 | sed -E 's/^([^ ]+ +){5}//')
	[ -n "$cmd" ] || fail "no job line in the crontab block"
	q "INSERT INTO rarerisk_data.flows (source, source_file, source_line, year, importer, importer_code,
	       exporter, exporter_code, hs_code, value_usd, reported_by)
	   VALUES ('comtrade', 'cookbook-test', 1, 2031, 'USA', 842, 'AUS', 36, '850511', 1000, 'importer')" ||
		fail "cannot insert the marker row"
	sh -c "$cmd" || fail "the crontab command failed: $cmd"
	[ "$(q "SELECT count(*) FROM bi.hhi_by_year WHERE year = 2031")" = 1 ] ||
		fail "the crontab command did not refresh bi.hhi_by_year (row added)"
	q "DELETE FROM rarerisk_data.flows WHERE source_file = 'cookbook-test'"
	sh -c "$cmd" || fail "the crontab command failed: $cmd"
	[ "$(q "SELECT count(*) FROM bi.hhi_by_year WHERE year = 2031")" = 0 ] ||
		fail "the crontab command did not refresh bi.hhi_by_year (row removed)"
	echo "ok - the crontab command refreshed bi.hhi_by_year"
}

case "$part" in
	recipes) recipes ;;
	pg_cron) pg_cron_job ;;
	crontab) crontab_job ;;
	*) fail "unknown part \"$part\" (recipes, pg_cron or crontab)" ;;
esac

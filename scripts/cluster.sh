# Sourced by the test, demo and bench scripts: a throwaway PostgreSQL cluster
# in a temporary directory with rarerisk installed into it (not system-wide),
# through Debian's extension_destdir setting, with the test-only module of
# test/fmgr beside it.  Stopped and removed on exit.
#
# After rr_cluster_start: PGHOST, PGPORT, PGUSER point at the cluster, and
# RR_TMP is its directory.  Extra postgresql.conf lines may be passed in
# RR_EXTRA_CONF.

RR_PG_CONFIG=${PG_CONFIG:-/usr/lib/postgresql/15/bin/pg_config}
RR_BINDIR=$("$RR_PG_CONFIG" --bindir)

# Run a server program as the postgres user when we are root (initdb refuses root)
rr_as_owner() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

rr_cluster_stop() {
	if [ -n "${RR_TMP:-}" ] && [ -d "$RR_TMP" ]; then
		if [ -f "$RR_TMP/data/postmaster.pid" ]; then
			rr_as_owner "$RR_BINDIR/pg_ctl" -D "$RR_TMP/data" -m immediate -w stop >/dev/null 2>&1 || true
		fi
		rm -rf "$RR_TMP"
	fi
}

rr_cluster_start() {
	local top
	top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
	RR_TMP=$(mktemp -d /tmp/rarerisk.XXXXXX)
	chmod 755 "$RR_TMP"
	trap rr_cluster_stop EXIT
	trap 'exit 130' INT TERM

	make -s -C "$top" install DESTDIR="$RR_TMP/install" PG_CONFIG="$RR_PG_CONFIG" >/dev/null
	# the test-only module of test/fmgr (support functions called as Citus calls them)
	make -s -C "$top/test/fmgr" install DESTDIR="$RR_TMP/install" PG_CONFIG="$RR_PG_CONFIG" >/dev/null
	chmod -R a+rX "$RR_TMP/install"
	[ "$(id -u)" -eq 0 ] && chown postgres "$RR_TMP"

	rr_as_owner "$RR_BINDIR/initdb" -D "$RR_TMP/data" -U postgres -A trust \
		-E UTF8 --locale=C --no-sync >"$RR_TMP/initdb.log" 2>&1 ||
		{ cat "$RR_TMP/initdb.log"; return 1; }
	cat >>"$RR_TMP/data/postgresql.conf" <<CONF
listen_addresses = ''
port = 5432
unix_socket_directories = '$RR_TMP'
extension_destdir = '$RR_TMP/install'
fsync = off
synchronous_commit = off
full_page_writes = off
max_worker_processes = 8
max_parallel_workers = 8
${RR_EXTRA_CONF:-}
CONF
	rr_as_owner "$RR_BINDIR/pg_ctl" -D "$RR_TMP/data" -l "$RR_TMP/server.log" -w start >/dev/null ||
		{ cat "$RR_TMP/server.log"; return 1; }
	export PGHOST="$RR_TMP" PGPORT=5432 PGUSER=postgres
	unset PGDATABASE PGPASSWORD
}

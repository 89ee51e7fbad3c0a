# Sourced by the test, demo and bench scripts: a throwaway PostgreSQL cluster
# in a temporary directory with rarerisk installed into it (not system-wide),
# through Debian's extension_destdir setting (upstream 18:
# extension_control_path), with the test-only module of test/fmgr beside it.
# Stopped and removed on exit.
#
# After rr_cluster_start: PGHOST, PGPORT, PGUSER point at the cluster, and
# RR_TMP is its directory.  Extra postgresql.conf lines may be passed in
# RR_EXTRA_CONF.
#
# The server is the one of $PG_CONFIG (default: pg_config in PATH, on Debian
# the newest postgresql-server-dev-NN installed); its client programs come
# first in PATH.  RR_PG_NAME names it ("PostgreSQL 18.6 at DIR"), RR_PG_NUM
# is its version number (180006).

RR_PG_CONFIG=$(command -v "${PG_CONFIG:-pg_config}" || true)
if [ -z "$RR_PG_CONFIG" ]; then
	echo "rarerisk: ${PG_CONFIG:-pg_config} not found: install the server's development files (Debian: postgresql-server-dev-NN) or pass PG_CONFIG=/path/to/pg_config" >&2
	exit 1
fi
RR_BINDIR=$("$RR_PG_CONFIG" --bindir)
RR_PG_NAME="$("$RR_PG_CONFIG" --version | sed 's/ (.*//') at $RR_BINDIR"
RR_PG_NUM=$("$RR_BINDIR/postgres" -V | sed -E 's/.* ([0-9]+)\.([0-9]+).*/\1 \2/' |
	awk '{ printf "%d%04d", $1, $2 }')
PATH="$RR_BINDIR:$PATH"

# What a crash of the server leaves in its log: a PANIC, a backend killed
# by a signal, a report of the undefined-behaviour sanitizer
export RR_CRASH_RE='PANIC|server process .* was terminated|runtime error:'

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

# postgresql.conf lines that make the server find an extension installed
# with make install DESTDIR=$1: Debian's extension_destdir, else (upstream
# 18 and later) extension_control_path and dynamic_library_path
rr_install_conf() {
	# grep reads all (no -q): an early exit would kill postgres with SIGPIPE,
	# which pipefail turns into a failed test
	if rr_as_owner "$RR_BINDIR/postgres" --describe-config 2>/dev/null |
		grep '^extension_destdir' >/dev/null; then
		echo "extension_destdir = '$1'"
	elif [ "$RR_PG_NUM" -ge 180000 ]; then
		echo "extension_control_path = '$1$("$RR_PG_CONFIG" --sharedir):\$system'"
		echo "dynamic_library_path = '$1$("$RR_PG_CONFIG" --pkglibdir):\$libdir'"
	else
		echo "rarerisk: $RR_PG_NAME has neither extension_destdir (Debian's" \
			"packages) nor extension_control_path (18): the tests cannot" \
			"install the extension beside it" >&2
		return 1
	fi
}

rr_cluster_start() {
	local top install_conf
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
	install_conf=$(rr_install_conf "$RR_TMP/install") || return 1
	cat >>"$RR_TMP/data/postgresql.conf" <<CONF
listen_addresses = ''
port = 5432
unix_socket_directories = '$RR_TMP'
$install_conf
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

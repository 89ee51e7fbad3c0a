# Sourced by test/citus/run.sh and bench/citus.sh: a throwaway Citus
# cluster of one coordinator and two workers, each its own initdb run as the
# postgres user, listening on 127.0.0.1 only (ports RR_CITUS_PORT,
# RR_CITUS_PORT+1, +2; the default 55432 leaves 55435-55436 for a node added
# later).  Citus comes from the build cache of scripts/citus.sh and rarerisk
# from its Debian package (scripts/deb.sh), both unpacked into each node's
# own extension_destdir: nothing is installed system-wide.  Libraries loaded
# by a bare name (shared_preload_libraries = 'citus', and citus_columnar,
# which Citus loads itself) are not looked up in extension_destdir, so
# dynamic_library_path names the unpacked library directory too; functions
# declared with '$libdir/...' find the same files through extension_destdir.
# Citus compares its library with the version pg_available_extensions lists,
# which does not look into extension_destdir: its (and columnar's)
# enable_version_checks setting is off, the library and SQL being of one build.
#
#   citus_prepare        build or find Citus and the package (exit 77: no
#                        Citus source, the suite is skipped)
#   citus_node N         initdb + start node N on port RR_CITUS_PORT+N
#   citus_cluster_start  nodes 0 (coordinator), 1 and 2, joined
#   cq N SQL...          psql on node N (timeouts: a hang fails, not blocks)
#
# Stopped and removed on exit.

citus_top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# the server (RR_PG_CONFIG, RR_BINDIR, rr_as_owner) of the other suites;
# Debian's PostgreSQL 15 unless PG_CONFIG names another
PG_CONFIG=${PG_CONFIG:-/usr/lib/postgresql/15/bin/pg_config}
. "$citus_top/scripts/cluster.sh"
RR_CITUS_PORT=${RR_CITUS_PORT:-55432}
RR_CITUS_TIMEOUT=${RR_CITUS_TIMEOUT:-120}	# seconds per psql call

citus_stop() {
	local d
	if [ -n "${CITUS_TMP:-}" ] && [ -d "$CITUS_TMP" ]; then
		for d in "$CITUS_TMP"/node*/data; do
			[ -f "$d/postmaster.pid" ] &&
				rr_as_owner "$RR_BINDIR/pg_ctl" -D "$d" -m immediate -w stop >/dev/null 2>&1
		done
		[ -n "${RR_CITUS_KEEP_LOGS:-}" ] && cp "$CITUS_TMP"/node*/server.log "$RR_CITUS_KEEP_LOGS/" 2>/dev/null
		rm -rf "$CITUS_TMP"
	fi
}

# Citus from the build cache and the rarerisk package
citus_prepare() {
	local rc=0 major
	major=$("$RR_PG_CONFIG" --version | sed -E 's/^PostgreSQL ([0-9]+).*/\1/')
	if [ "$major" != 15 ]; then
		echo "SKIPPED: the Citus suite runs on PostgreSQL 15 (Citus 13.2 and the package postgresql-15-rarerisk); this is $("$RR_PG_CONFIG" --version)"
		exit 77
	fi
	CITUS_DIR=$("$citus_top/scripts/citus.sh") || rc=$?
	if [ "$rc" -eq 3 ]; then
		echo "SKIPPED: the Citus source (../shared/vendor/citus-13.2.2.tar.gz) is absent; set RR_VENDOR to its directory"
		exit 77
	fi
	[ "$rc" -eq 0 ] || { echo "citus: build failed"; exit 1; }
	RR_DEB=$("$citus_top/scripts/deb.sh" --no-lintian | tail -1) || { echo "citus: package build failed"; exit 1; }
	CITUS_TMP=$(mktemp -d /tmp/rarerisk-citus.XXXXXX)
	chmod 755 "$CITUS_TMP"
	[ "$(id -u)" -eq 0 ] && chown postgres "$CITUS_TMP"
	trap citus_stop EXIT
	trap 'exit 130' INT TERM
}

# Create and start node N: the package and Citus unpacked into its
# extension_destdir, then initdb
citus_node() {
	local n=$1 dir="$CITUS_TMP/node$1" port=$((RR_CITUS_PORT + $1))
	mkdir -p "$dir/ext"
	dpkg-deb -x "$RR_DEB" "$dir/ext"
	cp -a "$CITUS_DIR/usr" "$dir/ext/"
	chmod -R a+rX "$dir/ext"
	[ "$(id -u)" -eq 0 ] && chown postgres "$dir"
	rr_as_owner "$RR_BINDIR/initdb" -D "$dir/data" -U postgres -A trust \
		-E UTF8 --locale=C --no-sync >"$dir/initdb.log" 2>&1 ||
		{ cat "$dir/initdb.log"; return 1; }
	cat >>"$dir/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
extension_destdir = '$dir/ext'
dynamic_library_path = '$dir/ext$("$RR_PG_CONFIG" --pkglibdir):\$libdir'
shared_preload_libraries = 'citus'
wal_level = logical
max_connections = 60
max_worker_processes = 16
fsync = off
synchronous_commit = off
full_page_writes = off
jit = off
autovacuum = off
citus.enable_statistics_collection = off
citus.enable_version_checks = off
columnar.enable_version_checks = off
citus.shard_count = 8
log_min_messages = warning
${RR_CITUS_EXTRA_CONF:-}
CONF
	# a runaway backend fails with "out of memory" instead of taking the
	# machine's memory (RR_CITUS_MEM_KB of address space per process)
	(ulimit -v "${RR_CITUS_MEM_KB:-4000000}" &&
		rr_as_owner "$RR_BINDIR/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null) ||
		{ cat "$dir/server.log"; return 1; }
	RR_CITUS_STMT_TIMEOUT=300s cq "$n" -c 'CREATE EXTENSION citus' >/dev/null
}

# psql on node N (0 = coordinator) over TCP, stopping on the first error,
# killed after RR_CITUS_TIMEOUT seconds; every statement has a timeout
cq() {
	local n=$1
	shift
	PGOPTIONS="-c statement_timeout=${RR_CITUS_STMT_TIMEOUT:-60s} ${PGOPTIONS:-}" \
		timeout -k 5 "$RR_CITUS_TIMEOUT" psql -X -q -v ON_ERROR_STOP=1 -At \
		-h 127.0.0.1 -p $((RR_CITUS_PORT + n)) -U postgres -d postgres "$@"
}

citus_cluster_start() {
	local n pids=() rc=0
	# the three servers are set up side by side
	for n in 0 1 2; do
		citus_node "$n" &
		pids+=($!)
	done
	for n in "${pids[@]}"; do
		wait "$n" || rc=1
	done
	[ "$rc" -eq 0 ] || return 1
	RR_CITUS_STMT_TIMEOUT=300s cq 0 -c "SELECT citus_set_coordinator_host('127.0.0.1', $RR_CITUS_PORT)" \
		-c "SELECT citus_add_node('127.0.0.1', $((RR_CITUS_PORT + 1)))" \
		-c "SELECT citus_add_node('127.0.0.1', $((RR_CITUS_PORT + 2)))" >/dev/null
}

# Any PANIC, crash or sanitizer report in the nodes' logs
citus_log_problems() {
	grep -H -E "$RR_CRASH_RE" "$CITUS_TMP"/node*/server.log
}

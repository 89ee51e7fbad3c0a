#!/usr/bin/env bash
# Values stored on PostgreSQL 15 read back unchanged on a newer server and
# give the same results: a database holding supply_mix, trade_network,
# embargo_scenario and embargo_state values is built on Debian's 15, then
#   1. dumped (the newer server's pg_dump, custom format) and restored into a
#      cluster of the server under test;
#   2. upgraded in place with that server's pg_upgrade.
# Every value must come back with the identical text and binary forms, and
# every measure, shortfall, trace and merge must agree to 1e-12 relative.
#
# Needs RR_BINDIR (the server under test; scripts/run-tests.sh sets it) and
# Debian's 15 (RR_OLD_PG_CONFIG, default /usr/lib/postgresql/15/bin/pg_config).
# Exits 77 (skipped) when the server under test is 15 itself or 15 is absent.
# Starts its own two clusters on Unix sockets in its temporary directory.
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/test/reliability/sample_values.sh"
NEW_BINDIR=${RR_BINDIR:-$(pg_config --bindir)}
NEW_PG_CONFIG="$NEW_BINDIR/pg_config"
OLD_PG_CONFIG=${RR_OLD_PG_CONFIG:-/usr/lib/postgresql/15/bin/pg_config}

if [ ! -x "$OLD_PG_CONFIG" ]; then
	echo "skip - no PostgreSQL 15 at $OLD_PG_CONFIG to upgrade from"
	exit 77
fi
OLD_BINDIR=$("$OLD_PG_CONFIG" --bindir)
major() { "$1/postgres" -V | sed -E 's/.* ([0-9]+)\.[0-9]+.*/\1/'; }
old_major=$(major "$OLD_BINDIR")
new_major=$(major "$NEW_BINDIR")
if [ "$new_major" -le "$old_major" ]; then
	echo "skip - the server under test is PostgreSQL $new_major itself; the upgrade from $old_major runs when testing a newer one (make test PG_CONFIG=...)"
	exit 77
fi

as_owner() {
	if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

work=$(mktemp -d /tmp/rarerisk-upgrade.XXXXXX)
chmod 755 "$work"
[ "$(id -u)" -eq 0 ] && chown postgres "$work"
cleanup() {
	for d in "$work"/data-*; do
		[ -f "$d/postmaster.pid" ] || continue
		for b in "$OLD_BINDIR" "$work/new" "$NEW_BINDIR"; do
			as_owner "$b/pg_ctl" -D "$d" -m immediate -w stop >/dev/null 2>&1 && break
		done
	done
	rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "not ok - $*"; exit 1; }

# The extension built for 15 in a copy of the sources (the tree itself holds
# the build for the server under test), installed under $work/install-15
mkdir -p "$work/src"
cp -r "$top/Makefile" "$top/rarerisk.control" "$top/src" "$top/extension" "$work/src/"
make -s -C "$work/src" PG_CONFIG="$OLD_PG_CONFIG" clean >/dev/null 2>&1
make -s -C "$work/src" PG_CONFIG="$OLD_PG_CONFIG" install DESTDIR="$work/install-15" >/dev/null ||
	fail "cannot build rarerisk for PostgreSQL $old_major"
make -s -C "$top" PG_CONFIG="$NEW_PG_CONFIG" install DESTDIR="$work/install-new" >/dev/null ||
	fail "cannot install rarerisk for PostgreSQL $new_major"
chmod -R a+rX "$work"

# initdb BINDIR DIR [CONF...]: a stopped cluster with extra conf lines
new_cluster() {
	local bindir=$1 dir=$2 opts=()
	shift 2
	[ "$(major "$bindir")" -ge 18 ] && opts=(--no-data-checksums)
	as_owner "$bindir/initdb" -D "$dir" -U postgres -A trust -E UTF8 --locale=C \
		--no-sync "${opts[@]}" >"$work/initdb.log" 2>&1 ||
		{ cat "$work/initdb.log"; fail "initdb $dir"; }
	{
		echo "listen_addresses = ''"
		echo "unix_socket_directories = '$work'"
		echo "fsync = off"
		printf '%s\n' "$@"
	} >>"$dir/postgresql.conf"
}
start() { as_owner "$1/pg_ctl" -D "$2" -l "$2.log" -o "-p $3" -w start >/dev/null || { cat "$2.log"; fail "start $2"; }; }
stop() { as_owner "$1/pg_ctl" -D "$2" -m fast -w stop >/dev/null; }
q() { local port=$1; shift; "$NEW_BINDIR/psql" -X -q -At -v ON_ERROR_STOP=1 -h "$work" -p "$port" -U postgres "$@"; }

# conf lines for a server of BINDIR finding the extension under DESTDIR
install_conf() {
	local bindir=$1 destdir=$2 pgc="$1/pg_config"
	if as_owner "$bindir/postgres" --describe-config 2>/dev/null | grep '^extension_destdir' >/dev/null; then
		echo "extension_destdir = '$destdir'"
	else
		echo "extension_control_path = '$destdir$("$pgc" --sharedir):\$system'"
		echo "dynamic_library_path = '$destdir$("$pgc" --pkglibdir):\$libdir'"
	fi
}

# --- the database on 15
new_cluster "$OLD_BINDIR" "$work/data-15" "$(install_conf "$OLD_BINDIR" "$work/install-15")"
start "$OLD_BINDIR" "$work/data-15" 5432
q 5432 -d postgres -c 'CREATE DATABASE rr_upgrade' || fail "createdb on $old_major"
{ printf '%s\n' "$sample_values_sql"; cat <<'SQL'; } | q 5432 -d rr_upgrade || fail "cannot build the database on $old_major"
CREATE TABLE networks AS
  SELECT y, rarerisk.origin_network(CASE WHEN i % 13 = 0 THEN NULL ELSE 'C' || (i % 9) END,
                                    'C' || ((i * 7 + y) % 11), (i % 97) * 0.7) AS net
    FROM generate_series(1, 5000) i, generate_series(2020, 2023) y
   GROUP BY y;
INSERT INTO networks VALUES (2030, '{"production": {"CHN": 270, "AUS": 1e-300}, "flows": {"CHN": {"VNM": 6}, "VNM": {"JPN": 2.5}}, "unknown_origin": {"VNM": 1}}');
SQL
report=$(cat <<'SQL'
SELECT string_agg(r, E'\n' ORDER BY r) FROM (
  SELECT concat_ws('|', g, m, mix::text, md5(rarerisk.supply_mix_send(mix)),
                   round(rarerisk.hhi(mix)::numeric, 12), round(rarerisk.total(mix)::numeric, 6),
                   rarerisk.top_supplier(mix), round(rarerisk.shannon_diversity(mix)::numeric, 12)) AS r
    FROM monthly
  UNION ALL
  SELECT concat_ws('|', g, n, round(rarerisk.embargo_shortfall(y.mix, s.scenario)::numeric, 12))
    FROM (SELECT g, rarerisk.supply_mix_merge(mix) AS mix FROM monthly GROUP BY g) y, scenarios s
  UNION ALL
  SELECT concat_ws('|', n, scenario::text, md5(rarerisk.embargo_scenario_send(scenario))) FROM scenarios
  UNION ALL
  SELECT concat_ws('|', state::text, md5(rarerisk.embargo_state_send(state))) FROM states
  UNION ALL
  SELECT concat_ws('|', y, net::text, md5(rarerisk.trade_network_send(net::text::rarerisk.trade_network))) FROM networks
  UNION ALL
  SELECT concat_ws('|', y, o.country, o.origin, round(o.share::numeric, 12))
    FROM networks, rarerisk.origin_shares(net) o
  UNION ALL
  SELECT concat_ws('|', 'merged', rarerisk.origin_network_merge(net)::text) FROM networks WHERE y < 2030
) t
SQL
)
want=$(q 5432 -d rr_upgrade -c "$report") || fail "the report fails on $old_major"
rows=$(q 5432 -d rr_upgrade -c "SELECT (SELECT count(*) FROM monthly) + (SELECT count(*) FROM scenarios)
                                      + (SELECT count(*) FROM states) + (SELECT count(*) FROM networks)")
[ "$rows" -gt 300 ] || fail "the database on $old_major holds only $rows values"

# same A B: the two reports have the same rows, fields equal, numbers within
# 1e-12 relative (the servers are built with different compilers' flags, so
# a measure may differ in its last bits; stored values must be identical)
same() {
	awk -F'|' 'NR == FNR { want[FNR] = $0; n = FNR; next }
		{
			if (FNR > n) { bad = 1; exit }
			split(want[FNR], w, "|")
			if (NF != length(w)) { bad = 1; exit }
			for (i = 1; i <= NF; i++) {
				if ($i == w[i]) continue
				if ($i !~ /^-?[0-9.]+$/ || w[i] !~ /^-?[0-9.]+$/) { bad = 1; exit }
				d = $i - w[i]; if (d < 0) d = -d
				m = w[i] < 0 ? -w[i] : w[i]
				if (d > 1e-12 * m + 1e-300) { bad = 1; exit }
			}
			rows = FNR
		}
		END { exit (bad || rows != n) }' <(printf '%s\n' "$1") <(printf '%s\n' "$2")
}

# --- 1. dump on 15, restore on the server under test
as_owner "$NEW_BINDIR/pg_dump" -Fc -h "$work" -p 5432 -U postgres -d rr_upgrade -f "$work/rr.dump" ||
	fail "pg_dump of the $old_major database"
new_cluster "$NEW_BINDIR" "$work/data-restore" "$(install_conf "$NEW_BINDIR" "$work/install-new")"
start "$NEW_BINDIR" "$work/data-restore" 5433
q 5433 -d postgres -c 'CREATE DATABASE rr_upgrade' || fail "createdb on $new_major"
# Debian's 15.20 gives every column a private option pg_attver, which pg_dump
# writes out (ALTER COLUMN ... SET (pg_attver=N)) and other servers reject:
# those lines are dropped, everything else is restored as dumped
as_owner "$NEW_BINDIR/pg_restore" -f - "$work/rr.dump" | sed '/ SET (pg_attver=[0-9]*);$/d' |
	as_owner "$NEW_BINDIR/psql" -X -q -v ON_ERROR_STOP=1 -h "$work" -p 5433 -U postgres -d rr_upgrade >/dev/null ||
	fail "pg_restore on $new_major"
got=$(q 5433 -d rr_upgrade -c "$report")
same "$want" "$got" || fail "dumped on $old_major, restored on $new_major: results differ"
echo "ok - dumped on $old_major, restored on $new_major: $rows stored values identical in text and canonical binary form, every result within 1e-12"
stop "$NEW_BINDIR" "$work/data-restore"

# --- 2. pg_upgrade 15 -> the server under test.  pg_upgrade loads every
# library the old database uses by its stored name ($libdir/rarerisk), so
# the new server must have rarerisk in its own $libdir: a private copy of the
# server's installation (relocatable) with the extension installed into it.
stop "$OLD_BINDIR" "$work/data-15"
prefix=$(cd "$NEW_BINDIR/.." && pwd)
for d in "$("$NEW_PG_CONFIG" --pkglibdir)" "$("$NEW_PG_CONFIG" --sharedir)"; do
	case "$d" in
	"$prefix"/*) ;;
	*)
		echo "ok - pg_upgrade not tried: $prefix is not a self-contained installation to copy # SKIP"
		exit 0
		;;
	esac
done
cp -a "$prefix" "$work/pg-new"
make -s -C "$top" PG_CONFIG="$work/pg-new/bin/pg_config" install >/dev/null ||
	fail "cannot install rarerisk into the copy of $prefix"
chmod -R a+rX "$work/pg-new"
new_cluster "$work/pg-new/bin" "$work/data-upgraded"
mkdir -p "$work/upgrade" && chmod 777 "$work/upgrade"
if ! (cd "$work/upgrade" && as_owner "$work/pg-new/bin/pg_upgrade" \
	-b "$OLD_BINDIR" -B "$work/pg-new/bin" -d "$work/data-15" -D "$work/data-upgraded" \
	-s "$work" -p 5434 -P 5435 -U postgres >"$work/upgrade/pg_upgrade.out" 2>&1); then
	if grep -rqs pg_attver "$work/upgrade" "$work/data-upgraded"; then
		echo "ok - pg_upgrade $old_major -> $new_major not possible: Debian's $old_major.x stores the column option pg_attver, which $new_major rejects # SKIP"
		exit 0
	fi
	tail -30 "$work/upgrade/pg_upgrade.out"
	find "$work/data-upgraded" -name '*.txt' -path '*pg_upgrade_output*' -exec tail -20 {} \;
	fail "pg_upgrade $old_major -> $new_major"
fi
start "$work/pg-new/bin" "$work/data-upgraded" 5436
got=$(q 5436 -d rr_upgrade -c "$report")
same "$want" "$got" || fail "pg_upgrade $old_major -> $new_major: results differ"
echo "ok - pg_upgrade $old_major -> $new_major: $rows stored values identical in text and canonical binary form, every result within 1e-12"

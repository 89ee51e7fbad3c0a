#!/usr/bin/env bash
# Build Citus once from the vendored upstream source and print the directory
# of the build (a DESTDIR-style tree: usr/lib/postgresql/15/lib/citus.so,
# usr/share/postgresql/15/extension/citus*).  The build is cached outside the
# repository, keyed by the tarball's sha256 and the server's version:
#
#   ${RR_CACHE:-/var/cache/rarerisk}/citus-13.2.2-<sha256:12>-pg<version>/
#
# Nothing is installed system-wide: the test cluster's nodes load it through
# Debian's extension_destdir setting (see test/citus/run.sh).
#
# The source is looked up in $RR_VENDOR, else ../shared/vendor beside the
# repository (or beside the main checkout when this is a git worktree).
# Exit status 3 (and a message on stderr) when the source is absent: callers
# report the Citus suite as skipped.
#
#   scripts/citus.sh            build if needed, print the directory
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)

CITUS_VERSION=13.2.2
PG_CONFIG=${PG_CONFIG:-/usr/lib/postgresql/15/bin/pg_config}
CACHE_ROOT=${RR_CACHE:-/var/cache/rarerisk}

# The vendor directory: RR_VENDOR, ../shared/vendor, or the one beside the
# main checkout of a git worktree
find_vendor() {
	local d common
	for d in "${RR_VENDOR:-}" "$top/../shared/vendor"; do
		[ -n "$d" ] && [ -f "$d/citus-$CITUS_VERSION.tar.gz" ] && { echo "$d"; return 0; }
	done
	common=$(git -C "$top" rev-parse --path-format=absolute --git-common-dir 2>/dev/null) || return 1
	d="$(dirname "$common")/../shared/vendor"
	[ -f "$d/citus-$CITUS_VERSION.tar.gz" ] && { echo "$d"; return 0; }
	return 1
}

vendor=$(find_vendor) || {
	echo "citus: no citus-$CITUS_VERSION.tar.gz in \$RR_VENDOR or ../shared/vendor: not built" >&2
	exit 3
}
tarball="$vendor/citus-$CITUS_VERSION.tar.gz"
sha=$(sha256sum "$tarball" | cut -c1-64)
if [ -f "$vendor/SHA256SUMS" ] &&
	! grep -q "^$sha  citus-$CITUS_VERSION.tar.gz" "$vendor/SHA256SUMS"; then
	echo "citus: $tarball does not match $vendor/SHA256SUMS" >&2
	exit 1
fi
pgver=$("$PG_CONFIG" --version | awk '{print $2}')
dir="$CACHE_ROOT/citus-$CITUS_VERSION-${sha:0:12}-pg$pgver"

[ -f "$dir/.complete" ] && { echo "$dir"; exit 0; }

mkdir -p "$CACHE_ROOT"
# one build at a time; a second caller waits and then finds it cached
exec 9>"$CACHE_ROOT/.citus-$CITUS_VERSION.lock"
flock 9
[ -f "$dir/.complete" ] && { echo "$dir"; exit 0; }

work=$(mktemp -d "$CACHE_ROOT/.citus-build.XXXXXX")
trap 'rm -rf "$work"' EXIT
t0=$(date +%s)
echo "citus: building Citus $CITUS_VERSION for PostgreSQL $pgver (about 2 minutes, once) into $dir" >&2
tar -xzf "$tarball" -C "$work"
src=$(echo "$work"/*/)
# Debian's 15.20 headers declare have_createdb_privilege() extern; the
# release's static copy of it for PostgreSQL 15 must then be left out
perl -0pi -e 's/(static inline bool\nhave_createdb_privilege\(void\)\n\{.*?\n\}\n)/#if PG_VERSION_NUM < 150020\n$1#endif\n/s' \
	"$src/src/include/pg_version_compat.h"
grep -q '^#if PG_VERSION_NUM < 150020' "$src/src/include/pg_version_compat.h" || {
	echo "citus: could not apply the have_createdb_privilege guard" >&2
	exit 1
}
(
	cd "$src"
	./configure PG_CONFIG="$PG_CONFIG" --without-libcurl >"$work/configure.log" 2>&1 ||
		{ tail -40 "$work/configure.log" >&2; exit 1; }
	make -j"$(nproc)" >"$work/make.log" 2>&1 || { tail -60 "$work/make.log" >&2; exit 1; }
	make install DESTDIR="$work/stage" >"$work/install.log" 2>&1 ||
		{ tail -40 "$work/install.log" >&2; exit 1; }
)
chmod -R a+rX "$work/stage"
rm -rf "$dir"
mv "$work/stage" "$dir"
echo "built in $(($(date +%s) - t0)) s from $tarball ($sha)" >"$dir/.complete"
echo "citus: built in $(($(date +%s) - t0)) s" >&2
echo "$dir"

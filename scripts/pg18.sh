#!/usr/bin/env bash
# PostgreSQL 18 for the test suite: builds the release source kept beside the
# repository (../shared/vendor/postgresql-18.6.tar.bz2, or $RR_VENDOR) once,
# into a cache outside the repository keyed by the tarball's sha256
# ($RR_CACHE, default /var/cache/rarerisk/postgresql-18.6-<sha12>/), with
# contrib's dblink (the hostile-input tests cancel a backend through it), and
# adds Debian's pgTAP SQL files to its extension directory (pgTAP has no C
# module).
# The build happens in a staging directory renamed into place when complete,
# so an interrupted build leaves nothing that looks finished.
#
# Prints the path of the build's pg_config on stdout (progress on stderr).
# Exits 2 when the source tarball is not there (callers skip PostgreSQL 18).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)

VERSION=18.6
TARBALL=postgresql-$VERSION.tar.bz2

# The vendor directory: $RR_VENDOR, else ../shared/vendor beside this
# checkout, else beside the main checkout when this one is a git worktree
find_vendor() {
	local common
	if [ -n "${RR_VENDOR:-}" ]; then
		echo "$RR_VENDOR"
		return
	fi
	if [ -f "$top/../shared/vendor/$TARBALL" ]; then
		echo "$top/../shared/vendor"
		return
	fi
	common=$(git -C "$top" rev-parse --path-format=absolute --git-common-dir 2>/dev/null || true)
	if [ -n "$common" ] && [ -f "$common/../../shared/vendor/$TARBALL" ]; then
		echo "$(cd "$common/../../shared/vendor" && pwd)"
		return
	fi
	echo "$top/../shared/vendor"
}

vendor=$(find_vendor)
src="$vendor/$TARBALL"
if [ ! -f "$src" ]; then
	echo "pg18: $src not found (set RR_VENDOR to the directory holding $TARBALL)" >&2
	exit 2
fi

sha=$(sha256sum "$src" | cut -d' ' -f1)
if [ -f "$vendor/SHA256SUMS" ] &&
	! grep -q "^$sha  $TARBALL\$" "$vendor/SHA256SUMS"; then
	echo "pg18: $src does not match $vendor/SHA256SUMS" >&2
	exit 1
fi

root=${RR_CACHE:-/var/cache/rarerisk}
mkdir -p "$root" 2>/dev/null || true
if [ ! -w "$root" ]; then
	root=${XDG_CACHE_HOME:-$HOME/.cache}/rarerisk
	mkdir -p "$root"
fi
prefix="$root/postgresql-$VERSION-${sha:0:12}"
done_mark=".rarerisk-complete"
built() { [ -f "$prefix/$done_mark" ] && [ -x "$prefix/bin/pg_config" ]; }
complete() { built && [ -f "$prefix/share/extension/dblink.control" ]; }

if complete; then
	echo "$prefix/bin/pg_config"
	exit 0
fi

# One build at a time per cache entry; a second caller waits, then reuses it
exec 9>"$root/.postgresql-$VERSION-${sha:0:12}.lock"
flock 9
if complete; then
	echo "$prefix/bin/pg_config"
	exit 0
fi

# A cache built before dblink was part of it: build dblink alone (PGXS) and
# copy it in, its control file last
if built; then
	work=$(mktemp -d "$root/.build-dblink.XXXXXX")
	trap 'rm -rf "$work"' EXIT
	echo "pg18: adding contrib/dblink to $prefix" >&2
	(
		cd "$work"
		tar -xjf "$src" "postgresql-$VERSION/contrib/dblink"
		make -C "postgresql-$VERSION/contrib/dblink" USE_PGXS=1 PG_CONFIG="$prefix/bin/pg_config"
		make -C "postgresql-$VERSION/contrib/dblink" USE_PGXS=1 PG_CONFIG="$prefix/bin/pg_config" \
			install DESTDIR="$work/stage"
	) >"$work/build.log" 2>&1 || {
		tail -n 40 "$work/build.log" >&2
		echo "pg18: building dblink failed" >&2
		exit 1
	}
	chmod -R a+rX "$work/stage"
	cp -a "$work/stage$prefix/lib/." "$prefix/lib/"
	find "$work/stage$prefix/share/extension" -name 'dblink*.sql' -exec cp {} "$prefix/share/extension/" \;
	cp "$work/stage$prefix/share/extension/dblink.control" "$prefix/share/extension/"
	echo "$prefix/bin/pg_config"
	exit 0
fi

pgtap_src=/usr/share/postgresql/15/extension
if ! ls "$pgtap_src"/pgtap*.control >/dev/null 2>&1; then
	echo "pg18: pgTAP files not found in $pgtap_src (scripts/deps.sh installs them)" >&2
	exit 1
fi

work=$(mktemp -d "$root/.build-postgresql-$VERSION.XXXXXX")
trap 'rm -rf "$work"' EXIT
rm -rf "$prefix"
start=$(date +%s)
echo "pg18: building PostgreSQL $VERSION into $prefix (about 10 minutes on 2 cores; log in $work/build.log)" >&2
(
	cd "$work"
	tar -xjf "$src"
	cd "postgresql-$VERSION"
	./configure --prefix="$prefix" --without-icu --without-readline
	make -j"${RR_JOBS:-2}"
	make -C contrib/dblink
	make install DESTDIR="$work/stage"
	make -C contrib/dblink install DESTDIR="$work/stage"
) >"$work/build.log" 2>&1 || {
	tail -n 40 "$work/build.log" >&2
	echo "pg18: build failed" >&2
	exit 1
}

stage="$work/stage$prefix"
extdir=$(dirname "$(find "$stage" -name plpgsql.control | head -n 1)")
cp "$pgtap_src"/pgtap* "$extdir/"
cp "$work/build.log" "$stage/build.log"
echo "built $(date -u +%FT%TZ) from $TARBALL sha256 $sha in $(($(date +%s) - start)) s" >"$stage/$done_mark"
chmod -R a+rX "$stage"
mv "$stage" "$prefix"
echo "pg18: PostgreSQL $VERSION built in $(($(date +%s) - start)) s" >&2
echo "$prefix/bin/pg_config"

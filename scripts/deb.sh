#!/usr/bin/env bash
# make deb: the Debian package postgresql-15-rarerisk, built with
# dpkg-buildpackage and pg_buildext (debian/) from a clean copy of the
# source, so that the working tree stays as it is.  Prints the .deb's path
# on the last line of stdout.
#
#   scripts/deb.sh                build, check with lintian, copy to dist/,
#                                 simulate apt install ./dist/...deb
#   scripts/deb.sh --no-lintian   build only (the Citus suite's way)
#
# The copy holds what the package is built from (the Makefile, control file,
# src/, extension/, debian/ and the documents it ships), the files git tracks
# plus new files not ignored, as they are in the working tree.  Its build is
# cached in ${RR_CACHE:-/var/cache/rarerisk} keyed by the sha256 of that copy
# and of $COPT, so an unchanged source is not rebuilt.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
lint=1
[ "${1:-}" = --no-lintian ] && lint=0

CACHE_ROOT=${RR_CACHE:-/var/cache/rarerisk}
mkdir -p "$CACHE_ROOT"
src=$(mktemp -d /tmp/rarerisk-deb.XXXXXX)
trap 'rm -rf "$src"' EXIT
mkdir "$src/rarerisk"
git ls-files -z --cached --others --exclude-standard -- Makefile rarerisk.control \
	src extension debian README.md CHANGELOG.md META.json |
	while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
	tar -cf - --null -T - | tar -xf - -C "$src/rarerisk"
# the key: the copy, and COPT (extra compiler flags PGXS takes from the
# environment, e.g. UBSan's under make sanitize)
hash=$( (cd "$src/rarerisk" && find . -type f -print0 | LC_ALL=C sort -z |
	xargs -0 sha256sum; echo "COPT=${COPT:-}") | sha256sum | cut -c1-12)
out="$CACHE_ROOT/deb-$hash"

if [ ! -f "$out/.complete" ]; then
	t0=$(date +%s)
	echo "deb: building postgresql-15-rarerisk from a clean copy (tree $hash)" >&2
	rm -rf "$out"
	(
		cd "$src/rarerisk"
		DEB_BUILD_OPTIONS="nocheck parallel=$(nproc)" \
			dpkg-buildpackage -us -uc -b >"$src/build.log" 2>&1
	) || { tail -60 "$src/build.log" >&2; exit 1; }
	mkdir -p "$out"
	mv "$src"/*.deb "$src"/*.changes "$src"/*.buildinfo "$out/"
	cp "$src/build.log" "$out/"
	touch "$out/.complete"
	echo "deb: built in $(($(date +%s) - t0)) s" >&2
	# keep the five newest package builds
	ls -dt "$CACHE_ROOT"/deb-* 2>/dev/null | tail -n +6 | xargs -r rm -rf
fi
deb=$(ls "$out"/postgresql-15-rarerisk_*.deb)

if [ "$lint" = 1 ]; then
	# every remaining tag is overridden with its reason in
	# debian/postgresql-15-rarerisk.lintian-overrides
	# (as an unprivileged user when we are root, as lintian asks)
	as_user=()
	[ "$(id -u)" -eq 0 ] && as_user=(runuser -u nobody --)
	(cd /tmp && "${as_user[@]}" lintian --fail-on error,warning,info --info \
		--display-info "$out"/*.changes) >&2
	mkdir -p "$top/dist"
	cp "$deb" "$top/dist/"
	deb="$top/dist/$(basename "$deb")"
	# what "apt install ./postgresql-15-rarerisk_....deb" would do here
	# (simulated: nothing is installed)
	apt-get install -s "$deb" 2>&1 | grep -E '^(Inst|Conf) ' >&2 || {
		apt-get install -s "$deb" >&2
		exit 1
	}
fi
echo "$deb"

#!/usr/bin/env bash
# Install the Debian packages rarerisk needs to build and test, when missing.
# As root they are installed with apt-get; otherwise the exact command is printed.
set -euo pipefail

PG=15
packages=(postgresql-$PG postgresql-server-dev-$PG postgresql-$PG-pgtap
	postgresql-$PG-cron libtap-parser-sourcehandler-pgtap-perl gcc make
	sqlsmith
	clang libclang-rt-14-dev
	# the Debian package (make deb)
	dpkg-dev debhelper postgresql-server-dev-all lintian
	# building Citus for the Citus suite (scripts/citus.sh; built without
	# libcurl, which only serves Citus's anonymous statistics reports)
	liblz4-dev libzstd-dev libkrb5-dev libssl-dev libselinux1-dev
	libxslt1-dev libpam0g-dev libreadline-dev zlib1g-dev autoconf flex bison)
# one dpkg-query for all: fast when everything is present
missing=()
installed=$(dpkg-query -W -f='${binary:Package} ${Status}\n' "${packages[@]}" 2>/dev/null |
	awk '/ install ok installed$/ { sub(/:.*/, "", $1); print $1 }')
for p in "${packages[@]}"; do
	grep -qxF "$p" <<<"$installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
	echo "rarerisk: installing ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
	echo "rarerisk: missing Debian packages; run as root:" >&2
	echo "  apt-get update && apt-get install -y ${missing[*]}" >&2
	exit 1
fi

#!/usr/bin/env bash
# Install the Debian packages rarerisk needs to build and test, when missing.
# As root they are installed with apt-get; otherwise the exact command is printed.
set -euo pipefail

PG=15
packages=(postgresql-$PG postgresql-server-dev-$PG postgresql-$PG-pgtap
	postgresql-$PG-cron libtap-parser-sourcehandler-pgtap-perl gcc make
	clang libclang-rt-14-dev)
missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
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

#!/usr/bin/env bash
# Static checks: no function of the C sources builds or runs SQL (no SPI, no
# parser entry points), none switches user; server version checks only in
# src/compat.h; the release named alike in rarerisk.control (the one place
# it is written), META.json and the install script's name.  Exits non-zero
# and prints the offending lines if one fails.
set -uo pipefail
cd "$(dirname "$0")/.."
pattern='SPI_|raw_parser|pg_parse_query|SetUserIdAndSecContext|SetUserIdAndContext|superuser_arg|BecomeSuperuser'
if grep -nE "$pattern" src/*.c src/*.h; then
	echo "static checks: the lines above build or run SQL, or change user" >&2
	exit 1
fi
echo "static checks: no SPI, no SQL built from arguments, no user switching in src/"

if grep -n 'PG_VERSION_NUM' src/*.c src/*.h | grep -v '^src/compat.h:'; then
	echo "static checks: server version checks belong in src/compat.h" >&2
	exit 1
fi
echo "static checks: server version checks only in src/compat.h"

# Spellings that exist on some server versions only; src/compat.h gives the
# portable ones (pg_noreturn; varatt.h, which left postgres.h in 16)
if grep -nE 'pg_attribute_noreturn|#include "varatt.h"' src/*.c src/*.h | grep -v '^src/compat.h:'; then
	echo "static checks: the lines above compile on some server versions only (src/compat.h)" >&2
	exit 1
fi
# every wrapper reaches src/compat.h, directly or through a header of src/
via=$(grep -l '#include "compat.h"' src/*.h | sed 's|src/||' | paste -sd'|')
for f in src/pg_*.c src/rarerisk.c; do
	grep -qE "#include \"(compat.h|$via)\"" "$f" ||
		{ echo "static checks: $f does not include compat.h" >&2; exit 1; }
done
echo "static checks: every wrapper includes src/compat.h; no version-specific spellings"

version=$(sed -n "s/^default_version = '\(.*\)'$/\1/p" rarerisk.control)
meta=$(python3 -c '
import json, sys
m = json.load(open("META.json"))
p = m["provides"]["rarerisk"]
print(m["version"], p["version"], p["file"])')
if [ -z "$version" ] || [ "$meta" != "$version.0 $version.0 extension/rarerisk--$version.sql" ] ||
	[ ! -f "extension/rarerisk--$version.sql" ]; then
	echo "static checks: rarerisk.control says $version; META.json says \"$meta\"" \
		"(want \"$version.0 $version.0 extension/rarerisk--$version.sql\", a file that exists)" >&2
	exit 1
fi
echo "static checks: release $version alike in rarerisk.control, META.json and extension/"

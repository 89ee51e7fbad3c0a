#!/usr/bin/env bash
# Static checks of the C sources (issue #6): no function builds or runs SQL
# (no SPI, no parser entry points), none switches user.  Exits non-zero and
# prints the offending lines if one does.
set -uo pipefail
cd "$(dirname "$0")/.."
pattern='SPI_|raw_parser|pg_parse_query|SetUserIdAndSecContext|SetUserIdAndContext|superuser_arg|BecomeSuperuser'
if grep -nE "$pattern" src/*.c src/*.h; then
	echo "static checks: the lines above build or run SQL, or change user" >&2
	exit 1
fi
echo "static checks: no SPI, no SQL built from arguments, no user switching in src/"

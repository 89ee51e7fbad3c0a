#!/usr/bin/env bash
# make demo: build, install into a throwaway cluster, load the sample data
# built from real public data (data/SOURCES.md) and print the headline report.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
. scripts/cluster.sh

make -s PG_CONFIG="$RR_PG_CONFIG" all >/dev/null
rr_cluster_start
"$RR_BINDIR/createdb" rarerisk_demo
export PGDATABASE=rarerisk_demo
psql -X -q -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION rarerisk' >/dev/null
psql -X -q -v ON_ERROR_STOP=1 -f data/load.sql >/dev/null
psql -X -q -v ON_ERROR_STOP=1 -f demo/report.sql

#!/usr/bin/env bash
# Runs the examples of README.md and docs/loading.md: every block fenced
# ```sql example, in order, one database per document (README: the
# extension only; docs/loading.md: the extension and the loaders' fixtures).
# Output is compared with test/docs/expected.out, and every line of the
# plain ``` block that follows an example in the document (its shown
# output; lines ending in "..." are abbreviated and skipped) must appear in
# that example's real output.  Run from the repository root against the
# cluster in PGHOST/PGPORT (scripts/run-tests.sh).
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
dir=test/docs
out=$dir/results.out
: >"$out"
status=0

for doc in README.md docs/loading.md; do
	db=rarerisk_docs
	dropdb --if-exists $db 2>/dev/null; createdb $db || exit 1
	psql -X -q -d $db -c 'CREATE EXTENSION rarerisk' >/dev/null || exit 1
	if [ "$doc" = docs/loading.md ]; then
		for f in comtrade_light_ree.csv comtrade_nickel_excerpt.csv comtrade_nickel_self_nes.csv; do
			psql -X -q -d $db -v file=data/fixtures/$f -f loaders/comtrade.sql >/dev/null 2>&1
		done
		for f in usgs_mcs2025_excerpt.csv usgs_mcs2025_nickel.csv; do
			psql -X -q -d $db -v file=data/fixtures/$f -f loaders/usgs_mcs.sql >/dev/null 2>&1
		done
		psql -X -q -d $db -v file=data/fixtures/wgi_excerpt.csv -f loaders/wgi.sql >/dev/null 2>&1
	fi
	# one file per example block, and the shown output that follows it
	rm -rf "$dir/blocks"; mkdir -p "$dir/blocks"
	awk -v d="$dir/blocks" '
		/^```sql example[ \t]*$/ { n++; inb = 1; file = sprintf("%s/%03d.sql", d, n); printf "" >file; want = 0; next }
		/^```[ \t]*$/ && inb      { inb = 0; want = 1; next }
		/^```[ \t]*$/ && want == 1 { want = 2; shown = sprintf("%s/%03d.shown", d, n); printf "" >shown; next }
		/^```/ && want == 2       { want = 0; next }
		/^```/                    { want = 0 }
		/^[^`]/ && want == 1 && NF > 0 { want = 0 }
		inb                       { print >file }
		want == 2                 { print >shown }
	' "$doc"
	echo "==== $doc" >>"$out"
	for f in "$dir"/blocks/*.sql; do
		[ -e "$f" ] || continue
		res=${f%.sql}.out
		psql -X -a -d $db -P footer=off -f "$f" 2>&1 | sed -E 's/^psql:[^ ]+:[0-9]+: //' >"$res"
		cat "$res" >>"$out"
		shown=${f%.sql}.shown
		[ -f "$shown" ] || continue
		while IFS= read -r line; do
			line=${line%"${line##*[! ]}"}
			case "$line" in ''|*...) continue ;; esac
			if ! sed -E 's/ +$//' "$res" | grep -xF -- "$line" >/dev/null; then
				echo "not ok - $doc example $(basename "$f" .sql): shown output line not produced: $line"
				status=1
			fi
		done <"$shown"
	done
done
rm -rf "$dir/blocks"
dropdb --if-exists rarerisk_docs

if diff -u $dir/expected.out "$out" >$dir/results.diff; then
	rm -f $dir/results.diff
else
	echo "not ok - docs examples: see $dir/results.diff"; head -60 $dir/results.diff
	status=1
fi
[ $status = 0 ] && echo "ok - docs examples (README.md, docs/loading.md) run and show their real output"
exit $status

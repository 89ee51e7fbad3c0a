#!/usr/bin/env bash
# Fuzz the plain-C core with libFuzzer (clang, AddressSanitizer + UBSan).
#
#   scripts/fuzz.sh [SECONDS]   each target for SECONDS (default 300)
#
# Targets (test/fuzz/fuzz_*.c): the JSON text form and the binary form of
# supply_mix, the aggregate state (MixBuilder) driven by random programs,
# embargo scenarios with the shortfall model, and the trade network with
# origin tracing.  Each starts from its seed
# corpus in test/fuzz/corpus/<target> (never modified) plus what earlier
# runs found in test/fuzz/work/<target>.  A crash, leak, sanitizer report
# or broken property stops the run (the builders' assert-only invariant checks
# are on: RR_ASSERT_CHECKING); the input is saved in
# test/fuzz/artifacts/ and the script exits non-zero.
# make test runs it for a few seconds per target with a fixed FUZZ_SEED (so a
# run is repeatable), make fuzz for longer with a random seed (FUZZ_SEED=0).
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
seconds=${1:-300}
CLANG=${CLANG:-$(command -v clang || command -v clang-14 || true)}
if [ -z "$CLANG" ]; then
	echo "fuzz: clang not found (Debian packages clang and libclang-rt-14-dev)" >&2
	exit 1
fi
# the plain-C core: every source without PostgreSQL headers
core=$(ls src/*.c | grep -v -e '^src/pg_' -e '^src/rarerisk\.c$')
targets=$(ls test/fuzz/fuzz_*.c | sed 's|test/fuzz/fuzz_||; s|\.c$||')
[ -f src/network.h ] || targets=$(echo "$targets" | grep -vx network)
mkdir -p test/fuzz/artifacts
total=0
failed=0
# build the targets that are missing or older than a source, in parallel
pids=()
for t in $targets; do
	bin=test/fuzz/fuzz_$t
	if [ ! -x "$bin" ] || [ -n "$(find test/fuzz/fuzz_$t.c test/fuzz/common.h src -newer "$bin" -name '*.[ch]' 2>/dev/null | head -1)" ]; then
		"$CLANG" -g -O1 -std=gnu11 -fsanitize=fuzzer,address,undefined \
			-fno-sanitize-recover=all -DRR_ASSERT_CHECKING -Isrc -o "$bin" test/fuzz/fuzz_$t.c $core -lm &
		pids+=($!)
	fi
done
for p in "${pids[@]}"; do
	wait "$p" || exit 1
done
for t in $targets; do
	bin=test/fuzz/fuzz_$t
	mkdir -p test/fuzz/work/$t
	log=test/fuzz/work/$t.log
	"$bin" -seed="${FUZZ_SEED:-0}" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
		-print_final_stats=1 -artifact_prefix=test/fuzz/artifacts/$t- \
		test/fuzz/work/$t test/fuzz/corpus/$t >"$log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	runs=${runs:-0}
	total=$((total + runs))
	if [ $rc -ne 0 ]; then
		echo "fuzz_$t: FAILED after $runs executions (exit $rc)"
		grep -E "ERROR|runtime error|property failed|Test unit written" "$log" | head -20
		failed=1
	else
		echo "fuzz_$t: $runs executions in ${seconds}s, no crash"
	fi
done
echo "fuzz: $total executions in total"
exit $failed

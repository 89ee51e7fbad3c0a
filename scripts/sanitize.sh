#!/usr/bin/env bash
# make sanitize: the whole test suite against sanitizer builds.
#
#  1. The extension's shared library is built with UndefinedBehaviorSanitizer
#     (-fsanitize=undefined -fno-sanitize-recover=all): the server loads it
#     as is (libubsan becomes a dependency of rarerisk.so), and any undefined
#     behaviour in rarerisk -- overflowing shifts, misaligned or null
#     accesses, signed overflow, bad enum or bool loads -- ends the backend,
#     which the suite reports as a crash.  Every pg_regress and pgTAP test
#     runs against it (scripts/run-tests.sh), and the server log must hold
#     no "runtime error".
#  2. AddressSanitizer cannot run inside Debian's server: preloading
#     libasan into the postmaster hangs it at start-up.  ASan
#     (with UBSan) covers the plain-C core instead, which is where all of
#     the parsing, the arithmetic and the memory layout live: the unit tests
#     (make unit) and the fuzzers (scripts/fuzz.sh) are always built with
#     -fsanitize=address,undefined, and run again here.  The PostgreSQL glue
#     (src/pg_*.c) gets memory checking from valgrind (make valgrind).
#
# The sanitized objects are removed afterwards, so that the next build is
# an ordinary one.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
PG_CONFIG=${PG_CONFIG:-pg_config}
export PG_CONFIG

cleanup() {
	make -s clean PG_CONFIG="$PG_CONFIG" >/dev/null 2>&1 || true
}
trap cleanup EXIT

make -s clean PG_CONFIG="$PG_CONFIG" >/dev/null
export COPT="-fsanitize=undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
make -s PG_CONFIG="$PG_CONFIG" all >/dev/null || exit 1
if ! ldd rarerisk.so | grep libubsan >/dev/null; then
	echo "sanitize: rarerisk.so is not linked with libubsan" >&2
	exit 1
fi
echo "== rarerisk.so built with $COPT"

# JIT would run its own (unsanitized) bitcode copies of the functions
export RR_EXTRA_CONF="jit = off"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export RR_FUZZ_SECONDS=${RR_FUZZ_SECONDS:-10}
scripts/run-tests.sh
rc=$?
if [ $rc -eq 0 ]; then
	echo "sanitize: no report from UBSan in the server, nor from ASan/UBSan in the core"
fi
exit $rc

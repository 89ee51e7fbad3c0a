# rarerisk: supply concentration and embargo exposure of critical minerals
#
#   make            build the extension (PGXS)
#   make install    install it into the PostgreSQL found by pg_config
#   make test       install missing Debian packages (as root), build, start a
#                   throwaway cluster, run every unit, pg_regress and pgTAP test
#                   (server: PG_CONFIG, default pg_config in PATH)
#   make test-pg18  the same on PostgreSQL 18, built once from
#                   ../shared/vendor into a cache (scripts/pg18.sh)
#   make demo       the same set-up, then the headline report on real data
#   make bench      the performance benchmark of README "Performance"
#   make fuzz       libFuzzer on the plain-C core, FUZZ_SECONDS per target (300)
#   make sanitize   the whole suite with the extension built under UBSan, and
#                   the core's unit tests and fuzzers under ASan + UBSan
#   make valgrind   the pg_regress and pgTAP suites with the server under valgrind
#   make deb        the Debian package postgresql-15-rarerisk (pg_buildext), in
#                   dist/, built from a clean copy and checked with lintian

EXTENSION = rarerisk
# the release, written once: default_version in rarerisk.control (META.json,
# the install script's name and the module's magic block follow it; the
# static checks verify that they agree)
EXTVERSION := $(shell sed -n "s/^default_version = '\\(.*\\)'$$/\\1/p" rarerisk.control)
MODULE_big = rarerisk
OBJS = \
	src/change.o \
	src/concentration.o \
	src/country.o \
	src/country_table.o \
	src/criticality.o \
	src/disruption.o \
	src/embargo.o \
	src/embargo_io.o \
	src/interrupt.o \
	src/json_in.o \
	src/json_out.o \
	src/mix.o \
	src/mix_builder.o \
	src/mix_text.o \
	src/network.o \
	src/network_io.o \
	src/network_trace.o \
	src/pg_change.o \
	src/pg_compare.o \
	src/pg_concentration.o \
	src/pg_country.o \
	src/pg_criticality.o \
	src/pg_disruption.o \
	src/pg_embargo.o \
	src/pg_embargo_io.o \
	src/pg_mix_state.o \
	src/pg_network.o \
	src/pg_network_io.o \
	src/pg_supply_mix.o \
	src/pg_type_io.o \
	src/rarerisk.o \
	src/sort.o
DATA = $(wildcard extension/$(EXTENSION)--*.sql)
PGFILEDESC = "rarerisk - critical-mineral supply risk"

REGRESS = setup supply_mix concentration accuracy errors embargo \
	criticality reference_data network hostile
REGRESS_OPTS = --inputdir=. --outputdir=. --dbname=rarerisk_regression

WARNINGS = -Wall -Wextra -Wno-unused-parameter -Wno-sign-compare \
	-Wno-missing-field-initializers
WERROR ?=
PG_CFLAGS = -std=gnu11 $(WARNINGS) $(WERROR)
PG_CPPFLAGS = -DRR_VERSION='"$(EXTVERSION)"'

EXTRA_CLEAN = .server results regression.diffs regression.out test/unit/run_unit \
	test/unit/embargo_unit test/unit/criticality_unit test/unit/network_unit \
	test/unit/disruption_unit test/unit/rank_unit test/unit/roundtrip_unit \
	$(patsubst %.c,%,$(wildcard test/fuzz/fuzz_*.c)) \
	tmp_check test/fmgr/*.o test/fmgr/*.so test/fmgr/*.bc test/fmgr/.server

# The server to build for: pg_config in PATH (on Debian the newest
# postgresql-server-dev-NN installed), or make PG_CONFIG=/path/to/pg_config.
# Targets that only run scripts (test, deps, unit, ...) choose their own.
PG_CONFIG ?= pg_config
NO_PGXS_GOALS = deps unit test test-pg18 demo bench fuzz sanitize valgrind pgtap deb
PGXS := $(shell $(PG_CONFIG) --pgxs 2>/dev/null)
ifneq ($(wildcard $(PGXS)),)
# the core's assert-only validators (src/assert_check.h) are on when the
# server has assertions (USE_ASSERT_CHECKING in its pg_config.h)
ifneq ($(shell grep -s '^\#define USE_ASSERT_CHECKING' "$$($(PG_CONFIG) --includedir-server)/pg_config.h"),)
PG_CPPFLAGS += -DRR_ASSERT_CHECKING
endif
include $(PGXS)
# rebuild every object when PG_CONFIG names another server (absent, and not
# needed, in the package's clean copy of the source: scripts/deb.sh)
STAMPED_OBJS = $(OBJS)
-include scripts/server-stamp.mk
else ifneq ($(filter-out $(NO_PGXS_GOALS),$(or $(MAKECMDGOALS),all)),)
ifeq ($(shell command -v $(PG_CONFIG)),)
$(error rarerisk: $(PG_CONFIG) not found: install the server's development files (Debian: postgresql-server-dev-NN) or pass PG_CONFIG=/path/to/pg_config)
else
$(error rarerisk: $(PG_CONFIG) names no server build files (--pgxs gives "$(PGXS)"): install the server's development files (Debian: postgresql-server-dev-NN) or pass PG_CONFIG=/path/to/pg_config)
endif
endif

# every object depends on every header of the project (PGXS tracks none)
$(OBJS): $(wildcard src/*.h)

CORE_SRC = src/interrupt.c src/json_in.c src/json_out.c src/mix.c src/mix_builder.c src/mix_text.c src/concentration.c src/embargo.c \
	src/embargo_io.c src/disruption.c src/change.c src/sort.c
# RR_ASSERT_CHECKING: the builders check their invariants after each change
UNIT_CFLAGS = -std=gnu11 -O1 -g -Wall -Wextra -Werror -Wno-unused-parameter \
	-fsanitize=address,undefined -fno-sanitize-recover=all -DRR_ASSERT_CHECKING

.PHONY: test test-pg18 demo bench unit deps pgtap fuzz sanitize valgrind deb

# Unit tests of the plain-C core, under AddressSanitizer and UBSan
test/unit/run_unit: test/unit/run_unit.c $(CORE_SRC) $(wildcard src/*.h)
	$(CC) $(UNIT_CFLAGS) -Isrc -o $@ test/unit/run_unit.c $(CORE_SRC) -lm

test/unit/embargo_unit: test/unit/embargo_unit.c $(CORE_SRC) $(wildcard src/*.h)
	$(CC) $(UNIT_CFLAGS) -Isrc -o $@ test/unit/embargo_unit.c $(CORE_SRC) -lm

test/unit/disruption_unit: test/unit/disruption_unit.c $(CORE_SRC) $(wildcard src/*.h)
	$(CC) $(UNIT_CFLAGS) -Isrc -o $@ test/unit/disruption_unit.c $(CORE_SRC) -lm

test/unit/criticality_unit: test/unit/criticality_unit.c src/criticality.c src/criticality.h src/ksum.h
	$(CC) $(UNIT_CFLAGS) -Isrc -o $@ test/unit/criticality_unit.c src/criticality.c -lm

test/unit/country_unit: test/unit/country_unit.c src/country.c src/country_table.c src/country.h
	$(CC) $(UNIT_CFLAGS) -Isrc -o $@ test/unit/country_unit.c src/country.c src/country_table.c

NET_SRC = src/network.c src/network_io.c src/network_trace.c src/sort.c \
	src/json_in.c src/json_out.c src/interrupt.c
test/unit/network_unit: test/unit/network_unit.c $(NET_SRC) $(wildcard src/*.h)
	$(CC) $(UNIT_CFLAGS) -Isrc -o $@ test/unit/network_unit.c $(NET_SRC) -lm

test/unit/rank_unit: test/unit/rank_unit.c $(CORE_SRC) $(wildcard src/*.h)
	$(CC) $(UNIT_CFLAGS) -Isrc -o $@ test/unit/rank_unit.c $(CORE_SRC) -lm

test/unit/roundtrip_unit: test/unit/roundtrip_unit.c $(CORE_SRC) $(NET_SRC) $(wildcard src/*.h)
	$(CC) $(UNIT_CFLAGS) -Isrc -o $@ test/unit/roundtrip_unit.c $(sort $(CORE_SRC) $(NET_SRC)) -lm

unit: test/unit/run_unit test/unit/embargo_unit test/unit/criticality_unit \
		test/unit/network_unit test/unit/country_unit test/unit/disruption_unit \
		test/unit/rank_unit test/unit/roundtrip_unit
	./test/unit/run_unit
	./test/unit/embargo_unit
	./test/unit/disruption_unit
	./test/unit/criticality_unit
	./test/unit/network_unit
	./test/unit/roundtrip_unit
	./test/unit/country_unit
	./test/unit/rank_unit

deps:
	@scripts/deps.sh

test: deps
	@scripts/run-tests.sh

test-pg18: deps
	@pg=$$(scripts/pg18.sh) && PG_CONFIG=$$pg scripts/run-tests.sh

demo: deps
	@scripts/demo.sh

bench: deps
	@scripts/bench.sh

# pgTAP files, against the cluster in PGHOST/PGPORT (run by scripts/run-tests.sh)
pgtap:
	pg_prove -d $${PGDATABASE:-rarerisk_pgtap} test/*.sql

# Reliability (README "Reliability"): fuzzing, sanitizers, valgrind
FUZZ_SECONDS ?= 300
fuzz: deps
	@scripts/fuzz.sh $(FUZZ_SECONDS)

sanitize: deps
	@scripts/sanitize.sh

valgrind: deps
	@scripts/valgrind.sh

deb: deps
	@scripts/deb.sh

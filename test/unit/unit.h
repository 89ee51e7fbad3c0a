/*
 * unit.h
 *		What the unit tests of the plain-C core share: the check counters,
 *		CHECK, a malloc allocator, a deterministic random generator and the
 *		closing "N passed, M failed" line.  Each test is one translation
 *		unit that includes this once.
 */
#ifndef RARERISK_UNIT_H
#define RARERISK_UNIT_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static int	passed,
			failed;

/* CHECK(condition[, printf format, args...]) */
#define CHECK(cond, ...) \
	do { \
		if (cond) \
			passed++; \
		else \
		{ \
			failed++; \
			printf("FAIL %s:%d: %s", __FILE__, __LINE__, #cond); \
			printf(" " __VA_ARGS__); \
			printf("\n"); \
		} \
	} while (0)

/* Zeroed memory from malloc, with the (arg, size) shape of the cores' allocators */
static inline void *
unit_alloc(void *arg __attribute__((unused)), size_t size)
{
	return calloc(1, size);
}

static inline void
unit_release(void *arg __attribute__((unused)), void *p)
{
	free(p);
}

/* splitmix64 of x: the deterministic generator of every test */
static inline uint64_t
mix64(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

/* Uniform in [0, 1) from (seed, i) */
static inline double
unif(uint64_t seed, uint64_t i)
{
	return (double) (mix64(seed * 1000003 + i) >> 11) / 9007199254740992.0;
}

/* The closing line the CI reads; the exit status of main */
static inline int
unit_report(const char *name)
{
	printf("%s%s%d passed, %d failed\n", name ? name : "", name ? ": " : "",
		   passed, failed);
	return failed != 0;
}

#endif							/* RARERISK_UNIT_H */

/*
 * assert_check.h
 *		Assert-only validators of the core's builders.  Built with
 *		RR_ASSERT_CHECKING (the unit tests, the fuzzers, and the extension
 *		when its server has assertions), every public mutation of a
 *		MixBuilder or of a building TradeNetwork ends by checking the
 *		invariants that mix_validate and net_validate encode, and aborts
 *		with the broken one; without it RR_CHECKED is its status alone and
 *		no check is compiled.
 *
 * Plain C: no PostgreSQL headers.
 */
#ifndef RARERISK_ASSERT_CHECK_H
#define RARERISK_ASSERT_CHECK_H

#ifdef RR_ASSERT_CHECKING

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* status st, after check(obj, st) has checked obj when st is a success */
#define RR_CHECKED(check, obj, st)	check((obj), (st))

#define RR_CHECK(cond) \
	((cond) ? (void) 0 : rr_check_failed(#cond, __FILE__, __LINE__))

/* A broken invariant: say which, then abort (as a failed Assert does) */
static inline void __attribute__((noreturn))
rr_check_failed(const char *cond, const char *file, int line)
{
	fprintf(stderr, "rarerisk: invariant broken: %s (%s:%d)\n", cond, file, line);
	abort();
}

/*
 * Is a check over size items due now?  Always while size is at most 16;
 * above, every (size / 16)-th call, so that checks cost about 16 items
 * per mutation on average and building stays linear.
 */
static inline bool
rr_check_due(uint64_t size)
{
	static uint64_t calls;

	return size <= 16 || ++calls % (size / 16) == 0;
}

#else

#define RR_CHECKED(check, obj, st)	(st)

#endif							/* RR_ASSERT_CHECKING */

#endif							/* RARERISK_ASSERT_CHECK_H */

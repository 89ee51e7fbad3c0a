/*
 * ksum.h
 *		Compensated summation of doubles: Neumaier's scheme, with the error
 *		of each addition recovered by TwoSum.
 *
 * A running sum is kept as a pair (sum, compensation): the compensation
 * collects the low-order bits that each addition rounds away, so the value
 * sum + compensation is accurate to about one rounding error however many
 * terms are added and in whatever order.  That is what makes serial and
 * parallel plans agree to the last bits.
 *
 * Plain C: no PostgreSQL headers.
 */
#ifndef RARERISK_KSUM_H
#define RARERISK_KSUM_H

#include <math.h>

typedef struct KSum
{
	double		sum;
	double		comp;
} KSum;

/*
 * Add x to the running sum (sum, comp).  The rounding error of sum + x is
 * recovered exactly by Knuth's TwoSum, which needs no branch on the
 * operands' magnitudes (volumes of random size make such a branch
 * unpredictable, and this runs for every row).
 */
static inline void
ksum_add_parts(double *sum, double *comp, double x)
{
	double		t = *sum + x;
	double		xp = t - *sum;

	*comp += (*sum - (t - xp)) + (x - xp);
	*sum = t;
}

static inline void
ksum_add(KSum *k, double x)
{
	ksum_add_parts(&k->sum, &k->comp, x);
}

/* The value of a running sum */
static inline double
ksum_value(const KSum *k)
{
	return k->sum + k->comp;
}

#endif							/* RARERISK_KSUM_H */

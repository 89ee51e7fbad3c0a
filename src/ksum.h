/*
 * ksum.h
 *		Compensated (Neumaier) summation of doubles.
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

/* Add x to the running sum (sum, comp) */
static inline void
ksum_add_parts(double *sum, double *comp, double x)
{
	double		t = *sum + x;

	if (fabs(*sum) >= fabs(x))
		*comp += (*sum - t) + x;
	else
		*comp += (x - t) + *sum;
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

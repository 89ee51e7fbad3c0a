/*
 * sort.h
 *		Sorting positions by a comparator with context, and ranking weighted
 *		items: introsort (quicksort that falls back to heap sort), in place,
 *		O(n log n) in every case, no recursion, no allocation, interruptible
 *		(see interrupt.h); and the selection of the first k items of a
 *		ranking in O(n) on average without sorting the rest.
 *
 * Plain C: no PostgreSQL headers.
 */
#ifndef RARERISK_SORT_H
#define RARERISK_SORT_H

#include <stddef.h>
#include <stdint.h>

/* < 0, 0, > 0 as item i sorts before, with, after item j */
typedef int (*OrderCmp) (const void *ctx, uint32_t i, uint32_t j);

extern void sort_positions(uint32_t *order, uint32_t n, OrderCmp cmp,
						   const void *ctx);

/*
 * An item of a ranking: heavier first; equal weights in the order of tie
 * (a comparator of positions), or of pos itself when tie is NULL.  The
 * order must be total: no two items may compare equal.
 */
typedef struct RankItem
{
	double		w;
	uint32_t	pos;
	uint32_t	pad;
} RankItem;

/* The weight of item i of a ranking */
typedef double (*RankWeight) (const void *ctx, uint32_t i);

extern size_t rank_top(RankItem *h, uint32_t n, size_t k, RankWeight weight,
					   const void *wctx, OrderCmp tie, const void *ctx);
extern int	rank_compare(const RankItem *x, const RankItem *y, OrderCmp tie,
						 const void *ctx);
extern void rank_sort(RankItem *a, size_t n, OrderCmp tie, const void *ctx);
extern void rank_sort_radix(RankItem *a, size_t n, RankItem *tmp, OrderCmp tie,
							const void *ctx);
extern void rank_select(RankItem *a, size_t n, size_t k, OrderCmp tie,
						const void *ctx);

#endif							/* RARERISK_SORT_H */

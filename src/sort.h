/*
 * sort.h
 *		Sorting positions by a comparator with context: a heap sort, in
 *		place, O(n log n) in every case, no recursion and no allocation.
 *
 * Plain C: no PostgreSQL headers.
 */
#ifndef RARERISK_SORT_H
#define RARERISK_SORT_H

#include <stdint.h>

/* < 0, 0, > 0 as item i sorts before, with, after item j */
typedef int (*OrderCmp) (const void *ctx, uint32_t i, uint32_t j);

extern void sort_positions(uint32_t *order, uint32_t n, OrderCmp cmp,
						   const void *ctx);

#endif							/* RARERISK_SORT_H */

/*
 * sort.c
 *		Heap sort of positions; see sort.h.
 *
 * Plain C: no PostgreSQL headers.
 */
#include "sort.h"

/* Sort order[0..n) so that cmp(ctx, order[i], order[i + 1]) <= 0 */
void
sort_positions(uint32_t *order, uint32_t n, OrderCmp cmp, const void *ctx)
{
	if (n < 2)
		return;
	for (uint32_t end = n, start = n / 2; end > 1;)
	{
		uint32_t	root,
					child,
					tmp;

		if (start > 0)
			start--;
		else
		{
			end--;
			tmp = order[0];
			order[0] = order[end];
			order[end] = tmp;
		}
		root = start;
		while ((child = 2 * root + 1) < end)
		{
			if (child + 1 < end && cmp(ctx, order[child], order[child + 1]) < 0)
				child++;
			if (cmp(ctx, order[root], order[child]) >= 0)
				break;
			tmp = order[root];
			order[root] = order[child];
			order[child] = tmp;
			root = child;
		}
	}
}

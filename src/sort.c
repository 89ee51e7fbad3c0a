/*
 * sort.c
 *		Introsort and quickselect of positions and of ranked items; see
 *		sort.h.
 *
 * One template (INTROSORT) gives both element types their sort and their
 * selection, so that the rank order is compared inline over a compact
 * array: sorting millions of suppliers then reads memory in sequence
 * instead of chasing each position into the mix.  Both are bounded: a
 * quicksort or quickselect that recurses too deep (an adversarial order)
 * finishes its range with heap sort, so the worst case is O(n log n).
 * Every few thousand elements touched they call rr_check_interrupts().
 *
 * Plain C: no PostgreSQL headers.
 */
#include <string.h>

#include "interrupt.h"
#include "sort.h"

#define SMALL_RANGE	16			/* ranges this short: insertion sort */

/* Work done since the last interrupt check; call the hook past the stride */
static inline void
count_work(size_t *work, size_t amount)
{
	*work += amount;
	if (*work >= RR_INTERRUPT_STRIDE)
	{
		*work = 0;
		rr_check_interrupts();
	}
}

/* 2 floor(log2 n): the depth past which a quicksort turns to heap sort */
static inline int
depth_limit(size_t n)
{
	int			d = 0;

	while (n > 1)
	{
		n >>= 1;
		d += 2;
	}
	return d;
}

/*
 * INTROSORT(PFX, T, CTX, CMP) defines PFX_sort(T *a, size_t n, const CTX *c)
 * and PFX_select(T *a, size_t n, size_t k, const CTX *c); CMP(c, x, y) is
 * < 0, 0, > 0 as x sorts before, with, after y.
 */
#define INTROSORT(PFX, T, CTX, CMP)											\
static void																	\
PFX##_sift(T *a, size_t root, size_t end, const CTX *c)						\
{																			\
	size_t		child;														\
																			\
	while ((child = 2 * root + 1) < end)									\
	{																		\
		T			tmp;													\
																			\
		if (child + 1 < end && CMP(c, a[child], a[child + 1]) < 0)			\
			child++;														\
		if (CMP(c, a[root], a[child]) >= 0)									\
			return;															\
		tmp = a[root];														\
		a[root] = a[child];													\
		a[child] = tmp;														\
		root = child;														\
	}																		\
}																			\
																			\
/* Heap sort of a[0..n), checking for interrupts as it goes */				\
static void																	\
PFX##_heapsort(T *a, size_t n, const CTX *c, size_t *work)					\
{																			\
	for (size_t i = n / 2; i > 0; i--)										\
	{																		\
		PFX##_sift(a, i - 1, n, c);											\
		count_work(work, 8);												\
	}																		\
	for (size_t end = n; end > 1; end--)									\
	{																		\
		T			tmp = a[0];												\
																			\
		a[0] = a[end - 1];													\
		a[end - 1] = tmp;													\
		PFX##_sift(a, 0, end - 1, c);										\
		count_work(work, 32);												\
	}																		\
}																			\
																			\
static void																	\
PFX##_insertion(T *a, size_t n, const CTX *c)								\
{																			\
	for (size_t i = 1; i < n; i++)											\
	{																		\
		T			x = a[i];												\
		size_t		j = i;													\
																			\
		for (; j > 0 && CMP(c, x, a[j - 1]) < 0; j--)						\
			a[j] = a[j - 1];												\
		a[j] = x;															\
	}																		\
}																			\
																			\
/*																			\
 * Partition a[lo..hi) (hi - lo > SMALL_RANGE) around the median of three:	\
 * returns p with a[lo..p) <= a[p] <= a[p+1..hi).							\
 */																			\
static size_t																\
PFX##_partition(T *a, size_t lo, size_t hi, const CTX *c)					\
{																			\
	size_t		mid = lo + (hi - lo) / 2,									\
				i = lo,														\
				j = hi;														\
	T			tmp,														\
				pivot;														\
																			\
	/* median of a[lo], a[mid], a[hi - 1] into a[lo] */						\
	if (CMP(c, a[mid], a[lo]) < 0)											\
		tmp = a[mid], a[mid] = a[lo], a[lo] = tmp;							\
	if (CMP(c, a[hi - 1], a[mid]) < 0)										\
	{																		\
		tmp = a[hi - 1], a[hi - 1] = a[mid], a[mid] = tmp;					\
		if (CMP(c, a[mid], a[lo]) < 0)										\
			tmp = a[mid], a[mid] = a[lo], a[lo] = tmp;						\
	}																		\
	tmp = a[mid], a[mid] = a[lo], a[lo] = tmp;								\
	pivot = a[lo];															\
	for (;;)																\
	{																		\
		do																	\
			i++;															\
		while (i < hi && CMP(c, a[i], pivot) < 0);							\
		do																	\
			j--;															\
		while (CMP(c, pivot, a[j]) < 0);									\
		if (i >= j)															\
			break;															\
		tmp = a[i], a[i] = a[j], a[j] = tmp;								\
	}																		\
	a[lo] = a[j];															\
	a[j] = pivot;															\
	return j;																\
}																			\
																			\
/* Sort a[0..n) */															\
static void																	\
PFX##_sort(T *a, size_t n, const CTX *c)									\
{																			\
	struct																	\
	{																		\
		size_t		lo,														\
					hi;														\
		int			depth;													\
	}			stack[64];													\
	int			sp = 0,														\
				depth = depth_limit(n);										\
	size_t		lo = 0,														\
				hi = n,														\
				work = 0;													\
																			\
	for (;;)																\
	{																		\
		while (hi - lo > SMALL_RANGE && depth > 0)							\
		{																	\
			size_t		p = PFX##_partition(a, lo, hi, c);					\
																			\
			count_work(&work, hi - lo);										\
			depth--;														\
			/* continue with the smaller side: the stack stays < 64 */		\
			if (p - lo < hi - p)											\
			{																\
				stack[sp].lo = p + 1, stack[sp].hi = hi;					\
				stack[sp++].depth = depth;									\
				hi = p;														\
			}																\
			else															\
			{																\
				stack[sp].lo = lo, stack[sp].hi = p;						\
				stack[sp++].depth = depth;									\
				lo = p + 1;													\
			}																\
		}																	\
		if (hi - lo > SMALL_RANGE)											\
			PFX##_heapsort(a + lo, hi - lo, c, &work);						\
		else																\
			PFX##_insertion(a + lo, hi - lo, c);							\
		if (sp == 0)														\
			return;															\
		sp--;																\
		lo = stack[sp].lo, hi = stack[sp].hi, depth = stack[sp].depth;		\
	}																		\
}																			\
																			\
/* Reorder a[0..n) so that a[0..k) are its first k items, k < n */			\
static inline void															\
PFX##_select(T *a, size_t n, size_t k, const CTX *c)						\
{																			\
	size_t		lo = 0,														\
				hi = n,														\
				work = 0;													\
	int			depth = depth_limit(n);										\
																			\
	while (hi - lo > SMALL_RANGE)											\
	{																		\
		size_t		p;														\
																			\
		if (depth-- == 0)													\
		{																	\
			PFX##_heapsort(a + lo, hi - lo, c, &work);						\
			return;															\
		}																	\
		p = PFX##_partition(a, lo, hi, c);									\
		count_work(&work, hi - lo);											\
		if (p == k)															\
			return;															\
		if (p > k)															\
			hi = p;															\
		else																\
			lo = p + 1;														\
	}																		\
	PFX##_insertion(a + lo, hi - lo, c);									\
}

/* Positions compared through the caller's comparator */
typedef struct PosCtx
{
	OrderCmp	cmp;
	const void *ctx;
} PosCtx;

#define POS_CMP(c, x, y)	((c)->cmp((c)->ctx, (x), (y)))

INTROSORT(pos, uint32_t, PosCtx, POS_CMP)

/* Heavier first, then the tie order (positions ascending by default) */
static inline int
rank_cmp(const PosCtx *c, RankItem x, RankItem y)
{
	if (x.w != y.w)
		return x.w > y.w ? -1 : 1;
	if (c->cmp)
		return c->cmp(c->ctx, x.pos, y.pos);
	return (x.pos > y.pos) - (x.pos < y.pos);
}

INTROSORT(rk, RankItem, PosCtx, rank_cmp)

/* Restore the heap of rank_top below the root: the last-ranked at the top */
static void
top_sift(RankItem *h, size_t k, const PosCtx *c)
{
	size_t		root = 0,
				child;

	while ((child = 2 * root + 1) < k)
	{
		RankItem	tmp;

		if (child + 1 < k && rank_cmp(c, h[child], h[child + 1]) < 0)
			child++;
		if (rank_cmp(c, h[root], h[child]) >= 0)
			return;
		tmp = h[root];
		h[root] = h[child];
		h[child] = tmp;
		root = child;
	}
}

/*
 * The first k of n items in rank order, item i weighing weight(wctx,
 * i), into h[0..min(k, n)) in no particular order: one pass that keeps a
 * heap of the k best seen, for k much smaller than n.  Returns min(k, n).
 */
size_t
rank_top(RankItem *h, uint32_t n, size_t k, RankWeight weight,
		 const void *wctx, OrderCmp tie, const void *ctx)
{
	PosCtx		c = {tie, ctx};
	size_t		work = 0;

	if (k > n)
		k = n;
	if (k == 0)
		return 0;
	for (uint32_t i = 0; i < k; i++)
	{
		h[i].w = weight(wctx, i);
		h[i].pos = i;
		h[i].pad = 0;
	}
	rk_heapsort(h, k, &c, &work);	/* a sorted array is a heap */
	for (size_t i = 0; i < k / 2; i++)
	{
		RankItem	tmp = h[i];

		h[i] = h[k - 1 - i];
		h[k - 1 - i] = tmp;
	}
	for (uint32_t i = (uint32_t) k; i < n; i++)
	{
		RankItem	x = {weight(wctx, i), i, 0};

		count_work(&work, 1);
		if (rank_cmp(&c, x, h[0]) < 0)
		{
			h[0] = x;
			top_sift(h, k, &c);
		}
	}
	return k;
}

/* < 0, 0, > 0 as x ranks before, with, after y */
int
rank_compare(const RankItem *x, const RankItem *y, OrderCmp tie,
			 const void *ctx)
{
	PosCtx		c = {tie, ctx};

	return rank_cmp(&c, *x, *y);
}

/* Sort order[0..n) so that cmp(ctx, order[i], order[i + 1]) <= 0 */
void
sort_positions(uint32_t *order, uint32_t n, OrderCmp cmp, const void *ctx)
{
	PosCtx		c = {cmp, ctx};

	pos_sort(order, n, &c);
}

/* Sort a[0..n) in rank order (see sort.h) */
void
rank_sort(RankItem *a, size_t n, OrderCmp tie, const void *ctx)
{
	PosCtx		c = {tie, ctx};

	rk_sort(a, n, &c);
}

/* A key whose unsigned order is the rank order of weights w >= 0 */
static inline uint64_t
weight_key(double w)
{
	uint64_t	bits;

	if (w == 0)
		w = 0;					/* -0 sorts with 0 */
	memcpy(&bits, &w, sizeof(bits));
	return ~bits;				/* heavier first */
}

/*
 * Sort a[0..n) of weights >= 0 in rank order with a stable radix sort of
 * the weights, a byte at a time: one pass counts every byte of every key
 * (8 histograms of 256), then one pass moves the items for each byte that
 * not every key shares.  tmp holds n more items.  Then every run of equal
 * weights, still in the order of pos, is sorted by tie when one is given.
 * Linear in n, as fast as the memory for millions of items.
 */
void
rank_sort_radix(RankItem *a, size_t n, RankItem *tmp, OrderCmp tie,
				const void *ctx)
{
	PosCtx		c = {tie, ctx};
	size_t		work = 0;
	size_t		count[8][256];
	RankItem   *src = a,
			   *dst = tmp;

	if (n == 0)
		return;
	memset(count, 0, sizeof(count));
	for (size_t i = 0; i < n; i++)
	{
		uint64_t	key = weight_key(a[i].w);

		for (int d = 0; d < 8; d++)
			count[d][(key >> (8 * d)) & 0xff]++;
		count_work(&work, 8);
	}
	for (int d = 0; d < 8; d++)
	{
		int			shift = 8 * d;
		size_t		sum = 0;
		RankItem   *swap;

		if (count[d][(weight_key(a[0].w) >> shift) & 0xff] == n)
			continue;			/* every key has this byte */
		for (int b = 0; b < 256; b++)
		{
			size_t		k = count[d][b];

			count[d][b] = sum;
			sum += k;
		}
		for (size_t i = 0; i < n; i++)
		{
			dst[count[d][(weight_key(src[i].w) >> shift) & 0xff]++] = src[i];
			count_work(&work, 1);
		}
		swap = src, src = dst, dst = swap;
	}
	if (src != a)
		memcpy(a, src, n * sizeof(RankItem));
	if (tie == NULL)
		return;
	for (size_t lo = 0, hi; lo < n; lo = hi)
	{
		for (hi = lo + 1; hi < n && a[hi].w == a[lo].w; hi++)
			count_work(&work, 1);
		if (hi - lo > 1)
			rk_sort(a + lo, hi - lo, &c);
	}
}

/*
 * Reorder a[0..n) so that a[0..k) are the first k items in rank order (in
 * no particular order among themselves); nothing to do when k >= n.
 */
void
rank_select(RankItem *a, size_t n, size_t k, OrderCmp tie, const void *ctx)
{
	PosCtx		c = {tie, ctx};

	if (k == 0 || k >= n)
		return;
	rk_select(a, n, k, &c);
}

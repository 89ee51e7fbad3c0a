/*
 * rank_unit.c
 *		Unit tests of sort.c and of what ranks suppliers over large mixes:
 *		introsort, radix sort, quickselect and the heap of the top k against
 *		a reference sort; top_share, shares' order and worst_embargo on
 *		mixes of 100,000 suppliers (canonical and unsorted, with many equal
 *		volumes) against a brute-force ranking; and the interrupt hook
 *		called at least once per RR_INTERRUPT_STRIDE elements by every long
 *		loop over a mix.  Built without PostgreSQL, run under ASan + UBSan.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "concentration.h"
#include "embargo.h"
#include "interrupt.h"
#include "mix.h"
#include "mix_builder.h"
#include "sort.h"
#include "unit.h"

static const CoreAllocator A = {unit_alloc, unit_release, NULL};
static uint64_t rng_state = 7;

static uint64_t
rng(void)
{
	return mix64(rng_state++);
}

/* The reference rank order: qsort by weight descending, then pos */
static int
ref_cmp(const void *x, const void *y)
{
	const RankItem *a = x,
			   *b = y;

	if (a->w != b->w)
		return a->w > b->w ? -1 : 1;
	return (a->pos > b->pos) - (a->pos < b->pos);
}

/* n items; weights drawn from `distinct` values (0: any double >= 0) */
static RankItem *
random_items(size_t n, int distinct, int pattern)
{
	RankItem   *a = calloc(2 * n + 1, sizeof(RankItem));

	for (size_t i = 0; i < n; i++)
	{
		a[i].pos = (uint32_t) i;
		if (pattern == 1)
			a[i].w = (double) i;	/* ascending */
		else if (pattern == 2)
			a[i].w = (double) (n - i);	/* descending */
		else if (pattern == 3)
			a[i].w = (double) (i < n / 2 ? i : n - i);	/* organ pipe */
		else if (distinct > 0)
			a[i].w = (double) (rng() % distinct);
		else
			a[i].w = ldexp((double) (rng() >> 11), -(int) (rng() % 200));
	}
	/* shuffle the positions so the tie order is not the array order */
	for (size_t i = n; i > 1; i--)
	{
		size_t		j = rng() % i;
		uint32_t	t = a[i - 1].pos;

		a[i - 1].pos = a[j].pos;
		a[j].pos = t;
	}
	return a;
}

static double
item_weight(const void *ctx, uint32_t i)
{
	return ((const RankItem *) ctx)[i].w;
}

/* Sorts and selections agree with the reference on every shape of input */
static void
test_rank_orders(void)
{
	static const size_t sizes[] = {0, 1, 2, 3, 16, 17, 100, 1000, 100000};

	for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++)
		for (int pattern = 0; pattern < 4; pattern++)
			for (int distinct = 0; distinct <= 1000; distinct += distinct ? 999 : 1)
			{
				size_t		n = sizes[s];
				RankItem   *a = random_items(n, distinct, pattern);
				RankItem   *ref = malloc((n + 1) * sizeof(RankItem));
				RankItem   *b = malloc((2 * n + 1) * sizeof(RankItem));
				RankItem   *h = malloc((n + 1) * sizeof(RankItem));
				RankItem   *byindex = malloc((n + 1) * sizeof(RankItem));

				memcpy(ref, a, n * sizeof(RankItem));
				qsort(ref, n, sizeof(RankItem), ref_cmp);

				memcpy(b, a, n * sizeof(RankItem));
				rank_sort(b, n, NULL, NULL);
				CHECK(memcmp(b, ref, n * sizeof(RankItem)) == 0,
					  "introsort n=%zu pattern %d distinct %d", n, pattern, distinct);

				/* radix sort is stable: positions in array order stay so */
				for (size_t i = 0; i < n; i++)
				{
					b[i] = a[i];
					b[i].pos = (uint32_t) i;
					byindex[i] = b[i];
				}
				qsort(byindex, n, sizeof(RankItem), ref_cmp);
				rank_sort_radix(b, n, b + n, NULL, NULL);
				CHECK(memcmp(b, byindex, n * sizeof(RankItem)) == 0,
					  "radix n=%zu pattern %d distinct %d", n, pattern, distinct);

				for (size_t k = 1; k <= n && k < 5000; k = k * 3 + 1)
				{
					memcpy(b, a, n * sizeof(RankItem));
					rank_select(b, n, k, NULL, NULL);
					qsort(b, k, sizeof(RankItem), ref_cmp);
					CHECK(memcmp(b, ref, k * sizeof(RankItem)) == 0,
						  "select n=%zu k=%zu pattern %d", n, k, pattern);

					/* the heap of the top k, weights read by index */
					CHECK(rank_top(h, (uint32_t) n, k, item_weight, a,
								   NULL, NULL) == k);
					qsort(h, k, sizeof(RankItem), ref_cmp);
					CHECK(memcmp(h, byindex, k * sizeof(RankItem)) == 0,
						  "top n=%zu k=%zu pattern %d", n, k, pattern);
				}
				free(a);
				free(ref);
				free(b);
				free(h);
				free(byindex);
			}
}

/* Positions with many equal keys: sorted, and a permutation */
static int
cmp_mod(const void *ctx, uint32_t i, uint32_t j)
{
	uint32_t	a = i % 7,
				b = j % 7;

	return (a > b) - (a < b);
}

static void
test_sort_positions(void)
{
	for (uint32_t n = 0; n < 3000; n = n * 2 + 1)
	{
		uint32_t   *o = malloc((n + 1) * sizeof(uint32_t));
		char	   *seen = calloc(n + 1, 1);
		bool		ok = true;

		for (uint32_t i = 0; i < n; i++)
			o[i] = i;
		for (uint32_t i = n; i > 1; i--)
		{
			uint32_t	j = (uint32_t) (rng() % i),
						t = o[i - 1];

			o[i - 1] = o[j];
			o[j] = t;
		}
		sort_positions(o, n, cmp_mod, NULL);
		for (uint32_t i = 0; i < n; i++)
		{
			ok &= !seen[o[i]];
			seen[o[i]] = 1;
			ok &= i == 0 || o[i - 1] % 7 <= o[i] % 7;
		}
		CHECK(ok, "sort_positions n=%u", n);
		free(o);
		free(seen);
	}
}

/* A mix of n suppliers with volumes in `distinct` values, spares 0..4 */
static Mix *
big_mix(uint32_t n, int distinct, bool sorted)
{
	MixBuilder	b;
	Mix		   *m;
	MixStatus	st;

	mixb_init(&b, &A);
	for (uint32_t i = 0; i < n; i++)
	{
		char		key[32];
		int			len = snprintf(key, sizeof(key), "S%u", (unsigned) (rng() % (4u * n)));

		mixb_add(&b, key, len, (double) (rng() % distinct), (double) (rng() % 5), true);
	}
	mixb_add(&b, NULL, 0, 3, 1, true);
	if (sorted)
		m = mixb_to_mix(&b, &A, &st);
	else
	{
		m = calloc(1, mixb_flat_size(&b));
		st = mixb_flatten(&b, m, &A, false);
	}
	mixb_free(&b);
	if (m == NULL || st != MIX_OK)
		abort();
	return m;
}

static const Mix *cmp_mix;

/* Reference rank of entries: volume descending, code in byte order */
static int
ref_entry_cmp(const void *x, const void *y)
{
	const MixEntry *a = &mix_entries(cmp_mix)[*(const uint32_t *) x];
	const MixEntry *b = &mix_entries(cmp_mix)[*(const uint32_t *) y];

	if (mix_entry_volume(a) != mix_entry_volume(b))
		return mix_entry_volume(a) > mix_entry_volume(b) ? -1 : 1;
	return mix_key_cmp(mix_entry_key(cmp_mix, a), a->keylen,
					   mix_entry_key(cmp_mix, b), b->keylen);
}

/* shares' order and top_share on big mixes, canonical and unsorted */
static void
test_big_mix_ranks(void)
{
	for (int sorted = 0; sorted <= 1; sorted++)
	{
		Mix		   *m = big_mix(100000, 50, sorted);
		uint32_t	n = m->count;
		uint32_t   *ref = malloc(n * sizeof(uint32_t));
		RankItem   *items = malloc(2 * ((size_t) n + 1) * sizeof(RankItem));
		bool		ok = true;
		double		total = conc_total(m);

		for (uint32_t i = 0; i < n; i++)
			ref[i] = i;
		cmp_mix = m;
		qsort(ref, n, sizeof(uint32_t), ref_entry_cmp);
		mix_order_by_rank(m, items);
		for (uint32_t i = 0; i < n; i++)
			ok &= items[i].pos == ref[i];
		CHECK(ok, "shares order, sorted=%d", sorted);

		CHECK(conc_top_share(m, 0, items, &total) && total == 0, "top_share k=0");
		total = conc_total(m);
		for (int64_t k = 2; k < n; k = k * 5 + 3)
		{
			long double want = 0;
			double		got;

			for (int64_t j = 0; j < k; j++)
				want += mix_entry_volume(&mix_entries(m)[ref[j]]);
			want /= total;
			CHECK(conc_top_share(m, k, items, &got) &&
				  fabsl(got - want) <= 1e-12L * want,
				  "top_share k=%lld sorted=%d: %.17g vs %.17Lg", (long long) k,
				  sorted, got, want);
		}
		free(ref);
		free(items);
		free(m);
	}
}

/* worst_embargo on a big mix: the k heaviest by weight, ties by code */
static void
test_big_worst(void)
{
	EmbargoParams p = {0.5, 10, 365, 365};

	for (int sorted = 0; sorted <= 1; sorted++)
	{
		Mix		   *m = big_mix(50000, 20, sorted);
		uint32_t	n = m->count;
		RankItem   *items = malloc(((size_t) n + 1) * sizeof(RankItem));
		RankItem   *ref = malloc(((size_t) n + 1) * sizeof(RankItem));

		for (int64_t k = 1; k < n; k = k * 7 + 2)
		{
			EmbargoSums s;
			uint32_t	chosen = embargo_worst(m, k, &p, items, &s);
			long double embargoed = 0;
			bool		ok = chosen == k;

			/* reference: weights sorted, ties by code */
			for (uint32_t i = 0; i < n; i++)
			{
				ref[i].w = p.intensity * mix_entry_volume(&mix_entries(m)[i]) +
					mix_entry_spare(m, i);
				ref[i].pos = i;
			}
			rank_sort(ref, n, mix_tie_order(m), m);
			for (uint32_t j = 0; j < chosen; j++)
			{
				const MixEntry *a = &mix_entries(m)[items[j].pos];

				embargoed += mix_entry_volume(&mix_entries(m)[ref[j].pos]);
				if (j > 0)
				{
					const MixEntry *b = &mix_entries(m)[items[j - 1].pos];

					ok &= mix_key_cmp(mix_entry_key(m, b), b->keylen,
									  mix_entry_key(m, a), a->keylen) < 0;
				}
			}
			/* the same set: the reference's top k, in byte order */
			for (uint32_t j = 0; j < chosen; j++)
				ref[j].w = 0;
			rank_sort(ref, chosen, mix_tie_order(m), m);
			for (uint32_t j = 0; j < chosen; j++)
				ok &= ref[j].pos == items[j].pos;
			CHECK(ok, "worst k=%lld sorted=%d", (long long) k, sorted);
			CHECK(fabsl(s.embargoed + s.embargoed_c - embargoed) <= 1e-12L * embargoed,
				  "worst sums k=%lld", (long long) k);
		}
		free(items);
		free(ref);
		free(m);
	}
}

static unsigned long long hook_calls;

static void
count_hook(void)
{
	hook_calls++;
}

/* Calls of the hook while running `what` */
#define HOOK_CALLS(what) \
	(hook_calls = 0, (what), hook_calls)

/* Every long loop over a mix checks for interrupts, stride by stride */
static void
test_interrupts(void)
{
	Mix		   *m = big_mix(200000, 1000, true);
	Mix		   *u = big_mix(200000, 1000, false);
	uint32_t	n = m->count;
	unsigned long long want = n / RR_INTERRUPT_STRIDE;
	size_t		most = n > u->count ? n : u->count;
	RankItem   *items = malloc(2 * (most + 1) * sizeof(RankItem));
	uint32_t   *order = malloc(((size_t) u->count + 1) * sizeof(uint32_t));
	double		v;
	EmbargoParams p = {1, 0, 365, 365};
	EmbargoSums s;
	const char *codes[] = {"S1"};
	size_t		lens[] = {2};
	EmbargoStatus est;
	EmbargoScenario *sc = embargo_scenario_build(codes, lens, 1, &p, &A, &est);
	ConcentrationProfile prof;

	rr_interrupt_hook = count_hook;
	CHECK(HOOK_CALLS(conc_total(m)) >= want);
	CHECK(HOOK_CALLS(conc_supplier_count(m)) >= want);
	CHECK(HOOK_CALLS(conc_hhi(m, &v)) >= want);
	CHECK(HOOK_CALLS(conc_shannon(m, &v)) >= want);
	CHECK(HOOK_CALLS(conc_top_supplier(m)) >= want);
	CHECK(HOOK_CALLS(conc_top_share(m, 10, items, &v)) >= 2 * want);
	CHECK(HOOK_CALLS(conc_top_share(m, n / 2, items, &v)) >= 2 * want);
	CHECK(HOOK_CALLS(conc_profile(m, items, &prof)) >= 5 * want);
	CHECK(HOOK_CALLS(mix_order_by_rank(m, items)) >= 2 * want);
	CHECK(HOOK_CALLS(mix_order_by_rank(u, items)) >= 2 * want);
	CHECK(HOOK_CALLS(mix_order_by_key(u, order)) >= want);
	CHECK(HOOK_CALLS(mix_validate(m, mix_size(m))) >= want);
	CHECK(HOOK_CALLS(mix_totals_finite(m)) >= want);
	CHECK(HOOK_CALLS(mix_find(u, "none", 4)) >= want);
	CHECK(HOOK_CALLS(embargo_worst(m, 10, &p, items, &s)) >= 2 * want);
	CHECK(HOOK_CALLS(embargo_worst(m, n / 2, &p, items, &s)) >= 2 * want);
	CHECK(HOOK_CALLS(embargo_mix_sums(m, sc, &s)) >= want);
	rr_interrupt_hook = NULL;
	free(sc);
	free(items);
	free(order);
	free(m);
	free(u);
}

int
main(void)
{
	test_rank_orders();
	test_sort_positions();
	test_big_mix_ranks();
	test_big_worst();
	test_interrupts();
	return unit_report("rank");
}

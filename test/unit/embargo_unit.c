/*
 * embargo_unit.c
 *		Unit tests of the plain-C embargo model (src/embargo.c): the
 *		worked example, scenario canonical form and validation, properties
 *		on deterministic pseudo-random mixes, the trajectory's end point and
 *		worst_embargo against a brute-force search over all k-subsets.
 *
 * Prints "N passed, M failed" and exits non-zero on any failure.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

#include "embargo.h"
#include "mix_builder.h"

static const CoreAllocator A = {unit_alloc, unit_release, NULL};

static bool
close_rel(double a, double b, double tol)
{
	return fabs(a - b) <= tol * fmax(1.0, fmax(fabs(a), fabs(b)));
}

static EmbargoScenario *
scen(const char **codes, uint32_t n, double alpha, double stock, double h,
	 double p)
{
	size_t		lens[64];
	EmbargoParams prm = {alpha, stock, h, p};
	EmbargoStatus st;
	EmbargoScenario *s;

	for (uint32_t i = 0; i < n; i++)
		lens[i] = strlen(codes[i]);
	s = embargo_scenario_build(codes, lens, n, &prm, &A, &st);
	if (s)
		s->vl_len_ = (int32_t) embargo_scenario_size(s);
	return s;
}

/* The worked example of the embargo model through the row sums */
static void
test_worked_example(void)
{
	const char *chn[] = {"CHN"};
	EmbargoScenario *s = scen(chn, 1, 1, 60, 365, 365);
	EmbargoSums sums = {0};
	EmbargoImpact imp;
	EmbargoPoint pt;

	embargo_sums_add(&sums, embargo_scenario_contains(s, "CHN", 3), 60, 0, 0);
	embargo_sums_add(&sums, embargo_scenario_contains(s, "VNM", 3), 15, 0, 0.5);
	embargo_sums_add(&sums, false, 25, 10, 0);	/* others */
	CHECK(embargo_impact(&s->params, &sums, &imp), "impact defined");
	CHECK(fabs(imp.shortfall - 41.06) < 0.005, "shortfall %.17g", imp.shortfall);
	CHECK(fabs(imp.shortfall_share - 0.4106) < 0.00005, "share %.17g",
		  imp.shortfall_share);
	CHECK(close_rel(imp.shortfall, 57.5 - 6000.0 / 365, 1e-14), "exact shortfall");
	CHECK(close_rel(imp.days_to_shortage, 6000.0 / 365 / (57.5 / 365), 1e-14),
		  "days %.17g", imp.days_to_shortage);
	CHECK(fabs(imp.days_to_shortage - 104.3) < 0.05, "days ~ 104.3");
	CHECK(imp.demand == 100 && imp.direct_loss == 60 && imp.indirect_loss == 7.5 &&
		  imp.substitution == 10, "components");
	CHECK(close_rel(imp.stock_release, 6000.0 / 365, 1e-14), "stock release");
	embargo_trajectory_point(&s->params, &sums, 365, &pt);
	CHECK(pt.cumulative_shortfall == imp.shortfall, "trajectory end");
	free(s);
}

static void
test_scenarios(void)
{
	const char *a[] = {"VNM", "CHN", "CHN", "AUS"};
	const char *b[] = {"AUS", "VNM", "CHN"};
	const char *e[] = {""};
	EmbargoScenario *s1 = scen(a, 4, 1, 0, 365, 365);
	EmbargoScenario *s2 = scen(b, 3, 1, -0.0, 365, 365);
	EmbargoParams p = {1, 0, 365, 365};
	EmbargoStatus st;
	size_t		len;

	CHECK(s1 && s2 && s1->count == 3, "dedupe");
	CHECK(embargo_scenario_size(s1) == embargo_scenario_size(s2) &&
		  memcmp(s1, s2, embargo_scenario_size(s1)) == 0, "canonical bytes");
	CHECK(strncmp(embargo_scenario_code(s1, 0, &len), "AUS", 3) == 0 && len == 3,
		  "sorted");
	CHECK(embargo_scenario_validate(s1, embargo_scenario_size(s1)) == EMB_OK,
		  "validate");
	CHECK(embargo_scenario_validate(s1, embargo_scenario_size(s1) - 1) != EMB_OK,
		  "validate size");
	CHECK(embargo_scenario_contains(s1, "CHN", 3) &&
		  !embargo_scenario_contains(s1, "CH", 2) &&
		  !embargo_scenario_contains(s1, "CHNA", 4) &&
		  embargo_scenario_contains(s1, "VNM", 3) &&
		  !embargo_scenario_contains(s1, "ZZZ", 3), "contains");
	CHECK(scen(e, 1, 1, 0, 365, 365) == NULL, "empty code");
	CHECK(embargo_scenario_build(NULL, NULL, 0, &p, &A, &st) == NULL &&
		  st == EMB_ERR_EMPTY_LIST, "empty list");
	p.intensity = 1.5;
	CHECK(embargo_check_params(&p) == EMB_ERR_INTENSITY, "intensity");
	p.intensity = NAN;
	CHECK(embargo_check_params(&p) == EMB_ERR_INTENSITY, "intensity nan");
	p.intensity = 1;
	p.stock_days = -1;
	CHECK(embargo_check_params(&p) == EMB_ERR_STOCK_DAYS, "stock");
	p.stock_days = INFINITY;
	CHECK(embargo_check_params(&p) == EMB_ERR_STOCK_DAYS, "stock inf");
	p.stock_days = 0;
	p.horizon_days = 0;
	CHECK(embargo_check_params(&p) == EMB_ERR_HORIZON, "horizon");
	p.horizon_days = 1;
	p.period_days = -1;
	CHECK(embargo_check_params(&p) == EMB_ERR_PERIOD, "period");
	CHECK(embargo_check_row(1, 0, 1.5) == EMB_ERR_THETA &&
		  embargo_check_row(1, 0, NAN) == EMB_ERR_THETA &&
		  embargo_check_row(-1, 0, 0) == EMB_ERR_VALUE &&
		  embargo_check_row(1, INFINITY, 0) == EMB_ERR_VALUE &&
		  embargo_check_row(1, 2, 1) == EMB_OK, "row checks");
	free(s1);
	free(s2);
}

/* A pseudo-random mix of n suppliers "S00".."Snn" with spare and unattributed */
static Mix *
random_mix(uint64_t seed, int n, bool unattributed)
{
	MixStatus	st;
	MixBuilder	b;
	Mix		   *m;

	mixb_init(&b, &A);
	mixb_add(&b, NULL, 0, 0, 0, true);
	for (int i = 0; i < n; i++)
	{
		char		key[16];
		double		v = floor(unif(seed, 3 * i) * 1000) / 8;
		double		sp = unif(seed, 3 * i + 1) < 0.5 ? floor(unif(seed, 3 * i + 2) * 300) / 4 : 0;

		snprintf(key, sizeof(key), "S%02d", i);
		mixb_add(&b, key, 3, v, sp, true);
	}
	if (unattributed)
		mixb_add(&b, NULL, 0, floor(unif(seed, 999) * 500), unif(seed, 998) * 20, true);
	m = mixb_to_mix(&b, &A, &st);
	mixb_free(&b);
	return m;
}

/* shortfall of embargoing exactly the entries in mask */
static double
subset_shortfall(const Mix *m, uint32_t mask, const EmbargoParams *p)
{
	const char *codes[32];
	size_t		lens[32];
	uint32_t	n = 0;
	EmbargoStatus st;
	EmbargoScenario *s;
	EmbargoSums sums;
	EmbargoImpact imp;

	for (uint32_t i = 0; i < m->count; i++)
		if (mask & (1u << i))
		{
			const MixEntry *e = &mix_entries(m)[i];

			codes[n] = mix_entry_key(m, e);
			lens[n++] = e->keylen;
		}
	s = embargo_scenario_build(codes, lens, n, p, &A, &st);
	if (s == NULL)
		return -1;
	embargo_mix_sums(m, s, &sums);
	free(s);
	if (!embargo_impact(p, &sums, &imp))
		return 0;
	return imp.shortfall;
}

static void
test_worst_bruteforce(void)
{
	int			cases = 0;

	for (uint64_t seed = 1; seed <= 60; seed++)
	{
		int			n = 1 + (int) (seed % 15);	/* 1..15 suppliers */
		Mix		   *m = random_mix(seed, n, seed % 3 != 0);
		EmbargoParams p = {floor(unif(seed, 500) * 5) / 4,
			floor(unif(seed, 501) * 120), 30 + floor(unif(seed, 502) * 700),
		365};
		RankItem   *order = malloc((m->count + 1) * sizeof(RankItem));

		for (int k = 1; k <= 3; k++)
		{
			EmbargoSums sums;
			EmbargoImpact imp;
			uint32_t	chosen = embargo_worst(m, k, &p, order, &sums);
			double		got = embargo_impact(&p, &sums, &imp) ? imp.shortfall : 0;
			double		best = 0;
			uint32_t	mask = 0;
			int			want = k < n ? k : n;

			for (uint32_t sub = 1; sub < (1u << m->count); sub++)
				if (__builtin_popcount(sub) == want)
				{
					double		v = subset_shortfall(m, sub, &p);

					if (v > best)
						best = v;
				}
			for (uint32_t j = 0; j < chosen; j++)
			{
				mask |= 1u << order[j].pos;
				if (j > 0)
				{
					const MixEntry *a = &mix_entries(m)[order[j - 1].pos];
					const MixEntry *b = &mix_entries(m)[order[j].pos];

					CHECK(mix_key_cmp(mix_entry_key(m, a), a->keylen,
									  mix_entry_key(m, b), b->keylen) < 0,
						  "worst: byte order");
				}
			}
			CHECK((int) chosen == want, "worst: chose %u of %d", chosen, want);
			CHECK(close_rel(got, best, 1e-12),
				  "worst seed %llu k %d: %.17g vs brute force %.17g",
				  (unsigned long long) seed, k, got, best);
			CHECK(close_rel(subset_shortfall(m, mask, &p), got, 1e-12),
				  "worst: the set's own shortfall");
			cases++;
		}
		free(order);
		free(m);
	}
	CHECK(cases == 180, "brute-force cases %d", cases);
}

/* Monotonicity and bounds on pseudo-random sums */
static void
test_properties(void)
{
	for (uint64_t seed = 1; seed <= 2000; seed++)
	{
		EmbargoSums s = {0};
		EmbargoParams p = {unif(seed, 1), unif(seed, 2) * 200,
			1 + unif(seed, 3) * 700, 1 + unif(seed, 4) * 400};
		EmbargoImpact base,
					x;
		int			rows = 1 + (int) (unif(seed, 5) * 20);
		double		theta[32];
		bool		emb[32];
		double		vol[32],
					spare[32];

		for (int i = 0; i < rows; i++)
		{
			vol[i] = unif(seed, 100 + i) * 1e3;
			spare[i] = unif(seed, 200 + i) < 0.3 ? unif(seed, 300 + i) * 200 : 0;
			theta[i] = unif(seed, 400 + i) < 0.5 ? unif(seed, 500 + i) : 0;
			emb[i] = unif(seed, 600 + i) < 0.4;
			embargo_sums_add(&s, emb[i], vol[i], spare[i], theta[i]);
		}
		if (!embargo_impact(&p, &s, &base))
			continue;
		CHECK(base.shortfall_share >= 0 && base.shortfall_share <= 1,
			  "share in [0,1]: %g", base.shortfall_share);
		CHECK(base.shortfall >= 0 && base.stock_release >= 0, "non-negative");
		CHECK(close_rel(base.stock_release + base.shortfall,
						base.direct_loss + base.indirect_loss - base.substitution,
						1e-9), "release + shortfall = gap");

		{
			EmbargoParams q = p;

			q.intensity = fmin(1, p.intensity + unif(seed, 7) * 0.5);
			embargo_impact(&q, &s, &x);
			CHECK(x.shortfall_share >= base.shortfall_share, "intensity");
			q = p;
			q.horizon_days = p.horizon_days * (1 + unif(seed, 8));
			embargo_impact(&q, &s, &x);
			CHECK(x.shortfall_share >= base.shortfall_share &&
				  x.shortfall >= base.shortfall, "horizon");
			q = p;
			q.stock_days = p.stock_days + unif(seed, 9) * 100;
			embargo_impact(&q, &s, &x);
			CHECK(x.shortfall_share <= base.shortfall_share, "stock");
			q = p;
			q.stock_days = p.horizon_days;
			embargo_impact(&q, &s, &x);
			CHECK(x.shortfall == 0 && x.shortfall_share == 0, "stocks cover");
		}
		{
			EmbargoSums t = s;

			embargo_sums_add(&t, false, 0, unif(seed, 10) * 100, 0);
			embargo_impact(&p, &t, &x);
			CHECK(x.shortfall_share <= base.shortfall_share, "spare");
		}
		{
			EmbargoSums t = {0},
						u = {0};

			for (int i = 0; i < rows; i++)
			{
				double		th2 = fmin(1, theta[i] + unif(seed, 700 + i) * 0.3);

				embargo_sums_add(&t, emb[i], vol[i], spare[i], th2);
				embargo_sums_add(&u, false, vol[i], spare[i], 0);
			}
			embargo_impact(&p, &t, &x);
			CHECK(x.shortfall_share >= base.shortfall_share, "theta");
			embargo_impact(&p, &u, &x);
			CHECK(x.shortfall_share == 0 && x.shortfall == 0 && !x.has_days,
				  "nothing embargoed");
		}
		{
			EmbargoPoint pt;

			embargo_trajectory_point(&p, &s, p.horizon_days, &pt);
			CHECK(pt.cumulative_shortfall == base.shortfall, "trajectory end");
		}
	}
}

static void
test_trajectory_rows(void)
{
	EmbargoParams p = {1, 0, 365, 365};

	CHECK(embargo_trajectory_rows(&p, 30) == 14, "365/30");
	p.horizon_days = 360;
	CHECK(embargo_trajectory_rows(&p, 30) == 13, "360/30");
	p.horizon_days = 10;
	CHECK(embargo_trajectory_rows(&p, 30) == 2, "10/30");
	p.horizon_days = 1e300;
	CHECK(embargo_trajectory_rows(&p, 1) == -1, "too many rows");
}

/* An empty mix and a mix without named suppliers */
static void
test_edges(void)
{
	MixStatus	st;
	MixBuilder	b;
	Mix		   *m;
	EmbargoParams p = {1, 0, 365, 365};
	EmbargoSums s;
	EmbargoImpact imp;
	RankItem	order[1];

	mixb_init(&b, &A);
	m = mixb_to_mix(&b, &A, &st);
	CHECK(embargo_worst(m, 3, &p, order, &s) == 0, "worst of empty mix");
	CHECK(!embargo_impact(&p, &s, &imp), "zero total undefined");
	free(m);
}

int
main(void)
{
	test_worked_example();
	test_scenarios();
	test_trajectory_rows();
	test_properties();
	test_worst_bruteforce();
	test_edges();
	return unit_report("embargo");
}

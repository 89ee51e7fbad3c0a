/*
 * disruption_unit.c
 *		Unit tests of the probabilistic disruption risk (src/disruption.c):
 *		a worked example checked by hand, every measure and the merged
 *		distribution against a direct enumeration of all outcomes (cuts
 *		and sums recomputed from scratch for each), one event against the
 *		embargo model, events of probability 0 and 1, the error statuses,
 *		and the 24-event limit.
 *
 * Prints "N passed, M failed" and exits non-zero on any failure.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

#include "disruption.h"
#include "mix_builder.h"

static const CoreAllocator A = {unit_alloc, unit_release, NULL};

static bool
close_rel(double a, double b, double tol)
{
	return fabs(a - b) <= tol * fmax(1e-300, fmax(fabs(a), fabs(b)));
}

/* A mix from parallel arrays; key NULL is unattributed */
static Mix *
make_mix(const char **keys, const double *v, const double *sp, int n)
{
	MixStatus	st;
	MixBuilder	b;
	Mix		   *m;

	mixb_init(&b, &A);
	mixb_add(&b, NULL, 0, 0, 0, true);
	for (int i = 0; i < n; i++)
		mixb_add(&b, keys[i], keys[i] ? strlen(keys[i]) : 0, v[i], sp[i], true);
	m = mixb_to_mix(&b, &A, &st);
	mixb_free(&b);
	return m;
}

/* Event with codes given as a NULL-terminated list (lens in a static pool) */
static size_t lens_pool[4096];
static size_t lens_used;

static DisruptionEvent
ev(double p, double a, const char *const *codes)
{
	DisruptionEvent e = {p, a, 0, codes, lens_pool + lens_used};

	while (codes[e.ncodes])
	{
		lens_pool[lens_used++] = strlen(codes[e.ncodes]);
		e.ncodes++;
	}
	return e;
}

/* The worked example of the README, exact to the last bits */
static void
test_worked_example(void)
{
	const char *keys[] = {"CHN", "MMR", "AUS", NULL};
	double		v[] = {60, 10, 20, 10};
	double		sp[] = {0, 0, 10, 0};
	static const char *chn[] = {"CHN", NULL};
	static const char *mmr[] = {"MMR", NULL};
	Mix		   *m = make_mix(keys, v, sp, 4);
	DisruptionEvent e[2];
	EmbargoParams p = {1, 0, 365, 365};
	DisruptionResult r;
	uint32_t	bad;
	bool		def;

	lens_used = 0;
	e[0] = ev(0.2, 0.5, chn);
	e[1] = ev(0.2, 1, mmr);
	CHECK(disruption_risk(m, e, 2, &p, &A, &r, &bad, &def) == DIS_OK && def);
	CHECK(close_rel(r.expected_share, 0.044, 1e-15), "%.17g", r.expected_share);
	CHECK(close_rel(r.p_shortage, 0.2, 1e-15), "%.17g", r.p_shortage);
	CHECK(close_rel(r.var_95, 0.2, 1e-15), "%.17g", r.var_95);
	CHECK(close_rel(r.cvar_95, 0.28, 1e-14), "%.17g", r.cvar_95);
	CHECK(close_rel(r.worst_share, 0.3, 1e-15), "%.17g", r.worst_share);
	CHECK(r.events == 2 && r.npoints == 3, "%u %llu", r.events,
		  (unsigned long long) r.npoints);
	CHECK(r.dist[0].share == 0 && close_rel(r.dist[0].probability, 0.8, 1e-15));
	CHECK(close_rel(r.dist[1].share, 0.2, 1e-15) &&
		  close_rel(r.dist[1].probability, 0.16, 1e-15));
	CHECK(close_rel(r.dist[2].share, 0.3, 1e-15) &&
		  close_rel(r.dist[2].probability, 0.04, 1e-15));
	free(r.dist);
	free(m);
}

/* The shortfall share of one outcome, recomputed from scratch */
static double
outcome_share(const Mix *m, const DisruptionEvent *e, uint32_t n,
			  uint32_t active, const EmbargoParams *p)
{
	EmbargoSums s = {0};
	EmbargoParams p1 = *p;
	EmbargoImpact imp;

	for (uint32_t i = 0; i < m->count; i++)
	{
		const MixEntry *me = &mix_entries(m)[i];
		double		cut = 0;

		for (uint32_t k = 0, u = 0; k < n; k++)
		{
			bool		on;

			if (e[k].probability == 0)
				continue;
			on = e[k].probability == 1 || (active >> u++) & 1;
			if (!on)
				continue;
			for (uint32_t c = 0; c < e[k].ncodes; c++)
				if (mix_key_cmp(e[k].codes[c], e[k].lens[c],
								mix_entry_key(m, me), me->keylen) == 0 &&
					e[k].intensity > cut)
					cut = e[k].intensity;
		}
		ksum_add_parts(&s.demand, &s.demand_c, mix_entry_volume(me));
		if (cut > 0)
			ksum_add_parts(&s.embargoed, &s.embargoed_c, cut * mix_entry_volume(me));
		else
			ksum_add_parts(&s.spare, &s.spare_c, mix_entry_spare(m, i));
	}
	ksum_add_parts(&s.demand, &s.demand_c, m->unattributed);
	ksum_add_parts(&s.spare, &s.spare_c, m->unattributed_spare);
	p1.intensity = 1;
	embargo_impact(&p1, &s, &imp);
	return imp.shortfall_share;
}

typedef struct Outcome
{
	double		share,
				prob;
} Outcome;

static int
cmp_outcome(const void *a, const void *b)
{
	double		x = ((const Outcome *) a)->share,
				y = ((const Outcome *) b)->share;

	return (x > y) - (x < y);
}

/*
 * Every measure against a direct enumeration, on pseudo-random cases of up
 * to maxev events (seeds first..last)
 */
static void
test_bruteforce(uint64_t first, uint64_t last, uint32_t maxev)
{
	static const char *names[] = {"S00", "S01", "S02", "S03", "S04", "S05",
	"S06", "S07", "S08", "S09", "S10", "S11", "XXX"};

	for (uint64_t seed = first; seed <= last; seed++)
	{
		const char *keys[13];
		double		v[13],
					sp[13];
		int			ns = 2 + (int) (unif(seed, 1) * 10);
		Mix		   *m;
		DisruptionEvent e[24];
		const char *codes[24][6];
		uint32_t	n = maxev > 10 ? maxev : (uint32_t) (unif(seed, 2) * maxev);
		uint32_t	unc = 0;
		EmbargoParams p = {1, maxev > 10 ? 0 : floor(unif(seed, 3) * 4) * 20,
		unif(seed, 4) < 0.5 ? 365 : 90, 365};
		DisruptionResult r;
		uint32_t	bad;
		bool		def;
		Outcome    *o;
		double		exp = 0,
					psh = 0,
					worst = 0,
					acc = 0,
					var,
					cvar = 0;
		uint64_t	no;

		lens_used = 0;
		for (int i = 0; i < ns; i++)
		{
			keys[i] = names[i];
			v[i] = floor(unif(seed, 10 + i) * 1000) / 8;
			sp[i] = unif(seed, 30 + i) < 0.4 ? floor(unif(seed, 50 + i) * 300) / 4 : 0;
		}
		keys[ns] = NULL;
		v[ns] = unif(seed, 5) < 0.5 ? 50 : 0;
		sp[ns] = unif(seed, 6) < 0.5 ? 5 : 0;
		m = make_mix(keys, v, sp, ns + 1);
		for (uint32_t k = 0; k < n; k++)
		{
			int			nc = 1 + (int) (unif(seed, 100 + k) * 4);
			double		u = unif(seed, 200 + k);

			for (int c = 0; c < nc; c++)
				codes[k][c] = names[(int) (unif(seed, 300 + 10 * k + c) * 13)];
			codes[k][nc] = NULL;
			if (maxev > 10)
				u = 0.5;		/* every event uncertain */
			e[k] = ev(u < 0.1 ? 0 : u < 0.2 ? 1 : unif(seed, 400 + k),
					  unif(seed, 500 + k) < 0.5 ? 1 : 0.25 + floor(unif(seed, 600 + k) * 3) / 4,
					  codes[k]);
			if (e[k].probability > 0 && e[k].probability < 1)
				unc++;
		}
		CHECK(disruption_risk(m, e, n, &p, &A, &r, &bad, &def) == DIS_OK && def,
			  "seed %llu", (unsigned long long) seed);
		no = 1ULL << unc;
		o = calloc(no, sizeof(Outcome));
		for (uint32_t mask = 0; mask < no; mask++)
		{
			double		pr = 1;

			for (uint32_t k = 0, u = 0; k < n; k++)
				if (e[k].probability > 0 && e[k].probability < 1)
				{
					pr *= (mask >> u) & 1 ? e[k].probability : 1 - e[k].probability;
					u++;
				}
			o[mask].share = outcome_share(m, e, n, mask, &p);
			o[mask].prob = pr;
			exp += pr * o[mask].share;
			if (o[mask].share > 0)
				psh += pr;
			if (o[mask].share > worst)
				worst = o[mask].share;
		}
		if (maxev > 10)
		{
			uint64_t	npos = 0;

			for (uint64_t i = 0; i < no; i++)
				npos += o[i].share > 0;
			CHECK(npos > 65536, "seed %llu: %llu positive outcomes, too few for the radix sort",
				  (unsigned long long) seed, (unsigned long long) npos);
		}
		qsort(o, no, sizeof(Outcome), cmp_outcome);
		/* VaR: lowest share with P(share <= s) >= 0.95 */
		var = o[no - 1].share;
		for (uint64_t i = 0; i < no; i++)
		{
			acc += o[i].prob;
			if ((i + 1 == no || o[i + 1].share != o[i].share) &&
				acc >= 0.95 - 1e-12)
			{
				var = o[i].share;
				break;
			}
		}
		/* CVaR: the worst 5 % of the mass, the atom at VaR split */
		{
			double		rest = 0.05;

			for (uint64_t i = no; i-- > 0 && o[i].share > var;)
			{
				cvar += o[i].prob * o[i].share;
				rest -= o[i].prob;
			}
			cvar = (cvar + rest * var) / 0.05;
		}
		CHECK(close_rel(r.expected_share, exp, 1e-12), "seed %llu exp %.17g %.17g",
			  (unsigned long long) seed, r.expected_share, exp);
		CHECK(close_rel(r.p_shortage, psh, 1e-12) || (psh == 0 && r.p_shortage == 0),
			  "seed %llu", (unsigned long long) seed);
		CHECK(r.worst_share == worst, "seed %llu worst %.17g %.17g",
			  (unsigned long long) seed, r.worst_share, worst);
		CHECK(r.var_95 == var, "seed %llu var %.17g %.17g",
			  (unsigned long long) seed, r.var_95, var);
		CHECK(close_rel(r.cvar_95, cvar, 1e-12) || fabs(r.cvar_95 - cvar) < 1e-15,
			  "seed %llu cvar %.17g %.17g", (unsigned long long) seed, r.cvar_95, cvar);
		/* the distribution: distinct shares, ascending, probabilities summed */
		{
			uint64_t	j = 0;
			bool		ok = true;
			double		total = 0;

			for (uint64_t i = 0; i < no;)
			{
				double		pr = 0;
				uint64_t	k = i;

				for (; k < no && o[k].share == o[i].share; k++)
					pr += o[k].prob;
				ok &= j < r.npoints && r.dist[j].share == o[i].share &&
					close_rel(r.dist[j].probability, pr, 1e-12);
				j++;
				i = k;
			}
			ok &= j == r.npoints;
			for (uint64_t i = 0; i < r.npoints; i++)
				total += r.dist[i].probability;
			CHECK(ok, "seed %llu distribution", (unsigned long long) seed);
			CHECK(fabs(total - 1) <= 1e-12, "seed %llu total %.17g",
				  (unsigned long long) seed, total);
		}
		free(o);
		free(r.dist);
		free(m);
	}
}

/* One event of intensity a is the embargo of its suppliers with intensity a */
static void
test_single_event(void)
{
	const char *keys[] = {"CHN", "MMR", "AUS", "VNM", NULL};
	double		v[] = {60, 10, 20, 5, 5};
	double		sp[] = {3, 0, 10, 2, 1};
	static const char *codes[] = {"CHN", "VNM", "ZZZ", "CHN", NULL};
	Mix		   *m = make_mix(keys, v, sp, 5);
	DisruptionEvent e;
	DisruptionResult r;
	uint32_t	bad;
	bool		def;

	lens_used = 0;
	e = ev(1, 0.7, codes);
	for (double stock = 0; stock <= 200; stock += 50)
	{
		EmbargoParams p = {0.7, stock, 180, 365};
		EmbargoSums s = {0};
		EmbargoImpact imp;

		ksum_add_parts(&s.demand, &s.demand_c, 100);
		ksum_add_parts(&s.embargoed, &s.embargoed_c, 65);
		ksum_add_parts(&s.spare, &s.spare_c, 11);
		embargo_impact(&p, &s, &imp);
		CHECK(disruption_risk(m, &e, 1, &p, &A, &r, &bad, &def) == DIS_OK && def);
		CHECK(close_rel(r.expected_share, imp.shortfall_share, 1e-15) ||
			  r.expected_share == imp.shortfall_share,
			  "stock %g: %.17g vs %.17g", stock, r.expected_share,
			  imp.shortfall_share);
		CHECK(r.worst_share == r.expected_share && r.var_95 == r.expected_share &&
			  r.cvar_95 == r.expected_share && r.npoints == 1 && r.events == 1 &&
			  r.uncertain == 0);
		CHECK(r.p_shortage == (imp.shortfall_share > 0 ? 1 : 0));
		free(r.dist);
	}
	free(m);
}

/* Errors, the limit, probability 0, a zero total, absent suppliers */
static void
test_edges(void)
{
	const char *keys[] = {"CHN", "AUS"};
	double		v[] = {60, 40};
	double		sp[] = {0, 0};
	static const char *chn[] = {"CHN", NULL};
	static const char *none[] = {NULL};
	static const char *empty[] = {"", NULL};
	static const char *absent[] = {"ZZZ", "YYY", NULL};
	Mix		   *m = make_mix(keys, v, sp, 2);
	EmbargoParams p = {1, 0, 365, 365};
	DisruptionEvent e[30];
	DisruptionResult r;
	uint32_t	bad = 99;
	bool		def;

	lens_used = 0;
	e[0] = ev(0.5, 1, chn);
	e[1] = ev(1.5, 1, chn);
	CHECK(disruption_risk(m, e, 2, &p, &A, &r, &bad, &def) == DIS_ERR_PROBABILITY &&
		  bad == 1);
	e[1] = ev(NAN, 1, chn);
	CHECK(disruption_risk(m, e, 2, &p, &A, &r, &bad, &def) == DIS_ERR_PROBABILITY);
	e[1] = ev(0.5, 0, chn);
	CHECK(disruption_risk(m, e, 2, &p, &A, &r, &bad, &def) == DIS_ERR_INTENSITY);
	e[1] = ev(0.5, 1.01, chn);
	CHECK(disruption_risk(m, e, 2, &p, &A, &r, &bad, &def) == DIS_ERR_INTENSITY);
	e[1] = ev(0.5, 1, none);
	CHECK(disruption_risk(m, e, 2, &p, &A, &r, &bad, &def) == DIS_ERR_EMPTY_LIST);
	e[1] = ev(0.5, 1, empty);
	CHECK(disruption_risk(m, e, 2, &p, &A, &r, &bad, &def) == DIS_ERR_EMPTY_CODE);

	/* 24 uncertain events (plus certain and impossible ones) run; 25 do not */
	for (int i = 0; i < 30; i++)
		e[i] = ev(i < 24 ? 0.01 * (i + 1) : i < 27 ? 0 : 1,
				  0.5 + 0.02 * (i % 20), i % 2 ? chn : absent);
	CHECK(disruption_risk(m, e, 30, &p, &A, &r, &bad, &def) == DIS_OK && def &&
		  r.events == 27 && r.uncertain == 24);
	free(r.dist);
	e[25] = ev(0.5, 1, chn);
	CHECK(disruption_risk(m, e, 30, &p, &A, &r, &bad, &def) == DIS_ERR_TOO_MANY);

	/* events on absent suppliers change nothing; probability 0 is dropped */
	e[0] = ev(0.5, 1, absent);
	e[1] = ev(0, 1, chn);
	CHECK(disruption_risk(m, e, 2, &p, &A, &r, &bad, &def) == DIS_OK && def &&
		  r.expected_share == 0 && r.p_shortage == 0 && r.npoints == 1 &&
		  r.dist[0].probability == 1 && r.events == 1);
	free(r.dist);
	/* no events at all */
	CHECK(disruption_risk(m, e, 0, &p, &A, &r, &bad, &def) == DIS_OK && def &&
		  r.expected_share == 0 && r.worst_share == 0 && r.npoints == 1);
	free(r.dist);
	free(m);

	/* a zero total is undefined */
	v[0] = v[1] = 0;
	m = make_mix(keys, v, sp, 2);
	e[0] = ev(0.5, 1, chn);
	CHECK(disruption_risk(m, e, 1, &p, &A, &r, &bad, &def) == DIS_OK && !def);
	free(m);
}

int
main(void)
{
	test_worked_example();
	test_bruteforce(1, 300, 9);
	/* 18 events: 2^18 outcomes, sorted by the radix sort */
	test_bruteforce(1001, 1002, 18);
	test_single_event();
	test_edges();
	return unit_report("disruption");
}

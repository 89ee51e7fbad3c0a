/*
 * embargo.c
 *		The embargo shortfall model: scenarios,
 *		the four sums the model needs, the impact of an embargo, its
 *		trajectory and the exact worst-case embargo of k suppliers.
 *
 * Numerics.  The model is evaluated in the dimensionless form
 *
 *		gap fraction	 gf = min(1, max(0, L - SP) / D),  L = alpha * (E + C)
 *		shortfall share  sh = max(0, gf - stock_days / t)		(t = H)
 *		shortfall		    = sh * D * (t / P)
 *
 * which is algebraically the model of embargo.h (g / d = gf and
 * S / (d * t) = stock_days / t) but made of operations that are monotone
 * under rounding, so the shortfall share is exactly non-decreasing in the
 * intensity, the horizon and theta and non-increasing in stocks and spare
 * capacity, and the trajectory's last point is bit-identical to the impact.
 *
 * Plain C: no PostgreSQL headers.
 */
#include <math.h>
#include <string.h>

#include "embargo.h"
#include "interrupt.h"
#include "ksum.h"

/* ---------------------------------------------------------------- */
/* Scenarios														*/
/* ---------------------------------------------------------------- */

/* Which parameter, if any, is out of its domain */
EmbargoStatus
embargo_check_params(const EmbargoParams *p)
{
	if (!(p->intensity >= 0 && p->intensity <= 1))
		return EMB_ERR_INTENSITY;
	if (!(p->stock_days >= 0 && isfinite(p->stock_days)))
		return EMB_ERR_STOCK_DAYS;
	if (!(p->horizon_days > 0 && isfinite(p->horizon_days)))
		return EMB_ERR_HORIZON;
	if (!(p->period_days > 0 && isfinite(p->period_days)))
		return EMB_ERR_PERIOD;
	return EMB_OK;
}

static inline uint32_t *
scenario_offsets(const EmbargoScenario *s)
{
	return (uint32_t *) ((char *) s + sizeof(EmbargoScenario));
}

static inline const char *
scenario_data(const EmbargoScenario *s)
{
	return (const char *) s + sizeof(EmbargoScenario) +
		((size_t) s->count + 1) * sizeof(uint32_t);
}

/* Size in bytes of a scenario buffer (the varlena size) */
size_t
embargo_scenario_size(const EmbargoScenario *s)
{
	return sizeof(EmbargoScenario) + ((size_t) s->count + 1) * sizeof(uint32_t) +
		s->data_len;
}

/* The i-th embargoed code (byte order) and its length */
const char *
embargo_scenario_code(const EmbargoScenario *s, uint32_t i, size_t *len)
{
	const uint32_t *off = scenario_offsets(s);

	*len = off[i + 1] - off[i];
	return scenario_data(s) + off[i];
}

/* Is key one of the embargoed codes?  Bisection over the sorted codes */
bool
embargo_scenario_contains(const EmbargoScenario *s, const char *key, size_t len)
{
	const uint32_t *off = scenario_offsets(s);
	const char *data = scenario_data(s);
	uint32_t	lo = 0,
				hi = s->count;

	while (lo < hi)
	{
		uint32_t	mid = lo + (hi - lo) / 2;
		int			c = mix_key_cmp(data + off[mid], off[mid + 1] - off[mid],
									key, len);

		if (c == 0)
			return true;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

typedef struct CodeList
{
	const char *const *codes;
	const size_t *lens;
} CodeList;

static int
cmp_codes(const void *ctx, uint32_t i, uint32_t j)
{
	const CodeList *cl = ctx;

	return mix_key_cmp(cl->codes[i], cl->lens[i], cl->codes[j], cl->lens[j]);
}

/* +0 for -0, so that equal scenarios are equal byte for byte */
static inline double
canonical_zero(double x)
{
	return x == 0 ? 0.0 : x;
}

/*
 * Build a canonical scenario from n codes (any order, duplicates allowed)
 * and the parameters, validating both.  NULL with *status set on error.
 */
EmbargoScenario *
embargo_scenario_build(const char *const *codes, const size_t *lens,
					   uint32_t n, const EmbargoParams *p,
					   const CoreAllocator *a, EmbargoStatus *status)
{
	CodeList	cl = {codes, lens};
	uint32_t   *order;
	uint32_t	unique = 0;
	uint64_t	data_len = 0;
	uint64_t	size;
	EmbargoScenario *s;
	uint32_t   *off;
	char	   *data;

	*status = embargo_check_params(p);
	if (*status != EMB_OK)
		return NULL;
	if (n == 0)
	{
		*status = EMB_ERR_EMPTY_LIST;
		return NULL;
	}
	for (uint32_t i = 0; i < n; i++)
	{
		rr_check_interrupts_every(i);
		if (lens[i] == 0)
			*status = EMB_ERR_EMPTY_CODE;
		else if (lens[i] > MIX_MAX_KEY_LEN)
			*status = EMB_ERR_CODE_TOO_LONG;
		if (*status != EMB_OK)
			return NULL;
	}
	order = a->alloc(a->arg, (size_t) n * sizeof(uint32_t));
	if (order == NULL)
	{
		*status = EMB_ERR_NOMEM;
		return NULL;
	}
	for (uint32_t i = 0; i < n; i++)
		order[i] = i;
	sort_positions(order, n, cmp_codes, &cl);
	for (uint32_t i = 0; i < n; i++)
	{
		rr_check_interrupts_every(i);
		if (i > 0 && cmp_codes(&cl, order[i - 1], order[i]) == 0)
			continue;
		order[unique++] = order[i];
		data_len += lens[order[i]];
	}
	size = sizeof(EmbargoScenario) + ((uint64_t) unique + 1) * sizeof(uint32_t) +
		data_len;
	if (size > MIX_MAX_SIZE)
	{
		*status = EMB_ERR_TOO_BIG;
		return NULL;
	}
	s = a->alloc(a->arg, (size_t) size);
	if (s == NULL)
	{
		*status = EMB_ERR_NOMEM;
		return NULL;
	}
	memset(s, 0, (size_t) size);
	s->version = EMBARGO_FORMAT_VERSION;
	s->params.intensity = canonical_zero(p->intensity);
	s->params.stock_days = canonical_zero(p->stock_days);
	s->params.horizon_days = p->horizon_days;
	s->params.period_days = p->period_days;
	s->count = unique;
	s->data_len = (uint32_t) data_len;
	off = scenario_offsets(s);
	data = (char *) scenario_data(s);
	off[0] = 0;
	for (uint32_t i = 0; i < unique; i++)
	{
		rr_check_interrupts_every(i);
		memcpy(data + off[i], codes[order[i]], lens[order[i]]);
		off[i + 1] = off[i] + (uint32_t) lens[order[i]];
	}
	if (a->release)
		a->release(a->arg, order);
	*status = EMB_OK;
	return s;
}

/*
 * Check that a buffer of size bytes is a canonical scenario: what
 * embargo_scenario_build would have produced.
 */
EmbargoStatus
embargo_scenario_validate(const EmbargoScenario *s, size_t size)
{
	const uint32_t *off;
	const char *data;
	EmbargoStatus st;

	if (size < sizeof(EmbargoScenario) + sizeof(uint32_t) ||
		s->version != EMBARGO_FORMAT_VERSION ||
		s->reserved[0] != 0 || s->reserved[1] != 0 || s->reserved[2] != 0)
		return EMB_ERR_CORRUPT;
	st = embargo_check_params(&s->params);
	if (st != EMB_OK)
		return st;
	if (s->count == 0)
		return EMB_ERR_EMPTY_LIST;
	if ((size - sizeof(EmbargoScenario)) / sizeof(uint32_t) <= s->count ||
		size != sizeof(EmbargoScenario) +
		((uint64_t) s->count + 1) * sizeof(uint32_t) + s->data_len)
		return EMB_ERR_CORRUPT;
	if (signbit(s->params.intensity) || signbit(s->params.stock_days))
		return EMB_ERR_CORRUPT;
	off = scenario_offsets(s);
	data = scenario_data(s);
	if (off[0] != 0 || off[s->count] != s->data_len)
		return EMB_ERR_CORRUPT;
	for (uint32_t i = 0; i < s->count; i++)
	{
		rr_check_interrupts_every(i);
		if (off[i + 1] <= off[i])
			return off[i + 1] == off[i] ? EMB_ERR_EMPTY_CODE : EMB_ERR_CORRUPT;
		if (off[i + 1] - off[i] > MIX_MAX_KEY_LEN)
			return EMB_ERR_CODE_TOO_LONG;
		/* in bounds before the codes are read (off[count] is checked) */
		if (off[i + 1] > s->data_len)
			return EMB_ERR_CORRUPT;
		if (i > 0 &&
			mix_key_cmp(data + off[i - 1], off[i] - off[i - 1],
						data + off[i], off[i + 1] - off[i]) >= 0)
			return EMB_ERR_CORRUPT;
	}
	return EMB_OK;
}

/* ---------------------------------------------------------------- */
/* Sums and the aggregate state										*/
/* ---------------------------------------------------------------- */

/* Size of an aggregate state carrying scenario s */
size_t
embargo_state_size(const EmbargoScenario *s)
{
	return sizeof(EmbargoState) + embargo_scenario_size(s);
}

/* Initialise st (embargo_state_size(s) bytes) with zero sums and s */
void
embargo_state_init(EmbargoState *st, const EmbargoScenario *s)
{
	memset(st, 0, sizeof(EmbargoState));
	st->version = EMBARGO_FORMAT_VERSION;
	memcpy(embargo_state_scenario(st), s, embargo_scenario_size(s));
}

/* Check the values of one row: volume and spare finite and >= 0, theta in [0,1] */
EmbargoStatus
embargo_check_row(double volume, double spare, double theta)
{
	if (!(volume >= 0 && isfinite(volume)) || !(spare >= 0 && isfinite(spare)))
		return EMB_ERR_VALUE;
	if (!(theta >= 0 && theta <= 1))
		return EMB_ERR_THETA;
	return EMB_OK;
}

/* Add a compensated pair (x, xc) to (sum, comp); false on overflow */
static inline bool
add_pair(double *sum, double *comp, double x, double xc)
{
	ksum_add_parts(sum, comp, x);
	if (xc != 0)
		ksum_add_parts(sum, comp, xc);
	return isfinite(*sum);
}

/*
 * Add one checked row.  Unattributed volume is passed as not embargoed:
 * its spare substitutes and its theta counts toward the indirect loss.
 */
EmbargoStatus
embargo_sums_add(EmbargoSums *s, bool embargoed, double volume, double spare,
				 double theta)
{
	bool		ok = add_pair(&s->demand, &s->demand_c, volume, 0);

	if (embargoed)
		ok &= add_pair(&s->embargoed, &s->embargoed_c, volume, 0);
	else
	{
		if (theta > 0)
			ok &= add_pair(&s->content, &s->content_c, volume * theta, 0);
		if (spare > 0)
			ok &= add_pair(&s->spare, &s->spare_c, spare, 0);
	}
	return ok ? EMB_OK : EMB_ERR_OVERFLOW;
}

/* dst += src */
EmbargoStatus
embargo_sums_merge(EmbargoSums *dst, const EmbargoSums *src)
{
	bool		ok = true;

	ok &= add_pair(&dst->demand, &dst->demand_c, src->demand, src->demand_c);
	ok &= add_pair(&dst->embargoed, &dst->embargoed_c, src->embargoed, src->embargoed_c);
	ok &= add_pair(&dst->content, &dst->content_c, src->content, src->content_c);
	ok &= add_pair(&dst->spare, &dst->spare_c, src->spare, src->spare_c);
	return ok ? EMB_OK : EMB_ERR_OVERFLOW;
}

/* Sums received from outside: every part finite, every value >= 0 */
EmbargoStatus
embargo_sums_validate(const EmbargoSums *s)
{
	const double *x = &s->demand;

	for (int i = 0; i < 8; i += 2)
		if (!isfinite(x[i]) || !isfinite(x[i + 1]) || !(x[i] + x[i + 1] >= 0))
			return EMB_ERR_VALUE;
	return EMB_OK;
}

/* The sums of a stored mix under scenario s (no look-through: C = 0) */
void
embargo_mix_sums(const Mix *m, const EmbargoScenario *s, EmbargoSums *out)
{
	memset(out, 0, sizeof(*out));
	for (uint32_t i = 0; i < m->count; i++)
	{
		const MixEntry *e = &mix_entries(m)[i];

		rr_check_interrupts_every(i);
		(void) embargo_sums_add(out,
								embargo_scenario_contains(s, mix_entry_key(m, e),
														  e->keylen),
								mix_entry_volume(e), mix_entry_spare(m, i), 0);
	}
	(void) add_pair(&out->demand, &out->demand_c,
					m->unattributed, m->unattributed_c);
	(void) add_pair(&out->spare, &out->spare_c,
					m->unattributed_spare, m->unattributed_spare_c);
}

/* ---------------------------------------------------------------- */
/* The model														*/
/* ---------------------------------------------------------------- */

/* The gap as a fraction of demand, gf = g / d, in [0,1] */
static double
gap_fraction(const EmbargoParams *p, const EmbargoSums *s, double *loss,
			 double *subst)
{
	double		D = s->demand + s->demand_c;
	double		E = s->embargoed + s->embargoed_c;
	double		C = s->content + s->content_c;
	double		SP = s->spare + s->spare_c;
	double		L = p->intensity * E + p->intensity * C;
	double		gf;

	*loss = L;
	*subst = L < SP ? L : SP;
	gf = L > SP ? (L - SP) / D : 0;
	return gf < 1 ? gf : 1;
}

/* Shortfall share after t > 0 days: max(0, gf - stock_days / t) */
static inline double
share_at(const EmbargoParams *p, double gf, double t)
{
	double		sh = gf - p->stock_days / t;

	return sh > 0 ? sh : 0;
}

/*
 * The impact of the embargo over the horizon; false (and *out untouched)
 * when the total volume is 0, where every measure is undefined.
 */
bool
embargo_impact(const EmbargoParams *p, const EmbargoSums *s, EmbargoImpact *out)
{
	double		D = s->demand + s->demand_c;
	double		H = p->horizon_days;
	double		hp = H / p->period_days;
	double		loss,
				subst,
				gf,
				sh,
				cover;

	if (!(D > 0))
		return false;
	gf = gap_fraction(p, s, &loss, &subst);
	sh = share_at(p, gf, H);
	cover = p->stock_days / H;

	out->demand = D * hp;
	out->direct_loss = p->intensity * (s->embargoed + s->embargoed_c) * hp;
	out->indirect_loss = p->intensity * (s->content + s->content_c) * hp;
	out->substitution = subst * hp;
	out->stock_release = (cover < gf ? cover : gf) * out->demand;
	out->shortfall = sh * out->demand;
	out->shortfall_share = sh;
	out->has_days = gf > 0;
	out->days_to_shortage = gf > 0 ? p->stock_days / gf : 0;
	return true;
}

/*
 * Rows of the trajectory: days 0, step, 2 step, ... below the horizon and
 * the horizon itself; -1 if that is more than EMBARGO_MAX_TRAJECTORY.
 */
int64_t
embargo_trajectory_rows(const EmbargoParams *p, int64_t step)
{
	double		n = floor(p->horizon_days / (double) step);

	if (!(n < EMBARGO_MAX_TRAJECTORY))
		return -1;
	/* points i * step < H for i = 0..last, then H */
	if (n * (double) step >= p->horizon_days)
		n -= 1;
	return (int64_t) n + 2;
}

/*
 * The state of the embargo after `day` days.  At the horizon the
 * cumulative shortfall is bit-identical to embargo_impact's shortfall.
 */
void
embargo_trajectory_point(const EmbargoParams *p, const EmbargoSums *s,
						 double day, EmbargoPoint *out)
{
	double		D = s->demand + s->demand_c;
	double		loss,
				subst,
				gf = D > 0 ? gap_fraction(p, s, &loss, &subst) : 0;
	double		rest = p->stock_days - gf * day;

	out->day = day;
	out->gap = gf * (D / p->period_days);
	out->stock_remaining = rest > 0 ? rest * (D / p->period_days) : 0;
	out->cumulative_shortfall = day > 0 && D > 0 ?
		share_at(p, gf, day) * (D * (day / p->period_days)) : 0;
}

typedef struct WorstCtx
{
	const Mix  *m;
	double		alpha;
} WorstCtx;

/* Weight of entry i in the worst case: what embargoing it takes away */
static double
worst_weight(const void *ctx, uint32_t i)
{
	const WorstCtx *w = ctx;

	return w->alpha * mix_entry_volume(&mix_entries(w->m)[i]) +
		mix_entry_spare(w->m, i);
}

/*
 * The k named suppliers of m whose joint embargo gives the largest
 * shortfall, exactly.  scratch (m->count items) receives their entry
 * positions (.pos) in byte order of the code; *out the sums of that
 * embargo.  Returns how many were chosen: min(k, m->count).
 *
 * Why the k heaviest by w_s = alpha * v_s + spare_s are optimal.  A mix
 * has no look-through content, so embargoing a set S with total spare SP
 * (unattributed spare included) gives
 *
 *		L(S) = alpha * V(S),  substitution = min(L(S), SP - SP(S)),
 *		gap volume = max(0, L(S) + SP(S) - SP) = max(0, W(S) - SP)
 *
 * with W(S) = sum over s in S of w_s.  D, the stocks, the horizon and the
 * period do not depend on S, and the shortfall max(0, min(1, gap / D) -
 * stock_days / H) * D * H / P is a non-decreasing function of the gap
 * volume, hence of W(S).  W is additive, so among sets of k suppliers it
 * is largest for the k largest weights (exchange argument: swapping a
 * member for a heavier non-member never lowers W).  Every maximiser of W
 * maximises the shortfall, so the k heaviest suppliers (ties by code,
 * for a deterministic answer) are an exact optimum.  The tests check
 * this against a brute-force search over all k-subsets.
 *
 * The k heaviest are selected, not sorted: linear time on average.  An
 * entry is embargoed when it ranks before or at the last one chosen.
 */
uint32_t
embargo_worst(const Mix *m, int64_t k, const EmbargoParams *p,
			  RankItem *scratch, EmbargoSums *out)
{
	uint32_t	chosen = k < (int64_t) m->count ? (uint32_t) k : m->count;
	OrderCmp	tie = mix_tie_order(m);
	WorstCtx	w = {m, p->intensity};
	RankItem	last = {0, 0, 0};

	memset(out, 0, sizeof(*out));
	if (chosen > 0 && chosen <= MIX_SMALL_TOP && chosen < m->count / 16)
		rank_top(scratch, m->count, chosen, worst_weight, &w, tie, m);
	else
	{
		for (uint32_t i = 0; i < m->count; i++)
		{
			rr_check_interrupts_every(i);
			scratch[i].w = worst_weight(&w, i);
			scratch[i].pos = i;
			scratch[i].pad = 0;
		}
		rank_select(scratch, m->count, chosen, tie, m);
	}
	/* the last chosen in rank order: the lightest of scratch[0..chosen) */
	for (uint32_t j = 0; j < chosen; j++)
	{
		rr_check_interrupts_every(j);
		if (j == 0 || rank_compare(&scratch[j], &last, tie, m) > 0)
			last = scratch[j];
	}
	for (uint32_t i = 0; i < m->count; i++)
	{
		const MixEntry *e = &mix_entries(m)[i];
		RankItem	it = {worst_weight(&w, i), i, 0};

		rr_check_interrupts_every(i);
		(void) embargo_sums_add(out,
								chosen > 0 && rank_compare(&it, &last, tie, m) <= 0,
								mix_entry_volume(e), mix_entry_spare(m, i), 0);
	}
	(void) add_pair(&out->demand, &out->demand_c,
					m->unattributed, m->unattributed_c);
	(void) add_pair(&out->spare, &out->spare_c,
					m->unattributed_spare, m->unattributed_spare_c);
	/* the chosen in byte order of the code: equal weights, ranked by tie */
	for (uint32_t j = 0; j < chosen; j++)
		scratch[j].w = 0;
	rank_sort(scratch, chosen, tie, m);
	return chosen;
}

/* A lower-case description of a status */
const char *
embargo_status_message(EmbargoStatus st)
{
	switch (st)
	{
		case EMB_OK:
			return "ok";
		case EMB_ERR_NOMEM:
			return "out of memory";
		case EMB_ERR_INTENSITY:
			return "intensity must be between 0 and 1";
		case EMB_ERR_STOCK_DAYS:
			return "stock_days must be finite and not negative";
		case EMB_ERR_HORIZON:
			return "horizon_days must be finite and greater than 0";
		case EMB_ERR_PERIOD:
			return "period_days must be finite and greater than 0";
		case EMB_ERR_EMPTY_LIST:
			return "the list of embargoed suppliers must not be empty";
		case EMB_ERR_EMPTY_CODE:
			return "an embargoed supplier code must not be empty";
		case EMB_ERR_CODE_TOO_LONG:
			return "an embargoed supplier code is too long";
		case EMB_ERR_TOO_BIG:
			return "the embargo scenario is too big";
		case EMB_ERR_VALUE:
			return "volumes and spare capacities must be finite and not negative";
		case EMB_ERR_THETA:
			return "embargoed content must be between 0 and 1";
		case EMB_ERR_OVERFLOW:
			return "a sum is out of range for type double precision";
		case EMB_ERR_CORRUPT:
			return "corrupt embargo scenario or state";
	}
	return "unknown status";
}

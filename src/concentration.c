/*
 * concentration.c
 *		HHI, concentration ratios, numbers-equivalent, range-normalised HHI
 *		and Shannon diversity over a supply mix, with compensated sums.
 *
 * Plain C: no PostgreSQL headers.
 */
#include <math.h>

#include "concentration.h"
#include "interrupt.h"
#include "ksum.h"

/* Sum of the named suppliers' volumes, as an unrounded pair */
static KSum
named_parts(const Mix *m)
{
	KSum		s = {0, 0};

	for (uint32_t i = 0; i < m->count; i++)
	{
		rr_check_interrupts_every(i);
		ksum_add(&s, mix_entries(m)[i].volume);
		ksum_add(&s, mix_entries(m)[i].volume_c);
	}
	return s;
}

static double
named_total(const Mix *m)
{
	KSum		s = named_parts(m);

	return ksum_value(&s);
}

static KSum total_parts(const Mix *m);

/* Grand total: named suppliers plus unattributed volume */
double
conc_total(const Mix *m)
{
	KSum		s = total_parts(m);

	return ksum_value(&s);
}

/* Named suppliers with a positive volume */
uint32_t
conc_supplier_count(const Mix *m)
{
	uint32_t	n = 0;

	for (uint32_t i = 0; i < m->count; i++)
	{
		rr_check_interrupts_every(i);
		n += mix_entry_volume(&mix_entries(m)[i]) > 0;
	}
	return n;
}

/* Σ (v_i / denominator)^2 over the named suppliers */
static double
sum_squared_shares(const Mix *m, double denominator)
{
	KSum		s = {0, 0};

	for (uint32_t i = 0; i < m->count; i++)
	{
		double		share = mix_entry_volume(&mix_entries(m)[i]) / denominator;

		rr_check_interrupts_every(i);
		ksum_add(&s, share * share);
	}
	return ksum_value(&s);
}

/* HHI on the antitrust scale: Σ (100 s_i)^2, s_i of the grand total */
bool
conc_hhi(const Mix *m, double *hhi)
{
	double		total = conc_total(m);

	if (!(total > 0))
		return false;
	*hhi = 10000.0 * sum_squared_shares(m, total);
	return true;
}

/*
 * (H - 1/N) / (1 - 1/N) on the named suppliers only (shares renormalised to
 * their total), N the suppliers with volume > 0; 1 when N = 1.
 */
static bool
normalized_from(const Mix *m, uint32_t n, double named, double *h)
{
	double		inv_n,
				v;

	if (n == 0)
		return false;
	if (n == 1)
	{
		*h = 1.0;
		return true;
	}
	inv_n = 1.0 / n;
	v = (sum_squared_shares(m, named) - inv_n) / (1.0 - inv_n);
	*h = v < 0 ? 0 : (v > 1 ? 1 : v);
	return true;
}

bool
conc_normalized_hhi(const Mix *m, double *h)
{
	return normalized_from(m, conc_supplier_count(m), named_total(m), h);
}

/* Numbers-equivalent 10,000 / HHI: how many equal suppliers it is worth */
bool
conc_equivalent_suppliers(const Mix *m, double *n)
{
	double		hhi;

	if (!conc_hhi(m, &hhi) || !(hhi > 0))
		return false;
	*n = 10000.0 / hhi;
	return true;
}

/* The grand total as an unrounded compensated pair */
static KSum
total_parts(const Mix *m)
{
	KSum		s = named_parts(m);

	ksum_add(&s, m->unattributed);
	ksum_add(&s, m->unattributed_c);
	return s;
}

/*
 * Shannon diversity -Σ s_i ln s_i over named suppliers, in nats.  For a
 * dominant supplier ln s is taken as log1p(-rest/total), rest = total - v
 * from the unrounded total, since ln of a share near 1 is ill-conditioned.
 */
static bool
shannon_from(const Mix *m, KSum t, double *h)
{
	double		total = ksum_value(&t);
	KSum		s = {0, 0};

	if (!(total > 0))
		return false;
	for (uint32_t i = 0; i < m->count; i++)
	{
		double		v = mix_entry_volume(&mix_entries(m)[i]);
		double		share = v / total;

		rr_check_interrupts_every(i);
		if (share > 0.5)
			ksum_add(&s, -share * log1p(-((t.sum - v) + t.comp) / total));
		else if (share > 0)
			ksum_add(&s, -share * log(share));
	}
	*h = ksum_value(&s);
	return true;
}

bool
conc_shannon(const Mix *m, double *h)
{
	return shannon_from(m, total_parts(m), h);
}

/*
 * The EU criticality methodology's HHI_WGI: Σ s_i² · risk_i with fraction
 * shares s_i of the grand total, over named suppliers with volume > 0.
 * *h is NaN for a zero total.  A supplier with volume but no risk is an
 * error (MIX_ERR_RISK_MISSING, its position in *missing).
 */
MixStatus
conc_governance_hhi(const Mix *m, double *h, int64_t *missing)
{
	double		total = conc_total(m);
	KSum		s = {0, 0};

	for (uint32_t i = 0; i < m->count; i++)
	{
		double		v = mix_entry_volume(&mix_entries(m)[i]);
		double		risk = mix_entry_risk(m, i);
		double		share = v / total;

		rr_check_interrupts_every(i);
		if (!(v > 0))
			continue;
		if (isnan(risk))
		{
			*missing = i;
			return MIX_ERR_RISK_MISSING;
		}
		ksum_add(&s, share * share * risk);
	}
	*h = total > 0 ? ksum_value(&s) : NAN;
	return MIX_OK;
}

/* Entry position of the largest supplier (ties: smallest code), or -1 */
int64_t
conc_top_supplier(const Mix *m)
{
	int64_t		best = -1;
	double		best_v = 0;

	for (uint32_t i = 0; i < m->count; i++)
	{
		const MixEntry *e = &mix_entries(m)[i];
		double		v = mix_entry_volume(e);

		rr_check_interrupts_every(i);
		if (v > best_v ||
			(best >= 0 && v == best_v &&
			 mix_key_cmp(mix_entry_key(m, e), e->keylen,
						 mix_entry_key(m, &mix_entries(m)[best]),
						 mix_entries(m)[best].keylen) < 0))
		{
			best = i;
			best_v = v;
		}
	}
	return best;
}

/*
 * CRk: the share of the k largest named suppliers, k >= 1.  scratch must
 * hold m->count items; only the k largest are selected, never sorted.
 */
static bool
top_share_from(const Mix *m, int64_t k, RankItem *scratch, double total,
			   double named, double *share)
{
	KSum		s = {0, 0};

	if (!(total > 0))
		return false;
	if (k >= (int64_t) m->count)
		*share = named / total;
	else if (k == 1)
	{
		int64_t		top = conc_top_supplier(m);

		*share = top < 0 ? 0 : mix_entry_volume(&mix_entries(m)[top]) / total;
	}
	else
	{
		mix_top_k(m, k, scratch);
		for (int64_t j = 0; j < k; j++)
		{
			const MixEntry *e = &mix_entries(m)[scratch[j].pos];

			rr_check_interrupts_every(j);
			ksum_add(&s, e->volume);
			ksum_add(&s, e->volume_c);
		}
		*share = ksum_value(&s) / total;
	}
	if (*share > 1)
		*share = 1;
	return true;
}

bool
conc_top_share(const Mix *m, int64_t k, RankItem *scratch, double *share)
{
	return top_share_from(m, k, scratch, conc_total(m),
						  k >= (int64_t) m->count ? named_total(m) : 0, share);
}

/*
 * Every measure at once, for the composite concentration_profile: the
 * same values as the single measures, with each pass over the mix made
 * once (the totals, the HHI and the top supplier are shared).
 */
void
conc_profile(const Mix *m, RankItem *scratch, ConcentrationProfile *p)
{
	KSum		named = named_parts(m),
				t = named;
	double		named_v = ksum_value(&named);

	ksum_add(&t, m->unattributed);
	ksum_add(&t, m->unattributed_c);
	p->total = ksum_value(&t);
	p->suppliers = conc_supplier_count(m);
	p->top = conc_top_supplier(m);
	p->has_ratios = p->total > 0;
	p->has_normalized = normalized_from(m, p->suppliers, named_v,
										&p->normalized_hhi);
	p->has_equivalent = false;
	if (p->has_ratios)
	{
		p->hhi = 10000.0 * sum_squared_shares(m, p->total);
		p->has_equivalent = p->hhi > 0;
		if (p->has_equivalent)
			p->equivalent_suppliers = 10000.0 / p->hhi;
		p->top_share = p->top < 0 ? 0 :
			mix_entry_volume(&mix_entries(m)[p->top]) / p->total;
		if (p->top_share > 1)
			p->top_share = 1;
		top_share_from(m, 3, scratch, p->total, named_v, &p->cr3);
		shannon_from(m, t, &p->shannon);
	}
}

/*
 * disruption.c
 *		Exact probabilistic disruption risk over a supply mix (see
 *		disruption.h for the model).
 *
 * Enumeration.  The m uncertain events that list at least one supplier of
 * the mix are enumerated over all 2^m outcomes in Gray-code order: outcome
 * i is g = i ^ (i >> 1), which differs from the previous one in the event
 * of bit ctz(i).  Each supplier listed by some event has a slot holding the
 * number of active events per intensity level and a bit mask of the levels
 * with a non-zero count, so toggling an event costs O(suppliers it lists)
 * and a supplier's cut (the largest active intensity) is the lowest set bit
 * of its mask, levels being numbered from the largest intensity down.  The
 * cut volume E and the spare of the cut suppliers are compensated running
 * sums (ksum.h), reset to exact zeros whenever no supplier is cut.
 * Events that list no supplier of the mix change no outcome: their
 * probability mass is summed out, which leaves the distribution unchanged.
 *
 * Each outcome's probability is the product of a table entry for the low
 * half of its bits and one for the high half (two tables of at most 4096
 * products), accurate to a few units in the last place.
 *
 * Plain C: no PostgreSQL headers.
 */
#include <math.h>
#include <string.h>

#include "disruption.h"
#include "interrupt.h"
#include "ksum.h"

#define RADIX_MIN	65536		/* points from which a radix sort is used */

/* Is the event well formed?  The first rule it breaks */
DisruptionStatus
disruption_check_event(const DisruptionEvent *e)
{
	if (!(e->probability >= 0 && e->probability <= 1))
		return DIS_ERR_PROBABILITY;
	if (!(e->intensity > 0 && e->intensity <= 1))
		return DIS_ERR_INTENSITY;
	if (e->ncodes == 0)
		return DIS_ERR_EMPTY_LIST;
	for (uint32_t i = 0; i < e->ncodes; i++)
	{
		if (e->lens[i] == 0)
			return DIS_ERR_EMPTY_CODE;
		if (e->lens[i] > MIX_MAX_KEY_LEN)
			return DIS_ERR_CODE_TOO_LONG;
	}
	return DIS_OK;
}

/* The enumeration's state */
typedef struct Enum
{
	const CoreAllocator *a;
	uint32_t	nslots;
	uint32_t	nlevels;
	double		levels[DISRUPTION_MAX_EVENTS];	/* descending */
	double	   *volume;			/* per slot */
	double	   *spare;
	double	   *base;			/* cut by the certain events */
	double	   *cut;			/* current cut, 0..1 */
	double	   *w;				/* current cut * volume */
	uint32_t   *mask;			/* levels with an active event */
	uint8_t    *counts;			/* [slot * nlevels + level], at most 24 */
	uint32_t   *seen;			/* last event (position + 1) listing the slot */
	uint32_t	ncut;			/* slots with cut > 0 */
	KSum		E;				/* sum of w */
	KSum		SPE;			/* spare of the cut slots */
	/* uncertain events that list a slot */
	uint32_t	meff;
	uint32_t	ev_level[DISRUPTION_MAX_EVENTS];
	double		ev_prob[DISRUPTION_MAX_EVENTS];
	uint32_t   *ev_slots[DISRUPTION_MAX_EVENTS];
	uint32_t	ev_nslots[DISRUPTION_MAX_EVENTS];
	/* the positive outcomes */
	DisruptionPoint *pos;
	uint64_t	npos;
	uint64_t	cap;
} Enum;

static void *
alloc(Enum *en, uint64_t size)
{
	if (size > MIX_MAX_SIZE)
		return NULL;
	return en->a->alloc(en->a->arg, (size_t) (size ? size : 1));
}

static void
release(Enum *en, void *p)
{
	if (p && en->a->release)
		en->a->release(en->a->arg, p);
}

/* Recompute slot s's cut from its certain base and its active levels */
static inline void
slot_refresh(Enum *en, uint32_t s)
{
	double		c = en->base[s];
	double		wn;

	if (en->mask[s])
	{
		double		lv = en->levels[__builtin_ctz(en->mask[s])];

		if (lv > c)
			c = lv;
	}
	if (c == en->cut[s])
		return;
	wn = c * en->volume[s];
	if (wn != en->w[s])
	{
		ksum_add(&en->E, wn);
		ksum_add(&en->E, -en->w[s]);
		en->w[s] = wn;
	}
	if ((c > 0) != (en->cut[s] > 0))
	{
		if (c > 0)
		{
			en->ncut++;
			ksum_add(&en->SPE, en->spare[s]);
		}
		else
		{
			en->ncut--;
			ksum_add(&en->SPE, -en->spare[s]);
		}
		if (en->ncut == 0)
		{
			/* nothing cut: exact zeros, not the residue of the updates */
			en->E.sum = en->E.comp = 0;
			en->SPE.sum = en->SPE.comp = 0;
		}
	}
	en->cut[s] = c;
}

/* Make uncertain event e active or inactive */
static void
toggle(Enum *en, uint32_t e, bool on)
{
	uint32_t	l = en->ev_level[e];

	for (uint32_t j = 0; j < en->ev_nslots[e]; j++)
	{
		uint32_t	s = en->ev_slots[e][j];
		uint8_t    *cnt = &en->counts[(size_t) s * en->nlevels + l];

		if (on)
		{
			if ((*cnt)++ == 0)
				en->mask[s] |= 1u << l;
		}
		else if (--(*cnt) == 0)
			en->mask[s] &= ~(1u << l);
		slot_refresh(en, s);
	}
}

/* Remember a positive outcome; false when out of memory */
static bool
push_positive(Enum *en, double share, double prob)
{
	if (en->npos == en->cap)
	{
		uint64_t	ncap = en->cap ? en->cap * 2 : 64;
		DisruptionPoint *n = alloc(en, ncap * sizeof(DisruptionPoint));

		if (n == NULL)
			return false;
		if (en->npos)
			memcpy(n, en->pos, en->npos * sizeof(DisruptionPoint));
		release(en, en->pos);
		en->pos = n;
		en->cap = ncap;
	}
	en->pos[en->npos].share = share;
	en->pos[en->npos].probability = prob;
	en->npos++;
	return true;
}

/* Bits of a non-negative double: their unsigned order is the numeric order */
static inline uint64_t
share_bits(double x)
{
	uint64_t	u;

	memcpy(&u, &x, sizeof(u));
	return u;
}

/*
 * Sort points of positive share ascending: LSD radix sort on the bits of
 * the share, 16 bits per pass, tmp as scratch of n points and count of
 * 65536 counters.
 */
static void
sort_points(DisruptionPoint *p, DisruptionPoint *tmp, uint64_t *count,
			uint64_t n)
{
	for (int shift = 0; shift < 64; shift += 16)
	{
		uint64_t	sum = 0;
		bool		all_same = true;
		uint64_t	first = (share_bits(p[0].share) >> shift) & 0xffff;

		memset(count, 0, 65536 * sizeof(uint64_t));
		for (uint64_t i = 0; i < n; i++)
		{
			uint64_t	d = (share_bits(p[i].share) >> shift) & 0xffff;

			rr_check_interrupts_every(i);
			count[d]++;
			all_same &= d == first;
		}
		if (all_same)
			continue;
		for (int d = 0; d < 65536; d++)
		{
			uint64_t	c = count[d];

			count[d] = sum;
			sum += c;
		}
		for (uint64_t i = 0; i < n; i++)
		{
			uint64_t	d = (share_bits(p[i].share) >> shift) & 0xffff;

			rr_check_interrupts_every(i);
			tmp[count[d]++] = p[i];
		}
		memcpy(p, tmp, n * sizeof(DisruptionPoint));
	}
}

/* Sift point i down the max-heap p[0..n) (by share) */
static void
sift_down(DisruptionPoint *p, uint64_t i, uint64_t n)
{
	DisruptionPoint x = p[i];

	for (;;)
	{
		uint64_t	c = 2 * i + 1;

		if (c >= n)
			break;
		if (c + 1 < n && p[c + 1].share > p[c].share)
			c++;
		if (!(p[c].share > x.share))
			break;
		p[i] = p[c];
		i = c;
	}
	p[i] = x;
}

/* Heap sort of points by share ascending: for the short lists */
static void
heap_sort_points(DisruptionPoint *p, uint64_t n)
{
	for (uint64_t i = n / 2; i-- > 0;)
		sift_down(p, i, n);
	for (uint64_t end = n; end-- > 1;)
	{
		DisruptionPoint t = p[0];

		rr_check_interrupts_every(end);
		p[0] = p[end];
		p[end] = t;
		sift_down(p, 0, end);
	}
}

/*
 * VaR and CVaR at 95 % of the merged distribution (ascending shares).
 * Walking down from the worst share, acc is the probability of a share
 * strictly above point j: VaR is the lowest share with acc <= 5 %, and
 * CVaR = VaR + E[(share - VaR)+] / 5 % (the mean of the worst 5 %, the
 * atom at VaR split as needed).
 */
static void
tail_measures(const DisruptionPoint *d, uint64_t n, DisruptionResult *out)
{
	double		acc = 0;
	KSum		excess = {0, 0};
	uint64_t	j = n - 1;
	double		var,
				cvar;

	for (;;)
	{
		if (j == 0 ||
			acc + d[j].probability > DISRUPTION_TAIL + DISRUPTION_PROB_TOL)
			break;
		acc += d[j].probability;
		j--;
	}
	var = d[j].share;
	for (uint64_t k = j + 1; k < n; k++)
		ksum_add(&excess, d[k].probability * (d[k].share - var));
	cvar = var + ksum_value(&excess) / DISRUPTION_TAIL;
	if (cvar > out->worst_share)
		cvar = out->worst_share;
	out->var_95 = var;
	out->cvar_95 = cvar;
}

/* Products of probabilities for every pattern of `bits` events from `first` */
static void
prob_table(const Enum *en, uint32_t first, uint32_t bits, double *t)
{
	t[0] = 1;
	for (uint32_t b = 0; b < bits; b++)
	{
		double		p = en->ev_prob[first + b];
		uint32_t	half = 1u << b;

		for (uint32_t j = 0; j < half; j++)
		{
			t[j | half] = t[j] * p;
			t[j] *= 1 - p;
		}
	}
}

/*
 * The disruption risk of n events over mix m with the stocks, horizon and
 * period of p (its intensity is ignored).  On DIS_OK, *defined is false for
 * a zero total (every measure undefined); otherwise *out holds the measures
 * and the distribution (out->dist from the allocator).  On an event error
 * *bad_event is its position.
 */
DisruptionStatus
disruption_risk(const Mix *m, const DisruptionEvent *events, uint32_t n,
				const EmbargoParams *p, const CoreAllocator *a,
				DisruptionResult *out, uint32_t *bad_event, bool *defined)
{
	Enum		en;
	EmbargoParams p1 = *p;
	KSum		D = {0, 0},
				SPT = {0, 0},
				expected = {0, 0},
				pshort = {0, 0},
				pzero = {0, 0};
	uint64_t	nzero = 0;
	uint32_t   *slot_of = NULL;
	uint32_t   *slot_pool = NULL;
	uint64_t	ncodes = 0;
	uint32_t	uncertain = 0,
				certain = 0;
	double	   *plo = NULL,
			   *phi = NULL;
	uint32_t	lobits,
				hibits;
	uint64_t	total;
	uint32_t	g = 0;
	double		worst = 0;
	DisruptionStatus st = DIS_ERR_NOMEM;

	memset(out, 0, sizeof(*out));
	memset(&en, 0, sizeof(en));
	en.a = a;
	*defined = false;

	/* validate every event, count the uncertain ones */
	for (uint32_t i = 0; i < n; i++)
	{
		DisruptionStatus es = disruption_check_event(&events[i]);

		if (es != DIS_OK)
		{
			*bad_event = i;
			return es;
		}
		if (events[i].probability > 0 && events[i].probability < 1)
			uncertain++;
		else if (events[i].probability == 1)
			certain++;
		if (events[i].probability > 0)
			ncodes += events[i].ncodes;
	}
	out->events = uncertain + certain;
	out->uncertain = uncertain;
	if (uncertain > DISRUPTION_MAX_EVENTS)
		return DIS_ERR_TOO_MANY;

	/* demand and total spare (unattributed included), compensated */
	for (uint32_t i = 0; i < m->count; i++)
	{
		ksum_add(&D, mix_entries(m)[i].volume);
		ksum_add(&D, mix_entries(m)[i].volume_c);
		ksum_add(&SPT, mix_entry_spare(m, i));
	}
	ksum_add(&D, m->unattributed);
	ksum_add(&D, m->unattributed_c);
	ksum_add(&SPT, m->unattributed_spare);
	ksum_add(&SPT, m->unattributed_spare_c);
	if (!(ksum_value(&D) > 0))
		return DIS_OK;

	/* levels: the distinct intensities of the uncertain events, descending */
	for (uint32_t i = 0; i < n; i++)
	{
		double		x = events[i].intensity;
		uint32_t	k;

		if (!(events[i].probability > 0 && events[i].probability < 1))
			continue;
		for (k = 0; k < en.nlevels && en.levels[k] != x; k++)
			;
		if (k == en.nlevels)
		{
			uint32_t	j = en.nlevels++;

			while (j > 0 && en.levels[j - 1] < x)
			{
				en.levels[j] = en.levels[j - 1];
				j--;
			}
			en.levels[j] = x;
		}
	}

	/* slots: the mix's suppliers listed by an event of positive probability */
	slot_of = alloc(&en, (uint64_t) m->count * sizeof(uint32_t));	/* slot + 1 */
	slot_pool = alloc(&en, ncodes * sizeof(uint32_t));
	if (slot_of == NULL || slot_pool == NULL)
		goto done;
	for (uint32_t i = 0; i < n; i++)
	{
		if (!(events[i].probability > 0))
			continue;
		for (uint32_t c = 0; c < events[i].ncodes; c++)
		{
			int64_t		pos = mix_find(m, events[i].codes[c], events[i].lens[c]);

			if (pos >= 0 && slot_of[pos] == 0)
				slot_of[pos] = ++en.nslots;
		}
	}
	en.volume = alloc(&en, (uint64_t) en.nslots * sizeof(double));
	en.spare = alloc(&en, (uint64_t) en.nslots * sizeof(double));
	en.base = alloc(&en, (uint64_t) en.nslots * sizeof(double));
	en.cut = alloc(&en, (uint64_t) en.nslots * sizeof(double));
	en.w = alloc(&en, (uint64_t) en.nslots * sizeof(double));
	en.mask = alloc(&en, (uint64_t) en.nslots * sizeof(uint32_t));
	en.counts = alloc(&en, (uint64_t) en.nslots * (en.nlevels ? en.nlevels : 1));
	en.seen = alloc(&en, (uint64_t) en.nslots * sizeof(uint32_t));
	if (!en.volume || !en.spare || !en.base || !en.cut || !en.w || !en.mask ||
		!en.counts || !en.seen)
		goto done;
	for (uint32_t i = 0; i < m->count; i++)
		if (slot_of[i])
		{
			en.volume[slot_of[i] - 1] = mix_entry_volume(&mix_entries(m)[i]);
			en.spare[slot_of[i] - 1] = mix_entry_spare(m, i);
		}

	/* certain events set the base cut; uncertain ones get their slot lists */
	for (uint32_t i = 0, used = 0; i < n; i++)
	{
		const DisruptionEvent *e = &events[i];
		uint32_t   *list = slot_pool + used;
		uint32_t	k = 0;

		if (!(e->probability > 0))
			continue;
		for (uint32_t c = 0; c < e->ncodes; c++)
		{
			int64_t		pos = mix_find(m, e->codes[c], e->lens[c]);

			/* each slot once per event, however often the event lists it */
			if (pos >= 0 && en.seen[slot_of[pos] - 1] != i + 1)
			{
				en.seen[slot_of[pos] - 1] = i + 1;
				list[k++] = slot_of[pos] - 1;
			}
		}
		if (e->probability == 1)
		{
			for (uint32_t j = 0; j < k; j++)
				if (e->intensity > en.base[list[j]])
					en.base[list[j]] = e->intensity;
		}
		else if (k > 0)
		{
			uint32_t	l = 0;

			while (en.levels[l] != e->intensity)
				l++;
			en.ev_level[en.meff] = l;
			en.ev_prob[en.meff] = e->probability;
			en.ev_slots[en.meff] = list;
			en.ev_nslots[en.meff] = k;
			en.meff++;
			used += k;
		}
	}
	for (uint32_t s = 0; s < en.nslots; s++)
		slot_refresh(&en, s);

	/* probability tables for the low and high halves of the outcome bits */
	lobits = en.meff / 2;
	hibits = en.meff - lobits;
	plo = alloc(&en, ((uint64_t) 1 << lobits) * sizeof(double));
	phi = alloc(&en, ((uint64_t) 1 << hibits) * sizeof(double));
	if (plo == NULL || phi == NULL)
		goto done;
	prob_table(&en, 0, lobits, plo);
	prob_table(&en, lobits, hibits, phi);

	/* every outcome, through the embargo model with intensity 1 */
	p1.intensity = 1;
	total = (uint64_t) 1 << en.meff;
	for (uint64_t i = 0; i < total; i++)
	{
		EmbargoSums sums;
		EmbargoImpact imp;
		double		prob,
					sh;

		if (i > 0)
		{
			uint32_t	b = (uint32_t) __builtin_ctzll(i);

			g ^= 1u << b;
			toggle(&en, b, (g >> b) & 1);
		}
		rr_check_interrupts_every(i);
		prob = plo[g & ((1u << lobits) - 1)] * phi[g >> lobits];
		sums.demand = D.sum;
		sums.demand_c = D.comp;
		sums.embargoed = en.E.sum;
		sums.embargoed_c = en.E.comp;
		sums.content = sums.content_c = 0;
		sums.spare = SPT.sum;
		sums.spare_c = SPT.comp;
		if (en.ncut > 0)
		{
			ksum_add_parts(&sums.spare, &sums.spare_c, -en.SPE.sum);
			ksum_add_parts(&sums.spare, &sums.spare_c, -en.SPE.comp);
		}
		(void) embargo_impact(&p1, &sums, &imp);
		sh = imp.shortfall_share;
		if (sh > 0)
		{
			ksum_add(&expected, prob * sh);
			ksum_add(&pshort, prob);
			if (sh > worst)
				worst = sh;
			if (!push_positive(&en, sh, prob))
				goto done;
		}
		else
		{
			ksum_add(&pzero, prob);
			nzero++;
		}
	}

	/* the distribution: zero, then the positive shares merged */
	{
		/* radix sort for long lists, where its 2 x 512 kB of scratch pays */
		bool		radix = en.npos > RADIX_MIN;
		DisruptionPoint *tmp = radix ?
		alloc(&en, en.npos * sizeof(DisruptionPoint)) : NULL;
		uint64_t   *count = radix ? alloc(&en, 65536 * sizeof(uint64_t)) : NULL;
		DisruptionPoint *d = alloc(&en, (en.npos + 1) * sizeof(DisruptionPoint));
		uint64_t	nd = 0;

		if ((radix && (tmp == NULL || count == NULL)) || d == NULL)
		{
			release(&en, tmp);
			release(&en, count);
			release(&en, d);
			goto done;
		}
		if (radix)
			sort_points(en.pos, tmp, count, en.npos);
		else
			heap_sort_points(en.pos, en.npos);
		release(&en, tmp);
		release(&en, count);
		if (nzero > 0)
		{
			d[0].share = 0;
			d[0].probability = ksum_value(&pzero);
			nd = 1;
		}
		for (uint64_t i = 0; i < en.npos;)
		{
			KSum		pr = {0, 0};
			uint64_t	j = i;

			for (; j < en.npos && en.pos[j].share == en.pos[i].share; j++)
				ksum_add(&pr, en.pos[j].probability);
			d[nd].share = en.pos[i].share;
			d[nd].probability = ksum_value(&pr);
			nd++;
			i = j;
		}
		out->dist = d;
		out->npoints = nd;
	}
	out->expected_share = ksum_value(&expected);
	out->p_shortage = ksum_value(&pshort);
	out->worst_share = worst;
	tail_measures(out->dist, out->npoints, out);
	*defined = true;
	st = DIS_OK;

done:
	release(&en, en.pos);
	release(&en, plo);
	release(&en, phi);
	release(&en, en.volume);
	release(&en, en.spare);
	release(&en, en.base);
	release(&en, en.cut);
	release(&en, en.w);
	release(&en, en.mask);
	release(&en, en.counts);
	release(&en, en.seen);
	release(&en, slot_pool);
	release(&en, slot_of);
	return st;
}

/* A lower-case description of a status */
const char *
disruption_status_message(DisruptionStatus st)
{
	switch (st)
	{
		case DIS_OK:
			return "ok";
		case DIS_ERR_NOMEM:
			return "out of memory";
		case DIS_ERR_PROBABILITY:
			return "probability must be between 0 and 1";
		case DIS_ERR_INTENSITY:
			return "intensity must be greater than 0 and at most 1";
		case DIS_ERR_EMPTY_LIST:
			return "the list of suppliers of an event must not be empty";
		case DIS_ERR_EMPTY_CODE:
			return "a supplier code of an event must not be empty";
		case DIS_ERR_CODE_TOO_LONG:
			return "a supplier code of an event is too long";
		case DIS_ERR_TOO_MANY:
			return "too many uncertain events";
	}
	return "unknown status";
}

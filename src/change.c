/*
 * change.c
 *		Change of concentration between two supply mixes, and the dominant
 *		supplier of a mix (see change.h).
 *
 * Both mixes must be in canonical form (entries in byte order of the code),
 * so the suppliers of the two are matched by one merge pass.
 *
 * Plain C: no PostgreSQL headers.
 */
#include <string.h>

#include "change.h"
#include "concentration.h"
#include "interrupt.h"

/* Do the codes of entry i of a and entry j of b differ (-1 for none)? */
static bool
codes_differ(const Mix *a, int64_t i, const Mix *b, int64_t j)
{
	const MixEntry *x,
			   *y;

	if (i < 0 || j < 0)
		return (i < 0) != (j < 0);
	x = &mix_entries(a)[i];
	y = &mix_entries(b)[j];
	return mix_key_cmp(mix_entry_key(a, x), x->keylen,
					   mix_entry_key(b, y), y->keylen) != 0;
}

/*
 * Compare before with after: the HHI of each, their top suppliers, the
 * supplier whose share of the grand total fell most (in percentage points,
 * ties by the smallest code; undefined if a total is 0 or no share fell),
 * and the suppliers with volume > 0 in only one of them.  new_entries
 * (after->count slots) and lost_entries (before->count slots) receive
 * entry positions in byte order of the code.
 */
void
mix_change(const Mix *before, const Mix *after, uint32_t *new_entries,
		   uint32_t *lost_entries, MixChange *out)
{
	double		tb = conc_total(before),
				ta = conc_total(after);
	bool		shares = tb > 0 && ta > 0;
	uint32_t	i = 0,
				j = 0;
	uint64_t	step = 0;

	memset(out, 0, sizeof(*out));
	out->has_hhi_before = conc_hhi(before, &out->hhi_before);
	out->has_hhi_after = conc_hhi(after, &out->hhi_after);
	out->top_before = conc_top_supplier(before);
	out->top_after = conc_top_supplier(after);
	out->top_changed = codes_differ(before, out->top_before, after, out->top_after);

	/* merge the two code lists */
	while (i < before->count || j < after->count)
	{
		const MixEntry *x = i < before->count ? &mix_entries(before)[i] : NULL;
		const MixEntry *y = j < after->count ? &mix_entries(after)[j] : NULL;
		int			c;
		double		vb = 0,
					va = 0;
		const char *key;
		size_t		keylen;

		rr_check_interrupts_every(step++);
		if (x == NULL)
			c = 1;
		else if (y == NULL)
			c = -1;
		else
			c = mix_key_cmp(mix_entry_key(before, x), x->keylen,
							mix_entry_key(after, y), y->keylen);
		if (c <= 0)
		{
			vb = mix_entry_volume(x);
			key = mix_entry_key(before, x);
			keylen = x->keylen;
		}
		else
		{
			key = mix_entry_key(after, y);
			keylen = y->keylen;
		}
		if (c >= 0)
			va = mix_entry_volume(y);
		if (vb > 0 && !(va > 0))
			lost_entries[out->nlost++] = i;
		if (va > 0 && !(vb > 0))
			new_entries[out->nnew++] = j;
		if (shares)
		{
			double		drop = 100.0 * (vb / tb) - 100.0 * (va / ta);

			/* codes come in byte order: a tie keeps the smaller code */
			if (drop > 0 && (!out->has_drop || drop > out->drop))
			{
				out->has_drop = true;
				out->drop = drop;
				out->drop_key = key;
				out->drop_keylen = keylen;
			}
		}
		if (c <= 0)
			i++;
		if (c >= 0)
			j++;
	}
}

/*
 * The named supplier whose share of the grand total exceeds threshold
 * (the largest if several do), or -1: none, or a zero total.
 */
int64_t
mix_dominant(const Mix *m, double threshold)
{
	double		total = conc_total(m);
	int64_t		top = conc_top_supplier(m);

	if (!(total > 0) || top < 0)
		return -1;
	return mix_entry_volume(&mix_entries(m)[top]) / total > threshold ? top : -1;
}

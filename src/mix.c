/*
 * mix.c
 *		The flat supply mix: layout, lookup, orderings and validation.  See
 *		mix.h for the layout; mixes are built by mix_builder.c.
 *
 * Plain C: no PostgreSQL headers.
 */
#include <math.h>
#include <string.h>

#include "interrupt.h"
#include "ksum.h"
#include "mix.h"

#define ALIGN8(x)	(((x) + 7) & ~((size_t) 7))
#define SMALL_CHUNK_LIMIT	8192	/* PostgreSQL rounds smaller chunks to 2^n */

static void sort_order(const Mix *m, uint32_t *order, OrderCmp cmp);

/*
 * Byte size of a flat mix, in 64 bits whatever size_t is: callers compare
 * it with MIX_MAX_SIZE before allocating
 */
uint64_t
mix_layout_size(uint64_t count, bool spare, bool risk, uint64_t arena_size)
{
	return sizeof(Mix) +
		count * (sizeof(MixEntry) + (spare ? sizeof(MixSpare) : 0) +
				 (risk ? sizeof(double) : 0)) +
		arena_size;
}

/* The arena of long keys, after the entries, spares and risks */
const char *
mix_arena(const Mix *m)
{
	return (const char *) m +
		mix_layout_size(m->count, (m->flags & MIX_F_SPARE) != 0,
						(m->flags & MIX_F_RISK) != 0, 0);
}

/* Byte order of two keys; a proper prefix sorts first */
int
mix_key_cmp(const char *a, size_t alen, const char *b, size_t blen)
{
	int			c = memcmp(a, b, alen < blen ? alen : blen);

	if (c != 0)
		return c;
	return (alen > blen) - (alen < blen);
}

/* Does entry e hold key?  prefix is the key's first 8 bytes, zero padded */
static inline bool
entry_matches(const Mix *m, const MixEntry *e, const char *prefix,
			  const char *key, size_t keylen)
{
	return e->keylen == keylen &&
		memcmp(e->key, prefix, MIX_INLINE_KEY) == 0 &&
		(keylen <= MIX_INLINE_KEY ||
		 memcmp(mix_arena(m) + e->key_off, key, keylen) == 0);
}

/* Position of key in m, or -1: bisection if sorted, else a linear search */
int64_t
mix_find(const Mix *m, const char *key, size_t keylen)
{
	const MixEntry *entries = mix_entries(m);
	char		prefix[MIX_INLINE_KEY] = {0};

	memcpy(prefix, key, keylen < MIX_INLINE_KEY ? keylen : MIX_INLINE_KEY);

	if (m->flags & MIX_F_SORTED)
	{
		int64_t		lo = 0,
					hi = (int64_t) m->count - 1;

		while (lo <= hi)
		{
			int64_t		mid = lo + (hi - lo) / 2;
			const MixEntry *e = &entries[mid];
			int			c = mix_key_cmp(mix_entry_key(m, e), e->keylen,
										key, keylen);

			if (c == 0)
				return mid;
			if (c < 0)
				lo = mid + 1;
			else
				hi = mid - 1;
		}
		return -1;
	}
	for (uint32_t i = 0; i < m->count; i++)
	{
		rr_check_interrupts_every(i);
		if (entry_matches(m, &entries[i], prefix, key, keylen))
			return i;
	}
	return -1;
}

static int
cmp_by_key(const void *ctx, uint32_t i, uint32_t j)
{
	const Mix  *m = ctx;
	const MixEntry *a = &mix_entries(m)[i];
	const MixEntry *b = &mix_entries(m)[j];

	return mix_key_cmp(mix_entry_key(m, a), a->keylen,
					   mix_entry_key(m, b), b->keylen);
}

/* order := 0..count-1 sorted by cmp */
static void
sort_order(const Mix *m, uint32_t *order, OrderCmp cmp)
{
	for (uint32_t i = 0; i < m->count; i++)
		order[i] = i;
	sort_positions(order, m->count, cmp, m);
}

/* order[0..count-1] := entry positions in byte order of the key */
void
mix_order_by_key(const Mix *m, uint32_t *order)
{
	if (m->flags & MIX_F_SORTED)
	{
		for (uint32_t i = 0; i < m->count; i++)
			order[i] = i;
		return;
	}
	sort_order(m, order, cmp_by_key);
}

/*
 * The comparator that breaks ties between equal weights by code in byte
 * order: none for a canonical mix, whose positions are in that order.
 */
OrderCmp
mix_tie_order(const Mix *m)
{
	return (m->flags & MIX_F_SORTED) ? NULL : cmp_by_key;
}

/* items[0..count) := every entry, weighted by its volume */
static void
rank_items(const Mix *m, RankItem *items)
{
	const MixEntry *e = mix_entries(m);

	for (uint32_t i = 0; i < m->count; i++)
	{
		rr_check_interrupts_every(i);
		items[i].w = mix_entry_volume(&e[i]);
		items[i].pos = i;
		items[i].pad = 0;
	}
}

/*
 * items[0..count) := entry positions (.pos) by volume descending, then by
 * code in byte order: the rank order of shares().  items must hold
 * 2 count: the second half is the radix sort's buffer.
 */
void
mix_order_by_rank(const Mix *m, RankItem *items)
{
	rank_items(m, items);
	rank_sort_radix(items, m->count, items + m->count, mix_tie_order(m), m);
}

/* The weight of entry i in the rank order: its volume */
static double
volume_weight(const void *ctx, uint32_t i)
{
	return mix_entry_volume(&mix_entries((const Mix *) ctx)[i]);
}

/*
 * items[0..k) := the first k entries in rank order (in no particular
 * order among themselves), without sorting the others; every entry when
 * k >= count.  Linear time on average: one pass with a heap of k for a
 * small k, else a quickselect.
 */
void
mix_top_k(const Mix *m, int64_t k, RankItem *items)
{
	if (k <= MIX_SMALL_TOP && k < (int64_t) m->count / 16)
	{
		rank_top(items, m->count, (size_t) k, volume_weight, m,
				 mix_tie_order(m), m);
		return;
	}
	rank_items(m, items);
	if (k < (int64_t) m->count)
		rank_select(items, m->count, (size_t) k, mix_tie_order(m), m);
}

/*
 * Check that a buffer of `size` bytes is a well-formed mix: header, section
 * sizes, keys inside the arena, values finite and non-negative, canonical
 * order where claimed, no duplicate keys.
 */
MixStatus
mix_validate(const Mix *m, size_t size)
{
	const MixEntry *e;

	if (size < sizeof(Mix) || m->version != MIX_FORMAT_VERSION ||
		(m->flags & ~MIX_F_ALL) != 0 || m->k < 0 ||
		m->arena_used > m->arena_size || m->arena_size % 8 != 0 ||
		m->count > MIX_MAX_SIZE / sizeof(MixEntry) ||
		mix_layout_size(m->count, (m->flags & MIX_F_SPARE) != 0,
						(m->flags & MIX_F_RISK) != 0, m->arena_size) != size)
		return MIX_ERR_CORRUPT;
	if (mix_check_value(m->unattributed + m->unattributed_c) != MIX_OK ||
		mix_check_value(m->unattributed_spare + m->unattributed_spare_c) != MIX_OK)
		return MIX_ERR_CORRUPT;
	e = mix_entries(m);
	for (uint32_t i = 0; i < m->count; i++)
	{
		char		prefix[MIX_INLINE_KEY] = {0};

		rr_check_interrupts_every(i);
		if (e[i].keylen == 0 || e[i].keylen > MIX_MAX_KEY_LEN)
			return MIX_ERR_CORRUPT;
		if (e[i].keylen > MIX_INLINE_KEY &&
			((uint64_t) e[i].key_off + e[i].keylen > m->arena_used))
			return MIX_ERR_CORRUPT;
		memcpy(prefix, mix_entry_key(m, &e[i]),
			   e[i].keylen < MIX_INLINE_KEY ? e[i].keylen : MIX_INLINE_KEY);
		if (memcmp(prefix, e[i].key, MIX_INLINE_KEY) != 0 ||
			memchr(mix_entry_key(m, &e[i]), '\0', e[i].keylen) != NULL)
			return MIX_ERR_CORRUPT;
		if (mix_check_value(mix_entry_volume(&e[i])) != MIX_OK ||
			mix_check_value(mix_entry_spare(m, i)) != MIX_OK ||
			(!isnan(mix_entry_risk(m, i)) &&
			 mix_check_value(mix_entry_risk(m, i)) != MIX_OK))
			return MIX_ERR_CORRUPT;
	}
	/* keys are all in bounds now: look for disorder and duplicates */
	for (uint32_t i = 0; i < m->count; i++)
	{
		rr_check_interrupts_every(i);
		if ((m->flags & MIX_F_SORTED) && i > 0 && cmp_by_key(m, i - 1, i) >= 0)
			return MIX_ERR_CORRUPT;
		if (!(m->flags & MIX_F_SORTED) && m->count <= 4096 &&
			mix_find(m, mix_entry_key(m, &e[i]), e[i].keylen) != (int64_t) i)
			return MIX_ERR_CORRUPT;
	}
	return MIX_OK;
}

/*
 * Is the grand total of m (named suppliers, unattributed volume, and the
 * same for spare capacity) a finite double?  Every share divides by it.
 */
bool
mix_totals_finite(const Mix *m)
{
	KSum		v = {0, 0},
				s = {0, 0};

	for (uint32_t i = 0; i < m->count; i++)
	{
		rr_check_interrupts_every(i);
		ksum_add(&v, mix_entry_volume(&mix_entries(m)[i]));
		ksum_add(&s, mix_entry_spare(m, i));
	}
	ksum_add(&v, m->unattributed + m->unattributed_c);
	ksum_add(&s, m->unattributed_spare + m->unattributed_spare_c);
	return isfinite(v.sum) && isfinite(v.comp) && isfinite(ksum_value(&v)) &&
		isfinite(s.sum) && isfinite(s.comp) && isfinite(ksum_value(&s));
}

/* A lower-case description of a status, for error messages */
const char *
mix_status_message(MixStatus status)
{
	switch (status)
	{
		case MIX_OK:
			return "no error";
		case MIX_ERR_NOMEM:
			return "out of memory";
		case MIX_ERR_TOO_BIG:
			return "supply mix exceeds the maximum size of 1 GB";
		case MIX_ERR_KEY_EMPTY:
			return "supplier code must not be empty";
		case MIX_ERR_KEY_TOO_LONG:
			return "supplier code is longer than 1024 bytes";
		case MIX_ERR_KEY_ZERO_BYTE:
			return "supplier code must not contain a zero byte";
		case MIX_ERR_NEGATIVE:
			return "value must not be negative";
		case MIX_ERR_NAN:
			return "value must not be NaN";
		case MIX_ERR_INFINITE:
			return "value must be finite";
		case MIX_ERR_OVERFLOW:
			return "sum of volumes is out of range for type double precision";
		case MIX_ERR_K_MISMATCH:
			return "cannot merge partial states of concentration_ratio with different k";
		case MIX_ERR_RISK_MISMATCH:
			return "a supplier has two different governance risks";
		case MIX_ERR_RISK_MISSING:
			return "a supplier has no governance risk";
		case MIX_ERR_CORRUPT:
			return "corrupt supply mix";
	}
	return "unknown error";
}

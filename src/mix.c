/*
 * mix.c
 *		The supply mix: lookup, in-place accumulation, growth, merge,
 *		canonical form and validation.  See mix.h for the layout.
 *
 * Plain C: no PostgreSQL headers.
 */
#include <math.h>
#include <string.h>

#include "ksum.h"
#include "mix.h"

#define ALIGN8(x)	(((x) + 7) & ~((size_t) 7))
#define SMALL_CHUNK_LIMIT	8192	/* PostgreSQL rounds smaller chunks to 2^n */

static void mix_rebuild_index(Mix *m);
static void sort_order(const Mix *m, uint32_t *order, MixOrderCmp cmp);

/* Byte size of a mix with the given section sizes */
size_t
mix_layout_size(uint32_t capacity, bool spare, uint32_t index_slots,
				uint32_t arena_size)
{
	return sizeof(Mix) +
		(size_t) capacity * (sizeof(MixEntry) + (spare ? sizeof(MixSpare) : 0)) +
		ALIGN8((size_t) index_slots * sizeof(uint32_t)) +
		(size_t) arena_size;
}

static uint32_t *
mix_index(const Mix *m)
{
	return (uint32_t *) ((char *) m + sizeof(Mix) +
						 (size_t) m->capacity *
						 (sizeof(MixEntry) +
						  ((m->flags & MIX_F_SPARE) ? sizeof(MixSpare) : 0)));
}

/* The arena of long keys, after the index */
const char *
mix_arena(const Mix *m)
{
	return (const char *) mix_index(m) +
		ALIGN8((size_t) m->index_slots * sizeof(uint32_t));
}

/* Is v a volume or spare capacity a mix may hold? */
MixStatus
mix_check_value(double v)
{
	if (isnan(v))
		return MIX_ERR_NAN;
	if (isinf(v))
		return MIX_ERR_INFINITE;
	if (v < 0)
		return MIX_ERR_NEGATIVE;
	return MIX_OK;
}

/* Hash of a supplier code, for the index of large mixes */
static uint64_t
key_hash(const char *key, size_t len)
{
	uint64_t	h = 0x9E3779B97F4A7C15ULL ^ len;

	while (len >= 8)
	{
		uint64_t	w;

		memcpy(&w, key, 8);
		h = (h ^ w) * 0xBF58476D1CE4E5B9ULL;
		h ^= h >> 29;
		key += 8;
		len -= 8;
	}
	if (len > 0)
	{
		uint64_t	w = 0;

		memcpy(&w, key, len);
		h = (h ^ w) * 0xBF58476D1CE4E5B9ULL;
	}
	h ^= h >> 31;
	h *= 0x94D049BB133111EBULL;
	h ^= h >> 32;
	return h;
}

static uint32_t
next_pow2(uint64_t x)
{
	uint64_t	p = 1;

	while (p < x)
		p <<= 1;
	return (uint32_t) p;
}

/* Index slots a mix of this capacity keeps */
static uint32_t
index_slots_for(uint32_t capacity, bool sorted)
{
	if (sorted || capacity <= MIX_LINEAR_MAX)
		return 0;
	return next_pow2((uint64_t) capacity * 2);
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

/* Position of key in m, or -1 */
int64_t
mix_find(const Mix *m, const char *key, size_t keylen)
{
	const MixEntry *entries = mix_entries(m);
	char		prefix[MIX_INLINE_KEY] = {0};

	memcpy(prefix, key, keylen < MIX_INLINE_KEY ? keylen : MIX_INLINE_KEY);

	if (m->index_slots > 0)
	{
		const uint32_t *index = mix_index(m);
		uint32_t	mask = m->index_slots - 1;
		uint32_t	slot = (uint32_t) key_hash(key, keylen) & mask;

		while (index[slot] != 0)
		{
			uint32_t	i = index[slot] - 1;

			if (entry_matches(m, &entries[i], prefix, key, keylen))
				return i;
			slot = (slot + 1) & mask;
		}
		return -1;
	}
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
		if (entry_matches(m, &entries[i], prefix, key, keylen))
			return i;
	return -1;
}

/* Insert entry i into the hash index */
static void
index_insert(Mix *m, uint32_t i)
{
	uint32_t   *index = mix_index(m);
	const MixEntry *e = &mix_entries(m)[i];
	uint32_t	mask = m->index_slots - 1;
	uint32_t	slot = (uint32_t) key_hash(mix_entry_key(m, e), e->keylen) & mask;

	while (index[slot] != 0)
		slot = (slot + 1) & mask;
	index[slot] = i + 1;
}

static void
mix_rebuild_index(Mix *m)
{
	if (m->index_slots == 0)
		return;
	memset(mix_index(m), 0, (size_t) m->index_slots * sizeof(uint32_t));
	for (uint32_t i = 0; i < m->count; i++)
		index_insert(m, i);
}

/* Write an empty mix of the given shape into buf (already zeroed) */
static Mix *
mix_init(void *buf, uint32_t capacity, bool spare, bool sorted,
		 uint32_t arena_size)
{
	Mix		   *m = (Mix *) buf;

	m->version = MIX_FORMAT_VERSION;
	m->flags = (spare ? MIX_F_SPARE : 0) | (sorted ? MIX_F_SORTED : 0);
	m->capacity = capacity;
	m->index_slots = index_slots_for(capacity, sorted);
	m->arena_size = arena_size;
	return m;
}

/*
 * Choose the shape of a mix that must hold at least `entries` entries and
 * `arena` arena bytes.  Below PostgreSQL's small-chunk limit memory comes in
 * powers of two, so the capacity is raised to fill the chunk.
 */
static size_t
choose_shape(uint64_t entries, uint64_t arena, bool spare,
			 uint32_t *capacity, uint32_t *arena_size)
{
	uint64_t	cap = entries < 2 ? 2 : entries;
	uint64_t	size;

	arena = ALIGN8(arena);
	if (cap > UINT32_MAX / 4 || arena > MIX_MAX_SIZE)
		return 0;
	size = mix_layout_size((uint32_t) cap, spare,
						   index_slots_for((uint32_t) cap, false),
						   (uint32_t) arena);
	if (size <= SMALL_CHUNK_LIMIT)
	{
		uint64_t	chunk = next_pow2(size);

		while (mix_layout_size((uint32_t) cap + 1, spare,
							   index_slots_for((uint32_t) cap + 1, false),
							   (uint32_t) arena) <= chunk)
			cap++;
		size = mix_layout_size((uint32_t) cap, spare,
							   index_slots_for((uint32_t) cap, false),
							   (uint32_t) arena);
	}
	if (size > MIX_MAX_SIZE)
		return 0;
	*capacity = (uint32_t) cap;
	*arena_size = (uint32_t) arena;
	return size;
}

/* A new empty, unsorted mix with room for `capacity` suppliers */
Mix *
mix_create(const MixAllocator *a, uint32_t capacity, bool spare,
		   MixStatus *status)
{
	uint32_t	cap,
				arena;
	size_t		size = choose_shape(capacity, 0, spare, &cap, &arena);
	void	   *buf;

	if (size == 0)
	{
		*status = MIX_ERR_TOO_BIG;
		return NULL;
	}
	buf = a->alloc(a->arg, size);
	if (buf == NULL)
	{
		*status = MIX_ERR_NOMEM;
		return NULL;
	}
	*status = MIX_OK;
	return mix_init(buf, cap, spare, false, arena);
}

/*
 * Copy src into a new, unsorted buffer with room for `more_entries` more
 * suppliers and `more_arena` more key bytes, with spare capacity if `spare`.
 */
static MixStatus
mix_regrow(Mix **mp, const MixAllocator *a, uint64_t more_entries,
		   uint64_t more_arena, bool spare)
{
	const Mix  *src = *mp;
	uint64_t	want_entries = (uint64_t) src->count + more_entries;
	uint64_t	want_arena = (uint64_t) src->arena_used + more_arena;
	uint32_t	cap,
				arena;
	size_t		size;
	Mix		   *dst;

	/* grow geometrically so that n additions cost O(n) copying */
	if (want_entries > src->capacity && want_entries < (uint64_t) src->capacity * 2)
		want_entries = (uint64_t) src->capacity * 2;
	if (want_arena > src->arena_size && want_arena < (uint64_t) src->arena_size * 2)
		want_arena = (uint64_t) src->arena_size * 2;
	size = choose_shape(want_entries, want_arena, spare, &cap, &arena);
	if (size == 0)
		return MIX_ERR_TOO_BIG;
	dst = a->alloc(a->arg, size);
	if (dst == NULL)
		return MIX_ERR_NOMEM;
	mix_init(dst, cap, spare, false, arena);
	dst->k = src->k;
	dst->count = src->count;
	dst->arena_used = src->arena_used;
	dst->unattributed = src->unattributed;
	dst->unattributed_c = src->unattributed_c;
	dst->unattributed_spare = src->unattributed_spare;
	dst->unattributed_spare_c = src->unattributed_spare_c;
	memcpy(mix_entries(dst), mix_entries(src),
		   (size_t) src->count * sizeof(MixEntry));
	if (mix_spares(src) != NULL)
		memcpy(mix_spares(dst), mix_spares(src),
			   (size_t) src->count * sizeof(MixSpare));
	memcpy((char *) mix_arena(dst), mix_arena(src), src->arena_used);
	mix_rebuild_index(dst);
	if (a->release)
		a->release(a->arg, *mp);
	*mp = dst;
	return MIX_OK;
}

/* Append a new supplier; the caller has made room */
static uint32_t
mix_append(Mix *m, const char *key, size_t keylen)
{
	uint32_t	i = m->count++;
	MixEntry   *e = &mix_entries(m)[i];

	memset(e, 0, sizeof(MixEntry));
	e->keylen = (uint32_t) keylen;
	memcpy(e->key, key, keylen < MIX_INLINE_KEY ? keylen : MIX_INLINE_KEY);
	if (keylen > MIX_INLINE_KEY)
	{
		e->key_off = m->arena_used;
		memcpy((char *) mix_arena(m) + m->arena_used, key, keylen);
		m->arena_used += (uint32_t) keylen;
	}
	m->flags &= ~MIX_F_SORTED;
	if (m->index_slots > 0)
		index_insert(m, i);
	return i;
}

/* Add (sum, comp) to a compensated pair, failing on overflow */
static MixStatus
add_checked(double *sum, double *comp, double x, double xc)
{
	ksum_add_parts(sum, comp, x);
	*comp += xc;
	if (!isfinite(*sum) || !isfinite(*comp) || !isfinite(*sum + *comp))
		return MIX_ERR_OVERFLOW;
	return MIX_OK;
}

/* Position of key in *mp, appending it (growing the mix) if absent */
static MixStatus
mix_slot(Mix **mp, const MixAllocator *a, const char *key, size_t keylen,
		 bool spare, uint32_t *pos)
{
	int64_t		i;
	MixStatus	st;

	if (keylen == 0)
		return MIX_ERR_KEY_EMPTY;
	if (keylen > MIX_MAX_KEY_LEN)
		return MIX_ERR_KEY_TOO_LONG;
	spare = spare || ((*mp)->flags & MIX_F_SPARE);
	i = mix_find(*mp, key, keylen);
	if (i >= 0 && (spare == (((*mp)->flags & MIX_F_SPARE) != 0)))
	{
		*pos = (uint32_t) i;
		return MIX_OK;
	}
	if (i < 0 &&
		(*mp)->count < (*mp)->capacity &&
		(keylen <= MIX_INLINE_KEY ||
		 (*mp)->arena_used + keylen <= (*mp)->arena_size) &&
		spare == (((*mp)->flags & MIX_F_SPARE) != 0))
	{
		*pos = mix_append(*mp, key, keylen);
		return MIX_OK;
	}
	st = mix_regrow(mp, a, i < 0 ? 1 : 0,
					(i < 0 && keylen > MIX_INLINE_KEY) ? keylen : 0, spare);
	if (st != MIX_OK)
		return st;
	*pos = i >= 0 ? (uint32_t) i : mix_append(*mp, key, keylen);
	return MIX_OK;
}

/*
 * Add one row: volume (and spare capacity, if with_spare) to supplier key,
 * or to the unattributed volume when key is NULL.  *mp may be replaced by a
 * larger copy.
 */
MixStatus
mix_add(Mix **mp, const MixAllocator *a, const char *key, size_t keylen,
		double volume, double spare, bool with_spare)
{
	MixStatus	st;
	uint32_t	i;
	Mix		   *m;

	if ((st = mix_check_value(volume)) != MIX_OK)
		return st;
	if (with_spare && (st = mix_check_value(spare)) != MIX_OK)
		return st;

	if (key == NULL)
	{
		if (with_spare && !((*mp)->flags & MIX_F_SPARE) &&
			(st = mix_regrow(mp, a, 0, 0, true)) != MIX_OK)
			return st;
		m = *mp;
		if ((st = add_checked(&m->unattributed, &m->unattributed_c,
							  volume, 0)) != MIX_OK)
			return st;
		if (with_spare)
			return add_checked(&m->unattributed_spare,
							   &m->unattributed_spare_c, spare, 0);
		return MIX_OK;
	}

	if ((st = mix_slot(mp, a, key, keylen, with_spare, &i)) != MIX_OK)
		return st;
	m = *mp;
	if ((st = add_checked(&mix_entries(m)[i].volume,
						  &mix_entries(m)[i].volume_c, volume, 0)) != MIX_OK)
		return st;
	if (with_spare)
		return add_checked(&mix_spares(m)[i].spare,
						   &mix_spares(m)[i].spare_c, spare, 0);
	return MIX_OK;
}

/* Merge src into *dstp (the union of two mixes); *dstp may be replaced */
MixStatus
mix_merge(Mix **dstp, const MixAllocator *a, const Mix *src)
{
	const MixEntry *se = mix_entries(src);
	const MixSpare *ss = mix_spares(src);
	bool		spare = ss != NULL;
	MixStatus	st;
	Mix		   *d;

	if (src->k != 0 && (*dstp)->k != 0 && src->k != (*dstp)->k)
		return MIX_ERR_K_MISMATCH;
	if (spare && !((*dstp)->flags & MIX_F_SPARE) &&
		(st = mix_regrow(dstp, a, src->count, src->arena_used, true)) != MIX_OK)
		return st;
	else if (src->count > 0 &&
			 (*dstp)->count + src->count > (*dstp)->capacity &&
			 (st = mix_regrow(dstp, a, src->count, src->arena_used,
							  ((*dstp)->flags & MIX_F_SPARE) != 0)) != MIX_OK)
		return st;

	d = *dstp;
	if (d->k == 0)
		d->k = src->k;
	if ((st = add_checked(&d->unattributed, &d->unattributed_c,
						  src->unattributed, src->unattributed_c)) != MIX_OK ||
		(st = add_checked(&d->unattributed_spare, &d->unattributed_spare_c,
						  src->unattributed_spare,
						  src->unattributed_spare_c)) != MIX_OK)
		return st;

	for (uint32_t j = 0; j < src->count; j++)
	{
		uint32_t	i;

		if ((st = mix_slot(dstp, a, mix_entry_key(src, &se[j]), se[j].keylen,
						   spare, &i)) != MIX_OK)
			return st;
		d = *dstp;
		if ((st = add_checked(&mix_entries(d)[i].volume,
							  &mix_entries(d)[i].volume_c,
							  se[j].volume, se[j].volume_c)) != MIX_OK)
			return st;
		if (spare &&
			(st = add_checked(&mix_spares(d)[i].spare, &mix_spares(d)[i].spare_c,
							  ss[j].spare, ss[j].spare_c)) != MIX_OK)
			return st;
	}
	return MIX_OK;
}

/*
 * The canonical form of src: entries in byte order of the key, no slack, no
 * index, sums folded into one double each.  Equal mixes give equal bytes.
 */
Mix *
mix_canonical(const Mix *src, const MixAllocator *a, MixStatus *status)
{
	bool		spare = (src->flags & MIX_F_SPARE) != 0;
	uint32_t	arena = 0;
	uint32_t   *order;
	size_t		size;
	Mix		   *dst;
	MixEntry   *de;
	MixSpare   *ds;

	for (uint32_t i = 0; i < src->count; i++)
		if (mix_entries(src)[i].keylen > MIX_INLINE_KEY)
			arena += mix_entries(src)[i].keylen;
	arena = (uint32_t) ALIGN8((size_t) arena);
	size = mix_layout_size(src->count, spare, 0, arena);
	order = a->alloc(a->arg, ((size_t) src->count + 1) * sizeof(uint32_t));
	dst = order ? a->alloc(a->arg, size) : NULL;
	if (dst == NULL)
	{
		if (order && a->release)
			a->release(a->arg, order);
		*status = MIX_ERR_NOMEM;
		return NULL;
	}
	mix_init(dst, src->count, spare, true, arena);
	dst->k = src->k;
	dst->unattributed = src->unattributed + src->unattributed_c;
	dst->unattributed_spare = src->unattributed_spare + src->unattributed_spare_c;

	mix_order_by_key(src, order);
	de = mix_entries(dst);
	ds = mix_spares(dst);
	for (uint32_t j = 0; j < src->count; j++)
	{
		const MixEntry *e = &mix_entries(src)[order[j]];

		de[j].volume = mix_entry_volume(e);
		de[j].keylen = e->keylen;
		memcpy(de[j].key, e->key, MIX_INLINE_KEY);
		if (e->keylen > MIX_INLINE_KEY)
		{
			de[j].key_off = dst->arena_used;
			memcpy((char *) mix_arena(dst) + dst->arena_used,
				   mix_entry_key(src, e), e->keylen);
			dst->arena_used += e->keylen;
		}
		if (ds)
			ds[j].spare = mix_entry_spare(src, order[j]);
	}
	dst->count = src->count;
	if (a->release)
		a->release(a->arg, order);
	*status = MIX_OK;
	return dst;
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

/* Volume descending, then key ascending: the rank order of shares() */
static int
cmp_by_rank(const void *ctx, uint32_t i, uint32_t j)
{
	const Mix  *m = ctx;
	double		vi = mix_entry_volume(&mix_entries(m)[i]);
	double		vj = mix_entry_volume(&mix_entries(m)[j]);

	if (vi != vj)
		return vi > vj ? -1 : 1;
	return cmp_by_key(m, i, j);
}

/* Heap sort of order[0..n) by cmp: in place, O(n log n), no allocation */
void
mix_heap_sort(uint32_t *order, uint32_t n, MixOrderCmp cmp, const void *ctx)
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

/* order := 0..count-1 sorted by cmp */
static void
sort_order(const Mix *m, uint32_t *order, MixOrderCmp cmp)
{
	for (uint32_t i = 0; i < m->count; i++)
		order[i] = i;
	mix_heap_sort(order, m->count, cmp, m);
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

/* order[0..count-1] := entry positions by volume descending, then key */
void
mix_order_by_rank(const Mix *m, uint32_t *order)
{
	sort_order(m, order, cmp_by_rank);
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
		m->count > m->capacity || m->arena_used > m->arena_size ||
		m->capacity > MIX_MAX_SIZE / sizeof(MixEntry) ||
		m->index_slots != index_slots_for(m->capacity,
										  (m->flags & MIX_F_SORTED) != 0) ||
		m->arena_size % 8 != 0 ||
		mix_layout_size(m->capacity, (m->flags & MIX_F_SPARE) != 0,
						m->index_slots, m->arena_size) != size)
		return MIX_ERR_CORRUPT;
	if (mix_check_value(m->unattributed + m->unattributed_c) != MIX_OK ||
		mix_check_value(m->unattributed_spare + m->unattributed_spare_c) != MIX_OK)
		return MIX_ERR_CORRUPT;
	if (m->index_slots > 0)
	{
		const uint32_t *index = mix_index(m);
		uint32_t	used = 0;

		for (uint32_t s = 0; s < m->index_slots; s++)
		{
			if (index[s] > m->count)
				return MIX_ERR_CORRUPT;
			used += index[s] != 0;
		}
		if (used != m->count)
			return MIX_ERR_CORRUPT;
	}
	e = mix_entries(m);
	for (uint32_t i = 0; i < m->count; i++)
	{
		char		prefix[MIX_INLINE_KEY] = {0};

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
			mix_check_value(mix_entry_spare(m, i)) != MIX_OK)
			return MIX_ERR_CORRUPT;
	}
	/* keys are all in bounds now: look for disorder and duplicates */
	for (uint32_t i = 0; i < m->count; i++)
	{
		if ((m->flags & MIX_F_SORTED) && i > 0 && cmp_by_key(m, i - 1, i) >= 0)
			return MIX_ERR_CORRUPT;
		if (!(m->flags & MIX_F_SORTED) &&
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
		case MIX_ERR_CORRUPT:
			return "corrupt supply mix";
	}
	return "unknown error";
}

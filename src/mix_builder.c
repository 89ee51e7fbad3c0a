/*
 * mix_builder.c
 *		Accumulating a supply mix: lookup, append, merge and the canonical
 *		flat form.  See mix_builder.h for the layout and why.  With
 *		RR_ASSERT_CHECKING every public mutation ends by checking the
 *		builder (mixb_check, at the end of the file).
 *
 * Plain C: no PostgreSQL headers.
 */
#include <float.h>
#include <math.h>
#include <string.h>

#include "assert_check.h"
#include "interrupt.h"
#include "ksum.h"
#include "mix_builder.h"

#define ALIGN8(x)	(((x) + 7) & ~((uint64_t) 7))
#define MAX_SEGMENTS 32
#define QUEUE_BOUND (DBL_MAX / 4)	/* below it no sum of a mix overflows */

#ifdef RR_ASSERT_CHECKING
static MixStatus mixb_check(const MixBuilder *b, MixStatus st);
static MixStatus mix_flat_check(const Mix *m, MixStatus st);
#endif

/* Segment pointers by number, kept only while a hash index exists */
typedef struct SegmentTable
{
	MixSegment *seg[MAX_SEGMENTS];
} SegmentTable;

/* The key prefixes of a segment's entries, right after its header */
static inline uint64_t *
seg_prefix(const MixSegment *s)
{
	return (uint64_t *) (s + 1);
}

/* The cells of a segment's entries, right after its prefixes */
static inline MixCell *
seg_cells(const MixSegment *s)
{
	return (MixCell *) (seg_prefix(s) + s->capacity);
}

/* The spare capacities of a segment's entries, or NULL */
static inline MixSpare *
seg_spares(const MixSegment *s)
{
	return s->extra ? s->extra->spares : NULL;
}

/* The risks of a segment's entries, or NULL */
static inline double *
seg_risks(const MixSegment *s)
{
	return s->extra ? s->extra->risks : NULL;
}

/* The code of entry o of a segment if it is longer than 8 bytes, else NULL */
static inline const MixLongKey *
seg_long_key(const MixSegment *s, uint32_t o)
{
	return s->extra && s->extra->long_keys ? s->extra->long_keys[o] : NULL;
}

/* The inline first segment is laid out as every other one */
_Static_assert(offsetof(MixBuilder, seg0_prefix) ==
			   offsetof(MixBuilder, seg0) + sizeof(MixSegment) &&
			   offsetof(MixBuilder, seg0_cells) ==
			   offsetof(MixBuilder, seg0_prefix) + MIXB_FIRST_SEGMENT * sizeof(uint64_t),
			   "seg0 must be followed by its prefixes and cells");

/*
 * One entry for the canonical sort: its code and its number.  16 bytes, so
 * that the array for the largest mix (MIX_MAX_SIZE / sizeof(MixEntry)
 * entries) stays below MIX_MAX_SIZE as well.
 */
typedef struct EntryRef
{
	const char *key;
	uint32_t	keylen;
	uint32_t	n;
} EntryRef;

/*
 * Zero-padded first 8 bytes of a key.  A short key is read with two
 * overlapping loads and assembled in registers: copying a variable number
 * of bytes into a stack word and loading it whole would stall on
 * store-to-load forwarding, once for every row.
 */
static inline uint64_t
key_prefix(const char *key, size_t len)
{
	const unsigned char *k = (const unsigned char *) key;
	uint64_t	p = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint32_t	lo,
				hi;

	if (len >= 8)
		memcpy(&p, k, 8);
	else if (len >= 4)
	{
		memcpy(&lo, k, 4);
		memcpy(&hi, k + len - 4, 4);
		p = lo | ((uint64_t) hi << (8 * (len - 4)));
	}
	else if (len > 0)
		p = k[0] | ((uint64_t) k[len / 2] << (8 * (len / 2))) |
			((uint64_t) k[len - 1] << (8 * (len - 1)));
#else
	memcpy(&p, k, len < 8 ? len : 8);
#endif
	return p;
}

/*
 * Is one of the first len (<= 8) bytes of a prefix zero?  The bytes
 * past len are set to 0xFF first; then the classic has-zero-byte test.
 */
static inline bool
prefix_has_zero(uint64_t pfx, size_t len)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	uint64_t	v = pfx | (len >= 8 ? 0 : ~UINT64_C(0) >> (8 * len));
#else
	uint64_t	v = pfx | (len >= 8 ? 0 : ~UINT64_C(0) << (8 * len));
#endif

	return ((v - UINT64_C(0x0101010101010101)) & ~v & UINT64_C(0x8080808080808080)) != 0;
}

/*
 * Length of a code of at most 8 bytes, from its zero-padded prefix (codes
 * have no zero byte): where the padding starts.
 */
static inline uint32_t
prefix_len(const uint64_t *p)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	return *p == 0 ? 0 : (uint32_t) (71 - __builtin_clzll(*p)) / 8;
#else
	const char *c = (const char *) p;
	uint32_t	n = 0;

	while (n < 8 && c[n] != '\0')
		n++;
	return n;
#endif
}

/*
 * A prefix as a number that orders as its bytes do (its big-endian value):
 * zero padding sorts first, as a proper prefix does in mix_key_cmp()
 */
static inline uint64_t
prefix_order(uint64_t pfx)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	return __builtin_bswap64(pfx);
#else
	return pfx;
#endif
}

/* Hash of a code, for the index of large mixes */
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
		h = (h ^ key_prefix(key, len)) * 0xBF58476D1CE4E5B9ULL;
	h ^= h >> 31;
	h *= 0x94D049BB133111EBULL;
	h ^= h >> 32;
	return h;
}

/* The bytes of entry o of segment s */
static inline const char *
entry_key(const MixSegment *s, uint32_t o, uint32_t *len)
{
	const MixLongKey *lk = seg_long_key(s, o);

	if (lk)
	{
		*len = lk->len;
		return lk->bytes;
	}
	*len = prefix_len(&seg_prefix(s)[o]);
	return (const char *) &seg_prefix(s)[o];
}

/* Does entry o of segment s hold the key (whose prefix is pfx)? */
static inline bool
entry_matches(const MixSegment *s, uint32_t o, uint64_t pfx,
			  const char *key, size_t len)
{
	const MixLongKey *lk;

	if (seg_prefix(s)[o] != pfx)
		return false;
	if (len < 8)
		return true;
	lk = seg_long_key(s, o);
	if (len == 8)
		return lk == NULL;
	return lk != NULL && lk->len == len && memcmp(lk->bytes, key, len) == 0;
}

/* Segment number and offset of entry number n (segments of F, F, 2F, 4F...) */
static inline void
locate(uint32_t n, uint32_t *segno, uint32_t *off)
{
	if (n < MIXB_FIRST_SEGMENT)
	{
		*segno = 0;
		*off = n;
		return;
	}
	*segno = 31 - __builtin_clz(n) - MIXB_FIRST_SEGMENT_LOG2 + 1;
	*off = n - (1u << (*segno + MIXB_FIRST_SEGMENT_LOG2 - 1));
}

void
mixb_init(MixBuilder *b, const CoreAllocator *a)
{
	memset(b, 0, sizeof(MixBuilder));
	b->alloc = a;
	b->seg0.capacity = MIXB_FIRST_SEGMENT;
	b->last = &b->seg0;
	b->capacity = MIXB_FIRST_SEGMENT;
}

/* Find key; on success set *seg and *off */
static bool
mixb_find(const MixBuilder *b, const char *key, size_t len, uint64_t pfx,
		  MixSegment **seg, uint32_t *off)
{
	if (b->index != NULL)
	{
		const SegmentTable *t = (const SegmentTable *) (b->index + b->index_slots);
		uint32_t	mask = b->index_slots - 1;
		uint32_t	slot = (uint32_t) key_hash(key, len) & mask;

		while (b->index[slot] != 0)
		{
			uint32_t	segno,
						o;

			locate(b->index[slot] - 1, &segno, &o);
			if (entry_matches(t->seg[segno], o, pfx, key, len))
			{
				*seg = t->seg[segno];
				*off = o;
				return true;
			}
			slot = (slot + 1) & mask;
		}
		return false;
	}
	for (MixSegment *s = (MixSegment *) &b->seg0; s != NULL; s = s->next)
		for (uint32_t o = 0; o < s->used; o++)
			if (entry_matches(s, o, pfx, key, len))
			{
				*seg = s;
				*off = o;
				return true;
			}
	return false;
}

bool
mixb_contains(MixBuilder *b, const char *key, size_t keylen)
{
	MixSegment *s;
	uint32_t	o;

	(void) mixb_apply_pending(b);
	return mixb_find(b, key, keylen, key_prefix(key, keylen), &s, &o);
}

static void *
arena_alloc(const MixBuilder *b, uint64_t size)
{
	if (size > MIX_MAX_SIZE)
		return NULL;
	return b->alloc->alloc(b->alloc->arg, (size_t) size);
}

/*
 * The extra arrays of segment s, made (all NULL) on first need; NULL if
 * out of memory
 */
static MixSegmentExtra *
seg_extra(const MixBuilder *b, MixSegment *s)
{
	if (s->extra == NULL)
		s->extra = arena_alloc(b, sizeof(MixSegmentExtra));
	return s->extra;
}

/*
 * Would the flat form still fit in MIX_MAX_SIZE with `more` more entries,
 * `more_long` more bytes of long codes, and spare capacity and risks as
 * given?  Checked before the builder grows, so that what cannot be written
 * out (a varlena holds at most 1 GB) is refused when it is made.
 */
static inline bool
flat_fits(const MixBuilder *b, uint32_t more, uint64_t more_long,
		  bool spare, bool risk)
{
	return mix_layout_size((uint64_t) b->count + more, spare, risk,
						   ALIGN8(b->long_bytes + more_long)) <= MIX_MAX_SIZE;
}

/* (Re)build the hash index for the current capacity */
static MixStatus
rebuild_index(MixBuilder *b)
{
	uint32_t	slots = 1;
	uint32_t   *index;
	SegmentTable *t;
	uint32_t	n = 0,
				segno = 0;

	while (slots < 2 * (uint64_t) b->capacity)
		slots <<= 1;
	index = arena_alloc(b, (uint64_t) slots * sizeof(uint32_t) + sizeof(SegmentTable));
	if (index == NULL)
		return MIX_ERR_NOMEM;
	t = (SegmentTable *) (index + slots);
	for (MixSegment *s = &b->seg0; s != NULL; s = s->next, segno++)
	{
		t->seg[segno] = s;
		for (uint32_t o = 0; o < s->used; o++, n++)
		{
			uint32_t	len;
			const char *key = entry_key(s, o, &len);
			uint32_t	slot = (uint32_t) key_hash(key, len) & (slots - 1);

			while (index[slot] != 0)
				slot = (slot + 1) & (slots - 1);
			index[slot] = n + 1;
		}
	}
	if (b->index && b->alloc->release)
		b->alloc->release(b->alloc->arg, b->index);
	b->index = index;
	b->index_slots = slots;
	return MIX_OK;
}

/* Give every segment a spare array: the mix now carries spare capacity */
static MixStatus
enable_spare(MixBuilder *b)
{
	if (!flat_fits(b, 0, 0, true, b->risk))
		return MIX_ERR_TOO_BIG;
	for (MixSegment *s = &b->seg0; s != NULL; s = s->next)
		if (seg_spares(s) == NULL)
		{
			MixSegmentExtra *x = seg_extra(b, s);

			if (x == NULL ||
				(x->spares = arena_alloc(b, (uint64_t) s->capacity * sizeof(MixSpare))) == NULL)
				return MIX_ERR_NOMEM;
			x->spares_apart = true;
		}
	b->spare = true;
	return MIX_OK;
}

/* A risk array of n entries, all "none" (NaN) */
static double *
new_risks(const MixBuilder *b, uint32_t n)
{
	double	   *r = arena_alloc(b, (uint64_t) n * sizeof(double));

	for (uint32_t i = 0; r != NULL && i < n; i++)
		r[i] = NAN;
	return r;
}

/* Give every segment a risk array: the mix now carries governance risks */
static MixStatus
enable_risk(MixBuilder *b)
{
	if (!flat_fits(b, 0, 0, b->spare, true))
		return MIX_ERR_TOO_BIG;
	for (MixSegment *s = &b->seg0; s != NULL; s = s->next)
		if (seg_risks(s) == NULL)
		{
			MixSegmentExtra *x = seg_extra(b, s);

			if (x == NULL || (x->risks = new_risks(b, s->capacity)) == NULL)
				return MIX_ERR_NOMEM;
		}
	b->risk = true;
	return MIX_OK;
}

/* May entry o of s take the risk: has it none, or the same? */
static MixStatus
check_risk(const MixSegment *s, uint32_t o, double risk)
{
	double		r = seg_risks(s)[o];

	return isnan(r) || r == risk ? MIX_OK : MIX_ERR_RISK_MISMATCH;
}

/* Add a segment as large as the whole mix so far */
static MixStatus
add_segment(MixBuilder *b)
{
	uint32_t	cap = b->capacity;
	uint64_t	size = sizeof(MixSegment) + (uint64_t) cap *
		(sizeof(uint64_t) + sizeof(MixCell) + (b->spare ? sizeof(MixSpare) : 0));
	MixSegment *s;
	MixSegmentExtra *x = NULL;

	if ((uint64_t) b->capacity + cap > MIX_MAX_SIZE / sizeof(MixEntry))
		return MIX_ERR_TOO_BIG;
	if ((s = arena_alloc(b, size)) == NULL)
		return MIX_ERR_NOMEM;
	s->capacity = cap;
	if ((b->spare || b->risk) && (x = seg_extra(b, s)) == NULL)
		return MIX_ERR_NOMEM;
	if (b->spare)
		x->spares = (MixSpare *) (seg_cells(s) + cap);
	if (b->risk && (x->risks = new_risks(b, cap)) == NULL)
		return MIX_ERR_NOMEM;
	b->last->next = s;
	b->last = s;
	if (b->seg1 == NULL)
		b->seg1 = s;
	else if (b->seg2 == NULL)
		b->seg2 = s;
	b->capacity += cap;
	return MIX_OK;
}

/* Append a new supplier */
static MixStatus
append(MixBuilder *b, const char *key, size_t len, uint64_t pfx,
	   MixSegment **seg, uint32_t *off)
{
	MixStatus	st;
	MixSegment *s;
	uint32_t	o;

	if (!flat_fits(b, 1, len > 8 ? len : 0, b->spare, b->risk))
		return MIX_ERR_TOO_BIG;
	if (b->last->used == b->last->capacity && (st = add_segment(b)) != MIX_OK)
		return st;
	s = b->last;
	o = s->used;
	if (len > 8)
	{
		MixLongKey *lk = arena_alloc(b, sizeof(MixLongKey) + len);
		MixSegmentExtra *x = lk ? seg_extra(b, s) : NULL;

		if (x == NULL ||
			(x->long_keys == NULL &&
			 (x->long_keys = arena_alloc(b, (uint64_t) s->capacity * sizeof(MixLongKey *))) == NULL))
			return MIX_ERR_NOMEM;
		lk->len = (uint32_t) len;
		memcpy(lk->bytes, key, len);
		x->long_keys[o] = lk;
		b->long_bytes += len;
	}
	seg_prefix(s)[o] = pfx;
	s->used++;
	b->count++;
	if (b->count > MIXB_LINEAR_MAX)
	{
		if (b->index == NULL || b->index_slots < 2 * (uint64_t) b->capacity)
		{
			if ((st = rebuild_index(b)) != MIX_OK)
				return st;
		}
		else
		{
			uint32_t	slot = (uint32_t) key_hash(key, len) & (b->index_slots - 1);
			SegmentTable *t = (SegmentTable *) (b->index + b->index_slots);
			uint32_t	segno,
						off_unused;

			while (b->index[slot] != 0)
				slot = (slot + 1) & (b->index_slots - 1);
			b->index[slot] = b->count;
			locate(b->count - 1, &segno, &off_unused);
			t->seg[segno] = s;
		}
	}
	*seg = s;
	*off = o;
	return MIX_OK;
}

/*
 * Add (v, vc) to the compensated sum (*sum, *comp) and, if ssum is not
 * NULL, (sp, spc) to (*ssum, *scomp): both or, if either overflows,
 * neither
 */
static MixStatus
add_both(double *sum, double *comp, double v, double vc,
		 double *ssum, double *scomp, double sp, double spc)
{
	double		s = *sum,
				c = *comp,
				ss = 0,
				sc = 0;
	MixStatus	st;

	if ((st = mix_add_checked(&s, &c, v, vc)) != MIX_OK)
		return st;
	if (ssum != NULL)
	{
		ss = *ssum;
		sc = *scomp;
		if ((st = mix_add_checked(&ss, &sc, sp, spc)) != MIX_OK)
			return st;
		*ssum = ss;
		*scomp = sc;
	}
	*sum = s;
	*comp = c;
	return MIX_OK;
}

/*
 * Add (volume, volume_c) and (spare, spare_c) to supplier key, appending
 * it if absent; key NULL is the unattributed volume.  Values are checked;
 * a failure adds no value (a supplier appended stays, with nothing).
 */
static MixStatus
add_parts(MixBuilder *b, const char *key, size_t len, double v, double vc,
		  double sp, double spc, bool with_spare, double risk)
{
	MixStatus	st;
	MixSegment *s;
	uint32_t	o;
	uint64_t	pfx;
	MixCell    *c;

	if (with_spare && !b->spare && (st = enable_spare(b)) != MIX_OK)
		return st;
	if (key == NULL)
		return add_both(&b->unattributed, &b->unattributed_c, v, vc,
						with_spare ? &b->unattributed_spare : NULL,
						&b->unattributed_spare_c, sp, spc);
	if (len == 0)
		return MIX_ERR_KEY_EMPTY;
	if (len > MIX_MAX_KEY_LEN)
		return MIX_ERR_KEY_TOO_LONG;
	pfx = key_prefix(key, len);
	/* a zero byte would end a short code early (PostgreSQL text has none) */
	if (len <= 8 ? prefix_has_zero(pfx, len) : memchr(key, '\0', len) != NULL)
		return MIX_ERR_KEY_ZERO_BYTE;
	if (!mixb_find(b, key, len, pfx, &s, &o) &&
		(st = append(b, key, len, pfx, &s, &o)) != MIX_OK)
		return st;
	if (!isnan(risk) &&
		(((!b->risk && (st = enable_risk(b)) != MIX_OK)) ||
		 (st = check_risk(s, o, risk)) != MIX_OK))
		return st;
	c = &seg_cells(s)[o];
	if ((st = add_both(&c->volume, &c->volume_c, v, vc,
					   with_spare ? &seg_spares(s)[o].spare : NULL,
					   with_spare ? &seg_spares(s)[o].spare_c : NULL, sp, spc)) != MIX_OK)
		return st;
	if (!isnan(risk))
		seg_risks(s)[o] = risk + 0.0;	/* -0 becomes 0 */
	return MIX_OK;
}

/*
 * Start loading the entries of b: what applying its queued rows, or a
 * merge, is about to read (nothing for a mix with a hash index).  They are
 * loaded as data used once (no temporal locality): over rows in random
 * order each state's entries are read once in a long while, and loaded
 * so they do not push out of the last-level cache what the executor reads
 * for every row (its hash table of groups): 4-7 % less time in load order,
 * none lost clustered, where the entries are in cache anyway.
 */
void
mixb_prefetch(const MixBuilder *b)
{
	const MixSegment *segs[3] = {&b->seg0, b->seg1, b->seg2};

	if (b->index != NULL)
		return;
	for (int i = 0; i < 3 && segs[i] != NULL; i++)
	{
		const MixSegment *s = segs[i];

		for (uint32_t o = 0; o < s->used; o += 8)
			__builtin_prefetch(&seg_prefix(s)[o], 0, 0);
		for (uint32_t o = 0; o < s->used; o += 4)
			__builtin_prefetch(&seg_cells(s)[o], 1, 0);
	}
}

/*
 * The cell of the short code whose prefix is pfx, searched without the
 * hash index (a mix of at most MIXB_LINEAR_MAX entries, in at most three
 * segments); NULL if absent.  An 8-byte code must not match a longer code
 * with the same first 8 bytes.
 */
static inline MixCell *
find_short(const MixBuilder *b, uint64_t pfx)
{
	MixSegment *segs[3] = {(MixSegment *) &b->seg0, b->seg1, b->seg2};
	bool		full = prefix_len(&pfx) == 8;

	for (int i = 0; i < 3 && segs[i] != NULL; i++)
	{
		MixSegment *s = segs[i];

		for (uint32_t o = 0; o < s->used; o++)
			if (seg_prefix(s)[o] == pfx &&
				(!full || seg_long_key(s, o) == NULL))
				return &seg_cells(s)[o];
	}
	return NULL;
}

/*
 * Apply the queued rows, in order.  They were queued only while the bound
 * kept every sum far from overflowing, so adding to a supplier cannot
 * fail; appending a new one can (out of memory, too big), and so can the
 * general path that a mix with a hash index takes: their failures are
 * returned.  Without an index, a code that the search of every entry did
 * not find is appended at once, not searched for again.
 */
MixStatus
mixb_apply_pending(MixBuilder *b)
{
	uint32_t	n = b->npending;

	if (n == 0)
		return MIX_OK;
	b->npending = 0;
	mixb_prefetch(b);
	for (uint32_t i = 0; i < n; i++)
	{
		uint64_t	pfx = b->pending[i].prefix;
		const char *key = (const char *) &b->pending[i].prefix;
		double		v = b->pending[i].volume;
		MixCell    *c = NULL;
		MixStatus	st = MIX_OK;

		/* the same arithmetic as mix_add_checked(), without its checks */
		if (pfx == 0)
		{
			ksum_add_parts(&b->unattributed, &b->unattributed_c, v);
			b->unattributed_c += 0.0;
			continue;
		}
		if (b->index == NULL)
		{
			MixSegment *s;
			uint32_t	o;

			/*
			 * Not found among every entry: a new supplier, appended at once
			 * (its code was checked when it was queued)
			 */
			if ((c = find_short(b, pfx)) == NULL &&
				(st = append(b, key, prefix_len(&pfx), pfx, &s, &o)) == MIX_OK)
				c = &seg_cells(s)[o];
		}
		else
			st = add_parts(b, key, prefix_len(&pfx), v, 0, 0, 0, false, NAN);
		if (c != NULL)
		{
			ksum_add_parts(&c->volume, &c->volume_c, v);
			c->volume_c += 0.0;
			continue;
		}
		if (st != MIX_OK)
		{
			/* keep the rest queued: the caller reports and stops */
			memmove(&b->pending[0], &b->pending[i + 1],
					(n - i - 1) * sizeof(MixPending));
			b->npending = n - i - 1;
			return st;
		}
	}
	return RR_CHECKED(mixb_check, b, MIX_OK);
}

/* Add one row; NULL key: unattributed volume */
MixStatus
mixb_add(MixBuilder *b, const char *key, size_t keylen, double volume,
		 double spare, bool with_spare)
{
	MixStatus	st;

	if ((st = mix_check_value(volume)) != MIX_OK)
		return st;
	b->bound += volume;
	if (!with_spare && (key == NULL || (keylen > 0 && keylen <= 8)) &&
		b->bound < QUEUE_BOUND)
	{
		uint64_t	pfx = 0;

		if (key != NULL)
		{
			pfx = key_prefix(key, keylen);
			if (prefix_has_zero(pfx, keylen))
				return MIX_ERR_KEY_ZERO_BYTE;
		}
		b->pending[b->npending].prefix = pfx;
		b->pending[b->npending].volume = volume;
		if (++b->npending == MIXB_PENDING)
			return mixb_apply_pending(b);
		return RR_CHECKED(mixb_check, b, MIX_OK);
	}
	if (with_spare && (st = mix_check_value(spare)) != MIX_OK)
		return st;
	if ((st = mixb_apply_pending(b)) != MIX_OK)
		return st;
	return RR_CHECKED(mixb_check, b,
					  add_parts(b, key, keylen, volume, 0, spare, 0, with_spare, NAN));
}

/*
 * Add one row with the supplier's governance risk: the same supplier must
 * always come with the same risk.  NULL key: unattributed volume, whose
 * risk is not used.
 */
MixStatus
mixb_add_risk(MixBuilder *b, const char *key, size_t keylen, double volume,
			  double risk)
{
	MixStatus	st;

	if ((st = mix_check_value(volume)) != MIX_OK ||
		(key != NULL && (st = mix_check_value(risk)) != MIX_OK) ||
		(st = mixb_apply_pending(b)) != MIX_OK)
		return st;
	b->bound += volume;
	if (!b->risk && (st = enable_risk(b)) != MIX_OK)
		return st;
	return RR_CHECKED(mixb_check, b,
					  add_parts(b, key, keylen, volume, 0, 0, 0, false,
								key != NULL ? risk : NAN));
}

/* Set the spare capacity of a supplier already present */
MixStatus
mixb_set_spare(MixBuilder *b, const char *key, size_t keylen, double spare)
{
	MixStatus	st;
	MixSegment *s;
	uint32_t	o;

	if ((st = mix_check_value(spare)) != MIX_OK ||
		(st = mixb_apply_pending(b)) != MIX_OK)
		return st;
	if (!b->spare && (st = enable_spare(b)) != MIX_OK)
		return st;
	if (!mixb_find(b, key, keylen, key_prefix(key, keylen), &s, &o))
		return MIX_ERR_CORRUPT;
	seg_spares(s)[o].spare = spare;
	seg_spares(s)[o].spare_c = 0;
	return RR_CHECKED(mixb_check, b, MIX_OK);
}

/* k of two partial states of concentration_ratio must agree */
static MixStatus
merge_k(MixBuilder *b, int32_t k)
{
	if (k != 0 && b->k != 0 && k != b->k)
		return MIX_ERR_K_MISMATCH;
	if (k != 0)
		b->k = k;
	return MIX_OK;
}

/* Merge a flat mix into b */
MixStatus
mixb_add_mix(MixBuilder *b, const Mix *m)
{
	bool		spare = (m->flags & MIX_F_SPARE) != 0;
	const MixSpare *ms = mix_spares(m);
	MixStatus	st;

	if ((st = mixb_apply_pending(b)) != MIX_OK ||
		(st = merge_k(b, m->k)) != MIX_OK)
		return st;
	/* first: bound stays at least the sum, whatever fails below */
	b->bound += m->unattributed + m->unattributed_c;
	if ((st = add_parts(b, NULL, 0, m->unattributed, m->unattributed_c,
						m->unattributed_spare, m->unattributed_spare_c,
						spare, NAN)) != MIX_OK)
		return st;
	if ((m->flags & MIX_F_RISK) && !b->risk && (st = enable_risk(b)) != MIX_OK)
		return st;
	for (uint32_t i = 0; i < m->count; i++)
	{
		const MixEntry *e = &mix_entries(m)[i];

		b->bound += e->volume + e->volume_c;
		if ((st = add_parts(b, mix_entry_key(m, e), e->keylen, e->volume,
							e->volume_c, spare ? ms[i].spare : 0,
							spare ? ms[i].spare_c : 0, spare,
							mix_entry_risk(m, i))) != MIX_OK)
			return st;
	}
	return RR_CHECKED(mixb_check, b, MIX_OK);
}

/* Merge another builder into b */
MixStatus
mixb_add_builder(MixBuilder *b, MixBuilder *o)
{
	MixStatus	st;

	b->bound += o->bound;
	if ((st = mixb_apply_pending(b)) != MIX_OK ||
		(st = mixb_apply_pending(o)) != MIX_OK ||
		(st = merge_k(b, o->k)) != MIX_OK ||
		(st = add_parts(b, NULL, 0, o->unattributed, o->unattributed_c,
						o->unattributed_spare, o->unattributed_spare_c,
						o->spare, NAN)) != MIX_OK)
		return st;
	if (o->risk && !b->risk && (st = enable_risk(b)) != MIX_OK)
		return st;
	for (const MixSegment *s = &o->seg0; s != NULL; s = s->next)
		for (uint32_t i = 0; i < s->used; i++)
		{
			uint32_t	len;
			const char *key = entry_key(s, i, &len);
			const MixCell *c = &seg_cells(s)[i];

			if ((st = add_parts(b, key, len, c->volume, c->volume_c,
								o->spare ? seg_spares(s)[i].spare : 0,
								o->spare ? seg_spares(s)[i].spare_c : 0,
								o->spare, o->risk ? seg_risks(s)[i] : NAN)) != MIX_OK)
				return st;
		}
	return RR_CHECKED(mixb_check, b, MIX_OK);
}

/*
 * Size in bytes of the canonical flat form; never above MIX_MAX_SIZE (the
 * builder refuses to grow past it)
 */
uint64_t
mixb_flat_size(MixBuilder *b)
{
	MixStatus	st = mixb_apply_pending(b);

	if (st != MIX_OK && b->deferred == MIX_OK)
		b->deferred = st;
	return mix_layout_size(b->count, b->spare, b->risk, ALIGN8(b->long_bytes));
}

/*
 * A compensated pair in normal form: hi the rounded value, lo what it
 * misses.  The flat form keeps both, so a partial state sent from a
 * parallel worker loses nothing; equal sums get equal bytes.
 */
static void
normalize(double hi, double lo, double *out_hi, double *out_lo)
{
	double		s = hi + lo;

	*out_lo = (hi - s) + lo;
	*out_hi = s;
}

/* Entry number n: its segment and offset, walking the chain */
static const MixSegment *
segment_of(const MixBuilder *b, uint32_t n, uint32_t *off)
{
	uint32_t	segno;
	const MixSegment *s = &b->seg0;

	locate(n, &segno, off);
	while (segno-- > 0)
		s = s->next;
	return s;
}

static int
cmp_refs(const void *ctx, uint32_t i, uint32_t j)
{
	const EntryRef *r = ctx;

	return mix_key_cmp(r[i].key, r[i].keylen, r[j].key, r[j].keylen);
}

/* Where the entries of a flat mix being written go */
typedef struct FlatOut
{
	MixEntry   *entries;
	MixSpare   *spares;
	double	   *risks;
	char	   *arena;
	uint32_t	arena_used;
} FlatOut;

/* Write the header of the flat form of b into out; return where entries go */
static FlatOut
flat_header(const MixBuilder *b, Mix *out, bool sorted)
{
	FlatOut		f;

	memset((char *) out + sizeof(int32_t), 0, sizeof(Mix) - sizeof(int32_t));
	out->version = MIX_FORMAT_VERSION;
	out->flags = (sorted ? MIX_F_SORTED : 0) | (b->spare ? MIX_F_SPARE : 0) |
		(b->risk ? MIX_F_RISK : 0);
	out->k = b->k;
	out->count = b->count;
	/* below MIX_MAX_SIZE: mixb_flatten checked */
	out->arena_used = (uint32_t) b->long_bytes;
	out->arena_size = (uint32_t) ALIGN8(b->long_bytes);
	normalize(b->unattributed, b->unattributed_c,
			  &out->unattributed, &out->unattributed_c);
	normalize(b->unattributed_spare, b->unattributed_spare_c,
			  &out->unattributed_spare, &out->unattributed_spare_c);
	f.entries = mix_entries(out);
	f.spares = mix_spares(out);
	f.arena = (char *) mix_arena(out);
	f.risks = b->risk ? (double *) (f.arena - (size_t) b->count * sizeof(double)) : NULL;
	f.arena_used = 0;
	/* the arena's padding is part of the bytes: zero it */
	memset(f.arena, 0, out->arena_size);
	return f;
}

/* Write entry o of segment s as entry j of the flat form */
static inline void
flat_entry(FlatOut *f, uint32_t j, const MixSegment *s, uint32_t o)
{
	MixEntry   *e = &f->entries[j];
	uint32_t	keylen;
	const char *key = entry_key(s, o, &keylen);

	normalize(seg_cells(s)[o].volume, seg_cells(s)[o].volume_c, &e->volume, &e->volume_c);
	e->keylen = keylen;
	e->key_off = 0;
	/* key is a zero-padded prefix or a long code: 8 bytes either way */
	memcpy(e->key, key, MIX_INLINE_KEY);
	if (keylen > MIX_INLINE_KEY)
	{
		e->key_off = f->arena_used;
		memcpy(f->arena + f->arena_used, key, keylen);
		f->arena_used += keylen;
	}
	if (f->spares)
		normalize(seg_spares(s)[o].spare, seg_spares(s)[o].spare_c,
				  &f->spares[j].spare, &f->spares[j].spare_c);
	if (f->risks)
		f->risks[j] = seg_risks(s)[o];
}

/* Mixes of at most this many entries, all codes short, sort on the stack */
#define FLAT_SORT_SMALL		64

/* An entry of a small mix being sorted: its code as a big-endian number */
typedef struct SmallRef
{
	uint64_t	order;
	const MixSegment *s;
	uint32_t	o;
} SmallRef;

/*
 * Write the entries of b, whose codes are all at most 8 bytes and whose
 * count is at most FLAT_SORT_SMALL, in code order: the prefixes order as
 * the codes do (prefix_order(); codes have no zero byte), and the codes of
 * one mix differ, so an insertion sort of numbers serves instead of a
 * general sort of byte strings.
 */
static void
flat_small_sorted(const MixBuilder *b, FlatOut *f)
{
	SmallRef	r[FLAT_SORT_SMALL];
	uint32_t	n = 0;

	for (const MixSegment *s = &b->seg0; s != NULL; s = s->next)
		for (uint32_t i = 0; i < s->used; i++, n++)
		{
			SmallRef	x = {prefix_order(seg_prefix(s)[i]), s, i};
			uint32_t	j = n;

			for (; j > 0 && r[j - 1].order > x.order; j--)
				r[j] = r[j - 1];
			r[j] = x;
		}
	for (uint32_t j = 0; j < n; j++)
		flat_entry(f, j, r[j].s, r[j].o);
}

/*
 * Write the flat form (mixb_flat_size bytes) into out, whose first four
 * bytes are left for the varlena header: canonical if `sorted`, else in
 * insertion order (for a measure that needs no order, without temporary
 * memory).  Temporary memory comes from tmp.  Sums keep their
 * compensation, in normal form.
 */
MixStatus
mixb_flatten(MixBuilder *b, Mix *out, const CoreAllocator *tmp,
			 bool sorted)
{
	FlatOut		f;
	EntryRef   *refs;
	uint32_t   *order;
	uint32_t	n = 0;

	if (mixb_flat_size(b) > MIX_MAX_SIZE)
		return MIX_ERR_TOO_BIG;
	if (b->deferred != MIX_OK)
		return b->deferred;
	f = flat_header(b, out, sorted);
	if (!sorted)
	{
		for (const MixSegment *s = &b->seg0; s != NULL; s = s->next)
			for (uint32_t i = 0; i < s->used; i++, n++)
			{
				rr_check_interrupts_every(n);
				flat_entry(&f, n, s, i);
			}
		return RR_CHECKED(mix_flat_check, out, MIX_OK);
	}
	if (b->long_bytes == 0 && b->count <= FLAT_SORT_SMALL)
	{
		flat_small_sorted(b, &f);
		return RR_CHECKED(mix_flat_check, out, MIX_OK);
	}

	refs = tmp->alloc(tmp->arg, ((size_t) b->count + 1) * sizeof(EntryRef));
	order = refs ? tmp->alloc(tmp->arg, ((size_t) b->count + 1) * sizeof(uint32_t)) : NULL;
	if (order == NULL)
		return MIX_ERR_NOMEM;
	for (const MixSegment *s = &b->seg0; s != NULL; s = s->next)
		for (uint32_t i = 0; i < s->used; i++, n++)
		{
			rr_check_interrupts_every(n);
			refs[n].key = entry_key(s, i, &refs[n].keylen);
			refs[n].n = n;
			order[n] = n;
		}
	sort_positions(order, b->count, cmp_refs, refs);
	for (uint32_t j = 0; j < b->count; j++)
	{
		const EntryRef *r = &refs[order[j]];
		uint32_t	o;
		const MixSegment *s = segment_of(b, r->n, &o);

		rr_check_interrupts_every(j);
		flat_entry(&f, j, s, o);
	}
	if (tmp->release)
	{
		tmp->release(tmp->arg, order);
		tmp->release(tmp->arg, refs);
	}
	return RR_CHECKED(mix_flat_check, out, MIX_OK);
}

/* The canonical flat form in new memory from a */
Mix *
mixb_to_mix(MixBuilder *b, const CoreAllocator *a, MixStatus *status)
{
	uint64_t	size = mixb_flat_size(b);
	Mix		   *m;

	if (size > MIX_MAX_SIZE)
	{
		*status = MIX_ERR_TOO_BIG;
		return NULL;
	}
	m = a->alloc(a->arg, (size_t) size);
	if (m == NULL)
	{
		*status = MIX_ERR_NOMEM;
		return NULL;
	}
	*status = mixb_flatten(b, m, a, true);
	if (*status != MIX_OK)
	{
		if (a->release)
			a->release(a->arg, m);
		return NULL;
	}
	return m;
}

/*
 * Release what b allocated, where the allocator can release (the arena of
 * an aggregate cannot and need not: it goes with its memory context)
 */
void
mixb_free(MixBuilder *b)
{
	const CoreAllocator *a = b->alloc;
	MixSegment *s = &b->seg0;

	if (a->release == NULL)
		return;
	while (s != NULL)
	{
		MixSegment *next = s->next;
		MixSegmentExtra *x = s->extra;

		if (x && x->long_keys)
		{
			for (uint32_t i = 0; i < s->used; i++)
				if (x->long_keys[i])
					a->release(a->arg, x->long_keys[i]);
			a->release(a->arg, x->long_keys);
		}
		if (x && x->spares_apart)
			a->release(a->arg, x->spares);
		if (x && x->risks)
			a->release(a->arg, x->risks);
		if (x)
			a->release(a->arg, x);
		if (s != &b->seg0)
			a->release(a->arg, s);
		s = next;
	}
	if (b->index)
		a->release(a->arg, b->index);
	mixb_init(b, a);
}

/* ---------------------------------------------------------------- */
/* Assert-only checks (RR_ASSERT_CHECKING)							*/
/* ---------------------------------------------------------------- */

#ifdef RR_ASSERT_CHECKING

/*
 * The entries of b, walked in full: every code well formed and found at
 * its own place (so codes are unique and the hash index holds every entry
 * once), every value what mix_validate accepts, the bytes of long codes
 * counted, and bound at least the sum of the volumes.
 */
static void
mixb_check_entries(const MixBuilder *b, const MixSegment *const *segs,
				   uint32_t nseg)
{
	uint64_t	long_bytes = 0;
	double		total = b->unattributed + b->unattributed_c;

	for (uint32_t i = 0; i < b->npending; i++)
		total += b->pending[i].volume;
	for (uint32_t k = 0; k < nseg; k++)
	{
		const MixSegment *s = segs[k];

		for (uint32_t o = 0; o < s->used; o++)
		{
			uint32_t	len;
			const char *key = entry_key(s, o, &len);
			MixSegment *found;
			uint32_t	at;

			RR_CHECK(len > 0 && len <= MIX_MAX_KEY_LEN);
			RR_CHECK(seg_prefix(s)[o] == key_prefix(key, len));
			RR_CHECK(memchr(key, '\0', len) == NULL);
			RR_CHECK(len > 8 || seg_long_key(s, o) == NULL);
			if (len > 8)
				long_bytes += len;
			RR_CHECK(mixb_find(b, key, len, seg_prefix(s)[o], &found, &at) &&
					 found == s && at == o);
			RR_CHECK(mix_check_value(seg_cells(s)[o].volume + seg_cells(s)[o].volume_c) == MIX_OK);
			RR_CHECK(!b->spare ||
					 mix_check_value(seg_spares(s)[o].spare + seg_spares(s)[o].spare_c) == MIX_OK);
			RR_CHECK(!b->risk || isnan(seg_risks(s)[o]) ||
					 mix_check_value(seg_risks(s)[o]) == MIX_OK);
			total += seg_cells(s)[o].volume + seg_cells(s)[o].volume_c;
		}
	}
	RR_CHECK(long_bytes == b->long_bytes);
	RR_CHECK(total <= b->bound * (1 + 1e-6));
	if (b->index != NULL)
	{
		const SegmentTable *t = (const SegmentTable *) (b->index + b->index_slots);
		uint32_t	used = 0;

		for (uint32_t i = 0; i < b->index_slots; i++)
			if (b->index[i] != 0)
			{
				RR_CHECK(b->index[i] <= b->count);
				used++;
			}
		RR_CHECK(used == b->count);
		for (uint32_t k = 0; k < nseg; k++)
			RR_CHECK(t->seg[k] == segs[k]);
	}
}

/*
 * The invariants of b after a mutation that succeeded (st is MIX_OK): the
 * queue, the segments (F, F, 2F, 4F, ... entries, all full but the last)
 * and their counts, the arrays that spare capacity and risks need, and the
 * hash index's presence and room; the entries themselves when a check is
 * due (rr_check_due).  Returns st.
 */
static MixStatus
mixb_check(const MixBuilder *b, MixStatus st)
{
	const MixSegment *segs[MAX_SEGMENTS];
	uint32_t	nseg = 0,
				count = 0,
				capacity = 0;

	if (st != MIX_OK)
		return st;
	RR_CHECK(b->npending <= MIXB_PENDING);
	for (uint32_t i = 0; i < b->npending; i++)
	{
		uint64_t	pfx = b->pending[i].prefix;

		RR_CHECK(mix_check_value(b->pending[i].volume) == MIX_OK);
		RR_CHECK(!prefix_has_zero(pfx, prefix_len(&pfx)));
	}
	RR_CHECK(b->npending == 0 || b->bound < QUEUE_BOUND);
	RR_CHECK(b->k >= 0);
	RR_CHECK(mix_check_value(b->unattributed + b->unattributed_c) == MIX_OK);
	RR_CHECK(mix_check_value(b->unattributed_spare + b->unattributed_spare_c) == MIX_OK);
	for (const MixSegment *s = &b->seg0; s != NULL; s = s->next)
	{
		RR_CHECK(nseg < MAX_SEGMENTS);
		RR_CHECK(s->capacity == (nseg == 0 ? MIXB_FIRST_SEGMENT : capacity));
		RR_CHECK(s->next != NULL ? s->used == s->capacity :
				 s == b->last && s->used <= s->capacity);
		RR_CHECK(!b->spare || seg_spares(s) != NULL);
		RR_CHECK(!b->risk || seg_risks(s) != NULL);
		segs[nseg++] = s;
		count += s->used;
		capacity += s->capacity;
	}
	RR_CHECK(count == b->count && capacity == b->capacity);
	RR_CHECK(b->seg1 == (nseg > 1 ? segs[1] : NULL) &&
			 b->seg2 == (nseg > 2 ? segs[2] : NULL));
	RR_CHECK((b->index != NULL) == (b->count > MIXB_LINEAR_MAX));
	RR_CHECK(b->index == NULL ||
			 ((b->index_slots & (b->index_slots - 1)) == 0 &&
			  b->index_slots >= 2 * (uint64_t) b->capacity));
	RR_CHECK(mix_layout_size(b->count, b->spare, b->risk,
							 ALIGN8(b->long_bytes)) <= MIX_MAX_SIZE);
	if (rr_check_due((uint64_t) b->count + b->index_slots))
		mixb_check_entries(b, segs, nseg);
	return st;
}

/* A flat mix just written (st is MIX_OK): what mix_validate requires */
static MixStatus
mix_flat_check(const Mix *m, MixStatus st)
{
	if (st == MIX_OK && rr_check_due(m->count))
		RR_CHECK(mix_validate(m, mix_size(m)) == MIX_OK);
	return st;
}

#endif							/* RR_ASSERT_CHECKING */

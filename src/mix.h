/*
 * mix.h
 *		The supply mix: the per-supplier totals of one group, in its flat
 *		form.
 *
 * The flat form is one relocatable buffer (no pointers inside), the first
 * four bytes left for PostgreSQL's varlena header: it is what is stored,
 * sent to the leader of a parallel query, and read by every measure.  It is
 * built by a MixBuilder (mix_builder.h), which writes it in canonical form
 * (MIX_F_SORTED): entries in byte order of the code, so equal mixes have
 * equal bytes and a code is found by bisection.  A builder may also write
 * it unsorted, for a measure that needs no order; such a mix is never
 * stored.
 *
 * Layout, each section 8-byte aligned:
 *		Mix header
 *		MixEntry entries[count]
 *		MixSpare spares[count]			only if MIX_F_SPARE
 *		double	 risks[count]			only if MIX_F_RISK (NaN: none given)
 *		char	 arena[arena_size]		codes longer than MIX_INLINE_KEY bytes
 *
 * Sums are compensated (see ksum.h) and kept in normal form: an entry's
 * value is volume + volume_c.
 *
 * Plain C: no PostgreSQL headers, so it can be unit-tested and fuzzed.
 */
#ifndef RARERISK_MIX_H
#define RARERISK_MIX_H

#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "alloc.h"
#include "ksum.h"
#include "sort.h"

#define MIX_FORMAT_VERSION	1
#define MIX_MAX_KEY_LEN		1024	/* bytes of one supplier code */
#define MIX_INLINE_KEY		8
#define MIX_SMALL_TOP		4096	/* a top k this small is kept in a heap */
#define MIX_MAX_SIZE		((size_t) 0x3fffffff)	/* PostgreSQL's MaxAllocSize */

#define MIX_F_SPARE			0x01	/* carries spare capacity */
#define MIX_F_RISK			0x04	/* carries a governance risk per supplier */
#define MIX_F_SORTED		0x02	/* canonical: byte order, no slack */
#define MIX_F_ALL			(MIX_F_SPARE | MIX_F_SORTED | MIX_F_RISK)

typedef struct MixEntry
{
	double		volume;			/* compensated sum: high part */
	double		volume_c;		/* compensated sum: low part */
	uint32_t	keylen;
	uint32_t	key_off;		/* offset in the arena, if keylen > 8 */
	char		key[MIX_INLINE_KEY];	/* the key, or its first 8 bytes */
} MixEntry;

typedef struct MixSpare
{
	double		spare;
	double		spare_c;
} MixSpare;

typedef struct Mix
{
	int32_t		vl_len_;		/* PostgreSQL varlena header */
	uint8_t		version;
	uint8_t		flags;
	uint16_t	reserved;
	int32_t		k;				/* concentration_ratio's k, 0 if unset */
	uint32_t	count;			/* suppliers */
	uint32_t	arena_used;		/* bytes of long codes */
	uint32_t	arena_size;		/* arena_used rounded up to 8 */
	uint32_t	reserved2;
	double		unattributed;	/* volume of NULL suppliers */
	double		unattributed_c;
	double		unattributed_spare;
	double		unattributed_spare_c;
} Mix;

typedef enum MixStatus
{
	MIX_OK = 0,
	MIX_ERR_NOMEM,				/* the allocator returned NULL */
	MIX_ERR_TOO_BIG,			/* the mix would exceed MIX_MAX_SIZE */
	MIX_ERR_KEY_EMPTY,			/* a supplier code of zero bytes */
	MIX_ERR_KEY_TOO_LONG,		/* longer than MIX_MAX_KEY_LEN */
	MIX_ERR_KEY_ZERO_BYTE,		/* a supplier code with a zero byte */
	MIX_ERR_NEGATIVE,			/* a negative volume or spare */
	MIX_ERR_NAN,				/* NaN volume or spare */
	MIX_ERR_INFINITE,			/* infinite volume or spare */
	MIX_ERR_OVERFLOW,			/* a sum overflowed to infinity */
	MIX_ERR_K_MISMATCH,			/* merged states of different k */
	MIX_ERR_RISK_MISMATCH,		/* one supplier with two governance risks */
	MIX_ERR_RISK_MISSING,		/* a supplier without a governance risk */
	MIX_ERR_CORRUPT				/* a buffer that is not a valid mix */
} MixStatus;


/* Is v a volume or spare capacity a mix may hold? */
static inline MixStatus
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

/*
 * Add (x, xc) to the compensated pair (sum, comp), failing on overflow.  On
 * failure the pair is left as it was, so a mix stays valid after an error.
 */
static inline MixStatus
mix_add_checked(double *sum, double *comp, double x, double xc)
{
	double		s = *sum,
				c = *comp;

	ksum_add_parts(&s, &c, x);
	c += xc;
	if (!isfinite(s) || !isfinite(c) || !isfinite(s + c))
		return MIX_ERR_OVERFLOW;
	*sum = s;
	*comp = c;
	return MIX_OK;
}

extern uint64_t mix_layout_size(uint64_t count, bool spare, bool risk,
								uint64_t arena_size);
extern const char *mix_arena(const Mix *m);

/* Size in bytes of a mix buffer (the varlena size; at most MIX_MAX_SIZE) */
static inline size_t
mix_size(const Mix *m)
{
	return (size_t) mix_layout_size(m->count, (m->flags & MIX_F_SPARE) != 0,
						   (m->flags & MIX_F_RISK) != 0, m->arena_size);
}

static inline MixEntry *
mix_entries(const Mix *m)
{
	return (MixEntry *) ((char *) m + sizeof(Mix));
}

/* The spare array, or NULL if the mix carries none */
static inline MixSpare *
mix_spares(const Mix *m)
{
	if (!(m->flags & MIX_F_SPARE))
		return NULL;
	return (MixSpare *) ((char *) m + sizeof(Mix) +
						 (size_t) m->count * sizeof(MixEntry));
}

static inline const char *
mix_entry_key(const Mix *m, const MixEntry *e)
{
	return e->keylen <= MIX_INLINE_KEY ? e->key : mix_arena(m) + e->key_off;
}

static inline double
mix_entry_volume(const MixEntry *e)
{
	return e->volume + e->volume_c;
}

/* The governance risk of entry i; NaN if the mix or the entry has none */
static inline double
mix_entry_risk(const Mix *m, uint32_t i)
{
	const double *r;

	if (!(m->flags & MIX_F_RISK))
		return NAN;
	r = (const double *) ((const char *) m + sizeof(Mix) + (size_t) m->count *
						  (sizeof(MixEntry) +
						   ((m->flags & MIX_F_SPARE) ? sizeof(MixSpare) : 0)));
	return r[i];
}

static inline double
mix_entry_spare(const Mix *m, uint32_t i)
{
	const MixSpare *s = mix_spares(m);

	return s ? s[i].spare + s[i].spare_c : 0.0;
}

extern int64_t mix_find(const Mix *m, const char *key, size_t keylen);
extern int	mix_key_cmp(const char *a, size_t alen, const char *b, size_t blen);
extern void mix_order_by_key(const Mix *m, uint32_t *order);
extern void mix_order_by_rank(const Mix *m, RankItem *items);
extern void mix_top_k(const Mix *m, int64_t k, RankItem *items);
extern OrderCmp mix_tie_order(const Mix *m);
extern MixStatus mix_validate(const Mix *m, size_t size);
extern bool mix_totals_finite(const Mix *m);
extern const char *mix_status_message(MixStatus status);

#endif							/* RARERISK_MIX_H */

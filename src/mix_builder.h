/*
 * mix_builder.h
 *		The accumulator of a supply mix: per-supplier compensated sums built
 *		row by row, merged, then written out in the canonical flat form of
 *		mix.h.
 *
 * Entries live in segments of 8, 8, 16, 32, 64, ... entries (the first one
 * inside the builder itself): growing adds a
 * segment and never copies or frees, so memory comes from a bump arena
 * with no per-chunk overhead and no fragmentation when thousands of groups
 * grow at once (as in a hash aggregate reading rows in random order).
 * A segment is a 24-byte header followed by its entries' 8-byte key
 * prefixes, stored together so that a linear search over a small mix reads
 * one or two cache lines, and then their cells; above MIXB_LINEAR_MAX
 * entries a hash index is kept.  The first segment inline, the state of a
 * group in an aggregate is 512 bytes.
 *
 * A code of up to 7 bytes is identified by its zero-padded prefix alone
 * (codes contain no zero byte); longer codes also keep a pointer to their
 * bytes.
 *
 * Plain C: no PostgreSQL headers.
 */
#ifndef RARERISK_MIX_BUILDER_H
#define RARERISK_MIX_BUILDER_H

#include "mix.h"

#define MIXB_FIRST_SEGMENT_LOG2 3
#define MIXB_FIRST_SEGMENT	(1 << MIXB_FIRST_SEGMENT_LOG2)
#define MIXB_LINEAR_MAX		32
#ifndef MIXB_PENDING
#define MIXB_PENDING		8
#endif

typedef struct MixCell
{
	double		volume;
	double		volume_c;
} MixCell;

typedef struct MixLongKey
{
	uint32_t	len;
	char		bytes[];		/* not NUL-terminated */
} MixLongKey;

/* What few segments have: spare capacity, risks, codes longer than 8 bytes */
typedef struct MixSegmentExtra
{
	MixSpare   *spares;			/* [capacity], or NULL without spare */
	bool		spares_apart;	/* spares allocated apart from the segment */
	double	   *risks;			/* [capacity] governance risk, NaN if none;
								 * NULL without risk */
	MixLongKey **long_keys;		/* [capacity], or NULL if none is long */
} MixSegmentExtra;

/*
 * A segment's header, followed by its entries' key prefixes
 * (uint64_t[capacity]) and then their cells (MixCell[capacity]): 24 bytes,
 * so that the state of a small mix fits in 512
 */
typedef struct MixSegment
{
	struct MixSegment *next;
	uint32_t	capacity;
	uint32_t	used;
	MixSegmentExtra *extra;		/* NULL while the segment needs none */
} MixSegment;

/*
 * A row not yet applied: a code of at most 8 bytes as its zero-padded
 * prefix (0: the unattributed volume), and its volume, already checked
 */
typedef struct MixPending
{
	uint64_t	prefix;
	double		volume;
} MixPending;

typedef struct MixBuilder
{
	/*
	 * What every row touches.  Rows with a short code (or none) and no
	 * spare capacity or risk are queued here and applied MIXB_PENDING at a
	 * time: in a hash aggregate over rows in random order each group's
	 * state is cold, and a batch finds its entries with loads that overlap
	 * (prefetched together) instead of one dependent cache miss after
	 * another for every row.  Every reader applies the queue first.
	 */
	uint32_t	npending;
	int32_t		k;				/* concentration_ratio's k, 0 if unset */
	double		bound;			/* at least the sum of every volume added:
								 * while it is far below DBL_MAX no sum can
								 * overflow, so a queued row cannot fail */
	MixPending	pending[MIXB_PENDING];
	/* the entries */
	uint32_t   *index;			/* entry number + 1 per slot, or NULL */
	uint32_t	count;
	uint32_t	capacity;
	uint32_t	index_slots;
	MixSegment *seg1;			/* the second and third segments, or NULL */
	MixSegment *seg2;
	/*
	 * the first segment, inline (followed by its prefixes and cells, as
	 * every segment is): a small mix is one allocation
	 */
	MixSegment	seg0;
	uint64_t	seg0_prefix[MIXB_FIRST_SEGMENT];
	MixCell		seg0_cells[MIXB_FIRST_SEGMENT];
	/* the rest */
	MixSegment *last;
	const CoreAllocator *alloc;
	bool		spare;			/* carries spare capacity */
	bool		risk;			/* carries governance risks */
	MixStatus	deferred;		/* a failure of queued rows found by
								 * mixb_flat_size, reported by the next
								 * flatten */
	uint64_t	long_bytes;		/* bytes of codes longer than 8 */
	double		unattributed;
	double		unattributed_c;
	double		unattributed_spare;
	double		unattributed_spare_c;
} MixBuilder;

extern void mixb_init(MixBuilder *b, const CoreAllocator *a);
extern void mixb_free(MixBuilder *b);
extern MixStatus mixb_add(MixBuilder *b, const char *key, size_t keylen,
						  double volume, double spare, bool with_spare);
extern MixStatus mixb_add_risk(MixBuilder *b, const char *key, size_t keylen,
							   double volume, double risk);
extern MixStatus mixb_add_mix(MixBuilder *b, const Mix *m);
extern MixStatus mixb_apply_pending(MixBuilder *b);
extern void mixb_prefetch(const MixBuilder *b);
extern MixStatus mixb_add_builder(MixBuilder *b, MixBuilder *o);
extern bool mixb_contains(MixBuilder *b, const char *key, size_t keylen);
extern MixStatus mixb_set_spare(MixBuilder *b, const char *key, size_t keylen,
								double spare);
extern uint64_t mixb_flat_size(MixBuilder *b);
extern MixStatus mixb_flatten(MixBuilder *b, Mix *out,
							  const CoreAllocator *tmp, bool sorted);
extern Mix *mixb_to_mix(MixBuilder *b, const CoreAllocator *a,
						MixStatus *status);

#endif							/* RARERISK_MIX_BUILDER_H */

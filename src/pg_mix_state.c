/*
 * pg_mix_state.c
 *		The transition state of the supply_mix aggregates: a MixBuilder
 *		wrapped in an expanded object.
 *
 * Called as an aggregate, the transition functions keep one read-write
 * expanded object per group and return the same pointer for every row, so
 * the executor never copies the state (the "User-Defined Aggregates"
 * chapter: an expanded object whose memory context is a child of the
 * aggregate context is adopted as is).  All groups of one aggregate context
 * share a single child context, "rarerisk supply mixes", from which a bump
 * arena hands out the builders' memory: a context per group would cost a
 * kilobyte or more each, and 300,000 groups are common.  Because the
 * context is shared, an expanded mix is never deleted on its own: the
 * transition functions never replace a state they have adopted, and the
 * whole arena goes when the executor resets or deletes the aggregate
 * context.
 *
 * The arena of an aggregate context is found in a backend-local list keyed
 * by that context, never through fn_extra: Citus calls the support
 * functions through a fresh FmgrInfo on every row, whose fn_extra is NULL
 * and whose fn_mcxt dies after the call.  The arena, its list link and the
 * reset callback that unlinks it all live in the arena's own context, the
 * one the callback is registered on, so the callback can never outlive its
 * memory, and it runs (before the memory goes) whenever that context is
 * deleted: with the aggregate context, or on its own.
 *
 * Deferred rows.  In a hash aggregate over rows in random order, each
 * group's state is cold, and reading it for every row is a cache miss that
 * the next row waits for.  So a plain row (a short code or none, a volume)
 * for a state of this arena is not applied at once: it is appended to the
 * arena's list of deferred rows, the state's first lines are prefetched,
 * and the state is not read at all; the rows are applied in arrival order
 * when the list is full, while the states they go to are already in cache.
 * That the argument is a state of this arena is known without reading it:
 * states are carved from the arena's slabs at a fixed stride.  Every reader
 * of a state (the next row that is not plain, combine, merge, the final
 * function, flattening) applies the deferred rows first, so no reader sees
 * a state without its rows, and each state receives its rows in the same
 * order as without deferral: the result has the same bits.  A long list
 * (past DEFERRED_NEAR rows, in an arena of many megabytes) is applied state
 * by state in address order rather than in arrival order: the rows of one
 * state keep their order, and the states are visited in one sweep instead
 * of at random.
 *
 * Whenever PostgreSQL needs the value itself (to pass it to a worker's
 * leader, to store it, to print it) it flattens the object into the
 * canonical flat supply_mix.
 */
#include "postgres.h"

#include "fmgr.h"
#include "miscadmin.h"
#include "utils/expandeddatum.h"
#include "utils/memutils.h"

#include "pg_glue.h"

/*
 * Arena blocks grow from the first to the largest size, so that a sorted
 * GroupAggregate, whose aggregate context is reset for every group, pays
 * for a small block per group, not a large one.
 */
#define ARENA_FIRST_BLOCK	1024
#define ARENA_MAX_BLOCK		(64 * 1024)

/*
 * States are carved from slabs of 2, 4, ... states (up to STATE_SLAB_MAX
 * bytes) at STATE_STRIDE bytes each, every one on a cache line boundary
 */
#define STATE_STRIDE		TYPEALIGN(PG_CACHE_LINE_SIZE, sizeof(ExpandedMix))
#define STATE_SLAB_FIRST	2
#define STATE_SLAB_MAX		((Size) 8 * 1024 * 1024)

/*
 * Rows deferred: the list starts small (a sorted GroupAggregate makes an
 * arena for every group) and doubles when full.  Up to DEFERRED_NEAR rows,
 * each row's state is prefetched as it is deferred and the rows are applied
 * in arrival order.  Past it the list holds rows for states spread over
 * memory far bigger than the cache: it is applied in the order of the
 * states' addresses (APPLY_BUCKETS ranges), so that the rows of one state
 * follow each other and the states are visited in one sweep.  It grows
 * past DEFERRED_NEAR only while the list and the scratch together stay
 * within 1/DEFERRED_SHARE of the arena, and to DEFERRED_MAX rows at most.
 */
#define DEFERRED_FIRST		16
#define DEFERRED_NEAR		256
#define DEFERRED_MAX		(1 << 18)
#define DEFERRED_SHARE		32
/* Address ranges a long list is partitioned into, and the range of state em */
#define APPLY_BUCKETS		4096
#define APPLY_BUCKET(em, lo, shift)	(((uintptr_t) (em) - (lo)) >> (shift))
/*
 * Mixes up to MERGE_DEFER_MAX bytes are deferred, copied into the scratch,
 * which starts at SCRATCH_FIRST bytes and doubles like the list
 */
#define MERGE_DEFER_MAX		1024
#define SCRATCH_FIRST		(64 * 1024)
#define SCRATCH_MAX			(64 * 1024 * 1024)
/* How far ahead of the row being applied its successor's entries are loaded */
#define PREFETCH_AHEAD		8
/* The bytes of a state that a deferred row touches, from its start */
#define STATE_HOT_BYTES		(offsetof(ExpandedMix, b.pending) + sizeof(MixPending) * MIXB_PENDING)

/* A slab of states: [base, base + used) holds states */
typedef struct StateSlab
{
	char	   *base;
	Size		used;
	Size		size;
} StateSlab;

/*
 * A row not yet applied to its state: a code of at most 8 bytes, or none,
 * and a volume; or a small mix to merge (a copy in the arena's scratch)
 */
typedef struct DeferredRow
{
	ExpandedMix *em;
	Mix		   *mix;			/* the mix to merge, or NULL */
	double		volume;
	char		key[8];
	uint8		keylen;			/* 0: unattributed volume */
} DeferredRow;

/* Bytes of one deferred row, with its place in the order of applying */
#define DEFERRED_ROW_BYTES	(sizeof(DeferredRow) + sizeof(uint32))

/*
 * A bump allocator over the shared child context of one aggregate context,
 * the slabs of its states (sorted by address) and its deferred rows.
 * Allocated in cxt itself, with the callback registered on cxt.
 */
typedef struct MixArena
{
	MemoryContext aggcontext;	/* the key: cxt's parent */
	MemoryContext cxt;
	char	   *block;
	Size		used;
	Size		size;
	Size		next_size;
	CoreAllocator alloc;
	MemoryContextCallback callback;
	struct MixArena *next;
	StateSlab  *slabs;
	int			nslabs;
	int			maxslabs;
	StateSlab  *current;		/* the slab new states come from, or NULL */
	Size		next_slab_states;
	Datum		last;			/* the state of the last row */
	DeferredRow *deferred;
	uint32	   *order;			/* [maxdeferred]: the order of applying */
	int			ndeferred;
	int			maxdeferred;
	char	   *scratch;		/* copies of deferred mixes, or NULL */
	Size		scratch_used;
	Size		scratch_size;
} MixArena;

/* The arenas of the live aggregate contexts of this backend */
static MixArena *arenas = NULL;

static Size em_get_flat_size(ExpandedObjectHeader *eohptr);
static void em_flatten_into(ExpandedObjectHeader *eohptr, void *result,
							Size allocated_size);

static const ExpandedObjectMethods mix_methods = {
	em_get_flat_size,
	em_flatten_into
};

/* Start a new block of at least size bytes */
static void
arena_new_block(MixArena *a, Size size)
{
	Size		bsize = a->next_size;

	while (bsize < size)
		bsize *= 2;
	a->block = MemoryContextAlloc(a->cxt, bsize);
	a->used = 0;
	a->size = bsize;
	a->next_size = Min(bsize * 2, ARENA_MAX_BLOCK);
}

/* Zeroed memory from the arena; large requests get their own chunk */
static void *
arena_alloc(void *arg, size_t size)
{
	MixArena   *a = arg;
	char	   *p;

	size = MAXALIGN(size);
	if (size > ARENA_MAX_BLOCK / 4)
		return MemoryContextAllocExtended(a->cxt, size, MCXT_ALLOC_ZERO);
	if (a->used + size > a->size)
		arena_new_block(a, size);
	p = a->block + a->used;
	a->used += size;
	memset(p, 0, size);
	return p;
}

/* Start a slab for the next states, kept in address order */
static void
arena_new_slab(MixArena *a)
{
	Size		size = a->next_slab_states * STATE_STRIDE;
	char	   *base;
	int			i;

	base = (char *) TYPEALIGN(PG_CACHE_LINE_SIZE,
							  MemoryContextAlloc(a->cxt, size + PG_CACHE_LINE_SIZE));

	if (a->nslabs == a->maxslabs)
	{
		a->maxslabs = a->maxslabs == 0 ? 8 : a->maxslabs * 2;
		a->slabs = a->slabs == NULL ?
			MemoryContextAlloc(a->cxt, a->maxslabs * sizeof(StateSlab)) :
			repalloc(a->slabs, a->maxslabs * sizeof(StateSlab));
	}
	for (i = a->nslabs; i > 0 && a->slabs[i - 1].base > base; i--)
		a->slabs[i] = a->slabs[i - 1];
	a->slabs[i].base = base;
	a->slabs[i].used = 0;
	a->slabs[i].size = size - size % STATE_STRIDE;
	a->nslabs++;
	a->current = &a->slabs[i];
	a->next_slab_states = Min(a->next_slab_states * 2, STATE_SLAB_MAX / STATE_STRIDE);
}

/* A new group's state, zeroed, from the current slab */
static ExpandedMix *
arena_alloc_state(MixArena *a)
{
	char	   *p;

	if (a->current == NULL || a->current->used + STATE_STRIDE > a->current->size)
		arena_new_slab(a);
	p = a->current->base + a->current->used;
	a->current->used += STATE_STRIDE;
	memset(p, 0, sizeof(ExpandedMix));
	return (ExpandedMix *) p;
}

/*
 * The state whose read-write datum is d, if it is a state of this arena,
 * found from the address alone: the slab that holds it, at a multiple of
 * the stride.  Reads nothing at d.
 */
static ExpandedMix *
arena_state_at(const MixArena *a, Datum d)
{
	uintptr_t	p = (uintptr_t) DatumGetPointer(d) - offsetof(ExpandedMix, hdr.eoh_rw_ptr);
	const StateSlab *s = a->slabs;
	int			n = a->nslabs;
	uintptr_t	base;

	if (n == 0)
		return NULL;
	/* the last slab whose base is at most p, without a branch to mispredict */
	while (n > 1)
	{
		int			half = n / 2;

		s = (uintptr_t) s[half].base <= p ? s + half : s;
		n -= half;
	}
	base = (uintptr_t) s->base;
	if (p < base || p - base >= s->used || (p - base) % STATE_STRIDE != 0)
		return NULL;
	return (ExpandedMix *) p;
}

/*
 * The order of applying the n deferred rows: arrival order for a short
 * list; for a long one, by the address range of the rows' states (a stable
 * counting sort, so the rows of one state keep their arrival order)
 */
static void
arena_order_deferred(MixArena *a, int n)
{
	uint32		start[APPLY_BUCKETS + 1] = {0};
	uintptr_t	lo = UINTPTR_MAX,
				hi = 0;
	int			shift = 0;

	if (n <= DEFERRED_NEAR)
	{
		for (int i = 0; i < n; i++)
			a->order[i] = (uint32) i;
		return;
	}
	for (int i = 0; i < n; i++)
	{
		uintptr_t	p = (uintptr_t) a->deferred[i].em;

		lo = Min(lo, p);
		hi = Max(hi, p);
	}
	while (((hi - lo) >> shift) >= APPLY_BUCKETS)
		shift++;
	for (int i = 0; i < n; i++)
		start[APPLY_BUCKET(a->deferred[i].em, lo, shift) + 1]++;
	for (int b = 0; b < APPLY_BUCKETS; b++)
		start[b + 1] += start[b];
	for (int i = 0; i < n; i++)
		a->order[start[APPLY_BUCKET(a->deferred[i].em, lo, shift)]++] = (uint32) i;
}

/* Apply the row r of the deferred list */
static inline void
apply_row(DeferredRow *r)
{
	const char *key = r->keylen > 0 ? r->key : NULL;

	if (r->mix != NULL)
		rr_merge_error(mixb_add_mix(&r->em->b, r->mix));
	else
		rr_mix_error(mixb_add(&r->em->b, key, r->keylen, r->volume, 0, false),
					 "volume", key, r->keylen, r->volume);
}

/*
 * Start loading what row r will read besides its state's first line (which
 * must be in cache by now): the entries of a merge or of a queue about to
 * be full, else the one line of the queue that the row goes to.  Of the
 * three lines of a state that rows touch, a row in a long list's sweep
 * loads two.
 */
static inline void
prefetch_entries(const DeferredRow *r)
{
	uint32		n = r->em->b.npending;

	if (r->mix != NULL || n + 1 >= MIXB_PENDING)
		mixb_prefetch(&r->em->b);
	else
		__builtin_prefetch(&r->em->b.pending[n], 1, 0);
}

/*
 * Start loading the lines of a state that a deferred row of a short list
 * touches, to stay in cache while the list waits
 */
static inline void
prefetch_state(const ExpandedMix *em)
{
	for (Size off = 0; off < STATE_HOT_BYTES; off += PG_CACHE_LINE_SIZE)
		__builtin_prefetch((const char *) em + off, 1);
}

/*
 * Apply the arena's deferred rows to their states in the order of
 * arena_order_deferred(), loading each row's state and entries ahead
 * (a short list's states were loaded as its rows were deferred; a long
 * list's are loaded as data used once, the first line 16 rows ahead, and
 * 8 rows ahead, by prefetch_entries, the queue line or the entries the row
 * will touch).  Every state gets its rows in arrival order, so the sums
 * have the same bits.
 */
static void
arena_apply_deferred(MixArena *a)
{
	int			n = a->ndeferred;

	/* taken out first: an error below must not apply a row twice */
	a->ndeferred = 0;
	a->scratch_used = 0;
	arena_order_deferred(a, n);
	for (int k = 0; k < n; k++)
	{
		if (n > DEFERRED_NEAR && k + 2 * PREFETCH_AHEAD < n)
			__builtin_prefetch(a->deferred[a->order[k + 2 * PREFETCH_AHEAD]].em, 1, 0);
		if (k + PREFETCH_AHEAD < n)
			prefetch_entries(&a->deferred[a->order[k + PREFETCH_AHEAD]]);
		apply_row(&a->deferred[a->order[k]]);
		if ((k & 4095) == 4095)
			CHECK_FOR_INTERRUPTS();
	}
}

/* em, with the deferred rows of its arena applied: what every reader sees */
static ExpandedMix *
settled(ExpandedMix *em)
{
	MixArena   *a = em->b.alloc->arg;

	if (a->ndeferred > 0)
		arena_apply_deferred(a);
	return em;
}

/* The arena's context is being deleted: unlink the arena */
static void
forget_arena(void *arg)
{
	MixArena   *a = arg;

	for (MixArena **p = &arenas; *p != NULL; p = &(*p)->next)
		if (*p == a)
		{
			*p = a->next;
			return;
		}
}

/* The arena of aggcontext, created on first use */
static MixArena *
arena_for(MemoryContext aggcontext)
{
	MixArena   *a;
	MemoryContext cxt;

	for (MixArena **p = &arenas; (a = *p) != NULL; p = &a->next)
		if (a->aggcontext == aggcontext)
		{
			/* to the front: the next group will most likely ask again */
			*p = a->next;
			a->next = arenas;
			arenas = a;
			return a;
		}
	cxt = AllocSetContextCreate(aggcontext, "rarerisk supply mixes",
								ALLOCSET_SMALL_SIZES);
	a = MemoryContextAllocZero(cxt, sizeof(MixArena));
	a->aggcontext = aggcontext;
	a->cxt = cxt;
	a->next_size = ARENA_FIRST_BLOCK;
	a->next_slab_states = STATE_SLAB_FIRST;
	a->alloc.alloc = arena_alloc;
	a->alloc.arg = a;
	a->callback.func = forget_arena;
	a->callback.arg = a;
	MemoryContextRegisterResetCallback(cxt, &a->callback);
	a->next = arenas;
	arenas = a;
	return a;
}

/* Is d an expanded supply mix (read-write or read-only)? */
static inline ExpandedMix *
expanded_mix(Datum d)
{
	varattrib_1b_e *datum = (varattrib_1b_e *) DatumGetPointer(d);
	varatt_expanded ptr;

	if (!VARATT_IS_EXTERNAL_EXPANDED(datum))
		return NULL;
	/* DatumGetEOHP(), inlined: this runs for every row */
	memcpy(&ptr, VARDATA_EXTERNAL(datum), sizeof(ptr));
	return ptr.eohptr->eoh_methods == &mix_methods ?
		settled((ExpandedMix *) ptr.eohptr) : NULL;
}

/* Merge the supply_mix datum d (flat or expanded) into b */
MixStatus
rr_merge_datum(MixBuilder *b, Datum d)
{
	ExpandedMix *em = expanded_mix(d);

	if (em != NULL)
		return mixb_add_builder(b, &em->b);
	return mixb_add_mix(b, (Mix *) PG_DETOAST_DATUM(d));
}

/*
 * The state of this group, to be updated in place: argument 0 if it is an
 * expanded mix of this aggregate context, else a new one in the arena
 * holding whatever argument 0 held (nothing, or a flat mix copied in by
 * the executor).
 */
ExpandedMix *
rr_mix_state(FunctionCallInfo fcinfo, MemoryContext aggcontext)
{
	ExpandedMix *em;
	MixArena   *arena;

	if (!PG_ARGISNULL(0))
	{
		Datum		d = PG_GETARG_DATUM(0);

		if (VARATT_IS_EXTERNAL_EXPANDED_RW(DatumGetPointer(d)) &&
			(em = expanded_mix(d)) != NULL)
		{
			/*
			 * Replacing a read-write state would make the executor delete it,
			 * and with it the whole shared arena: never expected to happen.
			 */
			if (em->hdr.eoh_context->parent != aggcontext)
				elog(ERROR, "supply_mix state of another aggregate context");
			((MixArena *) em->b.alloc->arg)->last = d;
			return em;
		}
	}
	/* a new group: no deferred row is for it */
	arena = arena_for(aggcontext);
	em = arena_alloc_state(arena);
	EOH_init_header(&em->hdr, &mix_methods, arena->cxt);
	mixb_init(&em->b, &arena->alloc);
	arena->last = EOHPGetRWDatum(&em->hdr);
	if (!PG_ARGISNULL(0))
		rr_mix_error(rr_merge_datum(&em->b, PG_GETARG_DATUM(0)), "volume", NULL, 0, 0);
	return em;
}

/*
 * May the deferred rows take more bytes?  The list and the scratch stay a
 * small share of the arena's memory: a HashAgg at a small work_mem keeps
 * its batches small, and so them.
 */
static bool
deferred_may_take(const MixArena *a, Size more)
{
	Size		held = (Size) a->maxdeferred * DEFERRED_ROW_BYTES + a->scratch_size;

	return (held + more) * DEFERRED_SHARE <= MemoryContextMemAllocated(a->cxt, false);
}

/*
 * Make the full list of deferred rows longer, keeping its rows: up to
 * DEFERRED_NEAR rows always, past it as far as deferred_may_take() allows
 */
static void
deferred_grow(MixArena *a)
{
	int			max = a->maxdeferred == 0 ? DEFERRED_FIRST : a->maxdeferred * 2;
	DeferredRow *grown;

	if (max > DEFERRED_NEAR &&
		(max > DEFERRED_MAX || !deferred_may_take(a, (Size) a->maxdeferred * DEFERRED_ROW_BYTES)))
		return;
	grown = MemoryContextAlloc(a->cxt, max * sizeof(DeferredRow));
	if (a->ndeferred > 0)
		memcpy(grown, a->deferred, a->ndeferred * sizeof(DeferredRow));
	if (a->deferred != NULL)
	{
		pfree(a->deferred);
		pfree(a->order);
	}
	a->deferred = grown;
	a->order = MemoryContextAlloc(a->cxt, max * sizeof(uint32));
	a->maxdeferred = max;
}

/*
 * Room for need more bytes in the scratch: the deferred rows are applied
 * when it is full (their mixes live in it), and it doubles if it may
 */
static void
scratch_make_room(MixArena *a, Size need)
{
	Size		size = a->scratch_size;

	if (a->scratch_used + need <= a->scratch_size)
		return;
	if (a->ndeferred > 0)
		arena_apply_deferred(a);
	if (size == 0)
		size = SCRATCH_FIRST;
	else if (size < SCRATCH_MAX && deferred_may_take(a, size))
		size *= 2;
	if (size != a->scratch_size)
	{
		if (a->scratch != NULL)
			pfree(a->scratch);
		a->scratch = MemoryContextAlloc(a->cxt, size);
		a->scratch_size = size;
	}
}

/*
 * Is d the state of the last row, with no row deferred?  Then it is in
 * cache, and a row for it is applied at once (which keeps the rows in
 * order, since every reader applies the deferred rows first).
 */
static bool
is_hot(const MixArena *a, Datum d)
{
	return d == a->last && a->ndeferred == 0;
}

/*
 * A free slot in the deferred rows of this aggregate context for a row
 * whose state is argument 0, with need bytes of scratch free; NULL if
 * argument 0 is no state of this context, or is hot
 */
static DeferredRow *
defer_slot(FunctionCallInfo fcinfo, MemoryContext aggcontext, Size need)
{
	MixArena   *a;
	Datum		d = PG_GETARG_DATUM(0);
	ExpandedMix *em;
	DeferredRow *r;

	if (PG_ARGISNULL(0))
		return NULL;
	a = arena_for(aggcontext);
	if (is_hot(a, d) || (em = arena_state_at(a, d)) == NULL)
		return NULL;
	a->last = d;
	if (a->ndeferred == a->maxdeferred)
		deferred_grow(a);
	if (a->ndeferred == a->maxdeferred)
		arena_apply_deferred(a);
	if (need > 0)
		scratch_make_room(a, need);
	r = &a->deferred[a->ndeferred++];
	r->em = em;
	r->mix = NULL;
	if (need > 0)
	{
		r->mix = (Mix *) (a->scratch + a->scratch_used);
		a->scratch_used += MAXALIGN(need);
	}
	if (a->maxdeferred <= DEFERRED_NEAR)
		prefetch_state(em);
	return r;
}

/*
 * Defer a plain row (key NULL: unattributed; else 1 to 8 bytes; volume
 * already checked) for the state in argument 0 and return true, if that is
 * a state of this aggregate context and not hot: the caller returns
 * argument 0 as the new state.  False (nothing done) otherwise: the caller
 * takes the general path.
 */
bool
rr_mix_defer(FunctionCallInfo fcinfo, MemoryContext aggcontext,
			 const char *key, size_t keylen, double volume)
{
	DeferredRow *r;

	Assert(key == NULL || (keylen >= 1 && keylen <= 8));
	if ((r = defer_slot(fcinfo, aggcontext, 0)) == NULL)
		return false;
	r->volume = volume;
	r->keylen = key != NULL ? (uint8) keylen : 0;
	if (key != NULL)
		memcpy(r->key, key, keylen);
	return true;
}

/*
 * Defer the merge of argument 1, a small flat supply_mix stored inline,
 * into the state in argument 0, as rr_mix_defer() does for a row: its
 * bytes are copied (with a 4-byte header), since the row they live in goes
 */
bool
rr_mix_defer_merge(FunctionCallInfo fcinfo, MemoryContext aggcontext)
{
	struct varlena *v = (struct varlena *) PG_GETARG_POINTER(1);
	Size		datalen;
	DeferredRow *r;

	if (PG_ARGISNULL(1) || VARATT_IS_EXTERNAL(v) || VARATT_IS_COMPRESSED(v))
		return false;
	datalen = VARSIZE_ANY_EXHDR(v);
	if (VARHDRSZ + datalen > MERGE_DEFER_MAX ||
		(r = defer_slot(fcinfo, aggcontext, VARHDRSZ + datalen)) == NULL)
		return false;
	memcpy(VARDATA(r->mix), VARDATA_ANY(v), datalen);
	SET_VARSIZE(r->mix, VARHDRSZ + datalen);
	return true;
}

/*
 * Report the failure of merging a mix: a supplier's sum out of range, or
 * what the builder reports
 */
void
rr_merge_error(MixStatus st)
{
	if (st == MIX_ERR_OVERFLOW)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("merged volume or spare capacity of a supplier is out of range for type double precision")));
	rr_mix_error(st, "volume", NULL, 0, 0);
}

/*
 * A supply_mix argument as a flat mix.  An expanded one is flattened,
 * sorted by code only if `sorted` (the measures need no order).
 */
Mix *
rr_mix_arg(FunctionCallInfo fcinfo, int n, bool sorted)
{
	ExpandedMix *em = expanded_mix(PG_GETARG_DATUM(n));
	Mix		   *m;

	if (em == NULL)
		return (Mix *) PG_DETOAST_DATUM(PG_GETARG_DATUM(n));
	m = palloc(mixb_flat_size(&em->b));
	rr_mix_error(mixb_flatten(&em->b, m, &rr_palloc_allocator, sorted),
				 "volume", NULL, 0, 0);
	return (Mix *) DatumGetPointer(rr_mix_datum(m));
}

static Size
em_get_flat_size(ExpandedObjectHeader *eohptr)
{
	return mixb_flat_size(&settled((ExpandedMix *) eohptr)->b);
}

/* Flatten into the canonical form: what is stored and sent */
static void
em_flatten_into(ExpandedObjectHeader *eohptr, void *result, Size allocated_size)
{
	rr_mix_error(mixb_flatten(&settled((ExpandedMix *) eohptr)->b, result,
							  &rr_palloc_allocator, true),
				 "volume", NULL, 0, 0);
	SET_VARSIZE(result, allocated_size);
}

/* The canonical flat form of a builder, in the current memory context */
Mix *
rr_builder_to_mix(MixBuilder *b)
{
	MixStatus	st;
	Mix		   *m = mixb_to_mix(b, &rr_palloc_allocator, &st);

	rr_mix_error(st, "volume", NULL, 0, 0);
	return m;
}

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
 * Whenever PostgreSQL needs the value itself (to pass it to a worker's
 * leader, to store it, to print it) it flattens the object into the
 * canonical flat supply_mix.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/expandeddatum.h"
#include "utils/memutils.h"

#include "mix_builder.h"
#include "pg_glue.h"

/*
 * Arena blocks grow from the first to the largest size, so that a sorted
 * GroupAggregate, whose aggregate context is reset for every group, pays
 * for a small block per group, not a large one.
 */
#define ARENA_FIRST_BLOCK	1024
#define ARENA_MAX_BLOCK		(64 * 1024)

/*
 * A bump allocator over the shared child context of one aggregate context.
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

/*
 * A group's state from the arena, on a cache line boundary: what every row
 * touches (the header and the queue of rows) then spans two lines, not three
 */
static ExpandedMix *
arena_alloc_state(MixArena *a)
{
	Size		pad;

	if (a->used + sizeof(ExpandedMix) + PG_CACHE_LINE_SIZE > a->size)
		arena_new_block(a, sizeof(ExpandedMix) + PG_CACHE_LINE_SIZE);
	pad = (PG_CACHE_LINE_SIZE - ((uintptr_t) (a->block + a->used) % PG_CACHE_LINE_SIZE)) %
		PG_CACHE_LINE_SIZE;
	a->used += pad;
	return arena_alloc(a, sizeof(ExpandedMix));
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
	return ptr.eohptr->eoh_methods == &mix_methods ? (ExpandedMix *) ptr.eohptr : NULL;
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
			return em;
		}
	}
	arena = arena_for(aggcontext);
	em = arena_alloc_state(arena);
	EOH_init_header(&em->hdr, &mix_methods, arena->cxt);
	mixb_init(&em->b, &arena->alloc);
	if (!PG_ARGISNULL(0))
		rr_mix_error(rr_merge_datum(&em->b, PG_GETARG_DATUM(0)), "volume", NULL, 0, 0);
	return em;
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
	return mixb_flat_size(&((ExpandedMix *) eohptr)->b);
}

/* Flatten into the canonical form: what is stored and sent */
static void
em_flatten_into(ExpandedObjectHeader *eohptr, void *result, Size allocated_size)
{
	rr_mix_error(mixb_flatten(&((ExpandedMix *) eohptr)->b, result,
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

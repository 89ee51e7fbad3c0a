/*
 * pg_mix_state.h
 *		The transition state of the supply_mix aggregates (pg_mix_state.c):
 *		a MixBuilder in an expanded object, the rows deferred to it, and
 *		supply_mix arguments that may be such a state.
 */
#ifndef RARERISK_PG_MIX_STATE_H
#define RARERISK_PG_MIX_STATE_H

#include "fmgr.h"
#include "utils/expandeddatum.h"

#include "mix_builder.h"

/* The state of one group */
typedef struct ExpandedMix
{
	ExpandedObjectHeader hdr;
	MixBuilder	b;
} ExpandedMix;

/* A supply_mix argument, flattened unsorted if expanded, totals checked */
#define RR_GETARG_MIX_TOTAL(n)	rr_check_totals(rr_mix_arg(fcinfo, (n), false))

extern ExpandedMix *rr_mix_state(FunctionCallInfo fcinfo, MemoryContext aggcontext);
extern bool rr_mix_defer(FunctionCallInfo fcinfo, MemoryContext aggcontext,
						 const char *key, size_t keylen, double volume);
extern bool rr_mix_defer_merge(FunctionCallInfo fcinfo, MemoryContext aggcontext);
extern void rr_merge_error(MixStatus st);
extern MixStatus rr_merge_datum(MixBuilder *b, Datum d);
extern Mix *rr_mix_arg(FunctionCallInfo fcinfo, int n, bool sorted);
extern Mix *rr_builder_to_mix(MixBuilder *b);

#endif							/* RARERISK_PG_MIX_STATE_H */

/*
 * pg_glue.h
 *		What the SQL-callable wrappers share: the palloc allocator handed to
 *		the plain-C core, mix arguments, and the mapping of core statuses to
 *		ereport with a SQLSTATE.
 */
#ifndef RARERISK_PG_GLUE_H
#define RARERISK_PG_GLUE_H

#include "fmgr.h"

#include "mix.h"

extern const MixAllocator rr_palloc_allocator;

/* A supply_mix argument, detoasted (possibly a copy) */
#define RR_GETARG_MIX(n)	((Mix *) PG_DETOAST_DATUM(PG_GETARG_DATUM(n)))
/* The same, checked that its totals are finite: for the measures */
#define RR_GETARG_MIX_TOTAL(n)	rr_check_totals(RR_GETARG_MIX(n))

extern void rr_mix_error(MixStatus status, const char *what,
						 const char *key, size_t keylen, double value);
extern Datum rr_mix_datum(Mix *m);
extern uint32_t *rr_scratch(const Mix *m);
extern void rr_check_volume(double v, const char *what, text *supplier);
extern Mix *rr_check_totals(Mix *m);

#endif							/* RARERISK_PG_GLUE_H */

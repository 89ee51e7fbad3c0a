/*
 * pg_glue.h
 *		What the SQL-callable wrappers share: the palloc allocator handed to
 *		the plain-C core, mix arguments, and the mapping of core statuses to
 *		ereport with a SQLSTATE.
 */
#ifndef RARERISK_PG_GLUE_H
#define RARERISK_PG_GLUE_H

#include "access/tupdesc.h"
#include "fmgr.h"

#include "compat.h"
#include "mix.h"
#include "pg_mix_state.h"

extern const CoreAllocator rr_palloc_allocator;

/* A supply_mix argument, detoasted (possibly a copy) */
#define RR_GETARG_MIX(n)	((Mix *) PG_DETOAST_DATUM(PG_GETARG_DATUM(n)))

/* Bytes of a supplier or country code quoted in an error message, at most */
#define RR_MESSAGE_CODE_BYTES 64

extern char *rr_message_code(const char *key, size_t keylen);
pg_noreturn extern void rr_too_big(const char *what);
pg_noreturn extern void rr_code_empty(const char *what, const char *hint);
pg_noreturn extern void rr_code_too_long(const char *what);
extern void rr_mix_error(MixStatus status, const char *what,
						 const char *key, size_t keylen, double value);
extern Datum rr_mix_datum(Mix *m);
extern uint32_t *rr_scratch(const Mix *m);
extern RankItem *rr_rank_scratch(const Mix *m);
extern void rr_check_volume(double v, const char *what, text *supplier);
extern Mix *rr_check_totals(Mix *m);
extern TupleDesc rr_result_tupdesc(FunctionCallInfo fcinfo);
extern double rr_risk_times_t(double risk, double t, const char *key, size_t keylen);

#endif							/* RARERISK_PG_GLUE_H */

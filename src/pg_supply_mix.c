/*
 * pg_supply_mix.c
 *		SQL-callable functions of the supply_mix type: text and binary I/O,
 *		the transition, combine and final functions of its aggregates.
 *
 * The transition value of every supply_mix aggregate is a supply_mix
 * datum: an expanded object updated in place, whose pointer the transition
 * functions return unchanged (see pg_mix_state.c), so per-row work never
 * copies the state.
 */
#include "postgres.h"

#include <float.h>

#include "fmgr.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"

#include "mix_text.h"
#include "pg_glue.h"

PG_FUNCTION_INFO_V1(supply_mix_in);
PG_FUNCTION_INFO_V1(supply_mix_out);
PG_FUNCTION_INFO_V1(supply_mix_recv);
PG_FUNCTION_INFO_V1(supply_mix_send);
PG_FUNCTION_INFO_V1(supply_mix_trans);
PG_FUNCTION_INFO_V1(supply_mix_trans_spare);
PG_FUNCTION_INFO_V1(supply_mix_trans_k);
PG_FUNCTION_INFO_V1(supply_mix_trans_risk);
PG_FUNCTION_INFO_V1(supply_mix_trans_risk_t);
PG_FUNCTION_INFO_V1(supply_mix_combine);
PG_FUNCTION_INFO_V1(supply_mix_final);

/* Text input: the JSON form (see mix_text.h) */
Datum
supply_mix_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	MixParseError err;
	Mix		   *m = mix_from_json(str, strlen(str),
								  GetDatabaseEncoding() == PG_UTF8,
								  &rr_palloc_allocator, &err);

	if (m == NULL)
		ereport(ERROR,
				(errcode(err.status == MIX_ERR_INFINITE ?
						 ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE :
						 ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type supply_mix: %s",
						err.message)));
	PG_RETURN_DATUM(rr_mix_datum(m));
}

/*
 * Text output: JSON, suppliers in byte order.  A mix whose total is out of
 * range (an aggregate's state, for Citus) is refused rather than written
 * in a form that cannot be read back.
 */
Datum
supply_mix_out(PG_FUNCTION_ARGS)
{
	Mix		   *m = rr_check_totals(RR_GETARG_MIX(0));
	size_t		len;
	char	   *s = mix_to_json(m, &rr_palloc_allocator, &len);

	if (s == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("text form of a supply_mix of %u suppliers exceeds the maximum size of 1 GB",
						m->count)));
	PG_RETURN_CSTRING(s);
}

/* Binary input: versioned, network byte order, validated */
Datum
supply_mix_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	MixParseError err;
	Mix		   *m = mix_from_binary((unsigned char *) buf->data + buf->cursor,
									buf->len - buf->cursor,
									&rr_palloc_allocator, &err);

	if (m == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary supply_mix: %s", err.message)));
	for (uint32_t i = 0; i < m->count; i++)
	{
		const MixEntry *e = &mix_entries(m)[i];

		pg_verifymbstr(mix_entry_key(m, e), e->keylen, false);
	}
	buf->cursor = buf->len;
	PG_RETURN_DATUM(rr_mix_datum(m));
}

/* Binary output */
Datum
supply_mix_send(PG_FUNCTION_ARGS)
{
	Mix		   *m = rr_check_totals(RR_GETARG_MIX(0));
	size_t		size = mix_binary_size(m);
	bytea	   *result = palloc(VARHDRSZ + size);

	mix_to_binary(m, rr_scratch(m), (unsigned char *) VARDATA(result));
	SET_VARSIZE(result, VARHDRSZ + size);
	PG_RETURN_BYTEA_P(result);
}

/* What the fourth argument of a transition function is */
typedef enum TransArg
{
	ARG_NONE,					/* supply_mix(supplier, volume) and others */
	ARG_SPARE,					/* supply_mix(supplier, volume, spare) */
	ARG_K,						/* concentration_ratio(supplier, volume, k) */
	ARG_RISK,					/* governance_hhi(supplier, volume, risk) */
	ARG_RISK_T					/* hhi_wgi_t(supplier, volume, risk, t) */
} TransArg;

/*
 * Add one row to the group's state (see pg_mix_state.c).  NULL volume: the
 * row is ignored; NULL supplier: unattributed volume; NULL spare: no spare
 * capacity; NULL k: an error; NULL risk of a named supplier: an error;
 * NULL trade factor t: 1 (no trade measure).
 */
static Datum
mix_transition(FunctionCallInfo fcinfo, TransArg arg)
{
	MemoryContext aggcontext;
	/* PG_GETARG_TEXT_PP without a call when the code is not toasted */
	text	   *supplier = PG_ARGISNULL(1) ? NULL :
		VARATT_IS_EXTERNAL(PG_GETARG_POINTER(1)) ||
		VARATT_IS_COMPRESSED(PG_GETARG_POINTER(1)) ? PG_GETARG_TEXT_PP(1) :
		(text *) PG_GETARG_POINTER(1);
	const char *key = supplier ? VARDATA_ANY(supplier) : NULL;
	size_t		keylen = supplier ? VARSIZE_ANY_EXHDR(supplier) : 0;
	double		volume,
				extra = 0;
	ExpandedMix *em;
	MixStatus	st;

	if (!AggCheckCallContext(fcinfo, &aggcontext))
		elog(ERROR, "supply_mix transition function called in non-aggregate context");
	if (PG_ARGISNULL(2))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	volume = PG_GETARG_FLOAT8(2);
	if (unlikely(!(volume >= 0 && volume <= DBL_MAX)))
		rr_check_volume(volume, "volume", supplier);
	if (arg == ARG_SPARE && !PG_ARGISNULL(3))
		rr_check_volume(extra = PG_GETARG_FLOAT8(3), "spare capacity", supplier);
	if ((arg == ARG_RISK || arg == ARG_RISK_T) && supplier != NULL)
	{
		if (PG_ARGISNULL(3))
			rr_mix_error(MIX_ERR_RISK_MISSING, "risk", key, keylen, 0);
		rr_check_volume(extra = PG_GETARG_FLOAT8(3), "governance risk", supplier);
		/* the recorded risk is the supplier's weight WGI x t */
		if (arg == ARG_RISK_T && !PG_ARGISNULL(4))
			extra = rr_risk_times_t(extra, PG_GETARG_FLOAT8(4), key, keylen);
	}

	/* a plain row for a state of this context: applied later, in order */
	if (arg == ARG_NONE && (supplier == NULL || (keylen >= 1 && keylen <= 8)) &&
		rr_mix_defer(fcinfo, aggcontext, key, keylen, volume))
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));

	em = rr_mix_state(fcinfo, aggcontext);
	if (arg == ARG_K)
	{
		int32		k = PG_ARGISNULL(3) ? 0 : PG_GETARG_INT32(3);

		if (k < 1)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("k must be at least 1, not %s",
							PG_ARGISNULL(3) ? "NULL" : psprintf("%d", k))));
		if (em->b.k == 0)
			em->b.k = k;
		else if (em->b.k != k)
			rr_mix_error(MIX_ERR_K_MISMATCH, "k", NULL, 0, 0);
	}

	if (arg == ARG_RISK || arg == ARG_RISK_T)
		st = mixb_add_risk(&em->b, key, keylen, volume, extra);
	else
		st = mixb_add(&em->b, key, keylen, volume, extra, arg == ARG_SPARE);
	if (st != MIX_OK)
		rr_mix_error(st, arg == ARG_SPARE ? "volume or spare capacity" : "volume",
					 key, keylen, volume);
	PG_RETURN_DATUM(EOHPGetRWDatum(&em->hdr));
}

/* A transition function of the aggregates: mix_transition with its arg */
#define MIX_TRANSITION(name, arg) \
Datum \
name(PG_FUNCTION_ARGS) \
{ \
	return mix_transition(fcinfo, (arg)); \
}

/* supply_mix(supplier, volume) */
MIX_TRANSITION(supply_mix_trans, ARG_NONE)

/* supply_mix(supplier, volume, spare) */
MIX_TRANSITION(supply_mix_trans_spare, ARG_SPARE)

/* concentration_ratio(supplier, volume, k) */
MIX_TRANSITION(supply_mix_trans_k, ARG_K)

/*
 * governance_hhi(supplier, volume, risk): the supplier's governance risk
 * must be the same on every row of the supplier
 */
MIX_TRANSITION(supply_mix_trans_risk, ARG_RISK)

/*
 * hhi_wgi_t(supplier, volume, risk, t): records risk x t per supplier, which
 * must be the same on every row of the supplier
 */
MIX_TRANSITION(supply_mix_trans_risk_t, ARG_RISK_T)

/*
 * Union of two mixes: the combine function of every supply_mix aggregate
 * and the transition function of supply_mix_merge (NULL inputs are
 * skipped).  In an aggregate the first argument is the group's state,
 * updated in place; called directly, both arguments are left unchanged and
 * the union is returned in canonical form.
 */
Datum
supply_mix_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext;
	ExpandedMix *em;
	MixBuilder	b;

	if (AggCheckCallContext(fcinfo, &aggcontext))
	{
		if (PG_ARGISNULL(1))
		{
			if (PG_ARGISNULL(0))
				PG_RETURN_NULL();
			PG_RETURN_DATUM(PG_GETARG_DATUM(0));
		}
		/* a small mix for a state of this context: merged later, in order */
		if (rr_mix_defer_merge(fcinfo, aggcontext))
			PG_RETURN_DATUM(PG_GETARG_DATUM(0));
		em = rr_mix_state(fcinfo, aggcontext);
		rr_merge_error(rr_merge_datum(&em->b, PG_GETARG_DATUM(1)));
		PG_RETURN_DATUM(EOHPGetRWDatum(&em->hdr));
	}

	if (PG_ARGISNULL(0) && PG_ARGISNULL(1))
		PG_RETURN_NULL();
	mixb_init(&b, &rr_palloc_allocator);
	for (int i = 0; i < 2; i++)
		if (!PG_ARGISNULL(i))
			rr_merge_error(rr_merge_datum(&b, PG_GETARG_DATUM(i)));
	PG_RETURN_DATUM(rr_mix_datum(rr_check_totals(rr_builder_to_mix(&b))));
}

/* Final function of supply_mix and supply_mix_merge: the canonical form */
Datum
supply_mix_final(PG_FUNCTION_ARGS)
{
	PG_RETURN_DATUM(rr_mix_datum(rr_check_totals(rr_mix_arg(fcinfo, 0, true))));
}

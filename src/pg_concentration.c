/*
 * pg_concentration.c
 *		SQL-callable measures over a supply mix: total, supplier_count,
 *		shares, hhi, top_share, top_supplier, equivalent_suppliers,
 *		normalized_hhi, shannon_diversity and the composite concentration.
 *		Each is also the final function of the aggregate over rows of the
 *		same name.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"

#include "concentration.h"
#include "pg_glue.h"

PG_FUNCTION_INFO_V1(mix_total);
PG_FUNCTION_INFO_V1(mix_supplier_count);
PG_FUNCTION_INFO_V1(mix_shares);
PG_FUNCTION_INFO_V1(mix_shares_stream);
PG_FUNCTION_INFO_V1(mix_hhi);
PG_FUNCTION_INFO_V1(mix_top_share);
PG_FUNCTION_INFO_V1(mix_concentration_ratio_final);
PG_FUNCTION_INFO_V1(mix_top_supplier);
PG_FUNCTION_INFO_V1(mix_equivalent_suppliers);
PG_FUNCTION_INFO_V1(mix_normalized_hhi);
PG_FUNCTION_INFO_V1(mix_shannon_diversity);
PG_FUNCTION_INFO_V1(mix_concentration);
PG_FUNCTION_INFO_V1(mix_governance_hhi);

/* Return a double, or NULL when the measure is undefined */
#define RETURN_MEASURE(defined, value) \
	do { \
		if (!(defined)) \
			PG_RETURN_NULL(); \
		PG_RETURN_FLOAT8(value); \
	} while (0)

/* The supplier code of entry position i as text */
static text *
entry_text(const Mix *m, int64_t i)
{
	const MixEntry *e = &mix_entries(m)[i];

	return cstring_to_text_with_len(mix_entry_key(m, e), e->keylen);
}

Datum
mix_total(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(conc_total(RR_GETARG_MIX_TOTAL(0)));
}

Datum
mix_supplier_count(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32((int32) conc_supplier_count(RR_GETARG_MIX_TOTAL(0)));
}

Datum
mix_hhi(PG_FUNCTION_ARGS)
{
	double		v = 0;

	RETURN_MEASURE(conc_hhi(RR_GETARG_MIX_TOTAL(0), &v), v);
}

Datum
mix_equivalent_suppliers(PG_FUNCTION_ARGS)
{
	double		v = 0;

	RETURN_MEASURE(conc_equivalent_suppliers(RR_GETARG_MIX_TOTAL(0), &v), v);
}

Datum
mix_normalized_hhi(PG_FUNCTION_ARGS)
{
	double		v = 0;

	RETURN_MEASURE(conc_normalized_hhi(RR_GETARG_MIX_TOTAL(0), &v), v);
}

Datum
mix_shannon_diversity(PG_FUNCTION_ARGS)
{
	double		v = 0;

	RETURN_MEASURE(conc_shannon(RR_GETARG_MIX_TOTAL(0), &v), v);
}

/* CRk of a mix for k >= 1 */
static Datum
top_share_datum(FunctionCallInfo fcinfo, const Mix *m, int64 k)
{
	double		v = 0;

	if (k < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("k must be at least 1, not " INT64_FORMAT, k)));
	RETURN_MEASURE(conc_top_share(m, k, rr_rank_scratch(m), &v), v);
}

Datum
mix_top_share(PG_FUNCTION_ARGS)
{
	return top_share_datum(fcinfo, RR_GETARG_MIX_TOTAL(0), PG_GETARG_INT32(1));
}

/* Final function of concentration_ratio: k travels in the state */
Datum
mix_concentration_ratio_final(PG_FUNCTION_ARGS)
{
	Mix		   *m = RR_GETARG_MIX_TOTAL(0);

	return top_share_datum(fcinfo, m, m->k);
}

Datum
mix_top_supplier(PG_FUNCTION_ARGS)
{
	Mix		   *m = RR_GETARG_MIX_TOTAL(0);
	int64_t		top = conc_top_supplier(m);

	if (top < 0)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(entry_text(m, top));
}

/* The composite rarerisk.concentration_profile */
Datum
mix_concentration(PG_FUNCTION_ARGS)
{
	Mix		   *m = RR_GETARG_MIX_TOTAL(0);
	ConcentrationProfile p;
	TupleDesc	tupdesc;
	Datum		values[9];
	bool		nulls[9] = {0};

	tupdesc = rr_result_tupdesc(fcinfo);
	conc_profile(m, rr_rank_scratch(m), &p);
	values[0] = Float8GetDatum(p.total);
	values[1] = Int32GetDatum((int32) p.suppliers);
	values[2] = Float8GetDatum(p.hhi);
	values[3] = Float8GetDatum(p.normalized_hhi);
	values[4] = Float8GetDatum(p.equivalent_suppliers);
	values[5] = p.top >= 0 ? PointerGetDatum(entry_text(m, p.top)) : (Datum) 0;
	values[6] = Float8GetDatum(p.top_share);
	values[7] = Float8GetDatum(p.cr3);
	values[8] = Float8GetDatum(p.shannon);
	nulls[2] = nulls[6] = nulls[7] = nulls[8] = !p.has_ratios;
	nulls[3] = !p.has_normalized;
	nulls[4] = !p.has_equivalent;
	nulls[5] = p.top < 0;
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}

/* How many rows ahead the rows of shares() load the entry of a row */
#define SHARES_PREFETCH		16

/* A mix in the rank order of shares(), and the row to return next */
typedef struct SharesScan
{
	Mix		   *m;
	RankItem   *order;			/* entries in rank order */
	double		total;
	double		unattributed;
	uint32_t	next;
	text	   *code;			/* the supplier of the row, reused */
} SharesScan;

/* The scan of the mix of argument 0, in the current memory context */
static SharesScan *
shares_scan_begin(FunctionCallInfo fcinfo)
{
	SharesScan *s = palloc(sizeof(SharesScan));

	s->m = RR_GETARG_MIX_TOTAL(0);
	s->order = MemoryContextAllocHuge(CurrentMemoryContext,
									  ((Size) s->m->count + 1) * 2 * sizeof(RankItem));
	s->total = conc_total(s->m);
	s->unattributed = s->m->unattributed + s->m->unattributed_c;
	s->next = 0;
	s->code = palloc(VARHDRSZ + MIX_MAX_KEY_LEN);
	mix_order_by_rank(s->m, s->order);
	return s;
}

/*
 * The next row of shares(): named suppliers by rank (volume descending,
 * ties by code), then the unattributed volume, if any, with supplier and
 * rank NULL.  False past the last row.
 */
static bool
shares_scan_next(SharesScan *s, Datum *values, bool *nulls)
{
	const Mix  *m = s->m;
	uint32_t	j = s->next;
	double		v;

	CHECK_FOR_INTERRUPTS();
	if (j > m->count || (j == m->count && !(s->unattributed > 0)))
		return false;
	s->next++;
	/* rank order visits the entries at random: load one ahead */
	if (j + SHARES_PREFETCH < m->count)
		__builtin_prefetch(&mix_entries(m)[s->order[j + SHARES_PREFETCH].pos]);
	if (j < m->count)
	{
		const MixEntry *e = &mix_entries(m)[s->order[j].pos];

		memcpy(VARDATA(s->code), mix_entry_key(m, e), e->keylen);
		SET_VARSIZE(s->code, VARHDRSZ + e->keylen);
		v = mix_entry_volume(e);
	}
	else
		v = s->unattributed;
	values[0] = PointerGetDatum(s->code);
	values[1] = Float8GetDatum(v);
	values[2] = Float8GetDatum(s->total > 0 ? v / s->total : 0);
	values[3] = Int32GetDatum((int32) j + 1);
	nulls[0] = nulls[3] = j == m->count;
	nulls[1] = false;
	nulls[2] = !(s->total > 0);
	return true;
}

/*
 * shares_stream(mix): the rows of shares() one per call, so that they
 * stream through the select list that shares() reads them in, where a
 * set-returning function in FROM fills a tuplestore with all of them first
 */
Datum
mix_shares_stream(PG_FUNCTION_ARGS)
{
	FuncCallContext *fc;
	Datum		values[4];
	bool		nulls[4];

	if (SRF_IS_FIRSTCALL())
	{
		MemoryContext old;

		fc = SRF_FIRSTCALL_INIT();
		old = MemoryContextSwitchTo(fc->multi_call_memory_ctx);
		fc->tuple_desc = rr_result_tupdesc(fcinfo);
		fc->user_fctx = shares_scan_begin(fcinfo);
		MemoryContextSwitchTo(old);
	}
	fc = SRF_PERCALL_SETUP();
	if (!shares_scan_next(fc->user_fctx, values, nulls))
		SRF_RETURN_DONE(fc);
	SRF_RETURN_NEXT(fc, HeapTupleGetDatum(heap_form_tuple(fc->tuple_desc, values, nulls)));
}

/*
 * The rows of shares() into a tuplestore: the C function of shares() in
 * version 0.1, kept for databases not yet updated to 0.2
 */
Datum
mix_shares(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	SharesScan *s;
	Datum		values[4];
	bool		nulls[4];

	InitMaterializedSRF(fcinfo, 0);
	s = shares_scan_begin(fcinfo);
	while (shares_scan_next(s, values, nulls))
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	return (Datum) 0;
}

/* governance_hhi(mix): Σ s_i² · risk_i with the mix's own risks */
Datum
mix_governance_hhi(PG_FUNCTION_ARGS)
{
	Mix		   *m = RR_GETARG_MIX_TOTAL(0);
	double		h = 0;
	int64_t		missing = -1;
	MixStatus	st = conc_governance_hhi(m, &h, &missing);

	if (st != MIX_OK)
		rr_mix_error(st, "risk", mix_entry_key(m, &mix_entries(m)[missing]),
					 mix_entries(m)[missing].keylen, 0);
	RETURN_MEASURE(!isnan(h), h);
}

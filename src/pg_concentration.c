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

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("function returning record called in context that cannot accept type record")));
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
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(tupdesc),
													  values, nulls)));
}

/* How many rows ahead shares() loads the entry of a row */
#define SHARES_PREFETCH		16

/*
 * shares(mix): named suppliers by rank (volume descending, ties by code),
 * then the unattributed volume, if any, with supplier and rank NULL.  The
 * supplier text of each row is written into one reused buffer.
 */
Datum
mix_shares(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Mix		   *m = RR_GETARG_MIX_TOTAL(0);
	RankItem   *order = MemoryContextAllocHuge(CurrentMemoryContext,
											   ((Size) m->count + 1) * 2 * sizeof(RankItem));
	double		total = conc_total(m);
	double		unattributed = m->unattributed + m->unattributed_c;
	text	   *code = palloc(VARHDRSZ + MIX_MAX_KEY_LEN);

	InitMaterializedSRF(fcinfo, 0);
	mix_order_by_rank(m, order);
	for (uint32_t j = 0; j <= m->count; j++)
	{
		Datum		values[4];
		bool		nulls[4] = {0};
		double		v;

		CHECK_FOR_INTERRUPTS();
		if (j == m->count && !(unattributed > 0))
			break;
		/* rank order visits the entries at random: load one ahead */
		if (j + SHARES_PREFETCH < m->count)
			__builtin_prefetch(&mix_entries(m)[order[j + SHARES_PREFETCH].pos]);
		if (j < m->count)
		{
			const MixEntry *e = &mix_entries(m)[order[j].pos];

			memcpy(VARDATA(code), mix_entry_key(m, e), e->keylen);
			SET_VARSIZE(code, VARHDRSZ + e->keylen);
			v = mix_entry_volume(e);
		}
		else
			v = unattributed;
		values[0] = PointerGetDatum(code);
		values[1] = Float8GetDatum(v);
		values[2] = Float8GetDatum(total > 0 ? v / total : 0);
		values[3] = Int32GetDatum((int32) j + 1);
		nulls[0] = nulls[3] = j == m->count;
		nulls[2] = !(total > 0);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
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

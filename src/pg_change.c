/*
 * pg_change.c
 *		SQL-callable concentration_change(before, after) and
 *		dominant_supplier(mix, threshold): the measures of concentration
 *		alerts in scheduled reports (the core is change.c).
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/float.h"

#include "change.h"
#include "pg_glue.h"

PG_FUNCTION_INFO_V1(mix_concentration_change);
PG_FUNCTION_INFO_V1(mix_dominant_supplier);

/* The code of entry i of m as text */
static Datum
entry_code(const Mix *m, uint32 i)
{
	const MixEntry *e = &mix_entries(m)[i];

	return PointerGetDatum(cstring_to_text_with_len(mix_entry_key(m, e), e->keylen));
}

/* The codes of n entries of m as a text[] */
static Datum
code_array(const Mix *m, const uint32 *entries, uint32 n)
{
	Datum	   *codes = palloc(Max(n, 1) * sizeof(Datum));

	for (uint32 k = 0; k < n; k++)
		codes[k] = entry_code(m, entries[k]);
	return PointerGetDatum(construct_array(codes, (int) n, TEXTOID, -1, false,
										   TYPALIGN_INT));
}

/* concentration_change(before, after): the composite rarerisk.concentration_change */
Datum
mix_concentration_change(PG_FUNCTION_ARGS)
{
	Mix		   *before = rr_check_totals(rr_mix_arg(fcinfo, 0, true));
	Mix		   *after = rr_check_totals(rr_mix_arg(fcinfo, 1, true));
	uint32	   *new_entries = rr_scratch(after);
	uint32	   *lost_entries = rr_scratch(before);
	MixChange	c;
	TupleDesc	tupdesc;
	Datum		values[10];
	bool		nulls[10] = {0};

	tupdesc = rr_result_tupdesc(fcinfo);
	mix_change(before, after, new_entries, lost_entries, &c);
	values[0] = Float8GetDatum(c.hhi_before);
	nulls[0] = !c.has_hhi_before;
	values[1] = Float8GetDatum(c.hhi_after);
	nulls[1] = !c.has_hhi_after;
	values[2] = Float8GetDatum(c.hhi_after - c.hhi_before);
	nulls[2] = !(c.has_hhi_before && c.has_hhi_after);
	if (c.top_before >= 0)
		values[3] = entry_code(before, (uint32) c.top_before);
	nulls[3] = c.top_before < 0;
	if (c.top_after >= 0)
		values[4] = entry_code(after, (uint32) c.top_after);
	nulls[4] = c.top_after < 0;
	values[5] = BoolGetDatum(c.top_changed);
	if (c.has_drop)
	{
		values[6] = PointerGetDatum(cstring_to_text_with_len(c.drop_key,
															 c.drop_keylen));
		values[7] = Float8GetDatum(c.drop);
	}
	nulls[6] = nulls[7] = !c.has_drop;
	values[8] = code_array(after, new_entries, c.nnew);
	values[9] = code_array(before, lost_entries, c.nlost);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}

/* dominant_supplier(mix, threshold): the supplier above the threshold, or NULL */
Datum
mix_dominant_supplier(PG_FUNCTION_ARGS)
{
	Mix		   *m = rr_check_totals(rr_mix_arg(fcinfo, 0, false));
	double		threshold = PG_GETARG_FLOAT8(1);
	int64		top;

	if (!(threshold >= 0 && threshold <= 1))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("threshold must be between 0 and 1, not %s",
						float8out_internal(threshold))));
	top = mix_dominant(m, threshold);
	if (top < 0)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(entry_code(m, (uint32) top));
}

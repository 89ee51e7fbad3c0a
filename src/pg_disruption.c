/*
 * pg_disruption.c
 *		SQL-callable functions of the probabilistic disruption risk: the
 *		constructor disruption_event(), disruption_risk() and
 *		disruption_distribution() over a stored supply mix.  The model and
 *		the enumeration are in disruption.c; this file reads the arguments,
 *		maps the core's statuses to errors and builds the results.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/lsyscache.h"

#include "disruption.h"
#include "interrupt.h"
#include "pg_country.h"
#include "pg_glue.h"

PG_FUNCTION_INFO_V1(disruption_event_make);
PG_FUNCTION_INFO_V1(mix_disruption_risk);
PG_FUNCTION_INFO_V1(mix_disruption_distribution);

/* Attributes of the composite rarerisk.disruption_event */
enum
{
	ATT_NAME = 1,
	ATT_PROBABILITY,
	ATT_SUPPLIERS,
	ATT_INTENSITY
};

/* How an event is named in messages: its name, else its position */
static char *
event_label(const char *name, int pos)
{
	if (name != NULL)
		return psprintf("event \"%s\"", name);
	return psprintf("event %d", pos);
}

/*
 * Read a list of supplier codes into e (codes point into the array).  A
 * NULL or empty list or a NULL element is an error, and with check_codes a
 * code that looks like a mistyped country code (as embargo() checks them).
 */
static void
read_suppliers(ArrayType *arr, bool isnull, const char *label,
			   bool check_codes, DisruptionEvent *e)
{
	Datum	   *elems;
	bool	   *nulls;
	int			n;
	const char **codes;
	size_t	   *lens;

	if (isnull)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the suppliers of %s must not be NULL", label)));
	if (ARR_NDIM(arr) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("the suppliers of %s must be a one-dimensional array, not %d-dimensional",
						label, ARR_NDIM(arr))));
	deconstruct_array(arr, TEXTOID, -1, false, TYPALIGN_INT, &elems, &nulls, &n);
	if (n == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the suppliers of %s must not be an empty list", label)));
	codes = palloc(n * sizeof(char *));
	lens = palloc(n * sizeof(size_t));
	for (int i = 0; i < n; i++)
	{
		text	   *t;

		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("supplier %d of %s is NULL", i + 1, label),
					 errhint("Unattributed volume is never disrupted; remove the NULL from the list.")));
		t = DatumGetTextPP(elems[i]);
		codes[i] = VARDATA_ANY(t);
		lens[i] = VARSIZE_ANY_EXHDR(t);
		if (check_codes && lens[i] > 0 && lens[i] <= MIX_MAX_KEY_LEN)
			rr_check_supplier_code(codes[i], lens[i], "disrupted supplier");
	}
	e->codes = codes;
	e->lens = lens;
	e->ncodes = (uint32) n;
}

/* The error of an event the core refuses */
static void
event_error(DisruptionStatus st, const DisruptionEvent *e, const char *label)
{
	switch (st)
	{
		case DIS_OK:
			return;
		case DIS_ERR_PROBABILITY:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("probability of %s must be between 0 and 1, not %s",
							label, float8out_internal(e->probability))));
			break;
		case DIS_ERR_INTENSITY:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("intensity of %s must be greater than 0 and at most 1, not %s",
							label, float8out_internal(e->intensity)),
					 errhint("An event of intensity 0 disrupts nothing: leave it out.")));
			break;
		case DIS_ERR_EMPTY_LIST:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("the suppliers of %s must not be an empty list", label)));
			break;
		case DIS_ERR_EMPTY_CODE:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("a supplier code of %s is empty", label)));
			break;
		case DIS_ERR_CODE_TOO_LONG:
			ereport(ERROR,
					(errcode(ERRCODE_STRING_DATA_RIGHT_TRUNCATION),
					 errmsg("a supplier code of %s is longer than %d bytes",
							label, MIX_MAX_KEY_LEN)));
			break;
		default:
			elog(ERROR, "disruption event: %s", disruption_status_message(st));
	}
}

/*
 * rarerisk.disruption_event(name, probability, suppliers, intensity): not
 * strict, so that a NULL probability, list or intensity is an error rather
 * than a silent NULL event.  The name may be NULL.
 */
Datum
disruption_event_make(PG_FUNCTION_ARGS)
{
	char	   *name = PG_ARGISNULL(0) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(0));
	char	   *label = event_label(name, 1);
	DisruptionEvent e = {0};
	TupleDesc	tupdesc;
	Datum		values[4];
	bool		nulls[4] = {0};

	if (PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("probability of %s must not be NULL", label)));
	if (PG_ARGISNULL(3))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("intensity of %s must not be NULL", label)));
	e.probability = PG_GETARG_FLOAT8(1);
	e.intensity = PG_GETARG_FLOAT8(3);
	read_suppliers(PG_ARGISNULL(2) ? NULL : PG_GETARG_ARRAYTYPE_P(2),
				   PG_ARGISNULL(2), label, true, &e);
	event_error(disruption_check_event(&e), &e, label);

	tupdesc = rr_result_tupdesc(fcinfo);
	values[0] = PG_ARGISNULL(0) ? (Datum) 0 : PG_GETARG_DATUM(0);
	nulls[0] = PG_ARGISNULL(0);
	/* +0 for -0, so that equal events print alike */
	values[1] = Float8GetDatum(e.probability == 0 ? 0.0 : e.probability);
	values[2] = PG_GETARG_DATUM(2);
	values[3] = Float8GetDatum(e.intensity);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}

/*
 * The events of an array of rarerisk.disruption_event, checked again here
 * (a composite can be built by a row constructor, bypassing
 * disruption_event()).  The country-code check of the codes is left to
 * disruption_event(): it costs more than enumerating a small event set,
 * and this runs for every mix.
 */
static DisruptionEvent *
read_events(ArrayType *arr, uint32 *n)
{
	Oid			elemtype = ARR_ELEMTYPE(arr);
	int16		typlen;
	bool		typbyval;
	char		typalign;
	Datum	   *elems;
	bool	   *nulls;
	int			count;
	DisruptionEvent *events;

	if (ARR_NDIM(arr) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("events must be a one-dimensional array, not %d-dimensional",
						ARR_NDIM(arr))));
	get_typlenbyvalalign(elemtype, &typlen, &typbyval, &typalign);
	deconstruct_array(arr, elemtype, typlen, typbyval, typalign,
					  &elems, &nulls, &count);
	events = palloc0(Max(count, 1) * sizeof(DisruptionEvent));
	for (int i = 0; i < count; i++)
	{
		HeapTupleHeader t;
		bool		isnull;
		Datum		d;
		char	   *name = NULL;
		char	   *label;
		DisruptionEvent *e = &events[i];

		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("event %d is NULL", i + 1)));
		t = DatumGetHeapTupleHeader(elems[i]);
		d = GetAttributeByNum(t, ATT_NAME, &isnull);
		if (!isnull)
			name = text_to_cstring(DatumGetTextPP(d));
		label = event_label(name, i + 1);
		d = GetAttributeByNum(t, ATT_PROBABILITY, &isnull);
		if (isnull)
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("probability of %s must not be NULL", label)));
		e->probability = DatumGetFloat8(d);
		d = GetAttributeByNum(t, ATT_INTENSITY, &isnull);
		if (isnull)
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("intensity of %s must not be NULL", label)));
		e->intensity = DatumGetFloat8(d);
		d = GetAttributeByNum(t, ATT_SUPPLIERS, &isnull);
		read_suppliers(isnull ? NULL : DatumGetArrayTypeP(d), isnull, label,
					   false, e);
		event_error(disruption_check_event(e), e, label);
	}
	*n = (uint32) count;
	return events;
}

/*
 * Run the core over the arguments (mix, events, scenario); false for a
 * zero total.
 */
static bool
run(FunctionCallInfo fcinfo, DisruptionResult *r)
{
	Mix		   *m = rr_check_totals(rr_mix_arg(fcinfo, 0, true));
	ArrayType  *arr = PG_GETARG_ARRAYTYPE_P(1);
	EmbargoScenario *s = (EmbargoScenario *) PG_DETOAST_DATUM(PG_GETARG_DATUM(2));
	uint32		n;
	DisruptionEvent *events = read_events(arr, &n);
	uint32		bad = 0;
	bool		defined;
	DisruptionStatus st;

	st = disruption_risk(m, events, n, &s->params, &rr_palloc_allocator, r,
						 &bad, &defined);
	if (st == DIS_ERR_TOO_MANY)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("%u events have a probability strictly between 0 and 1, more than the %d that can be enumerated exactly",
						r->uncertain, DISRUPTION_MAX_EVENTS),
				 errhint("Merge events that tend to happen together into one event, or drop the least likely ones.")));
	if (st == DIS_ERR_NOMEM)
		ereport(ERROR,
				(errcode(ERRCODE_OUT_OF_MEMORY),
				 errmsg("out of memory enumerating the outcomes of %u events", n)));
	if (st != DIS_OK)
		event_error(st, &events[bad], event_label(NULL, (int) bad + 1));
	return defined;
}

/* disruption_risk(mix, events, scenario): the composite rarerisk.disruption_risk */
Datum
mix_disruption_risk(PG_FUNCTION_ARGS)
{
	DisruptionResult r;
	TupleDesc	tupdesc;
	Datum		values[6];
	bool		nulls[6] = {0};

	tupdesc = rr_result_tupdesc(fcinfo);
	if (!run(fcinfo, &r))
		PG_RETURN_NULL();
	values[0] = Float8GetDatum(r.expected_share);
	values[1] = Float8GetDatum(r.p_shortage);
	values[2] = Float8GetDatum(r.var_95);
	values[3] = Float8GetDatum(r.cvar_95);
	values[4] = Float8GetDatum(r.worst_share);
	values[5] = Int32GetDatum((int32) r.events);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}

/*
 * disruption_distribution(mix, events, scenario): one row per distinct
 * shortfall share, ascending, with its probability; none for a zero total.
 */
Datum
mix_disruption_distribution(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	DisruptionResult r;

	InitMaterializedSRF(fcinfo, 0);
	if (!run(fcinfo, &r))
		return (Datum) 0;
	for (uint64 i = 0; i < r.npoints; i++)
	{
		Datum		values[2];
		bool		nulls[2] = {0};

		rr_check_interrupts_every(i);
		values[0] = Float8GetDatum(r.dist[i].share);
		values[1] = Float8GetDatum(r.dist[i].probability);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

/*
 * pg_criticality.c
 *		SQL-callable criticality scores: wgi_risk, eu_supply_risk,
 *		import_reliance, eu_material_sr, eu_is_critical, and the WGI x t
 *		weight of hhi_wgi_t.  The arithmetic is in criticality.c; this file
 *		maps NULLs and the core's statuses to SQL.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/float.h"

#include "compat.h"
#include "criticality.h"
#include "pg_glue.h"

PG_FUNCTION_INFO_V1(rr_wgi_risk);
PG_FUNCTION_INFO_V1(rr_eu_supply_risk);
PG_FUNCTION_INFO_V1(rr_import_reliance);
PG_FUNCTION_INFO_V1(rr_eu_material_sr);
PG_FUNCTION_INFO_V1(rr_eu_is_critical);

/* Report a core error status for argument bad, whose value is value */
static void
crit_error(CritStatus st, CritArg bad, double value, const char *result)
{
	const char *name = crit_arg_name(bad);

	switch (st)
	{
		case CRIT_OK:
		case CRIT_UNDEFINED:
			return;
		case CRIT_ERR_NAN:
		case CRIT_ERR_INFINITE:
		case CRIT_ERR_NEGATIVE:
			if (bad == CRIT_ARG_WGI_MEAN || bad == CRIT_ARG_IMPORT_RELIANCE ||
				bad == CRIT_ARG_STOCK_CHANGE)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("%s must be finite, not %s",
								name, float8out_internal(value))));
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s must be finite and not negative, not %s",
							name, float8out_internal(value))));
			break;
		case CRIT_ERR_NOT_POSITIVE:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s must be finite and greater than 0, not %s",
							name, float8out_internal(value))));
			break;
		case CRIT_ERR_FRACTION:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s must be between 0 and 1, not %s",
							name, float8out_internal(value))));
			break;
		case CRIT_ERR_OVERFLOW:
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("%s is out of range for type double precision",
							result)));
			break;
	}
}

/* wgi_risk(wgi_mean float8): STRICT */
Datum
rr_wgi_risk(PG_FUNCTION_ARGS)
{
	double		x = PG_GETARG_FLOAT8(0);
	double		r = 0;
	CritArg		bad = CRIT_ARG_NONE;
	CritStatus	st = crit_wgi_risk(x, &r, &bad);

	crit_error(st, bad, x, "governance risk");
	PG_RETURN_FLOAT8(r);
}

/*
 * eu_supply_risk(hhi_wgi_global, hhi_wgi_sourcing, import_reliance,
 *				  eol_rir, substitution_index): not STRICT, because either
 * HHI may be NULL (the other is then used alone).  A NULL eol_rir or
 * substitution_index, both HHIs NULL, or a NULL import_reliance when both
 * HHIs are given, give NULL.
 */
Datum
rr_eu_supply_risk(PG_FUNCTION_ARGS)
{
	bool		has_gs = !PG_ARGISNULL(0);
	bool		has_eu = !PG_ARGISNULL(1);
	bool		has_ir = !PG_ARGISNULL(2);
	double		args[5] = {0, 0, 0, 0, 0};
	double		r = 0;
	CritArg		bad = CRIT_ARG_NONE;
	CritStatus	st;

	for (int i = 0; i < 5; i++)
		if (!PG_ARGISNULL(i))
			args[i] = PG_GETARG_FLOAT8(i);
	if (PG_ARGISNULL(3) || PG_ARGISNULL(4))
	{
		/* still reject a bad value among the arguments that are given */
		st = crit_eu_supply_risk(has_gs, args[0], has_eu, args[1], has_ir, args[2],
								 PG_ARGISNULL(3) ? 0 : args[3],
								 PG_ARGISNULL(4) ? 0 : args[4], &r, &bad);
		if (st != CRIT_OK && st != CRIT_UNDEFINED && st != CRIT_ERR_OVERFLOW)
			crit_error(st, bad, bad >= CRIT_ARG_HHI_GLOBAL && bad <= CRIT_ARG_SUBSTITUTION ?
					   args[bad - CRIT_ARG_HHI_GLOBAL] : 0, "supply risk");
		PG_RETURN_NULL();
	}
	st = crit_eu_supply_risk(has_gs, args[0], has_eu, args[1], has_ir, args[2],
							 args[3], args[4], &r, &bad);
	if (st == CRIT_UNDEFINED)
		PG_RETURN_NULL();
	crit_error(st, bad, bad >= CRIT_ARG_HHI_GLOBAL && bad <= CRIT_ARG_SUBSTITUTION ?
			   args[bad - CRIT_ARG_HHI_GLOBAL] : 0, "supply risk");
	PG_RETURN_FLOAT8(r);
}

/* import_reliance(production, imports, exports, stock_change): STRICT */
Datum
rr_import_reliance(PG_FUNCTION_ARGS)
{
	double		args[4];
	double		ir = 0,
				ac = 0;
	CritArg		bad = CRIT_ARG_NONE;
	CritStatus	st;

	for (int i = 0; i < 4; i++)
		args[i] = PG_GETARG_FLOAT8(i);
	st = crit_import_reliance(args[0], args[1], args[2], args[3], &ir, &ac, &bad);
	if (st == CRIT_UNDEFINED)
		PG_RETURN_NULL();
	crit_error(st, bad, bad >= CRIT_ARG_PRODUCTION && bad <= CRIT_ARG_STOCK_CHANGE ?
			   args[bad - CRIT_ARG_PRODUCTION] : 0, "apparent consumption");
	PG_RETURN_FLOAT8(ir);
}

/*
 * The weight WGI x t of a named supplier in hhi_wgi_t (the transition
 * function checks the risk itself first): a bad t is an error naming the
 * supplier.
 */
double
rr_risk_times_t(double risk, double t, const char *key, size_t keylen)
{
	double		w = 0;
	CritArg		bad = CRIT_ARG_NONE;
	CritStatus	st = crit_risk_times_t(risk, t, &w, &bad);

	if (st == CRIT_OK)
		return w;
	if (st == CRIT_ERR_OVERFLOW)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("governance risk times trade factor t for supplier \"%s\" is out of range for type double precision",
						rr_message_code(key, keylen))));
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid trade factor t %s for supplier \"%s\"",
					float8out_internal(t), rr_message_code(key, keylen)),
			 errdetail("The trade factor must be finite and greater than 0 (1 = no trade measure).")));
	return 0;					/* not reached */
}

/*
 * eu_material_sr(sr_extraction, sr_processing) -> (sr, sr_stage): not
 * STRICT, a NULL stage is one that was not assessed; NULL row values when
 * neither stage is given.
 */
Datum
rr_eu_material_sr(PG_FUNCTION_ARGS)
{
	bool		has_e = !PG_ARGISNULL(0),
				has_p = !PG_ARGISNULL(1);
	double		e = has_e ? PG_GETARG_FLOAT8(0) : 0,
				p = has_p ? PG_GETARG_FLOAT8(1) : 0,
				r = 0;
	CritStage	stage = CRIT_STAGE_NONE;
	CritArg		bad = CRIT_ARG_NONE;
	CritStatus	st = crit_material_sr(has_e, e, has_p, p, &r, &stage, &bad);
	TupleDesc	tupdesc;
	Datum		values[2] = {0, 0};
	bool		nulls[2] = {true, true};

	tupdesc = rr_result_tupdesc(fcinfo);
	crit_error(st, bad, bad == CRIT_ARG_SR_EXTRACTION ? e : p, "supply risk");
	if (st == CRIT_OK)
	{
		values[0] = Float8GetDatum(r);
		values[1] = CStringGetTextDatum(crit_stage_name(stage));
		nulls[0] = nulls[1] = false;
	}
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}

/* eu_is_critical(sr, ei, sr_threshold, ei_threshold): STRICT */
Datum
rr_eu_is_critical(PG_FUNCTION_ARGS)
{
	double		args[4];
	bool		c = false;
	CritArg		bad = CRIT_ARG_NONE;
	CritStatus	st;

	for (int i = 0; i < 4; i++)
		args[i] = PG_GETARG_FLOAT8(i);
	st = crit_is_critical(args[0], args[1], args[2], args[3], &c, &bad);
	crit_error(st, bad, bad >= CRIT_ARG_SR && bad <= CRIT_ARG_EI_THRESHOLD ?
			   args[bad - CRIT_ARG_SR] : 0, "criticality");
	PG_RETURN_BOOL(c);
}

/*
 * pg_embargo.c
 *		SQL-callable functions of the embargo shortfall model (the text and
 *		binary forms of its types are in pg_embargo_io.c): the
 *		constructor embargo(), the transition, combine and final functions
 *		of embargo_shortfall and embargo_impact, and the functions over a
 *		stored supply mix (embargo_shortfall, embargo_impact, worst_embargo,
 *		embargo_trajectory).
 *
 * The transition value of the aggregates is an embargo_state datum: a copy
 * of the scenario and four compensated sums.  Called as an aggregate, the
 * transition function updates it in place and returns the same pointer, so
 * per-row work is a few additions, a bisection over the embargoed codes
 * and, unless the scenario is a constant of the query, a comparison of its
 * bytes with the state's copy.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "nodes/primnodes.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/lsyscache.h"

#include "embargo.h"
#include "json_out.h"
#include "mix_text.h"
#include "pg_country.h"
#include "pg_embargo.h"
#include "pg_glue.h"

PG_FUNCTION_INFO_V1(embargo_make);
PG_FUNCTION_INFO_V1(embargo_trans);
PG_FUNCTION_INFO_V1(embargo_trans_spare);
PG_FUNCTION_INFO_V1(embargo_trans_content);
PG_FUNCTION_INFO_V1(embargo_combine);
PG_FUNCTION_INFO_V1(embargo_shortfall_final);
PG_FUNCTION_INFO_V1(embargo_impact_final);
PG_FUNCTION_INFO_V1(mix_embargo_shortfall);
PG_FUNCTION_INFO_V1(mix_embargo_impact);
PG_FUNCTION_INFO_V1(mix_worst_embargo);
PG_FUNCTION_INFO_V1(mix_embargo_trajectory);

/* The parameter that p gets wrong, as an error with its value */
static void
params_error(EmbargoStatus st, const EmbargoParams *p)
{
	/* each parameter's status, name and domain */
	static const struct
	{
		EmbargoStatus st;
		const char *name;
		const char *rule;
	}			params[] = {
		{EMB_ERR_INTENSITY, "intensity", "between 0 and 1"},
		{EMB_ERR_STOCK_DAYS, "stock_days", "finite and not negative"},
		{EMB_ERR_HORIZON, "horizon_days", "finite and greater than 0"},
		{EMB_ERR_PERIOD, "period_days", "finite and greater than 0"}
	};
	const double values[] = {p->intensity, p->stock_days, p->horizon_days,
	p->period_days};

	for (int i = 0; i < lengthof(params); i++)
		if (st == params[i].st)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s must be %s, not %s", params[i].name,
							params[i].rule, float8out_internal(values[i]))));
	switch (st)
	{
		case EMB_OK:
			return;
		case EMB_ERR_EMPTY_LIST:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("the list of embargoed suppliers must not be empty")));
			break;
		case EMB_ERR_EMPTY_CODE:
			rr_code_empty("an embargoed supplier code", NULL);
			break;
		case EMB_ERR_CODE_TOO_LONG:
			rr_code_too_long("an embargoed supplier code");
			break;
		case EMB_ERR_TOO_BIG:
			rr_too_big("embargo scenario");
			break;
		default:
			elog(ERROR, "embargo scenario: %s", embargo_status_message(st));
	}
}

/* Build a scenario or raise the error of the offending argument */
static EmbargoScenario *
build_scenario(const char *const *codes, const size_t *lens, uint32 n,
			   const EmbargoParams *p)
{
	EmbargoStatus st;
	EmbargoScenario *s = embargo_scenario_build(codes, lens, n, p,
												&rr_palloc_allocator, &st);

	if (s == NULL)
		params_error(st, p);
	return s;
}

/*
 * rarerisk.embargo(embargoed text[], intensity, stock_days, horizon_days,
 * period_days): not strict, so that a NULL argument is an error rather
 * than a silent NULL scenario.
 */
Datum
embargo_make(PG_FUNCTION_ARGS)
{
	static const char *const names[] = {"embargoed", "intensity", "stock_days",
	"horizon_days", "period_days"};
	int			n;
	const char **codes;
	size_t	   *lens;
	EmbargoParams p;

	for (int i = 0; i < 5; i++)
		if (PG_ARGISNULL(i))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("%s must not be NULL", names[i])));
	rr_embargoed_codes(PG_GETARG_ARRAYTYPE_P(0), "embargoed supplier", "volume",
					   &codes, &lens, &n);
	p.intensity = PG_GETARG_FLOAT8(1);
	p.stock_days = PG_GETARG_FLOAT8(2);
	p.horizon_days = PG_GETARG_FLOAT8(3);
	p.period_days = PG_GETARG_FLOAT8(4);
	PG_RETURN_DATUM(scenario_datum(build_scenario(codes, lens, n, &p)));
}

/* ---------------------------------------------------------------- */
/* Aggregates														*/
/* ---------------------------------------------------------------- */

/*
 * Is the scenario argument of this aggregate call a constant of the query?
 * Then every state of every group carries the same bytes and the per-row
 * comparison can be skipped.  (The planner folds rarerisk.embargo(...)
 * with constant arguments into a Const: it is immutable.)  The scenario is
 * found by its place among the aggregate's declared arguments (argument
 * scen_arg of the transition function, after the state): the argument
 * list also holds the ORDER BY expressions of the call, after them.
 * Looked up on every row, never cached: a caller may give each call a
 * fresh FmgrInfo (Citus does), and the lookup is a few pointer reads.
 */
static bool
scenario_is_const(FunctionCallInfo fcinfo, int scen_arg)
{
	Aggref	   *agg = AggGetAggref(fcinfo);
	TargetEntry *te;

	if (agg == NULL || list_length(agg->aggargtypes) != scen_arg ||
		list_length(agg->args) < scen_arg)
		return false;
	te = list_nth_node(TargetEntry, agg->args, scen_arg - 1);
	return !te->resjunk && te->resno == scen_arg && IsA(te->expr, Const);
}

static void
scenario_mismatch(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("the embargo scenario must be the same for every row of a group")));
}

/* Do the state's scenario and the bytes of a (packed) scenario datum agree? */
static inline bool
same_scenario(const EmbargoScenario *mine, const struct varlena *other)
{
	Size		n = VARSIZE(mine) - VARHDRSZ;

	return VARSIZE_ANY_EXHDR(other) == n &&
		memcmp(VARDATA(mine), VARDATA_ANY(other), n) == 0;
}

/*
 * Add one row.  Arguments: state, supplier, volume, [spare, [theta,]]
 * scenario; nvals is the number of values after the supplier (1 to 3).
 * NULL volume: the row is ignored; NULL supplier: unattributed volume,
 * never embargoed; NULL spare or theta: 0.
 */
static Datum
embargo_transition(FunctionCallInfo fcinfo, int nvals)
{
	int			scen_arg = 2 + nvals;
	text	   *supplier = PG_ARGISNULL(1) ? NULL : PG_GETARG_TEXT_PP(1);
	double		volume,
				spare = 0,
				theta = 0;
	EmbargoState *st;
	struct varlena *scen;
	EmbargoStatus es;
	bool		embargoed = false;

	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "embargo transition function called in non-aggregate context");
	if (PG_ARGISNULL(scen_arg))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("the embargo scenario must not be NULL")));
	if (PG_ARGISNULL(2))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	volume = PG_GETARG_FLOAT8(2);
	if (nvals >= 2 && !PG_ARGISNULL(3))
		spare = PG_GETARG_FLOAT8(3);
	if (nvals >= 3 && !PG_ARGISNULL(4))
		theta = PG_GETARG_FLOAT8(4);
	rr_check_volume(volume, "volume", supplier);
	rr_check_volume(spare, "spare capacity", supplier);
	if (!(theta >= 0 && theta <= 1))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("embargoed content %s for supplier \"%s\" is not between 0 and 1",
						float8out_internal(theta),
						supplier ? rr_message_code(VARDATA_ANY(supplier),
												   VARSIZE_ANY_EXHDR(supplier)) :
						"(unattributed)")));
	if (supplier != NULL)
	{
		size_t		len = VARSIZE_ANY_EXHDR(supplier);

		if (len == 0)
			rr_mix_error(MIX_ERR_KEY_EMPTY, "volume", "", 0, volume);
		if (len > MIX_MAX_KEY_LEN)
			rr_mix_error(MIX_ERR_KEY_TOO_LONG, "volume", VARDATA_ANY(supplier),
						 len, volume);
	}

	scen = PG_DETOAST_DATUM_PACKED(PG_GETARG_DATUM(scen_arg));
	if (PG_ARGISNULL(0))
	{
		Size		n = VARSIZE_ANY_EXHDR(scen);
		EmbargoScenario *s;

		st = palloc0(sizeof(EmbargoState) + VARHDRSZ + n);
		st->version = EMBARGO_FORMAT_VERSION;
		s = embargo_state_scenario(st);
		memcpy(VARDATA(s), VARDATA_ANY(scen), n);
		SET_VARSIZE(s, VARHDRSZ + n);
		if (embargo_scenario_validate(s, VARHDRSZ + n) != EMB_OK)
			elog(ERROR, "corrupt embargo scenario");
		state_datum(st);
	}
	else
	{
		st = RR_GETARG_STATE(0);
		if (!scenario_is_const(fcinfo, scen_arg) &&
			!same_scenario(embargo_state_scenario(st), scen))
			scenario_mismatch();
	}

	if (supplier != NULL)
		embargoed = embargo_scenario_contains(embargo_state_scenario(st),
											  VARDATA_ANY(supplier),
											  VARSIZE_ANY_EXHDR(supplier));
	es = embargo_sums_add(&st->sums, embargoed, volume, spare, theta);
	if (es != EMB_OK)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("sum of volumes is out of range for type double precision")));
	PG_RETURN_POINTER(st);
}

/* embargo_*(supplier, volume, scenario) */
Datum
embargo_trans(PG_FUNCTION_ARGS)
{
	return embargo_transition(fcinfo, 1);
}

/* embargo_*(supplier, volume, spare, scenario) */
Datum
embargo_trans_spare(PG_FUNCTION_ARGS)
{
	return embargo_transition(fcinfo, 2);
}

/* embargo_*(supplier, volume, spare, embargoed_content, scenario) */
Datum
embargo_trans_content(PG_FUNCTION_ARGS)
{
	return embargo_transition(fcinfo, 3);
}

/*
 * Combine two states of the same scenario.  Strict: the executor copies
 * the first non-NULL input in as the initial state.  Outside an aggregate
 * the first argument is copied, never changed.
 */
Datum
embargo_combine(PG_FUNCTION_ARGS)
{
	EmbargoState *a;
	EmbargoState *b = RR_GETARG_STATE(1);

	if (AggCheckCallContext(fcinfo, NULL))
		a = RR_GETARG_STATE(0);
	else
		a = (EmbargoState *) PG_DETOAST_DATUM_COPY(PG_GETARG_DATUM(0));
	if (!same_scenario(embargo_state_scenario(a),
					   (struct varlena *) embargo_state_scenario(b)))
		scenario_mismatch();
	if (embargo_sums_merge(&a->sums, &b->sums) != EMB_OK)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("sum of volumes is out of range for type double precision")));
	PG_RETURN_POINTER(a);
}

/* The impact, or false for a zero total; errors if it overflowed */
static bool
compute_impact(const EmbargoParams *p, const EmbargoSums *s, EmbargoImpact *imp)
{
	if (!embargo_impact(p, s, imp))
		return false;
	if (!isfinite(imp->demand) || !isfinite(imp->shortfall) ||
		!isfinite(imp->direct_loss) || !isfinite(imp->indirect_loss))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("embargo impact over horizon_days %s is out of range for type double precision",
						float8out_internal(p->horizon_days))));
	return true;
}

/* The composite rarerisk.embargo_impact */
static Datum
impact_datum(FunctionCallInfo fcinfo, const EmbargoImpact *imp)
{
	TupleDesc	tupdesc;
	Datum		values[8];
	bool		nulls[8] = {0};

	tupdesc = rr_result_tupdesc(fcinfo);
	if (imp->has_days && !isfinite(imp->days_to_shortage))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("days_to_shortage is out of range for type double precision"),
				 errdetail("The gap is too small a fraction of the stocks.")));
	values[0] = Float8GetDatum(imp->demand);
	values[1] = Float8GetDatum(imp->direct_loss);
	values[2] = Float8GetDatum(imp->indirect_loss);
	values[3] = Float8GetDatum(imp->substitution);
	values[4] = Float8GetDatum(imp->stock_release);
	values[5] = Float8GetDatum(imp->shortfall);
	values[6] = Float8GetDatum(imp->shortfall_share);
	values[7] = Float8GetDatum(imp->days_to_shortage);
	nulls[7] = !imp->has_days;
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}

/* The impact of an aggregate's state (argument 0), false for a zero total */
static bool
state_impact(FunctionCallInfo fcinfo, EmbargoImpact *imp)
{
	EmbargoState *st = RR_GETARG_STATE(0);

	return compute_impact(&embargo_state_scenario(st)->params, &st->sums, imp);
}

/* Final function of embargo_shortfall: the shortfall share */
Datum
embargo_shortfall_final(PG_FUNCTION_ARGS)
{
	EmbargoImpact imp;

	if (!state_impact(fcinfo, &imp))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(imp.shortfall_share);
}

/* Final function of embargo_impact */
Datum
embargo_impact_final(PG_FUNCTION_ARGS)
{
	EmbargoImpact imp;

	if (!state_impact(fcinfo, &imp))
		PG_RETURN_NULL();
	return impact_datum(fcinfo, &imp);
}

/* ---------------------------------------------------------------- */
/* Over a stored mix												*/
/* ---------------------------------------------------------------- */

/* The impact of a mix (argument 0) under a scenario (argument 1) */
static bool
mix_impact(FunctionCallInfo fcinfo, EmbargoImpact *imp)
{
	Mix		   *m = RR_GETARG_MIX(0);
	EmbargoScenario *s = RR_GETARG_SCENARIO(1);
	EmbargoSums sums;

	embargo_mix_sums(m, s, &sums);
	return compute_impact(&s->params, &sums, imp);
}

/* embargo_shortfall(mix, scenario) */
Datum
mix_embargo_shortfall(PG_FUNCTION_ARGS)
{
	EmbargoImpact imp;

	if (!mix_impact(fcinfo, &imp))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(imp.shortfall_share);
}

/* embargo_impact(mix, scenario) */
Datum
mix_embargo_impact(PG_FUNCTION_ARGS)
{
	EmbargoImpact imp;

	if (!mix_impact(fcinfo, &imp))
		PG_RETURN_NULL();
	return impact_datum(fcinfo, &imp);
}

/*
 * worst_embargo(mix, k, scenario): the composite rarerisk.worst_case.
 * The scenario's own list is ignored; see embargo_worst for why the
 * answer is exact.
 */
Datum
mix_worst_embargo(PG_FUNCTION_ARGS)
{
	Mix		   *m = RR_GETARG_MIX(0);
	int32		k = PG_GETARG_INT32(1);
	EmbargoScenario *s = RR_GETARG_SCENARIO(2);
	RankItem   *order = rr_rank_scratch(m);
	EmbargoSums sums;
	EmbargoImpact imp;
	uint32		chosen;
	Datum	   *codes;
	TupleDesc	tupdesc;
	Datum		values[3];
	bool		nulls[3] = {0};

	if (k < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("k must be at least 1, not %d", k)));
	tupdesc = rr_result_tupdesc(fcinfo);
	chosen = embargo_worst(m, k, &s->params, order, &sums);
	/* a zero total: NULL, as for every measure of a mix */
	if (!compute_impact(&s->params, &sums, &imp))
		PG_RETURN_NULL();
	codes = palloc(Max(chosen, 1) * sizeof(Datum));
	for (uint32 j = 0; j < chosen; j++)
	{
		const MixEntry *e = &mix_entries(m)[order[j].pos];

		CHECK_FOR_INTERRUPTS();
		codes[j] = PointerGetDatum(cstring_to_text_with_len(mix_entry_key(m, e),
															e->keylen));
	}
	values[0] = PointerGetDatum(construct_array(codes, (int) chosen, TEXTOID,
												-1, false, TYPALIGN_INT));
	/* with no named supplier nothing can be embargoed: no loss */
	values[1] = Float8GetDatum(chosen > 0 ? imp.shortfall : 0);
	values[2] = Float8GetDatum(chosen > 0 ? imp.shortfall_share : 0);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}

/*
 * embargo_trajectory(mix, scenario, step_days): rows at day 0, step,
 * 2 step, ... and the horizon; none for a zero total.
 */
Datum
mix_embargo_trajectory(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Mix		   *m = RR_GETARG_MIX(0);
	EmbargoScenario *s = RR_GETARG_SCENARIO(1);
	int32		step = PG_GETARG_INT32(2);
	const EmbargoParams *p = &s->params;
	EmbargoSums sums;
	int64		rows;

	if (step < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("step_days must be at least 1, not %d", step)));
	rows = embargo_trajectory_rows(p, step);
	if (rows < 0)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("a trajectory of horizon_days %s in steps of %d days has more than %d rows",
						float8out_internal(p->horizon_days), step, EMBARGO_MAX_TRAJECTORY),
				 errhint("Use a larger step_days.")));
	InitMaterializedSRF(fcinfo, 0);
	embargo_mix_sums(m, s, &sums);
	if (!(sums.demand + sums.demand_c > 0))
		return (Datum) 0;
	for (int64 i = 0; i < rows; i++)
	{
		EmbargoPoint pt;
		Datum		values[4];
		bool		nulls[4] = {0};

		CHECK_FOR_INTERRUPTS();
		embargo_trajectory_point(p, &sums,
								 i == rows - 1 ? p->horizon_days : (double) i * step,
								 &pt);
		if (!isfinite(pt.gap) || !isfinite(pt.stock_remaining) ||
			!isfinite(pt.cumulative_shortfall))
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("embargo trajectory over period_days %s is out of range for type double precision",
							float8out_internal(p->period_days))));
		values[0] = Float8GetDatum(pt.day);
		values[1] = Float8GetDatum(pt.gap);
		values[2] = Float8GetDatum(pt.stock_remaining);
		values[3] = Float8GetDatum(pt.cumulative_shortfall);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

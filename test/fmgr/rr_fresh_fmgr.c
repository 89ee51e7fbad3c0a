/*
 * rr_fresh_fmgr.c
 *		Test-only module: run an aggregate's support functions as Citus
 *		runs them in worker_partial_agg and coord_combine_agg.
 *
 * The aggregate rr_fresh.agg(sfunc, ffunc, VARIADIC args) keeps the state
 * of another aggregate in a box in the aggregate context and, for every
 * row, looks sfunc up into a FmgrInfo on the stack whose fn_extra is NULL
 * and whose fn_mcxt is a context deleted right after the call; the final
 * function calls ffunc the same way (passing the read-write state as Citus
 * does) and returns its result as text.  A state replaced by sfunc is
 * handled as Citus's HandleTransition does: adopted if it is a read-write
 * expanded object whose context is a child of the aggregate context, else
 * copied; the old one deleted.
 *
 * A support function that caches anything on fn_extra, or registers a
 * callback whose memory lives in fn_mcxt, breaks here as it breaks under
 * Citus.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/expandeddatum.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

PG_MODULE_MAGIC;

PG_FUNCTION_INFO_V1(rr_fresh_trans);
PG_FUNCTION_INFO_V1(rr_fresh_final);

/* The state of the wrapped aggregate */
typedef struct FreshBox
{
	Datum		value;
	bool		isnull;
	bool		init;			/* a strict sfunc got its first value */
	int16		typlen;
	bool		typbyval;
	Oid			ffunc;
} FreshBox;

/* fn looked up into a FmgrInfo whose fn_mcxt is a new, short-lived context */
static MemoryContext
fresh_lookup(Oid fn, FmgrInfo *info)
{
	MemoryContext cxt = AllocSetContextCreate(CurrentMemoryContext,
											  "rr_fresh call",
											  ALLOCSET_SMALL_SIZES);

	fmgr_info_cxt(fn, info, cxt);
	return cxt;
}

/* rr_fresh_trans(internal, sfunc regprocedure, ffunc regprocedure, VARIADIC "any") */
Datum
rr_fresh_trans(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext,
				callcxt,
				old;
	FreshBox   *box;
	FmgrInfo	info;
	LOCAL_FCINFO(inner, FUNC_MAX_ARGS);
	int			nargs = PG_NARGS() - 3;
	Datum		newval;

	if (!AggCheckCallContext(fcinfo, &aggcontext))
		elog(ERROR, "rr_fresh_trans called in non-aggregate context");
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		elog(ERROR, "rr_fresh.agg needs its two functions");
	if (PG_ARGISNULL(0))
	{
		Oid			stype = get_func_rettype(PG_GETARG_OID(1));

		box = MemoryContextAllocZero(aggcontext, sizeof(FreshBox));
		box->isnull = true;
		box->ffunc = PG_GETARG_OID(2);
		get_typlenbyval(stype, &box->typlen, &box->typbyval);
	}
	else
		box = (FreshBox *) PG_GETARG_POINTER(0);

	callcxt = fresh_lookup(PG_GETARG_OID(1), &info);
	if (info.fn_strict)
	{
		for (int i = 0; i < nargs; i++)
			if (PG_ARGISNULL(3 + i))
			{
				MemoryContextDelete(callcxt);
				PG_RETURN_POINTER(box);
			}
		if (!box->init)
		{
			/* as nodeAgg and Citus: the first value becomes the state */
			old = MemoryContextSwitchTo(aggcontext);
			box->value = datumCopy(PG_GETARG_DATUM(3), box->typbyval, box->typlen);
			MemoryContextSwitchTo(old);
			box->isnull = false;
			box->init = true;
			MemoryContextDelete(callcxt);
			PG_RETURN_POINTER(box);
		}
		if (box->isnull)
		{
			MemoryContextDelete(callcxt);
			PG_RETURN_POINTER(box);
		}
	}

	InitFunctionCallInfoData(*inner, &info, nargs + 1, fcinfo->fncollation,
							 fcinfo->context, fcinfo->resultinfo);
	inner->args[0].value = box->value;
	inner->args[0].isnull = box->isnull;
	for (int i = 0; i < nargs; i++)
		inner->args[1 + i] = fcinfo->args[3 + i];
	newval = FunctionCallInvoke(inner);

	/* Citus's HandleTransition */
	if (!box->typbyval && DatumGetPointer(newval) != DatumGetPointer(box->value))
	{
		if (!inner->isnull)
		{
			old = MemoryContextSwitchTo(aggcontext);
			if (!(DatumIsReadWriteExpandedObject(newval, false, box->typlen) &&
				  MemoryContextGetParent(DatumGetEOHP(newval)->eoh_context) == aggcontext))
				newval = datumCopy(newval, box->typbyval, box->typlen);
			MemoryContextSwitchTo(old);
		}
		if (!box->isnull)
		{
			if (DatumIsReadWriteExpandedObject(box->value, false, box->typlen))
				DeleteExpandedObject(box->value);
			else
				pfree(DatumGetPointer(box->value));
		}
	}
	box->value = newval;
	box->isnull = inner->isnull;
	MemoryContextDelete(callcxt);
	PG_RETURN_POINTER(box);
}

/* rr_fresh_final(internal, regprocedure, regprocedure, VARIADIC "any"): ffunc(state)::text */
Datum
rr_fresh_final(PG_FUNCTION_ARGS)
{
	FreshBox   *box = PG_ARGISNULL(0) ? NULL : (FreshBox *) PG_GETARG_POINTER(0);
	FmgrInfo	info;
	LOCAL_FCINFO(inner, 1);
	MemoryContext callcxt;
	Datum		result;
	Oid			rettype,
				typoutput;
	bool		typisvarlena;
	char	   *out;

	if (box == NULL)
		PG_RETURN_NULL();
	callcxt = fresh_lookup(box->ffunc, &info);
	if (info.fn_strict && box->isnull)
	{
		MemoryContextDelete(callcxt);
		PG_RETURN_NULL();
	}
	InitFunctionCallInfoData(*inner, &info, 1, fcinfo->fncollation,
							 fcinfo->context, fcinfo->resultinfo);
	inner->args[0].value = box->value;
	inner->args[0].isnull = box->isnull;
	result = FunctionCallInvoke(inner);
	if (inner->isnull)
	{
		MemoryContextDelete(callcxt);
		PG_RETURN_NULL();
	}
	rettype = get_func_rettype(box->ffunc);
	getTypeOutputInfo(rettype, &typoutput, &typisvarlena);
	out = OidOutputFunctionCall(typoutput, result);
	MemoryContextDelete(callcxt);
	PG_RETURN_TEXT_P(cstring_to_text(out));
}

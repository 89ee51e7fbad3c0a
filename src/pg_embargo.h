/*
 * pg_embargo.h
 *		What the glue of the embargo types shares: their arguments and
 *		datums built by the core.
 */
#ifndef RARERISK_PG_EMBARGO_H
#define RARERISK_PG_EMBARGO_H

#include "fmgr.h"

#include "compat.h"
#include "embargo.h"

#define RR_GETARG_SCENARIO(n) \
	((EmbargoScenario *) PG_DETOAST_DATUM(PG_GETARG_DATUM(n)))
#define RR_GETARG_STATE(n) \
	((EmbargoState *) PG_DETOAST_DATUM(PG_GETARG_DATUM(n)))

/* Stamp the varlena size of a scenario or state built by the core */
static inline Datum
scenario_datum(EmbargoScenario *s)
{
	SET_VARSIZE(s, embargo_scenario_size(s));
	return PointerGetDatum(s);
}

static inline Datum
state_datum(EmbargoState *st)
{
	EmbargoScenario *s = embargo_state_scenario(st);

	SET_VARSIZE(s, embargo_scenario_size(s));
	SET_VARSIZE(st, embargo_state_size(s));
	return PointerGetDatum(st);
}

#endif							/* RARERISK_PG_EMBARGO_H */

/*
 * rarerisk.c
 *		Module magic and the helpers every SQL-callable wrapper uses.
 */
#include "postgres.h"

#include "fmgr.h"
#include "funcapi.h"
#include "utils/memutils.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/float.h"

#include "compat.h"
#include "interrupt.h"
#include "pg_glue.h"

RR_MODULE_MAGIC;

void		_PG_init(void);

/* The core's long loops call this: a pending cancel or timeout errors out */
static void
rr_interrupt(void)
{
	CHECK_FOR_INTERRUPTS();
}

/* Module load: give the core its interrupt hook */
void
_PG_init(void)
{
	rr_interrupt_hook = rr_interrupt;
}

/* Zeroed memory in the current memory context; errors out when exhausted */
static void *
rr_alloc(void *arg, size_t size)
{
	return palloc0(size);
}

/*
 * Buffers a mix outgrows are not released here: in an aggregate the old
 * transition value belongs to the executor, which frees it; elsewhere it
 * lives in a short-lived context.
 */
const CoreAllocator rr_palloc_allocator = {rr_alloc, NULL, NULL};

/*
 * A code for an error message: at most RR_MESSAGE_CODE_BYTES bytes, cut on
 * a character boundary so that the message stays valid in the database
 * encoding.  key must be valid in that encoding (it came from a text).
 */
char *
rr_message_code(const char *key, size_t keylen)
{
	int			len = (int) Min(keylen, (size_t) MaxAllocSize);

	return pnstrdup(key, pg_mbcliplen(key, len, RR_MESSAGE_CODE_BYTES));
}

/* 54000: what ("supply mix") would exceed the 1 GB a value may have */
void
rr_too_big(const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
			 errmsg("%s exceeds the maximum size of 1 GB", what)));
}

/* 22023: an empty code; hint, if any, says what to give instead */
void
rr_code_empty(const char *what, const char *hint)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s must not be empty", what),
			 hint ? errhint("%s", hint) : 0));
}

/* 22001: a code longer than the 1024 bytes a code may have */
void
rr_code_too_long(const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_STRING_DATA_RIGHT_TRUNCATION),
			 errmsg("%s is longer than %d bytes", what, MIX_MAX_KEY_LEN)));
}

/* Turn a core status into an error naming the value and the supplier */
void
rr_mix_error(MixStatus status, const char *what, const char *key,
			 size_t keylen, double value)
{
	char	   *supplier = key ? rr_message_code(key, keylen) : "(unattributed)";

	switch (status)
	{
		case MIX_OK:
			return;
		case MIX_ERR_NEGATIVE:
		case MIX_ERR_NAN:
		case MIX_ERR_INFINITE:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("invalid %s %s for supplier \"%s\"",
							what, float8out_internal(value), supplier),
					 errdetail("Volumes and spare capacities must be finite and not negative.")));
			break;
		case MIX_ERR_OVERFLOW:
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("total %s for supplier \"%s\" is out of range for type double precision",
							what, supplier)));
			break;
		case MIX_ERR_KEY_EMPTY:
			rr_code_empty("supplier code", "Use NULL for unattributed volume.");
			break;
		case MIX_ERR_KEY_TOO_LONG:
			rr_code_too_long(psprintf("supplier code \"%s...\"", supplier));
			break;
		case MIX_ERR_KEY_ZERO_BYTE:
			ereport(ERROR,
					(errcode(ERRCODE_CHARACTER_NOT_IN_REPERTOIRE),
					 errmsg("supplier code must not contain a zero byte")));
			break;
		case MIX_ERR_TOO_BIG:
			rr_too_big("supply mix");
			break;
		case MIX_ERR_K_MISMATCH:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("k must be the same for every row of a group")));
			break;
		case MIX_ERR_RISK_MISMATCH:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("supplier \"%s\" has two different governance risks in one group",
							supplier),
					 errhint("A supplier's risk must be the same on all its rows; check the join that supplies it.")));
			break;
		case MIX_ERR_RISK_MISSING:
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("supplier \"%s\" has no governance risk", supplier),
					 errhint("Give every named supplier a risk, e.g. coalesce(risk, 5.0).")));
			break;
		case MIX_ERR_NOMEM:
		case MIX_ERR_CORRUPT:
			elog(ERROR, "supply mix: %s", mix_status_message(status));
			break;
	}
}

/* Check a volume or spare capacity before it reaches the core */
void
rr_check_volume(double v, const char *what, text *supplier)
{
	MixStatus	st = mix_check_value(v);

	if (st != MIX_OK)
		rr_mix_error(st, what,
					 supplier ? VARDATA_ANY(supplier) : NULL,
					 supplier ? VARSIZE_ANY_EXHDR(supplier) : 0, v);
}

/*
 * The row type a function with OUT parameters or a composite result returns
 * here, blessed so that its tuples can be returned as Datums
 */
TupleDesc
rr_result_tupdesc(FunctionCallInfo fcinfo)
{
	TupleDesc	tupdesc;

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("function returning record called in context that cannot accept type record")));
	return BlessTupleDesc(tupdesc);
}

/* m, after checking that its grand totals do not overflow double precision */
Mix *
rr_check_totals(Mix *m)
{
	if (!mix_totals_finite(m))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("total volume of the supply mix is out of range for type double precision")));
	return m;
}

/* A mix buffer from the core as a datum: stamp its varlena size */
Datum
rr_mix_datum(Mix *m)
{
	SET_VARSIZE(m, mix_size(m));
	return PointerGetDatum(m);
}

/* Scratch space for a ranking of m's entries (see sort.h) */
RankItem *
rr_rank_scratch(const Mix *m)
{
	return MemoryContextAllocHuge(CurrentMemoryContext,
								  ((Size) m->count + 1) * sizeof(RankItem));
}

/* Scratch space for an ordering of m's entries */
uint32_t *
rr_scratch(const Mix *m)
{
	return palloc(((Size) m->count + 1) * sizeof(uint32_t));
}

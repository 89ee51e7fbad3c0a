/*
 * pg_embargo_io.c
 *		Text and binary I/O of the types embargo_scenario and embargo_state:
 *		wrappers of the readers and writers of embargo_io.c.
 */
#include "postgres.h"

#include "fmgr.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"

#include "embargo_io.h"
#include "pg_embargo.h"
#include "pg_glue.h"
#include "pg_type_io.h"

PG_FUNCTION_INFO_V1(embargo_scenario_in);
PG_FUNCTION_INFO_V1(embargo_scenario_out);
PG_FUNCTION_INFO_V1(embargo_scenario_recv);
PG_FUNCTION_INFO_V1(embargo_scenario_send);
PG_FUNCTION_INFO_V1(embargo_state_in);
PG_FUNCTION_INFO_V1(embargo_state_out);
PG_FUNCTION_INFO_V1(embargo_state_recv);
PG_FUNCTION_INFO_V1(embargo_state_send);

/* A text form, or the error of one too large */
static char *
text_form(char *s, const char *type)
{
	if (s == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("text form of an %s exceeds the maximum size of 1 GB", type)));
	return s;
}

/* The codes of a scenario read from a binary form must be valid text */
static void
verify_codes(const EmbargoScenario *s)
{
	for (uint32 i = 0; i < s->count; i++)
	{
		size_t		len;
		const char *code = embargo_scenario_code(s, i, &len);

		pg_verifymbstr(code, (int) len, false);
	}
}

/* Text input of embargo_scenario */
Datum
embargo_scenario_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	IoError		err;
	EmbargoScenario *s = embargo_scenario_from_json(str, strlen(str),
													GetDatabaseEncoding() == PG_UTF8,
													&rr_palloc_allocator, &err);

	if (s == NULL)
		rr_io_error(&err, "embargo_scenario");
	PG_RETURN_DATUM(scenario_datum(s));
}

/* Text output of embargo_scenario: codes in byte order */
Datum
embargo_scenario_out(PG_FUNCTION_ARGS)
{
	size_t		len;

	PG_RETURN_CSTRING(text_form(embargo_scenario_to_json(RR_GETARG_SCENARIO(0),
														 &rr_palloc_allocator, &len),
								"embargo_scenario"));
}

/* Text input of embargo_state: the scenario's keys and the four sums */
Datum
embargo_state_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	IoError		err;
	EmbargoState *st = embargo_state_from_json(str, strlen(str),
											   GetDatabaseEncoding() == PG_UTF8,
											   &rr_palloc_allocator, &err);

	if (st == NULL)
		rr_io_error(&err, "embargo_state");
	PG_RETURN_DATUM(state_datum(st));
}

/* Text output of embargo_state */
Datum
embargo_state_out(PG_FUNCTION_ARGS)
{
	size_t		len;

	PG_RETURN_CSTRING(text_form(embargo_state_to_json(RR_GETARG_STATE(0),
													  &rr_palloc_allocator, &len),
								"embargo_state"));
}

/* Binary input of embargo_scenario: every length and parameter checked */
Datum
embargo_scenario_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	IoError		err;
	EmbargoScenario *s = embargo_scenario_from_binary((unsigned char *) buf->data + buf->cursor,
													  buf->len - buf->cursor,
													  &rr_palloc_allocator, &err);

	if (s == NULL)
		rr_io_error(&err, "embargo_scenario");
	verify_codes(s);
	buf->cursor = buf->len;
	PG_RETURN_DATUM(scenario_datum(s));
}

/* Binary output of embargo_scenario */
Datum
embargo_scenario_send(PG_FUNCTION_ARGS)
{
	EmbargoScenario *s = RR_GETARG_SCENARIO(0);
	size_t		size = embargo_scenario_binary_size(s);
	bytea	   *result = palloc(VARHDRSZ + size);

	embargo_scenario_to_binary(s, (unsigned char *) VARDATA(result));
	SET_VARSIZE(result, VARHDRSZ + size);
	PG_RETURN_BYTEA_P(result);
}

/* Binary input of a state: the scenario, then the compensated sums */
Datum
embargo_state_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	IoError		err;
	EmbargoState *st = embargo_state_from_binary((unsigned char *) buf->data + buf->cursor,
												 buf->len - buf->cursor,
												 &rr_palloc_allocator, &err);

	if (st == NULL)
		rr_io_error(&err, "embargo_state");
	verify_codes(embargo_state_scenario(st));
	buf->cursor = buf->len;
	PG_RETURN_DATUM(state_datum(st));
}

/* Binary output of embargo_state */
Datum
embargo_state_send(PG_FUNCTION_ARGS)
{
	EmbargoState *st = RR_GETARG_STATE(0);
	size_t		size = embargo_state_binary_size(st);
	bytea	   *result = palloc(VARHDRSZ + size);

	embargo_state_to_binary(st, (unsigned char *) VARDATA(result));
	SET_VARSIZE(result, VARHDRSZ + size);
	PG_RETURN_BYTEA_P(result);
}

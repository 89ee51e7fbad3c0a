/*
 * pg_country.c
 *		SQL-facing side of the supplier-code check (country.c): the error
 *		and its hint, the list of embargoed codes that embargo() and
 *		embargoed_content() take, and rarerisk.check_supplier_codes(text[]),
 *		which applies the same check, for use in SQL (CHECK constraints,
 *		event tables).
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "compat.h"
#include "country.h"
#include "pg_country.h"
#include "pg_glue.h"

PG_FUNCTION_INFO_V1(check_supplier_codes);

#define SHAPE_HINT \
	"Codes of two or three letters are taken as ISO country codes; give a firm, a bloc " \
	"or a test supplier a code of another shape (\"firm:ABC\", \"EU27\", \"S1\") " \
	"or one of ISO's user-assigned codes (XAA to XZZ)."

/* "CHN", "CHN or CHL", "CHN, CHL or CHE" */
static void
append_choices(StringInfo s, const char **suggest, int n)
{
	for (int i = 0; i < n; i++)
		appendStringInfo(s, "%s%s", i == 0 ? "" : (i == n - 1 ? " or " : ", "), suggest[i]);
}

/* Raise 22023 when code looks like a mistyped country code */
void
rr_check_supplier_code(const char *code, size_t len, const char *what)
{
	const char *suggest[RR_CODE_MAX_SUGGEST];
	int			n;
	RrCodeCheck st = rr_code_check(code, len, suggest, &n);
	StringInfoData hint;
	char	   *shown;
	const char *problem = NULL;

	if (st == RR_CODE_OK)
		return;
	shown = rr_message_code(code, len);
	initStringInfo(&hint);
	if (st == RR_CODE_CASE && n == 0)
	{
		appendStringInfoString(&hint, "Did you mean ");
		for (size_t i = 0; i < len; i++)
			appendStringInfoChar(&hint, pg_ascii_toupper((unsigned char) code[i]));
		appendStringInfoString(&hint, "? ");
	}
	else if (n > 0)
	{
		appendStringInfoString(&hint, "Did you mean ");
		append_choices(&hint, suggest, n);
		appendStringInfoString(&hint, "? ");
	}
	switch (st)
	{
		case RR_CODE_CASE:
			problem = "is not an ISO country code: codes are compared byte for byte and ISO codes are upper case";
			break;
		case RR_CODE_UNKNOWN:
			problem = "is not an ISO country code of rarerisk.country";
			break;
		case RR_CODE_NAME:
			problem = "is a country's name, not its code";
			break;
		case RR_CODE_SPACES:
			problem = "has white space around a country code or name: codes are compared byte for byte";
			break;
		case RR_CODE_OK:
			break;
	}
	appendStringInfoString(&hint, SHAPE_HINT);
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s \"%s\" %s", what, shown, problem),
			 errhint("%s", hint.data)));
}

/*
 * The codes of the embargoed list arr, in palloc'd arrays of at least one
 * slot: a NULL element or a mistyped code is an error
 */
void
rr_embargoed_codes(ArrayType *arr, const char *what, const char *unattributed,
				   const char ***codes, size_t **lens, int *n)
{
	Datum	   *elems;
	bool	   *nulls;

	if (ARR_NDIM(arr) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("embargoed must be a one-dimensional array, not %d-dimensional",
						ARR_NDIM(arr))));
	deconstruct_array(arr, TEXTOID, -1, false, TYPALIGN_INT, &elems, &nulls, n);
	*codes = palloc(Max(*n, 1) * sizeof(char *));
	*lens = palloc(Max(*n, 1) * sizeof(size_t));
	for (int i = 0; i < *n; i++)
	{
		text	   *t;

		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("%s %d is NULL", what, i + 1),
					 errhint("Unattributed %s is never embargoed; remove the NULL from the list.",
							 unattributed)));
		t = DatumGetTextPP(elems[i]);
		(*codes)[i] = VARDATA_ANY(t);
		(*lens)[i] = VARSIZE_ANY_EXHDR(t);
		rr_check_supplier_code((*codes)[i], (*lens)[i], what);
	}
}

/*
 * rarerisk.check_supplier_codes(codes text[]): the codes unchanged, or the
 * error that embargo() would raise for the first mistyped one.  NULL
 * elements pass (the functions that take codes say what NULL means).
 */
Datum
check_supplier_codes(PG_FUNCTION_ARGS)
{
	ArrayType  *arr = PG_GETARG_ARRAYTYPE_P(0);
	Datum	   *elems;
	bool	   *nulls;
	int			n;

	deconstruct_array(arr, TEXTOID, -1, false, TYPALIGN_INT, &elems, &nulls, &n);
	for (int i = 0; i < n; i++)
		if (!nulls[i])
		{
			text	   *t = DatumGetTextPP(elems[i]);

			rr_check_supplier_code(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), "supplier code");
		}
	PG_RETURN_ARRAYTYPE_P(arr);
}

/*
 * pg_type_io.c
 *		How a reader's error (type_io.h) becomes a PostgreSQL error: the
 *		same SQLSTATE and message pattern for every type.
 */
#include "postgres.h"

#include "pg_type_io.h"

/* Raise err, a failed read of the text or binary form of type */
void
rr_io_error(const IoError *err, const char *type)
{
	switch (err->kind)
	{
		case IO_ERR_JSON:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("invalid input syntax for type json"),
					 errdetail("%c%s.", pg_ascii_toupper(err->message[0]),
							   err->message + 1)));
			break;
		case IO_ERR_SYNTAX:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("invalid input syntax for type %s: %s", type,
							err->message)));
			break;
		case IO_ERR_RANGE:
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("%s", err->message)));
			break;
		case IO_ERR_TOO_LONG:
			ereport(ERROR,
					(errcode(ERRCODE_STRING_DATA_RIGHT_TRUNCATION),
					 errmsg("invalid input syntax for type %s: %s", type,
							err->message)));
			break;
		case IO_ERR_TOO_BIG:
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("%s value exceeds the maximum size of 1 GB", type)));
			break;
		case IO_ERR_BINARY:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("invalid binary %s: %s", type, err->message)));
			break;
		case IO_OK:
		case IO_ERR_NOMEM:
			break;
	}
	elog(ERROR, "%s input failed: %s", type, err->message);
}

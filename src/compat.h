/*
 * compat.h
 *		The server APIs that differ between the PostgreSQL versions rarerisk
 *		is written for (15 to 18), each behind one PG_VERSION_NUM check, so
 *		that the SQL-callable wrappers read the same on every version.
 *
 * Included after postgres.h by the wrappers that need it.  Nothing here
 * changes behaviour: every version gives the same results, errors and text
 * and binary forms.
 */
#ifndef RR_COMPAT_H
#define RR_COMPAT_H

#include "fmgr.h"
#include "common/jsonapi.h"
#include "mb/pg_wchar.h"

#if PG_VERSION_NUM < 150000 || PG_VERSION_NUM >= 190000
#error "rarerisk is written for PostgreSQL 15 to 18"
#endif

/*
 * Module magic: 18 records the module's name and version, shown by
 * pg_get_loaded_modules(); RR_VERSION comes from the Makefile (EXTVERSION).
 */
#ifndef RR_VERSION
#error "RR_VERSION (the release) comes from the Makefile"
#endif
#if PG_VERSION_NUM >= 180000
#define RR_MODULE_MAGIC PG_MODULE_MAGIC_EXT(.name = "rarerisk", .version = RR_VERSION)
#else
#define RR_MODULE_MAGIC PG_MODULE_MAGIC
#endif

/*
 * JSON parser callbacks: from 16 they return a JsonParseErrorType (ours
 * report errors with ereport, so they always return success).  Declare
 * them RR_JSON_ACTION and end them with RR_JSON_DONE.
 */
#if PG_VERSION_NUM >= 160000
#define RR_JSON_ACTION JsonParseErrorType
#define RR_JSON_DONE return JSON_SUCCESS
#else
#define RR_JSON_ACTION void
#define RR_JSON_DONE return
#endif

/*
 * A lexer over a C string in the database encoding, de-escaping strings:
 * from 17 makeJsonLexContextCstringLen takes the context to fill first
 * (NULL: allocate one).
 */
#if PG_VERSION_NUM >= 170000
#define rr_json_lexer(str, len) \
	makeJsonLexContextCstringLen(NULL, (str), (len), GetDatabaseEncoding(), true)
#else
#define rr_json_lexer(str, len) \
	makeJsonLexContextCstringLen((str), (len), GetDatabaseEncoding(), true)
#endif

#endif							/* RR_COMPAT_H */

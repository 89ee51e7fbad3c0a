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
 * The varlena macros (VARSIZE, SET_VARSIZE, VARDATA, ...) left postgres.h
 * for their own header in 16.
 */
#if PG_VERSION_NUM >= 160000
#include "varatt.h"
#endif

/*
 * A function that does not return: 18 spells it pg_noreturn before the
 * declaration and drops pg_attribute_noreturn(); the GCC attribute it
 * stands for may stand first on every version.
 */
#ifndef pg_noreturn
#define pg_noreturn pg_attribute_noreturn()
#endif

#endif							/* RR_COMPAT_H */

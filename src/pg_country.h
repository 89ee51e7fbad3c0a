/*
 * pg_country.h
 *		The supplier-code check for SQL-callable functions (pg_country.c):
 *		any function that takes embargoed or disrupted supplier codes calls
 *		rr_check_supplier_code on each.
 */
#ifndef RARERISK_PG_COUNTRY_H
#define RARERISK_PG_COUNTRY_H

#include "postgres.h"

/*
 * Raise 22023 when code looks like a mistyped country code (see
 * country.c); what names the argument in the message ("embargoed
 * supplier").
 */
extern void rr_check_supplier_code(const char *code, size_t len, const char *what);

#endif							/* RARERISK_PG_COUNTRY_H */

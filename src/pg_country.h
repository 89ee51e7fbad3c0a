/*
 * pg_country.h
 *		The supplier-code check for SQL-callable functions (pg_country.c):
 *		any function that takes embargoed or disrupted supplier codes calls
 *		rr_check_supplier_code on each, through rr_embargoed_codes for a
 *		list of embargoed codes.
 */
#ifndef RARERISK_PG_COUNTRY_H
#define RARERISK_PG_COUNTRY_H

#include "postgres.h"

#include "utils/array.h"

/*
 * Raise 22023 when code looks like a mistyped country code (see
 * country.c); what names the argument in the message ("embargoed
 * supplier").
 */
extern void rr_check_supplier_code(const char *code, size_t len, const char *what);

/*
 * The codes of a one-dimensional text[] of embargoed codes, each checked
 * as above; what names an element ("embargoed supplier"), unattributed
 * what is never embargoed ("volume"), for the hint on a NULL element
 */
extern void rr_embargoed_codes(ArrayType *arr, const char *what,
							   const char *unattributed, const char ***codes,
							   size_t **lens, int *n);

#endif							/* RARERISK_PG_COUNTRY_H */

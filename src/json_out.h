/*
 * json_out.h
 *		Writing JSON text into a buffer the caller has sized: strings with
 *		escapes, numbers in the shortest form that reads back bit-identical,
 *		and "key": number members of an object.  Shared by the text forms
 *		of supply_mix, trade_network and the embargo types.
 *
 * Plain C: no PostgreSQL headers.
 */
#ifndef RARERISK_JSON_OUT_H
#define RARERISK_JSON_OUT_H

#include <stdbool.h>
#include <stddef.h>

/* Bytes json_put_string may write for s of len bytes (escapes included) */
#define JSON_STRING_BOUND(len)	(6 * (size_t) (len) + 2)
/* Bytes a number may take */
#define JSON_NUMBER_BOUND		32

extern int	format_double(double v, char *buf);
extern size_t json_string_len(const char *s, size_t len);
extern char *json_put_raw(char *p, const char *s);
extern char *json_put_string(char *p, const char *s, size_t len);
extern char *json_put_double(char *p, double v);
extern char *json_put_member(char *p, bool *first, const char *key,
							 size_t keylen, double v);

#endif							/* RARERISK_JSON_OUT_H */

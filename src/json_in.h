/*
 * json_in.h
 *		Reading JSON text: the one small pull reader behind the text input
 *		of every type (supply_mix, trade_network, embargo_scenario,
 *		embargo_state).  The caller drives it through the grammar of its
 *		form: it asks for the next structural character, a string (decoded
 *		into a fixed buffer: every string a form holds is a code of at most
 *		JSON_IN_STR_MAX bytes or a key), a number (its token, then its
 *		value) or a literal.  Nothing is allocated, nesting is the caller's,
 *		so deep or huge input costs no stack and no memory.
 *
 * A syntax error is recorded once in the reader (the first one wins) with
 * a lower-case message ending "at offset N" or "at end of input".
 *
 * Plain C: no PostgreSQL headers.
 */
#ifndef RARERISK_JSON_IN_H
#define RARERISK_JSON_IN_H

#include <stdbool.h>
#include <stddef.h>

/* Decoded bytes kept of one string; longer ones are measured, not kept */
#define JSON_IN_STR_MAX		1024

/* What the next value is, by its first character */
typedef enum JsonInKind
{
	JSON_IN_END,				/* no more input */
	JSON_IN_OBJECT,
	JSON_IN_ARRAY,
	JSON_IN_STRING,
	JSON_IN_NUMBER,
	JSON_IN_TRUE,
	JSON_IN_FALSE,
	JSON_IN_NULL,
	JSON_IN_INVALID				/* no JSON value starts here */
} JsonInKind;

typedef struct JsonIn
{
	const char *s;
	size_t		len;
	size_t		pos;
	bool		utf8;			/* may \u escapes above 007F be decoded? */
	bool		failed;
	char		message[200];	/* the first syntax error */
	size_t		str_len;		/* decoded length of the last string */
	char		str[JSON_IN_STR_MAX + 4];	/* its first JSON_IN_STR_MAX
											 * bytes, NUL-terminated */
} JsonIn;

extern void json_in_init(JsonIn *j, const char *s, size_t len, bool utf8);
extern bool json_in_syntax(JsonIn *j, const char *what);
extern JsonInKind json_in_peek(JsonIn *j);
extern bool json_in_consume(JsonIn *j, char c);
extern bool json_in_at_end(JsonIn *j);
extern bool json_in_string(JsonIn *j);
extern bool json_in_number(JsonIn *j, const char **tok, size_t *toklen);
extern bool json_in_literal(JsonIn *j, JsonInKind kind);
extern bool json_in_value(JsonIn *j, JsonInKind *kind, const char **tok,
						  size_t *toklen);
extern bool json_in_double(const char *tok, size_t toklen, double *v,
						   bool *underflow);

#endif							/* RARERISK_JSON_IN_H */

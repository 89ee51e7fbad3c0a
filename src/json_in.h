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
 * Above the reader, JsonForm is what every type's text reader shares: the
 * reader, where its errors go (an IoError) and the value just lexed, with
 * the steps common to every form (a member's name, an object's braces and
 * commas, the end of the text); each type's reader says only what is
 * specific to its form.
 *
 * Plain C: no PostgreSQL headers.
 */
#ifndef RARERISK_JSON_IN_H
#define RARERISK_JSON_IN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "type_io.h"

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

/* A type's text form being read: the reader and the value just lexed */
typedef struct JsonForm
{
	JsonIn		j;
	IoError    *err;			/* where the first error goes */
	JsonInKind	kind;			/* of the current value, lexed */
	const char *tok;			/* its token, for a number */
	size_t		toklen;
	char		field[JSON_IN_STR_MAX + 1]; /* name of the current member */
	size_t		field_len;
	uint64_t	members;		/* read so far, for interrupt checks */
} JsonForm;

extern void json_form_init(JsonForm *f, const char *s, size_t len, bool utf8,
						   IoError *err);
extern bool json_form_error(JsonForm *f);
extern bool json_form_expected(JsonForm *f, const char *what);
extern bool json_form_value(JsonForm *f);
extern bool json_form_member(JsonForm *f);
extern int	json_form_key(JsonForm *f, const char *const *names, int n,
						  bool *seen);
extern bool json_form_open(JsonForm *f, bool *more);
extern bool json_form_object(JsonForm *f, bool *more);
extern bool json_form_next(JsonForm *f, bool *more);
extern bool json_form_end(JsonForm *f);

#endif							/* RARERISK_JSON_IN_H */

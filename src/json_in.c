/*
 * json_in.c
 *		The pull reader of JSON text; see json_in.h.
 *
 * Plain C: no PostgreSQL headers.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interrupt.h"
#include "json_in.h"

/* Start reading s[0..len) */
void
json_in_init(JsonIn *j, const char *s, size_t len, bool utf8)
{
	j->s = s;
	j->len = len;
	j->pos = 0;
	j->utf8 = utf8;
	j->failed = false;
	j->message[0] = '\0';
	j->str_len = 0;
	j->str[0] = '\0';
}

/* Record "what at offset N" (the first error wins); always returns false */
bool
json_in_syntax(JsonIn *j, const char *what)
{
	if (j->failed)
		return false;
	j->failed = true;
	if (j->pos >= j->len)
		snprintf(j->message, sizeof(j->message), "%s at end of input", what);
	else
		snprintf(j->message, sizeof(j->message), "%s at offset %zu", what, j->pos);
	return false;
}

static void
skip_ws(JsonIn *j)
{
	while (j->pos < j->len &&
		   (j->s[j->pos] == ' ' || j->s[j->pos] == '\t' ||
			j->s[j->pos] == '\n' || j->s[j->pos] == '\r'))
		j->pos++;
}

/* The kind of the next value, after white space; nothing is consumed */
JsonInKind
json_in_peek(JsonIn *j)
{
	char		c;

	skip_ws(j);
	if (j->pos >= j->len)
		return JSON_IN_END;
	c = j->s[j->pos];
	switch (c)
	{
		case '{':
			return JSON_IN_OBJECT;
		case '[':
			return JSON_IN_ARRAY;
		case '"':
			return JSON_IN_STRING;
		case 't':
			return JSON_IN_TRUE;
		case 'f':
			return JSON_IN_FALSE;
		case 'n':
			return JSON_IN_NULL;
		default:
			if (c == '-' || (c >= '0' && c <= '9'))
				return JSON_IN_NUMBER;
			return JSON_IN_INVALID;
	}
}

/* Consume the structural character c after white space, if it is next */
bool
json_in_consume(JsonIn *j, char c)
{
	skip_ws(j);
	if (j->pos < j->len && j->s[j->pos] == c)
	{
		j->pos++;
		return true;
	}
	return false;
}

/* Is only white space left? */
bool
json_in_at_end(JsonIn *j)
{
	skip_ws(j);
	return j->pos >= j->len;
}

/* true, false or null, exactly, as announced by json_in_peek */
bool
json_in_literal(JsonIn *j, JsonInKind kind)
{
	const char *word = kind == JSON_IN_TRUE ? "true" :
		kind == JSON_IN_FALSE ? "false" : "null";
	size_t		n = strlen(word);

	skip_ws(j);
	if (j->len - j->pos < n || memcmp(j->s + j->pos, word, n) != 0)
		return json_in_syntax(j, "invalid literal");
	j->pos += n;
	return true;
}

static int
hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Four hex digits at pos, or -1 */
static long
read_hex4(JsonIn *j)
{
	long		v = 0;

	if (j->len - j->pos < 4)
		return -1;
	for (int i = 0; i < 4; i++)
	{
		int			d = hex_digit(j->s[j->pos + i]);

		if (d < 0)
			return -1;
		v = v * 16 + d;
	}
	j->pos += 4;
	return v;
}

/* Append one decoded byte: kept while there is room, always counted */
static inline void
put_byte(JsonIn *j, char c)
{
	if (j->str_len < JSON_IN_STR_MAX)
		j->str[j->str_len] = c;
	j->str_len++;
}

/* Append code point cp as UTF-8 */
static void
put_utf8(JsonIn *j, long cp)
{
	if (cp < 0x80)
		put_byte(j, (char) cp);
	else if (cp < 0x800)
	{
		put_byte(j, (char) (0xC0 | (cp >> 6)));
		put_byte(j, (char) (0x80 | (cp & 0x3F)));
	}
	else if (cp < 0x10000)
	{
		put_byte(j, (char) (0xE0 | (cp >> 12)));
		put_byte(j, (char) (0x80 | ((cp >> 6) & 0x3F)));
		put_byte(j, (char) (0x80 | (cp & 0x3F)));
	}
	else
	{
		put_byte(j, (char) (0xF0 | (cp >> 18)));
		put_byte(j, (char) (0x80 | ((cp >> 12) & 0x3F)));
		put_byte(j, (char) (0x80 | ((cp >> 6) & 0x3F)));
		put_byte(j, (char) (0x80 | (cp & 0x3F)));
	}
}

/* A \u escape (the "\u" consumed); surrogate pairs joined */
static bool
unicode_escape(JsonIn *j)
{
	long		cp = read_hex4(j);

	if (cp < 0)
		return json_in_syntax(j, "invalid unicode escape");
	if (cp >= 0xD800 && cp <= 0xDBFF)
	{
		long		lo;

		if (j->len - j->pos < 2 || j->s[j->pos] != '\\' ||
			j->s[j->pos + 1] != 'u')
			return json_in_syntax(j, "unpaired unicode surrogate");
		j->pos += 2;
		lo = read_hex4(j);
		if (lo < 0xDC00 || lo > 0xDFFF)
			return json_in_syntax(j, "unpaired unicode surrogate");
		cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
	}
	else if (cp >= 0xDC00 && cp <= 0xDFFF)
		return json_in_syntax(j, "unpaired unicode surrogate");
	if (cp == 0)
		return json_in_syntax(j, "unicode escape \\u0000 is not allowed");
	if (cp > 0x7F && !j->utf8)
		return json_in_syntax(j, "unicode escape above 007F needs a UTF8 server encoding");
	put_utf8(j, cp);
	return true;
}

/*
 * A string, after white space: its decoded bytes go to j->str (the first
 * JSON_IN_STR_MAX of them, NUL-terminated) and their count to j->str_len
 */
bool
json_in_string(JsonIn *j)
{
	skip_ws(j);
	if (j->pos >= j->len || j->s[j->pos] != '"')
		return json_in_syntax(j, "expected a string");
	j->pos++;
	j->str_len = 0;
	for (;;)
	{
		unsigned char c;
		const char *run = j->s + j->pos;
		size_t		n = 0;

		/* a run of plain bytes at once */
		while (j->pos + n < j->len && run[n] != '"' && run[n] != '\\' &&
			   (unsigned char) run[n] >= 0x20)
			n++;
		if (n > 0)
		{
			if (j->str_len < JSON_IN_STR_MAX)
				memcpy(j->str + j->str_len, run,
					   n < JSON_IN_STR_MAX - j->str_len ? n : JSON_IN_STR_MAX - j->str_len);
			j->str_len += n;
			j->pos += n;
		}
		if (j->pos >= j->len)
			return json_in_syntax(j, "unterminated string");
		c = (unsigned char) j->s[j->pos++];
		if (c == '"')
			break;
		if (c < 0x20)
			return json_in_syntax(j, "control character in string");
		/* a backslash */
		if (j->pos >= j->len)
			return json_in_syntax(j, "unterminated string");
		c = (unsigned char) j->s[j->pos++];
		switch (c)
		{
			case '"':
			case '\\':
			case '/':
				put_byte(j, (char) c);
				break;
			case 'b':
				put_byte(j, '\b');
				break;
			case 'f':
				put_byte(j, '\f');
				break;
			case 'n':
				put_byte(j, '\n');
				break;
			case 'r':
				put_byte(j, '\r');
				break;
			case 't':
				put_byte(j, '\t');
				break;
			case 'u':
				if (!unicode_escape(j))
					return false;
				break;
			default:
				j->pos--;
				return json_in_syntax(j, "invalid escape in string");
		}
	}
	j->str[j->str_len < JSON_IN_STR_MAX ? j->str_len : JSON_IN_STR_MAX] = '\0';
	return true;
}

/* A number, after white space: its token s[*tok..+*toklen), JSON grammar */
bool
json_in_number(JsonIn *j, const char **tok, size_t *toklen)
{
	const char *s = j->s;
	size_t		p,
				len = j->len;

	skip_ws(j);
	p = j->pos;
	if (p < len && s[p] == '-')
		p++;
	if (p < len && s[p] == '0')
		p++;
	else if (p < len && s[p] >= '1' && s[p] <= '9')
		while (p < len && s[p] >= '0' && s[p] <= '9')
			p++;
	else
		return json_in_syntax(j, "expected a number");
	if (p < len && s[p] == '.')
	{
		p++;
		if (p >= len || s[p] < '0' || s[p] > '9')
			return json_in_syntax(j, "invalid number");
		while (p < len && s[p] >= '0' && s[p] <= '9')
			p++;
	}
	if (p < len && (s[p] == 'e' || s[p] == 'E'))
	{
		p++;
		if (p < len && (s[p] == '+' || s[p] == '-'))
			p++;
		if (p >= len || s[p] < '0' || s[p] > '9')
			return json_in_syntax(j, "invalid number");
		while (p < len && s[p] >= '0' && s[p] <= '9')
			p++;
	}
	*tok = s + j->pos;
	*toklen = p - j->pos;
	if (*toklen >= 1100)
		return json_in_syntax(j, "number too long");
	j->pos = p;
	return true;
}

/*
 * The double of a number token (from json_in_number): infinite when it
 * overflows; *underflow when a non-zero number rounds to 0
 */
bool
json_in_double(const char *tok, size_t toklen, double *v, bool *underflow)
{
	char		buf[1100];

	if (toklen >= sizeof(buf))
		return false;
	memcpy(buf, tok, toklen);
	buf[toklen] = '\0';
	errno = 0;
	*v = strtod(buf, NULL);
	*underflow = errno == ERANGE && *v == 0;
	return true;
}

/*
 * The next value's first token, lexed as PostgreSQL's JSON parser does
 * before it calls back: an object's or array's opening character (not
 * consumed), a whole string (into j->str), a number (its token) or a
 * literal.  A syntax error where no value starts.
 */
bool
json_in_value(JsonIn *j, JsonInKind *kind, const char **tok, size_t *toklen)
{
	*kind = json_in_peek(j);
	switch (*kind)
	{
		case JSON_IN_OBJECT:
		case JSON_IN_ARRAY:
			return true;
		case JSON_IN_STRING:
			return json_in_string(j);
		case JSON_IN_NUMBER:
			return json_in_number(j, tok, toklen);
		case JSON_IN_TRUE:
		case JSON_IN_FALSE:
		case JSON_IN_NULL:
			return json_in_literal(j, *kind);
		default:
			return json_in_syntax(j, "expected a JSON value");
	}
}

/* ---------------------------------------------------------------- */
/* A type's text form												*/
/* ---------------------------------------------------------------- */

/* Start reading s[0..len) as a type's text form; err is cleared */
void
json_form_init(JsonForm *f, const char *s, size_t len, bool utf8, IoError *err)
{
	memset(f, 0, sizeof(*f));
	err->kind = IO_OK;
	err->message[0] = '\0';
	json_in_init(&f->j, s, len, utf8);
	f->err = err;
}

/* The reader's syntax error as the form's error; always returns false */
bool
json_form_error(JsonForm *f)
{
	return io_fail(f->err, IO_ERR_JSON, "%s", f->j.message);
}

/* A syntax error "what at offset N"; always returns false */
bool
json_form_expected(JsonForm *f, const char *what)
{
	json_in_syntax(&f->j, what);
	return json_form_error(f);
}

/* The next value's first token (json_in_value) */
bool
json_form_value(JsonForm *f)
{
	return json_in_value(&f->j, &f->kind, &f->tok, &f->toklen) ||
		json_form_error(f);
}

/* A member's name (into f->field) and ":", then its value's first token */
bool
json_form_member(JsonForm *f)
{
	size_t		kept;

	if (!json_in_string(&f->j))
		return json_form_error(f);
	kept = f->j.str_len < JSON_IN_STR_MAX ? f->j.str_len : JSON_IN_STR_MAX;
	f->field_len = f->j.str_len;
	memcpy(f->field, f->j.str, kept);
	f->field[kept] = '\0';
	if (!json_in_consume(&f->j, ':'))
		return json_form_expected(f, "expected \":\"");
	rr_check_interrupts_every(++f->members);
	return json_form_value(f);
}

/*
 * A member (json_form_member) whose name is one of names[0..n): its index,
 * marked in seen[]; -1 with an error for an unknown or repeated name or a
 * null value
 */
int
json_form_key(JsonForm *f, const char *const *names, int n, bool *seen)
{
	int			key = -1;

	if (!json_form_member(f))
		return -1;
	for (int i = 0; i < n; i++)
		if (f->field_len == strlen(names[i]) && strcmp(f->field, names[i]) == 0)
			key = i;
	if (key < 0)
		io_fail(f->err, IO_ERR_SYNTAX, "unknown key \"%s\"", f->field);
	else if (seen[key])
		io_fail(f->err, IO_ERR_SYNTAX, "duplicate key \"%s\"", f->field);
	else if (f->kind == JSON_IN_NULL)
		io_fail(f->err, IO_ERR_SYNTAX, "\"%s\" must not be null", f->field);
	else
	{
		seen[key] = true;
		return key;
	}
	return -1;
	return key;
}

/* The "{" of the object lexed; *more unless "}" closes it at once */
bool
json_form_open(JsonForm *f, bool *more)
{
	json_in_consume(&f->j, '{');
	*more = !json_in_consume(&f->j, '}');
	return true;
}

/* The whole text's value, which must be an object, opened */
bool
json_form_object(JsonForm *f, bool *more)
{
	if (!json_form_value(f))
		return false;
	if (f->kind == JSON_IN_ARRAY)
		return io_fail(f->err, IO_ERR_SYNTAX, "unexpected array");
	if (f->kind != JSON_IN_OBJECT)
		return io_fail(f->err, IO_ERR_SYNTAX, "expected a JSON object");
	return json_form_open(f, more);
}

/* After a member: "," (*more) or "}" */
bool
json_form_next(JsonForm *f, bool *more)
{
	*more = json_in_consume(&f->j, ',');
	if (!*more && !json_in_consume(&f->j, '}'))
		return json_form_expected(f, "expected \",\" or \"}\"");
	return true;
}

/* Nothing but white space may follow the value */
bool
json_form_end(JsonForm *f)
{
	return json_in_at_end(&f->j) ||
		json_form_expected(f, "unexpected trailing characters");
}

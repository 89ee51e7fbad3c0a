/*
 * json_out.c
 *		JSON text output helpers; see json_out.h.
 *
 * Plain C: no PostgreSQL headers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_out.h"

/*
 * Shortest decimal form of v that reads back bit-identical; returns its
 * length (at most JSON_NUMBER_BOUND - 1).  -0 is written as 0.
 */
int
format_double(double v, char *buf)
{
	int			len = 0;

	if (v == 0)
		v = 0;
	for (int prec = 15; prec <= 17; prec++)
	{
		len = snprintf(buf, JSON_NUMBER_BOUND, "%.*g", prec, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	return len;
}

/* Append the NUL-terminated s as it is */
char *
json_put_raw(char *p, const char *s)
{
	size_t		n = strlen(s);

	memcpy(p, s, n);
	return p + n;
}

/* Bytes json_put_string writes for s[0..len), quotes included */
size_t
json_string_len(const char *s, size_t len)
{
	size_t		n = 2 + len;

	for (size_t i = 0; i < len; i++)
	{
		unsigned char c = (unsigned char) s[i];

		if (c == '"' || c == '\\')
			n += 1;
		else if (c < 0x20)
			n += 5;
	}
	return n;
}

/* Append s[0..len) as a JSON string */
char *
json_put_string(char *p, const char *s, size_t len)
{
	*p++ = '"';
	for (size_t i = 0; i < len; i++)
	{
		unsigned char c = (unsigned char) s[i];

		if (c == '"' || c == '\\')
		{
			*p++ = '\\';
			*p++ = (char) c;
		}
		else if (c < 0x20)
			p += sprintf(p, "\\u%04x", c);
		else
			*p++ = (char) c;
	}
	*p++ = '"';
	return p;
}

char *
json_put_double(char *p, double v)
{
	return p + format_double(v, p);
}

/* Append "key": v, preceded by ", " unless it is the object's first member */
char *
json_put_member(char *p, bool *first, const char *key, size_t keylen, double v)
{
	if (!*first)
		p = json_put_raw(p, ", ");
	*first = false;
	p = json_put_string(p, key, keylen);
	p = json_put_raw(p, ": ");
	return json_put_double(p, v);
}

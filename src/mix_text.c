/*
 * mix_text.c
 *		JSON text and portable binary forms of a supply mix.  Every reader
 *		checks lengths before it reads and rejects anything the writer
 *		would not produce (duplicates, empty codes, negative or non-finite
 *		numbers) with a message saying what and where.
 *
 * Plain C: no PostgreSQL headers.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mix_builder.h"
#include "json_out.h"
#include "mix_text.h"

#define SECTION_SUPPLIERS	0
#define SECTION_SPARE		1
#define SECTION_RISK		2

/*
 * Append {"code": value, ...} over m's suppliers in byte order (order), the
 * value of a section: the volume, the spare capacity (where not 0) or the
 * governance risk (where given)
 */
static char *
put_supplier_object(char *p, const Mix *m, const uint32_t *order, int section)
{
	bool		first = true;

	*p++ = '{';
	for (uint32_t j = 0; j < m->count; j++)
	{
		const MixEntry *e = &mix_entries(m)[order[j]];
		double		v = section == SECTION_SUPPLIERS ? mix_entry_volume(e) :
			section == SECTION_SPARE ? mix_entry_spare(m, order[j]) :
			mix_entry_risk(m, order[j]);

		if ((section == SECTION_SPARE && v == 0) || isnan(v))
			continue;
		p = json_put_member(p, &first, mix_entry_key(m, e), e->keylen, v);
	}
	*p++ = '}';
	return p;
}

/* The JSON text of m, NUL-terminated, in memory from a; *len its length */
char *
mix_to_json(const Mix *m, const MixAllocator *a, size_t *len)
{
	size_t		bound = 160;
	uint32_t   *order;
	char	   *buf,
			   *p;

	for (uint32_t i = 0; i < m->count; i++)
		bound += 3 * (JSON_STRING_BOUND(mix_entries(m)[i].keylen) + JSON_NUMBER_BOUND + 4);
	order = a->alloc(a->arg, ((size_t) m->count + 1) * sizeof(uint32_t));
	buf = order ? a->alloc(a->arg, bound) : NULL;
	if (buf == NULL)
		return NULL;
	mix_order_by_key(m, order);

	p = json_put_raw(buf, "{\"suppliers\": ");
	p = put_supplier_object(p, m, order, SECTION_SUPPLIERS);
	p = json_put_raw(p, ", \"unattributed\": ");
	p = json_put_double(p, m->unattributed + m->unattributed_c);
	if (m->flags & MIX_F_SPARE)
	{
		p = json_put_raw(p, ", \"spare\": ");
		p = put_supplier_object(p, m, order, SECTION_SPARE);
		p = json_put_raw(p, ", \"unattributed_spare\": ");
		p = json_put_double(p, m->unattributed_spare + m->unattributed_spare_c);
	}
	if (m->flags & MIX_F_RISK)
	{
		p = json_put_raw(p, ", \"risk\": ");
		p = put_supplier_object(p, m, order, SECTION_RISK);
	}
	if (m->k != 0)
		p += sprintf(p, ", \"k\": %d", (int) m->k);
	p = json_put_raw(p, "}");
	*p = '\0';
	*len = (size_t) (p - buf);
	if (a->release)
		a->release(a->arg, order);
	return buf;
}

/* ---------------------------------------------------------------- */
/* JSON reader													  */
/* ---------------------------------------------------------------- */

typedef struct ParseItem
{
	size_t		key_off;		/* in the decoded-key buffer */
	size_t		keylen;
	double		value;
	int			section;
} ParseItem;

typedef struct Parser
{
	const char *s;
	size_t		len;
	size_t		pos;
	bool		utf8;
	char	   *keys;			/* decoded strings */
	size_t		keys_used;
	ParseItem  *items;
	size_t		nitems;
	size_t		maxitems;
	MixParseError *err;
} Parser;

static bool parse_fail(Parser *ps, MixStatus status, const char *fmt,...)
			__attribute__((format(printf, 3, 4)));

/* Record a parse error; always returns false */
static bool
parse_fail(Parser *ps, MixStatus status, const char *fmt,...)
{
	va_list		ap;

	if (ps->err->status != MIX_OK)
		return false;
	ps->err->status = status;
	va_start(ap, fmt);
	vsnprintf(ps->err->message, sizeof(ps->err->message), fmt, ap);
	va_end(ap);
	return false;
}

static bool
syntax_error(Parser *ps, const char *what)
{
	if (ps->pos >= ps->len)
		return parse_fail(ps, MIX_ERR_CORRUPT, "%s at end of input", what);
	return parse_fail(ps, MIX_ERR_CORRUPT, "%s at offset %zu", what, ps->pos);
}

static void
skip_ws(Parser *ps)
{
	while (ps->pos < ps->len &&
		   (ps->s[ps->pos] == ' ' || ps->s[ps->pos] == '\t' ||
			ps->s[ps->pos] == '\n' || ps->s[ps->pos] == '\r'))
		ps->pos++;
}

static bool
expect(Parser *ps, char c)
{
	skip_ws(ps);
	if (ps->pos < ps->len && ps->s[ps->pos] == c)
	{
		ps->pos++;
		return true;
	}
	return false;
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
read_hex4(Parser *ps)
{
	long		v = 0;

	if (ps->len - ps->pos < 4)
		return -1;
	for (int i = 0; i < 4; i++)
	{
		int			d = hex_digit(ps->s[ps->pos + i]);

		if (d < 0)
			return -1;
		v = v * 16 + d;
	}
	ps->pos += 4;
	return v;
}

/* Append code point cp to the key buffer as UTF-8 */
static void
put_utf8(Parser *ps, long cp)
{
	char	   *o = ps->keys + ps->keys_used;

	if (cp < 0x80)
		o[0] = (char) cp, ps->keys_used += 1;
	else if (cp < 0x800)
	{
		o[0] = (char) (0xC0 | (cp >> 6));
		o[1] = (char) (0x80 | (cp & 0x3F));
		ps->keys_used += 2;
	}
	else if (cp < 0x10000)
	{
		o[0] = (char) (0xE0 | (cp >> 12));
		o[1] = (char) (0x80 | ((cp >> 6) & 0x3F));
		o[2] = (char) (0x80 | (cp & 0x3F));
		ps->keys_used += 3;
	}
	else
	{
		o[0] = (char) (0xF0 | (cp >> 18));
		o[1] = (char) (0x80 | ((cp >> 12) & 0x3F));
		o[2] = (char) (0x80 | ((cp >> 6) & 0x3F));
		o[3] = (char) (0x80 | (cp & 0x3F));
		ps->keys_used += 4;
	}
}

/* A \u escape (the "\u" consumed); surrogate pairs joined */
static bool
parse_unicode_escape(Parser *ps)
{
	long		cp = read_hex4(ps);

	if (cp < 0)
		return syntax_error(ps, "invalid unicode escape");
	if (cp >= 0xD800 && cp <= 0xDBFF)
	{
		long		lo;

		if (ps->len - ps->pos < 2 || ps->s[ps->pos] != '\\' ||
			ps->s[ps->pos + 1] != 'u')
			return syntax_error(ps, "unpaired unicode surrogate");
		ps->pos += 2;
		lo = read_hex4(ps);
		if (lo < 0xDC00 || lo > 0xDFFF)
			return syntax_error(ps, "unpaired unicode surrogate");
		cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
	}
	else if (cp >= 0xDC00 && cp <= 0xDFFF)
		return syntax_error(ps, "unpaired unicode surrogate");
	if (cp == 0)
		return syntax_error(ps, "unicode escape \\u0000 is not allowed");
	if (cp > 0x7F && !ps->utf8)
		return syntax_error(ps, "unicode escape above 007F needs a UTF8 server encoding");
	put_utf8(ps, cp);
	return true;
}

/* A JSON string; its decoded bytes are appended to the key buffer */
static bool
parse_string(Parser *ps, size_t *off, size_t *len)
{
	skip_ws(ps);
	if (ps->pos >= ps->len || ps->s[ps->pos] != '"')
		return syntax_error(ps, "expected a string");
	ps->pos++;
	*off = ps->keys_used;
	for (;;)
	{
		unsigned char c;

		if (ps->pos >= ps->len)
			return syntax_error(ps, "unterminated string");
		c = (unsigned char) ps->s[ps->pos++];
		if (c == '"')
			break;
		if (c < 0x20)
			return syntax_error(ps, "control character in string");
		if (c != '\\')
		{
			ps->keys[ps->keys_used++] = (char) c;
			continue;
		}
		if (ps->pos >= ps->len)
			return syntax_error(ps, "unterminated string");
		c = (unsigned char) ps->s[ps->pos++];
		switch (c)
		{
			case '"':
			case '\\':
			case '/':
				ps->keys[ps->keys_used++] = (char) c;
				break;
			case 'b':
				ps->keys[ps->keys_used++] = '\b';
				break;
			case 'f':
				ps->keys[ps->keys_used++] = '\f';
				break;
			case 'n':
				ps->keys[ps->keys_used++] = '\n';
				break;
			case 'r':
				ps->keys[ps->keys_used++] = '\r';
				break;
			case 't':
				ps->keys[ps->keys_used++] = '\t';
				break;
			case 'u':
				if (!parse_unicode_escape(ps))
					return false;
				break;
			default:
				ps->pos--;
				return syntax_error(ps, "invalid escape in string");
		}
	}
	*len = ps->keys_used - *off;
	return true;
}

/* A JSON number: a finite, non-negative double */
static bool
parse_number(Parser *ps, const char *what, double *v)
{
	size_t		start,
				p;
	char		buf[1100];

	skip_ws(ps);
	start = p = ps->pos;
	if (p < ps->len && ps->s[p] == '-')
		p++;
	if (p < ps->len && ps->s[p] == '0')
		p++;
	else if (p < ps->len && ps->s[p] >= '1' && ps->s[p] <= '9')
		while (p < ps->len && ps->s[p] >= '0' && ps->s[p] <= '9')
			p++;
	else
		return syntax_error(ps, "expected a number");
	if (p < ps->len && ps->s[p] == '.')
	{
		p++;
		if (p >= ps->len || ps->s[p] < '0' || ps->s[p] > '9')
			return syntax_error(ps, "invalid number");
		while (p < ps->len && ps->s[p] >= '0' && ps->s[p] <= '9')
			p++;
	}
	if (p < ps->len && (ps->s[p] == 'e' || ps->s[p] == 'E'))
	{
		p++;
		if (p < ps->len && (ps->s[p] == '+' || ps->s[p] == '-'))
			p++;
		if (p >= ps->len || ps->s[p] < '0' || ps->s[p] > '9')
			return syntax_error(ps, "invalid number");
		while (p < ps->len && ps->s[p] >= '0' && ps->s[p] <= '9')
			p++;
	}
	if (p - start >= sizeof(buf))
		return syntax_error(ps, "number too long");
	memcpy(buf, ps->s + start, p - start);
	buf[p - start] = '\0';
	errno = 0;
	*v = strtod(buf, NULL);
	ps->pos = p;
	if (errno == ERANGE && *v == 0)
		return parse_fail(ps, MIX_ERR_INFINITE, "%s %s is out of range for type double precision",
						  what, buf);
	if (isinf(*v))
		return parse_fail(ps, MIX_ERR_INFINITE, "%s %s is out of range for type double precision",
						  what, buf);
	if (*v < 0)
		return parse_fail(ps, MIX_ERR_NEGATIVE, "%s must not be negative: %s", what, buf);
	*v += 0.0;					/* -0 becomes 0 */
	return true;
}

/* An object of supplier code -> number, for one section */
static bool
parse_supplier_object(Parser *ps, int section)
{
	const char *what = section == SECTION_SPARE ? "spare capacity" :
		section == SECTION_RISK ? "governance risk" : "volume";

	if (!expect(ps, '{'))
		return syntax_error(ps, "expected \"{\"");
	if (expect(ps, '}'))
		return true;
	do
	{
		ParseItem  *it;

		if (ps->nitems >= ps->maxitems)
			return syntax_error(ps, "too many members");
		it = &ps->items[ps->nitems];
		if (!parse_string(ps, &it->key_off, &it->keylen))
			return false;
		if (it->keylen == 0)
			return parse_fail(ps, MIX_ERR_KEY_EMPTY, "supplier code must not be empty");
		if (it->keylen > MIX_MAX_KEY_LEN)
			return parse_fail(ps, MIX_ERR_KEY_TOO_LONG,
							  "supplier code is longer than %d bytes", MIX_MAX_KEY_LEN);
		if (!expect(ps, ':'))
			return syntax_error(ps, "expected \":\"");
		if (!parse_number(ps, what, &it->value))
			return false;
		it->section = section;
		ps->nitems++;
	} while (expect(ps, ','));
	if (!expect(ps, '}'))
		return syntax_error(ps, "expected \",\" or \"}\"");
	return true;
}

/* The top-level object; fills items and the header fields */
static bool
parse_top(Parser *ps, double *unattributed, double *unattributed_spare,
		  int *k, bool *spare, bool *risk)
{
	unsigned	seen = 0;

	if (!expect(ps, '{'))
		return syntax_error(ps, "expected \"{\"");
	if (!expect(ps, '}'))
	{
		do
		{
			size_t		off,
						len;
			const char *key;
			unsigned	bit;
			double		v;

			if (!parse_string(ps, &off, &len))
				return false;
			key = ps->keys + off;
			ps->keys_used = off;	/* field names need no storage */
			if (!expect(ps, ':'))
				return syntax_error(ps, "expected \":\"");
			if (len == 9 && memcmp(key, "suppliers", 9) == 0)
				bit = 1;
			else if (len == 5 && memcmp(key, "spare", 5) == 0)
				bit = 2;
			else if (len == 12 && memcmp(key, "unattributed", 12) == 0)
				bit = 4;
			else if (len == 18 && memcmp(key, "unattributed_spare", 18) == 0)
				bit = 8;
			else if (len == 1 && key[0] == 'k')
				bit = 16;
			else if (len == 4 && memcmp(key, "risk", 4) == 0)
				bit = 32;
			else
				return parse_fail(ps, MIX_ERR_CORRUPT,
								  "unknown key \"%.*s\" (expected suppliers, unattributed, spare, unattributed_spare, risk or k)",
								  (int) (len > 40 ? 40 : len), key);
			if (seen & bit)
				return parse_fail(ps, MIX_ERR_CORRUPT, "duplicate key \"%.*s\"",
								  (int) len, key);
			seen |= bit;
			if (bit == 1 && !parse_supplier_object(ps, SECTION_SUPPLIERS))
				return false;
			if (bit == 2 && !parse_supplier_object(ps, SECTION_SPARE))
				return false;
			if (bit == 32 && !parse_supplier_object(ps, SECTION_RISK))
				return false;
			if (bit == 4 && !parse_number(ps, "unattributed volume", unattributed))
				return false;
			if (bit == 8 && !parse_number(ps, "unattributed spare capacity",
										  unattributed_spare))
				return false;
			if (bit == 16)
			{
				if (!parse_number(ps, "k", &v))
					return false;
				if (v < 1 || v > 2147483647.0 || v != floor(v))
					return parse_fail(ps, MIX_ERR_CORRUPT,
									  "k must be a whole number of at least 1");
				*k = (int) v;
			}
		} while (expect(ps, ','));
		if (!expect(ps, '}'))
			return syntax_error(ps, "expected \",\" or \"}\"");
	}
	skip_ws(ps);
	if (ps->pos != ps->len)
		return syntax_error(ps, "unexpected trailing characters");
	*spare = (seen & (2 | 8)) != 0;
	*risk = (seen & 32) != 0;
	return true;
}

static void
release(const MixAllocator *a, void *p)
{
	if (p && a->release)
		a->release(a->arg, p);
}

/* Build the mix from the parsed items: volumes first, then spare */
static Mix *
build_from_items(Parser *ps, const MixAllocator *a, double unattributed,
				 double unattributed_spare, int k, bool spare, bool risk)
{
	MixStatus	st = MIX_OK;
	MixBuilder	b,
				seen;
	Mix		   *m = NULL;

	mixb_init(&b, a);
	mixb_init(&seen, a);
	b.k = k;
	st = mixb_add(&b, NULL, 0, unattributed, unattributed_spare, spare);
	for (size_t i = 0; i < ps->nitems && st == MIX_OK; i++)
	{
		ParseItem  *it = &ps->items[i];
		const char *key = ps->keys + it->key_off;
		int			shown = (int) (it->keylen > 64 ? 64 : it->keylen);

		if (it->section == SECTION_SUPPLIERS && mixb_contains(&b, key, it->keylen))
		{
			parse_fail(ps, MIX_ERR_CORRUPT, "duplicate supplier \"%.*s\"", shown, key);
			st = MIX_ERR_CORRUPT;
		}
		else if (it->section == SECTION_SUPPLIERS)
			st = mixb_add(&b, key, it->keylen, it->value, 0, spare);
	}
	if (risk && st == MIX_OK)
		st = mixb_add_risk(&b, NULL, 0, 0, 0);
	for (int section = SECTION_SPARE; section <= SECTION_RISK; section++)
	{
		const char *what = section == SECTION_SPARE ? "spare capacity" : "governance risk";

		mixb_free(&seen);
		for (size_t i = 0; i < ps->nitems && st == MIX_OK; i++)
		{
			ParseItem  *it = &ps->items[i];
			const char *key = ps->keys + it->key_off;
			int			shown = (int) (it->keylen > 64 ? 64 : it->keylen);

			if (it->section != section)
				continue;
			if (!mixb_contains(&b, key, it->keylen) || mixb_contains(&seen, key, it->keylen))
			{
				parse_fail(ps, MIX_ERR_CORRUPT,
						   mixb_contains(&b, key, it->keylen) ?
						   "duplicate %s for \"%.*s\"" :
						   "%s for \"%.*s\", which is not among the suppliers",
						   what, shown, key);
				st = MIX_ERR_CORRUPT;
			}
			else if ((st = mixb_add(&seen, key, it->keylen, 0, 0, false)) == MIX_OK)
				st = section == SECTION_SPARE ?
					mixb_set_spare(&b, key, it->keylen, it->value) :
					mixb_add_risk(&b, key, it->keylen, 0, it->value);
		}
	}
	if (st == MIX_OK)
		m = mixb_to_mix(&b, a, &st);
	if (st == MIX_OK && !mix_totals_finite(m))
	{
		st = MIX_ERR_INFINITE;
		parse_fail(ps, st, "total volume is out of range for type double precision");
		release(a, m);
		m = NULL;
	}
	if (st != MIX_OK)
		parse_fail(ps, st, "%s", mix_status_message(st));
	mixb_free(&b);
	mixb_free(&seen);
	return st == MIX_OK ? m : NULL;
}

/*
 * Read the JSON text form.  utf8: whether \u escapes above 007F may be
 * decoded (the server encoding is UTF8).  Returns NULL with *err set on
 * any error.
 */
Mix *
mix_from_json(const char *s, size_t len, bool utf8, const MixAllocator *a,
			  MixParseError *err)
{
	Parser		ps = {0};
	double		unattributed = 0,
				unattributed_spare = 0;
	int			k = 0;
	bool		spare = false;
	bool		risk = false;
	Mix		   *m = NULL;

	err->status = MIX_OK;
	err->message[0] = '\0';
	ps.s = s;
	ps.len = len;
	ps.utf8 = utf8;
	ps.err = err;
	ps.maxitems = len / 4 + 1;
	ps.keys = a->alloc(a->arg, len + 1);
	ps.items = ps.keys ? a->alloc(a->arg, ps.maxitems * sizeof(ParseItem)) : NULL;
	if (ps.items == NULL)
		parse_fail(&ps, MIX_ERR_NOMEM, "out of memory");
	else if (parse_top(&ps, &unattributed, &unattributed_spare, &k, &spare, &risk))
		m = build_from_items(&ps, a, unattributed, unattributed_spare, k, spare, risk);
	release(a, ps.items);
	release(a, ps.keys);
	return m;
}

/* ---------------------------------------------------------------- */
/* Binary form													  */
/* ---------------------------------------------------------------- */

/*
 * Layout, all integers big-endian, doubles as IEEE 754 bit patterns:
 *	uint8 version, uint8 flags (MIX_F_SPARE, MIX_F_RISK), int32 k,
 *	float8 unattributed, float8 unattributed_spare, uint32 count,
 *	count × { uint32 keylen, keylen bytes, float8 volume,
 *			  [float8 spare if MIX_F_SPARE],
 *			  [float8 risk if MIX_F_RISK: NaN for none] }	in byte order of the key
 */

#define BINARY_HEADER	(1 + 1 + 4 + 8 + 8 + 4)

size_t
mix_binary_size(const Mix *m)
{
	size_t		n = BINARY_HEADER;
	size_t		per = 4 + 8 + ((m->flags & MIX_F_SPARE) ? 8 : 0) +
		((m->flags & MIX_F_RISK) ? 8 : 0);

	for (uint32_t i = 0; i < m->count; i++)
		n += per + mix_entries(m)[i].keylen;
	return n;
}

static unsigned char *
put_u32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char) (v >> 24);
	p[1] = (unsigned char) (v >> 16);
	p[2] = (unsigned char) (v >> 8);
	p[3] = (unsigned char) v;
	return p + 4;
}

static unsigned char *
put_f64(unsigned char *p, double d)
{
	uint64_t	v;

	memcpy(&v, &d, 8);
	p = put_u32(p, (uint32_t) (v >> 32));
	return put_u32(p, (uint32_t) v);
}

/* Write the binary form into buf (mix_binary_size bytes); order: scratch */
void
mix_to_binary(const Mix *m, uint32_t *order, unsigned char *buf)
{
	unsigned char *p = buf;

	mix_order_by_key(m, order);
	*p++ = MIX_BINARY_VERSION;
	*p++ = m->flags & (MIX_F_SPARE | MIX_F_RISK);
	p = put_u32(p, (uint32_t) m->k);
	p = put_f64(p, m->unattributed + m->unattributed_c);
	p = put_f64(p, m->unattributed_spare + m->unattributed_spare_c);
	p = put_u32(p, m->count);
	for (uint32_t j = 0; j < m->count; j++)
	{
		const MixEntry *e = &mix_entries(m)[order[j]];

		p = put_u32(p, e->keylen);
		memcpy(p, mix_entry_key(m, e), e->keylen);
		p += e->keylen;
		p = put_f64(p, mix_entry_volume(e));
		if (m->flags & MIX_F_SPARE)
			p = put_f64(p, mix_entry_spare(m, order[j]));
		if (m->flags & MIX_F_RISK)
			p = put_f64(p, mix_entry_risk(m, order[j]));
	}
}

static uint32_t
get_u32(const unsigned char *p)
{
	return ((uint32_t) p[0] << 24) | ((uint32_t) p[1] << 16) |
		((uint32_t) p[2] << 8) | p[3];
}

static double
get_f64(const unsigned char *p)
{
	uint64_t	v = ((uint64_t) get_u32(p) << 32) | get_u32(p + 4);
	double		d;

	memcpy(&d, &v, 8);
	return d;
}

static Mix *
binary_fail(MixParseError *err, MixStatus st, const char *msg, size_t off)
{
	err->status = st;
	snprintf(err->message, sizeof(err->message), "%s at byte %zu", msg, off);
	return NULL;
}

/* Read the binary form, validating every length, value and the key order */
Mix *
mix_from_binary(const unsigned char *buf, size_t len, const MixAllocator *a,
				MixParseError *err)
{
	size_t		pos = BINARY_HEADER;
	uint32_t	count;
	bool		spare,
				risk;
	int32_t		k;
	double		ua,
				uas;
	Mix		   *m = NULL;
	MixBuilder	b;
	MixStatus	st = MIX_OK;
	const char *prev = NULL;
	size_t		prevlen = 0;

	err->status = MIX_OK;
	err->message[0] = '\0';
	if (len < BINARY_HEADER)
		return binary_fail(err, MIX_ERR_CORRUPT, "truncated supply mix header", len);
	if (buf[0] != MIX_BINARY_VERSION)
		return binary_fail(err, MIX_ERR_CORRUPT, "unsupported supply mix format version", 0);
	if ((buf[1] & ~(MIX_F_SPARE | MIX_F_RISK)) != 0)
		return binary_fail(err, MIX_ERR_CORRUPT, "unknown supply mix flags", 1);
	spare = buf[1] & MIX_F_SPARE;
	risk = buf[1] & MIX_F_RISK;
	k = (int32_t) get_u32(buf + 2);
	ua = get_f64(buf + 6);
	uas = get_f64(buf + 14);
	count = get_u32(buf + 22);
	if (k < 0)
		return binary_fail(err, MIX_ERR_CORRUPT, "invalid k", 2);
	if (mix_check_value(ua) != MIX_OK || mix_check_value(uas) != MIX_OK)
		return binary_fail(err, MIX_ERR_CORRUPT, "invalid unattributed volume", 6);
	if (count > (len - pos) / (4 + 1 + 8 + (spare ? 8 : 0) + (risk ? 8 : 0)))
		return binary_fail(err, MIX_ERR_CORRUPT, "supplier count exceeds the data", 22);

	mixb_init(&b, a);
	b.k = k;
	st = mixb_add(&b, NULL, 0, ua, uas, spare);
	if (risk && st == MIX_OK)
		st = mixb_add_risk(&b, NULL, 0, 0, 0);
	for (uint32_t j = 0; j < count && st == MIX_OK; j++)
	{
		uint32_t	keylen;
		const char *key;
		double		v,
					s = 0,
					r = NAN;

		if (len - pos < 4)
			break;
		keylen = get_u32(buf + pos);
		if (keylen == 0 || keylen > MIX_MAX_KEY_LEN)
		{
			binary_fail(err, MIX_ERR_CORRUPT, "invalid supplier code length", pos);
			break;
		}
		pos += 4;
		if (len - pos < (size_t) keylen + 8 + (spare ? 8 : 0) + (risk ? 8 : 0))
			break;
		key = (const char *) buf + pos;
		if (memchr(key, '\0', keylen) != NULL)
		{
			binary_fail(err, MIX_ERR_CORRUPT, "supplier code contains a zero byte", pos);
			break;
		}
		if (prev && mix_key_cmp(prev, prevlen, key, keylen) >= 0)
		{
			binary_fail(err, MIX_ERR_CORRUPT, "supplier codes out of order or repeated", pos);
			break;
		}
		pos += keylen;
		v = get_f64(buf + pos);
		pos += 8;
		if (spare)
		{
			s = get_f64(buf + pos);
			pos += 8;
		}
		if (risk)
		{
			r = get_f64(buf + pos);
			pos += 8;
			if (!isnan(r) && mix_check_value(r) != MIX_OK)
			{
				binary_fail(err, MIX_ERR_CORRUPT, "invalid governance risk", pos - 8);
				break;
			}
		}
		if (mix_check_value(v) != MIX_OK || mix_check_value(s) != MIX_OK)
		{
			binary_fail(err, MIX_ERR_CORRUPT, "invalid volume or spare capacity", pos - 8);
			break;
		}
		st = mixb_add(&b, key, keylen, v, s, spare);
		if (st == MIX_OK && !isnan(r))
			st = mixb_add_risk(&b, key, keylen, 0, r);
		prev = key;
		prevlen = keylen;
	}
	if (st == MIX_OK)
		st = mixb_apply_pending(&b);	/* b.count counts every row */
	if (st != MIX_OK && err->status == MIX_OK)
		binary_fail(err, st, mix_status_message(st), pos);
	if (err->status == MIX_OK && (b.count != count || pos != len))
		binary_fail(err, MIX_ERR_CORRUPT,
					b.count != count ? "truncated supply mix" : "trailing bytes after supply mix",
					pos);
	if (err->status == MIX_OK)
	{
		m = mixb_to_mix(&b, a, &st);
		if (m == NULL)
			binary_fail(err, st, mix_status_message(st), pos);
		else if (!mix_totals_finite(m))
		{
			binary_fail(err, MIX_ERR_CORRUPT, "total volume out of range", pos);
			release(a, m);
			m = NULL;
		}
	}
	mixb_free(&b);
	return err->status == MIX_OK ? m : NULL;
}

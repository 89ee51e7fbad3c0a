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
#include "interrupt.h"
#include "json_in.h"
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
		double		v;

		rr_check_interrupts_every(j);
		v = section == SECTION_SUPPLIERS ? mix_entry_volume(e) :
			section == SECTION_SPARE ? mix_entry_spare(m, order[j]) :
			mix_entry_risk(m, order[j]);

		if ((section == SECTION_SPARE && v == 0) || isnan(v))
			continue;
		p = json_put_member(p, &first, mix_entry_key(m, e), e->keylen, v);
	}
	*p++ = '}';
	return p;
}

/*
 * Bytes of the JSON text of m.  exact: numbers measured one by one;
 * otherwise each counts JSON_NUMBER_BOUND (a bound within a few bytes per
 * supplier of the real need).
 */
static size_t
json_size(const Mix *m, bool exact)
{
	int			sections = 1 + ((m->flags & MIX_F_SPARE) != 0) +
		((m->flags & MIX_F_RISK) != 0);
	size_t		n = 256;

	for (uint32_t i = 0; i < m->count; i++)
	{
		const MixEntry *e = &mix_entries(m)[i];
		size_t		key = json_string_len(mix_entry_key(m, e), e->keylen) + 4;

		rr_check_interrupts_every(i);
		if (!exact)
		{
			n += sections * (key + JSON_NUMBER_BOUND);
			continue;
		}
		for (int section = SECTION_SUPPLIERS; section <= SECTION_RISK; section++)
		{
			char		nb[JSON_NUMBER_BOUND];
			double		v = section == SECTION_SUPPLIERS ? mix_entry_volume(e) :
				section == SECTION_SPARE ? mix_entry_spare(m, i) : mix_entry_risk(m, i);

			if ((section == SECTION_SPARE && !(m->flags & MIX_F_SPARE)) ||
				(section == SECTION_RISK && !(m->flags & MIX_F_RISK)) ||
				(section == SECTION_SPARE && v == 0) || isnan(v))
				continue;
			n += key + format_double(v, nb);
		}
	}
	return n;
}

/*
 * The JSON text of m, NUL-terminated, in memory from a; *len its length.
 * NULL when memory runs out, or with *len = SIZE_MAX when the text would
 * exceed MIX_MAX_SIZE.
 */
char *
mix_to_json(const Mix *m, const CoreAllocator *a, size_t *len)
{
	size_t		bound = json_size(m, false);
	uint32_t   *order;
	char	   *buf,
			   *p;

	if (bound > MIX_MAX_SIZE)
		bound = json_size(m, true);
	if (bound > MIX_MAX_SIZE)
	{
		*len = SIZE_MAX;
		return NULL;
	}
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

/*
 * The text is read twice.  The first pass checks the syntax and every
 * member (codes, numbers) in document order and notes where each section
 * starts; the second builds the mix from the sections, volumes first, so
 * that spare capacities and risks can be matched to suppliers whatever the
 * order of the keys.  Nothing but the mix itself is allocated: memory stays
 * near the size of the result.
 */
typedef struct Parser
{
	JsonIn		j;
	MixParseError *err;
	size_t		section_at[3];	/* offset of each section's "{", or SIZE_MAX */
	bool		spare;			/* the mix has spare capacities */
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

/* A syntax error of the JSON reader as a parse error */
static bool
syntax_failed(Parser *ps)
{
	return parse_fail(ps, MIX_ERR_CORRUPT, "%s", ps->j.message);
}

static bool
syntax_error(Parser *ps, const char *what)
{
	json_in_syntax(&ps->j, what);
	return syntax_failed(ps);
}

/* A JSON number: a finite, non-negative double */
static bool
parse_number(Parser *ps, const char *what, double *v)
{
	const char *tok;
	size_t		toklen;
	bool		underflow;

	if (!json_in_number(&ps->j, &tok, &toklen))
		return syntax_failed(ps);
	json_in_double(tok, toklen, v, &underflow);
	if (underflow || isinf(*v))
		return parse_fail(ps, MIX_ERR_INFINITE, "%s %.*s is out of range for type double precision",
						  what, (int) toklen, tok);
	if (*v < 0)
		return parse_fail(ps, MIX_ERR_NEGATIVE, "%s must not be negative: %.*s",
						  what, (int) toklen, tok);
	*v += 0.0;					/* -0 becomes 0 */
	return true;
}

/* A supplier code as the key of a member; checked for length */
static bool
parse_code(Parser *ps)
{
	if (!json_in_string(&ps->j))
		return syntax_failed(ps);
	if (ps->j.str_len == 0)
		return parse_fail(ps, MIX_ERR_KEY_EMPTY, "supplier code must not be empty");
	if (ps->j.str_len > MIX_MAX_KEY_LEN)
		return parse_fail(ps, MIX_ERR_KEY_TOO_LONG,
						  "supplier code is longer than %d bytes", MIX_MAX_KEY_LEN);
	return true;
}

/*
 * An object of supplier code -> number, for one section.  With b NULL
 * (first pass) the members are only checked; otherwise they go to b, and
 * seen holds the codes of the section read so far.
 */
static bool
parse_supplier_object(Parser *ps, int section, MixBuilder *b, MixBuilder *seen)
{
	const char *what = section == SECTION_SPARE ? "spare capacity" :
		section == SECTION_RISK ? "governance risk" : "volume";

	if (!json_in_consume(&ps->j, '{'))
		return syntax_error(ps, "expected \"{\"");
	if (json_in_consume(&ps->j, '}'))
		return true;
	do
	{
		double		v;
		const char *key = ps->j.str;
		size_t		keylen;
		int			shown;
		MixStatus	st;

		if (!parse_code(ps))
			return false;
		keylen = ps->j.str_len;
		shown = (int) (keylen > 64 ? 64 : keylen);
		if (!json_in_consume(&ps->j, ':'))
			return syntax_error(ps, "expected \":\"");
		if (!parse_number(ps, what, &v))
			return false;
		if (b == NULL)
			continue;
		rr_check_interrupts_every(b->count);
		if (section == SECTION_SUPPLIERS)
		{
			if (mixb_contains(b, key, keylen))
				return parse_fail(ps, MIX_ERR_CORRUPT, "duplicate supplier \"%.*s\"", shown, key);
			st = mixb_add(b, key, keylen, v, 0, ps->spare);
		}
		else if (!mixb_contains(b, key, keylen) || mixb_contains(seen, key, keylen))
			return parse_fail(ps, MIX_ERR_CORRUPT,
							  mixb_contains(b, key, keylen) ?
							  "duplicate %s for \"%.*s\"" :
							  "%s for \"%.*s\", which is not among the suppliers",
							  what, shown, key);
		else if ((st = mixb_add(seen, key, keylen, 0, 0, false)) == MIX_OK)
			st = section == SECTION_SPARE ?
				mixb_set_spare(b, key, keylen, v) :
				mixb_add_risk(b, key, keylen, 0, v);
		if (st != MIX_OK)
			return parse_fail(ps, st, "%s", mix_status_message(st));
	} while (json_in_consume(&ps->j, ','));
	if (!json_in_consume(&ps->j, '}'))
		return syntax_error(ps, "expected \",\" or \"}\"");
	return true;
}

/* The top-level object (first pass); fills the header fields */
static bool
parse_top(Parser *ps, double *unattributed, double *unattributed_spare,
		  int *k, bool *spare, bool *risk)
{
	unsigned	seen = 0;

	if (!json_in_consume(&ps->j, '{'))
		return syntax_error(ps, "expected \"{\"");
	if (!json_in_consume(&ps->j, '}'))
	{
		do
		{
			const char *key = ps->j.str;
			size_t		len;
			unsigned	bit;
			double		v;

			if (!json_in_string(&ps->j))
				return syntax_failed(ps);
			len = ps->j.str_len;
			if (!json_in_consume(&ps->j, ':'))
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
			if (bit == 1 || bit == 2 || bit == 32)
			{
				int			section = bit == 1 ? SECTION_SUPPLIERS :
					bit == 2 ? SECTION_SPARE : SECTION_RISK;

				json_in_peek(&ps->j);
				ps->section_at[section] = ps->j.pos;
				if (!parse_supplier_object(ps, section, NULL, NULL))
					return false;
			}
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
		} while (json_in_consume(&ps->j, ','));
		if (!json_in_consume(&ps->j, '}'))
			return syntax_error(ps, "expected \",\" or \"}\"");
	}
	if (!json_in_at_end(&ps->j))
		return syntax_error(ps, "unexpected trailing characters");
	*spare = (seen & (2 | 8)) != 0;
	*risk = (seen & 32) != 0;
	for (int section = 0; section < 3; section++)
		if (!(seen & (section == SECTION_SUPPLIERS ? 1 : section == SECTION_SPARE ? 2 : 32)))
			ps->section_at[section] = SIZE_MAX;
	return true;
}

static void
release(const CoreAllocator *a, void *p)
{
	if (p && a->release)
		a->release(a->arg, p);
}

/* Second pass: build the mix from the sections, volumes first */
static Mix *
build_from_sections(Parser *ps, const CoreAllocator *a, double unattributed,
					double unattributed_spare, int k, bool spare, bool risk)
{
	MixStatus	st = MIX_OK;
	MixBuilder	b,
				seen;
	Mix		   *m = NULL;
	bool		ok = true;

	mixb_init(&b, a);
	mixb_init(&seen, a);
	b.k = k;
	st = mixb_add(&b, NULL, 0, unattributed, unattributed_spare, spare);
	if (st != MIX_OK)
		ok = parse_fail(ps, st, "%s", mix_status_message(st));
	ps->spare = spare;
	for (int section = SECTION_SUPPLIERS; section <= SECTION_RISK && ok; section++)
	{
		if (ps->section_at[section] != SIZE_MAX)
		{
			mixb_free(&seen);
			mixb_init(&seen, a);
			ps->j.pos = ps->section_at[section];
			ok = parse_supplier_object(ps, section, &b, &seen);
		}
		if (ok && section == SECTION_SUPPLIERS && risk &&
			(st = mixb_add_risk(&b, NULL, 0, 0, 0)) != MIX_OK)
			ok = parse_fail(ps, st, "%s", mix_status_message(st));
	}
	if (ok)
		m = mixb_to_mix(&b, a, &st);
	if (ok && m == NULL)
		parse_fail(ps, st, "%s", mix_status_message(st));
	if (m != NULL && !mix_totals_finite(m))
	{
		parse_fail(ps, MIX_ERR_INFINITE, "total volume is out of range for type double precision");
		release(a, m);
		m = NULL;
	}
	mixb_free(&b);
	mixb_free(&seen);
	return m;
}

/*
 * Read the JSON text form.  utf8: whether \u escapes above 007F may be
 * decoded (the server encoding is UTF8).  Returns NULL with *err set on
 * any error.
 */
Mix *
mix_from_json(const char *s, size_t len, bool utf8, const CoreAllocator *a,
			  MixParseError *err)
{
	Parser		ps;
	double		unattributed = 0,
				unattributed_spare = 0;
	int			k = 0;
	bool		spare = false;
	bool		risk = false;

	err->status = MIX_OK;
	err->message[0] = '\0';
	json_in_init(&ps.j, s, len, utf8);
	ps.err = err;
	if (!parse_top(&ps, &unattributed, &unattributed_spare, &k, &spare, &risk))
		return NULL;
	return build_from_sections(&ps, a, unattributed, unattributed_spare, k,
							   spare, risk);
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

/* A double; -0 is written as 0, so that equal mixes have equal bytes */
static unsigned char *
put_f64(unsigned char *p, double d)
{
	return bin_put_f64(p, d + 0.0);
}

/* Write the binary form into buf (mix_binary_size bytes); order: scratch */
void
mix_to_binary(const Mix *m, uint32_t *order, unsigned char *buf)
{
	unsigned char *p = buf;

	mix_order_by_key(m, order);
	*p++ = MIX_BINARY_VERSION;
	*p++ = m->flags & (MIX_F_SPARE | MIX_F_RISK);
	p = bin_put_u32(p, (uint32_t) m->k);
	p = put_f64(p, m->unattributed + m->unattributed_c);
	p = put_f64(p, m->unattributed_spare + m->unattributed_spare_c);
	p = bin_put_u32(p, m->count);
	for (uint32_t j = 0; j < m->count; j++)
	{
		const MixEntry *e = &mix_entries(m)[order[j]];

		p = bin_put_bytes(p, mix_entry_key(m, e), e->keylen);
		rr_check_interrupts_every(j);
		p = put_f64(p, mix_entry_volume(e));
		if (m->flags & MIX_F_SPARE)
			p = put_f64(p, mix_entry_spare(m, order[j]));
		if (m->flags & MIX_F_RISK)
		{
			double		r = mix_entry_risk(m, order[j]);

			p = put_f64(p, isnan(r) ? NAN : r);
		}
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
mix_from_binary(const unsigned char *buf, size_t len, const CoreAllocator *a,
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

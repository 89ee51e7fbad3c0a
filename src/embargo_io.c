/*
 * embargo_io.c
 *		Text and binary forms of embargo scenarios and states; see
 *		embargo_io.h.  Every reader checks each length before it reads and
 *		rejects what the writers would not produce; what it accepts prints
 *		and reads back to an equal value.
 *
 * Plain C: no PostgreSQL headers.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "embargo_io.h"
#include "interrupt.h"
#include "json_in.h"
#include "json_out.h"

/* Keys of the text forms; the state adds the sums to the scenario's */
enum
{
	KEY_EMBARGOED,
	KEY_INTENSITY,
	KEY_STOCK_DAYS,
	KEY_HORIZON_DAYS,
	KEY_PERIOD_DAYS,
	KEY_DEMAND,
	KEY_EMBARGOED_VOLUME,
	KEY_EMBARGOED_CONTENT,
	KEY_SPARE,
	NKEYS
};

#define SCENARIO_KEYS	(KEY_PERIOD_DAYS + 1)

static const char *const key_names[NKEYS] = {
	"embargoed", "intensity", "stock_days", "horizon_days", "period_days",
	"demand", "embargoed_volume", "embargoed_content", "spare"
};

static void
release(const CoreAllocator *a, void *p)
{
	if (p && a->release)
		a->release(a->arg, p);
}

/* ---------------------------------------------------------------- */
/* Text output														*/
/* ---------------------------------------------------------------- */

/* The text of s, and of the sums when x is not NULL */
static char *
write_json(const EmbargoScenario *s, const EmbargoSums *x,
		   const CoreAllocator *a, size_t *len)
{
	size_t		bound = 256 + 9 * JSON_NUMBER_BOUND;
	char	   *buf,
			   *p;
	bool		first = false;

	for (uint32_t i = 0; i < s->count; i++)
	{
		size_t		clen;
		const char *code = embargo_scenario_code(s, i, &clen);

		bound += json_string_len(code, clen) + 2;
	}
	*len = 0;
	if (bound > MIX_MAX_SIZE)
	{
		*len = SIZE_MAX;
		return NULL;
	}
	buf = a->alloc(a->arg, bound);
	if (buf == NULL)
		return NULL;
	p = json_put_raw(buf, "{\"embargoed\": [");
	for (uint32_t i = 0; i < s->count; i++)
	{
		size_t		clen;
		const char *code = embargo_scenario_code(s, i, &clen);

		rr_check_interrupts_every(i);
		if (i > 0)
			p = json_put_raw(p, ", ");
		p = json_put_string(p, code, clen);
	}
	p = json_put_raw(p, "]");
	p = json_put_member(p, &first, "intensity", 9, s->params.intensity);
	p = json_put_member(p, &first, "stock_days", 10, s->params.stock_days);
	p = json_put_member(p, &first, "horizon_days", 12, s->params.horizon_days);
	p = json_put_member(p, &first, "period_days", 11, s->params.period_days);
	if (x != NULL)
	{
		p = json_put_member(p, &first, "demand", 6, x->demand + x->demand_c);
		p = json_put_member(p, &first, "embargoed_volume", 16,
							x->embargoed + x->embargoed_c);
		p = json_put_member(p, &first, "embargoed_content", 17,
							x->content + x->content_c);
		p = json_put_member(p, &first, "spare", 5, x->spare + x->spare_c);
	}
	p = json_put_raw(p, "}");
	*p = '\0';
	*len = (size_t) (p - buf);
	return buf;
}

/* The text form of a scenario, NUL-terminated; *len its length */
char *
embargo_scenario_to_json(const EmbargoScenario *s, const CoreAllocator *a,
						 size_t *len)
{
	return write_json(s, NULL, a, len);
}

/* The text form of a state: its scenario's keys and the four sums */
char *
embargo_state_to_json(const EmbargoState *st, const CoreAllocator *a,
					  size_t *len)
{
	return write_json(embargo_state_scenario(st), &st->sums, a, len);
}

/* ---------------------------------------------------------------- */
/* Text input														*/
/* ---------------------------------------------------------------- */

typedef struct EmbReader
{
	JsonForm	f;
	const CoreAllocator *a;
	const char *type;			/* for messages */
	int			nkeys;			/* keys allowed: scenario or state */
	bool		seen[NKEYS];
	double		values[NKEYS];
	char	   *data;			/* the codes, one after another */
	size_t		data_len,
				data_cap;
	size_t	   *lens;
	uint32_t	ncodes,
				maxcodes;
} EmbReader;

/* The text of a scalar token for a message; a string shows its value */
static void
scalar_text(EmbReader *r, const char **s, int *len)
{
	switch (r->f.kind)
	{
		case JSON_IN_STRING:
			*s = r->f.j.str;
			*len = (int) strlen(r->f.j.str);
			break;
		case JSON_IN_NUMBER:
			*s = r->f.tok;
			*len = (int) r->f.toklen;
			break;
		default:
			*s = r->f.kind == JSON_IN_TRUE ? "true" :
				r->f.kind == JSON_IN_FALSE ? "false" : "null";
			*len = (int) strlen(*s);
	}
}

/* A buffer of new_size bytes holding the first old_len of old, which goes */
static void *
grow(const CoreAllocator *a, void *old, size_t old_len, size_t new_size)
{
	void	   *p = a->alloc(a->arg, new_size);

	if (p != NULL && old != NULL)
	{
		memcpy(p, old, old_len);
		release(a, old);
	}
	return p;
}

/* Keep the string just read as an embargoed code */
static bool
add_code(EmbReader *r)
{
	/* a code longer than the limit is kept one byte too long: an error later */
	size_t		len = r->f.j.str_len > MIX_MAX_KEY_LEN ? MIX_MAX_KEY_LEN + 1 : r->f.j.str_len;

	if (r->ncodes == r->maxcodes)
	{
		r->lens = grow(r->a, r->lens, (size_t) r->maxcodes * sizeof(size_t),
					   (size_t) r->maxcodes * 2 * sizeof(size_t));
		r->maxcodes *= 2;
	}
	if (r->lens != NULL && r->data_cap - r->data_len < len)
	{
		r->data = grow(r->a, r->data, r->data_len, 2 * r->data_cap + len);
		r->data_cap = 2 * r->data_cap + len;
	}
	if (r->lens == NULL || r->data == NULL)
		return io_fail(r->f.err, IO_ERR_NOMEM, "out of memory");
	memcpy(r->data + r->data_len, r->f.j.str, len > JSON_IN_STR_MAX ? JSON_IN_STR_MAX : len);
	if (len > JSON_IN_STR_MAX)
		r->data[r->data_len + JSON_IN_STR_MAX] = '?';
	r->data_len += len;
	r->lens[r->ncodes++] = len;
	rr_check_interrupts_every(r->ncodes);
	return true;
}

/* The array of embargoed codes (its "[" next) */
static bool
read_codes(EmbReader *r)
{
	json_in_consume(&r->f.j, '[');
	if (json_in_consume(&r->f.j, ']'))
		return true;
	do
	{
		if (!json_form_value(&r->f))
			return false;
		if (r->f.kind == JSON_IN_OBJECT)
			return io_fail(r->f.err, IO_ERR_SYNTAX, "unexpected nested object");
		if (r->f.kind == JSON_IN_ARRAY)
			return io_fail(r->f.err, IO_ERR_SYNTAX, "unexpected array");
		if (r->f.kind != JSON_IN_STRING)
		{
			const char *s;
			int			len;

			scalar_text(r, &s, &len);
			return io_fail(r->f.err, IO_ERR_SYNTAX,
						   "embargoed suppliers must be strings, not %.*s", len, s);
		}
		if (!add_code(r))
			return false;
	} while (json_in_consume(&r->f.j, ','));
	if (!json_in_consume(&r->f.j, ']'))
		return json_form_expected(&r->f, "expected \",\" or \"]\"");
	return true;
}

/* The value of a member whose key is known */
static bool
read_value(EmbReader *r, int key)
{
	const char *s;
	int			len;
	bool		underflow;

	if (r->f.kind == JSON_IN_OBJECT)
		return io_fail(r->f.err, IO_ERR_SYNTAX, "unexpected nested object");
	if (r->f.kind == JSON_IN_ARRAY)
	{
		if (key != KEY_EMBARGOED)
			return io_fail(r->f.err, IO_ERR_SYNTAX, "unexpected array");
		return read_codes(r);
	}
	if (key == KEY_EMBARGOED)
		return io_fail(r->f.err, IO_ERR_SYNTAX,
					   "\"embargoed\" must be an array of supplier codes");
	scalar_text(r, &s, &len);
	if (r->f.kind != JSON_IN_NUMBER)
		return io_fail(r->f.err, IO_ERR_SYNTAX, "\"%s\" must be a number, not %.*s",
					   key_names[key], len, s);
	json_in_double(r->f.tok, r->f.toklen, &r->values[key], &underflow);
	if (!isfinite(r->values[key]))
		return io_fail(r->f.err, IO_ERR_RANGE,
					   "\"%s\" is out of range for type double precision in %s: %.*s",
					   key_names[key], r->type, len, s);
	r->values[key] += 0.0;		/* -0 becomes 0 */
	return true;
}

/* The whole text: one flat object */
static bool
read_object(EmbReader *r)
{
	bool		more;

	if (!json_form_object(&r->f, &more))
		return false;
	while (more)
	{
		int			key = json_form_key(&r->f, key_names, r->nkeys, r->seen);

		if (key < 0 || !read_value(r, key) || !json_form_next(&r->f, &more))
			return false;
	}
	if (!json_form_end(&r->f))
		return false;
	if (!r->seen[KEY_EMBARGOED])
		return io_fail(r->f.err, IO_ERR_SYNTAX, "missing key \"embargoed\"");
	for (int i = KEY_DEMAND; i < r->nkeys; i++)
		if (!r->seen[i])
			return io_fail(r->f.err, IO_ERR_SYNTAX, "missing key \"%s\"", key_names[i]);
	return true;
}

/* Build the scenario from the codes and parameters read */
static EmbargoScenario *
build(const char *const *codes, const size_t *lens, uint32_t n,
	  const EmbargoParams *p, const CoreAllocator *a, IoError *err,
	  IoErrorKind kind)
{
	EmbargoStatus st;
	EmbargoScenario *s = embargo_scenario_build(codes, lens, n, p, a, &st);

	if (s == NULL)
		io_fail(err, st == EMB_ERR_TOO_BIG ? IO_ERR_TOO_BIG :
				st == EMB_ERR_NOMEM ? IO_ERR_NOMEM : kind,
				"%s", embargo_status_message(st));
	return s;
}

/* Read the text of a scenario (state false) or of a state's scenario */
static EmbargoScenario *
read_json(EmbReader *r, const char *s, size_t len, bool utf8, bool state,
		  const CoreAllocator *a, IoError *err)
{
	EmbargoScenario *sc = NULL;
	const char **codes = NULL;

	memset(r, 0, sizeof(*r));
	json_form_init(&r->f, s, len, utf8, err);
	r->a = a;
	r->type = state ? "embargo_state" : "embargo_scenario";
	r->nkeys = state ? NKEYS : SCENARIO_KEYS;
	r->values[KEY_INTENSITY] = 1;
	r->values[KEY_HORIZON_DAYS] = 365;
	r->values[KEY_PERIOD_DAYS] = 365;
	r->maxcodes = 8;
	r->data_cap = 64;
	r->lens = a->alloc(a->arg, r->maxcodes * sizeof(size_t));
	r->data = r->lens ? a->alloc(a->arg, r->data_cap) : NULL;
	if (r->data == NULL)
		io_fail(err, IO_ERR_NOMEM, "out of memory");
	else if (read_object(r))
	{
		EmbargoParams p = {r->values[KEY_INTENSITY], r->values[KEY_STOCK_DAYS],
		r->values[KEY_HORIZON_DAYS], r->values[KEY_PERIOD_DAYS]};
		size_t		off = 0;

		codes = a->alloc(a->arg, ((size_t) r->ncodes + 1) * sizeof(char *));
		if (codes == NULL)
			io_fail(err, IO_ERR_NOMEM, "out of memory");
		else
		{
			for (uint32_t i = 0; i < r->ncodes; i++)
			{
				codes[i] = r->data + off;
				off += r->lens[i];
			}
			sc = build(codes, r->lens, r->ncodes, &p, a, err, IO_ERR_SYNTAX);
		}
	}
	release(a, codes);
	release(a, r->lens);
	release(a, r->data);
	return sc;
}

/* Read the text form of a scenario; NULL with *err set on any error */
EmbargoScenario *
embargo_scenario_from_json(const char *s, size_t len, bool utf8,
						   const CoreAllocator *a, IoError *err)
{
	EmbReader	r;

	return read_json(&r, s, len, utf8, false, a, err);
}

/* A state of scenario s with the sums x (8 doubles), or NULL if invalid */
static EmbargoState *
make_state(EmbargoScenario *s, const double *x, const CoreAllocator *a,
		   IoError *err, IoErrorKind kind)
{
	EmbargoState *st = a->alloc(a->arg, embargo_state_size(s));

	if (st == NULL)
	{
		io_fail(err, IO_ERR_NOMEM, "out of memory");
		return NULL;
	}
	embargo_state_init(st, s);
	memcpy(&st->sums.demand, x, 8 * sizeof(double));
	for (int i = 0; i < 8; i += 2)
		if (!isfinite(x[i] + x[i + 1]))
		{
			release(a, st);
			io_fail(err, kind, "sums must be finite and not negative");
			return NULL;
		}
	if (embargo_sums_validate(&st->sums) != EMB_OK)
	{
		release(a, st);
		io_fail(err, kind, "sums must be finite and not negative");
		return NULL;
	}
	return st;
}

/* Read the text form of a state; NULL with *err set on any error */
EmbargoState *
embargo_state_from_json(const char *s, size_t len, bool utf8,
						const CoreAllocator *a, IoError *err)
{
	EmbReader	r;
	EmbargoScenario *sc = read_json(&r, s, len, utf8, true, a, err);
	EmbargoState *st;
	double		x[8] = {0};

	if (sc == NULL)
		return NULL;
	x[0] = r.values[KEY_DEMAND];
	x[2] = r.values[KEY_EMBARGOED_VOLUME];
	x[4] = r.values[KEY_EMBARGOED_CONTENT];
	x[6] = r.values[KEY_SPARE];
	st = make_state(sc, x, a, err, IO_ERR_SYNTAX);
	release(a, sc);
	return st;
}

/* ---------------------------------------------------------------- */
/* Binary form														*/
/* ---------------------------------------------------------------- */

size_t
embargo_scenario_binary_size(const EmbargoScenario *s)
{
	return 1 + 4 + (size_t) s->count * 4 + s->data_len + 4 * 8;
}

/* The scenario without the version byte */
static unsigned char *
put_scenario(unsigned char *p, const EmbargoScenario *s)
{
	p = bin_put_u32(p, s->count);
	for (uint32_t i = 0; i < s->count; i++)
	{
		size_t		len;
		const char *code = embargo_scenario_code(s, i, &len);

		rr_check_interrupts_every(i);
		p = bin_put_bytes(p, code, len);
	}
	p = bin_put_f64(p, s->params.intensity);
	p = bin_put_f64(p, s->params.stock_days);
	p = bin_put_f64(p, s->params.horizon_days);
	return bin_put_f64(p, s->params.period_days);
}

void
embargo_scenario_to_binary(const EmbargoScenario *s, unsigned char *buf)
{
	buf[0] = EMBARGO_FORMAT_VERSION;
	put_scenario(buf + 1, s);
}

size_t
embargo_state_binary_size(const EmbargoState *st)
{
	return embargo_scenario_binary_size(embargo_state_scenario(st)) + 8 * 8;
}

void
embargo_state_to_binary(const EmbargoState *st, unsigned char *buf)
{
	const double *x = &st->sums.demand;
	unsigned char *p;

	buf[0] = EMBARGO_FORMAT_VERSION;
	p = put_scenario(buf + 1, embargo_state_scenario(st));
	for (int i = 0; i < 8; i++)
		p = bin_put_f64(p, x[i]);
}

/* The version byte and a scenario */
static EmbargoScenario *
read_scenario(BinReader *r, const CoreAllocator *a, IoError *err)
{
	uint32_t	n;
	const char **codes;
	size_t	   *lens;
	EmbargoParams p;
	EmbargoScenario *s = NULL;

	err->kind = IO_OK;
	err->message[0] = '\0';
	if (r->left < 1)
	{
		io_fail(err, IO_ERR_BINARY, "insufficient data left in message");
		return NULL;
	}
	if (r->p[0] != EMBARGO_FORMAT_VERSION)
	{
		io_fail(err, IO_ERR_BINARY, "unsupported version %d", r->p[0]);
		return NULL;
	}
	r->p++;
	r->left--;
	if (!bin_u32(r, &n))
	{
		io_fail(err, IO_ERR_BINARY, "insufficient data left in message");
		return NULL;
	}
	if (n > r->left / 4)
	{
		io_fail(err, IO_ERR_BINARY, "%u codes do not fit in the message", n);
		return NULL;
	}
	codes = a->alloc(a->arg, ((size_t) n + 1) * sizeof(char *));
	lens = codes ? a->alloc(a->arg, ((size_t) n + 1) * sizeof(size_t)) : NULL;
	if (lens == NULL)
		io_fail(err, IO_ERR_NOMEM, "out of memory");
	for (uint32_t i = 0; i < n && err->kind == IO_OK; i++)
	{
		uint32_t	len = 0;

		rr_check_interrupts_every(i);
		if (!bin_u32(r, &len))
			io_fail(err, IO_ERR_BINARY, "insufficient data left in message");
		else if (len > MIX_MAX_KEY_LEN)
			io_fail(err, IO_ERR_BINARY, "supplier code of %u bytes", len);
		else if (!bin_bytes(r, len, &codes[i]))
			io_fail(err, IO_ERR_BINARY, "insufficient data left in message");
		else if (memchr(codes[i], '\0', len) != NULL)
			io_fail(err, IO_ERR_BINARY, "supplier code contains a zero byte");
		lens[i] = len;
	}
	if (err->kind == IO_OK &&
		(!bin_f64(r, &p.intensity) || !bin_f64(r, &p.stock_days) ||
		 !bin_f64(r, &p.horizon_days) || !bin_f64(r, &p.period_days)))
		io_fail(err, IO_ERR_BINARY, "insufficient data left in message");
	if (err->kind == IO_OK)
		s = build(codes, lens, n, &p, a, err, IO_ERR_BINARY);
	release(a, codes);
	release(a, lens);
	return s;
}

/* Read the binary form of a scenario; NULL with *err set on any error */
EmbargoScenario *
embargo_scenario_from_binary(const unsigned char *buf, size_t len,
							 const CoreAllocator *a, IoError *err)
{
	BinReader	r = {buf, len};
	EmbargoScenario *s = read_scenario(&r, a, err);

	if (s != NULL && r.left != 0)
	{
		release(a, s);
		io_fail(err, IO_ERR_BINARY, "trailing bytes");
		return NULL;
	}
	return s;
}

/* Read the binary form of a state; NULL with *err set on any error */
EmbargoState *
embargo_state_from_binary(const unsigned char *buf, size_t len,
						  const CoreAllocator *a, IoError *err)
{
	BinReader	r = {buf, len};
	EmbargoScenario *s = read_scenario(&r, a, err);
	EmbargoState *st = NULL;
	double		x[8];

	if (s == NULL)
		return NULL;
	for (int i = 0; i < 8; i++)
		if (!bin_f64(&r, &x[i]))
		{
			io_fail(err, IO_ERR_BINARY, "insufficient data left in message");
			break;
		}
	if (err->kind == IO_OK && r.left != 0)
		io_fail(err, IO_ERR_BINARY, "trailing bytes");
	if (err->kind == IO_OK)
		st = make_state(s, x, a, err, IO_ERR_BINARY);
	release(a, s);
	return st;
}

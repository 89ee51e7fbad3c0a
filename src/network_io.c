/*
 * network_io.c
 *		The text (JSON) and binary forms of a trade network: writers and
 *		readers.  Every reader checks each length before it reads and
 *		rejects what the writers would not produce, with a message saying
 *		what and where; what it accepts prints and reads back to the same
 *		canonical network.
 *
 * Plain C: no PostgreSQL headers.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interrupt.h"
#include "json_in.h"
#include "json_out.h"
#include "network.h"
#include "type_io.h"

/* ---------------------------------------------------------------- */
/* JSON output														*/
/* ---------------------------------------------------------------- */

/* Append "country": v for node i, after ", " unless first */
static char *
put_node_member(char *p, bool *first, const TradeNetwork *n, uint32_t i, double v)
{
	size_t		len;
	const char *key = net_node_key(n, i, &len);

	return json_put_member(p, first, key, len, v);
}

/*
 * Bytes of the JSON text of the canonical network n, with every number
 * counted as JSON_NUMBER_BOUND, or measured when exact
 */
static size_t
json_size(const TradeNetwork *n, bool exact)
{
	size_t		total = 128;

	for (uint32_t i = 0; i < n->node_count; i++)
	{
		size_t		len;
		const char *key = net_node_key(n, i, &len);

		rr_check_interrupts_every(i);
		total += json_string_len(key, len) + 8;
	}
	for (uint32_t i = 0; i < n->edge_count; i++)
	{
		const NetEdge *e = &net_edges(n)[i];
		size_t		len;
		const char *key = net_node_key(n, e->to, &len);
		char		nb[JSON_NUMBER_BOUND];

		rr_check_interrupts_every(i);
		total += json_string_len(key, len) + 4 +
			(exact ? (size_t) format_double(net_edge_volume(e), nb) : JSON_NUMBER_BOUND);
	}
	return total;
}

/*
 * The JSON text of a network:
 *
 *	{"production": {"IDN": 2204822, ...},
 *	 "flows": {"PHL": {"CHN": 29000, "JPN": 3400}, ...},
 *	 "unknown_origin": {"CHN": 120}}
 *
 * production: own production (exporter = importer); flows: exporter ->
 * importer -> volume; unknown_origin: importer -> volume of unknown
 * origin.  A country that takes part in no flow at all is written as an
 * exporter without flows ("flows": {"XYZ": {}}) so that it reads back.
 * Countries in byte order, all three keys always present.  NULL when
 * memory runs out, or with *len = SIZE_MAX when the text would exceed
 * NET_MAX_SIZE.
 */
char *
net_to_json(const TradeNetwork *src, const CoreAllocator *a, size_t *len)
{
	NetStatus	st;
	const TradeNetwork *n = src;
	size_t		bound;
	char	   *buf = NULL,
			   *p;
	bool		first;
	bool	   *linked = NULL;
	uint32_t	e;

	*len = 0;
	if (!(src->flags & NET_F_SORTED))
	{
		n = net_canonical(src, a, &st);
		if (n == NULL)
			return NULL;
	}
	bound = json_size(n, false);
	if (bound > NET_MAX_SIZE)
		bound = json_size(n, true);
	if (bound > NET_MAX_SIZE)
	{
		*len = SIZE_MAX;
		goto done;
	}
	buf = a->alloc(a->arg, bound);
	linked = buf ? a->alloc(a->arg, (size_t) n->node_count + 1) : NULL;
	if (linked == NULL)
	{
		buf = NULL;
		goto done;
	}
	for (uint32_t i = 0; i < n->edge_count; i++)
	{
		linked[net_edges(n)[i].to] = true;
		if (net_edges(n)[i].from != NET_UNKNOWN)
			linked[net_edges(n)[i].from] = true;
	}
	p = json_put_raw(buf, "{\"production\": {");
	first = true;
	for (uint32_t i = 0; i < n->edge_count; i++)
	{
		const NetEdge *f = &net_edges(n)[i];

		rr_check_interrupts_every(i);
		if (f->from == f->to)
			p = put_node_member(p, &first, n, f->to, net_edge_volume(f));
	}
	p = json_put_raw(p, "}, \"flows\": {");
	first = true;
	e = 0;
	/* exporters in node (byte) order; their flows are a run of the edges */
	for (uint32_t i = 0; i < n->node_count; i++)
	{
		bool		inner = true;
		bool		exports = false;
		size_t		klen;
		const char *key;

		rr_check_interrupts_every(i);
		while (e < n->edge_count && net_edges(n)[e].from == i &&
			   net_edges(n)[e].to == i)
			e++;
		for (uint32_t j = e; j < n->edge_count && net_edges(n)[j].from == i; j++)
			if (net_edges(n)[j].to != i)
				exports = true;
		if (!exports && linked[i])
		{
			while (e < n->edge_count && net_edges(n)[e].from == i)
				e++;
			continue;
		}
		if (!first)
			p = json_put_raw(p, ", ");
		first = false;
		key = net_node_key(n, i, &klen);
		p = json_put_string(p, key, klen);
		p = json_put_raw(p, ": {");
		for (; e < n->edge_count && net_edges(n)[e].from == i; e++)
		{
			const NetEdge *f = &net_edges(n)[e];

			if (f->from != f->to)
				p = put_node_member(p, &inner, n, f->to, net_edge_volume(f));
		}
		p = json_put_raw(p, "}");
	}
	p = json_put_raw(p, "}, \"unknown_origin\": {");
	first = true;
	for (uint32_t i = 0; i < n->edge_count; i++)
	{
		const NetEdge *f = &net_edges(n)[i];

		if (f->from == NET_UNKNOWN)
			p = put_node_member(p, &first, n, f->to, net_edge_volume(f));
	}
	p = json_put_raw(p, "}}");
	*p = '\0';
	*len = (size_t) (p - buf);
done:
	if (a->release)
	{
		if (linked)
			a->release(a->arg, linked);
		if (n != src)
			a->release(a->arg, (void *) n);
	}
	return buf;
}

/* ---------------------------------------------------------------- */
/* JSON input														*/
/* ---------------------------------------------------------------- */

enum
{
	SEC_PRODUCTION,
	SEC_FLOWS,
	SEC_UNKNOWN,
	NSECTIONS
};

static const char *const sections[NSECTIONS] = {"production", "flows", "unknown_origin"};

typedef struct NetReader
{
	JsonForm	f;
	const CoreAllocator *a;
	TradeNetwork *net;
	bool	   *exp_seen;		/* per node: has an object under "flows" */
	uint32_t	exp_cap;
} NetReader;

/* The node of the current member's name */
static bool
read_country(NetReader *r, uint32_t *idx)
{
	NetStatus	st = net_check_key(r->f.field_len);

	if (st == NET_ERR_KEY_EMPTY)
		return io_fail(r->f.err, IO_ERR_SYNTAX, "empty country code");
	if (st == NET_ERR_KEY_TOO_LONG)
		return io_fail(r->f.err, IO_ERR_SYNTAX, "country code \"%.*s...\" is longer than %d bytes",
					   io_shown(r->f.field, r->f.field_len), r->f.field, NET_MAX_KEY_LEN);
	st = net_intern(&r->net, r->a, r->f.field, r->f.field_len, idx, NULL);
	if (st != NET_OK)
		return io_fail(r->f.err, st == NET_ERR_TOO_BIG ? IO_ERR_TOO_BIG : IO_ERR_NOMEM,
					   "%s", net_status_message(st));
	return true;
}

/* The scalar value of the current member: a flow from "from" (or its own
 * production, or NET_UNKNOWN) into the country it names */
static bool
read_volume(NetReader *r, int section, uint32_t exporter)
{
	double		v;
	bool		underflow,
				existed;
	uint32_t	from,
				to;
	NetStatus	st;

	if (r->f.kind == JSON_IN_STRING)
		return io_fail(r->f.err, IO_ERR_SYNTAX, "volume of \"%s\" must be a number, not the string \"%s\"",
					   r->f.field, r->f.j.str);
	if (r->f.kind != JSON_IN_NUMBER)
		return io_fail(r->f.err, IO_ERR_SYNTAX, "volume of \"%s\" must be a number, not %s",
					   r->f.field, r->f.kind == JSON_IN_TRUE ? "true" : "false");
	json_in_double(r->f.tok, r->f.toklen, &v, &underflow);
	if (isinf(v))
		return io_fail(r->f.err, IO_ERR_RANGE, "volume \"%.*s\" of \"%s\" is out of range for type double precision",
					   (int) r->f.toklen, r->f.tok, r->f.field);
	if (v < 0)
		return io_fail(r->f.err, IO_ERR_SYNTAX, "negative volume %.*s of \"%s\"",
					   (int) r->f.toklen, r->f.tok, r->f.field);
	v += 0.0;					/* -0 becomes 0 */
	if (!read_country(r, &to))
		return false;
	if (section == SEC_FLOWS)
	{
		from = exporter;
		if (from == to)
			return io_fail(r->f.err, IO_ERR_SYNTAX,
						   "flow from \"%s\" to itself (own production goes under \"production\")",
						   r->f.field);
	}
	else
		from = section == SEC_PRODUCTION ? to : NET_UNKNOWN;
	st = net_add_edge(&r->net, r->a, from, to, v, 0, &existed);
	if (st != NET_OK)
		return io_fail(r->f.err, st == NET_ERR_TOO_BIG ? IO_ERR_TOO_BIG : IO_ERR_NOMEM,
					   "%s", net_status_message(st));
	if (existed)
		return io_fail(r->f.err, IO_ERR_SYNTAX, "duplicate key \"%s\"", r->f.field);
	return true;
}

/* Mark exporter as having its object under "flows"; false if it had one */
static bool
first_time_exporter(NetReader *r, uint32_t exporter)
{
	if (exporter >= r->exp_cap)
	{
		uint32_t	cap = r->exp_cap * 2 > exporter + 16 ? r->exp_cap * 2 : exporter + 16;
		bool	   *grown = r->a->alloc(r->a->arg, cap);

		if (grown == NULL)
			return io_fail(r->f.err, IO_ERR_NOMEM, "out of memory");
		if (r->exp_seen)
		{
			memcpy(grown, r->exp_seen, r->exp_cap);
			if (r->a->release)
				r->a->release(r->a->arg, r->exp_seen);
		}
		r->exp_seen = grown;
		r->exp_cap = cap;
	}
	if (r->exp_seen[exporter])
		return io_fail(r->f.err, IO_ERR_SYNTAX, "duplicate exporter \"%s\" in \"flows\"", r->f.field);
	r->exp_seen[exporter] = true;
	return true;
}

/*
 * The members of one object (its "{" next): a section, country -> volume
 * or, for "flows", exporter -> object; or, when exporter is not
 * NET_UNKNOWN, the flows of that exporter, importer -> volume
 */
static bool
read_members(NetReader *r, int section, uint32_t exporter)
{
	bool		more;
	bool		nested = exporter != NET_UNKNOWN;

	json_form_open(&r->f, &more);
	while (more)
	{
		if (!json_form_member(&r->f))
			return false;
		if (r->f.kind == JSON_IN_NULL)
			return io_fail(r->f.err, IO_ERR_SYNTAX, "\"%s\" must not be null", r->f.field);
		if (r->f.kind == JSON_IN_ARRAY)
			return io_fail(r->f.err, IO_ERR_SYNTAX, "unexpected array");
		if (r->f.kind == JSON_IN_OBJECT)
		{
			uint32_t	from;

			if (nested)
				return io_fail(r->f.err, IO_ERR_SYNTAX, "unexpected nested object under \"%s\"",
							   r->f.field);
			if (section != SEC_FLOWS)
				return io_fail(r->f.err, IO_ERR_SYNTAX, "\"%s\" of \"%s\" must be a number, not an object",
							   r->f.field, sections[section]);
			if (!read_country(r, &from) || !first_time_exporter(r, from) ||
				!read_members(r, SEC_FLOWS, from))
				return false;
		}
		else if (section == SEC_FLOWS && !nested)
			return io_fail(r->f.err, IO_ERR_SYNTAX, "the flows of exporter \"%s\" must be an object",
						   r->f.field);
		else if (!read_volume(r, section, exporter))
			return false;
		if (!json_form_next(&r->f, &more))
			return false;
	}
	return true;
}

/* The whole text: an object of the three sections */
static bool
read_network(NetReader *r)
{
	bool		seen[NSECTIONS] = {false};
	bool		more;

	if (!json_form_object(&r->f, &more))
		return false;
	while (more)
	{
		int			section = json_form_key(&r->f, sections, NSECTIONS, seen);

		if (section < 0)
			return false;
		if (r->f.kind == JSON_IN_ARRAY)
			return io_fail(r->f.err, IO_ERR_SYNTAX, "unexpected array");
		if (r->f.kind != JSON_IN_OBJECT)
			return io_fail(r->f.err, IO_ERR_SYNTAX, "\"%s\" must be an object", r->f.field);
		if (!read_members(r, section, NET_UNKNOWN) || !json_form_next(&r->f, &more))
			return false;
	}
	return json_form_end(&r->f);
}

/*
 * Read the JSON text form (see net_to_json) into a canonical network.
 * utf8: whether \u escapes above 007F may be decoded.  NULL with *err set
 * on any error.
 */
TradeNetwork *
net_from_json(const char *s, size_t len, bool utf8, const CoreAllocator *a,
			  IoError *err)
{
	NetReader	r;
	NetStatus	st;
	TradeNetwork *c = NULL;

	memset(&r, 0, sizeof(r));
	json_form_init(&r.f, s, len, utf8, err);
	r.a = a;
	r.net = net_create(a, &st);
	if (r.net == NULL)
		io_fail(err, IO_ERR_NOMEM, "%s", net_status_message(st));
	else if (read_network(&r))
	{
		c = net_canonical(r.net, a, &st);
		if (c == NULL)
			io_fail(err, st == NET_ERR_TOO_BIG ? IO_ERR_TOO_BIG : IO_ERR_NOMEM,
					"%s", net_status_message(st));
	}
	if (a->release)
	{
		if (r.exp_seen)
			a->release(a->arg, r.exp_seen);
		if (r.net)
			a->release(a->arg, r.net);
	}
	return c;
}

/* ---------------------------------------------------------------- */
/* Binary form														*/
/* ---------------------------------------------------------------- */

/*
 * Layout, integers big-endian, doubles as IEEE 754 bit patterns:
 *	uint8 version, uint32 countries, countries x {uint32 len, len bytes},
 *	uint32 flows, flows x {uint32 from (or 0xFFFFFFFF for unknown origin),
 *	uint32 to, float8 volume, float8 volume_c}
 * written from the canonical network (countries in byte order).
 */
size_t
net_binary_size(const TradeNetwork *n)
{
	size_t		size = 1 + 4 + 4 + (size_t) n->edge_count * 24;

	for (uint32_t i = 0; i < n->node_count; i++)
		size += 4 + net_nodes(n)[i].keylen;
	return size;
}

/*
 * Write the binary form of the canonical network n into buf.  fold: each
 * flow's compensated sum as one double (volume_c 0), the form in which
 * networks that print the same text have the same bytes (for comparisons).
 */
void
net_to_binary(const TradeNetwork *n, unsigned char *buf, bool fold)
{
	unsigned char *p = buf;

	*p++ = NET_FORMAT_VERSION;
	p = bin_put_u32(p, n->node_count);
	for (uint32_t i = 0; i < n->node_count; i++)
	{
		size_t		len;
		const char *key = net_node_key(n, i, &len);

		rr_check_interrupts_every(i);
		p = bin_put_bytes(p, key, len);
	}
	p = bin_put_u32(p, n->edge_count);
	for (uint32_t i = 0; i < n->edge_count; i++)
	{
		const NetEdge *e = &net_edges(n)[i];

		rr_check_interrupts_every(i);
		p = bin_put_u32(p, e->from);
		p = bin_put_u32(p, e->to);
		p = bin_put_f64(p, fold ? net_edge_volume(e) + 0.0 : e->volume);
		p = bin_put_f64(p, fold ? 0.0 : e->volume_c);
	}
}

static bool
binary_status(IoError *err, NetStatus st)
{
	return io_fail(err, st == NET_ERR_TOO_BIG ? IO_ERR_TOO_BIG :
				   st == NET_ERR_NOMEM ? IO_ERR_NOMEM : IO_ERR_BINARY,
				   "%s", net_status_message(st));
}

/* Countries and flows of the binary form into *np */
static bool
read_binary(BinReader *r, TradeNetwork **np, const CoreAllocator *a, IoError *err)
{
	uint32_t	nn,
				ne;
	NetStatus	st;

	if (!bin_u32(r, &nn))
		return io_fail(err, IO_ERR_BINARY, "insufficient data left in message");
	if (nn > r->left / 4)
		return io_fail(err, IO_ERR_BINARY, "%u countries do not fit in the message", nn);
	for (uint32_t i = 0; i < nn; i++)
	{
		uint32_t	len,
					idx;
		const char *key;
		bool		existed;

		rr_check_interrupts_every(i);
		if (!bin_u32(r, &len))
			return io_fail(err, IO_ERR_BINARY, "insufficient data left in message");
		if (len == 0 || len > NET_MAX_KEY_LEN)
			return io_fail(err, IO_ERR_BINARY, "country code of %u bytes", len);
		if (!bin_bytes(r, len, &key))
			return io_fail(err, IO_ERR_BINARY, "insufficient data left in message");
		if (memchr(key, '\0', len) != NULL)
			return io_fail(err, IO_ERR_BINARY, "country code contains a zero byte");
		if ((st = net_intern(np, a, key, len, &idx, &existed)) != NET_OK)
			return binary_status(err, st);
		if (existed)
			return io_fail(err, IO_ERR_BINARY, "duplicate country \"%.*s\"",
						   io_shown(key, len), key);
	}
	if (!bin_u32(r, &ne))
		return io_fail(err, IO_ERR_BINARY, "insufficient data left in message");
	if (ne > r->left / 24)
		return io_fail(err, IO_ERR_BINARY, "%u flows do not fit in the message", ne);
	for (uint32_t i = 0; i < ne; i++)
	{
		uint32_t	from = 0,
					to = 0;
		double		v = 0,
					vc = 0;
		bool		existed;

		rr_check_interrupts_every(i);
		bin_u32(r, &from);
		bin_u32(r, &to);
		bin_f64(r, &v);
		bin_f64(r, &vc);
		if (to >= nn || (from != NET_UNKNOWN && from >= nn))
			return io_fail(err, IO_ERR_BINARY, "flow %u refers to a country that does not exist", i + 1);
		if (!isfinite(v) || !isfinite(vc) || !(v + vc >= 0) || !isfinite(v + vc))
			return io_fail(err, IO_ERR_BINARY, "flow %u has an invalid volume", i + 1);
		if ((st = net_add_edge(np, a, from, to, v, vc, &existed)) != NET_OK)
			return binary_status(err, st);
		if (existed)
			return io_fail(err, IO_ERR_BINARY, "duplicate flow %u", i + 1);
	}
	if (r->left != 0)
		return io_fail(err, IO_ERR_BINARY, "trailing bytes");
	return true;
}

/*
 * Read the binary form into a canonical network: every length, index and
 * volume checked (each flow finite, so that what is accepted prints and
 * reads back).  NULL with *err set on any error.
 */
TradeNetwork *
net_from_binary(const unsigned char *buf, size_t len, const CoreAllocator *a,
				IoError *err)
{
	BinReader	r = {buf, len};
	NetStatus	st;
	TradeNetwork *n,
			   *c = NULL;

	err->kind = IO_OK;
	err->message[0] = '\0';
	if (len < 1)
	{
		io_fail(err, IO_ERR_BINARY, "insufficient data left in message");
		return NULL;
	}
	if (buf[0] != NET_FORMAT_VERSION)
	{
		io_fail(err, IO_ERR_BINARY, "unsupported version %d", buf[0]);
		return NULL;
	}
	r.p++;
	r.left--;
	n = net_create(a, &st);
	if (n == NULL)
		binary_status(err, st);
	else if (read_binary(&r, &n, a, err))
	{
		c = net_canonical(n, a, &st);
		if (c == NULL)
			binary_status(err, st);
	}
	if (n && a->release)
		a->release(a->arg, n);
	return c;
}

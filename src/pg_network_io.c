/*
 * pg_network_io.c
 *		Text and binary I/O of the type trade_network.
 */
#include "postgres.h"

#include <math.h>

#include "common/jsonapi.h"
#include "fmgr.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/jsonfuncs.h"

#include "pg_network.h"

PG_FUNCTION_INFO_V1(trade_network_in);
PG_FUNCTION_INFO_V1(trade_network_out);
PG_FUNCTION_INFO_V1(trade_network_recv);
PG_FUNCTION_INFO_V1(trade_network_send);

/* ---------------------------------------------------------------- */
/* Text I/O															*/
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
	TradeNetwork *net;
	int			depth;			/* 1 inside the top object */
	int			section;		/* at depth >= 2 */
	bool		seen[NSECTIONS];
	char	   *field;			/* name of the current field */
	uint32		exporter;		/* at depth 3 */
	bool	   *exp_seen;		/* per node: has an object under "flows" */
	uint32		exp_cap;
} NetReader;

static void nr_fail(const char *fmt,...) pg_attribute_printf(1, 2);

static void
nr_fail(const char *fmt,...)
{
	char		buf[1200];
	va_list		ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type trade_network: %s", buf)));
}

/* The node of a country code read from JSON */
static uint32
nr_country(NetReader *r, const char *key)
{
	uint32		idx;
	size_t		len = strlen(key);
	NetStatus	st = net_check_key(len);

	if (st == NET_ERR_KEY_EMPTY)
		nr_fail("empty country code");
	if (st == NET_ERR_KEY_TOO_LONG)
		nr_fail("country code \"%.64s...\" is longer than %d bytes", key, NET_MAX_KEY_LEN);
	st = net_intern(&r->net, &rr_net_alloc, key, len, &idx, NULL);
	rr_net_error(st, NULL, NULL, 0);
	return idx;
}

static void
nr_object_start(void *state)
{
	NetReader  *r = state;

	switch (r->depth)
	{
		case 0:
			break;
		case 1:
			break;				/* a section; its name was checked */
		case 2:
			if (r->section != SEC_FLOWS)
				nr_fail("\"%s\" of \"%s\" must be a number, not an object",
						r->field, sections[r->section]);
			r->exporter = nr_country(r, r->field);
			if (r->exporter >= r->exp_cap)
			{
				uint32		cap = Max(r->exp_cap * 2, r->exporter + 16);

				bool	   *grown = palloc0(cap);

				if (r->exp_seen)
					memcpy(grown, r->exp_seen, r->exp_cap);
				r->exp_seen = grown;
				r->exp_cap = cap;
			}
			if (r->exp_seen[r->exporter])
				nr_fail("duplicate exporter \"%s\" in \"flows\"", r->field);
			r->exp_seen[r->exporter] = true;
			break;
		default:
			nr_fail("unexpected nested object under \"%s\"", r->field);
	}
	r->depth++;
}

static void
nr_object_end(void *state)
{
	((NetReader *) state)->depth--;
}

static void
nr_array_start(void *state)
{
	nr_fail("unexpected array");
}

static void
nr_field_start(void *state, char *fname, bool isnull)
{
	NetReader  *r = state;

	if (r->depth == 1)
	{
		r->section = -1;
		for (int i = 0; i < NSECTIONS; i++)
			if (strcmp(fname, sections[i]) == 0)
				r->section = i;
		if (r->section < 0)
			nr_fail("unknown key \"%s\"", fname);
		if (r->seen[r->section])
			nr_fail("duplicate key \"%s\"", fname);
		r->seen[r->section] = true;
	}
	if (isnull)
		nr_fail("\"%s\" must not be null", fname);
	r->field = fname;
}

static void
nr_scalar(void *state, char *token, JsonTokenType type)
{
	NetReader  *r = state;
	double		v;
	uint32		from,
				to;
	bool		existed;
	NetStatus	st;

	if (r->depth == 0)
		nr_fail("expected a JSON object");
	if (r->depth == 1)
		nr_fail("\"%s\" must be an object", r->field);
	if (r->depth == 2 && r->section == SEC_FLOWS)
		nr_fail("the flows of exporter \"%s\" must be an object", r->field);
	if (type == JSON_TOKEN_STRING)
		nr_fail("volume of \"%s\" must be a number, not the string \"%s\"", r->field, token);
	if (type != JSON_TOKEN_NUMBER)
		nr_fail("volume of \"%s\" must be a number, not %s", r->field, token);
	v = strtod(token, NULL);
	if (isinf(v))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("volume \"%s\" of \"%s\" is out of range for type double precision",
						token, r->field)));
	if (v < 0)
		nr_fail("negative volume %s of \"%s\"", token, r->field);
	if (v == 0)
		v = 0;
	to = nr_country(r, r->field);
	if (r->depth == 3)
	{
		from = r->exporter;
		if (from == to)
			nr_fail("flow from \"%s\" to itself (own production goes under \"production\")",
					r->field);
	}
	else
		from = r->section == SEC_PRODUCTION ? to : NET_UNKNOWN;
	st = net_add_edge(&r->net, &rr_net_alloc, from, to, v, 0, &existed);
	rr_net_error(st, NULL, NULL, v);
	if (existed)
		nr_fail("duplicate key \"%s\"", r->field);
}

/* Text input: the JSON form written by trade_network_out */
Datum
trade_network_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	JsonSemAction sem = {0};
	NetReader	r = {0};
	NetStatus	st;
	TradeNetwork *c;

	r.net = net_create(&rr_net_alloc, &st);
	rr_net_error(st, NULL, NULL, 0);
	sem.semstate = &r;
	sem.object_start = nr_object_start;
	sem.object_end = nr_object_end;
	sem.array_start = nr_array_start;
	sem.object_field_start = nr_field_start;
	sem.scalar = nr_scalar;
	pg_parse_json_or_ereport(makeJsonLexContextCstringLen(str, strlen(str),
														  GetDatabaseEncoding(),
														  true),
							 &sem);
	c = net_canonical(r.net, &rr_net_alloc, &st);
	rr_net_error(st, NULL, NULL, 0);
	PG_RETURN_DATUM(rr_net_datum(c));
}

/* Text output: JSON, countries in byte order */
Datum
trade_network_out(PG_FUNCTION_ARGS)
{
	TradeNetwork *n = RR_GETARG_NET(0);
	size_t		len;
	char	   *s = net_to_json(n, &rr_net_alloc, &len);

	if (s == NULL)
		elog(ERROR, "trade_network output failed");
	PG_RETURN_CSTRING(s);
}

/* ---------------------------------------------------------------- */
/* Binary I/O: version, countries, flows (network byte order)		*/
/* ---------------------------------------------------------------- */

static void
binary_fail(const char *fmt,...) pg_attribute_printf(1, 2);

static void
binary_fail(const char *fmt,...)
{
	char		buf[256];
	va_list		ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid binary trade_network: %s", buf)));
}

Datum
trade_network_send(PG_FUNCTION_ARGS)
{
	TradeNetwork *n = RR_GETARG_NET(0);
	StringInfoData buf;
	NetStatus	st;

	if (!(n->flags & NET_F_SORTED))
	{
		n = net_canonical(n, &rr_net_alloc, &st);
		rr_net_error(st, NULL, NULL, 0);
	}
	pq_begintypsend(&buf);
	pq_sendbyte(&buf, NET_FORMAT_VERSION);
	pq_sendint32(&buf, n->node_count);
	for (uint32 i = 0; i < n->node_count; i++)
	{
		size_t		len;
		const char *key = net_node_key(n, i, &len);

		pq_sendint32(&buf, (uint32) len);
		pq_sendbytes(&buf, key, (int) len);
	}
	pq_sendint32(&buf, n->edge_count);
	for (uint32 i = 0; i < n->edge_count; i++)
	{
		const NetEdge *e = &net_edges(n)[i];

		pq_sendint32(&buf, e->from);
		pq_sendint32(&buf, e->to);
		pq_sendfloat8(&buf, e->volume);
		pq_sendfloat8(&buf, e->volume_c);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* Binary input: every code, index and volume checked */
Datum
trade_network_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			version = pq_getmsgbyte(buf);
	uint32		nn,
				ne;
	NetStatus	st;
	TradeNetwork *n,
			   *c;

	if (version != NET_FORMAT_VERSION)
		binary_fail("unsupported version %d", version);
	n = net_create(&rr_net_alloc, &st);
	rr_net_error(st, NULL, NULL, 0);
	nn = pq_getmsgint(buf, 4);
	if (nn > (uint32) (buf->len - buf->cursor) / 4)
		binary_fail("%u countries do not fit in the message", nn);
	for (uint32 i = 0; i < nn; i++)
	{
		uint32		len = pq_getmsgint(buf, 4),
					idx;
		const char *key;
		bool		existed;

		if (len == 0 || len > NET_MAX_KEY_LEN)
			binary_fail("country code of %u bytes", len);
		key = pq_getmsgbytes(buf, (int) len);
		pg_verifymbstr(key, (int) len, false);
		st = net_intern(&n, &rr_net_alloc, key, len, &idx, &existed);
		rr_net_error(st, NULL, NULL, 0);
		if (existed)
			binary_fail("duplicate country \"%.64s\"", pnstrdup(key, len));
	}
	ne = pq_getmsgint(buf, 4);
	if (ne > (uint32) (buf->len - buf->cursor) / 24)
		binary_fail("%u flows do not fit in the message", ne);
	for (uint32 i = 0; i < ne; i++)
	{
		uint32		from = pq_getmsgint(buf, 4),
					to = pq_getmsgint(buf, 4);
		double		v = pq_getmsgfloat8(buf),
					vc = pq_getmsgfloat8(buf);
		bool		existed;

		if (to >= nn || (from != NET_UNKNOWN && from >= nn))
			binary_fail("flow %u refers to a country that does not exist", i + 1);
		if (!isfinite(v) || !isfinite(vc) || !(v + vc >= 0))
			binary_fail("flow %u has an invalid volume", i + 1);
		st = net_add_edge(&n, &rr_net_alloc, from, to, v, vc, &existed);
		rr_net_error(st, NULL, NULL, v);
		if (existed)
			binary_fail("duplicate flow %u", i + 1);
	}
	if (buf->cursor != buf->len)
		binary_fail("trailing bytes");
	c = net_canonical(n, &rr_net_alloc, &st);
	rr_net_error(st, NULL, NULL, 0);
	PG_RETURN_DATUM(rr_net_datum(c));
}

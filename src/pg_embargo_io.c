/*
 * pg_embargo_io.c
 *		Text and binary I/O of the types embargo_scenario and embargo_state.
 */
#include "postgres.h"

#include <math.h>

#include "common/jsonapi.h"
#include "fmgr.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/json.h"
#include "utils/jsonfuncs.h"

#include "json_out.h"
#include "pg_embargo.h"
#include "pg_glue.h"

PG_FUNCTION_INFO_V1(embargo_scenario_in);
PG_FUNCTION_INFO_V1(embargo_scenario_out);
PG_FUNCTION_INFO_V1(embargo_scenario_recv);
PG_FUNCTION_INFO_V1(embargo_scenario_send);
PG_FUNCTION_INFO_V1(embargo_state_in);
PG_FUNCTION_INFO_V1(embargo_state_out);
PG_FUNCTION_INFO_V1(embargo_state_recv);
PG_FUNCTION_INFO_V1(embargo_state_send);

/* ---------------------------------------------------------------- */
/* Text I/O: a flat JSON object										*/
/* ---------------------------------------------------------------- */

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

static const char *const key_names[NKEYS] = {
	"embargoed", "intensity", "stock_days", "horizon_days", "period_days",
	"demand", "embargoed_volume", "embargoed_content", "spare"
};

typedef struct JsonReader
{
	const char *type;			/* for messages */
	int			nkeys;			/* keys allowed: scenario or state */
	int			depth;			/* 1 inside the top object */
	bool		in_array;
	int			key;			/* key of the current field, or -1 */
	bool		seen[NKEYS];
	double		values[NKEYS];
	const char **codes;
	size_t	   *lens;
	int			ncodes;
	int			maxcodes;
} JsonReader;

static void json_fail(JsonReader *r, const char *msg,...) pg_attribute_printf(2, 3);

/* An input syntax error naming the type */
static void
json_fail(JsonReader *r, const char *fmt,...)
{
	char		buf[256];
	va_list		ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type %s: %s", r->type, buf)));
}

static void
jr_object_start(void *state)
{
	JsonReader *r = state;

	if (r->depth > 0)
		json_fail(r, "unexpected nested object");
	r->depth++;
}

static void
jr_object_end(void *state)
{
	((JsonReader *) state)->depth--;
}

static void
jr_array_start(void *state)
{
	JsonReader *r = state;

	if (r->depth != 1 || r->key != KEY_EMBARGOED || r->in_array)
		json_fail(r, "unexpected array");
	r->in_array = true;
}

static void
jr_array_end(void *state)
{
	((JsonReader *) state)->in_array = false;
}

static void
jr_field_start(void *state, char *fname, bool isnull)
{
	JsonReader *r = state;

	r->key = -1;
	for (int i = 0; i < r->nkeys; i++)
		if (strcmp(fname, key_names[i]) == 0)
			r->key = i;
	if (r->key < 0)
		json_fail(r, "unknown key \"%s\"", fname);
	if (r->seen[r->key])
		json_fail(r, "duplicate key \"%s\"", fname);
	if (isnull)
		json_fail(r, "\"%s\" must not be null", fname);
	r->seen[r->key] = true;
}

static void
jr_scalar(void *state, char *token, JsonTokenType type)
{
	JsonReader *r = state;

	if (r->depth == 0)
		json_fail(r, "expected a JSON object");
	if (r->in_array)
	{
		if (type != JSON_TOKEN_STRING)
			json_fail(r, "embargoed suppliers must be strings, not %s", token);
		if (r->ncodes == r->maxcodes)
		{
			r->maxcodes *= 2;
			r->codes = repalloc(r->codes, r->maxcodes * sizeof(char *));
			r->lens = repalloc(r->lens, r->maxcodes * sizeof(size_t));
		}
		r->codes[r->ncodes] = token;
		r->lens[r->ncodes++] = strlen(token);
		return;
	}
	if (r->key == KEY_EMBARGOED)
		json_fail(r, "\"embargoed\" must be an array of supplier codes");
	if (type != JSON_TOKEN_NUMBER)
		json_fail(r, "\"%s\" must be a number, not %s", key_names[r->key], token);
	r->values[r->key] = strtod(token, NULL);
	if (!isfinite(r->values[r->key]))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("\"%s\" is out of range for type double precision in %s: %s",
						key_names[r->key], r->type, token)));
}

/* Parse str as the JSON form of a scenario (nkeys = 5) or state (NKEYS) */
static EmbargoScenario *
read_json(char *str, const char *type, int nkeys, JsonReader *r)
{
	JsonSemAction sem = {0};
	EmbargoParams p;
	EmbargoStatus st;
	EmbargoScenario *s;

	memset(r, 0, sizeof(*r));
	r->type = type;
	r->nkeys = nkeys;
	r->key = -1;
	r->maxcodes = 8;
	r->codes = palloc(r->maxcodes * sizeof(char *));
	r->lens = palloc(r->maxcodes * sizeof(size_t));
	r->values[KEY_INTENSITY] = 1;
	r->values[KEY_HORIZON_DAYS] = 365;
	r->values[KEY_PERIOD_DAYS] = 365;

	sem.semstate = r;
	sem.object_start = jr_object_start;
	sem.object_end = jr_object_end;
	sem.array_start = jr_array_start;
	sem.array_end = jr_array_end;
	sem.object_field_start = jr_field_start;
	sem.scalar = jr_scalar;
	pg_parse_json_or_ereport(makeJsonLexContextCstringLen(str, strlen(str),
														  GetDatabaseEncoding(),
														  true),
							 &sem);
	if (!r->seen[KEY_EMBARGOED])
		json_fail(r, "missing key \"embargoed\"");
	for (int i = KEY_DEMAND; i < nkeys; i++)
		if (!r->seen[i])
			json_fail(r, "missing key \"%s\"", key_names[i]);

	p.intensity = r->values[KEY_INTENSITY];
	p.stock_days = r->values[KEY_STOCK_DAYS];
	p.horizon_days = r->values[KEY_HORIZON_DAYS];
	p.period_days = r->values[KEY_PERIOD_DAYS];
	s = embargo_scenario_build(r->codes, r->lens, r->ncodes, &p,
							   &rr_palloc_allocator, &st);
	if (s == NULL)
		json_fail(r, "%s", embargo_status_message(st));
	return s;
}

/* Append , "key": v (the shortest exact number) to a JSON object */
static void
append_number_member(StringInfo buf, const char *key, double v)
{
	char		nb[JSON_NUMBER_BOUND];

	format_double(v, nb);
	appendStringInfo(buf, ", \"%s\": %s", key, nb);
}

/* Append the scenario's keys to a JSON object under construction */
static void
write_scenario_json(StringInfo buf, const EmbargoScenario *s)
{

	appendStringInfoString(buf, "{\"embargoed\": [");
	for (uint32 i = 0; i < s->count; i++)
	{
		size_t		len;
		const char *code = embargo_scenario_code(s, i, &len);

		if (i > 0)
			appendStringInfoString(buf, ", ");
		escape_json(buf, pnstrdup(code, len));
	}
	appendStringInfoChar(buf, ']');
	append_number_member(buf, "intensity", s->params.intensity);
	append_number_member(buf, "stock_days", s->params.stock_days);
	append_number_member(buf, "horizon_days", s->params.horizon_days);
	append_number_member(buf, "period_days", s->params.period_days);
}

/* Text input of embargo_scenario */
Datum
embargo_scenario_in(PG_FUNCTION_ARGS)
{
	JsonReader	r;

	PG_RETURN_DATUM(scenario_datum(read_json(PG_GETARG_CSTRING(0),
											 "embargo_scenario",
											 KEY_PERIOD_DAYS + 1, &r)));
}

/* Text output of embargo_scenario: codes in byte order */
Datum
embargo_scenario_out(PG_FUNCTION_ARGS)
{
	EmbargoScenario *s = RR_GETARG_SCENARIO(0);
	StringInfoData buf;

	initStringInfo(&buf);
	write_scenario_json(&buf, s);
	appendStringInfoChar(&buf, '}');
	PG_RETURN_CSTRING(buf.data);
}

/* Text input of embargo_state: the scenario's keys and the four sums */
Datum
embargo_state_in(PG_FUNCTION_ARGS)
{
	JsonReader	r;
	EmbargoScenario *s = read_json(PG_GETARG_CSTRING(0), "embargo_state",
								   NKEYS, &r);
	EmbargoState *st = palloc(embargo_state_size(s));

	embargo_state_init(st, s);
	st->sums.demand = r.values[KEY_DEMAND];
	st->sums.embargoed = r.values[KEY_EMBARGOED_VOLUME];
	st->sums.content = r.values[KEY_EMBARGOED_CONTENT];
	st->sums.spare = r.values[KEY_SPARE];
	if (embargo_sums_validate(&st->sums) != EMB_OK)
		json_fail(&r, "sums must be finite and not negative");
	PG_RETURN_DATUM(state_datum(st));
}

/* Text output of embargo_state */
Datum
embargo_state_out(PG_FUNCTION_ARGS)
{
	EmbargoState *st = RR_GETARG_STATE(0);
	const EmbargoSums *x = &st->sums;
	StringInfoData buf;

	initStringInfo(&buf);
	write_scenario_json(&buf, embargo_state_scenario(st));
	append_number_member(&buf, "demand", x->demand + x->demand_c);
	append_number_member(&buf, "embargoed_volume", x->embargoed + x->embargoed_c);
	append_number_member(&buf, "embargoed_content", x->content + x->content_c);
	append_number_member(&buf, "spare", x->spare + x->spare_c);
	appendStringInfoChar(&buf, '}');
	PG_RETURN_CSTRING(buf.data);
}

/* ---------------------------------------------------------------- */
/* Binary I/O: version byte, codes, parameters (network byte order)	*/
/* ---------------------------------------------------------------- */

static void
send_scenario(StringInfo buf, const EmbargoScenario *s)
{
	pq_sendint32(buf, s->count);
	for (uint32 i = 0; i < s->count; i++)
	{
		size_t		len;
		const char *code = embargo_scenario_code(s, i, &len);

		pq_sendint32(buf, (uint32) len);
		pq_sendbytes(buf, code, (int) len);
	}
	pq_sendfloat8(buf, s->params.intensity);
	pq_sendfloat8(buf, s->params.stock_days);
	pq_sendfloat8(buf, s->params.horizon_days);
	pq_sendfloat8(buf, s->params.period_days);
}

static void
binary_fail(const char *type, const char *msg)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid binary %s: %s", type, msg)));
}

/* Read and validate the version byte and a scenario */
static EmbargoScenario *
recv_scenario(StringInfo buf, const char *type)
{
	int			version = pq_getmsgbyte(buf);
	uint32		n;
	const char **codes;
	size_t	   *lens;
	EmbargoParams p;
	EmbargoStatus st;
	EmbargoScenario *s;

	if (version != EMBARGO_FORMAT_VERSION)
		binary_fail(type, psprintf("unsupported version %d", version));
	n = pq_getmsgint(buf, 4);
	if (n > (uint32) (buf->len - buf->cursor) / 4)
		binary_fail(type, psprintf("%u codes do not fit in the message", n));
	codes = palloc(Max(n, 1) * sizeof(char *));
	lens = palloc(Max(n, 1) * sizeof(size_t));
	for (uint32 i = 0; i < n; i++)
	{
		uint32		len = pq_getmsgint(buf, 4);

		if (len > MIX_MAX_KEY_LEN)
			binary_fail(type, psprintf("supplier code of %u bytes", len));
		codes[i] = pq_getmsgbytes(buf, (int) len);
		lens[i] = len;
		pg_verifymbstr(codes[i], (int) len, false);
	}
	p.intensity = pq_getmsgfloat8(buf);
	p.stock_days = pq_getmsgfloat8(buf);
	p.horizon_days = pq_getmsgfloat8(buf);
	p.period_days = pq_getmsgfloat8(buf);
	s = embargo_scenario_build(codes, lens, n, &p, &rr_palloc_allocator, &st);
	if (s == NULL)
		binary_fail(type, embargo_status_message(st));
	return s;
}

Datum
embargo_scenario_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	EmbargoScenario *s = recv_scenario(buf, "embargo_scenario");

	if (buf->cursor != buf->len)
		binary_fail("embargo_scenario", "trailing bytes");
	PG_RETURN_DATUM(scenario_datum(s));
}

Datum
embargo_scenario_send(PG_FUNCTION_ARGS)
{
	EmbargoScenario *s = RR_GETARG_SCENARIO(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, EMBARGO_FORMAT_VERSION);
	send_scenario(&buf, s);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* Binary input of a state: the scenario, then the compensated sums */
Datum
embargo_state_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	EmbargoScenario *s = recv_scenario(buf, "embargo_state");
	EmbargoState *st = palloc(embargo_state_size(s));
	double	   *x = &st->sums.demand;

	embargo_state_init(st, s);
	for (int i = 0; i < 8; i++)
		x[i] = pq_getmsgfloat8(buf);
	if (buf->cursor != buf->len)
		binary_fail("embargo_state", "trailing bytes");
	if (embargo_sums_validate(&st->sums) != EMB_OK)
		binary_fail("embargo_state", "sums must be finite and not negative");
	PG_RETURN_DATUM(state_datum(st));
}

Datum
embargo_state_send(PG_FUNCTION_ARGS)
{
	EmbargoState *st = RR_GETARG_STATE(0);
	const double *x = &st->sums.demand;
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, EMBARGO_FORMAT_VERSION);
	send_scenario(&buf, embargo_state_scenario(st));
	for (int i = 0; i < 8; i++)
		pq_sendfloat8(&buf, x[i]);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/*
 * pg_network.c
 *		SQL-callable functions of origin tracing: the transition, combine
 *		and final functions of origin_network and origin_network_merge, and
 *		origin_shares and embargoed_content over a network.  The type's I/O
 *		is in pg_network_io.c.
 *
 * The transition value of origin_network is a trade_network datum.  Called
 * as an aggregate, the transition function updates it in place (as core's
 * int8inc does) and returns the same pointer; only when the network must
 * grow is a larger copy returned (capacities double), which the executor
 * adopts in place of the old one.  So per-row work is two hash look-ups
 * and a compensated addition.
 *
 * Tracing is exact and direct (see network_trace.c); it checks for
 * interrupts as it works, so any network can be cancelled.
 * embargoed_content is usually called once per supplier row with the same
 * network: the backend keeps the last network traced and its shares and
 * reuses them when the next call's network has the same bytes.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/memutils.h"

#include "compat.h"
#include "network.h"
#include "pg_country.h"
#include "pg_glue.h"
#include "pg_network.h"

PG_FUNCTION_INFO_V1(origin_network_trans);
PG_FUNCTION_INFO_V1(origin_network_combine);
PG_FUNCTION_INFO_V1(origin_network_final);
PG_FUNCTION_INFO_V1(network_origin_shares);
PG_FUNCTION_INFO_V1(network_embargoed_content);
PG_FUNCTION_INFO_V1(network_embargoed_contents);

/* ---------------------------------------------------------------- */
/* Memory, errors													*/
/* ---------------------------------------------------------------- */

static void *
net_palloc(void *arg, size_t size)
{
	return palloc0(size);
}

static void
net_pfree(void *arg, void *p)
{
	pfree(p);
}

/*
 * For networks: a buffer a network outgrows is not released, since in an
 * aggregate the old transition value belongs to the executor, which frees
 * it.  For tracing: scratch space is freed as soon as it is done with.
 */
const CoreAllocator rr_net_alloc = {net_palloc, NULL, NULL};
static const CoreAllocator trace_alloc = {net_palloc, net_pfree, NULL};

Datum
rr_net_datum(TradeNetwork *n)
{
	SET_VARSIZE(n, net_size(n));
	return PointerGetDatum(n);
}

/* A country code for a message: at most 64 bytes, or "(unknown origin)" */
static char *
code(text *t)
{
	if (t == NULL)
		return "(unknown origin)";
	return rr_message_code(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
}

/* A core status as an error; the row's values name the culprit */
void
rr_net_error(NetStatus st, text *exporter, text *importer, double volume)
{
	switch (st)
	{
		case NET_OK:
			return;
		case NET_ERR_NEGATIVE:
		case NET_ERR_NAN:
		case NET_ERR_INFINITE:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("invalid volume %s for the flow from \"%s\" to \"%s\"",
							float8out_internal(volume), code(exporter), code(importer)),
					 errdetail("Volumes must be finite and not negative.")));
			break;
		case NET_ERR_KEY_EMPTY:
			rr_code_empty("country code",
						  "Use a NULL exporter for supply of unknown origin.");
			break;
		case NET_ERR_KEY_TOO_LONG:
			rr_code_too_long("country code");
			break;
		case NET_ERR_OVERFLOW:
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("total volume of the flow from \"%s\" to \"%s\" is out of range for type double precision",
							code(exporter), code(importer))));
			break;
		case NET_ERR_TOO_BIG:
			rr_too_big("trade network");
			break;
		default:
			elog(ERROR, "trade network: %s", net_status_message(st));
	}
}

static text *node_text(const TradeNetwork *n, uint32 i);

/* The shares of every country of n, or an error */
static void
trace(const TradeNetwork *n, const CoreAllocator *a, NetShares *out)
{
	NetStatus	st;

	if (net_validate(n, VARSIZE(n)) != NET_OK)
		elog(ERROR, "corrupt trade_network value");
	st = net_trace(n, a, out);
	switch (st)
	{
		case NET_OK:
			return;
		case NET_ERR_OVERFLOW:
			{
				/* name the first country whose supply overflows */
				double	   *sum = palloc0((n->node_count + 1) * sizeof(double));
				uint32		bad = 0;

				for (uint32 e = 0; e < n->edge_count; e++)
				{
					const NetEdge *f = &net_edges(n)[e];

					sum[f->to] += net_edge_volume(f);
					if (!isfinite(sum[f->to]))
						bad = f->to;
				}
				ereport(ERROR,
						(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
						 errmsg("supply of \"%s\" (production plus imports) is out of range for type double precision",
								text_to_cstring(node_text(n, bad)))));
			}
			break;
		case NET_ERR_TRACE_TOO_BIG:
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("trade network of %u countries is too large to trace in 1 GB of memory",
							n->node_count)));
			break;
		case NET_ERR_PRECISION:
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("flows of the trade network span too many orders of magnitude to trace in double precision"),
					 errhint("Remove flows that are negligible next to the others (below 1e-300 of a country's supply).")));
			break;
		default:
			elog(ERROR, "origin tracing: %s", net_status_message(st));
	}
}

/* ---------------------------------------------------------------- */
/* Aggregates														*/
/* ---------------------------------------------------------------- */

/*
 * origin_network(exporter, importer, volume): add one row in place.  NULL
 * volume: the row is ignored; NULL exporter: supply of unknown origin;
 * NULL importer: an error.
 */
Datum
origin_network_trans(PG_FUNCTION_ARGS)
{
	text	   *exporter = PG_ARGISNULL(1) ? NULL : PG_GETARG_TEXT_PP(1);
	text	   *importer = PG_ARGISNULL(2) ? NULL : PG_GETARG_TEXT_PP(2);
	double		volume;
	TradeNetwork *n;
	NetStatus	st;

	if (!AggCheckCallContext(fcinfo, NULL))
		elog(ERROR, "origin_network transition function called in non-aggregate context");
	if (PG_ARGISNULL(3))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	volume = PG_GETARG_FLOAT8(3);
	if (importer == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("importer must not be NULL (flow from \"%s\" of volume %s)",
						code(exporter), float8out_internal(volume)),
				 errhint("A NULL exporter is supply of unknown origin; every flow needs an importer.")));
	st = net_check_value(volume);
	if (st == NET_OK && exporter)
		st = net_check_key(VARSIZE_ANY_EXHDR(exporter));
	if (st == NET_OK)
		st = net_check_key(VARSIZE_ANY_EXHDR(importer));
	rr_net_error(st, exporter, importer, volume);

	if (PG_ARGISNULL(0))
	{
		n = net_create(&rr_net_alloc, &st);
		rr_net_error(st, exporter, importer, volume);
	}
	else
		n = RR_GETARG_NET(0);
	st = net_add(&n, &rr_net_alloc,
				 exporter ? VARDATA_ANY(exporter) : NULL,
				 exporter ? VARSIZE_ANY_EXHDR(exporter) : 0,
				 VARDATA_ANY(importer), VARSIZE_ANY_EXHDR(importer), volume);
	rr_net_error(st, exporter, importer, volume);
	PG_RETURN_DATUM(rr_net_datum(n));
}

/*
 * Union of two networks (flows summed per pair): the combine function of
 * origin_network and the transition function of origin_network_merge.
 * Strict: the executor copies the first non-NULL input in as the initial
 * state.  Outside an aggregate the first argument is copied, never changed.
 */
Datum
origin_network_combine(PG_FUNCTION_ARGS)
{
	TradeNetwork *a;
	TradeNetwork *b = RR_GETARG_NET(1);
	NetStatus	st;

	if (AggCheckCallContext(fcinfo, NULL))
		a = RR_GETARG_NET(0);
	else
		a = (TradeNetwork *) PG_DETOAST_DATUM_COPY(PG_GETARG_DATUM(0));
	st = net_merge(&a, &rr_net_alloc, b);
	if (st == NET_ERR_OVERFLOW)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("merged volume of a flow is out of range for type double precision")));
	rr_net_error(st, NULL, NULL, 0);
	PG_RETURN_DATUM(rr_net_datum(a));
}

/* Final function: the canonical form */
Datum
origin_network_final(PG_FUNCTION_ARGS)
{
	TradeNetwork *n = RR_GETARG_NET(0);
	NetStatus	st;
	TradeNetwork *c = net_canonical(n, &rr_net_alloc, &st);

	rr_net_error(st, NULL, NULL, 0);
	PG_RETURN_DATUM(rr_net_datum(c));
}

/* ---------------------------------------------------------------- */
/* Origin shares													*/
/* ---------------------------------------------------------------- */

typedef struct ShareItem
{
	double		share;
	int64		node;			/* origin node, -1 for unattributed */
} ShareItem;

/* share descending, then origin in byte order, unattributed last */
static int
share_item_cmp(const void *pa, const void *pb, void *arg)
{
	const ShareItem *a = pa,
			   *b = pb;
	const TradeNetwork *n = arg;
	size_t		al,
				bl;
	const char *ak,
			   *bk;

	if (a->share != b->share)
		return a->share > b->share ? -1 : 1;
	if (a->node < 0 || b->node < 0)
		return (a->node < 0) - (b->node < 0);
	ak = net_node_key(n, (uint32) a->node, &al);
	bk = net_node_key(n, (uint32) b->node, &bl);
	return net_key_cmp(ak, al, bk, bl);
}

static text *
node_text(const TradeNetwork *n, uint32 i)
{
	size_t		len;
	const char *key = net_node_key(n, i, &len);

	return cstring_to_text_with_len(key, (int) len);
}

/*
 * origin_shares(network): one row per country and origin with share > 0,
 * by country, share descending, origin (unattributed last); a country
 * without supply has one row with origin and share NULL.
 */
Datum
network_origin_shares(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	TradeNetwork *n = RR_GETARG_NET(0);
	NetShares	s;
	uint32	   *order;
	ShareItem  *items;

	InitMaterializedSRF(fcinfo, 0);
	trace(n, &trace_alloc, &s);
	order = palloc((n->node_count + 1) * sizeof(uint32));
	net_order_by_key(n, order);
	items = palloc(s.m * sizeof(ShareItem));
	for (uint32 r = 0; r < s.n; r++)
	{
		uint32		i = order[r];
		const double *x = net_shares_row(&s, i);
		Datum		values[3];
		bool		nulls[3] = {0};
		uint32		k = 0;

		CHECK_FOR_INTERRUPTS();
		values[0] = PointerGetDatum(node_text(n, i));
		if (s.empty[i])
		{
			nulls[1] = nulls[2] = true;
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
			continue;
		}
		for (uint32 c = 0; c < s.m; c++)
			if (x[c] > 0)
			{
				items[k].share = x[c];
				items[k++].node = c + 1 < s.m ? (int64) s.origin[c] : -1;
			}
		qsort_arg(items, k, sizeof(ShareItem), share_item_cmp, n);
		for (uint32 j = 0; j < k; j++)
		{
			nulls[1] = items[j].node < 0;
			values[1] = nulls[1] ? (Datum) 0 :
				PointerGetDatum(node_text(n, (uint32) items[j].node));
			values[2] = Float8GetDatum(items[j].share);
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		}
	}
	return (Datum) 0;
}

/* ---------------------------------------------------------------- */
/* Embargoed content												*/
/* ---------------------------------------------------------------- */

/*
 * The last network traced by this backend, and its shares.  A query that
 * calls embargoed_content once per supplier row with the same network
 * traces it once.  The cache belongs to the backend, not to the call site
 * (fn_extra), so it works however the function is called (Citus calls
 * through a fresh FmgrInfo every time); it is only an optimisation, keyed
 * on the network's bytes, and is kept only when small.
 */
typedef struct TraceCache
{
	MemoryContext cxt;			/* child of TopMemoryContext, or NULL */
	TradeNetwork *net;			/* a copy; NULL until the trace succeeded */
	NetShares	shares;
} TraceCache;

static TraceCache trace_cache;

/* Memory a traced network may keep after the call that traced it */
#define TRACE_CACHE_MAX		((Size) 64 * 1024 * 1024)

/* The shares of n, traced again only when n differs from the last one */
static TraceCache *
cached_trace(TradeNetwork *n)
{
	TraceCache *c = &trace_cache;
	MemoryContext old;

	if (c->net != NULL && VARSIZE(c->net) == VARSIZE(n) &&
		memcmp(c->net, n, VARSIZE(n)) == 0)
		return c;
	/* on an error below c->net stays NULL, and the context goes next time */
	if (c->cxt)
		MemoryContextDelete(c->cxt);
	c->net = NULL;
	c->cxt = AllocSetContextCreate(TopMemoryContext, "rarerisk origin shares",
								   ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(c->cxt);
	trace(n, &trace_alloc, &c->shares);
	c->net = palloc(VARSIZE(n));
	memcpy(c->net, n, VARSIZE(n));
	MemoryContextSwitchTo(old);
	return c;
}

/* After a call: let go of a cached trace too large to keep */
static void
trim_trace_cache(void)
{
	TraceCache *c = &trace_cache;

	if (c->cxt && MemoryContextMemAllocated(c->cxt, true) > TRACE_CACHE_MAX)
	{
		MemoryContextDelete(c->cxt);
		c->cxt = NULL;
		c->net = NULL;
	}
}

/* The origin columns of the embargoed codes */
static bool *
embargoed_columns(const TradeNetwork *n, const NetShares *s, ArrayType *arr)
{
	const char **codes;
	size_t	   *lens;
	int			ne;
	bool	   *sel = palloc0(s->m * sizeof(bool));

	rr_embargoed_codes(arr, "embargoed country", "supply", &codes, &lens, &ne);
	for (int i = 0; i < ne; i++)
	{
		int64		node = net_find(n, codes[i], lens[i]);

		if (node >= 0 && s->column[node] >= 0)
			sel[s->column[node]] = true;
	}
	return sel;
}

/*
 * embargoed_content(network, country, embargoed): theta, the share of the
 * country's supply that originates in the embargoed countries.  NULL when
 * the country is not in the network or has no supply.
 */
Datum
network_embargoed_content(PG_FUNCTION_ARGS)
{
	TradeNetwork *n = RR_GETARG_NET(0);
	text	   *country = PG_GETARG_TEXT_PP(1);
	ArrayType  *arr = PG_GETARG_ARRAYTYPE_P(2);
	TraceCache *c;
	int64		i;
	bool	   *sel;
	bool		isnull;
	double		theta;

	rr_check_supplier_code(VARDATA_ANY(country), VARSIZE_ANY_EXHDR(country), "country");
	c = cached_trace(n);
	i = net_find(c->net, VARDATA_ANY(country), VARSIZE_ANY_EXHDR(country));
	sel = embargoed_columns(c->net, &c->shares, arr);
	isnull = i < 0 || c->shares.empty[i];
	theta = isnull ? 0 : net_shares_sum(&c->shares, (uint32) i, sel);
	trim_trace_cache();
	if (isnull)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(theta);
}

/*
 * embargoed_content(network, embargoed): theta of every country, in byte
 * order; NULL for a country without supply.
 */
Datum
network_embargoed_contents(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	TradeNetwork *n = RR_GETARG_NET(0);
	ArrayType  *arr = PG_GETARG_ARRAYTYPE_P(1);
	NetShares	s;
	uint32	   *order;
	bool	   *sel;

	InitMaterializedSRF(fcinfo, 0);
	trace(n, &trace_alloc, &s);
	sel = embargoed_columns(n, &s, arr);
	order = palloc((n->node_count + 1) * sizeof(uint32));
	net_order_by_key(n, order);
	for (uint32 r = 0; r < s.n; r++)
	{
		uint32		i = order[r];
		Datum		values[2];
		bool		nulls[2] = {0};

		values[0] = PointerGetDatum(node_text(n, i));
		nulls[1] = s.empty[i];
		values[1] = nulls[1] ? (Datum) 0 : Float8GetDatum(net_shares_sum(&s, i, sel));
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

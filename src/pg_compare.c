/*
 * pg_compare.c
 *		Equality, ordering and hashing of supply_mix, trade_network and
 *		embargo_scenario, so that DISTINCT, GROUP BY, UNION, hash and merge
 *		joins work on them.
 *
 * Two values are equal when their canonical binary forms are equal byte
 * for byte: suppliers, countries and codes in byte order, each volume the
 * value of its compensated sum, -0 as 0.  That is exactly when their text
 * forms are equal, so equality survives every round trip.  The order (for
 * btree, merge joins and sorts) is the byte order of those forms: total
 * and consistent with equality, but with no meaning beyond that.
 */
#include "postgres.h"

#include "common/hashfn.h"
#include "fmgr.h"
#include "utils/memutils.h"

#include "embargo_io.h"
#include "mix_text.h"
#include "pg_embargo.h"
#include "pg_glue.h"
#include "pg_network.h"

/* The canonical bytes of a value of one of the three types */
typedef struct Canonical
{
	unsigned char *data;
	Size		len;
} Canonical;

static Canonical
mix_canonical(FunctionCallInfo fcinfo, int arg)
{
	Mix		   *m = RR_GETARG_MIX(arg);
	Canonical	c;

	c.len = mix_binary_size(m);
	c.data = palloc(c.len);
	mix_to_binary(m, rr_scratch(m), c.data);
	return c;
}

static Canonical
net_canonical_bytes(FunctionCallInfo fcinfo, int arg)
{
	TradeNetwork *n = RR_GETARG_NET(arg);
	NetStatus	st;
	Canonical	c;

	if (!(n->flags & NET_F_SORTED))
	{
		n = net_canonical(n, &rr_net_alloc, &st);
		rr_net_error(st, NULL, NULL, 0);
	}
	c.len = net_binary_size(n);
	if (c.len > MaxAllocSize)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("trade_network of %u flows is too large to compare",
						n->edge_count)));
	c.data = palloc(c.len);
	net_to_binary(n, c.data, true);
	return c;
}

static Canonical
scenario_canonical(FunctionCallInfo fcinfo, int arg)
{
	EmbargoScenario *s = RR_GETARG_SCENARIO(arg);
	Canonical	c;

	c.len = embargo_scenario_binary_size(s);
	c.data = palloc(c.len);
	embargo_scenario_to_binary(s, c.data);
	return c;
}

/* memcmp order of the two canonical forms, the shorter first on a tie */
static int
compare(Canonical a, Canonical b)
{
	int			r = memcmp(a.data, b.data, Min(a.len, b.len));

	if (r != 0)
		return r < 0 ? -1 : 1;
	return a.len < b.len ? -1 : a.len > b.len ? 1 : 0;
}

/*
 * For each type: cmp (btree support), eq, ne, lt, le, gt, ge, and the
 * hash functions (standard and extended, over the canonical bytes)
 */
#define RR_COMPARISONS(type, canon) \
PG_FUNCTION_INFO_V1(type##_cmp); \
Datum type##_cmp(PG_FUNCTION_ARGS) \
{ PG_RETURN_INT32(compare(canon(fcinfo, 0), canon(fcinfo, 1))); } \
PG_FUNCTION_INFO_V1(type##_eq); \
Datum type##_eq(PG_FUNCTION_ARGS) \
{ PG_RETURN_BOOL(compare(canon(fcinfo, 0), canon(fcinfo, 1)) == 0); } \
PG_FUNCTION_INFO_V1(type##_ne); \
Datum type##_ne(PG_FUNCTION_ARGS) \
{ PG_RETURN_BOOL(compare(canon(fcinfo, 0), canon(fcinfo, 1)) != 0); } \
PG_FUNCTION_INFO_V1(type##_lt); \
Datum type##_lt(PG_FUNCTION_ARGS) \
{ PG_RETURN_BOOL(compare(canon(fcinfo, 0), canon(fcinfo, 1)) < 0); } \
PG_FUNCTION_INFO_V1(type##_le); \
Datum type##_le(PG_FUNCTION_ARGS) \
{ PG_RETURN_BOOL(compare(canon(fcinfo, 0), canon(fcinfo, 1)) <= 0); } \
PG_FUNCTION_INFO_V1(type##_gt); \
Datum type##_gt(PG_FUNCTION_ARGS) \
{ PG_RETURN_BOOL(compare(canon(fcinfo, 0), canon(fcinfo, 1)) > 0); } \
PG_FUNCTION_INFO_V1(type##_ge); \
Datum type##_ge(PG_FUNCTION_ARGS) \
{ PG_RETURN_BOOL(compare(canon(fcinfo, 0), canon(fcinfo, 1)) >= 0); } \
PG_FUNCTION_INFO_V1(type##_hash); \
Datum type##_hash(PG_FUNCTION_ARGS) \
{ Canonical c = canon(fcinfo, 0); \
  return hash_any(c.data, (int) c.len); } \
PG_FUNCTION_INFO_V1(type##_hash_extended); \
Datum type##_hash_extended(PG_FUNCTION_ARGS) \
{ Canonical c = canon(fcinfo, 0); \
  return hash_any_extended(c.data, (int) c.len, PG_GETARG_INT64(1)); }

RR_COMPARISONS(supply_mix, mix_canonical)
RR_COMPARISONS(trade_network, net_canonical_bytes)
RR_COMPARISONS(embargo_scenario, scenario_canonical)

/*
 * pg_network_io.c
 *		Text and binary I/O of the type trade_network: wrappers of the
 *		readers and writers of network_io.c.
 */
#include "postgres.h"

#include "fmgr.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "pg_network.h"
#include "pg_type_io.h"

PG_FUNCTION_INFO_V1(trade_network_in);
PG_FUNCTION_INFO_V1(trade_network_out);
PG_FUNCTION_INFO_V1(trade_network_recv);
PG_FUNCTION_INFO_V1(trade_network_send);

/* Text input: the JSON form written by trade_network_out */
Datum
trade_network_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	IoError		err;
	TradeNetwork *n = net_from_json(str, strlen(str),
									GetDatabaseEncoding() == PG_UTF8,
									&rr_net_alloc, &err);

	if (n == NULL)
		rr_io_error(&err, "trade_network");
	PG_RETURN_DATUM(rr_net_datum(n));
}

/* Text output: JSON, countries in byte order */
Datum
trade_network_out(PG_FUNCTION_ARGS)
{
	TradeNetwork *n = RR_GETARG_NET(0);
	size_t		len;
	char	   *s = net_to_json(n, &rr_net_alloc, &len);

	if (s == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("text form of a trade_network of %u flows exceeds the maximum size of 1 GB",
						n->edge_count)));
	PG_RETURN_CSTRING(s);
}

/* Binary output: the canonical network */
Datum
trade_network_send(PG_FUNCTION_ARGS)
{
	TradeNetwork *n = RR_GETARG_NET(0);
	NetStatus	st;
	size_t		size;
	bytea	   *result;

	if (!(n->flags & NET_F_SORTED))
	{
		n = net_canonical(n, &rr_net_alloc, &st);
		rr_net_error(st, NULL, NULL, 0);
	}
	size = net_binary_size(n);
	if (size > MaxAllocSize - VARHDRSZ)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("binary form of a trade_network of %u flows exceeds the maximum size of 1 GB",
						n->edge_count)));
	result = palloc(VARHDRSZ + size);
	net_to_binary(n, (unsigned char *) VARDATA(result), false);
	SET_VARSIZE(result, VARHDRSZ + size);
	PG_RETURN_BYTEA_P(result);
}

/* Binary input: every code, index and volume checked */
Datum
trade_network_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	IoError		err;
	TradeNetwork *n = net_from_binary((unsigned char *) buf->data + buf->cursor,
									  buf->len - buf->cursor, &rr_net_alloc, &err);

	if (n == NULL)
		rr_io_error(&err, "trade_network");
	for (uint32 i = 0; i < n->node_count; i++)
	{
		size_t		len;
		const char *key = net_node_key(n, i, &len);

		pg_verifymbstr(key, (int) len, false);
	}
	buf->cursor = buf->len;
	PG_RETURN_DATUM(rr_net_datum(n));
}

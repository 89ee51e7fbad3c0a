/*
 * pg_network.h
 *		What the glue of the trade_network type shares: its argument, the
 *		allocator for networks, datums built by the core and the mapping of
 *		core statuses to errors.
 */
#ifndef RARERISK_PG_NETWORK_H
#define RARERISK_PG_NETWORK_H

#include "fmgr.h"

#include "network.h"

#define RR_GETARG_NET(n) ((TradeNetwork *) PG_DETOAST_DATUM(PG_GETARG_DATUM(n)))

extern const CoreAllocator rr_net_alloc;
extern Datum rr_net_datum(TradeNetwork *n);
extern void rr_net_error(NetStatus st, text *exporter, text *importer,
						 double volume);

#endif							/* RARERISK_PG_NETWORK_H */

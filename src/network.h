/*
 * network.h
 *		The trade network and origin tracing over it.
 *
 * A TradeNetwork is the summed bilateral flows of one commodity and period:
 * an edge (exporter, importer, volume) per pair, where an edge whose
 * exporter is its importer is that country's own production and an edge
 * whose exporter is NET_UNKNOWN is supply of unknown origin into the
 * importer.  Like the supply mix it is one flat, relocatable buffer (no
 * pointers inside), so the same bytes serve as the aggregate transition
 * state updated in place, as the value copied between processes and as
 * the value stored on disk.  The first four bytes are left for
 * PostgreSQL's varlena header.
 *
 * Layout, each section 8-byte aligned:
 *		TradeNetwork header (48 bytes)
 *		NetNode	 nodes[node_cap]		countries; keys live in the arena
 *		NetEdge	 edges[edge_cap]
 *		uint32	 node_index[node_slots] open addressing, slot = node + 1
 *		uint32	 edge_index[edge_slots] open addressing, slot = edge + 1
 *		char	 arena[arena_size]		the country codes
 *
 * A building network has hash indexes; a canonical one (NET_F_SORTED) has
 * its countries in byte order, its edges sorted by (exporter, importer)
 * with unknown-origin edges last, no slack and no index.  Canonical
 * networks are equal byte for byte when they hold the same flows.
 *
 * Origin tracing (net_trace) solves the proportional-flow model exactly;
 * see network.c for the method and its error bound.
 *
 * Plain C: no PostgreSQL headers, so it can be unit-tested and fuzzed.
 */
#ifndef RARERISK_NETWORK_H
#define RARERISK_NETWORK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "alloc.h"

#define NET_FORMAT_VERSION	1
#define NET_MAX_KEY_LEN		1024	/* bytes of one country code */
#define NET_MAX_SIZE		((size_t) 0x3fffffff)	/* PostgreSQL's MaxAllocSize */
#define NET_MAX_NODES		((uint32_t) 0x7ffffff)	/* 134 million countries */
#define NET_UNKNOWN			UINT32_MAX	/* exporter of unknown-origin supply */

#define NET_F_SORTED		0x01	/* canonical: byte order, no slack */

typedef struct NetNode
{
	uint32_t	keylen;
	uint32_t	key_off;		/* offset of the code in the arena */
	uint32_t	hash;
	uint32_t	reserved;
} NetNode;

typedef struct NetEdge
{
	uint32_t	from;			/* exporter node, or NET_UNKNOWN */
	uint32_t	to;				/* importer node */
	double		volume;			/* compensated sum: high part */
	double		volume_c;		/* compensated sum: low part */
} NetEdge;

typedef struct TradeNetwork
{
	int32_t		vl_len_;		/* PostgreSQL varlena header */
	uint8_t		version;
	uint8_t		flags;
	uint16_t	reserved;
	uint32_t	node_count;
	uint32_t	node_cap;
	uint32_t	edge_count;
	uint32_t	edge_cap;
	uint32_t	node_slots;		/* 0, or a power of two */
	uint32_t	edge_slots;		/* 0, or a power of two */
	uint32_t	arena_used;
	uint32_t	arena_size;
	uint32_t	reserved2[2];
} TradeNetwork;

typedef enum NetStatus
{
	NET_OK = 0,
	NET_ERR_NOMEM,				/* the allocator returned NULL */
	NET_ERR_TOO_BIG,			/* the network would exceed NET_MAX_SIZE */
	NET_ERR_KEY_EMPTY,			/* a country code of zero bytes */
	NET_ERR_KEY_TOO_LONG,		/* longer than NET_MAX_KEY_LEN */
	NET_ERR_NEGATIVE,			/* a negative volume */
	NET_ERR_NAN,				/* a NaN volume */
	NET_ERR_INFINITE,			/* an infinite volume */
	NET_ERR_OVERFLOW,			/* a sum overflowed to infinity */
	NET_ERR_DUPLICATE,			/* a country or flow given twice (binary input) */
	NET_ERR_CORRUPT,			/* a buffer that is not a valid network */
	NET_ERR_TRACE_TOO_BIG,		/* tracing would need more than NET_MAX_SIZE */
	NET_ERR_PRECISION			/* flows too small to resolve in double precision */
} NetStatus;


static inline NetNode *
net_nodes(const TradeNetwork *n)
{
	return (NetNode *) ((char *) n + sizeof(TradeNetwork));
}

static inline NetEdge *
net_edges(const TradeNetwork *n)
{
	return (NetEdge *) ((char *) n + sizeof(TradeNetwork) +
						(size_t) n->node_cap * sizeof(NetNode));
}

static inline double
net_edge_volume(const NetEdge *e)
{
	return e->volume + e->volume_c;
}

extern size_t net_layout_size(uint32_t node_cap, uint32_t edge_cap,
							  uint32_t node_slots, uint32_t edge_slots,
							  uint32_t arena_size);
extern size_t net_size(const TradeNetwork *n);
extern const char *net_node_key(const TradeNetwork *n, uint32_t i,
								size_t *len);
extern int	net_key_cmp(const char *a, size_t alen, const char *b, size_t blen);

/* Building */
extern NetStatus net_check_value(double v);
extern NetStatus net_check_key(size_t len);
extern TradeNetwork *net_create(const CoreAllocator *a, NetStatus *status);
extern NetStatus net_intern(TradeNetwork **np, const CoreAllocator *a,
							const char *key, size_t len, uint32_t *idx,
							bool *existed);
extern NetStatus net_add_edge(TradeNetwork **np, const CoreAllocator *a,
							  uint32_t from, uint32_t to, double volume,
							  double volume_c, bool *existed);
extern NetStatus net_add(TradeNetwork **np, const CoreAllocator *a,
						 const char *exporter, size_t exporter_len,
						 const char *importer, size_t importer_len,
						 double volume);
extern NetStatus net_merge(TradeNetwork **dstp, const CoreAllocator *a,
						   const TradeNetwork *src);
extern TradeNetwork *net_canonical(const TradeNetwork *src,
								   const CoreAllocator *a, NetStatus *status);
extern int64_t net_find(const TradeNetwork *n, const char *key, size_t len);
extern void net_order_by_key(const TradeNetwork *n, uint32_t *order);
extern NetStatus net_validate(const TradeNetwork *n, size_t size);

/* Text and binary forms (network_io.c) */
struct IoError;
extern char *net_to_json(const TradeNetwork *n, const CoreAllocator *a,
						 size_t *len);
extern TradeNetwork *net_from_json(const char *s, size_t len, bool utf8,
								   const CoreAllocator *a,
								   struct IoError *err);
extern size_t net_binary_size(const TradeNetwork *n);
extern void net_to_binary(const TradeNetwork *n, unsigned char *buf,
						  bool fold);
extern TradeNetwork *net_from_binary(const unsigned char *buf, size_t len,
									 const CoreAllocator *a,
									 struct IoError *err);

/*
 * Origin shares of every country.  x is row-major n x m: row i is country
 * i (the network's node order), column c < m - 1 is the producing country
 * origin[c], column m - 1 the unattributed origin (NULL).  A row sums to 1;
 * a country with no supply at all (no production, no imports) has
 * empty[i] set and a row of zeros.
 */
typedef struct NetShares
{
	uint32_t	n;				/* countries */
	uint32_t	m;				/* origins, the unattributed one last */
	uint32_t   *origin;			/* m - 1 producing nodes, in node order */
	int64_t    *column;			/* per node: its origin column, or -1 */
	bool	   *empty;			/* per node: no supply */
	double	   *x;				/* n x m shares */
	uint32_t	sccs;			/* strongly connected components solved */
	uint32_t	largest_scc;	/* countries in the largest one */
	uint32_t	trapped;		/* countries in re-export loops without
								 * production */
} NetShares;

extern NetStatus net_trace(const TradeNetwork *n, const CoreAllocator *a,
						   NetShares *out);
extern void net_shares_release(const CoreAllocator *a, NetShares *s);
extern double net_shares_sum(const NetShares *s, uint32_t i,
							 const bool *selected);

static inline const double *
net_shares_row(const NetShares *s, uint32_t i)
{
	return s->x + (size_t) i * s->m;
}

extern const char *net_status_message(NetStatus status);

#endif							/* RARERISK_NETWORK_H */

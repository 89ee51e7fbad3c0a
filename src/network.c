/*
 * network.c
 *		The trade network: building it row by row in place, merging, the
 *		canonical form, validation and status messages.  Its text and binary
 *		forms are in network_io.c, origin tracing in network_trace.c.  With
 *		RR_ASSERT_CHECKING every change ends by checking the network
 *		(net_check).
 *
 * Plain C: no PostgreSQL headers.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assert_check.h"
#include "ksum.h"
#include "network.h"
#include "sort.h"

#ifdef RR_ASSERT_CHECKING
static NetStatus net_check(TradeNetwork *const *np, NetStatus st);
#endif

/* ---------------------------------------------------------------- */
/* Layout															*/
/* ---------------------------------------------------------------- */

static inline size_t
al8(size_t x)
{
	return (x + 7) & ~(size_t) 7;
}

size_t
net_layout_size(uint32_t node_cap, uint32_t edge_cap, uint32_t node_slots,
				uint32_t edge_slots, uint32_t arena_size)
{
	return sizeof(TradeNetwork) +
		(size_t) node_cap * sizeof(NetNode) +
		(size_t) edge_cap * sizeof(NetEdge) +
		al8((size_t) node_slots * sizeof(uint32_t)) +
		al8((size_t) edge_slots * sizeof(uint32_t)) +
		al8(arena_size);
}

size_t
net_size(const TradeNetwork *n)
{
	return net_layout_size(n->node_cap, n->edge_cap, n->node_slots,
						   n->edge_slots, n->arena_size);
}

static inline uint32_t *
node_index(const TradeNetwork *n)
{
	return (uint32_t *) ((char *) net_edges(n) +
						 (size_t) n->edge_cap * sizeof(NetEdge));
}

static inline uint32_t *
edge_index(const TradeNetwork *n)
{
	return (uint32_t *) ((char *) node_index(n) +
						 al8((size_t) n->node_slots * sizeof(uint32_t)));
}

static inline char *
arena(const TradeNetwork *n)
{
	return (char *) edge_index(n) +
		al8((size_t) n->edge_slots * sizeof(uint32_t));
}

const char *
net_node_key(const TradeNetwork *n, uint32_t i, size_t *len)
{
	const NetNode *nd = &net_nodes(n)[i];

	*len = nd->keylen;
	return arena(n) + nd->key_off;
}

/* Byte order; a proper prefix sorts first */
int
net_key_cmp(const char *a, size_t alen, const char *b, size_t blen)
{
	int			c = memcmp(a, b, alen < blen ? alen : blen);

	if (c != 0)
		return c;
	return alen < blen ? -1 : alen > blen ? 1 : 0;
}

static int
node_cmp(const TradeNetwork *n, uint32_t i, uint32_t j)
{
	size_t		il,
				jl;
	const char *ik = net_node_key(n, i, &il);
	const char *jk = net_node_key(n, j, &jl);

	return net_key_cmp(ik, il, jk, jl);
}

static uint32_t
key_hash(const char *key, size_t len)
{
	uint32_t	h = 2166136261u;

	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char) key[i]) * 16777619u;
	h ^= h >> 16;
	h *= 0x85ebca6bu;
	h ^= h >> 13;
	return h;
}

static uint32_t
edge_hash(uint32_t from, uint32_t to)
{
	uint64_t	x = ((uint64_t) from << 32) | to;

	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return (uint32_t) (x ^ (x >> 31));
}

/* Slots for an index of cap entries: a power of two, at most half full */
static uint32_t
slots_for(uint32_t cap)
{
	uint32_t	s = 8;

	while (s < 2 * (uint64_t) cap)
		s *= 2;
	return s;
}

/* ---------------------------------------------------------------- */
/* Building															*/
/* ---------------------------------------------------------------- */

NetStatus
net_check_value(double v)
{
	if (isnan(v))
		return NET_ERR_NAN;
	if (isinf(v))
		return NET_ERR_INFINITE;
	if (v < 0)
		return NET_ERR_NEGATIVE;
	return NET_OK;
}

NetStatus
net_check_key(size_t len)
{
	if (len == 0)
		return NET_ERR_KEY_EMPTY;
	if (len > NET_MAX_KEY_LEN)
		return NET_ERR_KEY_TOO_LONG;
	return NET_OK;
}

/* An empty network with room for the given counts; indexed or not */
static TradeNetwork *
net_alloc(const CoreAllocator *a, uint32_t node_cap, uint32_t edge_cap,
		  uint32_t arena_size, bool indexed, NetStatus *status)
{
	uint32_t	ns = indexed ? slots_for(node_cap) : 0;
	uint32_t	es = indexed ? slots_for(edge_cap) : 0;
	size_t		size;
	TradeNetwork *n;

	if (node_cap > NET_MAX_NODES || edge_cap > NET_MAX_SIZE / sizeof(NetEdge))
	{
		*status = NET_ERR_TOO_BIG;
		return NULL;
	}
	size = net_layout_size(node_cap, edge_cap, ns, es, arena_size);
	if (size > NET_MAX_SIZE)
	{
		*status = NET_ERR_TOO_BIG;
		return NULL;
	}
	n = a->alloc(a->arg, size);
	if (n == NULL)
	{
		*status = NET_ERR_NOMEM;
		return NULL;
	}
	n->version = NET_FORMAT_VERSION;
	n->flags = indexed ? 0 : NET_F_SORTED;
	n->node_cap = node_cap;
	n->edge_cap = edge_cap;
	n->node_slots = ns;
	n->edge_slots = es;
	n->arena_size = arena_size;
	*status = NET_OK;
	return n;
}

TradeNetwork *
net_create(const CoreAllocator *a, NetStatus *status)
{
	return net_alloc(a, 4, 8, 64, true, status);
}

static void
index_node(TradeNetwork *n, uint32_t i)
{
	uint32_t   *idx = node_index(n);
	uint32_t	mask = n->node_slots - 1;
	uint32_t	s = net_nodes(n)[i].hash & mask;

	while (idx[s] != 0)
		s = (s + 1) & mask;
	idx[s] = i + 1;
}

static void
index_edge(TradeNetwork *n, uint32_t i)
{
	uint32_t   *idx = edge_index(n);
	uint32_t	mask = n->edge_slots - 1;
	const NetEdge *e = &net_edges(n)[i];
	uint32_t	s = edge_hash(e->from, e->to) & mask;

	while (idx[s] != 0)
		s = (s + 1) & mask;
	idx[s] = i + 1;
}

/*
 * A copy of src in a new buffer of the given capacities (at least src's
 * counts), indexed; src is released if the allocator can.
 */
static NetStatus
regrow(TradeNetwork **np, const CoreAllocator *a, uint32_t node_cap,
	   uint32_t edge_cap, uint32_t arena_size)
{
	const TradeNetwork *src = *np;
	NetStatus	st;
	TradeNetwork *n = net_alloc(a, node_cap, edge_cap, arena_size, true, &st);

	if (n == NULL)
		return st;
	for (uint32_t i = 0; i < src->node_count; i++)
	{
		size_t		len;
		const char *key = net_node_key(src, i, &len);
		NetNode    *nd = &net_nodes(n)[i];

		memcpy(arena(n) + n->arena_used, key, len);
		nd->keylen = (uint32_t) len;
		nd->key_off = n->arena_used;
		nd->hash = key_hash(key, len);
		n->arena_used += (uint32_t) len;
		n->node_count++;
		index_node(n, i);
	}
	memcpy(net_edges(n), net_edges(src), (size_t) src->edge_count * sizeof(NetEdge));
	n->edge_count = src->edge_count;
	for (uint32_t i = 0; i < n->edge_count; i++)
		index_edge(n, i);
	if (a->release)
		a->release(a->arg, (void *) src);
	*np = n;
	return NET_OK;
}

/* Double a capacity, or fail at the limit */
static uint32_t
grow(uint32_t cap, uint64_t need, uint64_t limit)
{
	uint64_t	c = (uint64_t) cap * 2;

	if (c < need)
		c = need;
	if (c > limit)
		c = need <= limit ? limit : 0;
	return (uint32_t) c;
}

/* Give a canonical network (which has no index) its hash indexes before a change */
static NetStatus
ensure_tables(TradeNetwork **np, const CoreAllocator *a)
{
	TradeNetwork *n = *np;

	if (n->node_slots != 0 && n->edge_slots != 0)
		return NET_OK;
	return regrow(np, a, n->node_count + 4, n->edge_count + 8, n->arena_used + 64);
}

/*
 * The node of key, added if new.  *np may be replaced by a larger copy
 * (the old buffer released if the allocator can).
 */
NetStatus
net_intern(TradeNetwork **np, const CoreAllocator *a, const char *key,
		   size_t len, uint32_t *idx, bool *existed)
{
	TradeNetwork *n = *np;
	NetStatus	st = net_check_key(len);
	uint32_t	h,
				mask,
				s;

	if (st != NET_OK)
		return st;
	if ((st = ensure_tables(np, a)) != NET_OK)
		return st;
	n = *np;
	h = key_hash(key, len);
	mask = n->node_slots - 1;
	for (s = h & mask; node_index(n)[s] != 0; s = (s + 1) & mask)
	{
		uint32_t	i = node_index(n)[s] - 1;
		const NetNode *nd = &net_nodes(n)[i];

		if (nd->hash == h && nd->keylen == len &&
			memcmp(arena(n) + nd->key_off, key, len) == 0)
		{
			*idx = i;
			if (existed)
				*existed = true;
			return RR_CHECKED(net_check, np, NET_OK);
		}
	}
	if (n->node_count == n->node_cap || n->arena_size - n->arena_used < len)
	{
		uint32_t	nc = n->node_count < n->node_cap ? n->node_cap :
			grow(n->node_cap, (uint64_t) n->node_count + 1, NET_MAX_NODES);
		uint32_t	ac = n->arena_size - n->arena_used >= len ? n->arena_size :
			grow(n->arena_size, (uint64_t) n->arena_used + len, NET_MAX_SIZE);

		if (nc == 0 || ac == 0)
			return NET_ERR_TOO_BIG;
		st = regrow(np, a, nc, n->edge_cap, ac);
		if (st != NET_OK)
			return st;
		return net_intern(np, a, key, len, idx, existed);
	}
	{
		NetNode    *nd = &net_nodes(n)[n->node_count];

		memcpy(arena(n) + n->arena_used, key, len);
		nd->keylen = (uint32_t) len;
		nd->key_off = n->arena_used;
		nd->hash = h;
		n->arena_used += (uint32_t) len;
		*idx = n->node_count++;
		index_node(n, *idx);
	}
	if (existed)
		*existed = false;
	return RR_CHECKED(net_check, np, NET_OK);
}

/*
 * Add volume + volume_c to the flow (from, to), creating it if new; from
 * may be NET_UNKNOWN, from = to is production.
 */
NetStatus
net_add_edge(TradeNetwork **np, const CoreAllocator *a, uint32_t from,
			 uint32_t to, double volume, double volume_c, bool *existed)
{
	TradeNetwork *n = *np;
	NetStatus	st;
	uint32_t	mask,
				s;
	NetEdge    *e;

	if (to >= n->node_count || (from != NET_UNKNOWN && from >= n->node_count))
		return NET_ERR_CORRUPT;
	if ((st = ensure_tables(np, a)) != NET_OK)
		return st;
	n = *np;
	mask = n->edge_slots - 1;
	for (s = edge_hash(from, to) & mask; edge_index(n)[s] != 0; s = (s + 1) & mask)
	{
		e = &net_edges(n)[edge_index(n)[s] - 1];
		if (e->from == from && e->to == to)
		{
			ksum_add_parts(&e->volume, &e->volume_c, volume);
			ksum_add_parts(&e->volume, &e->volume_c, volume_c);
			if (existed)
				*existed = true;
			if (!isfinite(e->volume) || !isfinite(e->volume_c) ||
				!isfinite(e->volume + e->volume_c))
				return NET_ERR_OVERFLOW;
			return RR_CHECKED(net_check, np, NET_OK);
		}
	}
	if (n->edge_count == n->edge_cap)
	{
		uint32_t	ec = grow(n->edge_cap, (uint64_t) n->edge_count + 1,
							  NET_MAX_SIZE / sizeof(NetEdge));

		if (ec == 0)
			return NET_ERR_TOO_BIG;
		st = regrow(np, a, n->node_cap, ec, n->arena_size);
		if (st != NET_OK)
			return st;
		return net_add_edge(np, a, from, to, volume, volume_c, existed);
	}
	e = &net_edges(n)[n->edge_count];
	e->from = from;
	e->to = to;
	e->volume = volume;
	e->volume_c = volume_c;
	index_edge(n, n->edge_count++);
	if (existed)
		*existed = false;
	return RR_CHECKED(net_check, np, NET_OK);
}

/*
 * Add one row: exporter NULL is supply of unknown origin, exporter equal
 * to importer is own production.  The volume is checked.
 */
NetStatus
net_add(TradeNetwork **np, const CoreAllocator *a, const char *exporter,
		size_t exporter_len, const char *importer, size_t importer_len,
		double volume)
{
	NetStatus	st = net_check_value(volume);
	uint32_t	from = NET_UNKNOWN,
				to;

	if (st != NET_OK)
		return st;
	if (volume == 0)
		volume = 0;				/* -0 */
	if ((st = net_check_key(importer_len)) != NET_OK)
		return st;
	if (exporter != NULL &&
		(st = net_intern(np, a, exporter, exporter_len, &from, NULL)) != NET_OK)
		return st;
	if ((st = net_intern(np, a, importer, importer_len, &to, NULL)) != NET_OK)
		return st;
	return net_add_edge(np, a, from, to, volume, 0, NULL);
}

/* Add every flow of src to *dstp */
NetStatus
net_merge(TradeNetwork **dstp, const CoreAllocator *a, const TradeNetwork *src)
{
	uint32_t   *map;
	NetStatus	st = NET_OK;

	if (src->node_count == 0)
		return NET_OK;
	map = a->alloc(a->arg, (size_t) src->node_count * sizeof(uint32_t));
	if (map == NULL)
		return NET_ERR_NOMEM;
	for (uint32_t i = 0; i < src->node_count && st == NET_OK; i++)
	{
		size_t		len;
		const char *key = net_node_key(src, i, &len);

		st = net_intern(dstp, a, key, len, &map[i], NULL);
	}
	for (uint32_t i = 0; i < src->edge_count && st == NET_OK; i++)
	{
		const NetEdge *e = &net_edges(src)[i];

		st = net_add_edge(dstp, a, e->from == NET_UNKNOWN ? NET_UNKNOWN : map[e->from],
						  map[e->to], e->volume, e->volume_c, NULL);
	}
	if (a->release)
		a->release(a->arg, map);
	return st;
}

/* ---------------------------------------------------------------- */
/* Ordering and the canonical form									*/
/* ---------------------------------------------------------------- */

static int
cmp_node(const void *ctx, uint32_t i, uint32_t j)
{
	return node_cmp(ctx, i, j);
}

/* order[0..node_count) := the nodes in byte order of their code */
void
net_order_by_key(const TradeNetwork *n, uint32_t *order)
{
	for (uint32_t i = 0; i < n->node_count; i++)
		order[i] = i;
	if (!(n->flags & NET_F_SORTED))
		sort_positions(order, n->node_count, cmp_node, n);
}

static int
cmp_edge(const void *ctx, uint32_t i, uint32_t j)
{
	const NetEdge *a = &((const NetEdge *) ctx)[i];
	const NetEdge *b = &((const NetEdge *) ctx)[j];

	if (a->from != b->from)
		return a->from < b->from ? -1 : 1;
	if (a->to != b->to)
		return a->to < b->to ? -1 : 1;
	return 0;
}

/*
 * The canonical copy of src: countries in byte order, flows sorted by
 * (exporter, importer) with unknown origin last, each compensated sum
 * renormalised, no slack, no index.
 */
TradeNetwork *
net_canonical(const TradeNetwork *src, const CoreAllocator *a, NetStatus *status)
{
	uint32_t	nn = src->node_count,
				ne = src->edge_count;
	uint32_t   *order = NULL,
			   *rank = NULL,
			   *eorder = NULL;
	NetEdge    *tmp = NULL;
	TradeNetwork *n = NULL;
	size_t		keys = 0;

	for (uint32_t i = 0; i < nn; i++)
		keys += net_nodes(src)[i].keylen;
	if (keys > NET_MAX_SIZE)
	{
		*status = NET_ERR_TOO_BIG;
		return NULL;
	}
	order = a->alloc(a->arg, ((size_t) nn + 1) * sizeof(uint32_t));
	rank = a->alloc(a->arg, ((size_t) nn + 1) * sizeof(uint32_t));
	eorder = a->alloc(a->arg, ((size_t) ne + 1) * sizeof(uint32_t));
	tmp = a->alloc(a->arg, ((size_t) ne + 1) * sizeof(NetEdge));
	if (!order || !rank || !eorder || !tmp)
	{
		*status = NET_ERR_NOMEM;
		goto done;
	}
	n = net_alloc(a, nn, ne, (uint32_t) keys, false, status);
	if (n == NULL)
		goto done;
	net_order_by_key(src, order);
	for (uint32_t r = 0; r < nn; r++)
	{
		size_t		len;
		const char *key = net_node_key(src, order[r], &len);
		NetNode    *nd = &net_nodes(n)[r];

		rank[order[r]] = r;
		memcpy(arena(n) + n->arena_used, key, len);
		nd->keylen = (uint32_t) len;
		nd->key_off = n->arena_used;
		nd->hash = key_hash(key, len);
		n->arena_used += (uint32_t) len;
	}
	n->node_count = nn;
	for (uint32_t i = 0; i < ne; i++)
	{
		const NetEdge *e = &net_edges(src)[i];
		/* TwoSum, exact whichever part is larger: normal form, idempotent */
		double		hi = e->volume + e->volume_c;
		double		bp = hi - e->volume;
		double		lo = (e->volume - (hi - bp)) + (e->volume_c - bp);

		tmp[i].from = e->from == NET_UNKNOWN ? NET_UNKNOWN : rank[e->from];
		tmp[i].to = rank[e->to];
		tmp[i].volume = hi == 0 ? 0 : hi;
		tmp[i].volume_c = (lo == 0 || hi == 0) ? 0 : lo;
		eorder[i] = i;
	}
	sort_positions(eorder, ne, cmp_edge, tmp);
	for (uint32_t i = 0; i < ne; i++)
		net_edges(n)[i] = tmp[eorder[i]];
	n->edge_count = ne;
	*status = RR_CHECKED(net_check, &n, NET_OK);
done:
	if (a->release)
	{
		a->release(a->arg, order);
		a->release(a->arg, rank);
		a->release(a->arg, eorder);
		a->release(a->arg, tmp);
	}
	return n;
}

/* The node of key, or -1 */
int64_t
net_find(const TradeNetwork *n, const char *key, size_t len)
{
	if (n->flags & NET_F_SORTED)
	{
		uint32_t	lo = 0,
					hi = n->node_count;

		while (lo < hi)
		{
			uint32_t	mid = lo + (hi - lo) / 2;
			size_t		ml;
			const char *mk = net_node_key(n, mid, &ml);
			int			c = net_key_cmp(mk, ml, key, len);

			if (c == 0)
				return mid;
			if (c < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		return -1;
	}
	if (n->node_slots > 0)
	{
		uint32_t	h = key_hash(key, len);
		uint32_t	mask = n->node_slots - 1;

		for (uint32_t s = h & mask; node_index(n)[s] != 0; s = (s + 1) & mask)
		{
			uint32_t	i = node_index(n)[s] - 1;
			const NetNode *nd = &net_nodes(n)[i];

			if (nd->hash == h && nd->keylen == len &&
				memcmp(arena(n) + nd->key_off, key, len) == 0)
				return i;
		}
		return -1;
	}
	for (uint32_t i = 0; i < n->node_count; i++)
	{
		size_t		l;
		const char *k = net_node_key(n, i, &l);

		if (l == len && memcmp(k, key, len) == 0)
			return i;
	}
	return -1;
}

/*
 * Is the buffer of size bytes a structurally valid network?  Checks what
 * the solver and the output functions rely on: the layout, every code and
 * every flow; a canonical network also its order.  The hash indexes of a
 * building network are only checked for room.
 */
NetStatus
net_validate(const TradeNetwork *n, size_t size)
{
	if (size < sizeof(TradeNetwork) || n->version != NET_FORMAT_VERSION ||
		(n->flags & ~NET_F_SORTED) != 0)
		return NET_ERR_CORRUPT;
	if (n->node_count > n->node_cap || n->edge_count > n->edge_cap ||
		n->node_cap > NET_MAX_NODES ||
		n->edge_cap > NET_MAX_SIZE / sizeof(NetEdge) ||
		n->arena_used > n->arena_size)
		return NET_ERR_CORRUPT;
	if (n->flags & NET_F_SORTED)
	{
		if (n->node_slots != 0 || n->edge_slots != 0)
			return NET_ERR_CORRUPT;
	}
	else if (n->node_slots < 8 || n->edge_slots < 8 ||
			 (n->node_slots & (n->node_slots - 1)) != 0 ||
			 (n->edge_slots & (n->edge_slots - 1)) != 0 ||
			 n->node_slots < 2 * (uint64_t) n->node_cap ||
			 n->edge_slots < 2 * (uint64_t) n->edge_cap)
		return NET_ERR_CORRUPT;
	if (net_size(n) != size)
		return NET_ERR_CORRUPT;
	for (uint32_t i = 0; i < n->node_count; i++)
	{
		const NetNode *nd = &net_nodes(n)[i];

		if (net_check_key(nd->keylen) != NET_OK ||
			(uint64_t) nd->key_off + nd->keylen > n->arena_used)
			return NET_ERR_CORRUPT;
		if ((n->flags & NET_F_SORTED) && i > 0 && node_cmp(n, i - 1, i) >= 0)
			return NET_ERR_CORRUPT;
	}
	for (uint32_t i = 0; i < n->edge_count; i++)
	{
		const NetEdge *e = &net_edges(n)[i];

		if (e->to >= n->node_count ||
			(e->from != NET_UNKNOWN && e->from >= n->node_count))
			return NET_ERR_CORRUPT;
		if (!isfinite(e->volume) || !isfinite(e->volume_c) ||
			!(e->volume + e->volume_c >= 0))
			return NET_ERR_CORRUPT;
		if ((n->flags & NET_F_SORTED) && i > 0 &&
			cmp_edge(net_edges(n), i - 1, i) >= 0)
			return NET_ERR_CORRUPT;
	}
	return NET_OK;
}


#ifdef RR_ASSERT_CHECKING

/* The edge (from, to) through the edge index, or -1 */
static int64_t
find_edge(const TradeNetwork *n, uint32_t from, uint32_t to)
{
	uint32_t	mask = n->edge_slots - 1;

	for (uint32_t s = edge_hash(from, to) & mask; edge_index(n)[s] != 0; s = (s + 1) & mask)
	{
		const NetEdge *e = &net_edges(n)[edge_index(n)[s] - 1];

		if (e->from == from && e->to == to)
			return edge_index(n)[s] - 1;
	}
	return -1;
}

/*
 * The invariants of *np after a change that succeeded (st is NET_OK):
 * what net_validate requires, and for a building network every country
 * and every flow found at its own place through the hash indexes (so
 * both are unique and each index holds each once).  In full when a check
 * over the entries and index slots is due (rr_check_due), else the counts.
 * Returns st.
 */
static NetStatus
net_check(TradeNetwork *const *np, NetStatus st)
{
	const TradeNetwork *n = *np;
	uint32_t	used = 0;

	if (st != NET_OK)
		return st;
	RR_CHECK(n->node_count <= n->node_cap && n->edge_count <= n->edge_cap &&
			 n->arena_used <= n->arena_size);
	if (!rr_check_due((uint64_t) n->node_count + n->edge_count +
					  n->node_slots + n->edge_slots))
		return st;
	RR_CHECK(net_validate(n, net_size(n)) == NET_OK);
	if (n->flags & NET_F_SORTED)
		return st;
	for (uint32_t i = 0; i < n->node_count; i++)
	{
		size_t		len;
		const char *key = net_node_key(n, i, &len);

		RR_CHECK(net_nodes(n)[i].hash == key_hash(key, len));
		RR_CHECK(net_find(n, key, len) == i);
	}
	for (uint32_t s = 0; s < n->node_slots; s++)
		used += node_index(n)[s] != 0;
	RR_CHECK(used == n->node_count);
	used = 0;
	for (uint32_t i = 0; i < n->edge_count; i++)
		RR_CHECK(find_edge(n, net_edges(n)[i].from, net_edges(n)[i].to) == i);
	for (uint32_t s = 0; s < n->edge_slots; s++)
		used += edge_index(n)[s] != 0;
	RR_CHECK(used == n->edge_count);
	return st;
}

#endif							/* RR_ASSERT_CHECKING */

const char *
net_status_message(NetStatus status)
{
	switch (status)
	{
		case NET_OK:
			return "ok";
		case NET_ERR_NOMEM:
			return "out of memory";
		case NET_ERR_TOO_BIG:
			return "trade network exceeds the maximum size of 1 GB";
		case NET_ERR_KEY_EMPTY:
			return "country code must not be empty";
		case NET_ERR_KEY_TOO_LONG:
			return "country code is longer than 1024 bytes";
		case NET_ERR_NEGATIVE:
			return "volume must not be negative";
		case NET_ERR_NAN:
			return "volume must not be NaN";
		case NET_ERR_INFINITE:
			return "volume must be finite";
		case NET_ERR_OVERFLOW:
			return "sum of volumes is out of range for type double precision";
		case NET_ERR_DUPLICATE:
			return "duplicate country or flow";
		case NET_ERR_CORRUPT:
			return "corrupt trade network";
		case NET_ERR_TRACE_TOO_BIG:
			return "trade network is too large to trace in memory";
		case NET_ERR_PRECISION:
			return "flows span too many orders of magnitude to trace in double precision";
	}
	return "unknown status";
}

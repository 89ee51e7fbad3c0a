/*
 * network_io.c
 *		The text form of a trade network (JSON).
 *
 * Plain C: no PostgreSQL headers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_out.h"
#include "network.h"

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
 * The JSON text of a network:
 *
 *	{"production": {"IDN": 2204822, ...},
 *	 "flows": {"PHL": {"CHN": 29000, "JPN": 3400}, ...},
 *	 "unknown_origin": {"CHN": 120}}
 *
 * production: own production (exporter = importer); flows: exporter ->
 * importer -> volume; unknown_origin: importer -> volume of unknown
 * origin.  Countries in byte order, all three keys always present.
 */
char *
net_to_json(const TradeNetwork *src, const NetAllocator *a, size_t *len)
{
	NetStatus	st;
	const TradeNetwork *n = src;
	size_t		bound = 64;
	char	   *buf,
			   *p;
	bool		first;

	if (!(src->flags & NET_F_SORTED))
	{
		n = net_canonical(src, a, &st);
		if (n == NULL)
			return NULL;
	}
	for (uint32_t i = 0; i < n->edge_count; i++)
	{
		const NetEdge *e = &net_edges(n)[i];

		bound += 6 * (size_t) net_nodes(n)[e->to].keylen + 48;
		if (e->from != NET_UNKNOWN)
			bound += 6 * (size_t) net_nodes(n)[e->from].keylen + 8;
	}
	buf = a->alloc(a->arg, bound);
	if (buf == NULL)
		return NULL;
	p = json_put_raw(buf, "{\"production\": {");
	first = true;
	for (uint32_t i = 0; i < n->edge_count; i++)
	{
		const NetEdge *e = &net_edges(n)[i];

		if (e->from == e->to)
			p = put_node_member(p, &first, n, e->to, net_edge_volume(e));
	}
	p = json_put_raw(p, "}, \"flows\": {");
	first = true;
	for (uint32_t i = 0; i < n->edge_count; i++)
	{
		const NetEdge *e = &net_edges(n)[i];
		uint32_t	j;
		bool		inner = true;

		if (e->from == NET_UNKNOWN)
			break;
		if (e->from == e->to)
			continue;
		/* first flow of this exporter */
		if (!first)
			p = json_put_raw(p, "}, ");
		first = false;
		{
			size_t		klen;
			const char *key = net_node_key(n, e->from, &klen);

			p = json_put_string(p, key, klen);
		}
		p = json_put_raw(p, ": {");
		for (j = i; j < n->edge_count && net_edges(n)[j].from == e->from; j++)
		{
			const NetEdge *f = &net_edges(n)[j];

			if (f->from != f->to)
				p = put_node_member(p, &inner, n, f->to, net_edge_volume(f));
		}
		i = j - 1;
	}
	if (!first)
		p = json_put_raw(p, "}");
	p = json_put_raw(p, "}, \"unknown_origin\": {");
	first = true;
	for (uint32_t i = 0; i < n->edge_count; i++)
	{
		const NetEdge *e = &net_edges(n)[i];

		if (e->from == NET_UNKNOWN)
			p = put_node_member(p, &first, n, e->to, net_edge_volume(e));
	}
	p = json_put_raw(p, "}}");
	*p = '\0';
	*len = (size_t) (p - buf);
	if (n != src && a->release)
		a->release(a->arg, (void *) n);
	return buf;
}

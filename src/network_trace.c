/*
 * network_trace.c
 *		Origin tracing over a trade network under the proportional-flow
 *		assumption.
 *
 * The model.  Country c's supply pool is P_c = production_c + unknown_c +
 * sum_j F(j->c): own production, supply of unknown origin and imports.
 * Exports carry the origin mix of the exporter's pool, so the share x(c,o)
 * of origin o in c's pool satisfies
 *
 *		P_c x(c,o) = production_c [c = o] + unknown_c [o = NULL]
 *					 + sum_j F(j->c) x(j,o)
 *
 * Read as a Markov chain walking upstream ("where did this tonne come
 * from?"), x(c,o) is the probability of being absorbed at origin o when
 * starting from c.  Three kinds of mass have no producing origin and are
 * reported as the unattributed origin (NULL): supply of unknown origin,
 * imports from a country that has no supply at all (it exports but neither
 * produces nor imports: the data do not say where the goods came from), and
 * mass circulating in a re-export loop that no production or outside
 * import ever feeds ("trapped" countries: the system is singular there and
 * any answer other than "unattributed" would be invented).  The shares of
 * every country with supply sum to 1.
 *
 * The method is exact and direct; nothing iterates.
 *
 *	1. The "draws from" graph (c -> j when F(j->c) > 0) is split into
 *	   strongly connected components by an iterative Tarjan search, which
 *	   emits every component after all the components it draws from, so
 *	   each component is solved once with its suppliers already known.
 *	2. A component that nothing feeds from outside (no production, no
 *	   unknown supply, no import from another component) is a closed loop:
 *	   its countries are trapped and get origin NULL with share 1.  This is
 *	   decided on the structure (which flows are > 0), not on rounded
 *	   numbers.
 *	3. Any other component is solved by Gaussian elimination in the
 *	   Grassmann-Taksar-Heyman form: the pivots are never computed as
 *	   1 - (sum of outflows) but as the sum of what leaves the remaining
 *	   system, so every operation adds, multiplies or divides non-negative
 *	   numbers.  There is no cancellation: each computed share has a small
 *	   relative error (of order n^3 unit roundoffs in the worst case,
 *	   O'Cinneide 1993), structural zeros stay exactly zero, and a loop
 *	   carrying 10^13 t fed by 10^-3 t of production is still traced to
 *	   that production exactly instead of looking singular.  Rows are then
 *	   renormalised to sum to 1.  The component matrix is irreducibly
 *	   diagonally dominant, hence non-singular; a pivot that is not > 0 in
 *	   floating point (flows spanning more than ~600 orders of magnitude)
 *	   is reported as NET_ERR_PRECISION, never as a number.
 *
 * Cost: O(s^3) per component of s countries plus O((s^2 + E) m) for the m
 * origins; a world network (250 countries, 30,000 flows, one giant
 *
 * Plain C: no PostgreSQL headers.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ksum.h"
#include "network.h"

/* ---------------------------------------------------------------- */
/* Origin tracing													*/
/* ---------------------------------------------------------------- */

typedef struct Tracer
{
	const NetAllocator *a;
	NetTick		tick;
	void	   *tick_arg;
	uint32_t	n,
				m;
	const uint32_t *start;		/* CSR of "draws from": row i = importer i */
	const uint32_t *src;		/* exporter of each inflow */
	const double *w;			/* F(j->i) / P_i */
	const double *prod;			/* production_i / P_i */
	const double *unk;			/* unknown_i / P_i */
	int32_t    *local;			/* position in the current component, or -1 */
	double	   *ell;			/* per member: what leaves the component */
	double	   *d;				/* per member: GTH pivot */
	double	   *W;				/* s x s, within-component draws */
	size_t		W_cap;			/* doubles allocated in W */
	NetShares  *out;
} Tracer;

static void *
zalloc(const NetAllocator *a, size_t n, size_t size)
{
	if (n == 0)
		n = 1;
	if (n > NET_MAX_SIZE / size)
		return NULL;
	return a->alloc(a->arg, n * size);
}

static void
release(const NetAllocator *a, void *p)
{
	if (a->release && p)
		a->release(a->arg, p);
}

/* Renormalise row x[0..m) to sum 1 */
static NetStatus
normalise(double *x, uint32_t m)
{
	KSum		s = {0, 0};
	double		t;

	for (uint32_t c = 0; c < m; c++)
		ksum_add(&s, x[c]);
	t = ksum_value(&s);
	if (!(t > 0) || !isfinite(t))
		return NET_ERR_PRECISION;
	for (uint32_t c = 0; c < m; c++)
		x[c] /= t;
	return NET_OK;
}

/*
 * Solve the component mem[0..s): its suppliers outside are solved already.
 * Member rows of out->x serve as the right-hand sides, then the solution.
 */
static NetStatus
solve_component(Tracer *t, const uint32_t *mem, uint32_t s)
{
	NetShares  *o = t->out;
	uint32_t	m = t->m;
	bool		fed = false;
	NetStatus	st = NET_OK;

	if (s == 1 && o->empty[mem[0]])
		return NET_OK;			/* no supply: a row of zeros */
	o->sccs++;
	if (s > o->largest_scc)
		o->largest_scc = s;
	if (s > 1)
	{
		size_t		need = (size_t) s * s;

		if (need > NET_MAX_SIZE / sizeof(double))
			return NET_ERR_TRACE_TOO_BIG;
		if (need > t->W_cap)
		{
			release(t->a, t->W);
			t->W = zalloc(t->a, need, sizeof(double));
			if (t->W == NULL)
				return NET_ERR_NOMEM;
			t->W_cap = need;
		}
		else
			memset(t->W, 0, need * sizeof(double));
	}
	for (uint32_t k = 0; k < s; k++)
		t->local[mem[k]] = (int32_t) k;

	/* right-hand sides, the within-component matrix and the leaks */
	for (uint32_t k = 0; k < s; k++)
	{
		uint32_t	i = mem[k];
		double	   *R = o->x + (size_t) i * m;
		KSum		ell = {0, 0};

		if (t->prod[i] > 0 || t->unk[i] > 0)
			fed = true;
		if (t->prod[i] > 0)
		{
			R[o->column[i]] += t->prod[i];
			ksum_add(&ell, t->prod[i]);
		}
		if (t->unk[i] > 0)
		{
			R[m - 1] += t->unk[i];
			ksum_add(&ell, t->unk[i]);
		}
		for (uint32_t p = t->start[i]; p < t->start[i + 1]; p++)
		{
			uint32_t	j = t->src[p];
			double		w = t->w[p];

			if (t->local[j] >= 0)
			{
				t->W[(size_t) k * s + t->local[j]] += w;
				continue;
			}
			fed = true;
			ksum_add(&ell, w);
			if (o->empty[j])
				R[m - 1] += w;	/* exports of a country without supply */
			else
			{
				const double *xj = o->x + (size_t) j * m;

				for (uint32_t c = 0; c < m; c++)
					R[c] += w * xj[c];
			}
		}
		t->ell[k] = ksum_value(&ell);
	}

	if (!fed)
	{
		/* a closed re-export loop: nothing in it has a producing origin */
		for (uint32_t k = 0; k < s; k++)
		{
			double	   *R = o->x + (size_t) mem[k] * m;

			memset(R, 0, (size_t) m * sizeof(double));
			R[m - 1] = 1;
		}
		o->trapped += s;
		goto done;
	}

	if (s > 1)
	{
		double	   *W = t->W;

		/* GTH elimination: pivots as sums of non-negative terms */
		for (uint32_t k = 0; k < s; k++)
		{
			const double *Wk = W + (size_t) k * s;
			const double *Rk = o->x + (size_t) mem[k] * m;
			double		dk = t->ell[k];

			if (t->tick)
				t->tick(t->tick_arg);
			for (uint32_t j = k + 1; j < s; j++)
				dk += Wk[j];
			if (!(dk > 0) || !isfinite(dk))
			{
				st = NET_ERR_PRECISION;
				goto done;
			}
			t->d[k] = dk;
			for (uint32_t i = k + 1; i < s; i++)
			{
				double	   *Wi = W + (size_t) i * s;
				double	   *Ri;
				double		f;

				if (Wi[k] == 0)
					continue;
				f = Wi[k] / dk;
				t->ell[i] += f * t->ell[k];
				for (uint32_t j = k + 1; j < s; j++)
					Wi[j] += f * Wk[j];
				Ri = o->x + (size_t) mem[i] * m;
				for (uint32_t c = 0; c < m; c++)
					Ri[c] += f * Rk[c];
			}
		}
		/* back substitution, in place */
		for (uint32_t k = s; k-- > 0;)
		{
			const double *Wk = W + (size_t) k * s;
			double	   *xk = o->x + (size_t) mem[k] * m;

			if (t->tick && (k & 63) == 0)
				t->tick(t->tick_arg);
			for (uint32_t j = k + 1; j < s; j++)
			{
				const double *xj;

				if (Wk[j] == 0)
					continue;
				xj = o->x + (size_t) mem[j] * m;
				for (uint32_t c = 0; c < m; c++)
					xk[c] += Wk[j] * xj[c];
			}
			for (uint32_t c = 0; c < m; c++)
				xk[c] /= t->d[k];
		}
	}
	for (uint32_t k = 0; k < s && st == NET_OK; k++)
		st = normalise(o->x + (size_t) mem[k] * m, m);
done:
	for (uint32_t k = 0; k < s; k++)
		t->local[mem[k]] = -1;
	return st;
}

void
net_shares_release(const NetAllocator *a, NetShares *s)
{
	release(a, s->origin);
	release(a, s->column);
	release(a, s->empty);
	release(a, s->x);
	memset(s, 0, sizeof(*s));
}

/*
 * Trace every country's supply to its producing origins; see the head of
 * this file.  On success out holds the shares (release them with
 * net_shares_release); on failure out is empty.
 */
NetStatus
net_trace(const TradeNetwork *net, const NetAllocator *a, NetTick tick,
		  void *tick_arg, NetShares *out)
{
	uint32_t	n = net->node_count;
	uint32_t	ne = net->edge_count;
	const NetEdge *edges = net_edges(net);
	NetStatus	st = NET_OK;
	KSum	   *pool = NULL;
	double	   *P = NULL,
			   *prod = NULL,
			   *unk = NULL,
			   *w = NULL,
			   *ell = NULL,
			   *d = NULL;
	uint32_t   *start = NULL,
			   *srcs = NULL,
			   *fill = NULL,
			   *tidx = NULL,
			   *low = NULL,
			   *stk = NULL,
			   *cs_node = NULL,
			   *cs_pos = NULL;
	int32_t    *local = NULL;
	bool	   *onstk = NULL;
	uint32_t	ninflow = 0,
				producers = 0;
	Tracer		t;

	memset(out, 0, sizeof(*out));
	memset(&t, 0, sizeof(t));
	pool = zalloc(a, n, sizeof(KSum));
	P = zalloc(a, n, sizeof(double));
	prod = zalloc(a, n, sizeof(double));
	unk = zalloc(a, n, sizeof(double));
	start = zalloc(a, (size_t) n + 1, sizeof(uint32_t));
	fill = zalloc(a, n, sizeof(uint32_t));
	if (!pool || !P || !prod || !unk || !start || !fill)
	{
		st = NET_ERR_NOMEM;
		goto fail;
	}

	/* pools and the count of named inflows of each importer */
	for (uint32_t e = 0; e < ne; e++)
	{
		const NetEdge *f = &edges[e];
		double		v = net_edge_volume(f);

		if (f->to >= n || (f->from != NET_UNKNOWN && f->from >= n) ||
			!(v >= 0) || !isfinite(v))
		{
			st = NET_ERR_CORRUPT;
			goto fail;
		}
		ksum_add(&pool[f->to], f->volume);
		ksum_add(&pool[f->to], f->volume_c);
		if (f->from == NET_UNKNOWN)
			unk[f->to] += v;	/* one edge per pair */
		else if (f->from == f->to)
			prod[f->to] += v;
		else if (v > 0)
		{
			start[f->to + 1]++;
			ninflow++;
		}
	}
	for (uint32_t i = 0; i < n; i++)
	{
		P[i] = ksum_value(&pool[i]);
		if (!isfinite(P[i]))
		{
			st = NET_ERR_OVERFLOW;
			goto fail;
		}
		if (prod[i] > 0)
			producers++;
		start[i + 1] += start[i];
	}

	out->n = n;
	out->m = producers + 1;
	if ((uint64_t) n * out->m > NET_MAX_SIZE / sizeof(double))
	{
		st = NET_ERR_TRACE_TOO_BIG;
		goto fail;
	}
	out->origin = zalloc(a, producers, sizeof(uint32_t));
	out->column = zalloc(a, n, sizeof(int64_t));
	out->empty = zalloc(a, n, sizeof(bool));
	out->x = zalloc(a, (size_t) n * out->m, sizeof(double));
	srcs = zalloc(a, ninflow, sizeof(uint32_t));
	w = zalloc(a, ninflow, sizeof(double));
	local = zalloc(a, n, sizeof(int32_t));
	ell = zalloc(a, n, sizeof(double));
	d = zalloc(a, n, sizeof(double));
	tidx = zalloc(a, n, sizeof(uint32_t));
	low = zalloc(a, n, sizeof(uint32_t));
	stk = zalloc(a, n, sizeof(uint32_t));
	cs_node = zalloc(a, n, sizeof(uint32_t));
	cs_pos = zalloc(a, n, sizeof(uint32_t));
	onstk = zalloc(a, n, sizeof(bool));
	if (!out->origin || !out->column || !out->empty || !out->x || !srcs ||
		!w || !local || !ell || !d || !tidx || !low || !stk || !cs_node ||
		!cs_pos || !onstk)
	{
		st = NET_ERR_NOMEM;
		goto fail;
	}

	producers = 0;
	for (uint32_t i = 0; i < n; i++)
	{
		out->empty[i] = !(P[i] > 0);
		out->column[i] = -1;
		if (prod[i] > 0)
		{
			out->column[i] = producers;
			out->origin[producers++] = i;
		}
		/* shares of the pool */
		if (!out->empty[i])
		{
			prod[i] /= P[i];
			unk[i] /= P[i];
		}
		local[i] = -1;
		tidx[i] = UINT32_MAX;
	}
	for (uint32_t e = 0; e < ne; e++)
	{
		const NetEdge *f = &edges[e];
		double		v = net_edge_volume(f);
		uint32_t	p;

		if (f->from == NET_UNKNOWN || f->from == f->to || !(v > 0))
			continue;
		p = start[f->to] + fill[f->to]++;
		srcs[p] = f->from;
		w[p] = v / P[f->to];
	}

	t.a = a;
	t.tick = tick;
	t.tick_arg = tick_arg;
	t.n = n;
	t.m = out->m;
	t.start = start;
	t.src = srcs;
	t.w = w;
	t.prod = prod;
	t.unk = unk;
	t.local = local;
	t.ell = ell;
	t.d = d;
	t.out = out;

	/*
	 * Iterative Tarjan over "i draws from j": a component is emitted after
	 * every component it draws from, so it can be solved at once.
	 */
	{
		uint32_t	counter = 0,
					sp = 0,
					csp = 0;

		for (uint32_t root = 0; root < n && st == NET_OK; root++)
		{
			if (tidx[root] != UINT32_MAX)
				continue;
			tidx[root] = low[root] = counter++;
			stk[sp++] = root;
			onstk[root] = true;
			cs_node[csp] = root;
			cs_pos[csp++] = start[root];
			while (csp > 0 && st == NET_OK)
			{
				uint32_t	v = cs_node[csp - 1];

				if (cs_pos[csp - 1] < start[v + 1])
				{
					uint32_t	u = srcs[cs_pos[csp - 1]++];

					if (tidx[u] == UINT32_MAX)
					{
						tidx[u] = low[u] = counter++;
						stk[sp++] = u;
						onstk[u] = true;
						cs_node[csp] = u;
						cs_pos[csp++] = start[u];
					}
					else if (onstk[u] && tidx[u] < low[v])
						low[v] = tidx[u];
					continue;
				}
				csp--;
				if (csp > 0 && low[v] < low[cs_node[csp - 1]])
					low[cs_node[csp - 1]] = low[v];
				if (low[v] == tidx[v])
				{
					uint32_t	base = sp;

					do
						onstk[stk[--base]] = false;
					while (stk[base] != v);
					st = solve_component(&t, stk + base, sp - base);
					sp = base;
				}
			}
		}
	}

fail:
	release(a, pool);
	release(a, P);
	release(a, prod);
	release(a, unk);
	release(a, start);
	release(a, fill);
	release(a, srcs);
	release(a, w);
	release(a, local);
	release(a, ell);
	release(a, d);
	release(a, tidx);
	release(a, low);
	release(a, stk);
	release(a, cs_node);
	release(a, cs_pos);
	release(a, onstk);
	release(a, t.W);
	if (st != NET_OK)
		net_shares_release(a, out);
	return st;
}

/* Sum of the shares of country i over the selected origin columns, <= 1 */
double
net_shares_sum(const NetShares *s, uint32_t i, const bool *selected)
{
	const double *x = net_shares_row(s, i);
	KSum		k = {0, 0};
	double		v;

	for (uint32_t c = 0; c < s->m; c++)
		if (selected[c])
			ksum_add(&k, x[c]);
	v = ksum_value(&k);
	return v > 1 ? 1 : v;
}

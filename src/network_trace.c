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
 * component) takes milliseconds.  Every phase counts its work and checks
 * for interrupts every RR_TRACE_STRIDE operations, so tracing any network
 * (an acyclic one of single-country components included) reacts to a
 * cancel at once.
 *
 * Plain C: no PostgreSQL headers.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "interrupt.h"
#include "ksum.h"
#include "network.h"

/* Floating-point operations between two interrupt checks (~50 us) */
#define RR_TRACE_STRIDE		65536

typedef struct Tracer
{
	const CoreAllocator *a;
	const TradeNetwork *net;
	uint32_t	n,
				m;
	uint64_t	work;			/* operations since the last check */
	uint32_t	ninflow;		/* named inflows with volume > 0 */
	uint32_t	producers;
	/* per country */
	double	   *P;				/* supply pool */
	double	   *prod;			/* production_i / P_i */
	double	   *unk;			/* unknown_i / P_i */
	uint32_t   *start;			/* CSR of "draws from": row i = importer i */
	int32_t    *local;			/* position in the current component, or -1 */
	double	   *ell;			/* per member: what leaves the component */
	double	   *d;				/* per member: GTH pivot */
	/* per inflow */
	uint32_t   *src;			/* exporter of each inflow */
	double	   *w;				/* F(j->i) / P_i */
	/* Tarjan */
	uint32_t   *tidx,
			   *low,
			   *stk,
			   *cs_node,
			   *cs_pos;
	bool	   *onstk;
	/* per component */
	double	   *W;				/* s x s, within-component draws */
	size_t		W_cap;			/* doubles allocated in W */
	NetShares  *out;
} Tracer;

/* Count ops operations; check for interrupts every RR_TRACE_STRIDE */
static inline void
tick(Tracer *t, uint64_t ops)
{
	t->work += ops;
	if (t->work >= RR_TRACE_STRIDE)
	{
		t->work = 0;
		rr_check_interrupts();
	}
}

static void *
zalloc(const CoreAllocator *a, size_t n, size_t size)
{
	if (n == 0)
		n = 1;
	if (n > NET_MAX_SIZE / size)
		return NULL;
	return a->alloc(a->arg, n * size);
}

static void
release(const CoreAllocator *a, void *p)
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

/* ---------------------------------------------------------------- */
/* Solving one strongly connected component							*/
/* ---------------------------------------------------------------- */

/* Room for the s x s within-component matrix, zeroed */
static NetStatus
component_matrix(Tracer *t, uint32_t s)
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
	return NET_OK;
}

/*
 * Right-hand sides (what flows in from production, unknown supply and the
 * components solved already), the within-component draws and the leaks of
 * the members mem[0..s).  Returns whether anything feeds the component.
 */
static bool
component_inputs(Tracer *t, const uint32_t *mem, uint32_t s)
{
	NetShares  *o = t->out;
	uint32_t	m = t->m;
	bool		fed = false;

	for (uint32_t k = 0; k < s; k++)
	{
		uint32_t	i = mem[k];
		double	   *R = o->x + (size_t) i * m;
		KSum		ell = {0, 0};

		tick(t, 1);
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
				tick(t, 1);
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
			tick(t, m);
		}
		t->ell[k] = ksum_value(&ell);
	}
	return fed;
}

/* A closed re-export loop: nothing in it has a producing origin */
static void
component_trapped(Tracer *t, const uint32_t *mem, uint32_t s)
{
	NetShares  *o = t->out;

	for (uint32_t k = 0; k < s; k++)
	{
		double	   *R = o->x + (size_t) mem[k] * t->m;

		tick(t, t->m);
		memset(R, 0, (size_t) t->m * sizeof(double));
		R[t->m - 1] = 1;
	}
	o->trapped += s;
}

/*
 * GTH elimination over the component: pivots as sums of non-negative
 * terms, never as 1 - (sum of outflows)
 */
static NetStatus
component_eliminate(Tracer *t, const uint32_t *mem, uint32_t s)
{
	NetShares  *o = t->out;
	uint32_t	m = t->m;
	double	   *W = t->W;

	for (uint32_t k = 0; k < s; k++)
	{
		const double *Wk = W + (size_t) k * s;
		const double *Rk = o->x + (size_t) mem[k] * m;
		double		dk = t->ell[k];

		tick(t, s);
		for (uint32_t j = k + 1; j < s; j++)
			dk += Wk[j];
		if (!(dk > 0) || !isfinite(dk))
			return NET_ERR_PRECISION;
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
			tick(t, (uint64_t) s + m);
		}
	}
	return NET_OK;
}

/* Back substitution after the elimination, in place */
static void
component_back_substitute(Tracer *t, const uint32_t *mem, uint32_t s)
{
	NetShares  *o = t->out;
	uint32_t	m = t->m;

	for (uint32_t k = s; k-- > 0;)
	{
		const double *Wk = t->W + (size_t) k * s;
		double	   *xk = o->x + (size_t) mem[k] * m;

		tick(t, s);
		for (uint32_t j = k + 1; j < s; j++)
		{
			const double *xj;

			if (Wk[j] == 0)
				continue;
			xj = o->x + (size_t) mem[j] * m;
			for (uint32_t c = 0; c < m; c++)
				xk[c] += Wk[j] * xj[c];
			tick(t, m);
		}
		for (uint32_t c = 0; c < m; c++)
			xk[c] /= t->d[k];
	}
}

/*
 * Solve the component mem[0..s): its suppliers outside are solved already.
 * Member rows of out->x serve as the right-hand sides, then the solution.
 */
static NetStatus
solve_component(Tracer *t, const uint32_t *mem, uint32_t s)
{
	NetShares  *o = t->out;
	NetStatus	st = NET_OK;

	if (s == 1 && o->empty[mem[0]])
		return NET_OK;			/* no supply: a row of zeros */
	o->sccs++;
	if (s > o->largest_scc)
		o->largest_scc = s;
	if (s > 1 && (st = component_matrix(t, s)) != NET_OK)
		return st;
	for (uint32_t k = 0; k < s; k++)
		t->local[mem[k]] = (int32_t) k;

	if (!component_inputs(t, mem, s))
		component_trapped(t, mem, s);
	else
	{
		if (s > 1 && (st = component_eliminate(t, mem, s)) == NET_OK)
			component_back_substitute(t, mem, s);
		for (uint32_t k = 0; k < s && st == NET_OK; k++)
		{
			tick(t, t->m);
			st = normalise(o->x + (size_t) mem[k] * t->m, t->m);
		}
	}
	for (uint32_t k = 0; k < s; k++)
		t->local[mem[k]] = -1;
	return st;
}

/* ---------------------------------------------------------------- */
/* The phases of net_trace											*/
/* ---------------------------------------------------------------- */

/*
 * Phase 1: every country's supply pool (compensated), production and
 * unknown supply, and the count of named inflows of each importer
 */
static NetStatus
trace_pools(Tracer *t)
{
	const NetEdge *edges = net_edges(t->net);
	uint32_t	n = t->n;
	KSum	   *pool = zalloc(t->a, n, sizeof(KSum));
	NetStatus	st = NET_OK;

	t->P = zalloc(t->a, n, sizeof(double));
	t->prod = zalloc(t->a, n, sizeof(double));
	t->unk = zalloc(t->a, n, sizeof(double));
	t->start = zalloc(t->a, (size_t) n + 1, sizeof(uint32_t));
	if (!pool || !t->P || !t->prod || !t->unk || !t->start)
		st = NET_ERR_NOMEM;
	for (uint32_t e = 0; e < t->net->edge_count && st == NET_OK; e++)
	{
		const NetEdge *f = &edges[e];
		double		v = net_edge_volume(f);

		tick(t, 1);
		if (f->to >= n || (f->from != NET_UNKNOWN && f->from >= n) ||
			!(v >= 0) || !isfinite(v))
			st = NET_ERR_CORRUPT;
		else
		{
			ksum_add(&pool[f->to], f->volume);
			ksum_add(&pool[f->to], f->volume_c);
			if (f->from == NET_UNKNOWN)
				t->unk[f->to] += v; /* one edge per pair */
			else if (f->from == f->to)
				t->prod[f->to] += v;
			else if (v > 0)
			{
				t->start[f->to + 1]++;
				t->ninflow++;
			}
		}
	}
	for (uint32_t i = 0; i < n && st == NET_OK; i++)
	{
		t->P[i] = ksum_value(&pool[i]);
		if (!isfinite(t->P[i]))
			st = NET_ERR_OVERFLOW;
		if (t->prod[i] > 0)
			t->producers++;
		t->start[i + 1] += t->start[i];
	}
	release(t->a, pool);
	return st;
}

/* Phase 2: the result and the scratch space of the solver */
static NetStatus
trace_allocate(Tracer *t)
{
	NetShares  *out = t->out;
	uint32_t	n = t->n;

	out->n = n;
	out->m = t->m = t->producers + 1;
	if ((uint64_t) n * out->m > NET_MAX_SIZE / sizeof(double))
		return NET_ERR_TRACE_TOO_BIG;
	out->origin = zalloc(t->a, t->producers, sizeof(uint32_t));
	out->column = zalloc(t->a, n, sizeof(int64_t));
	out->empty = zalloc(t->a, n, sizeof(bool));
	out->x = zalloc(t->a, (size_t) n * out->m, sizeof(double));
	t->src = zalloc(t->a, t->ninflow, sizeof(uint32_t));
	t->w = zalloc(t->a, t->ninflow, sizeof(double));
	t->local = zalloc(t->a, n, sizeof(int32_t));
	t->ell = zalloc(t->a, n, sizeof(double));
	t->d = zalloc(t->a, n, sizeof(double));
	t->tidx = zalloc(t->a, n, sizeof(uint32_t));
	t->low = zalloc(t->a, n, sizeof(uint32_t));
	t->stk = zalloc(t->a, n, sizeof(uint32_t));
	t->cs_node = zalloc(t->a, n, sizeof(uint32_t));
	t->cs_pos = zalloc(t->a, n, sizeof(uint32_t));
	t->onstk = zalloc(t->a, n, sizeof(bool));
	if (!out->origin || !out->column || !out->empty || !out->x || !t->src ||
		!t->w || !t->local || !t->ell || !t->d || !t->tidx || !t->low ||
		!t->stk || !t->cs_node || !t->cs_pos || !t->onstk)
		return NET_ERR_NOMEM;
	return NET_OK;
}

/*
 * Phase 3: origin columns, shares of each pool, and the inflows of each
 * importer as weights F(j->i) / P_i in CSR form
 */
static NetStatus
trace_inflows(Tracer *t)
{
	NetShares  *out = t->out;
	const NetEdge *edges = net_edges(t->net);
	uint32_t   *fill = zalloc(t->a, t->n, sizeof(uint32_t));
	uint32_t	producers = 0;

	if (fill == NULL)
		return NET_ERR_NOMEM;
	for (uint32_t i = 0; i < t->n; i++)
	{
		tick(t, 1);
		out->empty[i] = !(t->P[i] > 0);
		out->column[i] = -1;
		if (t->prod[i] > 0)
		{
			out->column[i] = producers;
			out->origin[producers++] = i;
		}
		if (!out->empty[i])
		{
			t->prod[i] /= t->P[i];
			t->unk[i] /= t->P[i];
		}
		t->local[i] = -1;
		t->tidx[i] = UINT32_MAX;
	}
	for (uint32_t e = 0; e < t->net->edge_count; e++)
	{
		const NetEdge *f = &edges[e];
		double		v = net_edge_volume(f);
		uint32_t	p;

		tick(t, 1);
		if (f->from == NET_UNKNOWN || f->from == f->to || !(v > 0))
			continue;
		p = t->start[f->to] + fill[f->to]++;
		t->src[p] = f->from;
		t->w[p] = v / t->P[f->to];
	}
	release(t->a, fill);
	return NET_OK;
}

/*
 * Phase 4: iterative Tarjan over "i draws from j".  A component is emitted
 * after every component it draws from, so it is solved at once.
 */
static NetStatus
trace_components(Tracer *t)
{
	uint32_t	counter = 0,
				sp = 0,
				csp = 0;
	uint32_t   *tidx = t->tidx,
			   *low = t->low,
			   *stk = t->stk,
			   *cs_node = t->cs_node,
			   *cs_pos = t->cs_pos;
	bool	   *onstk = t->onstk;
	NetStatus	st = NET_OK;

	for (uint32_t root = 0; root < t->n && st == NET_OK; root++)
	{
		if (tidx[root] != UINT32_MAX)
			continue;
		tidx[root] = low[root] = counter++;
		stk[sp++] = root;
		onstk[root] = true;
		cs_node[csp] = root;
		cs_pos[csp++] = t->start[root];
		while (csp > 0 && st == NET_OK)
		{
			uint32_t	v = cs_node[csp - 1];

			tick(t, 1);
			if (cs_pos[csp - 1] < t->start[v + 1])
			{
				uint32_t	u = t->src[cs_pos[csp - 1]++];

				if (tidx[u] == UINT32_MAX)
				{
					tidx[u] = low[u] = counter++;
					stk[sp++] = u;
					onstk[u] = true;
					cs_node[csp] = u;
					cs_pos[csp++] = t->start[u];
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
				st = solve_component(t, stk + base, sp - base);
				sp = base;
			}
		}
	}
	return st;
}

/* The scratch space of every phase */
static void
tracer_release(Tracer *t)
{
	void	   *scratch[] = {t->P, t->prod, t->unk, t->start, t->local, t->ell,
		t->d, t->src, t->w, t->tidx, t->low, t->stk, t->cs_node, t->cs_pos,
	t->onstk, t->W};

	for (size_t i = 0; i < sizeof(scratch) / sizeof(scratch[0]); i++)
		release(t->a, scratch[i]);
}

void
net_shares_release(const CoreAllocator *a, NetShares *s)
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
 * net_shares_release); on failure out is empty.  Checks for interrupts
 * through rr_check_interrupts(), which may not return: all memory comes
 * from a.
 */
NetStatus
net_trace(const TradeNetwork *net, const CoreAllocator *a, NetShares *out)
{
	Tracer		t;
	NetStatus	st;

	memset(out, 0, sizeof(*out));
	memset(&t, 0, sizeof(t));
	t.a = a;
	t.net = net;
	t.n = net->node_count;
	t.out = out;
	st = trace_pools(&t);
	if (st == NET_OK)
		st = trace_allocate(&t);
	if (st == NET_OK)
		st = trace_inflows(&t);
	if (st == NET_OK)
		st = trace_components(&t);
	tracer_release(&t);
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

/*
 * network_unit.c
 *		Unit tests of the trade network and origin tracing (src/network.c):
 *		hand-computed exact answers (chains, a diamond, re-export loops with
 *		and without production, self-loops, zero flows, countries without
 *		supply), extreme magnitudes, building and merging in any order, the
 *		canonical form and JSON output, validation, and random networks
 *		checked against a brute-force power iteration.
 *
 * Prints "N passed, M failed" and exits non-zero on any failure.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "unit.h"

#include "network.h"

static const CoreAllocator A = {unit_alloc, unit_release, NULL};

static TradeNetwork *
new_net(void)
{
	NetStatus	st;
	TradeNetwork *n = net_create(&A, &st);

	if (n == NULL)
	{
		printf("net_create: %s\n", net_status_message(st));
		exit(2);
	}
	return n;
}

/* add a flow; exporter NULL = unknown origin */
static void
flow(TradeNetwork **n, const char *from, const char *to, double v)
{
	NetStatus	st = net_add(n, &A, from, from ? strlen(from) : 0, to,
							 strlen(to), v);

	CHECK(st == NET_OK, "net_add(%s, %s, %g): %s", from ? from : "NULL", to, v,
		  net_status_message(st));
}

static NetShares
trace(const TradeNetwork *n)
{
	NetShares	s;
	NetStatus	st = net_trace(n, &A, &s);

	CHECK(st == NET_OK, "net_trace: %s", net_status_message(st));
	return s;
}

/* share of origin (NULL = unattributed) in country's pool; NAN if absent */
static double
share(const TradeNetwork *n, const NetShares *s, const char *country,
	  const char *origin)
{
	int64_t		i = net_find(n, country, strlen(country));
	int64_t		c;

	if (i < 0)
		return NAN;
	if (origin == NULL)
		c = s->m - 1;
	else
	{
		int64_t		o = net_find(n, origin, strlen(origin));

		if (o < 0 || s->column[o] < 0)
			return 0;
		c = s->column[o];
	}
	return net_shares_row(s, (uint32_t) i)[c];
}

static void
expect(const TradeNetwork *n, const NetShares *s, const char *country,
	   const char *origin, double want, const char *what)
{
	double		got = share(n, s, country, origin);

	CHECK(fabs(got - want) <= 4e-16 * fmax(1, want) + 1e-300,
		  "%s: share of %s in %s = %.17g, want %.17g", what,
		  origin ? origin : "NULL", country, got, want);
}

/* every non-empty row sums to 1, every share in [0,1] */
static void
check_rows(const NetShares *s, const char *what)
{
	for (uint32_t i = 0; i < s->n; i++)
	{
		double		sum = 0;
		bool		ok = true;

		for (uint32_t c = 0; c < s->m; c++)
		{
			double		x = net_shares_row(s, i)[c];

			ok &= (x >= 0 && x <= 1);
			sum += x;
		}
		CHECK(ok, "%s: row %u has a share outside [0,1]", what, i);
		if (s->empty[i])
			CHECK(sum == 0, "%s: empty row %u sums to %g", what, i, sum);
		else
			CHECK(fabs(sum - 1) <= 1e-14, "%s: row %u sums to %.17g", what, i, sum);
	}
}

static void
test_small(void)
{
	TradeNetwork *n;
	NetShares	s;

	/* chain: A produces 100 and sends 50 to B, which produces 50; B sends
	 * 10 to C (no production): B and C are half A, half B */
	n = new_net();
	flow(&n, "A", "A", 100);
	flow(&n, "A", "B", 50);
	flow(&n, "B", "B", 50);
	flow(&n, "B", "C", 10);
	s = trace(n);
	expect(n, &s, "A", "A", 1, "chain");
	expect(n, &s, "B", "A", 0.5, "chain");
	expect(n, &s, "B", "B", 0.5, "chain");
	expect(n, &s, "C", "A", 0.5, "chain");
	expect(n, &s, "C", "B", 0.5, "chain");
	expect(n, &s, "C", NULL, 0, "chain");
	check_rows(&s, "chain");
	CHECK(s.m == 3, "chain: %u origins", s.m);
	net_shares_release(&A, &s);
	free(n);

	/* diamond: S (100) -> L 40, R 60; L produces 40; L, R -> T 20 each */
	n = new_net();
	flow(&n, "S", "S", 100);
	flow(&n, "S", "L", 40);
	flow(&n, "S", "R", 60);
	flow(&n, "L", "L", 40);
	flow(&n, "L", "T", 20);
	flow(&n, "R", "T", 20);
	s = trace(n);
	expect(n, &s, "L", "S", 0.5, "diamond");
	expect(n, &s, "R", "S", 1, "diamond");
	expect(n, &s, "T", "S", 0.75, "diamond");
	expect(n, &s, "T", "L", 0.25, "diamond");
	check_rows(&s, "diamond");
	net_shares_release(&A, &s);
	free(n);

	/* pure re-export loop: A <-> B, C imports from A: all unattributed */
	n = new_net();
	flow(&n, "A", "B", 10);
	flow(&n, "B", "A", 10);
	flow(&n, "A", "C", 5);
	s = trace(n);
	expect(n, &s, "A", NULL, 1, "loop");
	expect(n, &s, "B", NULL, 1, "loop");
	expect(n, &s, "C", NULL, 1, "loop");
	CHECK(s.trapped == 2, "loop: %u trapped", s.trapped);
	CHECK(s.m == 1, "loop: %u origins", s.m);
	check_rows(&s, "loop");
	net_shares_release(&A, &s);
	free(n);

	/* loop with production: A produces 10, A <-> B 10: all from A */
	n = new_net();
	flow(&n, "A", "A", 10);
	flow(&n, "A", "B", 10);
	flow(&n, "B", "A", 10);
	s = trace(n);
	expect(n, &s, "A", "A", 1, "loop with production");
	expect(n, &s, "B", "A", 1, "loop with production");
	CHECK(s.trapped == 0, "loop with production: %u trapped", s.trapped);
	net_shares_release(&A, &s);
	/* ... and unknown-origin supply 10 into B: A 2/3 A, B 1/3 A */
	flow(&n, NULL, "B", 10);
	s = trace(n);
	expect(n, &s, "A", "A", 2.0 / 3, "loop with unknown");
	expect(n, &s, "A", NULL, 1.0 / 3, "loop with unknown");
	expect(n, &s, "B", "A", 1.0 / 3, "loop with unknown");
	expect(n, &s, "B", NULL, 2.0 / 3, "loop with unknown");
	check_rows(&s, "loop with unknown");
	net_shares_release(&A, &s);
	free(n);

	/* three-country loop fed from outside at one point */
	n = new_net();
	flow(&n, "P", "P", 30);
	flow(&n, "P", "X", 30);
	flow(&n, "X", "Y", 60);
	flow(&n, "Y", "Z", 60);
	flow(&n, "Z", "X", 30);
	s = trace(n);
	expect(n, &s, "X", "P", 1, "fed loop");
	expect(n, &s, "Z", "P", 1, "fed loop");
	net_shares_release(&A, &s);
	free(n);

	/* a loop fed only by another closed loop: both unattributed */
	n = new_net();
	flow(&n, "A", "B", 1);
	flow(&n, "B", "A", 1);
	flow(&n, "A", "C", 1);
	flow(&n, "C", "D", 1);
	flow(&n, "D", "C", 1);
	flow(&n, "Q", "Q", 1);
	flow(&n, "Q", "D", 1);
	s = trace(n);
	/* C: half from the closed loop (unattributed), half from D, which is
	 * half C and half Q: x_C = (2/3 NULL, 1/3 Q) */
	expect(n, &s, "C", NULL, 2.0 / 3, "loop of loops");
	expect(n, &s, "C", "Q", 1.0 / 3, "loop of loops");
	expect(n, &s, "A", NULL, 1, "loop of loops");
	CHECK(s.trapped == 2, "loop of loops: %u trapped", s.trapped);
	check_rows(&s, "loop of loops");
	net_shares_release(&A, &s);
	free(n);

	/* exporter without supply, zero flows, a country with only zero flows */
	n = new_net();
	flow(&n, "E", "F", 10);
	flow(&n, "F", "F", 10);
	flow(&n, "G", "H", 0);
	flow(&n, "H", "H", 0);
	s = trace(n);
	expect(n, &s, "F", NULL, 0.5, "exporter without supply");
	expect(n, &s, "F", "F", 0.5, "exporter without supply");
	CHECK(s.empty[net_find(n, "E", 1)], "E has no supply");
	CHECK(s.empty[net_find(n, "G", 1)], "G has no supply");
	CHECK(s.empty[net_find(n, "H", 1)], "H has no supply (zero production)");
	CHECK(s.m == 2, "zero production is no origin: %u", s.m);
	check_rows(&s, "zero flows");
	net_shares_release(&A, &s);
	free(n);

	/* the empty network */
	n = new_net();
	s = trace(n);
	CHECK(s.n == 0 && s.m == 1, "empty network: %u %u", s.n, s.m);
	net_shares_release(&A, &s);
	free(n);
}

/* the "Vietnam" example: theta of a conduit */
static void
test_theta(void)
{
	TradeNetwork *n = new_net();
	NetShares	s;
	bool		sel[8] = {0};
	int64_t		vnm,
				chn;

	flow(&n, "CHN", "CHN", 270);
	flow(&n, "CHN", "VNM", 6);
	flow(&n, "VNM", "VNM", 2);
	flow(&n, "AUS", "AUS", 13);
	flow(&n, "AUS", "MYS", 10);
	flow(&n, "CHN", "MYS", 10);
	flow(&n, "VNM", "JPN", 4);
	flow(&n, "MYS", "JPN", 8);
	s = trace(n);
	vnm = net_find(n, "VNM", 3);
	chn = net_find(n, "CHN", 3);
	sel[s.column[chn]] = true;
	CHECK(net_shares_sum(&s, (uint32_t) vnm, sel) == 0.75, "theta VNM = %g",
		  net_shares_sum(&s, (uint32_t) vnm, sel));
	/* JPN: 4 from VNM (0.75 CHN) + 8 from MYS (0.5 CHN) = 7/12 */
	CHECK(fabs(net_shares_sum(&s, (uint32_t) net_find(n, "JPN", 3), sel) - 7.0 / 12) < 1e-15,
		  "theta JPN");
	net_shares_release(&A, &s);
	free(n);
}

/* magnitudes: a loop of 1e13 fed by 1e-3 of production is all that producer */
static void
test_extremes(void)
{
	TradeNetwork *n = new_net();
	NetShares	s;

	flow(&n, "A", "A", 1e-3);
	flow(&n, "A", "B", 1e13);
	flow(&n, "B", "A", 1e13);
	flow(&n, "B", "C", 1e13);
	flow(&n, "C", "A", 1e13);
	s = trace(n);
	expect(n, &s, "A", "A", 1, "tiny leak");
	expect(n, &s, "B", "A", 1, "tiny leak");
	expect(n, &s, "C", "A", 1, "tiny leak");
	net_shares_release(&A, &s);

	/* and a little unknown supply next to it: exact ratio survives */
	flow(&n, NULL, "C", 1e-3);
	s = trace(n);
	expect(n, &s, "A", "A", 0.5, "tiny leak, unknown");
	expect(n, &s, "A", NULL, 0.5, "tiny leak, unknown");
	net_shares_release(&A, &s);
	free(n);

	/* volumes 1e-150 and 1e150 in one network: a share of 1e-300 */
	n = new_net();
	flow(&n, "A", "A", 1e150);
	flow(&n, "B", "B", 1e-150);
	flow(&n, "A", "C", 1e150);
	flow(&n, "B", "C", 1e-150);
	s = trace(n);
	expect(n, &s, "C", "A", 1, "1e150");
	CHECK(fabs(share(n, &s, "C", "B") / 1e-300 - 1) < 1e-15, "a share of 1e-300 is kept: %g",
		  share(n, &s, "C", "B"));
	net_shares_release(&A, &s);
	/* a share of 1e-600 is not a double: it rounds to 0, the row still sums to 1 */
	flow(&n, "A", "A", 1e300);
	flow(&n, "A", "C", 1e300);
	flow(&n, "B", "C", 1e-300);
	s = trace(n);
	CHECK(share(n, &s, "C", "B") == 0, "1e-600 underflows to 0");
	check_rows(&s, "1e300");
	net_shares_release(&A, &s);
	free(n);
}

static void
test_errors(void)
{
	TradeNetwork *n = new_net();
	char		longkey[NET_MAX_KEY_LEN + 2];

	memset(longkey, 'x', sizeof(longkey));
	CHECK(net_add(&n, &A, "A", 1, "B", 1, -1) == NET_ERR_NEGATIVE, "negative");
	CHECK(net_add(&n, &A, "A", 1, "B", 1, NAN) == NET_ERR_NAN, "nan");
	CHECK(net_add(&n, &A, "A", 1, "B", 1, INFINITY) == NET_ERR_INFINITE, "inf");
	CHECK(net_add(&n, &A, "", 0, "B", 1, 1) == NET_ERR_KEY_EMPTY, "empty exporter");
	CHECK(net_add(&n, &A, "A", 1, "", 0, 1) == NET_ERR_KEY_EMPTY, "empty importer");
	CHECK(net_add(&n, &A, longkey, NET_MAX_KEY_LEN + 1, "B", 1, 1) == NET_ERR_KEY_TOO_LONG,
		  "long key");
	CHECK(net_add(&n, &A, longkey, NET_MAX_KEY_LEN, "B", 1, 1) == NET_OK, "1024 bytes");
	CHECK(net_add(&n, &A, "A", 1, "B", 1, 1e308) == NET_OK, "big");
	CHECK(net_add(&n, &A, "A", 1, "B", 1, 1e308) == NET_ERR_OVERFLOW, "overflow");
	free(n);

	/* a pool that overflows although every flow is finite */
	n = new_net();
	flow(&n, "A", "C", 1e308);
	flow(&n, "B", "C", 1e308);
	{
		NetShares	s;

		CHECK(net_trace(n, &A, &s) == NET_ERR_OVERFLOW, "pool overflow");
	}
	free(n);
}

/* canonical form: independent of insertion order and of merging */
static void
test_canonical(void)
{
	static const char *const c[] = {"CHN", "VNM", "MYS", "AUS", "JPN", "a-much-longer-country-code", "É"};
	TradeNetwork *x = new_net(),
			   *y = new_net(),
			   *h1 = new_net(),
			   *h2 = new_net(),
			   *cx,
			   *cy,
			   *cm;
	NetStatus	st;
	char	   *jx,
			   *jy;
	size_t		lx,
				ly;
	int			rows = 400;

	for (int i = 0; i < rows; i++)
	{
		int			f = (int) (mix64(i) % 8),
					t = (int) (mix64(i + 7777) % 7);
		double		v = (double) (mix64(i + 99) % 1000);
		int			r = rows - 1 - i;
		int			rf = (int) (mix64(r) % 8),
					rt = (int) (mix64(r + 7777) % 7);
		double		rv = (double) (mix64(r + 99) % 1000);

		flow(&x, f == 7 ? NULL : c[f], c[t], v);
		flow(&y, rf == 7 ? NULL : c[rf], c[rt], rv);
		flow(i % 2 ? &h1 : &h2, f == 7 ? NULL : c[f], c[t], v);
	}
	cx = net_canonical(x, &A, &st);
	cy = net_canonical(y, &A, &st);
	CHECK(net_merge(&h1, &A, h2) == NET_OK, "merge");
	cm = net_canonical(h1, &A, &st);
	CHECK(net_size(cx) == net_size(cy) && memcmp(cx, cy, net_size(cx)) == 0,
		  "canonical form independent of row order");
	CHECK(net_size(cx) == net_size(cm) && memcmp(cx, cm, net_size(cx)) == 0,
		  "canonical form of a merge equals the whole");
	CHECK(net_validate(cx, net_size(cx)) == NET_OK, "canonical validates");
	CHECK(net_validate(x, net_size(x)) == NET_OK, "building validates");
	jx = net_to_json(x, &A, &lx);
	jy = net_to_json(cy, &A, &ly);
	CHECK(lx == ly && strcmp(jx, jy) == 0, "same JSON");
	CHECK(strncmp(jx, "{\"production\": {\"AUS\": ", 23) == 0, "JSON starts: %.60s", jx);
	free(jx);
	free(jy);

	/* merging into a canonical network converts it back to building form */
	{
		TradeNetwork *z = net_canonical(x, &A, &st);

		flow(&z, "NEW", "CHN", 1);
		CHECK(net_find(z, "NEW", 3) >= 0 && net_find(z, "CHN", 3) >= 0, "add to canonical");
		CHECK(net_validate(z, net_size(z)) == NET_OK, "regrown validates");
		free(z);
	}

	/* corruptions are detected */
	{
		size_t		sz = net_size(cx);
		TradeNetwork *b = malloc(sz);

		memcpy(b, cx, sz);
		net_edges(b)[0].to = 999;
		CHECK(net_validate(b, sz) == NET_ERR_CORRUPT, "bad node index");
		memcpy(b, cx, sz);
		net_edges(b)[1].volume = -5;
		CHECK(net_validate(b, sz) == NET_ERR_CORRUPT, "negative volume");
		memcpy(b, cx, sz);
		b->version = 9;
		CHECK(net_validate(b, sz) == NET_ERR_CORRUPT, "version");
		memcpy(b, cx, sz);
		CHECK(net_validate(b, sz - 8) == NET_ERR_CORRUPT, "size");
		memcpy(b, cx, sz);
		{
			NetNode		t = net_nodes(b)[0];

			net_nodes(b)[0] = net_nodes(b)[1];
			net_nodes(b)[1] = t;
		}
		CHECK(net_validate(b, sz) == NET_ERR_CORRUPT, "order");
		free(b);
	}
	free(x);
	free(y);
	free(h1);
	free(h2);
	free(cx);
	free(cy);
	free(cm);
}

/*
 * Brute force: x <- (b + A x) from x = 0 converges to the absorption
 * probabilities at the real origins and the unknown/empty sources; the
 * deficit 1 - sum is the loop leak, which net_trace reports under NULL.
 */
static void
brute(const TradeNetwork *n, const NetShares *s, double *x)
{
	uint32_t	nn = n->node_count,
				m = s->m;
	double	   *P = calloc(nn, sizeof(double));
	double	   *nx = calloc((size_t) nn * m, sizeof(double));

	for (uint32_t e = 0; e < n->edge_count; e++)
		P[net_edges(n)[e].to] += net_edge_volume(&net_edges(n)[e]);
	memset(x, 0, (size_t) nn * m * sizeof(double));
	for (int it = 0; it < 200000; it++)
	{
		double		delta = 0;

		memset(nx, 0, (size_t) nn * m * sizeof(double));
		for (uint32_t e = 0; e < n->edge_count; e++)
		{
			const NetEdge *f = &net_edges(n)[e];
			double		v = net_edge_volume(f);
			double	   *r = nx + (size_t) f->to * m;

			if (!(P[f->to] > 0))
				continue;
			if (f->from == NET_UNKNOWN)
				r[m - 1] += v / P[f->to];
			else if (f->from == f->to)
			{
				if (v > 0)
					r[s->column[f->to]] += v / P[f->to];
			}
			else if (!(P[f->from] > 0))
				r[m - 1] += v / P[f->to];
			else
				for (uint32_t c = 0; c < m; c++)
					r[c] += v / P[f->to] * x[(size_t) f->from * m + c];
		}
		for (size_t k = 0; k < (size_t) nn * m; k++)
		{
			delta = fmax(delta, fabs(nx[k] - x[k]));
			x[k] = nx[k];
		}
		if (delta < 1e-17)
			break;
	}
	for (uint32_t i = 0; i < nn; i++)
	{
		double		sum = 0;

		if (!(P[i] > 0))
			continue;
		for (uint32_t c = 0; c < m; c++)
			sum += x[(size_t) i * m + c];
		x[(size_t) i * m + m - 1] += 1 - sum;	/* the loop leak */
	}
	free(P);
	free(nx);
}

static void
test_random(void)
{
	int			bad = 0;
	double		worst = 0;

	for (uint64_t seed = 1; seed <= 400; seed++)
	{
		uint32_t	nc = 1 + (uint32_t) (unif(seed, 0) * 9);
		double		density = unif(seed, 1);
		double		pprod = unif(seed, 2) * 0.6;
		TradeNetwork *n = new_net();
		NetShares	s;
		double	   *x;
		char		name[10][16];

		for (uint32_t i = 0; i < nc; i++)
			snprintf(name[i], sizeof(name[i]), "C%u", i);
		for (uint32_t i = 0; i < nc; i++)
		{
			if (unif(seed, 10 + i) < pprod)
				flow(&n, name[i], name[i], unif(seed, 20 + i) < 0.2 ? 0 : 1 + 99 * unif(seed, 30 + i));
			if (unif(seed, 40 + i) < 0.1)
				flow(&n, NULL, name[i], 5 * unif(seed, 50 + i));
			for (uint32_t j = 0; j < nc; j++)
				if (i != j && unif(seed, 100 + i * 10 + j) < density)
					flow(&n, name[i], name[j],
						 unif(seed, 200 + i * 10 + j) < 0.1 ? 0 : 0.5 + 50 * unif(seed, 300 + i * 10 + j));
		}
		s = trace(n);
		check_rows(&s, "random");
		x = calloc((size_t) s.n * s.m + 1, sizeof(double));
		brute(n, &s, x);
		for (size_t k = 0; k < (size_t) s.n * s.m; k++)
		{
			double		d = fabs(x[k] - s.x[k]);

			worst = fmax(worst, d);
			if (d > 1e-9)
				bad++;
		}
		free(x);
		net_shares_release(&A, &s);
		free(n);
	}
	CHECK(bad == 0, "random networks: %d shares differ from brute force (worst %g)", bad, worst);
}

/* a world-size network: 250 countries, 30,000 flows */
static void
test_world(void)
{
	TradeNetwork *n = new_net();
	NetShares	s;
	NetStatus	st;
	char		a[8],
				b[8];
	struct timespec t0,
				t1;
	uint32_t	edges = 0;

	for (uint64_t i = 0; edges < 30000; i++)
	{
		uint32_t	f = (uint32_t) (mix64(i) % 250),
					t = (uint32_t) (mix64(i + 1000000) % 250);

		if (f == t)
			continue;
		snprintf(a, sizeof(a), "C%03u", f);
		snprintf(b, sizeof(b), "C%03u", t);
		flow(&n, a, b, pow(10, 6 * unif(7, i)));
		edges = n->edge_count;
	}
	for (uint32_t i = 0; i < 250; i += 3)
	{
		snprintf(a, sizeof(a), "C%03u", i);
		flow(&n, a, a, pow(10, 7 * unif(8, i)));
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	st = net_trace(n, &A, &s);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	CHECK(st == NET_OK, "world trace: %s", net_status_message(st));
	if (st == NET_OK)
	{
		check_rows(&s, "world");
		CHECK(s.largest_scc == 250, "world: one giant component (%u)", s.largest_scc);
		printf("world network: %u countries, %u flows, %u origins traced in %.1f ms (under sanitizers)\n",
			   s.n, n->edge_count, s.m,
			   (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6);
		net_shares_release(&A, &s);
	}
	free(n);
}

int
main(void)
{
	test_small();
	test_theta();
	test_extremes();
	test_errors();
	test_canonical();
	test_random();
	test_world();
	return unit_report("network");
}

/*
 * roundtrip_unit.c
 *		Property test of the round trip: random values of every type and
 *		aggregate state -- supply mixes (volumes, spare, risk, k), trade
 *		networks, embargo scenarios and states -- built by the same builders
 *		as the aggregates, with extreme numbers (0, 5e-324, the smallest
 *		normal and its neighbours, 1e308, the largest double, compensated
 *		sums with a low part) and codes of every length up to the limit
 *		(multibyte, quotes, backslashes, control characters).  Each is
 *		written in text and in binary and read back: the text is identical,
 *		the binary form identical, and the value reads without error.
 */
#include <float.h>
#include <math.h>
#include <string.h>

#include "embargo_io.h"
#include "mix_builder.h"
#include "mix_text.h"
#include "network.h"
#include "unit.h"

static const CoreAllocator A = {unit_alloc, unit_release, NULL};
static const CoreAllocator NA = {unit_alloc, unit_release, NULL};

static uint64_t rng = 12345;

static uint64_t
next(void)
{
	return mix64(rng++);
}

/* A number from the edges of the double range, or an ordinary one */
static double
edge_value(double scale_max)
{
	static const double edges[] = {0, 5e-324, 1e-323, DBL_MIN, 2.225073858507201e-308,
		2.2250738585072019e-308, 1e-300, 0.1, 0.30000000000000004, 1, 1e13,
	1e300, 1e308};
	uint64_t	r = next();
	double		v;

	switch (r % 4)
	{
		case 0:
			v = edges[(r >> 8) % (sizeof(edges) / sizeof(edges[0]))];
			break;
		case 1:
			v = nextafter(edges[(r >> 8) % (sizeof(edges) / sizeof(edges[0]))], INFINITY);
			break;
		case 2:
			v = unif(r, 1) * 1000;
			break;
		default:
			v = ldexp(unif(r, 2), (int) ((r >> 16) % 2000) - 1060);
	}
	return v > scale_max ? scale_max : v;
}

/* A code of 1..max bytes, no zero byte: short, long, multibyte, escapes */
static size_t
random_code(char *buf, size_t max)
{
	static const char *const pieces[] = {"CHN", "é", "ü", "\"", "\\", "\t", "\n", "\x01", "x", "S1", "/"};
	uint64_t	r = next();
	size_t		len = 0,
				want = r % 8 == 0 && max > 8 ? max - (r >> 8) % 8 : 1 + (r >> 8) % (max < 12 ? max : 12);

	while (len < want)
	{
		const char *p = pieces[next() % (sizeof(pieces) / sizeof(pieces[0]))];
		size_t		n = strlen(p);

		if (len + n > want)
			break;
		memcpy(buf + len, p, n);
		len += n;
	}
	if (len == 0)
		buf[len++] = 'A';
	return len;
}

static void
mix_round_trip(int round)
{
	MixBuilder	b;
	MixStatus	st = MIX_OK;
	int			n = (int) (next() % 40);
	bool		spare = next() % 2,
				risk = next() % 3 == 0;
	double		cap = 1e308 / 64;
	char		key[MIX_MAX_KEY_LEN];
	Mix		   *m,
			   *back;
	MixParseError err;
	char	   *json,
			   *json2;
	size_t		len,
				len2,
				blen;
	unsigned char *bin,
			   *bin2;
	uint32_t   *order;

	mixb_init(&b, &A);
	b.k = next() % 3 == 0 ? (int) (1 + next() % 2147483647) : 0;
	st = mixb_add(&b, NULL, 0, edge_value(cap), spare ? edge_value(cap) : 0, spare);
	if (risk && st == MIX_OK)
		st = mixb_add_risk(&b, NULL, 0, 0, 0);
	for (int i = 0; i < n && st == MIX_OK; i++)
	{
		size_t		klen = random_code(key, MIX_MAX_KEY_LEN);

		/* a supplier several times: compensated sums with a low part */
		for (int rep = 0; rep < 1 + (int) (next() % 3) && st == MIX_OK; rep++)
			st = mixb_add(&b, key, klen, edge_value(cap), spare ? edge_value(cap) : 0, spare);
		if (risk && st == MIX_OK && next() % 4 != 0 && !mixb_contains(&b, key, 0))
			st = mixb_add_risk(&b, key, klen, 0, edge_value(10));
	}
	m = st == MIX_OK ? mixb_to_mix(&b, &A, &st) : NULL;
	mixb_free(&b);
	if (m == NULL || !mix_totals_finite(m))
	{
		free(m);
		return;					/* refused when made, as in the server */
	}
	json = mix_to_json(m, &A, &len);
	CHECK(json != NULL, "round %d", round);
	back = mix_from_json(json, len, true, &A, &err);
	CHECK(back != NULL, "round %d: mix text not read back: %s", round, err.message);
	if (back == NULL)
		return;
	json2 = mix_to_json(back, &A, &len2);
	CHECK(len == len2 && memcmp(json, json2, len) == 0, "round %d: mix text differs", round);

	blen = mix_binary_size(m);
	bin = malloc(blen);
	bin2 = malloc(blen);
	order = malloc(((size_t) m->count + 1) * sizeof(uint32_t));
	mix_to_binary(m, order, bin);
	free(back);
	back = mix_from_binary(bin, blen, &A, &err);
	CHECK(back != NULL, "round %d: mix binary not read back: %s", round, err.message);
	if (back != NULL)
	{
		CHECK(mix_binary_size(back) == blen, "round %d", round);
		mix_to_binary(back, order, bin2);
		CHECK(memcmp(bin, bin2, blen) == 0, "round %d: mix binary differs", round);
		free(back);
	}
	/* the mix read from text has the same binary form as the original */
	back = mix_from_json(json, len, true, &A, &err);
	mix_to_binary(back, order, bin2);
	CHECK(mix_binary_size(back) == blen && memcmp(bin, bin2, blen) == 0,
		  "round %d: text and binary disagree", round);
	free(back);
	free(order);
	free(bin);
	free(bin2);
	free(json);
	free(json2);
	free(m);
}

static void
network_round_trip(int round)
{
	NetStatus	st;
	TradeNetwork *n = net_create(&NA, &st),
			   *c,
			   *back;
	int			flows = (int) (next() % 60);
	char		k1[NET_MAX_KEY_LEN],
				k2[NET_MAX_KEY_LEN];
	IoError		err;
	char	   *json,
			   *json2;
	size_t		len,
				len2,
				blen;
	unsigned char *bin,
			   *bin2;

	for (int i = 0; i < flows && n != NULL; i++)
	{
		size_t		l1 = random_code(k1, next() % 4 == 0 ? NET_MAX_KEY_LEN : 4);
		size_t		l2 = next() % 5 == 0 ? l1 : random_code(k2, 4);

		if (l2 == l1)
			memcpy(k2, k1, l1);
		st = net_add(&n, &NA, next() % 7 == 0 ? NULL : k1, l1, k2, l2, edge_value(1e308 / 256));
		if (st != NET_OK)
			break;
	}
	if (n == NULL || st != NET_OK)
	{
		free(n);
		return;
	}
	c = net_canonical(n, &NA, &st);
	free(n);
	CHECK(c != NULL, "round %d", round);
	json = net_to_json(c, &NA, &len);
	back = net_from_json(json, len, true, &NA, &err);
	CHECK(back != NULL, "round %d: network text not read back: %s", round, err.message);
	if (back == NULL)
		return;
	json2 = net_to_json(back, &NA, &len2);
	CHECK(len == len2 && memcmp(json, json2, len) == 0, "round %d: network text differs", round);
	free(back);

	blen = net_binary_size(c);
	bin = malloc(blen);
	bin2 = malloc(blen);
	net_to_binary(c, bin, false);
	back = net_from_binary(bin, blen, &NA, &err);
	CHECK(back != NULL, "round %d: network binary not read back: %s", round, err.message);
	if (back != NULL)
	{
		net_to_binary(back, bin2, false);
		CHECK(net_binary_size(back) == blen && memcmp(bin, bin2, blen) == 0,
			  "round %d: network binary differs", round);
		free(back);
	}
	free(bin);
	free(bin2);
	free(json);
	free(json2);
	free(c);
}

static void
embargo_round_trip(int round)
{
	int			n = 1 + (int) (next() % 6);
	char		buf[8][MIX_MAX_KEY_LEN];
	const char *codes[8];
	size_t		lens[8];
	EmbargoParams p = {next() % 2 ? 1 : unif(next(), 0), edge_value(1e308),
	edge_value(1e308) + 5e-324, edge_value(1e308) + 5e-324};
	EmbargoStatus est;
	EmbargoScenario *s,
			   *sb;
	EmbargoState *st,
			   *stb;
	IoError		err;
	char	   *j1,
			   *j2;
	size_t		l1,
				l2,
				blen;
	unsigned char *b1,
			   *b2;
	double	   *x;

	for (int i = 0; i < n; i++)
	{
		lens[i] = random_code(buf[i], MIX_MAX_KEY_LEN);
		codes[i] = buf[i];
	}
	s = embargo_scenario_build(codes, lens, (uint32_t) n, &p, &A, &est);
	CHECK(s != NULL, "round %d: %s", round, embargo_status_message(est));
	if (s == NULL)
		return;
	j1 = embargo_scenario_to_json(s, &A, &l1);
	sb = embargo_scenario_from_json(j1, l1, true, &A, &err);
	CHECK(sb != NULL, "round %d: scenario text not read back: %s", round, err.message);
	if (sb == NULL)
		return;
	j2 = embargo_scenario_to_json(sb, &A, &l2);
	CHECK(l1 == l2 && memcmp(j1, j2, l1) == 0, "round %d: scenario text differs", round);
	CHECK(embargo_scenario_size(s) == embargo_scenario_size(sb) &&
		  memcmp((char *) s + 4, (char *) sb + 4, embargo_scenario_size(s) - 4) == 0,
		  "round %d: scenario bytes differ after text", round);
	free(sb);
	free(j1);
	free(j2);
	blen = embargo_scenario_binary_size(s);
	b1 = malloc(blen);
	b2 = malloc(blen);
	embargo_scenario_to_binary(s, b1);
	sb = embargo_scenario_from_binary(b1, blen, &A, &err);
	CHECK(sb != NULL, "round %d: scenario binary not read back: %s", round, err.message);
	if (sb != NULL)
	{
		embargo_scenario_to_binary(sb, b2);
		CHECK(memcmp(b1, b2, blen) == 0, "round %d: scenario binary differs", round);
		free(sb);
	}
	free(b1);
	free(b2);

	/* a state: the sums as the aggregate keeps them, with low parts */
	st = calloc(1, embargo_state_size(s));
	embargo_state_init(st, s);
	x = &st->sums.demand;
	for (int i = 0; i < 8; i += 2)
	{
		x[i] = edge_value(1e308);
		x[i + 1] = next() % 2 ? 0 : x[i] * 1e-17;
	}
	j1 = embargo_state_to_json(st, &A, &l1);
	stb = embargo_state_from_json(j1, l1, true, &A, &err);
	CHECK(stb != NULL, "round %d: state text not read back: %s", round, err.message);
	if (stb != NULL)
	{
		j2 = embargo_state_to_json(stb, &A, &l2);
		CHECK(l1 == l2 && memcmp(j1, j2, l1) == 0, "round %d: state text differs", round);
		free(j2);
		free(stb);
	}
	free(j1);
	blen = embargo_state_binary_size(st);
	b1 = malloc(blen);
	b2 = malloc(blen);
	embargo_state_to_binary(st, b1);
	stb = embargo_state_from_binary(b1, blen, &A, &err);
	CHECK(stb != NULL, "round %d: state binary not read back: %s", round, err.message);
	if (stb != NULL)
	{
		embargo_state_to_binary(stb, b2);
		CHECK(memcmp(b1, b2, blen) == 0, "round %d: state binary differs", round);
		free(stb);
	}
	free(b1);
	free(b2);
	free(st);
	free(s);
}

/* Values the readers must refuse because they could not be printed back */
static void
refusals(void)
{
	IoError		err;
	unsigned char buf[64] = {NET_FORMAT_VERSION, 0, 0, 0, 1, 0, 0, 0, 1, 'A',
	0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0};
	unsigned char *p = buf + 22;
	double		big = 1e308;
	uint64_t	bits;

	/* a production flow of A whose two parts are 1e308 each */
	memcpy(&bits, &big, 8);
	for (int part = 0; part < 2; part++)
		for (int i = 7; i >= 0; i--)
			*p++ = (unsigned char) (bits >> (8 * i));
	CHECK(net_from_binary(buf, (size_t) (p - buf), &NA, &err) == NULL &&
		  err.kind == IO_ERR_BINARY, "flow parts summing to infinity are refused");
	{
		const char *s = "{\"embargoed\": [\"A\"], \"demand\": 1e308, \"embargoed_volume\": 0, \"embargoed_content\": 0, \"spare\": 0}";
		EmbargoState *st = embargo_state_from_json(s, strlen(s), true, &A, &err);

		CHECK(st != NULL, "a state of 1e308 reads: %s", err.message);
		free(st);
	}
}

int
main(void)
{
	for (int round = 0; round < 3000; round++)
	{
		mix_round_trip(round);
		network_round_trip(round);
		embargo_round_trip(round);
	}
	refusals();
	return unit_report("round trip");
}

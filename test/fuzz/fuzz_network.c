/*
 * fuzz_network.c
 *		libFuzzer target: the trade network (the
 *		origin_network aggregate state) and origin tracing over it.
 *
 * A program read from the fuzzer's bytes adds flows (any country codes,
 * any double, including own production and loops) to two networks, merges
 * them, and then: the canonical form must validate, print as JSON, and
 * trace; every traced row holds shares in [0,1] summing to 1 (or to 0 for
 * a country with no supply).  The raw bytes are also checked as a flat
 * network buffer: what net_validate accepts must canonicalise and trace.
 * Both allocator modes (with and without release) are used.
 *
 * A failed add or merge (an overflowing sum) may leave the network half
 * updated: the server raises an error there and discards the state, so
 * the program stops and that network is not checked.
 */
#include "common.h"
#include "network.h"

static const CoreAllocator NA_RELEASE = {track_alloc, track_release, NULL};
static const CoreAllocator NA_ARENA = {track_alloc, NULL, NULL};

static void
check_network(const TradeNetwork *n, const CoreAllocator *a)
{
	NetStatus	st;
	TradeNetwork *c = net_canonical(n, a, &st);
	NetShares	sh;
	size_t		len;
	char	   *json;

	if (c == NULL)
	{
		FUZZ_CHECK(st != NET_OK);
		return;
	}
	FUZZ_CHECK(net_validate(c, net_size(c)) == NET_OK);
	json = net_to_json(c, a, &len);
	FUZZ_CHECK(json != NULL && strlen(json) == len);
	memset(&sh, 0, sizeof(sh));
	st = net_trace(c, a, &sh);
	if (st == NET_OK)
	{
		FUZZ_CHECK(sh.n == c->node_count);
		for (uint32_t i = 0; i < sh.n; i++)
		{
			const double *row = net_shares_row(&sh, i);
			double		sum = 0;

			for (uint32_t j = 0; j < sh.m; j++)
			{
				FUZZ_CHECK(row[j] >= -1e-9 && row[j] <= 1 + 1e-9);
				sum += row[j];
			}
			FUZZ_CHECK(sh.empty[i] ? sum == 0 : fabs(sum - 1) <= 1e-6);
		}
		net_shares_release(a, &sh);
	}
	else
		/* a country's supply may overflow a double: the glue names it */
		FUZZ_CHECK(st == NET_ERR_TRACE_TOO_BIG || st == NET_ERR_PRECISION ||
				   st == NET_ERR_NOMEM || st == NET_ERR_OVERFLOW);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FuzzInput	in = {data, size};
	const CoreAllocator *a = (fin_byte(&in) & 1) ? &NA_ARENA : &NA_RELEASE;
	NetStatus	st;
	TradeNetwork *n[2];
	bool		failed[2] = {false, false};
	char		k1[64],
				k2[64];
	int			ops = 0;

	n[0] = net_create(a, &st);
	n[1] = net_create(a, &st);
	FUZZ_CHECK(n[0] != NULL && n[1] != NULL);
	while (in.left > 0 && ops++ < 2000)
	{
		uint8_t		op = fin_byte(&in);
		int			w = op & 1;

		if ((op >> 1) % 8 == 7)
		{
			if (net_merge(&n[w], a, n[1 - w]) != NET_OK)
			{
				failed[w] = true;
				break;
			}
			continue;
		}
		{
			/* a small alphabet of codes, so that flows meet and loop */
			size_t		l1 = fin_key(&in, k1, sizeof(k1)) % 4;
			size_t		l2 = (op & 2) ? l1 : fin_key(&in, k2, sizeof(k2)) % 4;
			double		v = fin_double(&in);

			if (op & 2)
				memcpy(k2, k1, l1);
			if (net_check_key(l1) != NET_OK || net_check_key(l2) != NET_OK ||
				net_check_value(v) != NET_OK)
				continue;
			if (net_add(&n[w], a, k1, l1, k2, l2, v) != NET_OK)
			{
				failed[w] = true;
				break;
			}
			FUZZ_CHECK(net_find(n[w], k1, l1) >= 0);
		}
	}
	for (int w = 0; w < 2; w++)
		if (!failed[w])
			check_network(n[w], a);
	track_reset();

	/* the raw bytes as a flat network */
	{
		TradeNetwork *raw = track_alloc(NULL, size + 8);

		FUZZ_CHECK(raw != NULL);
		memcpy(raw, data, size);
		if (size >= sizeof(TradeNetwork) && net_validate(raw, size) == NET_OK)
			check_network(raw, &NA_RELEASE);
		track_reset();
	}
	return 0;
}

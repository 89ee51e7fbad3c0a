/*
 * fuzz_embargo.c
 *		libFuzzer target: embargo scenarios and the shortfall model.
 *
 * From the fuzzer's bytes: a list of codes and four parameters for
 * embargo_scenario_build (which must either fail with a status or build a
 * scenario that embargo_scenario_validate accepts and that contains each
 * of its codes), rows added to the four sums (each either rejected by
 * embargo_check_row or accepted), merges, and then the impact and the
 * trajectory, whose results must be in range.  The raw bytes are also
 * checked as a flat scenario buffer.
 */
#include "common.h"

#define MAXCODES 16

static void
check_impact(const EmbargoParams *p, const EmbargoSums *s)
{
	EmbargoImpact imp;
	EmbargoPoint pt;
	int64_t		rows;

	if (embargo_sums_validate(s) != EMB_OK)
		return;
	/*
	 * The share is always in [0,1].  The volumes may overflow over a long
	 * horizon or a tiny period: the server raises 22003 when demand,
	 * shortfall or a loss is not finite (and days_to_shortage, for
	 * embargo_impact), so only results that pass those checks are held to
	 * their ranges.
	 */
	if (embargo_impact(p, s, &imp))
	{
		FUZZ_CHECK(share_ok(imp.shortfall_share));
		if (isfinite(imp.demand) && isfinite(imp.shortfall) &&
			isfinite(imp.direct_loss) && isfinite(imp.indirect_loss))
		{
			FUZZ_CHECK(imp.shortfall >= 0 && imp.demand >= 0);	/* demand may underflow */
			FUZZ_CHECK(isfinite(imp.stock_release) && imp.stock_release >= 0);
			FUZZ_CHECK(isfinite(imp.substitution) && imp.substitution >= 0);
			if (imp.has_days)
				FUZZ_CHECK(!isnan(imp.days_to_shortage) && imp.days_to_shortage >= 0);
		}
	}
	for (int64_t step = 1; step <= 1000000; step *= 97)
	{
		rows = embargo_trajectory_rows(p, step);
		FUZZ_CHECK(rows == -1 || (rows >= 1 && rows <= EMBARGO_MAX_TRAJECTORY + 2));
	}
	/*
	 * A point may overflow (a tiny period_days makes the daily rate
	 * infinite): the server then raises 22003, for which it checks that all
	 * three values are finite.  Finite points are never negative.
	 */
	for (int i = 0; i < 3; i++)
	{
		double		day = i == 0 ? 0 : i == 1 ? p->horizon_days / 2 : p->horizon_days;

		embargo_trajectory_point(p, s, day, &pt);
		if (isfinite(pt.gap) && isfinite(pt.stock_remaining) &&
			isfinite(pt.cumulative_shortfall))
			FUZZ_CHECK(pt.gap >= 0 && pt.stock_remaining >= 0 &&
					   pt.cumulative_shortfall >= 0);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FuzzInput	in = {data, size};
	char		buf[MAXCODES][48];
	const char *codes[MAXCODES];
	size_t		lens[MAXCODES];
	uint32_t	n = fin_byte(&in) % (MAXCODES + 1);
	EmbargoParams p;
	EmbargoStatus st;
	EmbargoScenario *sc;
	EmbargoSums sums[2];

	for (uint32_t i = 0; i < n; i++)
	{
		lens[i] = fin_key(&in, buf[i], sizeof(buf[i]));
		codes[i] = buf[i];
	}
	p.intensity = fin_double(&in);
	p.stock_days = fin_double(&in);
	p.horizon_days = fin_double(&in);
	p.period_days = fin_double(&in);

	sc = embargo_scenario_build(codes, lens, n, &p,
								(in.left & 1) ? &FA_ARENA : &FA_RELEASE, &st);
	if (sc == NULL)
		FUZZ_CHECK(st != EMB_OK);
	else
	{
		FUZZ_CHECK(st == EMB_OK && embargo_check_params(&p) == EMB_OK);
		FUZZ_CHECK(embargo_scenario_validate(sc, embargo_scenario_size(sc)) == EMB_OK);
		for (uint32_t i = 0; i < n; i++)
			FUZZ_CHECK(embargo_scenario_contains(sc, codes[i], lens[i]));
		for (uint32_t i = 0; i < sc->count; i++)
		{
			size_t		len;
			const char *c = embargo_scenario_code(sc, i, &len);

			FUZZ_CHECK(len >= 1 && len <= MIX_MAX_KEY_LEN);
			FUZZ_CHECK(embargo_scenario_contains(sc, c, len));
		}

		/* rows into two states, then merged */
		memset(sums, 0, sizeof(sums));
		while (in.left > 0)
		{
			uint8_t		op = fin_byte(&in);
			char		key[48];
			size_t		len = fin_key(&in, key, sizeof(key));
			double		v = fin_double(&in),
						s = (op & 2) ? fin_double(&in) : 0,
						t = (op & 4) ? fin_double(&in) : 0;
			bool		emb = (op & 8) ? embargo_scenario_contains(sc, key, len) : false;
			EmbargoSums before = sums[op & 1];

			if (embargo_check_row(v, s, t) != EMB_OK)
				continue;
			if (embargo_sums_add(&sums[op & 1], emb, v, s, emb ? 0 : t) != EMB_OK)
				sums[op & 1] = before;	/* what the server does: error, state discarded */
			else
				FUZZ_CHECK(embargo_sums_validate(&sums[op & 1]) == EMB_OK);
		}
		check_impact(&sc->params, &sums[0]);
		check_impact(&sc->params, &sums[1]);
		if (embargo_sums_merge(&sums[0], &sums[1]) == EMB_OK)
			check_impact(&sc->params, &sums[0]);
	}
	track_reset();

	/* the raw bytes as a flat scenario */
	{
		EmbargoScenario *raw = track_alloc(NULL, size + 8);

		FUZZ_CHECK(raw != NULL);
		memcpy(raw, data, size);
		if (size >= sizeof(EmbargoScenario) &&
			embargo_scenario_validate(raw, size) == EMB_OK)
		{
			for (uint32_t i = 0; i < raw->count; i++)
			{
				size_t		len;
				const char *c = embargo_scenario_code(raw, i, &len);

				FUZZ_CHECK(embargo_scenario_contains(raw, c, len));
			}
			memset(sums, 0, sizeof(sums));
			(void) embargo_sums_add(&sums[0], true, 10, 0, 0);
			(void) embargo_sums_add(&sums[0], false, 5, 3, 0.5);
			check_impact(&raw->params, &sums[0]);
		}
		track_reset();
	}
	return 0;
}

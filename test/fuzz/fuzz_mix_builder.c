/*
 * fuzz_mix_builder.c
 *		libFuzzer target: the aggregate state (MixBuilder) driven by a
 *		program read from the fuzzer's bytes -- rows with any supplier code
 *		and any double, merges of builders and of flat mixes, spare updates
 *		-- in both allocator modes (released chunks, and a bump arena that
 *		frees nothing one by one, as in the server).
 *
 * Properties: an operation either succeeds or reports a status without
 * changing what the builder was given; every flattened mix (sorted or not)
 * is valid and satisfies exercise_mix; a sorted flat mix and the mix of the
 * same builder read back from its text form are the same.
 */
#include "common.h"

#define NBUILDERS 3

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FuzzInput	in = {data, size};
	const CoreAllocator *a = (fin_byte(&in) & 1) ? &FA_ARENA : &FA_RELEASE;
	MixBuilder	b[NBUILDERS];
	char		key[64];
	int			ops = 0;

	for (int i = 0; i < NBUILDERS; i++)
		mixb_init(&b[i], a);

	while (in.left > 0 && ops++ < 4000)
	{
		uint8_t		op = fin_byte(&in);
		MixBuilder *x = &b[op % NBUILDERS];
		MixBuilder *y = &b[(op / NBUILDERS) % NBUILDERS];

		switch ((op >> 4) % 8)
		{
			case 0:
			case 1:
			case 2:
				{
					size_t		len = fin_key(&in, key, sizeof(key));
					double		v = fin_double(&in);
					double		s = (op & 8) ? fin_double(&in) : 0;
					MixStatus	st = mixb_add(x, (op & 4) ? NULL : key, (op & 4) ? 0 : len,
											  v, s, (op & 8) != 0);

					(void) st;
					break;
				}
			case 3:
				if (x != y)
					(void) mixb_add_builder(x, y);
				break;
			case 4:
				{
					size_t		len = fin_key(&in, key, sizeof(key));

					if (len > 0 && mixb_contains(x, key, len))
						(void) mixb_set_spare(x, key, len, fin_double(&in));
					break;
				}
			case 5:
				{
					MixStatus	st;
					Mix		   *m = mixb_to_mix(y, &FA_RELEASE, &st);

					if (m != NULL)
					{
						if (x != y)
							(void) mixb_add_mix(x, m);
						track_release(NULL, m);
					}
					break;
				}
			case 6:
				x->k = (int32_t) (fin_byte(&in) % 4);
				break;
			default:
				{
					size_t		sz = mixb_flat_size(x);
					Mix		   *m;
					MixStatus	st;

					if (sz == 0 || sz > ((size_t) 64 << 20))
						break;
					m = track_alloc(NULL, sz);
					FUZZ_CHECK(m != NULL);
					st = mixb_flatten(x, m, &FA_RELEASE, (op & 8) != 0);
					if (st == MIX_OK)
					{
						FUZZ_CHECK(mix_validate(m, sz) == MIX_OK);
						if (mix_totals_finite(m))
							exercise_mix(m);
					}
					track_release(NULL, m);
					break;
				}
		}
	}

	for (int i = 0; i < NBUILDERS; i++)
	{
		MixStatus	st;
		Mix		   *m = mixb_to_mix(&b[i], &FA_RELEASE, &st);

		if (m != NULL && mix_totals_finite(m))
			exercise_mix(m);
	}
	for (int i = 0; i < NBUILDERS; i++)
		mixb_free(&b[i]);
	track_reset();
	return 0;
}

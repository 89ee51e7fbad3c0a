/*
 * fuzz_mix_json.c
 *		libFuzzer target: the JSON text form of supply_mix (supply_mix_in).
 *
 * Any bytes are read both as a UTF8 and as a non-UTF8 server would; a
 * parse either fails with a message or yields a valid mix, which must then
 * satisfy every property of exercise_mix (measures in range, exact text
 * and binary round trips).
 */
#include "common.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	for (int utf8 = 0; utf8 <= 1; utf8++)
	{
		MixParseError err;
		Mix		   *m = mix_from_json((const char *) data, size, utf8,
									  &FA_RELEASE, &err);

		if (m == NULL)
		{
			FUZZ_CHECK(err.status != MIX_OK);
			FUZZ_CHECK(err.message[0] != '\0');
			FUZZ_CHECK(memchr(err.message, '\0', sizeof(err.message)) != NULL);
		}
		else
		{
			FUZZ_CHECK(err.status == MIX_OK);
			exercise_mix(m);
		}
		track_reset();
	}
	return 0;
}

/*
 * fuzz_mix_binary.c
 *		libFuzzer target: the binary form of supply_mix (supply_mix_recv)
 *		and the validation of a flat mix buffer.
 *
 * The bytes are read as the portable binary form (COPY BINARY, pg_dump,
 * replication) and, separately, as a flat in-memory mix checked by
 * mix_validate: whatever either accepts must satisfy exercise_mix.
 */
#include "common.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	MixParseError err;
	Mix		   *m = mix_from_binary(data, size, &FA_RELEASE, &err);
	Mix		   *flat;

	if (m == NULL)
		FUZZ_CHECK(err.status != MIX_OK && err.message[0] != '\0');
	else
		exercise_mix(m);
	track_reset();

	/* the same bytes as a flat mix, 8-byte aligned like a detoasted datum */
	flat = track_alloc(NULL, size + 8);
	FUZZ_CHECK(flat != NULL);
	memcpy(flat, data, size);
	if (size >= sizeof(Mix) && mix_validate(flat, size) == MIX_OK)
		exercise_mix(flat);
	track_reset();
	return 0;
}

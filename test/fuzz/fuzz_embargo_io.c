/*
 * fuzz_embargo_io.c
 *		libFuzzer target: the readers of the text (JSON) and binary forms of
 *		embargo_scenario and embargo_state.
 *
 * The fuzzer's bytes are read as all four forms.  Whatever a reader
 * accepts must validate and its text and binary forms must read back to
 * the same bytes; whatever it refuses must come with a message.
 */
#include "common.h"
#include "embargo_io.h"

static void
check_scenario(const EmbargoScenario *s)
{
	IoError		err;
	size_t		len,
				len2,
				blen = embargo_scenario_binary_size(s);
	char	   *json = embargo_scenario_to_json(s, &FA_RELEASE, &len),
			   *json2;
	unsigned char *bin = track_alloc(NULL, blen),
			   *bin2 = track_alloc(NULL, blen);
	EmbargoScenario *back;

	FUZZ_CHECK(embargo_scenario_validate(s, embargo_scenario_size(s)) == EMB_OK);
	FUZZ_CHECK(json != NULL && strlen(json) == len && bin != NULL && bin2 != NULL);
	embargo_scenario_to_binary(s, bin);
	back = embargo_scenario_from_json(json, len, true, &FA_RELEASE, &err);
	if (back == NULL)
		fprintf(stderr, "text form not read back: %s\n%s\n", err.message, json);
	FUZZ_CHECK(back != NULL);
	json2 = embargo_scenario_to_json(back, &FA_RELEASE, &len2);
	FUZZ_CHECK(json2 != NULL && len2 == len && memcmp(json, json2, len) == 0);
	back = embargo_scenario_from_binary(bin, blen, &FA_RELEASE, &err);
	FUZZ_CHECK(back != NULL && embargo_scenario_binary_size(back) == blen);
	embargo_scenario_to_binary(back, bin2);
	FUZZ_CHECK(memcmp(bin, bin2, blen) == 0);
}

static void
check_state(const EmbargoState *st)
{
	IoError		err;
	size_t		len,
				len2,
				blen = embargo_state_binary_size(st);
	char	   *json = embargo_state_to_json(st, &FA_RELEASE, &len),
			   *json2;
	unsigned char *bin = track_alloc(NULL, blen),
			   *bin2 = track_alloc(NULL, blen);
	EmbargoState *back;

	FUZZ_CHECK(embargo_sums_validate(&st->sums) == EMB_OK);
	check_scenario(embargo_state_scenario(st));
	FUZZ_CHECK(json != NULL && strlen(json) == len && bin != NULL && bin2 != NULL);
	embargo_state_to_binary(st, bin);
	back = embargo_state_from_json(json, len, true, &FA_RELEASE, &err);
	if (back == NULL)
		fprintf(stderr, "text form not read back: %s\n%s\n", err.message, json);
	FUZZ_CHECK(back != NULL);
	json2 = embargo_state_to_json(back, &FA_RELEASE, &len2);
	FUZZ_CHECK(json2 != NULL && len2 == len && memcmp(json, json2, len) == 0);
	back = embargo_state_from_binary(bin, blen, &FA_RELEASE, &err);
	FUZZ_CHECK(back != NULL && embargo_state_binary_size(back) == blen);
	embargo_state_to_binary(back, bin2);
	FUZZ_CHECK(memcmp(bin, bin2, blen) == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	IoError		err;
	const char *text = (const char *) data;
	bool		utf8 = size > 0 && (data[0] & 1);
	EmbargoScenario *s;
	EmbargoState *st;

	s = embargo_scenario_from_json(text, size, utf8, &FA_RELEASE, &err);
	if (s)
		check_scenario(s);
	else
		FUZZ_CHECK(err.kind != IO_OK && err.message[0] != '\0');
	st = embargo_state_from_json(text, size, utf8, &FA_ARENA, &err);
	if (st)
		check_state(st);
	else
		FUZZ_CHECK(err.kind != IO_OK && err.message[0] != '\0');
	s = embargo_scenario_from_binary(data, size, &FA_ARENA, &err);
	if (s)
		check_scenario(s);
	else
		FUZZ_CHECK(err.kind != IO_OK && err.message[0] != '\0');
	st = embargo_state_from_binary(data, size, &FA_RELEASE, &err);
	if (st)
		check_state(st);
	else
		FUZZ_CHECK(err.kind != IO_OK && err.message[0] != '\0');
	track_reset();
	return 0;
}

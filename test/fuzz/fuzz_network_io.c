/*
 * fuzz_network_io.c
 *		libFuzzer target: the readers of trade_network's text (JSON) and
 *		binary forms.
 *
 * The fuzzer's bytes are read as both forms.  Whatever a reader accepts
 * must be a valid canonical network whose text and binary forms read back
 * to the same bytes; whatever it refuses must come with a message.  Both
 * allocator modes are used.
 */
#include "common.h"
#include "network.h"
#include "type_io.h"

static const CoreAllocator NA_RELEASE = {track_alloc, track_release, NULL};
static const CoreAllocator NA_ARENA = {track_alloc, NULL, NULL};

/* n was accepted: check it and its round trips */
static void
check_accepted(const TradeNetwork *n, const CoreAllocator *a)
{
	IoError		err;
	size_t		len,
				len2,
				blen = net_binary_size(n);
	char	   *json = net_to_json(n, a, &len),
			   *json2;
	unsigned char *bin = track_alloc(NULL, blen),
			   *bin2;
	TradeNetwork *back;

	FUZZ_CHECK(net_validate(n, net_size(n)) == NET_OK);
	FUZZ_CHECK(n->flags & NET_F_SORTED);
	FUZZ_CHECK(json != NULL && strlen(json) == len);
	FUZZ_CHECK(bin != NULL);
	net_to_binary(n, bin, false);

	back = net_from_json(json, len, true, a, &err);
	if (back == NULL)
		fprintf(stderr, "text form not read back: %s\n", err.message);
	FUZZ_CHECK(back != NULL);
	json2 = net_to_json(back, a, &len2);
	FUZZ_CHECK(json2 != NULL && len2 == len && memcmp(json, json2, len) == 0);
	FUZZ_CHECK(back->node_count == n->node_count);

	back = net_from_binary(bin, blen, a, &err);
	if (back == NULL)
		fprintf(stderr, "binary form not read back: %s\n", err.message);
	FUZZ_CHECK(back != NULL);
	FUZZ_CHECK(net_binary_size(back) == blen);
	bin2 = track_alloc(NULL, blen);
	FUZZ_CHECK(bin2 != NULL);
	net_to_binary(back, bin2, false);
	FUZZ_CHECK(memcmp(bin, bin2, blen) == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const CoreAllocator *a = (size > 0 && (data[0] & 0x80)) ? &NA_ARENA : &NA_RELEASE;
	IoError		err;
	TradeNetwork *n;

	n = net_from_json((const char *) data, size, size > 0 && (data[0] & 1), a, &err);
	if (n != NULL)
		check_accepted(n, a);
	else
		FUZZ_CHECK(err.kind != IO_OK && err.message[0] != '\0');
	track_reset();

	n = net_from_binary(data, size, a, &err);
	if (n != NULL)
		check_accepted(n, a);
	else
		FUZZ_CHECK(err.kind != IO_OK && err.message[0] != '\0');
	track_reset();
	return 0;
}

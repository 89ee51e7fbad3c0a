/*
 * run_unit.c
 *		Unit tests of the plain-C core (supply mix, its text and binary
 *		forms, concentration measures), built without PostgreSQL and run
 *		under AddressSanitizer and UndefinedBehaviorSanitizer.
 *
 * Prints one line per failed check and "N passed, M failed" at the end;
 * exits non-zero if anything failed.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "concentration.h"
#include "mix.h"
#include "mix_text.h"

static int	passed,
			failed;

#define CHECK(cond) \
	do { \
		if (cond) \
			passed++; \
		else \
		{ \
			failed++; \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
		} \
	} while (0)

static void *
test_alloc(void *arg, size_t size)
{
	return calloc(1, size);
}

static void
test_release(void *arg, void *p)
{
	free(p);
}

static const MixAllocator A = {test_alloc, test_release, NULL};

/* Deterministic pseudo-random numbers (splitmix64) */
static uint64_t rng_state = 42;

static uint64_t
rng(void)
{
	uint64_t	z = (rng_state += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static Mix *
new_mix(bool spare)
{
	MixStatus	st;
	Mix		   *m = mix_create(&A, 2, spare, &st);

	if (m == NULL)
		abort();
	return m;
}

static double
volume_of(const Mix *m, const char *key)
{
	int64_t		i = mix_find(m, key, strlen(key));

	return i < 0 ? -1 : mix_entry_volume(&mix_entries(m)[i]);
}

/* Accumulation, lookup and growth from linear search to a hash index */
static void
test_add_and_grow(void)
{
	Mix		   *m = new_mix(false);
	char		key[64];

	CHECK(mix_add(&m, &A, "CHN", 3, 60, 0, false) == MIX_OK);
	CHECK(mix_add(&m, &A, "VNM", 3, 15, 0, false) == MIX_OK);
	CHECK(mix_add(&m, &A, "CHN", 3, 0.5, 0, false) == MIX_OK);
	CHECK(mix_add(&m, &A, NULL, 0, 25, 0, false) == MIX_OK);
	CHECK(m->count == 2);
	CHECK(volume_of(m, "CHN") == 60.5);
	CHECK(volume_of(m, "XXX") == -1);
	CHECK(conc_total(m) == 100.5);
	CHECK(mix_validate(m, mix_size(m)) == MIX_OK);

	for (int i = 0; i < 5000; i++)
	{
		int			n = snprintf(key, sizeof(key),
								 i % 1000 < 333 ? "a-long-supplier-code-%d" : "S%d",
								 i % 1000);

		if (mix_add(&m, &A, key, n, 1, 0, false) != MIX_OK)
			abort();
	}
	CHECK(m->count == 1002);
	CHECK(m->index_slots > 0);
	CHECK(volume_of(m, "S500") == 5);
	CHECK(volume_of(m, "a-long-supplier-code-3") == 5);
	CHECK(mix_validate(m, mix_size(m)) == MIX_OK);
	free(m);
}

/* Errors: bad values, empty and over-long codes, overflow */
static void
test_errors(void)
{
	Mix		   *m = new_mix(false);
	char		longkey[MIX_MAX_KEY_LEN + 1];

	memset(longkey, 'x', sizeof(longkey));
	CHECK(mix_add(&m, &A, "A", 1, -1, 0, false) == MIX_ERR_NEGATIVE);
	CHECK(mix_add(&m, &A, "A", 1, NAN, 0, false) == MIX_ERR_NAN);
	CHECK(mix_add(&m, &A, "A", 1, INFINITY, 0, false) == MIX_ERR_INFINITE);
	CHECK(mix_add(&m, &A, "A", 1, 1, -1, true) == MIX_ERR_NEGATIVE);
	CHECK(mix_add(&m, &A, "", 0, 1, 0, false) == MIX_ERR_KEY_EMPTY);
	CHECK(mix_add(&m, &A, longkey, sizeof(longkey), 1, 0, false) == MIX_ERR_KEY_TOO_LONG);
	CHECK(mix_add(&m, &A, longkey, MIX_MAX_KEY_LEN, 1, 0, false) == MIX_OK);
	CHECK(mix_add(&m, &A, "A", 1, 1e308, 0, false) == MIX_OK);
	CHECK(mix_add(&m, &A, "A", 1, 1e308, 0, false) == MIX_ERR_OVERFLOW);
	CHECK(m->count == 2);
	free(m);
}

/* Compensated sums: a million tiny volumes next to huge ones are not lost */
static void
test_compensation(void)
{
	Mix		   *m = new_mix(false);

	mix_add(&m, &A, "BIG", 3, 1e13, 0, false);
	for (int i = 0; i < 1000000; i++)
		mix_add(&m, &A, "BIG", 3, 1e-3, 0, false);
	CHECK(fabs(volume_of(m, "BIG") - (1e13 + 1000)) <= 2e-3);
	free(m);
}

/* Merge equals adding all rows; spare capacity survives; k must agree */
static void
test_merge(void)
{
	Mix		   *a = new_mix(false),
			   *b = new_mix(true),
			   *all = new_mix(true);

	for (int i = 0; i < 300; i++)
	{
		char		key[16];
		int			n = snprintf(key, sizeof(key), "K%d", (int) (rng() % 97));
		double		v = (double) (rng() % 1000) / 7;
		double		s = (double) (rng() % 10);
		Mix		  **half = i % 2 ? &a : &b;

		mix_add(half, &A, key, n, v, s, *half == b);
		mix_add(&all, &A, key, n, v, *half == b ? s : 0, true);
	}
	CHECK(mix_merge(&a, &A, b) == MIX_OK);
	CHECK((a->flags & MIX_F_SPARE) != 0);
	CHECK(a->count == all->count);
	for (uint32_t i = 0; i < all->count; i++)
	{
		const MixEntry *e = &mix_entries(all)[i];
		int64_t		j = mix_find(a, mix_entry_key(all, e), e->keylen);

		CHECK(j >= 0 && mix_entry_volume(&mix_entries(a)[j]) == mix_entry_volume(e));
		CHECK(j >= 0 && mix_entry_spare(a, (uint32_t) j) == mix_entry_spare(all, i));
	}
	a->k = 3;
	b->k = 4;
	CHECK(mix_merge(&a, &A, b) == MIX_ERR_K_MISMATCH);
	free(a);
	free(b);
	free(all);
}

/* Canonical form: sorted, validated, searchable by bisection, idempotent */
static void
test_canonical(void)
{
	Mix		   *m = new_mix(true);
	Mix		   *c,
			   *c2;
	MixStatus	st;
	const char *keys[] = {"b", "B", "a", "AB", "a-very-long-key-1", "Z"};

	for (int i = 0; i < 6; i++)
		mix_add(&m, &A, keys[i], strlen(keys[i]), i + 1, i, true);
	c = mix_canonical(m, &A, &st);
	CHECK(c != NULL && (c->flags & MIX_F_SORTED));
	CHECK(mix_validate(c, mix_size(c)) == MIX_OK);
	CHECK(strncmp(mix_entry_key(c, &mix_entries(c)[0]), "AB", 2) == 0);
	CHECK(volume_of(c, "a-very-long-key-1") == 5);
	CHECK(volume_of(c, "Z") == 6);
	c2 = mix_canonical(c, &A, &st);
	CHECK(mix_size(c) == mix_size(c2) && memcmp(c, c2, mix_size(c)) == 0);
	/* adding to a sorted mix keeps it correct */
	CHECK(mix_add(&c, &A, "Z", 1, 1, 0, false) == MIX_OK && volume_of(c, "Z") == 7);
	CHECK(mix_add(&c, &A, "new", 3, 1, 0, false) == MIX_OK && volume_of(c, "new") == 1);
	CHECK(mix_validate(c, mix_size(c)) == MIX_OK);
	free(m);
	free(c);
	free(c2);
}

/* A random mix with awkward codes and values */
static Mix *
random_mix(int n, bool spare)
{
	Mix		   *m = new_mix(spare);

	for (int i = 0; i < n; i++)
	{
		char		key[40];
		int			len = 1 + (int) (rng() % 20);
		double		v = ldexp((double) (rng() >> 11), -(int) (rng() % 80));

		for (int j = 0; j < len; j++)
			key[j] = (char) (1 + rng() % 255);
		mix_add(&m, &A, key, len, v, spare ? (double) (rng() % 5) : 0, spare);
	}
	mix_add(&m, &A, NULL, 0, (double) (rng() % 3), 1, spare);
	return m;
}

/* Text and binary forms round-trip bit-identically */
static void
test_round_trips(void)
{
	for (int t = 0; t < 200; t++)
	{
		Mix		   *m = random_mix((int) (rng() % 60), t % 2);
		MixStatus	st;
		Mix		   *c = mix_canonical(m, &A, &st);
		size_t		len;
		char	   *json = mix_to_json(m, &A, &len);
		MixParseError err;
		Mix		   *back = mix_from_json(json, len, true, &A, &err);
		size_t		blen = mix_binary_size(m);
		unsigned char *bin = malloc(blen + 1);
		uint32_t   *order = malloc(((size_t) m->count + 1) * sizeof(uint32_t));
		Mix		   *bback;

		CHECK(back != NULL);
		if (back == NULL)
			fprintf(stderr, "  %s\n  %s\n", err.message, json);
		CHECK(back != NULL && mix_size(back) == mix_size(c) &&
			  memcmp(back, c, mix_size(c)) == 0);
		mix_to_binary(m, order, bin);
		bback = mix_from_binary(bin, blen, &A, &err);
		CHECK(bback != NULL && mix_size(bback) == mix_size(c) &&
			  memcmp(bback, c, mix_size(c)) == 0);
		/* every truncation and a trailing byte are errors, not crashes */
		for (size_t cut = 0; cut < blen; cut += 1 + blen / 40)
			CHECK(mix_from_binary(bin, cut, &A, &err) == NULL && err.status != MIX_OK);
		bin[blen] = 0;
		CHECK(mix_from_binary(bin, blen + 1, &A, &err) == NULL);
		free(m);
		free(c);
		free(json);
		free(back);
		free(bin);
		free(bback);
		free(order);
	}
}

/* Malformed text is rejected with a message */
static void
test_bad_json(void)
{
	const char *bad[] = {
		"", "{", "}", "[]", "{\"suppliers\": {\"A\": 1, \"A\": 2}}",
		"{\"suppliers\": {\"\": 1}}", "{\"suppliers\": {\"A\": -1}}",
		"{\"suppliers\": {\"A\": 1e999}}", "{\"suppliers\": {\"A\": .5}}",
		"{\"suppliers\": {\"A\": 1.}}", "{\"suppliers\": {\"A\": 1e}}",
		"{\"suppliers\": {\"A\": +1}}", "{\"suppliers\": {\"A\": 01}}",
		"{\"suppliers\": {\"A\" 1}}", "{\"suppliers\": {\"A\": 1,}}",
		"{\"suppliers\": {\"A\": 1}} {}", "{\"suppliers\": {\"\\x\": 1}}",
		"{\"suppliers\": {\"\\u12\": 1}}", "{\"suppliers\": {\"\\udc00\": 1}}",
		"{\"suppliers\": {\"A\": 1}, \"spare\": {\"B\": 1}}",
		"{\"k\": 1.5}", "{\"k\": 0}", "{\"nope\": 1}", "{\"suppliers\": [1]}",
		"{\"suppliers\": {\"A\": null}}", "{\"suppliers\": {\"A\n\": 1}}",
	};
	MixParseError err;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
	{
		Mix		   *m = mix_from_json(bad[i], strlen(bad[i]), true, &A, &err);

		CHECK(m == NULL && err.status != MIX_OK && err.message[0] != '\0');
		if (m != NULL)
			fprintf(stderr, "  accepted: %s\n", bad[i]);
		free(m);
	}
	/* non-ASCII escapes need a UTF8 server */
	CHECK(mix_from_json("{\"suppliers\": {\"\\u00f4\": 1}}", 28, false, &A, &err) == NULL);
}

/* Measures against a direct long-double computation */
static void
test_measures(void)
{
	for (int t = 0; t < 100; t++)
	{
		Mix		   *m = random_mix(1 + (int) (rng() % 40), false);
		long double total = m->unattributed,
					sq = 0,
					sh = 0,
					named = 0,
					nsq = 0;
		uint32_t	n = 0;
		uint32_t   *scratch = malloc(((size_t) m->count + 1) * sizeof(uint32_t));
		double		hhi,
					nh,
					shannon,
					cr;

		for (uint32_t i = 0; i < m->count; i++)
			total += mix_entry_volume(&mix_entries(m)[i]);
		for (uint32_t i = 0; i < m->count; i++)
		{
			long double v = mix_entry_volume(&mix_entries(m)[i]);

			sq += (v / total) * (v / total);
			if (v > 0)
			{
				long double rest = m->unattributed;

				/* ln s = log1p(-rest/total), rest summed directly */
				for (uint32_t j = 0; j < m->count; j++)
					if (j != i)
						rest += mix_entry_volume(&mix_entries(m)[j]);
				sh -= (v / total) * log1pl(-rest / total);
				n++;
			}
			named += v;
		}
		for (uint32_t i = 0; i < m->count; i++)
		{
			long double v = mix_entry_volume(&mix_entries(m)[i]);

			nsq += (v / named) * (v / named);
		}
		if (!(total > 0))
		{
			CHECK(!conc_hhi(m, &hhi));
			free(m);
			free(scratch);
			continue;
		}
		CHECK(conc_hhi(m, &hhi) && fabsl(hhi - 10000 * sq) <= 1e-12L * 10000 * sq + 1e-300);
		CHECK(conc_shannon(m, &shannon) && fabsl(shannon - sh) <= 1e-12L * sh + 1e-18L);
		if (fabsl(shannon - sh) > 1e-12L * sh + 1e-18L)
			fprintf(stderr, "  shannon %.17g ref %.17Lg n=%u\n", shannon, sh, m->count);
		if (n > 1)
			CHECK(conc_normalized_hhi(m, &nh) &&
				  fabsl(nh - (nsq - 1.0L / n) / (1 - 1.0L / n)) <= 1e-12);
		CHECK(conc_top_share(m, m->count + 5, scratch, &cr) &&
			  fabsl(cr - named / total) <= 1e-12);
		free(m);
		free(scratch);
	}
}

/* Corrupt buffers are recognised by the validator without crashing */
static void
test_validate_corrupt(void)
{
	Mix		   *m = random_mix(50, true);
	size_t		size = mix_size(m);
	unsigned char *copy = malloc(size);

	CHECK(mix_validate(m, size) == MIX_OK);
	for (int t = 0; t < 2000; t++)
	{
		memcpy(copy, m, size);
		copy[rng() % size] ^= (unsigned char) (1 + rng() % 255);
		(void) mix_validate((Mix *) copy, size);
	}
	CHECK(mix_validate(m, size - 8) == MIX_ERR_CORRUPT);
	free(copy);
	free(m);
}

int
main(void)
{
	test_add_and_grow();
	test_errors();
	test_compensation();
	test_merge();
	test_canonical();
	test_round_trips();
	test_bad_json();
	test_measures();
	test_validate_corrupt();
	printf("%d passed, %d failed\n", passed, failed);
	return failed != 0;
}

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
#include "mix_builder.h"
#include "mix_text.h"
#include "unit.h"

static const CoreAllocator A = {unit_alloc, unit_release, NULL};

/* Deterministic pseudo-random numbers */
static uint64_t rng_state = 42;

static uint64_t
rng(void)
{
	return mix64(rng_state++);
}

/* The canonical flat form of a builder (aborts on failure) */
static Mix *
flat(MixBuilder *b)
{
	MixStatus	st;
	Mix		   *m = mixb_to_mix(b, &A, &st);

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
	MixBuilder	b;
	Mix		   *m;
	char		key[64];

	mixb_init(&b, &A);
	CHECK(mixb_add(&b, "CHN", 3, 60, 0, false) == MIX_OK);
	CHECK(mixb_add(&b, "VNM", 3, 15, 0, false) == MIX_OK);
	CHECK(mixb_add(&b, "CHN", 3, 0.5, 0, false) == MIX_OK);
	CHECK(mixb_add(&b, NULL, 0, 25, 0, false) == MIX_OK);
	CHECK(mixb_apply_pending(&b) == MIX_OK);
	CHECK(b.count == 2 && b.index == NULL);
	m = flat(&b);
	CHECK(volume_of(m, "CHN") == 60.5);
	CHECK(volume_of(m, "XXX") == -1);
	CHECK(conc_total(m) == 100.5);
	CHECK(mix_validate(m, mix_size(m)) == MIX_OK);
	free(m);

	for (int i = 0; i < 5000; i++)
	{
		int			n = snprintf(key, sizeof(key),
								 i % 1000 < 333 ? "a-long-supplier-code-%d" : "S%d",
								 i % 1000);

		if (mixb_add(&b, key, n, 1, 0, false) != MIX_OK)
			abort();
	}
	/* 8-byte codes and their 9-byte extensions are different suppliers */
	CHECK(mixb_add(&b, "ABCDEFGH", 8, 1, 0, false) == MIX_OK);
	CHECK(mixb_add(&b, "ABCDEFGHI", 9, 2, 0, false) == MIX_OK);
	CHECK(mixb_add(&b, "ABCDEFG", 7, 3, 0, false) == MIX_OK);
	CHECK(mixb_apply_pending(&b) == MIX_OK);
	CHECK(b.count == 1005);
	CHECK(b.index != NULL);
	m = flat(&b);
	CHECK(m->count == 1005);
	CHECK(volume_of(m, "S500") == 5);
	CHECK(volume_of(m, "a-long-supplier-code-3") == 5);
	CHECK(volume_of(m, "ABCDEFGH") == 1 && volume_of(m, "ABCDEFGHI") == 2 &&
		  volume_of(m, "ABCDEFG") == 3);
	CHECK(mix_validate(m, mix_size(m)) == MIX_OK);
	free(m);
	mixb_free(&b);
}

/* Errors: bad values, empty and over-long codes, overflow */
static void
test_errors(void)
{
	MixBuilder	b;
	char		longkey[MIX_MAX_KEY_LEN + 1];

	mixb_init(&b, &A);
	memset(longkey, 'x', sizeof(longkey));
	CHECK(mixb_add(&b, "A", 1, -1, 0, false) == MIX_ERR_NEGATIVE);
	CHECK(mixb_add(&b, "A", 1, NAN, 0, false) == MIX_ERR_NAN);
	CHECK(mixb_add(&b, "A", 1, INFINITY, 0, false) == MIX_ERR_INFINITE);
	CHECK(mixb_add(&b, "A", 1, 1, -1, true) == MIX_ERR_NEGATIVE);
	CHECK(mixb_add(&b, "", 0, 1, 0, false) == MIX_ERR_KEY_EMPTY);
	CHECK(mixb_add(&b, longkey, sizeof(longkey), 1, 0, false) == MIX_ERR_KEY_TOO_LONG);
	CHECK(mixb_add(&b, longkey, MIX_MAX_KEY_LEN, 1, 0, false) == MIX_OK);
	CHECK(mixb_add(&b, "A", 1, 1e308, 0, false) == MIX_OK);
	CHECK(mixb_add(&b, "A", 1, 1e308, 0, false) == MIX_ERR_OVERFLOW);
	CHECK(b.count == 2);
	CHECK(mixb_add(&b, "A\0B", 3, 1, 0, false) == MIX_ERR_KEY_ZERO_BYTE);
	CHECK(mixb_add(&b, "ABCDEFGHI\0J", 11, 1, 0, false) == MIX_ERR_KEY_ZERO_BYTE);
	{
		/* a failed addition leaves the mix valid and unchanged */
		Mix		   *m = flat(&b);

		CHECK(mix_validate(m, mix_size(m)) == MIX_OK && volume_of(m, "A") == 1e308);
		free(m);
	}
	mixb_free(&b);
}

/*
 * A merge that fails adds no value: an overflowing spare capacity (of the
 * unattributed volume or of a supplier) leaves the volume beside it as it
 * was, and so does a clashing governance risk; the bound that lets rows be
 * queued without checks stays at least the total (found by the fuzzer: the
 * unattributed volume was added before its spare overflowed, the bound
 * not, and the builder's own check failed at the next addition)
 */
static void
test_failed_merge(void)
{
	MixBuilder	b,
				o;
	Mix		   *m;

	mixb_init(&b, &A);
	mixb_init(&o, &A);
	CHECK(mixb_add(&b, NULL, 0, 1, 1e308, true) == MIX_OK);
	CHECK(mixb_add(&b, "A", 1, 5, 1e308, true) == MIX_OK);
	CHECK(mixb_add(&o, NULL, 0, 2, 1e308, true) == MIX_OK);
	m = flat(&o);
	CHECK(mixb_add_mix(&b, m) == MIX_ERR_OVERFLOW);
	CHECK(b.unattributed + b.unattributed_c == 1);
	CHECK(b.bound >= 6);
	free(m);
	mixb_free(&o);
	CHECK(mixb_add(&o, "A", 1, 7, 1e308, true) == MIX_OK);
	m = flat(&o);
	CHECK(mixb_add_mix(&b, m) == MIX_ERR_OVERFLOW);
	free(m);
	mixb_free(&o);
	CHECK(mixb_add_risk(&b, "R", 1, 3, 0.5) == MIX_OK);
	CHECK(mixb_add_risk(&o, "R", 1, 4, 0.7) == MIX_OK);
	m = flat(&o);
	CHECK(mixb_add_mix(&b, m) == MIX_ERR_RISK_MISMATCH);
	free(m);
	/* an addition that succeeds runs the builder's checks (RR_ASSERT_CHECKING) */
	CHECK(mixb_add(&b, NULL, 0, 1, 0, false) == MIX_OK);
	m = flat(&b);
	CHECK(volume_of(m, "A") == 5 && volume_of(m, "R") == 3);
	CHECK(m->unattributed + m->unattributed_c == 2);
	free(m);
	mixb_free(&o);
	mixb_free(&b);
}

/* Compensated sums: a million tiny volumes next to huge ones are not lost */
/*
 * Rows queued and applied in batches give the same bytes as rows applied one
 * by one, whatever mixes in (long codes, spare capacity, risks, merges,
 * unattributed volume, volumes near the overflow bound)
 */
static void
test_queue(void)
{
	for (int t = 0; t < 300; t++)
	{
		MixBuilder	q,
					d,
					other;
		Mix		   *mq,
				   *md;
		char		key[40];

		mixb_init(&q, &A);
		mixb_init(&d, &A);
		mixb_init(&other, &A);
		CHECK(mixb_add(&other, "K1", 2, 0.5, 0, false) == MIX_OK);
		for (int i = 0; i < 200; i++)
		{
			uint32_t	r = rng();
			int			n = snprintf(key, sizeof(key), r % 11 == 0 ? "long-code-%u" : "K%u",
									 (unsigned) (rng() % (t % 40 + 1)));
			double		v = (t % 7 == 0) ? 1e306 * (rng() % 3) : (double) (rng() % 1000) / 7;
			MixStatus	sq,
						sd;

			switch (r % 17)
			{
				case 0:
					sq = mixb_add(&q, key, n, v, 1.5, true);
					sd = mixb_add(&d, key, n, v, 1.5, true);
					break;
				case 1:
					sq = mixb_add(&q, NULL, 0, v, 0, false);
					sd = mixb_add(&d, NULL, 0, v, 0, false);
					break;
				case 2:
					sq = mixb_add_builder(&q, &other);
					sd = mixb_add_builder(&d, &other);
					break;
				case 3:
					sq = mixb_add_risk(&q, key, n, v, 2.0);
					sd = mixb_add_risk(&d, key, n, v, 2.0);
					break;
				default:
					sq = mixb_add(&q, key, n, v, 0, false);
					sd = mixb_add(&d, key, n, v, 0, false);
					break;
			}
			if (sd == MIX_OK)
				sd = mixb_apply_pending(&d);
			CHECK(sq == sd);
			if (sq != sd)
				break;
		}
		mq = mixb_to_mix(&q, &A, &(MixStatus) {0});
		md = mixb_to_mix(&d, &A, &(MixStatus) {0});
		CHECK((mq == NULL) == (md == NULL));
		CHECK(mq == NULL || (mix_size(mq) == mix_size(md) && memcmp(mq, md, mix_size(md)) == 0));
		free(mq);
		free(md);
		mixb_free(&q);
		mixb_free(&d);
		mixb_free(&other);
	}
}

static void
test_compensation(void)
{
	MixBuilder	b;
	Mix		   *m;

	mixb_init(&b, &A);
	mixb_add(&b, "BIG", 3, 1e13, 0, false);
	for (int i = 0; i < 1000000; i++)
		mixb_add(&b, "BIG", 3, 1e-3, 0, false);
	m = flat(&b);
	CHECK(fabs(volume_of(m, "BIG") - (1e13 + 1000)) <= 2e-3);
	free(m);
	mixb_free(&b);
}

/* Merging flat mixes or builders equals adding all rows; k must agree */
static void
test_merge(void)
{
	MixBuilder	half[2],
				all,
				viaflat;
	Mix		   *fa,
			   *fb,
			   *fall,
			   *fmerged,
			   *fviaflat;

	mixb_init(&half[0], &A);
	mixb_init(&half[1], &A);
	mixb_init(&all, &A);
	mixb_init(&viaflat, &A);
	for (int i = 0; i < 300; i++)
	{
		char		key[16];
		int			n = snprintf(key, sizeof(key), "K%d", (int) (rng() % 97));
		double		v = (double) (rng() % 1000) / 7;
		double		s = (double) (rng() % 10);

		mixb_add(&half[i % 2], key, n, v, s, i % 2 == 1);
		mixb_add(&all, key, n, v, i % 2 == 1 ? s : 0, true);
	}
	fa = flat(&half[0]);
	fb = flat(&half[1]);
	CHECK(mixb_add_mix(&viaflat, fa) == MIX_OK && mixb_add_mix(&viaflat, fb) == MIX_OK);
	CHECK(mixb_add_builder(&half[0], &half[1]) == MIX_OK);
	fall = flat(&all);
	fmerged = flat(&half[0]);
	fviaflat = flat(&viaflat);
	CHECK((fmerged->flags & MIX_F_SPARE) != 0);
	CHECK(mix_size(fmerged) == mix_size(fall) && mix_size(fviaflat) == mix_size(fall));
	for (uint32_t i = 0; i < fall->count; i++)
	{
		CHECK(mix_entry_volume(&mix_entries(fmerged)[i]) == mix_entry_volume(&mix_entries(fall)[i]));
		CHECK(mix_entry_volume(&mix_entries(fviaflat)[i]) == mix_entry_volume(&mix_entries(fall)[i]));
		CHECK(mix_entry_spare(fmerged, i) == mix_entry_spare(fall, i));
	}
	half[0].k = 3;
	half[1].k = 4;
	CHECK(mixb_add_builder(&half[0], &half[1]) == MIX_ERR_K_MISMATCH);
	free(fa);
	free(fb);
	free(fall);
	free(fmerged);
	free(fviaflat);
	mixb_free(&half[0]);
	mixb_free(&half[1]);
	mixb_free(&all);
	mixb_free(&viaflat);
}

/* Canonical form: sorted, validated, the same bytes whatever the row order */
static void
test_canonical(void)
{
	const char *keys[] = {"b", "B", "a", "AB", "a-very-long-key-1", "Z"};
	MixBuilder	b1,
				b2;
	Mix		   *c1,
			   *c2;

	mixb_init(&b1, &A);
	mixb_init(&b2, &A);
	for (int i = 0; i < 6; i++)
	{
		mixb_add(&b1, keys[i], strlen(keys[i]), i + 1, i, true);
		mixb_add(&b2, keys[5 - i], strlen(keys[5 - i]), 6 - i, 5 - i, true);
	}
	c1 = flat(&b1);
	c2 = flat(&b2);
	CHECK(c1->flags & MIX_F_SORTED);
	CHECK(mix_validate(c1, mix_size(c1)) == MIX_OK);
	CHECK(strncmp(mix_entry_key(c1, &mix_entries(c1)[0]), "AB", 2) == 0);
	CHECK(volume_of(c1, "a-very-long-key-1") == 5);
	CHECK(volume_of(c1, "Z") == 6);
	CHECK(mix_size(c1) == mix_size(c2) && memcmp(c1, c2, mix_size(c1)) == 0);
	free(c1);
	free(c2);
	mixb_free(&b1);
	mixb_free(&b2);
}

/* A random mix with awkward codes and values, in canonical form */
static Mix *
random_mix(int n, bool spare)
{
	MixBuilder	b;
	Mix		   *m;

	mixb_init(&b, &A);
	for (int i = 0; i < n; i++)
	{
		char		key[40];
		int			len = 1 + (int) (rng() % 20);
		double		v = ldexp((double) (rng() >> 11), -(int) (rng() % 80));

		for (int j = 0; j < len; j++)
			key[j] = (char) (1 + rng() % 255);
		mixb_add(&b, key, len, v, spare ? (double) (rng() % 5) : 0, spare);
	}
	mixb_add(&b, NULL, 0, (double) (rng() % 3), 1, spare);
	m = flat(&b);
	mixb_free(&b);
	return m;
}

/* Text and binary forms round-trip bit-identically */
static void
test_round_trips(void)
{
	for (int t = 0; t < 200; t++)
	{
		Mix		   *m = random_mix((int) (rng() % 60), t % 2);
		Mix		   *c = m;
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
		/* the same suppliers, bit-identical values (a sum's low part folded) */
		CHECK(back != NULL && back->count == c->count);
		for (uint32_t i = 0; back != NULL && i < c->count; i++)
			CHECK(mix_entry_volume(&mix_entries(back)[i]) == mix_entry_volume(&mix_entries(c)[i]) &&
				  mix_entry_spare(back, i) == mix_entry_spare(c, i));
		mix_to_binary(m, order, bin);
		bback = mix_from_binary(bin, blen, &A, &err);
		/* binary and text read back to the same bytes */
		CHECK(bback != NULL && back != NULL && mix_size(bback) == mix_size(back) &&
			  memcmp(bback, back, mix_size(back)) == 0);
		/* every truncation and a trailing byte are errors, not crashes */
		for (size_t cut = 0; cut < blen; cut += 1 + blen / 40)
			CHECK(mix_from_binary(bin, cut, &A, &err) == NULL && err.status != MIX_OK);
		bin[blen] = 0;
		CHECK(mix_from_binary(bin, blen + 1, &A, &err) == NULL);
		free(m);
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
		RankItem   *scratch = malloc(((size_t) m->count + 1) * sizeof(RankItem));
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

/*
 * Codes of every length up to 20 bytes, each in a buffer of exactly its
 * length (so that the sanitizer sees any read past it): found again by
 * their bytes, not confused with a prefix or an extension of another code,
 * and written out with their exact bytes and length.
 */
static void
test_key_lengths(void)
{
	MixBuilder	b;
	Mix		   *m;
	char		text[21] = "ABCDEFGHIJKLMNOPQRST";

	mixb_init(&b, &A);
	for (int round = 0; round < 2; round++)
		for (size_t len = 1; len <= 20; len++)
		{
			char	   *key = malloc(len);

			memcpy(key, text, len);
			CHECK(mixb_add(&b, key, len, (double) len, 0, false) == MIX_OK);
			free(key);
		}
	CHECK(b.count == 20);
	m = flat(&b);
	CHECK(m->count == 20);
	for (size_t len = 1; len <= 20; len++)
	{
		int64_t		i = mix_find(m, text, len);
		const MixEntry *e = i >= 0 ? &mix_entries(m)[i] : NULL;

		CHECK(e != NULL && e->keylen == len &&
			  memcmp(mix_entry_key(m, e), text, len) == 0 &&
			  mix_entry_volume(e) == 2.0 * (double) len);
	}
	free(m);
	mixb_free(&b);
}

int
main(void)
{
	test_add_and_grow();
	test_key_lengths();
	test_errors();
	test_failed_merge();
	test_queue();
	test_compensation();
	test_merge();
	test_canonical();
	test_round_trips();
	test_bad_json();
	test_measures();
	test_validate_corrupt();
	return unit_report("mix");
}

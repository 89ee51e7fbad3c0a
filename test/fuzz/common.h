/*
 * common.h
 *		Shared by the libFuzzer targets of the plain-C core: a tracking
 *		allocator and the properties every valid supply mix must have.
 *
 * The allocator hands out zeroed memory (as CoreAllocator requires) and
 * keeps every live block in a list, so that a target can run the core in
 * both of PostgreSQL's modes -- with a release function (palloc/pfree) and
 * without one (the aggregate's bump arena, where nothing is freed one by
 * one) -- and still free everything at the end of an input; releasing a
 * block twice or one it never handed out aborts.
 *
 * exercise_mix() runs every measure over a mix, checks that the text and
 * binary forms round-trip exactly, and checks the ranges of the results.
 * Any broken property calls abort(), which libFuzzer reports as a crash.
 */
#ifndef RARERISK_FUZZ_COMMON_H
#define RARERISK_FUZZ_COMMON_H

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "concentration.h"
#include "embargo.h"
#include "mix.h"
#include "mix_builder.h"
#include "mix_text.h"
#include "sort.h"

#define FUZZ_CHECK(cond) \
	do { \
		if (!(cond)) \
		{ \
			fprintf(stderr, "%s:%d: property failed: %s\n", \
					__FILE__, __LINE__, #cond); \
			abort(); \
		} \
	} while (0)

typedef struct TrackedBlock
{
	struct TrackedBlock *prev,
			   *next;
	size_t		size;
	uint64_t	magic;
} TrackedBlock;

#define TRACK_MAGIC 0x72617265726973ULL

static TrackedBlock track_head = {&track_head, &track_head, 0, 0};

static void *
track_alloc(void *arg, size_t size)
{
	TrackedBlock *b;

	if (size > ((size_t) 1 << 31))
		return NULL;			/* like palloc's MaxAllocSize: fail, never abort */
	b = calloc(1, sizeof(TrackedBlock) + size);
	if (b == NULL)
		return NULL;
	b->size = size;
	b->magic = TRACK_MAGIC;
	b->next = track_head.next;
	b->prev = &track_head;
	track_head.next->prev = b;
	track_head.next = b;
	return b + 1;
}

static void
track_release(void *arg, void *p)
{
	TrackedBlock *b;

	if (p == NULL)
		return;
	b = (TrackedBlock *) p - 1;
	FUZZ_CHECK(b->magic == TRACK_MAGIC);
	b->magic = 0;
	b->prev->next = b->next;
	b->next->prev = b->prev;
	free(b);
}

/* Free every block still live (the end of an "aggregate context") */
static void
track_reset(void)
{
	while (track_head.next != &track_head)
		track_release(NULL, track_head.next + 1);
}

/* palloc/pfree-like, and arena-like (release is NULL) */
static const CoreAllocator FA_RELEASE = {track_alloc, track_release, NULL};
static const CoreAllocator FA_ARENA = {track_alloc, NULL, NULL};

/* Little readers over the fuzzer's bytes */
typedef struct FuzzInput
{
	const uint8_t *p;
	size_t		left;
} FuzzInput;

static uint8_t
fin_byte(FuzzInput *in)
{
	if (in->left == 0)
		return 0;
	in->left--;
	return *in->p++;
}

static uint32_t
fin_u32(FuzzInput *in)
{
	uint32_t	v = 0;

	for (int i = 0; i < 4; i++)
		v = (v << 8) | fin_byte(in);
	return v;
}

/* A double: mostly small "nice" values, sometimes raw bit patterns */
static double
fin_double(FuzzInput *in)
{
	uint8_t		kind = fin_byte(in);
	uint64_t	bits = 0;
	double		d;

	switch (kind % 8)
	{
		case 0:
			return 0.0;
		case 1:
			return (double) fin_byte(in);
		case 2:
			return (double) fin_u32(in) / 7.0;
		case 3:
			return ldexp((double) (fin_byte(in) + 1), (int) (int8_t) fin_byte(in) * 8);
		default:
			for (int i = 0; i < 8; i++)
				bits = (bits << 8) | fin_byte(in);
			memcpy(&d, &bits, sizeof(d));
			return d;
	}
}

/*
 * A supplier code of 0..40 bytes (sometimes longer than inline).  Codes come
 * from PostgreSQL text, which cannot hold a zero byte: the core relies on
 * that (mix_builder.h), so none is generated.
 */
static size_t
fin_key(FuzzInput *in, char *buf, size_t cap)
{
	size_t		len = fin_byte(in) % 41;

	if (len > cap)
		len = cap;
	for (size_t i = 0; i < len; i++)
	{
		uint8_t		c = fin_byte(in);

		buf[i] = (char) (c == 0 ? 'x' : c);
	}
	return len;
}

static bool
share_ok(double s)
{
	return s >= 0 && s <= 1 + 1e-9;
}

/* The properties of a valid mix; m is consumed (not freed) */
static void
exercise_mix(const Mix *m)
{
	uint32_t   *scratch;
	RankItem   *ranks;
	ConcentrationProfile prof;
	double		x;
	size_t		len,
				len2;
	char	   *json,
			   *json2;
	Mix		   *back;
	MixParseError err;
	unsigned char *bin;
	size_t		binlen;

	FUZZ_CHECK(mix_validate(m, mix_size(m)) == MIX_OK);
	scratch = track_alloc(NULL, ((size_t) m->count + 1) * sizeof(uint32_t));
	/* two RankItems an entry: the rank sort uses the second half as buffer */
	ranks = track_alloc(NULL, ((size_t) m->count + 1) * 2 * sizeof(RankItem));
	FUZZ_CHECK(scratch != NULL && ranks != NULL);

	/* every measure, and their ranges */
	x = conc_total(m);
	FUZZ_CHECK(x >= 0);
	FUZZ_CHECK(conc_supplier_count(m) <= m->count);
	if (conc_hhi(m, &x))
		FUZZ_CHECK(x >= 0 && x <= 10000 * (1 + 1e-9));
	if (conc_normalized_hhi(m, &x))
		FUZZ_CHECK(x >= -1e-9 && x <= 1 + 1e-9);
	if (conc_equivalent_suppliers(m, &x))
		FUZZ_CHECK(x >= 1 - 1e-9 || isinf(x));
	if (conc_shannon(m, &x))
		FUZZ_CHECK(!isnan(x) && x >= -1e-9);
	{
		int64_t		top = conc_top_supplier(m);

		FUZZ_CHECK(top >= -1 && top < (int64_t) m->count);
	}
	for (int64_t k = 0; k <= 4; k++)
		if (conc_top_share(m, k, ranks, &x))
			FUZZ_CHECK(share_ok(x));
	if (conc_top_share(m, INT64_MAX, ranks, &x))
		FUZZ_CHECK(share_ok(x));
	conc_profile(m, ranks, &prof);
	FUZZ_CHECK(prof.suppliers == conc_supplier_count(m));
	mix_order_by_rank(m, ranks);
	mix_order_by_key(m, scratch);

	/* the text form round-trips exactly */
	json = mix_to_json(m, &FA_RELEASE, &len);
	FUZZ_CHECK(json != NULL);
	back = mix_from_json(json, len, true, &FA_RELEASE, &err);
	if (back == NULL)
		fprintf(stderr, "text form not read back: %s\n%.*s\n", err.message,
				(int) (len > 2000 ? 2000 : len), json);
	FUZZ_CHECK(back != NULL);
	json2 = mix_to_json(back, &FA_RELEASE, &len2);
	FUZZ_CHECK(json2 != NULL && len2 == len && memcmp(json, json2, len) == 0);

	/* so does the binary form, and it reads back to the same text */
	binlen = mix_binary_size(m);
	bin = track_alloc(NULL, binlen);
	FUZZ_CHECK(bin != NULL);
	mix_to_binary(m, scratch, bin);
	track_release(NULL, back);
	back = mix_from_binary(bin, binlen, &FA_RELEASE, &err);
	if (back == NULL)
		fprintf(stderr, "binary form not read back: %s\n", err.message);
	FUZZ_CHECK(back != NULL);
	track_release(NULL, json2);
	json2 = mix_to_json(back, &FA_RELEASE, &len2);
	FUZZ_CHECK(json2 != NULL && len2 == len && memcmp(json, json2, len) == 0);

	/* embargo measures over the mix */
	{
		EmbargoParams p = {1, 30, 365, 365};
		EmbargoSums s;
		EmbargoImpact imp;
		EmbargoPoint pt;

		for (int64_t k = 0; k <= 3; k++)
		{
			uint32_t	chosen = embargo_worst(m, k, &p, ranks, &s);

			FUZZ_CHECK(chosen <= m->count);
			if (embargo_impact(&p, &s, &imp))
			{
				FUZZ_CHECK(share_ok(imp.shortfall_share));
				FUZZ_CHECK(imp.shortfall >= 0 && !isnan(imp.shortfall));
			}
			embargo_trajectory_point(&p, &s, 100, &pt);
			FUZZ_CHECK(!isnan(pt.gap));
		}
		if (m->count > 0)
		{
			const MixEntry *e = &mix_entries(m)[0];
			const char *code = mix_entry_key(m, e);
			size_t		clen = e->keylen;
			EmbargoStatus est;
			EmbargoScenario *sc = embargo_scenario_build(&code, &clen, 1, &p,
														 &FA_RELEASE, &est);

			FUZZ_CHECK(sc != NULL && est == EMB_OK);
			FUZZ_CHECK(embargo_scenario_validate(sc, embargo_scenario_size(sc)) == EMB_OK);
			FUZZ_CHECK(embargo_scenario_contains(sc, code, clen));
			embargo_mix_sums(m, sc, &s);
			FUZZ_CHECK(embargo_sums_validate(&s) == EMB_OK);
			if (embargo_impact(&p, &s, &imp))
				FUZZ_CHECK(share_ok(imp.shortfall_share));
			track_release(NULL, sc);
		}
	}

	track_release(NULL, back);
	track_release(NULL, json);
	track_release(NULL, json2);
	track_release(NULL, bin);
	track_release(NULL, scratch);
	track_release(NULL, ranks);
}

#endif							/* RARERISK_FUZZ_COMMON_H */

/*
 * embargo.h
 *		The embargo shortfall model: scenarios, the
 *		aggregate state (four compensated sums), the impact of an embargo,
 *		its trajectory over time and the exact worst-case embargo of k
 *		suppliers.
 *
 * The model, per group, all rates per day (P = period_days, H =
 * horizon_days, alpha = intensity):
 *
 *		demand			d  = D / P					D  = total volume
 *		direct loss		l0 = alpha * E / P			E  = volume of embargoed suppliers
 *		indirect loss	l1 = alpha * C / P			C  = sum of v * theta over the
 *													     non-embargoed (unattributed
 *													     included)
 *		substitution	r  = min(l0 + l1, SP / P)	SP = spare of the non-embargoed
 *													     (unattributed included)
 *		gap				g  = l0 + l1 - r
 *		stock			S  = d * stock_days
 *		shortfall		max(0, g * H - S), its share of d * H
 *
 * Everything depends on the rows only through D, E, C and SP, so the
 * aggregate state is four sums, which combine by addition.
 *
 * Both EmbargoScenario and EmbargoState are flat, relocatable buffers with
 * room for PostgreSQL's varlena header in their first four bytes, built
 * canonically (zeroed padding, codes sorted and unique, -0 stored as 0) so
 * that equal scenarios are equal byte for byte.
 *
 * Plain C: no PostgreSQL headers.
 */
#ifndef RARERISK_EMBARGO_H
#define RARERISK_EMBARGO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mix.h"

#define EMBARGO_FORMAT_VERSION	1
#define EMBARGO_MAX_TRAJECTORY	1000000 /* rows of one trajectory */

typedef struct EmbargoParams
{
	double		intensity;		/* 0..1 */
	double		stock_days;		/* >= 0 */
	double		horizon_days;	/* > 0 */
	double		period_days;	/* > 0 */
} EmbargoParams;

/*
 * A scenario.  After the header: uint32 offsets[count + 1] (start of each
 * code in the data, offsets[count] = data_len), then the code bytes.
 */
typedef struct EmbargoScenario
{
	int32_t		vl_len_;		/* PostgreSQL varlena header */
	uint8_t		version;
	uint8_t		reserved[3];
	EmbargoParams params;
	uint32_t	count;			/* embargoed codes, sorted, unique */
	uint32_t	data_len;		/* bytes of code data */
} EmbargoScenario;

/* Compensated sums of one group; each value is x + x_c */
typedef struct EmbargoSums
{
	double		demand,
				demand_c;		/* D: all volume */
	double		embargoed,
				embargoed_c;	/* E: volume of embargoed suppliers */
	double		content,
				content_c;		/* C: v * theta of the non-embargoed */
	double		spare,
				spare_c;		/* SP: spare of the non-embargoed */
} EmbargoSums;

/* The aggregate state: the sums, then a copy of the scenario */
typedef struct EmbargoState
{
	int32_t		vl_len_;		/* PostgreSQL varlena header */
	uint8_t		version;
	uint8_t		reserved[3];
	EmbargoSums sums;
	/* EmbargoScenario follows, 8-byte aligned */
} EmbargoState;

/* Impact of an embargo: volumes over the horizon */
typedef struct EmbargoImpact
{
	double		demand;			/* d * H */
	double		direct_loss;	/* l0 * H */
	double		indirect_loss;	/* l1 * H */
	double		substitution;	/* r * H */
	double		stock_release;	/* min(S, g * H) */
	double		shortfall;		/* max(0, g * H - S) */
	double		shortfall_share;	/* shortfall / (d * H), 0..1 */
	bool		has_days;		/* false when g = 0 */
	double		days_to_shortage;	/* S / g */
} EmbargoImpact;

typedef struct EmbargoPoint
{
	double		day;
	double		gap;			/* g, volume per day */
	double		stock_remaining;	/* max(0, S - g * day) */
	double		cumulative_shortfall;	/* max(0, g * day - S) */
} EmbargoPoint;

typedef enum EmbargoStatus
{
	EMB_OK = 0,
	EMB_ERR_NOMEM,
	EMB_ERR_INTENSITY,			/* not in [0,1] */
	EMB_ERR_STOCK_DAYS,			/* negative or not finite */
	EMB_ERR_HORIZON,			/* not > 0 or not finite */
	EMB_ERR_PERIOD,				/* not > 0 or not finite */
	EMB_ERR_EMPTY_LIST,			/* no embargoed supplier */
	EMB_ERR_EMPTY_CODE,			/* a code of zero bytes */
	EMB_ERR_CODE_TOO_LONG,		/* longer than MIX_MAX_KEY_LEN */
	EMB_ERR_TOO_BIG,			/* the scenario would exceed MIX_MAX_SIZE */
	EMB_ERR_VALUE,				/* a negative or non-finite volume or spare */
	EMB_ERR_THETA,				/* embargoed content not in [0,1] */
	EMB_ERR_OVERFLOW,			/* a sum overflowed */
	EMB_ERR_CORRUPT				/* not a valid scenario or state */
} EmbargoStatus;

/* Scenarios */
extern EmbargoStatus embargo_check_params(const EmbargoParams *p);
extern EmbargoScenario *embargo_scenario_build(const char *const *codes,
											   const size_t *lens, uint32_t n,
											   const EmbargoParams *p,
											   const CoreAllocator *a,
											   EmbargoStatus *status);
extern size_t embargo_scenario_size(const EmbargoScenario *s);
extern const char *embargo_scenario_code(const EmbargoScenario *s, uint32_t i,
										 size_t *len);
extern bool embargo_scenario_contains(const EmbargoScenario *s,
									  const char *key, size_t len);
extern EmbargoStatus embargo_scenario_validate(const EmbargoScenario *s,
											   size_t size);

/* Aggregate state */
extern size_t embargo_state_size(const EmbargoScenario *s);
extern void embargo_state_init(EmbargoState *st, const EmbargoScenario *s);

/* The scenario a state carries */
static inline EmbargoScenario *
embargo_state_scenario(const EmbargoState *st)
{
	return (EmbargoScenario *) ((char *) st + sizeof(EmbargoState));
}

extern EmbargoStatus embargo_check_row(double volume, double spare,
									   double theta);
extern EmbargoStatus embargo_sums_add(EmbargoSums *s, bool embargoed,
									  double volume, double spare,
									  double theta);
extern EmbargoStatus embargo_sums_merge(EmbargoSums *dst,
										const EmbargoSums *src);
extern EmbargoStatus embargo_sums_validate(const EmbargoSums *s);
extern void embargo_mix_sums(const Mix *m, const EmbargoScenario *s,
							 EmbargoSums *out);

/* The model */
extern bool embargo_impact(const EmbargoParams *p, const EmbargoSums *s,
						   EmbargoImpact *out);
extern int64_t embargo_trajectory_rows(const EmbargoParams *p, int64_t step);
extern void embargo_trajectory_point(const EmbargoParams *p,
									 const EmbargoSums *s, double day,
									 EmbargoPoint *out);
extern uint32_t embargo_worst(const Mix *m, int64_t k, const EmbargoParams *p,
							  RankItem *scratch, EmbargoSums *out);

extern const char *embargo_status_message(EmbargoStatus st);

#endif							/* RARERISK_EMBARGO_H */

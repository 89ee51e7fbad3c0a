/*
 * disruption.h
 *		Probabilistic disruption risk: independent events, each cutting the
 *		exports of some suppliers with some probability, and the exact
 *		distribution of the shortfall share over all their outcomes.
 *
 * An event has a probability p and an intensity a in (0,1]: with
 * probability p, independently of the other events, each supplier it lists
 * cuts its exports by a.  In one outcome (a set of active events) supplier
 * s is cut by a_s, the largest intensity among the active events listing
 * it, and the embargo model of embargo.h is applied with
 *
 *		E  = sum over cut suppliers of a_s * v_s	(direct loss, intensity 1)
 *		SP = spare of the suppliers not cut (unattributed spare included)
 *
 * through embargo_impact itself, so a single event of intensity a is the
 * embargo of its suppliers with intensity a.  Events of probability 0 are
 * dropped, events of probability 1 are always active, and the m others
 * (m <= DISRUPTION_MAX_EVENTS) are enumerated exactly: all 2^m outcomes in
 * Gray-code order, where each outcome toggles one event and only the
 * suppliers that event lists are updated.
 *
 * Plain C: no PostgreSQL headers.
 */
#ifndef RARERISK_DISRUPTION_H
#define RARERISK_DISRUPTION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "embargo.h"
#include "mix.h"

#define DISRUPTION_MAX_EVENTS	24	/* uncertain events: 2^24 outcomes */
#define DISRUPTION_TAIL			0.05	/* VaR and CVaR at 95 % */
/* a cumulative probability within this of the tail counts as reaching it */
#define DISRUPTION_PROB_TOL		1e-12

typedef struct DisruptionEvent
{
	double		probability;	/* [0,1] */
	double		intensity;		/* (0,1] */
	uint32_t	ncodes;			/* > 0 */
	const char *const *codes;	/* supplier codes, duplicates allowed */
	const size_t *lens;
} DisruptionEvent;

/* One point of the distribution */
typedef struct DisruptionPoint
{
	double		share;			/* shortfall share */
	double		probability;
} DisruptionPoint;

typedef struct DisruptionResult
{
	double		expected_share; /* probability-weighted mean shortfall share */
	double		p_shortage;		/* P(shortfall share > 0) */
	double		var_95;			/* smallest s with P(share <= s) >= 0.95 */
	double		cvar_95;		/* mean share over the worst 5 % */
	double		worst_share;	/* largest share of any outcome */
	uint32_t	events;			/* events of positive probability */
	uint32_t	uncertain;		/* of which with probability < 1 */
	DisruptionPoint *dist;		/* distinct shares ascending, merged */
	uint64_t	npoints;
} DisruptionResult;

typedef enum DisruptionStatus
{
	DIS_OK = 0,
	DIS_ERR_NOMEM,
	DIS_ERR_PROBABILITY,		/* not in [0,1] */
	DIS_ERR_INTENSITY,			/* not in (0,1] */
	DIS_ERR_EMPTY_LIST,			/* no supplier */
	DIS_ERR_EMPTY_CODE,			/* a code of zero bytes */
	DIS_ERR_CODE_TOO_LONG,		/* longer than MIX_MAX_KEY_LEN */
	DIS_ERR_TOO_MANY			/* more than DISRUPTION_MAX_EVENTS uncertain */
} DisruptionStatus;

extern DisruptionStatus disruption_check_event(const DisruptionEvent *e);
extern DisruptionStatus disruption_risk(const Mix *m,
										const DisruptionEvent *events,
										uint32_t n, const EmbargoParams *p,
										const CoreAllocator *a,
										DisruptionResult *out,
										uint32_t *bad_event, bool *defined);
extern const char *disruption_status_message(DisruptionStatus st);

#endif							/* RARERISK_DISRUPTION_H */

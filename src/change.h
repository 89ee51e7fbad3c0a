/*
 * change.h
 *		How the supplier concentration of a group changed between two
 *		supply mixes (two periods of a scheduled report), and the dominant
 *		supplier of a mix: the measures behind concentration alerts.
 *
 * Plain C: no PostgreSQL headers.
 */
#ifndef RARERISK_CHANGE_H
#define RARERISK_CHANGE_H

#include <stdbool.h>
#include <stdint.h>

#include "mix.h"

typedef struct MixChange
{
	bool		has_hhi_before; /* false for a zero total */
	double		hhi_before;
	bool		has_hhi_after;
	double		hhi_after;
	int64_t		top_before;		/* entry of before, or -1 */
	int64_t		top_after;		/* entry of after, or -1 */
	bool		top_changed;	/* the top suppliers' codes differ */
	bool		has_drop;		/* some supplier's share fell */
	const char *drop_key;		/* the supplier whose share fell most */
	size_t		drop_keylen;
	double		drop;			/* its loss in percentage points, > 0 */
	uint32_t	nnew;			/* entries of after: volume > 0 now only */
	uint32_t	nlost;			/* entries of before: volume > 0 then only */
} MixChange;

extern void mix_change(const Mix *before, const Mix *after,
					   uint32_t *new_entries, uint32_t *lost_entries,
					   MixChange *out);
extern int64_t mix_dominant(const Mix *m, double threshold);

#endif							/* RARERISK_CHANGE_H */

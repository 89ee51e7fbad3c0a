/*
 * concentration.h
 *		Concentration and diversity measures over a supply mix.
 *
 * All on the per-supplier totals; shares are of the grand total, which
 * includes the unattributed volume (never itself squared, ranked or
 * counted).  A measure that is undefined (zero total, no named supplier)
 * is reported by returning false.
 *
 * Plain C: no PostgreSQL headers.
 */
#ifndef RARERISK_CONCENTRATION_H
#define RARERISK_CONCENTRATION_H

#include "mix.h"

typedef struct ConcentrationProfile
{
	double		total;
	uint32_t	suppliers;		/* named suppliers with volume > 0 */
	bool		has_ratios;		/* false when the total is 0 */
	double		hhi;			/* 0..10,000 */
	bool		has_normalized;
	double		normalized_hhi;
	bool		has_equivalent;
	double		equivalent_suppliers;
	int64_t		top;			/* entry position of the top supplier, or -1 */
	double		top_share;		/* CR1 */
	double		cr3;
	double		shannon;
} ConcentrationProfile;

extern double conc_total(const Mix *m);
extern uint32_t conc_supplier_count(const Mix *m);
extern bool conc_hhi(const Mix *m, double *hhi);
extern bool conc_normalized_hhi(const Mix *m, double *h);
extern bool conc_equivalent_suppliers(const Mix *m, double *n);
extern bool conc_shannon(const Mix *m, double *h);
extern int64_t conc_top_supplier(const Mix *m);
extern bool conc_top_share(const Mix *m, int64_t k, RankItem *scratch,
						   double *share);
extern MixStatus conc_governance_hhi(const Mix *m, double *h, int64_t *missing);
extern void conc_profile(const Mix *m, RankItem *scratch,
						 ConcentrationProfile *p);

#endif							/* RARERISK_CONCENTRATION_H */

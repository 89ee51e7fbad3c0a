/*
 * criticality.h
 *		Scalar criticality scores of the EU and USGS methodologies:
 *		governance risk from a WGI mean, the EU supply risk that combines
 *		governance-weighted HHIs, and net import reliance.
 *
 * Each function validates its arguments and returns a status; the result
 * is written only on CRIT_OK.  CRIT_UNDEFINED means the score does not
 * exist for these (valid) arguments, e.g. a zero apparent consumption:
 * SQL returns NULL for it.
 *
 * Plain C: no PostgreSQL headers.
 */
#ifndef RARERISK_CRITICALITY_H
#define RARERISK_CRITICALITY_H

#include <stdbool.h>

typedef enum CritStatus
{
	CRIT_OK = 0,
	CRIT_UNDEFINED,				/* valid input, no score: SQL NULL */
	CRIT_ERR_NAN,				/* an argument is NaN */
	CRIT_ERR_INFINITE,			/* an argument is +/-Infinity */
	CRIT_ERR_NEGATIVE,			/* an argument that must be >= 0 is not */
	CRIT_ERR_FRACTION,			/* an argument that must be in [0,1] is not */
	CRIT_ERR_NOT_POSITIVE,		/* an argument that must be > 0 is not */
	CRIT_ERR_OVERFLOW			/* the result overflows double precision */
} CritStatus;

/* The arguments, so that an error can name the offending one */
typedef enum CritArg
{
	CRIT_ARG_NONE = -1,
	CRIT_ARG_WGI_MEAN = 0,
	CRIT_ARG_HHI_GLOBAL,
	CRIT_ARG_HHI_SOURCING,
	CRIT_ARG_IMPORT_RELIANCE,
	CRIT_ARG_EOL_RIR,
	CRIT_ARG_SUBSTITUTION,
	CRIT_ARG_PRODUCTION,
	CRIT_ARG_IMPORTS,
	CRIT_ARG_EXPORTS,
	CRIT_ARG_STOCK_CHANGE,
	CRIT_ARG_TRADE_FACTOR,
	CRIT_ARG_SR_EXTRACTION,
	CRIT_ARG_SR_PROCESSING,
	CRIT_ARG_SR,
	CRIT_ARG_EI,
	CRIT_ARG_SR_THRESHOLD,
	CRIT_ARG_EI_THRESHOLD
} CritArg;

/* The supply-chain stages of the EU assessment, upstream first */
typedef enum CritStage
{
	CRIT_STAGE_NONE = -1,		/* no stage has a supply risk */
	CRIT_STAGE_EXTRACTION = 0,
	CRIT_STAGE_PROCESSING
} CritStage;

extern const char *crit_stage_name(CritStage s);

extern const char *crit_arg_name(CritArg a);

/*
 * EU governance risk on the 0-10 scale (10 = worst) from the mean of the
 * six World Bank WGI estimates (about -2.5 .. 2.5, higher = better):
 * clamp((2.5 - x) * 2, 0, 10).  NaN or infinite x is an error.
 */
extern CritStatus crit_wgi_risk(double wgi_mean, double *risk, CritArg *bad);

/*
 * EU supply risk
 *   SR = [H_GS * IR/2 + H_EU * (1 - IR/2)] * (1 - EoL_RIR) * SI
 * has_gs / has_eu say which HHI_WGI is given; with only one, SR uses it
 * alone (IR then has no effect; has_ir may be false).  IR is clamped into
 * [0,1] (a net exporter counts as 0); EoL_RIR and SI must be in [0,1];
 * the HHIs must be finite and not negative.  CRIT_UNDEFINED when neither
 * HHI is given, or both are and IR is not.
 */
extern CritStatus crit_eu_supply_risk(bool has_gs, double h_gs,
									  bool has_eu, double h_eu,
									  bool has_ir, double ir,
									  double eol_rir, double si,
									  double *sr, CritArg *bad);

/*
 * Net import reliance, USGS MCS:
 *   (imports - exports + stock_change) / apparent consumption,
 *   apparent consumption = production + imports - exports + stock_change
 * stock_change is the net release from stocks (positive when stocks fell).
 * Negative for a net exporter; CRIT_UNDEFINED when apparent consumption
 * is <= 0.  Production, imports and exports must be finite and >= 0;
 * stock_change finite.  Sums are exact to one rounding.
 */
extern CritStatus crit_import_reliance(double production, double imports,
									   double exports, double stock_change,
									   double *ir, double *apparent,
									   CritArg *bad);

/*
 * A supplier's weight in the EU HHI_WGI,t: governance risk times the
 * trade-restriction factor t (1 = no measure; the EU uses 0.8 for a trade
 * agreement and 1.1 .. 1.5 for export restrictions).  t must be finite and
 * > 0; the risk finite and >= 0.
 */
extern CritStatus crit_risk_times_t(double risk, double t, double *weight,
									CritArg *bad);

/*
 * The material's supply risk: the larger of its stage SRs, and the stage
 * that sets it.  A stage whose SR is absent (has_* false) is not assessed.
 * A tie goes to extraction, the upstream stage (a disruption there reaches
 * every later stage).  CRIT_UNDEFINED when no stage is given.  Stage SRs
 * must be finite and >= 0.
 */
extern CritStatus crit_material_sr(bool has_extraction, double extraction,
								   bool has_processing, double processing,
								   double *sr, CritStage *stage, CritArg *bad);

/*
 * EU criticality: SR >= sr_threshold and EI >= ei_threshold (the EU uses
 * 1.0 and 2.8).  Scores and thresholds must be finite and >= 0.
 */
extern CritStatus crit_is_critical(double sr, double ei, double sr_threshold,
								   double ei_threshold, bool *critical,
								   CritArg *bad);

#endif							/* RARERISK_CRITICALITY_H */

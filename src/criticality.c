/*
 * criticality.c
 *		Scalar criticality scores: WGI governance risk, EU supply risk and
 *		USGS net import reliance (see criticality.h).
 *
 * Plain C: no PostgreSQL headers.
 */
#include <math.h>
#include <stddef.h>

#include "criticality.h"
#include "ksum.h"

static const char *const arg_names[] = {
	"wgi_mean",
	"hhi_wgi_global",
	"hhi_wgi_sourcing",
	"import_reliance",
	"eol_rir",
	"substitution_index",
	"production",
	"imports",
	"exports",
	"stock_change",
	"trade factor t",
	"sr_extraction",
	"sr_processing",
	"sr",
	"ei",
	"sr_threshold",
	"ei_threshold"
};

static const char *const stage_names[] = {"extraction", "processing"};

const char *
crit_arg_name(CritArg a)
{
	if (a < 0 || (size_t) a >= sizeof(arg_names) / sizeof(arg_names[0]))
		return "argument";
	return arg_names[a];
}

const char *
crit_stage_name(CritStage s)
{
	if (s < 0 || (size_t) s >= sizeof(stage_names) / sizeof(stage_names[0]))
		return NULL;
	return stage_names[s];
}

/* NaN or infinite: the matching error status; otherwise CRIT_OK */
static CritStatus
check_finite(double x)
{
	if (isnan(x))
		return CRIT_ERR_NAN;
	if (isinf(x))
		return CRIT_ERR_INFINITE;
	return CRIT_OK;
}

/* finite and >= 0 */
static CritStatus
check_nonneg(double x)
{
	CritStatus	st = check_finite(x);

	if (st == CRIT_OK && x < 0)
		st = CRIT_ERR_NEGATIVE;
	return st;
}

#define FAIL(status, arg) \
	do { \
		if (bad) \
			*bad = (arg); \
		return (status); \
	} while (0)

CritStatus
crit_wgi_risk(double wgi_mean, double *risk, CritArg *bad)
{
	CritStatus	st = check_finite(wgi_mean);
	double		r;

	if (st != CRIT_OK)
		FAIL(st, CRIT_ARG_WGI_MEAN);
	r = (2.5 - wgi_mean) * 2.0;		/* may be +/-Inf for huge x: clamped */
	if (r < 0)
		r = 0;
	if (r > 10)
		r = 10;
	*risk = r + 0.0;				/* no -0 */
	return CRIT_OK;
}

CritStatus
crit_eu_supply_risk(bool has_gs, double h_gs, bool has_eu, double h_eu,
					bool has_ir, double ir, double eol_rir, double si,
					double *sr, CritArg *bad)
{
	CritStatus	st;
	double		h,
				r;

	if (has_gs && (st = check_nonneg(h_gs)) != CRIT_OK)
		FAIL(st, CRIT_ARG_HHI_GLOBAL);
	if (has_eu && (st = check_nonneg(h_eu)) != CRIT_OK)
		FAIL(st, CRIT_ARG_HHI_SOURCING);
	if (has_ir && (st = check_finite(ir)) != CRIT_OK)
		FAIL(st, CRIT_ARG_IMPORT_RELIANCE);
	if (!(eol_rir >= 0 && eol_rir <= 1))	/* also NaN */
		FAIL(CRIT_ERR_FRACTION, CRIT_ARG_EOL_RIR);
	if (!(si >= 0 && si <= 1))
		FAIL(CRIT_ERR_FRACTION, CRIT_ARG_SUBSTITUTION);

	if (has_gs && has_eu)
	{
		if (!has_ir)
			return CRIT_UNDEFINED;
		/* the EU method bounds IR to [0,1]: a net exporter counts as 0 */
		if (ir < 0)
			ir = 0;
		if (ir > 1)
			ir = 1;
		h = h_gs * (ir / 2) + h_eu * (1 - ir / 2);
	}
	else if (has_gs)
		h = h_gs;				/* GS only: IR has no effect */
	else if (has_eu)
		h = h_eu;				/* EU only */
	else
		return CRIT_UNDEFINED;

	r = h * (1 - eol_rir) * si;
	if (!isfinite(r))
		FAIL(CRIT_ERR_OVERFLOW, CRIT_ARG_NONE);
	*sr = r + 0.0;
	return CRIT_OK;
}

CritStatus
crit_import_reliance(double production, double imports, double exports,
					 double stock_change, double *ir, double *apparent,
					 CritArg *bad)
{
	CritStatus	st;
	KSum		net = {0, 0};
	KSum		ac;
	double		n,
				a,
				r;

	if ((st = check_nonneg(production)) != CRIT_OK)
		FAIL(st, CRIT_ARG_PRODUCTION);
	if ((st = check_nonneg(imports)) != CRIT_OK)
		FAIL(st, CRIT_ARG_IMPORTS);
	if ((st = check_nonneg(exports)) != CRIT_OK)
		FAIL(st, CRIT_ARG_EXPORTS);
	if ((st = check_finite(stock_change)) != CRIT_OK)
		FAIL(st, CRIT_ARG_STOCK_CHANGE);

	/* net imports = imports - exports + stock_change, compensated */
	ksum_add(&net, imports);
	ksum_add(&net, -exports);
	ksum_add(&net, stock_change);
	ac = net;
	ksum_add(&ac, production);
	n = ksum_value(&net);
	a = ksum_value(&ac);
	if (!isfinite(net.sum) || !isfinite(ac.sum) || !isfinite(n) || !isfinite(a))
		FAIL(CRIT_ERR_OVERFLOW, CRIT_ARG_NONE);
	if (apparent)
		*apparent = a + 0.0;
	if (!(a > 0))
		return CRIT_UNDEFINED;
	r = n / a;
	if (!isfinite(r))
		FAIL(CRIT_ERR_OVERFLOW, CRIT_ARG_NONE);
	*ir = r + 0.0;
	return CRIT_OK;
}

CritStatus
crit_risk_times_t(double risk, double t, double *weight, CritArg *bad)
{
	CritStatus	st;
	double		w;

	if ((st = check_nonneg(risk)) != CRIT_OK)
		FAIL(st, CRIT_ARG_NONE);
	if ((st = check_finite(t)) != CRIT_OK)
		FAIL(st, CRIT_ARG_TRADE_FACTOR);
	if (!(t > 0))
		FAIL(CRIT_ERR_NOT_POSITIVE, CRIT_ARG_TRADE_FACTOR);
	w = risk * t;
	if (!isfinite(w))
		FAIL(CRIT_ERR_OVERFLOW, CRIT_ARG_NONE);
	*weight = w + 0.0;
	return CRIT_OK;
}

CritStatus
crit_material_sr(bool has_extraction, double extraction,
				 bool has_processing, double processing,
				 double *sr, CritStage *stage, CritArg *bad)
{
	CritStatus	st;

	if (has_extraction && (st = check_nonneg(extraction)) != CRIT_OK)
		FAIL(st, CRIT_ARG_SR_EXTRACTION);
	if (has_processing && (st = check_nonneg(processing)) != CRIT_OK)
		FAIL(st, CRIT_ARG_SR_PROCESSING);
	if (has_extraction && (!has_processing || extraction >= processing))
	{
		*sr = extraction + 0.0;
		*stage = CRIT_STAGE_EXTRACTION;
	}
	else if (has_processing)
	{
		*sr = processing + 0.0;
		*stage = CRIT_STAGE_PROCESSING;
	}
	else
		return CRIT_UNDEFINED;
	return CRIT_OK;
}

CritStatus
crit_is_critical(double sr, double ei, double sr_threshold,
				 double ei_threshold, bool *critical, CritArg *bad)
{
	CritStatus	st;

	if ((st = check_nonneg(sr)) != CRIT_OK)
		FAIL(st, CRIT_ARG_SR);
	if ((st = check_nonneg(ei)) != CRIT_OK)
		FAIL(st, CRIT_ARG_EI);
	if ((st = check_nonneg(sr_threshold)) != CRIT_OK)
		FAIL(st, CRIT_ARG_SR_THRESHOLD);
	if ((st = check_nonneg(ei_threshold)) != CRIT_OK)
		FAIL(st, CRIT_ARG_EI_THRESHOLD);
	*critical = sr >= sr_threshold && ei >= ei_threshold;
	return CRIT_OK;
}

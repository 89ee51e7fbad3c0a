/*
 * criticality_unit.c
 *		Unit tests of the plain-C criticality scores (src/criticality.c):
 *		wgi_risk clamping, the EU supply-risk formula against hand
 *		computations and the published dysprosium figure, import reliance
 *		against USGS MCS salient statistics, edge cases and every error.
 *
 * Prints "N passed, M failed" and exits non-zero on any failure.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "unit.h"

#include "criticality.h"


static int
near(double got, double want, double rel)
{
	return fabs(got - want) <= rel * fmax(fabs(want), 1e-300);
}

static double
wgi(double x)
{
	double		r = -1;
	CritArg		bad = CRIT_ARG_NONE;

	if (crit_wgi_risk(x, &r, &bad) != CRIT_OK)
		return -999;
	return r;
}

static void
test_wgi(void)
{
	double		r = 0;
	CritArg		bad = CRIT_ARG_NONE;

	CHECK(wgi(2.5) == 0 && !signbit(wgi(2.5)), "wgi 2.5 -> +0");
	CHECK(wgi(-2.5) == 10, "wgi -2.5 -> 10");
	CHECK(wgi(0) == 5, "wgi 0 -> 5");
	CHECK(wgi(-0.35) == (2.5 + 0.35) * 2, "wgi -0.35 -> 5.7");
	CHECK(near(wgi(-0.35), 5.7, 1e-15), "wgi -0.35 ~ 5.7");
	CHECK(wgi(1.25) == 2.5, "wgi 1.25 -> 2.5");
	CHECK(wgi(3) == 0, "clamped at 0");
	CHECK(wgi(-3) == 10, "clamped at 10");
	CHECK(wgi(1e308) == 0 && wgi(-1e308) == 10, "huge finite values clamp, no overflow");
	CHECK(crit_wgi_risk(NAN, &r, &bad) == CRIT_ERR_NAN && bad == CRIT_ARG_WGI_MEAN, "NaN");
	CHECK(crit_wgi_risk(INFINITY, &r, &bad) == CRIT_ERR_INFINITE, "Infinity");
	CHECK(crit_wgi_risk(-INFINITY, &r, &bad) == CRIT_ERR_INFINITE, "-Infinity");
}

static CritStatus
sr(bool g, double hg, bool e, double he, bool i, double ir, double eol,
   double si, double *out, CritArg *bad)
{
	*out = -1;
	*bad = CRIT_ARG_NONE;
	return crit_eu_supply_risk(g, hg, e, he, i, ir, eol, si, out, bad);
}

static void
test_eu(void)
{
	double		r;
	CritArg		bad;

	/* both HHIs: hand computation */
	CHECK(sr(true, 4, true, 2, true, 0.5, 0.1, 0.9, &r, &bad) == CRIT_OK &&
		  near(r, (4 * 0.25 + 2 * 0.75) * 0.9 * 0.9, 1e-15), "both: %g", r);
	/* IR = 1: 50/50; IR = 0: EU sourcing only */
	CHECK(sr(true, 4, true, 2, true, 1, 0, 1, &r, &bad) == CRIT_OK && r == 3, "IR 1: %g", r);
	CHECK(sr(true, 4, true, 2, true, 0, 0, 1, &r, &bad) == CRIT_OK && r == 2, "IR 0: %g", r);
	/* IR clamped into [0,1] */
	CHECK(sr(true, 4, true, 2, true, -0.8, 0, 1, &r, &bad) == CRIT_OK && r == 2, "net exporter counts as IR 0");
	CHECK(sr(true, 4, true, 2, true, 1.7, 0, 1, &r, &bad) == CRIT_OK && r == 3, "IR > 1 counts as 1");
	/* one HHI: used alone, IR irrelevant and may be missing */
	CHECK(sr(true, 5, false, 0, false, 0, 0.5, 1, &r, &bad) == CRIT_OK && r == 2.5, "GS only");
	CHECK(sr(false, 0, true, 5, true, 0.3, 0, 0.5, &r, &bad) == CRIT_OK && r == 2.5, "EU only");
	CHECK(sr(true, 5, false, 0, true, 0.3, 0, 1, &r, &bad) == CRIT_OK && r == 5, "GS only ignores IR");
	CHECK(sr(false, 0, false, 0, true, 0.5, 0, 1, &r, &bad) == CRIT_UNDEFINED, "no HHI");
	CHECK(sr(true, 1, true, 1, false, 0, 0, 1, &r, &bad) == CRIT_UNDEFINED, "both HHIs, no IR");

	/*
	 * Published EU 2023 order of magnitude: dysprosium, processing, GS only,
	 * China ~100 %, scaled WGI ~5.7, EoL-RIR 1 %, SI 0.99 -> SR 5.6
	 */
	CHECK(sr(true, 1.0 * 1.0 * wgi(-0.35), false, 0, true, 1, 0.01, 0.99, &r, &bad) == CRIT_OK &&
		  near(r, 5.7 * 0.99 * 0.99, 1e-14) && fabs(r - 5.6) < 0.05, "Dy: %g", r);

	/* errors name the argument */
	CHECK(sr(true, NAN, true, 1, true, 0.5, 0, 1, &r, &bad) == CRIT_ERR_NAN && bad == CRIT_ARG_HHI_GLOBAL, "NaN H_GS");
	CHECK(sr(true, 1, true, -1, true, 0.5, 0, 1, &r, &bad) == CRIT_ERR_NEGATIVE && bad == CRIT_ARG_HHI_SOURCING, "negative H_EU");
	CHECK(sr(true, INFINITY, false, 0, false, 0, 0, 1, &r, &bad) == CRIT_ERR_INFINITE, "infinite H_GS");
	CHECK(sr(true, 1, true, 1, true, NAN, 0, 1, &r, &bad) == CRIT_ERR_NAN && bad == CRIT_ARG_IMPORT_RELIANCE, "NaN IR");
	CHECK(sr(true, 1, true, 1, true, -INFINITY, 0, 1, &r, &bad) == CRIT_ERR_INFINITE, "infinite IR");
	CHECK(sr(true, 1, false, 0, false, 0, NAN, 1, &r, &bad) == CRIT_ERR_FRACTION && bad == CRIT_ARG_EOL_RIR, "NaN EoL");
	CHECK(sr(true, 1, false, 0, false, 0, 1.01, 1, &r, &bad) == CRIT_ERR_FRACTION && bad == CRIT_ARG_EOL_RIR, "EoL > 1");
	CHECK(sr(true, 1, false, 0, false, 0, -0.01, 1, &r, &bad) == CRIT_ERR_FRACTION, "EoL < 0");
	CHECK(sr(true, 1, false, 0, false, 0, 0, 1.5, &r, &bad) == CRIT_ERR_FRACTION && bad == CRIT_ARG_SUBSTITUTION, "SI > 1");
	CHECK(sr(true, 1, false, 0, false, 0, 0, -0.5, &r, &bad) == CRIT_ERR_FRACTION && bad == CRIT_ARG_SUBSTITUTION, "SI < 0");
	/* an unused IR is still validated when given */
	CHECK(sr(true, 1, false, 0, true, NAN, 0, 1, &r, &bad) == CRIT_ERR_NAN, "NaN IR with one HHI");
	/* boundaries are fine */
	CHECK(sr(true, 1, false, 0, false, 0, 1, 0, &r, &bad) == CRIT_OK && r == 0 && !signbit(r), "EoL 1, SI 0 -> +0");
	CHECK(sr(true, 1e308, true, 1e308, true, 0.5, 0, 1, &r, &bad) == CRIT_OK && r == 1e308, "large finite");
	CHECK(sr(true, 1.7e308, true, 1.7e308, true, 1, 0, 1, &r, &bad) == CRIT_OK, "no intermediate overflow at IR 1");
}

static CritStatus
nir(double p, double i, double e, double s, double *ir, double *ac, CritArg *bad)
{
	*ir = -999;
	*ac = -999;
	*bad = CRIT_ARG_NONE;
	return crit_import_reliance(p, i, e, s, ir, ac, bad);
}

/* USGS MCS published NIR (integer percent) and apparent consumption */
typedef struct Oracle
{
	const char *what;
	double		p,
				i,
				e,
				s;
	int			nir_pct;
	double		ac;
} Oracle;

static void
test_nir(void)
{
	double		ir,
				ac;
	CritArg		bad;
	/*
	 * From ../shared/data/usgs_mcs: stock_change where used is the one
	 * implied by the published apparent consumption (cobalt) or by the
	 * published apparent primary consumption (nickel).
	 */
	static const Oracle oracles[] = {
		{"cobalt 2017 (MCS2022)", 2750, 11900, 5690, -10, 69, 8950},
		{"cobalt 2018 (MCS2022)", 2750, 11900, 6980, 10, 64, 7680},
		{"cobalt 2019 (MCS2022)", 2750, 13900, 4080, -70, 78, 12500},
		{"cobalt 2020 (MCS2022)", 2000, 9740, 3440, 200, 76, 8500},
		{"cobalt 2021 (MCS2022)", 1600, 9900, 4800, 0, 76, 6700},
		{"cobalt 2021 (MCS2026)", 1800, 9790, 4930, -10, 73, 6650},
		{"cobalt 2024 (MCS2026)", 2050, 10800, 4880, -10, 74, 7960},
		{"nickel 2017 (MCS2022)", 133000, 150000, 11000, 1000, 51, 273000},
		{"nickel 2019 (MCS2022)", 111000, 119000, 12800, -200, 49, 217000},
		{"nickel 2021 (MCS2022)", 110000, 110000, 10000, 0, 48, 210000},
		{"graphite 2021 (MCS2026)", 0, 53000, 8660, 0, 100, 44340},
		{"graphite 2024 (MCS2026)", 0, 73900, 8740, 0, 100, 65160},
	};

	for (size_t k = 0; k < sizeof(oracles) / sizeof(oracles[0]); k++)
	{
		const Oracle *o = &oracles[k];

		CHECK(nir(o->p, o->i, o->e, o->s, &ir, &ac, &bad) == CRIT_OK &&
			  (int) lround(100 * ir) == o->nir_pct && ac == o->ac,
			  "%s: NIR %g AC %g", o->what, 100 * ir, ac);
	}

	/* hand computations */
	CHECK(nir(1300, 6000, 720, 0, &ir, &ac, &bad) == CRIT_OK && ac == 6580 &&
		  ir == 5280.0 / 6580.0, "REE 2024 consistency: %g", ir);
	CHECK(nir(10, 5, 0, 5, &ir, &ac, &bad) == CRIT_OK && ir == 0.5 && ac == 20, "stock release counts as supply");
	/* net exporter: negative */
	CHECK(nir(100, 10, 30, 0, &ir, &ac, &bad) == CRIT_OK && ir == -0.25 && ac == 80, "net exporter: %g", ir);
	/* no production, no exports: 1 */
	CHECK(nir(0, 7, 0, 0, &ir, &ac, &bad) == CRIT_OK && ir == 1, "100 %%");
	/* apparent consumption <= 0 */
	CHECK(nir(0, 10, 10, 0, &ir, &ac, &bad) == CRIT_UNDEFINED && ac == 0, "zero AC");
	CHECK(nir(0, 0, 0, 0, &ir, &ac, &bad) == CRIT_UNDEFINED, "all zero");
	CHECK(nir(5, 0, 10, 0, &ir, &ac, &bad) == CRIT_UNDEFINED && ac == -5, "negative AC");
	CHECK(nir(5, 0, 0, -5, &ir, &ac, &bad) == CRIT_UNDEFINED, "stocks absorb all production");
	/* cancellation: exact sums */
	CHECK(nir(1, 1e16, 1e16, 0, &ir, &ac, &bad) == CRIT_OK && ir == 0 && ac == 1, "cancel imports/exports");
	CHECK(nir(1, 1e16 + 2, 1e16, 0, &ir, &ac, &bad) == CRIT_OK && ac == 3 && ir == 2.0 / 3.0, "cancel, exact: %.17g", ir);
	CHECK(nir(0.5, 1e17, 0, -1e17, &ir, &ac, &bad) == CRIT_OK && ac == 0.5 && ir == 0, "stock cancels imports");
	/* errors */
	CHECK(nir(-1, 0, 0, 0, &ir, &ac, &bad) == CRIT_ERR_NEGATIVE && bad == CRIT_ARG_PRODUCTION, "negative production");
	CHECK(nir(0, -1, 0, 0, &ir, &ac, &bad) == CRIT_ERR_NEGATIVE && bad == CRIT_ARG_IMPORTS, "negative imports");
	CHECK(nir(0, 0, -1, 0, &ir, &ac, &bad) == CRIT_ERR_NEGATIVE && bad == CRIT_ARG_EXPORTS, "negative exports");
	CHECK(nir(NAN, 0, 0, 0, &ir, &ac, &bad) == CRIT_ERR_NAN && bad == CRIT_ARG_PRODUCTION, "NaN production");
	CHECK(nir(0, INFINITY, 0, 0, &ir, &ac, &bad) == CRIT_ERR_INFINITE && bad == CRIT_ARG_IMPORTS, "inf imports");
	CHECK(nir(0, 1, 0, NAN, &ir, &ac, &bad) == CRIT_ERR_NAN && bad == CRIT_ARG_STOCK_CHANGE, "NaN stock");
	CHECK(nir(0, 1, 0, -INFINITY, &ir, &ac, &bad) == CRIT_ERR_INFINITE && bad == CRIT_ARG_STOCK_CHANGE, "inf stock");
	CHECK(nir(1e308, 1e308, 0, 0, &ir, &ac, &bad) == CRIT_ERR_OVERFLOW, "overflow");
	/* tiny apparent consumption against huge production: finite, exact sums */
	CHECK(nir(1e308, 0, 0, -1e308 + 1e292, &ir, &ac, &bad) == CRIT_OK && isfinite(ir) &&
		  ac == 1e308 - (1e308 - 1e292) && near(ir, (ac - 1e308) / ac, 1e-15), "tiny AC: %g", ir);
	CHECK(nir(-0.0, 1, -0.0, 0, &ir, &ac, &bad) == CRIT_OK && ir == 1, "-0 is not negative");

	CHECK(crit_arg_name(CRIT_ARG_EOL_RIR)[0] == 'e' && crit_arg_name(CRIT_ARG_NONE)[0] == 'a', "names");
}

/* crit_risk_times_t, crit_material_sr and crit_is_critical */
static void
test_assessment(void)
{
	double		w = -1,
				r = -1;
	bool		c = false;
	CritStage	stage = CRIT_STAGE_NONE;
	CritArg		bad = CRIT_ARG_NONE;

	/* WGI x t */
	CHECK(crit_risk_times_t(5.6, 1.1, &w, &bad) == CRIT_OK && w == 5.6 * 1.1, "5.6 x 1.1");
	CHECK(crit_risk_times_t(0, 0.8, &w, &bad) == CRIT_OK && w == 0, "risk 0");
	CHECK(crit_risk_times_t(-0.0, 1, &w, &bad) == CRIT_OK && w == 0 && !signbit(w), "-0 risk gives +0");
	CHECK(crit_risk_times_t(5, 0, &w, &bad) == CRIT_ERR_NOT_POSITIVE && bad == CRIT_ARG_TRADE_FACTOR, "t 0");
	CHECK(crit_risk_times_t(5, -1, &w, &bad) == CRIT_ERR_NOT_POSITIVE && bad == CRIT_ARG_TRADE_FACTOR, "t < 0");
	CHECK(crit_risk_times_t(5, NAN, &w, &bad) == CRIT_ERR_NAN && bad == CRIT_ARG_TRADE_FACTOR, "t NaN");
	CHECK(crit_risk_times_t(5, INFINITY, &w, &bad) == CRIT_ERR_INFINITE && bad == CRIT_ARG_TRADE_FACTOR, "t inf");
	CHECK(crit_risk_times_t(-1, 1, &w, &bad) == CRIT_ERR_NEGATIVE, "negative risk");
	CHECK(crit_risk_times_t(1e308, 10, &w, &bad) == CRIT_ERR_OVERFLOW, "overflow");
	CHECK(strcmp(crit_arg_name(CRIT_ARG_TRADE_FACTOR), "trade factor t") == 0, "t name");

	/* SR = max over stages, with its stage */
	CHECK(crit_material_sr(true, 4.5, true, 3.7, &r, &stage, &bad) == CRIT_OK &&
		  r == 4.5 && stage == CRIT_STAGE_EXTRACTION, "neodymium: extraction");
	CHECK(crit_material_sr(true, 5.3, true, 5.6, &r, &stage, &bad) == CRIT_OK &&
		  r == 5.6 && stage == CRIT_STAGE_PROCESSING, "dysprosium: processing");
	CHECK(crit_material_sr(false, 0, true, 2.4, &r, &stage, &bad) == CRIT_OK &&
		  r == 2.4 && stage == CRIT_STAGE_PROCESSING, "scandium: processing only");
	CHECK(crit_material_sr(true, 1.2, false, 0, &r, &stage, &bad) == CRIT_OK &&
		  r == 1.2 && stage == CRIT_STAGE_EXTRACTION, "extraction only");
	CHECK(crit_material_sr(true, 2, true, 2, &r, &stage, &bad) == CRIT_OK &&
		  r == 2 && stage == CRIT_STAGE_EXTRACTION, "a tie goes to extraction");
	CHECK(crit_material_sr(true, 0, true, -0.0, &r, &stage, &bad) == CRIT_OK && r == 0 && !signbit(r),
		  "zeros");
	CHECK(crit_material_sr(false, 0, false, 0, &r, &stage, &bad) == CRIT_UNDEFINED, "no stage");
	CHECK(crit_material_sr(true, NAN, true, 1, &r, &stage, &bad) == CRIT_ERR_NAN &&
		  bad == CRIT_ARG_SR_EXTRACTION, "NaN extraction");
	CHECK(crit_material_sr(true, 1, true, -1, &r, &stage, &bad) == CRIT_ERR_NEGATIVE &&
		  bad == CRIT_ARG_SR_PROCESSING, "negative processing");
	CHECK(crit_material_sr(false, NAN, true, INFINITY, &r, &stage, &bad) == CRIT_ERR_INFINITE &&
		  bad == CRIT_ARG_SR_PROCESSING, "inf processing; an absent stage is not checked");
	CHECK(strcmp(crit_stage_name(CRIT_STAGE_PROCESSING), "processing") == 0 &&
		  crit_stage_name(CRIT_STAGE_NONE) == NULL, "stage names");

	/* thresholds: >= on both */
	CHECK(crit_is_critical(1.0, 2.8, 1.0, 2.8, &c, &bad) == CRIT_OK && c, "on both thresholds");
	CHECK(crit_is_critical(0.99, 9, 1.0, 2.8, &c, &bad) == CRIT_OK && !c, "SR below");
	CHECK(crit_is_critical(5, 2.79, 1.0, 2.8, &c, &bad) == CRIT_OK && !c, "EI below");
	CHECK(crit_is_critical(2.4, 3.7, 1.0, 2.8, &c, &bad) == CRIT_OK && c, "scandium");
	CHECK(crit_is_critical(2.4, 3.7, 3, 2.8, &c, &bad) == CRIT_OK && !c, "own SR threshold");
	CHECK(crit_is_critical(NAN, 3, 1, 2.8, &c, &bad) == CRIT_ERR_NAN && bad == CRIT_ARG_SR, "NaN sr");
	CHECK(crit_is_critical(1, -3, 1, 2.8, &c, &bad) == CRIT_ERR_NEGATIVE && bad == CRIT_ARG_EI, "negative ei");
	CHECK(crit_is_critical(1, 3, INFINITY, 2.8, &c, &bad) == CRIT_ERR_INFINITE &&
		  bad == CRIT_ARG_SR_THRESHOLD, "inf threshold");
	CHECK(crit_is_critical(1, 3, 1, -1, &c, &bad) == CRIT_ERR_NEGATIVE && bad == CRIT_ARG_EI_THRESHOLD,
		  "negative ei threshold");
}

int
main(void)
{
	test_wgi();
	test_eu();
	test_nir();
	test_assessment();
	return unit_report("criticality");
}

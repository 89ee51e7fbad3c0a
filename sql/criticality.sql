-- Criticality scores: wgi_risk, eu_supply_risk and
-- import_reliance against hand computations, the published EU figure for
-- a China-dominated material, USGS net import reliance, edge cases and
-- every invalid argument.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS rarerisk;
RESET client_min_messages;
SET extra_float_digits = 0;
SET search_path = rarerisk, public;

CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE q;
	RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE || ': ' || SQLERRM;
END
$$;

-- ---------------------------------------------------------------------
-- wgi_risk = clamp((2.5 - x) * 2, 0, 10)
-- ---------------------------------------------------------------------
SELECT x, wgi_risk(x), (2.5 - x) * 2 AS unclamped
  FROM unnest(ARRAY[2.5, 1.25, 0, -0.35, -1, -2.5, 3, -3, 1e300, -1e300]::float8[]) x;
SELECT wgi_risk(NULL) IS NULL AS strict;
SELECT pg_temp.err($$SELECT wgi_risk('NaN')$$);
SELECT pg_temp.err($$SELECT wgi_risk('Infinity')$$);
SELECT pg_temp.err($$SELECT wgi_risk('-Infinity')$$);

-- ---------------------------------------------------------------------
-- eu_supply_risk = [H_GS * IR/2 + H_EU * (1 - IR/2)] * (1 - EoL_RIR) * SI
-- ---------------------------------------------------------------------
-- hand computation: (4 * 0.25 + 2 * 0.75) * 0.9 * 0.9 = 2.025
SELECT eu_supply_risk(4, 2, 0.5, 0.1, 0.9) AS sr,
       (4 * 0.25 + 2 * 0.75) * 0.9 * 0.9 AS by_hand;
-- IR = 1 weighs the two HHIs 50/50; IR = 0 uses EU sourcing only
SELECT eu_supply_risk(4, 2, 1, 0, 1) AS ir_1, eu_supply_risk(4, 2, 0, 0, 1) AS ir_0;
-- IR is clamped into [0,1]: a net exporter (IR < 0) counts as 0
SELECT eu_supply_risk(4, 2, -0.8, 0, 1) AS net_exporter,
       eu_supply_risk(4, 2, 1.7, 0, 1) AS above_1;
-- GS only and EU only: the given HHI alone, IR has no effect (may be NULL)
SELECT eu_supply_risk(5, NULL, NULL, 0.5, 1) AS gs_only,
       eu_supply_risk(5, NULL, 0.3, 0.5, 1) AS gs_only_ir_ignored,
       eu_supply_risk(NULL, 5, 0.3, 0, 0.5) AS eu_only;
-- NULL results
SELECT eu_supply_risk(NULL, NULL, 0.5, 0, 1) IS NULL AS no_hhi,
       eu_supply_risk(1, 1, NULL, 0, 1) IS NULL AS both_hhi_no_ir,
       eu_supply_risk(1, 1, 0.5, NULL, 1) IS NULL AS no_eol,
       eu_supply_risk(1, 1, 0.5, 0, NULL) IS NULL AS no_si;
-- Published order of magnitude, EU 2023 assessment, dysprosium (processing,
-- GS only): China about 100 % of supply, scaled WGI about 5.7 (WGI mean
-- -0.35), EoL-RIR 1 %, SI 0.99 -> supply risk 5.6
SELECT round(wgi_risk(-0.35)::numeric, 2) AS china_scaled_wgi,
       round(eu_supply_risk(1.0^2 * wgi_risk(-0.35), NULL, 1, 0.01, 0.99)::numeric, 2) AS dysprosium_sr,
       round(eu_supply_risk(1.0^2 * wgi_risk(-0.35), NULL, 1, 0.01, 0.99)::numeric, 1) AS published_precision;
-- errors
SELECT pg_temp.err($$SELECT eu_supply_risk('NaN', 1, 0.5, 0, 1)$$);
SELECT pg_temp.err($$SELECT eu_supply_risk(1, -2, 0.5, 0, 1)$$);
SELECT pg_temp.err($$SELECT eu_supply_risk('Infinity', NULL, NULL, 0, 1)$$);
SELECT pg_temp.err($$SELECT eu_supply_risk(1, 1, 'NaN', 0, 1)$$);
SELECT pg_temp.err($$SELECT eu_supply_risk(1, 1, '-Infinity', 0, 1)$$);
SELECT pg_temp.err($$SELECT eu_supply_risk(1, 1, 0.5, 1.5, 1)$$);
SELECT pg_temp.err($$SELECT eu_supply_risk(1, 1, 0.5, -0.01, 1)$$);
SELECT pg_temp.err($$SELECT eu_supply_risk(1, 1, 0.5, 'NaN', 1)$$);
SELECT pg_temp.err($$SELECT eu_supply_risk(1, 1, 0.5, 0, 1.01)$$);
SELECT pg_temp.err($$SELECT eu_supply_risk(1, 1, 0.5, 0, -1)$$);
SELECT pg_temp.err($$SELECT eu_supply_risk(NULL, NULL, 0.5, 2, 1)$$);
SELECT pg_temp.err($$SELECT eu_supply_risk(-1, 1, 0.5, NULL, 1)$$);
-- a weighted mean of the HHIs scaled by factors <= 1: never overflows
SELECT eu_supply_risk(1.7e308, 1.7e308, 0.5, 0, 1) = 1.7e308 AS no_overflow;

-- ---------------------------------------------------------------------
-- import_reliance = (I - E + dS) / (P + I - E + dS)
-- ---------------------------------------------------------------------
-- USGS Mineral Commodity Summaries, salient statistics (../shared/data/usgs_mcs).
-- stock_change: for cobalt the one implied by the published apparent
-- consumption, for nickel by the published apparent primary consumption
-- (production = reported secondary consumption, the USGS "total apparent
-- consumption" basis); graphite has no production and no stock change.
SELECT commodity, year, edition, published_nir,
       round(100 * import_reliance(production, imports, exports, stock_change)) AS nir,
       round((100 * import_reliance(production, imports, exports, stock_change))::numeric, 2) AS nir_exact,
       published_apparent,
       production + imports - exports + stock_change AS apparent
  FROM (VALUES
        ('cobalt',   2017, 'MCS2022',   2750::float8, 11900::float8, 5690::float8,  -10::float8, 69,   8950),
        ('cobalt',   2019, 'MCS2022',   2750, 13900, 4080,  -70, 78,  12500),
        ('cobalt',   2020, 'MCS2022',   2000,  9740, 3440,  200, 76,   8500),
        ('cobalt',   2021, 'MCS2022',   1600,  9900, 4800,    0, 76,   6700),
        ('cobalt',   2021, 'MCS2026',   1800,  9790, 4930,  -10, 73,   6650),
        ('cobalt',   2024, 'MCS2026',   2050, 10800, 4880,  -10, 74,   7960),
        ('nickel',   2017, 'MCS2022', 133000, 150000, 11000, 1000, 51, 273000),
        ('nickel',   2019, 'MCS2022', 111000, 119000, 12800, -200, 49, 217000),
        ('nickel',   2021, 'MCS2022', 110000, 110000, 10000,    0, 48, 210000),
        ('graphite', 2021, 'MCS2026',      0,  53000,  8660,    0, 100, 44300),
        ('graphite', 2024, 'MCS2026',      0,  73900,  8740,    0, 100, 65200)
       ) t(commodity, year, edition, production, imports, exports, stock_change, published_nir, published_apparent)
 ORDER BY commodity, edition, year;
-- default stock_change 0
SELECT import_reliance(1600, 9900, 4800) = import_reliance(1600, 9900, 4800, 0) AS default_zero;
-- a stock release counts as supply
SELECT import_reliance(10, 5, 0, 5) AS half;
-- net exporter: negative (USGS prints "E")
SELECT import_reliance(100, 10, 30) AS net_exporter;
-- no domestic production, no exports: 1
SELECT import_reliance(0, 7, 0) AS fully_import_reliant;
-- apparent consumption <= 0: NULL
SELECT import_reliance(0, 10, 10) IS NULL AS zero_consumption,
       import_reliance(5, 0, 10) IS NULL AS negative_consumption,
       import_reliance(0, 0, 0) IS NULL AS nothing,
       import_reliance(5, 0, 0, -5) IS NULL AS stocks_absorb_all;
-- exact sums: cancelling imports and exports lose nothing
SELECT import_reliance(1, 1e16 + 2, 1e16) = 2.0 / 3 AS exact;
-- STRICT
SELECT import_reliance(NULL, 1, 1) IS NULL AS strict, import_reliance(1, 1, 1, NULL) IS NULL AS strict_stock;
-- numeric and integer columns work through implicit casts
SELECT import_reliance(2750::numeric, 11900::int, 5690::bigint, -10::int) = 6200::float8 / 8950 AS casts;
-- feeding eu_supply_risk: a net exporter's IR is clamped to 0
SELECT eu_supply_risk(4, 2, import_reliance(100, 10, 30), 0, 1) AS exporter_sr;
-- errors
SELECT pg_temp.err($$SELECT import_reliance(-1, 0, 0)$$);
SELECT pg_temp.err($$SELECT import_reliance(0, -5, 0)$$);
SELECT pg_temp.err($$SELECT import_reliance(0, 0, -0.5)$$);
SELECT pg_temp.err($$SELECT import_reliance('NaN', 0, 0)$$);
SELECT pg_temp.err($$SELECT import_reliance(0, 'Infinity', 0)$$);
SELECT pg_temp.err($$SELECT import_reliance(0, 1, 0, 'NaN')$$);
SELECT pg_temp.err($$SELECT import_reliance(0, 1, 0, '-Infinity')$$);
SELECT pg_temp.err($$SELECT import_reliance(1e308, 1e308, 0)$$);

-- ---------------------------------------------------------------------
-- Catalog properties
-- ---------------------------------------------------------------------
SELECT p.proname, p.provolatile, p.proisstrict, p.proparallel,
       pg_get_function_arguments(p.oid) AS arguments,
       obj_description(p.oid, 'pg_proc') IS NOT NULL AS commented
  FROM pg_proc p
 WHERE p.pronamespace = 'rarerisk'::regnamespace
   AND p.proname IN ('wgi_risk', 'eu_supply_risk', 'import_reliance')
 ORDER BY p.proname;

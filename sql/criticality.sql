-- Criticality scores: the message of every invalid argument of wgi_risk,
-- eu_supply_risk and import_reliance.  (The values against hand
-- computations, the published EU and USGS figures, NULL handling and the
-- catalog: test/30_criticality.sql.)
\i sql/include/prelude.sql

-- wgi_risk(wgi_mean): a finite mean
SELECT pg_temp.err($$SELECT wgi_risk('NaN')$$);
SELECT pg_temp.err($$SELECT wgi_risk('Infinity')$$);
SELECT pg_temp.err($$SELECT wgi_risk('-Infinity')$$);

-- eu_supply_risk(hhi_wgi_global, hhi_wgi_sourcing, import_reliance, eol_rir,
-- substitution_index): finite HHIs not negative, fractions in [0,1]
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

-- import_reliance(production, imports, exports, stock_change): finite
-- amounts not negative, an apparent consumption within range
SELECT pg_temp.err($$SELECT import_reliance(-1, 0, 0)$$);
SELECT pg_temp.err($$SELECT import_reliance(0, -5, 0)$$);
SELECT pg_temp.err($$SELECT import_reliance(0, 0, -0.5)$$);
SELECT pg_temp.err($$SELECT import_reliance('NaN', 0, 0)$$);
SELECT pg_temp.err($$SELECT import_reliance(0, 'Infinity', 0)$$);
SELECT pg_temp.err($$SELECT import_reliance(0, 1, 0, 'NaN')$$);
SELECT pg_temp.err($$SELECT import_reliance(0, 1, 0, '-Infinity')$$);
SELECT pg_temp.err($$SELECT import_reliance(1e308, 1e308, 0)$$);

-- 30_criticality.sql: wgi_risk, eu_supply_risk, import_reliance and the reference tables hs_commodity and country.
--   hand computations of the published formulas; the EU 2023 dysprosium
--   figure (supply risk 5.6); USGS MCS net import reliance; NULL handling;
--   errors 22023 (invalid parameter) and 22003 (out of range); catalog
--   properties; reference-table completeness and the pg_dump filter.
\set ON_ERROR_ROLLBACK 1
\ir fixtures/tap.sql
SELECT plan(92);
SET LOCAL search_path = rarerisk, public;

-- ---------------------------------------------------------------------
-- wgi_risk
-- ---------------------------------------------------------------------
SELECT is(wgi_risk(0), 5::float8, 'WGI mean 0 is risk 5');
SELECT is(wgi_risk(2.5), 0::float8, 'best governance is risk 0');
SELECT is(wgi_risk(-2.5), 10::float8, 'worst governance is risk 10');
SELECT is(wgi_risk(1.25), 2.5::float8, '(2.5 - 1.25) * 2 = 2.5');
SELECT is(wgi_risk(-0.35), (2.5::float8 + 0.35) * 2, 'China-like mean -0.35 is about 5.7');
SELECT is(wgi_risk(3.1), 0::float8, 'clamped at 0 above 2.5');
SELECT is(wgi_risk(-2.9), 10::float8, 'clamped at 10 below -2.5');
SELECT is(wgi_risk(-1), 7::float8, '(2.5 + 1) * 2 = 7');
SELECT is(wgi_risk(1e300), 0::float8, 'clamped at 0 for a huge mean');
SELECT is(wgi_risk(-1e300), 10::float8, 'clamped at 10 for a hugely negative mean');
SELECT is(wgi_risk(NULL), NULL, 'NULL in, NULL out');
SELECT throws_ok($$SELECT wgi_risk('NaN')$$, '22023', NULL, 'NaN WGI mean');
SELECT throws_ok($$SELECT wgi_risk('-Infinity')$$, '22023', NULL, 'infinite WGI mean');
SELECT throws_ok($$SELECT wgi_risk('Infinity')$$, '22023', NULL, 'infinite WGI mean, positive');

-- ---------------------------------------------------------------------
-- eu_supply_risk
-- ---------------------------------------------------------------------
SELECT is(eu_supply_risk(4, 2, 0.5, 0.1, 0.9), (4 * 0.25 + 2 * 0.75)::float8 * 0.9 * 0.9,
          'both HHIs: [H_GS IR/2 + H_EU (1 - IR/2)] (1 - EoL) SI');
SELECT is(eu_supply_risk(6, 2, 1, 0, 1), 4::float8, 'IR = 1 weighs the HHIs 50/50');
SELECT is(eu_supply_risk(6, 2, 0, 0, 1), 2::float8, 'IR = 0 uses EU sourcing only');
SELECT is(eu_supply_risk(6, 2, -0.5, 0, 1), 2::float8, 'negative IR (net exporter) counts as 0');
SELECT is(eu_supply_risk(6, 2, 1.5, 0, 1), 4::float8, 'IR above 1 counts as 1');
SELECT is(eu_supply_risk(5, NULL, NULL, 0.2, 1), 4::float8, 'GS only: H_GS alone, IR not needed');
SELECT is(eu_supply_risk(5, NULL, 0.1, 0.2, 1), 4::float8, 'GS only: IR has no effect');
SELECT is(eu_supply_risk(NULL, 5, 0.9, 0, 0.5), 2.5::float8, 'EU only: H_EU alone');
SELECT is(eu_supply_risk(NULL, NULL, 0.5, 0, 1), NULL, 'no HHI: NULL');
SELECT is(eu_supply_risk(1, 1, NULL, 0, 1), NULL, 'both HHIs without IR: NULL');
SELECT is(eu_supply_risk(1, 1, 0.5, NULL, 1), NULL, 'NULL eol_rir: NULL');
SELECT is(eu_supply_risk(1, 1, 0.5, 0, NULL), NULL, 'NULL substitution_index: NULL');
SELECT is(eu_supply_risk(1, 1, 0.5, 1, 0), 0::float8, 'fractions 0 and 1 are allowed');
SELECT is(round(eu_supply_risk(1.0 * wgi_risk(-0.35), NULL, 1, 0.01, 0.99)::numeric, 1), 5.6,
          'EU 2023 dysprosium: China ~100 %, WGI 5.7, EoL-RIR 1 %, SI 0.99 -> SR 5.6');
SELECT cmp_ok(abs(eu_supply_risk(wgi_risk(-0.35), NULL, 1, 0.01, 0.99) - 5.7 * 0.99 * 0.99), '<', 1e-12::float8,
              'dysprosium to machine precision');
SELECT throws_ok($$SELECT eu_supply_risk('NaN', 1, 0.5, 0, 1)$$, '22023', NULL, 'NaN global HHI');
SELECT throws_ok($$SELECT eu_supply_risk(1, -1, 0.5, 0, 1)$$, '22023', NULL, 'negative sourcing HHI');
SELECT throws_ok($$SELECT eu_supply_risk('Infinity', NULL, NULL, 0, 1)$$, '22023', NULL, 'infinite HHI');
SELECT throws_ok($$SELECT eu_supply_risk(1, 1, 'NaN', 0, 1)$$, '22023', NULL, 'NaN import reliance');
SELECT throws_ok($$SELECT eu_supply_risk(1, 1, 0.5, 1.5, 1)$$, '22023', NULL, 'EoL-RIR above 1');
SELECT throws_ok($$SELECT eu_supply_risk(1, 1, 0.5, -0.1, 1)$$, '22023', NULL, 'EoL-RIR below 0');
SELECT throws_ok($$SELECT eu_supply_risk(1, 1, 0.5, 0, 1.2)$$, '22023', NULL, 'SI above 1');
SELECT throws_ok($$SELECT eu_supply_risk(1, 1, 0.5, 0, 'NaN')$$, '22023', NULL, 'NaN SI');
SELECT throws_ok($$SELECT eu_supply_risk(NULL, NULL, NULL, 0, 7)$$, '22023', NULL,
                 'a bad SI is an error even when the result would be NULL');
SELECT is(eu_supply_risk(1.7e308, 1.7e308, 0.5, 0, 1), 1.7e308::float8,
          'a weighted mean of the HHIs: no overflow even at the largest doubles');

-- ---------------------------------------------------------------------
-- import_reliance
-- ---------------------------------------------------------------------
SELECT is(import_reliance(1600, 9900, 4800), 5100::float8 / 6700,
          'cobalt 2021 (MCS2022): 5,100 / 6,700 = 76 %');
-- USGS Mineral Commodity Summaries, salient statistics: the net import
-- reliance as published (rounded to a percent) and the apparent consumption
-- P + I - E + dS as published.  stock_change: for cobalt the one implied by
-- the published apparent consumption, for nickel by the published apparent
-- primary consumption (production = reported secondary consumption);
-- graphite has no production and no stock change.
CREATE TEMP TABLE usgs (commodity, year, edition, production, imports, exports, stock_change, published_nir, published_apparent) AS
  VALUES ('cobalt', 2017, 'MCS2022', 2750::float8, 11900::float8, 5690::float8, -10::float8, 69, 8950),
         ('cobalt', 2019, 'MCS2022', 2750, 13900, 4080, -70, 78, 12500),
         ('cobalt', 2020, 'MCS2022', 2000, 9740, 3440, 200, 76, 8500),
         ('cobalt', 2021, 'MCS2022', 1600, 9900, 4800, 0, 76, 6700),
         ('cobalt', 2021, 'MCS2026', 1800, 9790, 4930, -10, 73, 6650),
         ('cobalt', 2024, 'MCS2026', 2050, 10800, 4880, -10, 74, 7960),
         ('nickel', 2017, 'MCS2022', 133000, 150000, 11000, 1000, 51, 273000),
         ('nickel', 2019, 'MCS2022', 111000, 119000, 12800, -200, 49, 217000),
         ('nickel', 2021, 'MCS2022', 110000, 110000, 10000, 0, 48, 210000),
         ('graphite', 2021, 'MCS2026', 0, 53000, 8660, 0, 100, 44300),
         ('graphite', 2024, 'MCS2026', 0, 73900, 8740, 0, 100, 65200);
SELECT is(round(100 * import_reliance(production, imports, exports, stock_change)), published_nir::float8,
          format('%s %s (%s): NIR %s %%', commodity, year, edition, published_nir))
  FROM usgs ORDER BY commodity, edition, year;
SELECT is(import_reliance(0, 73900, 8740), 1::float8, 'graphite 2024 (MCS2026): no production, exactly 1');
SELECT is_empty($$SELECT commodity, year FROM usgs
                   WHERE abs(production + imports - exports + stock_change - published_apparent)
                         > 0.001 * published_apparent$$,
                'the USGS rows are consistent: P + I - E + dS is the published apparent consumption (rounded by USGS to 3 significant figures)');
SELECT is(import_reliance(10, 5, 0, 5), 0.5::float8, 'a stock release counts as supply');
SELECT is(import_reliance(100, 10, 30), -0.25::float8, 'net exporter: negative');
SELECT is(import_reliance(0, 10, 10), NULL, 'zero apparent consumption: NULL');
SELECT is(import_reliance(5, 0, 10), NULL, 'negative apparent consumption: NULL');
SELECT is(import_reliance(1, 1e16 + 2, 1e16), 2::float8 / 3, 'cancelling imports and exports: exact');
SELECT is(import_reliance(NULL, 1, 1), NULL, 'STRICT');
SELECT is(import_reliance(1, 1, 1, NULL), NULL, 'STRICT in stock_change too');
SELECT is(import_reliance(1600, 9900, 4800), import_reliance(1600, 9900, 4800, 0), 'stock_change defaults to 0');
SELECT is(import_reliance(0, 7, 0), 1::float8, 'no production, no exports: fully import-reliant');
SELECT is(import_reliance(0, 0, 0), NULL, 'nothing at all: NULL');
SELECT is(import_reliance(5, 0, 0, -5), NULL, 'stocks absorbing all supply: NULL');
SELECT is(import_reliance(2750::numeric, 11900::int, 5690::bigint, -10::int), 6200::float8 / 8950,
          'numeric and integer arguments work through implicit casts');
SELECT is(eu_supply_risk(4, 2, import_reliance(100, 10, 30), 0, 1), 2::float8,
          'a net exporter''s import reliance feeds eu_supply_risk as 0');
SELECT throws_ok($$SELECT import_reliance(-5, 1, 1)$$, '22023', NULL, 'negative production');
SELECT throws_ok($$SELECT import_reliance(1, -1, 1)$$, '22023', NULL, 'negative imports');
SELECT throws_ok($$SELECT import_reliance(1, 1, -2)$$, '22023', NULL, 'negative exports');
SELECT throws_ok($$SELECT import_reliance('NaN', 1, 1)$$, '22023', NULL, 'NaN production');
SELECT throws_ok($$SELECT import_reliance(1, 'Infinity', 1)$$, '22023', NULL, 'infinite imports');
SELECT throws_ok($$SELECT import_reliance(1, 1, 1, 'NaN')$$, '22023', NULL, 'NaN stock change');
SELECT throws_ok($$SELECT import_reliance(1e308, 1e308, 0)$$, '22003', NULL, 'overflow');

-- ---------------------------------------------------------------------
-- Catalog properties
-- ---------------------------------------------------------------------
SELECT is((SELECT string_agg(proname || ':' || provolatile::text || proisstrict::text || proparallel::text, ' ' ORDER BY proname)
             FROM pg_proc WHERE pronamespace = 'rarerisk'::regnamespace
              AND proname IN ('wgi_risk', 'eu_supply_risk', 'import_reliance')),
          'eu_supply_risk:ifalses import_reliance:itrues wgi_risk:itrues',
          'IMMUTABLE PARALLEL SAFE; STRICT except eu_supply_risk');
SELECT is((SELECT pg_get_function_arguments('rarerisk.import_reliance(float8, float8, float8, float8)'::regprocedure)),
          'production double precision, imports double precision, exports double precision, stock_change double precision DEFAULT 0',
          'import_reliance has named arguments and stock_change defaults to 0');
SELECT is(import_reliance(production => 0, imports => 3, exports => 1), 1::float8, 'named notation');
SELECT is(eu_supply_risk(hhi_wgi_global => 2, hhi_wgi_sourcing => NULL, import_reliance => NULL,
                         eol_rir => 0, substitution_index => 1), 2::float8, 'named notation');
SELECT ok(obj_description('rarerisk.wgi_risk(float8)'::regprocedure, 'pg_proc') ~ 'clamp', 'wgi_risk is commented');
SELECT ok(obj_description('rarerisk.eu_supply_risk(float8,float8,float8,float8,float8)'::regprocedure, 'pg_proc') ~ 'clamped',
          'eu_supply_risk''s comment says IR is clamped');

-- ---------------------------------------------------------------------
-- Reference tables
-- ---------------------------------------------------------------------
SELECT set_eq($$SELECT DISTINCT mineral FROM hs_commodity$$,
              ARRAY['rare earths', 'cobalt', 'lithium', 'graphite', 'gallium', 'germanium',
                    'nickel', 'tungsten', 'antimony', 'manganese', 'platinum-group metals'],
              'hs_commodity covers every mineral the README lists');
SELECT bag_has($$SELECT hs6 FROM hs_commodity WHERE mineral = 'rare earths'$$,
               $$VALUES ('280530'), ('284610'), ('284690'), ('850511')$$, 'the four rare-earth codes');
SELECT is((SELECT count(*) FROM (SELECT mineral FROM hs_commodity GROUP BY mineral HAVING count(DISTINCT stage) >= 2) s),
          11::bigint, 'every mineral has codes at two stages or more');
SELECT is((SELECT count(*) FROM country WHERE valid_to IS NULL), 249::bigint, 'all 249 ISO 3166-1 entries');
SELECT results_eq($$SELECT iso3, comtrade_code FROM country WHERE comtrade_code <> m49 ORDER BY iso3$$,
                  $$VALUES ('CHE', 757), ('FRA', 251), ('IND', 699), ('NOR', 579), ('TWN', 490), ('USA', 842)$$,
                  'the Comtrade/BACI codes that differ from M49');
SELECT is((SELECT m49 FROM country WHERE iso3 = 'USA'), 840, 'USA M49 840');
SELECT is((SELECT iso2 FROM country WHERE iso3 = 'MMR'), 'MM', 'Burma = Myanmar, MM');
SELECT is((SELECT count(*) FROM country a JOIN country b ON a.comtrade_code = b.m49 AND a.m49 <> b.m49),
          0::bigint, 'a Comtrade code is never another country''s M49 code');
SELECT is((SELECT array_agg(DISTINCT iso3) FROM country WHERE 842 IN (m49, comtrade_code) OR 840 IN (m49, comtrade_code)),
          ARRAY['USA'], 'either kind of code joins');
SELECT is((SELECT array_agg(c.relname || ' ' || x.cond ORDER BY c.relname)
             FROM pg_extension e, unnest(e.extconfig, e.extcondition) x(oid, cond) JOIN pg_class c ON c.oid = x.oid
            WHERE e.extname = 'rarerisk'),
          ARRAY['country WHERE user_added', 'eu_crm_material WHERE user_added', 'eu_crm_published WHERE user_added',
                'eu_crm_stage WHERE user_added', 'hs_commodity WHERE user_added'],
          'pg_dump keeps the rows users add');
SELECT is((SELECT count(*) FROM country WHERE user_added) + (SELECT count(*) FROM hs_commodity WHERE user_added),
          0::bigint, 'shipped rows are not user_added');
INSERT INTO hs_commodity (hs6, mineral, stage, description) VALUES ('811220', 'chromium', 'metal', 'Chromium, unwrought; powders');
SELECT is((SELECT user_added FROM hs_commodity WHERE hs6 = '811220'), true, 'a user row is user_added by default');
SELECT throws_ok($$INSERT INTO country (m49, iso3, iso2, comtrade_code, name) VALUES (998, 'CHN', 'QQ', 998, 'x')$$,
                 '23505', NULL, 'ISO alpha-3 is unique among current countries');

SELECT * FROM finish();
ROLLBACK;

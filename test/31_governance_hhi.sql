-- 31_governance_hhi.sql: the governance_hhi(supplier, volume, risk)
-- aggregate, the EU methodology's HHI_WGI.
--   sum over named suppliers of s_i^2 * risk_i, s_i = supplier total /
--   grand total (fractions; unattributed volume in the total only); rows of
--   one supplier summed first; NULL for no rows or a zero total;
--   22023 for a supplier with two different risks in one group and for a
--   NaN, negative or infinite risk; 22004 for a NULL risk of a named
--   supplier; same answer in serial and parallel plans.
-- Written before the aggregate exists: it fails until it is added.
\set ON_ERROR_ROLLBACK 1
\ir fixtures/tap.sql
SELECT plan(31);
SET LOCAL search_path = rarerisk, public;

SELECT has_function('rarerisk', 'governance_hhi', ARRAY['text', 'double precision', 'double precision'],
                    'governance_hhi(supplier text, volume float8, risk float8) exists');
SELECT is((SELECT a.aggkind::text || ':' || p.proparallel::text || ':' || (a.aggcombinefn <> 0)::text
             FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
            WHERE a.aggfnoid = 'rarerisk.governance_hhi(text, float8, float8)'::regprocedure),
          'n:s:true', 'a plain aggregate, PARALLEL SAFE, with a combine function');
SELECT ok(obj_description('rarerisk.governance_hhi(text, float8, float8)'::regprocedure, 'pg_proc') IS NOT NULL,
          'governance_hhi has a comment');

-- 'ok' when q returns a float within 1e-12 relative of want
CREATE FUNCTION pg_temp.near(q text, want float8) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    r float8;
BEGIN
    EXECUTE q INTO r;
    IF r IS NOT NULL AND abs(r - want) <= 1e-12 * abs(want) THEN
        RETURN 'ok';
    END IF;
    RETURN 'returned ' || coalesce(r::text, 'NULL') || ', want ' || want::text;
END $$;

-- ---------------------------------------------------------------------
-- The formula
-- ---------------------------------------------------------------------
SELECT is(pg_temp.near($$SELECT governance_hhi(s, v, r) FROM (VALUES ('CHN', 60::float8, 5.6::float8),
                                                                    ('VNM', 15, 4.5), (NULL, 25, NULL)) t(s, v, r)$$,
                       0.6^2 * 5.6 + 0.15^2 * 4.5),
          'ok', 'sum s^2 * risk with fraction shares; unattributed volume in the total only, its risk unused');
SELECT is(governance_hhi(s, v, r), 5.7::float8, 'a monopoly gives its own risk')
  FROM (VALUES ('CHN', 100::float8, 5.7::float8)) t(s, v, r);
SELECT is(pg_temp.near($$SELECT governance_hhi(s, v, r) FROM (VALUES ('CHN', 30::float8, 5.6::float8), ('CHN', 30, 5.6),
                                                                    ('AUS', 40, 1.0)) t(s, v, r)$$,
                       0.6^2 * 5.6 + 0.4^2 * 1.0),
          'ok', 'rows of one supplier are summed before squaring');
SELECT is(pg_temp.near($$SELECT governance_hhi(s, v, r) FROM (VALUES ('A', 1::float8, 2::float8), ('B', 1, 4),
                                                                    ('C', 2, 0)) t(s, v, r)$$,
                       0.25^2 * 2 + 0.25^2 * 4),
          'ok', 'risk 0 is allowed');
SELECT is(pg_temp.near($$SELECT governance_hhi(s, v, r) FROM (VALUES ('A', 1::float8, 12::float8), ('B', 1, 15)) t(s, v, r)$$,
                       0.25 * 12 + 0.25 * 15),
          'ok', 'risks above 10 (risk times the EU trade factor t) are allowed');
SELECT is(pg_temp.near($$SELECT governance_hhi(s, v, r) FROM (VALUES ('A', 3::float8, 2::float8), ('B', NULL, 9),
                                                                    ('B', 1, 4)) t(s, v, r)$$,
                       0.75^2 * 2 + 0.25^2 * 4),
          'ok', 'a NULL volume row is ignored');
SELECT is(governance_hhi(s, v, r), NULL, 'no rows: NULL')
  FROM (VALUES ('A', 1::float8, 1::float8)) t(s, v, r) WHERE false;
SELECT is(governance_hhi(s, v, r), NULL, 'zero total: NULL')
  FROM (VALUES ('A', 0::float8, 1::float8), ('B', 0, 2)) t(s, v, r);
SELECT is(governance_hhi(s, v, r), 0::float8, 'only unattributed volume: 0')
  FROM (VALUES (NULL, 5::float8, NULL::float8)) t(s, v, r);
SELECT is(pg_temp.near($$SELECT governance_hhi(s, v::numeric, r::int) FROM (VALUES ('A', 1, 2), ('B', 3, 4)) t(s, v, r)$$,
                       0.25^2 * 2 + 0.75^2 * 4),
          'ok', 'numeric volume and integer risk columns work through implicit casts');
SELECT results_eq($$SELECT g, round(governance_hhi(s, v, r)::numeric, 12)
                      FROM (VALUES (1, 'CHN', 60::float8, 5.6::float8), (1, 'USA', 40, 1.0),
                                   (2, 'CHN', 10, 5.6), (2, 'USA', 90, 1.0)) t(g, s, v, r)
                     GROUP BY g ORDER BY g$$,
                  $$VALUES (1, round((0.36 * 5.6 + 0.16 * 1.0)::numeric, 12)),
                           (2, round((0.01 * 5.6 + 0.81 * 1.0)::numeric, 12))$$,
                  'grouped: one value per group; the same supplier may have different risks in different groups');

-- with rarerisk.wgi_risk and the EU supply risk: Dysprosium-like, GS only
SELECT is(round(eu_supply_risk(governance_hhi(s, v, wgi_risk(w)), NULL, 1, 0.01, 0.99)::numeric, 1), 5.6,
          'China ~100 % at WGI mean -0.35: supply risk 5.6')
  FROM (VALUES ('CHN', 100::float8, -0.35::float8)) t(s, v, w);

-- accuracy against an exact numeric computation, volumes over 16 decades
CREATE TEMP TABLE gov_rows AS
SELECT 'S' || (i % 997) AS s,
       (10.0 ^ ((i * 7919) % 17 - 3)) * (1 + (i % 13) / 13.0) AS v,
       ((i % 997) % 101) / 10.0 AS r
  FROM generate_series(1, 20000) i;
SELECT cmp_ok((SELECT abs(governance_hhi(s, v::float8, r::float8) -
                          (SELECT sum((t / g) ^ 2 * r)
                             FROM (SELECT s, sum(v) AS t, min(r) AS r FROM gov_rows GROUP BY s) a,
                                  (SELECT sum(v) AS g FROM gov_rows) b)::float8) /
                      (SELECT sum((t / g) ^ 2 * r)
                         FROM (SELECT s, sum(v) AS t, min(r) AS r FROM gov_rows GROUP BY s) a,
                              (SELECT sum(v) AS g FROM gov_rows) b)::float8
                 FROM gov_rows),
              '<=', 1e-9::float8, 'matches an exact numeric computation to 1e-9 relative');

-- ---------------------------------------------------------------------
-- Bad input
-- ---------------------------------------------------------------------
SELECT throws_ok($$SELECT governance_hhi(s, v, r) FROM (VALUES ('CHN', 1::float8, 5.6::float8), ('CHN', 1, 5.7)) t(s, v, r)$$,
                 '22023', NULL, 'a supplier with two different risks in one group (a bad join) is an error');
SELECT throws_ok($$SELECT governance_hhi(s, v, r) FROM (VALUES ('CHN', 1::float8, NULL::float8)) t(s, v, r)$$,
                 '22004', NULL, 'a NULL risk for a named supplier is an error');
SELECT throws_ok($$SELECT governance_hhi(s, v, r) FROM (VALUES ('CHN', 1::float8, 5::float8), ('CHN', 1, NULL)) t(s, v, r)$$,
                 '22004', NULL, 'a NULL risk on a later row of a known supplier is an error');
SELECT throws_ok($$SELECT governance_hhi(s, v, r) FROM (VALUES ('CHN', 1::float8, 'NaN'::float8)) t(s, v, r)$$,
                 '22023', NULL, 'a NaN risk is an error');
SELECT throws_ok($$SELECT governance_hhi(s, v, r) FROM (VALUES ('CHN', 1::float8, -0.5::float8)) t(s, v, r)$$,
                 '22023', NULL, 'a negative risk is an error');
SELECT throws_ok($$SELECT governance_hhi(s, v, r) FROM (VALUES ('CHN', 1::float8, 'Infinity'::float8)) t(s, v, r)$$,
                 '22023', NULL, 'an infinite risk is an error');
SELECT throws_ok($$SELECT governance_hhi(s, v, r) FROM (VALUES ('CHN', -1::float8, 5::float8)) t(s, v, r)$$,
                 '22023', NULL, 'a negative volume is an error');
SELECT throws_ok($$SELECT governance_hhi(s, v, r) FROM (VALUES ('CHN', 'NaN'::float8, 5::float8)) t(s, v, r)$$,
                 '22023', NULL, 'a NaN volume is an error');
SELECT throws_ok($$SELECT governance_hhi(s, v, r) FROM (VALUES ('', 1::float8, 5::float8)) t(s, v, r)$$,
                 '22023', NULL, 'an empty supplier code is an error');

-- ---------------------------------------------------------------------
-- Parallel plans: Partial/Finalize, same answer, inconsistency across workers
-- ---------------------------------------------------------------------
-- regular (not temporary) tables, so that parallel workers can scan them
CREATE TABLE rr_pgtap_gov_big AS
SELECT 'S' || (i % 211) AS s, (1 + i % 17)::float8 AS v, ((i % 211) % 11)::float8 AS r
  FROM generate_series(1, 200000) i;
CREATE TABLE rr_pgtap_gov_bad AS SELECT * FROM rr_pgtap_gov_big;
INSERT INTO rr_pgtap_gov_bad VALUES ('S7', 1, 99);   -- one row of S7 with another risk
ANALYZE rr_pgtap_gov_big;
ANALYZE rr_pgtap_gov_bad;
SET LOCAL max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE gov_serial AS SELECT governance_hhi(s, v, r) AS h FROM rr_pgtap_gov_big;
SET LOCAL max_parallel_workers_per_gather = 2;
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL parallel_leader_participation = off;
SELECT matches(pg_temp.plan_of('SELECT governance_hhi(s, v, r) FROM rr_pgtap_gov_big'), 'Partial Aggregate',
               'governance_hhi runs as a parallel partial aggregate');
SELECT cmp_ok((SELECT abs(governance_hhi(s, v, r) - (SELECT h FROM gov_serial)) / (SELECT h FROM gov_serial)
                 FROM rr_pgtap_gov_big),
              '<=', 1e-12::float8, 'parallel and serial plans agree to 1e-12');
SELECT throws_ok($$SELECT governance_hhi(s, v, r) FROM rr_pgtap_gov_bad$$, '22023', NULL,
                 'an inconsistent risk is caught across parallel workers (in the combine step)');
-- hhi_wgi_t shares the state and the combine step: t per supplier from its risk
CREATE TEMP TABLE t_serial (h float8);
SET LOCAL max_parallel_workers_per_gather = 0;
INSERT INTO t_serial SELECT hhi_wgi_t(s, v, r, 0.8 + r / 10) FROM rr_pgtap_gov_big;
SET LOCAL max_parallel_workers_per_gather = 2;
SELECT matches(pg_temp.plan_of('SELECT hhi_wgi_t(s, v, r, 0.8 + r / 10) FROM rr_pgtap_gov_big'), 'Partial Aggregate',
               'hhi_wgi_t runs as a parallel partial aggregate');
SELECT cmp_ok((SELECT abs(hhi_wgi_t(s, v, r, 0.8 + r / 10) - (SELECT h FROM t_serial)) / (SELECT h FROM t_serial)
                 FROM rr_pgtap_gov_big),
              '<=', 1e-12::float8, 'hhi_wgi_t: parallel and serial plans agree to 1e-12');
SELECT throws_ok($$SELECT hhi_wgi_t(s, v, 1, CASE WHEN r = 99 THEN 1.5 ELSE 1 END) FROM rr_pgtap_gov_bad$$, '22023', NULL,
                 'hhi_wgi_t: an inconsistent t is caught across parallel workers');

SELECT * FROM finish();
ROLLBACK;

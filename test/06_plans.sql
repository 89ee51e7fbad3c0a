-- 06_plans.sql: same answer however the plan runs: parallel
-- Partial/Finalize aggregation, partitionwise aggregation, HashAgg that
-- spills to disk, grouping sets, window frames, shared transition states,
-- FILTER.  Volumes are whole numbers where results are compared exactly, so
-- any summation order gives the same doubles.
\set ON_ERROR_ROLLBACK 1
\ir fixtures/tap.sql
SELECT plan(38);
SET LOCAL search_path = rarerisk, public;

-- A regular (not temporary) table, so that parallel workers can scan it
CREATE TABLE rr_pgtap_flows AS
    SELECT i % 40 AS grp,
           (i / 40) % 12 + 1 AS month,
           CASE WHEN i % 23 = 0 THEN NULL ELSE 'S' || ((i * 7919) % 61) END AS s,
           ((i * 37) % 997 + 1)::float8 AS v,
           CASE WHEN i % 3 = 0 THEN ((i * 13) % 50)::float8 END AS sp,
           ((i * 37) % 997 + 1)::float8 / 7 AS fv,
           power(10::float8, ((i::bigint * 48271) % 9000) / 1000.0) AS wv
      FROM generate_series(1, 120000) i;
ANALYZE rr_pgtap_flows;

-- Serial reference results
SET LOCAL max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE serial AS
    SELECT grp, supply_mix(s, v)::text AS mix, supply_mix(s, v, sp)::text AS mix_sp,
           concentration_hhi(s, v) AS hhi, concentration_ratio(s, v, 3) AS cr3, top_supplier(s, v) AS top,
           concentration(s, v)::text AS profile, concentration_hhi(s, fv) AS hhi_f,
           concentration_hhi(s, wv) AS hhi_w, concentration_ratio(s, wv, 3) AS cr3_w, top_supplier(s, wv) AS top_w
      FROM rr_pgtap_flows GROUP BY grp;
CREATE TEMP TABLE serial_all AS
    SELECT supply_mix(s, v)::text AS mix, concentration_hhi(s, fv) AS hhi_f, concentration(s, fv) AS profile_f
      FROM rr_pgtap_flows;

-- ---------------------------------------------------------------------
-- Parallel query: every aggregate gets a Partial/Finalize plan
-- ---------------------------------------------------------------------
SET LOCAL max_parallel_workers_per_gather = 2;
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL parallel_leader_participation = off;

SELECT matches(pg_temp.plan_of('SELECT supply_mix(s, v) FROM rr_pgtap_flows'), 'Partial Aggregate',
               'supply_mix(text, float8) runs as a parallel partial aggregate');
SELECT matches(pg_temp.plan_of('SELECT supply_mix(s, v, sp) FROM rr_pgtap_flows'), 'Partial Aggregate',
               'supply_mix(text, float8, float8) runs as a parallel partial aggregate');
SELECT matches(pg_temp.plan_of('SELECT concentration_hhi(s, v) FROM rr_pgtap_flows'), 'Partial Aggregate',
               'concentration_hhi runs as a parallel partial aggregate');
SELECT matches(pg_temp.plan_of('SELECT concentration_ratio(s, v, 3) FROM rr_pgtap_flows'), 'Partial Aggregate',
               'concentration_ratio runs as a parallel partial aggregate');
SELECT matches(pg_temp.plan_of('SELECT top_supplier(s, v) FROM rr_pgtap_flows'), 'Partial Aggregate',
               'top_supplier runs as a parallel partial aggregate');
SELECT matches(pg_temp.plan_of('SELECT concentration(s, v) FROM rr_pgtap_flows'), 'Partial Aggregate',
               'concentration runs as a parallel partial aggregate');
SELECT matches(pg_temp.plan_of('SELECT grp, supply_mix_merge(m) FROM (SELECT grp, month, supply_mix(s, v) m FROM rr_pgtap_flows GROUP BY grp, month) x GROUP BY grp'),
               'Partial', 'the query merging mixes can run with parallel partial aggregation');
SELECT matches(pg_temp.plan_of('SELECT concentration_hhi(s, v) FROM rr_pgtap_flows', 'ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF'),
               'Workers Launched: [1-9]', 'parallel workers are actually launched');

SELECT is((SELECT supply_mix(s, v)::text FROM rr_pgtap_flows), (SELECT mix FROM serial_all),
          'parallel supply_mix over the whole table equals the serial one');
SELECT ok((SELECT abs(concentration_hhi(s, fv) - (SELECT hhi_f FROM serial_all)) <= 1e-12 * (SELECT hhi_f FROM serial_all)
             FROM rr_pgtap_flows),
          'parallel concentration_hhi over fractional volumes equals the serial one to 1e-12');
SELECT ok((SELECT abs((p).shannon - (s).shannon) <= 1e-12 * (s).shannon
              AND abs((p).normalized_hhi - (s).normalized_hhi) <= 1e-12 * (s).normalized_hhi
              AND abs((p).total - (s).total) <= 1e-12 * (s).total
              AND (p).top_supplier = (s).top_supplier AND (p).suppliers = (s).suppliers
             FROM (SELECT concentration(s, fv) AS p FROM rr_pgtap_flows) x, (SELECT profile_f AS s FROM serial_all) y),
          'parallel concentration profile over fractional volumes equals the serial one to 1e-12');
SELECT results_eq(
    $$SELECT grp, supply_mix(s, v)::text, supply_mix(s, v, sp)::text, concentration_hhi(s, v),
             concentration_ratio(s, v, 3), top_supplier(s, v), concentration(s, v)::text
        FROM rr_pgtap_flows GROUP BY grp ORDER BY grp$$,
    $$SELECT grp, mix, mix_sp, hhi, cr3, top, profile FROM serial ORDER BY grp$$,
    'grouped parallel results of every aggregate equal the serial results');
SELECT matches(pg_temp.plan_of('SELECT grp, concentration_hhi(s, v) FROM rr_pgtap_flows GROUP BY grp'),
               'Partial (Hash|Group)?Aggregate', 'the grouped query did run as a partial aggregate');
SELECT matches(pg_temp.plan_of('SELECT grp, concentration_hhi(s, v) FROM rr_pgtap_flows GROUP BY grp'),
               'Finalize', 'the grouped query combines the partial states in a Finalize step');
SELECT is_empty(
    $$SELECT grp FROM serial s
        FULL JOIN (SELECT grp, concentration_hhi(s, wv) AS hhi, concentration_ratio(s, wv, 3) AS cr3,
                          top_supplier(s, wv) AS top
                     FROM rr_pgtap_flows GROUP BY grp) p USING (grp)
       WHERE p.hhi IS NULL OR s.hhi_w IS NULL OR abs(p.hhi - s.hhi_w) > 1e-12 * s.hhi_w
          OR abs(p.cr3 - s.cr3_w) > 1e-12 * s.cr3_w OR p.top <> s.top_w$$,
    'grouped parallel HHI, CR3 and top supplier over volumes spanning nine decades equal the serial ones to 1e-12');
SELECT is_empty(
    $$SELECT grp FROM serial s
        JOIN (SELECT grp, supply_mix_merge(m)::text AS mix
                FROM (SELECT grp, month, supply_mix(s, v) m FROM rr_pgtap_flows GROUP BY grp, month) x
               GROUP BY grp) p USING (grp)
       WHERE p.mix <> s.mix$$,
    'mixes merged in a parallel plan equal the serial mixes');
SELECT throws_ok($$SELECT concentration_ratio(s, v, (grp % 2) + 1) FROM rr_pgtap_flows$$, '22023', NULL,
                 'k differing between rows is detected in a parallel plan too');

-- ---------------------------------------------------------------------
-- Partitionwise aggregation (partial aggregates per partition, combined)
-- ---------------------------------------------------------------------
SET LOCAL max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE parted (grp int, month int, s text, v float8) PARTITION BY LIST (grp);
CREATE TEMP TABLE parted_a PARTITION OF parted FOR VALUES IN (0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
CREATE TEMP TABLE parted_b PARTITION OF parted FOR VALUES IN (10, 11, 12, 13, 14, 15, 16, 17, 18, 19);
CREATE TEMP TABLE parted_c PARTITION OF parted DEFAULT;
INSERT INTO parted SELECT grp, month, s, v FROM rr_pgtap_flows;
ANALYZE parted;
SET LOCAL enable_partitionwise_aggregate = on;
SELECT matches(pg_temp.plan_of('SELECT month, concentration_hhi(s, v) FROM parted GROUP BY month'),
               'Partial', 'grouping by a non-partition key aggregates partially per partition');
SELECT results_eq(
    $$SELECT month, supply_mix(s, v)::text, concentration_hhi(s, v), top_supplier(s, v) FROM parted GROUP BY month ORDER BY month$$,
    $$SELECT month, supply_mix(s, v)::text, concentration_hhi(s, v), top_supplier(s, v) FROM rr_pgtap_flows GROUP BY month ORDER BY month$$,
    'partitionwise partial aggregation equals plain aggregation');
SELECT results_eq(
    $$SELECT grp, concentration(s, v)::text FROM parted GROUP BY grp ORDER BY grp$$,
    $$SELECT grp, profile FROM serial ORDER BY grp$$,
    'full partitionwise aggregation (grouping by the partition key) equals plain aggregation');
SET LOCAL enable_partitionwise_aggregate = off;

-- ---------------------------------------------------------------------
-- HashAgg that spills to disk, against sorted GroupAggregate
-- ---------------------------------------------------------------------
CREATE TEMP TABLE many AS
    SELECT i % 20000 AS g, 'S' || (i % 7) AS s, (i % 113 + 1)::float8 AS v FROM generate_series(1, 100000) i;
ANALYZE many;
SET LOCAL work_mem = '64kB';
SET LOCAL enable_sort = off;
SET LOCAL enable_hashagg = on;
SELECT matches(pg_temp.plan_of('SELECT g, supply_mix(s, v) FROM many GROUP BY g', 'ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF'),
               'Batches: ([2-9]|[1-9][0-9]+)',
               'HashAggregate over 20,000 groups at work_mem 64kB spills to disk');
CREATE TEMP TABLE hashed AS
    SELECT g, supply_mix(s, v)::text AS mix, concentration_hhi(s, v) AS hhi, top_supplier(s, v) AS top
      FROM many GROUP BY g;
SET LOCAL enable_sort TO DEFAULT;
SET LOCAL enable_hashagg = off;
SELECT set_eq(
    $$SELECT g, mix, hhi, top FROM hashed$$,
    $$SELECT g, supply_mix(s, v)::text, concentration_hhi(s, v), top_supplier(s, v) FROM many GROUP BY g$$,
    'a spilling HashAggregate gives the same mixes as a sorted GroupAggregate');
SET LOCAL enable_sort = off;
SET LOCAL enable_hashagg = on;
SELECT is((SELECT count(*) FILTER (WHERE h <> 10000)
             FROM (SELECT concentration_hhi(s, v) AS h FROM many GROUP BY g, s) x),
          0::bigint, 'in a spilling HashAggregate over 100,000 groups of one supplier each, every HHI is 10000');
SET LOCAL enable_sort TO DEFAULT;
SET LOCAL work_mem TO DEFAULT;
SET LOCAL enable_hashagg TO DEFAULT;

-- ---------------------------------------------------------------------
-- Grouping sets: each set keeps its own state
-- ---------------------------------------------------------------------
SELECT set_eq(
    $$SELECT grp, month, supply_mix(s, v)::text FROM rr_pgtap_flows WHERE grp < 3 GROUP BY ROLLUP (grp, month)$$,
    $$SELECT grp, month, supply_mix(s, v)::text FROM rr_pgtap_flows WHERE grp < 3 GROUP BY grp, month
      UNION ALL SELECT grp, NULL, supply_mix(s, v)::text FROM rr_pgtap_flows WHERE grp < 3 GROUP BY grp
      UNION ALL SELECT NULL, NULL, supply_mix(s, v)::text FROM rr_pgtap_flows WHERE grp < 3$$,
    'ROLLUP gives each grouping set its own mix');
SELECT set_eq(
    $$SELECT grp, month, concentration_hhi(s, v) FROM rr_pgtap_flows WHERE grp < 3 GROUP BY GROUPING SETS ((grp), (month))$$,
    $$SELECT grp, NULL::int, concentration_hhi(s, v) FROM rr_pgtap_flows WHERE grp < 3 GROUP BY grp
      UNION ALL SELECT NULL, month, concentration_hhi(s, v) FROM rr_pgtap_flows WHERE grp < 3 GROUP BY month$$,
    'GROUPING SETS give the same HHIs as separate queries');

-- ---------------------------------------------------------------------
-- Several aggregates sharing one transition state (same inputs)
-- ---------------------------------------------------------------------
SELECT results_eq(
    $$SELECT grp, supply_mix(s, v)::text, concentration_hhi(s, v), concentration_ratio(s, v, 3), top_supplier(s, v),
             concentration(s, v)::text, hhi(supply_mix(s, v)), supply_mix(s, v)::text
        FROM rr_pgtap_flows GROUP BY grp ORDER BY grp$$,
    $$SELECT grp, mix, hhi, cr3, top, profile, hhi, mix FROM serial ORDER BY grp$$,
    'aggregates computed together in one query (shared state) equal the serial results computed apart');

-- ---------------------------------------------------------------------
-- FILTER and window frames
-- ---------------------------------------------------------------------
SELECT results_eq(
    $$SELECT grp, concentration_hhi(s, v) FILTER (WHERE month <= 6) FROM rr_pgtap_flows GROUP BY grp ORDER BY grp$$,
    $$SELECT grp, concentration_hhi(s, v) FROM rr_pgtap_flows WHERE month <= 6 GROUP BY grp ORDER BY grp$$,
    'FILTER restricts the rows of the aggregate');

CREATE TEMP TABLE series AS
    SELECT i, (ARRAY['A', 'B', 'C', NULL, 'D'])[1 + (i * 3) % 5] AS s,
           CASE WHEN i % 11 = 0 THEN NULL ELSE (i % 9 + 1)::float8 END AS v
      FROM generate_series(1, 200) i;
SELECT is_empty(
    $$SELECT i FROM (SELECT i, concentration_hhi(s, v) OVER (ORDER BY i) AS w,
                            supply_mix(s, v) OVER (ORDER BY i) AS m,
                            top_supplier(s, v) OVER (ORDER BY i) AS t FROM series) x
       WHERE w IS DISTINCT FROM (SELECT concentration_hhi(s, v) FROM series y WHERE y.i <= x.i)
          OR m::text IS DISTINCT FROM (SELECT supply_mix(s, v)::text FROM series y WHERE y.i <= x.i)
          OR t IS DISTINCT FROM (SELECT top_supplier(s, v) FROM series y WHERE y.i <= x.i)$$,
    'running window aggregates equal the aggregate of each prefix');
SELECT is_empty(
    $$SELECT i FROM (SELECT i, concentration_hhi(s, v) OVER (ORDER BY i ROWS BETWEEN 4 PRECEDING AND CURRENT ROW) AS w,
                            concentration_ratio(s, v, 2) OVER (ORDER BY i ROWS BETWEEN 4 PRECEDING AND CURRENT ROW) AS c
                       FROM series) x
       WHERE w IS DISTINCT FROM (SELECT concentration_hhi(s, v) FROM series y WHERE y.i BETWEEN x.i - 4 AND x.i)
          OR c IS DISTINCT FROM (SELECT concentration_ratio(s, v, 2) FROM series y WHERE y.i BETWEEN x.i - 4 AND x.i)$$,
    'sliding window frames restart the state correctly');
SELECT is_empty(
    $$SELECT grp FROM (SELECT DISTINCT grp, supply_mix(s, v) OVER (PARTITION BY grp)::text AS m FROM rr_pgtap_flows) x
        JOIN serial USING (grp) WHERE x.m <> serial.mix$$,
    'a window partitioned by group gives each group''s mix');

-- ---------------------------------------------------------------------
-- Drill-down: shares() of grouped mixes through LATERAL
-- ---------------------------------------------------------------------
SELECT results_eq(
    $$SELECT grp, count(*)::int, sum(x.volume), bool_and(x.rank IS NOT NULL OR x.supplier IS NULL)
        FROM (SELECT grp, supply_mix(s, v) m FROM rr_pgtap_flows GROUP BY grp) g,
             LATERAL shares(g.m) x
       GROUP BY grp ORDER BY grp$$,
    $$SELECT grp, (count(DISTINCT s) + max(CASE WHEN s IS NULL THEN 1 ELSE 0 END))::int, sum(v), true
        FROM rr_pgtap_flows GROUP BY grp ORDER BY grp$$,
    'shares() over grouped mixes lists every supplier once plus the unattributed row, volumes summing to the total');
SELECT is((SELECT count(*) FROM (SELECT grp, supply_mix(s, v) m FROM rr_pgtap_flows GROUP BY grp) g,
                                 LATERAL shares(g.m) x WHERE x.rank = 1),
          40::bigint, 'each of the 40 groups has exactly one rank-1 supplier');
SELECT is_empty(
    $$SELECT grp FROM (SELECT grp, supply_mix(s, v) m FROM rr_pgtap_flows GROUP BY grp) g,
                      LATERAL shares(g.m) x
       WHERE x.rank = 1 AND x.supplier <> top_supplier(g.m)$$,
    'the rank-1 row of shares() is the top supplier');
SELECT is_empty(
    $$SELECT grp FROM (SELECT grp, supply_mix(s, v) m FROM rr_pgtap_flows GROUP BY grp) g
       WHERE abs(top_share(g.m, 3) - (SELECT sum(share) FROM shares(g.m) WHERE rank <= 3)) > 1e-15$$,
    'top_share(mix, 3) is the sum of the three first shares in every group');

-- shares() is inlined: its rows stream from shares_stream() in a select
-- list (ProjectSet), no tuplestore of a Function Scan holds them all
SELECT ok(p ~ 'ProjectSet' AND p !~ 'Function Scan',
          'shares() in FROM is inlined into a ProjectSet over shares_stream(), without a Function Scan')
  FROM pg_temp.plan_of('SELECT count(*) FROM (SELECT supply_mix(s, v) m FROM rr_pgtap_flows) g, shares(g.m) x') p;
CREATE FUNCTION pg_temp.shares_01(mix supply_mix,
        OUT supplier text, OUT volume float8, OUT share float8, OUT rank int4)
    RETURNS SETOF record AS '$libdir/rarerisk', 'mix_shares' LANGUAGE C IMMUTABLE STRICT;
SELECT is_empty(
    $$WITH g AS (SELECT grp, supply_mix(s, v) m FROM rr_pgtap_flows GROUP BY grp),
       paths AS (
        SELECT grp,
               (SELECT array_agg(row(supplier, volume, share, rank)::text) FROM shares(g.m)) AS inlined,
               (SELECT array_agg(row(supplier, volume, share, rank)::text ORDER BY n)
                  FROM shares(g.m) WITH ORDINALITY o(supplier, volume, share, rank, n)) AS ordinal,
               (SELECT array_agg(y.x::text) FROM (SELECT shares_stream(g.m) x) y) AS listed,
               (SELECT array_agg(row(supplier, volume, share, rank)::text) FROM pg_temp.shares_01(g.m)) AS v01
          FROM g)
     SELECT grp FROM paths
      WHERE inlined IS DISTINCT FROM ordinal OR ordinal IS DISTINCT FROM listed
         OR listed IS DISTINCT FROM v01 OR inlined IS NULL$$,
    'shares() inlined, not inlined (WITH ORDINALITY), shares_stream() in a select list and the C function of 0.1 give the same rows in the same order');
SELECT is((SELECT count(*) FROM shares(NULL::supply_mix)), 0::bigint,
          'shares(NULL) has no rows, as the STRICT function of 0.1');
SELECT results_eq(
    $$SELECT supplier, rank FROM shares('{"suppliers": {"a": 1, "b": 5, "c": 3, "d": 4}, "unattributed": 2}') LIMIT 2$$,
    $$VALUES ('b'::text, 1), ('d', 2)$$,
    'shares() under a LIMIT gives the first rows in rank order');

SELECT * FROM finish();
ROLLBACK;

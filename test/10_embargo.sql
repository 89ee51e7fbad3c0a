-- pgTAP: properties of the embargo model on deterministic
-- pseudo-random data, worst_embargo against brute force, and the same
-- answer from serial, parallel, partitionwise and stored-mix plans.
\ir fixtures/tap.sql
SET LOCAL search_path = rarerisk, public;
SELECT plan(32);

\ir fixtures/uniform.sql

-- 300 groups, up to 12 named suppliers each, some unattributed rows
CREATE TEMP TABLE f AS
SELECT g, CASE WHEN pg_temp.u(i, 1) < 0.08 THEN NULL
               ELSE (ARRAY['AUS','BRA','CHN','IND','JPN','KOR','MMR','MYS','RUS','THA','USA','VNM'])
                    [1 + floor(pg_temp.u(i, 2) * (3 + g % 10))::int] END AS s,
       round((pg_temp.u(i, 3) * 1000)::numeric, 3)::float8 AS v,
       CASE WHEN pg_temp.u(i, 4) < 0.3 THEN round((pg_temp.u(i, 5) * 200)::numeric, 2)::float8 ELSE 0 END AS sp,
       CASE WHEN pg_temp.u(i, 6) < 0.4 THEN round(pg_temp.u(i, 7)::numeric, 3)::float8 ELSE 0 END AS th
FROM generate_series(1, 300) g, generate_series(g * 100, g * 100 + 5 + g % 20) i;

-- shortfall share per group under one scenario, all three row signatures
CREATE FUNCTION pg_temp.share(sc embargo_scenario, spare_factor float8 DEFAULT 1,
                              theta_add float8 DEFAULT 0)
RETURNS TABLE (g int, plain float8, spare float8, content float8) LANGUAGE sql AS $$
	SELECT g, embargo_shortfall(s, v, sc),
	       embargo_shortfall(s, v, sp * spare_factor, sc),
	       embargo_shortfall(s, v, sp * spare_factor, least(1, th + theta_add), sc)
	FROM f GROUP BY g
$$;

SELECT is((SELECT count(*) FROM pg_temp.share(embargo('{CHN}', 0.8, 30))
           WHERE NOT (plain BETWEEN 0 AND 1 AND spare BETWEEN 0 AND 1 AND content BETWEEN 0 AND 1)),
          0::bigint, 'shortfall_share is in [0,1]');
SELECT is((SELECT count(*) FROM pg_temp.share(embargo('{CHN,MMR}', 0.8, 30))
           WHERE content < spare OR plain < spare), 0::bigint,
          'look-through never lowers and substitution never raises the shortfall');

-- monotonicity over grids of each parameter
CREATE TEMP TABLE grid AS
SELECT 'intensity' AS param, x, r.*
FROM unnest(ARRAY[0, 0.1, 0.25, 0.5, 0.75, 0.9, 1]) x,
     LATERAL pg_temp.share(embargo('{CHN,RUS}', x, 20, 200)) r
UNION ALL
SELECT 'horizon', x, r.* FROM unnest(ARRAY[1, 10, 30, 90, 180, 365, 730, 3650]) x,
     LATERAL pg_temp.share(embargo('{CHN,RUS}', 1, 20, x)) r
UNION ALL
SELECT 'stock', x, r.* FROM unnest(ARRAY[0, 1, 10, 30, 60, 120, 365]) x,
     LATERAL pg_temp.share(embargo('{CHN,RUS}', 1, x, 200)) r
UNION ALL
SELECT 'spare', x, r.* FROM unnest(ARRAY[0, 0.5, 1, 2, 5, 100]) x,
     LATERAL pg_temp.share(embargo('{CHN,RUS}', 1, 20, 200), x) r
UNION ALL
SELECT 'theta', x, r.* FROM unnest(ARRAY[0, 0.05, 0.1, 0.3, 1]) x,
     LATERAL pg_temp.share(embargo('{CHN,RUS}', 1, 20, 200), 1, x) r;

CREATE FUNCTION pg_temp.violations(p text, dir int) RETURNS bigint LANGUAGE sql AS $$
	SELECT count(*) FROM (
		SELECT g, plain, spare, content,
		       lag(plain) OVER w AS p0, lag(spare) OVER w AS s0, lag(content) OVER w AS c0
		FROM grid WHERE param = p WINDOW w AS (PARTITION BY g ORDER BY x)) t
	WHERE p0 IS NOT NULL AND
	      (dir * (plain - p0) < 0 OR dir * (spare - s0) < 0 OR dir * (content - c0) < 0)
$$;
SELECT is(pg_temp.violations('intensity', 1), 0::bigint, 'non-decreasing in intensity');
SELECT is(pg_temp.violations('horizon', 1), 0::bigint, 'non-decreasing in horizon_days');
SELECT is(pg_temp.violations('theta', 1), 0::bigint, 'non-decreasing in embargoed content');
SELECT is(pg_temp.violations('stock', -1), 0::bigint, 'non-increasing in stock_days');
SELECT is(pg_temp.violations('spare', -1), 0::bigint, 'non-increasing in spare capacity');
SELECT ok((SELECT count(DISTINCT content) FROM grid WHERE param = 'intensity') > 100,
          'the grids are not degenerate');
SELECT is((SELECT count(*) FROM grid WHERE param = 'intensity' AND x = 0 AND (plain + spare + content) <> 0),
          0::bigint, 'zero at intensity 0');

SELECT is((SELECT count(*) FROM pg_temp.share(embargo('{ZZZ}', 1, 0)) WHERE plain <> 0 OR spare <> 0),
          0::bigint, 'zero when nothing is embargoed');
SELECT is((SELECT count(*) FROM pg_temp.share(embargo('{CHN,RUS,USA}', 1, 365, 365)) WHERE plain + spare + content <> 0),
          0::bigint, 'zero when stocks cover the horizon');
SELECT is((SELECT count(*) FROM pg_temp.share(embargo('{CHN}', 1, 400, 365))
           WHERE plain + spare + content <> 0), 0::bigint, 'zero when stocks exceed the horizon');

-- stored mixes: one per group and two halves merged, against the rows
CREATE TEMP TABLE halves AS
SELECT g, supply_mix(s, v, sp) AS h FROM f GROUP BY g, coalesce(s, '') < 'K';
CREATE TEMP TABLE mixes AS
SELECT g, (SELECT supply_mix(s, v, sp) FROM f WHERE f.g = x.g) AS m, supply_mix_merge(h) AS merged
FROM halves x GROUP BY g;
SELECT is((SELECT count(*) FROM mixes x JOIN pg_temp.share(embargo('{CHN,VNM}', 0.7, 15, 300)) r USING (g)
           WHERE abs(embargo_shortfall(x.m, embargo('{CHN,VNM}', 0.7, 15, 300)) - r.spare)
                 > 1e-12 * greatest(1, abs(r.spare))),
          0::bigint, 'stored mix gives the same shortfall as the rows');
SELECT is((SELECT count(*) FROM mixes x
           WHERE embargo_shortfall(x.merged, embargo('{CHN,VNM}', 0.7, 15, 300))
                 IS DISTINCT FROM embargo_shortfall(x.m, embargo('{CHN,VNM}', 0.7, 15, 300))
             AND abs(embargo_shortfall(x.merged, embargo('{CHN,VNM}', 0.7, 15, 300))
                     - embargo_shortfall(x.m, embargo('{CHN,VNM}', 0.7, 15, 300))) > 1e-12),
          0::bigint, 'merged stored mixes give the same shortfall');
SELECT is((SELECT count(*) FROM mixes x
                  JOIN (SELECT g, embargo_impact(s, v, sp, embargo('{CHN}', 1, 45, 200)) i FROM f GROUP BY g) r USING (g),
                  LATERAL (SELECT embargo_impact(x.m, embargo('{CHN}', 1, 45, 200)) mi) y
           WHERE abs((y.mi).demand - (r.i).demand) > 1e-12 * (r.i).demand
              OR abs((y.mi).direct_loss - (r.i).direct_loss) > 1e-12 * (r.i).demand
              OR abs((y.mi).substitution - (r.i).substitution) > 1e-12 * (r.i).demand
              OR abs((y.mi).stock_release - (r.i).stock_release) > 1e-12 * (r.i).demand
              OR abs((y.mi).shortfall - (r.i).shortfall) > 1e-12 * (r.i).demand
              OR abs((y.mi).shortfall_share - (r.i).shortfall_share) > 1e-12
              OR ((y.mi).days_to_shortage IS NULL) <> ((r.i).days_to_shortage IS NULL)
              OR abs((y.mi).days_to_shortage - (r.i).days_to_shortage) > 1e-9 * (r.i).days_to_shortage),
          0::bigint, 'stored mix gives the same impact as the rows');

-- the trajectory's last cumulative shortfall is embargo_impact's shortfall
SELECT is((SELECT count(*) FROM mixes x, unnest(ARRAY[30, 7, 365]) step,
                  LATERAL (SELECT * FROM embargo_trajectory(x.m, embargo('{CHN,IND}', 0.9, 40, 250), step)
                           ORDER BY day DESC LIMIT 1) t
           WHERE t.day <> 250
              OR t.cumulative_shortfall IS DISTINCT FROM (embargo_impact(x.m, embargo('{CHN,IND}', 0.9, 40, 250))).shortfall),
          0::bigint, 'trajectory ends at the horizon with embargo_impact''s shortfall');
SELECT is((SELECT count(*) FROM mixes x,
                  LATERAL (SELECT day, cumulative_shortfall c, lag(cumulative_shortfall) OVER (ORDER BY day) c0,
                                  stock_remaining r, lag(stock_remaining) OVER (ORDER BY day) r0
                           FROM embargo_trajectory(x.m, embargo('{CHN}', 1, 60))) t
           WHERE c < c0 OR r > r0), 0::bigint,
          'cumulative shortfall never falls and stocks never grow');

-- worst_embargo against brute force over all k-subsets, k <= 3
CREATE TEMP TABLE named AS
SELECT x.g, x.m, sh.supplier FROM mixes x, shares(x.m) sh WHERE sh.supplier IS NOT NULL;
SELECT ok((SELECT max(n) FROM (SELECT count(*) n FROM named GROUP BY g) t) BETWEEN 10 AND 15,
          'brute force covers mixes of up to 12-15 suppliers');
CREATE TEMP TABLE brute AS
WITH sc AS (SELECT 0.85::float8 AS a, 25::float8 AS st, 300::float8 AS h)
SELECT g, k, max(embargo_shortfall(m, embargo(codes, a, st, h))) AS best
FROM sc, (
	SELECT a.g, a.m, 1 AS k, ARRAY[a.supplier] AS codes FROM named a
	UNION ALL
	SELECT a.g, a.m, 2, ARRAY[a.supplier, b.supplier] FROM named a JOIN named b
		ON a.g = b.g AND a.supplier < b.supplier
	UNION ALL
	SELECT a.g, a.m, 3, ARRAY[a.supplier, b.supplier, c.supplier] FROM named a
		JOIN named b ON a.g = b.g AND a.supplier < b.supplier
		JOIN named c ON a.g = c.g AND b.supplier < c.supplier
) subsets
GROUP BY g, k;
SELECT is((SELECT count(*) FROM brute b JOIN mixes x USING (g),
                  LATERAL (SELECT worst_embargo(x.m, b.k, embargo('{ignored}', 0.85, 25, 300)) w) y
           WHERE abs((y.w).shortfall_share - b.best) > 1e-12),
          0::bigint, 'worst_embargo equals brute force for k = 1, 2, 3');
SELECT ok((SELECT count(*) FROM brute WHERE best > 0) > 500, 'brute force compares non-trivial cases');
SELECT is((SELECT count(*) FROM mixes x, generate_series(1, 3) k,
                  LATERAL (SELECT worst_embargo(x.m, k, embargo('{ignored}', 0.85, 25, 300)) w) y
           WHERE (y.w).suppliers IS DISTINCT FROM (SELECT array_agg(u ORDER BY u COLLATE "C") FROM unnest((y.w).suppliers) u)
              OR abs(embargo_shortfall(x.m, embargo((y.w).suppliers, 0.85, 25, 300)) - (y.w).shortfall_share) > 1e-12),
          0::bigint, 'worst_embargo lists its suppliers in byte order and its shortfall is theirs');
SELECT is((SELECT count(*) FROM mixes x, generate_series(1, 3) k
           WHERE worst_embargo(x.m, k, 0.85, 25, 300) IS DISTINCT FROM worst_embargo(x.m, k, embargo('{ignored}', 0.85, 25, 300))
              OR worst_embargo(x.m, k, stock_days => 25) IS DISTINCT FROM worst_embargo(x.m, k, embargo('{ignored}', stock_days => 25))),
          0::bigint, 'worst_embargo from the parameters alone equals the form with an ignored list');
SELECT throws_ok($$SELECT worst_embargo('{"suppliers": {"CHN": 1}}', 1, intensity => NULL)$$, '22004', NULL,
          'worst_embargo with a NULL parameter is an error, as in embargo()');
SELECT is(worst_embargo(NULL::supply_mix, 1), NULL, 'worst_embargo over a NULL mix is NULL');

-- the embargo aggregates (the three row signatures of embargo_shortfall and
-- of embargo_impact) share one state type with a combine function
SELECT is((SELECT count(*) || ' ' || string_agg(DISTINCT t.typname || ' ' || p.proparallel::text || ' ' || (a.aggcombinefn <> 0), ',')
             FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid JOIN pg_type t ON t.oid = a.aggtranstype
            WHERE p.pronamespace = 'rarerisk'::regnamespace AND p.proname IN ('embargo_shortfall', 'embargo_impact')),
          '6 embargo_state s true', 'the embargo aggregates are parallel safe, with state embargo_state and a combine function');

-- parallel Partial/Finalize, partitionwise and serial give the same answers
CREATE TABLE pg_temp_big_embargo (g int, s text, v float8, sp float8, th float8);
INSERT INTO pg_temp_big_embargo
SELECT i % 7, (ARRAY['AUS','BRA','CHN','IND','JPN','KOR','MMR','MYS','RUS','THA','USA','VNM', NULL])[1 + (i * 7919) % 13],
       ((i * 2654435761) % 1000003)::float8 / 1000 * (CASE WHEN i % 5 = 0 THEN 1e6 ELSE 1 END),
       ((i * 40503) % 1009)::float8 / 10, ((i * 69069) % 1001)::float8 / 1000
FROM generate_series(1::bigint, 120000) i;
ANALYZE pg_temp_big_embargo;

CREATE TEMP TABLE q AS SELECT $$
	SELECT g, embargo_shortfall(s, v, rarerisk.embargo('{CHN,RUS}', 0.9, 20)) a,
	       embargo_shortfall(s, v, sp, rarerisk.embargo('{CHN,RUS}', 0.9, 20)) b,
	       embargo_shortfall(s, v, sp, th, rarerisk.embargo('{CHN,RUS}', 0.9, 20)) c,
	       (embargo_impact(s, v, sp, th, rarerisk.embargo('{CHN,RUS}', 0.9, 20))).shortfall d
	FROM pg_temp_big_embargo GROUP BY g$$::text AS grouped,
	$$SELECT embargo_shortfall(s, v, sp, th, rarerisk.embargo('{CHN,RUS}', 0.9, 20)) a,
	         (embargo_impact(s, v, sp, th, rarerisk.embargo('{CHN,RUS}', 0.9, 20))).shortfall d
	  FROM pg_temp_big_embargo$$::text AS total;

SET LOCAL max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE serial_res AS
SELECT g, embargo_shortfall(s, v, sp, th, embargo('{CHN,RUS}', 0.9, 20)) c,
       (embargo_impact(s, v, sp, th, embargo('{CHN,RUS}', 0.9, 20))).shortfall d
FROM pg_temp_big_embargo GROUP BY g;
CREATE TEMP TABLE serial_total AS
SELECT embargo_shortfall(s, v, sp, th, embargo('{CHN,RUS}', 0.9, 20)) c,
       (embargo_impact(s, v, sp, th, embargo('{CHN,RUS}', 0.9, 20))).shortfall d
FROM pg_temp_big_embargo;

SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
SELECT matches(pg_temp.plan_of((SELECT total FROM q)), 'Partial Aggregate',
               'ungrouped embargo aggregates run as Partial/Finalize');
SELECT matches(pg_temp.plan_of((SELECT grouped FROM q)), 'Partial (Hash|Group)?Aggregate',
               'grouped embargo aggregates run as Partial/Finalize');
SELECT is((SELECT count(*) FROM serial_total s,
                  (SELECT embargo_shortfall(s, v, sp, th, embargo('{CHN,RUS}', 0.9, 20)) c,
                          (embargo_impact(s, v, sp, th, embargo('{CHN,RUS}', 0.9, 20))).shortfall d
                   FROM pg_temp_big_embargo) p
           WHERE abs(p.c - s.c) > 1e-12 * abs(s.c) OR abs(p.d - s.d) > 1e-12 * abs(s.d)),
          0::bigint, 'parallel ungrouped equals serial to 1e-12 relative');
SELECT is((SELECT count(*) FROM serial_res s FULL JOIN
                  (SELECT g, embargo_shortfall(s, v, sp, th, embargo('{CHN,RUS}', 0.9, 20)) c,
                          (embargo_impact(s, v, sp, th, embargo('{CHN,RUS}', 0.9, 20))).shortfall d
                   FROM pg_temp_big_embargo GROUP BY g) p USING (g)
           WHERE p.c IS NULL OR s.c IS NULL
              OR abs(p.c - s.c) > 1e-12 * abs(s.c) OR abs(p.d - s.d) > 1e-12 * abs(s.d)),
          0::bigint, 'parallel grouped equals serial to 1e-12 relative');

-- partitionwise aggregation over a partitioned table
CREATE TABLE pg_temp_part_embargo (g int, s text, v float8, sp float8, th float8) PARTITION BY HASH (s);
CREATE TABLE pg_temp_part_embargo_0 PARTITION OF pg_temp_part_embargo FOR VALUES WITH (MODULUS 3, REMAINDER 0);
CREATE TABLE pg_temp_part_embargo_1 PARTITION OF pg_temp_part_embargo FOR VALUES WITH (MODULUS 3, REMAINDER 1);
CREATE TABLE pg_temp_part_embargo_2 PARTITION OF pg_temp_part_embargo FOR VALUES WITH (MODULUS 3, REMAINDER 2);
INSERT INTO pg_temp_part_embargo SELECT * FROM pg_temp_big_embargo;
ANALYZE pg_temp_part_embargo;
SET LOCAL enable_partitionwise_aggregate = on;
SET LOCAL max_parallel_workers_per_gather = 0;
SELECT matches(pg_temp.plan_of($$SELECT g, embargo_shortfall(s, v, sp, th, rarerisk.embargo('{CHN}')) FROM pg_temp_part_embargo GROUP BY g$$),
               'Partial (Hash|Group)?Aggregate.*Partial (Hash|Group)?Aggregate',
               'partitionwise aggregation combines per-partition partial states');
SELECT is((SELECT count(*) FROM serial_res s FULL JOIN
                  (SELECT g, embargo_shortfall(s, v, sp, th, embargo('{CHN,RUS}', 0.9, 20)) c,
                          (embargo_impact(s, v, sp, th, embargo('{CHN,RUS}', 0.9, 20))).shortfall d
                   FROM pg_temp_part_embargo GROUP BY g) p USING (g)
           WHERE p.c IS NULL OR s.c IS NULL
              OR abs(p.c - s.c) > 1e-12 * abs(s.c) OR abs(p.d - s.d) > 1e-12 * abs(s.d)),
          0::bigint, 'partitionwise equals serial to 1e-12 relative');
SELECT is((SELECT count(*) FROM serial_res s JOIN
                  (SELECT g, embargo_shortfall(supply_mix(s, v, sp), embargo('{CHN,RUS}', 0.9, 20)) c
                   FROM pg_temp_big_embargo GROUP BY g) p USING (g),
                  (SELECT g, embargo_shortfall(s, v, sp, embargo('{CHN,RUS}', 0.9, 20)) c
                   FROM pg_temp_big_embargo GROUP BY g) r
           WHERE r.g = s.g AND abs(p.c - r.c) > 1e-12 * abs(r.c)),
          0::bigint, 'stored mix equals rows on the large table');

SELECT * FROM finish();
ROLLBACK;

-- 20_network.sql: origin tracing -- the catalog surface,
-- hand-computed oracles, properties on deterministic pseudo-random
-- networks (shares sum to 1, theta monotone in the embargoed set, the
-- fixed-point equation holds), on the real nickel network and a
-- world-size one, and the same network from serial and parallel plans.
\ir fixtures/tap.sql
SELECT plan(21);
SET LOCAL search_path = rarerisk, public;

SELECT has_type('rarerisk', 'trade_network', 'type trade_network exists');
SELECT is((SELECT aggcombinefn::text FROM pg_aggregate
           WHERE aggfnoid = 'rarerisk.origin_network(text, text, float8)'::regprocedure),
          'origin_network_combine', 'origin_network has a combine function');
SELECT is((SELECT proparallel FROM pg_proc
           WHERE oid = 'rarerisk.origin_network(text, text, float8)'::regprocedure),
          's', 'origin_network is parallel safe');
SELECT is((SELECT count(*) FROM pg_proc p
           WHERE p.pronamespace = 'rarerisk'::regnamespace
             AND p.proname IN ('origin_shares', 'embargoed_content')
             AND (p.provolatile <> 'i' OR NOT p.proisstrict OR p.proparallel <> 's')),
          0::bigint, 'origin_shares and embargoed_content are immutable, strict, parallel safe');
SELECT is((SELECT typsend::text FROM pg_type WHERE oid = 'rarerisk.trade_network'::regtype),
          'trade_network_send', 'trade_network has binary send');

-- oracles
SELECT is((SELECT array_agg(origin || '=' || share ORDER BY origin)
           FROM origin_shares('{"production": {"S": 100, "L": 40}, "flows": {"S": {"L": 40, "R": 60}, "L": {"T": 20}, "R": {"T": 20}}}')
           WHERE country = 'T'),
          '{L=0.25,S=0.75}', 'diamond: T is 3/4 S, 1/4 L');
SELECT is((SELECT array_agg(coalesce(origin, 'NULL') || '=' || share)
           FROM origin_shares('{"flows": {"A": {"B": 3}, "B": {"C": 2}, "C": {"A": 1}}}')),
          '{NULL=1,NULL=1,NULL=1}', 'a pure re-export loop is unattributed');
SELECT is(embargoed_content('{"production": {"CHN": 5, "VNM": 5}, "flows": {"CHN": {"VNM": 5}}}', 'VNM', '{CHN}'),
          0.5::float8, 'theta of a half-Chinese pool is 0.5');
SELECT is((SELECT origin_network(e, i, v) FROM (VALUES ('A', 'B', 1::float8)) f(e, i, v) WHERE false), NULL,
          'origin_network over no rows is NULL');
SELECT is((SELECT origin_network(e, i, v) FROM (VALUES ('A', 'B', NULL::float8)) f(e, i, v)), NULL,
          'origin_network over NULL volumes only is NULL');
SELECT is((SELECT count(*) FROM origin_shares('{}')), 0::bigint, 'the empty network has no shares');

-- random networks: 40 countries, some producers, unknown supply, loops
CREATE TABLE rr_pgtap_net AS
SELECT g AS grp, 'K' || ((i * 7919 + g) % 40) AS e, 'K' || ((i * 104729 + 3 * g) % 40) AS i,
       ((i * 48271) % 1000 + 1)::float8 / 10 AS v
FROM generate_series(1, 6) g, generate_series(1, 400) i
UNION ALL
SELECT g, 'K' || k, 'K' || k, (k * 13 % 17)::float8 FROM generate_series(1, 6) g, generate_series(0, 39, 5) k
UNION ALL
SELECT g, NULL, 'K' || (g * 3), 2 FROM generate_series(1, 6) g;
ANALYZE rr_pgtap_net;
CREATE TEMP TABLE nets AS SELECT grp, origin_network(e, i, v) AS n FROM rr_pgtap_net GROUP BY grp;

SELECT is((SELECT count(*) FROM (SELECT grp, country, sum(share) s FROM nets, origin_shares(n)
                                 WHERE share IS NOT NULL GROUP BY 1, 2) x
           WHERE abs(s - 1) > 1e-12), 0::bigint, 'every country''s shares sum to 1');
SELECT is((SELECT count(*) FROM nets, origin_shares(n) WHERE share <= 0 OR share > 1), 0::bigint,
          'every listed share is in (0, 1]');
SELECT is((SELECT count(*) FROM nets, embargoed_content(n, '{K0,K5}') a
           JOIN embargoed_content(n, '{K0,K5,K10}') b USING (country)
           WHERE b.embargoed_content < a.embargoed_content), 0::bigint,
          'theta never falls when the embargoed set grows');
SELECT is((SELECT count(*) FROM nets, embargoed_content(n, '{K0}') a
           WHERE abs(a.embargoed_content - embargoed_content(n, a.country, '{K0}')) > 0), 0::bigint,
          'scalar and set-returning embargoed_content agree');

-- the fixed point: P_c x(c,o) = prod_c [c = o] + sum_j F(j->c) x(j,o)
SELECT is((
  WITH f AS (SELECT grp, e, i, sum(v) v FROM rr_pgtap_net GROUP BY 1, 2, 3),
       p AS (SELECT grp, i AS c, sum(v) pool FROM f GROUP BY 1, 2),
       x AS (SELECT grp, country, origin, share FROM nets, origin_shares(n) WHERE origin IS NOT NULL),
       rhs AS (SELECT f.grp, f.i AS c, x.origin, sum(f.v * x.share) AS inflow
               FROM f JOIN x ON x.grp = f.grp AND x.country = f.e AND f.e <> f.i GROUP BY 1, 2, 3)
  SELECT count(*) FROM x JOIN p ON p.grp = x.grp AND p.c = x.country
  LEFT JOIN rhs ON rhs.grp = x.grp AND rhs.c = x.country AND rhs.origin = x.origin
  LEFT JOIN f ON f.grp = x.grp AND f.e = x.country AND f.i = x.country AND x.origin = x.country
  WHERE abs(p.pool * x.share - coalesce(f.v, 0) - coalesce(rhs.inflow, 0)) > 1e-9 * p.pool),
  0::bigint, 'the shares solve the proportional-flow equations');

-- the real network: UN Comtrade nickel ores and concentrates, 2023, with
-- BGS mine production (data/SOURCES.md; read from the top of the repository)
CREATE TEMP TABLE nickel (year int, hs6 text, source text, exporter text, importer text,
                          tonnes float8, basis text, value_usd float8);
\copy nickel FROM 'data/nickel_network_2023.csv' WITH (FORMAT csv, HEADER true, NULL '')
SELECT is((SELECT count(*) FROM (
             SELECT country, sum(share) s
               FROM (SELECT origin_network(exporter, importer,
                                           CASE basis WHEN 't Ni content' THEN tonnes ELSE tonnes * 0.015 END) AS n
                       FROM nickel) ni, origin_shares(n)
              WHERE share IS NOT NULL GROUP BY 1) x
           WHERE abs(s - 1) > 1e-12), 0::bigint,
          'nickel 2023: every country''s shares sum to 1');

-- a generated world-size network: 250 countries, about 30,000 flows, one
-- giant strongly connected component
CREATE TEMP TABLE big AS
SELECT origin_network(e, i, v) AS n
FROM (SELECT 'C' || lpad(a::text, 3, '0') AS e, 'C' || lpad(b::text, 3, '0') AS i,
             power(10, ((a * 48271 + b * 7919) % 6000) / 1000.0)::float8 AS v
      FROM generate_series(0, 249) a, generate_series(0, 249) b
      WHERE a <> b AND (a * 7919 + b * 104729) % 997 < 481
      UNION ALL
      SELECT 'C' || lpad(g::text, 3, '0'), 'C' || lpad(g::text, 3, '0'), 1000 * (1 + g % 7)
      FROM generate_series(0, 249, 3) g) f;
SELECT is((SELECT (count(DISTINCT country), count(*) FILTER (WHERE origin IS NULL), max(abs(s - 1)) < 1e-13)::text
             FROM (SELECT country, origin, sum(share) OVER (PARTITION BY country) s FROM big, origin_shares(n)) x),
          '(250,0,t)', 'world-size network: 250 countries, all traced, each one''s shares sum to 1 within 1e-13');

-- serial and parallel plans build the same network
SET LOCAL max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE serial AS SELECT grp, origin_network(e, i, v)::text AS t FROM rr_pgtap_net GROUP BY grp;
SET LOCAL max_parallel_workers_per_gather = 2;
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL parallel_leader_participation = off;
SELECT is((SELECT origin_network_merge(n)::text FROM nets),
          (SELECT origin_network(e, i, v)::text FROM rr_pgtap_net),
          'merging the stored networks of the groups gives the network of all rows');
SELECT matches(pg_temp.plan_of('SELECT origin_network(e, i, v) FROM rr_pgtap_net'), 'Partial Aggregate',
               'origin_network runs as a parallel partial aggregate');
SELECT is((SELECT count(*) FROM serial s
           JOIN (SELECT grp, origin_network(e, i, v)::text AS t FROM rr_pgtap_net GROUP BY grp) p USING (grp)
           WHERE s.t <> p.t), 0::bigint, 'parallel and serial networks are identical');

SELECT * FROM finish();
ROLLBACK;

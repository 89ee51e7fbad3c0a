-- 07_equality.sql: supply_mix, embargo_scenario and trade_network behave as
-- types with equality: = and <> agree with the text forms, the btree order
-- is total and consistent with =, equal values hash equal, and DISTINCT,
-- GROUP BY, UNION, hash joins and merge joins work on them.
\ir fixtures/tap.sql
SELECT plan(24);
SET LOCAL search_path = rarerisk, public;

-- mixes built in different ways: the same totals from differently split
-- rows (compensated sums), from text, from a merge, -0 as 0
CREATE TEMP TABLE mixes (id int, m supply_mix);
INSERT INTO mixes
SELECT g, supply_mix(s, v) FROM (VALUES
  (1, 'CHN', 60::float8), (1, 'VNM', 15), (1, NULL, 25),
  (2, 'VNM', 5), (2, 'VNM', 10), (2, 'CHN', 30), (2, NULL, 25), (2, 'CHN', 30),
  (3, 'CHN', 60), (3, 'VNM', 15),
  (4, 'AUS', 1e-300), (4, 'CHN', 1e300),
  (5, 'CHN', 0.1), (5, 'CHN', 0.2)) t(g, s, v)
GROUP BY g;
INSERT INTO mixes VALUES
  (6, '{"suppliers": {"VNM": 15, "CHN": 60}, "unattributed": 25}'),
  (7, '{"suppliers": {"CHN": 60, "VNM": 15}}'),
  (8, '{"suppliers": {"CHN": 0.30000000000000004}}'),
  (9, '{"suppliers": {"CHN": -0}}'),
  (10, '{"suppliers": {"CHN": 0}}'),
  (11, '{}');

SELECT is((SELECT count(*) FROM mixes a JOIN mixes b ON a.m = b.m AND a.id < b.id
           WHERE a.m::text <> b.m::text), 0::bigint, 'supply_mix: = implies equal text forms');
SELECT is((SELECT count(*) FROM mixes a JOIN mixes b ON a.m::text = b.m::text
           WHERE NOT a.m = b.m), 0::bigint, 'supply_mix: equal text forms imply =');
SELECT is((SELECT array_agg(a.id || '=' || b.id ORDER BY a.id, b.id) FROM mixes a JOIN mixes b ON a.m = b.m AND a.id < b.id),
          '{1=2,1=6,2=6,3=7,5=8,9=10}', 'supply_mix: the expected pairs are equal');
SELECT is((SELECT count(*) FROM mixes a, mixes b WHERE (a.m = b.m) = (a.m <> b.m)), 0::bigint,
          'supply_mix: <> is the negation of =');
SELECT is((SELECT count(*) FROM mixes a, mixes b
           WHERE (a.m < b.m)::int + (a.m = b.m)::int + (a.m > b.m)::int <> 1
              OR (a.m <= b.m) <> (a.m < b.m OR a.m = b.m) OR (a.m >= b.m) <> (b.m <= a.m)),
          0::bigint, 'supply_mix: exactly one of <, =, > holds; <= and >= agree');
SELECT is((SELECT count(*) FROM mixes a, mixes b, mixes c
           WHERE a.m < b.m AND b.m < c.m AND NOT a.m < c.m), 0::bigint, 'supply_mix: < is transitive');
SELECT is((SELECT count(*) FROM mixes a, mixes b WHERE a.m = b.m
           AND (supply_mix_hash(a.m) <> supply_mix_hash(b.m)
                OR supply_mix_hash_extended(a.m, 7) <> supply_mix_hash_extended(b.m, 7))),
          0::bigint, 'supply_mix: equal mixes hash equal');
SELECT is((SELECT count(DISTINCT m) FROM mixes), 6::bigint, 'supply_mix: count(DISTINCT)');
SELECT is((SELECT count(*) FROM (SELECT m FROM mixes GROUP BY m) g), 6::bigint, 'supply_mix: GROUP BY');
SELECT is((SELECT count(*) FROM (SELECT m FROM mixes UNION SELECT m FROM mixes) u), 6::bigint, 'supply_mix: UNION');

SET LOCAL enable_hashjoin = on;
SET LOCAL enable_mergejoin = off;
SET LOCAL enable_nestloop = off;
SELECT ok(pg_temp.plan_of('SELECT * FROM mixes a JOIN mixes b ON a.m = b.m') ~ 'Hash Join',
          'supply_mix: a hash join is planned');
SELECT is((SELECT count(*) FROM mixes a JOIN mixes b ON a.m = b.m), 23::bigint, 'supply_mix: hash join');
SET LOCAL enable_hashjoin = off;
SET LOCAL enable_mergejoin = on;
SELECT ok(pg_temp.plan_of('SELECT * FROM mixes a JOIN mixes b ON a.m = b.m') ~ 'Merge Join',
          'supply_mix: a merge join is planned');
SELECT is((SELECT count(*) FROM mixes a JOIN mixes b ON a.m = b.m), 23::bigint, 'supply_mix: merge join');
SET LOCAL enable_hashagg = off;
SELECT is((SELECT count(*) FROM (SELECT m FROM mixes GROUP BY m) g), 6::bigint, 'supply_mix: GROUP BY by sorting');
RESET enable_hashagg;
RESET enable_hashjoin;
RESET enable_mergejoin;
RESET enable_nestloop;

-- embargo scenarios
CREATE TEMP TABLE scenarios (id int, s embargo_scenario);
INSERT INTO scenarios VALUES
  (1, embargo('{CHN,VNM}')), (2, embargo('{VNM,CHN,CHN}')), (3, '{"embargoed": ["CHN", "VNM"]}'),
  (4, embargo('{CHN}', stock_days => 60)), (5, embargo('{CHN}', stock_days => 60.0000001)),
  (6, embargo('{CHN}', intensity => 0.5)), (7, embargo('{CHN}', stock_days => -0.0));
SELECT is((SELECT array_agg(a.id || '=' || b.id ORDER BY a.id, b.id) FROM scenarios a JOIN scenarios b ON a.s = b.s AND a.id < b.id),
          '{1=2,1=3,2=3}', 'embargo_scenario: the expected pairs are equal');
SELECT is((SELECT count(*) FROM scenarios a, scenarios b WHERE (a.s = b.s) <> (a.s::text = b.s::text)),
          0::bigint, 'embargo_scenario: = agrees with the text forms');
SELECT is((SELECT count(DISTINCT s) FROM scenarios), 5::bigint, 'embargo_scenario: count(DISTINCT)');
SET LOCAL enable_mergejoin = off;
SET LOCAL enable_nestloop = off;
SELECT is((SELECT count(*) FROM scenarios a JOIN scenarios b ON a.s = b.s), 13::bigint, 'embargo_scenario: hash join');
RESET enable_mergejoin;
RESET enable_nestloop;

-- trade networks: the same flows from rows split differently, and from text
CREATE TEMP TABLE nets (id int, n trade_network);
INSERT INTO nets
SELECT g, origin_network(e, i, v) FROM (VALUES
  (1, 'CHN', 'CHN', 10::float8), (1, 'CHN', 'VNM', 3), (1, NULL, 'VNM', 1),
  (2, 'CHN', 'VNM', 1), (2, 'CHN', 'CHN', 10), (2, NULL, 'VNM', 1), (2, 'CHN', 'VNM', 2),
  (3, 'CHN', 'CHN', 10), (3, 'CHN', 'VNM', 3),
  (4, 'A', 'B', 0.1), (4, 'A', 'B', 0.2)) t(g, e, i, v)
GROUP BY g;
INSERT INTO nets VALUES
  (5, '{"production": {"CHN": 10}, "flows": {"CHN": {"VNM": 3}}, "unknown_origin": {"VNM": 1}}'),
  (6, '{"flows": {"A": {"B": 0.30000000000000004}}}'),
  (7, '{"flows": {"A": {"B": 0.30000000000000004}, "C": {}}}');
SELECT is((SELECT array_agg(a.id || '=' || b.id ORDER BY a.id, b.id) FROM nets a JOIN nets b ON a.n = b.n AND a.id < b.id),
          '{1=2,1=5,2=5,4=6}', 'trade_network: the expected pairs are equal');
SELECT is((SELECT count(*) FROM nets a, nets b WHERE (a.n = b.n) <> (a.n::text = b.n::text)),
          0::bigint, 'trade_network: = agrees with the text forms');
SELECT is((SELECT count(*) FROM (SELECT n FROM nets GROUP BY n) g), 4::bigint, 'trade_network: GROUP BY');
SET LOCAL enable_mergejoin = off;
SET LOCAL enable_nestloop = off;
SELECT is((SELECT count(*) FROM nets a JOIN nets b ON a.n = b.n), 15::bigint, 'trade_network: hash join');
RESET enable_mergejoin;
RESET enable_nestloop;
SELECT is((SELECT count(*) FROM (SELECT n FROM nets UNION SELECT n FROM nets) u), 4::bigint, 'trade_network: UNION');

SELECT * FROM finish();
ROLLBACK;

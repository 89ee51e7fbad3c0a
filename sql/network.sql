-- Look-through origin tracing: small networks with
-- hand-computed exact answers, the hard cases (re-export loops with and
-- without production, self-loops, zero flows, countries without supply),
-- embargoed_content and the end-to-end path into embargo_shortfall, text
-- and binary input, the messages of bad input, and the real 2023
-- nickel-ore network.  (Properties on random and world-size networks and
-- round trips: test/20_network.sql and test/08_roundtrip_types.sql.)
\i sql/include/prelude.sql

-- shares rounded for display, and each country's sum
CREATE FUNCTION pg_temp.shares(n trade_network)
RETURNS TABLE (country text, origin text, share numeric) LANGUAGE sql AS $$
	SELECT country, origin, round(share::numeric, 12) FROM origin_shares(n)
$$;
CREATE FUNCTION pg_temp.sums(n trade_network)
RETURNS TABLE (country text, total numeric, unattributed numeric) LANGUAGE sql AS $$
	SELECT country, round(sum(share)::numeric, 12),
	       round(coalesce(sum(share) FILTER (WHERE origin IS NULL), 0)::numeric, 12)
	FROM origin_shares(n) GROUP BY country ORDER BY country
$$;

-- a chain: A produces 100 and sends 50 to B, which produces 50;
-- B sends 10 to C: B and C are half A, half B
CREATE TEMP TABLE chain (e text, i text, v float8);
INSERT INTO chain VALUES ('A', 'A', 100), ('A', 'B', 50), ('B', 'B', 50), ('B', 'C', 10);
SELECT origin_network(e, i, v) FROM chain;
SELECT * FROM origin_shares((SELECT origin_network(e, i, v) FROM chain));

-- a diamond: S (100) -> L 40, R 60; L produces 40; L and R send 20 each to T:
-- L = 1/2 S + 1/2 L, R = S, T = 3/4 S + 1/4 L
SELECT * FROM pg_temp.shares((SELECT origin_network(e, i, v) FROM (VALUES
	('S', 'S', 100), ('S', 'L', 40), ('S', 'R', 60), ('L', 'L', 40),
	('L', 'T', 20), ('R', 'T', 20)) f(e, i, v)));

-- a pure re-export loop A <-> B feeding C: nothing can be traced to a
-- producer, so every share is unattributed (origin NULL), not a guess
SELECT * FROM origin_shares('{"flows": {"A": {"B": 10, "C": 5}, "B": {"A": 10}}}');
-- the same loop with production in A: everything is A's
SELECT * FROM origin_shares('{"production": {"A": 10}, "flows": {"A": {"B": 10}, "B": {"A": 10}}}');
-- ... plus 10 of unknown origin into B: A = 2/3 A + 1/3 NULL, B = 1/3 A + 2/3 NULL
SELECT * FROM pg_temp.shares('{"production": {"A": 10}, "flows": {"A": {"B": 10}, "B": {"A": 10}}, "unknown_origin": {"B": 10}}');
-- a loop fed only by a closed loop and by a producer: C = 2/3 NULL + 1/3 Q
SELECT * FROM pg_temp.shares('{"production": {"Q": 1}, "flows": {"A": {"B": 1, "C": 1}, "B": {"A": 1}, "C": {"D": 1}, "D": {"C": 1}, "Q": {"D": 1}}}');
-- a loop carrying 1e13 fed by 1e-3 of production is still all that producer
SELECT * FROM origin_shares('{"production": {"A": 0.001}, "flows": {"A": {"B": 1e13}, "B": {"A": 1e13, "C": 1e13}, "C": {"A": 1e13}}}');

-- a self-loop row is own production; zero flows; an exporter with no supply
-- of its own (E): its exports are unattributed, and E itself has no shares
SELECT * FROM origin_shares((SELECT origin_network(e, i, v) FROM (VALUES
	('E', 'F', 10), ('F', 'F', 4), ('F', 'F', 6), ('G', 'H', 0), ('H', 'H', 0)) f(e, i, v)));
SELECT * FROM pg_temp.sums((SELECT origin_network(e, i, v) FROM (VALUES
	('E', 'F', 10), ('F', 'F', 4), ('F', 'F', 6), ('G', 'H', 0), ('H', 'H', 0)) f(e, i, v)));

-- rows of one pair are summed; NULL volume is ignored; NULL exporter is
-- supply of unknown origin
SELECT origin_network(e, i, v) FROM (VALUES
	('CHN', 'VNM', 1.5), ('CHN', 'VNM', 2.5), ('CHN', 'VNM', NULL), (NULL, 'VNM', 1),
	('VNM', 'VNM', 4)) f(e, i, v);

-- embargoed_content: theta of one country, of every country
CREATE TEMP TABLE asia AS SELECT origin_network(e, i, v) AS n FROM (VALUES
	('CHN', 'CHN', 270), ('CHN', 'VNM', 6), ('VNM', 'VNM', 2), ('AUS', 'AUS', 13),
	('AUS', 'MYS', 10), ('CHN', 'MYS', 10), ('VNM', 'JPN', 4), ('MYS', 'JPN', 8)) f(e, i, v);
SELECT embargoed_content(n, 'VNM', '{CHN}') AS vnm,
       round(embargoed_content(n, 'JPN', '{CHN}')::numeric, 15) AS jpn,
       embargoed_content(n, 'JPN', '{CHN,AUS}') AS jpn_both,
       embargoed_content(n, 'JPN', '{}') AS nothing,
       embargoed_content(n, 'JPN', '{ZZZ}') AS unknown_code,
       embargoed_content(n, 'ZZZ', '{CHN}') AS not_in_network
FROM asia;
SELECT country, round(embargoed_content::numeric, 12) AS theta FROM asia, embargoed_content(n, '{CHN}');
SELECT pg_temp.err($$SELECT embargoed_content(n, 'JPN', '{CHN,NULL}') FROM asia$$);
SELECT pg_temp.err($$SELECT embargoed_content(n, 'JPN', '{{CHN},{AUS}}') FROM asia$$);
SELECT embargoed_content(n, 'E', '{F}') AS no_supply FROM
	(SELECT '{"production": {"F": 1}, "flows": {"E": {"F": 1}}}'::trade_network n) x;

-- end to end: theta from a network feeds embargo_shortfall.  The worked
-- example: Vietnam's supply is half Chinese (5 own + 5 from China), so the
-- importer's shortfall is 41.06 of 100
CREATE TEMP TABLE world_flows (e text, i text, v float8);
INSERT INTO world_flows VALUES ('CHN', 'CHN', 1000), ('VNM', 'VNM', 5), ('CHN', 'VNM', 5),
	('AUS', 'AUS', 300), (NULL, 'USA', 50);
CREATE TEMP TABLE jp_imports (supplier text, volume float8, spare float8);
INSERT INTO jp_imports VALUES ('CHN', 60, 0), ('VNM', 15, 0), ('AUS', 20, 6), (NULL, 5, 4);
WITH net AS (SELECT origin_network(e, i, v) AS n FROM world_flows)
SELECT round(embargo_shortfall(supplier, volume, spare,
                               embargoed_content(n, supplier, '{CHN}'),
                               embargo('{CHN}', stock_days => 60))::numeric, 4) AS shortfall_share,
       round((embargo_impact(supplier, volume, spare,
                             embargoed_content(n, supplier, '{CHN}'),
                             embargo('{CHN}', stock_days => 60))).indirect_loss::numeric, 6) AS indirect_loss
FROM jp_imports, net;
-- the same through the set-returning form, joined
WITH net AS (SELECT origin_network(e, i, v) AS n FROM world_flows)
SELECT round(embargo_shortfall(j.supplier, j.volume, j.spare, t.embargoed_content,
                               embargo('{CHN}', stock_days => 60))::numeric, 4) AS shortfall_share
FROM jp_imports j LEFT JOIN (SELECT t.* FROM net, embargoed_content(n, '{CHN}') t) t
     ON t.country = j.supplier;

-- text form: canonical, all keys in any order
SELECT '{"unknown_origin": {"B": 1}, "flows": {"B": {"A": 0.1}, "A": {"C": 3, "B": 2}}, "production": {"A": 1e-3}}'::trade_network;
SELECT '{}'::trade_network, '{"production": {}}'::trade_network;
SELECT '{"production": {"A": 0.1}}'::trade_network::text::jsonb;
SELECT pg_temp.err($$SELECT '{"production": {"A": 1, "A": 2}}'::trade_network$$);
SELECT pg_temp.err($$SELECT '{"flows": {"A": {"B": 1, "B": 2}}}'::trade_network$$);
SELECT pg_temp.err($$SELECT '{"flows": {"A": {"B": 1}, "A": {"C": 2}}}'::trade_network$$);
SELECT pg_temp.err($$SELECT '{"flows": {"A": {"A": 1}}}'::trade_network$$);
SELECT pg_temp.err($$SELECT '{"production": {"A": -1}}'::trade_network$$);
SELECT pg_temp.err($$SELECT '{"production": {"A": 1e999}}'::trade_network$$);
SELECT pg_temp.err($$SELECT '{"production": {"": 1}}'::trade_network$$);
SELECT pg_temp.err($$SELECT '{"production": {"A": "1"}}'::trade_network$$);
SELECT pg_temp.err($$SELECT '{"production": {"A": null}}'::trade_network$$);
SELECT pg_temp.err($$SELECT '{"flows": {"A": 1}}'::trade_network$$);
SELECT pg_temp.err($$SELECT '{"production": {"A": {"B": 1}}}'::trade_network$$);
SELECT pg_temp.err($$SELECT '{"flows": {"A": {"B": {"C": 1}}}}'::trade_network$$);
SELECT pg_temp.err($$SELECT '{"imports": {}}'::trade_network$$);
SELECT pg_temp.err($$SELECT '{"production": {}, "production": {}}'::trade_network$$);
SELECT pg_temp.err($$SELECT '[1]'::trade_network$$);
SELECT pg_temp.err($$SELECT '3'::trade_network$$);
SELECT pg_temp.err($$SELECT '{"production": 3}'::trade_network$$);
SELECT pg_temp.err($$SELECT '{"production": {"A": 1}'::trade_network$$);

-- binary form: corrupt values are rejected
CREATE TEMP TABLE nets (k int, n trade_network);
INSERT INTO nets SELECT 1, n FROM asia;
INSERT INTO nets VALUES (2, '{"production": {"A": 0.1}, "flows": {"A": {"B": 1e-300}}, "unknown_origin": {"B": 1e300}}');
CREATE TEMP TABLE nets2 (LIKE nets);
\copy (SELECT substr(trade_network_send(n), 1, 20) FROM nets WHERE k = 1) TO 'results/bad.bin' WITH (FORMAT binary)
\copy nets2 (n) FROM 'results/bad.bin' WITH (FORMAT binary)
\copy (SELECT trade_network_send(n) || '\x00'::bytea FROM nets WHERE k = 2) TO 'results/bad.bin' WITH (FORMAT binary)
\copy nets2 (n) FROM 'results/bad.bin' WITH (FORMAT binary)
\copy (SELECT overlay(trade_network_send(n) placing '\x02'::bytea from 1) FROM nets WHERE k = 2) TO 'results/bad.bin' WITH (FORMAT binary)
\copy nets2 (n) FROM 'results/bad.bin' WITH (FORMAT binary)
-- a flow pointing at a country that does not exist (index 7 of 2)
\copy (SELECT overlay(trade_network_send(n) placing '\x00000007'::bytea from 24) FROM nets WHERE k = 2) TO 'results/bad.bin' WITH (FORMAT binary)
\copy nets2 (n) FROM 'results/bad.bin' WITH (FORMAT binary)
-- a negative volume
\copy (SELECT overlay(trade_network_send(n) placing '\xbff0000000000000'::bytea from 28) FROM nets WHERE k = 2) TO 'results/bad.bin' WITH (FORMAT binary)
\copy nets2 (n) FROM 'results/bad.bin' WITH (FORMAT binary)

-- two parts of a flow that sum to infinity: refused, since the value could
-- not be printed or traced
\copy (SELECT overlay(overlay(trade_network_send(n) placing '\x7fe1ccf385ebc8a0'::bytea from 28) placing '\x7fe1ccf385ebc8a0'::bytea from 36) FROM nets WHERE k = 2) TO 'results/bad.bin' WITH (FORMAT binary)
\copy nets2 (n) FROM 'results/bad.bin' WITH (FORMAT binary)
-- a country without flows is written as an exporter without flows and reads back
SELECT '{"flows": {"A": {}, "B": {"C": 1}}}'::trade_network;
-- bad rows: clear errors with SQLSTATEs, and the server stays up
SELECT pg_temp.err($$SELECT origin_network(e, i, v) FROM (VALUES ('CHN', NULL, 5::float8)) f(e, i, v)$$);
SELECT pg_temp.err($$SELECT origin_network(e, i, v) FROM (VALUES ('CHN', 'VNM', -5::float8)) f(e, i, v)$$);
SELECT pg_temp.err($$SELECT origin_network(e, i, v) FROM (VALUES ('CHN', 'VNM', 'NaN'::float8)) f(e, i, v)$$);
SELECT pg_temp.err($$SELECT origin_network(e, i, v) FROM (VALUES (NULL, 'VNM', '-Infinity'::float8)) f(e, i, v)$$);
SELECT pg_temp.err($$SELECT origin_network(e, i, v) FROM (VALUES ('', 'VNM', 1::float8)) f(e, i, v)$$);
SELECT pg_temp.err($$SELECT origin_network(e, i, v) FROM (VALUES ('CHN', repeat('x', 1025), 1::float8)) f(e, i, v)$$);
SELECT pg_temp.err($$SELECT origin_network(e, i, v) FROM (VALUES ('CHN', 'VNM', 1e308::float8), ('CHN', 'VNM', 1e308)) f(e, i, v)$$);
SELECT pg_temp.err($$SELECT origin_shares(origin_network(e, i, v)) FROM (VALUES ('CHN', 'VNM', 1e308::float8), ('AUS', 'VNM', 1e308)) f(e, i, v)$$);
SELECT pg_temp.err($$SELECT origin_network_trans(NULL, 'A', 'B', 1)$$);
SELECT 'still up' AS server;

-- the combine function of two partial networks
SELECT origin_network_combine('{"production": {"A": 1}}', '{"production": {"A": 2, "B": 1}}');

-- the real network: UN Comtrade nickel ores and concentrates (HS 260400),
-- 2023, importer-reported flows with exporter mirrors for non-reporting
-- importers, plus BGS mine production; ore tonnes converted to nickel
-- content at an assumed 1.5 % (see data/SOURCES.md)
CREATE TEMP TABLE nickel (year int, hs6 text, source text, exporter text, importer text,
                          tonnes float8, basis text, value_usd float8);
\copy nickel FROM 'data/nickel_network_2023.csv' WITH (FORMAT csv, HEADER true, NULL '')
CREATE TEMP TABLE ni AS
SELECT origin_network(exporter, importer,
                      CASE basis WHEN 't Ni content' THEN tonnes ELSE tonnes * 0.015 END) AS n
FROM nickel;
SELECT count(DISTINCT country) AS countries, count(*) AS share_rows,
       count(DISTINCT origin) AS origins,
       count(*) FILTER (WHERE share IS NULL) AS without_supply
FROM ni, origin_shares(n);
-- where the nickel in the ore supply of the big processing countries comes from
SELECT country, coalesce(origin, '(unattributed)') AS origin, round(share::numeric, 4) AS share
FROM ni, origin_shares(n)
WHERE country IN ('CHN', 'JPN', 'KOR', 'FIN') AND share >= 0.01
ORDER BY country, share DESC, origin;
-- theta for an embargo by the two largest ore exporters, through every intermediary
SELECT country, round(embargoed_content::numeric, 4) AS theta
FROM ni, embargoed_content(n, '{IDN,PHL}')
WHERE embargoed_content >= 0.05 ORDER BY embargoed_content DESC, country;

DROP TABLE chain, asia, world_flows, jp_imports, nets, nets2, nickel, ni;

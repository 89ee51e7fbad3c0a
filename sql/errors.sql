-- The messages of bad input to the supply_mix aggregates, scalars and
-- literals: each names the offending value.  (That each is an error with
-- its SQLSTATE, never a crash or a guess, is checked in test/04_errors.sql.)
SET search_path = rarerisk, public;
SELECT concentration_hhi(s, v) FROM (VALUES ('CHN', -1::float8)) t(s, v);
SELECT concentration_hhi(s, v) FROM (VALUES ('CHN', 'NaN'::float8)) t(s, v);
SELECT concentration_hhi(s, v) FROM (VALUES ('CHN', 'Infinity'::float8)) t(s, v);
SELECT concentration_hhi(s, v) FROM (VALUES (NULL, 'NaN'::float8)) t(s, v);
SELECT concentration_hhi(s, v) FROM (VALUES ('CHN', 1e308::float8), ('CHN', 1e308)) t(s, v);
SELECT concentration_hhi('', 1);
SELECT concentration_hhi(repeat('x', 1025), 1);
SELECT supply_mix(s, v, sp) FROM (VALUES ('CHN', 1::float8, -2::float8)) t(s, v, sp);
SELECT top_share('{"suppliers": {"A": 1}}', 0);
SELECT concentration_ratio(s, v, NULL) FROM (VALUES ('CHN', 1::float8)) t(s, v);
SELECT concentration_ratio(s, v, k) FROM (VALUES ('CHN', 1::float8, 1), ('VNM', 1, 2)) t(s, v, k);
-- malformed literals
SELECT ''::supply_mix;
SELECT '[]'::supply_mix;
SELECT '{"suppliers": {"A": 1, "A": 2}}'::supply_mix;
-- among 41 suppliers (a hash-indexed mix)
SELECT ('{"suppliers": {' || string_agg(format('"c%s": 1', i % 40), ', ') || '}}')::supply_mix
  FROM generate_series(1, 41) i;
SELECT '{"suppliers": {"": 1}}'::supply_mix;
SELECT '{"suppliers": {"A": -1}}'::supply_mix;
SELECT '{"suppliers": {"A": "1"}}'::supply_mix;
SELECT '{"suppliers": {"A": NaN}}'::supply_mix;
SELECT '{"suppliers": {"A": 1e999}}'::supply_mix;
SELECT '{"suppliers": {"A": 01}}'::supply_mix;
SELECT '{"suppliers": {"A": 1}, "suppliers": {}}'::supply_mix;
SELECT '{"supplier": {"A": 1}}'::supply_mix;
SELECT '{"suppliers": {"A": 1}} x'::supply_mix;
SELECT '{"suppliers": {"A": 1}'::supply_mix;
SELECT '{"suppliers": {"A": 1}, "spare": {"B": 1}}'::supply_mix;
SELECT '{"suppliers": {"A": 1}, "spare": {"A": 1, "A": 1}}'::supply_mix;
SELECT '{"suppliers": {"A\u0000": 1}}'::supply_mix;
SELECT '{"suppliers": {"A\ud800": 1}}'::supply_mix;
SELECT '{"suppliers": {"A": 1}, "k": 0}'::supply_mix;
SELECT '{"suppliers": {"A": 1}, "unattributed": -0.5}'::supply_mix;
SELECT format('{"suppliers": {"%s": 1}}', repeat('x', 1025))::supply_mix;
-- the server is still up
SELECT 'still here' AS server;

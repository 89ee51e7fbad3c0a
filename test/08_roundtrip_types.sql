-- 08_roundtrip_types.sql: every value the extension accepts or produces --
-- supply_mix (with spare, risk and k), trade_network, embargo_scenario and
-- embargo_state -- reads back from its text form and from its binary form
-- (COPY BINARY) to an equal value, for random values made by the
-- aggregates and constructors: extreme magnitudes (5e-324, the smallest
-- normal, 1e308, the largest double split so that totals stay finite),
-- values next to them, long and multibyte codes with escapes.  A value
-- that could not be read back is refused when it is made.
\ir fixtures/tap.sql
SELECT plan(16);
SET LOCAL search_path = rarerisk, public;
SELECT setseed(0.2026);

-- random volumes over the whole double range, and codes of every shape
CREATE TEMP TABLE rows_ AS
SELECT g,
       CASE WHEN random() < 0.1 THEN NULL
            ELSE (ARRAY['CHN', 'AUS', 'VNM', 'é' || (i % 5), E'a"b\\c' || (i % 3), E'tab\there',
                        repeat('x', 1000 + i % 24), repeat('ü', 512), 'S' || (i % 37)])[1 + (i % 9)] END AS s,
       (ARRAY[5e-324, 2.2250738585072014e-308, 2.225073858507201e-308, 1e-300, 0.1, 0.30000000000000004,
              1, 1e13, 1e300, 1e308 / 64, 1.7976931348623157e308 / 256, 0, random(), 1e-310 + random() * 1e-310])[1 + (i % 14)]::float8 AS v
  FROM generate_series(1, 40) g, generate_series(1, 30) i
 WHERE random() < 0.7;

CREATE TEMP TABLE vals (kind text, id int, m supply_mix, n trade_network, sc embargo_scenario, st embargo_state);
INSERT INTO vals (kind, id, m) SELECT 'mix', g, supply_mix(s, v) FROM rows_ GROUP BY g;
INSERT INTO vals (kind, id, m) SELECT 'mix spare', g, supply_mix(s, v, CASE WHEN v > 1e-300 THEN v / 3 ELSE v END) FROM rows_ GROUP BY g;
INSERT INTO vals (kind, id, m) VALUES
  ('mix k', 1, '{"suppliers": {"A": 1, "B": 5e-324}, "k": 2147483647}'),
  ('mix risk', 1, '{"suppliers": {"A": 1, "B": 2}, "risk": {"A": 7.5, "B": 5e-324}}'),
  ('mix empty', 1, '{}');
INSERT INTO vals (kind, id, n)
SELECT 'network', 1000 + g, origin_network(e, i, v) FROM (
  SELECT g, s AS e, coalesce(lead(s) OVER w, s, 'Z') AS i, v FROM rows_ WINDOW w AS (PARTITION BY g ORDER BY v, s)) f
 GROUP BY g;
INSERT INTO vals (kind, id, n) VALUES ('network isolated', 1, '{"flows": {"A": {}, "B": {"C": 1}}}'), ('network empty', 1, '{}');
INSERT INTO vals (kind, id, sc)
SELECT 'scenario', g, embargo(array_agg(s) FILTER (WHERE s IS NOT NULL AND s !~ '^[A-Za-z]{2,3}$' OR s IN ('CHN', 'AUS', 'VNM')),
                              intensity => (g % 11) / 10.0, stock_days => least(max(v), 1e300),
                              horizon_days => 5e-324 + g, period_days => 1e300 / g)
  FROM rows_ GROUP BY g HAVING count(s) > 0;
INSERT INTO vals (kind, id, st)
SELECT 'state', id, ('{"embargoed": ' || (sc::text::jsonb -> 'embargoed')::text ||
                     ', "demand": 1e308, "embargoed_volume": 5e-324, "embargoed_content": 0.1, "spare": ' || id || '}')::embargo_state
  FROM vals WHERE kind = 'scenario';

SELECT ok((SELECT count(*) FROM vals) > 200, 'random values of every type were made');

-- text round trip: equal values, identical text
SELECT is((SELECT count(*) FROM vals WHERE NOT (m::text::supply_mix = m AND m::text::supply_mix::text = m::text)),
          0::bigint, 'supply_mix: text round trip');
SELECT is((SELECT count(*) FROM vals WHERE NOT (n::text::trade_network = n AND n::text::trade_network::text = n::text)),
          0::bigint, 'trade_network: text round trip');
SELECT is((SELECT count(*) FROM vals WHERE NOT (sc::text::embargo_scenario = sc AND sc::text::embargo_scenario::text = sc::text)),
          0::bigint, 'embargo_scenario: text round trip');
SELECT is((SELECT count(*) FROM vals WHERE st::text::embargo_state::text <> st::text),
          0::bigint, 'embargo_state: text round trip');
-- rows of origin_shares, or the SQLSTATE of its error
CREATE FUNCTION pg_temp.traced(n trade_network) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	RETURN (SELECT count(*) || ' rows, ' || count(DISTINCT country) || ' countries' FROM rarerisk.origin_shares(n));
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE;
END $$;
SELECT is((SELECT count(*) FROM vals WHERE n IS NOT NULL AND pg_temp.traced(n) <> pg_temp.traced(n::text::trade_network)),
          0::bigint, 'trade_network: the same tracing after the text round trip');

-- binary round trip through COPY BINARY (a file in the data directory)
CREATE TEMP TABLE back (LIKE vals);
DO $$
DECLARE
	f text := current_setting('data_directory') || '/rarerisk_roundtrip.bin';
BEGIN
	EXECUTE format('COPY vals TO %L WITH (FORMAT binary)', f);
	EXECUTE format('COPY back FROM %L WITH (FORMAT binary)', f);
END $$;
SELECT is((SELECT count(*) FROM back), (SELECT count(*) FROM vals), 'binary: every row read back');
SELECT is((SELECT count(*) FROM vals a JOIN back b USING (kind, id)
            WHERE a.m IS DISTINCT FROM b.m OR a.m::text IS DISTINCT FROM b.m::text
               OR supply_mix_send(a.m) IS DISTINCT FROM supply_mix_send(b.m)),
          0::bigint, 'supply_mix: binary round trip');
SELECT is((SELECT count(*) FROM vals a JOIN back b USING (kind, id)
            WHERE a.n IS DISTINCT FROM b.n OR a.n::text IS DISTINCT FROM b.n::text
               OR trade_network_send(a.n) IS DISTINCT FROM trade_network_send(b.n)),
          0::bigint, 'trade_network: binary round trip');
SELECT is((SELECT count(*) FROM vals a JOIN back b USING (kind, id)
            WHERE a.sc IS DISTINCT FROM b.sc OR embargo_scenario_send(a.sc) IS DISTINCT FROM embargo_scenario_send(b.sc)),
          0::bigint, 'embargo_scenario: binary round trip');
SELECT is((SELECT count(*) FROM vals a JOIN back b USING (kind, id)
            WHERE a.st::text IS DISTINCT FROM b.st::text OR embargo_state_send(a.st) IS DISTINCT FROM embargo_state_send(b.st)),
          0::bigint, 'embargo_state: binary round trip');

-- what cannot be read back is refused when made
SELECT throws_ok($$SELECT supply_mix_combine('{"suppliers": {"A": 1e308}}', '{"suppliers": {"B": 1e308}}')$$,
                 '22003', NULL, 'a combined mix whose total overflows is refused');
SELECT throws_ok($$SELECT supply_mix(s, v)::text FROM (VALUES ('A', 1e308::float8), ('B', 1e308)) t(s, v)$$,
                 '22003', NULL, 'an aggregated mix whose total overflows is refused');
SELECT is((SELECT count(*) FROM origin_shares('{"flows": {"A": {}}}'::trade_network::text::trade_network)),
          1::bigint, 'a country without flows survives the text round trip');

-- a 62 MB mix (60,000 suppliers with 1,000-byte codes) prints and reads back
CREATE TEMP TABLE big AS SELECT supply_mix(lpad(g::text, 1000, 'x'), 1) AS m FROM generate_series(1, 60000) g;
SELECT ok((SELECT octet_length(m::text) BETWEEN 60000000 AND 70000000 FROM big), 'a 62 MB mix prints');
SELECT ok((SELECT m::text::supply_mix = m FROM big), 'a 62 MB mix reads back equal');

SELECT * FROM finish();
ROLLBACK;

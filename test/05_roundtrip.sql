-- 05_roundtrip.sql: the supply_mix value: exact text round
-- trip with bit-identical doubles, canonical printing, the JSON form as
-- jsonb, stored mixes merged later, and the binary send format.
-- (Binary receive through COPY BINARY: test/08_roundtrip_types.sql.)
\set ON_ERROR_ROLLBACK 1
\ir fixtures/tap.sql
SELECT plan(43);
SET LOCAL search_path = rarerisk, public;
SELECT setseed(0.4242);

-- ---------------------------------------------------------------------
-- Text round trip, bit-identical doubles
-- ---------------------------------------------------------------------
CREATE TEMP TABLE lit AS SELECT
    '{"suppliers": {"A": 0.1, "B": 0.3333333333333333, "C": 1e-3, "D": 1e13, "E": 5e-324,
                    "F": 1.7976931348623157e308, "G": 2.2250738585072014e-308, "H": 123456789.123456789},
      "unattributed": 0.7,
      "spare": {"A": 0.2, "C": 1e-300, "F": 9.999999999999999e307},
      "unattributed_spare": 2.5e-7}'::supply_mix AS m;

SELECT is((SELECT m::text::supply_mix::text FROM lit), (SELECT m::text FROM lit),
          'mix::text::supply_mix::text reproduces the text exactly');
SELECT results_eq(
    $$SELECT supplier, float8send(volume) FROM shares((SELECT m::text::supply_mix FROM lit))$$,
    $$VALUES ('F', float8send(1.7976931348623157e308::float8)), ('D', float8send(1e13::float8)),
             ('H', float8send(123456789.123456789::float8)), ('B', float8send(0.3333333333333333::float8)),
             ('A', float8send(0.1::float8)), ('C', float8send(1e-3::float8)),
             ('G', float8send(2.2250738585072014e-308::float8)), ('E', float8send(5e-324::float8)),
             (NULL, float8send(0.7::float8))$$,
    'after a text round trip every volume is bit-identical to the literal''s double');
SELECT results_eq(
    $$SELECT key, float8send(value::float8) FROM jsonb_each_text((SELECT m::text::supply_mix::text::jsonb FROM lit) -> 'spare')
       ORDER BY key$$,
    $$VALUES ('A', float8send(0.2::float8)), ('C', float8send(1e-300::float8)), ('F', float8send(9.999999999999999e307::float8))$$,
    'after a text round trip every spare capacity is bit-identical');
SELECT is((SELECT float8send(((m::text::supply_mix::text::jsonb) ->> 'unattributed_spare')::float8) FROM lit),
          float8send(2.5e-7::float8), 'the unattributed spare capacity round-trips bit-identically');

-- Computed doubles (not typed as short literals) round-trip too
CREATE TEMP TABLE computed AS
    SELECT 'K' || i AS s, v
      FROM (VALUES (1, 1::float8 / 3), (2, 2::float8 / 3), (3, 0.1::float8 + 0.2), (4, pi()), (5, exp(1::float8) * 1e-200),
                   (6, sqrt(2::float8) * 1e300), (7, 1::float8 / 7 * 1e-310)) t(i, v);
SELECT is_empty(
    $$SELECT c.s FROM computed c
        LEFT JOIN shares((SELECT supply_mix(s, v)::text::supply_mix FROM computed)) r ON r.supplier = c.s
       WHERE r.volume IS NULL OR float8send(r.volume) <> float8send(c.v)$$,
    '1/3, 2/3, 0.1+0.2, pi, e*1e-200, sqrt(2)*1e300 and a subnormal survive mix::text::supply_mix bit for bit');

CREATE TEMP TABLE rnd AS
    SELECT 'R' || i AS s, random() * power(10::float8, floor(random() * 600 - 300)) AS v,
           random() * power(10::float8, floor(random() * 40 - 20)) AS sp
      FROM generate_series(1, 3000) i;
SELECT is_empty(
    $$SELECT r.s FROM rnd r
        LEFT JOIN shares((SELECT supply_mix(s, v)::text::supply_mix FROM rnd)) x ON x.supplier = r.s
       WHERE x.volume IS NULL OR float8send(x.volume) <> float8send(r.v)$$,
    '3000 random doubles from 1e-300 to 1e300 survive the text round trip bit for bit');
SELECT is_empty(
    $$SELECT r.s FROM rnd r
        LEFT JOIN jsonb_each_text((SELECT supply_mix(s, v, sp)::text::supply_mix::text::jsonb FROM rnd) -> 'spare') x
               ON x.key = r.s
       WHERE x.value IS NULL OR float8send(x.value::float8) <> float8send(r.sp)$$,
    '3000 random spare capacities survive the text round trip bit for bit');
SELECT is((SELECT supply_mix(s, v, sp)::text::supply_mix::text FROM rnd), (SELECT supply_mix(s, v, sp)::text FROM rnd),
          'a 3000-supplier mix with spare capacity prints identically after a round trip');

-- ---------------------------------------------------------------------
-- Canonical printing: suppliers in byte order, equal mixes print identically
-- ---------------------------------------------------------------------
SELECT is('{"suppliers": {"b": 1, "É": 2, "a": 3, "B": 4, "AB": 5, "A": 6}}'::supply_mix::text,
          '{"suppliers": {"A": 6, "AB": 5, "B": 4, "a": 3, "b": 1, "É": 2}, "unattributed": 0}',
          'suppliers print in byte order (A < AB < B < a < b < É)');
SELECT is((SELECT supply_mix(s, v ORDER BY o)::text
             FROM (VALUES (1, 'VNM', 15::float8), (2, 'CHN', 40), (3, NULL, 25), (4, 'CHN', 20)) t(o, s, v)),
          (SELECT supply_mix(s, v ORDER BY o DESC)::text
             FROM (VALUES (1, 'VNM', 15::float8), (2, 'CHN', 40), (3, NULL, 25), (4, 'CHN', 20)) t(o, s, v)),
          'the same rows in opposite orders give the same text');
SELECT is((SELECT supply_mix(s, v ORDER BY v)::text FROM (SELECT 'S' || (i % 300) s, (i % 7)::float8 v
                                                            FROM generate_series(1, 5000) i) x),
          (SELECT supply_mix(s, v ORDER BY s DESC, v DESC)::text FROM (SELECT 'S' || (i % 300) s, (i % 7)::float8 v
                                                                         FROM generate_series(1, 5000) i) x),
          'a 300-supplier mix built in two different row orders prints identically');
SELECT ok((SELECT abs(a.volume - b.volume) <= 1e-12 * a.volume
             FROM shares((SELECT supply_mix('A', v ORDER BY v) FROM (VALUES (0.1::float8), (0.2), (0.3), (1e-3)) t(v))) a,
                  shares((SELECT supply_mix('A', v ORDER BY v DESC) FROM (VALUES (0.1::float8), (0.2), (0.3), (1e-3)) t(v))) b),
          'fractional volumes summed in different orders agree to the last bits');

-- ---------------------------------------------------------------------
-- mix::text::jsonb
-- ---------------------------------------------------------------------
SELECT is('{"suppliers": {"CHN": 60, "VNM": 15}, "unattributed": 25}'::supply_mix::text::jsonb,
          '{"suppliers": {"CHN": 60, "VNM": 15}, "unattributed": 25}'::jsonb,
          'mix::text::jsonb gives the documented JSON object');
SELECT is((SELECT m::text::jsonb FROM lit) -> 'suppliers' ->> 'H', '123456789.12345679',
          'jsonb sees each volume as a JSON number');
SELECT is((SELECT array_agg(k ORDER BY k) FROM jsonb_object_keys((SELECT m::text::jsonb FROM lit)) k),
          ARRAY['spare', 'suppliers', 'unattributed', 'unattributed_spare'],
          'a mix with spare capacity has the four documented keys');
SELECT ok(('{"suppliers": {"a\"b\\c": 1, "x\u0001y": 2, "é": 3}}'::supply_mix::text::jsonb -> 'suppliers')
              ?& ARRAY[E'a"b\\c', E'x\001y', 'é'],
          'supplier codes with quotes, backslashes, control characters and non-ASCII are valid JSON strings');
SELECT is((SELECT supply_mix(s, v)::text::jsonb FROM (VALUES (E'tab\there', 1::float8), (E'nl\n', 2)) t(s, v)),
          jsonb_build_object('suppliers', jsonb_build_object(E'tab\there', 1, E'nl\n', 2), 'unattributed', 0),
          'codes from the aggregate with tabs and newlines print as valid JSON');
SELECT is((SELECT m::text::jsonb::text::supply_mix::text FROM
             (SELECT '{"suppliers": {"CHN": 60.5, "VNM": 15}, "unattributed": 25, "spare": {"VNM": 5}, "unattributed_spare": 1}'::supply_mix m) x),
          '{"suppliers": {"CHN": 60.5, "VNM": 15}, "unattributed": 25, "spare": {"VNM": 5}, "unattributed_spare": 1}',
          'jsonb''s rendering of a mix (keys reordered, spacing changed) reads back as the same mix');
SELECT is('{}'::supply_mix::text::jsonb, '{"suppliers": {}, "unattributed": 0}'::jsonb, 'the empty mix as jsonb');

-- ---------------------------------------------------------------------
-- Stored mixes merged later equal aggregating all rows
-- ---------------------------------------------------------------------
CREATE TEMP TABLE flows AS
    SELECT (i % 3) AS grp, (i / 3) % 12 + 1 AS month,
           CASE WHEN i % 17 = 0 THEN NULL ELSE (ARRAY['CHN', 'USA', 'MMR', 'AUS', 'THA', 'VNM', 'IND'])[1 + (i * 7919) % 7] END AS s,
           ((i * 37) % 1000)::float8 AS v,
           CASE WHEN i % 5 = 0 THEN ((i * 11) % 50)::float8 END AS sp,
           ((i * 37) % 1000)::float8 / 7 + 1e-3 * (i % 13) AS fv
      FROM generate_series(1, 6000) i;
CREATE TEMP TABLE monthly AS
    SELECT grp, month, supply_mix(s, v) AS m, supply_mix(s, v, sp) AS ms, supply_mix(s, fv) AS mf
      FROM flows GROUP BY grp, month;

SELECT results_eq(
    $$SELECT grp, supply_mix_merge(m)::text FROM monthly GROUP BY grp ORDER BY grp$$,
    $$SELECT grp, supply_mix(s, v)::text FROM flows GROUP BY grp ORDER BY grp$$,
    'merging 12 stored monthly mixes per group equals aggregating the raw rows');
SELECT results_eq(
    $$SELECT grp, supply_mix_merge(ms)::text FROM monthly GROUP BY grp ORDER BY grp$$,
    $$SELECT grp, supply_mix(s, v, sp)::text FROM flows GROUP BY grp ORDER BY grp$$,
    'merging stored monthly mixes with spare capacity equals aggregating the raw rows');
SELECT is((SELECT supply_mix_merge(m ORDER BY grp DESC, month DESC)::text FROM monthly),
          (SELECT supply_mix_merge(m ORDER BY month, grp)::text FROM monthly),
          'the merge does not depend on the order of the stored mixes');
SELECT is((SELECT supply_mix_merge(mm)::text FROM (SELECT supply_mix_merge(m) mm FROM monthly GROUP BY grp) x),
          (SELECT supply_mix(s, v)::text FROM flows),
          'a merge of merges equals the aggregate of all rows (rollup of rollups)');
SELECT is_empty(
    $$SELECT grp FROM (SELECT grp, supply_mix_merge(mf) AS a FROM monthly GROUP BY grp) x
                 JOIN (SELECT grp, supply_mix(s, fv) AS b FROM flows GROUP BY grp) y USING (grp)
       WHERE abs(hhi(a) - hhi(b)) > 1e-12 * hhi(b) OR abs(total(a) - total(b)) > 1e-12 * total(b)
          OR top_supplier(a) <> top_supplier(b) OR supplier_count(a) <> supplier_count(b)$$,
    'with fractional volumes, merged and re-aggregated mixes agree to 1e-12');
SELECT results_eq(
    $$SELECT grp, hhi(supply_mix_merge(m)) FROM monthly GROUP BY grp ORDER BY grp$$,
    $$SELECT grp, concentration_hhi(s, v) FROM flows GROUP BY grp ORDER BY grp$$,
    'hhi of the merged mixes equals concentration_hhi over the rows');
SELECT is(supply_mix_merge(m)::text, '{"suppliers": {"A": 3, "B": 1}, "unattributed": 0, "spare": {"B": 4}, "unattributed_spare": 0}',
          'merging a mix without spare capacity and one with it keeps the spare capacity')
  FROM (VALUES ('{"suppliers": {"A": 1}}'::supply_mix),
               ('{"suppliers": {"A": 2, "B": 1}, "spare": {"B": 4}}')) t(m);
SELECT is((SELECT supply_mix_merge(m)::text FROM (VALUES ('{"suppliers": {"X": 2}, "unattributed": 1}'::supply_mix),
                                                         (NULL), ('{}')) t(m)),
          '{"suppliers": {"X": 2}, "unattributed": 1}',
          'NULL mixes and the empty mix are neutral in a merge');
SELECT is((SELECT supply_mix_merge(m)::text FROM (VALUES ('{"unattributed": 1, "suppliers": {"Y": 2, "X": 3}}'::supply_mix)) t(m)),
          '{"suppliers": {"X": 3, "Y": 2}, "unattributed": 1}',
          'the merge of a single mix is that mix');

-- Large mixes are stored compressed or out of line; they still merge exactly
CREATE TEMP TABLE big (id int, m supply_mix);
INSERT INTO big
    SELECT j, supply_mix('supplier-' || lpad(i::text, 5, '0'), (1 + i * j % 101)::float8)
      FROM generate_series(1, 4000) i, generate_series(1, 3) j GROUP BY j;
SELECT results_eq(
    $$SELECT id, m::text FROM big ORDER BY id$$,
    $$SELECT j, supply_mix('supplier-' || lpad(i::text, 5, '0'), (1 + i * j % 101)::float8)::text
        FROM generate_series(1, 4000) i, generate_series(1, 3) j GROUP BY j ORDER BY j$$,
    'large mixes stored in a table (compressed, out of line) read back intact');
SELECT is((SELECT supply_mix_merge(m)::text FROM big),
          (SELECT supply_mix('supplier-' || lpad(i::text, 5, '0'), (1 + i * j % 101)::float8)::text
             FROM generate_series(1, 4000) i, generate_series(1, 3) j),
          'merging stored 4000-supplier mixes equals aggregating their rows');
SELECT is((SELECT supplier_count(supply_mix_merge(m)) FROM big), 4000, 'the merged big mix has 4000 suppliers');
-- Small stored mixes (short varlena headers on disk) work in every function
CREATE TEMP TABLE small (m supply_mix);
INSERT INTO small VALUES ('{"suppliers": {"A": 3}}'), ('{"suppliers": {"B": 1}, "unattributed": 1}'), ('{}');
SELECT results_eq($$SELECT hhi(m), total(m), top_supplier(m) FROM small$$,
                  $$VALUES (10000::float8, 3::float8, 'A'), (2500, 2, 'B'), (NULL, 0, NULL)$$,
                  'measures over small stored mixes read from a table');
SELECT is((SELECT supply_mix_merge(m)::text FROM small), '{"suppliers": {"A": 3, "B": 1}, "unattributed": 1}',
          'small stored mixes merge');
SELECT lives_ok($$UPDATE small SET m = (SELECT supply_mix_merge(m) FROM small)$$,
                'a merged mix can be written back to its table');

-- A large literal
SELECT is((SELECT supplier_count(('{"suppliers": {' ||
                                  string_agg(format('"c%s": %s', i, i), ', ') || '}}')::supply_mix)
             FROM generate_series(1, 20000) i), 20000,
          'a literal with 20,000 suppliers is read');
SELECT is((SELECT m::text::supply_mix::text = m::text FROM
             (SELECT ('{"suppliers": {' || string_agg(format('"c%s": %s', i, i / 7.0), ', ') || '}}')::supply_mix m
                FROM generate_series(1, 20000) i) x), true,
          'a 20,000-supplier mix round-trips through text');

-- ---------------------------------------------------------------------
-- The support functions called directly
-- ---------------------------------------------------------------------
SELECT is((SELECT ROW(supply_mix_combine(a, b)::text, a::text)::text
             FROM (SELECT '{"suppliers": {"A": 1}}'::supply_mix a, '{"suppliers": {"A": 2, "B": 3}}'::supply_mix b) x),
          ROW('{"suppliers": {"A": 3, "B": 3}, "unattributed": 0}', '{"suppliers": {"A": 1}, "unattributed": 0}')::text,
          'supply_mix_combine called directly returns the union and leaves its first argument unchanged');
SELECT is((SELECT supply_mix_combine(m, m)::text || ' ' || m::text FROM small LIMIT 1),
          '{"suppliers": {"A": 6, "B": 2}, "unattributed": 2} {"suppliers": {"A": 3, "B": 1}, "unattributed": 1}',
          'supply_mix_combine(m, m) on a stored value doubles it without changing the stored value');
SELECT throws_ok($$SELECT supply_mix_trans(NULL, 'A', 1::float8)$$, NULL, NULL,
                 'a transition function called outside an aggregate is an error, not a crash');

-- ---------------------------------------------------------------------
-- Binary send: versioned, big-endian, canonical
-- ---------------------------------------------------------------------
SELECT is(supply_mix_send('{"suppliers": {"A": 1}, "unattributed": 0}'),
          '\x010000000000000000000000000000000000000000000000000100000001413ff0000000000000'::bytea,
          'send format: version 1, flags, k, unattributed, unattributed spare, count, (length, code, volume) big-endian');
SELECT is(get_byte(supply_mix_send('{"suppliers": {"A": 1}, "spare": {"A": 0.5}}'), 1), 1,
          'send format: the spare flag is set for a mix with spare capacity');
SELECT is((SELECT supply_mix_send(supply_mix(s, v ORDER BY o)) FROM (VALUES (1, 'b', 2::float8), (2, 'a', 1), (3, NULL, 4)) t(o, s, v)),
          (SELECT supply_mix_send(supply_mix(s, v ORDER BY o DESC)) FROM (VALUES (1, 'b', 2::float8), (2, 'a', 1), (3, NULL, 4)) t(o, s, v)),
          'equal mixes send identical bytes');
SELECT is(supply_mix_send(m::text::supply_mix), supply_mix_send(m), 'the text round trip preserves the binary form')
  FROM lit;

SELECT * FROM finish();
ROLLBACK;

-- The supply_mix type: text form, binary form, accessors, the aggregates
SET extra_float_digits = 0;
SET search_path = rarerisk, public;

-- text input and output: suppliers in byte order, shortest exact numbers
SELECT '{}'::supply_mix;
SELECT '{"suppliers": {}, "unattributed": 0}'::supply_mix;
SELECT '{"unattributed": 25, "suppliers": {"VNM": 15, "CHN": 60}}'::supply_mix;
SELECT ' { "suppliers" : { "b" : 1 , "B" : 2 , "a" : 3 , "AB" : 4 } } '::supply_mix;
SELECT '{"suppliers": {"AUS": 10, "CHN": 60}, "spare": {"AUS": 5}, "unattributed": 1, "unattributed_spare": 2}'::supply_mix;
SELECT '{"suppliers": {"C\u00f4te d''Ivoire": 1, "tab\there": 2, "quote\"": 3}}'::supply_mix;
SELECT '{"suppliers": {"X": 0.1, "Y": 1e-3, "Z": 1e13, "W": 5e-324, "V": 1.7976931348623157e308}}'::supply_mix;
-- accepted edge cases: an empty suppliers object, any JSON whitespace,
-- exponent forms and zero volumes, \u escapes and a surrogate pair decoded,
-- spare before suppliers (a zero spare is not listed)
SELECT '{"suppliers": {}}'::supply_mix;
SELECT E' \t\r\n{ "unattributed" :25 ,\n"suppliers":{"VNM" : 15,"CHN":60}\t}\n '::supply_mix;
SELECT '{"suppliers": {"A": 1.5E+3, "B": 25e-1, "C": 0.0, "D": 0}}'::supply_mix;
-- (unaligned: the width of wide characters differs between psql versions)
\pset format unaligned
SELECT '{"suppliers": {"\u00e9\u4e2d": 1, "\ud83d\ude00": 2}}'::supply_mix;
\pset format aligned
SELECT '{"spare": {"A": 0}, "suppliers": {"A": 2}, "unattributed_spare": 1}'::supply_mix;

-- round trip is exact, also through jsonb
WITH m AS (SELECT '{"suppliers": {"X": 0.1, "Y": 0.3333333333333333, "Z": 12345678.900000001}}'::supply_mix AS mix)
SELECT mix::text::supply_mix::text = mix::text AS text_round_trip,
       (mix::text::jsonb -> 'suppliers' ->> 'Y')::float8 = 1.0::float8 / 3 AS jsonb_value
  FROM m;

-- the aggregates
CREATE TABLE flows (importer text, supplier text, month int, volume float8, spare float8);
INSERT INTO flows VALUES
  ('JPN', 'CHN', 1, 30, 0), ('JPN', 'CHN', 2, 30, 0),
  ('JPN', 'VNM', 1, 15, 4), ('JPN', NULL, 2, 25, 6),
  ('JPN', 'AUS', 1, NULL, 100),
  ('USA', 'CHN', 1, 70, NULL), ('USA', 'MYS', 2, 13, 1), ('USA', 'JPN', 1, 6, 0),
  ('USA', 'EST', 2, 5, 0), ('USA', NULL, 1, 6, 0),
  ('DEU', 'CHN', 1, 0, 0);

SELECT importer, supply_mix(supplier, volume) FROM flows GROUP BY 1 ORDER BY 1;
SELECT importer, supply_mix(supplier, volume, spare) FROM flows GROUP BY 1 ORDER BY 1;
SELECT supply_mix(supplier, volume) FROM flows WHERE false;
SELECT supply_mix(supplier, volume) FROM flows WHERE volume IS NULL;

-- accessors
SELECT importer, total(m), supplier_count(m)
  FROM (SELECT importer, supply_mix(supplier, volume) AS m FROM flows GROUP BY 1) s ORDER BY 1;
SELECT total('{}'), supplier_count('{}'), hhi('{}'), top_supplier('{}');
SELECT * FROM shares((SELECT supply_mix(supplier, volume) FROM flows WHERE importer = 'JPN'));
SELECT * FROM shares('{"suppliers": {"b": 1, "a": 1, "B": 1}, "unattributed": 0}');
SELECT * FROM shares('{}');

-- stored monthly mixes merged equal the mix of all rows
CREATE TABLE monthly AS
  SELECT importer, month, supply_mix(supplier, volume, spare) AS mix
    FROM flows GROUP BY 1, 2;
SELECT importer,
       supply_mix_merge(mix)::text = (SELECT supply_mix(supplier, volume, spare)::text
                                        FROM flows f WHERE f.importer = m.importer) AS merged_equals_rows
  FROM monthly m GROUP BY 1 ORDER BY 1;
SELECT supply_mix_merge(mix) FROM monthly WHERE false;

-- binary form: send, and a COPY BINARY round trip
SELECT supply_mix_send('{"suppliers": {"CHN": 1}, "unattributed": 0.5}');
\copy (SELECT importer, mix FROM monthly ORDER BY importer, month) TO 'results/mix.bin' WITH (FORMAT binary)
CREATE TABLE monthly_copy (importer text, mix supply_mix);
\copy monthly_copy FROM 'results/mix.bin' WITH (FORMAT binary)
SELECT count(*) AS rows,
       bool_and(c.mix::text = m.mix::text) AS identical
  FROM (SELECT importer, mix, row_number() OVER (ORDER BY importer, month) AS n FROM monthly) m
  JOIN (SELECT importer, mix, row_number() OVER () AS n FROM monthly_copy) c USING (n);

-- a truncated binary value is rejected
\copy (SELECT substr(supply_mix_send('{"suppliers": {"CHN": 1, "VNM": 2}}'), 1, 30)) TO 'results/bad.bin' WITH (FORMAT binary)
\copy monthly_copy (mix) FROM 'results/bad.bin' WITH (FORMAT binary)
\copy (SELECT supply_mix_send('{"suppliers": {"CHN": 1}}') || '\x00'::bytea) TO 'results/bad.bin' WITH (FORMAT binary)
\copy monthly_copy (mix) FROM 'results/bad.bin' WITH (FORMAT binary)
\copy (SELECT overlay(supply_mix_send('{"suppliers": {"CHN": 1}}') placing '\x02'::bytea from 1)) TO 'results/bad.bin' WITH (FORMAT binary)
\copy monthly_copy (mix) FROM 'results/bad.bin' WITH (FORMAT binary)

-- a mix is updated in place but never changes a value it was given
CREATE TABLE stored (mix supply_mix);
INSERT INTO stored VALUES ('{"suppliers": {"CHN": 1}}'), ('{"suppliers": {"CHN": 2, "VNM": 1}}');
SELECT supply_mix_merge(mix) FROM stored;
SELECT mix FROM stored;
SELECT supply_mix_combine(a, b), a, b
  FROM (VALUES ('{"suppliers": {"CHN": 1}}'::supply_mix, '{"suppliers": {"VNM": 1}}'::supply_mix)) v(a, b);

-- many suppliers in one group: the hash index path
SELECT supplier_count(m), total(m), top_supplier(m)
  FROM (SELECT supply_mix('S' || (i % 5000), i) AS m FROM generate_series(1, 20000) i) s;
-- long supplier codes live outside the entry
SELECT supply_mix(repeat('x', 20) || (i % 3), 1) FROM generate_series(1, 9) i;

DROP TABLE flows, monthly, monthly_copy, stored;

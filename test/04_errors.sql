-- 04_errors.sql: bad input is an error with a specific SQLSTATE, never a
-- silent guess and never a crash.
--   22023 invalid_parameter_value: negative / NaN / infinite volume or spare,
--         empty supplier code, k < 1, k differing within a group
--   22003 numeric_value_out_of_range: sums that overflow, 1e999 in a literal
--   22001 string_data_right_truncation: supplier code longer than 1024 bytes
--   22P02 invalid_text_representation: malformed supply_mix literals
-- The messages themselves are in sql/errors.sql (pg_regress).
\set ON_ERROR_ROLLBACK 1
\ir fixtures/tap.sql
SELECT plan(109);
SET LOCAL search_path = rarerisk, public;

-- The error message of a statement, or NULL if it succeeds
CREATE FUNCTION pg_temp.error_of(sql text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE sql;
    RETURN NULL;
EXCEPTION WHEN OTHERS THEN
    RETURN SQLERRM;
END $$;

-- 'ok' when a statement returns a float within 1e-9 relative of want or
-- fails with SQLSTATE state; otherwise what it did instead
CREATE FUNCTION pg_temp.near_or_error(sql text, want float8, state text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    r float8;
BEGIN
    EXECUTE sql INTO r;
    IF r IS NOT NULL AND abs(r - want) <= 1e-9 * abs(want) THEN
        RETURN 'ok';
    END IF;
    RETURN 'returned ' || coalesce(r::text, 'NULL');
EXCEPTION WHEN OTHERS THEN
    IF SQLSTATE = state THEN
        RETURN 'ok';
    END IF;
    RETURN 'error ' || SQLSTATE || ': ' || SQLERRM;
END $$;

-- ---------------------------------------------------------------------
-- Negative, NaN and infinite volumes (22023)
-- ---------------------------------------------------------------------
SELECT throws_ok($$SELECT supply_mix(s, v) FROM (VALUES ('CHN', -5::float8)) t(s, v)$$,
                 '22023', NULL,
                 'a negative volume is an error');
SELECT throws_ok($$SELECT supply_mix(s, v) FROM (VALUES ('CHN', 'NaN'::float8)) t(s, v)$$,
                 '22023', NULL, 'a NaN volume is an error');
SELECT throws_ok($$SELECT supply_mix(s, v) FROM (VALUES ('CHN', 'Infinity'::float8)) t(s, v)$$,
                 '22023', NULL, 'an infinite volume is an error');
SELECT throws_ok($$SELECT supply_mix(s, v) FROM (VALUES ('CHN', '-Infinity'::float8)) t(s, v)$$,
                 '22023', NULL, 'a -Infinity volume is an error');
SELECT throws_ok($$SELECT supply_mix(s, v) FROM (VALUES (NULL, -1::float8)) t(s, v)$$,
                 '22023', NULL, 'a negative unattributed volume is an error');
SELECT throws_ok($$SELECT supply_mix(s, v) FROM (VALUES ('A', 5::float8), ('A', -1)) t(s, v)$$,
                 '22023', NULL, 'a negative row is an error even when the supplier''s sum stays positive');
SELECT throws_ok($$SELECT supply_mix(s, v) FROM (VALUES ('A', -1e-300::float8)) t(s, v)$$,
                 '22023', NULL, 'a tiny negative volume is an error');
SELECT throws_ok($$SELECT concentration_hhi(s, v) FROM (VALUES ('A', 1::float8), ('B', -2)) t(s, v)$$,
                 '22023', NULL, 'concentration_hhi rejects a negative volume');
SELECT throws_ok($$SELECT concentration_ratio(s, v, 2) FROM (VALUES ('A', 1::float8), ('B', 'NaN')) t(s, v)$$,
                 '22023', NULL, 'concentration_ratio rejects a NaN volume');
SELECT throws_ok($$SELECT top_supplier(s, v) FROM (VALUES ('A', 'Infinity'::float8)) t(s, v)$$,
                 '22023', NULL, 'top_supplier rejects an infinite volume');
SELECT throws_ok($$SELECT concentration(s, v) FROM (VALUES ('A', -0.5::float8)) t(s, v)$$,
                 '22023', NULL, 'concentration rejects a negative volume');
SELECT throws_ok($$SELECT concentration_hhi(s, v) FROM (VALUES ('A', -1::numeric)) t(s, v)$$,
                 '22023', NULL, 'a negative numeric volume is an error after the implicit cast');
SELECT throws_ok($$SELECT concentration_hhi(s, v) FROM (VALUES ('A', 1::float8), ('B', -1)) t(s, v) GROUP BY s$$,
                 '22023', NULL, 'a negative volume is an error in a grouped aggregate too');

-- Spare capacity
SELECT throws_ok($$SELECT supply_mix(s, v, sp) FROM (VALUES ('CHN', 1::float8, -2::float8)) t(s, v, sp)$$,
                 '22023', NULL,
                 'a negative spare capacity is an error');
SELECT throws_ok($$SELECT supply_mix(s, v, sp) FROM (VALUES ('CHN', 1::float8, 'NaN'::float8)) t(s, v, sp)$$,
                 '22023', NULL, 'a NaN spare capacity is an error');
SELECT throws_ok($$SELECT supply_mix(s, v, sp) FROM (VALUES ('CHN', 1::float8, 'Infinity'::float8)) t(s, v, sp)$$,
                 '22023', NULL, 'an infinite spare capacity is an error');
SELECT throws_ok($$SELECT supply_mix(s, v, sp) FROM (VALUES (NULL, 1::float8, -3::float8)) t(s, v, sp)$$,
                 '22023', NULL, 'a negative unattributed spare capacity is an error');
SELECT throws_ok($$SELECT supply_mix(s, v, sp) FROM (VALUES ('CHN', -1::float8, 3::float8)) t(s, v, sp)$$,
                 '22023', NULL, 'supply_mix(supplier, volume, spare) rejects a negative volume');

-- ---------------------------------------------------------------------
-- Overflow of sums (22003)
-- ---------------------------------------------------------------------
SELECT throws_ok($$SELECT supply_mix(s, v) FROM (VALUES ('A', 1e308::float8), ('A', 1e308)) t(s, v)$$,
                 '22003', NULL, 'a supplier''s sum that overflows is an error');
SELECT throws_ok($$SELECT supply_mix(s, v) FROM (VALUES (NULL, 1e308::float8), (NULL, 1e308)) t(s, v)$$,
                 '22003', NULL, 'an unattributed sum that overflows is an error');
SELECT throws_ok($$SELECT supply_mix(s, v, sp) FROM (VALUES ('A', 1::float8, 1e308::float8), ('A', 1, 1e308)) t(s, v, sp)$$,
                 '22003', NULL, 'a spare-capacity sum that overflows is an error');
SELECT throws_ok($$SELECT concentration_hhi(s, v) FROM (VALUES ('A', 1.7e308::float8), ('A', 1.7e308)) t(s, v)$$,
                 '22003', NULL, 'concentration_hhi: a per-supplier sum that overflows is an error');
SELECT throws_ok($$SELECT supply_mix_merge(m) FROM (VALUES ('{"suppliers": {"A": 1e308}}'::supply_mix),
                                                           ('{"suppliers": {"A": 1e308}}')) t(m)$$,
                 '22003', NULL, 'merging mixes whose sum overflows is an error');
-- Sums that only overflow when rounded together (1.7976931348623157e308 is
-- the largest double; 2 x 9e291 more cannot be represented)
SELECT throws_ok($$SELECT supply_mix(s, v)::text
                     FROM (VALUES ('A', 1.7976931348623157e308::float8), ('A', 9e291), ('A', 9e291)) t(s, v)$$,
                 '22003', NULL,
                 'a per-supplier sum just above the largest double is an error (not a mix printing "inf")');
-- The grand total of several suppliers can overflow although no supplier does
SELECT throws_ok($$SELECT total('{"suppliers": {"A": 1e308, "B": 1e308}}'::supply_mix)$$,
                 '22003', NULL,
                 'a grand total above the largest double is an error (at input or in total()), not NaN');
SELECT is(pg_temp.near_or_error($$SELECT concentration_hhi(s, v) FROM (VALUES ('A', 1e308::float8), ('B', 1e308)) t(s, v)$$,
                                5000, '22003'),
          'ok', 'HHI of two suppliers of 1e308 each is 5000 or error 22003, never NULL or a wrong number');
SELECT is(pg_temp.near_or_error($$SELECT normalized_hhi('{"suppliers": {"A": 0.5e308, "B": 1.5e308}}')$$,
                                0.25, '22003'),
          'ok', 'normalized_hhi of named volumes 0.5e308 and 1.5e308 is 0.25 or error 22003, never NaN');

-- ---------------------------------------------------------------------
-- Supplier codes
-- ---------------------------------------------------------------------
SELECT throws_ok($$SELECT supply_mix(s, v) FROM (VALUES ('', 1::float8)) t(s, v)$$,
                 '22023', NULL, 'an empty supplier code is an error (NULL means unattributed)');
SELECT throws_ok($$SELECT concentration_hhi(s, v) FROM (VALUES ('A', 1::float8), ('', 1)) t(s, v)$$,
                 '22023', NULL, 'concentration_hhi rejects an empty supplier code');
SELECT throws_ok($$SELECT supply_mix(s, v, sp) FROM (VALUES ('', 1::float8, 0::float8)) t(s, v, sp)$$,
                 '22023', NULL, 'supply_mix with spare rejects an empty supplier code');
SELECT throws_ok($$SELECT supply_mix(s, v) FROM (VALUES (repeat('x', 1025), 1::float8)) t(s, v)$$,
                 '22001', NULL, 'a supplier code of 1025 bytes is an error');
SELECT throws_ok($$SELECT supply_mix(s, v) FROM (VALUES (repeat('é', 513), 1::float8)) t(s, v)$$,
                 '22001', NULL, 'the limit is 1024 bytes, not characters (513 x é = 1026 bytes)');
SELECT throws_ok($$SELECT top_supplier(s, v) FROM (VALUES (repeat('y', 5000), 1::float8)) t(s, v)$$,
                 '22001', NULL, 'top_supplier rejects an overlong supplier code');
SELECT lives_ok($$SELECT supply_mix(s, v) FROM (VALUES (repeat('x', 1024), 1::float8)) t(s, v)$$,
                'a supplier code of exactly 1024 bytes is accepted');
SELECT lives_ok($$SELECT supply_mix(s, v) FROM (VALUES (repeat('é', 512), 1::float8)) t(s, v)$$,
                'a supplier code of 512 x é (1024 bytes) is accepted');
SELECT is((SELECT top_supplier(s, v) FROM (VALUES (repeat('x', 1024), 2::float8), ('B', 1)) t(s, v)),
          repeat('x', 1024), 'a 1024-byte supplier code comes back intact');

-- ---------------------------------------------------------------------
-- k (22023)
-- ---------------------------------------------------------------------
SELECT throws_ok($$SELECT top_share('{"suppliers": {"A": 1}}', 0)$$, '22023', NULL, 'top_share(mix, 0) is an error');
SELECT throws_ok($$SELECT top_share('{"suppliers": {"A": 1}}', -1)$$, '22023', NULL, 'top_share(mix, -1) is an error');
SELECT throws_ok($$SELECT top_share('{}', 0)$$, '22023', NULL, 'top_share(''{}'', 0) is an error, not NULL');
SELECT throws_ok($$SELECT concentration_ratio(s, v, 0) FROM (VALUES ('A', 1::float8)) t(s, v)$$,
                 '22023', NULL, 'concentration_ratio with k = 0 is an error');
SELECT throws_ok($$SELECT concentration_ratio(s, v, -3) FROM (VALUES ('A', 1::float8)) t(s, v)$$,
                 '22023', NULL, 'concentration_ratio with k = -3 is an error');
SELECT throws_ok($$SELECT concentration_ratio(s, v, k) FROM (VALUES ('A', 1::float8, 1), ('B', 2, 2)) t(s, v, k)$$,
                 '22023', NULL, 'k differing between rows of a group is an error');
SELECT throws_ok($$SELECT g, concentration_ratio(s, v, k)
                     FROM (VALUES (1, 'A', 1::float8, 3), (1, 'B', 2, 3), (2, 'A', 1, 1), (2, 'C', 1, 2)) t(g, s, v, k)
                    GROUP BY g$$,
                 '22023', NULL, 'k differing within one group of a GROUP BY is an error');
SELECT lives_ok($$SELECT g, concentration_ratio(s, v, g)
                    FROM (VALUES (1, 'A', 1::float8), (1, 'B', 2), (2, 'A', 1), (2, 'C', 1)) t(g, s, v)
                   GROUP BY g$$,
                'k may differ between groups');

-- ---------------------------------------------------------------------
-- Malformed supply_mix literals (22P02)
-- ---------------------------------------------------------------------
-- each literal (SQL source text) and what is wrong with it
SELECT throws_ok('SELECT ' || literal || '::supply_mix', '22P02', NULL, what)
  FROM (VALUES
    ($l$'{"suppliers": {"A": 1, "A": 2}}'$l$, 'a duplicate supplier is rejected'),
    ($l$'{"suppliers": {"\u00e9": 1, "é": 2}}'$l$, 'a duplicate supplier spelled once as a \u escape is rejected'),
    ($l$'{"suppliers": {"": 1}}'$l$, 'an empty supplier code is rejected'),
    ($l$'{"suppliers": {"A": -1}}'$l$, 'a negative volume is rejected'),
    ($l$'{"suppliers": {"A": 1}, "unattributed": -1}'$l$, 'a negative unattributed volume is rejected'),
    ($l$'{"suppliers": {"A": 1}, "spare": {"A": -1}}'$l$, 'a negative spare capacity is rejected'),
    ($l$'{"suppliers": {"A": 1}, "unattributed_spare": -1}'$l$, 'a negative unattributed spare capacity is rejected'),
    ($l$'{"suppliers": {"A": 1}, "foo": 1}'$l$, 'an unknown key is rejected'),
    ($l$'{"Suppliers": {"A": 1}}'$l$, 'keys are case-sensitive'),
    ($l$'{"suppliers": {"A": 1}, "suppliers": {"B": 1}}'$l$, 'a duplicate top-level key is rejected'),
    ($l$'{"suppliers": {"A": 1}, "unattributed": 1, "unattributed": 2}'$l$, 'a duplicate "unattributed" key is rejected'),
    ($l$'{"suppliers": {"A": 1}} x'$l$, 'trailing garbage is rejected'),
    ($l$'{"suppliers": {"A": 1}}}'$l$, 'a trailing brace is rejected'),
    ($l$'{"suppliers": {"A": 1}}{}'$l$, 'a second object is rejected'),
    ($l$'{"suppliers": {"A": 1}, "spare": {"B": 1}}'$l$, 'spare capacity for a supplier not among the suppliers is rejected'),
    ($l$'{"spare": {"A": 1}, "suppliers": {}}'$l$, 'spare capacity with no suppliers at all is rejected'),
    ($l$'{"suppliers": {"A": 1}, "spare": {"A": 1, "A": 2}}'$l$, 'a duplicate spare entry is rejected'),
    ($l$'{"suppliers": {"A": 1'$l$, 'truncated JSON (after a number) is rejected'),
    ($l$'{"suppliers": {"A": '$l$, 'truncated JSON (after a colon) is rejected'),
    ($l$'{"suppliers": {"A'$l$, 'truncated JSON (inside a string) is rejected'),
    ($l$'{"suppliers": {"A": 1}'$l$, 'truncated JSON (missing brace) is rejected'),
    ($l$'{'$l$, 'a lone brace is rejected'),
    ($l$''$l$, 'the empty string is rejected'),
    ($l$'   '$l$, 'a blank string is rejected'),
    ($l$'null'$l$, 'JSON null is rejected'),
    ($l$'[]'$l$, 'a JSON array is rejected'),
    ($l$'{"suppliers": [["A", 1]]}'$l$, 'suppliers as an array is rejected'),
    ($l$'{"suppliers": {"A": NaN}}'$l$, 'NaN is rejected'),
    ($l$'{"suppliers": {"A": Infinity}}'$l$, 'Infinity is rejected'),
    ($l$'{"suppliers": {"A": "60"}}'$l$, 'a string as a volume is rejected'),
    ($l$'{"suppliers": {"A": 1}, "unattributed": "25"}'$l$, 'a string as the unattributed volume is rejected'),
    ($l$'{"suppliers": {"A": null}}'$l$, 'null as a volume is rejected'),
    ($l$'{"suppliers": {"A": true}}'$l$, 'true as a volume is rejected'),
    ($l$'{"suppliers": {"A": {"v": 1}}}'$l$, 'an object as a volume is rejected'),
    ($l$'{"suppliers": {"A": 01}}'$l$, 'a leading zero (not JSON) is rejected'),
    ($l$'{"suppliers": {"A": +1}}'$l$, 'a leading plus (not JSON) is rejected'),
    ($l$'{"suppliers": {"A": .5}}'$l$, '.5 (not JSON) is rejected'),
    ($l$'{"suppliers": {"A": 1.}}'$l$, '1. (not JSON) is rejected'),
    ($l$'{"suppliers": {"A": 1e}}'$l$, '1e (not JSON) is rejected'),
    ($l$'{"suppliers": {"A": 0x10}}'$l$, 'a hexadecimal number is rejected'),
    ($l$'{"suppliers": {"A": 1,}}'$l$, 'a trailing comma is rejected'),
    ($l$'{"suppliers": {"A": 1},}'$l$, 'a trailing top-level comma is rejected'),
    ($l$'{"suppliers": {A: 1}}'$l$, 'an unquoted supplier code is rejected'),
    ($l$'{''suppliers'': {"A": 1}}'$l$, 'single quotes are rejected'),
    ($l$'{"suppliers": {"A" 1}}'$l$, 'a missing colon is rejected'),
    ($l$'{"suppliers": {"A": 1 "B": 2}}'$l$, 'a missing comma is rejected'),
    ($l$'{"suppliers": {"\ud800": 1}}'$l$, 'a lone high surrogate is rejected'),
    ($l$'{"suppliers": {"\udc00x": 1}}'$l$, 'a lone low surrogate is rejected'),
    ($l$'{"suppliers": {"\u0000": 1}}'$l$, '\u0000 is rejected (text cannot hold it)'),
    ($l$'{"suppliers": {"\x41": 1}}'$l$, 'an invalid escape is rejected'),
    ($l$'{"suppliers": {"\u00g1": 1}}'$l$, 'a bad \u escape is rejected'),
    ($l$E'{"suppliers": {"A\nB": 1}}'$l$, 'a raw control character inside a string is rejected'),
    ($l$'{"suppliers": {"A": 1}, "k": 0}'$l$, 'k = 0 in a literal is rejected'),
    ($l$'{"suppliers": {"A": 1}, "k": 1.5}'$l$, 'a fractional k in a literal is rejected')
  ) t(literal, what);
SELECT throws_ok($$SELECT ('{"suppliers": {' || string_agg(format('"c%s": 1', i % 40), ', ') || '}}')::supply_mix
                     FROM generate_series(1, 41) i$$, '22P02', NULL,
                 'a duplicate supplier among 41 (a hash-indexed mix) is rejected');
SELECT throws_ok($$SELECT format('{"suppliers": {"%s": 1}}', repeat('x', 1025))::supply_mix$$, '22P02', NULL,
                 'a supplier code over 1024 bytes in a literal is rejected');
SELECT throws_ok($$SELECT repeat('{', 100000)::supply_mix$$, '22P02', NULL,
                 'deeply nested input is rejected, without exhausting the stack');
SELECT throws_ok($$SELECT ('{"suppliers": {"A": 1' || repeat('0', 400) || '}}')::supply_mix$$, NULL, NULL,
                 'a 400-digit number is rejected (out of range)');

-- Numbers out of the range of double precision (22003)
SELECT throws_ok($$SELECT '{"suppliers": {"A": 1e999}}'::supply_mix$$, '22003', NULL, 'a volume of 1e999 is out of range');
SELECT throws_ok($$SELECT '{"suppliers": {}, "unattributed": 2e308}'::supply_mix$$, '22003', NULL,
                 'an unattributed volume of 2e308 is out of range');
SELECT throws_ok($$SELECT '{"suppliers": {"A": 1}, "spare": {"A": 1e400}}'::supply_mix$$, '22003', NULL,
                 'a spare capacity of 1e400 is out of range');

-- ---------------------------------------------------------------------
-- Valid edge cases (their text forms: sql/supply_mix.sql)
-- ---------------------------------------------------------------------
SELECT is((SELECT supplier FROM shares('{"suppliers": {"a\"b\\c\/d\te": 1}}')), E'a"b\\c/d\te',
          'escaped quote, backslash, slash and tab are decoded');
SELECT is(('{"suppliers": {"' || repeat('x', 1024) || '": 1}}')::supply_mix::text,
          '{"suppliers": {"' || repeat('x', 1024) || '": 1}, "unattributed": 0}',
          'a 1024-byte supplier code in a literal is accepted');
SELECT is(total('{"suppliers": {"A": 5e-324}}'), 5e-324::float8, 'the smallest subnormal double is accepted');

-- ---------------------------------------------------------------------
-- Message style: lower-case, no trailing period
-- ---------------------------------------------------------------------
SELECT is_empty(
    $$SELECT sql, msg FROM (SELECT sql, pg_temp.error_of(sql) AS msg FROM (VALUES
        ($q$SELECT supply_mix(s, v) FROM (VALUES ('CHN', -5::float8)) t(s, v)$q$),
        ($q$SELECT supply_mix(s, v, sp) FROM (VALUES ('CHN', 1::float8, 'NaN'::float8)) t(s, v, sp)$q$),
        ($q$SELECT supply_mix(s, v) FROM (VALUES ('', 1::float8)) t(s, v)$q$),
        ($q$SELECT supply_mix(s, v) FROM (VALUES (repeat('x', 2000), 1::float8)) t(s, v)$q$),
        ($q$SELECT supply_mix(s, v) FROM (VALUES ('A', 1e308::float8), ('A', 1e308)) t(s, v)$q$),
        ($q$SELECT top_share('{}', 0)$q$),
        ($q$SELECT concentration_ratio(s, v, k) FROM (VALUES ('A', 1::float8, 1), ('B', 2, 2)) t(s, v, k)$q$),
        ($q$SELECT '{"suppliers": {"A": 1, "A": 2}}'::supply_mix$q$),
        ($q$SELECT '{"suppliers": {"A": 1}} x'::supply_mix$q$),
        ($q$SELECT '{"suppliers": {"A": 1e999}}'::supply_mix$q$),
        ($q$SELECT '{"suppliers": {"A": 1'::supply_mix$q$)
      ) v(sql)) x
     WHERE msg IS NULL OR msg ~ '\.$' OR msg ~ '^[A-Z]'$$,
    'every error message is lower-case without a trailing period');

SELECT * FROM finish();
ROLLBACK;

-- 45_hardening.sql: defects found by review, each the example that showed
-- it, failing before its fix.
--   * an aggregate ORDER BY does not hide the direct arguments: the
--     scenario of embargo_shortfall / embargo_impact and the k of
--     concentration_ratio must still be the same on every row (22023);
--   * worst_embargo over a zero total is NULL, like every measure of a mix;
--     over a positive total with no named supplier it is ('{}', 0, 0);
--   * error messages cut long codes on a character boundary, never inside a
--     multibyte character.
\set ON_ERROR_ROLLBACK 1
\ir fixtures/tap.sql
SELECT plan(20);
SET LOCAL search_path = rarerisk, public;

-- Two rows with different scenarios, in every spelling of the aggregate
SELECT throws_ok($$SELECT embargo_shortfall(s, v, sc ORDER BY 1) FROM (VALUES
    ('CHN', 60::float8, rarerisk.embargo('{CHN}')),
    ('VNM', 40::float8, rarerisk.embargo('{VNM}'))) t(s, v, sc)$$,
    '22023', NULL, 'embargo_shortfall: ORDER BY a constant keeps the scenario check');
SELECT throws_ok($$SELECT embargo_shortfall(s, v, sc ORDER BY s DESC) FROM (VALUES
    ('CHN', 60::float8, rarerisk.embargo('{CHN}')),
    ('VNM', 40::float8, rarerisk.embargo('{VNM}'))) t(s, v, sc)$$,
    '22023', NULL, 'embargo_shortfall: ORDER BY an argument keeps the scenario check');
SELECT throws_ok($$SELECT embargo_shortfall(s, v, 0::float8, sc ORDER BY 1) FROM (VALUES
    ('CHN', 60::float8, rarerisk.embargo('{CHN}')),
    ('VNM', 40::float8, rarerisk.embargo('{VNM}'))) t(s, v, sc)$$,
    '22023', NULL, 'embargo_shortfall with spare: ORDER BY keeps the scenario check');
SELECT throws_ok($$SELECT embargo_shortfall(s, v, 0::float8, 0::float8, sc ORDER BY v) FROM (VALUES
    ('CHN', 60::float8, rarerisk.embargo('{CHN}')),
    ('VNM', 40::float8, rarerisk.embargo('{VNM}'))) t(s, v, sc)$$,
    '22023', NULL, 'embargo_shortfall with content: ORDER BY keeps the scenario check');
SELECT throws_ok($$SELECT embargo_impact(s, v, sc ORDER BY 1) FROM (VALUES
    ('CHN', 60::float8, rarerisk.embargo('{CHN}')),
    ('VNM', 40::float8, rarerisk.embargo('{VNM}'))) t(s, v, sc)$$,
    '22023', NULL, 'embargo_impact: ORDER BY keeps the scenario check');
SELECT throws_ok($$SELECT embargo_shortfall(s, v, sc) FROM (VALUES
    ('CHN', 60::float8, rarerisk.embargo('{CHN}')),
    ('VNM', 40::float8, rarerisk.embargo('{VNM}'))) t(s, v, sc)$$,
    '22023', NULL, 'embargo_shortfall without ORDER BY: the same error');
SELECT throws_ok($$SELECT concentration_ratio(s, v, k ORDER BY 1) FROM (VALUES
    ('CHN', 60::float8, 1), ('VNM', 40::float8, 2)) t(s, v, k)$$,
    '22023', NULL, 'concentration_ratio: ORDER BY keeps the k check');
-- a constant scenario with an ORDER BY still gives the answer
SELECT is((SELECT embargo_shortfall(s, v, rarerisk.embargo('{CHN}') ORDER BY 1)
           FROM (VALUES ('CHN', 60::float8), ('VNM', 40::float8)) t(s, v)),
          0.6::float8, 'a constant scenario with ORDER BY: the shortfall');
SELECT is((SELECT embargo_shortfall(s, v, rarerisk.embargo('{CHN}') ORDER BY s DESC)
           FROM (VALUES ('CHN', 60::float8), ('VNM', 40::float8)) t(s, v)),
          0.6::float8, 'a constant scenario with ORDER BY an argument: the shortfall');
SELECT is((SELECT embargo_shortfall(s, v, sc ORDER BY 1) FROM (VALUES
              ('CHN', 60::float8, rarerisk.embargo('{CHN}')),
              ('VNM', 40::float8, rarerisk.embargo('{CHN}'))) t(s, v, sc)),
          0.6::float8, 'the same scenario on every row with ORDER BY: the shortfall');

-- Zero total
SELECT is(worst_embargo('{"suppliers": {"S1": 0, "S2": 0}}', 1, rarerisk.embargo('{X}')),
          NULL, 'worst_embargo over named suppliers of volume 0 is NULL');
SELECT is(worst_embargo('{}', 2, rarerisk.embargo('{X}')),
          NULL, 'worst_embargo over the empty mix is NULL');
SELECT is(worst_embargo('{"suppliers": {"S1": 0}, "unattributed": 0}', 3, rarerisk.embargo('{X}')),
          NULL, 'worst_embargo over a zero unattributed volume is NULL');
SELECT is(worst_embargo('{"suppliers": {}, "unattributed": 10}', 2, rarerisk.embargo('{X}')),
          ROW('{}'::text[], 0::float8, 0::float8)::worst_case,
          'worst_embargo with no named supplier and a positive total: nothing to embargo');
SELECT is(worst_embargo('{"suppliers": {"S1": 0, "S2": 5}}', 1, rarerisk.embargo('{X}')),
          ROW('{S2}'::text[], 5::float8, 1::float8)::worst_case,
          'worst_embargo over a positive total embargoes the heaviest');
-- and the other measures over the same zero total, for the record
SELECT is((SELECT array[hhi(m), top_share(m, 1), equivalent_suppliers(m), normalized_hhi(m),
                        shannon_diversity(m)]
           FROM (SELECT '{"suppliers": {"S1": 0, "S2": 0}}'::supply_mix m) x),
          array[NULL, NULL, NULL, NULL, NULL]::float8[],
          'every ratio over a zero total is NULL');

-- Codes in messages: at most 64 bytes, whole characters
SELECT throws_ok(format($$SELECT supply_mix(%L, -1)$$, 'x' || repeat('é', 40)),
    '22023', 'invalid volume -1 for supplier "x' || repeat('é', 31) || '"',
    'a 2-byte character across byte 64 is left out of the message');
SELECT throws_ok(format($$SELECT supply_mix(%L, -1)$$, 'xy' || repeat('€', 30)),
    '22023', 'invalid volume -1 for supplier "xy' || repeat('€', 20) || '"',
    'a 3-byte character across byte 64 is left out of the message');
SELECT throws_ok(format($$SELECT embargo_shortfall(%L, 1, 0, 2, rarerisk.embargo('{X}'))$$,
                        'x' || repeat('é', 40)),
    '22023', 'embargoed content 2 for supplier "x' || repeat('é', 31) || '" is not between 0 and 1',
    'the embargoed content message cuts the code on a character boundary');
SELECT throws_ok(format($$SELECT concentration_hhi(%L, 'NaN')$$, repeat('é', 32)),
    '22023', 'invalid volume NaN for supplier "' || repeat('é', 32) || '"',
    'a code of exactly 64 bytes is shown whole');

SELECT * FROM finish();
ROLLBACK;

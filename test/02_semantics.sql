-- 02_semantics.sql: the row semantics of the README (rows, NULLs, measures): NULL supplier and NULL volume, per-supplier
-- summing, empty input, empty mixes, byte-order ties, shares(), and the
-- definitions of every concentration measure.
\set ON_ERROR_ROLLBACK 1
\ir fixtures/tap.sql
SELECT plan(105);
SET LOCAL search_path = rarerisk, public;

-- The worked-example group of the embargo model: China 60, Vietnam 15, others (NULL) 25
CREATE TEMP TABLE ex (supplier text, volume float8);
INSERT INTO ex VALUES ('CHN', 40), (NULL, 10), ('VNM', 15), ('CHN', 20), (NULL, 15);

-- ---------------------------------------------------------------------
-- NULL supplier = unattributed volume: in the total, never counted,
-- ranked or squared
-- ---------------------------------------------------------------------
SELECT is((SELECT supply_mix(supplier, volume)::text FROM ex),
          '{"suppliers": {"CHN": 60, "VNM": 15}, "unattributed": 25}',
          'NULL suppliers are collected as unattributed volume in the mix');
SELECT is((SELECT total(supply_mix(supplier, volume)) FROM ex), 100::float8,
          'unattributed volume counts in the total');
SELECT is((SELECT supplier_count(supply_mix(supplier, volume)) FROM ex), 2,
          'unattributed volume is not counted as a supplier');
SELECT is((SELECT concentration_hhi(supplier, volume) FROM ex), 3825::float8,
          'HHI: unattributed volume is in the denominator but not squared (60^2 + 15^2)');
SELECT is((SELECT hhi(supply_mix(supplier, volume)) FROM ex), 3825::float8,
          'hhi(mix) agrees with concentration_hhi');
SELECT is((SELECT top_supplier(s, v) FROM (VALUES ('A', 10::float8), (NULL, 80), ('B', 5)) t(s, v)), 'A',
          'top_supplier never returns the (larger) unattributed volume');
SELECT is((SELECT concentration_ratio(s, v, 1) FROM (VALUES ('A', 10::float8), ('B', 10), (NULL, 80)) t(s, v)),
          0.1::float8, 'CR1 is the largest named supplier''s share, not the unattributed volume''s');
SELECT is((SELECT concentration_ratio(s, v, 2) FROM (VALUES ('A', 10::float8), ('B', 10), (NULL, 80)) t(s, v)),
          0.2::float8, 'CR2 counts only named suppliers');
SELECT is((SELECT supply_mix(s, v)::text FROM (VALUES (NULL::text, 3::float8), (NULL, 4)) t(s, v)),
          '{"suppliers": {}, "unattributed": 7}',
          'a group of only NULL suppliers gives a mix of only unattributed volume');
SELECT is((SELECT ROW(hhi(m), top_share(m, 1), shannon_diversity(m), top_supplier(m),
                      equivalent_suppliers(m), normalized_hhi(m))::text
             FROM (SELECT '{"suppliers": {}, "unattributed": 7}'::supply_mix m) x),
          '(0,0,0,,,)',
          'only unattributed volume: HHI, CR1 and Shannon are 0; no top supplier, equivalent or normalised HHI');

-- ---------------------------------------------------------------------
-- NULL volume: the row is ignored
-- ---------------------------------------------------------------------
SELECT is((SELECT supply_mix(s, v)::text FROM (VALUES ('A', NULL::float8), ('B', 5), (NULL, NULL)) t(s, v)),
          '{"suppliers": {"B": 5}, "unattributed": 0}',
          'rows with a NULL volume are ignored (supplier A does not appear at all)');
SELECT is((SELECT concentration_hhi(s, v) FROM (VALUES ('A', NULL::float8), ('B', 5)) t(s, v)), 10000::float8,
          'a NULL-volume row does not count as a supplier in HHI');
SELECT is((SELECT supply_mix(s, v)::text FROM (VALUES ('A', NULL::float8), (NULL, NULL)) t(s, v)), NULL,
          'a group whose volumes are all NULL gives a NULL mix');
SELECT is((SELECT concentration_hhi(s, v) FROM (VALUES ('A', NULL::float8)) t(s, v)), NULL,
          'a group whose volumes are all NULL gives a NULL HHI');
SELECT is((SELECT (supply_mix(s, v, sp)::text::jsonb) -> 'spare'
             FROM (VALUES ('A', NULL::float8, 5::float8), ('A', 2, 0), ('B', 1, 3)) t(s, v, sp)),
          '{"B": 3}'::jsonb,
          'the spare capacity of a NULL-volume row is ignored with the row');
SELECT is((SELECT (supply_mix(s, v, sp)::text::jsonb) -> 'suppliers'
             FROM (VALUES ('A', 2::float8, NULL::float8), ('B', 1, 3)) t(s, v, sp)),
          '{"A": 2, "B": 1}'::jsonb,
          'a NULL spare capacity keeps the row''s volume');
SELECT is((SELECT (supply_mix(s, v, sp)::text::jsonb) -> 'spare'
             FROM (VALUES ('A', 2::float8, NULL::float8), ('B', 1, 3)) t(s, v, sp)),
          '{"B": 3}'::jsonb,
          'a NULL spare capacity adds no spare capacity');
SELECT is((SELECT supply_mix(s, v, sp)::text
             FROM (VALUES ('A', 2::float8, 1::float8), (NULL, 3, 4), (NULL, 1, 0.5), ('A', 1, 2)) t(s, v, sp)),
          '{"suppliers": {"A": 3}, "unattributed": 4, "spare": {"A": 3}, "unattributed_spare": 4.5}',
          'supply_mix(supplier, volume, spare) sums volume and spare per supplier and for NULL suppliers');

-- ---------------------------------------------------------------------
-- Rows of the same supplier are summed first
-- ---------------------------------------------------------------------
CREATE TEMP TABLE dup (s text, v float8);
INSERT INTO dup VALUES ('A', 30), ('B', 40), ('A', 30);
SELECT is((SELECT concentration_hhi(s, v) FROM dup), 5200::float8,
          'HHI squares per-supplier totals (60^2 + 40^2), not rows (30^2 + 30^2 + 40^2)');
SELECT is((SELECT supplier_count(supply_mix(s, v)) FROM dup), 2, 'two rows of A are one supplier');
SELECT is((SELECT concentration_ratio(s, v, 1) FROM dup), 0.6::float8, 'CR1 uses the summed volume of A');
SELECT is((SELECT top_supplier(s, v) FROM dup), 'A',
          'top_supplier is the largest total (A: 60), not the largest row (B: 40)');
SELECT is((SELECT volume FROM shares((SELECT supply_mix(s, v) FROM dup)) WHERE supplier = 'A'), 60::float8,
          'shares() reports the summed volume of A');
SELECT is((SELECT concentration_hhi(s, v) FROM (VALUES ('a', 1::float8), ('A', 1), ('a ', 1), ('a', 1)) t(s, v)),
          10000 * ((0.5::float8)^2 + (0.25::float8)^2 + (0.25::float8)^2),
          'supplier codes are compared exactly: ''a'', ''A'' and ''a '' are three suppliers');

-- ---------------------------------------------------------------------
-- Empty input: every aggregate returns NULL
-- ---------------------------------------------------------------------
SELECT is((SELECT supply_mix(s, v)::text FROM ex t(s, v) WHERE false), NULL, 'supply_mix over no rows is NULL');
SELECT is((SELECT supply_mix(s, v, v)::text FROM ex t(s, v) WHERE false), NULL,
          'supply_mix(supplier, volume, spare) over no rows is NULL');
SELECT is((SELECT supply_mix_merge(m)::text FROM (SELECT NULL::supply_mix m WHERE false) x), NULL,
          'supply_mix_merge over no rows is NULL');
SELECT is((SELECT supply_mix_merge(m)::text FROM (VALUES (NULL::supply_mix), (NULL)) x(m)), NULL,
          'supply_mix_merge over only NULL mixes is NULL');
SELECT is((SELECT concentration_hhi(s, v) FROM ex t(s, v) WHERE false), NULL, 'concentration_hhi over no rows is NULL');
SELECT is((SELECT concentration_ratio(s, v, 3) FROM ex t(s, v) WHERE false), NULL,
          'concentration_ratio over no rows is NULL');
SELECT is((SELECT top_supplier(s, v) FROM ex t(s, v) WHERE false), NULL, 'top_supplier over no rows is NULL');
SELECT is((SELECT concentration(s, v) FROM ex t(s, v) WHERE false), NULL,
          'concentration over no rows is NULL (not a row of NULLs)');
SELECT is((SELECT concentration_hhi(s, v) FROM (VALUES ('A', 0::float8), (NULL, 0)) t(s, v)), NULL,
          'a zero total gives a NULL HHI');
SELECT is((SELECT concentration_ratio(s, v, 1) FROM (VALUES ('A', 0::float8)) t(s, v)), NULL,
          'a zero total gives a NULL concentration ratio');
SELECT is((SELECT top_supplier(s, v) FROM (VALUES ('A', 0::float8)) t(s, v)), NULL,
          'a zero total has no top supplier');

-- ---------------------------------------------------------------------
-- The empty mix '{}' and NULL mixes
-- ---------------------------------------------------------------------
SELECT is(total('{}'), 0::float8, 'total(''{}'') is 0');
SELECT is(supplier_count('{}'), 0, 'supplier_count(''{}'') is 0');
SELECT is(hhi('{}'), NULL, 'hhi(''{}'') is NULL');
SELECT is(top_share('{}', 1), NULL, 'top_share(''{}'', 1) is NULL');
SELECT is(top_supplier('{}'::supply_mix), NULL, 'top_supplier(''{}'') is NULL');
SELECT is(equivalent_suppliers('{}'), NULL, 'equivalent_suppliers(''{}'') is NULL');
SELECT is(normalized_hhi('{}'), NULL, 'normalized_hhi(''{}'') is NULL');
SELECT is(shannon_diversity('{}'), NULL, 'shannon_diversity(''{}'') is NULL');
SELECT is(concentration('{}'::supply_mix),
          ROW(0, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL)::concentration_profile,
          'concentration(''{}'') has total 0, 0 suppliers and every ratio NULL');
SELECT is_empty($$SELECT * FROM shares('{}')$$, 'shares(''{}'') returns no rows');
SELECT is(hhi('{"suppliers": {"A": 0, "B": 0}, "unattributed": 0}'), NULL,
          'a mix of zero volumes has a NULL HHI');
SELECT is(ROW(hhi(NULL), total(NULL), supplier_count(NULL), top_share(NULL, 1), top_supplier(NULL::supply_mix),
              normalized_hhi(NULL), equivalent_suppliers(NULL), shannon_diversity(NULL))::text,
          '(,,,,,,,)', 'every measure of a NULL mix is NULL');
SELECT is(top_share('{"suppliers": {"A": 1}}', NULL), NULL, 'top_share(mix, NULL) is NULL');

-- A supplier whose volume is 0 is not a supplier for counting
SELECT is(supplier_count('{"suppliers": {"A": 0, "B": 3}, "unattributed": 1}'), 1,
          'supplier_count counts only suppliers with volume > 0');
SELECT is(normalized_hhi('{"suppliers": {"A": 0, "B": 3}, "unattributed": 1}'), 1::float8,
          'normalized_hhi: N counts only suppliers with volume > 0 (B alone is a monopoly)');
SELECT is(top_supplier('{"suppliers": {"A": 0}, "unattributed": 1}'::supply_mix), NULL,
          'a zero-volume supplier is not the top supplier');

-- ---------------------------------------------------------------------
-- Ties: the smallest code in byte order
-- ---------------------------------------------------------------------
SELECT is((SELECT top_supplier(s, v) FROM (VALUES ('B', 5::float8), ('a', 5), ('AB', 5)) t(s, v)), 'AB',
          'top_supplier ties: ''AB'' < ''B'' < ''a'' in byte order');
SELECT is((SELECT top_supplier(s, v) FROM (VALUES ('AB', 5::float8), ('a', 5), ('B', 5)) t(s, v)), 'AB',
          'top_supplier ties do not depend on row order');
SELECT is((SELECT top_supplier(s, v) FROM (VALUES ('b', 5::float8), ('AB', 2), ('AB', 3), ('B', 4)) t(s, v)), 'AB',
          'top_supplier ties are decided on summed volumes');
SELECT is((SELECT top_supplier(s, v) FROM (VALUES ('É', 5::float8), ('Z', 5)) t(s, v)), 'Z',
          'top_supplier ties use bytes, not the collation: ''Z'' (0x5A) < ''É'' (0xC3 0x89)');
SELECT is((SELECT top_supplier(s, v) FROM (VALUES ('AB', 5::float8), ('A', 5)) t(s, v)), 'A',
          'top_supplier ties: a code sorts before its extensions (''A'' < ''AB'')');
SELECT is(top_supplier('{"suppliers": {"a": 5, "B": 5, "AB": 5, "C": 1}}'::supply_mix), 'AB',
          'top_supplier(mix) ties: the smallest code in byte order');
SELECT results_eq(
    $$SELECT supplier, rank FROM shares('{"suppliers": {"a": 5, "B": 5, "É": 5, "AB": 5, "C": 7, "D": 1}}')$$,
    $$VALUES ('C', 1), ('AB', 2), ('B', 3), ('a', 4), ('É', 5), ('D', 6)$$,
    'shares() ranks by volume descending, ties by code in byte order, ranks 1..N without gaps');

-- ---------------------------------------------------------------------
-- shares(mix)
-- ---------------------------------------------------------------------
SELECT results_eq(
    $$SELECT supplier, volume, share, rank FROM shares((SELECT supply_mix(supplier, volume) FROM ex))$$,
    $$VALUES ('CHN', 60::float8, 0.6::float8, 1), ('VNM', 15, 0.15, 2), (NULL, 25, 0.25, NULL)$$,
    'shares(): named suppliers by rank, then the unattributed row (supplier NULL, rank NULL); shares of the grand total');
SELECT is_empty($$SELECT * FROM shares('{"suppliers": {"A": 1, "B": 2}, "unattributed": 0}') WHERE supplier IS NULL$$,
                'shares() has no unattributed row when there is no unattributed volume');
SELECT is((SELECT count(*) FROM shares('{"suppliers": {}, "unattributed": 4}')), 1::bigint,
          'shares() of a mix of only unattributed volume is its one unattributed row');
SELECT ok((SELECT abs(sum(share) - 1) < 1e-12
             FROM shares('{"suppliers": {"A": 0.1, "B": 0.2, "C": 0.3, "D": 1e-3}, "unattributed": 0.7}')),
          'the shares of shares() sum to 1 (unattributed row included)');
SELECT is((SELECT array_agg(rank ORDER BY rank) FROM shares(
              (SELECT supply_mix('S' || (i % 37), (i % 5)::float8 + 1) FROM generate_series(1, 1000) i))),
          (SELECT array_agg(i) FROM generate_series(1, 37) i),
          'shares() over a 37-supplier mix (hash-indexed) has ranks 1..37');
SELECT is((SELECT string_agg(supplier, ',') FROM shares('{"suppliers": {"X": 3, "Y": 9, "Z": 1}}')),
          'Y,X,Z', 'shares() returns rows in rank order without an ORDER BY');

-- ---------------------------------------------------------------------
-- HHI, CRk, equivalent suppliers, normalised HHI, Shannon
-- ---------------------------------------------------------------------
-- A monopoly
SELECT is(concentration('{"suppliers": {"CHN": 7}}'::supply_mix),
          ROW(7, 1, 10000, 1, 1, 'CHN', 1, 1, 0)::concentration_profile,
          'a monopoly: HHI 10000, normalised 1, one equivalent supplier, CR1 = CR3 = 1, Shannon 0');
-- N equal suppliers: HHI = 10000/N, equivalent = N, Shannon = ln N, normalised 0
SELECT ok(abs(hhi(m) - 10000.0 / 7) < 1e-9, 'HHI of 7 equal suppliers is 10000/7')
  FROM (SELECT supply_mix('S' || i, 3) m FROM generate_series(1, 7) i) x;
SELECT ok(abs(equivalent_suppliers(m) - 7) < 1e-12, 'equivalent_suppliers of 7 equal suppliers is 7')
  FROM (SELECT supply_mix('S' || i, 3) m FROM generate_series(1, 7) i) x;
SELECT ok(abs(shannon_diversity(m) - ln(7)) < 1e-12, 'Shannon diversity of 7 equal suppliers is ln 7')
  FROM (SELECT supply_mix('S' || i, 3) m FROM generate_series(1, 7) i) x;
SELECT ok(abs(normalized_hhi(m)) < 1e-12, 'normalised HHI of 7 equal suppliers is 0')
  FROM (SELECT supply_mix('S' || i, 3) m FROM generate_series(1, 7) i) x;
SELECT ok(abs(shannon_diversity('{"suppliers": {"A": 1, "B": 1, "C": 1, "D": 1}}') - ln(4)) < 1e-15,
          'Shannon diversity of 4 equal suppliers is ln 4');
-- Shannon is over named suppliers with shares of the grand total
SELECT ok(abs(shannon_diversity('{"suppliers": {"A": 50, "B": 50}, "unattributed": 100}') - ln(2)) < 1e-15,
          'Shannon: named suppliers only, shares of the grand total (2 x -0.25 ln 0.25 = ln 2)');
-- equivalent_suppliers = 10000 / HHI, also with unattributed volume
SELECT ok(abs(equivalent_suppliers(m) - 10000 / hhi(m)) <= 1e-14 * equivalent_suppliers(m),
          'equivalent_suppliers = 10000 / hhi')
  FROM (SELECT supply_mix(supplier, volume) m FROM ex) x;
SELECT ok(abs(equivalent_suppliers('{"suppliers": {"CHN": 60, "VNM": 15}, "unattributed": 25}') - 10000.0 / 3825) < 1e-12,
          'equivalent_suppliers of the worked example is 10000/3825');
-- normalized_hhi: named suppliers only, renormalised to their total
SELECT is(normalized_hhi('{"suppliers": {"A": 5}, "unattributed": 95}'), 1::float8,
          'normalized_hhi is 1 for a single supplier, however much volume is unattributed');
SELECT ok(abs(normalized_hhi('{"suppliers": {"A": 50, "B": 50}, "unattributed": 900}')) < 1e-15,
          'normalized_hhi of two equal named suppliers is 0 whatever the unattributed volume');
SELECT ok(abs(normalized_hhi('{"suppliers": {"A": 75, "B": 25}, "unattributed": 1000}') - 0.25) < 1e-15,
          'normalized_hhi on renormalised named shares: (0.625 - 0.5) / 0.5 = 0.25');
SELECT ok(abs(normalized_hhi('{"suppliers": {"CHN": 60, "VNM": 15}, "unattributed": 25}')
              - ((0.8::numeric^2 + 0.2::numeric^2) - 0.5) / 0.5) < 1e-15,
          'normalized_hhi of the worked example: named shares 0.8 / 0.2 give 0.36');
SELECT is(normalized_hhi('{"suppliers": {"A": 1, "B": 3}, "unattributed": 1e12}'),
          normalized_hhi('{"suppliers": {"A": 1, "B": 3}}'),
          'normalized_hhi does not change when unattributed volume is added (stays in [0,1])');
SELECT is(normalized_hhi('{"suppliers": {}, "unattributed": 5}'), NULL,
          'normalized_hhi is NULL without any named supplier');
SELECT ok(abs(normalized_hhi('{"suppliers": {"A": 10, "B": 20, "C": 30, "D": 40}}')
              - ((0.01 + 0.04 + 0.09 + 0.16) - 0.25) / 0.75) < 1e-15,
          'normalized_hhi = (H - 1/N) / (1 - 1/N) for four suppliers');

-- CRk
CREATE TEMP TABLE six AS
    SELECT supply_mix(s, v) AS m
      FROM (VALUES ('A', 40::float8), ('B', 25), ('C', 15), ('D', 10), ('E', 6), ('F', 4), (NULL, 20)) t(s, v);
SELECT is(top_share(m, 1), 40::float8 / 120, 'top_share(mix, 1) is the top supplier''s share of the grand total') FROM six;
SELECT ok(abs(top_share(m, 3) - 80.0 / 120) < 1e-15, 'top_share(mix, 3) is CR3') FROM six;
SELECT ok(abs(top_share(m, 6) - 100.0 / 120) < 1e-15,
          'top_share(mix, N) is the named share of the grand total') FROM six;
SELECT ok(abs(top_share(m, 1000) - 100.0 / 120) < 1e-15,
          'top_share(mix, k > N) is the named share, never counting unattributed volume') FROM six;
SELECT ok(top_share(m, 2147483647) = top_share(m, 6), 'top_share with k = int max works') FROM six;
SELECT is_empty(
    $$SELECT k FROM (SELECT k, top_share(m, k) AS cr, lag(top_share(m, k)) OVER (ORDER BY k) AS prev
                       FROM six, generate_series(1, 8) k) x
       WHERE cr < prev$$,
    'CRk is monotone non-decreasing in k');
SELECT is_empty(
    $$SELECT k FROM six, generate_series(1, 6) k
       WHERE abs(top_share(m, k) - (SELECT sum(share) FROM shares(m) s WHERE s.rank <= k)) > 1e-15$$,
    'CRk equals the cumulative shares of the k first rows of shares()');
SELECT is((SELECT concentration_ratio(s, v, 5) FROM (VALUES ('A', 1::float8), ('B', 3), (NULL, 4)) t(s, v)),
          0.5::float8, 'concentration_ratio with k larger than the supplier count is the named share');
SELECT is((SELECT concentration_ratio(s, v, 9) FROM (VALUES ('A', 1::float8), ('B', 3)) t(s, v)),
          1::float8, 'concentration_ratio with k larger than the supplier count and no unattributed volume is 1');
SELECT is((SELECT concentration_ratio(s, v, 2) FROM (VALUES ('A', 40::float8), ('B', 25), ('C', 15), ('D', 10),
                                                           ('E', 6), ('F', 4), (NULL, 20)) t(s, v)),
          (SELECT top_share(m, 2) FROM six), 'concentration_ratio(.., 2) = top_share(mix, 2)');
SELECT is((SELECT array_agg(cr ORDER BY k)
             FROM (SELECT k, concentration_ratio(s, v, k) AS cr
                     FROM (VALUES ('A', 40::float8), ('B', 25), ('C', 15), (NULL, 20)) t(s, v),
                          generate_series(1, 4) k
                    GROUP BY k) x),
          ARRAY[0.4, 0.65, 0.8, 0.8]::float8[],
          'concentration_ratio grouped by k gives CR1..CR4');

-- ---------------------------------------------------------------------
-- The composite profile equals the individual measures
-- ---------------------------------------------------------------------
SELECT is(concentration(m),
          ROW(total(m), supplier_count(m), hhi(m), normalized_hhi(m), equivalent_suppliers(m),
              top_supplier(m), top_share(m, 1), top_share(m, 3), shannon_diversity(m))::concentration_profile,
          'concentration(mix) equals the scalar measures, field by field') FROM six;
SELECT is(concentration(m),
          ROW(total(m), supplier_count(m), hhi(m), normalized_hhi(m), equivalent_suppliers(m),
              top_supplier(m), top_share(m, 1), top_share(m, 3), shannon_diversity(m))::concentration_profile,
          'concentration(mix) equals the scalar measures for a two-supplier mix')
  FROM (SELECT supply_mix(supplier, volume) m FROM ex) x;
SELECT is((SELECT concentration(s, v) FROM (VALUES ('A', 40::float8), ('B', 25), ('C', 15), ('D', 10),
                                                   ('E', 6), ('F', 4), (NULL, 20)) t(s, v)),
          (SELECT concentration(m) FROM six),
          'the concentration aggregate equals concentration() of the aggregated mix');
SELECT is((SELECT concentration_hhi(s, v) FROM (VALUES ('A', 40::float8), ('B', 25), ('C', 15), ('D', 10),
                                                       ('E', 6), ('F', 4), (NULL, 20)) t(s, v)),
          (SELECT hhi(m) FROM six), 'concentration_hhi equals hhi() of the aggregated mix');
SELECT is((SELECT top_supplier(s, v) FROM (VALUES ('A', 40::float8), ('B', 25), (NULL, 200)) t(s, v)),
          'A', 'the top_supplier aggregate skips unattributed volume');
SELECT is((SELECT (concentration(supplier, volume)).cr3 FROM ex), 0.75::float8,
          'profile cr3 with fewer than 3 suppliers is the named share');
SELECT is((SELECT (concentration(supplier, volume)).suppliers FROM ex), 2, 'profile suppliers counts named suppliers');
SELECT ok((SELECT abs((concentration(supplier, volume)).shannon
                      - (-(0.6 * ln(0.6)) - 0.15 * ln(0.15))) < 1e-15 FROM ex),
          'profile shannon of the worked example is -(0.6 ln 0.6 + 0.15 ln 0.15)');

-- ---------------------------------------------------------------------
-- GROUP BY: groups are independent
-- ---------------------------------------------------------------------
SELECT results_eq(
    $$SELECT g, concentration_hhi(s, v), top_supplier(s, v), concentration_ratio(s, v, 1)
        FROM (VALUES (1, 'A', 1::float8), (2, 'B', 2), (1, 'B', 3), (2, NULL, 2), (3, 'C', NULL), (1, NULL, 4)) t(g, s, v)
       GROUP BY g ORDER BY g$$,
    $$VALUES (1, 1562.5::float8, 'B', 0.375::float8), (2, 2500, 'B', 0.5), (3, NULL, NULL, NULL)$$,
    'aggregates over GROUP BY keep each group''s suppliers apart');

-- ---------------------------------------------------------------------
-- Accuracy against an exact numeric computation (1e-9 relative,
-- volumes spanning 1e-3 .. 1e13 in one group)
-- ---------------------------------------------------------------------
CREATE TEMP TABLE acc AS
    SELECT 'S' || (i % 53) AS s,
           CASE WHEN i % 53 = 0 THEN NULL ELSE 'S' || (i % 53) END AS s_or_null,
           (power(10, (i * 7919) % 17 - 3) * (1 + (i % 11) / 10.0))::float8 AS v
      FROM generate_series(1, 20000) i;
SELECT ok((SELECT abs(concentration_hhi(s, v) - (
              SELECT sum((100 * sv / t)^2) FROM (SELECT sum(v::numeric) sv FROM acc GROUP BY s) x,
                     (SELECT sum(v::numeric) t FROM acc) y)) / concentration_hhi(s, v) < 1e-9
             FROM acc),
          'concentration_hhi over volumes from 1e-3 to 1e13 matches numeric to 1e-9');
SELECT ok((SELECT abs(total(supply_mix(s_or_null, v)) - (SELECT sum(v::numeric) FROM acc)::float8)
                  / total(supply_mix(s_or_null, v)) < 1e-12 FROM acc),
          'total() over volumes from 1e-3 to 1e13 matches numeric');
SELECT ok((SELECT abs(concentration_hhi(s_or_null, v) - (
              SELECT sum((100 * sv / t)^2) FROM (SELECT sum(v::numeric) sv FROM acc WHERE s_or_null IS NOT NULL
                                                  GROUP BY s_or_null) x,
                     (SELECT sum(v::numeric) t FROM acc) y)) / concentration_hhi(s_or_null, v) < 1e-9
             FROM acc),
          'concentration_hhi with unattributed volume matches numeric to 1e-9');
SELECT ok((SELECT abs(shannon_diversity(supply_mix(s_or_null, v)) - (
              SELECT -sum((sv / t) * ln(sv / t)) FROM (SELECT sum(v::numeric) sv FROM acc WHERE s_or_null IS NOT NULL
                                                        GROUP BY s_or_null) x,
                     (SELECT sum(v::numeric) t FROM acc) y)) < 1e-9 FROM acc),
          'shannon_diversity matches numeric to 1e-9');
SELECT ok((SELECT abs(concentration_ratio(s, v, 5) - (
              SELECT sum(sv) / (SELECT sum(v::numeric) FROM acc)
                FROM (SELECT sum(v::numeric) sv FROM acc GROUP BY s ORDER BY 1 DESC LIMIT 5) x))
                  < 1e-12 FROM acc),
          'concentration_ratio(.., 5) matches numeric');

SELECT * FROM finish();
ROLLBACK;

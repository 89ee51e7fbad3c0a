-- 03_oracles.sql: published figures as oracles (reference/domain.md section 6).
--
-- 6.1/6.3: USGS Mineral Commodity Summaries 2025, rare earths, world mine
-- production (t REO), 2023 and 2024e, "Other" as a NULL (unattributed)
-- supplier.  Our conventions correspond to these rows of table 6.3:
--   HHI_DOJ, "Other" excluded from squares, kept in denominator: 4,874.35 / 4,923.55
--   China share of row sum, CR3, CR4, numbers-equivalent 1/H
--   normalized_hhi: named countries only, renormalised (4,911.89 / 4,951.16), N = 12
-- The table's Shannon (1.1451 / 1.1646) and range-normalised H* (N = 13) treat
-- "Other" as a 13th supplier; ours do not (unattributed volume is never a supplier), so those are checked
-- with "Other" entered as a named supplier, and ours against exact numeric.
-- 6.4: U.S. import sources of REE compounds and metals 2020-23.
\set ON_ERROR_ROLLBACK 1
\ir fixtures/tap.sql
SELECT plan(46);
SET LOCAL search_path = rarerisk, public;

CREATE TEMP TABLE mcs (country text, year int, tonnes float8);
INSERT INTO mcs VALUES
    ('USA', 2023, 41600), ('AUS', 2023, 16000), ('BRA', 2023, 140), ('MMR', 2023, 43000),
    ('CHN', 2023, 255000), ('IND', 2023, 2900), ('MDG', 2023, 2100), ('MYS', 2023, 310),
    ('NGA', 2023, 7200), ('RUS', 2023, 2500), ('THA', 2023, 3600), ('VNM', 2023, 300),
    (NULL, 2023, 1440),
    ('USA', 2024, 45000), ('AUS', 2024, 13000), ('BRA', 2024, 20), ('MMR', 2024, 31000),
    ('CHN', 2024, 270000), ('IND', 2024, 2900), ('MDG', 2024, 2000), ('MYS', 2024, 130),
    ('NGA', 2024, 13000), ('RUS', 2024, 2500), ('THA', 2024, 13000), ('VNM', 2024, 300),
    (NULL, 2024, 1100),
    -- countries with reserves but no production ("—") carry NULL tonnes
    ('CAN', 2023, NULL), ('GRL', 2023, NULL), ('ZAF', 2023, NULL), ('TZA', 2023, NULL),
    ('CAN', 2024, NULL), ('GRL', 2024, NULL), ('ZAF', 2024, NULL), ('TZA', 2024, NULL);

CREATE TEMP TABLE mcs_mix AS
    SELECT year, supply_mix(country, tonnes) AS m FROM mcs GROUP BY year;

-- The same data with "Other" as a named supplier (the table's other convention)
CREATE TEMP TABLE mcs_other AS
    SELECT year, supply_mix(coalesce(country, 'Other'), tonnes) AS m FROM mcs GROUP BY year;

-- Exact numeric shares of the grand total, named suppliers only
CREATE TEMP VIEW mcs_exact AS
    SELECT m.year, m.country, m.tonnes::numeric / t.total AS s
      FROM mcs m JOIN (SELECT year, sum(tonnes)::numeric AS total FROM mcs GROUP BY year) t USING (year)
     WHERE m.country IS NOT NULL AND m.tonnes IS NOT NULL;

-- ---------------------------------------------------------------------
-- Totals and counts (the row sums re-checked in domain.md 6.1)
-- ---------------------------------------------------------------------
SELECT is((SELECT total(m) FROM mcs_mix WHERE year = 2023), 376090::float8, '2023 row sum is 376,090 t');
SELECT is((SELECT total(m) FROM mcs_mix WHERE year = 2024), 393950::float8, '2024 row sum is 393,950 t');
SELECT is((SELECT supplier_count(m) FROM mcs_mix WHERE year = 2023), 12,
          '2023: 12 producing countries (Other and the non-producers are not suppliers)');
SELECT is((SELECT supplier_count(m) FROM mcs_mix WHERE year = 2024), 12, '2024: 12 producing countries');

-- ---------------------------------------------------------------------
-- HHI (Other excluded from squares, kept in the denominator)
-- ---------------------------------------------------------------------
SELECT ok((SELECT abs(concentration_hhi(country, tonnes) - 4874.35) <= 0.01 FROM mcs WHERE year = 2023),
          'concentration_hhi 2023 = 4,874.35 (USGS MCS 2025)');
SELECT ok((SELECT abs(concentration_hhi(country, tonnes) - 4923.55) <= 0.01 FROM mcs WHERE year = 2024),
          'concentration_hhi 2024 = 4,923.55 (USGS MCS 2025)');
SELECT ok((SELECT abs(hhi(m) - 4874.35) <= 0.01 FROM mcs_mix WHERE year = 2023), 'hhi(mix) 2023 = 4,874.35');
SELECT ok((SELECT abs(hhi(m) - 4923.55) <= 0.01 FROM mcs_mix WHERE year = 2024), 'hhi(mix) 2024 = 4,923.55');
SELECT results_eq(
    $$SELECT year, round(concentration_hhi(country, tonnes)::numeric, 2) FROM mcs GROUP BY year ORDER BY year$$,
    $$VALUES (2023, 4874.35), (2024, 4923.55)$$,
    'grouped by year, HHI rounds to the published 4,874.35 and 4,923.55');
SELECT ok((SELECT abs(hhi(m) - (SELECT 10000 * sum(s * s) FROM mcs_exact e WHERE e.year = x.year))
                  <= 1e-9 * hhi(m) FROM mcs_mix x WHERE year = 2024),
          'HHI 2024 matches the exact numeric computation to 1e-9');
-- The "Other treated as one supplier" row of table 6.3
SELECT ok((SELECT abs(hhi(m) - 4874.50) <= 0.01 FROM mcs_other WHERE year = 2023),
          'with Other as a named supplier, HHI 2023 = 4,874.50 (table 6.3, other convention)');
SELECT ok((SELECT abs(hhi(m) - 4923.62) <= 0.01 FROM mcs_other WHERE year = 2024),
          'with Other as a named supplier, HHI 2024 = 4,923.62 (table 6.3, other convention)');

-- ---------------------------------------------------------------------
-- China's share, top supplier, CR3, CR4
-- ---------------------------------------------------------------------
SELECT is((SELECT top_supplier(country, tonnes) FROM mcs WHERE year = 2023), 'CHN', 'top supplier 2023 is China');
SELECT is((SELECT top_supplier(m) FROM mcs_mix WHERE year = 2024), 'CHN', 'top supplier 2024 is China');
SELECT ok((SELECT abs(top_share(m, 1) - 0.6780) < 0.00005 FROM mcs_mix WHERE year = 2023),
          'China share 2023 = 67.80 % of the row sum');
SELECT ok((SELECT abs(top_share(m, 1) - 0.6854) < 0.00005 FROM mcs_mix WHERE year = 2024),
          'China share 2024 = 68.54 % of the row sum');
SELECT ok((SELECT abs(share - 0.6854) < 0.00005 FROM shares((SELECT m FROM mcs_mix WHERE year = 2024))
            WHERE supplier = 'CHN'),
          'shares(): China 2024 = 68.54 %');
SELECT ok((SELECT abs(concentration_ratio(country, tonnes, 3) - 0.9030) < 0.00005 FROM mcs WHERE year = 2023),
          'CR3 2023 = 90.30 %');
SELECT ok((SELECT abs(concentration_ratio(country, tonnes, 3) - 0.8783) < 0.00005 FROM mcs WHERE year = 2024),
          'CR3 2024 = 87.83 %');
SELECT ok((SELECT abs(top_share(m, 4) - 0.9455) < 0.00005 FROM mcs_mix WHERE year = 2023), 'CR4 2023 = 94.55 %');
SELECT ok((SELECT abs(top_share(m, 4) - 0.9113) < 0.00005 FROM mcs_mix WHERE year = 2024), 'CR4 2024 = 91.13 %');
SELECT results_eq(
    $$SELECT supplier FROM shares((SELECT m FROM mcs_mix WHERE year = 2023)) WHERE rank <= 3$$,
    ARRAY['CHN', 'MMR', 'USA'],
    'the CR3 suppliers of 2023 are China, Burma, United States');
SELECT results_eq(
    $$SELECT supplier, rank FROM shares((SELECT m FROM mcs_mix WHERE year = 2024)) WHERE rank BETWEEN 4 AND 6$$,
    $$VALUES ('AUS', 4), ('NGA', 5), ('THA', 6)$$,
    '2024: Australia, Nigeria and Thailand tie at 13,000 t and rank in byte order of their codes');
SELECT results_eq(
    $$SELECT supplier, volume, rank FROM shares((SELECT m FROM mcs_mix WHERE year = 2023)) WHERE supplier IS NULL$$,
    $$VALUES (NULL::text, 1440::float8, NULL::int)$$,
    'Other (1,440 t in 2023) is the unranked unattributed row of shares()');

-- ---------------------------------------------------------------------
-- Numbers-equivalent, normalised HHI, Shannon
-- ---------------------------------------------------------------------
SELECT ok((SELECT abs(equivalent_suppliers(m) - 2.05) < 0.005 FROM mcs_mix WHERE year = 2023),
          'numbers-equivalent 2023 = 2.05');
SELECT ok((SELECT abs(equivalent_suppliers(m) - 2.03) < 0.005 FROM mcs_mix WHERE year = 2024),
          'numbers-equivalent 2024 = 2.03');
SELECT ok((SELECT abs(normalized_hhi(m) - (0.491189 - 1.0 / 12) / (11.0 / 12)) < 1e-5 FROM mcs_mix WHERE year = 2023),
          'normalized_hhi 2023 = (H_named - 1/12)/(11/12) from the published named-only HHI 4,911.89');
SELECT ok((SELECT abs(normalized_hhi(m) - (0.495116 - 1.0 / 12) / (11.0 / 12)) < 1e-5 FROM mcs_mix WHERE year = 2024),
          'normalized_hhi 2024 = (H_named - 1/12)/(11/12) from the published named-only HHI 4,951.16');
SELECT ok((SELECT abs(normalized_hhi(m) - (
              SELECT (sum((e.s / n.t)^2) - 1.0 / 12) / (1 - 1.0 / 12)
                FROM mcs_exact e, (SELECT sum(s) t FROM mcs_exact WHERE year = 2024) n WHERE e.year = 2024))
                  < 1e-12 FROM mcs_mix WHERE year = 2024),
          'normalized_hhi 2024 matches the exact numeric computation');
SELECT ok((SELECT abs(shannon_diversity(m) - (SELECT -sum(s * ln(s)) FROM mcs_exact e WHERE e.year = 2023))
                  < 1e-12 FROM mcs_mix WHERE year = 2023),
          'shannon_diversity 2023 (named suppliers, shares of the grand total) matches numeric: 1.12379');
SELECT ok((SELECT abs(shannon_diversity(m) - (SELECT -sum(s * ln(s)) FROM mcs_exact e WHERE e.year = 2024))
                  < 1e-12 FROM mcs_mix WHERE year = 2024),
          'shannon_diversity 2024 (named suppliers, shares of the grand total) matches numeric: 1.14821');
SELECT ok((SELECT abs(shannon_diversity(m) - 1.1451) < 0.00005 FROM mcs_other WHERE year = 2023),
          'with Other as a named supplier, Shannon 2023 = 1.1451 (table 6.3)');
SELECT ok((SELECT abs(shannon_diversity(m) - 1.1646) < 0.00005 FROM mcs_other WHERE year = 2024),
          'with Other as a named supplier, Shannon 2024 = 1.1646 (table 6.3)');
SELECT ok((SELECT abs(exp(shannon_diversity(m)) - 3.14) < 0.005 FROM mcs_other WHERE year = 2023),
          'with Other as a named supplier, exp(Shannon) 2023 = 3.14 (table 6.3)');
SELECT ok((SELECT abs(normalized_hhi(m) - 0.4447) < 0.00005 FROM mcs_other WHERE year = 2023),
          'with Other as a named supplier (N = 13), range-normalised H* 2023 = 0.4447 (table 6.3)');
SELECT ok((SELECT abs(normalized_hhi(m) - 0.4501) < 0.00005 FROM mcs_other WHERE year = 2024),
          'with Other as a named supplier (N = 13), range-normalised H* 2024 = 0.4501 (table 6.3)');

-- The profile agrees with every published figure at once
SELECT results_eq(
    $$SELECT year, round((p).total::numeric), (p).suppliers, round((p).hhi::numeric, 2),
             round((p).equivalent_suppliers::numeric, 2), (p).top_supplier, round((p).top_share::numeric, 4),
             round((p).cr3::numeric, 4)
        FROM (SELECT year, concentration(country, tonnes) AS p FROM mcs GROUP BY year) x ORDER BY year$$,
    $$VALUES (2023, 376090::numeric, 12, 4874.35, 2.05, 'CHN', 0.6780, 0.9030),
             (2024, 393950, 12, 4923.55, 2.03, 'CHN', 0.6854, 0.8783)$$,
    'concentration(country, tonnes) by year reproduces table 6.3');

-- ---------------------------------------------------------------------
-- Stored yearly mixes merge into the two-year mix
-- ---------------------------------------------------------------------
SELECT is((SELECT supply_mix_merge(m)::text FROM mcs_mix), (SELECT supply_mix(country, tonnes)::text FROM mcs),
          'merging the stored 2023 and 2024 mixes equals aggregating both years'' rows');
SELECT is((SELECT total(supply_mix_merge(m)) FROM mcs_mix), 770040::float8, 'merged total is 376,090 + 393,950');

-- ---------------------------------------------------------------------
-- 6.2: MCS 2023 edition, 2022 data, 10 named countries, row sum 300,940
-- ---------------------------------------------------------------------
SELECT ok((SELECT abs(concentration_hhi(s, v) - 5135) < 0.5
             FROM (VALUES ('CHN', 210000::float8), ('USA', 43000), ('AUS', 18000), ('MMR', 12000), ('THA', 7100),
                          ('VNM', 4300), ('IND', 2900), ('RUS', 2600), ('MDG', 960), ('BRA', 80)) t(s, v)),
          'MCS 2023 edition (2022 data): HHI = 5,135 on the row sum 300,940');
SELECT ok((SELECT abs(concentration_ratio(s, v, 1) - 0.698) < 0.0005
             FROM (VALUES ('CHN', 210000::float8), ('USA', 43000), ('AUS', 18000), ('MMR', 12000), ('THA', 7100),
                          ('VNM', 4300), ('IND', 2900), ('RUS', 2600), ('MDG', 960), ('BRA', 80)) t(s, v)),
          'MCS 2023 edition (2022 data): China = 69.8 %');

-- ---------------------------------------------------------------------
-- 6.4: U.S. import sources of REE compounds and metals, 2020-23:
-- China 70 %, Malaysia 13 %, Japan 6 %, Estonia 5 %, other 6 %
-- ---------------------------------------------------------------------
CREATE TEMP TABLE us_imports (partner text, pct float8);
INSERT INTO us_imports VALUES ('CHN', 70), ('MYS', 13), ('JPN', 6), ('EST', 5), (NULL, 6);

SELECT ok((SELECT abs(concentration_hhi(partner, pct) - 5130) < 1e-9 FROM us_imports),
          'U.S. import sources: HHI = 5,130 with other dropped from the squares');
SELECT ok((SELECT abs(concentration_hhi(coalesce(partner, 'other'), pct) - 5166) < 1e-9 FROM us_imports),
          'U.S. import sources: HHI = 5,166 with other as one supplier');
SELECT is((SELECT ROW((p).total, (p).suppliers, (p).top_supplier, (p).top_share, (p).cr3)::text
             FROM (SELECT concentration(partner, pct) AS p FROM us_imports) x),
          '(100,4,CHN,0.7,0.89)',
          'U.S. import sources: total 100, 4 suppliers, China on top with 70 %, CR3 = 89 %');
SELECT ok((SELECT abs(concentration_ratio(partner, pct, 4) - 0.94) < 1e-15 FROM us_imports),
          'U.S. import sources: CR4 = 94 % (the named share)');
SELECT ok((SELECT abs(normalized_hhi(supply_mix(partner, pct)) - ((5130.0 / 8836) - 0.25) / 0.75) < 1e-12
             FROM us_imports),
          'U.S. import sources: normalized_hhi over the named 94 % is (5130/8836 - 1/4)/(3/4)');

SELECT * FROM finish();
ROLLBACK;

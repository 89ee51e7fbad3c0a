-- Concentration measures, over rows and over a mix
SET extra_float_digits = 0;
SET search_path = rarerisk, public;

-- USGS MCS 2025 world rare-earth mine production, t REO ("Other" unattributed)
CREATE TABLE ree_mine (year int, country text, tonnes float8);
INSERT INTO ree_mine VALUES
 (2023, 'USA', 41600), (2023, 'AUS', 16000), (2023, 'BRA', 140), (2023, 'MMR', 43000),
 (2023, 'CHN', 255000), (2023, 'IND', 2900), (2023, 'MDG', 2100), (2023, 'MYS', 310),
 (2023, 'NGA', 7200), (2023, 'RUS', 2500), (2023, 'THA', 3600), (2023, 'VNM', 300),
 (2023, NULL, 1440),
 (2024, 'USA', 45000), (2024, 'AUS', 13000), (2024, 'BRA', 20), (2024, 'MMR', 31000),
 (2024, 'CHN', 270000), (2024, 'IND', 2900), (2024, 'MDG', 2000), (2024, 'MYS', 130),
 (2024, 'NGA', 13000), (2024, 'RUS', 2500), (2024, 'THA', 13000), (2024, 'VNM', 300),
 (2024, NULL, 1100);

-- domain.md 6.3: HHI 4,874.35 (2023) and 4,923.55 (2024) with Other in the
-- denominator only; CR3 90.30 % and 87.83 %
SELECT year,
       round(concentration_hhi(country, tonnes)::numeric, 2) AS hhi,
       round(concentration_ratio(country, tonnes, 1)::numeric, 4) AS cr1,
       round(concentration_ratio(country, tonnes, 3)::numeric, 4) AS cr3,
       top_supplier(country, tonnes)
  FROM ree_mine GROUP BY year ORDER BY year;

SELECT year, total, suppliers, round(hhi::numeric, 2) AS hhi,
       round(normalized_hhi::numeric, 4) AS normalized_hhi,
       round(equivalent_suppliers::numeric, 3) AS equivalent_suppliers,
       top_supplier, round(top_share::numeric, 4) AS top_share,
       round(cr3::numeric, 4) AS cr3, round(shannon::numeric, 4) AS shannon
  FROM (SELECT year, (concentration(country, tonnes)).* FROM ree_mine GROUP BY year) s
 ORDER BY year;

-- the scalars over a stored mix agree with the aggregates
WITH m AS (SELECT year, supply_mix(country, tonnes) AS mix FROM ree_mine GROUP BY year)
SELECT year,
       hhi(mix) = (SELECT concentration_hhi(country, tonnes) FROM ree_mine r WHERE r.year = m.year) AS hhi_same,
       top_share(mix, 3) = (concentration(mix)).cr3 AS cr3_same,
       round(equivalent_suppliers(mix)::numeric, 6) = round((10000 / hhi(mix))::numeric, 6) AS equivalent,
       round(shannon_diversity(mix)::numeric, 4) AS shannon,
       round(normalized_hhi(mix)::numeric, 4) AS normalized,
       top_supplier(mix)
  FROM m ORDER BY year;

SELECT supplier, volume, round(share::numeric, 4) AS share, rank
  FROM shares((SELECT supply_mix(country, tonnes) FROM ree_mine WHERE year = 2024));

-- conventions: monopoly, equal shares, ties, unattributed only, zero total
SELECT hhi('{"suppliers": {"CHN": 5}}') AS monopoly,
       hhi('{"suppliers": {"A": 1, "B": 1, "C": 1, "D": 1}}') AS four_equal,
       equivalent_suppliers('{"suppliers": {"A": 1, "B": 1, "C": 1, "D": 1}}') AS equivalent,
       round(shannon_diversity('{"suppliers": {"A": 1, "B": 1, "C": 1, "D": 1}}')::numeric, 12) = round(ln(4::numeric), 12) AS shannon_ln4,
       normalized_hhi('{"suppliers": {"A": 1, "B": 1}}') AS normalized_equal,
       normalized_hhi('{"suppliers": {"A": 1}, "unattributed": 99}') AS normalized_single;
SELECT top_supplier('{"suppliers": {"b": 5, "a": 5, "B": 5, "AB": 5}}') AS tie_smallest_code,
       top_supplier('{"suppliers": {"A": 0}, "unattributed": 5}') AS no_named_volume,
       hhi('{"unattributed": 5}') AS unattributed_only,
       equivalent_suppliers('{"unattributed": 5}') AS equivalent_none,
       top_share('{"unattributed": 5}', 1) AS cr1_none,
       hhi('{"suppliers": {"A": 0}}') AS zero_total,
       supplier_count('{"suppliers": {"A": 0, "B": 1}}') AS count_positive;
SELECT concentration('{"suppliers": {"A": 0}}');
SELECT concentration('{"unattributed": 5}');
SELECT top_share('{"suppliers": {"A": 3, "B": 2, "C": 1}}', k) AS crk
  FROM generate_series(1, 4) k;

-- aggregates over no rows are NULL
SELECT concentration_hhi(country, tonnes), concentration_ratio(country, tonnes, 2),
       top_supplier(country, tonnes), concentration(country, tonnes)
  FROM ree_mine WHERE false;

-- integer and numeric volumes work through implicit casts
SELECT concentration_hhi(s, v::int), concentration_hhi(s, v::bigint), concentration_hhi(s, v::numeric)
  FROM (VALUES ('A', 3), ('B', 1)) t(s, v);

-- as a window aggregate (running concentration)
SELECT year, country, round(concentration_hhi(country, tonnes) OVER (ORDER BY tonnes DESC, country)::numeric, 1) AS running_hhi
  FROM ree_mine WHERE year = 2024 AND country IS NOT NULL ORDER BY tonnes DESC, country LIMIT 4;

DROP TABLE ree_mine;

-- Exactness: every measure against an exact numeric computation of the same
-- formula, to 1e-9 relative, on deterministic pseudo-random data and on the
-- real U.S. rare-earth import data.
SET search_path = rarerisk, public;

-- groups of 1 to 10,000 suppliers, volumes from 1e-3 to 1e13, duplicate
-- supplier rows, NULL suppliers and NULL volumes
CREATE TABLE rows_ AS
WITH g AS (
  SELECT g, (CASE g % 4 WHEN 0 THEN 1 WHEN 1 THEN 7 WHEN 2 THEN 300 ELSE 10000 END) AS n
    FROM generate_series(1, 12) g
)
SELECT g.g AS grp,
       CASE WHEN (i * 7919) % 97 = 0 THEN NULL ELSE 'S' || ((i * 2654435761) % n) END AS supplier,
       CASE WHEN (i * 104729) % 89 = 0 THEN NULL
            ELSE power(10::float8, ((i * 48271) % 16000) / 1000.0 - 3) END AS volume
  FROM g, generate_series(1::bigint, 3 * n) i;

WITH exact AS (
  SELECT grp, sum(v) FILTER (WHERE supplier IS NOT NULL) AS named, sum(v) AS total
    FROM (SELECT grp, supplier, sum(volume::numeric) AS v FROM rows_ GROUP BY 1, 2) s
   GROUP BY 1
), per AS (
  SELECT grp, supplier, sum(volume::numeric) AS v
    FROM rows_ WHERE supplier IS NOT NULL GROUP BY 1, 2 HAVING sum(volume::numeric) IS NOT NULL
), ref AS (
  SELECT e.grp,
         10000 * sum((p.v / e.total) ^ 2) AS hhi,
         max(p.v) / e.total AS cr1,
         -sum((p.v / e.total) * ln(p.v / e.total)) FILTER (WHERE p.v > 0) AS shannon,
         CASE WHEN count(*) FILTER (WHERE p.v > 0) = 1 THEN 1
              ELSE (sum((p.v / e.named) ^ 2) - 1.0 / count(*) FILTER (WHERE p.v > 0))
                   / (1 - 1.0 / count(*) FILTER (WHERE p.v > 0)) END AS normalized,
         e.total
    FROM exact e JOIN per p USING (grp) GROUP BY e.grp, e.total, e.named
), got AS (
  SELECT grp, (concentration(supplier, volume)).*,
         concentration_hhi(supplier, volume) AS agg_hhi
    FROM rows_ GROUP BY grp
)
SELECT count(*) AS groups,
       max(abs(g.hhi::numeric - r.hhi) / r.hhi) < 1e-9 AS hhi_exact,
       max(abs(g.agg_hhi::numeric - r.hhi) / r.hhi) < 1e-9 AS agg_hhi_exact,
       max(abs(g.total::numeric - r.total) / r.total) < 1e-12 AS total_exact,
       max(abs(g.top_share::numeric - r.cr1) / r.cr1) < 1e-9 AS cr1_exact,
       max(abs(g.shannon::numeric - r.shannon) / greatest(r.shannon, 1e-300)) < 1e-9 AS shannon_exact,
       max(abs(g.normalized_hhi::numeric - r.normalized)) < 1e-9 AS normalized_exact
  FROM got g JOIN ref r USING (grp);

-- CR3 exactly
WITH per AS (
  SELECT grp, supplier, sum(volume::numeric) AS v,
         row_number() OVER (PARTITION BY grp ORDER BY sum(volume::numeric) DESC) AS r
    FROM rows_ WHERE supplier IS NOT NULL AND volume IS NOT NULL GROUP BY 1, 2
), tot AS (SELECT grp, sum(volume::numeric) AS t FROM rows_ GROUP BY 1)
SELECT bool_and(abs(c.cr3::numeric - x.cr3) / x.cr3 < 1e-9) AS cr3_exact
  FROM (SELECT grp, sum(v) FILTER (WHERE r <= 3) / max(t) AS cr3
          FROM per JOIN tot USING (grp) GROUP BY grp) x
  JOIN (SELECT grp, concentration_ratio(supplier, volume, 3) AS cr3 FROM rows_ GROUP BY grp) c USING (grp);

-- one group whose volumes span 1e-3 .. 1e13, a million small rows against a
-- few huge ones: naive summation would lose the small ones
CREATE TABLE wide AS
  SELECT CASE WHEN i <= 3 THEN 'BIG' || i ELSE 'small' || (i % 7) END AS supplier,
         CASE WHEN i <= 3 THEN 1e13 ELSE 1e-3 END::float8 AS volume
    FROM generate_series(1, 1000000) i;
WITH exact AS (
  SELECT 10000 * sum((v / t) ^ 2) AS hhi, t
    FROM (SELECT supplier, sum(volume::numeric) AS v FROM wide GROUP BY 1) s,
         (SELECT sum(volume::numeric) AS t FROM wide) tt GROUP BY t
)
SELECT abs(concentration_hhi(supplier, volume)::numeric - hhi) / hhi < 1e-12 AS hhi_exact,
       abs(total(supply_mix(supplier, volume))::numeric - t) / t < 1e-15 AS total_exact,
       (SELECT volume FROM shares((SELECT supply_mix(supplier, volume) FROM wide))
         WHERE supplier = 'small0') = 142857 * 1e-3 AS small_sum_exact
  FROM wide, exact GROUP BY hhi, t;

-- the real U.S. rare-earth imports (data/us_ree_imports.csv), every HS code and year
CREATE TABLE us_ree (hs6 text, year int, partner_iso3 text, partner_name text,
                     import_value_usd numeric, comtrade_partner_code int,
                     source_share numeric, source_rank int);
\copy us_ree FROM 'data/us_ree_imports.csv' WITH (FORMAT csv, HEADER)
WITH per AS (
  SELECT hs6, year, partner_iso3, sum(import_value_usd) AS v FROM us_ree GROUP BY 1, 2, 3
), ref AS (
  SELECT hs6, year, 10000 * sum((v / t) ^ 2) AS hhi
    FROM per JOIN (SELECT hs6, year, sum(v) AS t FROM per GROUP BY 1, 2) tt USING (hs6, year)
   GROUP BY 1, 2
)
SELECT count(*) AS hs_code_years,
       max(abs(c.hhi::numeric - r.hhi) / r.hhi) < 1e-9 AS hhi_exact
  FROM ref r
  JOIN (SELECT hs6, year, concentration_hhi(partner_iso3, import_value_usd::float8) AS hhi
          FROM us_ree GROUP BY 1, 2) c USING (hs6, year);

DROP TABLE rows_, wide, us_ree;

-- demo/report.sql -- rarerisk headline report on the sample data.
--
-- Prerequisites (done by the caller, e.g. `make demo`):
--     CREATE EXTENSION rarerisk;
--     \i data/load.sql            -- schema rarerisk_sample
-- then:
--     psql -X -f demo/report.sql
--
-- Layout: section 0 sets up output formatting, helpers and the per-group
-- supply mixes that every later section reuses; sections 1 and 2 print the
-- concentration report.  New sections (embargo scenarios, worst supplier, ...)
-- go at the end, each under its own banner comment like the ones below.

-- ===========================================================================
-- 0. Set-up: psql output, helpers, stored mixes
-- ===========================================================================
\set ON_ERROR_STOP on
\set QUIET on
\pset format aligned
\pset border 1
\pset linestyle ascii
\pset footer off
\pset null ''
\pset numericlocale on
\timing off
SET client_min_messages = warning;
SET client_encoding = 'UTF8';

-- DOJ/FTC 2010 Horizontal Merger Guidelines bands on the 0-10,000 HHI scale.
CREATE FUNCTION pg_temp.doj_band(hhi float8) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE
             WHEN hhi IS NULL  THEN NULL
             WHEN hhi > 2500   THEN 'highly concentrated'
             WHEN hhi >= 1500  THEN 'moderately concentrated'
             ELSE                   'unconcentrated'
           END
$$;

-- 12345.6 -> '12,346'   (for text lines; table columns use \pset numericlocale)
CREATE FUNCTION pg_temp.n0(x float8) RETURNS text
LANGUAGE sql IMMUTABLE AS $$ SELECT to_char(round(x::numeric), 'FM999,999,999,999,990') $$;

-- a quantity of any size: 12,346 / 26.4 / 0.000078
CREATE FUNCTION pg_temp.qty(x numeric) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN x >= 100 THEN to_char(round(x), 'FM999,999,999,990')
                WHEN x >= 1 THEN to_char(x, 'FM990.0')
                ELSE rtrim(to_char(x, 'FM0.000000'), '0') END
$$;

-- 0.68537 -> '68.5 %'
CREATE FUNCTION pg_temp.pct(x float8) RETURNS text
LANGUAGE sql IMMUTABLE AS $$ SELECT to_char(100 * x::numeric, 'FM990.0') || ' %' $$;

-- Readable labels for the HS codes of the sample.
CREATE TEMP TABLE report_hs (hs6 text PRIMARY KEY, label text NOT NULL);
INSERT INTO report_hs VALUES
    ('280530', 'rare-earth metals'),
    ('284610', 'cerium compounds'),
    ('284690', 'other rare-earth compounds'),
    ('850511', 'permanent magnets (NdFeB, SmCo)');

-- Country names for supplier codes (sample data only; the extension's
-- rarerisk.country is the general source).
CREATE TEMP TABLE report_country AS
SELECT DISTINCT ON (iso3) iso3, name
FROM (SELECT iso3, country AS name, 1 AS pref
        FROM rarerisk_sample.world_mine_production WHERE iso3 IS NOT NULL
      UNION ALL
      SELECT partner_iso3, partner_name, 2
        FROM rarerisk_sample.us_ree_imports WHERE partner_iso3 IS NOT NULL) s
ORDER BY iso3, pref, name;

-- One supply mix per U.S. import series (HS code x year), value in USD.
CREATE TEMP TABLE report_us_mix AS
SELECT hs6, year,
       rarerisk.supply_mix(partner_iso3, import_value_usd::float8) AS mix
FROM rarerisk_sample.us_ree_imports
GROUP BY hs6, year;

-- One supply mix per USGS edition x year of world rare-earth mine production
-- (t REO).  "Other countries" has iso3 NULL: unattributed, in the total only.
CREATE TEMP TABLE report_world_mix AS
SELECT edition, year,
       rarerisk.supply_mix(iso3, production::float8) AS mix
FROM rarerisk_sample.world_mine_production
WHERE commodity = 'Rare earths'
GROUP BY edition, year;

\echo
\echo '=============================================================================='
\echo ' rarerisk -- supply concentration of rare earths'
\echo '=============================================================================='
\echo ' HHI = sum of squared supplier shares in percent, 0-10,000 (monopoly = 10,000).'
\echo ' DOJ/FTC 2010 bands: > 2,500 highly concentrated, 1,500-2,500 moderately,'
\echo ' < 1,500 unconcentrated.  Equivalent suppliers = 10,000 / HHI.'
\echo ' Unattributed volume counts in the total, never as a supplier.'

-- ===========================================================================
-- 1. U.S. rare-earth imports: concentration by HS code and year
-- ===========================================================================
\echo
\echo '------------------------------------------------------------------------------'
\echo ' 1. U.S. imports of rare-earth products, by supplier country (value, USD)'
\echo '    UN Comtrade via akashok1 (see data/SOURCES.md); 2025 may be provisional'
\echo '------------------------------------------------------------------------------'

CREATE TEMP TABLE report_us_profile AS
SELECT hs6, year, (c).*
FROM (SELECT hs6, year,
             rarerisk.concentration(partner_iso3, import_value_usd::float8) AS c
      FROM rarerisk_sample.us_ree_imports
      GROUP BY hs6, year) s;

SELECT CASE WHEN year = min(year) OVER (PARTITION BY hs6) THEN hs6 ELSE '' END AS "HS",
       year::text                                   AS "year",
       round((total / 1e6)::numeric, 1)             AS "USD m",
       suppliers                                    AS "suppliers",
       round(hhi::numeric)                          AS "HHI",
       top_supplier                                 AS "top",
       round(100 * top_share::numeric, 1)           AS "top %",
       round(100 * cr3::numeric, 1)                 AS "CR3 %",
       round(equivalent_suppliers::numeric, 1)      AS "equiv."
FROM report_us_profile
ORDER BY hs6, year;

\echo ' Shares (top %, CR3 %, HHI) are of import value in USD, not of tonnage.'
\echo
\echo ' HS codes:'
SELECT '   ' || hs6 || '  ' || label FROM report_hs ORDER BY hs6 \g (tuples_only=on)

\echo ' Trend per series, first to last year (least-squares slope of HHI on year;'
\echo ' rising/falling when the slope moves HHI by more than 100 points a year).'
\echo ' The slope weighs every year, the change between the endpoints only two: both'
\echo ' are shown, and a note where they point different ways.'
SELECT l.line
FROM (SELECT p.hs6, h.label,
             count(*) AS years,
             count(*) FILTER (WHERE pg_temp.doj_band(hhi) = 'highly concentrated') AS high,
             min(year) AS first_year, max(year) AS last_year,
             (array_agg(hhi ORDER BY year))[1]               AS first_hhi,
             (array_agg(hhi ORDER BY year DESC))[1]          AS last_hhi,
             regr_slope(hhi, year)                           AS slope,
             (array_agg(top_supplier ORDER BY year DESC))[1] AS last_top,
             (array_agg(top_share ORDER BY year DESC))[1]    AS last_top_share
      FROM report_us_profile p JOIN report_hs h USING (hs6)
      GROUP BY p.hs6, h.label) v
CROSS JOIN LATERAL (SELECT CASE WHEN v.slope > 100 THEN 'rising' WHEN v.slope < -100 THEN 'falling'
                                ELSE 'flat' END AS by_slope) t
CROSS JOIN LATERAL (VALUES
    (1, format('   %s %s: %s', v.hs6, v.label,
               CASE WHEN v.high = v.years THEN 'highly concentrated every year'
                    ELSE format('highly concentrated in %s of %s years', v.high, v.years) END)),
    (2, format('          HHI %s (%s) -> %s (%s): endpoints %s%s, slope %s/yr: %s%s',
               pg_temp.n0(v.first_hhi), v.first_year, pg_temp.n0(v.last_hhi), v.last_year,
               CASE WHEN v.last_hhi >= v.first_hhi THEN '+' ELSE '-' END,
               pg_temp.n0(abs(v.last_hhi - v.first_hhi)),
               CASE WHEN v.slope >= 0 THEN '+' ELSE '-' END || pg_temp.n0(abs(v.slope)),
               t.by_slope, '')),
    (3, CASE WHEN sign(v.slope) <> sign(v.last_hhi - v.first_hhi)
             THEN format('          (the slope and the endpoints disagree: %s is %s the trend of the other years)',
                         v.last_year, CASE WHEN v.last_hhi < v.first_hhi THEN 'below' ELSE 'above' END) END),
    (4, format('          %s: %s supplies %s', v.last_year, v.last_top, pg_temp.pct(v.last_top_share)))
) AS l(n, line)
WHERE l.line IS NOT NULL
ORDER BY v.hs6, l.n \g (tuples_only=on)

-- ===========================================================================
-- 2. World rare-earth mine production (USGS MCS 2026, the newest edition)
-- ===========================================================================
\echo
\echo '------------------------------------------------------------------------------'
\echo ' 2. World rare-earth mine production, t rare-earth-oxide equivalent'
\echo '    USGS Mineral Commodity Summaries 2026, the newest edition (2025 = estimate)'
\echo '------------------------------------------------------------------------------'

CREATE TEMP TABLE report_world_profile AS
SELECT year, (c).*
FROM (SELECT year, rarerisk.concentration(iso3, production::float8) AS c
      FROM rarerisk_sample.world_mine_production
      WHERE edition = 'MCS2026' AND commodity = 'Rare earths' AND year IN (2024, 2025)
      GROUP BY year) s;

SELECT year::text                                   AS "year",
       round(total::numeric)                        AS "t REO",
       suppliers                                    AS "producers",
       round(hhi::numeric)                          AS "HHI",
       top_supplier                                 AS "top",
       round(100 * top_share::numeric, 1)           AS "top %",
       round(100 * cr3::numeric, 1)                 AS "CR3 %",
       round(equivalent_suppliers::numeric, 2)      AS "equiv.",
       round(shannon::numeric, 2)                   AS "Shannon"
FROM report_world_profile
ORDER BY year;

\echo ' Shares by country (rarerisk.shares):'
WITH s AS (
    SELECT m.year, x.supplier, x.volume, x.share, x.rank
    FROM report_world_mix m, LATERAL rarerisk.shares(m.mix) x
    WHERE m.edition = 'MCS2026' AND m.year IN (2024, 2025)
)
SELECT coalesce(c.name || ' (' || k.supplier || ')', 'Other countries (unattributed)') AS "country",
       round(a.volume::numeric)                 AS "2024 t",
       round(100 * a.share::numeric, 1)         AS "2024 %",
       round(b.volume::numeric)                 AS "2025e t",
       round(100 * b.share::numeric, 1)         AS "2025e %",
       b.rank                                   AS "rank"
FROM (SELECT DISTINCT supplier FROM s) k
LEFT JOIN s a ON a.year = 2024 AND a.supplier IS NOT DISTINCT FROM k.supplier
LEFT JOIN s b ON b.year = 2025 AND b.supplier IS NOT DISTINCT FROM k.supplier
LEFT JOIN report_country c ON c.iso3 = k.supplier
ORDER BY k.supplier IS NULL, b.rank NULLS LAST, a.rank NULLS LAST, k.supplier;

\echo ' Verdict:'
SELECT format('   %-5s HHI %s, %s (%s %s, %s equiv. producers)',
              year || CASE WHEN year = 2025 THEN 'e' ELSE '' END,
              pg_temp.n0(hhi), pg_temp.doj_band(hhi),
              coalesce(c.name, top_supplier), pg_temp.pct(top_share),
              to_char(equivalent_suppliers, 'FM990.00'))
FROM report_world_profile p LEFT JOIN report_country c ON c.iso3 = p.top_supplier
ORDER BY year \g (tuples_only=on)

\echo ' Same years, other editions (USGS revises: key data by edition + year):'
SELECT p.edition                                    AS "edition",
       p.year::text                                 AS "year",
       round((p.c).total::numeric)                  AS "t REO",
       round(100 * chn.share::numeric, 1)           AS "China %",
       round((p.c).hhi::numeric)                    AS "HHI",
       round(100 * (p.c).cr3::numeric, 1)           AS "CR3 %",
       (p.c).suppliers                              AS "producers"
FROM (SELECT edition, year, rarerisk.concentration(iso3, production::float8) AS c
      FROM rarerisk_sample.world_mine_production
      WHERE commodity = 'Rare earths'
      GROUP BY edition, year) p
JOIN report_world_mix m USING (edition, year)
LEFT JOIN LATERAL (SELECT x.share FROM rarerisk.shares(m.mix) x
                   WHERE x.supplier = 'CHN') chn ON true
ORDER BY p.year, p.edition;
\echo '   (MCS2024 has no "Other countries" row; 0 and NULL rows are not producers.)'

-- ===========================================================================
-- 3. (reserved) Embargo scenarios -- append new sections below this line.
--    Available: temp tables report_us_mix(hs6, year, mix),
--    report_world_mix(edition, year, mix), report_us_profile,
--    report_world_profile, report_hs(hs6, label), report_country(iso3, name);
--    helpers pg_temp.doj_band(hhi), pg_temp.n0(x), pg_temp.pct(x).
-- ===========================================================================

\echo

-- ===========================================================================
-- 3. A Chinese embargo on U.S. rare-earth imports
-- ===========================================================================

\echo '------------------------------------------------------------------------------'
\echo ' 3. If China stopped shipping: U.S. rare-earth imports, 2024 (USD basis)'
\echo '    A one-year total embargo (intensity 1, horizon = period = 365 days).'
\echo '    Spare assumption: every other supplier can ship 20 % more than it did.'
\echo '------------------------------------------------------------------------------'
\echo ' Shortfall, % of a year''s demand, with no stocks, 60 or 180 days of stocks,'
\echo ' and 60 days of stocks plus the spare capacity of the other suppliers:'

CREATE TEMP TABLE report_us_spare AS
SELECT hs6, rarerisk.supply_mix(partner_iso3, import_value_usd::float8,
                                CASE WHEN partner_iso3 = 'CHN' THEN 0
                                     ELSE 0.2 * import_value_usd::float8 END) AS mix
FROM rarerisk_sample.us_ree_imports
WHERE year = 2024
GROUP BY hs6;

SELECT s.hs6                                                                       AS "HS",
       round(100 * rarerisk.embargo_shortfall(m.mix, rarerisk.embargo(ARRAY['CHN']))::numeric, 1)
                                                                                   AS "no stock",
       round(100 * rarerisk.embargo_shortfall(m.mix, rarerisk.embargo(ARRAY['CHN'], stock_days => 60))::numeric, 1)
                                                                                   AS "60 d",
       round(100 * rarerisk.embargo_shortfall(m.mix, rarerisk.embargo(ARRAY['CHN'], stock_days => 180))::numeric, 1)
                                                                                   AS "180 d",
       round(100 * (i).shortfall_share::numeric, 1)                                AS "60 d+spare",
       CASE WHEN (i).days_to_shortage IS NULL THEN 'no gap'
            WHEN (i).days_to_shortage > 365 THEN '> horizon'
            ELSE to_char((i).days_to_shortage, 'FM9,990') END                      AS "days left",
       array_to_string((w).suppliers, ',') || ' ' ||
         to_char(100 * (w).shortfall_share::numeric, 'FM990.0') || ' %'           AS "worst single"
FROM report_us_spare s
JOIN report_us_mix m ON m.hs6 = s.hs6 AND m.year = 2024
CROSS JOIN LATERAL (SELECT rarerisk.embargo_impact(s.mix, rarerisk.embargo(ARRAY['CHN'], stock_days => 60)) AS i,
                           rarerisk.worst_embargo(s.mix, 1, rarerisk.embargo(ARRAY['CHN'], stock_days => 60)) AS w) x
ORDER BY s.hs6;
\echo
\echo '   Days left: how long 60 days of stocks last once the gap opens (with spare);'
\echo '   "> horizon": they outlast the 365-day embargo, so there is no shortage in it.'
\echo '   Worst single: the one supplier whose embargo alone hurts most (60 d stocks,'
\echo '   spare), with its shortfall -- the single point of failure.'
\echo



-- ===========================================================================
-- 4. Criticality: the EU CRM method, from shipped data and the EU's inputs
-- ===========================================================================
\echo
\echo '------------------------------------------------------------------------------'
\echo ' 4. Criticality of the rare earths (EU CRM method)'
\echo '------------------------------------------------------------------------------'
\echo ' a) Computed from shipped data: world mine production (USGS MCS 2025) x'
\echo '    World Bank WGI (latest year, 2018), trade factor t = 1 (the EU lists no'
\echo '    trade measure on rare earths).  EoL-RIR 1 % and SI 0.99 are the EU''s'
\echo '    inputs for neodymium.'

-- Per producer: share of world output (unattributed "Other countries" is in
-- the total only, as supplier NULL), WGI six-indicator mean and the EU
-- governance risk 0-10.
CREATE TEMP TABLE report_gov_shares AS
SELECT m.year, x.supplier, x.volume, x.share, g.wgi_mean,
       rarerisk.wgi_risk(g.wgi_mean::float8) AS risk
FROM report_world_mix m
CROSS JOIN LATERAL rarerisk.shares(m.mix) x
LEFT JOIN rarerisk_sample.wgi_governance g ON g.iso3 = x.supplier
WHERE m.edition = 'MCS2025' AND m.year IN (2023, 2024);

-- Every named producer must have a WGI score: hhi_wgi_t refuses a NULL one.
CREATE TEMP TABLE report_gov AS
SELECT year,
       rarerisk.hhi_wgi_t(supplier, volume, risk, 1.0)              AS hhi_wgi_t,
       rarerisk.concentration_hhi(supplier, volume) / 10000          AS hhi_fraction,
       max(risk) FILTER (WHERE supplier = 'CHN')                     AS china_risk
FROM report_gov_shares
GROUP BY year;

SELECT year::text                                                   AS "year",
       round((10000 * hhi_fraction)::numeric)                       AS "HHI",
       round(china_risk::numeric, 2)                                AS "China risk",
       round(hhi_wgi_t::numeric, 2)                                 AS "HHI_WGI,t",
       0.01                                                         AS "EoL-RIR",
       0.99                                                         AS "SI",
       round(rarerisk.eu_supply_risk(hhi_wgi_t, NULL, NULL, 0.01, 0.99)::numeric, 1)
                                                                    AS "SR extraction"
FROM report_gov
ORDER BY year;

\echo ' Largest contributions to HHI_WGI,t, 2024 (share^2 x risk x t):'
SELECT supplier                                                     AS "producer",
       coalesce(c.name, supplier)                                   AS "name",
       round(100 * share::numeric, 1)                               AS "share %",
       round(wgi_mean, 2)                                           AS "WGI mean",
       round(risk::numeric, 2)                                      AS "risk 0-10",
       round((share ^ 2 * risk)::numeric, 3)                        AS "contribution"
FROM report_gov_shares s
LEFT JOIN report_country c ON c.iso3 = s.supplier
WHERE year = 2024 AND s.supplier IS NOT NULL
ORDER BY share ^ 2 * risk DESC, supplier
LIMIT 5;

\echo
\echo ' b) The EU 2023 assessment (rarerisk.eu_assessment_2023).  The EU''s inputs:'
\echo '    the stage SRs and EI.  Computed here: each material''s SR = the larger'
\echo '    stage SR and the stage that sets it, the HREE and LREE rows (means of'
\echo '    their members, one decimal) and "critical" (SR >= 1.0 and EI >= 2.8).'
\echo '    "printed" = the EU''s own figures (rarerisk.eu_crm_published).'
SELECT a.material                                                   AS "material",
       a.sr_extraction                                              AS "SR extr.",
       a.sr_processing                                              AS "SR proc.",
       a.sr                                                         AS "SR",
       a.sr_stage                                                   AS "set at",
       a.ei                                                         AS "EI",
       CASE WHEN a.critical THEN 'yes' ELSE 'no' END                AS "critical",
       p.sr || ' / ' || p.ei                                        AS "printed SR / EI"
FROM rarerisk.eu_assessment_2023 a
JOIN rarerisk.eu_crm_published p ON p.assessment = 2023 AND p.material = a.material
ORDER BY coalesce(a.material_group, a.material), a.material_group IS NOT NULL, a.material;
\echo '   Group stage SRs as printed: HREE 2.3 / 5.1, LREE "281%" / 3.58.  The'
\echo '   HREE extraction mean of the printed members is exactly 2.35 (2.4 here):'
\echo '   the EU averaged unrounded values.'

\echo
\echo ' c) A published stage SR recomputed with eu_supply_risk: processing of the'
\echo '    heavy rare earths, China the whole global supply (the EU''s share), its'
\echo '    WGI from shipped data, EoL-RIR and SI_SR the EU''s:'
SELECT m.material                                                   AS "material",
       m.si_sr                                                      AS "SI_SR",
       round(rarerisk.eu_supply_risk(
                 (SELECT rarerisk.hhi_wgi_t('CHN', 1, rarerisk.wgi_risk(g.wgi_mean::float8), 1)
                    FROM rarerisk_sample.wgi_governance g WHERE g.iso3 = 'CHN'),
                 NULL, s.import_reliance, m.eol_rir, m.si_sr)::numeric, 1) AS "SR computed",
       s.sr                                                         AS "SR printed"
FROM rarerisk.eu_crm_material m
JOIN rarerisk.eu_crm_stage s USING (assessment, material)
WHERE m.assessment = 2023 AND m.material IN ('Dysprosium', 'Erbium', 'Gadolinium')
  AND s.stage = 'processing'
ORDER BY m.material;
\echo '   Erbium, europium, holmium, lutetium, thulium, ytterbium and gadolinium'
\echo '   reproduce; dysprosium needs a China risk of at least 5.66 (2018 WGI:'
\echo '   5.61).  Net import reliance, USGS style:'
\echo '   rarerisk.import_reliance(production, imports, exports).'
\echo

-- ===========================================================================
-- N. Look-through: where the nickel in each country's ore supply comes from
--    (UN Comtrade HS 260400 + BGS mine production, 2023)
-- ===========================================================================
\echo
\echo '------------------------------------------------------------------------------'
\echo ' 5. Look-through: origin of nickel-ore supply, 2023 (proportional flows)'
\echo '    UN Comtrade HS 260400 + BGS mine production; ore at an assumed 1.5 % Ni'
\echo '------------------------------------------------------------------------------'
\echo ' Each country''s supply pool = own mine production + imports; exports carry'
\echo ' the pool''s origin mix.  Origins with at least 2 % of a country''s supply:'
CREATE TEMP TABLE ni_net AS
SELECT rarerisk.origin_network(exporter, importer, ni_tonnes::float8) AS n
FROM rarerisk_sample.nickel_flows_ni_2023;

SELECT country, coalesce(origin, '(unattributed)') AS origin,
       round(100 * share::numeric, 1) AS "share %"
FROM ni_net, rarerisk.origin_shares(n)
WHERE country IN ('CHN', 'JPN', 'KOR', 'FIN') AND share >= 0.02
ORDER BY country, share DESC, origin;

\echo
\echo ' theta: share of each country''s supply that is Indonesian or Philippine,'
\echo ' directly or through intermediaries (theta >= 5 %), with the volumes behind'
\echo ' it: a share of a tiny supply is a tiny quantity.  Traced: the part of the'
\echo ' supply the network attributes to a producing country.'
WITH supply AS (
    SELECT importer AS country, sum(ni_tonnes) AS t_ni,
           (array_agg(exporter ORDER BY ni_tonnes DESC, exporter))[1] AS main_source,
           max(ni_tonnes) AS main_t
    FROM rarerisk_sample.nickel_flows_ni_2023
    GROUP BY importer
)
SELECT t.country, round(100 * t.embargoed_content::numeric, 1) AS "theta %",
       pg_temp.qty(s.t_ni)                                      AS "supply t Ni",
       coalesce(s.main_source, '?') || ' ' || pg_temp.qty(s.main_t)
                                                                AS "largest inflow, t Ni",
       round(100 * tr.traced_share::numeric, 1)                  AS "traced %"
FROM ni_net, rarerisk.embargoed_content(n, '{IDN,PHL}') t
JOIN supply s USING (country)
JOIN rarerisk.traced_share(n) tr USING (country)
WHERE t.embargoed_content >= 0.05
ORDER BY t.embargoed_content DESC, t.country;
\echo '   (A country''s own mine output is its inflow from itself.  Rwanda''s 54 % is'
\echo '   of 0.000078 t Ni: one flow, reported by Tanzania as an export.)'

\echo
\echo ' Shortfall of importers'' ore supply under an IDN + PHL embargo, 60 days of'
\echo ' stocks: direct loss only vs with the look-through theta of every supplier:'
WITH imp AS (
    SELECT importer, exporter AS supplier, sum(ni_tonnes)::float8 AS volume
    FROM rarerisk_sample.nickel_flows_ni_2023
    WHERE importer IN ('CZE', 'DEU', 'JPN', 'KOR', 'SGP') AND exporter IS DISTINCT FROM importer
    GROUP BY importer, exporter
)
SELECT importer,
       round(100 * rarerisk.embargo_shortfall(supplier, volume, 0, 0,
                 rarerisk.embargo('{IDN,PHL}', stock_days => 60))::numeric, 1) AS "direct only %",
       round(100 * rarerisk.embargo_shortfall(supplier, volume, 0,
                 rarerisk.embargoed_content(n, supplier, '{IDN,PHL}'),
                 rarerisk.embargo('{IDN,PHL}', stock_days => 60))::numeric, 1) AS "with look-through %"
FROM imp, ni_net
GROUP BY importer
ORDER BY importer;

-- ===========================================================================
-- 6. Probabilistic disruption risk of U.S. rare-earth imports, 2024
-- ===========================================================================
\echo
\echo '------------------------------------------------------------------------------'
\echo ' 6. Disruption risk: U.S. rare-earth imports 2024 under uncertain events'
\echo '    One year, 60 days of stocks, other suppliers can ship 20 % more.'
\echo '------------------------------------------------------------------------------'
\echo ' Events (independent; probabilities per year are illustrative judgements):'

-- The event set.  Myanmar's mines feed Chinese separators (the U.S. buys no
-- Myanmar rare earths directly), so their closure is a partial cut of
-- China's exports; Lynas in Malaysia is the main separator outside China.
CREATE TEMP TABLE report_events AS
SELECT * FROM (VALUES
    (1, rarerisk.disruption_event('China licensing regime', 0.30,
                                  '{CHN,HKG}', 0.5)),
    (2, rarerisk.disruption_event('China export ban', 0.05, '{CHN,HKG}', 1)),
    (3, rarerisk.disruption_event('Myanmar mines close', 0.20, '{CHN}', 0.15)),
    (4, rarerisk.disruption_event('Lynas Malaysia outage', 0.10, '{MYS}', 1)),
    (5, rarerisk.disruption_event('Japan earthquake', 0.05, '{JPN}', 0.5))
) v(n, e);

SELECT (e).name                                         AS "event",
       round((e).probability::numeric, 2)               AS "p / year",
       array_to_string((e).suppliers, ',')              AS "suppliers",
       round((e).intensity::numeric, 2)                 AS "cut"
FROM report_events ORDER BY n;

CREATE TEMP TABLE report_risk AS
SELECT s.hs6,
       rarerisk.disruption_risk(s.mix,
           (SELECT array_agg(e ORDER BY n) FROM report_events),
           rarerisk.embargo('{ignored}', stock_days => 60)) AS r
FROM report_us_spare s;

\echo ' Shortfall share of a year''s demand over all 32 outcomes, in %:'
SELECT hs6                                                   AS "HS",
       round(100 * (r).expected_shortfall_share::numeric, 1) AS "expected",
       round(100 * (r).p_shortage::numeric, 1)               AS "P(short)",
       round(100 * (r).var_95::numeric, 1)                   AS "VaR 95",
       round(100 * (r).cvar_95::numeric, 1)                  AS "CVaR 95",
       round(100 * (r).worst_share::numeric, 1)              AS "worst"
FROM report_risk ORDER BY hs6;
\echo
\echo '   P(short): probability of any shortfall.  VaR 95: the shortfall exceeded'
\echo '   with at most 5 % probability; CVaR 95: the mean of that worst 5 %.'
\echo
\echo ' Distribution of the shortfall, permanent magnets (HS 850511):'
SELECT CASE WHEN d.shortfall_share = 0 THEN '0 (none)'
            ELSE to_char(100 * d.shortfall_share::numeric, 'FM990.0') || ' %'
       END                                                   AS "shortfall",
       to_char(100 * d.probability::numeric, 'FM990.00') || ' %'
                                                             AS "probability",
       repeat('#', greatest(1, round(50 * d.probability)::int)) AS "histogram"
FROM report_us_spare s,
     rarerisk.disruption_distribution(s.mix,
         (SELECT array_agg(e ORDER BY n) FROM report_events),
         rarerisk.embargo('{ignored}', stock_days => 60)) d
WHERE s.hs6 = '850511'
ORDER BY d.shortfall_share;
\echo
\echo '   Exact: every combination of the five events is enumerated, none sampled.'
\echo

-- ===========================================================================
-- 7. Alerts a monthly report would raise over the shipped years
-- ===========================================================================
\echo
\echo '------------------------------------------------------------------------------'
\echo ' 7. Concentration alerts, U.S. rare-earth imports, year over year'
\echo '    over 65: one supplier above the EU CRMA 65 % benchmark; switch: the'
\echo '    largest supplier changed; drop: a share fell by more than 20 points.'
\echo '------------------------------------------------------------------------------'
WITH y AS (
    SELECT hs6, year, mix, lag(mix) OVER w AS prev
    FROM report_us_mix
    WINDOW w AS (PARTITION BY hs6 ORDER BY year)
), a AS (
    SELECT y.hs6, y.year,
           rarerisk.dominant_supplier(y.mix)                  AS over_65,
           c.top_before, c.top_after, c.top_changed,
           c.largest_drop_supplier, c.largest_drop
    FROM y LEFT JOIN LATERAL rarerisk.concentration_change(y.prev, y.mix) c
           ON true
)
SELECT hs6                                                   AS "HS",
       year::text                                            AS "year",
       coalesce(over_65, '')                                 AS "over 65",
       CASE WHEN top_changed AND top_before IS NOT NULL
            THEN top_before || ' -> ' || top_after ELSE '' END AS "switch",
       CASE WHEN largest_drop > 20
            THEN largest_drop_supplier || ' -'
                 || to_char(largest_drop::numeric, 'FM990.0') || ' pts'
            ELSE '' END                                      AS "drop"
FROM a
WHERE over_65 IS NOT NULL OR (top_changed AND top_before IS NOT NULL)
   OR largest_drop > 20
ORDER BY hs6, year;
\echo

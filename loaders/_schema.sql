-- loaders/_schema.sql -- the canonical tables the loaders fill (schema rarerisk_data).
--
-- Included by every loader through _begin.sql; idempotent, so running a
-- loader on a fresh database creates the schema.  Deliberately NOT in the
-- extension's schema `rarerisk`: these are the analyst's tables, dropped
-- and reloaded at will, and DROP EXTENSION must never take them along.
-- Needs no extension.
--
--   rarerisk_data.flows            one row per (source, period, importer,
--                                  exporter, HS code, reporting side)
--   rarerisk_data.flow_world       the "World" rows of Comtrade files (totals,
--                                  kept for checks, never a supplier)
--   rarerisk_data.flow_self        rows whose partner is the reporter itself
--                                  (re-imports), never a flow or production
--   rarerisk_data.mine_production  USGS MCS world production by country,
--                                  keyed by edition + year
--   rarerisk_data.governance       World Bank WGI estimates (view wgi_mean)
--   rarerisk_data.bgs_production   BGS World Mineral Statistics production
--   rarerisk_data.country_code     numeric Comtrade/BACI code -> ISO alpha-3
--   rarerisk_data.country_name     country label -> ISO alpha-3
--   rarerisk_data.hs_basket        HS-code baskets (rare earths, ...)
--   views country_by_code, country_by_name (the switch point to
--   rarerisk.country), imports (mirror-resolved imports), basket_imports
--   function production_rows (mine production as the rows of a trade
--   network: a country's flow to itself)

CREATE SCHEMA IF NOT EXISTS rarerisk_data;
COMMENT ON SCHEMA rarerisk_data IS
  'canonical trade-flow and production tables filled by the rarerisk loaders (loaders/*.sql)';

CREATE TABLE IF NOT EXISTS rarerisk_data.country_code (
    code  int  PRIMARY KEY,
    iso3  text CHECK (iso3 ~ '^[A-Z]{3}$'),
    kind  text NOT NULL CHECK (kind IN ('country', 'world', 'nes')),
    name  text NOT NULL,
    CHECK ((kind = 'country') = (iso3 IS NOT NULL))
);
COMMENT ON TABLE rarerisk_data.country_code IS
  'numeric country codes of UN Comtrade and CEPII BACI -> ISO alpha-3; kind world = a total, nes = area not elsewhere specified (unattributed volume)';

CREATE TABLE IF NOT EXISTS rarerisk_data.country_name (
    name  text PRIMARY KEY,
    iso3  text CHECK (iso3 ~ '^[A-Z]{3}$')
);
COMMENT ON TABLE rarerisk_data.country_name IS
  'country labels (UN Comtrade, USGS) -> ISO alpha-3; iso3 NULL = a group that is no single country (unattributed)';

\ir _countries.sql

-- The switch point: loaders look codes and names up through these two views
-- only.  When rarerisk.country exists, INTEGRATION.md redefines them over it.
CREATE OR REPLACE VIEW rarerisk_data.country_by_code AS
    SELECT code, iso3, kind FROM rarerisk_data.country_code;
CREATE OR REPLACE VIEW rarerisk_data.country_by_name AS
    SELECT name, iso3 FROM rarerisk_data.country_name;
COMMENT ON VIEW rarerisk_data.country_by_code IS 'code -> (iso3, kind) lookup used by the loaders';
COMMENT ON VIEW rarerisk_data.country_by_name IS 'name -> iso3 lookup used by the USGS loader';

CREATE TABLE IF NOT EXISTS rarerisk_data.flows (
    source        text    NOT NULL CONSTRAINT flows_source_check
                          CHECK (source IN ('comtrade', 'baci', 'partner_share')),
    source_file   text    NOT NULL,
    source_line   int     NOT NULL,
    year          int     NOT NULL CHECK (year BETWEEN 1950 AND 2100),
    month         int     CHECK (month BETWEEN 1 AND 12),
    importer      text    CHECK (importer ~ '^[A-Z]{3}$'),
    importer_code int,
    exporter      text    CHECK (exporter ~ '^[A-Z]{3}$'),
    exporter_code int,
    hs_code       text    NOT NULL CHECK (hs_code ~ '^[0-9]{2}([0-9]{2}){0,2}$'),
    value_usd     numeric CHECK (value_usd >= 0),
    qty_kg        numeric CHECK (qty_kg >= 0),
    reported_by   text    NOT NULL CHECK (reported_by IN ('importer', 'exporter', 'reconciled')),
    period        date    GENERATED ALWAYS AS (make_date(year, coalesce(month, 1), 1)) STORED,
    PRIMARY KEY (source_file, source_line)
);
CREATE INDEX IF NOT EXISTS flows_key ON rarerisk_data.flows (hs_code, year, importer);
-- tables made by an older loader: the sources added since
ALTER TABLE rarerisk_data.flows DROP CONSTRAINT IF EXISTS flows_source_check;
ALTER TABLE rarerisk_data.flows ADD CONSTRAINT flows_source_check
    CHECK (source IN ('comtrade', 'baci', 'partner_share'));
COMMENT ON TABLE rarerisk_data.flows IS
  'bilateral trade flows, one row per source record: importer <- exporter, HS code, period, value (USD) and net weight (kg); exporter NULL = unattributed (n.e.s. areas)';
COMMENT ON COLUMN rarerisk_data.flows.month IS 'NULL for annual data';
COMMENT ON COLUMN rarerisk_data.flows.importer IS 'ISO alpha-3 of the importing country; NULL for an n.e.s. area';
COMMENT ON COLUMN rarerisk_data.flows.exporter IS 'ISO alpha-3 of the exporting country (the supplier); NULL for an n.e.s. area = unattributed volume';
COMMENT ON COLUMN rarerisk_data.flows.reported_by IS
  'importer = the importer''s customs declared it (Comtrade flow M); exporter = the exporter declared it (flow X, the mirror); reconciled = BACI';
COMMENT ON COLUMN rarerisk_data.flows.value_usd IS 'Comtrade primaryValue (CIF for imports, FOB for exports); BACI v x 1000 (FOB)';
COMMENT ON COLUMN rarerisk_data.flows.qty_kg IS 'net weight in kg (Comtrade netWgt; BACI q x 1000); NULL when not reported';

CREATE TABLE IF NOT EXISTS rarerisk_data.flow_world (LIKE rarerisk_data.flows INCLUDING DEFAULTS);
COMMENT ON TABLE rarerisk_data.flow_world IS
  'Comtrade "World" (partner 0) rows: the reporter''s own total over all partners, kept to check the partner rows; never a supplier';

CREATE TABLE IF NOT EXISTS rarerisk_data.flow_self (LIKE rarerisk_data.flows INCLUDING DEFAULTS);
COMMENT ON TABLE rarerisk_data.flow_self IS
  'Comtrade rows whose partner is the reporter itself (re-imports of goods once exported, re-exports): kept apart, because in a trade network a flow from a country to itself is its own production';

CREATE TABLE IF NOT EXISTS rarerisk_data.mine_production (
    edition      text    NOT NULL CHECK (edition ~ '^MCS20[0-9]{2}$'),
    commodity    text    NOT NULL,
    measure      text    NOT NULL,
    year         int     NOT NULL CHECK (year BETWEEN 1950 AND 2100),
    country      text    NOT NULL,
    country_note text,
    iso3         text    CHECK (iso3 ~ '^[A-Z]{3}$'),
    production   numeric CHECK (production >= 0),
    unit         text,
    estimated    boolean,
    value_flag   text    CONSTRAINT mine_production_value_flag_check
                         CHECK (value_flag IN ('W', 'NA', '—', 's', 'XX', 'incl', '<', 'blank')),
    notes        text,
    source_file  text    NOT NULL,
    source_line  int     NOT NULL,
    CHECK ((production IS NULL) = (value_flag IS NOT NULL)),
    UNIQUE (edition, commodity, measure, year, country, country_note)
);
-- tables made by an older loader: the flags added since
ALTER TABLE rarerisk_data.mine_production DROP CONSTRAINT IF EXISTS mine_production_value_flag_check;
ALTER TABLE rarerisk_data.mine_production ADD CONSTRAINT mine_production_value_flag_check
    CHECK (value_flag IN ('W', 'NA', '—', 's', 'XX', 'incl', '<', 'blank'));
COMMENT ON TABLE rarerisk_data.mine_production IS
  'world production by country from USGS Mineral Commodity Summaries data releases; "World total" rows dropped; key by edition + year (later editions revise earlier years)';
COMMENT ON COLUMN rarerisk_data.mine_production.unit IS 'USGS unit of measure (metric tons, thousand metric tons, kilograms, ...); NULL where the release leaves it empty';
COMMENT ON COLUMN rarerisk_data.mine_production.country_note IS 'qualifier USGS put in parentheses after the country, e.g. (beneficiated)';
COMMENT ON COLUMN rarerisk_data.mine_production.iso3 IS 'ISO alpha-3; NULL for "Other countries" and multi-country rows (unattributed)';
COMMENT ON COLUMN rarerisk_data.mine_production.value_flag IS
  'why production is NULL: W withheld, NA not available, — zero/none, s less than half a unit, XX not applicable, incl included with another row, < below a bound (in notes), blank empty cell';

CREATE TABLE IF NOT EXISTS rarerisk_data.governance (
    iso3         text    NOT NULL CHECK (iso3 ~ '^[A-Z]{3}$'),
    country      text    NOT NULL,
    indicator    text    NOT NULL CHECK (indicator IN ('VA', 'PV', 'GE', 'RQ', 'RL', 'CC')),
    year         int     NOT NULL CHECK (year BETWEEN 1990 AND 2100),
    estimate     numeric NOT NULL,
    source_file  text    NOT NULL,
    source_line  int     NOT NULL,
    PRIMARY KEY (iso3, indicator, year)
);
COMMENT ON TABLE rarerisk_data.governance IS
  'World Bank Worldwide Governance Indicators: the estimate (about -2.5 worst .. 2.5 best) of each of the six indicators per economy and year (loaders/wgi.sql)';
COMMENT ON COLUMN rarerisk_data.governance.indicator IS
  'VA voice and accountability, PV political stability and absence of violence, GE government effectiveness, RQ regulatory quality, RL rule of law, CC control of corruption';
CREATE OR REPLACE VIEW rarerisk_data.wgi_mean AS
SELECT iso3, min(country) AS country, year, count(*) AS indicators,
       CASE WHEN count(*) = 6 THEN avg(estimate) END AS wgi_mean
FROM rarerisk_data.governance GROUP BY iso3, year;
COMMENT ON VIEW rarerisk_data.wgi_mean IS
  'mean of the six WGI estimates per economy and year (NULL unless all six are published); the EU governance risk is rarerisk.wgi_risk(wgi_mean)';

CREATE TABLE IF NOT EXISTS rarerisk_data.bgs_production (
    commodity     text    NOT NULL,
    table_name    text    NOT NULL,
    sub_commodity text,
    statistic     text    NOT NULL,
    year          int     NOT NULL CHECK (year BETWEEN 1900 AND 2100),
    country       text    NOT NULL,
    iso3          text    CHECK (iso3 ~ '^[A-Z]{3}$'),
    quantity      numeric,
    units         text,
    notes         text,
    source_file   text    NOT NULL,
    source_line   int     NOT NULL,
    PRIMARY KEY (source_file, source_line)
);
COMMENT ON TABLE rarerisk_data.bgs_production IS
  'BGS World Mineral Statistics production by country and year (loaders/bgs.sql); sum only within one table_name and sub_commodity (the rare-earth files mix minerals by gross weight and oxides)';
COMMENT ON COLUMN rarerisk_data.bgs_production.quantity IS 'NULL where BGS gives no figure';

CREATE TABLE IF NOT EXISTS rarerisk_data.hs_basket (
    basket  text NOT NULL,
    hs_code text NOT NULL CHECK (hs_code ~ '^[0-9]{4}([0-9]{2})?$'),
    label   text,
    PRIMARY KEY (basket, hs_code)
);
COMMENT ON TABLE rarerisk_data.hs_basket IS
  'HS-code baskets: a flow belongs to a basket when its code starts with a basket code; a basket must not list a heading and one of its subheadings';
INSERT INTO rarerisk_data.hs_basket VALUES
    ('rare_earths', '280530', 'rare-earth metals, scandium and yttrium'),
    ('rare_earths', '2846',   'compounds of rare-earth metals (284610 cerium, 284690 other)'),
    ('rare_earths', '850511', 'permanent magnets of metal'),
    ('cobalt',      '282200', 'cobalt oxides and hydroxides'),
    ('cobalt',      '8105',   'cobalt mattes and articles'),
    ('lithium',     '253090', 'mineral substances n.e.s. (incl. spodumene)'),
    ('lithium',     '282520', 'lithium oxide and hydroxide'),
    ('lithium',     '283691', 'lithium carbonates'),
    ('graphite',    '250410', 'natural graphite, powder or flakes'),
    ('graphite',    '380110', 'artificial graphite'),
    ('gallium',     '811292', 'gallium, germanium, indium... unwrought'),
    ('nickel',      '2604',   'nickel ores and concentrates'),
    ('nickel',      '7501',   'nickel mattes and intermediates'),
    ('nickel',      '7502',   'unwrought nickel')
ON CONFLICT DO NOTHING;

-- Mirror flows.  Every Comtrade flow can appear twice: as the importer's M
-- record and as the exporter's X record.  `imports` keeps the importer's
-- declaration where it exists and falls back to the exporter's mirror
-- record only for (year, month, importer, exporter, HS code) keys the
-- importer did not report.  BACI rows are already reconciled and pass as is.
-- Two branches joined by UNION ALL, so that the fallback is one hash anti
-- join rather than a subquery per row; the month compares through
-- coalesce so that the join stays hashable.  Exports to an n.e.s. area
-- (importer NULL) are nobody's imports and are left out, so that every row
-- has an importer (origin_network refuses a NULL importer).
CREATE OR REPLACE VIEW rarerisk_data.imports AS
SELECT f.source, f.year, f.month, f.period, f.importer, f.importer_code,
       f.exporter, f.exporter_code, f.hs_code, f.value_usd, f.qty_kg, f.reported_by
FROM rarerisk_data.flows f
WHERE f.reported_by IN ('importer', 'reconciled') AND f.importer IS NOT NULL
UNION ALL
SELECT f.source, f.year, f.month, f.period, f.importer, f.importer_code,
       f.exporter, f.exporter_code, f.hs_code, f.value_usd, f.qty_kg, f.reported_by
FROM rarerisk_data.flows f
WHERE f.reported_by = 'exporter' AND f.importer IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM rarerisk_data.flows m
                  WHERE m.reported_by = 'importer' AND m.source = f.source
                    AND m.year = f.year AND coalesce(m.month, 0) = coalesce(f.month, 0)
                    AND m.importer_code = f.importer_code
                    AND m.exporter_code = f.exporter_code
                    AND m.hs_code = f.hs_code);
COMMENT ON VIEW rarerisk_data.imports IS
  'imports per importer, exporter, HS code and period: the importer''s declaration, else the exporter''s mirror record; never a NULL importer';

-- Baskets: a flow counts in every basket whose code is a prefix of its HS
-- code.  A file holding both a heading (2846) and its subheadings (284610)
-- for the same key would be counted twice; the Comtrade loader rejects such
-- files (see loaders/comtrade.sql).
CREATE OR REPLACE VIEW rarerisk_data.basket_imports AS
SELECT b.basket, i.*
FROM rarerisk_data.imports i
JOIN rarerisk_data.hs_basket b ON i.hs_code LIKE b.hs_code || '%';
COMMENT ON VIEW rarerisk_data.basket_imports IS 'imports tagged with the HS basket(s) their code belongs to';

-- Mine production as rows of a trade network.  origin_network reads a row
-- whose exporter is its importer as that country's own production; this
-- turns rarerisk_data.mine_production into such rows, in kilograms to sit
-- beside trade flows' qty_kg, from the newest edition that has the year
-- (or the one given).  Only named producers with a number: "Other
-- countries" and withheld values are left out (the traced shares then
-- show how much of a country's supply has no known origin).  A unit other
-- than kilograms or (thousand, million) metric tons is an error.
CREATE OR REPLACE FUNCTION rarerisk_data.production_rows(p_commodity text, p_year int,
        p_measure text DEFAULT 'Mine production%', p_edition text DEFAULT NULL)
RETURNS TABLE (exporter text, importer text, qty_kg numeric, edition text, measure text)
LANGUAGE plpgsql STABLE AS $$
DECLARE ed text := p_edition; bad text;
BEGIN
    IF ed IS NULL THEN
        SELECT max(p.edition) INTO ed FROM rarerisk_data.mine_production p
         WHERE p.commodity = p_commodity AND p.year = p_year AND p.measure ILIKE p_measure;
    END IF;
    SELECT p.unit INTO bad FROM rarerisk_data.mine_production p
     WHERE p.edition = ed AND p.commodity = p_commodity AND p.year = p_year AND p.measure ILIKE p_measure
       AND p.production IS NOT NULL
       AND NOT coalesce(p.unit = ANY (ARRAY['kilograms', 'metric tons', 'thousand metric tons', 'million metric tons']), false)
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'production of % is in %, not a unit of mass', p_commodity, coalesce(bad, 'no unit')
            USING ERRCODE = '22023';
    END IF;
    SELECT string_agg(DISTINCT p.measure, '; ') INTO bad FROM rarerisk_data.mine_production p
     WHERE p.edition = ed AND p.commodity = p_commodity AND p.year = p_year AND p.measure ILIKE p_measure;
    IF bad LIKE '%; %' THEN
        RAISE EXCEPTION 'several measures of % match %: %', p_commodity, p_measure, bad
            USING ERRCODE = '22023', HINT = 'pass one of them as p_measure';
    END IF;
    RETURN QUERY
    SELECT p.iso3, p.iso3,
           sum(p.production * CASE p.unit WHEN 'kilograms' THEN 1 WHEN 'metric tons' THEN 1000
                                          WHEN 'thousand metric tons' THEN 1e6 ELSE 1e9 END),
           p.edition, p.measure
      FROM rarerisk_data.mine_production p
     WHERE p.edition = ed AND p.commodity = p_commodity AND p.year = p_year AND p.measure ILIKE p_measure
       AND p.iso3 IS NOT NULL AND p.production IS NOT NULL
     GROUP BY p.iso3, p.edition, p.measure
     ORDER BY p.iso3;
END $$;
COMMENT ON FUNCTION rarerisk_data.production_rows(text, int, text, text) IS
  'mine production of a commodity and year as trade-network rows (exporter = importer = producer, qty_kg), from the newest MCS edition holding that year unless one is given; feed them to origin_network beside rarerisk_data.imports';

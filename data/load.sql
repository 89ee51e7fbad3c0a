-- data/load.sql -- load rarerisk's sample data into schema rarerisk_sample.
--
-- Run from the repository root (the \copy paths are relative to it):
--
--     psql -X -v ON_ERROR_STOP=1 -f data/load.sql
--
-- Re-runnable: the schema is dropped and rebuilt.  Needs no extension.
-- What the data are, where they come from and how they were derived:
-- data/SOURCES.md.

\set ON_ERROR_STOP on
\set QUIET on
SET client_min_messages = warning;
SET client_encoding = 'UTF8';

DROP SCHEMA IF EXISTS rarerisk_sample CASCADE;
CREATE SCHEMA rarerisk_sample;
COMMENT ON SCHEMA rarerisk_sample IS
  'rarerisk sample data built from public USGS and UN Comtrade-derived files (see data/SOURCES.md in the repository)';

-- ---------------------------------------------------------------------------
-- U.S. imports of rare-earth products by partner (supplier), USD, 2018-2025
-- ---------------------------------------------------------------------------
CREATE TABLE rarerisk_sample.us_ree_imports (
    hs6                   text    NOT NULL CHECK (hs6 ~ '^[0-9]{6}$'),
    year                  int     NOT NULL CHECK (year BETWEEN 1990 AND 2100),
    partner_iso3          text    CHECK (partner_iso3 ~ '^[A-Z]{3}$'),
    partner_name          text    NOT NULL,
    import_value_usd      numeric NOT NULL CHECK (import_value_usd >= 0),
    comtrade_partner_code int     NOT NULL,
    source_share          numeric CHECK (source_share BETWEEN 0 AND 1),
    source_rank           int,
    PRIMARY KEY (hs6, year, comtrade_partner_code)
);

COMMENT ON TABLE rarerisk_sample.us_ree_imports IS
  'U.S. annual imports (USD) of HS 280530, 284610, 284690 and 850511 by partner country, 2018-2025; UN Comtrade data as aggregated by akashok1/semiconductor-rare-earth-supply-chain-risk (fct_supplier_share); one row per HS code, year and partner';
COMMENT ON COLUMN rarerisk_sample.us_ree_imports.hs6 IS
  'HS 2017/2022 six-digit code: 280530 rare-earth metals, 284610 cerium compounds, 284690 other rare-earth compounds, 850511 permanent magnets of metal';
COMMENT ON COLUMN rarerisk_sample.us_ree_imports.year IS 'calendar year of the imports (2025 as pulled by the source author; may be provisional)';
COMMENT ON COLUMN rarerisk_sample.us_ree_imports.partner_iso3 IS
  'ISO 3166 alpha-3 code of the partner (supplier); NULL for aggregate or n.e.s. areas, i.e. volume of unknown origin (none occur in this extract)';
COMMENT ON COLUMN rarerisk_sample.us_ree_imports.partner_name IS 'partner name as labelled by UN Comtrade (490 "Other Asia, nes" relabelled Taiwan by the source author)';
COMMENT ON COLUMN rarerisk_sample.us_ree_imports.import_value_usd IS 'import value in U.S. dollars (Comtrade primaryValue)';
COMMENT ON COLUMN rarerisk_sample.us_ree_imports.comtrade_partner_code IS 'UN Comtrade partner code (M49 except e.g. 251 France, 699 India, 757 Switzerland, 579 Norway, 490 Taiwan)';
COMMENT ON COLUMN rarerisk_sample.us_ree_imports.source_share IS 'the source''s own share of the HS-code/year total (6 decimals), kept for cross-checks';
COMMENT ON COLUMN rarerisk_sample.us_ree_imports.source_rank IS 'the source''s own rank by value within the HS-code/year';

\copy rarerisk_sample.us_ree_imports (hs6, year, partner_iso3, partner_name, import_value_usd, comtrade_partner_code, source_share, source_rank) FROM 'data/us_ree_imports.csv' WITH (FORMAT csv, HEADER true, NULL '')

CREATE INDEX ON rarerisk_sample.us_ree_imports (partner_iso3);

-- ---------------------------------------------------------------------------
-- World mine production by country, USGS Mineral Commodity Summaries
-- ---------------------------------------------------------------------------
CREATE TABLE rarerisk_sample.world_mine_production (
    edition     text    NOT NULL CHECK (edition ~ '^MCS20[0-9]{2}$'),
    commodity   text    NOT NULL,
    year        int     NOT NULL CHECK (year BETWEEN 1990 AND 2100),
    country     text    NOT NULL,
    iso3        text    CHECK (iso3 ~ '^[A-Z]{3}$'),
    production  numeric CHECK (production >= 0),
    unit        text    NOT NULL,
    estimated   boolean,
    value_flag  text    CHECK (value_flag IN ('W', 'NA', '—', 'blank')),
    measure     text    NOT NULL,
    notes       text,
    UNIQUE (edition, commodity, year, country),
    CHECK ((production IS NULL) = (value_flag IS NOT NULL)),
    CHECK ((iso3 IS NULL) = (country = 'Other countries'))
);

COMMENT ON TABLE rarerisk_sample.world_mine_production IS
  'World mine (for gallium: primary; for germanium: refinery) production by country from the USGS Mineral Commodity Summaries data releases; rare earths for editions MCS2022-MCS2026, other critical minerals for MCS2025; "World total" rows excluded; key by edition + year, later editions revise earlier years';
COMMENT ON COLUMN rarerisk_sample.world_mine_production.edition IS 'USGS MCS edition (vintage), e.g. MCS2025 = published January 2025, data for 2023 and 2024 (estimated)';
COMMENT ON COLUMN rarerisk_sample.world_mine_production.commodity IS 'Rare earths, Antimony, Cobalt, Gallium, Germanium, Graphite, Lithium, Manganese, Nickel, Tungsten, Platinum-group metals: platinum / palladium';
COMMENT ON COLUMN rarerisk_sample.world_mine_production.country IS 'USGS country name, trimmed (Burma = Myanmar); "Other countries" = USGS residual row';
COMMENT ON COLUMN rarerisk_sample.world_mine_production.iso3 IS 'ISO 3166 alpha-3; NULL for "Other countries" (unattributed production)';
COMMENT ON COLUMN rarerisk_sample.world_mine_production.production IS 'production in unit; NULL when the source gives no number (see value_flag)';
COMMENT ON COLUMN rarerisk_sample.world_mine_production.unit IS 'metric tons, thousand metric tons or kilograms (rare earths: metric tons of rare-earth-oxide equivalent)';
COMMENT ON COLUMN rarerisk_sample.world_mine_production.estimated IS 'true when USGS marks the figure as estimated (column name, measure or note); NULL when production is NULL';
COMMENT ON COLUMN rarerisk_sample.world_mine_production.value_flag IS 'why production is NULL: W = withheld (company proprietary), NA = not available, — = zero/none per USGS, blank = empty cell in the MCS2025 release (zero, withheld or not reported)';
COMMENT ON COLUMN rarerisk_sample.world_mine_production.measure IS 'USGS description of the series (TYPE / Statistics_detail), trimmed';
COMMENT ON COLUMN rarerisk_sample.world_mine_production.notes IS 'USGS production notes, whitespace collapsed';

\copy rarerisk_sample.world_mine_production (edition, commodity, year, country, iso3, production, unit, estimated, value_flag, measure, notes) FROM 'data/world_mine_production.csv' WITH (FORMAT csv, HEADER true, NULL '')

CREATE INDEX ON rarerisk_sample.world_mine_production (commodity, edition, year);

ANALYZE rarerisk_sample.us_ree_imports;
ANALYZE rarerisk_sample.world_mine_production;

SELECT 'us_ree_imports' AS "table", count(*) AS "rows" FROM rarerisk_sample.us_ree_imports
UNION ALL
SELECT 'world_mine_production', count(*) FROM rarerisk_sample.world_mine_production;


-- ---------------------------------------------------------------------------
-- Governance (World Bank Worldwide Governance Indicators), for criticality
-- ---------------------------------------------------------------------------
CREATE TABLE rarerisk_sample.wgi_governance (
    iso3                     text    PRIMARY KEY CHECK (iso3 ~ '^[A-Z]{3}$'),
    country                  text    NOT NULL,
    year                     int     NOT NULL CHECK (year BETWEEN 1996 AND 2100),
    voice_accountability     numeric NOT NULL,
    political_stability      numeric NOT NULL,
    government_effectiveness numeric NOT NULL,
    regulatory_quality       numeric NOT NULL,
    rule_of_law              numeric NOT NULL,
    control_of_corruption    numeric NOT NULL,
    wgi_mean                 numeric GENERATED ALWAYS AS
        ((voice_accountability + political_stability + government_effectiveness
          + regulatory_quality + rule_of_law + control_of_corruption) / 6) STORED
);

COMMENT ON TABLE rarerisk_sample.wgi_governance IS
  'World Bank Worldwide Governance Indicators (2019 release, CC BY 4.0): per economy the six estimates of the latest year in which all six are published (2018 for 202 of the 212), and their mean; the EU CRM governance risk is rarerisk.wgi_risk(wgi_mean)';
COMMENT ON COLUMN rarerisk_sample.wgi_governance.iso3 IS 'World Bank economy code: ISO 3166-1 alpha-3 except XKX Kosovo and ANT Netherlands Antilles (former)';
COMMENT ON COLUMN rarerisk_sample.wgi_governance.year IS 'year of the six estimates';
COMMENT ON COLUMN rarerisk_sample.wgi_governance.voice_accountability IS 'VA.EST, about -2.5 (worst) .. 2.5 (best)';
COMMENT ON COLUMN rarerisk_sample.wgi_governance.political_stability IS 'PV.EST: political stability and absence of violence/terrorism';
COMMENT ON COLUMN rarerisk_sample.wgi_governance.government_effectiveness IS 'GE.EST';
COMMENT ON COLUMN rarerisk_sample.wgi_governance.regulatory_quality IS 'RQ.EST';
COMMENT ON COLUMN rarerisk_sample.wgi_governance.rule_of_law IS 'RL.EST';
COMMENT ON COLUMN rarerisk_sample.wgi_governance.control_of_corruption IS 'CC.EST';
COMMENT ON COLUMN rarerisk_sample.wgi_governance.wgi_mean IS 'mean of the six estimates (the EU CRM methodology''s WGI before rescaling)';

\copy rarerisk_sample.wgi_governance (iso3, country, year, voice_accountability, political_stability, government_effectiveness, regulatory_quality, rule_of_law, control_of_corruption) FROM 'data/wgi_governance.csv' WITH (FORMAT csv, HEADER true)

ANALYZE rarerisk_sample.wgi_governance;
SELECT 'wgi_governance' AS "table", count(*) AS "rows" FROM rarerisk_sample.wgi_governance;


-- ---------------------------------------------------------------------------
-- World trade network of nickel ores and concentrates (HS 260400), 2023,
-- with BGS mine production: the look-through sample (data/SOURCES.md, 3)
-- ---------------------------------------------------------------------------
CREATE TABLE rarerisk_sample.nickel_network_2023 (
    year      int     NOT NULL,
    hs6       text    CHECK (hs6 ~ '^[0-9]{6}$'),
    source    text    NOT NULL CHECK (source IN ('production', 'import', 'mirror', 'unallocated')),
    exporter  text    CHECK (exporter ~ '^[A-Z]{3}$'),
    importer  text    NOT NULL CHECK (importer ~ '^[A-Z]{3}$'),
    tonnes    numeric NOT NULL CHECK (tonnes >= 0),
    basis     text    NOT NULL CHECK (basis IN ('t Ni content', 't gross weight')),
    value_usd numeric
);
COMMENT ON TABLE rarerisk_sample.nickel_network_2023 IS
  'nickel ore and concentrate flows (UN Comtrade HS 260400, 2023; importer-reported, exporter mirror for non-reporting importers) and BGS 2023 nickel mine production (exporter = importer); see data/SOURCES.md';
COMMENT ON COLUMN rarerisk_sample.nickel_network_2023.source IS
  'production (BGS mine production, exporter = importer), import (importer-reported), mirror (exporter-reported, importer did not report), unallocated (importer''s World total not covered by its partner rows: exporter NULL = unknown origin)';
COMMENT ON COLUMN rarerisk_sample.nickel_network_2023.exporter IS 'ISO alpha-3 of the exporter; NULL = unknown origin';
COMMENT ON COLUMN rarerisk_sample.nickel_network_2023.tonnes IS 'tonnes: nickel content for production, gross (net) weight of ore and concentrate for trade';
COMMENT ON COLUMN rarerisk_sample.nickel_network_2023.basis IS 'unit of tonnes: t Ni content (production) or t gross weight (trade)';

\copy rarerisk_sample.nickel_network_2023 FROM 'data/nickel_network_2023.csv' WITH (FORMAT csv, HEADER true, NULL '')

CREATE VIEW rarerisk_sample.nickel_flows_ni_2023 AS
SELECT exporter, importer, source,
       CASE basis WHEN 't Ni content' THEN tonnes ELSE tonnes * 0.015 END AS ni_tonnes
FROM rarerisk_sample.nickel_network_2023;
COMMENT ON VIEW rarerisk_sample.nickel_flows_ni_2023 IS
  'the 2023 nickel network in tonnes of nickel content: ore and concentrate weight times an assumed 1.5 % Ni (a laterite-ore grade; see data/SOURCES.md)';

-- loaders/bgs.sql -- load a BGS World Mineral Statistics production file
-- (BGS_<commodity>_production.csv) into rarerisk_data.bgs_production
--
--   psql -X -v file=BGS_REs_production.csv -f loaders/bgs.sql
--
-- Columns used (found by name; the files carry 28): country_iso3_code,
-- country_trans, year ("1975-01-01 00:00:00"), quantity, units,
-- yearbook_table_trans, bgs_commodity_trans, bgs_sub_commodity_trans,
-- bgs_statistic_type_trans, concat_figure_notes_text.  An empty quantity
-- is loaded as NULL (BGS has no figure); an empty ISO code as NULL (BGS
-- leaves former Rhodesia without one); BGS's 1A0 for Kosovo as XKX.  The
-- rare-earth file mixes two tables ("Production of rare earth minerals",
-- gross weight by mineral, and "Production of rare earth oxides"): sum only
-- within one table_name and sub_commodity.  One transaction; reloading a
-- file replaces its rows.

\set ON_ERROR_STOP on
\ir _begin.sql

SELECT pg_temp.rr_require_columns('a BGS World Mineral Statistics file',
           ARRAY['country_iso3_code', 'country_trans', 'year', 'quantity', 'units', 'yearbook_table_trans',
                 'bgs_commodity_trans', 'bgs_sub_commodity_trans', 'bgs_statistic_type_trans']) \g /dev/null
\ir _stage.sql

CREATE TEMP TABLE rr_src ON COMMIT DROP AS
SELECT n + 1 AS line, btrim(bgs_commodity_trans) AS commodity, btrim(yearbook_table_trans) AS table_name,
       nullif(btrim(bgs_sub_commodity_trans), '') AS sub_commodity, btrim(bgs_statistic_type_trans) AS statistic,
       btrim(year) AS year, btrim(country_trans) AS country,
       CASE btrim(country_iso3_code) WHEN '' THEN NULL WHEN '1A0' THEN 'XKX' ELSE btrim(country_iso3_code) END AS iso3,
       btrim(quantity) AS quantity, nullif(btrim(units), '') AS units,
       CASE WHEN 'concat_figure_notes_text' = ANY (pg_temp.rr_stage_header()) THEN NULL END AS notes
FROM rr_stage;
DO $$
BEGIN
    IF 'concat_figure_notes_text' = ANY (pg_temp.rr_stage_header()) THEN
        UPDATE rr_src s SET notes = nullif(btrim(t.concat_figure_notes_text), '') FROM rr_stage t WHERE t.n + 1 = s.line;
    END IF;
END $$;

DO $$
DECLARE r record;
BEGIN
    SELECT line, col, val, why INTO r FROM (
        SELECT line, 'year' AS col, year AS val, 'is not a date (YYYY-MM-DD ...)' AS why, 1 AS o
          FROM rr_src WHERE year IS NULL OR year !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}'
        UNION ALL
        SELECT line, 'country_iso3_code', iso3, 'is not a three-letter code', 2 FROM rr_src WHERE iso3 !~ '^[A-Z]{3}$'
        UNION ALL
        SELECT line, 'quantity', quantity, 'is not a number', 3 FROM rr_src
         WHERE coalesce(quantity, '') <> '' AND quantity !~ '^-?[0-9]+(\.[0-9]*)?([eE][-+]?[0-9]+)?$'
        UNION ALL
        SELECT line, 'country_trans', country, 'is empty', 4 FROM rr_src WHERE coalesce(country, '') = ''
        UNION ALL
        SELECT line, 'yearbook_table_trans', table_name, 'is empty', 5 FROM rr_src WHERE coalesce(table_name, '') = ''
    ) bad ORDER BY line, o LIMIT 1;
    IF FOUND THEN
        PERFORM pg_temp.rr_fail_value(r.line, r.col, r.val, r.why);
    END IF;
END $$;

DELETE FROM rarerisk_data.bgs_production WHERE source_file = :'rr_name';
INSERT INTO rarerisk_data.bgs_production (commodity, table_name, sub_commodity, statistic, year, country, iso3,
        quantity, units, notes, source_file, source_line)
SELECT coalesce(nullif(commodity, ''), table_name), table_name, sub_commodity, coalesce(nullif(statistic, ''), 'Production'),
       left(year, 4)::int, country, iso3, nullif(quantity, '')::numeric, units, notes, :'rr_name', line
FROM rr_src;

SELECT format('%s: %s loaded, %s, %s', :'rr_name', pg_temp.rr_n(count(*), 'production row'),
              pg_temp.rr_n(count(DISTINCT table_name), 'table'),
              pg_temp.rr_n(count(*) FILTER (WHERE quantity IS NULL), 'row', 'rows') || ' without a figure') AS loaded
FROM rarerisk_data.bgs_production WHERE source_file = :'rr_name' \gset
COMMIT;
ANALYZE rarerisk_data.bgs_production;
\echo :loaded

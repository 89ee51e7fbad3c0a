-- loaders/partner_share.sql -- load a table of one country's imports by
-- partner (fct_supplier_share_rare_earths.csv: U.S. rare-earth imports
-- compiled from UN Comtrade) into rarerisk_data.flows
--
--   psql -X -v file=fct_supplier_share_rare_earths.csv [-v importer=USA] -f loaders/partner_share.sql
--
-- Columns used (by name): canonical_product_id (HS code), year,
-- partner_code (Comtrade numeric), partner_iso3, is_aggregate_partner,
-- import_value_usd; the importer is the file's country, -v importer=USA by
-- default.  Rows are imports as declared by the importer: source
-- 'partner_share', reported_by 'importer', qty_kg NULL (the file has no
-- weights).  Partners are mapped through rarerisk_data.country_by_code
-- (490 = Taiwan), else through partner_iso3; aggregate partners and n.e.s.
-- areas load with exporter NULL (unattributed).  A flow already loaded from
-- another file (the same year, importer, partner and HS code, e.g. from a
-- Comtrade export) is an error: it would be counted twice.  One
-- transaction; reloading a file replaces its rows.

\if :{?importer}
\else
\set importer USA
\endif
\set ON_ERROR_STOP on
\ir _begin.sql
SELECT set_config('rr.importer', :'importer', true) \g /dev/null

SELECT pg_temp.rr_require_columns('an imports-by-partner table',
           ARRAY['canonical_product_id', 'year', 'partner_code', 'partner_iso3', 'is_aggregate_partner',
                 'import_value_usd']) \g /dev/null
DO $$
BEGIN
    IF (SELECT count(*) FROM rarerisk_data.country_by_code WHERE iso3 = current_setting('rr.importer')) = 0 THEN
        RAISE EXCEPTION 'importer % is not an ISO alpha-3 code of rarerisk_data.country_by_code', current_setting('rr.importer')
            USING ERRCODE = '22023';
    END IF;
END $$;
\ir _stage.sql

CREATE TEMP TABLE rr_src ON COMMIT DROP AS
SELECT n + 1 AS line, btrim(canonical_product_id) AS hs, btrim(year) AS year, btrim(partner_code) AS pcode,
       btrim(partner_iso3) AS piso, partner_iso3 <> btrim(partner_iso3) AS padded,
       lower(btrim(is_aggregate_partner)) AS agg, btrim(import_value_usd) AS value
FROM rr_stage;

DO $$
DECLARE r record; file text := current_setting('rr.file'); k int;
BEGIN
    SELECT line, col, val, why INTO r FROM (
        SELECT line, 'canonical_product_id' AS col, hs AS val, 'is not an HS code of 2, 4 or 6 digits' AS why, 1 AS o
          FROM rr_src WHERE hs IS NULL OR hs !~ '^[0-9]{2}([0-9]{2}){0,2}$'
        UNION ALL
        SELECT line, 'year', year, 'is not a year', 2 FROM rr_src WHERE year IS NULL OR year !~ '^[0-9]{4}$'
        UNION ALL
        SELECT line, 'partner_code', pcode, 'is not a numeric country code', 3 FROM rr_src WHERE pcode IS NULL OR pcode !~ '^[0-9]+$'
        UNION ALL
        SELECT line, 'import_value_usd', value, 'is not a non-negative number', 4 FROM rr_src
         WHERE value IS NULL OR NOT pg_temp.rr_is_num(value)
        UNION ALL
        SELECT line, 'is_aggregate_partner', agg, 'is not a boolean (t/f)', 5 FROM rr_src
         WHERE coalesce(agg, '') NOT IN ('t', 'f', 'true', 'false')
    ) bad ORDER BY line, o LIMIT 1;
    IF FOUND THEN
        PERFORM pg_temp.rr_fail_value(r.line, r.col, r.val, r.why);
    END IF;
    SELECT count(*) INTO k FROM rr_src WHERE padded;
    IF k > 0 THEN
        RAISE NOTICE '%: stripped white space around codes on % row(s), first on line % (supplier codes are compared byte for byte: ''CHN '' would be a supplier other than ''CHN'')',
            file, k, (SELECT min(line) FROM rr_src WHERE padded);
    END IF;
END $$;

CREATE TEMP TABLE rr_conv ON COMMIT DROP AS
SELECT s.line, s.year::int AS year, s.hs AS hs_code, s.pcode::int AS exporter_code,
       CASE WHEN s.agg IN ('t', 'true') THEN NULL
            WHEN c.code IS NOT NULL THEN c.iso3
            WHEN s.piso ~ '^[A-Z]{3}$' THEN s.piso END AS exporter,
       s.agg IN ('t', 'true') OR c.kind IN ('nes', 'world') AS unattributed, c.kind,
       s.value::numeric AS value_usd, s.piso
FROM rr_src s LEFT JOIN rarerisk_data.country_by_code c ON c.code = s.pcode::int;

DO $$
DECLARE r record; file text := current_setting('rr.file');
BEGIN
    SELECT line, exporter_code, piso INTO r FROM rr_conv WHERE exporter IS NULL AND NOT unattributed ORDER BY line LIMIT 1;
    IF FOUND THEN
        PERFORM pg_temp.rr_fail(file, r.line, format('unknown partner code %s (partner_iso3 %L): add it to rarerisk_data.country_code',
                                                      r.exporter_code, r.piso));
    END IF;
    SELECT line INTO r FROM rr_conv WHERE kind = 'world' ORDER BY line LIMIT 1;
    IF FOUND THEN
        PERFORM pg_temp.rr_fail(file, r.line, 'a World row (partner 0): this loader takes partner rows only');
    END IF;
    SELECT a.line, b.line AS b_line INTO r FROM rr_conv a JOIN rr_conv b
      ON b.year = a.year AND b.hs_code = a.hs_code AND b.exporter_code = a.exporter_code AND b.line > a.line
    ORDER BY b.line LIMIT 1;
    IF FOUND THEN
        PERFORM pg_temp.rr_fail(file, r.b_line, format('the same flow (year, partner, HS code) as line %s', r.line));
    END IF;
END $$;

DELETE FROM rarerisk_data.flows WHERE source_file = :'rr_name';

DO $$
DECLARE r record; file text := current_setting('rr.file');
BEGIN
    SELECT c.line, f.source_file, f.source_line INTO r
    FROM rr_conv c JOIN rarerisk_data.flows f
      ON f.year = c.year AND f.month IS NULL AND f.hs_code = c.hs_code
     AND f.reported_by IN ('importer', 'reconciled') AND f.exporter_code = c.exporter_code
     AND f.importer = current_setting('rr.importer')
    ORDER BY c.line LIMIT 1;
    IF FOUND THEN
        PERFORM pg_temp.rr_fail(file, r.line, format('this flow is already loaded from %s, line %s', r.source_file, r.source_line));
    END IF;
END $$;

INSERT INTO rarerisk_data.flows (source, source_file, source_line, year, month,
        importer, importer_code, exporter, exporter_code, hs_code, value_usd, qty_kg, reported_by)
SELECT 'partner_share', :'rr_name', c.line, c.year, NULL,
       :'importer', (SELECT min(code) FROM rarerisk_data.country_by_code WHERE iso3 = :'importer' AND kind = 'country'),
       c.exporter, c.exporter_code, c.hs_code, c.value_usd, NULL, 'importer'
FROM rr_conv c;

SELECT format('%s: %s loaded (%s unattributed), %s, %s', :'rr_name', pg_temp.rr_n(count(*), 'flow row'),
              count(*) FILTER (WHERE exporter IS NULL),
              pg_temp.rr_n(count(DISTINCT hs_code), 'HS code'), pg_temp.rr_n(count(DISTINCT year), 'year')) AS loaded
FROM rarerisk_data.flows WHERE source_file = :'rr_name' \gset
COMMIT;
ANALYZE rarerisk_data.flows;
\echo :loaded

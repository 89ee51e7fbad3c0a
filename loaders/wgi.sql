-- loaders/wgi.sql -- load the World Bank Worldwide Governance Indicators bulk
-- CSV (WGIData.csv) into rarerisk_data.governance
--
--   psql -X -v file=WGIData.csv -f loaders/wgi.sql
--
-- Layout: Country Name, Country Code, Indicator Name, Indicator Code, then
-- one column per year (1996, 1998, 2000, 2002, ...); UTF-8 with a
-- byte-order mark.  Of the 36 series per economy only the six estimates
-- (VA.EST, PV.EST, GE.EST, RQ.EST, RL.EST, CC.EST) are loaded, one row per
-- economy, indicator and year; empty cells and ".." are skipped.  Economy
-- codes are the World Bank's: ISO alpha-3, plus XKX for Kosovo.  View
-- rarerisk_data.wgi_mean gives the mean of the six, the input of
-- rarerisk.wgi_risk().  One transaction; reloading a file replaces its rows.

\set ON_ERROR_STOP on
\ir _begin.sql
\ir _stage.sql

DO $$
DECLARE hdr text[] := pg_temp.rr_stage_header();
BEGIN
    IF NOT hdr @> ARRAY['Country Name', 'Country Code', 'Indicator Code'] THEN
        RAISE EXCEPTION '%, line 1: not a WGI bulk file: the header lacks Country Name, Country Code or Indicator Code', current_setting('rr.file')
            USING ERRCODE = '22P02', DETAIL = format('header: %s', array_to_string(hdr, ','));
    END IF;
    IF NOT EXISTS (SELECT 1 FROM unnest(hdr) h WHERE h ~ '^[0-9]{4}$') THEN
        RAISE EXCEPTION '%, line 1: no year columns in the header', current_setting('rr.file') USING ERRCODE = '22P02';
    END IF;
    -- one row per (economy, indicator, year) with its text value
    EXECUTE 'CREATE TEMP TABLE rr_src ON COMMIT DROP AS '
         || string_agg(format($f$SELECT n + 1 AS line, btrim("Country Code") AS iso3, btrim("Country Name") AS country,
                                 split_part(btrim("Indicator Code"), '.', 1) AS indicator, %s AS year, btrim(%I) AS value
                            FROM rr_stage WHERE btrim("Indicator Code") ~ '^(VA|PV|GE|RQ|RL|CC)\.EST$'$f$, h, h), ' UNION ALL ')
    FROM unnest(hdr) h WHERE h ~ '^[0-9]{4}$';
END $$;

DO $$
DECLARE r record;
BEGIN
    SELECT line, col, val, why INTO r FROM (
        SELECT line, 'Country Code' AS col, iso3 AS val, 'is not a three-letter code' AS why, 1 AS o
          FROM rr_src WHERE iso3 IS NULL OR iso3 !~ '^[A-Z]{3}$'
        UNION ALL
        SELECT line, year::text, value, 'is not a number', 2 FROM rr_src
         WHERE coalesce(value, '') NOT IN ('', '..') AND value !~ '^-?[0-9]+(\.[0-9]*)?([eE][-+]?[0-9]+)?$'
    ) bad ORDER BY line, o LIMIT 1;
    IF FOUND THEN
        PERFORM pg_temp.rr_fail_value(r.line, r.col, r.val, r.why);
    END IF;
END $$;

DELETE FROM rarerisk_data.governance WHERE source_file = :'rr_name';
INSERT INTO rarerisk_data.governance (iso3, country, indicator, year, estimate, source_file, source_line)
SELECT iso3, country, indicator, year, value::numeric, :'rr_name', line
FROM rr_src WHERE coalesce(value, '') NOT IN ('', '..');

SELECT format('%s: %s loaded, %s, %s', :'rr_name',
              pg_temp.rr_n(count(*), 'estimate'), pg_temp.rr_n(count(DISTINCT iso3), 'economy', 'economies'),
              pg_temp.rr_n(count(DISTINCT year), 'year')) AS loaded
FROM rarerisk_data.governance WHERE source_file = :'rr_name' \gset
COMMIT;
ANALYZE rarerisk_data.governance;
\echo :loaded

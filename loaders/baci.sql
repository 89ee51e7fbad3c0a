-- loaders/baci.sql -- load a CEPII BACI CSV (t,i,j,k,v,q) into rarerisk_data.flows
--
--   psql -X -v file=path/to/BACI_HS17_Y2022_V202401.csv [-v encoding=UTF8] -f loaders/baci.sql
--
-- BACI layout: t year, i exporter, j importer (numeric codes, Comtrade-style:
-- 842 USA, 251 France, 699 India, 490 Taiwan ...), k HS6 product (written
-- without a leading zero, e.g. 10121 = 010121), v value in thousands of USD
-- (FOB), q quantity in metric tons ("NA" or empty when unknown).
--
-- Conversion: value_usd = v x 1000, qty_kg = q x 1000, reported_by =
-- reconciled (BACI already reconciles the importer's and exporter's
-- declarations: there are no mirror duplicates and no World rows).  Codes
-- are mapped through rarerisk_data.country_by_code; an unknown code fails
-- the load with its line.  One transaction; reloading a file replaces it.

\set ON_ERROR_STOP on
\ir _begin.sql

DO $$
DECLARE hdr text[] := (SELECT pg_temp.rr_header(line) FROM rr_raw WHERE n = 1);
BEGIN
    IF hdr IS DISTINCT FROM ARRAY['t', 'i', 'j', 'k', 'v', 'q'] THEN
        RAISE EXCEPTION '%, line 1: not a BACI file: the header must be t,i,j,k,v,q', current_setting('rr.file')
            USING ERRCODE = '22P02', DETAIL = format('header: %s', array_to_string(hdr, ','));
    END IF;
END $$;
\ir _stage.sql

DO $$
DECLARE r record; file text := current_setting('rr.file');
BEGIN
    SELECT s.n + 1 AS line, v.col, v.val, v.why INTO r
    FROM rr_stage s,
    LATERAL (VALUES
        ('t', btrim(s.t), btrim(s.t) !~ '^[0-9]{4}$',       'is not a year'),
        ('i', btrim(s.i), btrim(s.i) !~ '^[0-9]{1,3}$',     'is not a numeric country code'),
        ('j', btrim(s.j), btrim(s.j) !~ '^[0-9]{1,3}$',     'is not a numeric country code'),
        ('k', btrim(s.k), btrim(s.k) !~ '^[0-9]{5,6}$',     'is not an HS6 code'),
        ('v', btrim(s.v), NOT pg_temp.rr_is_num(btrim(s.v)), 'is not a non-negative number'),
        ('q', btrim(s.q), btrim(s.q) NOT IN ('', 'NA') AND NOT pg_temp.rr_is_num(btrim(s.q)), 'is not a non-negative number or NA')
    ) v(col, val, bad, why)
    WHERE v.bad OR (v.val IS NULL AND v.col <> 'q')
    ORDER BY s.n, v.col LIMIT 1;
    IF FOUND THEN
        PERFORM pg_temp.rr_fail(file, r.line, format('column %s: %s %s', r.col,
                coalesce('"' || r.val || '"', 'empty value'), CASE WHEN r.val IS NULL THEN 'is required' ELSE r.why END));
    END IF;

    SELECT s.n + 1 AS line, c.code INTO r
    FROM rr_stage s CROSS JOIN LATERAL (VALUES (btrim(s.i)::int), (btrim(s.j)::int)) c(code)
    LEFT JOIN rarerisk_data.country_by_code m ON m.code = c.code
    WHERE m.code IS NULL OR m.kind = 'world'
    ORDER BY s.n LIMIT 1;
    IF FOUND THEN
        PERFORM pg_temp.rr_fail(file, r.line, format('unknown country code %s: add it to rarerisk_data.country_code', r.code));
    END IF;

    SELECT a.n + 1 AS line, b.n + 1 AS b_line INTO r
    FROM rr_stage a JOIN rr_stage b
      ON btrim(b.t) = btrim(a.t) AND btrim(b.i) = btrim(a.i) AND btrim(b.j) = btrim(a.j)
     AND btrim(b.k)::int = btrim(a.k)::int AND b.n > a.n
    ORDER BY b.n LIMIT 1;
    IF FOUND THEN
        PERFORM pg_temp.rr_fail(file, r.b_line, format('the same flow (t, i, j, k) as line %s', r.line));
    END IF;
END $$;

DELETE FROM rarerisk_data.flows WHERE source_file = :'rr_name';

INSERT INTO rarerisk_data.flows (source, source_file, source_line, year, month,
        importer, importer_code, exporter, exporter_code, hs_code, value_usd, qty_kg, reported_by)
SELECT 'baci', :'rr_name', s.n + 1, btrim(s.t)::int, NULL,
       mj.iso3, btrim(s.j)::int, mi.iso3, btrim(s.i)::int,
       lpad(btrim(s.k), 6, '0'),
       btrim(s.v)::numeric * 1000,
       CASE WHEN btrim(s.q) IN ('', 'NA') OR s.q IS NULL THEN NULL ELSE btrim(s.q)::numeric * 1000 END,
       'reconciled'
FROM rr_stage s
JOIN rarerisk_data.country_by_code mi ON mi.code = btrim(s.i)::int
JOIN rarerisk_data.country_by_code mj ON mj.code = btrim(s.j)::int;

SELECT format('%s: %s loaded', :'rr_name',
              pg_temp.rr_n((SELECT count(*) FROM rarerisk_data.flows WHERE source_file = :'rr_name'), 'BACI flow row')) AS loaded \gset
COMMIT;
ANALYZE rarerisk_data.flows;
\echo :loaded

-- loaders/comtrade.sql -- load a UN Comtrade CSV export into rarerisk_data.flows
--
--   psql -X -v file=path/to/export.csv [-v encoding=UTF8] -f loaders/comtrade.sql
--
-- Accepts any Comtrade CSV whose header names the columns (the comtradeplus
-- web/API v2 "raw records" export with its 47+ columns, and narrower
-- extracts such as UN_nickel_trade.csv): columns are found by name, in any
-- order.  Required: period (or refYear), reporterCode, partnerCode,
-- flowCode, cmdCode, primaryValue.  Used when present: netWgt, reporterISO,
-- partnerISO, partnerDesc, motCode, customsCode, partner2Code.
--
-- One transaction: the file is read, checked and converted completely or
-- not at all.  Reloading a file (same base name) replaces its rows.
--
-- Rules (docs/loading.md explains each):
--   * flow M -> importer = reporter, exporter = partner, reported_by importer;
--     flow X -> importer = partner, exporter = reporter, reported_by exporter
--     (the mirror record; view rarerisk_data.imports prefers the importer's);
--     other flow codes (re-exports RX, re-imports RM, ...) are skipped, counted.
--   * breakdown rows (motCode <> 0, customsCode <> C00, partner2Code <> 0)
--     are skipped: they repeat the total row and would double count.
--   * partner 0 "World" -> rarerisk_data.flow_world (a total, never a supplier).
--   * partner = reporter (re-imports: 38 rows in UN_nickel_trade.csv) ->
--     rarerisk_data.flow_self: a flow from a country to itself would read as
--     its own production in a trade network.
--   * white space around codes is stripped, with a NOTICE naming the first
--     line ('CHN ' would be a supplier other than 'CHN'; Comtrade writes
--     the n.e.s. ISO code as "_X ").
--   * n.e.s. areas (899 Areas nes, 839 Special categories, 838 Free zones,
--     568 Other Europe nes, ...) -> exporter NULL: unattributed volume.
--     490 "Other Asia, nes" is Taiwan (TWN), as Comtrade documents.
--   * codes are mapped through rarerisk_data.country_by_code; a code missing
--     there is taken from the file's ISO column when that is a 3-letter code,
--     else the load fails naming the line.
--   * a file with a heading and one of its subheadings (2846 and 284610) for
--     the same flow is rejected (baskets would count it twice), as is a flow
--     already loaded from another file (the PNNL heavy_ree and light_ree
--     extracts hold the same 80 records).

\set ON_ERROR_STOP on
\ir _begin.sql

SELECT pg_temp.rr_require_columns('a UN Comtrade export', ARRAY['reporterCode', 'partnerCode', 'flowCode', 'cmdCode', 'primaryValue'],
           CASE WHEN NOT pg_temp.rr_header(line) && ARRAY['period', 'refYear'] THEN ARRAY['period'] END)
FROM rr_raw WHERE n = 1 \g /dev/null
\ir _stage.sql

-- a uniform view of the columns we use (absent optional columns -> NULL)
DO $$
DECLARE
    hdr text[] := (SELECT pg_temp.rr_header(line) FROM rr_raw WHERE n = 1);
    col text;
    sel text := 'n + 1 AS line';
    spec text[][] := ARRAY[
        ['period', CASE WHEN 'period' = ANY (hdr) THEN 'period' ELSE 'refYear' END],
        ['reporter', 'reporterCode'], ['reporter_iso', 'reporterISO'],
        ['partner', 'partnerCode'], ['partner_iso', 'partnerISO'], ['partner_desc', 'partnerDesc'],
        ['flow', 'flowCode'], ['cmd', 'cmdCode'], ['value', 'primaryValue'], ['netwgt', 'netWgt'],
        ['mot', 'motCode'], ['customs', 'customsCode'], ['partner2', 'partner2Code']];
BEGIN
    FOR i IN 1 .. array_length(spec, 1) LOOP
        col := spec[i][2];
        sel := sel || ', ' || CASE WHEN col = ANY (hdr) THEN format('btrim(%I)', col) ELSE 'NULL::text' END
                   || ' AS ' || spec[i][1];
    END LOOP;
    -- codes with white space around them (stripped here; a code with a
    -- trailing space would be a supplier other than the code without it)
    sel := sel || ', (' || coalesce((SELECT string_agg(format('coalesce(%I <> btrim(%I), false)', c, c), ' OR ')
                                     FROM unnest(ARRAY['reporterCode', 'reporterISO', 'partnerCode', 'partnerISO',
                                                       'flowCode', 'cmdCode']) c WHERE c = ANY (hdr)), 'false')
               || ') AS padded';
    EXECUTE 'CREATE TEMP VIEW rr_src AS SELECT ' || sel || ' FROM rr_stage';
END $$;

-- validate: the first bad line, in file order, stops the load
DO $$
DECLARE r record;
BEGIN
    SELECT s.line, v.col, v.val, v.why INTO r
    FROM rr_src s,
    LATERAL (VALUES
        ('period',       s.period,   s.period !~ '^[0-9]{4}(0[1-9]|1[0-2])?$', 'is not a year (YYYY) or month (YYYYMM)'),
        ('reporterCode', s.reporter, s.reporter !~ '^[0-9]+$',            'is not a numeric country code'),
        ('partnerCode',  s.partner,  s.partner !~ '^[0-9]+$',             'is not a numeric country code'),
        ('cmdCode',      s.cmd,      s.cmd !~ '^[0-9]{2}([0-9]{2}){0,2}$','is not an HS code of 2, 4 or 6 digits'),
        ('primaryValue', s.value,    s.value <> '' AND NOT pg_temp.rr_is_num(s.value), 'is not a non-negative number'),
        ('netWgt',       s.netwgt,   s.netwgt <> '' AND NOT pg_temp.rr_is_num(s.netwgt), 'is not a non-negative number')
    ) v(col, val, bad, why)
    WHERE v.bad OR (v.val IS NULL AND v.col IN ('period', 'reporterCode', 'partnerCode', 'cmdCode'))
    ORDER BY s.line, v.col
    LIMIT 1;
    IF FOUND THEN
        PERFORM pg_temp.rr_fail_value(r.line, r.col, r.val, CASE WHEN r.val IS NULL THEN 'is required' ELSE r.why END);
    END IF;
END $$;

-- convert: codes -> ISO, orientation, skip breakdowns and other flow codes
CREATE TEMP TABLE rr_conv ON COMMIT DROP AS
SELECT s.line,
       left(s.period, 4)::int                                  AS year,
       nullif(substr(s.period, 5, 2), '')::int                 AS month,
       s.reporter::int                                         AS reporter_code,
       s.partner::int                                          AS partner_code,
       s.flow, s.cmd                                           AS hs_code,
       s.value::numeric                                        AS value_usd,
       s.netwgt::numeric                                       AS qty_kg,
       rc.kind AS reporter_kind, coalesce(rc.iso3, CASE WHEN s.reporter_iso ~ '^[A-Z]{3}$' THEN s.reporter_iso END) AS reporter_iso3,
       pc.kind AS partner_kind,  coalesce(pc.iso3, CASE WHEN s.partner_iso  ~ '^[A-Z]{3}$' THEN s.partner_iso  END) AS partner_iso3,
       s.partner_iso AS file_partner_iso, s.partner_desc, s.padded,
       (coalesce(s.mot, '0') = '0' AND coalesce(s.customs, 'C00') = 'C00'
        AND coalesce(s.partner2, '0') = '0')                   AS is_total
FROM rr_src s
LEFT JOIN rarerisk_data.country_by_code rc ON rc.code = s.reporter::int
LEFT JOIN rarerisk_data.country_by_code pc ON pc.code = s.partner::int;

DO $$
DECLARE r record; file text := current_setting('rr.file'); k int; t int;
BEGIN
    SELECT * INTO r FROM rr_conv
    WHERE reporter_iso3 IS NULL OR (partner_kind IS NULL AND partner_iso3 IS NULL)
    ORDER BY line LIMIT 1;
    IF FOUND THEN
        IF r.reporter_iso3 IS NULL THEN
            PERFORM pg_temp.rr_fail(file, r.line, format('reporter code %s is not a country in rarerisk_data.country_by_code', r.reporter_code));
        ELSE
            PERFORM pg_temp.rr_fail(file, r.line, format('unknown partner code %s (partnerISO %L, partnerDesc %L): add it to rarerisk_data.country_code',
                                                          r.partner_code, r.file_partner_iso, r.partner_desc));
        END IF;
    END IF;
    SELECT count(*) FILTER (WHERE padded) INTO k FROM rr_conv;
    IF k > 0 THEN
        RAISE NOTICE '%: stripped white space around codes on % row(s), first on line % (supplier codes are compared byte for byte: ''CHN '' would be a supplier other than ''CHN'')',
            file, k, (SELECT min(line) FROM rr_conv WHERE padded);
    END IF;
    SELECT count(*) FILTER (WHERE NOT is_total), count(*) FILTER (WHERE is_total AND flow NOT IN ('M', 'X'))
      INTO k, t FROM rr_conv;
    IF k > 0 THEN
        RAISE NOTICE '%: skipped % breakdown row(s) (motCode/customsCode/partner2Code not the total)', file, k;
    END IF;
    IF t > 0 THEN
        RAISE NOTICE '%: skipped % row(s) with flow codes other than M and X: %', file, t,
            (SELECT string_agg(DISTINCT flow, ', ') FROM rr_conv WHERE is_total AND flow NOT IN ('M', 'X'));
    END IF;
    DELETE FROM rr_conv WHERE NOT is_total OR flow NOT IN ('M', 'X');

    -- a heading and its subheading for the same flow: baskets would count it twice
    SELECT a.line, a.hs_code AS a_hs, b.line AS b_line, b.hs_code AS b_hs INTO r
    FROM rr_conv a JOIN rr_conv b
      ON b.year = a.year AND b.month IS NOT DISTINCT FROM a.month AND b.reporter_code = a.reporter_code
     AND b.partner_code = a.partner_code AND b.flow = a.flow
     AND length(b.hs_code) > length(a.hs_code) AND b.hs_code LIKE a.hs_code || '%'
    ORDER BY b.line LIMIT 1;
    IF FOUND THEN
        PERFORM pg_temp.rr_fail(file, r.b_line, format('HS %s overlaps HS %s on line %s for the same flow (a heading and its subheading would be counted twice)', r.b_hs, r.a_hs, r.line));
    END IF;
    -- the same flow twice in the file
    SELECT a.line, b.line AS b_line INTO r
    FROM rr_conv a JOIN rr_conv b
      ON b.year = a.year AND b.month IS NOT DISTINCT FROM a.month AND b.reporter_code = a.reporter_code
     AND b.partner_code = a.partner_code AND b.flow = a.flow AND b.hs_code = a.hs_code AND b.line > a.line
    ORDER BY b.line LIMIT 1;
    IF FOUND THEN
        PERFORM pg_temp.rr_fail(file, r.b_line, format('the same flow (period, reporter, partner, flow, HS code) as line %s', r.line));
    END IF;
END $$;

DELETE FROM rarerisk_data.flows      WHERE source_file = :'rr_name';
DELETE FROM rarerisk_data.flow_world WHERE source_file = :'rr_name';
DELETE FROM rarerisk_data.flow_self  WHERE source_file = :'rr_name';

-- self-flows: the reporter is its own partner (re-imports, re-exports)
ALTER TABLE rr_conv ADD COLUMN is_self boolean;
UPDATE rr_conv SET is_self = partner_kind IS DISTINCT FROM 'world'
                         AND (partner_code = reporter_code OR coalesce(partner_iso3 = reporter_iso3, false));

DO $$
DECLARE r record; file text := current_setting('rr.file');
BEGIN
    SELECT c.line, f.source_file, f.source_line INTO r
    FROM rr_conv c JOIN rarerisk_data.flows f
      ON f.source = 'comtrade' AND f.year = c.year AND f.month IS NOT DISTINCT FROM c.month
     AND f.hs_code = c.hs_code
     AND f.reported_by = CASE c.flow WHEN 'M' THEN 'importer' ELSE 'exporter' END
     AND f.importer_code = CASE c.flow WHEN 'M' THEN c.reporter_code ELSE c.partner_code END
     AND f.exporter_code = CASE c.flow WHEN 'M' THEN c.partner_code ELSE c.reporter_code END
    ORDER BY c.line LIMIT 1;
    IF FOUND THEN
        PERFORM pg_temp.rr_fail(file, r.line, format('this flow is already loaded from %s, line %s', r.source_file, r.source_line));
    END IF;
END $$;

INSERT INTO rarerisk_data.flows (source, source_file, source_line, year, month,
        importer, importer_code, exporter, exporter_code, hs_code, value_usd, qty_kg, reported_by)
SELECT 'comtrade', :'rr_name', line, year, month,
       CASE flow WHEN 'M' THEN reporter_iso3 ELSE partner_iso3 END,
       CASE flow WHEN 'M' THEN reporter_code ELSE partner_code END,
       CASE flow WHEN 'M' THEN partner_iso3 ELSE reporter_iso3 END,
       CASE flow WHEN 'M' THEN partner_code ELSE reporter_code END,
       hs_code, value_usd, qty_kg,
       CASE flow WHEN 'M' THEN 'importer' ELSE 'exporter' END
FROM rr_conv WHERE partner_kind IS DISTINCT FROM 'world' AND NOT is_self;

INSERT INTO rarerisk_data.flow_self (source, source_file, source_line, year, month,
        importer, importer_code, exporter, exporter_code, hs_code, value_usd, qty_kg, reported_by)
SELECT 'comtrade', :'rr_name', line, year, month, reporter_iso3, reporter_code, reporter_iso3, reporter_code,
       hs_code, value_usd, qty_kg, CASE flow WHEN 'M' THEN 'importer' ELSE 'exporter' END
FROM rr_conv WHERE is_self;

INSERT INTO rarerisk_data.flow_world (source, source_file, source_line, year, month,
        importer, importer_code, exporter, exporter_code, hs_code, value_usd, qty_kg, reported_by)
SELECT 'comtrade', :'rr_name', line, year, month,
       CASE flow WHEN 'M' THEN reporter_iso3 END, CASE flow WHEN 'M' THEN reporter_code ELSE partner_code END,
       CASE flow WHEN 'X' THEN reporter_iso3 END, CASE flow WHEN 'M' THEN partner_code ELSE reporter_code END,
       hs_code, value_usd, qty_kg,
       CASE flow WHEN 'M' THEN 'importer' ELSE 'exporter' END
FROM rr_conv WHERE partner_kind = 'world';

SELECT format('%s: %s (%s n.e.s.), %s, %s kept apart',
              :'rr_name',
              pg_temp.rr_n((SELECT count(*) FROM rarerisk_data.flows WHERE source_file = :'rr_name'), 'flow row'),
              (SELECT count(*) FROM rarerisk_data.flows WHERE source_file = :'rr_name'
                  AND (exporter IS NULL OR importer IS NULL)),
              pg_temp.rr_n((SELECT count(*) FROM rarerisk_data.flow_world WHERE source_file = :'rr_name'), 'World row'),
              pg_temp.rr_n((SELECT count(*) FROM rarerisk_data.flow_self WHERE source_file = :'rr_name'), 'self-flow')) AS loaded \gset
COMMIT;
ANALYZE rarerisk_data.flows;
ANALYZE rarerisk_data.flow_world;
ANALYZE rarerisk_data.flow_self;
\echo :loaded

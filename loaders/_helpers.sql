-- loaders/_helpers.sql -- shared by the loaders (\ir): argument checks and the
-- raw read of the file.  Expects psql variables file (required), encoding
-- (set by the caller's default when absent).  Leaves temp table rr_raw
-- (n = physical line number, line = the raw text) and variable rr_name
-- (the file's base name, the key of a reload).
\if :{?file}
\else
DO $$ BEGIN RAISE EXCEPTION 'no input file: run  psql -v file=PATH -f loaders/<loader>.sql'; END $$;
\endif

SELECT regexp_replace(:'file', '^.*/', '') AS rr_name \gset
SELECT set_config('rr.file', :'rr_name', true), set_config('rr.encoding', :'encoding', true) \g /dev/null

-- One text field per physical line: COPY's CSV mode with a delimiter and a
-- quote that do not occur in text files.  This reads the header, gives exact
-- line numbers, and makes COPY itself check the encoding of every line.
CREATE TEMP TABLE rr_raw (n int GENERATED ALWAYS AS IDENTITY, line text) ON COMMIT DROP;
\set rr_cmd '\\copy rr_raw (line) FROM ' :'file' ' WITH (FORMAT csv, DELIMITER E''\\x01'', QUOTE E''\\x02'', ENCODING ' :'encoding' ')'
:rr_cmd

-- 'line 12: column "primaryValue": "12,3x" is not a number'
CREATE FUNCTION pg_temp.rr_fail(file text, line int, msg text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '%, line %: %', file, line, msg
        USING ERRCODE = '22P02', HINT = 'nothing was loaded; fix the file and run the loader again';
END $$;

-- 'line 12: column "year": "19x5" is not a year', or 'empty value is not a
-- year' when val is NULL: a value that breaks its column's rule
CREATE FUNCTION pg_temp.rr_fail_value(line int, col text, val text, why text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_temp.rr_fail(current_setting('rr.file'), line,
        format('column "%s": %s %s', col, coalesce('"' || val || '"', 'empty value'), why));
END $$;

-- '1 edition', '2 editions': a count with its noun
CREATE FUNCTION pg_temp.rr_n(n bigint, one text, many text DEFAULT NULL) RETURNS text
LANGUAGE sql IMMUTABLE AS $$ SELECT n || ' ' || CASE WHEN n = 1 THEN one ELSE coalesce(many, one || 's') END $$;

-- plain non-negative decimal, optionally with exponent (Comtrade writes 1.5E7)
CREATE FUNCTION pg_temp.rr_is_num(t text) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$ SELECT t ~ '^[0-9]+(\.[0-9]*)?([eE][-+]?[0-9]+)?$' $$;

-- header fields: strip a UTF-8 byte-order mark (U+FEFF, or its WIN1252/LATIN1
-- reading "ï»¿"), quotes and blanks
CREATE FUNCTION pg_temp.rr_header(line text) RETURNS text[]
LANGUAGE sql IMMUTABLE AS $$
    SELECT array_agg(btrim(f, ' "') ORDER BY i)
    FROM unnest(string_to_array(regexp_replace(line, '^(' || U&'\FEFF' || '|ï»¿)', ''), ','))
         WITH ORDINALITY AS u(f, i)
$$;

-- 'x.csv, line 1: not a BGS ... file: the header lacks column(s) year, units':
-- the columns (found by name) a layout needs; also_missing names more to
-- report (e.g. one of two alternatives, both absent)
CREATE FUNCTION pg_temp.rr_require_columns(layout text, cols text[], also_missing text[] DEFAULT NULL) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    hdr text[] := (SELECT pg_temp.rr_header(line) FROM rr_raw WHERE n = 1);
    missing text[] := (SELECT array_agg(c) FROM unnest(cols) c WHERE c <> ALL (hdr)) || also_missing;
BEGIN
    IF missing IS NOT NULL THEN
        RAISE EXCEPTION '%, line 1: not %: the header lacks column(s) %', current_setting('rr.file'), layout,
            array_to_string(missing, ', ')
            USING ERRCODE = '22P02', DETAIL = format('header: %s', array_to_string(hdr, ','));
    END IF;
END $$;

SELECT count(*) = 0 AS rr_empty FROM rr_raw \gset
\if :rr_empty
DO $$ BEGIN RAISE EXCEPTION 'the input file is empty' USING ERRCODE = '22P02'; END $$;
\endif

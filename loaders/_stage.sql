-- loaders/_stage.sql -- (\ir after _helpers.sql) staging table rr_stage with one
-- text column per header field, in order, plus n (record number; the file's
-- line is n + 1), filled by COPY's own CSV parser: a record with too few or
-- too many fields, or an unterminated quote, fails here with its line.
-- Empty names at the end of the header (MCS2024 files end every line with
-- commas) become _blank<N>, columns that nothing reads.
CREATE FUNCTION pg_temp.rr_stage_header() RETURNS text[] LANGUAGE sql AS $$
    SELECT array_agg(CASE WHEN h = '' AND i > coalesce((SELECT max(j) FROM unnest(hdr) WITH ORDINALITY v(x, j) WHERE x <> ''), 0)
                          THEN '_blank' || i ELSE h END ORDER BY i)
    FROM (SELECT pg_temp.rr_header(line) AS hdr FROM rr_raw WHERE n = 1) r,
         unnest(r.hdr) WITH ORDINALITY u(h, i)
$$;
DO $$
DECLARE hdr text[] := pg_temp.rr_stage_header();
BEGIN
    IF (SELECT count(DISTINCT h) FROM unnest(hdr) h) <> cardinality(hdr) OR '' = ANY (hdr) THEN
        RAISE EXCEPTION '%, line 1: empty or duplicate column names in the header', current_setting('rr.file')
            USING ERRCODE = '22P02', DETAIL = format('header: %s', array_to_string(hdr, ','));
    END IF;
    EXECUTE format('CREATE TEMP TABLE rr_stage (n int GENERATED ALWAYS AS IDENTITY, %s) ON COMMIT DROP',
                   (SELECT string_agg(quote_ident(h) || ' text', ', ' ORDER BY i)
                    FROM unnest(hdr) WITH ORDINALITY u(h, i)));
END $$;
SELECT string_agg(quote_ident(h), ',' ORDER BY i) AS rr_cols
FROM unnest(pg_temp.rr_stage_header()) WITH ORDINALITY u(h, i) \gset
\set rr_cmd '\\copy rr_stage (' :rr_cols ') FROM ' :'file' ' WITH (FORMAT csv, HEADER true, ENCODING ' :'encoding' ')'
:rr_cmd

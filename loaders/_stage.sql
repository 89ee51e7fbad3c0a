-- loaders/_stage.sql -- (\ir after _helpers.sql) staging table rr_stage with one
-- text column per header field, in order, plus n (record number; the file's
-- line is n + 1), filled by COPY's own CSV parser: a record with too few or
-- too many fields, or an unterminated quote, fails here with its line.
DO $$
DECLARE hdr text[] := (SELECT pg_temp.rr_header(line) FROM rr_raw WHERE n = 1);
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
FROM unnest(pg_temp.rr_header((SELECT line FROM rr_raw WHERE n = 1))) WITH ORDINALITY u(h, i) \gset
\set rr_cmd '\\copy rr_stage (' :rr_cols ') FROM ' :'file' ' WITH (FORMAT csv, HEADER true, ENCODING ' :'encoding' ')'
:rr_cmd

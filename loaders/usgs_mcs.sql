-- loaders/usgs_mcs.sql -- load USGS Mineral Commodity Summaries world production
-- into rarerisk_data.mine_production
--
--   psql -X -v file=mcs2023-raree_world.csv -f loaders/usgs_mcs.sql
--   psql -X -v file=MCS2025_World_Data.csv -f loaders/usgs_mcs.sql
--   psql -X -v file=MCS2026_Commodities_Data.csv -v encoding=WIN1252 -f loaders/usgs_mcs.sql
--
-- Layouts, recognised by the header:
--   per-commodity (MCS2022-2024 data releases, mcs2023-raree_world.csv):
--     Source, Country, Type, Prod_<unit>_[est_]<year>..., Prod_notes,
--     Reserves_*: one file per commodity; the commodity from the file
--     name's abbreviation (raree -> Rare earths) or -v commodity=...; the
--     unit from the column name (t, kt, kg, mmt, mct, mcm); the measure
--     from Type without the commodity and the unit; trailing empty columns
--     (MCS2024) ignored; values "e5,000" (estimated), "Less than ½ unit.",
--     "Included with ...", "<100" understood.
--   wide (MCS2025_World_Data.csv): SOURCE, COMMODITY, COUNTRY, TYPE, UNIT_MEAS,
--     PROD_2023, "PROD_EST_ 2024" (sic, with a space), PROD_NOTES, CAP_*,
--     RESERVES_*: one row per country and series, one column per year;
--     UTF-8 with a byte-order mark.  The year and the estimate flag come
--     from the column names; the edition from SOURCE.
--   long (MCS2026_Commodities_Data.csv): MCS chapter, Section, Commodity,
--     Country, Statistics, Statistics_detail, Unit, Year, Value, Notes, ...:
--     one row per value; Windows-1252 (run with -v encoding=WIN1252, else
--     COPY stops at the first en dash with "invalid byte sequence");
--     thousands separators ("10,000").  Rows of the "World ..." sections with
--     Statistics = Production are loaded; the edition comes from the file
--     name (MCS2026_...) or -v edition=MCS2026.
-- Only production is loaded (not capacity or reserves).
--
-- Values: numbers (thousands separators removed); markers W (withheld), NA
-- (not available), — / – / - (zero, none), s (less than ½ unit), XX (not
-- applicable), empty cell -> production NULL with that value_flag.  Anything
-- else is an error naming the line and column.
-- Countries: whitespace (incl. no-break spaces) collapsed; trailing footnote
-- digits removed; "World total ..." rows dropped (rounded totals, not a
-- producer); "Other countries" and multi-country rows ("United States and
-- Canada") -> iso3 NULL = unattributed; "China (unspecified minerals)" ->
-- country China, country_note "unspecified minerals".  A name not in
-- rarerisk_data.country_by_name is an error.
-- One transaction; reloading a file (same base name) replaces its rows.

\if :{?edition}
\else
\set edition ''
\endif
\set ON_ERROR_STOP on
\ir _begin.sql

DO $$
DECLARE first text := (SELECT line FROM rr_raw WHERE n = 1);
BEGIN
    IF first LIKE 'ï»¿%' THEN
        RAISE EXCEPTION '%, line 1: the file starts with a UTF-8 byte-order mark but was read as %: run with -v encoding=UTF8',
            current_setting('rr.file'), current_setting('rr.encoding') USING ERRCODE = '22P02';
    END IF;
END $$;
\ir _stage.sql

SELECT CASE
         WHEN h @> ARRAY['SOURCE', 'COMMODITY', 'COUNTRY', 'TYPE', 'UNIT_MEAS', 'PROD_NOTES'] THEN 'wide'
         WHEN h @> ARRAY['Section', 'Commodity', 'Country', 'Statistics', 'Statistics_detail', 'Unit', 'Year', 'Value', 'Notes'] THEN 'long'
         WHEN h @> ARRAY['Source', 'Country', 'Type'] THEN 'per-commodity'
         ELSE 'unknown' END AS rr_layout,
       coalesce(nullif(:'edition', ''), upper(substring(:'rr_name' FROM '(?i)(mcs20[0-9]{2})')), '') AS rr_edition
FROM (SELECT pg_temp.rr_header(line) AS h FROM rr_raw WHERE n = 1) s \gset
SELECT set_config('rr.layout', :'rr_layout', true), set_config('rr.edition', :'rr_edition', true) \g /dev/null

-- the commodity of a per-commodity file: -v commodity=..., else the file
-- name's abbreviation (mcs2023-raree_world.csv)
\if :{?commodity}
\else
\set commodity ''
\endif
SELECT coalesce(nullif(:'commodity', ''), (SELECT name FROM (VALUES
    ('abras', 'Abrasives'), ('alumi', 'Aluminum'), ('antim', 'Antimony'), ('arsen', 'Arsenic'),
    ('asbes', 'Asbestos'), ('barit', 'Barite'), ('bauxi', 'Bauxite'), ('beryl', 'Beryllium'),
    ('bismu', 'Bismuth'), ('boron', 'Boron'), ('bromi', 'Bromine'), ('cadmi', 'Cadmium'),
    ('cemen', 'Cement'), ('chrom', 'Chromium'), ('clays', 'Clays'), ('cobal', 'Cobalt'),
    ('coppe', 'Copper'), ('diamo', 'Diamond (industrial)'), ('diato', 'Diatomite'),
    ('felds', 'Feldspar'), ('feore', 'Iron ore'), ('fepig', 'Iron oxide pigments'),
    ('feste', 'Iron and steel'), ('fluor', 'Fluorspar'), ('galli', 'Gallium'),
    ('garne', 'Garnet (industrial)'), ('gemst', 'Gemstones'), ('germa', 'Germanium'),
    ('gold', 'Gold'), ('graph', 'Graphite'), ('gypsu', 'Gypsum'), ('heliu', 'Helium'),
    ('indiu', 'Indium'), ('iodin', 'Iodine'), ('kyani', 'Kyanite and related minerals'),
    ('lead', 'Lead'), ('lime', 'Lime'), ('lithi', 'Lithium'), ('manga', 'Manganese'),
    ('mercu', 'Mercury'), ('mgcomp', 'Magnesium compounds'), ('mgmet', 'Magnesium metal'),
    ('mica', 'Mica (natural)'), ('molyb', 'Molybdenum'), ('nicke', 'Nickel'), ('niobi', 'Niobium'),
    ('nitro', 'Nitrogen (fixed) - ammonia'), ('peat', 'Peat'), ('perli', 'Perlite'),
    ('phosp', 'Phosphate rock'), ('plati', 'Platinum-group metals'), ('potas', 'Potash'),
    ('pumic', 'Pumice and pumicite'), ('raree', 'Rare earths'), ('rheni', 'Rhenium'),
    ('salt', 'Salt'), ('sandi', 'Sand and gravel (industrial)'), ('selen', 'Selenium'),
    ('silve', 'Silver'), ('simet', 'Silicon'), ('sodaa', 'Soda ash'), ('stond', 'Stone (dimension)'),
    ('stron', 'Strontium'), ('sulfu', 'Sulfur'), ('talc', 'Talc and pyrophyllite'),
    ('tanta', 'Tantalum'), ('tellu', 'Tellurium'), ('timin', 'Titanium mineral concentrates'),
    ('tin', 'Tin'), ('titan', 'Titanium and titanium dioxide'), ('tungs', 'Tungsten'),
    ('vanad', 'Vanadium'), ('vermi', 'Vermiculite'), ('wolla', 'Wollastonite'),
    ('zeoli', 'Zeolites (natural)'), ('zinc', 'Zinc'), ('zirco', 'Zirconium and hafnium')) m(abbr, name)
    WHERE abbr = lower(substring(:'rr_name' FROM '(?i)mcs20[0-9]{2}-([a-z]+)'))), '') AS rr_commodity \gset
SELECT set_config('rr.commodity', :'rr_commodity', true) \g /dev/null

-- The basis of an MCS2026 chapter's numbers from its "(Data in metric tons,
-- rare-earth-oxide (REO) equivalent, unless otherwise specified)" note:
-- 'rare-earth-oxide equivalent' (abbreviations in parentheses dropped, as
-- the other editions write it); NULL when the note names a unit only
CREATE FUNCTION pg_temp.rr_basis(note text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT nullif(btrim(regexp_replace(substring(core FROM '^[^,]*,\s*(.*)$'), '\s*\([A-Za-z0-9]+\)', '', 'g')), '')
    FROM (SELECT regexp_replace(regexp_replace(regexp_replace(split_part(note, ' -- ', 1),
                     '^\(Data in ', ''), '\)$', ''), ',?\s*unless otherwise \w+$', '') AS core) c
    WHERE note ~ '^\(Data in '
$$;

-- The measure of a per-commodity file from its Type: leading commodity
-- name and trailing unit removed ("Rare earths, mine production,
-- rare-earth-oxide equivalent, metric tons" -> "Mine production,
-- rare-earth-oxide equivalent"; MCS2022's "Mine production, metric tons of
-- rare-earth-oxide (REO) equivalent" -> the same); empty -> Production
CREATE FUNCTION pg_temp.rr_measure(type text, commodity text, unit text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN m = '' THEN 'Production' ELSE upper(left(m, 1)) || substr(m, 2) END
    FROM (SELECT btrim(regexp_replace(regexp_replace(regexp_replace(regexp_replace(
                     regexp_replace(btrim(coalesce(type, '')), '\s+', ' ', 'g'),
                     '^' || regexp_replace(commodity, '([().])', '\\\1', 'g') || '\s*(,|-)\s*', '', 'i'),
                     '\s*(,|-)\s*' || coalesce(unit, '(?!)') || '$', '', 'i'),
                     '(thousand |million )?metric tons of ', '', 'i'),
                     '\s*\([A-Z][A-Za-z0-9]*\)', '', 'g'), ' ,') AS m) t
$$;

-- rr_src(line, edition, commodity, measure, country, unit, year, value, notes, est, col)
DO $$
DECLARE
    hdr text[] := (SELECT pg_temp.rr_header(line) FROM rr_raw WHERE n = 1);
    layout text := current_setting('rr.layout');
    ed text := current_setting('rr.edition');
    parts text;
BEGIN
    IF layout = 'wide' THEN
        SELECT string_agg(format($f$SELECT n + 1 AS line, btrim("SOURCE") AS edition, "COMMODITY" AS commodity,
                   "TYPE" AS measure, "COUNTRY" AS country, "UNIT_MEAS" AS unit, %s AS year,
                   %I AS value, "PROD_NOTES" AS notes, %L::boolean AS est, %L AS col FROM rr_stage$f$,
                   (regexp_match(h, '([0-9]{4})$'))[1], h, h ~ 'EST', h), ' UNION ALL ')
          INTO parts
        FROM unnest(hdr) h WHERE h ~ '^PROD_(EST_)?\s*[0-9]{4}$';
        IF parts IS NULL THEN
            RAISE EXCEPTION '%, line 1: no PROD_<year> columns in the header', current_setting('rr.file') USING ERRCODE = '22P02';
        END IF;
    ELSIF layout = 'long' THEN
        IF ed = '' THEN
            RAISE EXCEPTION '%: cannot tell the MCS edition from the file name: run with -v edition=MCS2026', current_setting('rr.file')
                USING ERRCODE = '22023';
        END IF;
        -- the basis of the numbers ("rare-earth-oxide (REO) equivalent",
        -- "nickel content") is only in the chapter's "(Data in metric
        -- tons, ..., unless otherwise specified)" note: it goes into the
        -- measure, as the other editions have it there
        parts := format($f$SELECT n + 1 AS line, %L AS edition, "Commodity" AS commodity,
                   "Statistics_detail" || coalesce(', ' || pg_temp.rr_basis(%s), '') AS measure,
                   "Country" AS country, "Unit" AS unit, "Year" AS year,
                   "Value" AS value, "Notes" AS notes, false AS est, 'Value' AS col
                 FROM rr_stage WHERE "Section" ILIKE 'World%%' AND "Statistics" = 'Production'$f$, ed,
                 CASE WHEN 'Other notes' = ANY (hdr) THEN '"Other notes"' ELSE 'NULL' END);
    ELSIF layout = 'per-commodity' THEN
        -- MCS2022-2024 data releases, one file per commodity
        -- (mcs2023-raree_world.csv): Source, Country, Type and one column
        -- per year, Prod_<unit>_[est_]<year>; the commodity comes from the
        -- file name's abbreviation (or -v commodity=...)
        IF ed = '' THEN
            RAISE EXCEPTION '%: cannot tell the MCS edition from the file name: run with -v edition=MCS2023', current_setting('rr.file')
                USING ERRCODE = '22023';
        END IF;
        IF current_setting('rr.commodity') = '' THEN
            RAISE EXCEPTION '%: cannot tell the commodity from the file name (mcs20YY-<abbreviation>_world.csv): run with -v commodity=...',
                current_setting('rr.file') USING ERRCODE = '22023';
        END IF;
        SELECT string_agg(format($f$SELECT n + 1 AS line, %L AS edition, %L AS commodity,
                   pg_temp.rr_measure("Type", %L, %L) AS measure, "Country" AS country, %L AS unit, %s AS year,
                   %I AS value, %s AS notes, %L::boolean AS est, %L AS col
                   FROM rr_stage WHERE btrim(coalesce("Country", '')) <> ''$f$,
                   ed, current_setting('rr.commodity'), current_setting('rr.commodity'), u.unit, u.unit,
                   (regexp_match(h, '([0-9]{4})$'))[1], h,
                   CASE WHEN 'Prod_notes' = ANY (hdr) THEN '"Prod_notes"' WHEN 'Prod_note' = ANY (hdr) THEN '"Prod_note"' ELSE 'NULL' END,
                   h ~* '_est_', h), ' UNION ALL ')
          INTO parts
        FROM unnest(hdr) h
        CROSS JOIN LATERAL (SELECT CASE lower((regexp_match(regexp_replace(h, '_est_', '_', 'i'), '^Prod_(?:[A-Za-z]+_)?([A-Za-z]+)_[0-9]{4}$', 'i'))[1])
                                     WHEN 't' THEN 'metric tons' WHEN 'kt' THEN 'thousand metric tons'
                                     WHEN 'kg' THEN 'kilograms' WHEN 'mmt' THEN 'million metric tons'
                                     WHEN 'mt' THEN 'million metric tons' WHEN 'mct' THEN 'million carats'
                                     WHEN 'kct' THEN 'thousand carats' WHEN 'mcm' THEN 'million cubic meters'
                                   END AS unit) u
        WHERE h ~* '^Prod_([a-z]+_)?[a-z]+_(est_)?[0-9]{4}$';
        IF parts IS NULL THEN
            -- capacity only (abrasives): nothing to load
            RAISE NOTICE '%: no Prod_<unit>_<year> columns (capacity or reserves only): no production rows', current_setting('rr.file');
            parts := 'SELECT NULL::int AS line, NULL::text AS edition, NULL::text AS commodity, NULL::text AS measure,
                             NULL::text AS country, NULL::text AS unit, NULL::text AS year, NULL::text AS value,
                             NULL::text AS notes, NULL::boolean AS est, NULL::text AS col WHERE false';
        END IF;
    ELSE
        RAISE EXCEPTION '%, line 1: not a USGS MCS world-data file (none of the MCS2022-2024 per-commodity, MCS2025 wide or MCS2026 long layouts)',
            current_setting('rr.file') USING ERRCODE = '22P02', DETAIL = format('header: %s', array_to_string(hdr, ','));
    END IF;
    EXECUTE 'CREATE TEMP TABLE rr_src ON COMMIT DROP AS SELECT line, btrim(edition) AS edition, '
         || 'regexp_replace(btrim(replace(commodity, chr(160), '' '')), ''\s+'', '' '', ''g'') AS commodity, '
         || 'regexp_replace(btrim(replace(measure, chr(160), '' '')), ''\s+'', '' '', ''g'') AS measure, '
         || 'regexp_replace(btrim(replace(country, chr(160), '' '')), ''\s+'', '' '', ''g'') AS country, '
         || 'btrim(unit) AS unit, btrim(year::text) AS year, btrim(value) AS value, '
         || 'nullif(regexp_replace(btrim(replace(notes, chr(160), '' '')), ''\s+'', '' '', ''g''), '''') AS notes, est, col FROM ('
         || parts || ') s';
END $$;

DELETE FROM rr_src WHERE country ~* '^world total';

-- markers of the per-commodity files: "e5,000" (estimated), "Less than ½
-- unit.", "Included with ilmenite", "<100" (a bound, kept in the notes)
UPDATE rr_src SET est = true, value = substr(btrim(value), 2) WHERE btrim(value) ~ '^e[0-9]';
UPDATE rr_src SET value = 's' WHERE btrim(value) ~* '^less than ½ unit\.?$';
UPDATE rr_src SET notes = concat_ws('; ', notes, 'value: ' || btrim(value)), value = 'incl'
 WHERE btrim(value) ~* '^included with';
UPDATE rr_src SET notes = concat_ws('; ', notes, 'value: ' || btrim(value)), value = '<'
 WHERE btrim(value) ~ '^<\s*[0-9][0-9,.]*$';

DO $$
DECLARE r record;
BEGIN
    SELECT line, col, value, why INTO r FROM (
        SELECT line, 'edition' AS col, edition AS value, 'is not an MCS edition (MCS20YY)' AS why, 1 AS o
          FROM rr_src WHERE edition IS NULL OR edition !~ '^MCS20[0-9]{2}$'
        UNION ALL
        SELECT line, 'Year', year, 'is not a year', 2 FROM rr_src WHERE year IS NULL OR year !~ '^[0-9]{4}$'
        UNION ALL
        SELECT line, 'COUNTRY', country, 'is empty', 3 FROM rr_src WHERE country IS NULL OR country = ''
        UNION ALL
        SELECT line, col, value, 'is not a number or a USGS marker (W, NA, —, s, XX, Included with ..., <N)', 4 FROM rr_src
         WHERE coalesce(value, '') !~ '^([0-9]{1,3}(,[0-9]{3})+|[0-9]+)(\.[0-9]+)?$'
           AND coalesce(value, '') NOT IN ('', 'W', 'NA', '—', '–', '-', '--', 's', 'XX', 'incl', '<')
    ) bad ORDER BY line, o LIMIT 1;
    IF FOUND THEN
        PERFORM pg_temp.rr_fail_value(r.line, r.col, r.value, r.why);
    END IF;
END $$;

-- country name -> (country, note, iso3)
CREATE TEMP TABLE rr_conv ON COMMIT DROP AS
SELECT s.*, n.name AS country_clean, n.note, m.iso3, m.name IS NOT NULL AS known
FROM rr_src s
CROSS JOIN LATERAL (SELECT regexp_replace(s.country, '\s+[0-9]+$', '') AS full) f
LEFT JOIN rarerisk_data.country_by_name fm ON lower(fm.name) = lower(f.full)
CROSS JOIN LATERAL (SELECT CASE WHEN fm.name IS NOT NULL OR f.full !~ '\)$' THEN f.full
                                ELSE btrim(regexp_replace(f.full, '\s*\(([^()]*)\)$', '')) END AS name,
                           CASE WHEN fm.name IS NULL AND f.full ~ '\)$'
                                THEN substring(f.full FROM '\(([^()]*)\)$') END AS note) n
LEFT JOIN rarerisk_data.country_by_name m ON lower(m.name) = lower(n.name);

DO $$
DECLARE r record;
BEGIN
    SELECT line, country INTO r FROM rr_conv WHERE NOT known ORDER BY line LIMIT 1;
    IF FOUND THEN
        PERFORM pg_temp.rr_fail(current_setting('rr.file'), r.line,
            format('unknown country %L: add it to rarerisk_data.country_name (name, iso3)', r.country));
    END IF;
END $$;

DELETE FROM rarerisk_data.mine_production WHERE source_file = :'rr_name';

INSERT INTO rarerisk_data.mine_production (edition, commodity, measure, year, country, country_note,
        iso3, production, unit, estimated, value_flag, notes, source_file, source_line)
SELECT edition,
       upper(left(commodity, 1)) || lower(substr(commodity, 2)),
       measure, year::int,
       CASE WHEN lower(country_clean) = 'other countries' THEN 'Other countries' ELSE country_clean END,
       note, iso3, p.production, unit,
       CASE WHEN p.production IS NOT NULL THEN est OR coalesce(notes, '') ~* 'estimat' OR measure ~* 'estimat' END,
       p.flag, notes, :'rr_name', line
FROM rr_conv
CROSS JOIN LATERAL (SELECT CASE WHEN value ~ '^[0-9,.]+$' THEN replace(value, ',', '')::numeric END AS production,
                           CASE WHEN value ~ '^[0-9,.]+$' THEN NULL
                                WHEN value IS NULL OR value = '' THEN 'blank'
                                WHEN value IN ('—', '–', '-', '--') THEN '—'
                                ELSE value END AS flag) p;

SELECT format('%s (%s layout): %s loaded, %s, %s',
              :'rr_name', :'rr_layout', pg_temp.rr_n(count(*), 'production row'),
              pg_temp.rr_n(count(DISTINCT edition), 'edition'),
              pg_temp.rr_n(count(DISTINCT commodity), 'commodity', 'commodities')) AS loaded
FROM rarerisk_data.mine_production WHERE source_file = :'rr_name' \gset
COMMIT;
ANALYZE rarerisk_data.mine_production;
\echo :loaded

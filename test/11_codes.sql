-- pgTAP: mistyped country codes in embargo lists.  The compiled ISO table
-- (src/country_table.c) agrees with rarerisk.country; embargo(),
-- embargoed_content(), disruption events and check_supplier_codes() refuse a code of two or
-- three letters that is no ISO code, a country's name and a padded code,
-- with the likely code as hint, and accept every other shape.
\ir fixtures/tap.sql
SET LOCAL search_path = rarerisk, public;
SELECT plan(24);

-- the SQLSTATE, message and hint a statement raises ('' when it passes)
CREATE FUNCTION pg_temp.err(q text, OUT state text, OUT msg text, OUT hint text)
LANGUAGE plpgsql AS $$
BEGIN
	state := ''; msg := ''; hint := '';
	EXECUTE q;
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, msg = MESSAGE_TEXT, hint = PG_EXCEPTION_HINT;
END $$;
CREATE FUNCTION pg_temp.refused(code text) RETURNS boolean LANGUAGE sql AS
$$ SELECT (pg_temp.err(format('SELECT check_supplier_codes(ARRAY[%L])', code))).state = '22023' $$;

-- the compiled table against rarerisk.country
SELECT is((SELECT count(*) FROM country WHERE NOT user_added AND pg_temp.refused(iso3)), 0::bigint,
	'every alpha-3 code of rarerisk.country is accepted');
SELECT is((SELECT count(*) FROM country WHERE NOT user_added AND iso2 IS NOT NULL AND pg_temp.refused(iso2)), 0::bigint,
	'every alpha-2 code of rarerisk.country is accepted');
SELECT is((SELECT count(*) FROM country c WHERE NOT user_added AND valid_to IS NULL
            AND (pg_temp.err(format('SELECT embargo(ARRAY[%L])', name))).hint NOT LIKE 'Did you mean ' || iso3 || '?%'),
	0::bigint, 'every current country''s name is refused with its alpha-3 code as hint');
-- every other string of two or three capitals is refused, except ISO's
-- user-assigned ranges: the compiled table has no code the table lacks
SELECT is((SELECT count(*) FROM (
	SELECT chr(a) || chr(b) || coalesce(chr(nullif(c, 64)), '') AS code
	  FROM generate_series(65, 90) a, generate_series(65, 90) b, generate_series(64, 90) c) s
	WHERE code NOT IN (SELECT iso3 FROM country WHERE NOT user_added)
	  AND code NOT IN (SELECT iso2 FROM country WHERE NOT user_added AND iso2 IS NOT NULL)
	  AND code !~ '^(AA|Q[M-Z]|X[A-Z]|ZZ)'
	  AND NOT pg_temp.refused(code)), 0::bigint,
	'every other code of two or three capitals outside the user-assigned ranges is refused');
SELECT is((SELECT count(*) FROM unnest(ARRAY['AA', 'QM', 'XK', 'ZZ', 'AAA', 'QZZ', 'XKX', 'ZZZ']) c WHERE pg_temp.refused(c)),
	0::bigint, 'ISO user-assigned codes (AA, QM-QZ, XA-XZ, ZZ and their alpha-3 ranges) are accepted');

-- the typos of the analyst's session
SELECT is((pg_temp.err($$SELECT embargo('{CNH}')$$)).state, '22023', 'embargo(''{CNH}'') is an error');
SELECT is((pg_temp.err($$SELECT embargo('{CNH}')$$)).msg,
	'embargoed supplier "CNH" is not an ISO country code of rarerisk.country', '... saying so');
SELECT matches((pg_temp.err($$SELECT embargo('{CNH}')$$)).hint, '^Did you mean CHN\? ', '... with CHN as the hint');
SELECT matches((pg_temp.err($$SELECT embargo('{CHN,chn}')$$)).hint, '^Did you mean CHN\? ', 'lower case: did you mean CHN?');
SELECT matches((pg_temp.err($$SELECT embargo('{China}')$$)).msg, 'is a country''s name', 'a name is refused');
SELECT matches((pg_temp.err($$SELECT embargo('{China}')$$)).hint, '^Did you mean CHN\? ', '... with its code as hint');
SELECT matches((pg_temp.err($$SELECT embargo(ARRAY['CHN '])$$)).msg, 'white space', 'a padded code is refused');
SELECT matches((pg_temp.err($$SELECT embargo('{Russia}')$$)).hint, '^Did you mean RUS\? ', 'a common short name: did you mean RUS?');
SELECT matches((pg_temp.err($$SELECT embargo('{GER}')$$)).hint, '^Did you mean DEU', 'a common abbreviation: did you mean DEU?');

-- embargoed_content: the country and the embargoed list
SELECT is((pg_temp.err($$SELECT embargoed_content('{"production": {"CHN": 5, "VNM": 5}, "flows": {"CHN": {"VNM": 5}}}', 'VMN', '{CHN}')$$)).hint
          LIKE 'Did you mean VNM%', true, 'embargoed_content(n, ''VMN'', ...) is an error naming VNM');
SELECT is((pg_temp.err($$SELECT embargoed_content('{"production": {"CHN": 5, "VNM": 5}, "flows": {"CHN": {"VNM": 5}}}', 'VNM', '{CNH}')$$)).state,
	'22023', 'embargoed_content(n, country, ''{CNH}'') is an error');
SELECT is((pg_temp.err($$SELECT * FROM embargoed_content('{"production": {"CHN": 5}}', '{chn}')$$)).state,
	'22023', 'embargoed_content(n, ''{chn}'') is an error');
SELECT is(embargoed_content('{"production": {"CHN": 5, "VNM": 5}, "flows": {"CHN": {"VNM": 5}}}', 'VNM', '{CHN}'), 0.5::float8,
	'a correct call is unchanged');

-- disruption events: the same check on their supplier lists
SELECT matches((pg_temp.err($$SELECT disruption_event('typo', 0.3, '{CNH}')$$)).hint, '^Did you mean CHN\? ',
	'disruption_event(..., ''{CNH}'') is an error naming CHN');
SELECT is((pg_temp.err($$SELECT disruption_event('ok', 0.3, '{CHN,S1}')$$)).state, '', 'disruption_event with valid codes');

-- other shapes stay valid
SELECT is(embargo('{S1,firm:ABC,EU27,Lynas Rare Earths,XKX,A}')::text,
	'{"embargoed": ["A", "EU27", "Lynas Rare Earths", "S1", "XKX", "firm:ABC"], "intensity": 1, "stock_days": 0, "horizon_days": 365, "period_days": 365}',
	'firms, blocs, test codes and user-assigned codes are accepted');
SELECT is(check_supplier_codes('{CHN,S1,NULL}'), '{CHN,S1,NULL}'::text[], 'check_supplier_codes returns its argument');
SELECT is((pg_temp.err($$SELECT check_supplier_codes('{CHN,CNH}')$$)).msg,
	'supplier code "CNH" is not an ISO country code of rarerisk.country', 'check_supplier_codes raises the same error');
-- stored scenarios still read back: the text input does not check
SELECT is(('{"embargoed": ["CNH"]}'::embargo_scenario)::text,
	'{"embargoed": ["CNH"], "intensity": 1, "stock_days": 0, "horizon_days": 365, "period_days": 365}',
	'the text input does not check codes (values stored by 0.1 read back)');

SELECT * FROM finish();
ROLLBACK;

-- 40_privileges.sql: privileges and install-time safety.
--   * an ordinary role with no special rights can use every function, type
--     and table of the extension;
--   * as a trusted extension, a database owner who is not a superuser can
--     install it;
--   * no function is SECURITY DEFINER; every function is C (none builds SQL
--     from its arguments: the C sources call no SPI -- checked by
--     scripts/static-checks.sh), or SQL without dynamic EXECUTE;
--   * the install script is safe against a hostile search_path: objects
--     planted in a schema ahead of pg_catalog are never called.
-- Everything happens inside one transaction that is rolled back.
\set ON_ERROR_ROLLBACK 1
\ir fixtures/tap.sql
SELECT plan(16);

CREATE TEMP VIEW ext_proc AS
  SELECT p.* FROM pg_proc p
    JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
    JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'rarerisk';
GRANT SELECT ON ext_proc TO PUBLIC;

SELECT is((SELECT count(*) FROM ext_proc WHERE prosecdef), 0::bigint,
          'no function is SECURITY DEFINER');
SELECT is((SELECT count(*) FROM ext_proc p JOIN pg_language l ON l.oid = p.prolang
            WHERE p.prokind <> 'a' AND l.lanname NOT IN ('c', 'sql')
               OR (l.lanname = 'sql' AND p.prosrc ~* '\mexecute\M')), 0::bigint,
          'every function is C, or SQL without dynamic EXECUTE');
SELECT is((SELECT count(*) FROM ext_proc p WHERE proconfig IS NOT NULL AND prolang <> 13), 0::bigint,
          'no function changes settings when called');

-- an ordinary role
CREATE ROLE rarerisk_plain NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;
SELECT ok(has_schema_privilege('rarerisk_plain', 'rarerisk', 'USAGE'),
          'an ordinary role may use schema rarerisk');
SELECT is((SELECT count(*) FROM ext_proc WHERE NOT has_function_privilege('rarerisk_plain', oid, 'EXECUTE')),
          0::bigint, 'an ordinary role may execute every function and aggregate');
SELECT is((SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
            WHERE n.nspname = 'rarerisk' AND NOT has_type_privilege('rarerisk_plain', t.oid, 'USAGE')),
          0::bigint, 'an ordinary role may use every type');
SELECT is((SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'rarerisk' AND c.relkind IN ('r', 'v', 'm')
              AND NOT has_table_privilege('rarerisk_plain', c.oid, 'SELECT')),
          0::bigint, 'an ordinary role may read every table of the extension');
SET ROLE rarerisk_plain;
CREATE TEMP TABLE plain_result AS
  SELECT rarerisk.concentration_hhi(s, v) AS hhi,
         rarerisk.embargo_shortfall(s, v, sp, rarerisk.embargo('{CHN}', stock_days => 60)) AS shortfall,
         rarerisk.hhi(rarerisk.supply_mix(s, v)::text::rarerisk.supply_mix) AS hhi_text
    FROM (VALUES ('CHN', 60::float8, 0::float8), ('VNM', 15, 0), ('AUS', 25, 10)) t(s, v, sp);
RESET ROLE;
SELECT results_eq('SELECT round(hhi::numeric, 6), round(hhi_text::numeric, 6) FROM plain_result',
                  $$VALUES (4450.000000, 4450.000000)$$,
                  'an ordinary role gets the results a superuser gets');

-- a database owner who is not a superuser installs it (trusted = true)
DROP EXTENSION rarerisk CASCADE;
CREATE ROLE rarerisk_owner NOLOGIN NOSUPERUSER;
DO $$ BEGIN EXECUTE format('ALTER DATABASE %I OWNER TO rarerisk_owner', current_database()); END $$;
SET ROLE rarerisk_owner;
SELECT lives_ok('CREATE EXTENSION rarerisk', 'a non-superuser database owner can CREATE EXTENSION rarerisk');
RESET ROLE;
SELECT is((SELECT extowner::regrole::text FROM pg_extension WHERE extname = 'rarerisk'),
          'rarerisk_owner', 'the extension belongs to the database owner');
SELECT ok(NOT (SELECT rolsuper FROM pg_roles WHERE rolname = 'rarerisk_owner'), 'who is not a superuser');
SET ROLE rarerisk_plain;
CREATE TEMP TABLE plain_result2 AS
  SELECT rarerisk.top_supplier(s, v) AS top FROM (VALUES ('CHN', 60::float8), ('VNM', 15)) t(s, v);
RESET ROLE;
SELECT is((SELECT top FROM plain_result2), 'CHN', 'and an ordinary role can use what it installed');

-- a hostile search_path at install time: functions and operators planted
-- ahead of pg_catalog (and in public) that would raise if ever called
DROP EXTENSION rarerisk CASCADE;
CREATE SCHEMA evil AUTHORIZATION rarerisk_owner;
CREATE TABLE evil.calls (what text);
GRANT ALL ON evil.calls TO PUBLIC;
SET ROLE rarerisk_owner;
DO $$
DECLARE
	f text;
BEGIN
	FOREACH f IN ARRAY ARRAY['lower(text)', 'upper(text)', 'length(text)', 'repeat(text,integer)',
		'format(text)', 'concat(text,text)', 'array_agg(text)', 'string_agg(text,text)',
		'unnest(text[])', 'round(numeric,integer)', 'abs(float8)', 'sqrt(float8)', 'ln(float8)',
		'to_jsonb(text)', 'now()', 'random()', 'nextval(regclass)', 'current_user()']
	LOOP
		BEGIN
			EXECUTE format('CREATE FUNCTION evil.%s RETURNS text LANGUAGE plpgsql AS %L',
						   f, 'BEGIN INSERT INTO evil.calls VALUES (' || quote_literal(f) || '); RETURN NULL; END');
		EXCEPTION WHEN OTHERS THEN NULL;
		END;
	END LOOP;
END $$;
CREATE FUNCTION evil.text_eq(text, text) RETURNS boolean LANGUAGE plpgsql AS
  $$BEGIN INSERT INTO evil.calls VALUES ('='); RETURN false; END$$;
CREATE OPERATOR evil.= (LEFTARG = text, RIGHTARG = text, FUNCTION = evil.text_eq);
CREATE OPERATOR evil.|| (LEFTARG = text, RIGHTARG = text, FUNCTION = evil.text_eq);
SET search_path = evil, public, pg_catalog;
CREATE EXTENSION rarerisk;	-- (an error here stops the file: ON_ERROR_STOP)
RESET search_path;
RESET ROLE;
SELECT pass('CREATE EXTENSION with a hostile search_path');
SELECT is((SELECT count(*) FROM evil.calls), 0::bigint, 'no planted function or operator was called');
SELECT is((SELECT count(*) FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'rarerisk'
            JOIN pg_proc p ON d.classid = 'pg_proc'::regclass AND p.oid = d.objid
           WHERE p.pronamespace <> 'rarerisk'::regnamespace), 0::bigint,
          'every function of the extension is in schema rarerisk');
SELECT ok((SELECT count(*) FROM ext_proc) > 0 AND
          rarerisk.hhi('{"suppliers": {"A": 1, "B": 1}}') = 5000,
          'and it works');

SELECT * FROM finish();
ROLLBACK;

-- 42_versions.sql: the server versions rarerisk is built for.
-- It is written for PostgreSQL 15 to 18 and refuses to build for others;
-- on 18 the module's magic block names it and its release, which must be
-- the version of the installed extension (both come from rarerisk.control).
\set ON_ERROR_ROLLBACK 1
\ir fixtures/tap.sql
SELECT plan(4);

SELECT ok(current_setting('server_version_num')::int BETWEEN 150000 AND 189999,
          'the server is one of PostgreSQL 15 to 18');

SELECT lives_ok($$SELECT rarerisk.hhi('{"suppliers": {"CHN": 1}}'::rarerisk.supply_mix)$$,
                'the module loads');

-- pg_get_loaded_modules() is new in 18: called through EXECUTE so that the
-- file also runs on older servers
CREATE FUNCTION pg_temp.loaded(OUT name text, OUT version text) LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE $q$SELECT module_name, version FROM pg_get_loaded_modules()
	            WHERE file_name = 'rarerisk.so'$q$ INTO name, version;
END $$;

SELECT CASE WHEN current_setting('server_version_num')::int >= 180000
	THEN is((SELECT name FROM pg_temp.loaded()), 'rarerisk',
	        'the loaded module names itself rarerisk (PG_MODULE_MAGIC_EXT)')
	ELSE skip('pg_get_loaded_modules() is new in PostgreSQL 18', 1) END;
SELECT CASE WHEN current_setting('server_version_num')::int >= 180000
	THEN is((SELECT version FROM pg_temp.loaded()),
	        (SELECT extversion FROM pg_extension WHERE extname = 'rarerisk'),
	        'the loaded module is the release of the installed extension')
	ELSE skip('pg_get_loaded_modules() is new in PostgreSQL 18', 1) END;

SELECT * FROM finish();
ROLLBACK;

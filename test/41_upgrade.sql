-- 41_upgrade.sql: the upgrade chain.
-- From the first released version on, every version has an upgrade script
-- extension/rarerisk--A--B.sql.  This test creates the oldest installable
-- version, walks ALTER EXTENSION rarerisk UPDATE to default_version and
-- checks that the updated extension has exactly the objects (with the same
-- identities) of a fresh install, and the same results.
\set ON_ERROR_ROLLBACK 1
\ir fixtures/tap.sql
SELECT plan(6);
SET LOCAL client_min_messages = warning;

-- pg_available_extension_versions does not see extension_destdir (where the
-- test cluster finds rarerisk), so the versions are named here: 0.1 is the
-- first release and stays installable; the current one is what the test
-- database was created with
CREATE TEMP TABLE versions AS
  SELECT (SELECT extversion FROM pg_extension WHERE extname = 'rarerisk') AS current,
         '0.1'::text AS oldest;

-- what a fresh install of the current version has and computes
CREATE FUNCTION pg_temp.ext_objects() RETURNS SETOF text LANGUAGE sql AS $$
  SELECT pg_describe_object(d.classid, d.objid, 0)
    FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'rarerisk'
   WHERE d.deptype = 'e' ORDER BY 1
$$;
CREATE FUNCTION pg_temp.ext_results() RETURNS SETOF text LANGUAGE sql AS $$
  SELECT concat_ws(' ', round(rarerisk.concentration_hhi(s, v)::numeric, 9),
                   rarerisk.supply_mix(s, v, sp)::text,
                   round(rarerisk.embargo_shortfall(s, v, sp, th, rarerisk.embargo('{CHN}', stock_days => 60))::numeric, 9))
    FROM (VALUES ('CHN', 60::float8, 0::float8, 0::float8), ('VNM', 15, 0, 0.5), (NULL, 25, 10, 0)) t(s, v, sp, th)
$$;
CREATE TEMP TABLE fresh_objects AS SELECT * FROM pg_temp.ext_objects() o;
CREATE TEMP TABLE fresh_results AS SELECT * FROM pg_temp.ext_results() r;

DROP EXTENSION rarerisk CASCADE;
SELECT lives_ok(format('CREATE EXTENSION rarerisk VERSION %L', (SELECT oldest FROM versions)),
                'the oldest version installs');
SELECT ok((SELECT oldest <> current FROM versions),
          'the current version is not the oldest: the chain has at least one step');
SELECT lives_ok('ALTER EXTENSION rarerisk UPDATE', 'ALTER EXTENSION rarerisk UPDATE');
SELECT is((SELECT extversion FROM pg_extension WHERE extname = 'rarerisk'),
          (SELECT current FROM versions), 'the updated extension is at default_version');
SELECT set_eq('SELECT * FROM pg_temp.ext_objects()', 'SELECT * FROM fresh_objects',
              'the updated extension has the objects of a fresh install');
SELECT set_eq('SELECT * FROM pg_temp.ext_results()', 'SELECT * FROM fresh_results',
              'and gives the same results');

SELECT * FROM finish();
ROLLBACK;

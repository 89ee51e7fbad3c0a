-- rarerisk regression tests: create the extension in the test database
SET client_min_messages = warning;
CREATE EXTENSION rarerisk;
RESET client_min_messages;
SELECT extname, extversion, nspname AS schema
  FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
 WHERE extname = 'rarerisk';
-- every object of the extension has a comment
SELECT count(*) AS objects_without_comment
  FROM pg_depend d
 WHERE d.refclassid = 'pg_extension'::regclass
   AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'rarerisk')
   AND d.deptype = 'e'
   AND obj_description(d.objid, d.classid::regclass::name) IS NULL;

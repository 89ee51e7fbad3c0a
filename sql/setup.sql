-- rarerisk regression tests: create the extension in the test database
SET client_min_messages = warning;
CREATE EXTENSION rarerisk;
RESET client_min_messages;
SELECT extname, extversion, nspname AS schema
  FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
 WHERE extname = 'rarerisk';
-- every object of the extension has a comment (not counting the array
-- types and the row types of tables, which the server creates with them and
-- newer servers, 18 here, record as members of the extension too)
SELECT count(*) AS objects_without_comment
  FROM pg_depend d
 WHERE d.refclassid = 'pg_extension'::regclass
   AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'rarerisk')
   AND d.deptype = 'e'
   AND NOT EXISTS (SELECT 1 FROM pg_type t LEFT JOIN pg_class r ON r.oid = t.typrelid
                    WHERE d.classid = 'pg_type'::regclass AND t.oid = d.objid
                      AND (t.oid = (SELECT typarray FROM pg_type WHERE oid = t.typelem)
                           OR r.relkind IN ('r', 'p', 'v', 'm', 'f')))
   AND obj_description(d.objid, d.classid::regclass::name) IS NULL;

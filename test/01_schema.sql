-- 01_schema.sql: the catalog surface of rarerisk.
-- Specific objects are checked by name; the generic checks at the end
-- (comments, volatility, parallel safety, SECURITY DEFINER, aggregate
-- support functions) run over every member of the extension, so they also
-- cover objects added later.
\set ON_ERROR_ROLLBACK 1
\ir fixtures/tap.sql
SELECT plan(62);

-- ---------------------------------------------------------------------
-- Extension and schema
-- ---------------------------------------------------------------------
SELECT has_extension('rarerisk', 'extension rarerisk is installed');
SELECT has_schema('rarerisk', 'schema rarerisk exists');
SELECT is((SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'rarerisk'),
          'rarerisk', 'the extension''s objects live in schema rarerisk');
SELECT ok(length(obj_description((SELECT oid FROM pg_extension WHERE extname = 'rarerisk'),
                                 'pg_extension')) > 10,
          'the extension itself has a description (\dx)');

-- ---------------------------------------------------------------------
-- Types
-- ---------------------------------------------------------------------
SELECT has_type('rarerisk', 'supply_mix', 'type rarerisk.supply_mix exists');
SELECT is((SELECT typlen FROM pg_type WHERE oid = 'rarerisk.supply_mix'::regtype),
          -1::int2, 'supply_mix is a variable-length type');
SELECT is((SELECT typreceive::text || ' / ' || typsend::text FROM pg_type
            WHERE oid = 'rarerisk.supply_mix'::regtype),
          'rarerisk.supply_mix_recv / rarerisk.supply_mix_send',
          'supply_mix has binary receive and send functions');
SELECT is((SELECT typinput::text || ' / ' || typoutput::text FROM pg_type
            WHERE oid = 'rarerisk.supply_mix'::regtype),
          'rarerisk.supply_mix_in / rarerisk.supply_mix_out',
          'supply_mix has text input and output functions');
SELECT has_composite('rarerisk', 'concentration_profile',
                     'composite type rarerisk.concentration_profile exists');
SELECT results_eq(
    $$SELECT attname::text COLLATE "default", format_type(atttypid, atttypmod)
        FROM pg_attribute
       WHERE attrelid = 'rarerisk.concentration_profile'::regclass
         AND attnum > 0 AND NOT attisdropped
       ORDER BY attnum$$,
    $$VALUES ('total', 'double precision'), ('suppliers', 'integer'),
             ('hhi', 'double precision'), ('normalized_hhi', 'double precision'),
             ('equivalent_suppliers', 'double precision'), ('top_supplier', 'text'),
             ('top_share', 'double precision'), ('cr3', 'double precision'),
             ('shannon', 'double precision')$$,
    'concentration_profile has the documented fields, in order, with their types');

-- ---------------------------------------------------------------------
-- Scalar functions over a mix
-- ---------------------------------------------------------------------
-- each function: it exists, and its result type
SELECT t FROM (VALUES
    ('total', ARRAY['rarerisk.supply_mix'], 'double precision', 'total(supply_mix)'),
    ('supplier_count', ARRAY['rarerisk.supply_mix'], 'integer', 'supplier_count(supply_mix)'),
    ('shares', ARRAY['rarerisk.supply_mix'], 'setof record', 'shares(supply_mix)'),
    ('shares_stream', ARRAY['rarerisk.supply_mix'], 'setof record', 'shares_stream(supply_mix)'),
    ('hhi', ARRAY['rarerisk.supply_mix'], 'double precision', 'hhi(supply_mix)'),
    ('top_share', ARRAY['rarerisk.supply_mix', 'integer'], 'double precision', 'top_share(supply_mix, int)'),
    ('top_supplier', ARRAY['rarerisk.supply_mix'], 'text', 'top_supplier(supply_mix)'),
    ('equivalent_suppliers', ARRAY['rarerisk.supply_mix'], 'double precision', 'equivalent_suppliers(supply_mix)'),
    ('normalized_hhi', ARRAY['rarerisk.supply_mix'], 'double precision', 'normalized_hhi(supply_mix)'),
    ('shannon_diversity', ARRAY['rarerisk.supply_mix'], 'double precision', 'shannon_diversity(supply_mix)'),
    ('concentration', ARRAY['rarerisk.supply_mix'], 'rarerisk.concentration_profile', 'concentration(supply_mix)')
  ) f(name, args, returns, signature),
  LATERAL (VALUES (has_function('rarerisk', name, args, signature || ' exists')),
                  (function_returns('rarerisk', name, args, returns, signature || ' returns ' || returns))) x(t);
SELECT results_eq(
    $$SELECT unnest(proargnames) COLLATE "default", format_type(unnest(proallargtypes), NULL), unnest(proargmodes)::text
        FROM pg_proc WHERE oid IN ('rarerisk.shares(rarerisk.supply_mix)'::regprocedure,
                                   'rarerisk.shares_stream(rarerisk.supply_mix)'::regprocedure)
       ORDER BY proname, 3, 1$$,
    $$VALUES ('mix', 'rarerisk.supply_mix', 'i'), ('rank', 'integer', 'o'),
             ('share', 'double precision', 'o'), ('supplier', 'text', 'o'),
             ('volume', 'double precision', 'o'),
             ('mix', 'rarerisk.supply_mix', 'i'), ('rank', 'integer', 'o'),
             ('share', 'double precision', 'o'), ('supplier', 'text', 'o'),
             ('volume', 'double precision', 'o')$$,
    'shares and shares_stream return (supplier text, volume float8, share float8, rank int)');
SELECT is((SELECT l.lanname || CASE WHEN p.proisstrict THEN ' strict ' ELSE ' ' END || p.provolatile::text
             FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
            WHERE p.oid = 'rarerisk.shares(rarerisk.supply_mix)'::regprocedure),
          'sql i',
          'shares is an immutable SQL function not declared STRICT: what the planner inlines');
SELECT is_normal_function('rarerisk', 'concentration', ARRAY['rarerisk.supply_mix'],
                          'concentration(supply_mix) is a plain function, not an aggregate');

-- ---------------------------------------------------------------------
-- Aggregates over rows
-- ---------------------------------------------------------------------
-- each aggregate: it is one, and its result type
SELECT t FROM (VALUES
    ('supply_mix', ARRAY['text', 'double precision'], 'rarerisk.supply_mix', 'supply_mix(text, float8)'),
    ('supply_mix', ARRAY['text', 'double precision', 'double precision'], 'rarerisk.supply_mix', 'supply_mix(text, float8, float8)'),
    ('supply_mix_merge', ARRAY['rarerisk.supply_mix'], 'rarerisk.supply_mix', 'supply_mix_merge(supply_mix)'),
    ('concentration_hhi', ARRAY['text', 'double precision'], 'double precision', 'concentration_hhi(text, float8)'),
    ('concentration_ratio', ARRAY['text', 'double precision', 'integer'], 'double precision', 'concentration_ratio(text, float8, int)'),
    ('top_supplier', ARRAY['text', 'double precision'], 'text', 'top_supplier(text, float8)'),
    ('concentration', ARRAY['text', 'double precision'], 'rarerisk.concentration_profile', 'concentration(text, float8)')
  ) f(name, args, returns, signature),
  LATERAL (VALUES (is_aggregate('rarerisk', name, args, signature || ' is an aggregate')),
                  (function_returns('rarerisk', name, args, returns, signature || ' returns ' || returns))) x(t);

-- The aggregates accept integer, bigint and numeric volumes through implicit casts
SELECT lives_ok($$SELECT rarerisk.concentration_hhi(s, v) FROM (VALUES ('A', 1::int)) t(s, v)$$,
                'concentration_hhi accepts an integer volume');
SELECT lives_ok($$SELECT rarerisk.concentration_hhi(s, v) FROM (VALUES ('A', 1::bigint)) t(s, v)$$,
                'concentration_hhi accepts a bigint volume');
SELECT lives_ok($$SELECT rarerisk.supply_mix(s, v, sp) FROM (VALUES ('A', 1.5::numeric, 2::int)) t(s, v, sp)$$,
                'supply_mix accepts numeric volume and integer spare');
SELECT lives_ok($$SELECT rarerisk.top_supplier(s, v) FROM (VALUES ('A'::varchar(3), 1::numeric)) t(s, v)$$,
                'top_supplier accepts a varchar supplier and a numeric volume');

-- ---------------------------------------------------------------------
-- Generic checks over every member of the extension
-- ---------------------------------------------------------------------
-- the members created by the extension's script: not the array types and
-- the row types of tables, which the server creates with them and newer
-- servers (18 here) record as members too
CREATE TEMP VIEW rr_members AS
    SELECT d.classid, d.objid, pg_describe_object(d.classid, d.objid, 0) AS object
      FROM pg_depend d
      JOIN pg_extension e ON e.oid = d.refobjid
     WHERE d.refclassid = 'pg_extension'::regclass
       AND d.deptype = 'e'
       AND e.extname = 'rarerisk'
       AND NOT EXISTS (SELECT 1 FROM pg_type t LEFT JOIN pg_class r ON r.oid = t.typrelid
                        WHERE d.classid = 'pg_type'::regclass AND t.oid = d.objid
                          AND (t.oid = (SELECT typarray FROM pg_type WHERE oid = t.typelem)
                               OR r.relkind IN ('r', 'p', 'v', 'm', 'f')));

SELECT cmp_ok((SELECT count(*) FROM rr_members WHERE classid = 'pg_proc'::regclass), '>=', 27::bigint,
              'the extension owns at least the 27 functions and aggregates of the foundation');

SELECT is_empty(
    $$SELECT m.object FROM rr_members m
       WHERE NOT EXISTS (SELECT 1 FROM pg_description c
                          WHERE c.objoid = m.objid AND c.classoid = m.classid
                            AND c.objsubid = 0 AND length(btrim(c.description)) > 0)
       ORDER BY 1$$,
    'every object of the extension has a COMMENT ON');

SELECT is_empty(
    $$SELECT m.object FROM rr_members m JOIN pg_proc p ON p.oid = m.objid
       WHERE m.classid = 'pg_proc'::regclass AND p.provolatile <> 'i'
         AND p.oid <> 'rarerisk.eu_assessment(int4)'::regprocedure   -- reads reference tables: STABLE
       ORDER BY 1$$,
    'every function and aggregate of the extension is IMMUTABLE (eu_assessment, which reads tables, is STABLE)');

SELECT is_empty(
    $$SELECT m.object FROM rr_members m JOIN pg_proc p ON p.oid = m.objid
       WHERE m.classid = 'pg_proc'::regclass AND p.proparallel <> 's'
       ORDER BY 1$$,
    'every function and aggregate of the extension is PARALLEL SAFE');

SELECT is_empty(
    $$SELECT m.object FROM rr_members m JOIN pg_proc p ON p.oid = m.objid
       WHERE m.classid = 'pg_proc'::regclass AND p.prosecdef
       ORDER BY 1$$,
    'no function of the extension is SECURITY DEFINER');

SELECT is_empty(
    $$SELECT p.oid::regprocedure::text FROM pg_proc p
       WHERE p.pronamespace = 'rarerisk'::regnamespace
         AND NOT EXISTS (SELECT 1 FROM rr_members m
                          WHERE m.classid = 'pg_proc'::regclass AND m.objid = p.oid)
       ORDER BY 1$$,
    'every function in schema rarerisk belongs to the extension');

SELECT is_empty(
    $$SELECT m.object FROM rr_members m JOIN pg_aggregate a ON a.aggfnoid = m.objid
       WHERE m.classid = 'pg_proc'::regclass AND a.aggcombinefn = 0
       ORDER BY 1$$,
    'every aggregate has a combine function (parallel and Citus partial aggregation)');

SELECT is_empty(
    $$SELECT m.object FROM rr_members m JOIN pg_aggregate a ON a.aggfnoid = m.objid
       WHERE m.classid = 'pg_proc'::regclass AND a.aggtranstype = 'internal'::regtype
       ORDER BY 1$$,
    'no aggregate has an internal transition type (Citus pushes down only real state types)');

SELECT is_empty(
    $$SELECT p.oid::regprocedure::text FROM rr_members m JOIN pg_proc p ON p.oid = m.objid
       WHERE m.classid = 'pg_proc'::regclass AND p.prokind = 'f'
         AND p.proname IN ('total', 'supplier_count', 'shares_stream', 'hhi', 'top_share', 'top_supplier',
                           'equivalent_suppliers', 'normalized_hhi', 'shannon_diversity', 'concentration')
         AND NOT p.proisstrict
       ORDER BY 1$$,
    'the scalar measures over a mix are STRICT (NULL mix in, NULL out)');

SELECT * FROM finish();
ROLLBACK;

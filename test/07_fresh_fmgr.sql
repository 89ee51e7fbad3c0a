-- 07_fresh_fmgr.sql: the aggregates give the same answers when their
-- support functions are called as Citus calls them (worker_partial_agg,
-- coord_combine_agg): through a fresh FmgrInfo on every call, fn_extra
-- NULL and fn_mcxt a context deleted after the call.  The test-only module
-- of test/fmgr does the calling.  A state that depends on fn_extra, or a
-- reset callback whose memory lives in fn_mcxt, makes these queries hang
-- in the executor's memory context reset or crash.
\set ON_ERROR_ROLLBACK 1
\ir fixtures/tap.sql
SELECT plan(22);
SET LOCAL search_path = rarerisk, public;
SET LOCAL max_parallel_workers_per_gather = 0;

CREATE SCHEMA rr_fresh;
CREATE FUNCTION rr_fresh.trans(internal, regprocedure, regprocedure, VARIADIC "any")
    RETURNS internal AS '$libdir/rr_fresh_fmgr', 'rr_fresh_trans' LANGUAGE C;
CREATE FUNCTION rr_fresh.final(internal, regprocedure, regprocedure, VARIADIC "any")
    RETURNS text AS '$libdir/rr_fresh_fmgr', 'rr_fresh_final' LANGUAGE C;
-- rr_fresh.agg(sfunc, ffunc, args...): ffunc(sfunc folded over the rows)::text
CREATE AGGREGATE rr_fresh.agg(regprocedure, regprocedure, VARIADIC "any") (
    SFUNC = rr_fresh.trans, STYPE = internal,
    FINALFUNC = rr_fresh.final, FINALFUNC_EXTRA);

CREATE TEMP TABLE f AS
    SELECT i % 1500 AS grp, i % 3 AS shard,
           CASE WHEN i % 29 = 0 THEN NULL ELSE 'S' || ((i * 7919) % 41) END AS s,
           CASE WHEN i % 31 = 0 THEN NULL ELSE ((i * 37) % 997 + 1)::float8 / 7 END AS v,
           ((i * 7919) % 41 + 1)::float8 / 10 AS risk,
           CASE WHEN i % 4 = 0 THEN NULL ELSE 'C' || (i % 5) END AS exporter,
           'C' || (i % 7) AS importer
      FROM generate_series(1, 30000) i;
ANALYZE f;

-- The same query, one aggregate called the usual way, one through rr_fresh:
-- every group equal (as text)
CREATE FUNCTION pg_temp.same(direct text, fresh text, by text DEFAULT 'grp') RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    n bigint;
BEGIN
    EXECUTE format('SELECT count(*) FROM (SELECT %s, (%s)::text AS a, %s AS b FROM f GROUP BY %s) x
                    WHERE a IS DISTINCT FROM b', by, direct, fresh, by) INTO n;
    RETURN n;
END $$;

CREATE FUNCTION pg_temp.checks(label text) RETURNS SETOF text LANGUAGE plpgsql AS $$
BEGIN
    RETURN NEXT is(pg_temp.same('concentration_hhi(s, v)',
        $q$rr_fresh.agg('supply_mix_trans(supply_mix,text,float8)', 'hhi(supply_mix)', s, v)$q$), 0::bigint,
        'concentration_hhi through a fresh FmgrInfo per call, ' || label);
    RETURN NEXT is(pg_temp.same('supply_mix(s, v)',
        $q$rr_fresh.agg('supply_mix_trans(supply_mix,text,float8)', 'supply_mix_final(supply_mix)', s, v)$q$), 0::bigint,
        'supply_mix through a fresh FmgrInfo per call, ' || label);
    RETURN NEXT is(pg_temp.same('concentration(s, v)',
        $q$rr_fresh.agg('supply_mix_trans(supply_mix,text,float8)', 'concentration(supply_mix)', s, v)$q$), 0::bigint,
        'concentration through a fresh FmgrInfo per call, ' || label);
    RETURN NEXT is(pg_temp.same('governance_hhi(s, v, risk)',
        $q$rr_fresh.agg('supply_mix_trans_risk(supply_mix,text,float8,float8)', 'governance_hhi(supply_mix)', s, v, risk)$q$), 0::bigint,
        'governance_hhi through a fresh FmgrInfo per call, ' || label);
    RETURN NEXT is(pg_temp.same('embargo_shortfall(s, v, embargo(''{S1,S2,S3}''))',
        $q$rr_fresh.agg('embargo_trans(embargo_state,text,float8,embargo_scenario)', 'embargo_shortfall_final(embargo_state)',
                        s, v, embargo('{S1,S2,S3}'))$q$), 0::bigint,
        'embargo_shortfall through a fresh FmgrInfo per call, ' || label);
    RETURN NEXT is(pg_temp.same('origin_network(exporter, importer, v)',
        $q$rr_fresh.agg('origin_network_trans(trade_network,text,text,float8)', 'origin_network_final(trade_network)',
                        exporter, importer, v)$q$, 'grp % 50'), 0::bigint,
        'origin_network through a fresh FmgrInfo per call, ' || label);
END $$;

-- HashAgg in memory, GroupAggregate (the aggregate context reset for every
-- group), HashAgg spilling to disk (reset for every batch)
SELECT pg_temp.checks('HashAgg');
SET LOCAL enable_hashagg = off;
SELECT pg_temp.checks('GroupAggregate');
SET LOCAL enable_hashagg = on;
SET LOCAL enable_sort = off;
SET LOCAL work_mem = '64kB';
SELECT pg_temp.checks('HashAgg spilling at work_mem 64kB');
RESET work_mem;
RESET enable_sort;

-- Citus's two steps: the workers' partial states as text (the state's
-- output function through a fresh FmgrInfo), then on the coordinator the
-- combine function folded over them and the final function
CREATE TEMP TABLE partial AS
    SELECT grp, shard,
           rr_fresh.agg('supply_mix_trans(supply_mix,text,float8)', 'supply_mix_out(supply_mix)', s, v) AS mix,
           rr_fresh.agg('embargo_trans(embargo_state,text,float8,embargo_scenario)', 'embargo_state_out(embargo_state)',
                        s, v, embargo('{S1,S2,S3}')) AS emb
      FROM f GROUP BY grp, shard;
SELECT is((SELECT count(*) FROM (
               SELECT grp, rr_fresh.agg('supply_mix_combine(supply_mix,supply_mix)', 'hhi(supply_mix)', mix::supply_mix) AS h
                 FROM partial GROUP BY grp) c
             JOIN (SELECT grp, concentration_hhi(s, v) AS h FROM f GROUP BY grp) d USING (grp)
            WHERE NOT (abs(c.h::float8 - d.h) <= 1e-12 * d.h OR (c.h IS NULL AND d.h IS NULL))), 0::bigint,
          'concentration_hhi as Citus runs it (partial states as text, combine and final through fresh FmgrInfos)');
SELECT is((SELECT count(*) FROM (
               SELECT grp, rr_fresh.agg('supply_mix_combine(supply_mix,supply_mix)', 'supply_mix_final(supply_mix)', mix::supply_mix) AS m
                 FROM partial GROUP BY grp) c
             JOIN (SELECT grp, supply_mix(s, v) AS m FROM f GROUP BY grp) d USING (grp)
            WHERE c.m IS DISTINCT FROM d.m::text), 0::bigint,
          'supply_mix as Citus runs it');
SELECT is((SELECT count(*) FROM (
               SELECT grp, rr_fresh.agg('embargo_combine(embargo_state,embargo_state)', 'embargo_shortfall_final(embargo_state)',
                                        emb::embargo_state) AS e
                 FROM partial GROUP BY grp) c
             JOIN (SELECT grp, embargo_shortfall(s, v, embargo('{S1,S2,S3}')) AS e FROM f GROUP BY grp) d USING (grp)
            WHERE NOT (abs(c.e::float8 - d.e) <= 1e-12 OR (c.e IS NULL AND d.e IS NULL))), 0::bigint,
          'embargo_shortfall as Citus runs it');
SELECT is((SELECT count(*) FROM (
               SELECT grp % 7 AS g, supply_mix_merge(m)::text AS a,
                      rr_fresh.agg('supply_mix_combine(supply_mix,supply_mix)', 'supply_mix_final(supply_mix)', m) AS b
                 FROM (SELECT grp, supply_mix(s, v) AS m FROM f GROUP BY grp) x GROUP BY 1) c
            WHERE a IS DISTINCT FROM b), 0::bigint,
          'supply_mix_merge (the combine function as transition) through a fresh FmgrInfo per call');

SELECT * FROM finish();
ROLLBACK;

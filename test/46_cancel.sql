-- 46_cancel.sql: a statement_timeout stops every long path within 100 ms.
-- Each query runs as its own statement under statement_timeout = T for a
-- few T; the time from the start of the statement to the query_canceled
-- error (57014) must be under T + 100 ms + a margin for a loaded machine
-- (the figures are in the test names).  The paths: shares over a mix of
-- 1,000,000 suppliers (its rank sort and its rows), the functions over a
-- mix of 200,000 suppliers called again and again (their selections and
-- passes; a mix small enough that PostgreSQL reads it from its TOAST table
-- in a few milliseconds, a read the extension cannot interrupt), merging
-- and flattening it (the canonical sort), and aggregates over 3,000,000
-- groups.
\set ON_ERROR_ROLLBACK 1
\ir fixtures/tap.sql
SELECT plan(30);
SET LOCAL search_path = rarerisk, public;

-- Mixes of 1,000,000 and 200,000 suppliers, stored uncompressed
CREATE TEMP TABLE big (n int, m supply_mix);
ALTER TABLE big ALTER m SET STORAGE external;
INSERT INTO big
SELECT n, supply_mix('S' || g, (g % 100000)::float8, (g % 7)::float8)
FROM (VALUES (1000000), (200000)) s(n), generate_series(1, n) g
GROUP BY n;

-- Milliseconds from the start of the statement to its cancel; NULL when
-- the query finished first
CREATE FUNCTION pg_temp.cancel_ms(q text) RETURNS float8
LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE q;
    RETURN NULL;
EXCEPTION WHEN query_canceled THEN
    RETURN extract(epoch FROM clock_timestamp() - statement_timestamp()) * 1000;
END $$;

-- Cancelled, and within the timeout + 100 ms + 250 ms of margin
CREATE FUNCTION pg_temp.check_cancel(ms float8, timeout_ms int, what text) RETURNS text
LANGUAGE sql AS $$
SELECT ok(ms IS NOT NULL AND ms < timeout_ms + 100 + 250,
          format('%s: cancelled by a %s ms timeout after %s ms', what, timeout_ms,
                 coalesce(round(ms::numeric, 1)::text, '(never: it finished)')))
$$;

-- Three statements per case: arm the timeout, run and check, disarm
SELECT format('SET LOCAL statement_timeout = %s', t),
       format('SELECT pg_temp.check_cancel(pg_temp.cancel_ms(%L), %s, %L)', q, t, what),
       'SET LOCAL statement_timeout = 0'
FROM (VALUES
    ('SELECT count(*) FROM big, generate_series(1, 20) r, rarerisk.shares(CASE WHEN r > 0 THEN big.m END) WHERE n = 1000000',
     'shares (rank sort) of 1M suppliers, repeated'),
    ('SELECT sum(rarerisk.hhi(m)) FROM big, generate_series(1, 1000000) WHERE n = 200000',
     'hhi of 200k suppliers, repeated'),
    ('SELECT count(rarerisk.concentration(m)) FROM big, generate_series(1, 1000000) WHERE n = 200000',
     'concentration of 200k suppliers, repeated'),
    ('SELECT sum(rarerisk.top_share(m, 60000)) FROM big, generate_series(1, 1000000) WHERE n = 200000',
     'top_share(m, 60000) (quickselect), repeated'),
    ('SELECT count(rarerisk.worst_embargo(m, 10, rarerisk.embargo(''{X}''))) FROM big, generate_series(1, 1000000) WHERE n = 200000',
     'worst_embargo(m, 10) (heap of k), repeated'),
    ('SELECT count(rarerisk.worst_embargo(m, 80000, rarerisk.embargo(''{X}''))) FROM big, generate_series(1, 1000000) WHERE n = 200000',
     'worst_embargo(m, 80000) (quickselect), repeated'),
    ('SELECT count(rarerisk.supply_mix_combine(m, m)) FROM big, generate_series(1, 1000000) WHERE n = 200000',
     'merging and flattening 200k suppliers, repeated'),
    ('SELECT count(*) FROM (SELECT rarerisk.concentration_hhi(''S'' || g, 1) FROM generate_series(1, 3000000) g GROUP BY g) x',
     'concentration_hhi over 3M groups'),
    ('SELECT count(*) FROM (SELECT rarerisk.supply_mix(''S'' || g, 1) FROM generate_series(1, 3000000) g GROUP BY g) x',
     'supply_mix over 3M groups'),
    ('SELECT count(*) FROM (SELECT rarerisk.embargo_shortfall(''S'' || g, 1, rarerisk.embargo(''{S1}'')) FROM generate_series(1, 3000000) g GROUP BY g) x',
     'embargo_shortfall over 3M groups')
) q(q, what), (VALUES (50), (300), (900)) t(t)
ORDER BY what, t \gexec

SELECT * FROM finish();
ROLLBACK;

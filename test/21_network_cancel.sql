-- 21_network_cancel.sql: origin tracing reacts to statement_timeout within
-- 100 ms however the network is shaped: an acyclic one (every country its
-- own component: a production edge a -> a and an edge a -> b for every
-- a < b, so the work is in the right-hand sides, not in any elimination)
-- and a cyclic one (one large component: the elimination itself).
\ir fixtures/tap.sql
SELECT plan(4);
SET LOCAL search_path = rarerisk, public;

-- milliseconds from the start of the statement until q is cancelled, or -1
-- when it finishes (so a query that ends early fails the check too)
CREATE FUNCTION pg_temp.cancelled_after(q text) RETURNS float8 LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE q;
	RETURN -1;
EXCEPTION WHEN query_canceled THEN
	RETURN extract(epoch FROM clock_timestamp() - statement_timestamp()) * 1000;
END $$;

CREATE TEMP TABLE nets (shape text, n trade_network);
INSERT INTO nets
SELECT 'acyclic', origin_network('C' || a, 'C' || b, 1 + a % 7)
  FROM generate_series(1, 1000) a, generate_series(1, 1000) b WHERE a <= b;
INSERT INTO nets
SELECT 'cyclic', origin_network('C' || a, 'C' || b, 1 + (a * b) % 5)
  FROM generate_series(0, 1999) a,
       LATERAL (VALUES ((a + 1) % 2000), ((a * 7 + 3) % 2000), (a)) t(b)
 WHERE a % 3 = 0 OR b <> a;

SELECT ok((SELECT count(*) FROM nets) = 2, 'two large networks built');

SET LOCAL statement_timeout = '100ms';
SELECT ok(pg_temp.cancelled_after($q$SELECT count(*) FROM rarerisk.origin_shares((SELECT n FROM nets WHERE shape = 'acyclic'))$q$)
          BETWEEN 0 AND 200, 'tracing an acyclic network of 1,000 countries stops within 100 ms of the timeout');
SELECT ok(pg_temp.cancelled_after($q$SELECT count(*) FROM rarerisk.origin_shares((SELECT n FROM nets WHERE shape = 'cyclic'))$q$)
          BETWEEN 0 AND 200, 'tracing one component of 2,000 countries stops within 100 ms of the timeout');
SELECT ok(pg_temp.cancelled_after($q$SELECT rarerisk.embargoed_content((SELECT n FROM nets WHERE shape = 'acyclic'), 'C1000', '{C1}')$q$)
          BETWEEN 0 AND 200, 'embargoed_content over the acyclic network stops within 100 ms of the timeout');
RESET statement_timeout;

SELECT * FROM finish();
ROLLBACK;

-- bench/generate.sql: the deterministic flow table of the benchmark.
--
-- ≈ 6 million rows flows(importer, product, supplier, month, volume) in
-- 300,000 (importer, product) groups (3,000 importers × 100 products) with
-- ≈ 5 million distinct (group, supplier) pairs.  No random(): every choice is
-- a hash of the group / pair number (hashint8extended), so each run builds
-- the same table.
--
--   group g          importer 'I' || g/100, product 'P' || g%100
--   suppliers k      1..33 per group, mean ≈ 16.6: k = 1 + ⌊33·u^1.05⌋
--                    (slightly more small groups than large ones)
--   supplier codes   251 three-letter codes; the main supplier (j = 0) is
--                    drawn skewed towards the first codes (u³, as China is in
--                    most rare-earth groups), the others by a fixed stride
--                    from it (distinct within the group)
--   unattributed     in 5 % of the groups the last supplier line is NULL
--   rows per pair    the main supplier ships in 1..6 consecutive months,
--                    every other supplier in 1 month (10 % of them in 2)
--   months           a pair's first month is a hash 1..12, so a group's
--                    rows spread over the year like monthly trade data
--   volumes          main supplier 10^3..10^9, others 10^-3..10^7
--                    (u^1.5: most are small), so one group spans up to
--                    twelve orders of magnitude
--   physical order   by month, then shuffled within the month, as monthly
--                    loads arrive: a group's rows are spread over the table
--
-- psql -v groups=N makes a smaller table for a quick try (default 300000).
\set ON_ERROR_STOP 1
\if :{?groups}
\else
\set groups 300000
\endif
SET client_min_messages = warning;
SET work_mem = '2GB';
SET max_parallel_workers_per_gather = 0;

BEGIN;
DROP TABLE IF EXISTS flows;
-- created and filled in one transaction: with wal_level = minimal the rows
-- skip the WAL
CREATE TABLE flows (
	importer text NOT NULL,
	product text NOT NULL,
	supplier text,
	month int NOT NULL CHECK (month BETWEEN 1 AND 12),
	volume float8 NOT NULL
);

-- u(x, seed): a deterministic uniform number in [0, 1)
CREATE FUNCTION pg_temp.u(x bigint, seed bigint) RETURNS float8
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	AS $$ SELECT (hashint8extended(x, seed) & 2147483647)::float8 / 2147483648.0 $$;

-- code(s): the three-letter code of supplier number s in 0..250
CREATE FUNCTION pg_temp.code(s int) RETURNS text
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	AS $$ SELECT chr(65 + s / 26) || chr(65 + s % 26) || chr(65 + (s * 11 + 7) % 26) $$;

INSERT INTO flows
SELECT 'I' || lpad((g / 100)::text, 4, '0'),
	   'P' || lpad((g % 100)::text, 2, '0'),
	   CASE WHEN j = k - 1 AND j > 0 AND pg_temp.u(g, 4) < 0.05 THEN NULL
			ELSE pg_temp.code(((s0 + j * stride) % 251)::int) END,
	   1 + (m0 + r) % 12,
	   CASE WHEN j = 0 THEN power(10.0::float8, 3 + 6 * pg_temp.u(p * 16 + r, 8))
			ELSE power(10.0::float8, -3 + 10 * pg_temp.u(p * 16 + r, 8) ^ 1.5) END
FROM generate_series(0, :groups - 1) AS g,
	 LATERAL (SELECT least(33, 1 + floor(33 * pg_temp.u(g, 1) ^ 1.05))::int AS k,
					 floor(251 * pg_temp.u(g, 2) ^ 3)::int AS s0,
					 1 + floor(250 * pg_temp.u(g, 3))::int AS stride) AS grp,
	 LATERAL generate_series(0, k - 1) AS j,
	 LATERAL (SELECT g::bigint * 64 + j AS p) AS pair,
	 LATERAL (SELECT floor(12 * pg_temp.u(p, 7))::int AS m0,
					 CASE WHEN j = 0 THEN 1 + floor(6 * pg_temp.u(g, 5))::int
						  WHEN pg_temp.u(p, 6) < 0.1 THEN 2 ELSE 1 END AS nrows) AS shape,
	 LATERAL generate_series(0, nrows - 1) AS r
ORDER BY 1 + (m0 + r) % 12, hashint8extended(p * 16 + r, 9);
COMMIT;

VACUUM (FREEZE, ANALYZE) flows;

-- 08_size_limits.sql: a supply mix whose flat form would pass 1 GB (the
-- largest value PostgreSQL can hold) is refused with 54000 when it is made,
-- whatever the path (rows, merged mixes); one just below the limit works.
-- Memory-heavy (about 3 GB at the peak, a minute): pg_prove runs the files
-- one after the other, so nothing else runs beside it.
\set ON_ERROR_ROLLBACK 1
\ir fixtures/tap.sql
SELECT plan(4);
SET LOCAL search_path = rarerisk, public;
SET LOCAL max_parallel_workers_per_gather = 0;

-- 4 GiB of 1024-byte codes: the size of the codes no longer wraps at
-- 32 bits (it once did, and flattening wrote past a small buffer).  The
-- codes are lpad(g::text, 1024, 'x'), written with repeat(), which is much
-- faster than lpad() in UTF-8.
SELECT throws_ok($$SELECT concentration_hhi(repeat('x', 1024 - length(g::text)) || g, 1) FROM generate_series(1, 4194304) g$$,
                 '54000', 'supply mix exceeds the maximum size of 1 GB',
                 'a mix of 4 GiB of long supplier codes is refused with 54000');

-- Eleven mixes of about 100 MB each, merged
SELECT throws_ok($$SELECT supply_mix_merge(m) FROM (
                       SELECT g % 11 AS k, supply_mix(repeat('x', 1000 - length(g::text)) || g, 1) AS m
                         FROM generate_series(1, 1100000) g GROUP BY 1 ORDER BY 1) x$$,
                 '54000', 'supply mix exceeds the maximum size of 1 GB',
                 'merging mixes past 1 GB is refused with 54000');

-- Just below the limit: 900,000 codes of 1024 bytes (about 950 MB flat)
SELECT is((SELECT round(concentration_hhi(repeat('x', 1024 - length(g::text)) || g, 1)::numeric, 9)
             FROM generate_series(1, 900000) g),
          round(10000 / 900000.0, 9),
          'a mix of about 950 MB is built and measured');
SELECT is((SELECT supplier_count(supply_mix(repeat('x', 1024 - length(g::text)) || g, 1))
             FROM generate_series(1, 900000) g),
          900000,
          'a mix of about 950 MB is written in canonical form');

SELECT * FROM finish();
ROLLBACK;

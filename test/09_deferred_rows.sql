-- 09_deferred_rows.sql: rows for a cold group's state are deferred and
-- applied later, each state's rows in arrival order (src/pg_mix_state.c;
-- a long list, in an arena of many megabytes, state by state).  Every plan that
-- hands a group its rows in the same order must give the same bits: a hash
-- aggregate over rows in random order (rows deferred), a sorted group
-- aggregate (each state hot, rows applied at once), a spilling hash
-- aggregate, and a window; and the totals must be the exact numeric sums,
-- so that a row lost or applied twice is seen.  The volumes are not whole
-- numbers and span ten orders of magnitude.
\ir fixtures/tap.sql
SELECT plan(16);
SET LOCAL search_path = rarerisk, public;
SET LOCAL max_parallel_workers_per_gather = 0;

-- How many groups of table src (columns grp, seq) get the same value of
-- the aggregate expression agg from a hash aggregate over the rows in
-- random order (seq: rows deferred) as from a sorted group aggregate (each
-- state hot, rows applied at once), at work_mem 1GB
CREATE FUNCTION pg_temp.same_as_sorted(agg text, src text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    n bigint;
BEGIN
    SET LOCAL work_mem = '1GB';
    SET LOCAL enable_sort = off;
    EXECUTE format('CREATE TEMP TABLE hashed AS SELECT grp, %s AS m FROM (SELECT * FROM %I ORDER BY seq) r GROUP BY grp',
                   agg, src);
    RESET enable_sort;
    SET LOCAL enable_hashagg = off;
    EXECUTE format('SELECT count(*) FROM hashed h JOIN (SELECT grp, %s AS m FROM (SELECT * FROM %I ORDER BY grp, seq) r GROUP BY grp) s USING (grp) WHERE h.m = s.m',
                   agg, src) INTO n;
    RESET enable_hashagg;
    RESET work_mem;
    DROP TABLE hashed;
    RETURN n;
END $$;

-- 60,000 rows in 3,000 groups, in the order of seq (a hash of the row
-- number: random with respect to the group); codes of 1 to 8 bytes (the
-- deferred kind), longer codes and NULL suppliers (the general path),
-- spare capacities on some rows
CREATE TEMP TABLE rows_in AS
SELECT hashint4(n) AS seq,
       n % 3000 AS grp,
       CASE WHEN n % 97 = 0 THEN NULL
            WHEN n % 31 = 0 THEN 'long supplier ' || (n % 7)
            ELSE substr('ABCDEFGH', 1, 1 + n % 8) || (n / 3000) % 5 END AS sup,
       (abs(hashint4(n + 1)) % 1000003)::float8 / 7 * 10.0 ^ (n % 11 - 5) AS v,
       CASE WHEN n % 5 = 0 THEN (n % 13)::float8 / 3 END AS spare
FROM generate_series(1, 60000) n;

-- One row per group: every supply_mix aggregate of one arena, as text
CREATE FUNCTION pg_temp.mixes(plan text) RETURNS TABLE (grp int, m text, mk text, hhi float8, ms text)
LANGUAGE plpgsql AS $$
BEGIN
    IF plan = 'sorted' THEN
        SET LOCAL enable_hashagg = off;
        SET LOCAL work_mem = '64MB';
    ELSIF plan = 'spill' THEN
        SET LOCAL enable_sort = off;
        SET LOCAL work_mem = '64kB';
    ELSE
        SET LOCAL enable_sort = off;
        SET LOCAL work_mem = '64MB';
    END IF;
    RETURN QUERY
    SELECT r.grp, supply_mix(r.sup, r.v)::text,
           concentration_ratio(r.sup, r.v, 3)::text,
           concentration_hhi(r.sup, r.v),
           supply_mix(r.sup, r.v, r.spare)::text
    FROM (SELECT * FROM rows_in ORDER BY CASE WHEN plan = 'sorted' THEN rows_in.grp END, seq) r
    GROUP BY r.grp;
END $$;

CREATE TEMP TABLE by_hash AS SELECT * FROM pg_temp.mixes('hash');
CREATE TEMP TABLE by_sort AS SELECT * FROM pg_temp.mixes('sorted');
CREATE TEMP TABLE by_spill AS SELECT * FROM pg_temp.mixes('spill');
RESET enable_hashagg;
RESET enable_sort;
RESET work_mem;

SELECT is((SELECT count(*) FROM by_hash), 3000::bigint, 'every group has a result');
SELECT is((SELECT count(*) FROM by_hash h JOIN by_sort s USING (grp)
           WHERE h.m = s.m AND h.mk = s.mk AND h.ms = s.ms),
          3000::bigint, 'hash aggregate (rows deferred) = sorted group aggregate, bit for bit');
SELECT is((SELECT count(*) FROM by_hash h JOIN by_sort s USING (grp)
           WHERE h.hhi = s.hhi),
          3000::bigint, 'concentration_hhi: hash = sorted, bit for bit');
SELECT is((SELECT count(*) FROM by_spill p JOIN by_sort s USING (grp)
           WHERE p.m = s.m AND p.mk = s.mk AND p.ms = s.ms AND p.hhi = s.hhi),
          3000::bigint, 'hash aggregate spilling at work_mem 64kB = sorted, bit for bit');

-- against exact numeric sums: every row counted once
SELECT is((SELECT count(*) FROM by_hash h JOIN (
               SELECT grp, sum(v::numeric) AS total FROM rows_in GROUP BY grp) x USING (grp)
           WHERE abs(total(h.m::supply_mix)::numeric - x.total) <= x.total * 1e-12),
          3000::bigint, 'every group''s total equals the exact numeric sum of its rows');
SELECT is((SELECT count(*) FROM by_hash h JOIN (
               SELECT grp, count(DISTINCT sup) AS n FROM rows_in GROUP BY grp) x USING (grp)
           WHERE supplier_count(h.m::supply_mix) = x.n),
          3000::bigint, 'every group has each of its suppliers once');

-- a window: the running mix of the last row of a partition is the group's mix
SELECT is((SELECT count(*) FROM by_sort s JOIN (
               SELECT DISTINCT ON (grp) grp, m
               FROM (SELECT grp, seq, supply_mix(sup, v) OVER (PARTITION BY grp ORDER BY seq)::text AS m
                     FROM rows_in) w
               ORDER BY grp, seq DESC) w USING (grp)
           WHERE w.m = s.m),
          3000::bigint, 'window: the running mix at each partition''s last row = the group''s mix');

-- two aggregate calls of one query interleave their deferred rows in one
-- arena; a filter makes every other row of a group skip one of them
SELECT is((SELECT count(*) FROM (
               SELECT grp, supply_mix(sup, v) FILTER (WHERE seq % 2 = 0)::text AS a,
                      supply_mix(sup, v)::text AS b
               FROM (SELECT * FROM rows_in ORDER BY seq) r GROUP BY grp) h
           JOIN (
               SELECT grp, supply_mix(sup, v) FILTER (WHERE seq % 2 = 0)::text AS a,
                      supply_mix(sup, v)::text AS b
               FROM (SELECT * FROM rows_in ORDER BY grp, seq) r GROUP BY grp) s USING (grp)
           WHERE h.a = s.a AND h.b = s.b),
          3000::bigint, 'filtered and unfiltered calls sharing the arena: hash = sorted');

-- an error in a deferred row's group is still reported: a mix past 1 GB is
-- out of reach here, so check that a row after deferred ones still fails
-- where it should (a negative volume), naming its supplier
SELECT throws_ok($$SELECT grp, supply_mix(sup, CASE WHEN seq = (SELECT max(seq) FROM rows_in) THEN -1 ELSE v END)
                   FROM (SELECT * FROM rows_in ORDER BY seq) r GROUP BY grp$$,
                 '22023', NULL, 'a bad row after deferred rows is refused');

-- past 64 MB of states, over rows in random order, the slabs take huge
-- pages: 150,000 groups (about 96 MB of states), the same bits again
CREATE TEMP TABLE many AS
SELECT hashint4(n) AS seq, n % 150000 AS grp,
       substr('XYZ', 1 + n % 3, 1) AS sup, (abs(hashint4(n)) % 1000)::float8 / 3 AS v
FROM generate_series(1, 450000) n;
SELECT is(pg_temp.same_as_sorted('supply_mix(sup, v)::text', 'many'),
          150000::bigint, '150,000 groups in random order (huge-page slabs) = sorted, bit for bit');

-- a long list applied state by state, with many rows of one state in each
-- list: 30 groups of 10,000 rows (40 suppliers, volumes over twelve orders
-- of magnitude) among 150,000 groups of one row, in random order; compared
-- in the binary form, which keeps every bit of the compensated sums
CREATE TEMP TABLE heavy AS
SELECT hashint4(n + 7) AS seq, CASE WHEN n <= 300000 THEN n % 30 ELSE n END AS grp,
       'S' || (hashint4(n) & 39) AS sup,
       (abs(hashint4(n + 3)) % 1000003)::float8 / 7 * 10.0 ^ (abs(hashint4(n + 5)) % 13 - 6) AS v
FROM generate_series(1, 450000) n;
SELECT is(pg_temp.same_as_sorted('supply_mix_send(supply_mix(sup, v))', 'heavy'),
          150030::bigint, 'a long list applied state by state: every bit as sorted');

-- merges are deferred as rows are (small stored mixes, copied): stored
-- monthly mixes merged in random order = merged in order, bit for bit;
-- mixes of over 1 kB (merged at once) among them
CREATE TEMP TABLE monthly AS
SELECT grp, seq % 12 AS month, supply_mix(sup, v, spare) AS m, min(seq) AS seq
FROM rows_in GROUP BY grp, seq % 12
UNION ALL
SELECT g, 12, (SELECT supply_mix('S' || i, i::float8 / 7) FROM generate_series(1, 200) i), 0
FROM generate_series(0, 2999, 97) g;
SET LOCAL enable_sort = off;
SELECT is(split_part(pg_temp.plan_of('SELECT grp, supply_mix_merge(m) FROM (SELECT * FROM monthly ORDER BY seq) r GROUP BY grp'), E'\n', 1),
          'HashAggregate', 'the merge in random order is a hash aggregate');
CREATE TEMP TABLE merged_hash AS
SELECT grp, supply_mix_merge(m)::text AS m FROM (SELECT * FROM monthly ORDER BY seq) r GROUP BY grp;
RESET enable_sort;
SET LOCAL enable_hashagg = off;
SELECT is((SELECT count(*) FROM merged_hash h JOIN (
               SELECT grp, supply_mix_merge(m)::text AS m
               FROM (SELECT * FROM monthly ORDER BY grp, seq) r GROUP BY grp) s USING (grp)
           WHERE h.m = s.m),
          3000::bigint, 'supply_mix_merge in random order (merges deferred) = sorted, bit for bit');
RESET enable_hashagg;

-- 150,000 groups: the list of deferred merges grows long, with its
-- scratch, and is applied state by state
CREATE TEMP TABLE many_monthly AS
SELECT grp, seq % 3 AS month, supply_mix(sup, v) AS m, min(seq) AS seq
FROM many GROUP BY grp, seq % 3;
SELECT is(pg_temp.same_as_sorted('supply_mix_merge(m)::text', 'many_monthly'),
          150000::bigint, '150,000 groups merged in random order (a long list of deferred merges) = sorted');
SELECT is((SELECT count(*) FROM merged_hash h JOIN by_hash b USING (grp)
           WHERE abs(total(h.m::supply_mix) - total(b.ms::supply_mix)) <= total(b.ms::supply_mix) * 1e-12),
          3000::bigint - 31, 'merged monthly mixes: every group''s total as over the rows (but the groups given a large mix)');
-- an overflowing merge is still refused, though it is applied later
SELECT throws_ok($$SELECT grp, supply_mix_merge(m)
                   FROM (SELECT grp, seq, m FROM monthly
                         UNION ALL SELECT 7, 1, supply_mix('CHN', 1.5e308)
                         UNION ALL SELECT 7, 2, supply_mix('CHN', 1.5e308)
                         ORDER BY seq) r GROUP BY grp$$,
                 '22003', 'merged volume or spare capacity of a supplier is out of range for type double precision',
                 'an overflowing deferred merge is refused (22003)');

SELECT * FROM finish();
ROLLBACK;

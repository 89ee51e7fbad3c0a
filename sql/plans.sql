-- The same answer on every path the planner can take: serial, parallel
-- Partial/Finalize, partitionwise aggregation, HashAgg spilling to disk,
-- stored mixes merged, and a mix written as text and read back.
SET search_path = rarerisk, public;

CREATE TABLE flows (grp int, supplier text, volume float8);
INSERT INTO flows
  SELECT i % 50,
         CASE WHEN i % 101 = 0 THEN NULL ELSE 'S' || ((i * 7) % 263) END,
         power(10::float8, ((i * 48271) % 9000) / 1000.0)
    FROM generate_series(1::bigint, 200000) i;
ANALYZE flows;

CREATE TEMP TABLE serial AS
  SELECT grp, concentration_hhi(supplier, volume) AS hhi,
         concentration_ratio(supplier, volume, 3) AS cr3,
         top_supplier(supplier, volume) AS top,
         supply_mix(supplier, volume)::text AS mix
    FROM flows GROUP BY grp;
CREATE TEMP TABLE serial_all AS
  SELECT concentration_hhi(supplier, volume) AS hhi, supply_mix(supplier, volume)::text AS mix FROM flows;

-- a comparison of a run against the serial one: all groups present, same
-- top supplier, measures equal to 1e-12 relative
CREATE FUNCTION pg_temp.same_as_serial(run text) RETURNS TABLE (groups bigint, same bool) AS $$
BEGIN
  RETURN QUERY EXECUTE format($q$
    SELECT count(*), bool_and(abs(r.hhi - s.hhi) <= 1e-12 * s.hhi
                              AND abs(r.cr3 - s.cr3) <= 1e-12 * s.cr3
                              AND r.top = s.top)
      FROM serial s JOIN (%s) r USING (grp)$q$, run);
END $$ LANGUAGE plpgsql;

-- parallel: Partial Aggregate in the workers, Finalize (combine) in the leader
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
CREATE FUNCTION pg_temp.plan_has(query text, node text) RETURNS bool AS $$
DECLARE line text;
BEGIN
  FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || query LOOP
    IF line LIKE '%' || node || '%' THEN RETURN true; END IF;
  END LOOP;
  RETURN false;
END $$ LANGUAGE plpgsql;
SELECT pg_temp.plan_has('SELECT grp, concentration_hhi(supplier, volume) FROM flows GROUP BY grp', 'Partial') AS partial_grouped,
       pg_temp.plan_has('SELECT grp, concentration_hhi(supplier, volume) FROM flows GROUP BY grp', 'Finalize') AS finalize_grouped,
       pg_temp.plan_has('SELECT concentration_hhi(supplier, volume) FROM flows', 'Partial Aggregate') AS partial_plain,
       pg_temp.plan_has('SELECT supply_mix_merge(m) FROM (SELECT supply_mix(supplier, volume) m FROM flows GROUP BY grp) s', 'Gather') AS merge_parallel;
SELECT * FROM pg_temp.same_as_serial($$
  SELECT grp, concentration_hhi(supplier, volume) AS hhi,
         concentration_ratio(supplier, volume, 3) AS cr3, top_supplier(supplier, volume) AS top
    FROM flows GROUP BY grp$$);
SELECT abs(p.hhi - s.hhi) <= 1e-12 * s.hhi AS parallel_all_same,
       p.mix = s.mix AS parallel_mix_identical
  FROM serial_all s,
       (SELECT concentration_hhi(supplier, volume) AS hhi, supply_mix(supplier, volume)::text AS mix FROM flows) p;
RESET parallel_leader_participation;
RESET max_parallel_workers_per_gather;

-- partitionwise aggregation: partial states serialised and combined in one backend
CREATE TABLE flows_part (grp int, supplier text, volume float8) PARTITION BY HASH (supplier);
CREATE TABLE flows_part_0 PARTITION OF flows_part FOR VALUES WITH (MODULUS 3, REMAINDER 0);
CREATE TABLE flows_part_1 PARTITION OF flows_part FOR VALUES WITH (MODULUS 3, REMAINDER 1);
CREATE TABLE flows_part_2 PARTITION OF flows_part FOR VALUES WITH (MODULUS 3, REMAINDER 2);
INSERT INTO flows_part SELECT * FROM flows;
ANALYZE flows_part;
SET enable_partitionwise_aggregate = on;
SET max_parallel_workers_per_gather = 0;
SELECT pg_temp.plan_has('SELECT grp, concentration_hhi(supplier, volume) FROM flows_part GROUP BY grp', 'Partial') AS partitionwise_partial;
SELECT * FROM pg_temp.same_as_serial($$
  SELECT grp, concentration_hhi(supplier, volume) AS hhi,
         concentration_ratio(supplier, volume, 3) AS cr3, top_supplier(supplier, volume) AS top
    FROM flows_part GROUP BY grp$$);
RESET enable_partitionwise_aggregate;

-- HashAgg under a tiny work_mem spills to disk
SET work_mem = '64kB';
SET enable_sort = off;
SELECT pg_temp.plan_has('SELECT grp, concentration_hhi(supplier, volume) FROM flows GROUP BY grp', 'HashAggregate') AS hashagg;
SELECT * FROM pg_temp.same_as_serial($$
  SELECT grp, concentration_hhi(supplier, volume) AS hhi,
         concentration_ratio(supplier, volume, 3) AS cr3, top_supplier(supplier, volume) AS top
    FROM flows GROUP BY grp$$);
-- many groups: (grp, supplier) pairs as groups, with spilling
SELECT count(*) AS pairs, sum(h) = count(*) * 10000 AS all_monopolies
  FROM (SELECT concentration_hhi(supplier, volume) AS h FROM flows WHERE supplier IS NOT NULL GROUP BY grp, supplier) s;
RESET enable_sort;
RESET work_mem;

-- sorted GroupAggregate
SET enable_hashagg = off;
SELECT * FROM pg_temp.same_as_serial($$
  SELECT grp, concentration_hhi(supplier, volume) AS hhi,
         concentration_ratio(supplier, volume, 3) AS cr3, top_supplier(supplier, volume) AS top
    FROM flows GROUP BY grp$$);
RESET enable_hashagg;

-- stored mixes, one per (group, bucket), merged; and a mix through its text form
CREATE TABLE stored AS
  SELECT grp, (hashtext(coalesce(supplier, '')) & 7) AS bucket, supply_mix(supplier, volume) AS mix
    FROM flows GROUP BY 1, 2;
SELECT * FROM pg_temp.same_as_serial($$
  SELECT grp, hhi(m) AS hhi, top_share(m, 3) AS cr3, top_supplier(m) AS top
    FROM (SELECT grp, supply_mix_merge(mix) AS m FROM stored GROUP BY grp) s$$);
SELECT * FROM pg_temp.same_as_serial($$
  SELECT grp, hhi(m::text::supply_mix) AS hhi, top_share(m::text::supply_mix, 3) AS cr3,
         top_supplier(m::text::supply_mix) AS top
    FROM (SELECT grp, supply_mix(supplier, volume) AS m FROM flows GROUP BY grp) s$$);
SELECT bool_and(s.mix = m.mix::text) AS merged_mix_identical
  FROM serial s JOIN (SELECT grp, supply_mix_merge(mix) AS mix FROM stored GROUP BY grp) m USING (grp);
-- merged in parallel too
SET max_parallel_workers_per_gather = 2;
SELECT * FROM pg_temp.same_as_serial($$
  SELECT grp, hhi(m) AS hhi, top_share(m, 3) AS cr3, top_supplier(m) AS top
    FROM (SELECT grp, supply_mix_merge(mix) AS m FROM stored GROUP BY grp) s$$);

DROP TABLE flows, flows_part, stored;

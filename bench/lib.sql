-- bench/lib.sql: measurement helpers of make bench (schema bench).
--
-- bench.measure(label, query, settings, runs) runs EXPLAIN (ANALYZE, TIMING
-- OFF, FORMAT JSON) of the query once as a warm-up (run 0, not counted) and
-- then `runs` times, in one backend, with the given settings applied locally
-- ('name=value; name=value').  Every run is kept in bench.run with its plan,
-- so the report can show spills (HashAgg batches, disk), peak memory and
-- parallel workers next to the times.  EXPLAIN ANALYZE's "Execution Time"
-- excludes planning and sending rows to the client; TIMING OFF avoids the
-- per-row clock reads.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;

DROP SCHEMA IF EXISTS bench CASCADE;
CREATE SCHEMA bench;

CREATE TABLE bench.run (
	seq bigserial,				-- order of measurement
	label text NOT NULL,
	settings text NOT NULL,
	query text NOT NULL,
	run int NOT NULL,			-- 0 = warm-up, not counted
	ms float8 NOT NULL,
	plan jsonb NOT NULL,
	PRIMARY KEY (label, run)
);

-- Apply 'name=value; name=value' for the rest of the transaction
CREATE FUNCTION bench.apply(settings text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	kv text[];
BEGIN
	FOR kv IN
		SELECT regexp_match(s, '^\s*([A-Za-z_.]+)\s*=\s*(.*?)\s*$')
		FROM unnest(string_to_array(settings, ';')) AS s
		WHERE s ~ '\S'
	LOOP
		IF kv IS NULL THEN
			RAISE EXCEPTION 'bad setting list: %', settings;
		END IF;
		PERFORM set_config(kv[1], kv[2], true);
	END LOOP;
END $$;

CREATE FUNCTION bench.explain(q text) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
	j json;
BEGIN
	EXECUTE 'EXPLAIN (ANALYZE, TIMING OFF, BUFFERS OFF, FORMAT JSON) ' || q INTO j;
	RETURN j::jsonb -> 0;
END $$;

CREATE FUNCTION bench.measure(label text, q text, settings text, runs int DEFAULT 3)
RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	p jsonb;
BEGIN
	PERFORM bench.apply(settings);
	FOR i IN 0 .. runs LOOP
		p := bench.explain(q);
		INSERT INTO bench.run (label, settings, query, run, ms, plan)
			VALUES (label, settings, q, i, (p ->> 'Execution Time')::float8, p);
	END LOOP;
END $$;

-- bench.measure_set(labels, queries, settings, runs): the same for several
-- queries, round-robin (warm-up round, then `runs` rounds of every query in
-- turn), so that load from other processes hits the two sides of a ratio
-- alike.  Each query runs with its own settings; settings another query
-- changed are restored first.
CREATE FUNCTION bench.measure_set(labels text[], queries text[], settings text[], runs int DEFAULT 3)
RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	keys text[];
	orig text[];
	p jsonb;
BEGIN
	SELECT array_agg(k ORDER BY k), array_agg(current_setting(k) ORDER BY k)
	INTO keys, orig
	FROM (SELECT DISTINCT m[1] AS k
		  FROM unnest(settings) AS s, regexp_matches(s, '([A-Za-z_.]+)\s*=', 'g') AS m) AS d;
	FOR i IN 0 .. runs LOOP
		FOR j IN 1 .. array_length(labels, 1) LOOP
			FOR k IN 1 .. coalesce(array_length(keys, 1), 0) LOOP
				PERFORM set_config(keys[k], orig[k], true);
			END LOOP;
			PERFORM bench.apply(settings[j]);
			p := bench.explain(queries[j]);
			INSERT INTO bench.run (label, settings, query, run, ms, plan)
				VALUES (labels[j], settings[j], queries[j], i, (p ->> 'Execution Time')::float8, p);
		END LOOP;
	END LOOP;
END $$;

-- Per label: best (min), median and worst of the counted runs, and what the
-- plan of the best run says about aggregation strategy, spills and memory
CREATE VIEW bench.summary AS
SELECT label,
	   min(ms) AS best_ms,
	   percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS median_ms,
	   max(ms) AS worst_ms,
	   count(*) AS runs,
	   (array_agg(plan ORDER BY ms))[1] AS plan,
	   min(settings) AS settings,
	   min(seq) AS seq
FROM bench.run
WHERE run > 0
GROUP BY label;

CREATE FUNCTION bench.best(l text) RETURNS float8
LANGUAGE sql STABLE AS $$ SELECT best_ms FROM bench.summary WHERE label = l $$;

-- Largest HashAgg batch count / total disk use (kB) / workers over the plan
CREATE FUNCTION bench.batches(p jsonb) RETURNS int
LANGUAGE sql IMMUTABLE AS $$
	SELECT coalesce(max(x::int), 0) FROM jsonb_path_query(p, 'strict $.**."HashAgg Batches"') x $$;
CREATE FUNCTION bench.disk_kb(p jsonb) RETURNS bigint
LANGUAGE sql IMMUTABLE AS $$
	SELECT coalesce(sum(x::bigint), 0) FROM jsonb_path_query(p, 'strict $.**."Disk Usage"') x $$;
CREATE FUNCTION bench.workers(p jsonb) RETURNS int
LANGUAGE sql IMMUTABLE AS $$
	SELECT coalesce(sum(x::int), 0) FROM jsonb_path_query(p, 'strict $.**."Workers Launched"') x $$;
-- Peak memory (kB) of the top plan node (a HashAggregate in section 6)
CREATE FUNCTION bench.peak_kb(p jsonb) RETURNS bigint
LANGUAGE sql IMMUTABLE AS $$ SELECT (p -> 'Plan' ->> 'Peak Memory Usage')::bigint $$;
-- The aggregate nodes of a plan, top first, e.g. 'Hashed < Hashed' or
-- 'Finalize Plain < Partial Plain'
CREATE FUNCTION bench.shape(p jsonb) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
	SELECT string_agg(CASE WHEN n ->> 'Partial Mode' = 'Simple' THEN ''
						   ELSE (n ->> 'Partial Mode') || ' ' END || (n ->> 'Strategy'),
					  ' < ' ORDER BY ord)
	FROM jsonb_path_query(p, 'strict $.** ? (@."Node Type" == "Aggregate")')
		 WITH ORDINALITY AS s(n, ord)
$$;

-- Named results of the benchmark that are not timings (counts, sizes,
-- agreement checks), for the report
CREATE TABLE bench.fact (
	name text PRIMARY KEY,
	value float8,
	note text
);

CREATE FUNCTION bench.f(text) RETURNS float8
LANGUAGE sql STABLE AS $$ SELECT value FROM bench.fact WHERE name = $1 $$;

-- Largest relative difference between two result tables (key columns k,
-- value column v); NULLs must match
CREATE FUNCTION bench.max_rel_diff(a regclass, b regclass, keys text)
RETURNS float8
LANGUAGE plpgsql AS $$
DECLARE
	r float8;
	n_a bigint;
	n_b bigint;
	n_j bigint;
BEGIN
	EXECUTE format('SELECT count(*) FROM %s', a) INTO n_a;
	EXECUTE format('SELECT count(*) FROM %s', b) INTO n_b;
	EXECUTE format('SELECT count(*), max(CASE WHEN x.v IS NULL AND y.v IS NULL THEN 0
		WHEN x.v IS NULL OR y.v IS NULL THEN ''Infinity''::float8
		WHEN x.v = y.v THEN 0
		ELSE abs(x.v - y.v) / greatest(abs(x.v), abs(y.v)) END)
		FROM %s x FULL JOIN %s y USING (%s)', a, b, keys) INTO n_j, r;
	IF n_a <> n_b OR n_j <> n_a THEN
		RETURN 'Infinity'::float8;		-- rows differ: not the same result
	END IF;
	RETURN coalesce(r, 0);
END $$;

-- Run query q (columns: keys..., v) with the given settings into table t
CREATE FUNCTION bench.materialize(t text, q text, settings text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
	PERFORM bench.apply(settings);
	EXECUTE format('DROP TABLE IF EXISTS %s', t);
	EXECUTE format('CREATE UNLOGGED TABLE %s AS %s', t, q);
END $$;

-- Hostile input: every SQL-callable function with NULL in each
-- argument position and with NaN, +-Infinity, negative, huge and empty
-- values; random and mutated bytes through every text input and binary
-- receive function; 1 MB supplier codes; a million suppliers in one group.
-- Each input gives its documented result or an error with a specific
-- SQLSTATE, and the server stays up: "SELECT 1 AS up" follows every
-- dangerous statement (a crash shows as a lost connection in the output).
-- Random bytes are deterministic: they come from md5() of a counter.
SET search_path = rarerisk, public;
SET extra_float_digits = 0;
\set VERBOSITY sqlstate

-- ---------------------------------------------------------------------
-- Bugs found by the fuzzers and this catalogue (regression tests first)
-- ---------------------------------------------------------------------

-- concentration_ratio accepts any k >= 1 of int4, so the text and binary
-- forms of its partial state must read back every such k (Citus moves
-- partial states as text)
SELECT '{"suppliers": {"A": 1}, "k": 2000000000}'::supply_mix;
SELECT '{"suppliers": {"A": 1}, "k": 2147483647}'::supply_mix::text::supply_mix;
SELECT '{"suppliers": {"A": 1}, "k": 2147483648}'::supply_mix;
SELECT 1 AS up;
CREATE TEMP TABLE big_k AS SELECT '{"suppliers": {"A": 1}, "k": 2000000000}'::supply_mix AS m;
DO $$
BEGIN
	EXECUTE format('COPY big_k TO %L (FORMAT binary)', current_setting('data_directory') || '/rarerisk_hostile.bin');
	EXECUTE format('COPY big_k FROM %L (FORMAT binary)', current_setting('data_directory') || '/rarerisk_hostile.bin');
END $$;
SELECT m FROM big_k;
SELECT 1 AS up;

-- a tiny period_days makes the daily rates overflow: embargo_impact says
-- so (22003); the trajectory must too, not print NaN and Infinity
SELECT * FROM embargo_impact('{"suppliers": {"A": 10}}', embargo('{B}', period_days => 1e-308));
SELECT * FROM embargo_trajectory('{"suppliers": {"A": 10}}', embargo('{B}', stock_days => 1, period_days => 1e-308), 100);
SELECT * FROM embargo_trajectory('{"suppliers": {"A": 10}}', embargo('{A}', period_days => 1e-308), 100);
SELECT 1 AS up;
-- a gap so small that stocks last longer than a double can count days
SELECT * FROM embargo_impact('{"suppliers": {"A": 1e300, "B": 1e-10}}', embargo('{B}', stock_days => 1e10));
SELECT 1 AS up;

-- ---------------------------------------------------------------------
-- Every function and aggregate, each argument position in turn given each
-- hostile value of its type (the others a valid sample); run as an
-- ordinary role with no special rights.  Outcome: ok (a value), null, or
-- the SQLSTATE of the error.  Functions taking internal (the receive
-- functions) are fed further below through COPY BINARY.
-- ---------------------------------------------------------------------
CREATE ROLE rarerisk_hostile_user;
CREATE TEMP TABLE sample (typ regtype, expr text);
INSERT INTO sample VALUES
  ('text', $$'CHN'$$), ('float8', '0.5'), ('int4', '2'), ('text[]', $${CHN}$$),
  ('cstring', NULL),			-- chosen per input function, below
  ('rarerisk.supply_mix', $$'{"suppliers": {"CHN": 60, "VNM": 15}, "spare": {"VNM": 10}, "unattributed": 25}'::rarerisk.supply_mix$$),
  ('rarerisk.embargo_scenario', $$rarerisk.embargo('{CHN}', stock_days => 60)$$),
  ('rarerisk.embargo_state', $$'{"embargoed": ["CHN"], "stock_days": 60, "demand": 100, "embargoed_volume": 60, "embargoed_content": 7.5, "spare": 10}'::rarerisk.embargo_state$$);
-- types added later (the trade network), if present
INSERT INTO sample
  SELECT t.oid::regtype, $$'{"production": {"CHN": 100, "AUS": 20}, "flows": {"CHN": {"VNM": 60}, "VNM": {"JPN": 30}}, "unknown_origin": {"JPN": 5}}'::rarerisk.trade_network$$
    FROM pg_type t WHERE t.typname = 'trade_network' AND t.typnamespace = 'rarerisk'::regnamespace;
UPDATE sample SET expr = '''' || expr || '''' WHERE typ = 'text[]'::regtype;
CREATE TEMP TABLE hostile_value (typ regtype, label text, expr text);
INSERT INTO hostile_value VALUES
  ('float8', 'NaN', $$'NaN'::float8$$), ('float8', 'Inf', $$'Infinity'::float8$$),
  ('float8', '-Inf', $$'-Infinity'::float8$$), ('float8', '-1', '-1::float8'),
  ('float8', '-0', $$'-0'::float8$$), ('float8', '0', '0::float8'),
  ('float8', 'tiny', '5e-324::float8'), ('float8', 'huge', '1.7976931348623157e308::float8'),
  ('int4', 'min', '(-2147483648)::int4'), ('int4', '-1', '(-1)::int4'), ('int4', '0', '0'),
  ('int4', 'max', '2147483647'),
  ('text', 'empty', $$''::text$$), ('text', '1MB', $$repeat('x', 1048576)$$),
  ('text', '1025B', $$repeat('é', 512) || 'x'$$),
  ('text[]', '{}', $$'{}'::text[]$$), ('text[]', '{NULL}', $$'{NULL}'::text[]$$),
  ('text[]', '{""}', $$'{""}'::text[]$$), ('text[]', '2-D', $$'{{CHN},{VNM}}'::text[]$$),
  ('text[]', '1MB', $$ARRAY[repeat('x', 1048576)]$$),
  ('text[]', '100k', $$array_fill('CHN'::text, ARRAY[100000])$$),
  ('cstring', 'empty', $$''::cstring$$), ('cstring', 'null', $$'null'::cstring$$),
  ('cstring', '{', $$'{'::cstring$$), ('cstring', 'deep', $$repeat('[', 100000)::cstring$$),
  ('rarerisk.supply_mix', 'empty', $$'{}'::rarerisk.supply_mix$$),
  ('rarerisk.supply_mix', 'zeros', $$'{"suppliers": {"A": 0, "B": 0}}'::rarerisk.supply_mix$$),
  ('rarerisk.supply_mix', 'unattr', $$'{"suppliers": {}, "unattributed": 5}'::rarerisk.supply_mix$$),
  ('rarerisk.supply_mix', 'huge', $$'{"suppliers": {"A": 8e307, "B": 8e307}}'::rarerisk.supply_mix$$),
  ('rarerisk.supply_mix', 'tiny', $$'{"suppliers": {"A": 5e-324, "B": 5e-324}}'::rarerisk.supply_mix$$),
  ('rarerisk.embargo_scenario', 'zero', $$rarerisk.embargo('{CHN}', intensity => 0)$$),
  ('rarerisk.embargo_scenario', 'long', $$rarerisk.embargo('{CHN}', horizon_days => 1e300, stock_days => 1e300)$$),
  ('rarerisk.embargo_scenario', 'short', $$rarerisk.embargo('{CHN}', horizon_days => 5e-324)$$),
  ('rarerisk.embargo_scenario', 'instant', $$rarerisk.embargo('{CHN}', period_days => 5e-324)$$),
  ('rarerisk.embargo_state', 'zero', $$'{"embargoed": ["CHN"], "demand": 0, "embargoed_volume": 0, "embargoed_content": 0, "spare": 0}'::rarerisk.embargo_state$$),
  ('rarerisk.embargo_state', 'other', $$'{"embargoed": ["VNM"], "demand": 1, "embargoed_volume": 1, "embargoed_content": 0, "spare": 0}'::rarerisk.embargo_state$$);
INSERT INTO hostile_value
  SELECT t.oid::regtype, v.label, v.expr
    FROM pg_type t, (VALUES
      ('empty', $$'{}'::rarerisk.trade_network$$),
      ('loop', $$'{"flows": {"A": {"B": 1}, "B": {"A": 1}}}'::rarerisk.trade_network$$),
      ('tiny', $$'{"production": {"A": 5e-324}, "flows": {"A": {"B": 1e308}, "B": {"A": 1e308}}}'::rarerisk.trade_network$$))
      v(label, expr)
   WHERE t.typname = 'trade_network' AND t.typnamespace = 'rarerisk'::regnamespace;
-- the events of the probabilistic disruption risk
INSERT INTO sample
  SELECT t.oid::regtype, $$ARRAY[rarerisk.disruption_event('China', 0.3, '{CHN}', 0.5), rarerisk.disruption_event('Vietnam', 0.1, '{VNM,CHN}')]$$
    FROM pg_type t WHERE t.typname = '_disruption_event' AND t.typnamespace = 'rarerisk'::regnamespace;
INSERT INTO hostile_value
  SELECT t.oid::regtype, v.label, v.expr
    FROM pg_type t, (VALUES
      ('{}', $$'{}'::rarerisk.disruption_event[]$$),
      ('{NULL}', $$ARRAY[NULL::rarerisk.disruption_event]$$),
      ('p=2', $$ARRAY[ROW('x', 2, '{CHN}', 1)::rarerisk.disruption_event]$$),
      ('a=0', $$ARRAY[ROW('x', 0.5, '{CHN}', 0)::rarerisk.disruption_event]$$),
      ('nulls', $$ARRAY[ROW(NULL, NULL, NULL, NULL)::rarerisk.disruption_event]$$),
      ('{""}', $$ARRAY[ROW(NULL, 0.5, '{""}', 1)::rarerisk.disruption_event]$$),
      ('24', $$ARRAY(SELECT rarerisk.disruption_event('e' || i, 0.5, ARRAY['S' || i, CASE WHEN i <= 6 THEN 'CHN' ELSE 'ZZZ' END], 1.0 / i) FROM generate_series(1, 24) i)$$),
      ('25', $$ARRAY(SELECT rarerisk.disruption_event('e' || i, 0.5, '{CHN}') FROM generate_series(1, 25) i)$$))
      v(label, expr)
   WHERE t.typname = '_disruption_event' AND t.typnamespace = 'rarerisk'::regnamespace;
-- NULL is hostile in every position
INSERT INTO hostile_value SELECT DISTINCT typ, 'NULL', 'NULL::' || typ FROM sample;

CREATE TEMP TABLE outcome (fn regprocedure, pos int, label text, result text);
GRANT INSERT ON outcome TO rarerisk_hostile_user;
GRANT SELECT ON sample, hostile_value TO rarerisk_hostile_user;

CREATE FUNCTION pg_temp.try(call text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	r text;
BEGIN
	EXECUTE call INTO r;
	RETURN CASE WHEN r IS NULL THEN 'null' ELSE 'ok' END;
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE;
END $$;

SET ROLE rarerisk_hostile_user;
DO $$
DECLARE
	f record;
	h record;
	args text[];
	call text;
	argexpr text;
BEGIN
	FOR f IN
		SELECT p.oid, p.proname, p.prokind, p.proretset,
			   ARRAY(SELECT unnest(p.proargtypes::regtype[])) AS types,
			   p.pronargs, p.prorettype
		  FROM pg_proc p
		  JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
		  JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'rarerisk'
		 WHERE NOT 'internal'::regtype = ANY (p.proargtypes::regtype[])
		 ORDER BY p.oid
	LOOP
		-- position 0: every argument a valid sample; then each position hostile
		FOR pos IN 0 .. f.pronargs LOOP
			FOR h IN
				SELECT 'sample' AS label, NULL AS expr WHERE pos = 0
				UNION ALL
				SELECT hv.label, hv.expr FROM hostile_value hv
				 WHERE pos > 0 AND hv.typ = f.types[pos]
			LOOP
				args := ARRAY[]::text[];
				FOR i IN 1 .. f.pronargs LOOP
					IF i = pos THEN
						argexpr := h.expr;
					ELSIF f.types[i] = 'cstring'::regtype THEN
						-- the text form of what the input function returns
						SELECT quote_literal(
							CASE f.prorettype
							WHEN 'rarerisk.supply_mix'::regtype THEN '{"suppliers": {"CHN": 60}, "unattributed": 1}'
							WHEN 'rarerisk.embargo_scenario'::regtype THEN '{"embargoed": ["CHN"], "stock_days": 60}'
							WHEN (SELECT min(typ) FROM sample WHERE typ::text LIKE '%trade_network')
								THEN '{"production": {"CHN": 100}, "flows": {"CHN": {"VNM": 60}}}'
							ELSE '{"embargoed": ["CHN"], "demand": 10, "embargoed_volume": 6, "embargoed_content": 0, "spare": 1}'
							END) || '::cstring' INTO argexpr;
					ELSE
						SELECT s.expr INTO argexpr FROM sample s WHERE s.typ = f.types[i];
					END IF;
					args := args || format('(%s)::%s', COALESCE(argexpr, 'NULL'), f.types[i]);
				END LOOP;
				call := format('%s(%s)', f.oid::regproc, array_to_string(args, ', '));
				IF f.prokind = 'a' THEN
					call := format('SELECT %s::text FROM generate_series(1, 3)', call);
				ELSIF f.proretset THEN
					call := format('SELECT count(*)::text FROM %s', call);
				ELSIF f.prorettype = 'cstring'::regtype THEN
					call := format('SELECT %s::text', call);
				ELSE
					call := format('SELECT %s::text', call);
				END IF;
				INSERT INTO outcome VALUES (f.oid, pos, h.label, pg_temp.try(call));
			END LOOP;
		END LOOP;
	END LOOP;
END $$;
RESET ROLE;
SELECT 1 AS up;

-- the catalogue: per function and argument position, label:outcome
SELECT fn, pos AS arg,
       string_agg(label || ':' || result, ' ' ORDER BY label COLLATE "C") AS outcomes
  FROM outcome GROUP BY fn, pos ORDER BY fn::text COLLATE "C", pos;
-- no input may end in an internal error, a missing privilege or a crash
SELECT count(*) AS calls,
       count(*) FILTER (WHERE result IN ('ok', 'null')) AS results,
       count(*) FILTER (WHERE result NOT IN ('ok', 'null')) AS errors,
       count(*) FILTER (WHERE result IN ('XX000', '42501', '42601', '42883')
                          AND fn::text !~ '_trans(_[a-z]+)*\(') AS bad
  FROM outcome;
-- (the transition functions, called outside an aggregate, refuse with
-- XX000 like core's array_agg_transfn)
SELECT fn, pos, label, result FROM outcome
 WHERE result IN ('XX000', '42501', '42601', '42883') AND fn::text !~ '_trans(_[a-z]+)*\('
 ORDER BY 1::text, 2, 3;

-- ---------------------------------------------------------------------
-- Random and mutated text through the four input functions: 4 x 4,000
-- strings, half built from md5() bytes over a JSON alphabet, half valid
-- literals with a few characters replaced, inserted or deleted.  A string
-- that is accepted must print a text form that reads back to itself.
-- ---------------------------------------------------------------------
CREATE TEMP TABLE seed_literal (typ regtype, lit text);
INSERT INTO seed_literal VALUES
  ('rarerisk.supply_mix', '{"suppliers": {"AUS": 10, "CHN": 60.5}, "spare": {"AUS": 5}, "unattributed": 1e3, "unattributed_spare": 2, "k": 3}'),
  ('rarerisk.supply_mix', '{"suppliers": {"C\u00f4te": 1, "tab\there": 2e-300, "a_long_supplier_code": 1.7976931348623157e308}}'),
  ('rarerisk.embargo_scenario', '{"embargoed": ["CHN", "MMR"], "intensity": 0.5, "stock_days": 60, "horizon_days": 365, "period_days": 365}'),
  ('rarerisk.embargo_state', '{"embargoed": ["CHN"], "intensity": 1, "stock_days": 60, "horizon_days": 365, "period_days": 365, "demand": 100, "embargoed_volume": 60, "embargoed_content": 7.5, "spare": 10}');
INSERT INTO seed_literal
  SELECT t.oid::regtype, '{"production": {"CHN": 100, "AUS": 20.5}, "flows": {"CHN": {"VNM": 60, "JPN": 1e-3}, "VNM": {"JPN": 30}, "JPN": {"VNM": 2}}, "unknown_origin": {"JPN": 5}}'
    FROM pg_type t WHERE t.typname = 'trade_network' AND t.typnamespace = 'rarerisk'::regnamespace;

CREATE FUNCTION pg_temp.random_text(i int, lit text) RETURNS text LANGUAGE sql AS $f$
  SELECT CASE WHEN i % 2 = 0 THEN
    -- md5 bytes mapped onto characters that matter to a JSON reader
    (SELECT string_agg(substr('{}[]":,.-+eE0123456789 \u"nulltruefalsesupplierspareunattributedkembargoed', 1 + get_byte(decode(md5(i || ':' || j), 'hex'), 0) % 72, 1 + get_byte(decode(md5(i || ':' || j), 'hex'), 1) % 3), '' ORDER BY j)
       FROM generate_series(1, 1 + i % 40) j)
  ELSE
    -- the literal with up to four characters replaced, inserted or deleted
    (WITH RECURSIVE m(k, s) AS (
       SELECT 0, lit
       UNION ALL
       SELECT k + 1,
              overlay(s placing substr('{}[]":,.-eE019 \x', 1 + get_byte(d, 2) % 18, get_byte(d, 3) % 2)
                      from 1 + (get_byte(d, 0) * 256 + get_byte(d, 1)) % greatest(length(s), 1)
                      for get_byte(d, 4) % 2)
         FROM m, LATERAL (SELECT decode(md5(i || '/' || k), 'hex') AS d) x
        WHERE k < 1 + i % 4)
     SELECT s FROM m ORDER BY k DESC LIMIT 1)
  END
$f$;

CREATE TEMP TABLE text_outcome (typ regtype, result text);
DO $$
DECLARE
	l record;
	str text;
	out1 text;
	out2 text;
BEGIN
	FOR l IN SELECT DISTINCT typ FROM seed_literal LOOP
		FOR i IN 1 .. 4000 LOOP
			str := pg_temp.random_text(i, (SELECT lit FROM seed_literal s WHERE s.typ = l.typ
			                               ORDER BY md5(lit || i) LIMIT 1));
			BEGIN
				EXECUTE format('SELECT %L::%s::text', str, l.typ) INTO out1;
				EXECUTE format('SELECT %L::%s::text', out1, l.typ) INTO out2;
				INSERT INTO text_outcome VALUES (l.typ, CASE WHEN out1 = out2 THEN 'ok' ELSE 'round trip differs' END);
			EXCEPTION WHEN OTHERS THEN
				INSERT INTO text_outcome VALUES (l.typ, SQLSTATE);
			END;
		END LOOP;
	END LOOP;
END $$;
SELECT 1 AS up;
SELECT typ, result, count(*) FROM text_outcome GROUP BY 1, 2 ORDER BY typ::text COLLATE "C", result COLLATE "C";
SELECT count(*) AS strings, count(*) FILTER (WHERE result IN ('ok', '22P02', '22003', '22023', '22001', '54000')) AS expected
  FROM text_outcome;

-- ---------------------------------------------------------------------
-- Random and mutated bytes through the four receive functions: 22P03
-- invalid_binary_representation, 08P01 a length beyond the message, 22021
-- a supplier code that is not valid UTF8, fed as
-- COPY BINARY files (the path of pg_dump's and replication's data): 4 x
-- 1,500 values, mutations of valid send() output (bytes replaced,
-- truncated, extended, length fields blown up) and pure md5() bytes.  An
-- accepted value must send the same bytes again after a text round trip.
-- ---------------------------------------------------------------------
CREATE TEMP TABLE sink_mix (v supply_mix);
CREATE TEMP TABLE sink_scenario (v embargo_scenario);
CREATE TEMP TABLE sink_state (v embargo_state);
CREATE TEMP TABLE sink_network (v trade_network);
CREATE TEMP TABLE recv_outcome (typ regtype, result text);
CREATE FUNCTION pg_temp.random_bytes(i int, valid bytea) RETURNS bytea LANGUAGE sql AS $f$
  SELECT CASE i % 5
    WHEN 0 THEN substr(decode(md5(i::text) || md5((i + 1)::text) || md5((i + 2)::text), 'hex'), 1, 1 + i % 48)
    WHEN 1 THEN substr(valid, 1, (i * 7) % greatest(length(valid), 1))
    WHEN 2 THEN valid || decode(md5(i::text), 'hex')
    WHEN 3 THEN overlay(valid placing decode('ffffff7f', 'hex')
                        from 1 + (i * 13) % greatest(length(valid) - 3, 1) for 4)
    ELSE set_byte(set_byte(valid, (i * 31) % length(valid), get_byte(decode(md5(i::text), 'hex'), 0)),
                  (i * 17) % length(valid), get_byte(decode(md5(i::text), 'hex'), 1))
  END
$f$;
DO $$
DECLARE
	path text := current_setting('data_directory') || '/rarerisk_hostile.bin';
	t record;
	b bytea;
	again bytea;
BEGIN
	FOR t IN SELECT * FROM (VALUES
		('rarerisk.supply_mix'::regtype, 'sink_mix',
		 supply_mix_send('{"suppliers": {"AUS": 10, "CHN": 60.5, "a_long_supplier_code": 3}, "spare": {"AUS": 5}, "unattributed": 1, "k": 3}')),
		('rarerisk.embargo_scenario'::regtype, 'sink_scenario',
		 embargo_scenario_send(embargo('{CHN,MMR,a_long_supplier_code}', 0.5, 60))),
		('rarerisk.embargo_state'::regtype, 'sink_state',
		 embargo_state_send('{"embargoed": ["CHN"], "demand": 100, "embargoed_volume": 60, "embargoed_content": 7.5, "spare": 10}')),
		('rarerisk.trade_network'::regtype, 'sink_network',
		 trade_network_send('{"production": {"CHN": 100, "AUS": 20.5}, "flows": {"CHN": {"VNM": 60, "a_long_country_code": 1}, "VNM": {"JPN": 30}}, "unknown_origin": {"JPN": 5}}')))
		v(typ, sink, valid)
	LOOP
		FOR i IN 1 .. 1500 LOOP
			b := pg_temp.random_bytes(i, t.valid);
			BEGIN
				EXECUTE format('TRUNCATE %I', t.sink);
				EXECUTE format('COPY (SELECT %L::bytea) TO %L (FORMAT binary)', b, path);
				EXECUTE format('COPY %I FROM %L (FORMAT binary)', t.sink, path);
				EXECUTE format('SELECT %s_send(v::text::%s) FROM %I',
							   replace(t.typ::text, 'rarerisk.', ''), t.typ, t.sink) INTO again;
				INSERT INTO recv_outcome VALUES (t.typ, CASE WHEN again IS NOT NULL THEN 'ok' ELSE 'lost' END);
			EXCEPTION WHEN OTHERS THEN
				INSERT INTO recv_outcome VALUES (t.typ, SQLSTATE);
			END;
		END LOOP;
	END LOOP;
END $$;
SELECT 1 AS up;
SELECT typ, result, count(*) FROM recv_outcome GROUP BY 1, 2 ORDER BY typ::text COLLATE "C", result COLLATE "C";
SELECT count(*) AS values, count(*) FILTER (WHERE result IN ('ok', '22P03', '08P01', '22021')) AS expected
  FROM recv_outcome;

-- ---------------------------------------------------------------------
-- Sizes: 1 MB supplier codes, a million suppliers in one group
-- ---------------------------------------------------------------------
SELECT supply_mix(repeat('x', 1048576), 1);
SELECT 1 AS up;
SELECT ('{"suppliers": {"' || repeat('x', 1048576) || '": 1}}')::supply_mix;
SELECT 1 AS up;
SELECT embargo(ARRAY[repeat('x', 1048576)]);
SELECT 1 AS up;
SELECT concentration_hhi(repeat('x', 1024), 1) = 10000 AS longest_code_ok;
CREATE TEMP TABLE million AS
  SELECT supply_mix('S' || i, (i % 1000) + 1, i % 7) AS m FROM generate_series(1, 1000000) i;
SELECT 1 AS up;
SELECT supplier_count(m), total(m), top_supplier(m), round(hhi(m)::numeric, 6) AS hhi,
       (SELECT count(*) FROM shares(m)) AS share_rows,
       length(m::text) > 10000000 AS text_over_10mb,
       m::text::supply_mix::text = m::text AS text_round_trip,
       supply_mix_send(m) = supply_mix_send(m::text::supply_mix) AS binary_round_trip,
       array_length((worst_embargo(m, 1000, embargo('{S1}'))).suppliers, 1) AS worst_1000,
       round(embargo_shortfall(m, embargo(ARRAY(SELECT 'S' || i FROM generate_series(1, 1000000, 2) i)))::numeric, 9) AS half_embargoed
  FROM million;
SELECT 1 AS up;
SELECT supplier_count(supply_mix_merge(m)) FROM (SELECT m FROM million UNION ALL SELECT m FROM million) t;
DROP TABLE million;

-- ---------------------------------------------------------------------
-- Faults and limits
-- ---------------------------------------------------------------------
-- statement_timeout stops a long aggregation promptly
CREATE TEMP TABLE timing (what text, seconds float8, outcome text);
CREATE TEMP TABLE t0 AS SELECT clock_timestamp() AS t;
SET statement_timeout = '300ms';
SELECT concentration_hhi('S' || (i % 100000), i) FROM generate_series(1, 1000000000) i;
RESET statement_timeout;
INSERT INTO timing SELECT 'statement_timeout', extract(epoch FROM clock_timestamp() - t), '57014' FROM t0;
SELECT 1 AS up;
-- pg_cancel_backend from another session (dblink) stops one too
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS dblink;
RESET client_min_messages;
SELECT dblink_connect('victim', format('dbname=%s port=%s host=%s', current_database(),
       current_setting('port'), split_part(current_setting('unix_socket_directories'), ',', 1)));
SELECT dblink_send_query('victim', $q$SELECT rarerisk.embargo_shortfall('S' || (i % 100000), i, i % 3, 0.1, rarerisk.embargo('{S1}')) FROM generate_series(1, 1000000000) i$q$);
SELECT pg_sleep(0.5);
DO $$
DECLARE
	t0 timestamptz := clock_timestamp();
	outcome text;
BEGIN
	PERFORM pg_cancel_backend(pid) FROM pg_stat_activity
	  WHERE query LIKE '%generate_series(1, 1000000000)%' AND pid <> pg_backend_pid() AND state = 'active';
	BEGIN
		PERFORM * FROM dblink_get_result('victim') AS t(x float8);
		outcome := 'finished';
	EXCEPTION WHEN query_canceled OR OTHERS THEN
		outcome := SQLSTATE;
	END;
	INSERT INTO timing VALUES ('pg_cancel_backend', extract(epoch FROM clock_timestamp() - t0), outcome);
END $$;
SELECT dblink_disconnect('victim');
SELECT what, seconds < 5 AS prompt, outcome FROM timing ORDER BY what;
SELECT 1 AS up;

-- memory stays bounded with a million groups at a small work_mem: the
-- hash aggregate spills to disk (several batches) instead of growing
CREATE FUNCTION pg_temp.explain_json(q text) RETURNS json LANGUAGE plpgsql AS $$
DECLARE
	j json;
BEGIN
	EXECUTE 'EXPLAIN (ANALYZE, COSTS OFF, FORMAT JSON) ' || q INTO j;
	RETURN j;
END $$;
SET work_mem = '1MB';
SET enable_sort = off;
SET max_parallel_workers_per_gather = 0;
SELECT (p ->> 'Strategy') AS strategy,
       (p ->> 'HashAgg Batches')::int > 1 AS spilled,
       (p ->> 'Peak Memory Usage')::int < 8 * 1024 AS peak_under_8mb,
       (p ->> 'Actual Rows')::numeric::int AS groups  -- 18 prints it with decimals
  FROM (SELECT pg_temp.explain_json($q$
          SELECT i / 2 AS g, concentration_hhi('S' || (i % 7), i)
            FROM generate_series(1, 2000000) i GROUP BY 1
        $q$) -> 0 -> 'Plan' AS p) x;
RESET work_mem;
RESET enable_sort;
RESET max_parallel_workers_per_gather;
SELECT 1 AS up;

-- an error in the middle of a transaction leaves no half-state: the
-- failed aggregate's partial state is gone, and the same aggregate over
-- the same rows gives the same answer before and after, also through a
-- cached plan in a loop that fails every other time
CREATE TEMP TABLE flows AS
  SELECT (i % 10) AS g, 'S' || (i % 13) AS s, (i % 97)::float8 AS v FROM generate_series(1, 10000) i;
CREATE TEMP TABLE before AS SELECT g, supply_mix(s, v)::text AS m FROM flows GROUP BY g;
BEGIN;
INSERT INTO flows VALUES (3, 'BAD', -1);
SAVEPOINT s;
SELECT g, supply_mix(s, v) FROM flows GROUP BY g;
ROLLBACK TO SAVEPOINT s;
DELETE FROM flows WHERE s = 'BAD';
SELECT count(*) AS groups_differing FROM before b
  JOIN (SELECT g, supply_mix(s, v)::text AS m FROM flows GROUP BY g) a USING (g) WHERE a.m <> b.m;
COMMIT;
CREATE FUNCTION pg_temp.loop_with_errors() RETURNS int LANGUAGE plpgsql AS $$
DECLARE
	bad int := 0;
	r record;
BEGIN
	FOR i IN 1 .. 40 LOOP
		BEGIN
			FOR r IN SELECT g, supply_mix(s, CASE WHEN i % 2 = 0 AND v = 50 THEN -v ELSE v END)::text AS m
			           FROM flows GROUP BY g LOOP
				IF r.m <> (SELECT m FROM before b WHERE b.g = r.g) THEN
					bad := bad + 1;
				END IF;
			END LOOP;
		EXCEPTION WHEN invalid_parameter_value THEN
			NULL;
		END;
	END LOOP;
	RETURN bad;
END $$;
SELECT pg_temp.loop_with_errors() AS wrong_groups;
SELECT 1 AS up;

-- COPY ... BINARY out and in of every type of the extension
CREATE TEMP TABLE all_types AS
  SELECT g, supply_mix(s, v, v / 2) AS mix,
         embargo(ARRAY['S1', 'S' || g], 0.5, g) AS scenario,
         ('{"embargoed": ["S1"], "demand": ' || sum(v) || ', "embargoed_volume": 1, "embargoed_content": 0, "spare": 0}')::embargo_state AS state
    FROM flows GROUP BY g;
CREATE TEMP TABLE all_types_copy (LIKE all_types);
DO $$
BEGIN
	EXECUTE format('COPY all_types TO %L (FORMAT binary)', current_setting('data_directory') || '/rarerisk_hostile.bin');
	EXECUTE format('COPY all_types_copy FROM %L (FORMAT binary)', current_setting('data_directory') || '/rarerisk_hostile.bin');
END $$;
SELECT count(*) AS rows,
       count(*) FILTER (WHERE a.mix::text = c.mix::text AND a.scenario::text = c.scenario::text
                        AND a.state::text = c.state::text
                        AND hhi(a.mix) = hhi(c.mix)
                        AND embargo_shortfall(a.mix, a.scenario) = embargo_shortfall(c.mix, c.scenario)) AS identical
  FROM all_types a JOIN all_types_copy c USING (g);
SELECT 1 AS up;
DROP TABLE outcome, sample, hostile_value;
DROP ROLE rarerisk_hostile_user;

-- bench/network.sql: origin tracing on a generated world-size network
-- (250 countries, about 30,000 flows, in well under a
-- second).  Every country produces, so all 250 origins are traced; flows
-- span six orders of magnitude; one giant strongly connected component.
--     psql -X -q -f bench/network.sql      (after CREATE EXTENSION rarerisk)
\set QUIET on
SET search_path = rarerisk, public;
SET client_min_messages = warning;
DROP TABLE IF EXISTS bench_world_flows;
CREATE TABLE bench_world_flows AS
SELECT 'C' || lpad(a::text, 3, '0') AS exporter, 'C' || lpad(b::text, 3, '0') AS importer,
       power(10, ((a * 48271 + b * 7919) % 6000) / 1000.0)::float8 AS volume
FROM generate_series(0, 249) a, generate_series(0, 249) b
WHERE a <> b AND (a * 7919 + b * 104729) % 997 < 481
UNION ALL
SELECT 'C' || lpad(g::text, 3, '0'), 'C' || lpad(g::text, 3, '0'), 1000 * (1 + g % 7)
FROM generate_series(0, 249) g;

CREATE TEMP TABLE bench_net AS SELECT origin_network(exporter, importer, volume) AS n FROM bench_world_flows;

SET client_min_messages = notice;
DO $$
DECLARE
	net rarerisk.trade_network := (SELECT n FROM bench_net);
	t0 timestamptz;
	build_ms float8;
	trace_ms float8 := 1e9;
	theta_ms float8 := 1e9;
	rows_ bigint;
	flows bigint := (SELECT count(*) FROM bench_world_flows);
BEGIN
	t0 := clock_timestamp();
	PERFORM rarerisk.origin_network(exporter, importer, volume) FROM bench_world_flows;
	build_ms := 1000 * extract(epoch FROM clock_timestamp() - t0);
	FOR k IN 1..5 LOOP	-- best of five
		t0 := clock_timestamp();
		SELECT count(*) INTO rows_ FROM rarerisk.origin_shares(net);
		trace_ms := least(trace_ms, 1000 * extract(epoch FROM clock_timestamp() - t0));
		t0 := clock_timestamp();
		PERFORM count(*) FROM rarerisk.embargoed_content(net, '{C000,C007}');
		theta_ms := least(theta_ms, 1000 * extract(epoch FROM clock_timestamp() - t0));
	END LOOP;
	RAISE NOTICE 'origin tracing: % countries, % flows, % share rows', 250, flows, rows_;
	RAISE NOTICE '  origin_network aggregate over the flows: % ms', round(build_ms::numeric, 1);
	RAISE NOTICE '  origin_shares (trace + % rows):          % ms', rows_, round(trace_ms::numeric, 1);
	RAISE NOTICE '  embargoed_content for every country:      % ms (target: well under 1000 ms)', round(theta_ms::numeric, 1);
END $$;
DROP TABLE bench_world_flows;

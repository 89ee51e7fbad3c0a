-- pgTAP: traced_share(network), how much of each country's supply origin
-- tracing attributes to a producing country: exact values on a small
-- network, 0 without production rows, and agreement with origin_shares on
-- pseudo-random networks.
\ir fixtures/tap.sql
SET LOCAL search_path = rarerisk, public;
SELECT plan(6);

SELECT results_eq(
	$$SELECT country, traced_share FROM traced_share('{"production": {"CHN": 270}, "flows": {"CHN": {"VNM": 6}, "KOR": {"JPN": 3}}, "unknown_origin": {"VNM": 1}}')$$,
	$$VALUES ('CHN', 1::float8), ('JPN', 0), ('KOR', NULL), ('VNM', 6.0 / 7)$$,
	'traced share: 1 for a producer, 6/7 with one unit of unknown origin, 0 for imports from a country without supply, NULL without supply');
SELECT is((SELECT max(traced_share) FROM traced_share('{"flows": {"CHN": {"JPN": 5}, "JPN": {"KOR": 2}}}')), 0::float8,
	'a network without production rows traces nothing');
SELECT is((SELECT traced_share FROM traced_share('{"production": {"AUS": 10}, "flows": {"AUS": {"CHN": 10}, "CHN": {"AUS": 5}}}') WHERE country = 'CHN'),
	1::float8, 'a loop fed by production is traced');

-- pseudo-random networks: traced_share = the named part of origin_shares
CREATE TEMP TABLE nets AS
SELECT g, origin_network(e, i, v) AS n FROM (
	SELECT g, CASE WHEN (k * 7 + g) % 11 = 0 THEN NULL ELSE 'C' || ((k * 13 + g) % 9) END AS e,
	       'C' || ((k * 5 + g * 3) % 9) AS i, ((k * 2654435761) % 1000)::float8 + 1 AS v
	  FROM generate_series(1, 40) g, generate_series(1, 25) k) r
GROUP BY g;
SELECT is((SELECT count(*) FROM nets, traced_share(n) t
            WHERE t.traced_share IS DISTINCT FROM
                  (SELECT CASE WHEN bool_or(s.share IS NULL) THEN NULL
                               ELSE coalesce(sum(s.share) FILTER (WHERE s.origin IS NOT NULL), 0) END
                     FROM origin_shares(n) s WHERE s.country = t.country)), 0::bigint,
	'traced_share equals the named shares of origin_shares on 40 networks');
SELECT is((SELECT count(*) FROM nets, traced_share(n) t WHERE t.traced_share < 0 OR t.traced_share > 1 + 1e-12), 0::bigint,
	'traced shares lie in [0,1]');
SELECT is((SELECT count(*) FROM nets WHERE (SELECT array_agg(country) FROM traced_share(n))
            IS DISTINCT FROM (SELECT array_agg(c ORDER BY c COLLATE "C") FROM (SELECT DISTINCT country c FROM origin_shares(n)) d)),
	0::bigint, 'one row per country of origin_shares, in byte order');

SELECT * FROM finish();
ROLLBACK;

-- pgTAP: concentration_change and dominant_supplier against plain SQL over
-- shares(), on deterministic pseudo-random pairs of mixes, with the edge
-- cases and errors.
\ir fixtures/tap.sql
SET LOCAL search_path = rarerisk, public;
SELECT plan(14);

\ir fixtures/uniform.sql

-- 200 groups in two periods; suppliers come and go, some volumes are 0
CREATE TEMP TABLE r AS
SELECT g, t, CASE WHEN pg_temp.u(i, 1) < 0.1 THEN NULL
                  ELSE (ARRAY['AUS','CHN','EST','IND','MMR','MYS','USA','VNM'])
                       [1 + floor(pg_temp.u(i, 2) * 8)::int] END AS s,
       CASE WHEN pg_temp.u(i, 3) < 0.05 THEN 0 ELSE round((pg_temp.u(i, 4) * 100)::numeric)::float8 END AS v
  FROM generate_series(1, 200) g, generate_series(0, 1) t,
       generate_series(g * 40 + t * 20, g * 40 + t * 20 + 1 + g % 6) i;
CREATE TEMP TABLE pair AS
SELECT g, supply_mix(s, v) FILTER (WHERE t = 0) AS b, supply_mix(s, v) FILTER (WHERE t = 1) AS a
  FROM r GROUP BY g;
CREATE TEMP TABLE ch AS SELECT g, (concentration_change(b, a)).* FROM pair;
CREATE TEMP TABLE sb AS
SELECT g, x.supplier AS s, x.share, x.volume FROM pair, shares(b) x WHERE x.supplier IS NOT NULL;
CREATE TEMP TABLE sa AS
SELECT g, x.supplier AS s, x.share, x.volume FROM pair, shares(a) x WHERE x.supplier IS NOT NULL;
CREATE TEMP TABLE sh AS
SELECT g, s, coalesce(sb.share, 0) AS sb, coalesce(sa.share, 0) AS sa,
       coalesce(sb.volume, 0) AS vb, coalesce(sa.volume, 0) AS va
  FROM sb FULL JOIN sa USING (g, s);

SELECT is((SELECT count(*) FROM ch JOIN pair USING (g)
            WHERE hhi_before IS DISTINCT FROM hhi(b) OR hhi_after IS DISTINCT FROM hhi(a)
               OR hhi_delta IS DISTINCT FROM hhi(a) - hhi(b)), 0::bigint,
          'hhi_before, hhi_after, hhi_delta = hhi() of each mix');
SELECT is((SELECT count(*) FROM ch JOIN pair USING (g)
            WHERE top_before IS DISTINCT FROM top_supplier(b) OR top_after IS DISTINCT FROM top_supplier(a)
               OR top_changed IS DISTINCT FROM (top_supplier(b) IS DISTINCT FROM top_supplier(a))),
          0::bigint, 'top_before, top_after, top_changed = top_supplier() of each mix');
SELECT ok((SELECT count(*) FILTER (WHERE top_changed) FROM ch) BETWEEN 20 AND 180,
          'top suppliers switch in some groups and not in others');
SELECT is((SELECT count(*) FROM ch c
            LEFT JOIN LATERAL (SELECT s, 100 * sb - 100 * sa AS d FROM sh WHERE sh.g = c.g AND sb > sa
                                ORDER BY 100 * sb - 100 * sa DESC, s COLLATE "C" LIMIT 1) o ON true
            WHERE c.largest_drop_supplier IS DISTINCT FROM o.s
               OR abs(c.largest_drop - o.d) > 1e-12 * o.d
               OR (c.largest_drop IS NULL) <> (o.d IS NULL)), 0::bigint,
          'largest_drop_supplier and largest_drop (percentage points) = plain SQL over shares()');
SELECT is((SELECT count(*) FROM ch c
            WHERE new_suppliers <> ARRAY(SELECT s FROM sh WHERE sh.g = c.g AND va > 0 AND NOT vb > 0 ORDER BY s COLLATE "C")
               OR lost_suppliers <> ARRAY(SELECT s FROM sh WHERE sh.g = c.g AND vb > 0 AND NOT va > 0 ORDER BY s COLLATE "C")),
          0::bigint, 'new_suppliers and lost_suppliers = plain SQL, byte order');
SELECT ok((SELECT count(*) FROM ch WHERE cardinality(new_suppliers) > 0) > 20 AND
          (SELECT count(*) FROM ch WHERE cardinality(lost_suppliers) > 0) > 20,
          'many groups gain and lose suppliers');

SELECT is((concentration_change('{"suppliers": {"CHN": 70, "AUS": 30}}', '{"suppliers": {"CHN": 70, "AUS": 30}}')).largest_drop,
          NULL, 'no share fell: largest_drop is NULL');
SELECT is((concentration_change('{"suppliers": {"CHN": 70, "AUS": 30}}', '{"suppliers": {"AUS": 30, "CHN": 70}}'))::text,
          '(5800,5800,0,CHN,CHN,f,,,{},{})', 'the same mix: no change');
SELECT is((concentration_change('{"suppliers": {"CHN": 0}}', '{"suppliers": {"AUS": 5}}'))::text,
          '(,10000,,,AUS,t,,,{AUS},{})', 'a zero total: its HHI, the delta and the drop are NULL');
SELECT is(concentration_change(NULL, '{"suppliers": {"AUS": 5}}'), NULL, 'NULL mix: NULL');
SELECT is((concentration_change('{"suppliers": {"CHN": 80, "AUS": 20}}', '{"suppliers": {"CHN": 50, "AUS": 20}, "unattributed": 30}')).largest_drop,
          30::float8, 'shares are of the grand total: unattributed volume dilutes them');

SELECT is((SELECT count(*) FROM pair
            WHERE dominant_supplier(a) IS DISTINCT FROM
                  (SELECT supplier FROM shares(a) WHERE rank = 1 AND share > 0.65)
               OR dominant_supplier(a, 0.3) IS DISTINCT FROM
                  (SELECT supplier FROM shares(a) WHERE rank = 1 AND share > 0.3)), 0::bigint,
          'dominant_supplier = the top supplier when its share exceeds the threshold');
SELECT is(ARRAY[dominant_supplier('{"suppliers": {"CHN": 65, "AUS": 35}}'),
                dominant_supplier('{"suppliers": {"CHN": 66, "AUS": 34}}'),
                dominant_supplier('{"suppliers": {"CHN": 0}}'),
                dominant_supplier('{"suppliers": {"CHN": 1}}', 1)],
          ARRAY[NULL, 'CHN', NULL, NULL], 'exactly 65 % does not exceed; zero total and threshold 1: NULL');
SELECT throws_ok($$SELECT dominant_supplier('{"suppliers": {"CHN": 1}}', 65)$$, '22023',
                 'threshold must be between 0 and 1, not 65', 'a threshold in percent is an error');

SELECT * FROM finish();
ROLLBACK;

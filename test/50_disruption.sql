-- pgTAP: the probabilistic disruption risk against brute force in plain
-- SQL (every outcome of the events through the embargo_impact aggregate),
-- its distribution, monotonicity, the degenerate cases and the errors.
\ir fixtures/tap.sql
SET LOCAL search_path = rarerisk, public;
SELECT plan(38);

\ir fixtures/uniform.sql

-- 60 cases: rows of up to 8 suppliers (some unattributed), events with
-- 0 to 10 events each; codes ZZA and ZZB are never in a mix
CREATE TEMP TABLE r AS
SELECT c, CASE WHEN pg_temp.u(i, 1) < 0.1 THEN NULL
               ELSE (ARRAY['AUS','CHN','EST','IND','MMR','MYS','USA','VNM'])
                    [1 + floor(pg_temp.u(i, 2) * (2 + c % 7))::int] END AS s,
       round((pg_temp.u(i, 3) * 1000)::numeric, 3)::float8 AS v,
       CASE WHEN pg_temp.u(i, 4) < 0.4 THEN round((pg_temp.u(i, 5) * 300)::numeric, 2)::float8
            ELSE 0 END AS sp
  FROM generate_series(1, 60) c, generate_series(c * 100, c * 100 + 3 + c % 9) i;
CREATE TEMP TABLE ev AS
SELECT c, k,
       CASE WHEN pg_temp.u(c * 50 + k, 6) < 0.08 THEN 0
            WHEN pg_temp.u(c * 50 + k, 6) < 0.16 THEN 1
            ELSE round((0.01 + (ARRAY[0.2, 0.5, 0.95])[1 + c % 3] * pg_temp.u(c * 50 + k, 7))::numeric, 4)::float8 END AS p,
       CASE WHEN pg_temp.u(c * 50 + k, 8) < 0.5 THEN 1
            ELSE (ARRAY[0.25, 0.5, 0.75, 0.3])[1 + floor(pg_temp.u(c * 50 + k, 9) * 4)::int]::float8 END AS a,
       ARRAY(SELECT (ARRAY['AUS','CHN','EST','IND','MMR','MYS','USA','VNM','ZZA','ZZB'])
                    [1 + floor(pg_temp.u(c * 50 + k * 5 + j, 10) * 10)::int]
               FROM generate_series(1, 1 + floor(pg_temp.u(c * 50 + k, 11) * 3)::int) j) AS sup
  FROM generate_series(1, 60) c, generate_series(1, (c * 7) % 11) k;
CREATE TEMP TABLE cs AS
SELECT c, supply_mix(s, v, sp) AS mix,
       (ARRAY[0, 0, 10, 30, 60])[1 + c % 5]::float8 AS st,
       (ARRAY[365, 180, 90])[1 + c % 3]::float8 AS hz,
       embargo('{ignored}', 0.123, (ARRAY[0, 0, 10, 30, 60])[1 + c % 5],
               (ARRAY[365, 180, 90])[1 + c % 3], 365) AS sc,
       (SELECT coalesce(array_agg(disruption_event('e' || k, p, sup, a) ORDER BY k), '{}')
          FROM ev WHERE ev.c = r.c) AS events
  FROM r GROUP BY c;

-- brute force: bit j of an outcome is the j-th uncertain event of the case
CREATE TEMP TABLE unc AS
SELECT c, k, (row_number() OVER (PARTITION BY c ORDER BY k) - 1)::int AS bit
  FROM ev WHERE p > 0 AND p < 1;
CREATE TEMP TABLE outcome AS
SELECT cs.c, o
  FROM cs, generate_series(0, (1 << (SELECT count(*) FROM unc WHERE unc.c = cs.c)::int) - 1) o;
CREATE TEMP TABLE active AS
SELECT o.c, o.o, ev.k, ev.a, ev.sup
  FROM outcome o JOIN ev ON ev.c = o.c
  LEFT JOIN unc ON unc.c = ev.c AND unc.k = ev.k
 WHERE ev.p = 1 OR (unc.bit IS NOT NULL AND (o.o >> unc.bit) & 1 = 1);
CREATE TEMP TABLE oprob AS
SELECT o.c, o.o,
       coalesce(exp(sum(ln(CASE WHEN (o.o >> unc.bit) & 1 = 1 THEN ev.p ELSE 1 - ev.p END))), 1) AS prob
  FROM outcome o LEFT JOIN unc ON unc.c = o.c LEFT JOIN ev ON ev.c = unc.c AND ev.k = unc.k
 GROUP BY o.c, o.o;
-- per outcome: each supplier's cut, as rows for embargo_impact with
-- intensity 1 (the cut part embargoed, the rest a separate supplier
-- without spare: a cut supplier offers no spare capacity)
CREATE TEMP TABLE tot AS
SELECT c, s, sum(v) AS v, sum(sp) AS sp FROM r GROUP BY c, s;
CREATE TEMP TABLE cut AS
SELECT a.c, a.o, x.s, max(a.a) AS a
  FROM active a, unnest(a.sup) x(s) GROUP BY a.c, a.o, x.s;
CREATE TEMP TABLE olist AS
SELECT o.c, o.o, coalesce(array_agg(k.s) FILTER (WHERE t.s IS NOT NULL), '{"#none"}') AS list
  FROM outcome o LEFT JOIN cut k ON k.c = o.c AND k.o = o.o
  LEFT JOIN tot t ON t.c = k.c AND t.s = k.s
 GROUP BY o.c, o.o;
CREATE TEMP TABLE orows AS
SELECT o.c, o.o, t.s, CASE WHEN k.a IS NULL THEN t.v ELSE k.a * t.v END AS v,
       CASE WHEN k.a IS NULL THEN t.sp ELSE 0 END AS sp
  FROM outcome o JOIN tot t ON t.c = o.c
  LEFT JOIN cut k ON k.c = o.c AND k.o = o.o AND k.s = t.s
UNION ALL
SELECT o.c, o.o, t.s || '#rest', (1 - k.a) * t.v, 0
  FROM outcome o JOIN tot t ON t.c = o.c
  JOIN cut k ON k.c = o.c AND k.o = o.o AND k.s = t.s;
CREATE TEMP TABLE oshare AS
SELECT w.c, w.o, p.prob,
       (embargo_impact(w.s, w.v, w.sp, embargo(l.list, 1, cs.st, cs.hz, 365))).shortfall_share AS share
  FROM orows w JOIN olist l USING (c, o) JOIN oprob p USING (c, o) JOIN cs USING (c)
 GROUP BY w.c, w.o, p.prob;
-- the oracle's distribution and measures
CREATE TEMP TABLE odist AS
SELECT c, share, sum(prob) AS prob,
       sum(sum(prob)) OVER (PARTITION BY c ORDER BY share) AS cum,
       row_number() OVER (PARTITION BY c ORDER BY share) AS rn
  FROM oshare GROUP BY c, share;
CREATE TEMP TABLE oracle AS
SELECT c, sum(prob * share) AS expected,
       coalesce(sum(prob) FILTER (WHERE share > 0), 0) AS p_shortage,
       max(share) AS worst,
       (SELECT min(share) FROM odist d WHERE d.c = s.c AND d.cum >= 0.95 - 1e-12) AS var
  FROM oshare s GROUP BY c;
ALTER TABLE oracle ADD COLUMN cvar float8;
UPDATE oracle o SET cvar =
  (coalesce((SELECT sum(prob * share) FROM oshare s WHERE s.c = o.c AND s.share > o.var), 0)
   + (0.05 - coalesce((SELECT sum(prob) FROM oshare s WHERE s.c = o.c AND s.share > o.var), 0)) * o.var)
  / 0.05;
CREATE TEMP TABLE mine AS
SELECT c, (disruption_risk(mix, events, sc)).* FROM cs;

SELECT is((SELECT count(*) FROM cs), 60::bigint, '60 random cases');
SELECT ok((SELECT count(*) FROM outcome) > 3000 AND
          (SELECT max(count) FROM (SELECT count(*) FROM unc GROUP BY c) x) >= 8,
          'thousands of outcomes, cases of 8 and more uncertain events');
SELECT ok((SELECT count(*) FROM oracle WHERE p_shortage > 0 AND p_shortage < 1) >= 20,
          'many cases with a shortage in some outcomes only');
SELECT is((SELECT count(*) FROM mine m JOIN oracle o USING (c)
            WHERE NOT pg_temp.close(m.expected_shortfall_share, o.expected)), 0::bigint,
          'expected_shortfall_share = brute force over every outcome (1e-12 relative)');
SELECT is((SELECT count(*) FROM mine m JOIN oracle o USING (c)
            WHERE NOT pg_temp.close(m.p_shortage, o.p_shortage)), 0::bigint,
          'p_shortage = brute force');
SELECT is((SELECT count(*) FROM mine m JOIN oracle o USING (c)
            WHERE NOT pg_temp.close(m.worst_share, o.worst)), 0::bigint,
          'worst_share = brute force');
SELECT is((SELECT count(*) FROM mine m JOIN oracle o USING (c)
            WHERE NOT pg_temp.close(m.var_95, o.var)), 0::bigint,
          'var_95 = brute force (smallest share with P(share <= s) >= 0.95)');
SELECT is((SELECT count(*) FROM mine m JOIN oracle o USING (c)
            WHERE NOT (pg_temp.close(m.cvar_95, o.cvar) OR abs(m.cvar_95 - o.cvar) < 1e-15)),
          0::bigint, 'cvar_95 = brute force (the worst 5 %, the atom at var_95 split)');
SELECT is((SELECT count(*) FROM mine m JOIN cs USING (c)
            WHERE m.events <> (SELECT count(*) FROM ev WHERE ev.c = cs.c AND ev.p > 0)),
          0::bigint, 'events counts the events of positive probability');
SELECT ok((SELECT count(DISTINCT var_95) FROM mine) > 10 AND
          (SELECT count(*) FROM mine m JOIN oracle o USING (c) WHERE o.cvar > o.var) > 5,
          'var_95 and cvar_95 vary and differ in many cases');

-- the distribution: same rows as the oracle's, probabilities summing to 1
CREATE TEMP TABLE mdist AS
SELECT c, d.shortfall_share AS share, d.probability AS prob,
       row_number() OVER (PARTITION BY c ORDER BY d.shortfall_share) AS rn,
       ordinality
  FROM cs, LATERAL disruption_distribution(mix, events, sc) WITH ORDINALITY d;
SELECT is((SELECT count(*) FROM mdist), (SELECT count(*) FROM odist),
          'disruption_distribution: as many distinct shares as the brute force');
SELECT is((SELECT count(*) FROM mdist m FULL JOIN odist o USING (c, rn)
            WHERE NOT (pg_temp.close(m.share, o.share) AND pg_temp.close(m.prob, o.prob))
               OR m.c IS NULL OR o.c IS NULL),
          0::bigint, 'disruption_distribution = brute force, row by row (1e-12 relative)');
SELECT is((SELECT count(*) FROM mdist WHERE rn <> ordinality), 0::bigint,
          'disruption_distribution is ordered by shortfall_share');
SELECT is((SELECT count(*) FROM (SELECT c, sum(prob) AS t FROM mdist GROUP BY c) x
            WHERE abs(t - 1) > 1e-12), 0::bigint,
          'the probabilities of the distribution sum to 1 within 1e-12');
SELECT is((SELECT count(*) FROM (SELECT c, count(*), count(DISTINCT share) AS d FROM mdist GROUP BY c) x
            WHERE count <> d), 0::bigint, 'equal shortfall shares are merged');
SELECT is((SELECT count(*) FROM mine m JOIN
             (SELECT c, sum(prob * share) AS e FROM mdist GROUP BY c) d USING (c)
            WHERE NOT pg_temp.close(m.expected_shortfall_share, d.e)), 0::bigint,
          'expected_shortfall_share is the mean of the distribution');

-- monotonicity: raising any one probability never lowers the expected
-- shortfall; more stock never raises it (rounding: 1e-12 relative)
CREATE TEMP TABLE raised AS
SELECT cs.c, e.k,
       (disruption_risk(cs.mix,
                        (SELECT array_agg(disruption_event('e' || e2.k, CASE WHEN e2.k = e.k THEN e2.p + (1 - e2.p) * x
                                                                        ELSE e2.p END, e2.sup, e2.a) ORDER BY e2.k)
                           FROM ev e2 WHERE e2.c = cs.c), cs.sc)).expected_shortfall_share AS exp,
       x
  FROM cs JOIN ev e ON e.c = cs.c, unnest(ARRAY[0, 0.3, 0.6, 1]) x;
SELECT is((SELECT count(*) FROM raised a JOIN raised b ON a.c = b.c AND a.k = b.k AND b.x > a.x
            WHERE b.exp < a.exp * (1 - 1e-12)), 0::bigint,
          'raising the probability of any event never lowers expected_shortfall_share');
SELECT ok((SELECT count(*) FROM raised a JOIN raised b ON a.c = b.c AND a.k = b.k AND b.x > a.x
            WHERE b.exp > a.exp * (1 + 1e-9)) > 50, 'and often raises it');
CREATE TEMP TABLE stocked AS
SELECT c, x.st, (disruption_risk(mix, events, embargo('{X}', 1, x.st, 180))).*
  FROM cs, unnest(ARRAY[0, 5, 20, 60, 120, 400]) x(st);
SELECT is((SELECT count(*) FROM stocked a JOIN stocked b ON a.c = b.c AND b.st > a.st
            WHERE b.expected_shortfall_share > a.expected_shortfall_share * (1 + 1e-12)
               OR b.p_shortage > a.p_shortage * (1 + 1e-12)
               OR b.var_95 > a.var_95 OR b.cvar_95 > a.cvar_95 * (1 + 1e-12)
               OR b.worst_share > a.worst_share), 0::bigint,
          'more stock never raises any measure');
SELECT is((SELECT count(*) FROM stocked WHERE st = 400 AND worst_share > 0), 0::bigint,
          'stocks beyond the horizon: no shortfall in any outcome');

-- degenerate cases
SELECT is((SELECT count(*) FROM cs
            WHERE disruption_risk(mix, '{}', sc)::text <> '(0,0,0,0,0,0)'), 0::bigint,
          'no events: no shortfall');
SELECT is((SELECT count(*) FROM cs
            WHERE disruption_risk(mix, ARRAY[disruption_event('absent', 0.7, '{ZZA,ZZB}')], sc)::text
                  <> '(0,0,0,0,0,1)'), 0::bigint,
          'events on suppliers absent from the mix change nothing');
SELECT is((SELECT count(*) FROM cs
            WHERE (disruption_risk(mix, events || ARRAY[disruption_event('absent', 0.7, '{ZZA}'),
                                                        disruption_event('never', 0, '{CHN,AUS}')], sc)).expected_shortfall_share
                  IS DISTINCT FROM (disruption_risk(mix, events, sc)).expected_shortfall_share),
          0::bigint, 'an event of probability 0 or on absent suppliers leaves the result bit for bit');
-- probability 1: the embargo of the union of their suppliers
CREATE TEMP TABLE certain AS
SELECT c, a, (disruption_risk(mix, ARRAY[disruption_event('x', 1, '{CHN,MMR}', a),
                                         disruption_event('y', 1, '{MMR,VNM,ZZA}', a)],
                              embargo('{X}', 1, y.s2, 180))) AS d,
       (embargo_impact(mix, embargo('{CHN,MMR,VNM}', a, y.s2, 180))).shortfall_share AS e
  FROM cs, unnest(ARRAY[1, 0.5, 0.3]) a, unnest(ARRAY[0, 30]) y(s2);
SELECT is((SELECT count(*) FROM certain
            WHERE NOT (pg_temp.close((d).expected_shortfall_share, e) AND pg_temp.close((d).var_95, e)
                       AND pg_temp.close((d).cvar_95, e) AND pg_temp.close((d).worst_share, e)
                       AND (d).p_shortage = CASE WHEN e > 0 THEN 1 ELSE 0 END AND (d).events = 2)),
          0::bigint, 'events of probability 1 = embargo_impact of the scenario over their suppliers');
SELECT ok((SELECT count(*) FROM certain WHERE e > 0) > 100, 'with a shortfall in most cases');
SELECT is(disruption_risk('{"suppliers": {"CHN": 0, "AUS": 0}}', ARRAY[disruption_event('x', 0.5, '{CHN}')],
                          embargo('{X}')), NULL, 'zero total: NULL');
SELECT is(disruption_risk(NULL, ARRAY[disruption_event('x', 0.5, '{CHN}')], embargo('{X}')), NULL,
          'NULL mix: NULL');
SELECT is((SELECT count(*) FROM disruption_distribution('{"suppliers": {}}', ARRAY[disruption_event('x', 0.5, '{CHN}')],
                                                       embargo('{X}'))), 0::bigint,
          'zero total: an empty distribution');

-- errors
SELECT throws_ok($$SELECT disruption_event('x', 1.5, '{CHN}')$$, '22023',
                 'probability of event "x" must be between 0 and 1, not 1.5',
                 'probability above 1: 22023');
SELECT throws_ok($$SELECT disruption_event('x', -0.1, '{CHN}')$$, '22023', NULL,
                 'negative probability: 22023');
SELECT throws_ok($$SELECT disruption_event('x', 0.5, '{CHN}', 0)$$, '22023',
                 'intensity of event "x" must be greater than 0 and at most 1, not 0',
                 'intensity 0: 22023');
SELECT throws_ok($$SELECT disruption_event('x', 0.5, '{CHN}', 1.2)$$, '22023', NULL,
                 'intensity above 1: 22023');
SELECT throws_ok($$SELECT disruption_event('x', 0.5, NULL)$$, '22023',
                 'the suppliers of event "x" must not be NULL', 'NULL list: 22023');
SELECT throws_ok($$SELECT disruption_event('x', 0.5, '{}')$$, '22023',
                 'the suppliers of event "x" must not be an empty list', 'empty list: 22023');
SELECT throws_ok($$SELECT disruption_event('x', 0.5, '{CHN,NULL}')$$, '22023',
                 'supplier 2 of event "x" is NULL', 'NULL supplier: 22023');
SELECT throws_ok($$SELECT disruption_event('x', 0.5, '{China}')$$, '22023',
                 'disrupted supplier "China" is a country''s name, not its code',
                 'a country''s name instead of its code: 22023, as in embargo()');
SELECT throws_ok($$SELECT disruption_risk('{"suppliers": {"CHN": 1}}',
                                          ARRAY[ROW('bad', 0.5, '{CHN}', 0)::disruption_event], embargo('{X}'))$$,
                 '22023', NULL, 'an event built without the constructor is checked too');
SELECT throws_ok($$SELECT disruption_risk('{"suppliers": {"CHN": 1}}',
                     ARRAY(SELECT disruption_event('e' || i, 0.5, '{CHN}') FROM generate_series(1, 25) i),
                     embargo('{X}'))$$,
                 '54000', '25 events have a probability strictly between 0 and 1, more than the 24 that can be enumerated exactly',
                 'more than 24 uncertain events: 54000');

SELECT * FROM finish();
ROLLBACK;

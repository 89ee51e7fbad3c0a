-- Embargo shortfall: the worked example, the three row
-- signatures, stored mixes, worst_embargo, the trajectory, the text forms
-- of the scenario and state types, and the message of every invalid
-- argument.  (Properties, round trips and plans: test/10_embargo.sql and
-- test/08_roundtrip_types.sql.)
\i sql/include/prelude.sql

-- The worked example: D = 100 (China 60, Vietnam 15 with theta 0.5,
-- others 25), spare 10 among the non-embargoed, 60 stock days
CREATE TEMP TABLE ex (supplier text, volume float8, spare float8, theta float8);
INSERT INTO ex VALUES ('CHN', 60, 0, 0), ('VNM', 15, 0, 0.5), ('AUS', 20, 6, 0), (NULL, 5, 4, 0);

SELECT round(embargo_shortfall(supplier, volume, spare, theta, sc)::numeric, 4) AS share,
       round((embargo_impact(supplier, volume, spare, theta, sc)).shortfall::numeric, 2) AS shortfall,
       round((embargo_impact(supplier, volume, spare, theta, sc)).days_to_shortage::numeric, 1) AS days
FROM ex, rarerisk.embargo('{CHN}', stock_days => 60) sc;

SELECT (i).demand, (i).direct_loss, (i).indirect_loss, (i).substitution,
       round((i).stock_release::numeric, 6) AS stock_release,
       round((i).shortfall::numeric, 6) AS shortfall,
       round((i).shortfall_share::numeric, 6) AS shortfall_share,
       round((i).days_to_shortage::numeric, 6) AS days_to_shortage
FROM (SELECT embargo_impact(supplier, volume, spare, theta,
                            rarerisk.embargo('{CHN}', stock_days => 60)) AS i
      FROM ex) x;

-- without look-through, without substitution
SELECT round(embargo_shortfall(supplier, volume, spare, sc)::numeric, 6) AS with_spare,
       round(embargo_shortfall(supplier, volume, sc)::numeric, 6) AS plain
FROM ex, rarerisk.embargo('{CHN}', stock_days => 60) sc;

-- the same over a stored mix (no look-through in a mix)
SELECT round(embargo_shortfall(m, sc)::numeric, 6) AS share,
       round((embargo_impact(m, sc)).shortfall::numeric, 6) AS shortfall
FROM (SELECT supply_mix(supplier, volume, spare) m FROM ex) x,
     rarerisk.embargo('{CHN}', stock_days => 60) sc;

-- intensity, horizon shorter than the period, stocks covering the horizon
SELECT round(embargo_shortfall(supplier, volume, rarerisk.embargo('{CHN}', 0.5))::numeric, 6) AS half,
       round(embargo_shortfall(supplier, volume, rarerisk.embargo('{CHN}', horizon_days => 90))::numeric, 6) AS quarter,
       embargo_shortfall(supplier, volume, rarerisk.embargo('{CHN}', stock_days => 365)) AS covered,
       embargo_shortfall(supplier, volume, rarerisk.embargo('{ZZZ}')) AS nothing_embargoed,
       (embargo_impact(supplier, volume, rarerisk.embargo('{ZZZ}'))).days_to_shortage AS no_gap_days
FROM ex;

-- unattributed volume is never embargoed, but its theta and spare count
SELECT round(embargo_shortfall(s, v, sp, th, rarerisk.embargo('{CHN}'))::numeric, 6)
FROM (VALUES ('CHN', 50::float8, 0::float8, 0::float8), (NULL, 50, 10, 0.5)) f(s, v, sp, th);

-- NULL volume: ignored; NULL spare and theta: 0; no rows: NULL
SELECT embargo_shortfall(s, v, sp, th, rarerisk.embargo('{CHN}'))
FROM (VALUES ('CHN', 50::float8, NULL::float8, NULL::float8), ('AUS', NULL, 100, 1), ('AUS', 50, NULL, NULL)) f(s, v, sp, th);
SELECT embargo_shortfall(supplier, volume, rarerisk.embargo('{CHN}')) FROM ex WHERE false;
SELECT embargo_impact(supplier, volume, rarerisk.embargo('{CHN}')) FROM ex WHERE false;
SELECT embargo_shortfall(s, v, rarerisk.embargo('{CHN}')) FROM (VALUES ('CHN', 0::float8)) f(s, v);

-- grouped, with a scenario per group taken from a column
SELECT g, round(embargo_shortfall(s, v, sc)::numeric, 6)
FROM (VALUES (1, 'CHN', 10::float8, rarerisk.embargo('{CHN}')),
             (1, 'AUS', 30, rarerisk.embargo('{CHN}')),
             (2, 'CHN', 10, rarerisk.embargo('{AUS}')),
             (2, 'AUS', 30, rarerisk.embargo('{AUS}'))) f(g, s, v, sc)
GROUP BY g ORDER BY g;

-- worst_embargo: the k suppliers whose joint embargo hurts most
SELECT k, (w).suppliers, round((w).shortfall::numeric, 6) AS shortfall,
       round((w).shortfall_share::numeric, 6) AS share
FROM (SELECT supply_mix(supplier, volume, spare) m FROM ex) x,
     generate_series(1, 4) k,
     LATERAL (SELECT worst_embargo(m, k, rarerisk.embargo('{ignored}', stock_days => 60)) w) y
ORDER BY k;
SELECT worst_embargo('{"suppliers": {}, "unattributed": 10}'::supply_mix, 2, rarerisk.embargo('{CHN}'));
SELECT worst_embargo('{}'::supply_mix, 1, rarerisk.embargo('{CHN}'));

-- the trajectory of the worked example, day by day
SELECT day, round(gap::numeric, 6) AS gap, round(stock_remaining::numeric, 6) AS stock,
       round(cumulative_shortfall::numeric, 6) AS cumulative
FROM (SELECT supply_mix(supplier, volume, spare) m FROM ex) x,
     embargo_trajectory(m, rarerisk.embargo('{CHN}', stock_days => 60), step_days => 60);
SELECT count(*), max(day) FROM embargo_trajectory('{"suppliers": {"CHN": 1}, "unattributed": 0}',
                                                  rarerisk.embargo('{CHN}', horizon_days => 360));
SELECT count(*) FROM embargo_trajectory('{}', rarerisk.embargo('{CHN}'));

-- the scenario type: canonical text form, defaults
SELECT rarerisk.embargo(ARRAY['VNM', 'CHN', 'CHN'], intensity => 0.5, stock_days => 60,
                        horizon_days => 180, period_days => 30);
SELECT '{"embargoed": ["CHN", "M\u00e9xico \"x\""], "stock_days": 0.1}'::rarerisk.embargo_scenario;
SELECT '{"period_days": 30, "embargoed": ["A"], "intensity": 0}'::rarerisk.embargo_scenario;

-- the state type: text form of a partial state, its final and combine functions
SELECT rarerisk.embargo_state_out(rarerisk.embargo_state_in(
  '{"embargoed": ["CHN"], "intensity": 1, "stock_days": 60, "horizon_days": 365, "period_days": 365, "demand": 100, "embargoed_volume": 60, "embargoed_content": 7.5, "spare": 10}'));
SELECT round(rarerisk.embargo_shortfall_final(
  '{"embargoed": ["CHN"], "stock_days": 60, "demand": 100, "embargoed_volume": 60, "embargoed_content": 7.5, "spare": 10}')::numeric, 4);
SELECT rarerisk.embargo_combine(
  '{"embargoed": ["CHN"], "demand": 1, "embargoed_volume": 1, "embargoed_content": 0, "spare": 0}',
  '{"embargoed": ["CHN"], "demand": 2, "embargoed_volume": 0, "embargoed_content": 1, "spare": 3}');

-- Errors: each with a specific SQLSTATE
SELECT pg_temp.err(q) FROM (VALUES
  ($$SELECT rarerisk.embargo('{CHN}', intensity => 1.5)$$),
  ($$SELECT rarerisk.embargo('{CHN}', intensity => -0.1)$$),
  ($$SELECT rarerisk.embargo('{CHN}', intensity => 'NaN')$$),
  ($$SELECT rarerisk.embargo('{CHN}', stock_days => -1)$$),
  ($$SELECT rarerisk.embargo('{CHN}', stock_days => 'Infinity')$$),
  ($$SELECT rarerisk.embargo('{CHN}', horizon_days => 0)$$),
  ($$SELECT rarerisk.embargo('{CHN}', period_days => -365)$$),
  ($$SELECT rarerisk.embargo('{CHN}', period_days => 'NaN')$$),
  ($$SELECT rarerisk.embargo('{}')$$),
  ($$SELECT rarerisk.embargo(NULL)$$),
  ($$SELECT rarerisk.embargo('{CHN}', intensity => NULL)$$),
  ($$SELECT rarerisk.embargo('{CHN,NULL}')$$),
  ($$SELECT rarerisk.embargo('{CHN,""}')$$),
  ($$SELECT rarerisk.embargo('{{CHN},{VNM}}')$$),
  ($$SELECT rarerisk.embargo(ARRAY[repeat('x', 1025)])$$),
  ($$SELECT '{"embargoed": []}'::rarerisk.embargo_scenario$$),
  ($$SELECT '{"intensity": 1}'::rarerisk.embargo_scenario$$),
  ($$SELECT '{"embargoed": ["A"], "intensity": 2}'::rarerisk.embargo_scenario$$),
  ($$SELECT '{"embargoed": ["A"], "embargoed": ["B"]}'::rarerisk.embargo_scenario$$),
  ($$SELECT '{"embargoed": ["A"], "colour": 1}'::rarerisk.embargo_scenario$$),
  ($$SELECT '{"embargoed": ["A", null]}'::rarerisk.embargo_scenario$$),
  ($$SELECT '{"embargoed": "A"}'::rarerisk.embargo_scenario$$),
  ($$SELECT '{"embargoed": ["A"], "intensity": "1"}'::rarerisk.embargo_scenario$$),
  ($$SELECT '{"embargoed": ["A"], "horizon_days": 1e999}'::rarerisk.embargo_scenario$$),
  ($$SELECT '{"embargoed": ["A"]'::rarerisk.embargo_scenario$$),
  ($$SELECT '["A"]'::rarerisk.embargo_scenario$$),
  ($$SELECT '{"embargoed": ["A"], "demand": 1}'::rarerisk.embargo_scenario$$),
  ($$SELECT '{"embargoed": ["A"], "demand": -1, "embargoed_volume": 0, "embargoed_content": 0, "spare": 0}'::rarerisk.embargo_state$$),
  ($$SELECT '{"embargoed": ["A"], "demand": 1}'::rarerisk.embargo_state$$),
  ($$SELECT embargo_shortfall(s, v, rarerisk.embargo('{CHN}')) FROM (VALUES ('CHN', -1::float8)) f(s, v)$$),
  ($$SELECT embargo_shortfall(s, v, rarerisk.embargo('{CHN}')) FROM (VALUES ('CHN', 'NaN'::float8)) f(s, v)$$),
  ($$SELECT embargo_shortfall(s, v, rarerisk.embargo('{CHN}')) FROM (VALUES ('CHN', 'Infinity'::float8)) f(s, v)$$),
  ($$SELECT embargo_shortfall(s, v, sp, rarerisk.embargo('{CHN}')) FROM (VALUES ('AUS', 1::float8, -2::float8)) f(s, v, sp)$$),
  ($$SELECT embargo_shortfall(s, v, sp, rarerisk.embargo('{CHN}')) FROM (VALUES ('AUS', 1::float8, 'NaN'::float8)) f(s, v, sp)$$),
  ($$SELECT embargo_shortfall(s, v, 0, th, rarerisk.embargo('{CHN}')) FROM (VALUES ('VNM', 1::float8, 1.5::float8)) f(s, v, th)$$),
  ($$SELECT embargo_shortfall(s, v, 0, th, rarerisk.embargo('{CHN}')) FROM (VALUES (NULL, 1::float8, -0.5::float8)) f(s, v, th)$$),
  ($$SELECT embargo_shortfall(s, v, 0, th, rarerisk.embargo('{CHN}')) FROM (VALUES ('VNM', 1::float8, 'NaN'::float8)) f(s, v, th)$$),
  ($$SELECT embargo_shortfall(s, v, rarerisk.embargo('{CHN}')) FROM (VALUES ('', 1::float8)) f(s, v)$$),
  ($$SELECT embargo_shortfall(s, v, NULL::rarerisk.embargo_scenario) FROM (VALUES ('CHN', 1::float8)) f(s, v)$$),
  ($$SELECT embargo_shortfall(s, v, sc) FROM (VALUES ('CHN', 1::float8, rarerisk.embargo('{CHN}')), ('AUS', 1, rarerisk.embargo('{AUS}'))) f(s, v, sc)$$),
  ($$SELECT embargo_shortfall(s, v, rarerisk.embargo('{CHN}', horizon_days => 1e300, period_days => 1e-300)) FROM (VALUES ('CHN', 1e300::float8)) f(s, v)$$),
  ($$SELECT embargo_shortfall(s, v, rarerisk.embargo('{CHN}')) FROM (VALUES ('CHN', 1e308::float8), ('CHN', 1e308)) f(s, v)$$),
  ($$SELECT rarerisk.embargo_combine('{"embargoed": ["A"], "demand": 1, "embargoed_volume": 0, "embargoed_content": 0, "spare": 0}', '{"embargoed": ["B"], "demand": 1, "embargoed_volume": 0, "embargoed_content": 0, "spare": 0}')$$),
  ($$SELECT rarerisk.embargo_trans(NULL, 'A', 1, rarerisk.embargo('{A}'))$$),
  ($$SELECT worst_embargo('{}'::supply_mix, 0, rarerisk.embargo('{CHN}'))$$),
  ($$SELECT * FROM embargo_trajectory('{}', rarerisk.embargo('{CHN}'), 0)$$),
  ($$SELECT * FROM embargo_trajectory('{}', rarerisk.embargo('{CHN}', horizon_days => 1e9), 1)$$)
) t(q);

# Sourced by dump_restore.sh and upgrade_from_15.sh: the SQL that creates the
# extension and the tables of stored values both carry across a dump, a
# restore or an upgrade (supply_mix built by the aggregate with NULL
# suppliers and spare capacity, embargo_scenario, embargo_state).
# shellcheck shell=bash disable=SC2034
sample_values_sql=$(cat <<'SQL'
CREATE EXTENSION rarerisk;
CREATE TABLE monthly AS
  SELECT g, m, rarerisk.supply_mix(CASE WHEN i % 11 = 0 THEN NULL ELSE 'S' || (i % 17) END,
                                   (i % 1000) * 1.1, (i % 7) * 0.3) AS mix
    FROM generate_series(1, 20000) i, LATERAL (SELECT i % 50 AS g, i % 12 AS m) x
   GROUP BY g, m;
CREATE TABLE scenarios AS
  SELECT n, rarerisk.embargo(ARRAY['S' || n, 'S1'], 0.25 * (n % 5), n * 10, 90 + n, 365) AS scenario
    FROM generate_series(1, 16) n;
CREATE TABLE states (state rarerisk.embargo_state);
INSERT INTO states VALUES ('{"embargoed": ["CHN"], "stock_days": 60, "demand": 100, "embargoed_volume": 60, "embargoed_content": 7.5, "spare": 10}');
SQL
)

#!/usr/bin/env bash
# Results survive pg_dump/pg_restore of tables holding supply_mix,
# embargo_scenario and embargo_state values (custom format, and plain SQL
# through psql), and the restored values give the same answers.  Rows users
# add to the EU assessment tables come back once, beside the shipped rows.
# Runs against the cluster in PGHOST/PGPORT (scripts/run-tests.sh).
#
# Every stored value must come back with the identical text form.  Measures
# are compared to 1e-12 relative, not bit for bit: a mix built by the
# aggregates keeps a compensation term per volume that its text and binary
# forms do not carry (they print volume + compensation as one double), so
# e.g. total() of a restored mix may differ in the last bit.
set -euo pipefail
BINDIR=${RR_BINDIR:-$(pg_config --bindir)}
work=$(mktemp -d /tmp/rarerisk-dump.XXXXXX)
trap 'rm -rf "$work"' EXIT
q() { psql -X -q -At -v ON_ERROR_STOP=1 "$@"; }
. "$(dirname "$0")/sample_values.sh"

for db in rr_dump_src rr_dump_custom rr_dump_plain; do
	"$BINDIR/dropdb" --if-exists "$db" 2>/dev/null
	"$BINDIR/createdb" "$db"
done
{ printf '%s\n' "$sample_values_sql"; cat <<'SQL'; } | q -d rr_dump_src
INSERT INTO rarerisk.eu_crm_material (assessment, material, material_group, ei, si_sr, eol_rir)
  VALUES (2023, 'Test element', 'HREE', 3.0, 1, 0), (2099, 'Cobalt', NULL, 6.8, 0.98, 0.22);
INSERT INTO rarerisk.eu_crm_stage (assessment, material, stage, sr, sourcing)
  VALUES (2023, 'Test element', 'processing', 1.5, 'GS only'), (2099, 'Cobalt', 'extraction', 2.8, 'GS only');
SQL
report=$(cat <<'SQL'
SELECT md5(string_agg(r, E'\n' ORDER BY r)) FROM (
  SELECT concat_ws('|', g, m, mix::text, round(rarerisk.hhi(mix)::numeric, 8),
                   round(rarerisk.total(mix)::numeric, 6)) AS r FROM monthly
  UNION ALL
  SELECT concat_ws('|', g, n, round(rarerisk.embargo_shortfall(y.mix, s.scenario)::numeric, 12))
    FROM (SELECT g, rarerisk.supply_mix_merge(mix) AS mix FROM monthly GROUP BY g) y, scenarios s
  UNION ALL
  SELECT concat_ws('|', n, scenario::text) FROM scenarios
  UNION ALL
  SELECT state::text FROM states
  UNION ALL
  SELECT concat_ws('|', y, a.*) FROM (VALUES (2023), (2099)) v(y), rarerisk.eu_assessment(y) a
  UNION ALL
  SELECT concat_ws('|', (SELECT count(*) FROM rarerisk.eu_crm_material), (SELECT count(*) FROM rarerisk.eu_crm_stage),
                   (SELECT count(*) FROM rarerisk.eu_crm_published))) t
SQL
)
want=$(q -d rr_dump_src -c "$report")

"$BINDIR/pg_dump" -Fc -d rr_dump_src -f "$work/dump.custom"
"$BINDIR/pg_restore" -d rr_dump_custom --exit-on-error "$work/dump.custom"
"$BINDIR/pg_dump" -Fp -d rr_dump_src -f "$work/dump.sql"
q -d rr_dump_plain -f "$work/dump.sql" >/dev/null

failed=0
for db in rr_dump_custom rr_dump_plain; do
	got=$(q -d "$db" -c "$report")
	if [ "$got" = "$want" ]; then
		echo "ok - $db: every value identical, every result within 1e-12, after dump and restore"
	else
		echo "not ok - $db: results differ after dump and restore ($got, want $want)"
		failed=1
	fi
done
[ -n "${RR_KEEP_DUMP_DBS:-}" ] && exit $failed
for db in rr_dump_src rr_dump_custom rr_dump_plain; do
	"$BINDIR/dropdb" "$db"
done
exit $failed

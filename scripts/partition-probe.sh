#!/usr/bin/env bash
# What monthly partitions cost the history lookups (06-quality-targets.md, "Beyond one machine"):
# ROWS certificate versions over MONTHS months, and the latency of the lookup by number (a
# prepared statement, as ccm runs it) measured by pgbench, alternating, on:
#   flat     one table with the history's partial index on (serie, numar) (the layout before migration 17);
#   monthly  the same table in monthly partitions: a number spans months, so the lookup cannot be
#            pruned and a generic plan locks and probes every partition's index;
#   ccm      ccm's layout (migration 17): the versions in ccm's own monthly partitions, the lookup on
#            certificate_current, unpartitioned.
# Last, a month's count on ccm's certificate_versions (pruned to its partition) against flat's.
# Usage: scripts/partition-probe.sh [ROWS=2400000] [MONTHS=120]
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-2400000}; months=${2:-120}
source scripts/lib/cluster.sh
ccm_build debug
ccm_scratch parts
export CCM_HOME="$work/home"
owner="$("$ccm" db url --proprietar)"
pgbench="$(ls /usr/lib/postgresql/*/bin/pgbench | tail -1)"
psql "$owner" -qX -v ON_ERROR_STOP=1 >/dev/null <<SQL
CREATE TABLE flat (id bigserial, luna date NOT NULL, serie text, numar text, valid_to timestamptz);
CREATE TABLE monthly (LIKE flat) PARTITION BY RANGE (luna);
DO \$\$ BEGIN FOR i IN 0..$months - 1 LOOP
  EXECUTE format('CREATE TABLE monthly_%s PARTITION OF monthly FOR VALUES FROM (%L) TO (%L)', i,
                 date '2017-01-01' + i * interval '1 month', date '2017-01-01' + (i + 1) * interval '1 month');
  PERFORM certificate_versions_partition((date '2017-01-01' + i * interval '1 month')::date);
END LOOP; END \$\$;
INSERT INTO flat (luna, serie, numar)
  SELECT date '2017-01-01' + (g % $months) * interval '1 month', 'CCMBN', g::text FROM generate_series(1, $rows) g;
INSERT INTO monthly SELECT * FROM flat;
INSERT INTO certificate_versions (id, document_id, position, cui, luna, serie, numar, status, valid_from)
  SELECT id, id, 1, '31001235', luna, serie, numar, 'VALID', now() FROM flat;
INSERT INTO certificate_current (id, document_id, cui, luna, serie, numar)
  SELECT id, document_id, cui, luna, serie, numar FROM certificate_versions;
CREATE INDEX ON flat (serie, numar) WHERE valid_to IS NULL AND serie IS NOT NULL;
CREATE INDEX ON flat (luna);
CREATE INDEX ON monthly (serie, numar) WHERE valid_to IS NULL AND serie IS NOT NULL;
ANALYZE;
SQL
probe() { # name, statement → average latency in ms
  printf '\\set n random(1, %s)\n\\set m random(0, %s)\n%s;\n' "$rows" "$((months - 1))" "$2" >"$work/$1.sql"
  "$pgbench" -n -M prepared -t "${3:-5000}" -f "$work/$1.sql" "$owner" 2>/dev/null | sed -n 's/^latency average = \([0-9.]*\) ms/\1/p'
}
number() { echo "SELECT id FROM $1 WHERE serie = \$\$CCMBN\$\$ AND numar = :n::text${2:-}"; }
month="(date '2017-01-01' + :m * interval '1 month')::date"
echo "lookup by number, $rows versions over $months months (ms per lookup; rounds alternate)"
printf '%-8s %-10s %-10s %-10s\n' round flat monthly ccm
for r in 1 2 3; do
  printf '%-8s %-10s %-10s %-10s\n' "$r" "$(probe flat "$(number flat " AND valid_to IS NULL")")" \
    "$(probe monthly "$(number monthly " AND valid_to IS NULL")")" "$(probe ccm "$(number certificate_current)")"
done
echo "a month's versions counted (ms per count; rounds alternate)"
printf '%-8s %-10s %-10s\n' round flat ccm
for r in 1 2 3; do
  printf '%-8s %-10s %-10s\n' "$r" "$(probe flatm "SELECT count(*) FROM flat WHERE luna = $month" 200)" \
    "$(probe ccmm "SELECT count(*) FROM certificate_versions WHERE luna = $month" 200)"
done

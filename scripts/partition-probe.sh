#!/usr/bin/env bash
# What monthly partitions would cost the history lookups (06-quality-targets.md, "Beyond one
# machine"): the same ROWS certificate versions over MONTHS months in one table, in monthly
# partitions and in yearly ones, each with the history's partial index on (serie, numar), and the
# latency of the lookup by number (a prepared statement, as ccm runs it) measured by pgbench,
# alternating. A number, a chain and a CNP span months, so these lookups cannot be pruned.
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
CREATE TABLE yearly (LIKE flat) PARTITION BY RANGE (luna);
DO \$\$ BEGIN FOR i IN 0..$months - 1 LOOP
  EXECUTE format('CREATE TABLE monthly_%s PARTITION OF monthly FOR VALUES FROM (%L) TO (%L)', i,
                 date '2017-01-01' + i * interval '1 month', date '2017-01-01' + (i + 1) * interval '1 month');
  IF i % 12 = 0 THEN
    EXECUTE format('CREATE TABLE yearly_%s PARTITION OF yearly FOR VALUES FROM (%L) TO (%L)', i,
                   date '2017-01-01' + i * interval '1 month', date '2017-01-01' + (i + 12) * interval '1 month');
  END IF;
END LOOP; END \$\$;
INSERT INTO flat (luna, serie, numar)
  SELECT date '2017-01-01' + (g % $months) * interval '1 month', 'CCMBN', g::text FROM generate_series(1, $rows) g;
INSERT INTO monthly SELECT * FROM flat;
INSERT INTO yearly SELECT * FROM flat;
CREATE INDEX ON flat (serie, numar) WHERE valid_to IS NULL AND serie IS NOT NULL;
CREATE INDEX ON monthly (serie, numar) WHERE valid_to IS NULL AND serie IS NOT NULL;
CREATE INDEX ON yearly (serie, numar) WHERE valid_to IS NULL AND serie IS NOT NULL;
ANALYZE;
SQL
probe() { # table → average latency in ms
  printf '\\set n random(1, %s)\nSELECT id FROM %s WHERE serie = $$CCMBN$$ AND numar = :n::text AND valid_to IS NULL;\n' "$rows" "$1" >"$work/$1.sql"
  "$pgbench" -n -M prepared -t 5000 -f "$work/$1.sql" "$owner" 2>/dev/null | sed -n 's/^latency average = \([0-9.]*\) ms/\1/p'
}
echo "lookup by number, $rows versions over $months months (ms per lookup; pairs alternate)"
printf '%-8s %-10s %-10s %-10s\n' round flat yearly monthly
for r in 1 2 3; do printf '%-8s %-10s %-10s %-10s\n' "$r" "$(probe flat)" "$(probe yearly)" "$(probe monthly)"; done

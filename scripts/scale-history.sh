#!/usr/bin/env bash
# Flat cost as the database grows (06-quality-targets.md): the benchmark's month ingested into
# an empty database, then into one already holding VERSIONS certificate versions (10 million by
# default, scripts/gen-history.sh: 20,000 providers over the months before, one in ten replaced),
# and the cost per certificate of both runs compared (target: within 20%). `BASE=10m
# scripts/bench.sh county` measures the same, with the peer and the floor on the same database.
# Usage: scripts/scale-history.sh [SCALE=county] [VERSIONS=10000000]
set -euo pipefail
cd "$(dirname "$0")/.."
scale=${1:-county}; versions=${2:-10000000}
cache=/var/tmp/ccm-bench/$scale-detached
PREPARE=only bash scripts/bench.sh "$scale"
swift build -c release >/dev/null 2>&1 || swift build -c release
ccm="$(swift build -c release --show-bin-path)/ccm"
P=SampleData/pki
work="$(mktemp -d /var/tmp/ccm-scale.XXXXXX)"; chmod 755 "$work"
export CCM_CASA=TM CCM_MEDIU=TEST
# A cluster that postgres cannot keep under $work lives under /var/lib/ccm/embedded (GBs): removed too.
trap 'for h in "$work"/home-*; do CCM_HOME="$h" "$ccm" db stop >/dev/null 2>&1 || true
  c=$(readlink -f "$h/postgres"); case "$c" in /var/lib/ccm/embedded/?*) rm -rf "$c" ;; esac; done; rm -rf "$work"' EXIT
ncerts=$(cat "$cache"/inbox/*.xml | grep -o "<Certificat>" | wc -l)

setup() { # name
  export CCM_HOME="$work/home-$1"
  "$ccm" registry import --at 2026-01-01T00:00:00+02:00 "$cache/furnizori.csv" "$cache/semnatari.csv" >/dev/null
  "$ccm" trust add $P/trust/root-ca.pem $P/trust/intermediate-ca.crl.pem >/dev/null
}
ingest() { # name → wall seconds
  cp -r "$cache/inbox" "$work/inbox-$1"
  /usr/bin/time -f "%e" -o "$work/time-$1" "$ccm" ingest --received-at 2026-11-10T10:00:00+02:00 --inbox "$work/inbox-$1" 2>/dev/null || true
  cat "$work/time-$1"
}

setup empty
empty=$(ingest empty)

setup full
start=$(date +%s)
nice -n 5 bash scripts/gen-history.sh "$("$ccm" db url --proprietar)" "$versions"
held=$(psql "$("$ccm" db url --proprietar)" -qAt -c "SELECT count(*) FROM certificate_versions")
generated=$(( $(date +%s) - start ))
full=$(ingest full)
awk -v c="$ncerts" -v e="$empty" -v f="$full" -v h="$held" -v g="$generated" 'BEGIN {
  printf "database before the month         certificates  wall (s)  µs/certificate\n"
  printf "%-33s %-13d %-9.2f %.0f\n", "empty", c, e, e * 1e6 / c
  printf "%-33s %-13d %-9.2f %.0f\n", h " versions (" g " s to make)", c, f, f * 1e6 / c
  printf "ratio: %.2f (target ≤ 1.20)\n", f / e
}'

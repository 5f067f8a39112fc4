#!/usr/bin/env bash
# Does the cost per certificate stay flat as the database fills? Ingests N documents of M
# certificates one by one into a fresh embedded database and prints each document's cost per
# certificate (release build). Usage: scripts/rules-scale.sh [documents] [certificates each]
set -euo pipefail
cd "$(dirname "$0")/.."
docs=${1:-20}; per=${2:-5000}
swift build -c release >/dev/null
ccm="$(swift build -c release --show-bin-path)/ccm"
work="$(mktemp -d /var/tmp/ccm-scale.XXXXXX)"; chmod 755 "$work"
export CCM_HOME="$work/home" CCM_CASA=TM CCM_MEDIU=TEST
trap '"$ccm" db stop >/dev/null 2>&1 || true' EXIT
python3 scripts/gen-month.py --providers "$docs" --certs "$per" --out "$work/data"
"$ccm" registry import "$work/data/furnizori.csv" >/dev/null 2>&1
printf "%-5s %-12s %-10s %s\n" doc certificates seconds "µs/certificate"
i=0
for f in "$work"/data/inbox/*.xml; do
  i=$((i + 1))
  start=$(date +%s.%N)
  "$ccm" ingest --signatures off --received-at 2026-11-10T10:00:00+02:00 "$f" 2>/dev/null
  end=$(date +%s.%N)
  awk -v i="$i" -v n="$per" -v s="$start" -v e="$end" 'BEGIN { printf "%-5d %-12d %-10.2f %.0f\n", i, n, e - s, (e - s) * 1e6 / n }'
done
echo "data and database in $work (remove when done)"

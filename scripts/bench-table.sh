#!/usr/bin/env bash
# Runs scripts/bench.sh once for each SHAPE[:SIGNING[:BASE]] given (SIGNING detached by default,
# BASE empty), one after the other, and prints the README's table of the runs with the command
# that made it. Without arguments: every shape of 06-quality-targets.md (hours, the national
# month signed twice). Stops at the first run that fails (its output says why).
#   scripts/bench-table.sh small small:enveloped small:none series:none county:none county:none:1m
#   scripts/bench.sh all          # the same as scripts/bench-table.sh without arguments
#   REPEAT=3 scripts/bench-table.sh series:none county:none   # medians of 3 alternating runs (bench.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=("$@")
if [ ${#runs[@]} -eq 0 ]; then
  runs=()
  for shape in small county national series hospital rectificatives; do
    for signing in detached enveloped none; do runs+=("$shape:$signing"); done
  done
  runs+=(county:detached:10m county:none:10m national:detached:10m national:none:10m)
fi
rows=$(mktemp /var/tmp/ccm-bench-table.XXXXXX)
trap 'rm -f "$rows"' EXIT
for r in "${runs[@]}"; do
  IFS=: read -r shape signing base <<<"$r"
  [ -n "$shape" ] || { echo "bench-table: an empty shape in '$r'" >&2; exit 1; }
  echo "== SIGNING=${signing:-detached} BASE=${base:-} scripts/bench.sh $shape" >&2
  SIGNING=${signing:-detached} BASE=${base:-} BENCH_ROW="$rows" bash scripts/bench.sh "$shape" >&2
done
echo
echo "\`${REPEAT:+REPEAT=$REPEAT }scripts/bench-table.sh ${runs[*]}\` on $(date -u +%Y-%m-%d), ccm $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- Sources || echo ' (changed)')," \
  "$(nproc) cores; a row's own command: \`${REPEAT:+REPEAT=$REPEAT }SIGNING=<signing> BASE=<base> scripts/bench.sh <shape>\`$([ "${REPEAT:-1}" -gt 1 ] && echo \
  "; ccm's and the script's times are the medians of $REPEAT alternating runs (not with a base), 2 workers and the floor one run")"
echo
echo "| shape | signing | base | files | certificates | ccm s | ccm 2 workers s | script s | floor s | ccm/script (≤ 0.5) | ccm/floor (≤ 2.0) | first / last tenth per certificate (last/first) | ccm peak RSS |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
cat "$rows"

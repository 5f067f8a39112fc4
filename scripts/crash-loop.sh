#!/usr/bin/env bash
# Crash safety (06-quality-targets.md "Reliability"): `ccm ingest` over FILES files is killed
# with SIGKILL at random moments KILLS times, then a final run finishes; the database must end
# identical to an uninterrupted run over the same files (documents, reasons, certificate
# versions and verdicts; nothing twice or half) and every file must be archived or quarantined.
# Usage: scripts/crash-loop.sh [FILES=1000] [KILLS=20] [SEED=1]
set -euo pipefail
cd "$(dirname "$0")/.."
files=${1:-1000}; kills=${2:-20}; seed=${3:-1}
source scripts/lib/cluster.sh
ccm_build release
ccm_scratch crash
# A month of FILES providers, one small INITIALA each, 1 in 100 refused (Totaluri), some faulty certificates.
python3 scripts/gen-month.py --providers "$files" --certs 20 --realistic --faulty 0.05 --seed "$seed" --out "$work/data" >/dev/null

run_setup() { # name
  export CCM_HOME="$work/home-$1" CCM_CASA=TM CCM_MEDIU=TEST
  "$ccm" registry import --at 2026-01-01T00:00:00+02:00 "$work/data/furnizori.csv" >/dev/null 2>&1
  rm -rf "$work/in-$1"; cp -r "$work/data/inbox" "$work/in-$1"
}
ingest() { "$ccm" ingest --signatures off --received-at 2026-11-10T10:00:00+02:00 --inbox "$work/in-$1" >/dev/null 2>&1; }
dump() { bash scripts/db-dump.sh "$("$ccm" db url --proprietar)" "$work/home-$1"; } # name → canonical content of the database

run_setup clean; ingest clean; dump clean > "$work/clean.txt"

run_setup killed
survived=0
for k in $(seq 1 "$kills"); do
  "$ccm" ingest --signatures off --received-at 2026-11-10T10:00:00+02:00 --inbox "$work/in-killed" >/dev/null 2>&1 &
  pid=$!
  # somewhere within a run: a run takes about 1.5 ms per file here
  sleep "$(python3 -c "import random; random.seed($seed * 1000 + $k); print(round(random.uniform(0.02, max(0.2, $files * 0.0015)), 3))")"
  if kill -9 "$pid" 2>/dev/null; then survived=$((survived + 1)); fi
  wait "$pid" 2>/dev/null || true
done
ingest killed; dump killed > "$work/killed.txt"

left=$(find "$work/in-killed" -name '*.xml' | wc -l)
stored=$(find "$work/home-killed/arhiva" "$work/home-killed/carantina" -name '*.xml' 2>/dev/null | wc -l)
echo "files: $files, kills: $kills ($survived landed while ccm was still running), left in inbox: $left, archived or quarantined: $stored"
if diff -q "$work/clean.txt" "$work/killed.txt" >/dev/null && [ "$left" -eq 0 ] && [ "$stored" -eq "$files" ]; then
  echo "crash loop: identical to the uninterrupted run ($(grep -c '^D' "$work/clean.txt") documents, $(grep -c '^V' "$work/clean.txt") certificate versions)"
else
  diff "$work/clean.txt" "$work/killed.txt" | head -20
  echo "crash loop: DIFFERENT from the uninterrupted run" >&2
  exit 1
fi

#!/usr/bin/env bash
# One ingest of a generated month (scripts/gen-month.py's folder) into a new, empty embedded
# database, signatures off, as a new user would run it: wall time, ccm's and this cluster's
# PostgreSQL CPU seconds, and the time per file of the run's first tenth and last tenth (each
# file's verdict line stamped as it arrives). A cost that grows with the run shows as a last
# tenth dearer than the first.
#   python3 scripts/gen-month.py --providers 300 --certs 20 --series CCMBN --seed 20261031 --out /var/tmp/m300
#   scripts/fresh-run.sh /var/tmp/m300 [WORKERS]
#   CCM_BIN=/tmp/ccm-before scripts/fresh-run.sh ...   # another build's ccm, not this checkout's
#   DUMP=/tmp/after.txt scripts/fresh-run.sh ...       # and the database's content (scripts/db-dump.sh) into a file
#   LOG=/tmp/run.log scripts/fresh-run.sh ...          # and ccm's log, each line stamped with seconds since the start
#   PRE_SQL=ANALYZE scripts/fresh-run.sh ...           # SQL run before the ingest (here: tables analyzed while empty)
set -euo pipefail
cd "$(dirname "$0")/.."
month=$1; workers=${2:-1}
[ -d "$month/inbox" ] || { echo "no month in $month (scripts/gen-month.py --out $month)" >&2; exit 1; }
source scripts/lib/cluster.sh
ccm_build release
ccm_scratch fresh
export CCM_HOME="$work/home" CCM_CASA=TM CCM_MEDIU=TEST CCM_SCHEMAS="$PWD/Schemas"
cp -r "$month/inbox" "$work/inbox"
url="$("$ccm" db url --proprietar)"
"$ccm" registry import --at 2026-01-01T00:00:00+02:00 "$month/furnizori.csv" >/dev/null
[ -n "${PRE_SQL:-}" ] && psql "$url" -q -c "$PRE_SQL"
data=$(psql "$url" -qAt -c "SHOW data_directory")
postmaster=$(head -1 "$data/postmaster.pid")
pgcpu() { # CPU ticks of this cluster's processes (its backends end with ccm's connections: sampled)
  while :; do
    for pid in $(pgrep -P "$postmaster"); do
      read -r -a f < "/proc/$pid/stat" 2>/dev/null || continue
      echo "$pid $((f[13] + f[14]))"
    done
    sleep 0.2
  done > "$work/pgcpu" 2>/dev/null
}
pgcpu & sampler=$!
stamp() { python3 -c '
import sys, time
t0 = time.monotonic()
for line in iter(sys.stdin.buffer.readline, b""):
    sys.stdout.write("%.4f %s" % (time.monotonic() - t0, line.decode("utf-8", "replace")))
    sys.stdout.flush()'; }
/usr/bin/time -f "%e %U %S %M" -o "$work/time" "$ccm" ingest --workers "$workers" --mediu TEST --signatures off \
  --received-at 2026-11-10T10:00:00+02:00 --settle-seconds 0 --inbox "$work/inbox" 2> >(stamp > "$work/log") || true
sleep 0.5
kill "$sampler" 2>/dev/null; wait "$sampler" 2>/dev/null || true
read -r wall user sys rss < "$work/time"
pg=$(awk '{ last[$1] = $2 } END { for (p in last) s += last[p]; printf "%.2f", s / 100 }' "$work/pgcpu")
tenths=$(grep -E "\.xml: (INREGISTRAT|RESPINS)" "$work/log" | awk '{ t[NR] = $1 } END {
  k = int(NR / 10); if (k < 1) { print "- -"; exit }
  printf "%.2f %.2f", (t[k + 1] - t[1]) / k * 1000, (t[NR] - t[NR - k]) / k * 1000 }')
read -r first last <<< "$tenths"
files=$(grep -cE "\.xml: (INREGISTRAT|RESPINS)" "$work/log" || true)
printf "files %s  workers %s  wall %.2f s  ccm CPU %.2f s  PostgreSQL CPU %s s  ms/file first tenth %s  last tenth %s  peak RSS %d MB\n" \
  "$files" "$workers" "$wall" "$(echo "$user + $sys" | bc)" "$pg" "$first" "$last" $((rss / 1024))
if [ -n "${LOG:-}" ]; then cp "$work/log" "$LOG"; fi
if [ -n "${DUMP:-}" ]; then bash scripts/db-dump.sh "$url" "$work" > "$DUMP"; fi

#!/usr/bin/env bash
# Where a run's threads spend the wall time: a benchmark month (scripts/bench.sh makes and caches
# it) ingested by one worker into a fresh embedded cluster under `perf sched record`, then for
# each thread of ccm and of PostgreSQL its time running, sleeping (waiting for another thread or
# the disk) and runnable but not running (waiting for a core), and the cores' idle time. A thread
# that sleeps while the cores idle waits for another one: its wait is a chain, not a lack of CPU.
#   [SIGNING=detached|enveloped|none] scripts/thread-time.sh [SHAPE] [RUNS]   # county, 1 run by default
#   CCM_BIN=/tmp/ccm-before scripts/thread-time.sh county 2   # another build's ccm, not this checkout's
# PostgreSQL's rows are its backends: the documents' connection (the largest), the claims', and
# the postmaster. Needs perf (linux-perf); the figures include perf's own cost (a run ~10% slower).
set -euo pipefail
cd "$(dirname "$0")/.."
scale=${1:-county}; runs=${2:-1}
signatures=required; [ "${SIGNING:-detached}" = none ] && signatures=off
cache=/var/tmp/ccm-bench/$scale-${SIGNING:-detached}   # bench.sh's cache of that shape and signing
[ -f "$cache/.complete" ] || { echo "no cached month: run SIGNING=${SIGNING:-detached} PREPARE=only scripts/bench.sh $scale first" >&2; exit 1; }
command -v perf >/dev/null || bash scripts/setup.sh linux-perf >/dev/null
source scripts/lib/cluster.sh
ccm_build release
ccm_scratch threads
for ((r = 1; r <= runs; r++)); do
  export CCM_HOME="$work/home-$r" CCM_CASA=TM CCM_MEDIU=TEST
  "$ccm" db migrate >/dev/null 2>&1
  ccm_month_registry "$cache"
  cp -r "$cache/inbox" "$work/inbox-$r"
  perf sched record -q -o "$work/sched-$r" -- "$ccm" ingest --verbose --signatures "$signatures" --received-at 2026-11-10T10:00:00+02:00 \
    --settle-seconds 0 --inbox "$work/inbox-$r" 2>"$work/log-$r" >/dev/null || true
  grep -E "gata:|timp:" "$work/log-$r" | sed 's/^.* ccm info: /  /'
  # timehist's columns: time, cpu, task, sleep (wait) time, scheduling delay, run time (ms).
  perf sched timehist -i "$work/sched-$r" 2>/dev/null | awk 'NR > 3 {
      t = $3; sub(/\[[0-9\/]*\]$/, "", t); if (t == "ccm-prepare" || t == "-qos.overcommit") t = "ccm (preparing)"; else if (t == "ccm") t = "ccm (judging)"
      if ($6 + 0 > 0 || t == "<idle>") { pid = $3; sleep[pid] += $4; delay[pid] += $5; run[pid] += $6; name[pid] = t }
    } END {
      for (p in run) if (run[p] >= 20 || name[p] == "<idle>")
        printf "  %-22s running %7.0f ms   sleeping %7.0f ms   waiting for a core %6.0f ms\n", name[p], run[p], sleep[p], delay[p]
    }' | sort -k3 -rn
  "$ccm" db stop >/dev/null 2>&1 || true
done

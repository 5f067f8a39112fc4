#!/usr/bin/env bash
# Where a run's database time goes: the first N files of a benchmark month (scripts/bench.sh
# makes and caches it) ingested into a fresh embedded cluster with pg_stat_statements loaded,
# then wall time, ccm's and PostgreSQL's CPU seconds, WAL written, shared-buffer hits and the
# statements that took the most time. Figures to compare two builds by, when the machine's
# noise hides a wall-time difference.
#   [SIGNING=detached|enveloped|none] scripts/db-profile.sh [N] [WORKERS] [SCALE]     # defaults: 2000 1 national
#   PERF=/tmp/ccm.perf scripts/db-profile.sh ...    # and record ccm with perf (perf report -i /tmp/ccm.perf)
#   CCM_BIN=/tmp/ccm-before scripts/db-profile.sh ... # another build's ccm, not this checkout's
#   WRAP="valgrind --tool=callgrind --separate-threads=yes --callgrind-out-file=/tmp/cg.%p" scripts/db-profile.sh 300
#       # instructions per thread and function: a count this machine's noise does not move
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-2000}; workers=${2:-1}; scale=${3:-national}
signatures=required; [ "${SIGNING:-detached}" = none ] && signatures=off
cache=/var/tmp/ccm-bench/$scale-${SIGNING:-detached}   # bench.sh's cache of that shape and signing
[ -f "$cache/.complete" ] || { echo "no cached month: run SIGNING=${SIGNING:-detached} PREPARE=only scripts/bench.sh $scale first" >&2; exit 1; }
source scripts/lib/cluster.sh
ccm_build release   # CCM_BIN=another build's ccm: compare two builds on the same data
ccm_scratch profile   # KEEP=1: leave the cluster running, to query it
export CCM_HOME="$work/home" CCM_CASA=TM CCM_MEDIU=TEST
mkdir "$work/inbox"
for f in $(ls "$cache/inbox" | grep '\.xml$' | head -n "$n"); do
  cp "$cache/inbox/$f" "$work/inbox/"; [ -f "$cache/inbox/$f.p7s" ] && cp "$cache/inbox/$f.p7s" "$work/inbox/"
done
url="$("$ccm" db url --proprietar)"
data=$(psql "$url" -qAt -c "SHOW data_directory")
printf "shared_preload_libraries = 'pg_stat_statements'\npg_stat_statements.track_planning = on\n" >> "$data/postgresql.conf"
"$ccm" db stop >/dev/null; url="$("$ccm" db url --proprietar)"
psql "$url" -qAt -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" >/dev/null
ccm_month_registry "$cache"
busy() { # the machine's busy CPU seconds (its backends end with ccm's connections, so theirs are read as the rest)
  awk '/^cpu / { printf "%.2f", ($2 + $3 + $4 + $7 + $8) / 100 }' /proc/stat
}
[ -n "${PRE_SQL:-}" ] && psql "$url" -q -c "$PRE_SQL"   # PRE_SQL: a change to try (an index dropped…)
psql "$url" -qAt -c "SELECT pg_stat_statements_reset(); SELECT pg_stat_reset();" >/dev/null
wal0=$(psql "$url" -qAt -c "SELECT pg_current_wal_lsn()")
cpu0=$(busy)
wrap=(); [ -n "${PERF:-}" ] && wrap=(perf record -F 499 ${PERF_GRAPH:---call-graph=fp} -o "$PERF")   # PERF=file: a CPU profile of ccm too
[ -n "${WRAP:-}" ] && read -r -a wrap <<< "$WRAP"   # WRAP="valgrind --tool=callgrind …": any other wrapper of ccm
pgcpu() { # every PostgreSQL process's CPU ticks, by its title, sampled while ccm runs (backends end with it)
  local round=0
  while :; do
    round=$((round + 1))
    for pid in $(pgrep -x postgres); do
      read -r -a f < "/proc/$pid/stat" 2>/dev/null || continue
      echo "$round $pid $((f[13] + f[14])) $(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | cut -c1-40)"
    done
    sleep 0.2
  done > "$work/pgcpu" 2>/dev/null
}
pgcpu & sampler=$!
/usr/bin/time -f "%e %U %S %M" -o "$work/time" "${wrap[@]}" "$ccm" ingest --verbose --workers "$workers" --signatures "$signatures" --received-at 2026-11-10T10:00:00+02:00 --inbox "$work/inbox" 2>"$work/log" || true
cpu1=$(busy)
kill "$sampler" 2>/dev/null; wait "$sampler" 2>/dev/null || true
# A process already running at the first sample (the postmaster, checkpointer…) counts from there.
awk '{ p = $2; if (!(p in base)) base[p] = ($1 == 1 ? $3 : 0); last[p] = $3; $1 = $2 = $3 = ""; title[p] = $0 }
     END { for (p in last) sum[title[p]] += last[p] - base[p]; for (t in sum) printf "  PostgreSQL CPU %6.2f s %s\n", sum[t] / 100, t }' "$work/pgcpu" | sort -k3 -rn | head -8
read -r wall user sys rss < "$work/time"
grep -E "gata:|timp:" "$work/log"
psql "$url" -qAt -F' ' -c "SELECT round(pg_wal_lsn_diff(pg_current_wal_lsn(), '$wal0') / 1e6, 1),
    (SELECT sum(blks_hit) FROM pg_stat_database), (SELECT sum(blks_read) FROM pg_stat_database)" > "$work/db"
read -r wal hits reads < "$work/db"
ccm_cpu=$(echo "$user + $sys" | bc)
printf "files %s  workers %s  wall %.2f s  ccm CPU %.2f s  the rest of the machine (PostgreSQL) %.2f s  peak RSS %d MB\n" \
  "$n" "$workers" "$wall" "$ccm_cpu" "$(echo "$cpu1 - $cpu0 - $ccm_cpu" | bc)" $((rss / 1024))
echo "WAL $wal MB  buffer hits $hits  reads $reads"
psql "$url" -q -c "SELECT calls, round(total_exec_time::numeric, 0) AS ms, round((total_exec_time / greatest(calls, 1) * 1000)::numeric, 0) AS us_call, round((total_plan_time / greatest(calls, 1) * 1000)::numeric, 0) AS plan_us,
    shared_blks_hit / greatest(calls, 1) AS hits_call, left(regexp_replace(query, '\s+', ' ', 'g'), 90) AS query
  FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT ${TOP:-15}"
# Which indexes the run read (idx_scan) — each one is also written for every row inserted.
psql "$url" -q -c "SELECT relname, indexrelname, idx_scan FROM pg_stat_user_indexes
  WHERE relname IN ('certificate_versions', 'documents') ORDER BY relname, idx_scan DESC"
psql "$url" -qAt -F" " -c "SELECT 'all statements:', count(*), sum(calls), round(sum(total_exec_time)::numeric), round(sum(total_plan_time)::numeric) FROM pg_stat_statements"
psql "$url" -qAt -F' ' -c "SELECT 'updates (HOT) of documents:', n_tup_upd, n_tup_hot_upd FROM pg_stat_user_tables WHERE relname = 'documents'"

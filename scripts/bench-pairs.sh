#!/usr/bin/env bash
# Two builds of ccm compared in alternating runs on the same cached benchmark month: each run is
# `ccm ingest` alone (one worker) into a new embedded cluster, in the order A, B, A, B…, so that
# the machine's noise falls on both alike. Prints each run's wall time, ccm's CPU and what it
# waited for (`ingest --verbose`: the database, the file being prepared), its cluster's CPU (the
# postmaster's and every process it forked, reaped ones included), then each build's medians. A difference smaller than the spread of one build's runs is no difference.
#   scripts/bench-pairs.sh /tmp/before/bin/ccm .build/release/ccm [SHAPE] [PAIRS]   # series, 8 pairs by default
#   SIGNING=none|detached|enveloped   # bench.sh's cached month of that shape (PREPARE=only scripts/bench.sh SHAPE)
# A build copied out of the tree finds its schemas in Schemas/ beside its folder (…/bin/ccm → …/Schemas).
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 2 ] || { echo "usage: [SIGNING=none] $0 CCM_A CCM_B [SHAPE] [PAIRS]" >&2; exit 1; }
a=$(readlink -f "$1"); b=$(readlink -f "$2"); shape=${3:-series}; pairs=${4:-8}
signing=${SIGNING:-detached}
signatures=required; [ "$signing" = none ] && signatures=off
cache=/var/tmp/ccm-bench/$shape-$signing
[ -f "$cache/.complete" ] || { echo "no cached month: run SIGNING=$signing PREPARE=only scripts/bench.sh $shape first" >&2; exit 1; }
source scripts/lib/cluster.sh
ccm_scratch pairs
export CCM_CASA=TM CCM_MEDIU=TEST
for i in $(seq 1 "$pairs"); do
  for side in A B; do
    ccm=$a; [ "$side" = B ] && ccm=$b
    export CCM_HOME="$work/home"
    ccm_month_registry "$cache" 2>/dev/null
    cp -r "$cache/inbox" "$work/inbox"
    pm=$(postmaster_of "$("$ccm" db url --proprietar)"); ticks=$(cluster_ticks "$pm")
    /usr/bin/time -f "%e %U %S" -o "$work/time" "$ccm" ingest --verbose --signatures "$signatures" --received-at 2026-11-10T10:00:00+02:00 \
      --settle-seconds 0 --inbox "$work/inbox" 2>"$work/log" || true
    read -r wall user sys < <(tail -1 "$work/time")
    # "timp: N drumuri la baza de date, X s în așteptarea ei, Y s în așteptarea pregătirii"
    waits=$(sed -n 's/.*timp: .*, \([0-9.]*\) s în așteptarea ei, \([0-9.]*\) s în așteptarea pregătirii.*/\1 \2/p' "$work/log")
    server=$(echo "scale=2; ($(cluster_ticks "$pm") - $ticks) / $(getconf CLK_TCK)" | bc)   # its backends end with ccm's connections
    echo "$i $side $wall $(echo "$user + $sys" | bc) ${waits:-- -} $server" | tee -a "$work/runs"
    "$ccm" db stop >/dev/null 2>&1 || true
    c=$(readlink -f "$CCM_HOME/postgres" 2>/dev/null || true)
    case "$c" in /var/lib/ccm/embedded/?*) rm -rf "$c" ;; esac
    rm -rf "$CCM_HOME" "$work/inbox"
  done
done
median() { sort -n | awk '{ v[NR] = $1 } END { printf "%.2f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
for side in A B; do
  printf "%s: median wall %s s, ccm CPU %s s, server CPU %s s, database wait %s s, preparation wait %s s (%s runs)\n" "$side" \
    "$(awk -v s=$side '$2 == s { print $3 }' "$work/runs" | median)" "$(awk -v s=$side '$2 == s { print $4 }' "$work/runs" | median)" \
    "$(awk -v s=$side '$2 == s { print $7 }' "$work/runs" | median)" \
    "$(awk -v s=$side '$2 == s { print $5 }' "$work/runs" | median)" "$(awk -v s=$side '$2 == s { print $6 }' "$work/runs" | median)" "$pairs"
done
echo "B faster than A in $(awk '{ w[$1, $2] = $3 } END { for (k in w) { split(k, p, SUBSEP); if (p[2] == "A" && w[p[1], "B"] < w[k]) n++ } print n + 0 }' "$work/runs") of $pairs pairs"

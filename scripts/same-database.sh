#!/usr/bin/env bash
# Two builds of ccm, the same work, the same database? (issue 26: "identical, column by column").
# Each build runs the sample county's job (registry, trust, the on-time, late and rectificative
# inboxes, revalidate; as scripts/demo.sh) in its own embedded cluster, and optionally a cached
# benchmark month (MONTH=/var/tmp/ccm-bench/county-none, signatures off); the two databases are
# dumped with scripts/db-dump.sh and the centralizer's JSON compared. Exit 1 on any difference.
#   scripts/same-database.sh OLD_CCM NEW_CCM
#   MONTH=/var/tmp/ccm-bench/county-none scripts/same-database.sh OLD_CCM NEW_CCM
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 2 ] || { echo "usage: [MONTH=DIR] $0 OLD_CCM NEW_CCM" >&2; exit 1; }
source scripts/lib/cluster.sh
ccm_scratch same
side() {  # $1 name, $2 binary
  local ccm=$2 home="$work/home-$1"
  export CCM_HOME="$home"
  mkdir -p "$home/inbox"
  printf 'casa = "TM"\nmediu = "TEST"\nsettle_seconds = 0\n' > "$home/ccm.toml"
  "$ccm" registry import --at 2026-11-01T00:00:00+02:00 SampleData/registry/furnizori.csv SampleData/registry/medici.csv \
    SampleData/registry/carnete.csv SampleData/registry/semnatari.csv >/dev/null
  "$ccm" trust add SampleData/pki/trust/root-ca.pem SampleData/pki/trust/intermediate-ca.crl.pem >/dev/null
  local at
  for step in inbox:2026-11-10T10:00:00+02:00 inbox-late:2026-11-13T09:00:00+02:00 inbox-rectificative:2026-11-20T10:00:00+02:00; do
    cp SampleData/"${step%%:*}"/* "$home/inbox/"; at=${step#*:}
    "$ccm" ingest --received-at "$at" 2>/dev/null >/dev/null || [ $? -eq 3 ]
  done
  "$ccm" revalidate --luna 2026-10 2>/dev/null
  "$ccm" centralizer --luna 2026-10 --format json --as-of 2026-11-25T00:00:00+02:00 > "$work/$1.centralizer.json"
  bash scripts/db-dump.sh "$("$ccm" db url --proprietar)" "$home" > "$work/$1.dump"
  [ -n "${MONTH:-}" ] || return 0
  # The benchmark's month as bench.sh runs it (signatures as its files are: none → off), in a cluster of its own.
  export CCM_HOME="$home-month"
  mkdir -p "$CCM_HOME"; cp -r "$MONTH/inbox" "$CCM_HOME/inbox"
  local signatures=required; case "$MONTH" in *-none) signatures=off ;; esac
  "$ccm" registry import --at 2026-01-01T00:00:00+02:00 "$MONTH/furnizori.csv" "$MONTH/semnatari.csv" >/dev/null
  "$ccm" trust add SampleData/pki/trust/root-ca.pem SampleData/pki/trust/intermediate-ca.crl.pem >/dev/null
  CCM_CASA=TM CCM_MEDIU=TEST "$ccm" ingest --signatures $signatures --received-at 2026-11-10T10:00:00+02:00 --settle-seconds 0 --inbox "$CCM_HOME/inbox" 2>/dev/null || [ $? -eq 3 ]
  bash scripts/db-dump.sh "$("$ccm" db url --proprietar)" "$CCM_HOME" >> "$work/$1.dump"
}
side old "$1"
side new "$2"
ccm=$2
if diff -q "$work/old.dump" "$work/new.dump" >/dev/null && diff -q "$work/old.centralizer.json" "$work/new.centralizer.json" >/dev/null; then
  echo "same database: $(wc -l < "$work/new.dump") rows dumped, the centralizer identical"
else
  diff "$work/old.dump" "$work/new.dump" | head -20
  diff "$work/old.centralizer.json" "$work/new.centralizer.json" | head -10
  echo "the two builds end in different databases" >&2; exit 1
fi

# Sourced (never run) by the scripts that run ccm on scratch embedded clusters: one way to build
# ccm, to make a scratch folder, and to stop and remove every cluster made under it on exit.
#   source scripts/lib/cluster.sh
#   ccm_build [release|debug]   # $ccm: CCM_BIN when set (another build's ccm), else this checkout's
#   ccm_scratch NAME            # $work: a new /var/tmp/ccm-NAME.XXXXXX (0755), cleaned up on exit
#   export CCM_HOME="$work/home-x"   # each cluster's home under $work: home or home-*
# KEEP=1 leaves the scratch folder and its clusters running (to query them afterwards).

ccm_build() {
  local config=${1:-release}
  if [ -z "${CCM_BIN:-}" ]; then
    swift build -c "$config" >/dev/null 2>&1 || swift build -c "$config"
  fi
  ccm="${CCM_BIN:-$(swift build -c "$config" --show-bin-path)/ccm}"
}

ccm_scratch() {
  work="$(mktemp -d "/var/tmp/ccm-$1.XXXXXX")"
  chmod 755 "$work"   # the postgres user (ccm run as root) reaches the clusters under it
  trap ccm_cleanup EXIT
}

# A cluster postgres cannot keep under $work lives under /var/lib/ccm/embedded (GBs): removed too.
ccm_cleanup() {
  if [ -n "${KEEP:-}" ]; then echo "kept: $work (each home-*: CCM_HOME=… $ccm db stop)" >&2; return; fi
  local h c
  for h in "$work"/home "$work"/home-*; do
    [ -d "$h" ] || continue
    [ -z "${ccm:-}" ] || CCM_HOME="$h" "$ccm" db stop >/dev/null 2>&1 || true
    c=$(readlink -f "$h/postgres" 2>/dev/null || true)
    case "$c" in /var/lib/ccm/embedded/?*) rm -rf "$c" ;; esac
  done
  rm -rf "$work"
}

ccm_month_registry() { # CACHE → a cached benchmark month's registry and signers, and the test PKI's trust, in $CCM_HOME's cluster (made if needed)
  "$ccm" registry import --at 2026-01-01T00:00:00+02:00 "$1/furnizori.csv" "$1/semnatari.csv" >/dev/null
  "$ccm" trust add SampleData/pki/trust/root-ca.pem SampleData/pki/trust/intermediate-ca.crl.pem >/dev/null
}

postmaster_of() { # URL → the cluster's postmaster pid
  head -1 "$(psql "$1" -qAt -c "SHOW data_directory")/postmaster.pid"
}
cluster_ticks() { # postmaster → CPU ticks of it and of every process it forked, reaped or running
  local pid f total=0
  for pid in $(pgrep -P "$1"); do
    read -r -a f < "/proc/$pid/stat" 2>/dev/null || continue
    total=$((total + f[13] + f[14] + f[15] + f[16]))
  done
  read -r -a f < "/proc/$1/stat"
  echo $((total + f[13] + f[14] + f[15] + f[16]))
}

#!/usr/bin/env bash
# The CPU budget of one benchmark shape (06-quality-targets.md "Scale and speed", issue 24): on a
# 2-core machine no run can take less wall time than its CPU seconds over 2, nor less than its
# busiest single thread. CPU seconds (user+sys) hold still when the machine is loaded; wall does not.
# On bench.sh's cached month of that shape and signing, REPEAT times (medians):
#   work:   xmllint --noout --schema over the files (bench.sh's xmllint floor), xmllint --noout alone
#           (the parse xmlsec1 repeats: taken off its CPU), the signatures with the stock tools in one
#           process (enveloped: one `xmlsec1 --verify` over every file, no CRL; detached: a C loop over
#           OpenSSL's CMS_verify with the CRL, as `openssl cms -verify` does, without a process a file), and the server's
#           CPU for bench.sh's storage floor (peer-ingest.py --copy-floor, in a cluster of its own);
#   ccm:    `ccm ingest --workers 1` (bench.sh's run), its CPU and its cluster's, and the CPU of its
#           busiest thread and of the busiest server process (sampled every 0.1 s: up to 0.1 s low);
#   start:  the same `ccm ingest` on an empty inbox of that cluster: the run's start, which no
#           file's work overlaps (its wall counts whole in the bound "with its start");
#   script: peer-ingest.py (bench.sh's peer), its CPU, its cluster's CPU and its wall time.
# A cluster's CPU is that of its postmaster and every process it forked, reaped ones included (the
# postmaster's cutime+cstime): exact, with no backend missed when it ends between two samples.
# Then the bounds on 2 cores and their ratios to the script's and the floor's wall time, both as
# measured and as their CPU (what either takes on an idle machine: each is one thread at a time).
#   scripts/cpu-budget.sh county-enveloped      # SHAPE-SIGNING, as under /var/tmp/ccm-bench
#   REPEAT=5 scripts/cpu-budget.sh series-none
#   CCM_BIN=/tmp/ccm-before scripts/cpu-budget.sh county-none   # another build's ccm
# A missing month: SIGNING=enveloped PREPARE=only scripts/bench.sh county.
set -euo pipefail
cd "$(dirname "$0")/.."
shape=${1:?usage: $0 SHAPE-SIGNING (series-none, county-none, county-detached, county-enveloped...)}
signing=${shape##*-}
reps=${REPEAT:-3}
cache=/var/tmp/ccm-bench/$shape
[ -f "$cache/.complete" ] || { echo "no cached month $cache: SIGNING=$signing PREPARE=only scripts/bench.sh ${shape%-*}" >&2; exit 1; }
case "$signing" in
  none) signatures=off ;;
  detached|enveloped) signatures=required ;;
  *) echo "SHAPE-SIGNING with SIGNING none, detached or enveloped, not '$shape'" >&2; exit 1 ;;
esac
source scripts/lib/cluster.sh
ccm_build release
ccm_scratch cpu-budget
export CCM_CASA=TM CCM_MEDIU=TEST
P=SampleData/pki
py=/usr/bin/python3
received=2026-11-10T10:00:00+02:00
files=("$cache"/inbox/*.xml)
load0=$(cut -d' ' -f1-3 /proc/loadavg)

timed() { # OUT command...: "cpu wall" of the command (user+sys and elapsed seconds) appended to OUT
  local out=$1; shift
  /usr/bin/time -f "%e %U %S" -o "$work/time" "$@" || true
  tail -1 "$work/time" | awk '{ printf "%.2f %.2f\n", $2 + $3, $1 }' >> "$work/$out"
}

# ---- the work: schema, parse, signatures -------------------------------------------------------
if [ "$signing" = detached ]; then
  # CMS_verify as `openssl cms -verify -binary -purpose any -crl_check` would: trust the root,
  # the chain as untrusted certificates, the CRL, now as the verification time (the CRL is issued after the receipt).
  cat > "$work/cms-verify.c" <<'EOF'
#include <openssl/cms.h>
#include <openssl/pem.h>
#include <openssl/x509_vfy.h>
#include <stdio.h>
#include <stdlib.h>
int main(int argc, char **argv) { /* root.pem chain.pem crl.pem file.xml... (each with file.xml.p7s) */
  X509_STORE *store = X509_STORE_new();
  X509_STORE_load_file(store, argv[1]);
  X509_STORE_load_file(store, argv[3]);
  X509_STORE_set_flags(store, X509_V_FLAG_CRL_CHECK);
  X509_VERIFY_PARAM_set_purpose(X509_STORE_get0_param(store), X509_PURPOSE_ANY);
  STACK_OF(X509) *chain = sk_X509_new_null();
  BIO *cb = BIO_new_file(argv[2], "r"); X509 *x;
  while ((x = PEM_read_bio_X509(cb, NULL, NULL, NULL)) != NULL) sk_X509_push(chain, x);
  BIO_free(cb);
  int ok = 0, bad = 0; char sig[4096];
  for (int i = 4; i < argc; i++) {
    snprintf(sig, sizeof sig, "%s.p7s", argv[i]);
    BIO *s = BIO_new_file(sig, "rb"), *c = BIO_new_file(argv[i], "rb");
    CMS_ContentInfo *cms = s ? d2i_CMS_bio(s, NULL) : NULL;
    if (cms && c && CMS_verify(cms, chain, store, c, NULL, CMS_BINARY) == 1) ok++; else bad++;
    CMS_ContentInfo_free(cms); BIO_free(s); BIO_free(c);
  }
  printf("%d verified, %d not\n", ok, bad);
  return 0;
}
EOF
  cc -O2 -o "$work/cms-verify" "$work/cms-verify.c" -lcrypto
fi
case "$signing" in
  # bench.sh's check of the first file, over them all (this xmlsec1 has no --crl-pem).
  enveloped) verify=(xmlsec1 --verify --trusted-pem $P/trust/root-ca.pem --untrusted-pem $P/certs/chain.pem
    --verification-gmt-time "2026-11-10 08:00:00" "${files[@]}") ;;
  detached) verify=("$work/cms-verify" $P/trust/root-ca.pem $P/certs/chain.pem $P/trust/intermediate-ca.crl.pem "${files[@]}") ;;
esac

# ---- a cluster's CPU ------------------------------------------------------------------------------
descendants() { # pid → its children, their children and theirs
  local p
  for p in $(pgrep -P "$1"); do echo "$p"; descendants "$p"; done
}
sample() { # postmaster client-parent: every 0.1 s, each server process's and each client thread's ticks
  local pm=$1 parent=$2 pid t f
  while :; do
    for pid in $(pgrep -P "$pm"); do
      read -r -a f < "/proc/$pid/stat" 2>/dev/null && echo "s$pid $((f[13] + f[14]))"
    done
    for pid in $(descendants "$parent"); do
      for t in /proc/"$pid"/task/*; do
        read -r -a f < "$t/stat" 2>/dev/null && echo "c${t##*/} $((f[13] + f[14]))"
      done
    done
    sleep 0.1
  done
}
busiest() { # sample file, s|c → the CPU seconds of its busiest server process or client thread
  awk -v k="$2" 'substr($1, 1, 1) == k { last[$1] = $2 } END { for (p in last) if (last[p] > m) m = last[p]; printf "%.2f", m / 100 }' "$1"
}
# A measured run: CPU and wall of the client, its cluster's CPU and the busiest thread of each.
measured() { # OUT URL command...
  local out=$1 url=$2 pm t0 t1 sampler; shift 2
  pm=$(postmaster_of "$url")
  sleep 1; t0=$(cluster_ticks "$pm")
  "$@" & local parent=$!
  sample "$pm" "$parent" > "$work/sample" 2>/dev/null & sampler=$!
  wait "$parent" || true
  kill "$sampler"; wait "$sampler" 2>/dev/null || true
  sleep 0.5; t1=$(cluster_ticks "$pm")
  /usr/bin/awk -v c="$(tail -1 "$work/time")" -v s=$((t1 - t0)) -v bs="$(busiest "$work/sample" s)" -v bc="$(busiest "$work/sample" c)" \
    'BEGIN { split(c, t, " "); printf "%.2f %.2f %.2f %.2f %.2f\n", t[2] + t[3], t[1], s / 100, bc, bs }' >> "$work/$out"
}
timeit() { /usr/bin/time -f "%e %U %S" -o "$work/time" "$@"; }

for rep in $(seq "$reps"); do
  # The work any implementation must do.
  timed schema xmllint --noout --schema Schemas/ccm-raportare-v1.xsd "${files[@]}" 2>/dev/null
  timed parse xmllint --noout "${files[@]}"
  if [ "$signing" = none ]; then echo "0 0" >> "$work/sig"; else timed sig "${verify[@]}" > "$work/sig-out" 2>&1; fi
  # The storage floor (bench.sh's): its server's CPU, in a fresh cluster made as the peer's is.
  export CCM_HOME="$work/home-floor-$rep"
  "$ccm" db migrate >/dev/null
  "$ccm" registry import --at 2026-01-01T00:00:00+02:00 "$cache/furnizori.csv" >/dev/null
  url=$("$ccm" db url --proprietar)
  measured copy "$url" timeit $py scripts/peer-ingest.py --copy-floor --database-url "$url" --received-at $received "$cache/inbox" > "$work/out-floor"
  sed -n 's/.*COPY and COMMIT \([0-9.]*\) s$/\1/p' "$work/out-floor" >> "$work/copy-wall"
  "$ccm" db stop >/dev/null
  # ccm, one worker, as bench.sh runs it.
  export CCM_HOME="$work/home-ccm-$rep"
  ccm_month_registry "$cache"
  cp -r "$cache/inbox" "$work/inbox-ccm-$rep"
  url=$("$ccm" db url --proprietar)
  measured ccm "$url" timeit "$ccm" ingest --signatures "$signatures" --workers 1 --received-at $received --settle-seconds 0 \
    --inbox "$work/inbox-ccm-$rep" 2>"$work/log-ccm"
  # Its start alone: the same command on an empty inbox of the same cluster (process, connections,
  # schema, rules, nomenclators, the queue's scan), which no file's work can overlap.
  mkdir "$work/inbox-empty-$rep"
  measured start "$url" timeit "$ccm" ingest --signatures "$signatures" --workers 1 --received-at $received --settle-seconds 0 \
    --inbox "$work/inbox-empty-$rep" 2>/dev/null
  "$ccm" db stop >/dev/null
  # The peer script, as bench.sh runs it.
  export CCM_HOME="$work/home-peer-$rep"
  "$ccm" db migrate >/dev/null
  "$ccm" registry import --at 2026-01-01T00:00:00+02:00 "$cache/furnizori.csv" >/dev/null
  cp -r "$cache/inbox" "$work/inbox-peer-$rep"
  url=$("$ccm" db url --proprietar)
  measured peer "$url" timeit $py scripts/peer-ingest.py --database-url "$url" --received-at $received --casa TM --mediu TEST \
    --archive "$work/archive-peer-$rep" --quarantine "$work/quarantine-peer-$rep" "$work/inbox-peer-$rep" > /dev/null 2>&1
  "$ccm" db stop >/dev/null
  rm -rf "$work"/inbox-*-"$rep" "$work/archive-peer-$rep" "$work/quarantine-peer-$rep"
done
load1=$(cut -d' ' -f1-3 /proc/loadavg)

med() { # file column → the median of that column
  awk -v c="$2" '{ print $c }' "$work/$1" | sort -n | awk '{ v[NR] = $1 } END { printf "%.2f", (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}
ncerts=$(cat "${files[@]}" | grep -o "<Certificat[ >]" | wc -l)
echo "$shape: ${#files[@]} files, $ncerts certificates; $reps runs, medians; load average $load0 before, $load1 after"
case "$signing" in
  enveloped) echo "signatures: xmlsec1 --verify, one process for every file: $(grep -c '^OK$' "$work/sig-out" || true) OK of ${#files[@]}" ;;
  detached) echo "signatures: a C loop over OpenSSL's CMS_verify, one process: $(head -1 "$work/sig-out") of ${#files[@]}" ;;
esac
for f in schema parse sig copy ccm start peer; do echo "  $f runs: $(tr '\n' ';' < "$work/$f")"; done
awk -v xs="$(med schema 1)" -v xw="$(med schema 2)" -v xp="$(med parse 1)" -v sg="$(med sig 1)" -v sv="$signing" \
  -v fs="$(med copy 3)" -v fw="$(med copy-wall 1)" \
  -v cc="$(med ccm 1)" -v cw="$(med ccm 2)" -v cs="$(med ccm 3)" -v ct="$(med ccm 4)" -v cp="$(med ccm 5)" \
  -v pc="$(med peer 1)" -v pw="$(med peer 2)" -v ps="$(med peer 3)" \
  -v sc="$(med start 1)" -v sw="$(med start 2)" -v ss="$(med start 3)" 'BEGIN {
  sigw = (sv == "enveloped" ? sg - xp : sg)   # xmlsec1 parses each file again: that parse is xmllint'"'"'s already
  if (sigw < 0) sigw = 0
  floor_wall = xw + fw; floor_cpu = xs + fs; peer_cpu = pc + ps
  printf "CPU seconds (user+sys)\n"
  printf "  work:   xmllint --schema %.2f (wall %.2f)  parse alone %.2f  signatures %.2f%s  storage floor server %.2f (COPY wall %.2f)\n", \
    xs, xw, xp, sg, (sv == "enveloped" ? sprintf(" (%.2f without the parse)", sigw) : ""), fs, fw
  printf "  ccm:    ccm %.2f + its server %.2f = %.2f  (busiest ccm thread %.2f, busiest server process %.2f)  wall %.2f\n", cc, cs, cc + cs, ct, cp, cw
  printf "  script: python %.2f + its server %.2f = %.2f  wall %.2f\n", pc, ps, peer_cpu, pw
  printf "  floor:  xmllint %.2f + COPY server %.2f = %.2f CPU  wall %.2f\n", xs, fs, floor_cpu, floor_wall
  cb = (cc + cs) / 2; if (ct > cb) cb = ct; if (cp > cb) cb = cp
  ab = (xs + sigw + fs) / 2
  printf "lower bounds on 2 cores (wall seconds)\n"
  printf "  ccm as it is: max((ccm + server) / 2, busiest thread) = %.2f (measured wall %.2f)\n", cb, cw
  # The start runs alone (no file is in flight yet): its wall, then the rest of the CPU on two cores.
  sb = sw + ((cc + cs) - (sc + ss)) / 2; if (sb < cb) sb = cb
  printf "  ccm with its start: start wall %.2f (ccm %.2f + server %.2f CPU) + the rest of the CPU / 2 = %.2f; / floor %.2f | %.2f\n", \
    sw, sc, ss, sb, sb / floor_wall, sb / floor_cpu
  printf "  any implementation: (xmllint + signatures + storage floor server) / 2 = %.2f\n", ab
  printf "ratios (targets: <= 0.5 x script, <= 2.0 x floor), against the measured wall | against the CPU (an idle machine)\n"
  printf "  ccm bound / script %.2f | %.2f    ccm bound / floor %.2f | %.2f    measured ccm / script %.2f, / floor %.2f\n", \
    cb / pw, cb / peer_cpu, cb / floor_wall, cb / floor_cpu, cw / pw, cw / floor_wall
  printf "  any bound / script %.2f | %.2f    any bound / floor %.2f | %.2f\n", ab / pw, ab / peer_cpu, ab / floor_wall, ab / floor_cpu
  # 0.5 x script: (ccm + server) <= script; 2.0 x floor: (ccm + server) <= 4 x floor.
  printf "ccm + server CPU to reach each target (now %.2f): script %.2f | %.2f (x%.2f | x%.2f)  floor %.2f | %.2f (x%.2f | x%.2f)\n", \
    cc + cs, pw, peer_cpu, pw / (cc + cs), peer_cpu / (cc + cs), 4 * floor_wall, 4 * floor_cpu, 4 * floor_wall / (cc + cs), 4 * floor_cpu / (cc + cs)
}'
# The machine's load moves CPU seconds too (up to 2x here): each run's ratios, taken within the run, then their median.
paste -d' ' "$work"/{schema,parse,sig,copy,ccm,peer} | awk -v sv="$signing" '{
  xs = $1; xp = $3; sg = $5; fs = $9; cc = $12; cs = $14; pc = $17; ps = $19
  sigw = (sv == "enveloped" ? sg - xp : sg); if (sigw < 0) sigw = 0
  printf "%.3f %.3f %.3f %.3f %.3f\n", (cc + cs) / 2 / (pc + ps), (cc + cs) / 2 / (xs + fs), (xs + sigw + fs) / 2 / (pc + ps), (xs + sigw + fs) / 2 / (xs + fs), (cc + cs) / (4 * (xs + fs))
}' > "$work/ratios"
printf "each run's CPU ratios (%s), median %.2f %.2f %.2f %.2f: (ccm+server)/2 / script CPU, / floor CPU; any bound / script CPU, / floor CPU\n" \
  "$(awk '{ printf "%s%.2f %.2f %.2f %.2f", (NR > 1 ? "; " : ""), $1, $2, $3, $4 }' "$work/ratios")" "$(med ratios 1)" "$(med ratios 2)" "$(med ratios 3)" "$(med ratios 4)"
printf "  so ccm + server CPU must be x%.2f (script) and x%.2f (floor) of today's, by the median run\n" \
  "$(awk '{ print 0.5 / $1 }' "$work/ratios" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')" "$(awk '{ print 1 / $5 }' "$work/ratios" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')"

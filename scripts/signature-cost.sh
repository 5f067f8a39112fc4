#!/usr/bin/env bash
# The cost of signature verification per document: N copies of a SampleData document signed
# enveloped, N signed detached, each folder ingested with and without signature checks into
# a fresh embedded database (release build). Usage: scripts/signature-cost.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-200}
swift build -c release >/dev/null
ccm="$(swift build -c release --show-bin-path)/ccm"
work="$(mktemp -d /var/tmp/ccm-sigcost.XXXXXX)"; chmod 755 "$work"
trap 'for h in "$work"/home-*; do CCM_HOME="$h" "$ccm" db stop >/dev/null 2>&1 || true; done' EXIT
P=SampleData/pki
src=SampleData/inbox/CCM_8156685_202610_I_2.xml   # a hospital file, 37 certificates
cui=8156685
for mode in enveloped detached; do
  mkdir -p "$work/$mode"
  for i in $(seq 1 "$n"); do
    f="$work/$mode/doc$i.xml"
    # its own idDocument each; all but the first end F10 (one INITIALA per month), the same in
    # both runs, so the difference between the runs is the signature
    python3 - "$src" "$f" "$i" <<'PY'
import sys, uuid
s = open(sys.argv[1], encoding="utf-8").read()
i = int(sys.argv[3])
s = s.replace('idDocument="', 'idDocument="' + str(uuid.UUID(int=i)) + '" x="', 1).replace(' x="' + s.split('idDocument="')[1].split('"')[0] + '"', '', 1)
open(sys.argv[2], "w", encoding="utf-8").write(s)
PY
    if [ "$mode" = enveloped ]; then
      bash scripts/sign-submission.sh enveloped $P/keys/signer-valid-rsa.key.pem $P/certs/signer-valid-rsa.pem $P/certs/chain.pem "$f" "$f.s" 2>/dev/null && mv "$f.s" "$f"
    else
      bash scripts/sign-submission.sh detached --no-attr $P/keys/signer-valid-rsa.key.pem $P/certs/signer-valid-rsa.pem $P/certs/chain.pem "$f" "$f.p7s" 2>/dev/null
    fi
  done
done
run() { # mode signatures
  local home="$work/home-$1-$2"; export CCM_HOME="$home" CCM_CASA=TM CCM_MEDIU=TEST
  "$ccm" registry import --at 2026-01-01T00:00:00+02:00 SampleData/registry/furnizori.csv SampleData/registry/semnatari.csv >/dev/null 2>&1
  "$ccm" trust add $P/trust/root-ca.pem $P/trust/intermediate-ca.crl.pem >/dev/null
  rm -rf "$work/in"; cp -r "$work/$1" "$work/in"
  local start end; start=$(date +%s.%N)
  "$ccm" ingest --signatures "$2" --received-at 2026-11-10T10:00:00+02:00 --inbox "$work/in" 2>/dev/null
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}
printf "%-10s %-12s %-12s %s\n" form "off (s)" "required (s)" "ms/document for the signature"
for mode in enveloped detached; do
  off=$(run "$mode" off); req=$(run "$mode" required)
  awk -v m="$mode" -v a="$off" -v b="$req" -v n="$n" 'BEGIN { printf "%-10s %-12.2f %-12.2f %.2f\n", m, a, b, (b - a) * 1000 / n }'
done
rm -rf "$work"

#!/usr/bin/env bash
# Peak memory with one very large file (06-quality-targets.md: ≤ 300 MB RSS whatever the size of
# one file, up to 200 MB), signed either way: a hospital's month of ~510,000 certificates
# (~200 MB, seeded), signed enveloped (xmlsec1, ~3 GB and a minute, once) and detached (CMS),
# each through `ccm ingest --signatures required` into a fresh embedded database, timed by
# /usr/bin/time (wall, and ccm's own CPU: the server's is apart). Data is cached under
# /var/tmp/ccm-large (not committed). READS=1 runs ccm under strace and counts how often the
# file was opened and how many of its bytes were read (once: as many as its size).
#   scripts/large-file.sh [certificates]     # default 510000 (≈ 200 MB)
set -euo pipefail
cd "$(dirname "$0")/.."
certs=${1:-510000}
bash scripts/setup.sh >/dev/null
source scripts/lib/cluster.sh
ccm_build release
P=SampleData/pki
cache=/var/tmp/ccm-large/$certs
if [ ! -f "$cache/.complete" ]; then
  rm -rf "$cache"; mkdir -p "$cache"
  python3 scripts/gen-month.py --providers 1 --certs "$certs" --seed 7 --out "$cache/gen" >/dev/null
  src=$(ls "$cache"/gen/inbox/*.xml | head -1)
  mkdir -p "$cache/enveloped" "$cache/detached"
  bash scripts/sign-submission.sh enveloped $P/keys/signer-valid-rsa.key.pem $P/certs/signer-valid-rsa.pem $P/certs/chain.pem \
    "$src" "$cache/enveloped/$(basename "$src")" 2>/dev/null
  cp "$src" "$cache/detached/"
  bash scripts/sign-submission.sh detached $P/keys/signer-valid-rsa.key.pem $P/certs/signer-valid-rsa.pem $P/certs/chain.pem \
    "$src" "$cache/detached/$(basename "$src").p7s" 2>/dev/null
  touch "$cache/.complete"
fi
rsa_sha=$(openssl x509 -in $P/certs/signer-valid-rsa.pem -outform DER | sha256sum | cut -d' ' -f1)
ccm_scratch large-run
export CCM_CASA=TM CCM_MEDIU=TEST
{ echo "cui,cert_sha256,cnp,nume,email,rol,stare,de_la"
  tail -n +2 "$cache/gen/furnizori.csv" | cut -d, -f1 | sed "s/\$/,$rsa_sha,1850512350011,Semnatar Test,s@test.ro,REPREZENTANT_LEGAL,ACTIV,2026-01-01/"
} > "$work/semnatari.csv"

printf "%-10s %-10s %-13s %-10s %-10s %-14s %s\n" form "size (MB)" certificates "wall (s)" "cpu (s)" "peak RSS (MB)" outcome
for form in enveloped detached; do
  export CCM_HOME="$work/home-$form"
  "$ccm" registry import --at 2026-01-01T00:00:00+02:00 "$cache/gen/furnizori.csv" "$work/semnatari.csv" >/dev/null
  "$ccm" trust add $P/trust/root-ca.pem $P/trust/intermediate-ca.crl.pem >/dev/null
  cp -r "$cache/$form" "$work/inbox-$form"
  file=$(ls "$work/inbox-$form"/*.xml)
  size=$(stat -c %s "$file")
  trace=()
  [ -n "${READS:-}" ] && trace=(strace -f -qq -y -e trace=openat,read,pread64 -o "$work/strace-$form")
  /usr/bin/time -f "%e %M %U %S" -o "$work/time-$form" "${trace[@]}" "$ccm" ingest --signatures required \
    --received-at 2026-11-10T10:00:00+02:00 --inbox "$work/inbox-$form" 2>"$work/log-$form" || true
  read -r wall rss user sys < "$work/time-$form"
  outcome=$(grep -o "xml: [A-Z]*.*" "$work/log-$form" | head -1 | cut -c1-60)
  printf "%-10s %-10.1f %-13d %-10.1f %-10.1f %-14.1f %s\n" "$form" "$(echo "$size / 1048576" | bc -l)" "$certs" "$wall" \
    "$(echo "$user + $sys" | bc -l)" "$(echo "$rss / 1024" | bc -l)" "$outcome"
  if [ -n "${READS:-}" ]; then
    name=$(basename "$file")
    opens=$(grep -c "openat(.*/$name\"" "$work/strace-$form" || true)
    bytes=$(grep -E "^[0-9]+ +p?read(64)?\([0-9]+<[^>]*/$name>" "$work/strace-$form" | sed -E 's/.*= ([0-9]+).*/\1/' | paste -sd+ | bc)
    echo "  $name: opened $opens times; ${bytes:-0} bytes read of $size ($(echo "${bytes:-0} / $size" | bc -l | cut -c1-4) times the file)"
  fi
done

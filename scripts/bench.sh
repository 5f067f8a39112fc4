#!/usr/bin/env bash
# The benchmark (06-quality-targets.md "Scale and speed"): a deterministic month (seeded),
# signed (detached CMS), a fresh embedded database, `ccm ingest` over it all, and in the same
# run the floor: `xmllint --noout --schema` over the same files. Prints files/s,
# certificates/s, peak RSS, wall time and the ratio to the floor, once with one worker and once
# with two (`ingest --workers 2`), and fails unless both end in the same database. Data is cached
# under /var/tmp/ccm-bench/<scale> (not committed).
#   scripts/bench.sh small      # 40 files, a hospital of 500: seconds (CI runs this)
#   scripts/bench.sh county     # 1,000 files, hospitals of 5,000
#   scripts/bench.sh national   # 20,000 files, ~400,000 certificates (signing takes minutes the first time)
set -euo pipefail
cd "$(dirname "$0")/.."
scale=${1:-small}
case "$scale" in
  small) files=40; hospital=500; shape="" ;;
  county) files=1000; hospital=5000; shape="" ;;
  # 20,000 files, about 400,000 certificates (06-quality-targets.md): five hospitals of 20,000.
  national) files=20000; hospital=20000; shape="--hospital-every 4000 --small-max 30" ;;
  *) echo "usage: $0 small|county|national" >&2; exit 1 ;;
esac
bash scripts/setup.sh libxml2-utils >/dev/null
swift build -c release >/dev/null 2>&1 || swift build -c release
ccm="$(swift build -c release --show-bin-path)/ccm"
cache=/var/tmp/ccm-bench/$scale
P=SampleData/pki
if [ ! -f "$cache/.complete" ]; then
  rm -rf "$cache"; mkdir -p "$cache"; chmod 755 /var/tmp/ccm-bench "$cache"
  # shellcheck disable=SC2086
  python3 scripts/gen-month.py --providers "$files" --certs "$hospital" --realistic $shape --faulty 0.02 --seed 20261031 --out "$cache"
  rsa_sha=$(openssl x509 -in $P/certs/signer-valid-rsa.pem -outform DER | sha256sum | cut -d' ' -f1)
  { echo "cui,cert_sha256,cnp,nume,email,rol,stare,de_la"
    tail -n +2 "$cache/furnizori.csv" | cut -d, -f1 | sed "s/\$/,$rsa_sha,1850512350011,Semnatar Test,s@test.ro,REPREZENTANT_LEGAL,ACTIV,2026-01-01/"
  } > "$cache/semnatari.csv"
  for f in "$cache"/inbox/*.xml; do
    openssl cms -sign -binary -noattr -md sha256 -in "$f" -signer $P/certs/signer-valid-rsa.pem -inkey $P/keys/signer-valid-rsa.key.pem \
      -certfile $P/certs/chain.pem -outform DER -out "$f.p7s"
  done
  touch "$cache/.complete"
fi
nfiles=$(ls "$cache"/inbox/*.xml | wc -l)
ncerts=$(cat "$cache"/inbox/*.xml | grep -o "<Certificat>" | wc -l)
work="$(mktemp -d /var/tmp/ccm-bench-run.XXXXXX)"; chmod 755 "$work"
export CCM_CASA=TM CCM_MEDIU=TEST
trap 'for h in "$work"/home-*; do CCM_HOME="$h" "$ccm" db stop >/dev/null 2>&1 || true; done; rm -rf "$work"' EXIT

# The floor: libxml2's own validator over the same files, in the same run.
floor_start=$(date +%s.%N)
xmllint --noout --schema Schemas/ccm-raportare-v1.xsd "$cache"/inbox/*.xml 2>/dev/null || true
floor=$(echo "$(date +%s.%N) - $floor_start" | bc)

run() { # workers → a fresh database, the month ingested by that many workers; prints one table row
  export CCM_HOME="$work/home-$1"
  "$ccm" registry import --at 2026-01-01T00:00:00+02:00 "$cache/furnizori.csv" "$cache/semnatari.csv" >/dev/null
  "$ccm" trust add $P/trust/root-ca.pem $P/trust/intermediate-ca.crl.pem >/dev/null
  cp -r "$cache/inbox" "$work/inbox-$1"
  status=0
  /usr/bin/time -f "%e %M" -o "$work/time-$1" "$ccm" ingest --workers "$1" --received-at 2026-11-10T10:00:00+02:00 --inbox "$work/inbox-$1" 2>"$work/log-$1" || status=$?
  # time(1) puts "Command exited with non-zero status N" before its figures.
  read -r wall rss < <(tail -1 "$work/time-$1")
  if [ "$status" -ne 0 ]; then
    echo "ccm ingest --workers $1 exited $status:" | tee -a "$work/failed" >&2
    grep -v " ccm info: " "$work/log-$1" | tail -5 >&2
  fi
  registered=$(grep -c "xml: INREGISTRAT" "$work/log-$1" || true)
  refused=$(grep -c "xml: RESPINS" "$work/log-$1" || true)
  left=$(find "$work/inbox-$1" -name '*.xml' | wc -l)
  bash scripts/db-dump.sh "$("$ccm" db url --proprietar)" "$work/home-$1" > "$work/dump-$1"
  awk -v s="$scale" -v w1="$1" -v f="$nfiles" -v c="$ncerts" -v w="$wall" -v r="$rss" -v fl="$floor" -v reg="$registered" -v ref="$refused" -v l="$left" 'BEGIN {
    printf "%-9s %-8d %-6d %-13d %-11d %-8d %-5d %-9.2f %-8.1f %-15.0f %-14.1f %-10.2f %.1f\n", s, w1, f, c, reg, ref, l, w, f / w, c / w, r / 1024, fl, w / fl
  }'
}
printf "scale     workers  files  certificates  registered  refused  left  wall (s)  files/s  certificates/s  peak RSS (MB)  floor (s)  ratio\n"
run 1
run 2
# Peak RSS: /usr/bin/time reports the largest process (each worker is its own process).
# No version may lack its document (the schema does not check it row by row: migration 11).
if grep -q "^V|(fara document)|" "$work/dump-1" "$work/dump-2"; then
  echo "certificate versions without their document" >&2
  exit 1
fi
# A worker that failed (a deadlock, say) is a failure even when the others finished its files.
if [ -s "$work/failed" ]; then
  cat "$work/failed" >&2
  exit 1
fi
if diff -q "$work/dump-1" "$work/dump-2" >/dev/null; then
  echo "2 workers: the same database as 1 worker ($(grep -c '^D' "$work/dump-1") documents, $(grep -c '^V' "$work/dump-1") certificate versions)"
else
  diff "$work/dump-1" "$work/dump-2" | head -20
  echo "2 workers: DIFFERENT from 1 worker" >&2
  exit 1
fi

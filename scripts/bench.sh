#!/usr/bin/env bash
# The benchmark (06-quality-targets.md "Scale and speed"): a deterministic month (seeded), and on
# the same files in the same run:
#   - `ccm ingest` into a fresh embedded database, once with one worker and once with two
#     (`--workers 2`); it fails unless both end in the same database;
#   - the peer: scripts/peer-ingest.py, the same job as a straightforward script (lxml, the same
#     XSD, the cheap rules, psycopg into a database `ccm db migrate` made, one transaction per
#     document), in a fresh cluster of its own; it fails unless ccm and the script agree on the
#     verdicts of the checks the script makes (it checks no signature);
#   - the floor: `xmllint --noout --schema` over the files, plus the storage floor: the rows the
#     script stores, COPYed at once into a database with ccm's schema, in one transaction, and
#     their current versions into certificate_current, where ccm's look-back indexes are.
# Prints wall time, certificates/s and peak RSS of each, ccm's ratio to the script and to the
# floor, and the cost of a certificate in the first and the last tenth of each run (read from
# the documents' processed_at, see `tenths`; their ratio also against a cost a document and a
# certificate fitted to the run, `against_model`); last, the run's row of the README's table
# (scripts/bench-table.sh gathers them). Every file is received at the same time (--received-at).
#   scripts/bench.sh small      # 40 files, a hospital of 500: seconds (CI runs this)
#   scripts/bench.sh county     # 1,000 files, hospitals of 5,000
#   scripts/bench.sh national   # 20,000 files, ~400,000 certificates (signing takes minutes the first time)
#   scripts/bench.sh series     # 300 files of 20 certificates, every one of series CCMBN
#   scripts/bench.sh series2000 # the same with 2,000 files
#   scripts/bench.sh hospital   # a hospital of 20,000 among 999 small providers
#   scripts/bench.sh rectificatives   # 300 INITIALAs and 150 RECTIFICATIVAs
#   scripts/bench.sh all        # every shape, signing and base of the target: scripts/bench-table.sh
# The data's dimensions, each orthogonal to the shape:
#   SIGNING=detached   # each file with a detached CMS .p7s (the default)
#   SIGNING=enveloped  # each file with an enveloped XML-DSig, made as sign-submission.sh makes it
#   SIGNING=none       # unsigned files; ccm runs with --signatures off
#   BASE=10m           # every database (ccm's, the peer's, the floor's) first holds 10 million
#                      # certificate versions of earlier months (scripts/gen-history.sh, not timed);
#                      # BASE=1m or 20k to try it; none by default (an empty database)
#   SIGNATURES=off scripts/bench.sh series   # ccm with --signatures off (the files stay signed)
#   CCM_BIN=/tmp/ccm-before scripts/bench.sh small   # another build's ccm, not this checkout's
#   PREPARE=only scripts/bench.sh county     # only make the cached month (for db-profile.sh)
#   REPEAT=3 scripts/bench.sh series   # ccm (1 worker) and the script each run 3 times, alternately,
#                      # each into a new database; the wall times and ratios are the medians
#                      # (one run moves by up to ±40% on this machine kind). Not with a BASE.
# Data is cached under /var/tmp/ccm-bench/<shape>-<signing>.
set -euo pipefail
cd "$(dirname "$0")/.."

# ---- what to run: the shape, how its files are signed, what the databases hold before --------
scale=${1:-small}
case "$scale" in
  small) gen="--providers 40 --certs 500 --realistic" ;;
  county) gen="--providers 1000 --certs 5000 --realistic" ;;
  # 20,000 files, about 400,000 certificates (06-quality-targets.md): five hospitals of 20,000.
  national) gen="--providers 20000 --certs 20000 --realistic --hospital-every 4000 --small-max 30" ;;
  # A county's pads are mostly one series: every provider one INITIALA of 20, all CCMBN.
  series) gen="--providers 300 --certs 20 --serie CCMBN" ;;
  series2000) gen="--providers 2000 --certs 20 --serie CCMBN" ;;
  # One hospital of 20,000 certificates among 999 small providers.
  hospital) gen="--providers 1000 --certs 20000 --realistic --hospital-every 1000" ;;
  # Half the providers send a RECTIFICATIVA after their INITIALA: a third of the files.
  rectificatives) gen="--providers 300 --certs 500 --realistic --rectificatives 0.5" ;;
  all) shift; exec bash scripts/bench-table.sh "$@" ;;
  *) echo "usage: [SIGNING=detached|enveloped|none] [BASE=10m] $0 small|county|national|series|series2000|hospital|rectificatives|all" >&2; exit 1 ;;
esac
signing=${SIGNING:-detached}
case "$signing" in
  detached|enveloped) signatures=${SIGNATURES:-required} ;;
  none) signatures=${SIGNATURES:-off} ;;
  *) echo "SIGNING=detached|enveloped|none, not '$signing'" >&2; exit 1 ;;
esac
base=${BASE:-}
[ "$base" = 0 ] && base=
[[ -z "$base" || "$base" =~ ^[1-9][0-9]*[kKmM]?$ ]] || { echo "BASE=10m|1m|20k|a number of versions, not '$base'" >&2; exit 1; }

bash scripts/setup.sh libxml2-utils python3-lxml python3-psycopg >/dev/null
# Debian's python3, which has the python3-lxml and python3-psycopg setup.sh installs.
py=/usr/bin/python3
P=SampleData/pki
received=2026-11-10T10:00:00+02:00

# ---- the month's files, made once per shape and signing form ------------------------------------
cache=/var/tmp/ccm-bench/$scale-$signing
if [ ! -f "$cache/.complete" ]; then
  rm -rf "$cache"; mkdir -p "$cache"; chmod 755 /var/tmp/ccm-bench "$cache"
  template=; [ "$signing" = enveloped ] && template=--signature-template
  # shellcheck disable=SC2086
  nice -n 5 python3 scripts/gen-month.py $gen $template --faulty 0.02 --seed 20261031 --out "$cache"
  rsa_sha=$(openssl x509 -in $P/certs/signer-valid-rsa.pem -outform DER | sha256sum | cut -d' ' -f1)
  { echo "cui,cert_sha256,cnp,nume,email,rol,stare,de_la"
    tail -n +2 "$cache/furnizori.csv" | cut -d, -f1 | sed "s/\$/,$rsa_sha,1850512350011,Semnatar Test,s@test.ro,REPREZENTANT_LEGAL,ACTIV,2026-01-01/"
  } > "$cache/semnatari.csv"
  each_file() { # a command for "$f": run over the inbox on every core
    printf '%s\0' "$cache"/inbox/*.xml | P=$P nice -n 5 xargs -0 -n 50 -P "$(nproc)" bash -ec "for f; do $1; done" _
  }
  case "$signing" in
    detached)
      each_file 'openssl cms -sign -binary -noattr -md sha256 -in "$f" -signer $P/certs/signer-valid-rsa.pem -inkey $P/keys/signer-valid-rsa.key.pem \
        -certfile $P/certs/chain.pem -outform DER -out "$f.p7s"' ;;
    enveloped)
      # The template gen-month.py wrote is sign-submission.sh's; xmlsec1 fills it as that script does
      # (one process a file, not that script's ten: the national month has 20,000 files).
      each_file 'xmlsec1 --sign --privkey-pem $P/keys/signer-valid-rsa.key.pem,$P/certs/signer-valid-rsa.pem,$P/certs/chain.pem \
        --output "$f.signed" "$f" && mv "$f.signed" "$f"'
      xmlsec1 --verify --trusted-pem $P/trust/root-ca.pem --untrusted-pem $P/certs/chain.pem \
        --verification-gmt-time "2026-11-10 08:00:00" "$(ls "$cache"/inbox/*.xml | head -1)" >/dev/null 2>&1 \
        || { echo "the enveloped signature of the first file does not verify" >&2; exit 1; } ;;
  esac
  touch "$cache/.complete"
fi
[ "${PREPARE:-}" = only ] && exit 0

source scripts/lib/cluster.sh
ccm_build release   # CCM_BIN=another build's ccm: measure that one on the same data
preload() { # URL: the BASE's earlier months into a migrated database, not timed
  [ -n "$base" ] || return 0
  local start; start=$(date +%s)
  nice -n 5 bash scripts/gen-history.sh "$1" "$base"
  echo "base $base: $(psql "$1" -qAt -c "SELECT count(*) FROM certificate_versions") versions in $(( $(date +%s) - start )) s" >&2
}
# Only the run's own documents count: a BASE's were received before it.
run_only="received_at = '$received'"
nfiles=$(ls "$cache"/inbox/*.xml | wc -l)
ncerts=$(cat "$cache"/inbox/*.xml | grep -o "<Certificat[ >]" | wc -l)
ccm_scratch bench-run
export CCM_CASA=TM CCM_MEDIU=TEST

# The xmllint floor: libxml2's own validator over the same files, in the same run.
floor_start=$(date +%s.%N)
xmllint --noout --schema Schemas/ccm-raportare-v1.xsd "$cache"/inbox/*.xml 2>"$work/xmllint" || true
xmllint_s=$(echo "$(date +%s.%N) - $floor_start" | bc)
# gen-month.py breaks no schema rule: a file refused here (an enveloped ds:Signature, say) is the data's fault.
if grep -q "fails to validate" "$work/xmllint"; then
  grep "fails to validate" "$work/xmllint" | head -3 >&2
  echo "xmllint: the schema refuses $(grep -c "fails to validate" "$work/xmllint") of the $signing files" | tee -a "$work/failed" >&2
fi

large=1000   # certificates: a larger document is left out of the tenths (see `tenths`)
document_times() { # URL → each of the run's documents, in the order stored: "processed_at (epoch s) certificates"
  psql "$1" -qAt -F' ' -c "SELECT extract(epoch FROM processed_at), coalesce(nr_certificate, 0) FROM documents WHERE $run_only ORDER BY processed_at, id"
}
tenths() { # URL [ALL] → "first last": milliseconds per certificate in the first and the last tenth of the documents
  # Each document's cost is the time between its row's processed_at (clock_timestamp() at its
  # INSERT, in its transaction) and the previous document's, over the certificates it held; the
  # first document's own cost (it also pays the run's start) is in neither tenth. Documents of
  # more than $large certificates are left out (ALL: kept): one spreads a document's fixed cost
  # over thousands of certificates, so a tenth holding one looks cheaper whatever the database
  # holds (the county month has one in every other tenth); the tenths compare like with like.
  document_times "$1" |
    awk -v all="${2:+1}" -v max="$large" '{ t[NR - 1] = $1; c[NR - 1] = $2 } END {
      for (i = 1; i < NR; i++) if (all == "1" || c[i] <= max) { m++; d[m] = t[i] - t[i - 1]; e[m] = c[i] }
      if (m == 0) for (i = 1; i < NR; i++) { m++; d[m] = t[i] - t[i - 1]; e[m] = c[i] }   # every document is large
      k = int(m / 10); if (k < 1) k = 1
      for (i = 1; i <= k; i++) { ft += d[i]; fc += e[i] }
      for (i = m - k + 1; i <= m; i++) { lt += d[i]; lc += e[i] }
      printf "%.3f %.3f\n", ft * 1000 / (fc > 0 ? fc : 1), lt * 1000 / (lc > 0 ? lc : 1)
    }'
}

against_model() { # URL → last tenth / first tenth of each document's time over a cost fitted to the whole run
  # (least squares: one cost a document plus one a certificate, documents of at most $large): how much of
  # the tenths' difference is left once the sizes of the documents each tenth happens to hold are
  # accounted for (a month whose documents are all the same size: a cost a document alone).
  document_times "$1" |
    awk -v max="$large" '{ t[NR - 1] = $1; c[NR - 1] = $2 } END {
      for (i = 1; i < NR; i++) if (c[i] <= max) { m++; y[m] = t[i] - t[i - 1]; x[m] = c[i]; sx += x[m]; sy += y[m]; sxx += x[m] * x[m]; sxy += x[m] * y[m] }
      if (m < 2) { print 0; exit }
      q = m * sxx - sx * sx; b = (q > 0 ? (m * sxy - sx * sy) / q : 0); a = (sy - b * sx) / m
      k = int(m / 10); if (k < 1) k = 1
      for (i = 1; i <= k; i++) { fy += y[i]; fp += a + b * x[i] }
      for (i = m - k + 1; i <= m; i++) { ly += y[i]; lp += a + b * x[i] }
      printf "%.2f\n", (fy > 0 && fp > 0 && lp > 0 ? (ly / lp) / (fy / fp) : 0)
    }'
}

verdicts() { # URL → the verdicts of the checks the script makes and whether each version is current, one line per document and certificate
  psql "$1" -qAt -c "
    SELECT 'D|' || d.file_name || '|' || d.status || '|' || coalesce((SELECT string_agg(DISTINCT r.code, ',' ORDER BY r.code) FROM document_reasons r
        WHERE r.document_id = d.id AND r.code IN ('F01','F02','F07','F08','F10','F11','F12','F13')), '')
      FROM documents d WHERE d.$run_only ORDER BY d.file_name, d.status;
    SELECT 'V|' || d.file_name || '|' || v.position || '|' || v.serie || '|' || v.numar || '|' || (v.valid_to IS NULL) || '|' || coalesce((SELECT string_agg(e->>'code', ',' ORDER BY e->>'code')
        FROM jsonb_array_elements(v.errors) e WHERE e->>'code' IN ('C01','C03','C04','C21') AND e->>'severity' = 'EROARE'), '')
      FROM certificate_versions v JOIN documents d ON d.id = v.document_id WHERE d.$run_only ORDER BY d.file_name, v.position, v.valid_from;"
}

# Each run's wall time, peak RSS (time(1): the largest process; each worker is its own) and database.
declare -A wall rss url
ingest() { # KEY WORKERS → the month ingested by ccm into a fresh database of its own ($work/home-KEY)
  export CCM_HOME="$work/home-$1"
  if [ -n "$base" ]; then "$ccm" db migrate >/dev/null; preload "$("$ccm" db url --proprietar)"; fi
  ccm_month_registry "$cache"
  cp -r "$cache/inbox" "$work/inbox-$1"
  local status=0
  /usr/bin/time -f "%e %M" -o "$work/time-$1" "$ccm" ingest --signatures "$signatures" --workers "$2" --received-at $received --settle-seconds 0 --inbox "$work/inbox-$1" 2>"$work/log-$1" || status=$?
  # time(1) puts "Command exited with non-zero status N" before its figures.
  read -r "wall[$1]" "rss[$1]" < <(tail -1 "$work/time-$1")
  if [ "$status" -ne 0 ]; then
    echo "ccm ingest --workers $2 ($1) exited $status:" | tee -a "$work/failed" >&2
    grep -v " ccm info: " "$work/log-$1" | tail -5 >&2
  fi
  url[$1]=$("$ccm" db url --proprietar)
}
run() { # workers → a fresh database, the month ingested by that many workers, dumped
  ingest "ccm$1" "$1"
  url[$1]=${url[ccm$1]}
  bash scripts/db-dump.sh "${url[$1]}" "$work/home-ccm$1" "$received" > "$work/dump-$1"
}
run 1
run 2

# The peer, in a cluster of its own made as ccm makes its own, with the registry ccm imports (F07).
peer_database() { # KEY → url[KEY]: a migrated database ($work/home-KEY) holding the BASE and the registry
  export CCM_HOME="$work/home-$1"
  url[$1]=$("$ccm" db url --proprietar)
  "$ccm" db migrate >/dev/null
  preload "${url[$1]}"
  "$ccm" registry import --at 2026-01-01T00:00:00+02:00 "$cache/furnizori.csv" >/dev/null
}
peer() { # KEY → the month ingested by the script into url[KEY]
  cp -r "$cache/inbox" "$work/inbox-$1"
  local status=0
  /usr/bin/time -f "%e %M" -o "$work/time-$1" $py scripts/peer-ingest.py --database-url "${url[$1]}" --received-at $received \
    --casa TM --mediu TEST --archive "$work/archive-$1" --quarantine "$work/quarantine-$1" "$work/inbox-$1" \
    >"$work/out-$1" 2>"$work/log-$1" || status=$?
  read -r "wall[$1]" "rss[$1]" < <(tail -1 "$work/time-$1")
  if [ "$status" -ne 0 ]; then echo "peer-ingest.py ($1) exited $status:" | tee -a "$work/failed" >&2; tail -5 "$work/log-$1" >&2; fi
}
peer_database peer
# The storage floor's database: this one as the peer finds it (the schema, the BASE, the registry).
psql "${url[peer]/dbname=ccm/dbname=postgres}" -qc "CREATE DATABASE floor TEMPLATE ccm" >/dev/null
url[floor]=${url[peer]/dbname=ccm/dbname=floor}
peer peer

# The storage floor: the script's rows, at once, into the copy made before the peer ran.
$py scripts/peer-ingest.py --copy-floor --database-url "${url[floor]}" --received-at $received "$cache/inbox" > "$work/out-floor"
storage_s=$(sed -n 's/.*COPY and COMMIT \([0-9.]*\) s$/\1/p' "$work/out-floor")
floor_s=$(echo "$xmllint_s + $storage_s" | bc)

# REPEAT: more runs of ccm (1 worker) and the script, alternately, each into a new database; the
# medians of all their wall times and of ccm's tenths are what the ratios are made of.
repeat=${REPEAT:-1}
[ -n "$base" ] && repeat=1
walls_ccm=("${wall[ccm1]}") walls_peer=("${wall[peer]}") tenths_ccm=("$(tenths "${url[1]}")")
for ((k = 2; k <= repeat; k++)); do
  ingest "again-$k" 1
  walls_ccm+=("${wall[again-$k]}") tenths_ccm+=("$(tenths "${url[again-$k]}")")
  "$ccm" db stop >/dev/null 2>&1 || true
  peer_database "peer-again-$k"
  peer "peer-again-$k"
  walls_peer+=("${wall[peer-again-$k]}")
  "$ccm" db stop >/dev/null 2>&1 || true
done
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
if [ "$repeat" -gt 1 ]; then
  echo "REPEAT=$repeat: ccm (1 worker) ${walls_ccm[*]} s, the script ${walls_peer[*]} s (alternately); the medians below"
  wall[ccm1]=$(median "${walls_ccm[@]}") wall[peer]=$(median "${walls_peer[@]}")
  # The tenths of the run whose last/first is the median one.
  ccm_tenths=$(for t in "${tenths_ccm[@]}"; do echo "$t" | awk '{ printf "%.6f %s\n", ($1 > 0 ? $2 / $1 : 0), $0 }'; done | sort -g |
    awk '{ l[NR] = $2 " " $3 } END { print l[int((NR + 1) / 2)] }')
else
  ccm_tenths=${tenths_ccm[0]}
fi

stored=$(grep -c '^V' "$work/dump-1" || true)
echo "$scale, signed $signing, ccm --signatures $signatures, ${base:-empty} base: $nfiles files, $ncerts certificates ($stored versions stored by ccm); $(sed 's/^storage floor: //' "$work/out-floor")"
printf "%-24s %9s %15s %14s %10s %10s %13s %13s\n" "run" "wall (s)" "certificates/s" "peak RSS (MB)" "ccm/this" "this/floor" "first tenth" "last tenth"
echo "  (first and last tenth: wall time per certificate in the first and the last tenth of the run's documents of at most $large certificates)"
row() { # name wall rss(kB or -) tenths
  awk -v n="$1" -v w="$2" -v r="$3" -v c="$ncerts" -v ccm="${wall[ccm1]}" -v fl="$floor_s" -v t="$4" 'BEGIN {
    split(t, tt, " ")
    printf "%-24s %9.2f %15.0f %14s %10.2f %10.2f %13s %13s\n", n, w, c / w, (r == "-" ? "-" : sprintf("%.1f", r / 1024)), ccm / w, w / fl,
      (tt[1] == "" ? "-" : tt[1] " ms"), (tt[2] == "" ? "-" : tt[2] " ms")
  }'
}
row "ccm, 1 worker" "${wall[ccm1]}" "${rss[ccm1]}" "$ccm_tenths"
row "ccm, 2 workers" "${wall[ccm2]}" "${rss[ccm2]}" "$(tenths "${url[2]}")"
row "script (peer-ingest.py)" "${wall[peer]}" "${rss[peer]}" "$(tenths "${url[peer]}")"
row "floor: xmllint + COPY" "$floor_s" "-" ""
printf "  (xmllint %.2f s + storage floor %.2f s)\n" "$xmllint_s" "$storage_s"
awk -v c="${wall[ccm1]}" -v p="${wall[peer]}" -v f="$floor_s" -v t="$ccm_tenths" -v a="$(tenths "${url[1]}" all)" -v m="$(against_model "${url[1]}")" 'BEGIN {
  split(t, tt, " "); split(a, aa, " ")
  printf "ccm (1 worker) / script %.2f (target <= 0.5), ccm / floor %.2f (target <= 2.0), last tenth / first tenth %.2f (target within 20%%; %.2f with every document, %.2f against the run'"'"'s own cost a document and a certificate, in the first run)\n",
    c / p, c / f, (tt[1] > 0 ? tt[2] / tt[1] : 0), (aa[1] > 0 ? aa[2] / aa[1] : 0), m
}'

# The script and ccm must agree on every verdict the script makes (ccm checks more: signatures, history).
verdicts "${url[1]}" > "$work/verdicts-ccm"
verdicts "${url[peer]}" > "$work/verdicts-peer"
docs=$(grep -c '^D' "$work/verdicts-ccm" || true)
if diff -q "$work/verdicts-ccm" "$work/verdicts-peer" >/dev/null; then
  echo "verdicts: ccm and the script agree on $docs documents ($(grep -c '^D|.*|INREGISTRAT|' "$work/verdicts-ccm" || true) INREGISTRAT," \
    "$(grep -c '^D|.*|RESPINS|' "$work/verdicts-ccm" || true) RESPINS) and $(grep -c '^V' "$work/verdicts-ccm" || true) certificate versions" \
    "($(grep -c '^V|.*|C[0-9]' "$work/verdicts-ccm" || true) with C01/C03/C04/C21, $(grep -c '^V|.*|false|' "$work/verdicts-ccm" || true) superseded; CU_ERORI in ccm: $(grep -c '^V|.*|CU_ERORI|' "$work/dump-1" || true))"
else
  { diff "$work/verdicts-ccm" "$work/verdicts-peer" || true; } | head -20 >&2
  echo "verdicts: ccm and the script DISAGREE (lines < ccm, > script)" | tee -a "$work/failed" >&2
fi
case "$signing:$signatures" in
  none:*) echo "signatures: the files are unsigned; ccm ran with --signatures $signatures, the script checks none" ;;
  *:off) echo "signatures: the files are signed $signing, but neither ccm (--signatures off) nor the script checked them" ;;
  *) echo "signatures: ccm checked the $signing signatures (--signatures $signatures) and accepted those of" \
       "$(psql "${url[1]}" -qAt -c "SELECT count(signature) || ' of ' || count(*) FROM documents WHERE $run_only") documents;" \
       "the script cannot check signatures (it has none of ccm's signature checks)" ;;
esac

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
  { diff "$work/dump-1" "$work/dump-2" || true; } | head -20
  echo "2 workers: DIFFERENT from 1 worker" >&2
  exit 1
fi

# The run's row of the README's table (scripts/bench-table.sh prints the header and gathers them).
signed=$signing; [ "$signing" != none ] && [ "$signatures" = off ] && signed="$signing, not checked"
table_row=$(awk -v shape="$scale" -v s="$signed" -v b="${base:-empty}" -v f="$nfiles" -v c="$ncerts" -v c1="${wall[ccm1]}" \
  -v c2="${wall[ccm2]}" -v p="${wall[peer]}" -v fl="$floor_s" -v t="$ccm_tenths" -v r="${rss[ccm1]}" 'BEGIN {
  split(t, tt, " ")
  printf "| %s | %s | %s | %d | %d | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.3f / %.3f ms (%.2f) | %.0f MB |\n",
    shape, s, b, f, c, c1, c2, p, fl, c1 / p, c1 / fl, tt[1], tt[2], (tt[1] > 0 ? tt[2] / tt[1] : 0), r / 1024
}')
echo "$table_row"
[ -z "${BENCH_ROW:-}" ] || echo "$table_row" >> "$BENCH_ROW"

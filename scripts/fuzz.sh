#!/usr/bin/env bash
# Coverage-guided fuzzing (libFuzzer + AddressSanitizer/LeakSanitizer) of the parse → validate →
# verify entry point: Inspection.inspect(xml:p7s:) (prolog, libxml2 streaming read with the XSD,
# enveloped XML-DSig and detached CMS signatures, the signer judged against SampleData/pki).
#
#   scripts/fuzz.sh                  # 60 s, as CI runs it
#   scripts/fuzz.sh 14400            # four hours, one process
#   FUZZ_JOBS=2 FUZZ_CONFIG=release scripts/fuzz.sh 28800
#                                # eight hours, two processes (libFuzzer -fork=2; a crash is saved
#                                # and the run goes on: -ignore_crashes=1), optimised code
#                                # (about 1.7x the executions; debug keeps finer coverage and traces)
#
# One input is a submission, optionally followed by "\0CCM-P7S\0" and its detached .p7s. Seeds:
# SampleData/inbox*/ (each .xml alone, and joined with its .p7s) and every file of Tests/Hostile/.
# The grown corpus stays in /var/tmp/ccm-fuzz/corpus between runs (not in the repository);
# crash/leak/timeout inputs go to /var/tmp/ccm-fuzz/artifacts/. Replay one with
#   CCM_FUZZ_ROOT=$PWD .build-fuzz/debug/ccm-fuzz /var/tmp/ccm-fuzz/artifacts/crash-…
# and shrink it with -minimize_crash=1 -runs=10000. Reduce the corpus now and then with
#   .build-fuzz/debug/ccm-fuzz -merge=1 NEW_DIR /var/tmp/ccm-fuzz/corpus
# Exit: 0 nothing found; 1 a crash, leak, timeout or out-of-memory (the input's path is printed);
# 2 the build or the set-up failed. Environment: FUZZ_JOBS, FUZZ_CONFIG (debug), FUZZ_MAX_LEN,
# FUZZ_DIR (/var/tmp/ccm-fuzz), FUZZ_FLAGS (more libFuzzer flags, e.g. -use_value_profile=1).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
jobs="${FUZZ_JOBS:-1}"
config="${FUZZ_CONFIG:-debug}"
work="${FUZZ_DIR:-/var/tmp/ccm-fuzz}"
repo="$PWD"

# The sanitizers go to every module of the product; -DCCM_FUZZ makes ccm-fuzz hand over to
# libFuzzer's driver (SwiftPM's own `main` alias hides libFuzzer's). The normal build is untouched.
mkdir -p "$work/corpus" "$work/artifacts"
if ! swift build --scratch-path .build-fuzz -c "$config" --product ccm-fuzz \
       -Xswiftc -sanitize=fuzzer,address -Xswiftc -DCCM_FUZZ > "$work/build.log" 2>&1; then
  grep -vE "Cannot export local symbol" "$work/build.log" | tail -30 >&2
  echo "fuzz: build failed (full log: $work/build.log)" >&2
  exit 2
fi
bin="$(swift build --scratch-path .build-fuzz -c "$config" --show-bin-path)/ccm-fuzz"

seeds="$work/seeds"
rm -rf "$seeds" && mkdir -p "$seeds"
n=0
add_seed() { # xml [p7s]
  local name; name="$(basename "$1")"
  n=$((n + 1))
  cp "$1" "$seeds/$n-$name"
  if [[ -n "${2:-}" ]]; then
    { cat "$1"; printf '\0CCM-P7S\0'; cat "$2"; } > "$seeds/$n-$name.signed"
  fi
}
for f in SampleData/inbox*/*.xml; do
  if [[ -f "$f.p7s" ]]; then add_seed "$f" "$f.p7s"; else add_seed "$f"; fi
done
if [[ -d Tests/Hostile ]]; then
  while IFS= read -r -d '' f; do
    case "$f" in
      *.p7s) continue ;;
      *) if [[ -f "$f.p7s" ]]; then add_seed "$f" "$f.p7s"; else add_seed "$f"; fi ;;
    esac
  done < <(find Tests/Hostile -type f -print0)
fi

# Tokens of the format, so that mutations speak it: the XSD's names, the XML syntax that the
# byte-level prolog check and the signature checks look at, and the p7s separator.
dict="$work/ccm.dict"
{
  printf 'sep="\\x00CCM-P7S\\x00"\n'
  for t in '<?xml version=\"1.0\"' 'encoding=\"UTF-8\"' 'encoding=\"ISO-8859-2\"' 'encoding=\"windows-1250\"' \
           '<!DOCTYPE' '<!ENTITY' '<![CDATA[' '-->' '<!--' '?>' 'xmlns=\"urn:ro:cnas:ccm:raportare:1\"' \
           'xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"' '<ds:Signature' 'URI=\"\"' '&amp;' '&#x'; do
    printf '"%s"\n' "$t"
  done
  grep -ohE '(name|value)="[A-Za-z0-9_:#./-]+"' Schemas/*.xsd | sed -E 's/^[a-z]+="(.*)"$/"\1"/' | sort -u
} > "$dict"

# Seeds may be larger than SampleData's 27 kB (Tests/Hostile): room for the largest, 1 MiB at most.
largest="$(find "$seeds" -type f -printf '%s\n' | sort -n | tail -1)"
max_len="${FUZZ_MAX_LEN:-$(( largest > 65536 ? (largest < 1048576 ? largest : 1048576) : 65536 ))}"

flags=(-max_total_time="$seconds" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048
       -print_final_stats=1 -dict="$dict" -artifact_prefix="$work/artifacts/")
if (( jobs > 1 )); then flags+=(-fork="$jobs" -ignore_crashes=1); fi
read -r -a extra <<< "${FUZZ_FLAGS:-}"
flags+=("${extra[@]}")

log="$work/last-run.log"
supp="$repo/scripts/lsan.supp"
export CCM_FUZZ_ROOT="$repo"
# Swift's own crash backtracer would take the fatal signal from libFuzzer and ASan (and stall).
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
if [[ -f "$supp" ]]; then export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$supp:print_suppressions=0}"; fi

# Inputs that crashed once (Tests/FuzzCrashes): each run once through the instrumented entry first.
crashes=()
for f in Tests/FuzzCrashes/*; do [[ "$f" == *.md ]] || crashes+=("$f"); done
if (( ${#crashes[@]} )); then
  for f in "${crashes[@]}"; do add_seed "$f"; done
  if ! "$bin" "${crashes[@]}" > "$work/regressions.log" 2>&1; then
    grep -E "ERROR|SUMMARY|#[0-9]+ 0x" "$work/regressions.log" | head -20 >&2
    echo "fuzz: an input of Tests/FuzzCrashes crashes again (full report: $work/regressions.log)" >&2
    exit 1
  fi
  echo "fuzz: ${#crashes[@]} earlier crash inputs replayed clean"
fi

echo "fuzz: $seconds s, $n seed files (+ joined .p7s), max_len $max_len, log $log"
marker="$work/.run-started"
touch "$marker"
set +e
"$bin" "${flags[@]}" "$work/corpus" "$seeds" > "$log" 2>&1
status=$?
set -e

# The last value libFuzzer printed for a statistic (empty when it printed none).
last_stat() { { grep -oE "$1" "$log" || true; } | { grep -oE '[0-9]+' || true; } | tail -1; }
executed="$(last_stat 'stat::number_of_executed_units: *[0-9]+')"
# -fork prints no final stats: the last status line has the count.
[[ -n "$executed" ]] || executed="$(last_stat '^#[0-9]+')"
rate="$(last_stat 'stat::average_exec_per_sec: *[0-9]+')"
rss="$(last_stat 'stat::peak_rss_mb: *[0-9]+')"
units="$(last_stat 'corp: [0-9]+')"
[[ -n "$rate" || -z "$executed" ]] || rate=$(( executed / (seconds > 0 ? seconds : 1) ))
# -fork with -ignore_crashes exits 0 after a crash: the artifacts written during the run tell.
found="$(find "$work/artifacts" -type f -newer "$marker" 2>/dev/null || true)"
if (( status == 0 )) && [[ -n "$found" ]]; then status=1; fi
files="$(find "$work/corpus" -type f | wc -l)"

if (( status != 0 )); then
  { grep -E "ERROR: |SUMMARY: |Test unit written to" "$log" || true; } | head -20 >&2
  echo "fuzz: FAILED (exit $status) after ${executed:-?} executions; full report: $log" >&2
  { grep -oE "Test unit written to .*" "$log" || true; } | sed 's/^Test unit written to /fuzz: input: /' >&2
  [[ -z "$found" ]] || sed 's/^/fuzz: artifact: /' <<< "$found" >&2
  exit 1
fi
echo "fuzz: ${executed:-?} executions in $seconds s (${rate:-?} exec/s), corpus ${units:-?} inputs ($files files in $work/corpus), peak RSS ${rss:-?} MB, no crash"

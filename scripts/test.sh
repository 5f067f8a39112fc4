#!/usr/bin/env bash
# Runs every test against a real PostgreSQL (ccm's own embedded cluster, under .test-home/)
# and the real libxml2. Installs what it needs first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh python3-aiosmtpd chromium unzip libxml2-utils
swift build --build-tests
bin="$(swift build --show-bin-path)"
export CCM_HOME="$PWD/.test-home"
export CCM_BIN="$bin/ccm"
# The owner's URL: the tests create and drop a database each, and migrate it.
CCM_TEST_DATABASE_URL="$("$CCM_BIN" db url --proprietar)"
export CCM_TEST_DATABASE_URL
trap '"$CCM_BIN" db stop >/dev/null 2>&1 || true' EXIT
log="$(mktemp)"
set +e
swift test --skip-build "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# One plain closing line with the XCTest totals (Swift Testing prints its own "0 tests" last).
if summary=$(grep -E "Executed [0-9]+ tests?, with [0-9]+ failures?" "$log" | tail -1); then
  n=$(sed -E 's/.*Executed ([0-9]+) tests?.*/\1/' <<<"$summary")
  f=$(sed -E 's/.*with ([0-9]+) failures?.*/\1/' <<<"$summary")
  echo "tests: $((n - f)) passed, $f failed"
fi
rm -f "$log"
exit "$status"

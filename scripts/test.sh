#!/usr/bin/env bash
# Runs every test against a real PostgreSQL (ccm's own embedded cluster, under .test-home/)
# and the real libxml2. Installs what it needs first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build --build-tests
bin="$(swift build --show-bin-path)"
export CCM_HOME="$PWD/.test-home"
export CCM_BIN="$bin/ccm"
CCM_TEST_DATABASE_URL="$("$CCM_BIN" db url)"
export CCM_TEST_DATABASE_URL
trap '"$CCM_BIN" db stop >/dev/null 2>&1 || true' EXIT
swift test --skip-build "$@"

#!/usr/bin/env bash
# Screenshot of a centralizer HTML page (ccm centralizer --format html) in headless Chromium.
#
#   scripts/screenshot-centralizer.sh HTML PNG [WIDTH]
#
# WIDTH: CSS pixels, default 1366 (a common laptop); `phone` means 390; `both` writes PNG at 1366 and, beside it,
# PNG with `-phone` before the extension at 390. The whole page is captured (its height is
# measured first). Needs Debian's `chromium` (bash scripts/setup.sh chromium); CHROMIUM=path
# overrides. Runs as root too (--no-sandbox).
#
# Chromium will not make a window narrower than 500 px, so the page is laid out inside an
# iframe of exactly WIDTH x HEIGHT on a helper page; media queries see WIDTH.
set -euo pipefail

usage() { echo "usage: $0 HTML PNG [WIDTH|phone|both]" >&2; exit 2; }
[ $# -ge 2 ] && [ $# -le 3 ] || usage
html=$1 png=$2 width=${3:-1366}
[ -f "$html" ] || { echo "$0: no such file: $html" >&2; exit 2; }

chromium=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
[ -n "$chromium" ] || { echo "$0: chromium is not installed (bash scripts/setup.sh chromium)" >&2; exit 3; }

work=$(mktemp -d "${TMPDIR:-/tmp}/ccm-shot.XXXXXX")
trap 'rm -rf "$work"' EXIT
page="file://$(cd "$(dirname "$html")" && pwd)/$(basename "$html")"
page=${page// /%20}

run_chromium() {
  # --user-data-dir: a private profile, so parallel runs do not fight over a lock.
  "$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
    --allow-file-access-from-files --user-data-dir="$work/profile" "$@" 2>"$work/chromium.log"
}

# The height of the page laid out at a width (falls back to 2000 when it cannot be measured).
measure() {
  local w=$1
  cat >"$work/measure.html" <<EOF
<!DOCTYPE html><html><head><meta charset="utf-8"><title>0</title></head>
<body style="margin:0"><iframe id="f" src="$page" style="border:0;display:block;width:${w}px;height:200px"></iframe>
<script>
document.getElementById("f").addEventListener("load", function () {
  try { document.title = String(this.contentDocument.documentElement.scrollHeight); } catch (e) { document.title = "0"; }
});
</script></body></html>
EOF
  local dom h
  dom=$(run_chromium --window-size="$((w < 500 ? 500 : w)),800" --virtual-time-budget=3000 --dump-dom "file://$work/measure.html" || true)
  h=$(printf '%s' "$dom" | sed -n 's:.*<title>\([0-9][0-9]*\)</title>.*:\1:p' | head -n1)
  if [ -z "$h" ] || [ "$h" -lt 100 ]; then h=2000; fi
  [ "$h" -gt 16000 ] && h=16000
  echo "$h"
}

shoot() {
  local w=$1 out=$2 h
  h=$(measure "$w")
  cat >"$work/shot.html" <<EOF
<!DOCTYPE html><html><head><meta charset="utf-8"></head>
<body style="margin:0;background:#fff"><iframe src="$page" style="border:0;display:block;width:${w}px;height:${h}px"></iframe></body></html>
EOF
  rm -f "$out"
  if ! run_chromium --window-size="$w,$h" --virtual-time-budget=3000 --screenshot="$out" "file://$work/shot.html" >/dev/null \
     || [ ! -s "$out" ]; then
    echo "$0: chromium did not write $out" >&2
    cat "$work/chromium.log" >&2
    exit 1
  fi
  echo "$out (${w}x${h})"
}

case "$width" in
  phone) shoot 390 "$png" ;;
  both)
    shoot 1366 "$png"
    case "$png" in *.png) phone="${png%.png}-phone.png" ;; *) phone="$png-phone" ;; esac
    shoot 390 "$phone" ;;
  *[!0-9]* | "") usage ;;
  *) shoot "$width" "$png" ;;
esac

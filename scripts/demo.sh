#!/usr/bin/env bash
# The main job on the sample county (CAS Timiș, luna 2026-10), with ccm's embedded
# PostgreSQL under .demo/: imports the registry, ingests the on-time and the late
# submissions, and prints the centralizer and what changed since the 14th's edition. Starts from
# a clean .demo/ every time.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build
ccm="$(swift build --show-bin-path)/ccm"
export CCM_HOME="$PWD/.demo"
[ -d "$CCM_HOME" ] && "$ccm" db stop >/dev/null 2>&1 || true
rm -rf "$CCM_HOME"
mkdir -p "$CCM_HOME/inbox" "$CCM_HOME/publicare"
# A TEST deployment (the sample documents say mediu="TEST"); signatures are required, and the
# test PKI's root and CRL stand in for the accredited CAs.
cat > "$CCM_HOME/ccm.toml" <<'TOML'
casa = "TM"
mediu = "TEST"
# How providers reach the CAS: on the public page and in every e-mail.
contact = "Serviciul Relații cu Furnizorii: tel. 0256 490 000, raportari.ccm@cas-tm.ro, Timișoara, str. Corneliu Coposu nr. 5"
from = "raportari.ccm@cas-tm.ro"
# The sample's upload cut short was copied in a moment ago: judged at once, not left for a minute.
settle_seconds = 0
TOML
# The registry as the CAS held it before the reports came in (it is versioned, for as-of editions).
"$ccm" registry import --at 2026-11-01T00:00:00+02:00 SampleData/registry/furnizori.csv SampleData/registry/medici.csv \
  SampleData/registry/carnete.csv SampleData/registry/semnatari.csv
"$ccm" trust add SampleData/pki/trust/root-ca.pem SampleData/pki/trust/intermediate-ca.crl.pem
cp SampleData/inbox/* "$CCM_HOME/inbox/"
"$ccm" ingest --received-at 2026-11-10T10:00:00+02:00
cp SampleData/inbox-late/* "$CCM_HOME/inbox/"
"$ccm" ingest --received-at 2026-11-13T09:00:00+02:00
# The edition published on the 14th; then the corrections of the 20th and the revalidation.
for fmt in html xlsx json csv; do
  "$ccm" centralizer --luna 2026-10 --format $fmt --as-of 2026-11-14T08:00:00+02:00 --output "$CCM_HOME/publicare/centralizator-2026-10-14.$fmt"
done
cp SampleData/inbox-rectificative/* "$CCM_HOME/inbox/"
"$ccm" ingest --received-at 2026-11-20T10:00:00+02:00
"$ccm" revalidate --luna 2026-10
for fmt in html xlsx json csv; do
  "$ccm" centralizer --luna 2026-10 --format $fmt --output "$CCM_HOME/publicare/centralizator-2026-10.$fmt"
done
# What changed since the 14th's edition (the rectificatives of the 20th, the revalidation), for the web site too.
for fmt in html xlsx json csv; do
  "$ccm" centralizer --luna 2026-10 --compare-to 2026-11-14T08:00:00+02:00 --format $fmt --output "$CCM_HOME/publicare/schimbari-2026-10-de-la-14.$fmt"
done
# The error reports each provider would receive, as .eml files (ccm notify --smtp … sends them).
"$ccm" notify --luna 2026-10 --dry-run "$CCM_HOME/eml"
echo
echo "Ediția din 14 noiembrie (reprodusă cu --as-of):"
"$ccm" centralizer --luna 2026-10 --format text --as-of 2026-11-14T08:00:00+02:00 | sed -n 2p
echo
"$ccm" centralizer --luna 2026-10 --format text
echo
echo "Ce s-a schimbat de la ediția din 14 noiembrie:"
"$ccm" centralizer --luna 2026-10 --compare-to 2026-11-14T08:00:00+02:00 --format text | tail -n +2
echo
echo "Arhivă: $CCM_HOME/arhiva · carantină: $CCM_HOME/carantina · publicare (html, xlsx, csv, json; schimbări: schimbari-*): $CCM_HOME/publicare · e-mailuri: $CCM_HOME/eml"
echo "Oprire bază încorporată: CCM_HOME=$CCM_HOME $ccm db stop"

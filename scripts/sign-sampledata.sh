#!/usr/bin/env bash
# Signs SampleData with the test PKI (SampleData/pki), after scripts/make-sampledata.py:
# - registry/semnatari.csv: the test signer-valid-rsa is legal representative of every
#   provider since 2026-01-01; signer-valid-ec is an active user of two of them;
# - a detached CMS signature (.p7s, no signed attributes, so the bytes are reproducible) for
#   every submission, and an enveloped XML-DSig instead for a few good ones;
# - inbox/ gains four files refused for their signature (F03, F04, F05, F06), from providers
#   that otherwise send nothing; expected-signatures.json lists their outcomes.
set -euo pipefail
cd "$(dirname "$0")/.."
P=SampleData/pki
sign="bash scripts/sign-submission.sh"
rsa=("$P/keys/signer-valid-rsa.key.pem" "$P/certs/signer-valid-rsa.pem" "$P/certs/chain.pem")
sha() { awk -F, -v n="$1" '$1 == n { print $NF }' "$P/certificates.csv" | head -1; }
rsa_sha=$(openssl x509 -in "$P/certs/signer-valid-rsa.pem" -outform DER | sha256sum | cut -d' ' -f1)
ec_sha=$(openssl x509 -in "$P/certs/signer-valid-ec.pem" -outform DER | sha256sum | cut -d' ' -f1)

{
  echo "cui,cert_sha256,cnp,nume,email,rol,stare,de_la"
  tail -n +2 SampleData/registry/furnizori.csv | python3 -c '
import csv, sys
for row in csv.reader(sys.stdin):
    print(f"{row[0]},'"$rsa_sha"',1850512350011,Reprezentant Test,semnatar@test.ro,REPREZENTANT_LEGAL,ACTIV,2026-01-01")'
  echo "544649,$ec_sha,2900101350016,Utilizator Test,utilizator@test.ro,UTILIZATOR,ACTIV,2026-01-01"
  echo "9464004,$ec_sha,2900101350016,Utilizator Test,utilizator@test.ro,UTILIZATOR,ACTIV,2026-01-01"
} > SampleData/registry/semnatari.csv

# Enveloped for a few good files (RSA PKCS#1 v1.5 is deterministic); detached for the rest.
enveloped=(CCM_90036280_202610_I_1.xml CCM_57291663_202610_I_2.xml CCM_42170930_202610_I_1.xml)
for dir in inbox inbox-late inbox-rectificative; do
  for f in SampleData/$dir/*.xml; do
    name=$(basename "$f")
    rm -f "$f.p7s"
    if [[ " ${enveloped[*]} " == *" $name "* ]] && ! grep -q "Signature" "$f"; then
      $sign enveloped "${rsa[@]}" "$f" "$f.signed" && mv "$f.signed" "$f"
    elif ! grep -q "ds:Signature" "$f"; then
      $sign detached --no-attr "${rsa[@]}" "$f" "$f.p7s"
    fi
  done
done

# Four files refused for their signature, from providers that send nothing else.
make_doc() { # cui nume id certificate-number
  cat <<XML
<?xml version="1.0" encoding="UTF-8"?>
<RaportareCCM xmlns="urn:ro:cnas:ccm:raportare:1" versiune="1" tip="INITIALA" luna="2026-10" idDocument="$3" dataGenerare="2026-11-05T09:00:00+02:00" mediu="TEST">
  <Furnizor cui="$1" casa="TM" nrConventie="CV-SEMN" denumire="$2"/>
  <Certificate/>
  <Totaluri nrCertificate="0" totalZile="0"/>
</RaportareCCM>
XML
}
in=SampleData/inbox
make_doc 58079945 "CMI Dr. Dumitrescu Ștefania" 5e1f0c3a-0001-4f00-8000-000000000003 > $in/CCM_58079945_202610_I_1.xml   # F03: no signature
make_doc 58079945 "CMI Dr. Dumitrescu Ștefania" 5e1f0c3a-0001-4f00-8000-000000000004 > $in/CCM_58079945_202610_I_2.xml
$sign detached --no-attr "${rsa[@]}" $in/CCM_58079945_202610_I_2.xml $in/CCM_58079945_202610_I_2.xml.p7s
sed -i 's/CV-SEMN/CV-SEMX/' $in/CCM_58079945_202610_I_2.xml                                                              # F04: changed after signing
make_doc 98765101 "Cabinet Ortopedie Dr. Vlad SRL" 5e1f0c3a-0001-4f00-8000-000000000005 > $in/CCM_98765101_202610_I_1.xml
$sign detached --no-attr "$P/keys/signer-expired.key.pem" "$P/certs/signer-expired.pem" "$P/certs/chain.pem" \
  $in/CCM_98765101_202610_I_1.xml $in/CCM_98765101_202610_I_1.xml.p7s                                                   # F05: expired at receipt
make_doc 98765101 "Cabinet Ortopedie Dr. Vlad SRL" 5e1f0c3a-0001-4f00-8000-000000000006 > $in/CCM_98765101_202610_I_2.xml
$sign detached --no-attr "$P/keys/signer-valid-ec.key.pem" "$P/certs/signer-valid-ec.pem" "$P/certs/chain.pem" \
  $in/CCM_98765101_202610_I_2.xml $in/CCM_98765101_202610_I_2.xml.p7s                                                   # F06: not enrolled for this CUI
cat > SampleData/expected-signatures.json <<'JSON'
{"files": [
  {"folder": "inbox", "file": "CCM_58079945_202610_I_1.xml", "status": "RESPINS", "codes": ["F03"], "certificates": 0},
  {"folder": "inbox", "file": "CCM_58079945_202610_I_2.xml", "status": "RESPINS", "codes": ["F04"], "certificates": 0},
  {"folder": "inbox", "file": "CCM_98765101_202610_I_1.xml", "status": "RESPINS", "codes": ["F05"], "certificates": 0},
  {"folder": "inbox", "file": "CCM_98765101_202610_I_2.xml", "status": "RESPINS", "codes": ["F06"], "certificates": 0},
  {"folder": "inbox", "file": "CCM_79548351_202610_I_1.xml", "status": "RESPINS", "codes": ["F06", "F07"], "certificates": 0,
   "note": "a CUI the registry does not know has no enrolled signers either: every reason is reported"}
]}
JSON
echo "SampleData signed: $(ls SampleData/inbox*/*.p7s | wc -l) detached, ${#enveloped[@]} enveloped"

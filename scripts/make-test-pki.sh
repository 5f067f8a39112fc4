#!/usr/bin/env bash
# make-test-pki.sh [--new-keys] [OUTDIR]  — build the TEST PKI used by ccm's signature tests.
#
#   OUTDIR defaults to SampleData/pki (relative to the repository root). The directory is
#   deleted and recreated on every run (the script refuses to delete a non-empty directory
#   it did not create itself: it looks for the marker file .make-test-pki).
#
# Uses the openssl CLI only (OpenSSL >= 3.0: needs `ca -crl_lastupdate/-crl_nextupdate`).
# Every certificate is issued with `openssl ca` and FIXED notBefore/notAfter dates and fixed
# serial numbers, so that "valid at the time of receipt" tests (receipts 2026-11-10,
# 2026-11-13, 2026-11-20) give the same answers whatever today's date is.
#
# Keys: the private keys already in OUTDIR/keys/ are REUSED (copied aside before OUTDIR is
# recreated). Every certificate and CRL is signed with RSA PKCS#1 v1.5 (deterministic) over
# fixed contents, so a re-run reproduces byte-identical certificates, CRLs and hashes
# (certificates.csv) — nothing that pins a hash (semnatari.csv, tests) breaks. Missing keys
# are generated. --new-keys generates every key afresh: all hashes change, update whatever
# pins them. Keys are written unencrypted: TEST ONLY, never use them for anything real.
#
# Output layout (see the README.md written into OUTDIR):
#   certs/<name>.pem|.der    every certificate, PEM and DER
#   certs/chain.pem          the intermediate CA (the chain to pass when signing)
#   keys/<name>.key.pem      private keys (PKCS#8 PEM, unencrypted)
#   crl/*.crl.pem|.crl.der   CRLs of the intermediate CA and of the root CA
#   trust/                   what the CAS loads: root-ca.pem + intermediate-ca.crl.pem
#   certificates.csv         name,file,subject,serial,notBefore,notAfter,sha256,...
set -euo pipefail
export LC_ALL=C

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
newkeys=0
case "${1:-}" in --new-keys) newkeys=1; shift;; -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0;; -*) echo "make-test-pki: unknown option $1" >&2; exit 2;; esac
out=${1:-$repo/SampleData/pki}

command -v openssl >/dev/null || { echo "make-test-pki: openssl not found" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/ccm-pki.XXXXXX")
trap 'rm -rf "$work"' EXIT

# --- recreate OUTDIR safely ---------------------------------------------------------------
case "$out" in ""|"/"|"."|"..") echo "make-test-pki: refusing OUTDIR '$out'" >&2; exit 1;; esac
if [ -e "$out" ]; then
  if [ -n "$(ls -A "$out" 2>/dev/null)" ] && [ ! -e "$out/.make-test-pki" ]; then
    echo "make-test-pki: $out exists, is not empty and was not made by this script; not deleting it" >&2
    exit 1
  fi
  if [ $newkeys = 0 ] && [ -d "$out/keys" ]; then
    mkdir -p "$work/oldkeys" && cp -p "$out"/keys/*.key.pem "$work/oldkeys/" 2>/dev/null || true
  fi
  rm -rf "$out"
fi
mkdir -p "$out"/{certs,keys,crl,trust}
out=$(cd "$out" && pwd)
: > "$out/.make-test-pki"


# --- OpenSSL configuration ---------------------------------------------------------------
for ca in root other inter; do
  mkdir -p "$work/$ca"; : > "$work/$ca/index.txt"; echo 01 > "$work/$ca/crlnumber"
done
cat > "$work/openssl.cnf" <<EOF
[ req ]
distinguished_name = req_dn
string_mask        = utf8only
utf8               = yes
prompt             = no
[ req_dn ]
CN = placeholder

[ root_ca ]
dir              = $work/root
database         = \$dir/index.txt
new_certs_dir    = \$dir
serial           = \$dir/serial
crlnumber        = \$dir/crlnumber
certificate      = $work/root-ca.pem
private_key      = $work/root-ca.key.pem
default_md       = sha256
policy           = policy_any
unique_subject   = no
preserve         = yes
email_in_dn      = no
crl_extensions   = crl_ext

[ other_ca ]
dir              = $work/other
database         = \$dir/index.txt
new_certs_dir    = \$dir
serial           = \$dir/serial
crlnumber        = \$dir/crlnumber
certificate      = $work/other-root-ca.pem
private_key      = $work/other-root-ca.key.pem
default_md       = sha256
policy           = policy_any
unique_subject   = no
preserve         = yes
email_in_dn      = no

[ inter_ca ]
dir              = $work/inter
database         = \$dir/index.txt
new_certs_dir    = \$dir
serial           = \$dir/serial
crlnumber        = \$dir/crlnumber
certificate      = $work/intermediate-ca.pem
private_key      = $work/intermediate-ca.key.pem
default_md       = sha256
policy           = policy_any
unique_subject   = no
preserve         = yes
email_in_dn      = no
crl_extensions   = crl_ext

[ policy_any ]
countryName            = optional
organizationName       = optional
organizationalUnitName = optional
surname                = optional
givenName              = optional
commonName             = supplied
serialNumber           = optional

[ ext_root ]
basicConstraints       = critical, CA:TRUE
keyUsage               = critical, keyCertSign, cRLSign
subjectKeyIdentifier   = hash

[ ext_intermediate ]
basicConstraints       = critical, CA:TRUE, pathlen:0
keyUsage               = critical, keyCertSign, cRLSign
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid:always

[ ext_signer ]
basicConstraints       = critical, CA:FALSE
keyUsage               = critical, digitalSignature, nonRepudiation
extendedKeyUsage       = emailProtection
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid:always
subjectAltName         = email:\${ENV::SIGNER_EMAIL}

[ ext_no_signing ]
basicConstraints       = critical, CA:FALSE
keyUsage               = critical, keyEncipherment
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid:always
subjectAltName         = email:\${ENV::SIGNER_EMAIL}

[ crl_ext ]
authorityKeyIdentifier = keyid:always
EOF
export OPENSSL_CONF="$work/openssl.cnf"
export SIGNER_EMAIL=none@example.com   # referenced by the signer sections; set per signer
ossl() { openssl "$@" 2>"$work/last.err" || { cat "$work/last.err" >&2; exit 1; }; }

newkey() { # name rsa2048|rsa3072|p256 — reuse the previous key when it has the right type
  local old="$work/oldkeys/$1.key.pem" t
  if [ -f "$old" ]; then
    t=$(openssl pkey -in "$old" -noout -text 2>/dev/null | head -2 | tr '\n' ' ')
    case "$2:$t" in
      rsa2048:*"(2048 bit"*modulus*|rsa3072:*"(3072 bit"*modulus*|p256:*"(256 bit)"*)
        cp "$old" "$work/$1.key.pem"; return;;
    esac
    echo "make-test-pki: $old is not a $2 key; generating a new one" >&2
  fi
  case "$2" in
    rsa*) ossl genpkey -algorithm RSA -pkeyopt "rsa_keygen_bits:${2#rsa}" -out "$work/$1.key.pem";;
    p256) ossl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 \
               -pkeyopt ec_param_enc:named_curve -out "$work/$1.key.pem";;
  esac
}

# issue NAME KEYTYPE CA(root|other|inter|self:root|self:other) EXT SERIALHEX START END SUBJ
issue() {
  local name=$1 kt=$2 ca=$3 ext=$4 serial=$5 start=$6 end=$7 subj=$8 section extra=()
  newkey "$name" "$kt"
  ossl req -new -utf8 -key "$work/$name.key.pem" -subj "$subj" -out "$work/$name.csr"
  case "$ca" in
    self:*) section=${ca#self:}_ca; extra=(-selfsign -keyfile "$work/$name.key.pem");;
    *)      section=${ca}_ca;;
  esac
  echo "$serial" > "$work/${section%_ca}/serial"
  ossl ca -batch -notext -utf8 -preserveDN -name "$section" "${extra[@]}" -extensions "$ext" \
       -startdate "$start" -enddate "$end" -in "$work/$name.csr" -out "$work/$name.pem"
  cp "$work/$name.pem" "$out/certs/$name.pem"
  ossl x509 -in "$work/$name.pem" -outform DER -out "$out/certs/$name.der"
  cp "$work/$name.key.pem" "$out/keys/$name.key.pem"
}

# signer NAME KEYTYPE EXT SERIAL START END "Surname" "Given names" CNP email [ISSUER]
signer() {
  local name=$1 kt=$2 ext=$3 serial=$4 start=$5 end=$6 sn=$7 gn=$8 cnp=$9 email=${10} ca=${11:-inter}
  SIGNER_EMAIL=$email issue "$name" "$kt" "$ca" "$ext" "$serial" "$start" "$end" \
    "/C=RO/SN=$sn/GN=$gn/CN=$sn $gn/serialNumber=PNORO-$cnp"
  printf '%s\t%s\t%s\n' "$name" "$cnp" "$email" >> "$work/signers.tsv"
}
: > "$work/signers.tsv"

# --- CAs ----------------------------------------------------------------------------------
issue root-ca rsa3072 self:root ext_root 01 200101000000Z 400101000000Z \
  "/C=RO/O=CCM Test PKI/OU=NUMAI PENTRU TESTE/CN=CCM Test Root CA"
issue intermediate-ca rsa2048 root ext_intermediate 02 210101000000Z 350101000000Z \
  "/C=RO/O=CCM Test PKI/OU=NUMAI PENTRU TESTE/CN=CCM Test Qualified Signing CA"
issue other-root-ca rsa2048 self:other ext_root 0A 200101000000Z 400101000000Z \
  "/C=RO/O=Other Test PKI (NOT a CCM trust anchor)/CN=Other Test Root CA"
cp "$work/intermediate-ca.pem" "$out/certs/chain.pem"

# --- signers (all dates are UTC) ------------------------------------------------------------
V0=250101000000Z V1=280101000000Z
signer signer-valid-rsa        rsa2048 ext_signer     1001 $V0 $V1 "Ionescu"        "Maria-Elena" 2840315350016 maria-elena.ionescu@example.com
signer signer-valid-ec         p256    ext_signer     1002 $V0 $V1 "Șerban"         "Andrei"      1781122350021 andrei.serban@example.com
signer signer-expired          rsa2048 ext_signer     1003 240101000000Z 260630000000Z "Dumitru" "Gheorghe" 1650720350032 gheorghe.dumitru@example.com
signer signer-not-yet-valid    rsa2048 ext_signer     1004 270101000000Z 290101000000Z "Constantinescu" "Irina" 2900512350043 irina.constantinescu@example.com
signer signer-revoked          rsa2048 ext_signer     1005 $V0 $V1 "Marinescu"      "Victor"      1810919350055 victor.marinescu@example.com
signer signer-revoked-later    rsa2048 ext_signer     1006 $V0 $V1 "Tănase"         "Oana"        2931207350062 oana.tanase@example.com
signer signer-no-signing-usage rsa2048 ext_no_signing 1007 $V0 $V1 "Georgescu"      "Radu"        1750602350072 radu.georgescu@example.com
signer signer-sha1             rsa2048 ext_signer     1008 $V0 $V1 "Munteanu"       "Cristina"    2911111350096 cristina.munteanu@example.com
signer signer-untrusted        rsa2048 ext_signer     0B   $V0 $V1 "Vasilescu"      "Dan"         1880228350084 dan.vasilescu@example.com other

# --- revocations and CRLs --------------------------------------------------------------------
# `openssl ca -revoke` always records "now" as the revocation time; there is no option to set
# it, so the CA database (index.txt, 3rd column "revtime[,reason]") is edited afterwards.
revoke() { # name reason YYMMDDHHMMSSZ
  ossl ca -name inter_ca -revoke "$work/$1.pem" -crl_reason "$2"
  local serial; serial=$(openssl x509 -in "$work/$1.pem" -noout -serial | cut -d= -f2)
  awk -F'\t' -v OFS='\t' -v s="$serial" -v t="$3" -v r="$2" \
      '$1=="R" && $4==s { $3 = t "," r } { print }' "$work/inter/index.txt" > "$work/inter/index.new"
  mv "$work/inter/index.new" "$work/inter/index.txt"
  grep -q "	$3,$2	$serial	" "$work/inter/index.txt" || { echo "revoke: index edit failed for $1" >&2; exit 1; }
}
gencrl() { # section last next outname
  ossl ca -gencrl -name "$1" -crl_lastupdate "$2" -crl_nextupdate "$3" -out "$work/$4.crl.pem"
  cp "$work/$4.crl.pem" "$out/crl/$4.crl.pem"
  ossl crl -in "$work/$4.crl.pem" -outform DER -out "$out/crl/$4.crl.der"
}
gencrl root_ca 261101000000Z 400101000000Z root-ca                       # empty root CRL
revoke signer-revoked keyCompromise 261001000000Z
gencrl inter_ca 261101000000Z 350101000000Z intermediate-ca-2026-11-01   # lists signer-revoked only
revoke signer-revoked-later affiliationChanged 261115000000Z
gencrl inter_ca 261116000000Z 350101000000Z intermediate-ca              # lists both
cp "$out/certs/root-ca.pem" "$out/trust/root-ca.pem"
cp "$out/crl/intermediate-ca.crl.pem" "$out/trust/intermediate-ca.crl.pem"

# --- certificates.csv -------------------------------------------------------------------------
csvq() { local v=${1//\"/\"\"}; case "$v" in *[,\"]*) printf '"%s"' "$v";; *) printf '%s' "$v";; esac; }
isodate() { openssl x509 -in "$1" -noout "$2" -dateopt iso_8601 | cut -d= -f2 | sed 's/ /T/'; }
{
  echo "name,file,subject,serial,notBefore,notAfter,sha256,issuer,serialNumber,cnp,email,key"
  for name in root-ca intermediate-ca other-root-ca signer-valid-rsa signer-valid-ec signer-expired \
              signer-not-yet-valid signer-revoked signer-revoked-later signer-no-signing-usage \
              signer-sha1 signer-untrusted; do
    pem="$out/certs/$name.pem"
    subj=$(openssl x509 -in "$pem" -noout -subject -nameopt RFC2253,-esc_msb | sed 's/^subject=//')
    iss=$(openssl x509 -in "$pem" -noout -issuer -nameopt RFC2253,-esc_msb | sed 's/^issuer=//')
    serial=$(openssl x509 -in "$pem" -noout -serial | cut -d= -f2 | tr 'A-F' 'a-f')
    sha=$(openssl dgst -sha256 -r "$out/certs/$name.der" | cut -d' ' -f1)
    sn=$(openssl x509 -in "$pem" -noout -subject -nameopt multiline | sed -n 's/^ *serialNumber *= *//p')
    IFS=$'\t' read -r _ cnp email < <(grep "^$name	" "$work/signers.tsv" || printf '%s\t\t\n' "$name")
    key=$(openssl pkey -in "$out/keys/$name.key.pem" -noout -text | head -1 | sed 's/^\(.*\)Private-Key: (\([0-9]*\) bit.*/\2/')
    case "$(openssl pkey -in "$out/keys/$name.key.pem" -noout -text)" in
      *prime256v1*) key="EC P-256";; *) key="RSA $key";; esac
    printf '%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\n' "$name" "certs/$name.pem" "$(csvq "$subj")" "$serial" \
      "$(isodate "$pem" -startdate)" "$(isodate "$pem" -enddate)" "$sha" "$(csvq "$iss")" \
      "$(csvq "$sn")" "$cnp" "$email" "$key"
  done
} > "$out/certificates.csv"

# --- self-checks ------------------------------------------------------------------------------
at() { date -u -d "$1" +%s; }
chk() { # expect(ok|fail) name attime [extra verify args]
  local want=$1 name=$2 t=$3; shift 3
  if openssl verify -attime "$(at "$t")" -CAfile "$out/trust/root-ca.pem" \
       -untrusted "$out/certs/chain.pem" "$@" "$out/certs/$name.pem" >/dev/null 2>&1; then got=ok; else got=fail; fi
  [ "$got" = "$want" ] || { echo "make-test-pki: self-check failed: $name at $t expected $want got $got" >&2; exit 1; }
}
chk ok   signer-valid-rsa        2026-11-10T08:00:00Z
chk ok   signer-valid-ec         2026-11-10T08:00:00Z
chk fail signer-expired          2026-11-10T08:00:00Z
chk fail signer-not-yet-valid    2026-11-10T08:00:00Z
chk fail signer-untrusted        2026-11-10T08:00:00Z
chk fail signer-revoked          2026-11-10T08:00:00Z -crl_check -CRLfile "$out/crl/intermediate-ca-2026-11-01.crl.pem"
chk ok   signer-revoked-later    2026-11-10T08:00:00Z -crl_check -CRLfile "$out/crl/intermediate-ca-2026-11-01.crl.pem"
chk fail signer-revoked-later    2026-11-20T08:00:00Z -crl_check -CRLfile "$out/trust/intermediate-ca.crl.pem"
chk ok   signer-valid-rsa        2026-11-20T08:00:00Z -crl_check_all -CRLfile "$out/trust/intermediate-ca.crl.pem" -CRLfile "$out/crl/root-ca.crl.pem"

# --- README -----------------------------------------------------------------------------------
{
cat <<'EOF'
# SampleData/pki — test PKI for ccm's signature checks

**TEST ONLY.** Generated by `scripts/make-test-pki.sh` (openssl CLI). The private keys are
unencrypted and public: never trust this PKI anywhere real. Re-running the script
recreates this folder but reuses the keys in `keys/`: certificates and CRLs are signed
with RSA PKCS#1 v1.5 over fixed contents, so they come out byte-identical and the hashes
in `certificates.csv` do not change. `make-test-pki.sh --new-keys` makes fresh keys: then
every hash changes, and `semnatari.csv` and any test that pins one must be updated.

Validity dates and serial numbers are fixed (UTC), so the verdicts below do not depend on
today's date. Receipt times used by the project: 2026-11-10T10:00:00+02:00 (on time,
= 08:00Z), 2026-11-13, 2026-11-20.

## Layout

| path | what |
|---|---|
| `certs/<name>.pem`, `certs/<name>.der` | every certificate, PEM and DER |
| `certs/chain.pem` | the intermediate CA: the chain to put in a signature |
| `keys/<name>.key.pem` | private key, PKCS#8 PEM, unencrypted |
| `crl/intermediate-ca.crl.pem` / `.der` | CRL number 2 of the intermediate: thisUpdate 2026-11-16T00:00:00Z, nextUpdate 2035-01-01; lists `signer-revoked` (2026-10-01T00:00:00Z, keyCompromise) and `signer-revoked-later` (2026-11-15T00:00:00Z, affiliationChanged) |
| `crl/intermediate-ca-2026-11-01.crl.pem` / `.der` | CRL number 1 of the intermediate, as published before the receipts: thisUpdate 2026-11-01, nextUpdate 2035-01-01; lists `signer-revoked` only (see "openssl and CRL times") |
| `crl/root-ca.crl.pem` / `.der` | the root's CRL, empty (thisUpdate 2026-11-01, nextUpdate 2040-01-01): lets `-crl_check_all` check the intermediate too |
| `trust/root-ca.pem` | the only trust anchor the CAS configures (intermediates must come from the signature) |
| `trust/intermediate-ca.crl.pem` | the CRL the CAS has loaded for the intermediate |
| `certificates.csv` | one row per certificate (below) |

`certificates.csv` columns: `name,file,subject,serial,notBefore,notAfter,sha256,issuer,serialNumber,cnp,email,key`.
`file` is the PEM path relative to this folder (the DER is next to it, `.der`); `subject` and
`issuer` are RFC 2253 strings (UTF-8); `serial` is the certificate serial number in lowercase
hex; dates are ISO 8601 UTC; `sha256` is the SHA-256 of the certificate's DER, 64 lowercase
hex digits (= `cert_sha256` of `semnatari.csv`); `serialNumber` is the subject's serialNumber
attribute (`PNORO-<CNP>`, eIDAS natural-person form); `cnp` is that synthetic CNP (valid
control digit, county 35 Timiș) for `semnatari.csv`.

## Certificates

| name | issued by | validity (UTC) | key | key usage | role in tests |
|---|---|---|---|---|---|
| `root-ca` | itself | 2020-01-01 → 2040-01-01 | RSA 3072 | keyCertSign, cRLSign; CA:TRUE | the trust anchor |
| `intermediate-ca` | root-ca | 2021-01-01 → 2035-01-01 | RSA 2048 | keyCertSign, cRLSign; CA:TRUE, pathlen:0 | issues every signer except `signer-untrusted`; must be carried by the signature |
| `other-root-ca` | itself | 2020-01-01 → 2040-01-01 | RSA 2048 | keyCertSign, cRLSign; CA:TRUE | NOT a trust anchor |
| `signer-valid-rsa` | intermediate | 2025-01-01 → 2028-01-01 | RSA 2048 | digitalSignature, nonRepudiation (critical) | good signer (RSA-SHA256) |
| `signer-valid-ec` | intermediate | 2025-01-01 → 2028-01-01 | EC P-256 | idem | good signer (ECDSA-SHA256) |
| `signer-expired` | intermediate | 2024-01-01 → 2026-06-30 | RSA 2048 | idem | expired at every receipt |
| `signer-not-yet-valid` | intermediate | 2027-01-01 → 2029-01-01 | RSA 2048 | idem | not yet valid at every receipt |
| `signer-revoked` | intermediate | 2025-01-01 → 2028-01-01 | RSA 2048 | idem | revoked 2026-10-01: revoked at every receipt |
| `signer-revoked-later` | intermediate | 2025-01-01 → 2028-01-01 | RSA 2048 | idem | revoked 2026-11-15: valid at the 10 and 13 November receipts, revoked at 20 November |
| `signer-no-signing-usage` | intermediate | 2025-01-01 → 2028-01-01 | RSA 2048 | keyEncipherment only (critical) | refused: no digitalSignature/nonRepudiation |
| `signer-sha1` | intermediate | 2025-01-01 → 2028-01-01 | RSA 2048 | digitalSignature, nonRepudiation | a valid certificate (itself signed with SHA-256) used to make SHA-1 signatures, which must be refused |
| `signer-untrusted` | other-root-ca (directly) | 2025-01-01 → 2028-01-01 | RSA 2048 | digitalSignature, nonRepudiation | chains to no configured anchor |

Signer subjects are `C=RO, SN, GN, CN="<Nume> <Prenume>", serialNumber=PNORO-<CNP>` (UTF-8,
Romanian comma-below letters in `Șerban` and `Tănase`), with the e-mail address in
subjectAltName and extendedKeyUsage emailProtection. All certificates are signed with
SHA-256.

EOF
echo '## Hashes (from certificates.csv)'
echo
echo '| name | cnp | sha256 of DER |'
echo '|---|---|---|'
tail -n +2 "$out/certificates.csv" | while IFS= read -r line; do
  n=${line%%,*}; h=$(printf '%s' "$line" | grep -o '[0-9a-f]\{64\}')
  c=$(awk -F'\t' -v n="$n" '$1==n {print $2}' "$work/signers.tsv")
  echo "| \`$n\` | ${c:-—} | \`$h\` |"
done
cat <<'EOF'

## Verdicts at the project's receipt times

| signer | 2026-11-10 | 2026-11-13 | 2026-11-20 |
|---|---|---|---|
| signer-valid-rsa, signer-valid-ec | valid | valid | valid |
| signer-expired | expired | expired | expired |
| signer-not-yet-valid | not yet valid | not yet valid | not yet valid |
| signer-revoked | revoked | revoked | revoked |
| signer-revoked-later | valid | valid | revoked |
| signer-no-signing-usage | wrong key usage | idem | idem |
| signer-untrusted | untrusted | untrusted | untrusted |

## openssl and CRL times

- `openssl ca -revoke` always records the current time; the script edits the CA database
  (`index.txt`) afterwards to set 261001000000Z and 261115000000Z, then generates the CRL.
- `openssl ca -gencrl -crl_lastupdate/-crl_nextupdate` (OpenSSL ≥ 3.0) sets thisUpdate and
  nextUpdate, so no faketime is needed.
- `openssl verify`/`openssl cms -verify` treat a listed serial as revoked **whatever its
  revocation date**, and reject a CRL whose thisUpdate is after `-attime` ("CRL is not yet
  valid"). So with `intermediate-ca.crl` (thisUpdate 2026-11-16) openssl cannot answer
  "revoked at 2026-11-10?" — ccm must compare the revocationDate with the receipt time
  itself (spec 01 §4.3). For openssl-only checks at 2026-11-10 use
  `crl/intermediate-ca-2026-11-01.crl.pem`; at 2026-11-20 use `trust/intermediate-ca.crl.pem`.
- OpenSSL 3.0's `openssl cms -verify` has neither `-CRLfile` nor `-untrusted` (both are
  taken for cipher names and fail with "unsupported"): put the CRL in the `-CAfile` bundle
  (`cat trust/root-ca.pem crl/….crl.pem > ca+crl.pem`) and pass intermediates with
  `-certfile` (the `.p7s` made by `sign-submission.sh` already carries the intermediate).
  `openssl verify` does have `-CRLfile` and `-untrusted`.
- xmlsec1 1.2.x has no option to load a CRL file: check an enveloped signer's certificate
  with `openssl verify`, or put the CRL as `ds:X509CRL` into the X509Data of a copy and pass
  the intermediate with `--trusted-pem` (see `scripts/sign-submission.sh`'s header).
- xmlsec1 does not check key usage (`signer-no-signing-usage` verifies); `openssl cms
  -verify` does ("unsuitable certificate purpose"). Neither refuses SHA-1: that is ccm's job.

## Examples

```sh
P=SampleData/pki
# certificate checks at the on-time receipt (2026-11-10T08:00:00Z = 1794297600)
openssl verify -attime 1794297600 -CAfile $P/trust/root-ca.pem -untrusted $P/certs/chain.pem $P/certs/signer-valid-rsa.pem
openssl verify -attime 1794297600 -CAfile $P/trust/root-ca.pem -untrusted $P/certs/chain.pem \
  -crl_check -CRLfile $P/crl/intermediate-ca-2026-11-01.crl.pem $P/certs/signer-revoked.pem   # certificate revoked
# detached signature with revocation at 2026-11-10 (CRL in the CAfile bundle)
cat $P/trust/root-ca.pem $P/crl/intermediate-ca-2026-11-01.crl.pem > /tmp/ca+crl.pem
openssl cms -verify -binary -inform DER -in in.xml.p7s -content in.xml -out /dev/null -CAfile /tmp/ca+crl.pem -crl_check -attime 1794297600
# enveloped signature at 2026-11-10
xmlsec1 --verify --trusted-pem $P/trust/root-ca.pem --verification-gmt-time "2026-11-10 08:00:00" out.xml
# sign
scripts/sign-submission.sh enveloped $P/keys/signer-valid-rsa.key.pem $P/certs/signer-valid-rsa.pem $P/certs/chain.pem in.xml out.xml
scripts/sign-submission.sh detached  $P/keys/signer-valid-ec.key.pem  $P/certs/signer-valid-ec.pem  $P/certs/chain.pem in.xml in.xml.p7s
```
EOF
} > "$out/README.md"

echo "make-test-pki: wrote $out"

#!/usr/bin/env bash
# sign-submission.sh — sign a CCM submission for tests (spec 01 §4), with a TEST key.
#
# Usage:
#   scripts/sign-submission.sh enveloped [OPTIONS] KEY CERT [CHAIN...] IN OUT
#   scripts/sign-submission.sh detached  [OPTIONS] KEY CERT [CHAIN...] IN OUT
#
#   KEY     signer private key, PEM (unencrypted)       e.g. SampleData/pki/keys/signer-valid-rsa.key.pem
#   CERT    signer certificate, PEM                      e.g. SampleData/pki/certs/signer-valid-rsa.pem
#   CHAIN   zero or more intermediate certificates, PEM  e.g. SampleData/pki/certs/chain.pem
#   IN      the submission XML (never modified)
#   OUT     enveloped: the signed XML; detached: the signature file, normally IN.p7s
#
# enveloped — XML-DSig per §4.1: IN's bytes are kept as they are and one ds:Signature is
#   inserted as the last child of the root element (before the root's end tag). One
#   ds:Reference URI="", transforms enveloped-signature then exclusive C14N; digest SHA-256;
#   SignatureMethod RSA-SHA256 or ECDSA-SHA256 according to the key type;
#   KeyInfo/X509Data = CERT then each CHAIN certificate. Signed with xmlsec1 on a template.
#   The result still validates against Schemas/ccm-raportare-v1.xsd. Options:
#     --c14n exclusive|inclusive|exclusive-comments|inclusive-comments
#                           canonicalization (both CanonicalizationMethod and the 2nd
#                           transform); default exclusive
#     --digest sha256|sha384|sha512|sha1
#                           Reference DigestMethod; also the hash of the SignatureMethod
#                           unless --sig-digest is given (sha1 → rsa-sha1 / ecdsa-sha1)
#     --sig-digest sha256|sha384|sha512|sha1
#                           hash of the SignatureMethod only
#     --no-certs            no KeyInfo at all (negative test)
#   Refuses an IN that already contains a ds:Signature. RSA-PSS is not available: xmlsec1
#   1.2.x (Debian 12) does not implement the RSA-PSS XML-DSig algorithms.
#
# detached — CMS SignedData per §4.2 over the exact bytes of IN (openssl cms -sign -binary),
#   content not included, one signer, CERT and CHAIN included, SHA-256, signed attributes
#   as openssl makes them (contentType, signingTime = now, messageDigest, SMIMECapabilities).
#   Options:
#     --pem                 PEM output (default DER)
#     --digest sha256|sha384|sha512|sha1
#     --no-certs            do not include any certificate (negative test)
#     --no-attr             no signed attributes (hence no signingTime)
#
# Both modes check the new signature cryptographically before returning (xmlsec1 --insecure /
# openssl cms -verify -noverify: no chain check). To check the chain as ccm would:
#   P=SampleData/pki; T=1794297600   # 2026-11-10T10:00:00+02:00
#   xmlsec1 --verify --trusted-pem $P/trust/root-ca.pem [--untrusted-pem $P/certs/chain.pem] \
#           --verification-gmt-time "2026-11-10 08:00:00" OUT.xml
#   openssl cms -verify -binary -inform DER -in IN.p7s -content IN -out /dev/null \
#           -CAfile $P/trust/root-ca.pem [-certfile $P/certs/chain.pem] -attime $T
#   with revocation:  cat $P/trust/root-ca.pem $P/crl/intermediate-ca-2026-11-01.crl.pem > /tmp/ca+crl.pem
#   openssl cms -verify -binary -inform DER -in IN.p7s -content IN -out /dev/null \
#           -CAfile /tmp/ca+crl.pem -crl_check -attime $T
#   (OpenSSL 3.0's `cms` has no -untrusted and no -CRLfile option — either would be taken
#    for a cipher name: use -certfile for extra untrusted certificates and put the CRL in
#    the -CAfile bundle, which loads CRLs too. xmlsec1 1.2.x cannot load a
#    CRL file: check the certificate of an enveloped signature with
#    `openssl verify -crl_check -CRLfile … -attime $T`, or add the CRL as ds:X509CRL to the
#    X509Data of a copy (KeyInfo is not signed) and pass the intermediate as --trusted-pem,
#    since xmlsec1 only checks a CRL's signature against trusted certificates.)
#   openssl with any CRL: a listed serial is revoked whatever its revocationDate, and a CRL
#   whose thisUpdate is after -attime is "not yet valid" (see SampleData/pki/README.md).
#
# Examples:
#   scripts/sign-submission.sh enveloped $P/keys/signer-valid-ec.key.pem $P/certs/signer-valid-ec.pem \
#       $P/certs/chain.pem in.xml in.signed.xml
#   scripts/sign-submission.sh detached --pem $P/keys/signer-valid-rsa.key.pem $P/certs/signer-valid-rsa.pem \
#       $P/certs/chain.pem in.xml in.xml.p7s
#   scripts/sign-submission.sh enveloped --digest sha1 $P/keys/signer-sha1.key.pem $P/certs/signer-sha1.pem \
#       $P/certs/chain.pem in.xml in.sha1.xml
set -euo pipefail
export LC_ALL=C
me=sign-submission
die() { echo "$me: $*" >&2; exit 2; }
usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }

[ $# -ge 1 ] || usage
mode=$1; shift
case "$mode" in enveloped|detached) ;; -h|--help|help) usage;; *) die "unknown MODE '$mode' (enveloped|detached)";; esac

c14n=exclusive digest=sha256 sigdigest= pem=0 nocerts=0 noattr=0
while [ $# -gt 0 ]; do
  case "$1" in
    --c14n)       [ "$mode" = enveloped ] || die "--c14n is for enveloped"; c14n=${2:?}; shift 2;;
    --digest)     digest=${2:?}; shift 2;;
    --sig-digest) [ "$mode" = enveloped ] || die "--sig-digest is for enveloped"; sigdigest=${2:?}; shift 2;;
    --pem)        [ "$mode" = detached ] || die "--pem is for detached"; pem=1; shift;;
    --no-certs)   nocerts=1; shift;;
    --no-attr)    [ "$mode" = detached ] || die "--no-attr is for detached"; noattr=1; shift;;
    -h|--help)    usage;;
    --)           shift; break;;
    -*)           die "unknown option $1";;
    *)            break;;
  esac
done
[ $# -ge 4 ] || die "need KEY CERT [CHAIN...] IN OUT (got $# arguments)"
args=("$@")
key=${args[0]} cert=${args[1]} in=${args[$(($#-2))]} outf=${args[$(($#-1))]}
chain=("${args[@]:2:$(($#-4))}")
for f in "$key" "$cert" "$in" "${chain[@]}"; do [ -f "$f" ] || die "no such file: $f"; done
case "$digest" in sha1|sha256|sha384|sha512) ;; *) die "bad --digest '$digest'";; esac
sigdigest=${sigdigest:-$digest}
case "$sigdigest" in sha1|sha256|sha384|sha512) ;; *) die "bad --sig-digest '$sigdigest'";; esac
[ "$(cd "$(dirname "$in")" && pwd)/$(basename "$in")" != "$(cd "$(dirname "$outf")" 2>/dev/null && pwd)/$(basename "$outf")" ] \
  || die "OUT must differ from IN"

work=$(mktemp -d "${TMPDIR:-/tmp}/ccm-sign.XXXXXX")
trap 'rm -rf "$work"' EXIT

# key and certificate must belong together
openssl pkey -in "$key" -pubout -out "$work/k.pub" 2>/dev/null || die "cannot read private key $key"
openssl x509 -in "$cert" -noout -pubkey > "$work/c.pub" 2>/dev/null || die "cannot read certificate $cert (PEM expected)"
cmp -s "$work/k.pub" "$work/c.pub" || die "the key does not match the certificate"
keytext=$(openssl pkey -in "$key" -noout -text)
case "$keytext" in
  *modulus*)  keytype=rsa;;
  *"ASN1 OID"*|*"NIST CURVE"*) keytype=ecdsa;;
  *) die "unsupported key type (RSA or EC expected)";;
esac
# copy inputs under comma-free names (xmlsec1 --privkey-pem splits on commas)
openssl pkey -in "$key" -out "$work/key.pem"
openssl x509 -in "$cert" -out "$work/cert.pem"
: > "$work/chain.pem"; xchain=""; i=0
for c in "${chain[@]}"; do
  i=$((i+1)); openssl x509 -in "$c" -out "$work/chain$i.pem" 2>/dev/null || die "cannot read chain certificate $c"
  cat "$work/chain$i.pem" >> "$work/chain.pem"; xchain="$xchain,$work/chain$i.pem"
done

if [ "$mode" = detached ]; then
  command -v openssl >/dev/null || die "openssl not found"
  opts=(-sign -binary -in "$in" -signer "$work/cert.pem" -inkey "$work/key.pem" -md "$digest" -out "$work/sig")
  [ $i -gt 0 ] && [ $nocerts = 0 ] && opts+=(-certfile "$work/chain.pem")
  [ $nocerts = 1 ] && opts+=(-nocerts)
  [ $noattr = 1 ] && opts+=(-noattr)
  if [ $pem = 1 ]; then opts+=(-outform PEM); form=PEM; else opts+=(-outform DER); form=DER; fi
  openssl cms "${opts[@]}" || die "openssl cms -sign failed"
  # cryptographic self-check (no chain check)
  vopts=(-verify -binary -inform "$form" -in "$work/sig" -content "$in" -noverify -out /dev/null)
  [ $nocerts = 1 ] && vopts+=(-certfile "$work/cert.pem")
  openssl cms "${vopts[@]}" 2>"$work/v.err" || { cat "$work/v.err" >&2; die "self-check of the CMS signature failed"; }
  cp "$work/sig" "$outf"
  echo "$me: wrote $outf (CMS SignedData, detached, $form, $digest, $keytype)" >&2
  exit 0
fi

# ---- enveloped ---------------------------------------------------------------------------
command -v xmlsec1 >/dev/null || die "xmlsec1 not found (apt-get install -y xmlsec1)"
command -v python3 >/dev/null || die "python3 not found"
case "$c14n" in
  exclusive)          c14nuri="http://www.w3.org/2001/10/xml-exc-c14n#";;
  exclusive-comments) c14nuri="http://www.w3.org/2001/10/xml-exc-c14n#WithComments";;
  inclusive)          c14nuri="http://www.w3.org/TR/2001/REC-xml-c14n-20010315";;
  inclusive-comments) c14nuri="http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments";;
  *) die "bad --c14n '$c14n'";;
esac
case "$digest" in
  sha1)   digesturi="http://www.w3.org/2000/09/xmldsig#sha1";;
  sha256) digesturi="http://www.w3.org/2001/04/xmlenc#sha256";;
  sha384) digesturi="http://www.w3.org/2001/04/xmldsig-more#sha384";;
  sha512) digesturi="http://www.w3.org/2001/04/xmlenc#sha512";;
esac
case "$keytype:$sigdigest" in
  rsa:sha1)   siguri="http://www.w3.org/2000/09/xmldsig#rsa-sha1";;
  rsa:*)      siguri="http://www.w3.org/2001/04/xmldsig-more#rsa-$sigdigest";;
  ecdsa:*)    siguri="http://www.w3.org/2001/04/xmldsig-more#ecdsa-$sigdigest";;
esac
if [ $nocerts = 1 ]; then keyinfo=""; else
  keyinfo=$'\n    <ds:KeyInfo>\n      <ds:X509Data/>\n    </ds:KeyInfo>'
fi
template="<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\">
    <ds:SignedInfo>
      <ds:CanonicalizationMethod Algorithm=\"$c14nuri\"/>
      <ds:SignatureMethod Algorithm=\"$siguri\"/>
      <ds:Reference URI=\"\">
        <ds:Transforms>
          <ds:Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"/>
          <ds:Transform Algorithm=\"$c14nuri\"/>
        </ds:Transforms>
        <ds:DigestMethod Algorithm=\"$digesturi\"/>
        <ds:DigestValue></ds:DigestValue>
      </ds:Reference>
    </ds:SignedInfo>
    <ds:SignatureValue></ds:SignatureValue>$keyinfo
  </ds:Signature>"

# 1. insert the template before the root's end tag, keeping every other byte of IN
TEMPLATE=$template python3 - "$in" "$work/tpl.xml" <<'PY' || exit 2
import os, re, sys
src, dst = sys.argv[1], sys.argv[2]
data = open(src, 'rb').read()
if re.search(rb'<([A-Za-z_][\w.-]*:)?Signature[\s>/]', data) and b'http://www.w3.org/2000/09/xmldsig#' in data:
    sys.exit("sign-submission: %s already contains a ds:Signature; refusing to add another" % src)
# the root's end tag is the last end tag of the document (only comments, PIs and white
# space may follow it; none of those can contain "</name>" in a well-formed document
# except a comment, which we skip)
tail_re = re.compile(rb'</([A-Za-z_][\w.:-]*)\s*>((?:\s|<!--.*?-->|<\?.*?\?>)*)\Z', re.S)
m = tail_re.search(data)
if not m:
    sys.exit("sign-submission: cannot find the root element's end tag in %s" % src)
i = m.start()
# indent like the root's children: copy the white space that precedes the end tag's line
nl = b'\r\n' if b'\r\n' in data[:4096] else b'\n'
tpl = os.environ['TEMPLATE'].encode('ascii').replace(b'\n', nl)
before = data[:i]
if before.endswith(nl):
    ins = b'  ' + tpl + nl
else:
    ins = nl + b'  ' + tpl + nl
open(dst, 'wb').write(before + ins + data[i:])
PY

# 2. sign the template with xmlsec1
xargs_keys="$work/key.pem,$work/cert.pem$xchain"
xmlsec1 --sign --privkey-pem "$xargs_keys" --output "$work/signed.xml" "$work/tpl.xml" 2>"$work/x.err" \
  || { cat "$work/x.err" >&2; die "xmlsec1 --sign failed"; }

# 3. splice xmlsec1's ds:Signature back into the template file so that every byte outside
#    the signature stays as in IN (xmlsec1 re-serializes the whole document; the
#    canonical form — what is signed — is the same either way).
python3 - "$work/tpl.xml" "$work/signed.xml" "$work/out.xml" <<'PY' || exit 2
import re, sys
tpl = open(sys.argv[1], 'rb').read()
signed = open(sys.argv[2], 'rb').read()
pat = re.compile(rb'<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#">.*?</ds:Signature>', re.S)
a, b = pat.findall(tpl), pat.findall(signed)
if len(a) != 1 or len(b) != 1:
    sys.exit("sign-submission: cannot locate the signature to splice (%d/%d)" % (len(a), len(b)))
sig = b[0]
if b'\r\n' in a[0]:   # CRLF file: keep its line ends (XML parsers read CRLF as LF, so the signature is unchanged)
    sig = sig.replace(b'\r\n', b'\n').replace(b'\n', b'\r\n')
open(sys.argv[3], 'wb').write(tpl.replace(a[0], sig))
PY

# 4. cryptographic self-check (no chain check) and schema check when the schema is at hand
vopts=(--verify --insecure)
[ $nocerts = 1 ] && vopts+=(--pubkey-cert-pem "$work/cert.pem")
xmlsec1 "${vopts[@]}" "$work/out.xml" >"$work/v.err" 2>&1 || { cat "$work/v.err" >&2; die "self-check of the XML signature failed"; }
xsd="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/Schemas/ccm-raportare-v1.xsd"
if [ -f "$xsd" ] && command -v xmllint >/dev/null && grep -q 'urn:ro:cnas:ccm:raportare:1' "$work/out.xml"; then
  xmllint --noout --nonet --schema "$xsd" "$work/out.xml" 2>"$work/s.err" \
    || { echo "$me: warning: the signed file does not validate against $xsd:" >&2; head -5 "$work/s.err" >&2; }
fi
cp "$work/out.xml" "$outf"
echo "$me: wrote $outf (enveloped, c14n=$c14n, digest=$digest, $keytype-$sigdigest)" >&2

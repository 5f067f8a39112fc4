#!/usr/bin/env python3
"""(Re)create Tests/Hostile/: the hostile corpus that `HostileCorpusTests` runs through the
real `ccm ingest` (spec 06 "Reliability" and "Security and privacy").

    python3 scripts/make-hostile-corpus.py [--out DIR]

One file per case (plus its `.p7s` when the case is a detached signature), and
`manifest.json`: for every file the status and the file-level codes it must get, a one-line
description, and the set-up the test applies before the run (providers, trust, enrolments,
the receipt time, the canary paths and the listener port the external references point at).

Deterministic: no clock, no randomness. Enveloped signatures are RSA PKCS#1 v1.5 (xmlsec1,
via scripts/sign-submission.sh or on a template) and detached ones are CMS without signed
attributes (no signingTime), so the same keys give the same bytes. Keys: the committed test
PKI of SampleData/pki. Needs python3, bash, openssl, xmlsec1.

The 200 MB cases are not here: the test makes them at run time (kept out of the repository).
"""

import argparse
import base64
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PKI = REPO / "SampleData" / "pki"
SIGN = REPO / "scripts" / "sign-submission.sh"

CUI = "31001235"          # valid control digit (spec example); the provider every case reports for
OTHER_CUI = "42005674"    # valid control digit; a second provider, for the "enrolled elsewhere" case
CASA = "TM"
MEDIU = "TEST"
LUNA = "2026-10"
RECEIVED_AT = "2026-11-10T10:00:00+02:00"   # inside every test certificate's validity (SampleData/pki/README.md)

# What the external references point at. The test writes a unique token into the file, makes
# the FIFO (whoever opens it for reading is seen) and listens on the port (whoever connects
# is seen): none of them may ever be touched.
CANARY_FILE = "/var/tmp/ccm-hostile-canary.txt"
CANARY_FIFO = "/var/tmp/ccm-hostile-canary.fifo"
PORT = 47813
NET = f"http://127.0.0.1:{PORT}"

DS = "http://www.w3.org/2000/09/xmldsig#"
NS = "urn:ro:cnas:ccm:raportare:1"
CNP_KEY = (2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9)


# ---------------------------------------------------------------------------- documents

def cnp(serial):
    """A valid CNP of a man born 1985-05-12 in county 35 (as Tests/.../Fixture.swift)."""
    first12 = "185051235" + f"{serial:03d}"
    r = sum(int(d) * k for d, k in zip(first12, CNP_KEY)) % 11
    return first12 + str(1 if r == 10 else r)


def certificate(numar):
    return f"""    <Certificat>
      <Serie>CCMAM</Serie><Numar>{numar}</Numar>
      <DataAcordarii>2026-10-06</DataAcordarii>
      <Tip>INITIAL</Tip>
      <Medic parafa="A12345" nume="Popescu Ana"/>
      <LocPrescriere>1</LocPrescriere>
      <Asigurat cnp="{cnp(numar % 997 + 1)}" nume="Ionescu" prenume="Ștefan"/>
      <Angajator cui="{OTHER_CUI}" denumire="Exemplu SRL"/>
      <CodIndemnizatie>01</CodIndemnizatie>
      <CodDiagnostic>J06</CodDiagnostic>
      <Perioada inceput="2026-10-06" sfarsit="2026-10-09" zile="4"/>
    </Certificat>"""


def document(name, cui=CUI, encoding="UTF-8", first=4400100, count=2):
    """A well-formed, schema-valid INITIALA of CAS TM for 2026-10, TEST environment, unsigned.
    Its idDocument is derived from the case name: every case is a different document."""
    doc_id = uuid.uuid5(uuid.NAMESPACE_URL, "ccm-hostile-corpus/" + name)
    certs = "\n".join(certificate(first + i) for i in range(count))
    return f"""<?xml version="1.0" encoding="{encoding}"?>
<RaportareCCM xmlns="{NS}" versiune="1" tip="INITIALA" luna="{LUNA}"
              idDocument="{doc_id}" dataGenerare="2026-11-03T09:15:00+02:00" mediu="{MEDIU}">
  <Furnizor cui="{cui}" casa="{CASA}" nrConventie="CV-1234/2025" denumire="CMI Dr. Popescu Ana"/>
  <Certificate>
{certs}
  </Certificate>
  <Totaluri nrCertificate="{count}" totalZile="{4 * count}"/>
</RaportareCCM>
"""


def once(text, old, new):
    """Replaces exactly one occurrence (a silent no-op would make a case test nothing)."""
    if text.count(old) < 1:
        sys.exit(f"make-hostile-corpus: '{old[:60]}' not found")
    return text.replace(old, new, 1)


def before_root_end(text, insert):
    i = text.rindex("</RaportareCCM>")
    return text[:i] + insert + text[i:]


def root_element(text):
    return text[text.index("<RaportareCCM "):text.rindex("</RaportareCCM>") + len("</RaportareCCM>")]


def signature_element(text):
    return text[text.index("<ds:Signature "):text.index("</ds:Signature>") + len("</ds:Signature>")]


def doctype(subset, root="RaportareCCM"):
    return f"<!DOCTYPE {root} [\n{subset}\n]>\n"


def with_doctype(text, dt):
    return once(text, "<RaportareCCM ", dt + "<RaportareCCM ")


# ---------------------------------------------------------------------------- signing

class Signer:
    def __init__(self, work):
        self.work = Path(work)
        self.n = 0

    def _tmp(self, suffix):
        self.n += 1
        return self.work / f"t{self.n}{suffix}"

    def _run(self, args):
        r = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if r.returncode != 0:
            sys.exit(f"make-hostile-corpus: {' '.join(map(str, args))} failed:\n{r.stderr.decode(errors='replace')}")

    def _key_cert(self, signer):
        return str(PKI / "keys" / f"{signer}.key.pem"), str(PKI / "certs" / f"{signer}.pem")

    def enveloped(self, text, signer="signer-valid-rsa", options=(), chain=("certs/chain.pem",)):
        src, out = self._tmp(".xml"), self._tmp(".signed.xml")
        src.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
        key, cert = self._key_cert(signer)
        self._run(["bash", str(SIGN), "enveloped", *options, key, cert, *[str(PKI / c) for c in chain], str(src), str(out)])
        return out.read_bytes().decode("utf-8")

    def detached(self, data, signer="signer-valid-rsa", options=(), chain=("certs/chain.pem",)):
        """A DER .p7s without signed attributes: no signingTime, so the bytes do not depend on the clock."""
        src, out = self._tmp(".xml"), self._tmp(".p7s")
        src.write_bytes(data)
        key, cert = self._key_cert(signer)
        self._run(["bash", str(SIGN), "detached", "--no-attr", *options, key, cert, *[str(PKI / c) for c in chain],
                   str(src), str(out)])
        return out.read_bytes()

    def template(self, text, id_attribute=None):
        """Signs a document that already holds a ds:Signature template (xmlsec1, signer-valid-rsa
        and the intermediate), for the wrapping shapes sign-submission.sh will not make."""
        tpl, out = self._tmp(".tpl.xml"), self._tmp(".xml")
        tpl.write_bytes(text.encode("utf-8"))
        keys = ",".join([str(PKI / "keys/signer-valid-rsa.key.pem"), str(PKI / "certs/signer-valid-rsa.pem"),
                         str(PKI / "certs/intermediate-ca.pem")])
        args = ["xmlsec1", "--sign", "--privkey-pem", keys]
        if id_attribute:
            args += ["--id-attr:Id", id_attribute]
        self._run(args + ["--output", str(out), str(tpl)])
        # Each wrapping shape must be cryptographically valid, so that its refusal can only
        # come from ccm's structural checks.
        verify = ["xmlsec1", "--verify", "--insecure"] + (["--id-attr:Id", id_attribute] if id_attribute else [])
        self._run(verify + [str(out)])
        return out.read_bytes().decode("utf-8")


ENVELOPED = '<ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>'
EXC_C14N = '<ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>'


def signature_template(references, obj=""):
    """A ds:Signature template (RSA-SHA256, SHA-256, exclusive C14N); references = [(uri, [transforms])]."""
    refs = "".join(
        f'<ds:Reference URI="{uri}"><ds:Transforms>{"".join(ts)}</ds:Transforms>'
        '<ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue/></ds:Reference>'
        for uri, ts in references)
    return (f'<ds:Signature xmlns:ds="{DS}"><ds:SignedInfo>'
            '<ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>'
            '<ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>'
            + refs + '</ds:SignedInfo><ds:SignatureValue/><ds:KeyInfo><ds:X509Data/></ds:KeyInfo>'
            + obj + '</ds:Signature>')


# ---------------------------------------------------------------------------- the cases

def cases(s):
    """Yields (file, xml bytes, p7s bytes or None, status, codes, description)."""
    F01, F02, F03, F04, F05, F06 = "F01", "F02", "F03", "F04", "F05", "F06"

    def case(name, xml, codes, description, p7s=None, status="RESPINS"):
        data = xml.encode("utf-8") if isinstance(xml, str) else xml
        return (name, data, p7s, status, codes, description)

    # -- external entities, DTDs, entity expansion: a DOCTYPE is F01 whatever it holds
    d = document("xxe-file-passwd.xml")
    yield case("xxe-file-passwd.xml",
               once(with_doctype(d, doctype('<!ENTITY xxe SYSTEM "file:///etc/passwd">')), "<Serie>CCMAM</Serie>", "<Serie>&xxe;</Serie>"),
               [F01], "external entity naming /etc/passwd, referenced in Serie")
    d = document("xxe-file-canary.xml")
    yield case("xxe-file-canary.xml",
               once(with_doctype(d, doctype(f'<!ENTITY xxe SYSTEM "file://{CANARY_FILE}">')), "<Serie>CCMAM</Serie>", "<Serie>&xxe;</Serie>"),
               [F01], "external entity naming the canary file (its token must never come out)")
    d = document("xxe-file-fifo.xml")
    yield case("xxe-file-fifo.xml",
               once(with_doctype(d, doctype(f'<!ENTITY xxe SYSTEM "{CANARY_FIFO}">')), "<Serie>CCMAM</Serie>", "<Serie>&xxe;</Serie>"),
               [F01], "external entity naming the canary FIFO by plain path (opening it is detected)")
    d = document("xxe-network.xml")
    yield case("xxe-network.xml",
               once(with_doctype(d, doctype(f'<!ENTITY xxe SYSTEM "{NET}/xxe-network">')), "<Serie>CCMAM</Serie>", "<Serie>&xxe;</Serie>"),
               [F01], "external entity naming an http URL on the test's listener (no connection allowed)")
    d = document("parameter-entity-file.xml")
    yield case("parameter-entity-file.xml",
               with_doctype(d, doctype(f'<!ENTITY % ext SYSTEM "file://{CANARY_FIFO}">\n%ext;')),
               [F01], "external parameter entity (file: the canary FIFO) expanded in the internal subset")
    d = document("parameter-entity-network.xml")
    yield case("parameter-entity-network.xml",
               with_doctype(d, doctype(f'<!ENTITY % ext SYSTEM "{NET}/parameter-entity.dtd">\n%ext;\n%payload;')),
               [F01], "external parameter entity over http (the classic out-of-band XXE), then a second one")
    d = document("external-dtd-file.xml")
    yield case("external-dtd-file.xml",
               once(d, "<RaportareCCM ", f'<!DOCTYPE RaportareCCM SYSTEM "file://{CANARY_FILE}">\n<RaportareCCM '),
               [F01], "external DTD subset naming the canary file")
    d = document("external-dtd-network.xml")
    yield case("external-dtd-network.xml",
               once(d, "<RaportareCCM ", f'<!DOCTYPE RaportareCCM PUBLIC "-//CCM//hostile//RO" "{NET}/external.dtd">\n<RaportareCCM '),
               [F01], "external DTD subset over http (PUBLIC id)")
    laughs = '<!ENTITY lol "lol">\n' + "\n".join(
        f'<!ENTITY lol{i} "' + f"&lol{'' if i == 1 else i - 1};" * 10 + '">' for i in range(1, 10))
    d = document("billion-laughs.xml")
    yield case("billion-laughs.xml",
               once(with_doctype(d, doctype(laughs)), 'denumire="CMI Dr. Popescu Ana"', 'denumire="&lol9;"'),
               [F01], "entity expansion: 10^9 'lol' from nine nested entities, referenced in an attribute")
    d = document("billion-laughs-in-content.xml")
    yield case("billion-laughs-in-content.xml",
               once(with_doctype(d, doctype(laughs)), "<Serie>CCMAM</Serie>", "<Serie>&lol9;</Serie>"),
               [F01], "entity expansion referenced in element content")
    d = document("quadratic-blowup.xml")
    yield case("quadratic-blowup.xml",
               once(with_doctype(d, doctype('<!ENTITY a "' + "a" * 100_000 + '">')), "<Serie>CCMAM</Serie>",
                    "<Serie>" + "&a;" * 20_000 + "</Serie>"),
               [F01], "quadratic blow-up: a 100 kB entity referenced 20,000 times (2 GB if expanded)")
    d = document("doctype-internal-signed.xml")
    yield case("doctype-internal-signed.xml",
               s.template(before_root_end(with_doctype(d, doctype('<!ENTITY casa "TM">')),
                                          signature_template([("", [ENVELOPED, EXC_C14N])]))),
               [F01], "a DOCTYPE with an internal entity in a document whose signature is valid")
    d = document("doctype-after-long-comment.xml")
    yield case("doctype-after-long-comment.xml",
               once(once(d, "<RaportareCCM ", "<!-- " + "p" * 70_000 + " -->\n"
                         + doctype(f'<!ENTITY xxe SYSTEM "file://{CANARY_FILE}">') + "<RaportareCCM "),
                    "<Serie>CCMAM</Serie>", "<Serie>&xxe;</Serie>"),
               [F01], "an XXE DOCTYPE placed after a 70 kB comment, past the first 64 kB a prolog scan looks at")

    # -- structure and size
    d = document("deep-nesting-10000.xml")
    yield case("deep-nesting-10000.xml",
               once(d, "<Certificate>", "<Certificate>" + "<Motiv>" * 10_000 + "</Motiv>" * 10_000),
               [F01], "10,000 nested elements inside Certificate")
    d = document("deep-nesting-foreign-10000.xml")
    yield case("deep-nesting-foreign-10000.xml",
               before_root_end(d, '<x xmlns="urn:altceva">' + "<x>" * 9_999 + "</x>" * 10_000),
               [F01], "10,000 nested elements of another namespace after Totaluri")
    d = document("huge-attribute.xml")
    yield case("huge-attribute.xml",
               s.enveloped(once(d, 'denumire="CMI Dr. Popescu Ana"', 'denumire="' + "A" * 3_000_000 + '"')),
               [F01], "a 3 MB attribute value (String200) in a validly signed document: over 64 KiB, stopped before libxml2")
    d = document("truncated.xml")
    yield case("truncated.xml", d[: len(d) // 2], [F01], "the document cut in the middle")
    yield case("empty.xml", b"", [F01], "an empty file")
    yield case("not-xml-binary.xml", bytes(range(256)) * 16, [F01], "4 kB of every byte value, not XML at all")
    signed_gz = s.enveloped(document("gzip-compressed.xml", first=4400900))
    yield case("gzip-compressed.xml", gzip.compress(signed_gz.encode("utf-8"), mtime=0), [F01],
               "a validly signed document, gzip-compressed (must not be decompressed)")

    # -- near misses: refused only because one value is slightly wrong; the message names the
    #    field and what it expects, and never quotes the value (a CNP, a diagnosis, a name)
    d = document("near-miss-cnp-space.xml")
    yield case("near-miss-cnp-space.xml", s.enveloped(re.sub(r'cnp="([0-9]{13})"', r'cnp="\1 "', d, count=1)), [F02],
               "a CNP with a trailing space, validly signed")
    d = document("near-miss-diagnosis-space.xml")
    yield case("near-miss-diagnosis-space.xml", s.enveloped(once(d, "<CodDiagnostic>J06<", "<CodDiagnostic>F32.1 <")), [F02],
               "a diagnosis with a trailing space, validly signed")
    d = document("near-miss-long-name.xml")
    yield case("near-miss-long-name.xml", s.enveloped(once(d, 'nume="Ionescu"', 'nume="' + "Zamfirescu" * 11 + '"')), [F02],
               "an insured's name over the schema's 100 characters, validly signed")
    d = document("near-miss-unknown-element.xml")
    yield case("near-miss-unknown-element.xml",
               s.enveloped(once(d, "<CodDiagnostic>", f"<X{cnp(7)}>Zamfirescu</X{cnp(7)}><CodDiagnostic>")), [F02],
               "an element the format does not have, named after a CNP and holding a name, validly signed")
    d = document("near-miss-enumeration.xml")
    yield case("near-miss-enumeration.xml", s.enveloped(once(d, "<CodIndemnizatie>01<", f"<CodIndemnizatie>{cnp(8)}<")), [F02],
               "a CNP where an indemnity code belongs, validly signed")
    d = document("near-miss-tag-mismatch.xml")
    yield case("near-miss-tag-mismatch.xml", re.sub(r'(<Asigurat cnp="[0-9]{13}"[^>]*/>)', r'\1</Asigurat_' + cnp(9) + '>', d, count=1),
               [F01], "a closing tag named after a CNP that opens nothing")

    # -- bytes and encodings
    d = document("invalid-utf8.xml").encode("utf-8")
    yield case("invalid-utf8.xml", d.replace(b"Ionescu", b"I\xc3\x28o", 1), [F01],
               "a UTF-8 document with an invalid two-byte sequence")
    d = document("invalid-utf8-overlong.xml").encode("utf-8")
    yield case("invalid-utf8-overlong.xml", d.replace(b"Ionescu", b"I\xc0\xafo", 1), [F01],
               "an overlong UTF-8 encoding of '/'")
    d = document("invalid-windows-1250.xml", encoding="windows-1250").replace("Ștefan", "Stefan").encode("ascii")
    yield case("invalid-windows-1250.xml", d.replace(b"Ionescu", b"I\x81o", 1), [F01],
               "declared windows-1250 with byte 0x81, undefined in that code page")
    d = document("encoding-lies.xml").replace("Ștefan", "Şerban").encode("cp1250")
    yield case("encoding-lies.xml", d, [F01],
               "declares UTF-8 but the bytes are windows-1250 (0xAA for Ş)")
    yield case("encoding-not-allowed.xml", document("encoding-not-allowed.xml", encoding="ISO-8859-1").replace("Ștefan", "Stefan"),
               [F01], "declares ISO-8859-1, not one of the three accepted encodings")
    yield case("encoding-unknown.xml", document("encoding-unknown.xml", encoding="x-ccm-hostile").replace("Ștefan", "Stefan"),
               [F01], "declares an encoding no converter knows")
    yield case("encoding-utf16.xml", b"\xff\xfe" + document("encoding-utf16.xml", encoding="UTF-16").encode("utf-16-le"),
               [F01], "UTF-16LE with its BOM and a UTF-16 declaration")
    yield case("bom-disagrees.xml", b"\xef\xbb\xbf" + document("bom-disagrees.xml", encoding="ISO-8859-2")
               .replace("Ștefan", "Stefan").encode("ascii"), [F01], "a UTF-8 BOM before a declaration of ISO-8859-2")
    yield case("bom-utf16-declares-utf8.xml", b"\xff\xfe" + document("bom-utf16-declares-utf8.xml").encode("utf-16-le"),
               [F01], "a UTF-16LE BOM and UTF-16 bytes before a declaration of UTF-8")
    d = document("nul-bytes.xml").encode("utf-8")
    yield case("nul-bytes.xml", d.replace(b"Ionescu", b"I\x00o", 1), [F01], "a NUL byte inside an attribute value")
    d = document("nul-byte-in-prolog.xml").encode("utf-8")
    yield case("nul-byte-in-prolog.xml", d.replace(b'?>\n', b'?>\x00\n', 1), [F01], "a NUL byte right after the XML declaration")

    # -- references the parser must never follow, in documents that are otherwise XML
    d = document("xinclude.xml")
    yield case("xinclude.xml",
               s.enveloped(once(d, "<Certificate>", '<Certificate><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" '
                                f'href="file://{CANARY_FIFO}" parse="text"/><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" '
                                f'href="{NET}/xinclude.xml"/>')),
               [F02], "XInclude elements naming the canary FIFO and an http URL (an unknown element, signed)")
    d = document("xsi-schemalocation-network.xml")
    yield case("xsi-schemalocation-network.xml",
               once(d, 'mediu="TEST"', 'mediu="TEST" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                    f'xsi:schemaLocation="{NS} {NET}/schema.xsd"'),
               [F03], "xsi:schemaLocation pointing the validator at an http schema (unsigned: F03 only)")
    d = document("stylesheet-pi-network.xml")
    yield case("stylesheet-pi-network.xml",
               once(d, "<RaportareCCM ", f'<?xml-stylesheet type="text/xsl" href="{NET}/style.xsl"?>\n<RaportareCCM '),
               [F03], "an xml-stylesheet processing instruction naming an http URL (unsigned: F03 only)")

    # -- an address for error reports that would become a header or a second SMTP recipient:
    #    signed, valid otherwise; the Email type takes one RFC 5321 mailbox (as Mailbox.swift)
    mailbox = 'denumire="CMI Dr. Popescu Ana"'
    d = document("email-crlf-bcc.xml")
    yield case("email-crlf-bcc.xml",
               s.enveloped(once(d, mailbox, mailbox + ' email="victim@exemplu.ro&#13;&#10;Bcc: attacker@evil.example"')),
               [F02], "Furnizor/@email with a CR LF (character references) and a Bcc: header after it")
    d = document("email-two-recipients.xml")
    yield case("email-two-recipients.xml",
               s.enveloped(once(d, mailbox, mailbox + ' email="evil.example&gt;,&lt;victim@exemplu.ro"')),
               [F02], "Furnizor/@email that is two addresses for a To: header and RCPT (one @, no white space)")
    d = document("email-bidi-control.xml")
    yield case("email-bidi-control.xml",
               s.enveloped(once(d, mailbox, mailbox + ' email="victim@exemplu.ro&#x202E;"')),
               [F02], "Furnizor/@email ending in an invisible bidi override (U+202E)")

    # -- signature wrapping (the signed content elsewhere, or more than the one allowed shape)
    body = document("wrap-object-forged.xml")
    forged = once(body, "<Numar>4400100</Numar>", "<Numar>4400199</Numar>")
    yield case("wrap-object-forged.xml",
               s.template(before_root_end(forged, signature_template(
                   [("#original", [EXC_C14N])], obj=f'<ds:Object Id="original">{root_element(body)}</ds:Object>'))),
               [F04], "XSW: the signed original inside a ds:Object referenced by Id, forged content at the root")
    signed = s.enveloped(document("wrap-genuine-in-object.xml"))
    sig = signature_element(signed)
    unsigned = signed.replace(sig, "")
    wrapped = sig.replace("</ds:Signature>", f"<ds:Object>{root_element(unsigned)}</ds:Object></ds:Signature>")
    yield case("wrap-genuine-in-object.xml",
               before_root_end(once(unsigned, "<Numar>4400100</Numar>", "<Numar>4400199</Numar>"), wrapped),
               [F04], "XSW: a genuine signature carrying its document in a ds:Object, forged content around it")
    signed = s.enveloped(document("wrap-second-signature.xml"))
    sig = signature_element(signed)
    yield case("wrap-second-signature.xml", signed.replace(sig, sig + "\n  " + sig), [F02, F04],
               "two ds:Signature elements at the end of the root (schema allows one)")
    signed = s.enveloped(document("wrap-signature-hidden-in-content.xml"))
    sig = signature_element(signed)
    yield case("wrap-signature-hidden-in-content.xml", once(signed, "<Certificate>", "<Certificate>" + sig), [F02, F04],
               "a copy of the valid signature hidden inside Certificate")
    d = once(document("wrap-reference-id.xml"), "<Furnizor ", '<Furnizor Id="f1" ')
    yield case("wrap-reference-id.xml",
               s.template(before_root_end(d, signature_template([("#f1", [ENVELOPED, EXC_C14N])])),
                          id_attribute=f"{NS}:Furnizor"),
               [F02, F04], "a valid signature over Furnizor only (Reference URI=\"#f1\")")
    signed = s.enveloped(document("wrap-reference-no-uri.xml"))
    yield case("wrap-reference-no-uri.xml", once(signed, '<ds:Reference URI="">', "<ds:Reference>"), [F04],
               "a Reference without a URI attribute")
    d = once(document("wrap-two-references.xml"), "<Furnizor ", '<Furnizor Id="f1" ')
    yield case("wrap-two-references.xml",
               s.template(before_root_end(d, signature_template([("", [ENVELOPED, EXC_C14N]), ("#f1", [EXC_C14N])])),
                          id_attribute=f"{NS}:Furnizor"),
               [F02, F04], "two References, both valid")
    xpath = ('<ds:Transform Algorithm="http://www.w3.org/TR/1999/REC-xpath-19991116"><ds:XPath xmlns:c="urn:ro:cnas:ccm:raportare:1">'
             "not(ancestor-or-self::c:Totaluri)</ds:XPath></ds:Transform>")
    yield case("wrap-xpath-transform.xml",
               s.template(before_root_end(document("wrap-xpath-transform.xml"),
                                          signature_template([("", [ENVELOPED, xpath, EXC_C14N])]))),
               [F04], "an XPath transform that leaves Totaluri out of what is signed")
    yield case("wrap-not-last-child.xml",
               s.template(before_root_end(document("wrap-not-last-child.xml"),
                                          signature_template([("", [ENVELOPED, EXC_C14N])]) + '<Anexa xmlns="urn:altceva">după semnătură</Anexa>')),
               [F02, F04], "the signature followed by another element")
    yield case("wrap-signature-inside-certificate.xml",
               s.template(once(document("wrap-signature-inside-certificate.xml"), "</Certificate>",
                               signature_template([("", [ENVELOPED, EXC_C14N])]) + "</Certificate>")),
               [F02, F04], "the only signature inside Certificate instead of last child of the root")

    # -- signature value, key and algorithms
    signed = s.enveloped(document("content-changed-after-signing.xml"))
    yield case("content-changed-after-signing.xml", once(signed, "<Numar>4400100</Numar>", "<Numar>4400199</Numar>"),
               [F04], "one certificate number changed after signing")
    signed = s.enveloped(document("signature-value-altered.xml"))
    m = re.search(r"<ds:SignatureValue>([^<]*)</ds:SignatureValue>", signed)
    # the 21st base64 character of the value (line breaks skipped): still base64, another value
    i = [j for j in range(m.start(1), m.end(1)) if not signed[j].isspace()][20]
    altered = signed[:i] + ("B" if signed[i] == "A" else "A") + signed[i + 1:]
    yield case("signature-value-altered.xml", altered, [F04], "one base64 character of SignatureValue changed")
    signed = s.enveloped(document("keyinfo-other-certificate.xml"), chain=())
    leaf = re.search(r"<ds:X509Certificate>[^<]*</ds:X509Certificate>", signed).group(0)
    other = subprocess.run(["openssl", "x509", "-in", str(PKI / "certs/signer-revoked-later.pem"), "-outform", "DER"],
                           stdout=subprocess.PIPE, check=True).stdout
    yield case("keyinfo-other-certificate.xml",
               signed.replace(leaf, f"<ds:X509Certificate>{base64.b64encode(other).decode()}</ds:X509Certificate>"),
               [F04], "KeyInfo carries another signer's certificate (its key does not verify)")
    yield case("keyinfo-no-certificate.xml", s.enveloped(document("keyinfo-no-certificate.xml"), options=["--no-certs"]),
               [F04], "no KeyInfo: no certificate to verify with")
    signed = s.enveloped(document("signature-md5.xml"))
    yield case("signature-md5.xml", once(signed, "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
                                         "http://www.w3.org/2001/04/xmldsig-more#rsa-md5"),
               [F04], "SignatureMethod RSA-MD5")
    signed = s.enveloped(document("signature-rsa-pss.xml"))
    yield case("signature-rsa-pss.xml", once(signed, "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
                                             "http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1"),
               [F04], "SignatureMethod RSA-PSS over a PKCS#1 v1.5 value")
    yield case("sha1-digest.xml", s.enveloped(document("sha1-digest.xml"), "signer-sha1", ["--digest", "sha1", "--sig-digest", "sha256"]),
               [F04], "enveloped, DigestMethod SHA-1")
    yield case("sha1-signature-method.xml", s.enveloped(document("sha1-signature-method.xml"), "signer-sha1",
                                                        ["--digest", "sha256", "--sig-digest", "sha1"]),
               [F04], "enveloped, SignatureMethod RSA-SHA1")
    yield case("sha1-everywhere.xml", s.enveloped(document("sha1-everywhere.xml"), "signer-sha1", ["--digest", "sha1"]),
               [F04], "enveloped, SHA-1 digest and RSA-SHA1")
    d = document("sha1-detached.xml").encode("utf-8")
    yield case("sha1-detached.xml", d, [F04], "detached CMS with a SHA-1 digest",
               p7s=s.detached(d, "signer-sha1", ["--digest", "sha1"]))
    d = document("detached-not-cms.xml").encode("utf-8")
    yield case("detached-not-cms.xml", d, [F04], "a .p7s that is not CMS at all", p7s="nu este o semnătură\n".encode("utf-8"))
    d = document("detached-other-content.xml").encode("utf-8")
    yield case("detached-other-content.xml", d, [F04], "a valid .p7s made over another document",
               p7s=s.detached(document("detached-other-content.xml", first=4400500).encode("utf-8")))
    d = s.enveloped(document("enveloped-good-detached-bad.xml")).encode("utf-8")
    yield case("enveloped-good-detached-bad.xml", d, [F04], "a good enveloped signature beside a .p7s over other bytes",
               p7s=s.detached(document("enveloped-good-detached-bad.xml").encode("utf-8")))
    yield case("unsigned.xml", document("unsigned.xml"), [F03], "a valid document without any signature")

    # -- signers: certificate judged at the receipt, enrolment at the receipt
    for signer, why in [("signer-expired", "expired on 2026-06-30"), ("signer-revoked", "revoked on 2026-10-01 (CRL loaded)"),
                        ("signer-untrusted", "issued by a root that is not a trust anchor"),
                        ("signer-not-yet-valid", "valid only from 2027-01-01"),
                        ("signer-no-signing-usage", "keyEncipherment only")]:
        chain = ("certs/other-root-ca.pem",) if signer == "signer-untrusted" else ("certs/chain.pem",)
        yield case(f"{signer}.xml", s.enveloped(document(f"{signer}.xml"), signer, chain=chain), [F05],
                   f"enveloped, signer certificate {why}")
        if signer in ("signer-expired", "signer-revoked", "signer-untrusted"):
            d = document(f"{signer}-detached.xml").encode("utf-8")
            yield case(f"{signer}-detached.xml", d, [F05], f"detached .p7s, signer certificate {why}",
                       p7s=s.detached(d, signer, chain=chain))
    yield case("signer-chain-missing.xml", s.enveloped(document("signer-chain-missing.xml"), chain=()), [F05],
               "a good signer whose signature does not carry the intermediate CA (only the root is an anchor)")
    yield case("signer-other-cui.xml", s.enveloped(document("signer-other-cui.xml", cui=OTHER_CUI)), [F06],
               f"signed by signer-valid-rsa, enrolled for {CUI} only, for provider {OTHER_CUI}")
    yield case("signer-inactive.xml", s.enveloped(document("signer-inactive.xml"), "signer-revoked-later"), [F06],
               "signer-revoked-later (certificate valid at the receipt), whose enrolment ended on 2026-11-01")
    yield case("signer-pending.xml", s.enveloped(document("signer-pending.xml"), "signer-sha1"), [F06],
               "signer-sha1 (a valid certificate, SHA-256 signature), whose request is still pending")

    # -- the control: the run goes on after every hostile file and registers a good one
    yield case("zz-control-good.xml", s.enveloped(document("zz-control-good.xml", first=4400700)), [],
               "a good signed document, processed last: the batch must reach it and register it", status="INREGISTRAT")


def setup():
    """What the test sets up before the run; dates in Europe/Bucharest."""
    enrol = lambda signer, cui=CUI, state="ACTIV", until=None: {
        "signer": signer, "cui": cui, "state": state, "from": "2026-01-01T00:00:00+02:00", "until": until}
    return {
        "receivedAt": RECEIVED_AT,
        "casa": CASA,
        "mediu": MEDIU,
        "canary": {"file": CANARY_FILE, "fifo": CANARY_FIFO, "port": PORT},
        "providers": [CUI, OTHER_CUI],
        "trust": ["SampleData/pki/trust/root-ca.pem", "SampleData/pki/trust/intermediate-ca.crl.pem"],
        # Every signer with a bad certificate is enrolled, so that its refusal can only be F05.
        "enrolments": [enrol(n) for n in ["signer-valid-rsa", "signer-expired", "signer-revoked", "signer-untrusted",
                                          "signer-not-yet-valid", "signer-no-signing-usage"]]
        + [enrol("signer-revoked-later", until="2026-11-01T00:00:00+02:00"), enrol("signer-sha1", state="IN_ASTEPTARE")],
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=str(REPO / "Tests" / "Hostile"))
    out = Path(ap.parse_args().out)
    for tool in ("openssl", "xmlsec1", "bash"):
        if shutil.which(tool) is None:
            sys.exit(f"make-hostile-corpus: {tool} not found (bash scripts/setup.sh)")
    with tempfile.TemporaryDirectory(prefix="ccm-hostile-") as work:
        made = list(cases(Signer(work)))
    names = [c[0] for c in made]
    if len(set(names)) != len(names):
        sys.exit("make-hostile-corpus: two cases share a file name")
    # Start from an empty folder so that a case removed here does not linger.
    if out.exists():
        for f in out.iterdir():
            if f.name != "README.md":
                f.unlink()
    out.mkdir(parents=True, exist_ok=True)
    files = []
    for name, data, p7s, status, codes, description in sorted(made):
        (out / name).write_bytes(data)
        if p7s is not None:
            (out / (name + ".p7s")).write_bytes(p7s)
        files.append({"file": name, "p7s": p7s is not None, "status": status, "codes": codes, "description": description})
    manifest = {"generatedBy": "scripts/make-hostile-corpus.py", **setup(), "files": files}
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    total = sum(f.stat().st_size for f in out.iterdir())
    print(f"make-hostile-corpus: {len(files)} cases, {total / 1e6:.1f} MB in {out}", file=sys.stderr)


if __name__ == "__main__":
    main()

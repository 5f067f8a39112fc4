#!/usr/bin/env python3
"""A synthetic month for scale runs (not SampleData): N providers of one CAS, each one INITIALA
for luna 2026-10 with M certificates, every certificate valid (distinct insured, INITIAL, code 01,
place 1, 4 days) unless --faulty P makes a share of them trip a rule. Deterministic (--seed).
--signature-template: each file ends with the unsigned ds:Signature that scripts/sign-submission.sh
inserts for an enveloped RSA signature (exclusive C14N, SHA-256), for `xmlsec1 --sign` to fill.

    python3 scripts/gen-month.py --providers 20 --certs 5000 --out /tmp/month
"""
import argparse, datetime as dt, os, random, uuid

def cui_control(base):
    key = [7, 5, 3, 2, 1, 7, 5, 3, 2]
    d = [int(c) for c in base.rjust(9, "0")]
    r = sum(a * b for a, b in zip(d, key)) * 10 % 11
    return 0 if r == 10 else r

def cnp_control(first12):
    r = sum(int(a) * b for a, b in zip(first12, [2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9])) % 11
    return 1 if r == 10 else r

def cnp(i):
    born = dt.date(1950, 1, 1) + dt.timedelta(days=i // 900 % 18000)
    sex = "1" if i % 2 else "2"
    first12 = sex + born.strftime("%y%m%d") + "%02d" % (i % 46 + 1) + "%03d" % (i % 900 + 1)
    return first12 + str(cnp_control(first12))

def certificate(serie, numar, d, c, days, operatie=None):
    attribute = f' operatie="{operatie}"' if operatie else ""
    return (f'<Certificat{attribute}><Serie>{serie}</Serie><Numar>{numar}</Numar>'
            f'<DataAcordarii>{d}</DataAcordarii><Tip>INITIAL</Tip><Medic parafa="A12345" nume="Dr. Test"/>'
            f'<LocPrescriere>1</LocPrescriere><Asigurat cnp="{c}" nume="Nume" prenume="Prenume"/>'
            f'<CodIndemnizatie>01</CodIndemnizatie><CodDiagnostic>J06</CodDiagnostic>'
            f'<Perioada inceput="{d}" sfarsit="{d + dt.timedelta(days=days - 1)}" zile="{days}"/></Certificat>')

# scripts/sign-submission.sh's template for `enveloped` with an RSA key and its defaults.
C14N = "http://www.w3.org/2001/10/xml-exc-c14n#"
SIGNATURE_TEMPLATE = f"""  <ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#">
    <ds:SignedInfo>
      <ds:CanonicalizationMethod Algorithm="{C14N}"/>
      <ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>
      <ds:Reference URI="">
        <ds:Transforms>
          <ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>
          <ds:Transform Algorithm="{C14N}"/>
        </ds:Transforms>
        <ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>
        <ds:DigestValue></ds:DigestValue>
      </ds:Reference>
    </ds:SignedInfo>
    <ds:SignatureValue></ds:SignatureValue>
    <ds:KeyInfo>
      <ds:X509Data/>
    </ds:KeyInfo>
  </ds:Signature>
"""
signature = ""  # SIGNATURE_TEMPLATE with --signature-template


def write(out, name, tip, id_document, generated, p, cui, certs, declared, days):
    doc = (f'<?xml version="1.0" encoding="UTF-8"?>\n<RaportareCCM xmlns="urn:ro:cnas:ccm:raportare:1" versiune="1" '
           f'tip="{tip}" luna="2026-10" idDocument="{id_document}" '
           f'dataGenerare="{generated}T09:00:00+02:00" mediu="TEST">\n'
           f'<Furnizor cui="{cui}" casa="TM" nrConventie="CV-{p + 1}" denumire="Furnizor {p + 1}"/>\n<Certificate>\n'
           + "\n".join(certs) + f'\n</Certificate>\n<Totaluri nrCertificate="{declared}" totalZile="{days}"/>\n{signature}</RaportareCCM>\n')
    with open(os.path.join(out, "inbox", name), "w") as f:
        f.write(doc)

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--providers", type=int, default=20)
    ap.add_argument("--certs", type=int, default=5000)
    ap.add_argument("--faulty", type=float, default=0.0)
    ap.add_argument("--realistic", action="store_true",
                    help="sizes like a real month: most files 5-50 certificates, one in 200 a hospital with "
                         "--certs certificates; one file in 100 refused (Totaluri wrong)")
    ap.add_argument("--hospital-every", type=int, default=200,
                    help="with --realistic: one file in this many is a hospital (national: 4000)")
    ap.add_argument("--small-max", type=int, default=50,
                    help="with --realistic: the other files hold 5 to this many certificates (national: 30)")
    ap.add_argument("--serie", "--series", dest="serie", default="CCMAM",
                    help="the Serie of every certificate (a county's pads are mostly one or two)")
    ap.add_argument("--rectificatives", type=float, default=0.0,
                    help="this share of providers also send a RECTIFICATIVA (received after their INITIALA: its "
                         "file name sorts after): some certificates modified, some deleted, one added")
    ap.add_argument("--signature-template", action="store_true",
                    help="end each file with an enveloped signature's template, for xmlsec1 --sign to fill")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    global signature
    signature = SIGNATURE_TEMPLATE if a.signature_template else ""
    rng = random.Random(a.seed)
    os.makedirs(os.path.join(a.out, "inbox"), exist_ok=True)
    rrng = random.Random(a.seed + 1)  # the rectificatives' own generator, for the same reason
    rows, person, added = [], 0, 0  # the added insured are counted apart: the INITIALAs stay as they were
    for p in range(a.providers):
        base = str(1000000 + p * 7919)
        cui = base + str(cui_control(base))
        rows.append(f"{cui},Furnizor {p + 1},TM,CV-{p + 1},2025-01-01,,,MF")
        certs, kept = [], []
        n = a.certs
        if a.realistic:
            n = a.certs if p % a.hospital_every == 0 else rng.randint(5, a.small_max)
        for k in range(n):
            person += 1
            day = 1 + rng.randrange(28)
            d = dt.date(2026, 10, day)
            c = cnp(person)
            if rng.random() < a.faulty:
                c = c[:12] + str((int(c[12]) + 1) % 10)  # C01: wrong control digit
            certs.append(certificate(a.serie, (p + 1) * 25000 + k, d, c, 4))
            kept.append(((p + 1) * 25000 + k, d, c))
        write(a.out, f"CCM_{cui}_202610_I_1.xml", "INITIALA", uuid.UUID(int=rng.getrandbits(128)), "2026-11-03", p, cui, certs,
              len(certs) + (1 if a.realistic and p % 100 == 7 else 0), 4 * len(certs))
        if a.rectificatives and rrng.random() < a.rectificatives:
            changed, days = [], 0
            for numar, d, c in kept:
                r = rrng.random()
                if r < 0.1:  # the period shortened to 3 days
                    changed.append(certificate(a.serie, numar, d, c, 3, operatie="MODIFICARE"))
                    days += 3
                elif r < 0.15:
                    changed.append(f'<Certificat operatie="STERGERE"><Serie>{a.serie}</Serie><Numar>{numar}</Numar>'
                                   f'<Motiv>Eliberat din eroare</Motiv></Certificat>')
            added += 1
            changed.append(certificate(a.serie, (p + 1) * 25000 + len(kept), dt.date(2026, 10, 1 + rrng.randrange(28)),
                                       cnp(10_000_000 + added), 4, operatie="ADAUGARE"))
            days += 4
            write(a.out, f"CCM_{cui}_202610_R_2.xml", "RECTIFICATIVA", uuid.UUID(int=rrng.getrandbits(128)), "2026-11-05", p, cui,
                  changed, len(changed), days)
    with open(os.path.join(a.out, "furnizori.csv"), "w") as f:
        f.write("cui,denumire,casa,nr_conventie,conventie_de_la,conventie_pana_la,email,tip\n" + "\n".join(rows) + "\n")

main()

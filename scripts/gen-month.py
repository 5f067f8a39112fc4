#!/usr/bin/env python3
"""A synthetic month for scale runs (not SampleData): N providers of one CAS, each one INITIALA
for luna 2026-10 with M certificates, every certificate valid (distinct insured, INITIAL, code 01,
place 1, 4 days) unless --faulty P makes a share of them trip a rule. Deterministic (--seed).

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
    ap.add_argument("--series", default="CCMAM", help="the Serie of every certificate (a county's pads are mostly one or two)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    os.makedirs(os.path.join(a.out, "inbox"), exist_ok=True)
    rows, person = [], 0
    for p in range(a.providers):
        base = str(1000000 + p * 7919)
        cui = base + str(cui_control(base))
        rows.append(f"{cui},Furnizor {p + 1},TM,CV-{p + 1},2025-01-01,,,MF")
        certs = []
        n = a.certs
        if a.realistic:
            n = a.certs if p % a.hospital_every == 0 else rng.randint(5, a.small_max)
        for k in range(n):
            person += 1
            day = 1 + rng.randrange(28)
            d = dt.date(2026, 10, day)
            end = d + dt.timedelta(days=3)
            c = cnp(person)
            if rng.random() < a.faulty:
                c = c[:12] + str((int(c[12]) + 1) % 10)  # C01: wrong control digit
            certs.append(
                f'<Certificat><Serie>{a.series}</Serie><Numar>{(p + 1) * 25000 + k}</Numar>'
                f'<DataAcordarii>{d}</DataAcordarii><Tip>INITIAL</Tip><Medic parafa="A12345" nume="Dr. Test"/>'
                f'<LocPrescriere>1</LocPrescriere><Asigurat cnp="{c}" nume="Nume" prenume="Prenume"/>'
                f'<CodIndemnizatie>01</CodIndemnizatie><CodDiagnostic>J06</CodDiagnostic>'
                f'<Perioada inceput="{d}" sfarsit="{end}" zile="4"/></Certificat>')
        doc = (f'<?xml version="1.0" encoding="UTF-8"?>\n<RaportareCCM xmlns="urn:ro:cnas:ccm:raportare:1" versiune="1" '
               f'tip="INITIALA" luna="2026-10" idDocument="{uuid.UUID(int=rng.getrandbits(128))}" '
               f'dataGenerare="2026-11-03T09:00:00+02:00" mediu="TEST">\n'
               f'<Furnizor cui="{cui}" casa="TM" nrConventie="CV-{p + 1}" denumire="Furnizor {p + 1}"/>\n<Certificate>\n'
               + "\n".join(certs) + f'\n</Certificate>\n<Totaluri nrCertificate="{len(certs) + (1 if a.realistic and p % 100 == 7 else 0)}" totalZile="{4 * len(certs)}"/>\n</RaportareCCM>\n')
        with open(os.path.join(a.out, "inbox", f"CCM_{cui}_202610_I_1.xml"), "w") as f:
            f.write(doc)
    with open(os.path.join(a.out, "furnizori.csv"), "w") as f:
        f.write("cui,denumire,casa,nr_conventie,conventie_de_la,conventie_pana_la,email,tip\n" + "\n".join(rows) + "\n")

main()

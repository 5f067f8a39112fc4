#!/usr/bin/env python3
"""(Re)create SampleData/: a small, realistic county (CAS Timiș, code TM) for luna 2026-10.

    python3 scripts/make-sampledata.py [--seed N] [--mediu TEST|PRODUCTIE] [--out DIR]

Python 3 standard library only. Deterministic: every random choice comes from
random.Random seeded with the --seed value and a fixed label, nothing depends on the
clock, the machine, the locale or PYTHONHASHSEED. Running it twice gives the same bytes.

What it writes (see SampleData/README.md, which it also writes):
  registry/furnizori.csv        30 providers of CAS TM
  registry-bad/furnizori.csv    5 rows, lines 3 and 5 bad (the import must refuse it whole)
  inbox/                        submissions received on time (--received-at 2026-11-10T10:00:00+02:00)
  inbox-late/                   submissions received late   (--received-at 2026-11-13T09:00:00+02:00)
  expected.json                 the outcome each file was built to produce, and the centralizer
  README.md
"""

import argparse
import csv
import datetime as dt
import io
import json
import random
import shutil
import sys
import uuid
from pathlib import Path

LUNA = "2026-10"
OCT_FIRST = dt.date(2026, 10, 1)
OCT_LAST = dt.date(2026, 10, 31)
CASA = "TM"
NS = "urn:ro:cnas:ccm:raportare:1"
RECEIVED = {
    "inbox": "2026-11-10T10:00:00+02:00",
    "inbox-late": "2026-11-13T09:00:00+02:00",
}
DEFAULT_SEED = 20261031

CUI_KEY = (7, 5, 3, 2, 1, 7, 5, 3, 2)
CNP_KEY = (2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9)

# Romanian legal holidays near the month (none falls in October 2026).
HOLIDAYS = {dt.date(2026, 11, 30), dt.date(2026, 12, 1), dt.date(2026, 12, 25), dt.date(2026, 12, 26)}

# Counties of residence at birth: mostly Timiș (35), then its neighbours and the big cities.
COUNTY_WEIGHTS = [(35, 70), (2, 6), (11, 5), (20, 4), (16, 2), (25, 2), (22, 2), (12, 1),
                  (5, 1), (40, 1), (41, 1), (42, 1), (43, 1), (38, 1), (37, 1), (33, 1)]


# --------------------------------------------------------------------------- check digits

def cui_control(base: str) -> int:
    """Control digit of a CUI (key 753217532): base padded to 9 on the left, sum*10 mod 11, 10 -> 0."""
    padded = base.rjust(9, "0")
    s = sum(int(d) * k for d, k in zip(padded, CUI_KEY))
    c = s * 10 % 11
    return 0 if c == 10 else c


def cnp_control(first12: str) -> int:
    """Control digit of a CNP: weights 279146358279, sum mod 11, 10 -> 1."""
    c = sum(int(d) * k for d, k in zip(first12, CNP_KEY)) % 11
    return 1 if c == 10 else c


class Ids:
    """Unique CUIs, CNPs, parafe and UUIDs, each drawn from its own seeded stream."""

    def __init__(self, seed: int):
        self.rng_cui = random.Random(f"{seed}:cui")
        self.rng_cnp = random.Random(f"{seed}:cnp")
        self.rng_uuid = random.Random(f"{seed}:uuid")
        self.rng_parafa = random.Random(f"{seed}:parafa")
        self.cuis = set()
        self.cnps = set()
        self.parafe = set()

    def cui(self, ndigits: int) -> str:
        while True:
            base = str(self.rng_cui.randint(10 ** (ndigits - 2), 10 ** (ndigits - 1) - 1))
            cui = base + str(cui_control(base))
            if cui not in self.cuis:
                self.cuis.add(cui)
                return cui

    def bad_cui(self, ndigits: int) -> str:
        """A CUI whose control digit is wrong."""
        base = str(self.rng_cui.randint(10 ** (ndigits - 2), 10 ** (ndigits - 1) - 1))
        good = cui_control(base)
        return base + str((good + 3) % 10)

    def cnp(self, birth: dt.date, female: bool, county: int) -> str:
        if 1900 <= birth.year <= 1999:
            s = 2 if female else 1
        elif 2000 <= birth.year <= 2099:
            s = 6 if female else 5
        else:
            raise ValueError(birth)
        while True:
            serial = self.rng_cnp.randint(1, 999)
            first12 = f"{s}{birth:%y%m%d}{county:02d}{serial:03d}"
            cnp = first12 + str(cnp_control(first12))
            if cnp not in self.cnps:
                self.cnps.add(cnp)
                return cnp

    def uuid(self) -> str:
        return str(uuid.UUID(int=self.rng_uuid.getrandbits(128), version=4))

    def parafa(self) -> str:
        while True:
            r = self.rng_parafa.random()
            if r < 0.6:
                p = self.rng_parafa.choice("ABCDEFGHJKLMNPRSTVZ") + f"{self.rng_parafa.randint(10000, 99999)}"
            elif r < 0.9:
                p = f"{self.rng_parafa.randint(100000, 999999)}"
            else:
                p = "TM" + f"{self.rng_parafa.randint(1000, 99999)}"
            if p not in self.parafe:
                self.parafe.add(p)
                return p


# --------------------------------------------------------------------------- names

SURNAMES = [
    "Popescu", "Ionescu", "Popa", "Pop", "Stan", "Dumitru", "Stoica", "Gheorghe", "Matei", "Rusu",
    "Munteanu", "Ciobanu", "Marin", "Constantin", "Lungu", "Moldovan", "Mureșan", "Toma", "Ardelean",
    "Nistor", "Dragomir", "Vlad", "Cristea", "Oprea", "Barbu", "Tudor", "Sârbu", "Nițu", "Lăzărescu",
    "Șerban", "Ștefănescu", "Bălan", "Pătrașcu", "Tănase", "Costache", "Florea", "Iancu", "Radu",
    "Dobre", "Neagu", "Zamfir", "Crăciun", "Petrișor", "Husar", "Bogdan", "Cârstea", "Țăranu",
    "Mihăilă", "Jurcă", "Bozdog", "Groza", "Lupu", "Chirilă", "Precup", "Vlaicu", "Drăgan", "Mocanu",
    "Oancea", "Boroș", "Ursu", "Damian", "Gavrilă", "Roșu", "Șandru", "Ungureanu", "Turcu", "Bărbuț",
    "Pașca", "Cotoară", "Brânzei", "Sălăjan", "Țurcanu", "Vasilescu", "Gligor", "Onea", "Cimpoeșu",
    "Szabó", "Kovács", "Müller", "Schmidt", "Jovanović", "Petrović", "Weber", "Nagy",
    "Cîmpeanu", "Pîrvu", "Tîrziu",  # old spelling with î, kept in identity documents
]

# Names forced into the first certificates of the ISO-8859-2 and windows-1250 documents, so that
# each of them carries ş ţ ă î â (written with cedilla there: those encodings have no comma-below).
ENCODED_NAMES = {True: [("Ţîrlea", "Luminița"), ("Mîndruț", "Ștefania")],
                 False: [("Pîrvu", "Ștefan"), ("Cîmpeanu", "Ionuț")]}
FEMALE = [
    "Maria", "Elena", "Ioana", "Ana", "Andreea", "Alexandra", "Mihaela", "Cristina", "Daniela",
    "Gabriela", "Simona", "Roxana", "Raluca", "Larisa", "Ștefania", "Oana", "Bianca", "Diana",
    "Loredana", "Corina", "Irina", "Adriana", "Nicoleta", "Florentina", "Cătălina", "Denisa", "Teodora",
    "Luminița", "Violeta", "Anca", "Camelia", "Lavinia", "Ana-Maria", "Maria-Cristina", "Iulia",
    "Georgiana", "Rodica", "Aurelia", "Mirela", "Petronela", "Brândușa", "Lăcrămioara", "Ecaterina",
]
MALE = [
    "Ion", "Gheorghe", "Vasile", "Mihai", "Andrei", "Alexandru", "Adrian", "Florin", "Cristian",
    "Daniel", "Bogdan", "Ștefan", "Marius", "Ionuț", "Răzvan", "Sorin", "Dorin", "Cosmin", "Lucian",
    "Radu", "Tudor", "Constantin", "Petru", "Nicolae", "Cătălin", "Viorel", "Costel", "Traian",
    "Ovidiu", "Horațiu", "Sebastian", "Dănuț", "Iosif", "Aurel", "Emil", "Mircea", "Laurențiu",
    "Valentin", "Gabriel", "Dragoș", "Bogdan-Ștefan", "Mihai-Cătălin",
]

COMMA_TO_CEDILLA = str.maketrans({"ș": "ş", "ț": "ţ", "Ș": "Ş", "Ț": "Ţ"})


def cedilla(s: str) -> str:
    return s.translate(COMMA_TO_CEDILLA)


def has_comma_below(s: str) -> bool:
    return any(ch in s for ch in "șțȘȚ")


# --------------------------------------------------------------------------- the county

# key, tip, denumire, e-mail slug, CUI digits, scenario
# scenario: what the provider does in the sample month (see README).
PROVIDERS = [
    ("MF01", "MF", "CMI Dr. Popescu Ana-Maria", "cmi-popescu", 8, "good+f02serie"),
    ("MF02", "MF", "CMI Dr. Mureșan Ioan", "cmi-muresan", 8, "good+iso"),
    ("MF03", "MF", "CMI Dr. Șerban Cristina", "cmi-serban", 8, "good+xxe"),
    ("MF04", "MF", "CMI Dr. Țăranu Mihai", "cmi-taranu", 8, "good+f10"),
    ("MF05", "MF", "CMI Dr. Ardelean Simona", "cmi-ardelean", 8, "good+copie"),
    ("MF06", "MF", "CMI Dr. Lazăr Dorin", "cmi-lazar", 8, "good+f12"),
    ("MF07", "MF", "CMI Dr. Stoica Elena", "cmi-stoica", 8, "good"),
    ("MF08", "MF", "CMI Dr. Kovács Ildikó", "cmi-kovacs", 7, "good"),
    ("MF09", "MF", "CMI Dr. Bălan Gheorghe", "cmi-balan", 8, "good"),
    ("MF10", "MF", "CMI Dr. Oprea Lucian, Sânnicolau Mare", "cmi-oprea", 8, "good"),
    ("MF11", "MF", "CMI Dr. Nistor Loredana", "cmi-nistor", 8, "late"),
    ("MF12", "MF", "CMI Dr. Dumitrescu Ștefania", "cmi-dumitrescu", 8, "nothing"),
    ("MF13", "MF", "CMI Dr. Moldovan Vasile", "cmi-moldovan", 7, "expired"),
    ("MF14", "MF", "CMI Dr. Crăciun Ioana", "cmi-craciun", 8, "future"),
    ("MF15", "MF", "CMI Dr. Husar Petru", "cmi-husar", 8, "f07cj"),
    ("AMB1", "AMB", "Policlinica Sanitas Timișoara SRL", "policlinica-sanitas", 8, "good+f09"),
    ("AMB2", "AMB", "Centrul Medical Bega SRL", "cmbega", 8, "good+w1250"),
    ("AMB3", "AMB", "Clinica Medicală Banat, Punct de Lucru Lugoj SRL", "clinicabanat", 8, "good+f02perioada"),
    ("AMB4", "AMB", "Policlinica Dr. Dragomir SRL", "policlinica-dragomir", 8, "good"),
    ("AMB5", "AMB", "Ambulatoriul de Specialitate Recaș SRL", "ambulatoriu-recas", 8, "f08f12"),
    ("AMB6", "AMB", "Medical Center Fabric SRL", "mcfabric", 8, "f11"),
    ("AMB7", "AMB", "Cabinet Ortopedie Dr. Vlad SRL", "ortopedie-vlad", 8, "nothing"),
    ("SP1", "SPITAL", "Spitalul Clinic Județean de Urgență Pius Brînzeu Timișoara", "hosptm", 7, "good+trunc"),
    ("SP2", "SPITAL", "Spitalul Clinic Municipal de Urgență Timișoara", "spitalul-municipal-tm", 7, "good+f08"),
    ("SP3", "SPITAL", "Spitalul Clinic de Boli Infecțioase și Pneumoftiziologie Dr. Victor Babeș Timișoara",
     "spitalul-babes-tm", 6, "good"),
    ("SP4", "SPITAL", "Spitalul Municipal de Urgență Lugoj", "spitalul-lugoj", 7, "late"),
    ("ALT1", "ALTUL", 'Centrul Medical "Sfântul Nicolae" SRL', "cm-sfantulnicolae", 8, "good+idreuse"),
    ("ALT2", "ALTUL", "Centrul de Dializă Timișoara SRL", "dializa-timisoara", 8, "good+empty"),
    ("ALT3", "ALTUL", "Centrul de Recuperare Medicală Buziaș SRL", "recuperare-buzias", 8, "good"),
    ("ALT4", "ALTUL", "Centrul de Sănătate Multifuncțional Deta", "csm-deta", 8, "f13"),
]

# Employers (fictitious), CUIs drawn at start-up; two carry the optional RO prefix.
EMPLOYERS = [
    "Banat Construct SRL", "Bega Logistic SRL", "Alfa Software Timișoara SRL", "Agricola Recaș SA",
    "Electro Banat SRL", "Primăria Municipiului Lugoj", "Școala Gimnazială nr. 16 Timișoara",
    "Colegiul Național Bănățean", "Auto Parts Industries Timișoara SRL", "Timiș Trans Cargo SRL",
    "Mobila Făget SRL", "Brutăria Sânpetru SRL", "Direcția de Asistență Socială Timișoara",
    "Spedition Jimbolia SRL", "Hotel Central Buziaș SRL", "Confecții Deta SA", "Farmacia Dumbrăvița SRL",
    "Lactate Banatul SRL", "IT Solutions Banat SRL", "Construcții Moșnița SRL", "Service Auto Ghiroda SRL",
    'Asociația "Casa Bunicilor" Timișoara', "Universitatea de Vest din Timișoara", "Kaufland Sânmihai SRL",
    "Poșta Timiș Distribuție SRL", "Transport Public Timișoara SA", "Grădinița cu Program Prelungit nr. 5 Lugoj",
]

# Diagnoses (WHO ICD-10 categories, optionally a subcategory), by indemnity code and setting.
DIAG = {
    "01": ["J06", "J06.9", "J06.9", "J20", "J20.9", "J11", "J11.1", "J02", "J03", "J01", "M54.5", "M54",
           "M51", "M75", "K29", "K29.7", "I10", "R50", "A09", "K52", "N39.0", "N30", "H66", "J45", "G43",
           "M25.5", "J18"],
    "01H": ["J18", "J18.9", "K80", "K80.2", "I10", "I20", "M51", "N20", "K29", "E11", "J44", "K85", "I48"],
    "02": ["S62", "S62.6", "S82", "S82.6", "S93", "S93.4", "S52", "S42", "S60", "T14"],
    "03": ["S62", "S62.6", "S82", "S93.4", "S52", "S61", "S66", "T14", "S01"],
    "05": ["A38", "B01", "B01.9", "B15", "A02", "A03", "B05", "A37", "B26"],
    "06": ["K35", "K35.8", "I21", "I63", "S72", "S82", "K80", "K56", "S06", "K92"],
    "08": ["O26", "O26.8", "O20", "O21", "O47", "O99"],
    "09": ["J06", "J20", "A09", "B01", "H66", "J18", "J03", "R50"],
}

# Indemnity-code weights by setting.
CODE_WEIGHTS = {
    "MF": [("01", 78), ("02", 2), ("03", 2), ("05", 3), ("08", 6), ("09", 9)],
    "AMB": [("01", 72), ("02", 5), ("03", 5), ("05", 2), ("06", 4), ("08", 6), ("09", 6)],
    "ALTUL": [("01", 80), ("02", 4), ("03", 4), ("08", 6), ("09", 6)],
    "SPITAL": [("01", 50), ("02", 6), ("03", 6), ("05", 8), ("06", 18), ("08", 6), ("09", 6)],
    "SPITAL-INFECTO": [("01", 40), ("05", 45), ("06", 5), ("09", 10)],
}

LOC = {"MF": 1, "SPITAL": 2, "AMB": 3, "ALTUL": 3}


def wchoice(rng, pairs):
    total = sum(w for _, w in pairs)
    x = rng.uniform(0, total)
    for v, w in pairs:
        x -= w
        if x <= 0:
            return v
    return pairs[-1][0]


def rand_date(rng, lo: dt.date, hi: dt.date) -> dt.date:
    return lo + dt.timedelta(days=rng.randint(0, (hi - lo).days))


def working(d: dt.date) -> bool:
    return d.weekday() < 5 and d not in HOLIDAYS


class Provider:
    def __init__(self, row, ids: Ids, rng: random.Random, idx_nonhosp: int, idx_hosp: int):
        key, tip, den, slug, ndig, scen = row
        self.key, self.tip, self.denumire, self.scenario = key, tip, den, scen
        self.cui = ids.cui(ndig)
        self.casa = CASA
        self.email = f"contact@{slug}.ro"
        num = {"MF": 100 + rng.randint(1, 899), "AMB": rng.randint(10, 399),
               "SPITAL": rng.randint(1, 40), "ALTUL": rng.randint(1, 150)}[tip]
        prefix = {"MF": "MF", "AMB": "AMB", "SPITAL": "SP", "ALTUL": "ALT"}[tip]
        self.de_la, self.pana_la = "2025-01-01", ""
        year = 2025
        if scen == "expired":
            self.pana_la = "2026-09-30"
        if scen == "future":
            self.de_la, year = "2026-11-01", 2026
        self.nr_conventie = f"{prefix}-{num}/{year}"
        self.loc = LOC[tip]
        self.serie = "CCMAS" if tip == "SPITAL" else "CCMAM"
        if tip == "SPITAL":
            self.next_num = 2100000 + 10000 * idx_hosp + rng.randint(1, 4000)
        else:
            self.next_num = 4400000 + 1000 * idx_nonhosp + rng.randint(1, 400)
        # doctors
        ndoc = {"MF": 1, "AMB": rng.randint(3, 5), "SPITAL": rng.randint(8, 12), "ALTUL": rng.randint(1, 3)}[tip]
        self.doctors = []
        if tip == "MF":
            name = den.split("Dr. ", 1)[1].split(",")[0]
            self.doctors.append((ids.parafa(), name))
        else:
            for _ in range(ndoc):
                female = rng.random() < 0.55
                self.doctors.append((ids.parafa(), f"{rng.choice(SURNAMES)} {rng.choice(FEMALE if female else MALE)}"))
        self.weights = CODE_WEIGHTS["SPITAL-INFECTO" if key == "SP3" else tip]

    @property
    def in_october(self) -> bool:
        lo = dt.date.fromisoformat(self.de_la)
        hi = dt.date.fromisoformat(self.pana_la) if self.pana_la else dt.date.max
        return lo <= OCT_LAST and hi >= OCT_FIRST


# --------------------------------------------------------------------------- certificates

class World:
    def __init__(self, seed: int):
        self.seed = seed
        self.ids = Ids(seed)
        rng = random.Random(f"{seed}:registry")
        self.providers = []
        nh = h = 0
        for row in PROVIDERS:
            p = Provider(row, self.ids, rng, nh, h)
            if p.tip == "SPITAL":
                h += 1
            else:
                nh += 1
            self.providers.append(p)
        self.by_key = {p.key: p for p in self.providers}
        self.employers = []
        for i, name in enumerate(EMPLOYERS):
            cui = self.ids.cui(rng.choice((6, 7, 8, 8, 8)))
            if i in (3, 17):
                cui = "RO" + cui
            self.employers.append((cui, name))

    # one insured person
    def person(self, rng, female=None, born_lo=dt.date(1961, 1, 1), born_hi=dt.date(2005, 12, 31)):
        if female is None:
            female = rng.random() < 0.55
        birth = rand_date(rng, born_lo, born_hi)
        county = wchoice(rng, COUNTY_WEIGHTS)
        cnp = self.ids.cnp(birth, female, county)
        nume = rng.choice(SURNAMES)
        prenume = rng.choice(FEMALE if female else MALE)
        # some provider software still writes the cedilla letters
        if (has_comma_below(nume) or has_comma_below(prenume)) and rng.random() < 0.3:
            nume, prenume = cedilla(nume), cedilla(prenume)
        return cnp, nume, prenume

    def child_cnp(self, rng, on: dt.date):
        # strictly under 7 on `on` (and on every day of the period, as periods start in the month)
        lo = dt.date(on.year - 7, on.month, 1) + dt.timedelta(days=40)
        hi = on - dt.timedelta(days=200)
        birth = rand_date(rng, lo, hi)
        return self.ids.cnp(birth, rng.random() < 0.5, wchoice(rng, COUNTY_WEIGHTS))

    def gen_certs(self, p: Provider, n: int, rng: random.Random, lo=OCT_FIRST, hi=OCT_LAST,
                  allow_cont=True):
        """n certificates issued by p with DataAcordarii in [lo, hi], numbered in issue order."""
        episodes = []
        count = 0
        seq = 0
        while count < n:
            code = wchoice(rng, p.weights)
            female = None
            if code == "08":
                female = True
            elif code == "09":
                female = rng.random() < 0.8
            if code == "08":
                ins = self.person(rng, True, dt.date(1984, 1, 1), dt.date(2004, 6, 30))
            elif code == "09":
                ins = self.person(rng, female, dt.date(1981, 1, 1), dt.date(2002, 12, 31))
            else:
                ins = self.person(rng, female)
            # issue date: cabinets work Monday to Friday, hospitals every day (mostly weekdays)
            while True:
                da = rand_date(rng, lo, hi)
                if working(da) or (p.tip == "SPITAL" and rng.random() < 0.3):
                    break
            # duration
            hosp = p.tip == "SPITAL"
            if code == "01":
                dur = rng.choice((2, 3, 3, 4, 4, 4)) if p.loc == 1 else (
                    rng.randint(5, 14) if hosp else rng.randint(3, 10))
            elif code in ("02", "03"):
                dur = rng.randint(5, 10) if p.loc == 1 else rng.randint(7, 21)
            elif code == "05":
                dur = rng.randint(5, 10) if not hosp else rng.randint(7, 14)
            elif code == "06":
                dur = rng.randint(10, 30)
            elif code == "08":
                dur = rng.choice((10, 14, 21, 30))
            else:  # 09
                dur = rng.randint(3, 7)
            # start of the leave
            if hosp and code != "08" and rng.random() < 0.35:
                inceput = da - dt.timedelta(days=rng.randint(2, 6))   # discharge certificate covering the stay
                dur = max(dur, (da - inceput).days + 3)
            elif code != "08" and rng.random() < 0.2:
                inceput = da - dt.timedelta(days=1)
            else:
                inceput = da
            sfarsit = inceput + dt.timedelta(days=dur - 1)
            if code == "01" and hosp:
                diag = rng.choice(DIAG["01H"] + DIAG["01"][:8])
            else:
                diag = rng.choice(DIAG[code])
            doctor = rng.choice(p.doctors)
            emp = rng.choice(self.employers) if rng.random() < 0.86 else None
            if emp is not None and rng.random() < 0.15:
                emp = (emp[0], None)  # denumire is optional
            cert = {
                "tip": "INITIAL", "da": da, "doctor": doctor, "loc": p.loc, "ins": ins, "emp": emp,
                "code": code, "diag": diag, "inceput": inceput, "sfarsit": sfarsit,
                "urgenta": rng.randint(1, 100) if code == "06" else None,
                "infecto": rng.randint(1, 37) if code == "05" else None,
                "copil": self.child_cnp(rng, inceput) if code == "09" else None,
                "initial": None, "seq": seq,
            }
            seq += 1
            episode = [cert]
            count += 1
            # a continuation, for ordinary illness, now and then
            e = sfarsit
            if (allow_cont and count < n and code in ("01", "02", "03") and rng.random() < 0.14
                    and e >= da + dt.timedelta(days=1) and e + dt.timedelta(days=1) <= hi):
                if hosp:
                    da_c = e
                elif working(e):
                    da_c = e
                elif e.weekday() == 6 and working(e + dt.timedelta(days=1)):
                    da_c = e + dt.timedelta(days=1)  # E non-working: first working day after it
                elif e.weekday() == 5 and e - dt.timedelta(days=1) > da:
                    da_c = e - dt.timedelta(days=1)
                else:
                    da_c = None
                if da_c is not None and da_c <= hi:
                    if p.loc == 1 and code == "01":
                        dur_c = rng.randint(1, 7 - dur)          # chain at the family doctor <= 7 days
                    elif hosp:
                        dur_c = rng.randint(5, 10)
                    else:
                        dur_c = rng.randint(3, 7)
                    diag_c = diag[:3] if ("." in diag and rng.random() < 0.3) else diag
                    doctor_c = doctor if rng.random() < 0.8 else rng.choice(p.doctors)
                    cont = dict(cert)
                    cont.update({
                        "tip": "CONTINUARE", "da": da_c, "doctor": doctor_c, "diag": diag_c,
                        "inceput": e + dt.timedelta(days=1),
                        "sfarsit": e + dt.timedelta(days=dur_c), "initial": cert, "seq": seq,
                        "urgenta": None, "infecto": None, "copil": None,
                    })
                    seq += 1
                    episode.append(cont)
                    count += 1
            episodes.append(episode)
        certs = sorted((c for ep in episodes for c in ep), key=lambda c: (c["da"], c["seq"]))
        for c in certs:
            c["serie"] = p.serie
            c["numar"] = str(p.next_num)
            p.next_num += 1
        return certs


def zile(c) -> int:
    return (c["sfarsit"] - c["inceput"]).days + 1


# --------------------------------------------------------------------------- XML

def xattr(s: str) -> str:
    return (s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;"))


def xtext(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def render_cert(c, opt) -> str:
    """One Certificat. opt: per-certificate overrides (operatie, serie_raw, no_perioada, nume_raw)."""
    op = f' operatie="{opt["operatie"]}"' if opt.get("operatie") else ""
    serie = opt.get("serie_raw", xtext(c["serie"]))
    cnp, nume, prenume = c["ins"]
    nume_x = opt.get("nume_raw", xattr(nume))
    parafa, mnume = c["doctor"]
    out = [f"    <Certificat{op}>",
           f"      <Serie>{serie}</Serie><Numar>{c['numar']}</Numar>",
           f"      <DataAcordarii>{c['da']}</DataAcordarii>",
           f"      <Tip>{c['tip']}</Tip>"]
    if c["initial"] is not None:
        i = c["initial"]
        out.append(f'      <CertificatInitial serie="{i["serie"]}" numar="{i["numar"]}" dataAcordarii="{i["da"]}"/>')
    out.append(f'      <Medic parafa="{parafa}" nume="{xattr(mnume)}"/>')
    out.append(f"      <LocPrescriere>{c['loc']}</LocPrescriere>")
    out.append(f'      <Asigurat cnp="{cnp}" nume="{nume_x}" prenume="{xattr(prenume)}"/>')
    if c["emp"] is not None:
        ecui, eden = c["emp"]
        den = f' denumire="{xattr(eden)}"' if eden else ""
        out.append(f'      <Angajator cui="{ecui}"{den}/>')
    out.append(f"      <CodIndemnizatie>{c['code']}</CodIndemnizatie>")
    out.append(f"      <CodDiagnostic>{c['diag']}</CodDiagnostic>")
    if c["urgenta"] is not None:
        out.append(f"      <CodUrgenta>{c['urgenta']}</CodUrgenta>")
    if c["infecto"] is not None:
        out.append(f"      <CodBoalaInfecto>{c['infecto']}</CodBoalaInfecto>")
    if not opt.get("no_perioada"):
        out.append(f'      <Perioada inceput="{c["inceput"]}" sfarsit="{c["sfarsit"]}" zile="{zile(c)}"/>')
    if c["copil"] is not None:
        out.append(f"      <CnpCopil>{c['copil']}</CnpCopil>")
    out.append("    </Certificat>")
    return "\n".join(out)


def render(doc) -> bytes:
    """doc: dict with tip, luna, id, gen, mediu, furnizor (cui, casa, nrConventie, denumire, email),
    certs, cert_opts {index: opt}, totals (nr, zile) or None (= correct), encoding, cedilla, doctype."""
    certs = doc["certs"]
    opts = doc.get("cert_opts", {})
    nr = len(certs)
    tz = sum(zile(c) for i, c in enumerate(certs) if not opts.get(i, {}).get("no_perioada"))
    if doc.get("totals"):
        nr, tz = doc["totals"](nr, tz)
    f = doc["furnizor"]
    enc = doc.get("encoding", "UTF-8")
    lines = [f'<?xml version="1.0" encoding="{enc}"?>']
    if doc.get("doctype"):
        lines.append(doc["doctype"])
    mediu = f' mediu="{doc["mediu"]}"' if doc.get("mediu") else ""
    lines.append(f'<RaportareCCM xmlns="{NS}" versiune="1" tip="{doc["tip"]}" luna="{doc["luna"]}"')
    lines.append(f'              idDocument="{doc["id"]}" dataGenerare="{doc["gen"]}"{mediu}>')
    email = f' email="{xattr(f["email"])}"' if f.get("email") else ""
    lines.append(f'  <Furnizor cui="{f["cui"]}" casa="{f["casa"]}" nrConventie="{xattr(f["nrConventie"])}" '
                 f'denumire="{xattr(f["denumire"])}"{email}/>')
    if certs:
        lines.append("  <Certificate>")
        for i, c in enumerate(certs):
            lines.append(render_cert(c, opts.get(i, {})))
        lines.append("  </Certificate>")
    else:
        lines.append("  <Certificate/>")
    lines.append(f'  <Totaluri nrCertificate="{nr}" totalZile="{tz}"/>')
    lines.append("</RaportareCCM>")
    text = "\n".join(lines) + "\n"
    if doc.get("cedilla"):
        text = cedilla(text)
    codec = {"UTF-8": "utf-8", "ISO-8859-2": "iso-8859-2", "windows-1250": "cp1250"}[enc]
    data = text.encode(codec)  # strict: every character must exist in the declared encoding
    if doc.get("bad_byte"):
        token, byte = doc["bad_byte"]
        assert data.count(token.encode("ascii")) == 1
        data = data.replace(token.encode("ascii"), byte)
    return data


# --------------------------------------------------------------------------- the scenario

class Builder:
    def __init__(self, world: World, mediu: str):
        self.w = world
        self.mediu = mediu
        self.other_mediu = "PRODUCTIE" if mediu == "TEST" else "TEST"
        self.files = []   # (folder, name, bytes, status, codes, certificates, cui, note)
        self.rng = random.Random(f"{world.seed}:documents")
        self.rng_gen = random.Random(f"{world.seed}:dataGenerare")

    def gen_time(self, day_lo=2, day_hi=9, last=None) -> str:
        while True:
            d = dt.date(2026, 11, self.rng_gen.randint(day_lo, day_hi))
            if working(d) or self.rng_gen.random() < 0.15:
                break
        h, m = self.rng_gen.randint(8, 17), self.rng_gen.randint(0, 59)
        s = self.rng_gen.randint(0, 59)
        t = f"{d}T{h:02d}:{m:02d}:{s:02d}+02:00"
        if last is not None and t <= last:
            return self.gen_time(day_lo, day_hi, last)
        return t

    def furnizor(self, p: Provider, **over):
        f = {"cui": p.cui, "casa": p.casa, "nrConventie": p.nr_conventie, "denumire": p.denumire,
             "email": p.email}
        f.update(over)
        return f

    def add(self, folder, name, data, status, codes, ncert, cui, note):
        self.files.append({"folder": folder, "file": name, "bytes": data, "status": status,
                           "codes": codes, "certificates": ncert, "cui": cui, "note": note})

    def count_for(self, p: Provider) -> int:
        r = self.rng
        return {"MF": r.randint(5, 13), "AMB": r.randint(10, 20), "SPITAL": r.randint(30, 45),
                "ALTUL": r.randint(5, 9)}[p.tip]

    def doc(self, p, certs, **kw):
        d = {"tip": "INITIALA", "luna": LUNA, "id": self.w.ids.uuid(), "gen": self.gen_time(),
             "mediu": self.mediu, "furnizor": self.furnizor(p), "certs": certs}
        d.update(kw)
        return d

    @staticmethod
    def name(p_or_cui, tip="I", n=1, luna="202610", suffix=""):
        cui = p_or_cui if isinstance(p_or_cui, str) else p_or_cui.cui
        return f"CCM_{cui}_{luna}_{tip}_{n}{suffix}.xml"

    def pick(self, certs, pred=lambda c: True, start=None):
        """Index of a certificate in the middle of the list satisfying pred."""
        n = len(certs)
        order = list(range(n // 2, n)) + list(range(0, n // 2)) if start is None else list(range(start, n))
        for i in order:
            if pred(certs[i]):
                return i
        raise RuntimeError("no certificate matches")

    def build(self):
        w, r = self.w, self.rng
        # Everything is generated provider by provider, in registry order.
        for p in w.providers:
            s = p.scenario
            if s in ("nothing", "future"):
                continue
            if s == "late":
                certs = w.gen_certs(p, self.count_for(p), r)
                gen = self.gen_time(12, 13)
                if gen > "2026-11-13T09":
                    gen = "2026-11-13T08:12:40+02:00"
                d = self.doc(p, certs, gen=gen)
                self.add("inbox-late", self.name(p), render(d), "INREGISTRAT", ["W01"], len(certs), p.cui,
                         "INITIALA received after the 12th (late, still registered)")
                continue
            if s == "expired":
                certs = w.gen_certs(p, r.randint(5, 10), r)
                self.add("inbox", self.name(p), render(self.doc(p, certs)), "RESPINS", ["F07"], 0, p.cui,
                         "convention ended 2026-09-30: no convention covering any day of 2026-10")
                continue
            if s == "f07cj":
                certs = w.gen_certs(p, r.randint(5, 10), r)
                d = self.doc(p, certs, furnizor=self.furnizor(p, casa="CJ"))
                self.add("inbox", self.name(p), render(d), "RESPINS", ["F07"], 0, p.cui,
                         'casa="CJ" for a provider of CAS TM (its only report: FĂRĂ RAPORTARE)')
                continue
            if s == "f08f12":
                certs = w.gen_certs(p, self.count_for(p), r)
                i = self.pick(certs)
                d = self.doc(p, certs, cert_opts={i: {"operatie": "ADAUGARE"}},
                             totals=lambda nr, tz: (nr, tz + 5))
                self.add("inbox", self.name(p), render(d), "RESPINS", ["F08", "F12"], 0, p.cui,
                         "totalZile declared 5 more than the sum AND operatie=\"ADAUGARE\" in an INITIALA "
                         "(its only report: FĂRĂ RAPORTARE)")
                continue
            if s == "f11":
                certs = w.gen_certs(p, 3, r, allow_cont=False)
                d = self.doc(p, certs, tip="RECTIFICATIVA", gen=self.gen_time(6, 9),
                             cert_opts={i: {"operatie": "ADAUGARE"} for i in range(len(certs))})
                self.add("inbox", self.name(p, "R"), render(d), "RESPINS", ["F11"], 0, p.cui,
                         "RECTIFICATIVA (3 × ADAUGARE) from a provider with no INITIALA for 2026-10 "
                         "(FĂRĂ RAPORTARE)")
                continue
            if s == "f13":
                certs = w.gen_certs(p, self.count_for(p), r)
                d = self.doc(p, certs, mediu=self.other_mediu)
                self.add("inbox", self.name(p), render(d), "RESPINS", ["F13"], 0, p.cui,
                         f'mediu="{self.other_mediu}" sent to a {self.mediu} deployment '
                         "(its only report: FĂRĂ RAPORTARE)")
                continue
            assert s.startswith("good"), s
            self.build_good(p, s)
        self.build_unknown()

    def build_good(self, p: Provider, s: str):
        w, r = self.w, self.rng
        certs = [] if s == "good+empty" else w.gen_certs(p, self.count_for(p), r)
        n = len(certs)
        good_kw = {}
        if s in ("good+iso", "good+w1250"):
            used = {True: 0, False: 0}
            for c in certs[:4]:
                if c["tip"] != "INITIAL" or any(x["initial"] is c for x in certs):
                    continue  # keep chains consistent: rename only stand-alone certificates
                cnp = c["ins"][0]
                female = int(cnp[0]) % 2 == 0
                if used[female] < len(ENCODED_NAMES[female]):
                    c["ins"] = (cnp,) + ENCODED_NAMES[female][used[female]]
                    used[female] += 1
        if s == "good+iso":
            good_kw = {"encoding": "ISO-8859-2", "cedilla": True}
        elif s == "good+w1250":
            good_kw = {"encoding": "windows-1250", "cedilla": True}
        elif p.key == "AMB1":
            good_kw = {"furnizor": self.furnizor(p, denumire=cedilla(p.denumire))}
        elif p.key in ("MF09", "SP3"):
            good_kw = {"furnizor": self.furnizor(p, email=None)}

        if s in ("good+f02serie", "good+xxe", "good+f12", "good+w1250", "good+f02perioada", "good+trunc",
                 "good+f08"):
            # a refused first attempt (_I_1), then the corrected file (_I_2)
            first_gen = self.gen_time(2, 6)
            bad = self.doc(p, certs, gen=first_gen, **good_kw)
            good = self.doc(p, certs, gen=self.gen_time(7, 9, last=first_gen), **good_kw)
            i = self.pick(certs)
            if s == "good+f02serie":
                bad["cert_opts"] = {i: {"serie_raw": certs[i]["serie"].lower()}}
                codes, note = ["F02"], f"Serie \"{certs[i]['serie'].lower()}\" in lowercase (certificate {i + 1})"
            elif s == "good+f02perioada":
                bad["cert_opts"] = {i: {"no_perioada": True}}
                codes, note = ["F02"], f"Perioada missing in certificate {i + 1} (Totaluri consistent with it)"
            elif s == "good+f12":
                bad["cert_opts"] = {i: {"operatie": "ADAUGARE"}}
                codes, note = ["F12"], f"operatie=\"ADAUGARE\" on certificate {i + 1} of an INITIALA"
            elif s == "good+f08":
                bad["totals"] = lambda nr, tz: (nr + 1, tz)
                codes, note = ["F08"], f"Totaluri nrCertificate=\"{n + 1}\" for {n} certificates"
            elif s == "good+xxe":
                bad["doctype"] = ('<!DOCTYPE RaportareCCM [\n'
                                  '  <!ENTITY xxe SYSTEM "file:///etc/passwd">\n'
                                  ']>')
                bad["cert_opts"] = {i: {"serie_raw": "&xxe;"}}
                codes, note = ["F01"], ("DOCTYPE with an external entity SYSTEM \"file:///etc/passwd\", "
                                        f"referenced as `<Serie>&xxe;</Serie>` in certificate {i + 1}")
            elif s == "good+w1250":
                j = self.pick(certs, lambda c: any(ch in cedilla(c["ins"][1]) for ch in "şţăîâ"))
                nume = cedilla(certs[j]["ins"][1])
                k = next(x for x, ch in enumerate(nume) if ch in "şţăîâ")
                raw = xattr(nume[:k]) + "#BADBYTE#" + xattr(nume[k + 1:])
                bad["cert_opts"] = {j: {"nume_raw": raw}}
                bad["bad_byte"] = ("#BADBYTE#", b"\x81")
                codes, note = ["F01"], (f"declared windows-1250, byte 0x81 (undefined in windows-1250) in the "
                                        f"insured's name of certificate {j + 1}")
            elif s == "good+trunc":
                codes, note = ["F01"], None
            data = render(bad)
            if s == "good+trunc":
                starts = [k for k in range(len(data)) if data.startswith(b"<Certificat>", k)]
                k = starts[len(starts) // 2]
                a = data.index(b'<Asigurat cnp="', k) + len(b'<Asigurat cnp="') + 6
                data = data[:a]
                note = (f"truncated after {a} bytes, inside certificate {len(starts) // 2 + 1} of {len(starts)} "
                        "(upload cut)")
            self.add("inbox", self.name(p, n=1), data, "RESPINS", codes, 0, p.cui, note)
            self.add("inbox", self.name(p, n=2), render(good), "INREGISTRAT", [], n, p.cui,
                     "the corrected resubmission: registered")
            return

        good = self.doc(p, certs, **good_kw)
        data = render(good)
        note = "good INITIALA"
        if s == "good+iso":
            note = "good INITIALA encoded in ISO-8859-2 (names with ş ţ ă î â)"
        elif s == "good+empty":
            note = "good INITIALA with an empty `<Certificate/>` (no certificates issued)"
        elif p.key == "AMB1":
            note = "good INITIALA; Furnizor denumire written with cedilla ş"
        self.add("inbox", self.name(p), data, "INREGISTRAT", [], n, p.cui, note)

        if s == "good+copie":
            self.add("inbox", self.name(p, suffix="_copie"), data, "DUPLICAT", [], 0, p.cui,
                     f"byte-identical copy of {self.name(p)}")
        elif s == "good+idreuse":
            later = dt.datetime.fromisoformat(good["gen"]) + dt.timedelta(minutes=17, seconds=23)
            again = dict(good, gen=later.isoformat())  # re-exported a quarter of an hour later
            data2 = render(again)
            assert data2 != data
            self.add("inbox", self.name(p, suffix="_v2"), data2, "DUPLICAT", [], 0, p.cui,
                     f"different bytes (dataGenerare) but the idDocument of {self.name(p)}")
        elif s == "good+f10":
            extra = w.gen_certs(p, 1, r, allow_cont=False)
            again = self.doc(p, certs + extra, gen=self.gen_time(8, 10, last=good["gen"]))
            if again["gen"] >= "2026-11-10T10":
                again["gen"] = "2026-11-10T09:41:07+02:00"
            self.add("inbox", self.name(p, n=2), render(again), "RESPINS", ["F10"], 0, p.cui,
                     "second INITIALA for 2026-10 (the first plus one forgotten certificate)")
        elif s == "good+f09":
            nov = w.gen_certs(p, r.randint(4, 8), r, lo=dt.date(2026, 11, 2), hi=dt.date(2026, 11, 9),
                              allow_cont=False)
            d = self.doc(p, nov, luna="2026-11", gen="2026-11-09T16:05:33+02:00")
            self.add("inbox", self.name(p, luna="202611"), render(d), "RESPINS", ["F09"], 0, p.cui,
                     'luna="2026-11", not over at receipt (2026-11-10)')

    def build_unknown(self):
        w, r = self.w, self.rng
        fake = Provider(("MFX", "MF", "CMI Dr. Vasilescu Radu", "cmi-vasilescu", 8, "unknown"),
                        w.ids, random.Random(f"{w.seed}:unknown"), 40, 0)
        cui = fake.cui  # fresh, valid control digit, not in the registry
        fake.nr_conventie = "MF-977/2025"
        certs = w.gen_certs(fake, r.randint(5, 9), r)
        self.add("inbox", self.name(cui), render(self.doc(fake, certs)), "RESPINS", ["F07"], 0, cui,
                 "provider CUI (valid control digit) not in the registry")


# --------------------------------------------------------------------------- outputs

CSV_HEADER = ["cui", "denumire", "casa", "nr_conventie", "conventie_de_la", "conventie_pana_la", "email", "tip"]


def write_csv(path: Path, rows):
    buf = io.StringIO()
    wr = csv.writer(buf, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    wr.writerow(CSV_HEADER)
    for row in rows:
        wr.writerow(row)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buf.getvalue().encode("utf-8"))


def bad_registry(world: World):
    rng = random.Random(f"{world.seed}:registry-bad")
    ids = world.ids
    return [
        (ids.cui(8), "CMI Dr. Grigore Anca", CASA, "MF-611/2025", "2025-01-01", "", "contact@cmi-grigore.ro", "MF"),
        (ids.bad_cui(8), "CMI Dr. Manea Sorin", CASA, "MF-612/2025", "2025-01-01", "",
         "contact@cmi-manea.ro", "MF"),
        (ids.cui(8), "Policlinica Dumbrăvița SRL", CASA, f"AMB-{rng.randint(400, 499)}/2025", "2025-03-01", "",
         "contact@policlinica-dumbravita.ro", "AMB"),
        (ids.cui(8), "Farmacia Sfânta Maria SRL", CASA, "F-88/2025", "2025-01-01", "2024-12-31",
         "contact@farmacia-sfmaria.ro", "FARMACIE"),
        (ids.cui(8), "Centrul Medical Giroc, Punct de Lucru Chișoda SRL", CASA, "ALT-205/2025", "2025-06-01",
         "2026-12-31", "contact@cm-giroc.ro", "ALTUL"),
    ]


def dump_expected(e) -> str:
    """JSON, one file / one centralizer row per line (easy to read and to diff)."""
    j = lambda v: json.dumps(v, ensure_ascii=False)
    L = ["{", f'  "luna": {j(e["luna"])},', f'  "receivedAt": {j(e["receivedAt"])},', '  "files": [']
    L += [f"    {j(f)}" + ("," if i < len(e["files"]) - 1 else "") for i, f in enumerate(e["files"])]
    c = e["centralizer"]
    L += ["  ],", '  "centralizer": {', f'    "counts": {j(c["counts"])},', '    "rows": [']
    L += [f"      {j(r)}" + ("," if i < len(c["rows"]) - 1 else "") for i, r in enumerate(c["rows"])]
    L += ["    ]", "  }", "}"]
    text = "\n".join(L) + "\n"
    assert json.loads(text) == e
    return text


def csv_line(row) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="").writerow(row)
    return buf.getvalue()


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    ap.add_argument("--mediu", choices=("TEST", "PRODUCTIE"), default="TEST",
                    help="mediu of the documents (default TEST; the F13 file gets the other one)")
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent / "SampleData",
                    help="output folder (default: SampleData/ of the repository)")
    args = ap.parse_args(argv)

    world = World(args.seed)
    b = Builder(world, args.mediu)
    b.build()
    out: Path = args.out

    # (re)create: remove only what this script writes
    for sub in ("registry", "registry-bad", "inbox", "inbox-late"):
        shutil.rmtree(out / sub, ignore_errors=True)
    for f in ("expected.json", "README.md"):
        (out / f).unlink(missing_ok=True)
    out.mkdir(parents=True, exist_ok=True)

    write_csv(out / "registry" / "furnizori.csv",
              [(p.cui, p.denumire, p.casa, p.nr_conventie, p.de_la, p.pana_la, p.email, p.tip)
               for p in world.providers])
    bad_rows = bad_registry(world)
    write_csv(out / "registry-bad" / "furnizori.csv", bad_rows)

    files = sorted(b.files, key=lambda f: (f["folder"] != "inbox", f["file"]))
    names = set()
    for f in files:
        assert (f["folder"], f["file"]) not in names, f["file"]
        names.add((f["folder"], f["file"]))
        d = out / f["folder"]
        d.mkdir(parents=True, exist_ok=True)
        (d / f["file"]).write_bytes(f["bytes"])

    # centralizer for 2026-10 after both folders are ingested
    stored = {}
    for f in files:
        if f["status"] == "INREGISTRAT" and f["file"].split("_")[2] == "202610":
            stored[f["cui"]] = stored.get(f["cui"], 0) + f["certificates"]
    rows = []
    for p in world.providers:
        if not p.in_october:
            continue
        if p.cui in stored:
            rows.append({"cui": p.cui, "stadiu": "VALIDAT", "nrCertificate": stored[p.cui]})
        else:
            rows.append({"cui": p.cui, "stadiu": "FĂRĂ RAPORTARE", "nrCertificate": 0})
    counts = {"VALIDAT": 0, "CU ERORI": 0, "FĂRĂ RAPORTARE": 0}
    for row in rows:
        counts[row["stadiu"]] += 1
    expected = {
        "luna": LUNA,
        "receivedAt": RECEIVED,
        "files": [{"folder": f["folder"], "file": f["file"], "status": f["status"], "codes": f["codes"],
                   "certificates": f["certificates"]} for f in files],
        "centralizer": {"counts": counts, "rows": rows},
    }
    (out / "expected.json").write_text(dump_expected(expected), encoding="utf-8")
    (out / "README.md").write_text(readme(world, b, files, rows, counts, args, bad_rows), encoding="utf-8")

    ndocs = len(files)
    ncert = sum(f["certificates"] for f in files)
    print(f"SampleData written to {out}: {len(world.providers)} providers, {ndocs} documents, "
          f"{ncert} certificates stored when all are ingested; centralizer {counts}")
    return 0


# --------------------------------------------------------------------------- README

SCENARIO_TEXT = {
    "good": "good INITIALA",
    "good+f02serie": "refused first attempt (F02, lowercase Serie), then a good `_I_2`",
    "good+iso": "good INITIALA in ISO-8859-2",
    "good+xxe": "refused first attempt (F01, XXE), then a good `_I_2`",
    "good+f10": "good INITIALA, then a second INITIALA (F10)",
    "good+copie": "good INITIALA, then a byte-identical copy (DUPLICAT)",
    "good+f12": "refused first attempt (F12), then a good `_I_2`",
    "good+f09": "good INITIALA, plus a November report sent too early (F09)",
    "good+w1250": "refused first attempt (F01, byte 0x81), then a good `_I_2` in windows-1250",
    "good+f02perioada": "refused first attempt (F02, Perioada missing), then a good `_I_2`",
    "good+trunc": "refused first attempt (F01, truncated), then a good `_I_2`",
    "good+f08": "refused first attempt (F08, nrCertificate off by one), then a good `_I_2`",
    "good+idreuse": "good INITIALA, then a re-export reusing its idDocument (DUPLICAT)",
    "good+empty": "good INITIALA with no certificates (`<Certificate/>`)",
    "late": "sends nothing on time; a good INITIALA in `inbox-late/` (W01)",
    "nothing": "sends nothing at all",
    "expired": "convention ended 2026-09-30; its October report is refused (F07); not in the centralizer",
    "future": "convention starts 2026-11-01; sends nothing; not in the centralizer",
    "f07cj": "only report has `casa=\"CJ\"` (F07)",
    "f08f12": "only report has wrong Totaluri and `operatie` in an INITIALA (F08 + F12)",
    "f11": "only report is a RECTIFICATIVA without an INITIALA (F11)",
    "f13": "only report has the other `mediu` (F13)",
}


def readme(world, b, files, rows, counts, args, bad_rows) -> str:
    stage = {r["cui"]: r for r in rows}
    L = []
    L.append("# SampleData — CAS Timiș (TM), luna 2026-10\n")
    L.append("Generated by `scripts/make-sampledata.py` (Python 3 standard library only, deterministic). "
             "Do not edit by hand; change the script and regenerate:\n")
    L.append("```sh\npython3 scripts/make-sampledata.py            # seed %d, mediu TEST\n"
             "python3 scripts/make-sampledata.py --mediu PRODUCTIE   # same data, mediu=\"PRODUCTIE\"\n```\n"
             % DEFAULT_SEED)
    L.append(f"This copy: seed {args.seed}, documents with `mediu=\"{args.mediu}\"`.\n")
    L.append("## Layout\n")
    L.append("| path | what |\n|---|---|")
    L.append("| `registry/furnizori.csv` | the 30 providers of CAS TM (UTF-8, RFC 4180, CRLF) |")
    L.append("| `registry-bad/furnizori.csv` | 5 rows; lines 3 and 5 are bad: the import must refuse the whole file "
             "and name lines 3 and 5 |")
    L.append(f"| `inbox/` | submissions received on time: ingest with `--received-at {RECEIVED['inbox']}` |")
    L.append(f"| `inbox-late/` | submissions received late: ingest with `--received-at {RECEIVED['inbox-late']}` |")
    L.append("| `expected.json` | the outcome each file was built to produce, and the 2026-10 centralizer after both "
             "folders |")
    L.append("")
    L.append("Demo (the documents are unsigned until signatures are implemented, so the deployment is TEST with "
             "signatures off; `ingest` moves files to the archive/quarantine, so work on a copy):\n")
    L.append("```sh\nW=$(mktemp -d) && cp -r SampleData/inbox SampleData/inbox-late \"$W\"/\n"
             "ccm registry import SampleData/registry/furnizori.csv\n"
             f"ccm ingest --inbox \"$W/inbox\" --received-at {RECEIVED['inbox']} --casa TM --mediu TEST "
             "--signatures off --json\n"
             f"ccm ingest --inbox \"$W/inbox-late\" --received-at {RECEIVED['inbox-late']} --casa TM --mediu TEST "
             "--signatures off --json\n"
             "ccm centralizer --luna 2026-10 --format json --casa TM\n```\n")
    L.append("Files in one folder share one receipt time, so they are processed in file-name order (byte order); "
             "names are chosen so that a refused first attempt `_I_1` comes before its corrected `_I_2`, and "
             "copies (`_I_1_copie`, `_I_1_v2`) and the second INITIALA (`_I_2`) come after the original.\n")
    L.append("## The county\n")
    nprov = len(world.providers)
    noct = sum(1 for p in world.providers if p.in_october)
    L.append(f"{nprov} providers, all of CAS TM; {noct} hold a convention covering some day of October 2026 "
             "(one convention ended 2026-09-30, one starts 2026-11-01). Conventions otherwise run from "
             "2025-01-01, open-ended. Names carry Romanian diacritics in comma-below form (ș ț); one denumire "
             "contains a comma and one a double quote, to exercise CSV quoting. CUIs are synthetic, 6–8 digits, "
             "with a valid control digit.\n")
    L.append("| key | tip | CUI | denumire | convenție | in the sample month | centralizer |")
    L.append("|---|---|---|---|---|---|---|")
    for p in world.providers:
        conv = f"{p.de_la} – {p.pana_la or '…'}"
        st = stage.get(p.cui)
        cz = f"{st['stadiu']} ({st['nrCertificate']})" if st else "— (no convention in October)"
        L.append(f"| {p.key} | {p.tip} | {p.cui} | {p.denumire.replace('|', '/')} | {conv} | "
                 f"{SCENARIO_TEXT[p.scenario]} | {cz} |")
    L.append("")
    L.append(f"Centralizer 2026-10 after both folders: {counts['VALIDAT']} VALIDAT, {counts['CU ERORI']} CU ERORI, "
             f"{counts['FĂRĂ RAPORTARE']} FĂRĂ RAPORTARE ({len(rows)} rows). Every stored certificate is built to "
             "pass the certificate rules (C01–C22 with the 2024 duration set), so VALIDAT is expected even once "
             "those rules exist.\n")
    L.append("## The submissions\n")
    good = [f for f in files if f["status"] == "INREGISTRAT"]
    L.append(f"{len(files)} files ({sum(1 for f in files if f['folder'] == 'inbox')} in `inbox/`, "
             f"{sum(1 for f in files if f['folder'] == 'inbox-late')} in `inbox-late/`); {len(good)} are registered "
             f"with {sum(f['certificates'] for f in good)} certificates in all.\n")
    L.append("Every document: namespace `urn:ro:cnas:ccm:raportare:1`, `versiune=\"1\"`, a UUID `idDocument` "
             "drawn from the seed, `dataGenerare` in early November 2026 at +02:00, the Furnizor as in the "
             "registry, no signature. Certificates: Serie `CCMAM` (cabinets, ambulatory, others) or `CCMAS` "
             "(hospitals), numbers sequential per provider in issue order and unique in the county; DataAcordarii "
             "in October (cabinets Monday–Friday, hospitals any day); Perioada from DataAcordarii or the day "
             "before (hospital discharge certificates may start up to 6 days before); INITIAL mostly, with "
             "CONTINUARE certificates naming an INITIAL earlier in the same document (same insured, same ICD-10 "
             "category, period starting the day after, DataAcordarii on the last day of the previous period or, "
             "when that day is a Sunday, on the Monday after); LocPrescriere 1 (MF), 3 (AMB, ALTUL), 2 (SPITAL); "
             "valid CNPs (some insured names written with cedilla ş ţ); Angajator mostly present (two employer "
             "CUIs carry the `RO` prefix, some without denumire); CodIndemnizatie mostly 01, also 02, 03, 05 "
             "(with CodBoalaInfecto 1–37), 06 (with CodUrgenta 1–100), 08 (women only), 09 (with the CNP of a "
             "child under 7). Family-doctor certificates for code 01 last at most 4 days (chains at most 7), as "
             "the 2024 rule set demands.\n")
    L.append("| folder | file | expected | codes | certificates stored | what it is |")
    L.append("|---|---|---|---|---|---|")
    for f in files:
        L.append(f"| {f['folder']} | `{f['file']}` | {f['status']} | {', '.join(f['codes']) or '—'} | "
                 f"{f['certificates']} | {f['note']} |")
    L.append("")
    L.append("Notes:\n")
    L.append("- F01 files: nothing past F01 can be said of them, so only F01 is expected even though their "
             "Furnizor may be readable.")
    L.append("- The XXE file references the entity in element content (`<Serie>&xxe;</Serie>`): XML forbids "
             "references to external entities in attribute values, and every name in the format is an "
             "attribute, so a reference in a name would make the file merely not well-formed instead of a real "
             "entity attack. A correct processor refuses it for its DOCTYPE and never opens /etc/passwd.")
    L.append("- F02 files keep Totaluri consistent with their content (totalZile counts certificates that have a "
             "Perioada), so F02 is their only reason.")
    L.append("- The F09 file reports November certificates (issued 2–9 November); it is refused and does not "
             "touch October.")
    L.append("- DUPLICAT files list no codes and store nothing; they must be processed after their original "
             "(their names sort after it).")
    L.append("- `codes` lists file-level codes only (F.., W01); certificate-level results are all VALID.")
    L.append("- The F13 file carries the other environment: with `--mediu PRODUCTIE` every other document is "
             "PRODUCTIE and the F13 file is TEST.")
    L.append("")
    L.append("## registry-bad/furnizori.csv\n")
    L.append("| line | row | meant to be |\n|---|---|---|")
    for i, row in enumerate(bad_rows, start=2):
        verdict = {3: "bad: CUI control digit wrong", 5: "bad: tip FARMACIE, and conventie_pana_la before "
                                                           "conventie_de_la"}.get(i, "good")
        L.append(f"| {i} | `{csv_line(row)}` | {verdict} |")
    L.append("")
    L.append("Its CUIs are not in `registry/furnizori.csv`, so a partial import would be visible.\n")
    return "\n".join(L)


if __name__ == "__main__":
    sys.exit(main())
